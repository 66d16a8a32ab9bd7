"""Scans leave the window in order on a thread of their own: the window takes the next key
press while the database is busy, shows each scan as on its way until it is saved (the tag
only then), applies Ctrl+Z after the scans before it, and when the connection is lost the
scans queued behind say they were not saved."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import peewee as pw
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind, Tag
from recon_desktop.ui.live_session import CONNECTION_LOST_TEXT
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_list import COLUMN_INDEX, PENDING_TEXT
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, settle

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def tags(window: MainWindow) -> list[str]:
    column = COLUMN_INDEX["tag"]
    return [str(window.model.index(n, column).data()) for n in range(window.model.rowCount())]


def press(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """A scanner's keys, without waiting for the answer."""
    qtbot.keyClicks(window.scan_input, text)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)


def test_scans_wait_for_a_busy_database_in_order_and_undo_comes_after_them(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    settle(qtbot, window)
    # another program holds the database's write lock: every scan has to wait for it
    other = sqlite3.connect(world.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for code in ("ITEM-0001", "ITEM-0002", "ITEM-0001"):
            press(qtbot, window, code)  # taken at once: the window does not wait
        qtbot.keyClick(window.scan_input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.live.sending
        # still not saved a moment later: each shows as on its way, without a tag
        qtbot.waitUntil(lambda: tags(window) == [PENDING_TEXT] * 3)
        assert [row.barcode for row in window.model.rows()] == [
            "ITEM-0001",
            "ITEM-0002",
            "ITEM-0001",
        ]
        assert window.panel.tag.text() == PENDING_TEXT  # no tag before it is saved
        assert window.panel.detail.text().startswith("ITEM-0001 and 2 more: on the way")
        assert world.services.sessions.scan_log(session.id) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    settle(qtbot, window)
    log = world.services.sessions.scan_log(session.id)
    assert [(e.barcode, e.kind, e.tag, e.undone) for e in log] == [
        ("ITEM-0001", ScanKind.ITEM, Tag.IN_SCOPE, False),
        ("ITEM-0002", ScanKind.ITEM, Tag.IN_SCOPE, False),
        ("ITEM-0001", ScanKind.ITEM, Tag.ALREADY_SCANNED, True),  # the last one undone
        ("ITEM-0001", ScanKind.UNDO, None, False),
    ]
    assert tags(window) == ["In Scope", "In Scope", "Already scanned (undone)"]
    assert [row.scan_id for row in window.model.rows()] == [e.id for e in log[:3]]
    assert window.panel.tag.text() == "Scan undone"
    assert window.banner.progress.text().startswith("2 / 40 expected")


def test_scans_behind_a_lost_connection_say_they_were_not_saved(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = world.start_session()
    window = make_window()
    settle(qtbot, window)
    window.live.poll_timer.stop()  # the poll finds the server again when the test says
    db = world.services.db
    gate = threading.Event()

    def answer_lost() -> None:
        gate.wait(10)
        raise pw.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(db, "commit", answer_lost)
    for code in ("ITEM-0001", "ITEM-0002", "ITEM-0003"):
        press(qtbot, window, code)
    qtbot.waitUntil(lambda: tags(window) == [PENDING_TEXT] * 3)
    gate.set()
    settle(qtbot, window)
    monkeypatch.undo()
    assert window.fault_banner.isVisible()
    assert window.fault_banner.text() == CONNECTION_LOST_TEXT
    assert window.panel.tag.text() == "NOT SAVED"
    assert window.panel.detail.text() == f"{CONNECTION_LOST_TEXT} ITEM-0003 was not saved."
    assert window.model.rowCount() == 0  # no row without its scan saved
    assert world.services.sessions.scan_log(session.id) == []
    # the server answers again: the scan whose outcome was unknown is sent again, once;
    # the ones held behind it were refused and stay so
    window.live.poll()
    qtbot.waitUntil(lambda: not window.fault_banner.isVisible(), timeout=5000)
    settle(qtbot, window)
    assert [row.barcode for row in window.model.rows()] == ["ITEM-0001"]
    assert tags(window) == ["In Scope"]
    assert [e.barcode for e in world.services.sessions.scan_log(session.id)] == ["ITEM-0001"]
