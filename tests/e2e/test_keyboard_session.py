"""A whole session without the mouse, in the program started as people start it: sign in,
start a session, scans, every action on the scanned rows (register, move, set, split,
print a label, item details, archive, the row menu), a scan typed into an open dialog,
the three views, the end with its note and the items not scanned archived as missing;
then Tools → Import Inventory and ⚙ → Load Batch-Scanner File by their keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QMenu, QWizard

from recon_desktop.core.records import View
from recon_desktop.ui.actions import (
    ArchiveDialog,
    ArchiveMissingDialog,
    MoveDialog,
    SetFieldDialog,
    SplitDialog,
)
from recon_desktop.ui.batch_load import BatchReportDialog
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.item_details import ItemDetailsWindow
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.register_dialog import RegisterDialog
from recon_desktop.ui.start_dialog import StartSessionDialog
from tests.e2e.program import (
    CTRL,
    QT_NOISE,
    SHIFT,
    Home,
    Script,
    active,
    child,
    modal,
    no_modal,
    popup_menu,
    press,
    press_later,
    run,
    scan_burst,
    type_text,
    until,
    window_manager_activates,
    window_of,
)
from tests.e2e.test_window import (
    ANA,
    ANA_PIN,
    CONFIG,
    IN_SCOPE,
    NOT_IN_SCOPE,
    check_clean,
    demo,
    last_scan,
    session_facts,
    session_shown,
    signed_in_window,
    view_closed,
    view_opened,
)

__all__ = ["demo"]
pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE)

ALT = Qt.KeyboardModifier.AltModifier
SESSION = "Keyboard count"
SHELF = "Building 1/Room 102/Freezer A/Shelf 1/Box 1"


def panel_detail(window: MainWindow) -> str:
    return child(window, QLabel, "lastScanDetail").text()


def back_to(window: MainWindow) -> Script:
    """A dialog closed: the window is active again (a desktop's window manager does it)."""
    yield no_modal()
    yield window_manager_activates(window)


def start_by_keys(window: MainWindow, name: str) -> Script:
    """Ctrl+Shift+S, the session's name, its lab and listing config typed, Enter."""
    press(Qt.Key.Key_S, CTRL | SHIFT)
    dialog = yield modal(StartSessionDialog)
    field = child(dialog, QLineEdit, "sessionName")
    yield until("the focus on the session's name", field.hasFocus)
    press(Qt.Key.Key_A, CTRL)
    type_text(name)
    press(Qt.Key.Key_Tab)
    type_text("Cell")
    assert child(dialog, QComboBox, "sessionLab").currentText() == "Cell Biology"
    press(Qt.Key.Key_Tab)
    type_text("Freezer")
    assert child(dialog, QComboBox, "listingConfig").currentText() == CONFIG
    count = child(dialog, QLabel, "matchCount")
    yield until("the count of matching items", lambda: "items match" in count.text())
    press(Qt.Key.Key_Return)
    yield until("the session in the window", session_shown(window, name))
    yield active(window)


def focus_the_list(window: MainWindow) -> Script:
    """Tab from the scan field to the scanned list."""
    for _ in range(8):
        if window.table.hasFocus():
            break
        press(Qt.Key.Key_Tab)
    yield until("the focus on the scanned list", window.table.hasFocus)


def test_a_whole_session_without_the_mouse(demo: Home, capsys: pytest.CaptureFixture[str]) -> None:
    def script() -> Script:
        window = yield from signed_in_window()

        # ---- start
        yield from start_by_keys(window, SESSION)

        # ---- scans, and an unknown barcode registered where it was found
        for code, tag in (
            (IN_SCOPE, "In Scope"),
            (NOT_IN_SCOPE, "Not in Scope"),
            ("NEW-TUBE-1", "Unknown barcode"),
        ):
            scan_burst(code)
            yield until(tag, lambda tag=tag: last_scan(window) == tag)
        press(Qt.Key.Key_N, CTRL)  # Register Item: the newest row, the unknown barcode
        register = yield modal(RegisterDialog)
        yield until("the focus on the ingredient", register.ingredient.hasFocus)
        type_text("Ethanol 70%")
        press(Qt.Key.Key_Tab)
        press(Qt.Key.Key_Tab)  # the type, taken from the known ingredient
        type_text("5")
        press(Qt.Key.Key_Tab)
        type_text("mL")
        press(Qt.Key.Key_Tab)
        scan_burst(SHELF)  # the location field takes the scan as its value (and Enter)
        yield until("registered", lambda: last_scan(window) == "Registered — label the new item")
        yield from back_to(window)

        # ---- the scanned list by keyboard: the first row, its actions by their shortcuts
        table = window.table
        yield from focus_the_list(window)
        for _ in range(3):
            press(Qt.Key.Key_Up)  # to the first row, which is selected then
        yield until("the first row selected", lambda: table.selectionModel().isRowSelected(0))
        assert table.selected_item_ids() == [2]  # RC00000002

        press_later(Qt.Key.Key_E, CTRL)  # Set
        set_dialog = yield modal(SetFieldDialog)
        scan_burst("RC00000003")  # a scan into the open dialog: recorded, never typed
        yield until("the scan from the dialog", lambda: panel_detail(window).startswith("RC"))
        assert set_dialog.value_edit.text() != "RC00000003"
        yield active(set_dialog)
        press(Qt.Key.Key_A, CTRL)  # the value, all of it
        type_text("10")
        press(Qt.Key.Key_Tab)
        type_text("counted")
        press(Qt.Key.Key_Return)
        yield until("set", lambda: last_scan(window) == "Quantity set")
        assert " → 10 " in panel_detail(window) + " "
        yield from back_to(window)

        press_later(Qt.Key.Key_M, CTRL)  # Move
        move = yield modal(MoveDialog)
        yield until("the focus on the location field", move.barcode_edit.hasFocus)
        scan_burst(SHELF)  # chooses it
        yield until("the location chosen", lambda: move.location_id is not None)
        press(Qt.Key.Key_Return)  # Move
        yield until("moved", lambda: last_scan(window) == "Moved")
        yield from back_to(window)

        press_later(Qt.Key.Key_T, CTRL)  # Split
        split = yield modal(SplitDialog)
        yield until("the focus on the quantity", split.quantity_edit.hasFocus)
        type_text("1")
        press(Qt.Key.Key_Return)
        yield until("split", lambda: last_scan(window) == "Split — label the new item")
        yield from back_to(window)

        press_later(Qt.Key.Key_P, CTRL)  # Print Label: a PDF where no printer is set up
        yield modal(QPrintDialog)
        press(Qt.Key.Key_Return)  # prints (the dialog goes: deleted once closed)
        yield from back_to(window)
        label = demo.root / "Documents" / f"label {IN_SCOPE}.pdf"
        yield until("the label's PDF", label.exists)

        press(Qt.Key.Key_I, CTRL)  # Item Details
        details = yield until("item details", lambda: window_of(ItemDetailsWindow))
        yield active(details)
        press(Qt.Key.Key_Escape)
        yield until("item details closed", lambda: window_of(ItemDetailsWindow) is None)
        yield window_manager_activates(window)

        press(Qt.Key.Key_Menu)  # the row menu, with each action's shortcut
        menu = yield popup_menu()
        assert menu.objectName() == "rowMenu"
        assert any(a.shortcut().toString() == "Ctrl+M" for a in menu.actions())
        press(Qt.Key.Key_Escape)
        yield until("the menu closed", lambda: window.findChild(QMenu, "rowMenu") is None)
        yield window_manager_activates(window)

        yield from focus_the_list(window)
        press(Qt.Key.Key_Down)  # the second row: archive it
        yield until("the second row", lambda: table.currentIndex().row() == 1)
        press_later(Qt.Key.Key_A, CTRL | SHIFT)  # Archive
        archive = yield modal(ArchiveDialog)
        yield until("the focus on the reason", archive.reason_edit.hasFocus)
        type_text("broken vial")
        press(Qt.Key.Key_Return)
        yield until("archived", lambda: last_scan(window) == "Archived")
        yield from back_to(window)

        # ---- the three views, each closed with Escape
        for number, view in enumerate(View, start=1):
            press(getattr(Qt.Key, f"Key_{number}"), CTRL)
            shown = yield view_opened(view, window.session.id)
            yield active(shown)
            press(Qt.Key.Key_Escape)
            yield view_closed(view)
            yield window_manager_activates(window)

        # ---- the end: the items not scanned archived as missing, a note, the PIN
        press(Qt.Key.Key_E, CTRL | SHIFT)
        end = yield modal(EndSessionDialog)
        yield until("the focus on the PIN", end.pin.hasFocus)
        press(Qt.Key.Key_A, ALT)  # Archive the … not scanned as missing
        missing = yield modal(ArchiveMissingDialog)
        type_text("not found")
        press(Qt.Key.Key_Return)
        yield until("archived as missing", end.archived.isVisible)
        yield window_manager_activates(end)  # its dialog closed
        press(Qt.Key.Key_N, ALT)  # the note
        yield until("the focus on the note", end.note.hasFocus)
        type_text("Box 1 was empty")
        press(Qt.Key.Key_P, ALT)  # the PIN
        yield until("the focus on the PIN again", end.pin.hasFocus)
        type_text(ANA_PIN)
        press(Qt.Key.Key_Return)
        yield no_modal()
        yield until("the session ended", lambda: window.session is None)
        assert missing is not None

    check_clean(run(demo, ["--demo"], script()))
    facts = session_facts(1, capsys)
    assert facts["name"] == SESSION and facts["started_by"] == ANA and facts["ended_at"]
    assert facts["end_note"] == "Box 1 was empty"
    assert facts["expected_scanned"] == 2  # RC00000002 and RC00000003 (from the dialog)
    assert facts["not_in_scope"] == 2  # RC00000001 and the registered NEW-TUBE-1
    assert facts["unknown"] == 0


def test_tools_import_inventory_by_alt_t_i(demo: Home, capsys: pytest.CaptureFixture[str]) -> None:
    """Alt+T, I: the import wizard for ana's lab; the file typed, its columns matched, the
    preview read, Import."""
    sheet = demo.root / "new items.csv"
    sheet.write_text(
        "barcode,ingredient,location,quantity,unit\n"
        "IMP-0001,Glycerol,Building 1/Room 101/Freezer A/Shelf 1/Box 1,250,mL\n"
        "IMP-0002,Agarose,Building 1/Room 101/Freezer A/Shelf 1/Box 2,100,g\n",
        encoding="utf-8",
    )

    def script() -> Script:
        window = yield from signed_in_window()
        press_later(Qt.Key.Key_T, ALT)
        tools = yield popup_menu()
        assert tools.title() == "&Tools"
        press_later(Qt.Key.Key_I)  # the wizard runs its own loop
        wizard = yield modal(QWizard, "importWizard")
        path = child(wizard, QLineEdit, "importPath")
        yield until("the focus on the file's path", path.hasFocus)
        type_text(str(sheet))
        press(Qt.Key.Key_Return)  # Next: the headers are read
        yield until("the columns matched", lambda: wizard.currentId() == 1)
        press(Qt.Key.Key_Return)  # Next: every row checked
        yield until("the preview", lambda: wizard.plan is not None)
        assert wizard.plan.ok, wizard.plan.problems
        press(Qt.Key.Key_Return)  # Import
        yield until("imported", lambda: wizard.imported is not None)
        yield from back_to(window)

    check_clean(run(demo, ["--demo"], script()))
    capsys.readouterr()


def test_a_batch_file_by_ctrl_shift_l(demo: Home, capsys: pytest.CaptureFixture[str]) -> None:
    """⚙ → Load Batch-Scanner File… by its shortcut: the file dialog, the file's lines as
    scans of the session, the report of each line refused."""
    scans = demo.root / "batch.txt"
    scans.write_text(f"{IN_SCOPE}\nRC00000004\nNOT-A-CODE\n", encoding="utf-8")

    def script() -> Script:
        window = yield from signed_in_window()
        yield from start_by_keys(window, "Batch")
        press_later(Qt.Key.Key_L, CTRL | SHIFT)
        files = yield modal(QFileDialog)
        type_text(str(scans))
        press(Qt.Key.Key_Return)
        report = yield modal(BatchReportDialog)
        summary = child(report, QLabel, "batchSummary").text()
        assert summary.startswith("Loaded into session #1: 2 In Scope, 1 Unknown barcode"), summary
        press(Qt.Key.Key_Escape)
        yield from back_to(window)
        yield until("the file's scans listed", lambda: window.model.rowCount() == 3)
        assert files is not None

    check_clean(run(demo, ["--demo"], script()))
    assert session_facts(1, capsys)["expected_scanned"] == 2
