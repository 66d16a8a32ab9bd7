"""⚙ → Load Batch-Scanner File… and Tools → Import Inventory…, in the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind
from recon_desktop.ui.batch_load import BatchReportDialog, load_batch_file
from recon_desktop.ui.import_wizard import ImportWizard
from recon_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def test_a_batch_file_loads_into_the_session_with_each_lines_report(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, tmp_path: Path
) -> None:
    session = world.start_session()
    window = make_window()
    assert window.session_menu.batch_action.isEnabled()
    path = tmp_path / "scanner.txt"
    path.write_bytes(
        b"ITEM-0001\r\nITEM-0045\t2000-01-01T10:00:00\r\n\xff\xfe-broken\r\nNOPE-9\r\n\r\n"
    )
    load_batch_file(window, path)
    qtbot.waitUntil(lambda: isinstance(window.dialog, BatchReportDialog), timeout=10_000)
    report = window.dialog
    assert isinstance(report, BatchReportDialog)
    assert report.summary.text() == (
        f"Loaded into session #{session.id}: 1 In Scope, 1 Unknown barcode; 2 lines refused."
    )
    lines = report.lines.toPlainText().splitlines()
    assert lines[0].startswith("line 2: The time 2000-01-01 ")  # before the session started
    assert lines[1] == "line 3: not UTF-8 text; the line was not loaded."
    assert window.panel.tag.text() == "scanner.txt loaded"
    log = world.services.sessions.scan_log(session.id)
    assert [(e.barcode, e.kind) for e in log] == [
        ("ITEM-0001", ScanKind.ITEM),
        ("NOPE-9", ScanKind.ITEM),
    ]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)  # the poll lists them
    report.reject()
    qtbot.waitUntil(lambda: window.dialog is None)
    load_batch_file(window, path)  # again: nothing is recorded twice
    qtbot.waitUntil(lambda: isinstance(window.dialog, BatchReportDialog), timeout=10_000)
    again = window.dialog
    assert isinstance(again, BatchReportDialog)
    assert "2 already loaded" in again.summary.text()
    assert len(world.services.sessions.scan_log(session.id)) == 2
    again.reject()


def test_a_batch_file_that_cannot_be_read_is_said(
    world: LabWorld, make_window: MakeWindow, tmp_path: Path
) -> None:
    world.start_session()
    window = make_window()
    load_batch_file(window, tmp_path / "missing.txt")
    assert window.panel.tag.text() == "NOT LOADED"
    assert window.panel.detail.text().startswith("Cannot read ")


def test_no_session_no_batch_file(world: LabWorld, make_window: MakeWindow) -> None:
    window = make_window()
    window._update_actions()
    assert not window.session_menu.batch_action.isEnabled()
    assert "Start or join a session first" in window.session_menu.batch_action.toolTip()
    load_batch_file(window, Path("anything.txt"))
    assert window.panel.tag.text() == "No session"
    assert isinstance(window.dialog, QDialog | type(None))


def _file_dialog_shown(open_it: Callable[[], None]) -> tuple[str, str]:
    """The folder and the file name the file dialog ``open_it`` opens shows (then it is
    cancelled)."""
    seen: list[tuple[str, str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        seen.append((dialog.directory().absolutePath(), name.text()))
        dialog.reject()

    QTimer.singleShot(0, look)
    open_it()  # returns once the dialog is cancelled
    assert seen, "no file dialog was shown"
    return seen[0]


def test_file_dialogs_open_in_a_folder_with_no_file_name_in_a_fresh_home(
    qtbot: QtBot,
    world: LabWorld,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new account has no Documents folder yet: the dialogs open in the home folder with
    the file name empty, not in its parent with "Documents" as the file name."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    world.start_session()
    window = make_window()
    assert _file_dialog_shown(lambda: load_batch_file(window)) == (str(home), "")
    assert window.panel.tag.text() != "NOT LOADED"  # cancelled: nothing loaded

    wizard = ImportWizard(window, world.services, world.ana.operator(), world.lab.id)
    qtbot.addWidget(wizard)
    wizard.show()
    browse = wizard.findChild(QPushButton, "importBrowse")
    assert browse is not None
    assert _file_dialog_shown(browse.click) == (str(home), "")
    assert wizard.file_page.path_edit.text() == ""

    (home / "Documents").mkdir()  # once there is one, they open in it
    assert _file_dialog_shown(browse.click) == (str(home / "Documents"), "")
