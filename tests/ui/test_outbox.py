"""A PostgreSQL outage loses nothing, and a hung server never freezes the window.

On a server of the test's own: stopped hard in the middle of a burst of scans, paused
(SIGSTOP to its processes, as a hung server or a dead network path behaves), with the
window's process killed during the outage, and with two workstations scanning the same
barcode while the server is away. Each time the scans are kept on the workstation (shown
as such, counted in the banner), sent when the server is back, recorded once each with the
time they were made, and the server's unique index decides which one counts.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import KeptScan, Tag
from recon_desktop.services import Services
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_list import COLUMN_INDEX, KEPT_CELL_TEXT, KEPT_TEXT
from tests.pgserver import PostgresServer, _free_port, find_pg_bin
from tests.ui.conftest import OFFSCREEN_NOISE, STATION, LabWorld, WorldUser, _make_world, activate
from tests.ui.conftest import type_scan as type_scan

pytestmark = [pytest.mark.postgres, pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)]
BACK_MS = 30_000  # the server restarted: the window finds it at its next poll
ANSWER_MS = 3_000  # a paused server: noticed within 2 s (the scan's deadline), then kept


@pytest.fixture
def server() -> Iterator[PostgresServer]:
    """A server of this test's own that can be stopped, paused and started again."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; set RECON_PG_BIN")
    base = Path(
        tempfile.mkdtemp(prefix="recon-outbox-", dir="/tmp" if os.path.isdir("/tmp") else None)
    )
    base.chmod(0o755)
    # durable: a commit acknowledged survives the hard stop, as on a real server
    own = PostgresServer(base, bin_dir=bin_dir, port=_free_port(), durable=True)
    try:
        own.start()
        yield own
    finally:
        own.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def world(server: PostgresServer) -> Iterator[LabWorld]:
    db, made = _make_world(server.create_database("outbox"))  # type: ignore[arg-type]
    try:
        yield made
    finally:
        db.close()


def station_window(
    qtbot: QtBot,
    world: LabWorld,
    user: WorldUser,
    station: str,
    folder: Path,
    settings: QSettings,
) -> MainWindow:
    """A Barcode Tracking window whose services keep an outbox in ``folder``."""
    services = Services.create(world.services.db, station=station, outbox_folder=folder)
    window = MainWindow(services, user.operator(station), database="server", settings=settings)
    qtbot.addWidget(window)
    activate(qtbot, window)
    return window


def recorded(url: str, session_id: int) -> dict[str, tuple[str, str | None, datetime]]:
    """The session's item scans on the server: client id → (barcode, tag, time)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT client_id, barcode, tag, scanned_at FROM scan "
            "WHERE session_id = %s AND kind = 'item' ORDER BY id",
            (session_id,),
        ).fetchall()
    found: dict[str, tuple[str, str | None, datetime]] = {}
    for client_id, barcode, tag, at in rows:
        assert client_id not in found, f"{client_id} recorded twice"
        found[client_id] = (barcode, tag, at)
    return found


def kept_rows(window: MainWindow) -> int:
    return window.model.kept_count()


def all_sent(window: MainWindow) -> bool:
    outbox = window.services.outbox
    assert outbox is not None
    return outbox.count() == 0 and kept_rows(window) == 0 and not window.live.sending


def tag_texts(window: MainWindow) -> list[str]:
    column = COLUMN_INDEX["tag"]
    return [str(window.model.index(r, column).data()) for r in range(window.model.rowCount())]


def test_a_server_stopped_hard_mid_burst_loses_no_scan(
    qtbot: QtBot, world: LabWorld, server: PostgresServer, tmp_path: Path, settings: QSettings
) -> None:
    session = world.start_session()
    window = station_window(qtbot, world, world.ana, STATION, tmp_path / "data", settings)
    outbox = window.services.outbox
    assert outbox is not None
    burst = [f"ITEM-{n:04d}" for n in range(1, 11)]
    for barcode in burst[:4]:
        type_scan(qtbot, window.scan_input, barcode)
    server.stop_immediately()
    for barcode in burst[4:]:
        type_scan(qtbot, window.scan_input, barcode)
    kept: list[KeptScan] = outbox.waiting()
    assert [k.raw for k in kept] == burst[4:]  # every scan of the outage, in order
    assert tag_texts(window)[4:] == [KEPT_CELL_TEXT] * 6  # the tooltip says the rest
    assert window.panel.tag.text() == KEPT_TEXT
    assert window.fault_banner.isVisible()
    assert "6 scans are kept on this PC" in window.fault_banner.text()
    assert window.model.rowCount() == 10

    server.start()
    qtbot.waitUntil(lambda: all_sent(window), timeout=BACK_MS)
    assert not window.fault_banner.isVisible()
    assert tag_texts(window) == ["In Scope"] * 10
    # the panel no longer says the server cannot be reached: the last scan's tag
    assert window.panel.tag.text() == "In Scope"
    assert "cannot be reached" not in window.panel.detail.text()
    url = server.url("outbox")
    rows = recorded(url, session.id)
    assert sorted(b for b, _, _ in rows.values()) == sorted(burst)  # each once
    for item in kept:  # recorded with the time it was made, not when it was sent
        barcode, tag, at = rows[item.client_id]
        assert (barcode, tag, at) == (item.raw, Tag.IN_SCOPE.value, item.scanned_at)
    progress = world.services.sessions.progress(session.id)
    assert progress.expected_scanned == 10
    log = window.services.sessions  # the chains still verify with the late scans on them
    assert log.scan_log(session.id)[-1].at == kept[-1].scanned_at


def test_a_paused_server_is_noticed_within_two_seconds_and_the_window_answers(
    qtbot: QtBot, world: LabWorld, server: PostgresServer, tmp_path: Path, settings: QSettings
) -> None:
    session = world.start_session()
    window = station_window(qtbot, world, world.ana, STATION, tmp_path / "data", settings)
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    ticks: list[int] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start(50)
    paused = server.pause()
    try:
        qtbot.keyClicks(window.scan_input, "ITEM-0002")
        qtbot.keyClick(window.scan_input, "\r")
        # the window keeps painting and answers: the scan is kept within the deadline
        qtbot.waitUntil(lambda: kept_rows(window) == 1, timeout=ANSWER_MS)
        assert len(ticks) >= 10  # the event loop ran the whole time
        assert window.panel.tag.text() == KEPT_TEXT
        type_scan(qtbot, window.scan_input, "ITEM-0003")  # kept at once, no wait
        assert kept_rows(window) == 2
        assert "2 scans are kept on this PC" in window.fault_banner.text()
    finally:
        server.carry_on(paused)
        ticker.stop()
    qtbot.waitUntil(lambda: all_sent(window), timeout=BACK_MS)
    rows = recorded(server.url("outbox"), session.id)
    assert sorted(b for b, _, _ in rows.values()) == ["ITEM-0001", "ITEM-0002", "ITEM-0003"]
    assert tag_texts(window) == ["In Scope"] * 3


CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from recon_desktop.core.records import Operator
from recon_desktop.services import Services
from recon_desktop.store.db import open_database
from recon_desktop.ui.main_window import MainWindow

url, folder, user_id, station, barcodes = sys.argv[1:6]
app = QApplication([])
services = Services.create(open_database(url), station=station, outbox_folder=Path(folder))
settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(services, Operator(int(user_id), "ana", station), database="server",
                    settings=settings)
window.show()
print("ready", flush=True)
sys.stdin.readline()  # the server is down now
for barcode in barcodes.split(","):
    window.scan(barcode)

def check():
    if services.outbox.count() == len(barcodes.split(",")):
        print("kept", flush=True)

timer = QTimer()
timer.timeout.connect(check)
timer.start(20)
app.exec()
"""


def test_the_window_killed_during_an_outage_sends_its_scans_at_the_next_start(
    qtbot: QtBot, world: LabWorld, server: PostgresServer, tmp_path: Path, settings: QSettings
) -> None:
    session = world.start_session()
    folder = tmp_path / "data"
    barcodes = ["ITEM-0011", "ITEM-0012", "ITEM-0041"]  # the last one is not expected
    with subprocess.Popen(
        [
            sys.executable, "-c", CHILD, server.url("outbox"), str(folder),
            str(world.ana.id), STATION, ",".join(barcodes),
        ],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ) as child:  # fmt: skip
        try:
            assert child.stdout is not None and child.stdin is not None
            assert child.stdout.readline().strip() == "ready"
            server.stop_immediately()
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "kept"  # on disk in its outbox
        finally:
            child.send_signal(signal.SIGKILL)  # no goodbye: the process is gone
            child.wait(30)
    server.start()
    window = station_window(qtbot, world, world.ana, STATION, folder, settings)
    qtbot.waitUntil(lambda: all_sent(window), timeout=BACK_MS)
    rows = recorded(server.url("outbox"), session.id)
    assert sorted(b for b, _, _ in rows.values()) == barcodes
    assert sorted(t for _, t, _ in rows.values()) == sorted(
        [Tag.IN_SCOPE.value, Tag.IN_SCOPE.value, Tag.NOT_IN_SCOPE.value]
    )
    assert sorted(tag_texts(window)) == ["In Scope", "In Scope", "Not in Scope"]


def test_two_stations_racing_across_an_outage_count_the_barcode_once(
    qtbot: QtBot, world: LabWorld, server: PostgresServer, tmp_path: Path
) -> None:
    session = world.start_session()
    world.services.sessions.join(world.ben.operator("WS-2"), session.id)
    one = station_window(
        qtbot, world, world.ana, STATION, tmp_path / "one",
        QSettings(str(tmp_path / "one.ini"), QSettings.Format.IniFormat),
    )  # fmt: skip
    two = station_window(
        qtbot, world, world.ben, "WS-2", tmp_path / "two",
        QSettings(str(tmp_path / "two.ini"), QSettings.Format.IniFormat),
    )  # fmt: skip
    two.set_session(session)
    server.stop_immediately()
    for window in (one, two):  # each window's scan, as its capture hands it over (two
        # windows of one program would both capture the keys)
        window.scan("ITEM-0007")
        qtbot.waitUntil(lambda w=window: kept_rows(w) == 1)  # type: ignore[misc]
    server.start()
    qtbot.waitUntil(lambda: all_sent(one) and all_sent(two), timeout=BACK_MS)
    rows = recorded(server.url("outbox"), session.id)
    assert sorted(t for _, t, _ in rows.values()) == sorted(
        [Tag.IN_SCOPE.value, Tag.ALREADY_SCANNED.value]
    )
    own = [r.tag for w in (one, two) for r in w.model.rows() if not r.by]  # each its own
    assert sorted(t.value for t in own if t) == sorted(t for _, t, _ in rows.values())
    assert world.services.sessions.progress(session.id).expected_scanned == 1


def test_the_bottle_chosen_during_an_outage_is_kept_and_recorded_as_chosen(
    qtbot: QtBot, world: LabWorld, server: PostgresServer, tmp_path: Path, settings: QSettings
) -> None:
    """A GTIN alone on several bottles asks which one; the server stops before the choice:
    the scan is kept with the bottle chosen, and recorded as that bottle when the server
    is back (not refused as a code that fits several)."""
    from PySide6.QtCore import Qt

    from recon_desktop.ui.item_choice import ItemChoiceDialog
    from tests.gs1_examples import GTIN_A
    from tests.ui.test_gs1_window import add_items

    add_items(world)
    session = world.start_session()
    window = station_window(qtbot, world, world.ana, STATION, tmp_path / "data", settings)
    outbox = window.services.outbox
    assert outbox is not None
    raw = f"(01){GTIN_A}"
    type_scan(qtbot, window.scan_input, raw)
    dialog = window.dialog
    assert isinstance(dialog, ItemChoiceDialog) and dialog.isVisible()
    chosen = dialog.choice.choices[1].item_id  # not the first: the choice is what counts
    server.stop_immediately()
    window.capture._ended_at = float("-inf")  # a person chooses, long after the scan
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: outbox.count() == 1, timeout=2 * ANSWER_MS)
    [kept] = outbox.waiting()
    assert (kept.raw, kept.item_id) == (raw, chosen)
    assert tag_texts(window) == [KEPT_CELL_TEXT]

    server.start()
    qtbot.waitUntil(lambda: all_sent(window), timeout=BACK_MS)
    assert outbox.refused() == []
    with psycopg.connect(server.url("outbox")) as conn:
        rows = conn.execute(
            "SELECT client_id, item_id, tag, scanned_at FROM scan "
            "WHERE session_id = %s AND kind = 'item'",
            (session.id,),
        ).fetchall()
    assert rows == [(kept.client_id, chosen, Tag.IN_SCOPE.value, kept.scanned_at)]
    assert [(r.item_id, r.tag) for r in window.model.rows()] == [(chosen, Tag.IN_SCOPE)]
