"""A session's kept counts equal a full recount after any sequence of scans, repeats, undos
and actions from two workstations (on SQLite and on PostgreSQL), GS1 codes among them: a
bottle's label in two written forms, a GTIN alone that fits two bottles (nothing counted),
the same scan with the bottle chosen, and an unknown GS1 code in two forms."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon_desktop.core.records import Operator, SessionProgress, View
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.store import counters
from recon_desktop.store.models import Ingredient, Location
from tests.gs1_examples import Label
from tests.services.conftest import World, add_item

# per example: a fresh expected item and a fresh one outside the listing (actions change
# them for good), plus the world's items: expected, another lab's, archived
FRESH = ("EXPECTED", "OUTSIDE")
ITEMS = (*FRESH, "A000", "C000", "A-ARCH")
UNKNOWN = ("NOPE-1", "NOPE-2")  # new in each example; a split can give one to its new item
STATIONS = (0, 1)
# two bottles of one GTIN (new in each example): each label in two written forms, the GTIN
# alone (a choice), and a serial no item has (unknown), in two forms
GS1 = ("BOTTLE-1", "BOTTLE-1-HRI", "BOTTLE-2", "GTIN", "GS1-UNKNOWN", "GS1-UNKNOWN-HRI")

scans = st.tuples(
    st.just("scan"),
    st.sampled_from(STATIONS),
    st.sampled_from((*ITEMS, *UNKNOWN, "FREEZER", *GS1)),
)
chosen = st.tuples(st.just("choose"), st.sampled_from(STATIONS), st.sampled_from(("1", "2")))
undos = st.tuples(st.just("undo"), st.sampled_from(STATIONS), st.just(""))
splits = st.tuples(
    st.just("split"), st.sampled_from(STATIONS), st.sampled_from(FRESH), st.sampled_from(UNKNOWN)
)
archives = st.tuples(st.just("archive"), st.sampled_from(STATIONS), st.sampled_from(FRESH))
steps = st.lists(st.one_of(scans, scans, undos, splits, archives, chosen), min_size=1, max_size=30)
examples = itertools.count()


def gtin14(body: str) -> str:
    """A GTIN-14 with its check digit (GS1's mod 10: weights 3, 1 from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def kept(world: World, session_id: int) -> SessionProgress:
    counts = counters.read(world.services.db, session_id)
    assert counts is not None
    return counts.progress


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_kept_counts_equal_a_recount_after_every_step(
    world: World, steps: list[tuple[Any, ...]]
) -> None:
    db = world.services.db
    n = next(examples)
    places = {
        code: Location.get(Location.barcode == code).id
        for code in (world.freezer_a_code, world.freezer_b_code)
    }
    ethanol = Ingredient.get(Ingredient.name == "Ethanol").id
    codes = {
        "FREEZER": world.freezer_a_code,
        "EXPECTED": f"EXP-{n}",
        "OUTSIDE": f"OUT-{n}",
        **{u: f"{u}-{n}" for u in UNKNOWN},
    }
    add_item(world.lab_id, codes["EXPECTED"], places[world.freezer_a_code], ethanol)
    add_item(world.lab_id, codes["OUTSIDE"], places[world.freezer_b_code], ethanol)
    gtin = gtin14(f"0950600013{n % 1000:03d}")
    one = Label(gtin, expiry="361231", lot="LOT1", serial="SN1")
    two = Label(gtin, expiry="200101", lot="LOT2", serial="SN2")  # expired
    stray = Label(gtin, lot="LOT9", serial="SN9")  # no item has it
    bottles = {  # one expected, one outside the listing
        "1": add_item(world.lab_id, one.human_readable, places[world.freezer_a_code], ethanol),
        "2": add_item(world.lab_id, two.element_string(), places[world.freezer_b_code], ethanol),
    }
    codes.update(
        {
            "BOTTLE-1": "]d2" + one.element_string(),
            "BOTTLE-1-HRI": one.human_readable,
            "BOTTLE-2": "]C1" + two.element_string(),
            "GTIN": f"(01){gtin}",
            "GS1-UNKNOWN": "]d2" + stray.element_string(),
            "GS1-UNKNOWN-HRI": stray.human_readable,
        }
    )
    other = Services.create(db, station="BENCH-2")
    # on PostgreSQL, this workstation scans statement by statement (as a role that may not
    # create the server's scan procedure does), the first one through the procedure
    other.sessions.scans.store._on_server = False
    people = (world.ana, Operator(world.ben.user_id, world.ben.name, other.station))
    sessions = (world.services.sessions, other.sessions)
    session_id = world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id
    other.sessions.join(people[1], session_id)
    try:
        for step in steps:
            what, station = step[0], step[1]
            operator = people[station]
            try:
                if what == "scan":
                    sessions[station].scan(operator, session_id, codes.get(step[2], step[2]))
                elif what == "choose":  # the GTIN alone, with the bottle chosen
                    sessions[station].scan(
                        operator, session_id, codes["GTIN"], item_id=bottles[step[2]]
                    )
                elif what == "undo":
                    sessions[station].undo_last(operator, session_id)
                elif what == "split":
                    item = world.services.inventory.item_by_barcode(codes[step[2]])
                    world.services.actions.split(
                        operator,
                        item.id,
                        "0.001",
                        new_barcode=codes[step[3]],
                        session_id=session_id,
                    )
                else:
                    item = world.services.inventory.item_by_barcode(codes[step[2]])
                    world.services.actions.archive(
                        operator, item.id, reason="gone", session_id=session_id
                    )
            except ReconError:
                pass  # refused (e.g. that label is an item already): nothing changed
            assert kept(world, session_id) == counters.recount(db, session_id), step
        for view in View:  # the views' counts come from the kept counts too
            rows = world.services.sessions.view_barcodes(session_id, view)
            assert world.services.sessions.view_count(session_id, view) == len(rows), view
    finally:
        world.services.sessions.end(world.ana, session_id)
    assert list(counters.mismatched(db)) == []


def test_counts_of_sessions_recorded_before_they_were_kept_are_filled(world: World) -> None:
    """The schema upgrade's fill: the counts come from a recount, each workstation's
    newest scan too."""
    services, db = world.services, world.services.db
    session_id = services.sessions.start(world.ana, world.lab_id, world.config, "Old").id
    for code in ("A000", "A000", "B000", "NOPE-1", world.freezer_a_code, "A001"):
        services.sessions.scan(world.ana, session_id, code)
    services.sessions.undo_last(world.ana, session_id)
    before = kept(world, session_id)
    assert (before.expected_scanned, before.not_in_scope, before.unknown) == (1, 1, 1)
    assert before.already_scanned == 1
    db.execute_sql("DELETE FROM session_counter")
    assert kept(world, session_id).expected_scanned == 0
    with db.atomic():
        counters.fill_from_recount(db)
    assert kept(world, session_id) == before
    last = db.execute_sql("SELECT MAX(id) FROM scan").fetchone()[0]
    counts = counters.read(db, session_id)
    assert counts is not None and counts.last_scan_ids == {services.station: last}


def test_many_sessions_progress_in_one_query(world: World) -> None:
    services = world.services
    first = services.sessions.start(world.ana, world.lab_id, world.config, "One").id
    services.sessions.scan(world.ana, first, "A000")
    services.sessions.end(world.ana, first)
    second = services.sessions.start(world.ana, world.lab_id, world.config, "Two").id
    got = counters.progress_of(services.db, [first, second])
    assert got[first].expected_scanned == 1 and got[second].expected_scanned == 0
    assert got[first] == counters.recount(services.db, first)
    listed = services.sessions.list_with_progress(active=False)
    assert [(info.id, progress) for info, progress in listed] == [(first, got[first])]
