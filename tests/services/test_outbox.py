"""Scans kept on a workstation while the server was away, sent later with their own time:
recorded once each, in order; made before their session ended they count (and the ended
session keeps what they found), made after it they are refused and stay listed; the hash
chains and the session's anchor still verify."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from recon_desktop.core.records import Tag, View
from recon_desktop.errors import SessionStateError
from recon_desktop.services.outbox import OutboxService
from recon_desktop.services.sessions import new_client_id
from recon_desktop.store import anchors, audit
from recon_desktop.store.db import utcnow
from recon_desktop.store.models import Scan
from recon_desktop.store.outbox import Outbox
from tests.services.conftest import World


@pytest.fixture
def outbox(world: World, tmp_path: Path) -> OutboxService:
    return OutboxService(world.services.sessions, Outbox(tmp_path / "outbox.sqlite3", "test"))


def test_kept_scans_are_sent_in_order_with_their_own_time_and_once(
    world: World, outbox: OutboxService
) -> None:
    sessions = world.services.sessions
    session = sessions.start(world.ana, world.lab_id, world.config, "Count")
    made = utcnow()
    kept = [
        outbox.keep(
            world.ana, session, code, client_id=new_client_id(), gs_substitute=None,
            scanned_at=made + timedelta(milliseconds=n),
        )
        for n, code in enumerate(("A000", "A001", "A000"))
    ]  # fmt: skip
    assert [k.raw for k in outbox.waiting()] == ["A000", "A001", "A000"]
    results = [outbox.send(k) for k in outbox.waiting()]
    assert [r.tag for r in results if r] == [Tag.IN_SCOPE, Tag.IN_SCOPE, Tag.ALREADY_SCANNED]
    assert outbox.count() == 0
    # sent again (its answer lost, say): recorded once, the first outcome replayed
    again = outbox.send(kept[0])
    assert again is not None and again.duplicate and again.scan_id == results[0].scan_id
    stored = {s.client_id: s.scanned_at for s in Scan.select()}
    assert len(stored) == 3
    assert [stored[k.client_id] for k in kept] == [k.scanned_at for k in kept]
    assert audit.verify(world.services.db).ok


def test_scans_made_before_the_end_count_and_later_ones_are_refused(
    world: World, outbox: OutboxService
) -> None:
    sessions = world.services.sessions
    session = sessions.start(world.ana, world.lab_id, world.config, "Count")
    before = [
        outbox.keep(
            world.ben, session, code, client_id=new_client_id(), gs_substitute=None,
            scanned_at=utcnow(),
        )
        for code in ("A002", "B001")  # expected; known but not expected
    ]  # fmt: skip
    sessions.scan(world.ana, session.id, "A003")
    ended = sessions.end(world.ana, session.id)
    assert ended.ended_at is not None
    anchor = sessions.anchor(session.id)
    assert anchor is not None
    after = outbox.keep(
        world.ben, session, "A004", client_id=new_client_id(), gs_substitute=None,
        scanned_at=ended.ended_at + timedelta(seconds=1),
    )  # fmt: skip
    sent = [outbox.send(k) for k in before]
    assert [r.tag for r in sent if r] == [Tag.IN_SCOPE, Tag.NOT_IN_SCOPE]
    with pytest.raises(SessionStateError):
        outbox.send(after)
    assert outbox.count() == 0
    assert [(k.raw, bool(k.refused)) for k in outbox.refused()] == [("A004", True)]
    progress = sessions.progress(session.id)
    assert (progress.expected_scanned, progress.not_in_scope) == (2, 1)
    # the ended session reads what the late scans found, and its item as it was kept
    ended_rows = sessions.view_barcodes(session.id, View.SCANNED_NOT_IN_LISTING)
    assert ended_rows == ["B001"]
    # the chains, and the anchor sealed at the end (the late scans extend the chains)
    db = world.services.db
    assert audit.verify(db).ok
    parsed = anchors.parse(anchor)
    assert parsed is not None and anchors.check(db, parsed, outside=True) is None


def test_the_item_chosen_for_a_code_that_fits_several_is_kept_with_the_scan(
    world: World, outbox: OutboxService, tmp_path: Path
) -> None:
    """A GTIN alone on two bottles: the bottle a person chose is kept with the scan (on
    disk: read again after a restart) and the scan is recorded as that bottle when sent,
    not refused as a code that fits several."""
    from recon_desktop.core.records import ScanChoice, ScanResult
    from recon_desktop.store.models import Ingredient
    from tests.gs1_examples import GTIN_A
    from tests.services.conftest import add_item

    where = world.services.admin.location(world.freezer_a_code).id
    ethanol = Ingredient.get(Ingredient.name == "Ethanol").id
    bottles = [add_item(world.lab_id, f"01{GTIN_A}21SN{n}", where, ethanol) for n in (1, 2)]
    sessions = world.services.sessions
    session = sessions.start(world.ana, world.lab_id, world.config, "Count")
    raw = f"(01){GTIN_A}"
    choice = sessions.scan(world.ana, session.id, raw)
    assert isinstance(choice, ScanChoice) and len(choice.choices) == 2
    outbox.keep(
        world.ana, session, raw, client_id=new_client_id(), gs_substitute=None,
        scanned_at=utcnow(), item_id=bottles[1],
    )  # fmt: skip
    outbox.close()
    again = OutboxService(sessions, Outbox(tmp_path / "outbox.sqlite3", "test"))
    [kept] = again.waiting()
    assert kept.item_id == bottles[1]
    result = again.send(kept)
    assert isinstance(result, ScanResult) and result.item_id == bottles[1]
    assert again.count() == 0 and again.refused() == []
    again.close()


def test_an_outbox_kept_by_an_earlier_version_is_read_and_written(tmp_path: Path) -> None:
    """An outbox file from before the chosen item was kept gets its column; what it
    keeps is sent as it was."""
    import sqlite3

    path = tmp_path / "outbox.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE kept_scan (seq INTEGER PRIMARY KEY AUTOINCREMENT, database_id TEXT NOT "
        "NULL, client_id TEXT NOT NULL UNIQUE, session_id INTEGER NOT NULL, session_name TEXT "
        "NOT NULL, station TEXT NOT NULL, user_id INTEGER NOT NULL, user_name TEXT NOT NULL, "
        "raw TEXT NOT NULL, gs_substitute TEXT, scanned_at TEXT NOT NULL, refused TEXT)"
    )
    conn.execute(
        "INSERT INTO kept_scan (database_id, client_id, session_id, session_name, station, "
        "user_id, user_name, raw, gs_substitute, scanned_at) VALUES "
        "('db', 'c1', 1, 'Count', 'WS-1', 2, 'ana', 'A000', NULL, '2026-01-02 09:00:00')"
    )
    conn.commit()
    conn.close()
    outbox = Outbox(path, "db")
    [kept] = outbox.waiting()
    assert (kept.client_id, kept.raw, kept.item_id) == ("c1", "A000", None)
    outbox.keep(replace(kept, client_id="c2", item_id=7))
    assert [k.item_id for k in outbox.waiting()] == [None, 7]
    outbox.close()
