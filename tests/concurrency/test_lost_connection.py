"""A workstation losing the PostgreSQL server: a connection killed in the middle of a
transaction (``pg_terminate_backend``), an idle connection dropped by the server, a commit
whose acknowledgement never came, and the whole server stopped and started again.

Every time the workstation gets one sentence (ConnectionLostError), nothing half-written
stays behind, the same Services object carries on by itself once the server answers, and a
scan retried with the same client id is recorded once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import peewee as pw
import psycopg
import pytest

from recon_desktop.core.records import ScanResult, Tag
from recon_desktop.errors import ConnectionLostError, StorageError
from recon_desktop.services.actions import item_info
from recon_desktop.services.sessions import new_client_id
from recon_desktop.store.db import CONNECT_TIMEOUT_S, open_database
from tests.concurrency import Lab, Outcome, each_attempt, wait_for_lock
from tests.pgserver import PostgresServer, _free_port, find_pg_bin

pytestmark = pytest.mark.postgres

VICTIM = 1  # the station whose connection is killed


@pytest.fixture
def lab(postgres_url: str) -> Iterator[Lab]:
    bench = Lab.build(postgres_url, 2)
    yield bench
    bench.close()


@pytest.fixture
def admin(postgres_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        yield conn


def lost(outcome: Outcome) -> str:
    """The outcome is a lost connection, told in one sentence; returns it."""
    assert isinstance(outcome.error, ConnectionLostError), outcome
    text = str(outcome.error)
    assert text.endswith(".") and "\n" not in text and "Traceback" not in text, text
    assert "not saved" in text, text
    return text


def scans_with(lab: Lab, client_id: str) -> int:
    return int(lab.value("SELECT COUNT(*) FROM scan WHERE client_id = %s", client_id))


# ------------------------------------------------------------------ killed mid-transaction

KILL_POINTS = {
    # what the holder locks -> where the victim's scan is when it dies
    "before-anything": "SELECT 1 FROM session WHERE id = %(session)s FOR UPDATE",
    "after-counting": "SELECT 1 FROM chain_head WHERE name = 'scan:WS-1' FOR UPDATE",
    "after-the-scan-row": "SELECT 1 FROM chain_head WHERE name = 'history_event:WS-1' FOR UPDATE",
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_scan_killed_mid_transaction_is_not_half_written(
    lab: Lab, admin: psycopg.Connection, postgres_url: str, point: str
) -> None:
    rounds = 4
    lab.add_items("KILL", rounds + 1)
    session = lab.start_session("killed")
    station, operator = lab.stations[VICTIM], lab.operators[VICTIM]
    lab.on(VICTIM, lambda: station.sessions.join(operator, session))
    first = lab.on(VICTIM, lambda: station.sessions.scan(operator, session, "KILL0000"))
    assert first.ok  # the station's chain heads exist: the holder can lock them
    on_server = station.sessions.scans.store.on_server()
    for r in range(1, rounds + 1):
        barcode, client_id = f"KILL{r:04d}", new_client_id()
        pid = lab.backend_pid(VICTIM)
        with psycopg.connect(postgres_url) as holder:
            holder.execute(KILL_POINTS[point], {"session": session})
            pending = lab.submit(
                VICTIM,
                partial(station.sessions.scan, operator, session, barcode, client_id=client_id),
            )
            wait_for_lock(admin, pid)
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            if on_server:  # the call is made again on a new connection: it waits no more
                holder.rollback()
            outcome = pending.wait(30)
            holder.rollback()
        if on_server:
            # the scan procedure's call, one statement, killed: nothing of it stayed, and it
            # was made again by itself on a new connection (a client id records once)
            assert outcome.ok, outcome.error
            assert outcome.result.tag is Tag.IN_SCOPE and not outcome.result.duplicate
        else:
            lost(outcome)
            # nothing of the killed transaction stayed
            assert scans_with(lab, client_id) == 0
            assert lab.value("SELECT COUNT(*) FROM found WHERE scan_client_id = %s", client_id) == 0
        lab.assert_consistent()
        # the next call on that station reconnects by itself; the retry is recorded once
        retry = lab.on(
            VICTIM, partial(station.sessions.scan, operator, session, barcode, client_id=client_id)
        )
        assert retry.ok, retry.error
        assert retry.result.tag is Tag.IN_SCOPE and retry.result.duplicate is on_server
        assert lab.backend_pid(VICTIM) != pid
        again = lab.on(
            VICTIM, partial(station.sessions.scan, operator, session, barcode, client_id=client_id)
        )
        assert again.result.duplicate and again.result.scan_id == retry.result.scan_id
        assert scans_with(lab, client_id) == 1
        lab.assert_consistent()
    assert lab.stations[0].sessions.progress(session).expected_scanned == rounds + 1


def test_an_action_killed_mid_transaction_changes_nothing(
    lab: Lab, admin: psycopg.Connection, postgres_url: str
) -> None:
    (item_id,) = lab.add_items("ACT", 1, quantity="5")
    session = lab.start_session("killed action")
    station, operator = lab.stations[VICTIM], lab.operators[VICTIM]
    for _ in range(3):
        before = item_info(item_id)
        pid = lab.backend_pid(VICTIM)
        with psycopg.connect(postgres_url) as holder:
            holder.execute("SELECT 1 FROM inventory_item WHERE id = %s FOR UPDATE", (item_id,))
            pending = lab.submit(
                VICTIM, partial(station.actions.split, operator, item_id, "1", session_id=session)
            )
            wait_for_lock(admin, pid)
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            outcome = pending.wait(30)
            holder.rollback()
        lost(outcome)
        assert item_info(item_id) == before
        assert lab.value("SELECT COUNT(*) FROM inventory_item") == 1
        assert lab.value("SELECT COUNT(*) FROM history_event WHERE kind = 'split'") == 0
        lab.assert_consistent()
    done = lab.on(
        VICTIM, partial(station.actions.split, operator, item_id, "1", session_id=session)
    )
    assert done.ok, done.error
    assert item_info(item_id).quantity + done.result.quantity == 5
    lab.assert_consistent()


def test_an_idle_connection_dropped_by_the_server_is_replaced_silently(
    lab: Lab, admin: psycopg.Connection
) -> None:
    """The server (or a firewall, or a restart) closed a connection nobody was using: the
    next call opens a new one instead of telling the person the server is gone."""
    items = lab.add_items("IDLE", 4)
    session = lab.start_session("idle")
    station, operator = lab.stations[VICTIM], lab.operators[VICTIM]
    lab.on(VICTIM, lambda: station.sessions.join(operator, session))
    calls = [
        lambda: station.sessions.scan(operator, session, "IDLE0000"),  # BEGIN comes first
        lambda: station.sessions.progress(session),  # a read
        lambda: station.sessions.poll(session, {}),  # reads
        lambda: station.actions.split(operator, items[3], "1", session_id=session),
        lambda: station.sessions.scan(operator, session, "IDLE0001"),
    ]
    for call in calls:
        pid = lab.backend_pid(VICTIM)
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + 10
        while (
            admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
            and time.monotonic() < deadline
        ):
            time.sleep(0.005)
        outcome = lab.on(VICTIM, call)
        assert outcome.ok, outcome.error
    assert lab.stations[0].sessions.progress(session).expected_scanned == 2
    lab.assert_consistent()


def test_a_commit_whose_answer_never_came_is_retried_once(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server committed but the answer was lost on the way: the station cannot know,
    says so, and the retry with the same client id finds the first record."""
    lab.add_items("ACK", 1)
    session = lab.start_session("lost answer")
    station, operator = lab.stations[VICTIM], lab.operators[VICTIM]
    lab.on(VICTIM, lambda: station.sessions.join(operator, session))
    lose = pw.OperationalError("consuming input failed: server closed the connection unexpectedly")
    where, name = each_attempt(station)
    if name == "scan_on_server":  # one CALL of the server's procedure, its own transaction
        call = getattr(where, name)

        def call_then_lose_the_answer(*args: object, **kwargs: object) -> object:
            call(*args, **kwargs)
            raise lose

        monkeypatch.setattr(where, name, call_then_lose_the_answer)
    else:  # statement by statement, then the commit
        commit = lab.db.commit

        def commit_then_lose_the_answer() -> None:
            commit()
            raise lose

        monkeypatch.setattr(lab.db, "commit", commit_then_lose_the_answer)
    client_id = new_client_id()
    outcome = lab.on(
        VICTIM, partial(station.sessions.scan, operator, session, "ACK0000", client_id=client_id)
    )
    monkeypatch.undo()
    lost(outcome)
    assert scans_with(lab, client_id) == 1  # it was saved after all
    retry = lab.on(
        VICTIM, partial(station.sessions.scan, operator, session, "ACK0000", client_id=client_id)
    )
    result: ScanResult = retry.result
    assert result.duplicate and result.tag is Tag.IN_SCOPE
    assert scans_with(lab, client_id) == 1
    assert lab.value("SELECT COUNT(*) FROM scan WHERE session_id = %s", session) == 1
    assert lab.stations[0].sessions.progress(session).expected_scanned == 1
    lab.assert_consistent()


# ------------------------------------------------------------------ the server goes away


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, on a fixed port and in a folder that outlives stop(), so
    that it can be stopped and started again (the shared server must stay up)."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; set RECON_PG_BIN")
    base = Path(
        tempfile.mkdtemp(prefix="recon-outage-", dir="/tmp" if os.path.isdir("/tmp") else None)
    )
    base.chmod(0o755)
    server = PostgresServer(base, bin_dir=bin_dir, port=_free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_the_server_stopped_and_started_again(own_server: PostgresServer) -> None:
    url = own_server.create_database("outage")
    lab = Lab.build(url, 2)
    try:
        lab.add_items("OUT", 3)
        session = lab.start_session("outage")
        station, operator = lab.stations[VICTIM], lab.operators[VICTIM]
        lab.on(VICTIM, lambda: station.sessions.join(operator, session))
        assert lab.on(VICTIM, lambda: station.sessions.scan(operator, session, "OUT0000")).ok

        own_server.stop()
        client_id = new_client_id()
        for _ in range(2):  # refused with a sentence, quickly, as often as it is tried
            started = time.monotonic()
            outcome = lab.on(
                VICTIM,
                partial(station.sessions.scan, operator, session, "OUT0001", client_id=client_id),
            )
            lost(outcome)
            assert time.monotonic() - started < 5
        lost(lab.on(0, lambda: lab.stations[0].sessions.undo_last(lab.operators[0], session)))
        # the window's reads (banner, progress, new scans of others) say so too
        lost(lab.on(0, lambda: lab.stations[0].sessions.poll(session, {})))

        own_server.start()
        # the same Services objects carry on: no rebuild, no restart of the program
        retry = lab.on(
            VICTIM,
            partial(station.sessions.scan, operator, session, "OUT0001", client_id=client_id),
        )
        assert retry.ok, retry.error
        assert retry.result.tag is Tag.IN_SCOPE and not retry.result.duplicate
        again = lab.on(
            VICTIM,
            partial(station.sessions.scan, operator, session, "OUT0001", client_id=client_id),
        )
        assert again.result.duplicate
        assert lab.value("SELECT COUNT(*) FROM scan WHERE client_id = %s", client_id) == 1
        assert lab.on(
            0, lambda: lab.stations[0].sessions.scan(lab.operators[0], session, "OUT0002")
        ).ok
        progress = lab.on(0, lambda: lab.stations[0].sessions.progress(session)).result
        assert progress.expected_scanned == 3
        lab.assert_consistent()
    finally:
        lab.close()


def test_a_server_that_does_not_answer_is_given_up_in_seconds() -> None:
    """A host that takes the connection but never answers (a hung server, a half-open
    network path): the workstation is told in a sentence within seconds, not minutes."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_say_nothing() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    silent = threading.Thread(target=accept_and_say_nothing, daemon=True)
    silent.start()
    url = f"postgresql://postgres@127.0.0.1:{listener.getsockname()[1]}/recon"
    box: list[BaseException | None] = []

    def open_it() -> None:
        try:
            open_database(url)
            box.append(None)
        except BaseException as exc:  # noqa: BLE001 - examined below
            box.append(exc)

    started = time.monotonic()
    opener = threading.Thread(target=open_it, daemon=True)
    opener.start()
    opener.join(timeout=20)
    try:
        assert box, "still waiting for a server that never answers"
        assert time.monotonic() - started < CONNECT_TIMEOUT_S + 5
        assert isinstance(box[0], StorageError), box[0]
        assert "Cannot connect to the database server" in str(box[0])
    finally:
        stop.set()
        silent.join(timeout=5)
        opener.join(timeout=5)
        listener.close()
        for conn in held:
            conn.close()
