"""The start dialog: saved or new listing config, inline filter checks, the live count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recon_desktop.core.filters import DEFAULT_COLUMNS, Filter
from recon_desktop.errors import PermissionDeniedError
from recon_desktop.ui.start_dialog import NEW_CONFIG, FilterRow, StartSessionDialog
from tests.ui.conftest import FREEZER, OFFSCREEN_NOISE, LabWorld, WorldUser

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def open_dialog(qtbot: QtBot, world: LabWorld, user: WorldUser | None = None) -> StartSessionDialog:
    dialog = StartSessionDialog(world.services, (user or world.ana).operator())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def make_admin(world: LabWorld) -> None:
    """ana becomes an admin of the lab: making a listing config is an admin's."""
    root = world.services.auth.sign_in("root", "999111")
    world.services.admin.add_user(root, "ana", "", lab=world.lab.name, role="admin")


def choose_new_config(dialog: StartSessionDialog) -> None:
    dialog.config.setCurrentIndex(dialog.config.findText(NEW_CONFIG))
    assert dialog.is_new_config()


def set_row(row: FilterRow, field: str, op: str, value: str) -> None:
    row.field.setCurrentIndex(row.field.findData(field))
    row.op.setCurrentIndex(row.op.findText(op))
    row.value.setText(value)


def test_saved_config_counts_and_starts(qtbot: QtBot, world: LabWorld) -> None:
    dialog = open_dialog(qtbot, world)
    assert dialog.lab.currentText() == "Cell Biology"
    assert dialog.config.currentText() == "Freezer A"
    assert not dialog.editor.isVisible()
    # the saved filters by their fields' labels and their operators' words
    assert "Location within Building 1/Room 101/Freezer A" in dialog.config_summary.text()
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith("40 items match"))
    assert dialog.ok_button.isEnabled()
    dialog.name.setText("Tuesday")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.started is not None
    assert world.services.sessions.progress(dialog.started.id).expected_total == 40


def test_empty_session_name_disables_ok(qtbot: QtBot, world: LabWorld) -> None:
    dialog = open_dialog(qtbot, world)
    dialog.name.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.name.setText("Count")
    assert dialog.ok_button.isEnabled()


def test_bad_filter_row_is_marked_and_fixing_it_enables_ok(qtbot: QtBot, world: LabWorld) -> None:
    dialog = open_dialog(qtbot, world)
    choose_new_config(dialog)
    assert dialog.editor.isVisible()
    dialog.config_name.setText("Big bottles")
    row = dialog.filter_rows[0]
    set_row(row, "quantity", ">", "lots")
    assert not dialog.ok_button.isEnabled()
    assert row.error.isVisibleTo(dialog)
    assert row.error.text() == "Quantity: 'lots' is not a number."
    assert row.value.property("invalid") is True
    assert row.op.findText("contains") == -1  # operators fit the field

    row.value.setText("3")
    assert dialog.ok_button.isEnabled()
    assert not row.error.isVisibleTo(dialog)
    assert row.value.property("invalid") is False
    expected = world.services.admin.count_matching(world.lab.id, [Filter("quantity", ">", "3")])
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith(f"{expected} items match"))

    second = dialog.add_filter_row()
    assert not dialog.ok_button.isEnabled()  # a new row has no value yet
    set_row(second, "location", "within", FREEZER)
    assert dialog.ok_button.isEnabled()
    narrower = world.services.admin.count_matching(
        world.lab.id, [Filter("quantity", ">", "3"), Filter("location", "within", FREEZER)]
    )
    assert narrower < expected
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith(f"{narrower} items match"))

    qtbot.mouseClick(second.remove, Qt.MouseButton.LeftButton)
    assert dialog.filter_rows == [row]
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith(f"{expected} items match"))


def test_no_value_operator_needs_no_value(qtbot: QtBot, world: LabWorld) -> None:
    dialog = open_dialog(qtbot, world)
    choose_new_config(dialog)
    dialog.config_name.setText("No lot")
    row = dialog.filter_rows[0]
    set_row(row, "lot", "empty", "")
    assert not row.value.isEnabled()
    assert dialog.ok_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith("0 items match"))


def test_new_config_with_ordered_columns_is_saved_and_used(qtbot: QtBot, world: LabWorld) -> None:
    make_admin(world)
    dialog = open_dialog(qtbot, world)
    choose_new_config(dialog)
    dialog.name.setText("Fridge check")
    dialog.config_name.setText("Fridge B")
    set_row(dialog.filter_rows[0], "location", "within", "Building 1/Room 102/Fridge B")
    chooser = dialog.columns
    assert chooser.columns() == list(DEFAULT_COLUMNS)
    chooser.chosen.setCurrentRow(chooser.columns().index("expiry"))
    qtbot.mouseClick(chooser.remove_button, Qt.MouseButton.LeftButton)
    lab_item = next(
        chooser.available.item(n)
        for n in range(chooser.available.count())
        if chooser.available.item(n).text() == "Lab"
    )
    chooser.available.setCurrentItem(lab_item)
    qtbot.mouseClick(chooser.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chooser.up_button, Qt.MouseButton.LeftButton)
    columns = [*DEFAULT_COLUMNS[:-2], "lab", "lot"]
    assert chooser.columns() == columns
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith("10 items match"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.started is not None
    assert list(dialog.started.columns) == columns
    assert dialog.started.config_name == "Fridge B"
    assert "Fridge B" in [name for _, name in world.services.admin.configs(world.lab.id)]


def test_refusal_is_shown_and_the_dialog_stays(qtbot: QtBot, world: LabWorld) -> None:
    world.start_session()  # ana already has an active session in this lab
    make_admin(world)
    dialog = open_dialog(qtbot, world)
    choose_new_config(dialog)
    dialog.config_name.setText("Everything")
    set_row(dialog.filter_rows[0], "status", "=", "active")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "already has an active session" in dialog.error.text()
    # the new config was saved once; a second try uses it instead of saving it again
    assert dialog.config.currentText() == "Everything"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "already has an active session" in dialog.error.text()
    names = [name for _, name in world.services.admin.configs(world.lab.id)]
    assert names.count("Everything") == 1


def test_a_member_chooses_a_saved_config_but_makes_none(qtbot: QtBot, world: LabWorld) -> None:
    """Listing configs are an admin's: a member is not offered to make one (and the
    service refuses one made anyway)."""
    dialog = open_dialog(qtbot, world)
    names = [dialog.config.itemText(n) for n in range(dialog.config.count())]
    assert NEW_CONFIG not in names and "Freezer A" in names
    with pytest.raises(PermissionDeniedError, match="ana cannot add listing configs"):
        world.services.admin.add_config(world.ana.operator(), "Mine", world.lab.name, [])


def test_a_viewer_cannot_start(qtbot: QtBot, world: LabWorld) -> None:
    dialog = open_dialog(qtbot, world, world.vic)
    assert dialog.lab.count() == 0
    assert not dialog.ok_button.isEnabled()
    assert "not a member or admin of any lab" in dialog.error.text()


def test_enter_in_the_name_starts_the_session(qtbot: QtBot, world: LabWorld) -> None:
    """No mouse needed: the hidden column chooser's buttons must not take Enter."""
    dialog = open_dialog(qtbot, world)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    dialog.name.setFocus()
    dialog.name.setText("By keyboard")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.started is not None and dialog.started.name == "By keyboard"
