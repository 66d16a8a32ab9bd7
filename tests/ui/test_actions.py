"""Move, Split, Set and Archive through their dialogs, refusals, conflicts, item details."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ItemStatus, View
from recon_desktop.ui import formatting
from recon_desktop.ui.actions import (
    ActionDialog,
    ArchiveDialog,
    MoveDialog,
    SetFieldDialog,
    SplitDialog,
    load_items,
    refusal,
    run_action,
)
from recon_desktop.ui.item_details import ItemDetailsWindow, open_item_details
from recon_desktop.ui.views import ViewWindow, open_view
from tests.ui.big_world import (
    SCANNED_IN_SCOPE,
    BigWorld,
    barcode_of,
    big_world,
    child,
    host,
    offscreen_noise,
    wait_loaded,
    when_modal,
)

__all__ = ["big_world", "host"]
pytestmark = pytest.mark.qt_log_ignore(*offscreen_noise)


D = TypeVar("D", bound=ActionDialog)


def dialog_for(
    qtbot: QtBot, cls: type[D], world: BigWorld, *barcodes: str, field_name: str = "quantity"
) -> D:
    items = load_items(world.services, [world.item_id(b) for b in barcodes])
    args = (world.services, world.ana)
    dialog: ActionDialog
    if cls is SplitDialog:
        dialog = SplitDialog(None, *args, items[0], world.session.id)
    elif cls is SetFieldDialog:
        dialog = SetFieldDialog(None, *args, items[0], world.session.id, field_name)
    elif cls is MoveDialog:
        dialog = MoveDialog(None, *args, items, world.session.id)
    else:
        dialog = ArchiveDialog(None, *args, items, world.session.id)
    assert isinstance(dialog, cls)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press_ok(qtbot: QtBot, dialog: ActionDialog) -> None:
    ok = child(dialog, QPushButton, "okButton")
    assert ok is not None and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def error_of(dialog: ActionDialog) -> str:
    label = dialog.error_label
    return label.text() if not label.isHidden() else ""


# ------------------------------------------------------------------ move
def test_move_by_scanning_the_location_barcode(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = SCANNED_IN_SCOPE[0]  # on shelf 1
    dialog = dialog_for(qtbot, MoveDialog, big_world, barcode)
    assert not dialog.ok_button.isEnabled()
    edit = child(dialog, QLineEdit, "locationBarcode")
    qtbot.keyClicks(edit, "LOC-SHELF-2")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # chooses; does not move yet
    assert dialog.isVisible()
    assert dialog.location_id == big_world.shelf2.id
    assert dialog.chosen_label.text() == big_world.shelf2.path
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)  # the second Enter confirms
    assert dialog.result() == QDialog.DialogCode.Accepted
    item = big_world.services.inventory.item(big_world.item_id(barcode))
    assert item.location_id == big_world.shelf2.id
    last = big_world.services.inventory.history(item.id)[-1]
    assert (last.kind, last.old_value, last.new_value) == (
        "moved",
        big_world.shelf1.path,
        big_world.shelf2.path,
    )
    assert last.session_name == "Spring count"


def test_move_by_choosing_in_the_tree(qtbot: QtBot, big_world: BigWorld) -> None:
    dialog = dialog_for(qtbot, MoveDialog, big_world, barcode_of(1))
    assert isinstance(dialog, MoveDialog)
    assert dialog.select_location(big_world.cabinet.id)
    assert dialog.tree.currentIndex().data() == "Cabinet B"
    press_ok(qtbot, dialog)
    item = big_world.services.inventory.item(big_world.item_id(barcode_of(1)))
    assert item.location == big_world.cabinet.path


def test_move_to_an_unknown_barcode_is_explained(qtbot: QtBot, big_world: BigWorld) -> None:
    dialog = dialog_for(qtbot, MoveDialog, big_world, barcode_of(1))
    edit = child(dialog, QLineEdit, "locationBarcode")
    qtbot.keyClicks(edit, "LOC-NOWHERE")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "There is no location" in error_of(dialog)
    assert not dialog.ok_button.isEnabled()


def test_move_several_reports_each_refusal(qtbot: QtBot, big_world: BigWorld) -> None:
    # BC-0001 and BC-0002 are on shelf 1, BC-0200 is already on shelf 2
    barcodes = (barcode_of(1), barcode_of(2), barcode_of(200))
    dialog = dialog_for(qtbot, MoveDialog, big_world, *barcodes)
    assert isinstance(dialog, MoveDialog)
    dialog.select_location(big_world.shelf2.id)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.report_label.isHidden())
    report = dialog.report_label.text().splitlines()
    assert report[0] == "Moved 2 of 3 items."
    assert report[1].startswith(f"{barcode_of(200)}: ") and "already at" in report[1]
    assert dialog.outcome.changed == 2
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # Close
    for barcode in barcodes:
        item = big_world.services.inventory.item(big_world.item_id(barcode))
        assert item.location_id == big_world.shelf2.id


# ------------------------------------------------------------------ split
def test_split_with_a_generated_barcode(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(20)  # 11 mL
    dialog = dialog_for(qtbot, SplitDialog, big_world, barcode)
    assert isinstance(dialog, SplitDialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(child(dialog, QLineEdit, "quantityEdit"), "2.5")
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    source = big_world.services.inventory.item(big_world.item_id(barcode))
    assert source.quantity == Decimal("8.5")
    assert dialog.new_item is not None and dialog.new_item.quantity == Decimal("2.5")
    assert dialog.new_item.barcode.startswith("RD")
    assert big_world.services.inventory.history(source.id)[-1].kind == "split"


def test_split_with_a_scanned_barcode(qtbot: QtBot, big_world: BigWorld) -> None:
    dialog = dialog_for(qtbot, SplitDialog, big_world, barcode_of(20))
    qtbot.keyClicks(child(dialog, QLineEdit, "quantityEdit"), "1")
    qtbot.keyClicks(child(dialog, QLineEdit, "newBarcodeEdit"), "NEW-TUBE-1")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(child(dialog, QLineEdit, "newBarcodeEdit"), Qt.Key.Key_Return)
    new = big_world.services.inventory.item_by_barcode("NEW-TUBE-1")
    assert new.quantity == 1 and new.location_id == big_world.shelf1.id


def test_split_more_than_there_is_is_refused(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(20)
    before = big_world.services.inventory.item(big_world.item_id(barcode))
    dialog = dialog_for(qtbot, SplitDialog, big_world, barcode)
    qtbot.keyClicks(child(dialog, QLineEdit, "quantityEdit"), "100")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "it holds only 11 mL" in error_of(dialog)
    assert big_world.services.inventory.item(before.id) == before
    child(dialog, QLineEdit, "quantityEdit").setText("abc")
    assert not dialog.ok_button.isEnabled()


def test_split_of_an_unclear_amount_says_why(qtbot: QtBot, big_world: BigWorld) -> None:
    """'1.000,5' cannot be read by this English locale (a thousands separator after the
    decimal point): pressing Split says so and splits nothing (it is not silently read as
    something, nor left greyed out without a word)."""
    barcode = barcode_of(20)
    before = big_world.services.inventory.item(big_world.item_id(barcode))
    dialog = dialog_for(qtbot, SplitDialog, big_world, barcode)
    qtbot.keyClicks(child(dialog, QLineEdit, "quantityEdit"), "1.000,5")
    assert dialog.ok_button.isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "'1.000,5' has a thousands separator (,) after its decimal mark (.)" in error_of(dialog)
    assert big_world.services.inventory.item(before.id) == before
    child(dialog, QLineEdit, "quantityEdit").setText("0,5")  # a decimal comma: one reading
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.new_item is not None and dialog.new_item.quantity == Decimal("0.5")


def test_amounts_are_read_as_the_chosen_locale_writes_them(
    qtbot: QtBot, big_world: BigWorld
) -> None:
    """In German "1.000" is a thousand (never one) and "0,5" a half; the quantity is shown
    with a decimal comma."""
    barcode = barcode_of(20)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        dialog = dialog_for(qtbot, SplitDialog, big_world, barcode)
        edit = child(dialog, QLineEdit, "quantityEdit")
        assert edit.placeholderText() == "less than 11"
        qtbot.keyClicks(edit, "1.000")
        press_ok(qtbot, dialog)
        assert "Cannot split 1.000 mL" in error_of(dialog)  # a thousand, as German writes it
        edit.setText("0,5")
        press_ok(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.new_item is not None and dialog.new_item.quantity == Decimal("0.5")
        assert formatting.quantity(Decimal("1234.5")) == "1.234,5"
    finally:
        QLocale.setDefault(previous)


# ------------------------------------------------------------------ set
def test_set_quantity_needs_a_reason(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(5)  # 3.5 mL
    dialog = dialog_for(qtbot, SetFieldDialog, big_world, barcode)
    assert isinstance(dialog, SetFieldDialog)
    assert dialog.field_name == "quantity"
    value = child(dialog, QLineEdit, "valueEdit")
    assert value.text() == "3.5"
    value.setText("7")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(child(dialog, QLineEdit, "reasonEdit"), "recounted")
    press_ok(qtbot, dialog)
    item = big_world.services.inventory.item(big_world.item_id(barcode))
    assert item.quantity == 7
    last = big_world.services.inventory.history(item.id)[-1]
    assert (last.kind, last.field, last.old_value, last.new_value, last.reason) == (
        "set",
        "quantity",
        "3.5",
        "7",
        "recounted",
    )


def test_set_another_field(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(5)
    dialog = dialog_for(qtbot, SetFieldDialog, big_world, barcode, field_name="lot")
    assert child(dialog, QLineEdit, "valueEdit").text() == "LOT-5"
    child(dialog, QLineEdit, "valueEdit").setText("LOT-X")
    child(dialog, QLineEdit, "reasonEdit").setText("label misread")
    press_ok(qtbot, dialog)
    assert big_world.services.inventory.item(big_world.item_id(barcode)).lot == "LOT-X"


def test_set_a_bad_value_is_refused(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(5)
    dialog = dialog_for(qtbot, SetFieldDialog, big_world, barcode)
    child(dialog, QLineEdit, "valueEdit").setText("lots")
    child(dialog, QLineEdit, "reasonEdit").setText("recounted")
    press_ok(qtbot, dialog)
    assert "must be a number" in error_of(dialog)
    assert big_world.services.inventory.item(big_world.item_id(barcode)).quantity == Decimal("3.5")


def test_a_stale_item_gets_the_conflict_sentence(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(5)
    dialog = dialog_for(qtbot, SetFieldDialog, big_world, barcode)
    item_id = big_world.item_id(barcode)
    # meanwhile, at another workstation
    big_world.services.actions.set_field(
        big_world.ben, item_id, "quantity", "9", reason="recounted at TEST-2"
    )
    child(dialog, QLineEdit, "valueEdit").setText("7")
    child(dialog, QLineEdit, "reasonEdit").setText("recounted")
    press_ok(qtbot, dialog)
    assert "was changed by someone else in the meantime" in error_of(dialog)
    assert big_world.services.inventory.item(item_id).quantity == 9


# ------------------------------------------------------------------ archive
def test_archive_needs_a_reason(qtbot: QtBot, big_world: BigWorld) -> None:
    barcode = barcode_of(7)
    dialog = dialog_for(qtbot, ArchiveDialog, big_world, barcode)
    assert "nothing is deleted" in dialog.description.text()
    assert not dialog.ok_button.isEnabled()
    child(dialog, QLineEdit, "reasonEdit").setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog._on_buttons_accepted()  # even if OK were forced, nothing happens
    assert dialog.isVisible()
    assert big_world.services.inventory.item(big_world.item_id(barcode)).status is ItemStatus.ACTIVE
    qtbot.keyClicks(child(dialog, QLineEdit, "reasonEdit"), "empty tube")
    press_ok(qtbot, dialog)
    item = big_world.services.inventory.item(big_world.item_id(barcode))
    assert item.status is ItemStatus.ARCHIVED
    assert big_world.services.inventory.history(item.id)[-1].reason == "empty tube"


def test_archive_several(qtbot: QtBot, big_world: BigWorld) -> None:
    barcodes = [barcode_of(n) for n in range(30, 36)]
    dialog = dialog_for(qtbot, ArchiveDialog, big_world, *barcodes)
    assert dialog.ok_button.text() == "Archive 6 items" or not dialog.ok_button.isEnabled()
    child(dialog, QLineEdit, "reasonEdit").setText("expired")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.report_label.isHidden())
    assert dialog.report_label.text() == "Archived 6 of 6 items."
    for barcode in barcodes:
        item = big_world.services.inventory.item(big_world.item_id(barcode))
        assert item.status is ItemStatus.ARCHIVED


# ------------------------------------------------------------------ run_action
def test_refusals_before_any_dialog() -> None:
    assert refusal("split", [1, 2]) == "Select exactly one item to split (2 are selected)."
    assert refusal("set", []) is not None
    assert refusal("teleport", [1]) is not None
    assert refusal("move", [1, 2]) is None


def test_run_action_opens_the_dialog_and_says_if_something_changed(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    item_id = big_world.item_id(barcode_of(8))

    def archive(dialog: QDialog) -> None:
        assert isinstance(dialog, ArchiveDialog)
        child(dialog, QLineEdit, "reasonEdit").setText("leaking")
        dialog.ok_button.click()

    ran = when_modal(archive, ArchiveDialog)
    outcome = run_action(
        host, big_world.services, big_world.ana, "archive", [item_id], big_world.session.id
    )
    assert outcome.changed == 1 and outcome.action == "archive"
    (change,) = outcome.changes
    assert (change.before.status, change.after.status) == (
        ItemStatus.ACTIVE,
        ItemStatus.ARCHIVED,
    )
    assert ran == [True]
    assert big_world.services.inventory.item(item_id).status is ItemStatus.ARCHIVED

    ran = when_modal(lambda dialog: dialog.reject(), SplitDialog)
    assert not run_action(
        host, big_world.services, big_world.ana, "split", [item_id], big_world.session.id
    ).changed
    assert ran == [True]

    ran = when_modal(lambda box: box.accept(), QMessageBox)
    assert not run_action(
        host, big_world.services, big_world.ana, "split", [1, 2], big_world.session.id
    ).changed
    assert ran == [True]


def test_actions_from_a_view_refresh_it(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = open_view(
        host, big_world.services, big_world.ana, big_world.session.id, View.NOT_SCANNED
    )
    assert isinstance(window, ViewWindow)
    wait_loaded(qtbot, window)
    assert window.model.total == 245
    window.table.selectRow(0)
    first = window.model.item_id(0)

    def move(dialog: QDialog) -> None:
        assert isinstance(dialog, MoveDialog)
        dialog.select_location(big_world.cabinet.id)
        dialog.ok_button.click()

    when_modal(move, MoveDialog)
    child(window, QPushButton, "moveButton").click()
    wait_loaded(qtbot, window)
    assert first is not None
    assert big_world.services.inventory.item(first).location_id == big_world.cabinet.id
    # the frozen scope keeps the moved item expected (and still not scanned)
    assert window.model.total == 245


# ------------------------------------------------------------------ item details
def test_item_details_show_the_history_with_the_session(
    qtbot: QtBot, qtmodeltester: ModelTester, big_world: BigWorld, host: QWidget
) -> None:
    barcode = SCANNED_IN_SCOPE[1]
    item_id = big_world.item_id(barcode)
    big_world.services.actions.move(
        big_world.ana, item_id, big_world.shelf2.id, session_id=big_world.session.id, reason="tidy"
    )
    window = open_item_details(host, big_world.services, item_id)
    qtbot.addWidget(window)
    assert isinstance(window, ItemDetailsWindow)
    assert window.objectName() == "itemDetails"
    assert window.values["barcode"].text() == barcode
    assert window.values["location"].text() == big_world.shelf2.path
    assert window.values["quantity"].text() == "6 mL"  # item 10: 10 % 97 / 2 + 1
    assert window.values["status"].text() == "Active"
    model = window.history_model
    qtmodeltester.check(model)
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Time", "Event", "Field", "Change", "Reason", "User", "Station", "Session"]
    scanned = next(r for r in rows if r[1] == "scanned")
    assert scanned[7] == "Spring count" and scanned[5] == "ana"
    moved = rows[-1]
    assert moved[1] == "moved"
    assert moved[3] == f"{big_world.shelf1.path} → {big_world.shelf2.path}"
    assert moved[4] == "tidy" and moved[6] == "TEST-1" and moved[7] == "Spring count"


def test_a_large_selection_is_read_and_changed_off_the_gui_thread(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    ids = [big_world.item_id(barcode_of(n)) for n in range(1, 121)]
    reports: list[str] = []

    def archive(dialog: QDialog) -> None:
        assert isinstance(dialog, ArchiveDialog) and len(dialog.items) == 120
        child(dialog, QLineEdit, "reasonEdit").setText("freezer failure")
        dialog.ok_button.click()

        def close_when_reported() -> None:
            if dialog.report_label.isHidden():
                QTimer.singleShot(10, close_when_reported)
            else:
                reports.append(dialog.report_label.text())
                dialog.ok_button.click()

        close_when_reported()

    when_modal(archive, ArchiveDialog)
    outcome = run_action(
        host, big_world.services, big_world.ana, "archive", ids, big_world.session.id
    )
    assert outcome.changed == 120
    assert reports == ["Archived 120 of 120 items."]
    assert all(big_world.services.inventory.item(i).status is ItemStatus.ARCHIVED for i in ids)


def test_item_details_open_once_per_item_and_refresh(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    item_id = big_world.item_id(barcode_of(3))
    window = open_item_details(host, big_world.services, item_id)
    qtbot.addWidget(window)
    assert isinstance(window, ItemDetailsWindow)
    rows = window.history_model.rowCount()
    big_world.services.actions.set_field(
        big_world.ben, item_id, "lot", "LOT-Z", reason="relabelled"
    )
    assert open_item_details(host, big_world.services, item_id) is window
    assert window.history_model.rowCount() == rows + 1
    assert window.values["lot"].text() == "LOT-Z"
    other = open_item_details(host, big_world.services, big_world.item_id(barcode_of(4)))
    qtbot.addWidget(other)
    assert other is not window
