"""Actions during a session: move, split, set, archive, archive the missing; each one
transaction with its history event; stale changes refused; the history verifiable."""

from __future__ import annotations

import re
from decimal import Decimal

import peewee as pw
import pytest

from recon_desktop.core.records import ItemStatus, Tag, View
from recon_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.store import audit
from recon_desktop.store import items as item_store
from recon_desktop.store.db import is_postgres, transaction, utcnow
from recon_desktop.store.models import AuditEvent, HistoryEvent, InventoryItem, Scan
from tests.services.conftest import World


def item(barcode: str) -> InventoryItem:
    return InventoryItem.get(InventoryItem.barcode == barcode)


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def snapshot() -> tuple[object, ...]:
    """Everything an action may change: items (with versions) and the history."""
    items = list(
        InventoryItem.select(
            InventoryItem.barcode,
            InventoryItem.location,
            InventoryItem.quantity,
            InventoryItem.unit,
            InventoryItem.status,
            InventoryItem.lot,
            InventoryItem.expires_on,
            InventoryItem.version,
        )
        .order_by(InventoryItem.id)
        .tuples()
    )
    return (items, HistoryEvent.select().count())


def test_move_here_after_a_wrong_location_scan(world: World) -> None:
    s = world.services
    sid = start(world)
    s.sessions.scan(world.ana, sid, world.freezer_b_code)
    seen = s.sessions.scan(world.ana, sid, "A001")
    assert seen is not None and seen.wrong_location and seen.current_location_id is not None
    moved = s.actions.move(world.ana, seen.item_id or 0, seen.current_location_id, session_id=sid)
    assert (moved.location, moved.version) == (world.freezer_b, 2)
    history = s.inventory.history(moved.id)
    last = history[-1]
    assert (last.kind, last.field, last.old_value, last.new_value) == (
        "moved",
        "location",
        world.freezer_a,
        world.freezer_b,
    )
    assert (last.user, last.station, last.session_id, last.session_name) == (
        "ana",
        "BENCH-1",
        sid,
        "Count",
    )
    assert [h.kind for h in history] == ["scanned", "moved"]
    actions = s.inventory.session_actions(sid)
    assert [(h.kind, barcode) for h, barcode in actions] == [("moved", "A001")]
    # still expected (the scope is frozen) and now in the right place
    again = s.sessions.scan(world.ana, sid, "A001")
    assert again is not None and again.tag is Tag.ALREADY_SCANNED and not again.wrong_location
    assert "A001" in s.sessions.view_barcodes(sid, View.ALL_IN_LISTING)
    # by path or by location barcode, outside a session too
    assert s.actions.move(world.ben, moved.id, world.freezer_a_code).location == world.freezer_a
    assert s.inventory.history(moved.id)[-1].session_id is None
    # a location label scanned into the move, with the scanner's AIM prefix
    scanned = f"]C0{world.freezer_b_code}\r\n"
    assert s.actions.move(world.ben, moved.id, scanned).location == world.freezer_b
    assert s.admin.location(scanned).path == world.freezer_b
    s.actions.move(world.ben, moved.id, world.freezer_a)
    with pytest.raises(NotFoundError, match="There is no location 'Freezer Z'"):
        s.actions.move(world.ana, moved.id, "Freezer Z", session_id=sid)
    with pytest.raises(ValidationError, match=f"A001 is already at {world.freezer_a}."):
        s.actions.move(world.ana, moved.id, world.freezer_a, session_id=sid)
    assert audit.verify(s.db).ok


def test_split_conserves_quantity_and_a_split_off_is_expected(world: World) -> None:
    s = world.services
    sid = start(world)
    before = s.inventory.item_by_barcode("A004")
    assert before.quantity == 5
    new = s.actions.split(
        world.ana, before.id, "2", new_barcode=" A004-1 ", session_id=sid, reason="aliquot"
    )
    source = s.inventory.item(before.id)
    assert (new.barcode, new.quantity, source.quantity) == ("A004-1", 2, 3)
    assert new.quantity + source.quantity == before.quantity
    assert (new.ingredient, new.location, new.unit, new.lab) == (
        source.ingredient,
        source.location,
        source.unit,
        source.lab,
    )
    split_event = s.inventory.history(before.id)[-1]
    assert (
        split_event.kind,
        split_event.old_value,
        split_event.new_value,
        split_event.reason,
        split_event.session_name,
    ) == ("split", "5", "3", "aliquot", "Count")
    created = s.inventory.history(new.id)
    assert [(h.kind, h.new_value, h.source) for h in created] == [
        ("created", "2", "split from A004")
    ]
    assert s.sessions.progress(sid).expected_total == 21
    assert s.sessions.scan(world.ana, sid, "A004-1").tag is Tag.IN_SCOPE  # type: ignore[union-attr]
    # decimals stay exact; without a barcode one is made up
    shelf = s.actions.split(world.ana, item("S000").id, Decimal("0.5"), session_id=sid)
    assert re.fullmatch(r"RD[0-9A-F]{10}", shelf.barcode)
    assert (shelf.quantity, s.inventory.item_by_barcode("S000").quantity) == (Decimal("0.5"), 2)
    # a split-off of an item outside the expected set is not expected
    outside = s.actions.split(world.ana, item("B000").id, "1", session_id=sid)
    assert s.sessions.scan(world.ana, sid, outside.barcode).tag is Tag.NOT_IN_SCOPE  # type: ignore[union-attr]
    assert s.sessions.progress(sid).expected_total == 22
    assert audit.verify(s.db).ok


def test_bad_splits_change_nothing(world: World) -> None:
    s = world.services
    sid = start(world)
    a004 = item("A004").id  # holds 5 mL
    s.actions.archive(world.ana, item("A000").id, reason="empty")
    before = snapshot()
    refusals = {
        "6": "Cannot split 6 mL off A004: it holds only 5 mL",
        "5": "Cannot split 5 mL off A004: it holds only 5 mL (a split must leave some behind)",
        "-1": "The quantity to split off cannot be negative (-1).",
        "0": "The quantity to split off must be more than zero.",
        "abc": "The quantity to split off must be a number, not 'abc'.",
        "": "The quantity to split off must be a number, not ''.",
        "NaN": "The quantity to split off must be a number, not 'NaN'.",
        "Infinity": "The quantity to split off must be a number, not 'Infinity'.",
        "0.0000001": "A quantity can have at most 6 decimal places",
        "1e400000": "A quantity must be less than 1,000,000,000,000.",
    }
    for quantity, sentence in refusals.items():
        with pytest.raises(ValidationError) as refused:
            s.actions.split(world.ana, a004, quantity, session_id=sid)
        assert str(refused.value).startswith(sentence), quantity
    with pytest.raises(ValidationError, match="The barcode A001 is already used"):
        s.actions.split(world.ana, a004, "1", new_barcode="A001", session_id=sid)
    with pytest.raises(ValidationError, match="That scan contains unreadable characters"):
        s.actions.split(world.ana, a004, "1", new_barcode="X\x07Y", session_id=sid)
    with pytest.raises(ValidationError, match="That scan is too long to be a barcode"):
        s.actions.split(world.ana, a004, "1", new_barcode="Z" * 201, session_id=sid)
    with pytest.raises(ValidationError, match="A000 is archived and cannot be split"):
        s.actions.split(world.ana, item("A000").id, "0.5", session_id=sid)
    assert snapshot() == before
    assert s.sessions.progress(sid).expected_total == 20


def test_a_split_label_taken_meanwhile_leaves_the_transaction_usable(world: World) -> None:
    """Between the split's check and its insert another workstation may take the label:
    store refuses the insert in a savepoint (None) and the transaction goes on (PostgreSQL
    would otherwise refuse every later statement of it)."""
    a004 = item("A004")
    with transaction(world.services.db):
        assert item_store.create_split(a004.id, "A001", Decimal(1), utcnow()) is None
        assert item_store.create_split(a004.id, "A004-2", Decimal(1), utcnow()) is not None
    assert (item("A004-2").quantity, item("A001").barcode) == (1, "A001")


def test_set_keeps_the_old_value_and_needs_a_reason(world: World) -> None:
    s = world.services
    sid = start(world)
    a004 = item("A004").id
    changed = s.actions.set_field(
        world.ana, a004, "quantity", "7.25", reason="recounted", session_id=sid
    )
    assert changed.quantity == Decimal("7.25")
    event = s.inventory.history(a004)[-1]
    assert (
        event.kind,
        event.field,
        event.old_value,
        event.new_value,
        event.reason,
        event.session_name,
    ) == ("set", "quantity", "5", "7.25", "recounted", "Count")
    s.actions.set_field(world.ana, a004, "lot", "LOT-9", reason="label", session_id=sid)
    s.actions.set_field(world.ana, a004, "expires_on", "2027-01-31", reason="label")
    s.actions.set_field(world.ana, a004, "unit", "L", reason="label")
    info = s.inventory.item(a004)
    assert (info.lot, str(info.expires_on), info.unit) == ("LOT-9", "2027-01-31", "L")
    s.actions.set_field(world.ana, a004, "lot", "  ", reason="no lot on the label")
    assert s.inventory.item(a004).lot is None
    assert s.inventory.history(a004)[-1].old_value == "LOT-9"
    before = snapshot()
    refusals = [
        (("quantity", "-3", "typo"), "The quantity cannot be negative (-3)."),
        (("quantity", "three", "typo"), "The quantity must be a number, not 'three'."),
        (("quantity", "1,000.5", "typo"), "The quantity '1,000.5' has more than one separator"),
        (
            ("quantity", "1,000", "typo"),
            "The quantity '1,000' could be 1000 (a thousands separator) or 1",
        ),
        (("quantity", "1e20", "typo"), "A quantity must be less than 1,000,000,000,000."),
        (("quantity", "1e400000", "typo"), "A quantity must be less than 1,000,000,000,000."),
        (("quantity", "8", None), "Give a reason; it is kept in the item's history."),
        (("quantity", "8", "   "), "Give a reason; it is kept in the item's history."),
        (("quantity", "8", "x" * 2001), "The reason is too long"),
        (("quantity", "7.2500", "same"), "The quantity of A004 is already 7.25."),
        (("expiry", "soon", "typo"), "Expiry: 'soon' is not a date"),
        (("lot", "L" * 201, "typo"), "The lot is too long"),
        (("status", "archived", "typo"), "'status' cannot be set"),
        (("colour", "red", "typo"), "'colour' cannot be set"),
    ]
    for (field, value, reason), sentence in refusals:
        with pytest.raises(ValidationError) as refused:
            s.actions.set_field(world.ana, a004, field, value, reason=reason, session_id=sid)
        assert str(refused.value).startswith(sentence), (field, value, reason)
    assert snapshot() == before


def test_archive_needs_a_reason(world: World) -> None:
    s = world.services
    sid = start(world)
    a002 = item("A002").id
    before = snapshot()
    for reason in (None, "", "  \t "):
        with pytest.raises(ValidationError, match="Give a reason"):
            s.actions.archive(world.ana, a002, reason=reason, session_id=sid)
    assert snapshot() == before
    archived = s.actions.archive(world.ana, a002, reason="broken tube", session_id=sid)
    assert archived.status is ItemStatus.ARCHIVED
    event = s.inventory.history(a002)[-1]
    assert (event.kind, event.old_value, event.new_value, event.reason, event.session_id) == (
        "archived",
        "active",
        "archived",
        "broken tube",
        sid,
    )
    with pytest.raises(ValidationError, match=re.escape("A002 is already archived.")):
        s.actions.archive(world.ana, a002, reason="again", session_id=sid)


def test_a_stale_version_changes_nothing(world: World) -> None:
    s = world.services
    sid = start(world)
    seen = s.inventory.item_by_barcode("A003")  # what ana's screen shows
    s.actions.move(world.ben, seen.id, world.freezer_b)  # ben is faster
    before = snapshot()
    attempts = [
        lambda: s.actions.move(
            world.ana, seen.id, world.freezer_a_code, session_id=sid, expected_version=seen.version
        ),
        lambda: s.actions.split(
            world.ana, seen.id, "1", session_id=sid, expected_version=seen.version
        ),
        lambda: s.actions.set_field(
            world.ana,
            seen.id,
            "quantity",
            "9",
            reason="count",
            session_id=sid,
            expected_version=seen.version,
        ),
        lambda: s.actions.archive(
            world.ana, seen.id, reason="gone", session_id=sid, expected_version=seen.version
        ),
    ]
    for attempt in attempts:
        with pytest.raises(SessionStateError) as refused:
            attempt()
        assert str(refused.value) == (
            "A003 was changed by someone else in the meantime; nothing was changed. "
            f"It is now 4 mL at {world.freezer_b} (active)."
        )
    assert snapshot() == before
    assert InventoryItem.select().count() == 31  # the refused split made no new item
    current = s.inventory.item(seen.id)
    assert (
        s.actions.archive(
            world.ana, seen.id, reason="gone", session_id=sid, expected_version=current.version
        ).status
        is ItemStatus.ARCHIVED
    )


def test_actions_need_a_member_of_the_items_lab(world: World) -> None:
    s = world.services
    sid = start(world)
    before = snapshot()
    with pytest.raises(PermissionDeniedError, match="vic cannot move items in Cell Biology"):
        s.actions.move(world.vic, item("A000").id, world.freezer_b, session_id=sid)
    with pytest.raises(PermissionDeniedError, match="ana cannot archive items in Chemistry"):
        s.actions.archive(world.ana, item("C000").id, reason="not ours")
    with pytest.raises(PermissionDeniedError, match="vic cannot archive items"):
        s.actions.archive_missing(world.vic, sid, reason="lost")
    with pytest.raises(NotFoundError, match=re.escape("There is no inventory item #9999.")):
        s.actions.set_field(world.ana, 9999, "lot", "x", reason="typo")
    assert snapshot() == before


def test_archive_missing_archives_exactly_the_not_scanned(world: World) -> None:
    s = world.services
    sid = start(world)
    for code in ("A000", "A001", "S000", "B000", "NOPE"):
        s.sessions.scan(world.ana, sid, code)
    s.sessions.scan(world.ana, sid, "S001")
    s.sessions.undo_last(world.ana, sid)  # S001 was not found after all
    s.actions.archive(world.ana, item("A002").id, reason="empty", session_id=sid)
    s.actions.move(world.ana, item("A003").id, world.freezer_b)  # moved out: still expected
    not_scanned = set(s.sessions.view_barcodes(sid, View.NOT_SCANNED))
    assert len(not_scanned) == 17 and {"A002", "A003", "S001"} <= not_scanned
    with pytest.raises(ValidationError, match="Give a reason"):
        s.actions.archive_missing(world.ana, sid, reason=" ")
    # a chosen part of the list first, then the rest
    assert (
        s.actions.archive_missing(
            world.ana, sid, reason="shelf 1 empty", item_ids=[item("S001").id, item("A000").id]
        )
        == 1
    )
    count = s.actions.archive_missing(world.ana, sid, reason="not found in the count")
    assert count == 15  # 17 not scanned, minus A002 (already archived) and S001 (done)
    archived = {i.barcode for i in InventoryItem.select().where(InventoryItem.status == "archived")}
    assert archived == (not_scanned | {"A-ARCH"})
    events = (
        HistoryEvent.select()
        .where((HistoryEvent.kind == "archived") & (HistoryEvent.reason.startswith("missing: ")))
        .order_by(HistoryEvent.id)
    )
    assert len(events) == 16
    assert all(e.session_id == sid and e.user_id == world.ana.user_id for e in events)
    assert {e.reason for e in events} == {
        "missing: shelf 1 empty",
        "missing: not found in the count",
    }
    assert s.actions.archive_missing(world.ana, sid, reason="again") == 0
    assert audit.verify(s.db).ok


def test_audit_verify_names_a_record_changed_outside_the_application(
    world: World, db: pw.Database
) -> None:
    s = world.services
    sid = start(world)
    for code in ("A000", "A001", "B000", "NOPE", world.freezer_b_code, "A002", "A002"):
        s.sessions.scan(world.ana, sid, code)
    s.sessions.undo_last(world.ana, sid)
    a003 = item("A003").id
    s.actions.split(world.ana, a003, "1", session_id=sid, new_barcode="A003-1")
    s.actions.set_field(world.ana, a003, "quantity", "2.5", reason="recount", session_id=sid)
    s.actions.move(world.ana, a003, world.freezer_b, session_id=sid)
    s.actions.archive_missing(world.ana, sid, reason="lost")
    s.sessions.end(world.ana, sid)
    result = audit.verify(db)
    assert result.ok and result.problem == ""
    assert result.checked == (
        Scan.select().count() + HistoryEvent.select().count() + AuditEvent.select().count()
    )

    set_event = HistoryEvent.get((HistoryEvent.kind == "set") & (HistoryEvent.item == a003))
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER history_event_append_only ON history_event")
    else:
        db.execute_sql("DROP TRIGGER history_event_no_update")
    db.execute_sql(f"UPDATE history_event SET new_value = '25' WHERE id = {set_event.id}")
    result = audit.verify(db)
    assert not result.ok
    # the record is named (the wording around its number may grow)
    assert re.fullmatch(
        rf"inventory history event #{set_event.id} \(.*sequence {set_event.seq}\) was "
        "changed outside the application",
        result.problem,
    ), result.problem
    # put back, the history verifies again; then its newest event is removed
    db.execute_sql(f"UPDATE history_event SET new_value = '2.5' WHERE id = {set_event.id}")
    assert audit.verify(db).ok
    if not is_postgres(db):
        db.execute_sql("DROP TRIGGER history_event_no_delete")
    newest = HistoryEvent.select().order_by(HistoryEvent.id.desc()).first()
    db.execute_sql(f"DELETE FROM history_event WHERE id = {newest.id}")
    result = audit.verify(db)
    assert not result.ok and "removed" in result.problem, result.problem


def test_a_split_off_takes_the_label_as_scanned(world: World) -> None:
    """The new label is scanned into the split: read as a scan is read. A label scanned
    earlier in the session (Unknown barcode then) is found once it names the split-off."""
    s = world.services
    sid = start(world)
    unknown = s.sessions.scan(world.ana, sid, "]C0NEW-1\r\n")  # a pre-printed label
    assert unknown is not None and (unknown.tag, unknown.barcode) == (Tag.UNKNOWN, "NEW-1")
    new = s.actions.split(
        world.ana, item("A004").id, "1", new_barcode="]C0NEW-1\r\n", session_id=sid
    )
    assert new.barcode == "NEW-1"
    p = s.sessions.progress(sid)
    assert (p.expected_total, p.expected_scanned, p.unknown) == (21, 1, 0)
    assert "NEW-1" not in s.sessions.view_barcodes(sid, View.NOT_SCANNED)
    assert s.sessions.view_barcodes(sid, View.SCANNED_NOT_IN_LISTING) == []
    again = s.sessions.scan(world.ana, sid, "NEW-1")
    assert again is not None and again.tag is Tag.ALREADY_SCANNED
    # a GS1 label is stored by its most specific key, and a scan of it finds the item
    gs1 = s.actions.split(
        world.ana,
        item("A005").id,
        "1",
        session_id=sid,
        new_barcode="]d20109506000134352\x1d21SER77",
    )
    assert gs1.barcode == "010950600013435221SER77"
    seen = s.sessions.scan(world.ana, sid, "]d20109506000134352\x1d21SER77\r\n")
    assert seen is not None and (seen.item_id, seen.tag) == (gs1.id, Tag.IN_SCOPE)
    before = snapshot()
    with pytest.raises(ValidationError, match="That scan contains unreadable characters"):
        s.actions.split(world.ana, item("A006").id, "1", new_barcode="\x00\x01", session_id=sid)
    assert snapshot() == before
