"""The scanned list's pages: a session's scans a page at a time in scan-time order (then
id), from either end or around a scan, on SQLite and on PostgreSQL; every scan once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from recon_desktop.core.records import ScanKind, Tag
from recon_desktop.store import bulk_scans
from recon_desktop.store.db import transaction, utcnow
from tests.services.conftest import World

CODES = [f"A{n:03d}" for n in range(10)] + ["NOPE-1", "B000"]


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def bulk(
    world: World,
    session_id: int,
    station: str,
    count: int,
    first: timedelta,
    every: timedelta = timedelta(seconds=1),
) -> None:
    """``count`` item scans at ``station``, ``every`` apart from ``first`` before now."""
    db = world.services.db
    with transaction(db):
        bulk_scans.record_scans(
            db,
            session_id,
            world.ben.user_id,
            station,
            [CODES[n % len(CODES)] for n in range(count)],
            start=utcnow() - first,
            every=every,
        )


def walk(world: World, session_id: int, *, older: bool, after_id: int = 0) -> list[int]:
    """Every page from one end to the other; the scans' ids in the list's order."""
    sessions = world.services.sessions
    page = sessions.list_page(session_id, older=older, limit=97, after_id=after_id)
    pages = [page.entries]
    while page.more:
        edge = page.entries[0] if older else page.entries[-1]
        page = sessions.list_page(
            session_id, older=older, key=(edge.at, edge.id), limit=97, after_id=after_id
        )
        pages.append(page.entries)
    if older:
        pages.reverse()
    return [entry.id for entries in pages for entry in entries]


def test_pages_reach_every_scan_once_in_scan_time_order(world: World) -> None:
    """Scans recorded later with earlier times (kept while a server was away), scans at
    the same instant, undos and registrations: the pages from the newest back, and from
    the oldest on, hold each item and location scan once, in (scan time, id) order."""
    sessions, db = world.services.sessions, world.services.db
    session_id = start(world)
    bulk(world, session_id, "WS-2", 700, timedelta(hours=2))  # ids first, times later
    bulk(world, session_id, "WS-3", 700, timedelta(hours=4))  # ids later, times earlier
    # five at the same instant (one of WS-3's): their ids order them
    bulk(world, session_id, "WS-4", 5, timedelta(hours=4) - timedelta(seconds=50), timedelta(0))
    unknown = sessions.scan(world.ana, session_id, "NOPE-2")
    assert unknown is not None and unknown.tag is Tag.UNKNOWN
    sessions.scan(world.ana, session_id, world.freezer_a_code)  # a location scan
    undone = sessions.scan(world.ana, session_id, "A001")
    assert undone is not None
    sessions.undo_last(world.ana, session_id)
    rows = db.execute_sql(
        "SELECT id FROM scan WHERE session_id = "
        f"{db.param} AND kind IN ('item', 'location') ORDER BY scanned_at, id",
        (session_id,),
    ).fetchall()
    everything = [r[0] for r in rows]
    assert len(everything) == 1408
    assert everything != sorted(everything)  # time order is not id order here
    assert walk(world, session_id, older=True) == everything
    assert walk(world, session_id, older=False) == everything
    newest = sessions.list_page(session_id, limit=3, opening=True)
    assert [e.id for e in newest.entries] == everything[-3:] and newest.more
    assert newest.entries[-2].kind is ScanKind.LOCATION
    assert next(e for e in newest.entries if e.id == undone.scan_id).undone
    stations = db.execute_sql(
        f"SELECT station, MAX(id) FROM scan WHERE session_id = {db.param} GROUP BY station",
        (session_id,),
    ).fetchall()
    assert newest.seen == dict(stations)  # (the undo is this workstation's newest)
    # after a Clear All: only what came after it
    assert walk(world, session_id, older=True, after_id=unknown.scan_id) == [
        i for i in everything if i > unknown.scan_id
    ]


def test_a_registered_unknown_barcode_comes_with_its_page(world: World) -> None:
    """The follow-up record of an unknown barcode registered since its scan comes with
    the page holding the scan (the row shows the item), wherever it was recorded."""
    sessions = world.services.sessions
    session_id = start(world)
    unknown = sessions.scan(world.ana, session_id, "NOPE-7")
    other = sessions.scan(world.ana, session_id, "NOPE-8")
    assert unknown is not None and other is not None
    bulk(world, session_id, "WS-2", 300, timedelta(hours=-1))  # after them
    where = world.services.admin.location(world.freezer_a_code)
    sessions.register_unknown(
        world.ana,
        session_id,
        unknown.scan_id,
        ingredient="Ethanol 96%",
        ingredient_type="solvent",
        quantity="250",
        unit="mL",
        location_id=where.id,
    )
    page = sessions.list_page(session_id, older=False, limit=10)
    assert [e.barcode for e in page.entries][:2] == ["NOPE-7", "NOPE-8"] and page.more
    assert [(f.undoes_id, f.kind) for f in page.follow_ups] == [
        (unknown.scan_id, ScanKind.REGISTERED)
    ]
    assert page.follow_ups[0].item_id is not None
    newest = sessions.list_page(session_id, limit=10)
    assert newest.follow_ups == []  # its page does not hold the scan


@pytest.mark.parametrize("count", [0, 1])
def test_an_empty_or_tiny_session_has_one_page(world: World, count: int) -> None:
    sessions = world.services.sessions
    session_id = start(world)
    for _ in range(count):
        sessions.scan(world.ana, session_id, "A000")
    for older in (True, False):
        page = sessions.list_page(session_id, older=older, opening=older)
        assert len(page.entries) == count and not page.more
    assert sessions.list_page(session_id, opening=True).seen == (
        {world.services.station: page.entries[0].id} if count else {}
    )
