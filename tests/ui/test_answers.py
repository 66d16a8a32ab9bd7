"""Every action answers in the Barcode Tracking window: the last-scan panel says what
changed, old → new; the scanned list, the banner and the open views show the new values at
once; a split shows the new barcode large, to copy."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ItemStatus, Tag, View
from recon_desktop.errors import NotFoundError
from recon_desktop.ui import item_labels
from recon_desktop.ui.actions import ArchiveDialog, MoveDialog, SetFieldDialog, SplitDialog
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.register_dialog import RegisterDialog
from recon_desktop.ui.row_menu import plain_text
from recon_desktop.ui.scan_list import COLUMN_INDEX
from recon_desktop.ui.views import ViewWindow
from tests.ui.big_world import wait_loaded, when_modal
from tests.ui.conftest import FRIDGE, OFFSCREEN_NOISE, LabWorld, activate, settle, type_scan
from tests.ui.test_main_window import context_menu

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def cell(window: MainWindow, row: int, key: str) -> str:
    return str(window.model.index(row, COLUMN_INDEX[key]).data())


def act(
    qtbot: QtBot, window: MainWindow, action: str, fill: Callable[[QDialog], None], kind: type
) -> None:
    """The action chosen for the selected rows, its dialog filled in and confirmed; the
    window active again (as a window manager makes it when a dialog closes)."""
    ran = when_modal(fill, kind)
    window.items.actions.actions[action].trigger()  # its shortcut, or the row menu
    assert ran == [True]
    activate(qtbot, window)


def test_set_answers_old_and_new_in_the_panel_and_the_list(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0002")  # 3 mL
    assert cell(window, 0, "quantity") == "3 mL"
    window.table.selectRow(0)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SetFieldDialog)
        dialog.value_edit.setText("2.5")
        dialog.reason_edit.setText("measured")
        dialog.ok_button.click()

    act(qtbot, window, "set", fill, SetFieldDialog)
    assert window.panel.tag.text() == "Quantity set"
    assert window.panel.detail.text() == "ITEM-0002 · Quantity: 3 mL → 2.5 mL"
    assert window.panel.look == "changed"
    assert cell(window, 0, "quantity") == "2.5 mL"  # the list shows the item as it is now
    tooltip = str(window.model.index(0, 0).data(0x03))  # ToolTipRole
    assert "At the scan: " in tooltip and "3 mL" in tooltip


def test_move_and_archive_answer_and_the_row_follows(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, world.shelf1.barcode or "")
    type_scan(qtbot, window.scan_input, "ITEM-0030")  # on shelf 2: wrong location
    assert cell(window, 1, "wrong_location") == "Wrong location"
    window.table.selectRow(1)

    def move(dialog: QDialog) -> None:
        assert isinstance(dialog, MoveDialog)
        dialog.select_location(world.fridge.id)
        dialog.ok_button.click()

    act(qtbot, window, "move", move, MoveDialog)
    assert window.panel.tag.text() == "Moved"
    assert window.panel.detail.text() == (
        f"ITEM-0030 · Location: {world.shelf2.path} → {world.fridge.path}"
    )
    assert cell(window, 1, "location") == world.fridge.path
    assert cell(window, 1, "wrong_location") == "Moved"

    def archive(dialog: QDialog) -> None:
        assert isinstance(dialog, ArchiveDialog)
        dialog.reason_edit.setText("leaking")
        dialog.ok_button.click()

    act(qtbot, window, "archive", archive, ArchiveDialog)
    assert window.panel.tag.text() == "Archived"
    assert window.panel.detail.text() == "ITEM-0030 · Status: active → archived"
    assert cell(window, 1, "ingredient").endswith("(archived)")


def test_split_shows_the_new_barcode_large_with_copy_and_print_label(
    qtbot: QtBot,
    world: LabWorld,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0006")  # 7 mL
    window.table.selectRow(0)

    def split(dialog: QDialog) -> None:
        assert isinstance(dialog, SplitDialog)
        dialog.quantity_edit.setText("2")
        dialog.ok_button.click()

    act(qtbot, window, "split", split, SplitDialog)
    new = world.services.inventory.item_by_barcode(window.panel.big_barcode.text())
    assert new.quantity == 2 and new.ingredient == window.panel.ingredient.text()
    assert window.panel.big_barcode.isVisible() and window.panel.copy_button.isVisible()
    assert window.panel.tag.text() == "Split — label the new item"
    assert "2 mL split off ITEM-0006 (Quantity: 7 mL → 5 mL)" in window.panel.detail.text()
    assert cell(window, 0, "quantity") == "5 mL"
    window.panel.copy_button.click()
    assert QApplication.clipboard().text() == new.barcode
    # Print label: the print dialog, then a PDF (no printer is set up here)
    monkeypatch.setattr(item_labels, "documents_location", lambda: tmp_path)
    monkeypatch.setattr(item_labels.QPrinterInfo, "availablePrinters", staticmethod(list))
    ran = when_modal(lambda dialog: dialog.accept(), QPrintDialog)
    window.panel.print_button.click()
    assert ran == [True]
    text = PdfReader(tmp_path / f"label {new.barcode}.pdf").pages[0].extract_text()
    assert new.barcode in text
    activate(qtbot, window)
    type_scan(qtbot, window.scan_input, "ITEM-0001")  # the next scan: no big barcode
    assert window.panel.tag.text() == "In Scope"
    assert not window.panel.big_barcode.isVisible()
    assert not window.panel.copy_button.isVisible()


def test_an_action_in_a_view_answers_in_the_window_and_the_views_follow(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0004")
    window.open_view(View.ALL_IN_LISTING)
    window.open_view(View.NOT_SCANNED)
    views = [w for w in window.windows if isinstance(w, ViewWindow)]
    assert len(views) == 2
    for view in views:
        wait_loaded(qtbot, view)
    everything, not_scanned = views
    row = next(
        r
        for r in range(everything.model.rowCount())
        if everything.model.index(r, 0).data() == "ITEM-0004"
    )
    everything.table.selectRow(row)

    def archive(dialog: QDialog) -> None:
        dialog.findChild(QLineEdit, "reasonEdit").setText("empty")
        dialog.ok_button.click()

    ran = when_modal(archive, ArchiveDialog)
    assert everything.run_action("archive").changed == 1
    assert ran == [True]
    item = world.services.inventory.item_by_barcode("ITEM-0004")
    assert item.status is ItemStatus.ARCHIVED
    assert window.panel.tag.text() == "Archived"  # the window answers
    assert cell(window, 0, "ingredient").endswith("(archived)")
    wait_loaded(qtbot, not_scanned)
    assert not window.windows._stale  # the other view was read again
    assert session.id == window.session.id


def test_an_unknown_barcode_is_registered_from_the_panel_where_the_technician_is(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, world.shelf2.barcode or "")
    type_scan(qtbot, window.scan_input, "NEW-TUBE-7")
    assert window.panel.tag.text() == "Unknown barcode"
    assert window.panel.register_button.isVisible()
    window.panel.register_button.click()
    dialog = window.dialog
    assert isinstance(dialog, RegisterDialog)
    assert dialog.location.text() == world.shelf2.path  # where the technician is
    assert dialog.location.property("scanField") == "location"
    dialog.ok.click()  # nothing typed yet: it says what is needed, and writes nothing
    assert dialog.isVisible()
    assert dialog.error.text() == "Fill in the ingredient and the quantity to register the item."
    dialog.ingredient.setText("Ethanol 70%")
    dialog.ingredient.editingFinished.emit()
    assert dialog.ingredient_type.text() == "solvent"  # a known ingredient's type
    dialog.quantity.setText("12,5")
    dialog.unit.setText("mL")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    item = world.services.inventory.item_by_barcode("NEW-TUBE-7")
    assert (item.quantity, item.location_id) == (Decimal("12.5"), world.shelf2.id)
    # the panel shows the new item's barcode large, to label it; the row its new tag
    assert window.panel.tag.text() == "Registered — label the new item"
    assert window.panel.big_barcode.text() == "NEW-TUBE-7"
    assert window.panel.print_button.isVisible()
    assert cell(window, 1, "tag") == "Not in Scope"
    assert cell(window, 1, "ingredient") == "Ethanol 70%"
    settle(qtbot, window.scan_input)  # the banner is read again after the scan before it
    assert window.banner.progress.text().endswith("1 not in scope · 0 unknown")
    log = world.services.sessions.scan_log(session.id)
    assert [(e.kind.value, e.tag) for e in log][-2:] == [
        ("item", Tag.UNKNOWN),  # the scan, as it was
        ("registered", Tag.NOT_IN_SCOPE),  # its follow-up
    ]


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard")
def test_the_scanned_lists_menu_registers_an_unknown_row(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "NEW-TUBE-8")
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    window.table.selectRow(0)
    assert window.table.selected_unknown() is not None
    menu = context_menu(window)
    assert [plain_text(a) for a in menu.actions()] == ["Register Item…"]
    menu.actions()[0].trigger()
    dialog = window.dialog
    assert isinstance(dialog, RegisterDialog)
    assert dialog.location.text() == ""  # no location scanned yet: one is asked for
    dialog.ingredient.setText("Mystery buffer")
    dialog.quantity.setText("1")
    dialog.ok.click()  # says what is still missing
    assert dialog.error.text() == (
        "Fill in the location (scan it, or type its path) to register the item."
    )
    with pytest.raises(NotFoundError):  # nothing written
        world.services.inventory.item_by_barcode("NEW-TUBE-8")
    dialog.location.setText(FRIDGE)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    assert world.services.inventory.item_by_barcode("NEW-TUBE-8").location == FRIDGE
    assert cell(window, 0, "tag") == "Not in Scope"
    window.table.selectRow(1)
    assert window.table.selected_unknown() is None
