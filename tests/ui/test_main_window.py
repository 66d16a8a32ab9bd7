"""The Barcode Tracking window driven through its real widgets and a real database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind, Tag, View
from recon_desktop.services import Services
from recon_desktop.store.db import open_database
from recon_desktop.ui.actions import SetFieldDialog
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.main_window import NO_SESSION_TEXT, RECON_TAG_TEXT, MainWindow
from recon_desktop.ui.row_menu import plain_text
from recon_desktop.ui.scan_list import COLUMN_INDEX, ScanListTableModel, ScanRow
from recon_desktop.ui.session_menu import END_TEXT, PAST_TEXT, START_TEXT
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.start_dialog import StartSessionDialog
from tests.ui.conftest import (
    OFFSCREEN_NOISE,
    STATION,
    LabWorld,
    activate,
    send_text,
    settle,
    type_scan,
    type_slowly,
)

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def item_scans(world: LabWorld, session_id: int) -> list[str]:
    return [
        e.barcode for e in world.services.sessions.scan_log(session_id) if e.kind is ScanKind.ITEM
    ]


def tag_text(window: MainWindow, row: int) -> str:
    return str(window.model.index(row, COLUMN_INDEX["tag"]).data())


def test_named_widgets_exist(world: LabWorld, make_window: MakeWindow) -> None:
    world.start_session()
    window = make_window()
    for name in (
        "scanInput",
        "scanTable",
        "clearAllButton",
        "cogButton",
        "sessionBanner",
        "reconTag",
        "lastScanPanel",
    ):
        assert window.findChild(object, name) is not None, name
    assert window.findChild(QLineEdit, "scanInput").hasFocus()
    assert window.recon_tag.text() == RECON_TAG_TEXT
    assert [a.text() for a in window.session_menu.cog_menu.actions()][:3] == [
        START_TEXT,
        END_TEXT,
        PAST_TEXT,
    ]
    assert window.operator_label.text().startswith("Operator: ana")
    assert window.lab_label.text() == "Lab: Cell Biology"
    assert str(world.db_path) in window.database_label.text()


def test_typed_barcode_is_recorded_then_tagged(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    log = world.services.sessions.scan_log(session.id)
    assert [(e.barcode, e.tag) for e in log] == [("ITEM-0001", Tag.IN_SCOPE)]
    assert window.model.rowCount() == 1
    assert tag_text(window, 0) == "In Scope"
    assert window.panel.tag.text() == "In Scope"
    assert window.panel.look == "in_scope"
    assert window.scan_input.text() == ""
    assert window.banner.progress.text().startswith("1 / 40 expected scanned")


def test_each_tag_has_word_colour_and_icon(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    for code in ("ITEM-0002", "ITEM-0045", "NO-SUCH-ITEM", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    words = [tag_text(window, row) for row in range(4)]
    assert words == ["In Scope", "Not in Scope", "Unknown barcode", "Already scanned"]
    column = COLUMN_INDEX["tag"]
    for row in range(4):
        index = window.model.index(row, column)
        assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert window.panel.tag.text() == "Already scanned"
    assert "Already scanned by ana" in window.panel.note.text()
    assert window.banner.progress.text() == ("1 / 40 expected scanned · 1 not in scope · 1 unknown")


def test_burst_while_table_has_focus_lands_as_scan(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    for code in ("ITEM-0001", "ITEM-0002", "ITEM-0003"):
        type_scan(qtbot, window.scan_input, code)
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(1, 0))
    type_scan(qtbot, window.table, "ITEM-0004")
    type_scan(qtbot, window.table, "ITEM-0005", Qt.Key.Key_Tab)
    assert item_scans(world, session.id)[-2:] == ["ITEM-0004", "ITEM-0005"]
    assert window.table.currentIndex().row() == 1  # no keyboard search, no moving down
    assert window.table.hasFocus()  # Tab ended the scan instead of moving the focus
    assert window.model.rowCount() == 5


def test_burst_while_button_has_focus_does_not_press_it(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    window.clear_all.setFocus()
    with qtbot.assertNotEmitted(window.clear_all.clicked):
        type_scan(qtbot, window.clear_all, "ITEM 0002")  # a space inside, then Enter
        type_scan(qtbot, window.clear_all, "ITEM-0003")
    assert item_scans(world, session.id) == ["ITEM-0001", "ITEM 0002", "ITEM-0003"]
    assert window.model.rowCount() == 3
    window.cog.setFocus()
    type_scan(qtbot, window.cog, "ITEM-0004")
    assert not window.session_menu.cog_menu.isVisible()
    assert item_scans(world, session.id)[-1] == "ITEM-0004"


def test_gs1_scan_keeps_the_group_separator(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    send_text(window.scan_input, "]C10109501234567893\x1d10LOT7")
    assert window.scan_input.text() == "]C10109501234567893\u241d10LOT7"  # shown visibly
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)
    settle(qtbot, window)
    log = world.services.sessions.scan_log(session.id)
    assert len(log) == 1
    assert log[0].raw == "]C10109501234567893\x1d10LOT7"
    assert "\x1d" in log[0].raw
    assert window.model.rowCount() == 1


def test_repeated_terminators_make_no_extra_scans(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    window.table.setFocus()
    qtbot.keyClicks(window.table, "ITEM-0006")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Enter):
        qtbot.keyClick(window.table, key)
    settle(qtbot, window)
    assert len(world.services.sessions.scan_log(session.id)) == 1
    assert window.model.rowCount() == 1
    assert window.table.hasFocus()


def test_ctrl_z_undoes_the_last_scan(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0007")
    type_scan(qtbot, window.scan_input, "ITEM-0008")
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    log = world.services.sessions.scan_log(session.id)
    assert [e.undone for e in log if e.kind is ScanKind.ITEM] == [False, True]
    assert tag_text(window, 1) == "In Scope (undone)"
    assert window.model.index(1, 1).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert window.panel.tag.text() == "Scan undone"
    assert window.banner.progress.text().startswith("1 / 40")
    assert window.scan_input.text() == ""


def test_clear_all_keeps_the_recorded_scans(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    type_scan(qtbot, window.scan_input, "ITEM-0002")
    qtbot.mouseClick(window.clear_all, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 0
    assert len(world.services.sessions.scan_log(session.id)) == 2
    assert window.banner.progress.text().startswith("2 / 40")
    assert window.scan_input.hasFocus()
    type_scan(qtbot, window.table, "ITEM-0003")
    assert window.model.rowCount() == 1
    again = make_window()  # the cleared list stays cleared on this workstation
    assert [r.barcode for r in again.model.rows()] == ["ITEM-0003"]


def test_window_on_the_same_database_file_comes_back_as_it_was(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, settings: QSettings
) -> None:
    session = world.start_session()
    window = make_window()
    shelf1 = world.shelf1.barcode or ""
    for code in (shelf1, "ITEM-0001", "ITEM-0030", "ITEM-0045", "UNKNOWN-1"):
        type_scan(qtbot, window.scan_input, code)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    rows = [(r.barcode, tag_text(window, n)) for n, r in enumerate(window.model.rows())]
    progress = window.banner.progress.text()
    window.close()

    db = open_database(world.db_path)  # as after a restart: a new connection
    try:
        services = Services.create(db, station=STATION)
        again = MainWindow(
            services, world.ana.operator(), database=str(world.db_path), settings=settings
        )
        qtbot.addWidget(again)
        activate(qtbot, again)
        settle(qtbot, again)
        assert again.session is not None and again.session.id == session.id
        assert again.banner.isVisible()
        assert again.banner.name.text() == "Freezer A count"
        assert again.banner.progress.text() == progress
        assert [(r.barcode, tag_text(again, n)) for n, r in enumerate(again.model.rows())] == rows
        assert rows[-1] == ("UNKNOWN-1", "Unknown barcode (undone)")
        assert rows[2][0] == "ITEM-0030"
        assert again.model.index(2, COLUMN_INDEX["wrong_location"]).data() == "Wrong location"
    finally:
        db.close()


def test_without_a_session_scans_are_not_recorded(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window()
    assert not window.banner.isVisible()
    assert not window.recon_tag.isVisible()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert window.panel.tag.text() == NO_SESSION_TEXT
    assert window.model.rowCount() == 0
    assert world.services.sessions.list() == []


def test_garbage_is_not_saved(qtbot: QtBot, world: LabWorld, make_window: MakeWindow) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "X" * 300)
    assert window.panel.look == "error"
    assert window.panel.tag.text() == "NOT SAVED"
    assert window.panel.detail.text()  # the sentence from the service
    assert window.model.rowCount() == 0
    assert world.services.sessions.scan_log(session.id) == []


def test_refused_scan_shows_not_saved_sentence(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window(world.vic)  # a viewer sees the session but may not scan
    assert window.session is None and window.panel.join.isVisible()  # offered, not joined
    qtbot.mouseClick(window.panel.join, Qt.MouseButton.LeftButton)
    assert window.session is not None
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert window.panel.tag.text() == "NOT SAVED"
    assert "vic cannot scan" in window.panel.detail.text()
    assert window.model.rowCount() == 0


def test_wrong_location_item_is_moved_here(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, world.shelf1.barcode or "")
    assert window.panel.tag.text() == "Location set"
    type_scan(qtbot, window.scan_input, "ITEM-0030")  # recorded on shelf 2
    assert window.panel.move_here.isVisible()
    assert "Wrong location" in window.panel.wrong.text()
    qtbot.mouseClick(window.panel.move_here, Qt.MouseButton.LeftButton)
    item = world.services.inventory.item_by_barcode("ITEM-0030")
    assert item.location_id == world.shelf1.id
    assert window.panel.tag.text() == "Moved here"
    assert window.model.index(1, COLUMN_INDEX["wrong_location"]).data() == "Moved"
    assert window.model.index(1, COLUMN_INDEX["location"]).data() == item.location
    history = world.services.inventory.history(item.id)
    assert history[-1].kind == "moved" and history[-1].session_id == session.id
    type_scan(qtbot, window.scan_input, "ITEM-0001")  # on shelf 1: no wrong location
    assert not window.panel.move_here.isVisible()


def test_end_is_refused_to_a_non_starter(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session(world.ana)
    window = make_window(world.ben)  # ana's session is offered to ben, who joins it
    assert window.session is None
    assert window.panel.tag.text() == f"“{session.name}” is active"
    qtbot.mouseClick(window.panel.join, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.id == session.id
    window._update_actions()
    assert not window.session_menu.end_action.isEnabled()
    assert "Only ana, who started this session, can end it" in (
        window.session_menu.end_action.toolTip()
    )
    # who ends it, in the status bar; its shortcut answers with why
    assert window.ender_label.isVisible()
    assert window.ender_label.text() == "Only ana can end this session"
    qtbot.keyClick(
        window.scan_input,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.panel.tag.text() == "Not yours to end"
    assert window.panel.detail.text().startswith("Only ana, who started this session")
    assert "⚙ → Leave Session" in window.panel.detail.text()
    window.end_session()  # forced: the service refuses and the dialog says why
    dialog = window.dialog
    assert isinstance(dialog, EndSessionDialog)
    qtbot.keyClicks(dialog.pin, world.ben.pin)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.ending)  # the end is written off the GUI thread
    assert dialog.error.text() == "Only ana, who started this session, can end it."
    assert dialog.pin.isEnabled() and dialog.pin.text() == ""
    assert world.services.sessions.info(session.id).active
    dialog.reject()


def test_starter_ends_the_session_with_the_pin(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    window.open_view(View.NOT_SCANNED)  # left open while the session ends
    view = window.windows[0]
    window._update_actions()
    assert window.session_menu.end_action.isEnabled()
    assert not window.session_menu.start_action.isEnabled()
    window.session_menu.end_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, EndSessionDialog)
    assert dialog.summary_labels["Expected scanned"].text() == "1 of 40"
    assert dialog.summary_labels["Not scanned"].text() == "39"
    assert not window.ender_label.isVisible()  # ana ends what she started
    # the items not scanned: archived as missing, with a reason, before signing
    assert dialog.archive_button.text() == "&Archive the 39 not scanned as missing…"
    missing = dialog.ask_archive_missing()
    assert missing is not None
    missing.reason_edit.setText("not on the shelf")
    missing.ok_button.click()
    qtbot.waitUntil(lambda: dialog.archived.isVisible())
    assert dialog.archived.text() == "39 items were archived as missing; the end can be signed."
    assert dialog.summary_labels["Not scanned"].text() == "39"  # not found; archived now
    assert not dialog.archive_button.isEnabled()  # nothing left to archive
    assert world.services.inventory.item_by_barcode("ITEM-0002").status.value == "archived"
    dialog.note.setPlainText("Shelf 2 was being defrosted.")
    qtbot.keyClicks(dialog.pin, "000000")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Unknown user or wrong PIN."
    assert world.services.sessions.info(session.id).active
    qtbot.keyClicks(dialog.pin, world.ana.pin)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    ended = world.services.sessions.info(session.id)
    assert not ended.active and ended.end_note == "Shelf 2 was being defrosted."
    assert window.session is None
    assert not window.banner.isVisible()
    assert (
        window.session_menu.start_action.isEnabled()
        and not window.session_menu.end_action.isEnabled()
    )
    assert getattr(view, "read_only", False)  # the open view has no actions any more
    assert view.windowTitle().endswith("(ended)")


def test_start_from_the_cog_menu(qtbot: QtBot, world: LabWorld, make_window: MakeWindow) -> None:
    window = make_window()
    window._update_actions()
    assert window.session_menu.start_action.isEnabled()
    assert not window.session_menu.end_action.isEnabled()
    window.session_menu.start_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, StartSessionDialog)
    dialog.name.setText("Monday count")
    assert dialog.config.currentText() == "Freezer A"
    qtbot.waitUntil(lambda: "40 items match" in dialog.count_label.text())
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.name == "Monday count"
    assert window.banner.isVisible()
    settle(qtbot, window)
    assert window.banner.progress.text().startswith("0 / 40")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert window.panel.tag.text() == "In Scope"


def test_keys_in_a_modal_dialog_are_not_taken(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window()
    window.start_session()
    dialog = window.dialog
    assert isinstance(dialog, StartSessionDialog)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.name.clear()
    dialog.name.setFocus()
    # as a scanner types (its Enter starts the session: read before the dialog goes)
    qtbot.keyClicks(dialog.name, "Night count")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.name.text() == "Night count"
    assert window.scan_input.text() == ""
    dialog.reject()


def test_in_another_window_a_person_types_and_a_burst_is_a_scan(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    other = QLineEdit()  # e.g. the quick filter of a view window
    qtbot.addWidget(other)
    activate(qtbot, other)
    type_slowly(qtbot, other, "Ethanol", window.capture)
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert other.text() == "Ethanol"
    assert world.services.sessions.scan_log(session.id) == []
    type_scan(qtbot, other, "ITEM-0002")  # at a scanner's speed: a scan, not text
    assert other.text() == "Ethanol"
    assert [e.barcode for e in world.services.sessions.scan_log(session.id)] == ["ITEM-0002"]
    assert window.panel.tag.text() == "In Scope"
    toast = other.findChild(QLabel, "scanToast")
    assert toast is not None and toast.isVisible()
    assert toast.text() == "ITEM-0002 — In Scope · recorded in “Freezer A count”"
    activate(qtbot, window)
    assert window.scan_input.hasFocus()


def test_switch_operator_keeps_the_session(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    qtbot.keyClick(
        window.scan_input,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.dialog
    assert isinstance(dialog, SignInDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.user, "BADGE-ben")  # a badge scan, then the PIN
    qtbot.keyClick(dialog.user, Qt.Key.Key_Return)
    assert dialog.pin.hasFocus()
    type_scan(qtbot, dialog.pin, "ITEM-0004")  # a scan now cannot be recorded: refused
    assert dialog.pin.text() == "" and dialog.isVisible()
    assert window.panel.tag.text() == "NOT RECORDED"
    assert window.panel.detail.text() == "Sign in first: ITEM-0004 was not recorded."
    assert dialog.findChild(QLabel, "scanToast").text() == window.panel.detail.text()
    type_slowly(qtbot, dialog.pin, world.ben.pin, window.capture)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert window.operator.name == "ben"
    assert window.operator_label.text().startswith("Operator: ben")
    assert window.session is not None and window.session.id == session.id
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_scan(qtbot, window.scan_input, "ITEM-0009")
    assert [(e.barcode, e.user) for e in world.services.sessions.scan_log(session.id)] == [
        ("ITEM-0009", "ben")
    ]
    window._update_actions()
    assert not window.session_menu.end_action.isEnabled()


def test_window_geometry_is_remembered(
    qtbot: QtBot, make_window: MakeWindow, settings: QSettings
) -> None:
    window = make_window()
    window.resize(700, 500)  # within the offscreen screen (800×600)
    window.close()
    assert settings.value("mainWindow/geometry") is not None
    again = make_window()
    assert (again.width(), again.height()) == (700, 500)


def test_views_are_offered_from_the_recon_tag(world: LabWorld, make_window: MakeWindow) -> None:
    world.start_session()
    window = make_window()
    texts = [a.text() for a in window.recon_tag.menu().actions()]
    assert texts == [
        "Not scanned from original listing…",
        "Scanned not in original listing…",
        "All inventory in original listing…",
    ]


def test_scan_list_model_passes_the_model_tester(qtmodeltester: object, world: LabWorld) -> None:
    session = world.start_session()
    operator = world.ana.operator()
    sessions = world.services.sessions
    for code in (
        world.shelf1.barcode or "",
        "ITEM-0001",
        "ITEM-0030",
        "ITEM-0045",
        "NOPE",
        "ITEM-0001",
    ):
        sessions.scan(operator, session.id, code)
    sessions.undo_last(operator, session.id)
    model = ScanListTableModel()
    model.set_rows(
        [
            ScanRow.from_entry(e)
            for e in sessions.scan_log(session.id)
            if e.kind is not ScanKind.UNDO
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    row = model.rows()[2]
    assert row.item_id is not None
    model.show_item(world.services.inventory.item(row.item_id))
    model.clear()
    qtmodeltester.check(model)  # type: ignore[attr-defined]


@pytest.mark.parametrize("user", ["vic"])
def test_start_is_unavailable_without_a_member_role(
    user: str, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window(getattr(world, user))
    window._update_actions()
    assert not window.session_menu.start_action.isEnabled()
    assert "not a member or admin" in window.session_menu.start_action.toolTip()


def test_sign_in_says_one_sentence_on_failure(qtbot: QtBot, world: LabWorld) -> None:
    dialog = SignInDialog(world.services)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.user, "ana")
    qtbot.keyClicks(dialog.pin, "000000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.operator is None
    assert dialog.error.text() == "Unknown user or wrong PIN."
    assert dialog.pin.text() == ""
    qtbot.keyClicks(dialog.pin, world.ana.pin)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.operator is not None and dialog.operator.name == "ana"
    assert dialog.operator.station == STATION


def test_sign_in_with_a_badge_then_the_pin(qtbot: QtBot, world: LabWorld) -> None:
    dialog = SignInDialog(world.services)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    type_scan(qtbot, dialog.user, "BADGE-ben")  # the badge scanner ends with Enter
    assert dialog.isVisible() and dialog.error.isHidden()
    assert dialog.pin.hasFocus()
    qtbot.keyClicks(dialog.pin, world.ben.pin)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.operator is not None and dialog.operator.name == "ben"


def test_selected_rows_give_their_items(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    for code in (world.shelf1.barcode or "", "ITEM-0001", "NOPE", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    window.table.selectAll()
    ids = window.table.selected_item_ids()
    item = world.services.inventory.item_by_barcode
    assert ids == [item("ITEM-0001").id, item("ITEM-0002").id]  # not the location, unknown


def context_menu(window: MainWindow) -> QMenu | None:
    """Right-click on the scanned list: the menu it pops up, if any."""
    viewport = window.table.viewport()
    at = QPoint(10, 10)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)
    return window.findChild(QMenu, "rowMenu")


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard")
def test_the_scanned_lists_menu_offers_the_selected_items_actions_and_details(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    for code in (world.shelf1.barcode or "", "ITEM-0001", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    window.table.selectRow(0)  # the location: no item, no menu, a sentence instead
    assert context_menu(window) is None
    assert window.panel.tag.text() == "No item selected"

    window.table.selectAll()  # two items: their actions, no details (one item only)
    menu = context_menu(window)
    assert menu is not None
    entries = [(plain_text(a), a.shortcut().toString()) for a in menu.actions()]
    assert entries == [
        ("Move…", "Ctrl+M"),
        ("Archive…", "Ctrl+Shift+A"),
        ("Print Label…", "Ctrl+P"),
    ]
    menu.close()
    qtbot.waitUntil(lambda: window.findChild(QMenu, "rowMenu") is None)

    window.table.selectRow(2)
    menu = context_menu(window)
    assert menu is not None
    assert [plain_text(a) for a in menu.actions()] == [
        "Move…",
        "Split…",
        "Set…",
        "Archive…",
        "Print Label…",
        "Item Details…",
    ]
    menu.actions()[-1].trigger()
    assert len(window.windows) == 1
    assert "ITEM-0002" in window.windows[0].windowTitle()
    window.windows[0].close()


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard")
@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ],
)
def test_the_menu_key_and_shift_f10_open_the_rows_actions_from_the_scan_field(
    qtbot: QtBot,
    world: LabWorld,
    make_window: MakeWindow,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    """Not the scan field's Cut/Copy menu: the actions of the newest row, with none
    selected (it is selected then, to be seen)."""
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert window.scan_input.hasFocus() and not window.table.selectionModel().hasSelection()
    qtbot.keyClick(window.scan_input, key, modifiers)
    menu = window.findChild(QMenu, "rowMenu")
    assert menu is not None and menu.isVisible()
    assert plain_text(menu.actions()[0]) == "Move…"
    assert window.table.selectionModel().isRowSelected(0)
    menu.close()


def test_each_row_action_has_its_shortcut_and_says_why_when_it_cannot(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    for code in ("ITEM-0001", "NOPE-1", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    window.table.selectRow(1)  # an unknown barcode: no item to move
    qtbot.keyClick(window.scan_input, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.tag.text() == "No item selected"
    assert "register it (Ctrl+N)" in window.panel.detail.text()
    window.table.selectAll()  # two items: one at a time for a split
    qtbot.keyClick(window.scan_input, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.tag.text() == "Select one item"
    flags = QItemSelectionModel.SelectionFlag
    window.table.selectionModel().select(  # not selectRow: Ctrl may still read as held
        window.model.index(0, 0), flags.ClearAndSelect | flags.Rows
    )
    qtbot.keyClick(window.scan_input, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert len(window.windows) == 1 and "ITEM-0001" in window.windows[0].windowTitle()
    details = window.windows[0]
    activate(qtbot, details)
    qtbot.keyClick(details, Qt.Key.Key_Escape)  # Escape closes item details
    qtbot.waitUntil(lambda: len(window.windows) == 0)


def test_a_view_window_gets_its_own_keys(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    qtbot.keyClick(window.scan_input, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert len(window.windows) == 1
    view = window.windows[0]
    assert "Not scanned from original listing" in view.windowTitle()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    quick_filter = view.findChild(QLineEdit, "quickFilter")
    assert quick_filter is not None
    quick_filter.setFocus()
    type_slowly(qtbot, quick_filter, "ITEM-0002", window.capture)  # a person: it filters
    assert quick_filter.text() == "ITEM-0002"
    assert item_scans(world, session.id) == ["ITEM-0001"]  # not taken as a scan
    quick_filter.clear()
    type_scan(qtbot, quick_filter, "ITEM-0003")  # a scanner: recorded, not filtered by
    assert quick_filter.text() == ""
    assert item_scans(world, session.id) == ["ITEM-0001", "ITEM-0003"]
    view.close()


def test_enter_on_a_scanned_row_opens_the_item_details(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0003")
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 1))
    window.capture._ended_at = float("-inf")  # long after the scan: a person's Enter
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert len(window.windows) == 1
    assert "ITEM-0003" in window.windows[0].windowTitle()
    window.windows[0].close()


def test_join_and_leave_an_active_session(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window(world.ben)
    window._update_actions()
    assert not window.session_menu.join_menu.isEnabled()  # nothing to join yet
    session = world.start_session(world.ana)  # started at another workstation meanwhile
    window._update_actions()
    entries = window.session_menu.join_menu.actions()
    assert [a.text() for a in entries] == ["Freezer A count — Cell Biology, started by ana"]
    entries[0].trigger()
    assert window.session is not None and window.session.id == session.id
    type_scan(qtbot, window.scan_input, "ITEM-0010")
    assert world.services.sessions.scan_log(session.id)[-1].user == "ben"
    window.session_menu.leave_action.trigger()
    assert window.session is None
    assert world.services.sessions.info(session.id).active
    window._update_actions()
    assert window.session_menu.start_action.isEnabled()


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock in Berlin (CET/CEST), for the test only."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_on_screen_are_local_with_the_zone_named_once(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, berlin: None
) -> None:
    """A repeat is told who scanned it first at the time the list shows for that scan
    (local, not UTC), and the status bar names the zone."""
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0002")
    type_scan(qtbot, window.scan_input, "ITEM-0002")
    listed = str(window.model.index(0, COLUMN_INDEX["time"]).data())
    assert window.panel.note.text() == f"Already scanned by ana at {listed} on {STATION}."
    first = world.services.sessions.scan_log(window.session.id)[0].at  # stored in UTC
    local = first.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
    assert listed == local.strftime("%H:%M:%S") != first.strftime("%H:%M:%S")
    zone = window.zone_label.text()
    assert zone in ("Times: CET, UTC+01:00", "Times: CEST, UTC+02:00"), zone
    assert "UTC" not in window.panel.note.text()


def test_scans_typed_into_dialogs_are_recorded_or_refused_never_typed(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """An action dialog and a message box take a scan into the session (their fields
    stay as they were, the scan's answer shows at their foot); the end dialog refuses one
    while its PIN is asked for, and takes one before."""
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0002")
    item = world.services.inventory.item_by_barcode("ITEM-0002")
    dialog = SetFieldDialog(window, world.services, window.operator, item, session.id)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert dialog.value_edit.hasFocus()
    type_scan(qtbot, dialog.value_edit, "4012345678901")  # never saved as a quantity
    assert dialog.value_edit.text() == "3" and dialog.isVisible()
    assert item_scans(world, session.id) == ["ITEM-0002", "4012345678901"]
    assert dialog.findChild(QLabel, "scanToast").text().startswith("4012345678901 — Unknown")
    dialog.reject()

    box = QMessageBox(QMessageBox.Icon.Information, "recon-desktop", "Read me", parent=window)
    qtbot.addWidget(box)
    activate(qtbot, box)
    type_scan(qtbot, box, "ITEM-0003")
    assert box.isVisible()  # the scanner's Enter did not close it
    assert item_scans(world, session.id)[-1] == "ITEM-0003"
    box.close()

    end = EndSessionDialog(world.services, window.operator, session, parent=window)
    qtbot.addWidget(end)
    activate(qtbot, end)
    assert end.pin.hasFocus()
    type_scan(qtbot, end.pin, "ITEM-0004")
    assert end.pin.text() == "" and item_scans(world, session.id)[-1] == "ITEM-0003"
    assert window.panel.tag.text() == "NOT RECORDED"
    assert "The session is being ended: ITEM-0004 was not recorded." in (window.panel.detail.text())
    cancel = end.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    before = end.summary_labels["Expected scanned"].text()
    type_scan(qtbot, cancel, "ITEM-0005")  # before signing: recorded, the summary follows
    assert item_scans(world, session.id)[-1] == "ITEM-0005"
    assert end.summary_labels["Expected scanned"].text() != before
    end.reject()


def test_a_scan_without_a_session_answers_and_clears_the_field(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window()
    assert window.session is None
    qtbot.keyClicks(window.scan_input, "ITEM-0001")
    assert window.scan_input.text() == "ITEM-0001"
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)
    assert window.scan_input.text() == ""
    assert window.panel.tag.text() == NO_SESSION_TEXT
    assert window.panel.detail.text().startswith("ITEM-0001 was not recorded.")


def test_a_session_started_elsewhere_is_offered_within_seconds_and_resumed_after_a_restart(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window(world.ben)
    assert window.session is None and not window.panel.join.isVisible()
    session = world.start_session(world.ana)  # at another workstation
    qtbot.waitUntil(lambda: window.panel.join.isVisible(), timeout=5_000)
    assert window.panel.tag.text() == f"“{session.name}” is active"
    assert "Started by ana" in window.panel.detail.text()
    qtbot.mouseClick(window.panel.join, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.id == session.id
    window.close()
    again = make_window(world.ben)  # the window comes back as it was: in that session
    assert again.session is not None and again.session.id == session.id
