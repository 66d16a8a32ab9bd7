"""A workstation that loses the database server: the window keeps its last screen, says
so in a banner, refuses scans in a sentence (never pretending they were saved), and
resumes by itself; the scan whose outcome was unknown is sent again with the same id and
recorded once."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee as pw
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind
from recon_desktop.ui.live_session import CONNECTION_LOST_TEXT
from recon_desktop.ui.main_window import MainWindow
from tests.pgserver import PostgresServer, _free_port, find_pg_bin
from tests.ui.conftest import (
    OFFSCREEN_NOISE,
    LabWorld,
    _make_world,
    activate,
    settle,
    type_scan,
)

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def item_scans(world: LabWorld, session_id: int) -> list[str]:
    return [
        e.barcode for e in world.services.sessions.scan_log(session_id) if e.kind is ScanKind.ITEM
    ]


@pytest.mark.postgres
def test_a_commit_whose_answer_was_lost_is_sent_again_and_recorded_once(
    qtbot: QtBot, postgres_url: str, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database committed the scan but the answer never came back: the window cannot
    know, says NOT SAVED, and once the database answers again it sends the scan again
    with the same id; the database replays the first outcome."""
    db, world = _make_world(postgres_url)  # type: ignore[arg-type]
    try:
        run_lost_answer(qtbot, world, settings, monkeypatch)
    finally:
        db.close()


def run_lost_answer(
    qtbot: QtBot, world: LabWorld, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = world.start_session()
    window = MainWindow(world.services, world.ana.operator(), database="server", settings=settings)
    qtbot.addWidget(window)
    activate(qtbot, window)
    store = world.services.sessions.scans.store
    assert store.on_server()  # one CALL of the server's scan procedure, its own transaction
    call = store.scan_on_server

    def call_then_lose_the_answer(*args: object, **kwargs: object) -> object:
        call(*args, **kwargs)
        raise pw.OperationalError(
            "consuming input failed: server closed the connection unexpectedly"
        )

    window.live.poll_timer.stop()  # the poll waits until the answer has been lost
    monkeypatch.setattr(store, "scan_on_server", call_then_lose_the_answer)
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    monkeypatch.undo()
    assert window.panel.tag.text() == "NOT SAVED"
    assert window.panel.detail.text().startswith("ITEM-0001: ")
    assert window.fault_banner.isVisible()
    assert window.fault_banner.text() == CONNECTION_LOST_TEXT
    assert window.model.rowCount() == 0  # no tag without knowing it was saved

    window.live.poll()  # the database answers again
    qtbot.waitUntil(lambda: not window.fault_banner.isVisible(), timeout=5000)
    settle(qtbot, window)  # the scan sent again has its answer
    assert window.panel.tag.text() == "In Scope"
    assert "ITEM-0001" in window.panel.detail.text() and "2 mL" in window.panel.detail.text()
    assert [row.barcode for row in window.model.rows()] == ["ITEM-0001"]
    assert item_scans(world, session.id) == ["ITEM-0001"]  # recorded once
    qtbot.waitUntil(lambda: window.banner.progress.text().startswith("1 / 40 expected"))


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, on a fixed port, that can be stopped and started again
    (the shared test server must stay up)."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; set RECON_PG_BIN")
    base = Path(
        tempfile.mkdtemp(
            prefix="recon-window-outage-", dir="/tmp" if os.path.isdir("/tmp") else None
        )
    )
    base.chmod(0o755)
    server = PostgresServer(base, bin_dir=bin_dir, port=_free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.postgres
def test_the_server_goes_away_and_comes_back(
    qtbot: QtBot, own_server: PostgresServer, settings: QSettings
) -> None:
    url = own_server.create_database("window_outage")
    db, world = _make_world(url)  # type: ignore[arg-type]
    window = None
    try:
        session = world.start_session()
        window = MainWindow(world.services, world.ana.operator(), database=url, settings=settings)
        qtbot.addWidget(window)
        activate(qtbot, window)
        type_scan(qtbot, window.scan_input, "ITEM-0001")
        assert window.panel.tag.text() == "In Scope"

        own_server.stop()
        type_scan(qtbot, window.scan_input, "ITEM-0002")
        assert window.panel.tag.text() == "NOT SAVED"
        assert "ITEM-0002" in window.panel.detail.text()
        assert window.fault_banner.isVisible()
        assert window.fault_banner.text() == CONNECTION_LOST_TEXT
        type_scan(qtbot, window.scan_input, "ITEM-0003")  # refused at once, in a sentence
        assert window.panel.detail.text() == f"{CONNECTION_LOST_TEXT} ITEM-0003 was not saved."
        # the last screen stays: the list, the banner with the session
        assert [row.barcode for row in window.model.rows()] == ["ITEM-0001"]
        assert window.session is not None and window.banner.isVisible()
        window._update_actions()  # the cog menu still opens (nothing can be started)
        assert not window.session_menu.start_action.isEnabled()
        qtbot.wait(2500)  # polls keep failing meanwhile; nothing changes on screen
        assert window.fault_banner.isVisible() and window.session is not None

        own_server.start()
        qtbot.waitUntil(lambda: not window.fault_banner.isVisible(), timeout=8000)
        settle(qtbot, window)
        assert window.panel.tag.text() == "In Scope"
        assert "ITEM-0002" in window.panel.detail.text()
        assert [row.barcode for row in window.model.rows()] == ["ITEM-0001", "ITEM-0002"]
        assert item_scans(world, session.id) == ["ITEM-0001", "ITEM-0002"]  # once, not 0003
        qtbot.waitUntil(
            lambda: window.banner.progress.text().startswith("2 / 40 expected"), timeout=3000
        )
        type_scan(qtbot, window.scan_input, "ITEM-0003")
        assert window.panel.tag.text() == "In Scope"
    finally:
        if window is not None:
            window.close()
        db.close()
