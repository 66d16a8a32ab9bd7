"""Scanning: normalise, tag, count once, refuse garbage, location scans, retries, undo."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from recon_desktop.core.records import Operator, ScanKind, ScanResult, Tag, View
from recon_desktop.errors import PermissionDeniedError, ValidationError
from recon_desktop.store import audit
from recon_desktop.store.db import make_database
from recon_desktop.store.models import Found, HistoryEvent, InventoryItem, Location, Scan
from tests.services.conftest import World, add_item


def scan(
    world: World, session_id: int, raw: str, operator: Operator | None = None, **kwargs: object
) -> ScanResult:
    result = world.services.sessions.scan(operator or world.ana, session_id, raw, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    return result


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def rows(table: str) -> int:
    model = {"scan": Scan, "found": Found, "history_event": HistoryEvent}[table]
    return int(model.select().count())


def test_each_scan_gets_one_tag(world: World) -> None:
    sid = start(world)
    results = {
        code: scan(world, sid, code)
        for code in ("A000", "S003", "B000", "C000", "A-ARCH", "NOPE-1")
    }
    assert {code: r.tag for code, r in results.items()} == {
        "A000": Tag.IN_SCOPE,
        "S003": Tag.IN_SCOPE,
        "B000": Tag.NOT_IN_SCOPE,
        "C000": Tag.NOT_IN_SCOPE,  # another lab's item
        "A-ARCH": Tag.NOT_IN_SCOPE,
        "NOPE-1": Tag.UNKNOWN,
    }
    assert [t.label for t in Tag] == [
        "In Scope",
        "Not in Scope",
        "Unknown barcode",
        "Already scanned",
    ]
    a000 = results["A000"]
    assert (a000.kind, a000.barcode, a000.raw, a000.ingredient, a000.location) == (
        ScanKind.ITEM,
        "A000",
        "A000",
        "Ethanol",
        world.freezer_a,
    )
    assert (a000.quantity, a000.unit, a000.wrong_location, a000.duplicate) == (
        1,
        "mL",
        False,
        False,
    )
    arch = results["A-ARCH"]
    assert arch.archived and arch.note == "This item is archived."
    unknown = results["NOPE-1"]
    assert unknown.item_id is None and unknown.barcode == "NOPE-1"
    p = world.services.sessions.progress(sid)
    assert (
        p.expected_total,
        p.expected_scanned,
        p.not_in_scope,
        p.unknown,
        p.already_scanned,
        p.not_scanned,
    ) == (20, 2, 3, 1, 0, 18)
    # every scan is on the scan log, and each item scan in the item's history
    log = world.services.sessions.scan_log(sid)
    assert [e.barcode for e in log] == list(results)
    assert all(e.user == "ana" and e.station == "BENCH-1" for e in log)
    history = world.services.inventory.history(a000.item_id or 0)
    assert (history[-1].kind, history[-1].new_value, history[-1].session_name) == (
        "scanned",
        "In Scope",
        "Count",
    )


def test_already_scanned_counts_once(world: World) -> None:
    sid = start(world)
    first = scan(world, sid, "A000")
    bench2 = Operator(world.ben.user_id, "ben", "BENCH-2")
    again = [
        scan(world, sid, "A000"),
        scan(world, sid, " A000\r\n", bench2),
        scan(world, sid, "NOPE"),
        scan(world, sid, "NOPE", bench2),
    ]
    assert first.tag is Tag.IN_SCOPE
    assert [r.tag for r in again] == [
        Tag.ALREADY_SCANNED,
        Tag.ALREADY_SCANNED,
        Tag.UNKNOWN,
        Tag.ALREADY_SCANNED,
    ]
    assert again[1].first is not None and again[1].note == ""
    assert (again[1].first.user, again[1].first.station) == ("ana", "BENCH-1")
    assert again[1].first.at == first.scanned_at  # UTC, shown in local time by the window
    p = world.services.sessions.progress(sid)
    assert (p.expected_scanned, p.unknown, p.already_scanned) == (1, 1, 3)
    assert rows("scan") == 5 and rows("found") == 2  # every scan recorded, counted once
    assert world.services.sessions.view_barcodes(sid, View.SCANNED_NOT_IN_LISTING) == ["NOPE"]


def test_empty_and_whitespace_scans_are_ignored(world: World) -> None:
    sid = start(world)
    for raw in ("", " ", "\t\r\n", "\r\n", "   \n", "\x1d", "]C1", " ]d2 \r\n"):
        assert world.services.sessions.scan(world.ana, sid, raw) is None, repr(raw)
    assert (rows("scan"), rows("found")) == (0, 0)


GARBAGE = {
    "10k characters": "A" * 10_000,
    "201 digits": "7" * 201,
    "leading NUL": "\x00A000",
    "trailing NUL": "A000\x00",
    "mostly control characters": "\x01\x02\x03\x04A",
    "every byte": bytes(range(256)).decode("latin-1"),
    "binary file": b"\xff\xfe\x00\x89PNG\r\n\x1a\n".decode("utf-8", errors="replace"),
    "lone surrogate": "\ud800A000",
    "replacement character": "A000\ufffd",
}


def test_garbage_is_refused_and_stored_nowhere(world: World) -> None:
    sid = start(world)
    history = rows("history_event")
    for what, raw in GARBAGE.items():
        with pytest.raises(ValidationError) as refused:
            world.services.sessions.scan(world.ana, sid, raw)
        sentence = str(refused.value)
        assert sentence.startswith("That scan ") and sentence.endswith("scan again."), what
        assert "\n" not in sentence and len(sentence) < 200, what
    assert (rows("scan"), rows("found"), rows("history_event")) == (0, 0, history)
    assert world.services.sessions.progress(sid).unknown == 0


def test_look_alike_scans_are_refused_and_full_width_ones_found(world: World) -> None:
    sid = start(world)
    for raw in ("A\u202e000", "A0\u200b00", "\u2066A000\u2069"):
        with pytest.raises(ValidationError, match="invisible characters"):
            world.services.sessions.scan(world.ana, sid, raw)
    assert rows("scan") == 0
    wide = "\uff21\uff10\uff10\uff10\r\n"  # Ａ０００ from a scanner in full-width mode
    result = scan(world, sid, wide)
    assert (result.barcode, result.tag, result.raw) == ("A000", Tag.IN_SCOPE, wide)
    stored = world.services.db.execute_sql("SELECT raw, barcode FROM scan").fetchall()
    assert stored == [(wide, "A000")]  # the raw value kept as the scanner sent it


def test_input_is_normalised_before_lookup(world: World) -> None:
    sid = start(world)
    fa = Location.get(Location.path == world.freezer_a)
    ethanol = InventoryItem.get(InventoryItem.barcode == "A000").ingredient_id
    add_item(world.lab_id, "09506000134352", fa.id, ethanol)  # a GTIN-14 label
    add_item(world.lab_id, "4006381333931", fa.id, ethanol)  # an EAN-13 label
    cases = {
        "  A001\r\n": "A001",  # terminators and whitespace
        "\x02A002\r\n": "A002",  # STX framing and a terminator
        "A0\x0703": "A003",  # a control character inside
        "]C0A004": "A004",  # AIM prefix, plain Code 128
        "]Q1A005\t": "A005",
        "]d20109506000134352\x1d10LOT1\x1d21SER9": "09506000134352",  # GS1 DataMatrix
        "]E04006381333931": "4006381333931",  # EAN-13 with its AIM prefix
    }
    for raw, barcode in cases.items():
        result = scan(world, sid, raw)
        assert (result.barcode, result.raw, result.item_id is not None) == (barcode, raw, True)
    # the same GTIN without GS1 wrapping is the same item: a repeat
    again = scan(world, sid, "(01)09506000134352(10)LOT2")
    assert (again.barcode, again.tag) == ("09506000134352", Tag.ALREADY_SCANNED)


def test_a_retry_with_the_same_client_id_returns_the_first_outcome(world: World) -> None:
    sid = start(world)
    first = scan(world, sid, "A000", client_id="bench1-0001")
    scans, history = rows("scan"), rows("history_event")
    retry = scan(world, sid, "A000", client_id="bench1-0001")
    assert retry.duplicate and not first.duplicate
    assert (retry.scan_id, retry.tag, retry.item_id, retry.barcode) == (
        first.scan_id,
        Tag.IN_SCOPE,
        first.item_id,
        "A000",
    )
    assert (rows("scan"), rows("history_event")) == (scans, history)
    assert world.services.sessions.progress(sid).already_scanned == 0
    assert retry.client_id == first.client_id == "bench1-0001"
    # a repeat sent again reads as it did: who scanned it first
    repeat = scan(world, sid, "A000", client_id="bench1-0002")
    again = scan(world, sid, "A000", client_id="bench1-0002")
    assert (again.tag, again.first, again.client_id) == (
        Tag.ALREADY_SCANNED,
        repeat.first,
        "bench1-0002",
    )
    assert repeat.first is not None and repeat.first.user == "ana"


def test_each_scan_is_committed_before_the_result_is_returned(world: World, db_target: str) -> None:
    sid = start(world)
    started = world.services.sessions.info(sid).started_at
    when = started.replace(microsecond=123456) + timedelta(seconds=1)  # a batch scanner's
    result = scan(world, sid, "A000", scanned_at=when)
    assert result.scanned_at == when
    other = make_database(db_target)  # a second connection: sees only committed data
    other.connect()
    try:
        stored = other.execute_sql("SELECT barcode, tag FROM scan").fetchall()
    finally:
        other.close()
    assert [tuple(row) for row in stored] == [("A000", "in_scope")]


def test_times_are_recorded_in_utc_whatever_the_local_zone(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        sid = start(world)
        result = scan(world, sid, "A000")
        info = world.services.sessions.info(sid)
    finally:
        monkeypatch.undo()
        time.tzset()
    now = datetime.now(UTC).replace(tzinfo=None)
    for moment in (result.scanned_at, info.started_at, world.services.sessions.scan_log(sid)[0].at):
        assert moment.tzinfo is None and abs(now - moment) < timedelta(minutes=2), moment


def test_a_location_scan_sets_where_items_should_be(world: World) -> None:
    sid = start(world)
    here = scan(world, sid, world.freezer_b_code)
    assert (here.kind, here.tag, here.location, here.current_location) == (
        ScanKind.LOCATION,
        None,
        world.freezer_b,
        world.freezer_b,
    )
    wrong = scan(world, sid, "A001")
    assert wrong.tag is Tag.IN_SCOPE and wrong.wrong_location
    assert (wrong.location, wrong.current_location) == (world.freezer_a, world.freezer_b)
    assert scan(world, sid, "B001").wrong_location is False
    assert scan(world, sid, world.freezer_a_code).current_location == world.freezer_a
    assert scan(world, sid, "A002").wrong_location is False
    assert scan(world, sid, "S000").wrong_location  # on a shelf below, not here
    # another workstation has its own current location
    bench2 = Operator(world.ben.user_id, "ben", "BENCH-2")
    assert scan(world, sid, "A003", bench2).wrong_location is False
    p = world.services.sessions.progress(sid)
    assert (p.expected_scanned, p.not_in_scope, p.unknown) == (4, 1, 0)  # locations count not
    log = world.services.sessions.scan_log(sid)
    assert [e.wrong_location for e in log if e.kind is ScanKind.ITEM] == [
        True,
        False,
        False,
        True,
        False,
    ]
    reason = HistoryEvent.get(
        (HistoryEvent.kind == "scanned") & (HistoryEvent.scan == wrong.scan_id)
    ).reason
    assert reason == f"wrong location: seen at {world.freezer_b}"


def test_undo_adds_a_compensating_record(world: World) -> None:
    s = world.services
    sid = start(world)
    first = scan(world, sid, "A000")
    second = scan(world, sid, "A001")
    undone = s.sessions.undo_last(world.ana, sid)
    assert undone is not None and undone.id == second.scan_id and undone.undone
    assert rows("scan") == 3  # nothing deleted: a new record points back
    log = s.sessions.scan_log(sid)
    assert (log[2].kind, log[2].undoes_id, log[2].barcode) == (
        ScanKind.UNDO,
        second.scan_id,
        "A001",
    )
    assert "A001" in s.sessions.view_barcodes(sid, View.NOT_SCANNED)
    assert s.sessions.progress(sid).expected_scanned == 1
    kinds = [h.kind for h in s.inventory.history(second.item_id or 0)]
    assert kinds[-2:] == ["scanned", "scan-undone"]
    # scanned again it counts again
    assert scan(world, sid, "A001").tag is Tag.IN_SCOPE
    # undoing a repeat leaves the first scan counted
    assert scan(world, sid, "A000").tag is Tag.ALREADY_SCANNED
    s.sessions.undo_last(world.ana, sid)
    p = s.sessions.progress(sid)
    assert (p.expected_scanned, p.already_scanned) == (2, 0)
    assert "A000" not in s.sessions.view_barcodes(sid, View.NOT_SCANNED)
    # undo is per workstation and stops when there is nothing left
    bench2 = Operator(world.ana.user_id, "ana", "BENCH-2")
    assert s.sessions.undo_last(bench2, sid) is None
    assert s.sessions.undo_last(world.ana, sid).id != first.scan_id  # type: ignore[union-attr]
    assert s.sessions.undo_last(world.ana, sid).id == first.scan_id  # type: ignore[union-attr]
    assert s.sessions.undo_last(world.ana, sid) is None
    assert s.sessions.progress(sid).expected_scanned == 0
    assert rows("scan") == 5 + 3 and rows("found") == 0
    assert audit.verify(s.db).ok


def test_undoing_a_location_scan_restores_the_one_before(world: World) -> None:
    s = world.services
    sid = start(world)
    scan(world, sid, world.freezer_a_code)
    scan(world, sid, world.freezer_b_code)
    s.sessions.undo_last(world.ana, sid)
    result = scan(world, sid, "A000")
    assert (result.current_location, result.wrong_location) == (world.freezer_a, False)
    s.sessions.undo_last(world.ana, sid)  # A000
    s.sessions.undo_last(world.ana, sid)  # Freezer A
    assert scan(world, sid, "A000").current_location is None


def test_viewers_cannot_scan_but_members_join_a_session(world: World) -> None:
    sid = start(world)
    with pytest.raises(PermissionDeniedError, match="vic cannot scan in Cell Biology"):
        world.services.sessions.scan(world.vic, sid, "A000")
    assert rows("scan") == 0
    assert scan(world, sid, "A000", world.ben).tag is Tag.IN_SCOPE


def test_clear_all_never_deletes_recorded_scans(world: World) -> None:
    s = world.services
    sid = start(world)
    for code in ("A000", "A001"):
        last = scan(world, sid, code)
    s.sessions.clear_list(world.ana, sid)
    assert s.sessions.list_cleared_after(sid, "BENCH-1") == last.scan_id
    assert s.sessions.list_cleared_after(sid, "BENCH-2") == 0
    assert rows("scan") == 2 and s.sessions.progress(sid).expected_scanned == 2
    after = scan(world, sid, "A002")
    assert [e.id for e in s.sessions.scan_log(sid, after_id=last.scan_id)] == [after.scan_id]


def test_undoing_a_counted_scan_lets_another_benchs_repeat_count(world: World) -> None:
    """BENCH-1 undoes its scan of A000 (a slip), but BENCH-2 scanned A000 too: the item was
    seen, so it stays scanned, now by BENCH-2's scan."""
    s = world.services
    sid = start(world)
    bench2 = Operator(world.ben.user_id, "ben", "BENCH-2")
    scan(world, sid, "A000")
    assert scan(world, sid, "A000", bench2).tag is Tag.ALREADY_SCANNED
    scan(world, sid, "NOPE")
    scan(world, sid, "NOPE", bench2)
    scan(world, sid, "A001")
    for _ in range(3):  # A001, NOPE, A000 on BENCH-1
        s.sessions.undo_last(world.ana, sid)
    p = s.sessions.progress(sid)
    assert (p.expected_scanned, p.unknown, p.already_scanned) == (1, 1, 0)
    assert "A000" not in s.sessions.view_barcodes(sid, View.NOT_SCANNED)
    assert s.sessions.view_barcodes(sid, View.SCANNED_NOT_IN_LISTING) == ["NOPE"]
    page = s.sessions.view_page(sid, View.ALL_IN_LISTING, text="A000")
    assert page.rows[0][page.columns.index("scanned_by")] == "ben"
    again = scan(world, sid, "A000")
    assert again.tag is Tag.ALREADY_SCANNED and again.first is not None
    assert again.first.user == "ben"
    s.sessions.end(world.ana, sid)
    # verified by its last scan that stands (BENCH-1's repeat just now)
    assert s.inventory.item_by_barcode("A000").last_verified_at == again.scanned_at
