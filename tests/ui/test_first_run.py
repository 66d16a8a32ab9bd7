"""First run: an empty database offers create admin and lab, import, or the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import Operator, Role
from recon_desktop.services import Services
from recon_desktop.store.db import open_database
from recon_desktop.ui.first_run import CreateAdminDialog, FirstRunWindow
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Services]:
    db = open_database(tmp_path / "empty.sqlite3")
    try:
        yield Services.create(db, station="TEST-1")
    finally:
        db.close()


class Recorder:
    def __init__(self) -> None:
        self.demo = 0
        self.imports: list[tuple[QWidget, Operator, int]] = []

    def open_demo(self) -> None:
        self.demo += 1

    def import_wizard(
        self, parent: QWidget, _services: Services, operator: Operator, lab_id: int
    ) -> bool:
        self.imports.append((parent, operator, lab_id))
        return True


def _window(qtbot: QtBot, services: Services, recorder: Recorder) -> FirstRunWindow:
    window = FirstRunWindow(
        services,
        database="/tmp/empty.sqlite3",
        open_demo=recorder.open_demo,
        import_wizard=recorder.import_wizard,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isVisible)
    return window


def _create_dialog(qtbot: QtBot, window: FirstRunWindow) -> CreateAdminDialog:
    qtbot.waitUntil(
        lambda: (
            getattr(window, "create_dialog", None) is not None and window.create_dialog.isVisible()
        )
    )
    dialog = window.create_dialog
    qtbot.addWidget(dialog)
    return dialog


def _fill(
    qtbot: QtBot, dialog: CreateAdminDialog, lab: str, user: str, pin: str, again: str
) -> None:
    for field, text in (
        (dialog.lab_name, lab),
        (dialog.user_name, user),
        (dialog.pin, pin),
        (dialog.pin_again, again),
    ):
        field.clear()
        qtbot.keyClicks(field, text)


def test_the_three_ways_forward_are_offered(qtbot: QtBot, empty: Services) -> None:
    window = _window(qtbot, empty, Recorder())
    texts = [b.text() for b in (window.create_button, window.import_button, window.demo_button)]
    assert texts == [
        "Create the first admin and lab",
        "Import inventory from Excel",
        "Open the demo",
    ]
    assert all(
        b.isEnabled() for b in (window.create_button, window.import_button, window.demo_button)
    )
    assert not window.continue_button.isVisible()


def test_creating_the_first_admin_and_lab_signs_in(qtbot: QtBot, empty: Services) -> None:
    window = _window(qtbot, empty, Recorder())
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    dialog = _create_dialog(qtbot, window)

    _fill(qtbot, dialog, "Cell Biology", "ana", "246810", "246811")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible() and "PINs differ" in dialog.error.text()
    assert empty.admin.labs() == []  # nothing was created

    _fill(qtbot, dialog, "Cell Biology", "ana", "1234", "1234")
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    assert "6 to 12 digits" in dialog.error.text()

    _fill(qtbot, dialog, "Cell Biology", "ana", "246810", "246810")
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.operator is not None)

    assert window.operator is not None and window.operator.name == "ana"
    [lab] = empty.admin.labs()
    assert lab.name == "Cell Biology" and window.lab == lab
    assert empty.auth.role(window.operator.user_id, lab.id) is Role.ADMIN
    assert empty.auth.sign_in("ana", "246810").user_id == window.operator.user_id
    assert not window.create_button.isEnabled()
    assert window.continue_button.isVisible()
    assert "Signed in as ana" in window.status.text()
    qtbot.mouseClick(window.continue_button, Qt.MouseButton.LeftButton)
    assert window.result() == QDialog.DialogCode.Accepted


def test_import_creates_the_lab_and_admin_first(qtbot: QtBot, empty: Services) -> None:
    recorder = Recorder()
    window = _window(qtbot, empty, recorder)
    qtbot.mouseClick(window.import_button, Qt.MouseButton.LeftButton)
    dialog = _create_dialog(qtbot, window)
    assert recorder.imports == []  # the wizard waits for a lab and an admin
    _fill(qtbot, dialog, "Chemistry", "ben", "135790", "135790")
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(recorder.imports) == 1)
    parent, operator, lab_id = recorder.imports[0]
    assert parent is window and operator.name == "ben"
    assert lab_id == empty.admin.lab("Chemistry").id
    assert "imported into Chemistry" in window.status.text()

    qtbot.mouseClick(window.import_button, Qt.MouseButton.LeftButton)  # again: no dialog
    assert len(recorder.imports) == 2 and len(empty.admin.labs()) == 1


def test_open_the_demo(qtbot: QtBot, empty: Services) -> None:
    recorder = Recorder()
    window = _window(qtbot, empty, recorder)
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    assert recorder.demo == 1 and window.demo_chosen
    assert window.result() == QDialog.DialogCode.Rejected and not window.isVisible()
    assert empty.admin.labs() == []  # this database is left as it was
    assert QApplication.activeModalWidget() is None
