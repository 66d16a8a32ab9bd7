"""The session poll asks only for what changed: nothing but the counters when nothing did,
each workstation's scans after the newest it read, and a scan that commits after another
workstation's scan with a higher id is found all the same."""

from __future__ import annotations

import threading

import pytest

from recon_desktop.core.records import Operator
from recon_desktop.services import Services
from tests.services.conftest import World


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def test_the_poll_reads_each_workstations_new_scans_once(world: World) -> None:
    sessions = world.services.sessions
    other = Services.create(world.services.db, station="BENCH-2")
    ben = Operator(world.ben.user_id, world.ben.name, other.station)
    session_id = start(world)
    other.sessions.join(ben, session_id)
    first = sessions.poll(session_id, {})
    assert (first.entries, first.seen, first.ended) == ([], {}, None)
    a = sessions.scan(world.ana, session_id, "A000")
    b = other.sessions.scan(ben, session_id, "A001")
    assert a is not None and b is not None
    polled = sessions.poll(session_id, first.seen)
    assert [e.barcode for e in polled.entries] == ["A000", "A001"]
    assert polled.entries[0].client_id == a.client_id
    assert polled.seen == {world.services.station: a.scan_id, other.station: b.scan_id}
    assert polled.progress.expected_scanned == 2
    again = sessions.poll(session_id, polled.seen)
    assert again.entries == [] and again.seen == polled.seen
    other.sessions.undo_last(ben, session_id)
    undone = sessions.poll(session_id, again.seen)
    assert [(e.kind.value, e.undoes_id) for e in undone.entries] == [("undo", b.scan_id)]
    assert undone.progress.expected_scanned == 1
    # after a Clear All at scan ``a``: nothing of before is read again
    assert sessions.poll(session_id, {}, after_id=undone.entries[0].id).entries == []
    sessions.end(world.ana, session_id)
    ended = sessions.poll(session_id, undone.seen)
    assert ended.ended is not None and ended.ended.id == session_id


def test_a_poll_when_nothing_changed_runs_one_statement(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many scans the session holds, the poll of a session where nothing changed
    reads its counters only."""
    db = world.services.db
    sessions = world.services.sessions
    session_id = start(world)
    for code in ("A000", "A001", "B000", "A000"):
        sessions.scan(world.ana, session_id, code)
    seen = sessions.poll(session_id, {}).seen
    statements: list[str] = []
    execute = db.execute_sql

    def noted(sql: str, params: object = None) -> object:
        statements.append(sql)
        return execute(sql, params)

    monkeypatch.setattr(db, "execute_sql", noted)
    polled = sessions.poll(session_id, seen)
    monkeypatch.undo()
    assert polled.entries == [] and polled.progress.already_scanned == 1
    assert len(statements) == 1 and "session_counter" in statements[0]
    assert "FROM scan" not in statements[0]


@pytest.mark.postgres
@pytest.mark.parametrize("db_target", ["postgres"], indirect=True)
def test_a_scan_committed_after_a_higher_id_is_found(world: World) -> None:
    """(On SQLite one writer at a time: scans commit in the order of their ids.)"""
    db = world.services.db
    sessions = world.services.sessions
    session_id = start(world)
    other = Services.create(db, station="BENCH-2")
    ben = Operator(world.ben.user_id, world.ben.name, other.station)
    other.sessions.join(ben, session_id)
    inserted, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def slow_scan() -> None:  # another workstation: its own thread, its own connection
        try:
            with db.atomic():
                other.sessions.scan(ben, session_id, "A001")
                inserted.set()
                release.wait(20)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
            inserted.set()
        finally:
            db.close()

    thread = threading.Thread(target=slow_scan)
    thread.start()
    assert inserted.wait(20)
    quick = sessions.scan(world.ana, session_id, "A000")  # a higher id, committed first
    assert quick is not None
    first = sessions.poll(session_id, {})
    assert [e.barcode for e in first.entries] == ["A000"]
    release.set()
    thread.join(20)
    assert failures == []
    second = sessions.poll(session_id, first.seen)
    assert [e.barcode for e in second.entries] == ["A001"]
    assert second.entries[0].id < quick.scan_id
