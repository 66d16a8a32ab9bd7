"""Races between workstations, resolved by the PostgreSQL server and never by luck.

Every scenario releases its stations together with a barrier and runs many rounds, so
the rare interleavings come up; after every round the invariants are checked: rows,
sums, winners + losers = attempts, history pairs, and the hash chains.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial

import pytest

from recon_desktop.core.records import FirstScan, ScanResult, Tag
from recon_desktop.errors import ReconError, SessionStateError
from recon_desktop.services import scanning as scanning_module
from recon_desktop.services.actions import item_info
from recon_desktop.store import db as db_module
from tests.concurrency import Lab, each_attempt, wait_for_lock

pytestmark = pytest.mark.postgres

STATIONS = 8


@pytest.fixture
def lab(postgres_url: str) -> Iterator[Lab]:
    bench = Lab.build(postgres_url, STATIONS)
    yield bench
    bench.close()


def one_sentence(error: BaseException | None) -> str:
    assert isinstance(error, ReconError), f"expected a sentence, got {error!r}"
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


# ------------------------------------------------------------------ same barcode


def test_eight_stations_scanning_one_barcode_count_it_once(lab: Lab) -> None:
    rounds = 60
    in_scope = lab.add_items("SAME", rounds)  # in Freezer A: expected
    elsewhere = lab.add_items("OUT", rounds, location=lab.freezer_b)
    session = lab.start_session("same barcode")
    for i, station in enumerate(lab.stations):
        lab.on(i, lambda s=station, i=i: s.sessions.join(lab.operators[i], session))
    for r in range(rounds):
        kind = r % 3
        barcode, item_id, tag = (
            (f"SAME{r:04d}", in_scope[r], Tag.IN_SCOPE)
            if kind == 0
            else (f"OUT{r:04d}", elsewhere[r], Tag.NOT_IN_SCOPE)
            if kind == 1
            else (f"NOSUCH{r:04d}", None, Tag.UNKNOWN)
        )
        outcomes = lab.together(
            [
                (i, partial(station.sessions.scan, lab.operators[i], session, barcode))
                for i, station in enumerate(lab.stations)
            ]
        )
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        results: list[ScanResult] = [o.result for o in outcomes]
        winners = [(i, r_) for i, r_ in enumerate(results) if r_.tag is not Tag.ALREADY_SCANNED]
        losers = [r_ for r_ in results if r_.tag is Tag.ALREADY_SCANNED]
        assert len(winners) == 1, [r_.tag for r_ in results]
        assert len(winners) + len(losers) == STATIONS
        index, winner = winners[0]
        assert winner.tag is tag
        who = lab.operators[index]
        first = FirstScan(user=who.name, at=winner.scanned_at, station=who.station)
        assert {r_.first for r_ in losers} == {first}
        # both raw scans kept: all eight rows, one found row naming the winner
        assert (
            lab.value(
                "SELECT COUNT(*) FROM scan WHERE session_id = %s AND barcode = %s", session, barcode
            )
            == STATIONS
        )
        found = lab.rows(
            "SELECT station, user_id, scan_client_id, tag FROM found "
            "WHERE session_id = %s AND barcode = %s",
            session,
            barcode,
        )
        assert found == [(who.station, who.user_id, winner.client_id, tag.value)]
        tags = dict(
            lab.rows(
                "SELECT tag, COUNT(*) FROM scan WHERE session_id = %s "
                "AND barcode = %s GROUP BY tag",
                session,
                barcode,
            )
        )
        assert tags == {tag.value: 1, Tag.ALREADY_SCANNED.value: STATIONS - 1}
        if item_id is not None:
            assert (
                lab.value(
                    "SELECT COUNT(*) FROM history_event WHERE item_id = %s AND kind = 'scanned'",
                    item_id,
                )
                == STATIONS
            )
        lab.assert_consistent()
    progress = lab.stations[0].sessions.progress(session)
    assert progress.expected_scanned == len(range(0, rounds, 3))
    assert progress.not_in_scope == len(range(1, rounds, 3))
    assert progress.unknown == len(range(2, rounds, 3))
    assert progress.already_scanned == rounds * (STATIONS - 1)


# ------------------------------------------------------------------ one quantity


def _split_round(lab: Lab, session: int, item_id: int, *, stale: bool) -> None:
    before = item_info(item_id)
    expected_total = lab.value("SELECT expected_total FROM session WHERE id = %s", session)
    version = before.version if stale else None
    outcomes = lab.together(
        [
            (
                i,
                partial(
                    station.actions.split,
                    lab.operators[i],
                    item_id,
                    "1",
                    session_id=session,
                    expected_version=version,
                ),
            )
            for i, station in enumerate(lab.stations)
        ]
    )
    winners = [o for o in outcomes if o.ok]
    losers = [o for o in outcomes if not o.ok]
    assert len(winners) + len(losers) == STATIONS
    assert 1 <= len(winners) <= (1 if stale else 4), [str(o.error) for o in losers]
    for loser in losers:
        text = one_sentence(loser.error)
        assert "nothing was changed" in text or "cannot" in text.lower(), text
    after = item_info(item_id)
    split_off = lab.rows(
        "SELECT i.id, i.quantity FROM inventory_item i JOIN history_event h ON h.item_id = i.id "
        "WHERE h.kind = 'created' AND h.source = %s",
        f"split from {before.barcode}",
    )
    # the quantities add up exactly, and nothing was half-written
    assert len(split_off) == len(winners)
    assert {o.result.id for o in winners} == {row[0] for row in split_off}
    assert all(o.result.quantity == Decimal(1) for o in winners)
    assert after.quantity + sum(Decimal(1) for _ in split_off) == before.quantity
    assert after.version == before.version + len(winners)
    assert lab.value(
        "SELECT COUNT(*) FROM history_event WHERE item_id = %s AND kind = 'split'", item_id
    ) == len(winners)
    # a split-off of an expected item is expected too, and counted once each
    assert lab.value(
        "SELECT COUNT(*) FROM expected_item WHERE session_id = %s AND item_id = ANY(%s)",
        session,
        [row[0] for row in split_off],
    ) == len(winners)
    assert lab.value(
        "SELECT expected_total FROM session WHERE id = %s", session
    ) == expected_total + len(winners)


@pytest.mark.parametrize("stale", [False, True], ids=["fresh-read", "same-stale-view"])
def test_eight_stations_splitting_one_item_keep_the_quantity(lab: Lab, stale: bool) -> None:
    rounds = 20
    items = lab.add_items("SPLIT", rounds, quantity="5")
    session = lab.start_session("splits")
    for r in range(rounds):
        _split_round(lab, session, items[r], stale=stale)
        lab.assert_consistent()
    assert lab.value("SELECT expected_total FROM session WHERE id = %s", session) == lab.value(
        "SELECT COUNT(*) FROM expected_item WHERE session_id = %s", session
    )


def test_eight_stations_decrementing_one_quantity_from_a_stale_view(lab: Lab) -> None:
    """Set the quantity to one less than what the (same, stale) screen shows: one wins."""
    rounds = 12
    (item_id,) = lab.add_items("DEC", 1, quantity=str(rounds * 10))
    session = lab.start_session("decrements")
    for _ in range(rounds):
        before = item_info(item_id)
        outcomes = lab.together(
            [
                (
                    i,
                    partial(
                        station.actions.set_field,
                        lab.operators[i],
                        item_id,
                        "quantity",
                        str(before.quantity - 1),
                        reason="counted",
                        session_id=session,
                        expected_version=before.version,
                    ),
                )
                for i, station in enumerate(lab.stations)
            ]
        )
        winners = [o for o in outcomes if o.ok]
        losers = [o for o in outcomes if not o.ok]
        assert len(winners) == 1 and len(winners) + len(losers) == STATIONS
        for loser in losers:  # told the current quantity, whichever check caught it
            text = one_sentence(loser.error)
            now = before.quantity - 1
            assert f"It is now {now} mL" in text or f"is already {now}." in text, text
        after = item_info(item_id)
        assert after.quantity == before.quantity - 1
        assert after.version == before.version + 1
    assert (
        lab.value("SELECT COUNT(*) FROM history_event WHERE item_id = %s AND kind = 'set'", item_id)
        == rounds
    )
    lab.assert_consistent()


def test_eight_stations_splitting_different_items_all_succeed(lab: Lab) -> None:
    """Splits of different expected items in one session each raise the session's expected
    total: none may be lost and none may fail for another's sake."""
    rounds = 8
    items = lab.add_items("MANY", rounds * STATIONS, quantity="5")
    session = lab.start_session("many splits")
    for r in range(rounds):
        outcomes = lab.together(
            [
                (
                    i,
                    partial(
                        station.actions.split,
                        lab.operators[i],
                        items[r * STATIONS + i],
                        "1",
                        session_id=session,
                    ),
                )
                for i, station in enumerate(lab.stations)
            ]
        )
        assert [str(o.error) for o in outcomes if not o.ok] == []
        assert (
            lab.value("SELECT expected_total FROM session WHERE id = %s", session)
            == len(items) + (r + 1) * STATIONS
        )
    lab.assert_consistent()


# ------------------------------------------------------------------ stale moves


def test_two_moves_from_the_same_stale_view_one_wins(lab: Lab) -> None:
    rounds = 60
    (item_id,) = lab.add_items("MOVE", 1)
    session = lab.start_session("moves")
    targets = [path for _, path in lab.shelves]
    for r in range(rounds):
        before = item_info(item_id)
        choices = [t for t in targets if t != before.location]
        first, second = choices[r % 2], choices[(r + 1) % 2]
        outcomes = lab.together(
            [
                (
                    i,
                    partial(
                        lab.stations[i].actions.move,
                        lab.operators[i],
                        item_id,
                        target,
                        session_id=session,
                        expected_version=before.version,
                    ),
                )
                for i, target in enumerate((first, second))
            ]
        )
        winners = [o for o in outcomes if o.ok]
        losers = [o for o in outcomes if not o.ok]
        assert len(winners) == 1 and len(losers) == 1
        won_at = winners[0].result.location
        assert isinstance(losers[0].error, SessionStateError)
        text = one_sentence(losers[0].error)
        assert f"at {won_at} (active)" in text, text
        after = item_info(item_id)
        assert after.location == won_at and after.version == before.version + 1
        moved = lab.rows(
            "SELECT old_value, new_value FROM history_event WHERE item_id = %s "
            "AND kind = 'moved' ORDER BY id",
            item_id,
        )
        assert len(moved) == r + 1
        assert moved[-1] == (before.location, won_at)
    lab.assert_consistent()


# ------------------------------------------------------------------ scan vs end


def _jitter(seconds: float) -> None:
    if seconds > 0:
        time.sleep(seconds)


@pytest.mark.parametrize("what", ["scan", "split"])
def test_work_racing_the_end_is_counted_before_it_or_refused(lab: Lab, what: str) -> None:
    rounds = 40
    items = lab.add_items("END", rounds, quantity="5")
    rng = random.Random(6)
    counted = refused = 0
    for r in range(rounds):
        session = lab.start_session(f"end race {r}")
        lab.on(1, lambda s=session: lab.stations[1].sessions.join(lab.operators[1], s))
        delays = (rng.choice([0, 0, 0.0005, 0.001, 0.002]), rng.choice([0, 0, 0.0005, 0.001]))

        def work(r: int = r, session: int = session, delay: float = delays[0]) -> object:
            _jitter(delay)
            if what == "scan":
                return lab.stations[1].sessions.scan(lab.operators[1], session, f"END{r:04d}")
            return lab.stations[1].actions.split(
                lab.operators[1], items[r], "1", session_id=session
            )

        def end(session: int = session, delay: float = delays[1]) -> object:
            _jitter(delay)
            return lab.stations[0].sessions.end(lab.operators[0], session)

        work_outcome, end_outcome = lab.together([(1, work), (0, end)])
        assert end_outcome.ok, end_outcome.error
        ended_at: datetime = end_outcome.result.ended_at
        if work_outcome.ok:
            counted += 1
            if what == "scan":
                assert work_outcome.result.scanned_at <= ended_at
                verified = lab.rows(
                    "SELECT session_id, verified_at FROM item_verified WHERE item_id = %s",
                    items[r],
                )
                # verified by the scan, at its time, before the end
                assert verified == [(session, work_outcome.result.scanned_at)]
        else:
            refused += 1
            assert isinstance(work_outcome.error, SessionStateError)
            one_sentence(work_outcome.error)
            assert (
                lab.value(
                    "SELECT COUNT(*) FROM scan WHERE session_id = %s AND station = 'WS-1'", session
                )
                == 0
            )
            assert (
                lab.value("SELECT COUNT(*) FROM history_event WHERE session_id = %s", session) == 0
            )
        # never recorded after the end
        late = lab.rows(
            "SELECT 'scan', id FROM scan WHERE session_id = %s AND scanned_at > %s "
            "UNION ALL SELECT 'found', id FROM found WHERE session_id = %s AND found_at > %s "
            "UNION ALL SELECT 'history', id FROM history_event WHERE session_id = %s "
            "AND at > %s",
            session,
            ended_at,
            session,
            ended_at,
            session,
            ended_at,
        )
        assert late == []
        assert counted + refused == r + 1
    lab.assert_consistent()
    print(f"{what} vs end: {counted} counted before the end, {refused} refused")


# ------------------------------------------------------------------ clocks


def test_times_come_from_the_server_clock(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workstation whose clock is an hour off records the server's time anyway."""

    def skewed() -> datetime:
        return datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1)

    original = db_module.utcnow
    for name, module in list(sys.modules.items()):  # every module that took the name
        if name.startswith("recon_desktop") and getattr(module, "utcnow", None) is original:
            monkeypatch.setattr(module, "utcnow", skewed)
    assert scanning_module.utcnow is skewed
    (item_id,) = lab.add_items("CLOCK", 1)
    server = "SELECT (clock_timestamp() AT TIME ZONE 'UTC')"
    before = lab.value(server)
    session = lab.start_session("clock")
    ops, stations = lab.operators, lab.stations
    lab.on(1, lambda: stations[1].sessions.join(ops[1], session))
    scans = lab.together(
        [(i, lambda i=i: stations[i].sessions.scan(ops[i], session, "CLOCK0000")) for i in range(2)]
    )
    lab.on(
        2, lambda: stations[2].actions.move(ops[2], item_id, lab.shelves[0][1], session_id=session)
    )
    lab.on(3, lambda: stations[3].actions.split(ops[3], item_id, "1", session_id=session))
    ended = lab.on(0, lambda: stations[0].sessions.end(ops[0], session)).result
    after = lab.value(server)
    for outcome in scans:
        assert before <= outcome.result.scanned_at <= after
    assert before <= ended.started_at <= ended.ended_at <= after
    times = lab.rows(
        "SELECT 'scan', scanned_at FROM scan UNION ALL SELECT 'found', found_at FROM found "
        "UNION ALL SELECT 'history ' || kind, at FROM history_event "
        "UNION ALL SELECT 'event ' || kind, at FROM audit_event WHERE session_id IS NOT NULL "
        "UNION ALL SELECT 'item created', created_at FROM inventory_item "
        "WHERE left(barcode, 5) <> 'CLOCK' "
        "UNION ALL SELECT 'verified', verified_at FROM item_verified"
    )
    off = [(what, at) for what, at in times if not before <= at <= after]
    assert off == [], f"recorded by the workstation's clock, not the server's: {off}"
    assert len(times) >= 10


# ------------------------------------------------------------------ deadlocks


def test_a_deadlock_is_retried_and_the_scan_counts_once(
    lab: Lab, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection and a scan each hold what the other wants: the server aborts the
    scan's transaction, the scan runs again by itself and counts once."""
    import psycopg

    lab.add_items("DEAD", 2)
    session = lab.start_session("deadlock")
    station, operator = lab.stations[1], lab.operators[1]
    lab.on(1, lambda: station.sessions.join(operator, session))
    assert lab.on(1, lambda: station.sessions.scan(operator, session, "DEAD0000")).ok
    # the scan's connection gives up first: it is the one the server aborts
    lab.on(1, lambda: lab.db.execute_sql("SET deadlock_timeout = '50ms'"))
    attempts: list[int] = []
    where, name = each_attempt(station)
    scan_once = getattr(where, name)
    monkeypatch.setattr(where, name, lambda *a, **k: attempts.append(1) or scan_once(*a, **k))
    pid = lab.backend_pid(1)
    with (
        psycopg.connect(postgres_url) as other,
        psycopg.connect(postgres_url, autocommit=True) as admin,
    ):
        other.execute("SET deadlock_timeout = '10s'")
        other.execute("SELECT 1 FROM chain_head WHERE name = 'scan:WS-1' FOR UPDATE")
        pending = lab.submit(1, partial(station.sessions.scan, operator, session, "DEAD0001"))
        wait_for_lock(admin, pid)  # it counted DEAD0001 and waits for its chain head
        other.execute(  # waits for the scan's uncommitted count: a deadlock
            "INSERT INTO found (session_id, barcode, tag, scan_client_id, found_at, user_id, "
            "station) VALUES (%s, 'DEAD0001', 'in_scope', 'x', now(), %s, 'WS-0') "
            "ON CONFLICT DO NOTHING",
            (session, lab.operators[0].user_id),
        )
        other.rollback()
        outcome = pending.wait(30)
    assert outcome.ok, outcome.error
    assert outcome.result.tag is Tag.IN_SCOPE
    assert len(attempts) == 2
    assert lab.value("SELECT COUNT(*) FROM scan WHERE barcode = 'DEAD0001'") == 1
    assert lab.rows("SELECT station FROM found WHERE barcode = 'DEAD0001'") == [("WS-1",)]
    lab.assert_consistent()


def test_conflicts_that_keep_coming_are_reported_in_a_sentence(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    import peewee as pw

    from recon_desktop.errors import ConflictRetryError

    lab.add_items("BUSY", 1)
    session = lab.start_session("busy")
    station, operator = lab.stations[1], lab.operators[1]
    lab.on(1, lambda: station.sessions.join(operator, session))

    def always_deadlocked(*args: object, **kwargs: object) -> None:
        raise pw.OperationalError("deadlock detected")

    monkeypatch.setattr(*each_attempt(station), always_deadlocked)
    outcome = lab.on(1, lambda: station.sessions.scan(operator, session, "BUSY0000"))
    assert isinstance(outcome.error, ConflictRetryError)
    assert "nothing was saved" in one_sentence(outcome.error)
    monkeypatch.undo()
    assert lab.value("SELECT COUNT(*) FROM scan WHERE session_id = %s", session) == 0
    assert lab.on(1, lambda: station.sessions.scan(operator, session, "BUSY0000")).ok


# ------------------------------------------------------------------ undo vs a repeat


def test_an_undo_racing_a_repeat_scan_leaves_the_item_counted(lab: Lab) -> None:
    """One station undoes the scan that counted while another scans the same barcode: the
    other's scan stands, so the item counts (by that scan) whichever came first."""
    rounds = 30
    lab.add_items("UNDO", rounds)
    session = lab.start_session("undo race")
    first, second = lab.operators[0], lab.operators[1]
    lab.on(1, lambda: lab.stations[1].sessions.join(second, session))
    rng = random.Random(11)
    for r in range(rounds):
        barcode = f"UNDO{r:04d}"
        assert lab.on(0, partial(lab.stations[0].sessions.scan, first, session, barcode)).ok
        delays = (rng.choice([0, 0, 0.0005, 0.001]), rng.choice([0, 0, 0.0005, 0.001]))

        def undo(delay: float = delays[0]) -> object:
            _jitter(delay)
            return lab.stations[0].sessions.undo_last(first, session)

        def repeat(delay: float = delays[1], barcode: str = barcode) -> object:
            _jitter(delay)
            return lab.stations[1].sessions.scan(second, session, barcode)

        undone, repeated = lab.together([(0, undo), (1, repeat)])
        assert undone.ok, undone.error
        assert repeated.ok, repeated.error
        assert repeated.result.tag in (Tag.IN_SCOPE, Tag.ALREADY_SCANNED)
        found = lab.rows(
            "SELECT scan_client_id, station FROM found WHERE session_id = %s AND barcode = %s",
            session,
            barcode,
        )
        assert found == [(repeated.result.client_id, "WS-1")], (r, repeated.result.tag)
        lab.assert_consistent()
    assert lab.stations[0].sessions.progress(session).expected_scanned == rounds


def test_two_stations_undoing_their_scans_of_one_barcode_leave_it_uncounted(lab: Lab) -> None:
    """The counting scan and the repeat are both undone at once: nothing stands, so nothing
    may count (an undone repeat must not be promoted)."""
    rounds = 30
    lab.add_items("BOTH", rounds)
    session = lab.start_session("double undo")
    ops, stations = lab.operators, lab.stations
    lab.on(1, lambda: stations[1].sessions.join(ops[1], session))
    rng = random.Random(12)
    for r in range(rounds):
        barcode = f"BOTH{r:04d}"
        assert lab.on(0, partial(stations[0].sessions.scan, ops[0], session, barcode)).ok
        assert (
            lab.on(1, partial(stations[1].sessions.scan, ops[1], session, barcode)).result.tag
            is Tag.ALREADY_SCANNED
        )

        def undo(i: int, delay: float) -> object:
            _jitter(delay)
            return stations[i].sessions.undo_last(ops[i], session)

        outcomes = lab.together(
            [(i, partial(undo, i, rng.choice([0, 0, 0.0005, 0.001]))) for i in range(2)]
        )
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        assert (
            lab.rows(
                "SELECT scan_client_id FROM found WHERE session_id = %s AND barcode = %s",
                session,
                barcode,
            )
            == []
        )
        lab.assert_consistent()
    assert lab.stations[0].sessions.progress(session).expected_scanned == 0


# ------------------------------------------------------------------ bulk archive vs scans


def test_archiving_the_missing_while_they_are_being_found(lab: Lab) -> None:
    """A station archives every expected item not scanned yet while others scan some of
    them: an item found before the archive is never archived as missing."""
    rounds, per_round = 12, 6
    for r in range(rounds):
        lab.add_items(f"M{r:02d}-", per_round + 1)
    for r in range(rounds):
        session = lab.start_session(f"missing {r}")
        for i in range(1, 4):
            lab.on(i, lambda i=i, s=session: lab.stations[i].sessions.join(lab.operators[i], s))

        def scan(i: int, code: str, session: int = session) -> object:
            return lab.stations[i].sessions.scan(lab.operators[i], session, code)

        def archive(session: int = session) -> object:
            return lab.stations[0].actions.archive_missing(
                lab.operators[0], session, reason="not on the shelf"
            )

        calls = [(0, archive)] + [(i, partial(scan, i, f"M{r:02d}-{i:04d}")) for i in range(1, 4)]
        outcomes = lab.together(calls)
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        contradictions = lab.rows(
            "SELECT i.barcode, f.found_at, h.at FROM history_event h "
            "JOIN inventory_item i ON i.id = h.item_id "
            "JOIN found f ON f.session_id = h.session_id AND f.item_id = h.item_id "
            "WHERE h.session_id = %s AND h.kind = 'archived' AND f.found_at <= h.at",
            session,
        )
        assert contradictions == [], "found, then archived as missing"
        lab.stations[0].sessions.end(lab.operators[0], session)
    lab.assert_consistent()


# ------------------------------------------------------------------ one new label


def test_eight_splits_naming_the_same_new_label(lab: Lab) -> None:
    """Eight stations split different items into the same new barcode at once: one item
    gets the label, the others are told in a sentence and nothing of theirs is written."""
    rounds = 6
    items = lab.add_items("LBL", rounds * STATIONS, quantity="5")
    session = lab.start_session("labels")
    for r in range(rounds):
        label = f"NEWLABEL{r:02d}"
        outcomes = lab.together(
            [
                (
                    i,
                    partial(
                        station.actions.split,
                        lab.operators[i],
                        items[r * STATIONS + i],
                        "1",
                        new_barcode=label,
                        session_id=session,
                    ),
                )
                for i, station in enumerate(lab.stations)
            ]
        )
        winners = [o for o in outcomes if o.ok]
        losers = [o for o in outcomes if not o.ok]
        assert len(winners) == 1 and len(winners) + len(losers) == STATIONS
        for loser in losers:
            assert f"{label} is already used" in one_sentence(loser.error)
        assert lab.value("SELECT COUNT(*) FROM inventory_item WHERE barcode = %s", label) == 1
        quantities = lab.rows(
            "SELECT quantity FROM inventory_item WHERE id = ANY(%s)",
            items[r * STATIONS : (r + 1) * STATIONS],
        )
        assert sorted(q for (q,) in quantities) == sorted([4_000_000] + [5_000_000] * 7)
        lab.assert_consistent()


# ------------------------------------------------------------------ one person, many PCs


def test_one_person_starting_and_ending_from_several_stations_at_once(lab: Lab) -> None:
    """The same technician presses Start (then End) on eight workstations at once: one
    session starts and ends once; the others are told why in a sentence."""
    from recon_desktop.core.records import Operator

    me = lab.operators[0]
    same = [Operator(me.user_id, me.name, f"WS-{i}") for i in range(STATIONS)]
    for r in range(5):
        started = lab.together(
            [
                (i, partial(station.sessions.start, same[i], lab.lab_id, "Freezer A", f"twin {r}"))
                for i, station in enumerate(lab.stations)
            ]
        )
        winners = [o for o in started if o.ok]
        assert len(winners) == 1
        for loser in (o for o in started if not o.ok):
            assert isinstance(loser.error, SessionStateError)
            assert "already has an active session" in one_sentence(loser.error)
        session = winners[0].result.id
        assert lab.value("SELECT COUNT(*) FROM session WHERE ended_at IS NULL") == 1
        ended = lab.together(
            [
                (i, partial(station.sessions.end, same[i], session))
                for i, station in enumerate(lab.stations)
            ]
        )
        assert sum(o.ok for o in ended) == 1
        for loser in (o for o in ended if not o.ok):
            assert isinstance(loser.error, SessionStateError)
            assert "already ended" in one_sentence(loser.error)
        assert (
            lab.value(
                "SELECT COUNT(*) FROM audit_event WHERE kind = 'session-ended' AND session_id = %s",
                session,
            )
            == 1
        )


# ------------------------------------------------------------------ chains hashed by the server


def test_rows_hashed_by_the_server_verify_with_awkward_text(lab: Lab) -> None:
    """On PostgreSQL the server hashes each chained row while it holds the station's chain
    head; every byte of awkward text must hash exactly as audit.row_hash does."""
    from recon_desktop.store import audit

    odd = "Ünïcødé \"quoted\" \\back\\slash 'single' Ω 𝄞 tab\tend 中文 ✓"
    station, operator = lab.stations[2], lab.operators[2]
    root = lab.stations[0].auth.sign_in("root", "999111")
    shelf = lab.stations[0].admin.ensure_location(root, f"Building 1/Bâtiment {odd[:12]}")
    (item_id,) = lab.add_items("ODD", 1, quantity="7.25")
    session = lab.start_session(f"odd {odd}")
    lab.on(2, lambda: station.sessions.join(operator, session))
    calls = [
        lambda: station.sessions.scan(operator, session, f"  ]C1NOSUCH-{odd[:7]}  "),
        lambda: station.sessions.scan(operator, session, shelf.barcode or ""),
        lambda: station.sessions.scan(operator, session, "ODD0000"),  # wrong location
        lambda: station.actions.split(operator, item_id, "0.125", session_id=session, reason=odd),
        lambda: station.actions.set_field(operator, item_id, "lot", odd[:40], reason=odd),
        lambda: station.sessions.undo_last(operator, session),
    ]
    for call in calls:
        outcome = lab.on(2, call)
        assert outcome.ok, outcome.error
    checked = audit.verify(lab.db)
    assert checked.ok, checked.problem
    assert checked.checked >= 8
    lab.assert_consistent()
