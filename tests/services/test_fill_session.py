"""A session filled with many scans at once (benchmarks) holds what scanning one by one
would have left: chained records that verify, found rows, counts equal to a recount, and
the scan path carries on after them."""

from __future__ import annotations

from recon_desktop.core.records import Tag
from recon_desktop.services import demo
from recon_desktop.store import audit, counters
from tests.services.conftest import World


def test_a_filled_session_is_as_if_scanned_one_by_one(world: World) -> None:
    services, db = world.services, world.services.db
    session_id = services.sessions.start(world.ana, world.lab_id, world.config, "Big").id
    services.sessions.scan(world.ana, session_id, "A000")
    demo.fill_session(services, world.ana, session_id, 300, outside=0.1, unknown=0.1)
    assert audit.verify(db).ok
    assert list(counters.mismatched(db)) == []
    progress = services.sessions.progress(session_id)
    assert progress.expected_scanned == 20  # every expected item, by far
    assert progress.already_scanned > 200 and progress.unknown > 0
    log = services.sessions.scan_log(session_id)
    assert len(log) == 301
    assert [e.tag for e in log if e.barcode == "A000"][1:] == [Tag.ALREADY_SCANNED] * (
        len([e for e in log if e.barcode == "A000"]) - 1
    )
    events = db.execute_sql(
        f"SELECT COUNT(*) FROM history_event WHERE session_id = {db.param} AND kind = 'scanned'",
        (session_id,),
    ).fetchone()[0]
    assert events == len([e for e in log if e.item_id is not None])
    # each item scanned was last verified by its newest scan
    newest = {e.item_id: e.at for e in log if e.item_id is not None}
    for item_id, at in newest.items():
        assert services.inventory.item(item_id).last_verified_at == at
    # the scan path carries on: a repeat, a new barcode and an undo
    again = services.sessions.scan(world.ana, session_id, "A001")
    assert again is not None and again.tag is Tag.ALREADY_SCANNED
    assert again.first is not None and again.first.user == "ana"
    services.sessions.undo_last(world.ana, session_id)
    assert audit.verify(db).ok
    assert list(counters.mismatched(db)) == []
