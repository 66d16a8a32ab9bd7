"""PostgreSQL: the scan as one procedure on the server gives what the scan statement by
statement gives (the path a role without the right to create it takes): the same results,
the same rows, chains that verify, the same counts. GS1 codes (by their canonical key, a
GTIN that fits several bottles, the label's lot and expiry kept) take the statements on
both workstations and give the same there too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from recon_desktop.core.records import Operator, ScanChoice, ScanResult, Tag
from recon_desktop.services import Services
from recon_desktop.store import audit, counters
from recon_desktop.store.db import Database
from recon_desktop.store.models import Ingredient, Location
from tests.gs1_examples import GTIN_A, GTIN_D, Label
from tests.services.conftest import World, add_item

SN001 = Label(GTIN_A, expiry="361231", lot="LOT42", serial="SN001")
SN002 = Label(GTIN_A, expiry="370630", lot="LOT43", serial="SN002")
OLD = Label(GTIN_D, expiry="200101", lot="OLD7", serial="SN9")
SCANS = (
    "A000", "B000", "C000", "A-ARCH", "NOPE-1", "A000", "NOPE-1",  # tags and repeats
    "FREEZER-B", "A001", "S002",  # a location, then items found away from it
    'quote " back \\ slash é ☃ \t tab', "]C1" + "0109501234567893",  # awkward text, GS1
    "P-OLD",  # a plain barcode whose item's recorded expiry is past
    "]d2" + SN001.element_string(),  # GS1: an item imported in another written form
    "]d2" + Label(GTIN_A, expiry="370101", lot="LOT99", serial="SN002").element_string(),
    f"(01){GTIN_A}(17)370630(10)LOT43",  # a GTIN alone that fits two bottles: a choice
    (f"(01){GTIN_A}(17)370630(10)LOT43", "SN002"),  # then the one chosen, a repeat
    OLD.human_readable,  # expired, the label as recorded
    "]C1" + Label(GTIN_D, expiry="210101", lot="NEW1", serial="SN77").element_string(),
    "]C1" + Label(GTIN_D, expiry="210101", lot="NEW1", serial="SN77").element_string(),
)  # fmt: skip


def comparable(
    result: ScanResult | ScanChoice | None,
) -> ScanResult | ScanChoice | None:
    """A result without what differs between two sessions (ids, times, the workstation of
    the scan that counts)."""
    if result is None or isinstance(result, ScanChoice):
        return result
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
    fa = Location.get(Location.path == world.freezer_a).id
    pbs = Ingredient.get(Ingredient.name == "PBS").id
    items = {
        "P-OLD": add_item(world.lab_id, "P-OLD", fa, pbs, lot="P7", expires_on=date(2020, 1, 1)),
        "SN001": add_item(
            world.lab_id, SN001.human_readable, fa, pbs, lot="LOT42", expires_on=date(2036, 12, 31)
        ),
        "SN002": add_item(
            world.lab_id, SN002.element_string(), fa, pbs, lot="LOT43", expires_on=date(2037, 6, 30)
        ),
        "OLD": add_item(
            world.lab_id, OLD.human_readable, fa, pbs, lot="OLD7", expires_on=date(2020, 1, 1)
        ),
    }
    on_server = world.services.sessions.scans.store
    assert on_server.on_server()
    # another workstation on the same server, scanning statement by statement
    plain = Services.create(db, station="BENCH-2")
    plain.sessions.scans.store._on_server = False
    ben = Operator(world.ana.user_id, world.ana.name, plain.station)
    got: dict[str, list[ScanResult | ScanChoice | None]] = {}
    for name, services, operator in (
        ("procedure", world.services, world.ana),
        ("statements", plain, ben),
    ):
        session = services.sessions.start(operator, world.lab_id, world.config, name).id
        got[name] = []
        for code in SCANS:
            raw, chosen = code if isinstance(code, tuple) else (code, None)
            raw = world.freezer_b_code if raw == "FREEZER-B" else raw
            item_id = items[chosen] if chosen else None
            result = services.sessions.scan(operator, session, raw, item_id=item_id)
            got[name].append(comparable(result))
        services.sessions.undo_last(operator, session)
        # each item seen was last verified by its newest scan that stands
        verified, newest = verified_by(db, session)
        assert verified == newest and len(verified) >= 5, name
        services.sessions.end(operator, session)
    assert got["procedure"] == got["statements"]
    results = [r for r in got["procedure"] if isinstance(r, ScanResult)]
    assert sum(r.wrong_location for r in results[:-7]) == 2  # the items after Freezer B
    # the plain barcode's item brings its record (found by the procedure), GS1 the label
    p_old, sn001, sn002, chosen, old, new, again = results[-7:]
    assert (p_old.lot, p_old.expires_on) == ("P7", date(2020, 1, 1))  # Expired
    assert (p_old.lot_seen, p_old.expiry_seen) == (None, None)
    assert sn001.item_id == items["SN001"] and sn001.label_differences == ()
    assert (sn002.item_id, sn002.lot_seen, sn002.expiry_seen) == (
        items["SN002"], "LOT99", date(2037, 1, 1),
    )  # fmt: skip
    assert len(sn002.label_differences) == 2
    assert isinstance(got["procedure"][-5], ScanChoice)
    assert chosen.item_id == items["SN002"] and chosen.tag is Tag.ALREADY_SCANNED
    assert (old.item_id, old.expiry_seen) == (items["OLD"], date(2020, 1, 1))
    assert (new.item_id, new.tag, new.lot_seen, new.expiry_seen) == (
        None, Tag.UNKNOWN, "NEW1", date(2021, 1, 1),
    )  # fmt: skip
    assert again.tag is Tag.ALREADY_SCANNED
    assert audit.verify(db).ok
    assert list(counters.mismatched(db)) == []
    log = [
        [
            (e.barcode, e.kind, e.tag, e.undone, e.location_seen, e.lot_seen, e.expiry_seen)
            for e in s.sessions.scan_log(i)
        ]
        for s, i in ((world.services, 1), (plain, 2))
    ]
    assert log[0] == log[1]
