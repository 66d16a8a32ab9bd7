"""The scanned list reaches every scan of a long session, in scan-time order, holding a
bounded number of rows: it opens on the newest, reads earlier pages as one scrolls up to
the very first scan, and counts (never loses) the scans recorded while one looks back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recon_desktop.services import Services
from recon_desktop.store import bulk_scans
from recon_desktop.store.db import transaction, utcnow
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_list import LIST_LIMIT, PAGE_SIZE, TRIM_SLACK
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]
SCANS = 20_000
HELD = LIST_LIMIT + TRIM_SLACK  # the most rows the list may hold
WAIT_MS = 10_000


def long_session(world: LabWorld) -> tuple[int, list[tuple[object, int]], Services]:
    """A session with 20,000 scans from another workstation, built in bulk: the second
    half recorded after the first but scanned before it (kept while the server was away),
    so that scan-time order is not id order. Its scans' (time, id), in time order."""
    session = world.start_session()
    db = world.services.db
    station = Services.create(db, station="WS-2")
    station.sessions.join(world.ben.operator("WS-2"), session.id)
    codes = [world.barcodes[n % len(world.barcodes)] for n in range(SCANS // 2)]
    now = utcnow()
    with transaction(db):
        for start in (now - timedelta(hours=3), now - timedelta(hours=6)):
            bulk_scans.record_scans(
                db, session.id, world.ben.id, "WS-2", codes,
                start=start, every=timedelta(milliseconds=500),
            )  # fmt: skip
    rows = db.execute_sql(
        f"SELECT scanned_at, id FROM scan WHERE session_id = {db.param} ORDER BY scanned_at, id",
        (session.id,),
    ).fetchall()
    return session.id, [(at, scan_id) for at, scan_id in rows], station


def held_ids(window: MainWindow) -> list[int]:
    return [row.scan_id for row in window.model.rows() if row.scan_id > 0]


def in_time_order(window: MainWindow) -> bool:
    keys = [(row.at, row.scan_id) for row in window.model.rows() if row.scan_id > 0]
    return keys == sorted(keys)


def read(qtbot: QtBot, window: MainWindow) -> None:
    """Until the page asked for is in."""
    qtbot.waitUntil(lambda: window.pages.reading is None, timeout=WAIT_MS)


def test_the_list_reaches_the_first_scan_of_a_long_session_and_holds_few_rows(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session_id, scans, station = long_session(world)
    ids = [scan_id for _, scan_id in scans]
    window = make_window()  # shows ana's session
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=WAIT_MS)
    read(qtbot, window)
    assert held_ids(window)[-1] == ids[-1]  # the newest scan, by its time, at the bottom
    assert window.model.older and not window.model.newer
    assert window.model.rowCount() <= HELD
    bar = window.table.verticalScrollBar()
    assert bar.value() == bar.maximum()  # at the newest

    # scroll up, as far as it goes: earlier pages come in, the newest rows go
    most = pages = 0
    while window.model.older:
        window.table.scrollToTop()
        read(qtbot, window)
        pages += 1
        most = max(most, window.model.rowCount())
        assert in_time_order(window)
    assert pages >= SCANS // PAGE_SIZE - 2  # a page at a time
    assert LIST_LIMIT - PAGE_SIZE <= most <= HELD
    assert window.model.newer  # the newest rows were let go
    window.table.scrollToTop()
    top = window.table.rowAt(0)
    assert top == 0 and window.model.row_at(0).scan_id == ids[0]  # the very first scan
    assert held_ids(window) == ids[: len(held_ids(window))]  # nothing skipped on the way
    assert window.newest_button.isVisibleTo(window)

    # a scan recorded elsewhere while one looks back: counted, not lost
    result = station.sessions.scan(world.ben.operator("WS-2"), session_id, world.barcodes[0])
    assert result is not None
    qtbot.waitUntil(lambda: window.model.newer_count == 1, timeout=WAIT_MS)
    assert "1 recorded since" in window.list_note.text()
    assert result.scan_id not in held_ids(window)
    assert window.model.row_at(0).scan_id == ids[0]  # the view stayed where it was

    # Ctrl+End: back to the newest, with the scan recorded meanwhile at the bottom
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: not window.model.newer and window.pages.reading is None, timeout=WAIT_MS
    )
    assert held_ids(window)[-2:] == [ids[-1], result.scan_id]
    assert window.model.rowCount() <= HELD and in_time_order(window)
    assert not window.newest_button.isVisibleTo(window)

    # Ctrl+Home: the first scan at once (one page read)
    qtbot.keyClick(window.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.model.row_at(0) is not None and window.model.row_at(0).scan_id == ids[0],
        timeout=WAIT_MS,
    )
    assert window.model.rowCount() <= PAGE_SIZE and window.model.newer

    # scrolling back down reads the pages after, to the newest
    while window.model.newer:
        window.table.scrollToBottom()
        read(qtbot, window)
        assert window.model.rowCount() <= HELD and in_time_order(window)
    assert held_ids(window)[-1] == result.scan_id
    assert window.model.older


def test_a_scan_made_here_while_looking_back_goes_back_to_the_newest(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session_id, scans, _station = long_session(world)
    window = make_window()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=WAIT_MS)
    read(qtbot, window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.newer and window.pages.reading is None, timeout=WAIT_MS)
    window.scan_input.setFocus()
    type_scan(qtbot, window.scan_input, "ITEM-0007")
    qtbot.waitUntil(
        lambda: (
            not window.model.newer
            and window.pages.reading is None
            and window.model.rows()[-1].barcode == "ITEM-0007"
            and window.model.rows()[-1].scan_id > 0
        ),
        timeout=WAIT_MS,
    )
    assert held_ids(window)[-2] == scans[-1][1]
    assert in_time_order(window)
    bar = window.table.verticalScrollBar()
    assert bar.value() == bar.maximum()
    assert window.panel.tag.text()  # the panel shows its answer
    assert session_id == window.session.id if window.session else False
