"""PostgreSQL: the scan as one procedure on the server gives what the scan statement by
statement gives (the path a role without the right to create it takes): the same results,
the same rows, chains that verify, the same counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from recon_desktop.core.records import Operator, ScanResult
from recon_desktop.services import Services
from recon_desktop.store import audit, counters
from recon_desktop.store.db import Database
from tests.services.conftest import World

SCANS = (
    "A000", "B000", "C000", "A-ARCH", "NOPE-1", "A000", "NOPE-1",  # tags and repeats
    "FREEZER-B", "A001", "S002",  # a location, then items found away from it
    'quote " back \\ slash é ☃ \t tab', "]C1" + "0109501234567893",  # awkward text, GS1
)  # fmt: skip


def comparable(result: ScanResult | None) -> ScanResult | None:
    """A result without what differs between two sessions (ids, times, the workstation of
    the scan that counts)."""
    if result is None:
        return None
    first = result.first and replace(result.first, at=datetime.min, station="")
    return replace(result, scan_id=0, client_id="", scanned_at=datetime.min, first=first)


def verified_by(db: Database, session_id: int) -> tuple[dict[int, datetime], dict[int, datetime]]:
    """The session's items as last verified, and the newest standing scan of each."""
    p = db.param
    rows = db.execute_sql(
        f"SELECT item_id, verified_at FROM item_verified WHERE session_id = {p}", (session_id,)
    ).fetchall()
    newest = db.execute_sql(
        "SELECT s.item_id, MAX(s.scanned_at) FROM scan s "
        f"WHERE s.session_id = {p} AND s.kind = 'item' AND s.item_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id) GROUP BY s.item_id",
        (session_id,),
    ).fetchall()
    return dict(rows), dict(newest)


@pytest.mark.postgres
@pytest.mark.parametrize("db_target", ["postgres"], indirect=True)
def test_the_procedure_and_the_statements_give_the_same(world: World) -> None:
    db = world.services.db
    on_server = world.services.sessions.scans.store
    assert on_server.on_server()
    # another workstation on the same server, scanning statement by statement
    plain = Services.create(db, station="BENCH-2")
    plain.sessions.scans.store._on_server = False
    ben = Operator(world.ana.user_id, world.ana.name, plain.station)
    got: dict[str, list[ScanResult | None]] = {}
    for name, services, operator in (
        ("procedure", world.services, world.ana),
        ("statements", plain, ben),
    ):
        session = services.sessions.start(operator, world.lab_id, world.config, name).id
        codes = [world.freezer_b_code if c == "FREEZER-B" else c for c in SCANS]
        got[name] = [comparable(services.sessions.scan(operator, session, c)) for c in codes]
        services.sessions.undo_last(operator, session)
        # each item seen was last verified by its newest scan that stands
        verified, newest = verified_by(db, session)
        assert verified == newest and len(verified) >= 5, name
        services.sessions.end(operator, session)
    assert got["procedure"] == got["statements"]
    assert sum(r is not None and r.wrong_location for r in got["procedure"]) == 2
    assert audit.verify(db).ok
    assert list(counters.mismatched(db)) == []
    log = [
        [(e.barcode, e.kind, e.tag, e.undone, e.location_seen) for e in s.sessions.scan_log(i)]
        for s, i in ((world.services, 1), (plain, 2))
    ]
    assert log[0] == log[1]
