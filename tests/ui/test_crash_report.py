"""An uncaught exception shows a copyable report; the session survives it."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from recon_desktop.logs import LogSetup, setup_logging
from recon_desktop.ui.crash_dialog import CrashDialog, CrashReporter
from recon_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def logging_setup(tmp_path: Path) -> Iterator[LogSetup]:
    setup = setup_logging(tmp_path / "logs")
    try:
        yield setup
    finally:
        setup.close()


@pytest.fixture
def reporter(logging_setup: LogSetup) -> Iterator[CrashReporter]:
    """Hooks installed for the test only; afterwards the previous hooks are back."""
    before = (sys.excepthook, threading.excepthook)
    made = CrashReporter(ring=logging_setup.ring, log_path=logging_setup.path).install()
    try:
        yield made
    finally:
        made.uninstall()
        assert (sys.excepthook, threading.excepthook) == before


def _dialog(qtbot: QtBot, reporter: CrashReporter) -> CrashDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_an_exception_in_a_slot_after_a_scan_shows_the_report(
    qtbot: QtBot,
    world: LabWorld,
    make_window: Callable[..., MainWindow],
    reporter: CrashReporter,
    logging_setup: LogSetup,
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window, world.barcodes[0])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    logging.getLogger("recon_desktop.test").info("a line before the crash")

    def broken(_raw: str) -> None:
        raise RuntimeError("boom in a slot")

    window.capture.scanned.connect(broken)  # runs after the window's own slot
    type_scan(qtbot, window, world.barcodes[1])
    dialog = _dialog(qtbot, reporter)

    text = dialog.report_text()
    assert "RuntimeError: boom in a slot" in text
    assert "Traceback" in text and "in broken" in text
    assert "Qt: " in text and "PySide6: " in text and "Python: " in text
    assert "a line before the crash" in text  # recent log lines come along
    assert logging_setup.path is not None
    assert str(logging_setup.path) in dialog.where.text()
    assert "boom in a slot" in logging_setup.path.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in dialog.summary.text()
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()

    # the session and both scans are in the database: a new window brings them back
    window.capture.scanned.disconnect(broken)
    window.close()
    again = make_window()
    assert again.session is not None and again.session.id == session.id
    assert (
        [
            again.model.row_at(n).barcode
            for n in range(again.model.rowCount())  # type: ignore[union-attr]
        ]
        == world.barcodes[:2]
    )
    assert world.services.sessions.progress(session.id).expected_scanned == 2


def test_an_exception_in_a_worker_thread_shows_the_report(
    qtbot: QtBot,
    reporter: CrashReporter,
) -> None:
    def work() -> None:
        raise ValueError("bad value in a worker")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    dialog = _dialog(qtbot, reporter)
    text = dialog.report_text()
    assert "ValueError: bad value in a worker" in text
    assert "Thread: import-worker" in text
    dialog.close()


def test_a_second_crash_goes_into_the_open_dialog(qtbot: QtBot, reporter: CrashReporter) -> None:
    for message in ("first", "second"):
        try:
            raise KeyError(message)
        except KeyError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(reporter.crashes) == 2)
    dialog = _dialog(qtbot, reporter)
    assert "KeyError: 'first'" in dialog.report_text()
    assert "KeyError: 'second'" in dialog.report_text()
    assert reporter.dialogs_opened == 1
    dialog.close()


def test_without_a_log_folder_the_report_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    setup = setup_logging(blocker / "logs")
    before = sys.excepthook
    crash_reporter = CrashReporter(ring=setup.ring, log_path=setup.path).install()
    try:
        assert setup.path is None and setup.problem and "cannot be used" in setup.problem
        try:
            raise OSError("disk gone")
        except OSError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        dialog = _dialog(qtbot, crash_reporter)
        assert "no log file" in dialog.where.text()
        assert "(none: in memory only)" in dialog.report_text()
        dialog.close()
    finally:
        crash_reporter.uninstall()
        setup.close()
    assert sys.excepthook is before
