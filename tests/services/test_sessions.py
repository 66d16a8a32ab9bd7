"""Sessions: who may start and end them, one active per user and lab, frozen scope, end."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import peewee as pw
import pytest

from recon_desktop.core.filters import Filter, check_filters
from recon_desktop.core.records import Operator, Tag, View
from recon_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.store.db import utcnow
from recon_desktop.store.models import (
    AuditEvent,
    ExpectedItem,
    InventoryItem,
    ItemVerified,
    ListingConfig,
    Location,
    Scan,
    Session,
    User,
)
from tests.services.conftest import World, add_item


def item_id(barcode: str) -> int:
    return int(InventoryItem.get(InventoryItem.barcode == barcode).id)


def audit_kinds(session_id: int) -> list[tuple[str, str | None]]:
    rows = (
        AuditEvent.select(AuditEvent.kind, AuditEvent.user_name)
        .where(AuditEvent.session == session_id)
        .order_by(AuditEvent.id)
        .tuples()
    )
    return list(rows)


def test_start_freezes_config_and_expected_set(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "  Monday   count ")
    assert info.name == "Monday count"
    assert (info.lab, info.config_name, info.started_by) == ("Cell Biology", "Freezer A", "ana")
    assert info.active and info.ended_at is None and info.station == "BENCH-1"
    assert info.filters == (("location", "within", world.freezer_a),)
    assert info.columns[:2] == ("barcode", "ingredient")
    expected = sorted(s.sessions.view_barcodes(info.id, View.ALL_IN_LISTING))
    assert expected == [f"A{n:03d}" for n in range(10)] + [f"S{n:03d}" for n in range(10)]
    assert s.sessions.progress(info.id).expected_total == 20
    assert audit_kinds(info.id) == [("session-started", "ana")]
    # the saved listing config changes later: the session keeps its frozen copy
    ListingConfig.update(filters=json.dumps([["location", "within", world.freezer_b]])).where(
        ListingConfig.name == "Freezer A"
    ).execute()
    assert s.sessions.info(info.id).filters == (("location", "within", world.freezer_a),)
    assert s.sessions.frozen_filters(info.id) == [Filter("location", "within", world.freezer_a)]


def test_the_expected_set_stays_as_it_was_at_the_start(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Frozen")
    s.actions.move(world.ben, item_id("B000"), world.freezer_a)  # moved in after the start
    s.actions.move(world.ben, item_id("A001"), world.freezer_b)  # moved out after the start
    fa = Location.get(Location.path == world.freezer_a)
    ethanol = InventoryItem.get(InventoryItem.barcode == "A000").ingredient_id
    add_item(world.lab_id, "A-NEW", fa.id, ethanol)  # created in Freezer A after the start
    tags = {code: s.sessions.scan(world.ana, info.id, code) for code in ("B000", "A-NEW")}
    assert {code: r.tag for code, r in tags.items() if r} == {
        "B000": Tag.NOT_IN_SCOPE,
        "A-NEW": Tag.NOT_IN_SCOPE,
    }
    not_scanned = s.sessions.view_barcodes(info.id, View.NOT_SCANNED)
    assert "A001" in not_scanned and "B000" not in not_scanned
    assert s.sessions.progress(info.id).expected_total == 20
    # the moved-out item is shown where it is now
    page = s.sessions.view_page(info.id, View.NOT_SCANNED, text="A001")
    assert page.rows[0][page.columns.index("location")] == world.freezer_b
    assert s.sessions.scan(world.ana, info.id, "A001").tag is Tag.IN_SCOPE  # type: ignore[union-attr]


def test_only_members_may_start_a_session(world: World) -> None:
    s = world.services
    with pytest.raises(
        PermissionDeniedError,
        match=r"vic cannot start a session in Cell "
        r"Biology: that needs the admin or member role \(you are a viewer\)\.",
    ):
        s.sessions.start(world.vic, world.lab_id, world.config, "Viewer's")
    with pytest.raises(
        PermissionDeniedError,
        match=r"ana cannot start a session in Chemistry"
        r".*\(you are not a member\)\.",
    ):
        s.sessions.start(world.ana, world.other_lab_id, world.config, "Elsewhere")
    stranger = User.create(name="sam", pin_hash="-", created_at=utcnow())  # in no lab
    with pytest.raises(PermissionDeniedError, match=r"sam cannot start a session"):
        s.sessions.start(
            Operator(stranger.id, "sam", "BENCH-9"), world.lab_id, world.config, "Stranger's"
        )
    assert Session.select().count() == 0
    # an admin of the lab may start one too (the role changes; the PIN does not)
    pin_hash = User.get_by_id(world.ben.user_id).pin_hash
    s.admin.add_user(world.root, "ben", "000000", lab="Cell Biology", role="admin")
    assert User.get_by_id(world.ben.user_id).pin_hash == pin_hash
    assert s.sessions.start(world.ben, world.lab_id, world.config, "Admin's").started_by == "ben"


def test_unknown_config_or_session_and_bad_names(world: World) -> None:
    s = world.services
    with pytest.raises(
        NotFoundError, match=re.escape("There is no listing config 'Nope' in this lab.")
    ):
        s.sessions.start(world.ana, world.lab_id, "Nope", "Count")
    chem = s.admin.add_config(world.root, "Chemistry shelf", "Chemistry", [])
    with pytest.raises(NotFoundError, match="in this lab"):
        s.sessions.start(world.ana, world.lab_id, chem, "Count")
    for name in ("", "   ", "x" * 301, "tab\tin\x07name"):
        with pytest.raises(ValidationError, match="session name"):
            s.sessions.start(world.ana, world.lab_id, world.config, name)
    with pytest.raises(NotFoundError, match="There is no lab called 'Nowhere'"):
        s.admin.lab("Nowhere")
    for call in (
        lambda: s.sessions.info(9999),
        lambda: s.sessions.progress(9999),
        lambda: s.sessions.find("9999"),
        lambda: s.sessions.scan(world.ana, 9999, "A000"),
        lambda: s.sessions.undo_last(world.ana, 9999),
        lambda: s.sessions.end(world.ana, 9999),
        lambda: s.sessions.view_count(9999, View.NOT_SCANNED),
    ):
        with pytest.raises(NotFoundError, match=re.escape("There is no session #9999.")):
            call()
    with pytest.raises(NotFoundError, match=re.escape("There is no session 'Tuesday'.")):
        s.sessions.find("Tuesday")
    assert Session.select().count() == 0 and Scan.select().count() == 0


def test_one_active_session_per_user_and_lab(world: World) -> None:
    s = world.services
    first = s.sessions.start(world.ana, world.lab_id, world.config, "First")
    with pytest.raises(
        SessionStateError,
        match=re.escape(
            "ana already has an active session in this lab; end it before starting another."
        ),
    ):
        s.sessions.start(world.ana, world.lab_id, world.config, "Second")
    # the database itself holds the rule too (the unique index on lab + active owner)
    with pytest.raises(pw.IntegrityError), s.db.atomic():
        Session.create(
            name="Sneaky",
            lab=world.lab_id,
            config_name="x",
            frozen_columns="[]",
            frozen_filters="[]",
            started_by=world.ana.user_id,
            started_at=first.started_at,
            station="X",
            active_owner=world.ana.user_id,
        )
    bens = s.sessions.start(world.ben, world.lab_id, world.config, "Ben's")
    assert {i.id for i in s.sessions.list(active=True)} == {first.id, bens.id}
    assert s.sessions.active_for(world.ben)[0].id == bens.id
    # both see the same frozen scope and count their own scans
    s.sessions.scan(world.ana, first.id, "A000")
    assert s.sessions.scan(world.ben, bens.id, "A000").tag is Tag.IN_SCOPE  # type: ignore[union-attr]
    s.sessions.end(world.ana, first.id)
    again = s.sessions.start(world.ana, world.lab_id, world.config, "First")
    assert again.id not in (first.id, bens.id)
    assert s.sessions.find("First").id == again.id  # by name: the newest
    assert [i.id for i in s.sessions.list(active=False)] == [first.id]


def test_only_the_starter_ends_and_a_refusal_is_recorded(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    for other in (world.ben, world.vic):
        with pytest.raises(
            PermissionDeniedError,
            match=re.escape("Only ana, who started this session, can end it."),
        ):
            s.sessions.end(other, info.id)
    assert s.sessions.info(info.id).active
    refused = (
        AuditEvent.select(AuditEvent.user_name, AuditEvent.detail)
        .where((AuditEvent.kind == "end-refused") & (AuditEvent.session == info.id))
        .order_by(AuditEvent.id)
        .tuples()
    )
    assert [name for name, _ in refused] == ["ben", "vic"]
    ended = s.sessions.end(world.ana, info.id)
    assert not ended.active and ended.ended_by == "ana" and ended.ended_at is not None
    assert ended.ended_at >= ended.started_at
    with pytest.raises(SessionStateError, match=re.escape("This session has already ended.")):
        s.sessions.end(world.ana, info.id)
    assert [k for k, _ in audit_kinds(info.id)] == [
        "session-started",
        "end-refused",
        "end-refused",
        "session-ended",
        "anchor-kept",  # the chain heads sealed at the end, kept in the database
    ]


def test_an_ended_session_accepts_nothing_and_reads_the_same(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    for code in ("A000", "B000", "NOPE"):
        s.sessions.scan(world.ana, info.id, code)
    before = {view: s.sessions.view_barcodes(info.id, view) for view in View}
    s.sessions.end(world.ana, info.id)
    scans = Scan.select().count()
    with pytest.raises(
        SessionStateError,
        match=re.escape("This session has ended; scans are no longer accepted. Nothing was saved."),
    ):
        s.sessions.scan(world.ana, info.id, "A001")
    with pytest.raises(SessionStateError, match="its scans cannot be undone"):
        s.sessions.undo_last(world.ana, info.id)
    with pytest.raises(SessionStateError, match="no more actions are accepted"):
        s.actions.move(world.ana, item_id("A002"), world.freezer_b, session_id=info.id)
    with pytest.raises(SessionStateError, match="no more actions are accepted"):
        s.actions.archive_missing(world.ana, info.id, reason="lost")
    assert Scan.select().count() == scans
    assert InventoryItem.get(InventoryItem.barcode == "A002").location.path == world.freezer_a
    # a past session is listed and reads as it did
    assert [i.id for i in s.sessions.list(active=False)] == [info.id]
    assert {view: s.sessions.view_barcodes(info.id, view) for view in View} == before
    p = s.sessions.progress(info.id)
    assert (p.expected_total, p.expected_scanned, p.not_in_scope, p.unknown) == (20, 1, 1, 1)


def test_the_scan_that_verifies_sets_last_verified_and_its_undo_takes_it_back(
    world: World,
) -> None:
    """ "Last verified" is set by the scan that sees an item (in the session, at its time);
    an undone scan did not see it; the end changes none of it."""
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    scanned = {}
    for code in ("A000", "B000", "A001", "NOPE"):
        scanned[code] = s.sessions.scan(world.ana, info.id, code)
    for code in ("A000", "B000", "A001"):
        item = s.inventory.item_by_barcode(code)
        assert item.last_verified_at == scanned[code].scanned_at, code
    s.sessions.undo_last(world.ana, info.id)  # NOPE
    s.sessions.undo_last(world.ana, info.id)  # A001: not seen after all
    s.sessions.end(world.ana, info.id)
    for code, seen in (("A000", True), ("B000", True), ("A001", False), ("A002", False)):
        item = s.inventory.item_by_barcode(code)
        expected = scanned[code].scanned_at if seen else None
        assert item.last_verified_at == expected, code
        row = ItemVerified.get_or_none(ItemVerified.item == item.id)
        assert (row is not None and row.session_id == info.id) is seen, code


def test_an_older_scan_time_never_replaces_a_newer_verification(world: World) -> None:
    """A batch-scanner line carries the time it was read: it verifies an item not seen
    since, and leaves a later verification as it is."""
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    now = s.sessions.scan(world.ana, info.id, "A000")
    assert now is not None
    earlier = info.started_at  # a batch line read before that scan (and after the start)
    assert earlier < now.scanned_at
    s.sessions.scan(world.ana, info.id, "A000", scanned_at=earlier)
    s.sessions.scan(world.ana, info.id, "A001", scanned_at=earlier)
    assert s.inventory.item_by_barcode("A000").last_verified_at == now.scanned_at
    assert s.inventory.item_by_barcode("A001").last_verified_at == earlier


def test_the_end_fills_in_last_verified_for_items_found_without_it(world: World) -> None:
    """Items a session found with no "last verified" from their scan (scans recorded by an
    older version; an unknown barcode that became an item) get the time they were found
    when it ends; a later verification stays."""
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    first = s.sessions.scan(world.ana, info.id, "A000")
    second = s.sessions.scan(world.ana, info.id, "A001")
    assert first is not None and second is not None
    a000, a001 = item_id("A000"), item_id("A001")
    ItemVerified.delete().where(ItemVerified.item == a000).execute()  # as an older version
    later = second.scanned_at + timedelta(days=1)
    ItemVerified.update(verified_at=later).where(ItemVerified.item == a001).execute()
    s.sessions.end(world.ana, info.id)
    assert s.inventory.item_by_barcode("A000").last_verified_at == first.scanned_at
    assert s.inventory.item_by_barcode("A001").last_verified_at == later
    assert ItemVerified.get_by_id(a000).session_id == info.id


def test_the_expected_set_is_kept_per_session(world: World) -> None:
    s = world.services
    first = s.sessions.start(world.ana, world.lab_id, world.config, "One")
    s.actions.move(world.ana, item_id("B000"), world.freezer_a)
    second = s.sessions.start(world.ben, world.lab_id, world.config, "Two")
    counts = {
        sid: ExpectedItem.select().where(ExpectedItem.session == sid).count()
        for sid in (first.id, second.id)
    }
    assert counts == {first.id: 20, second.id: 21}


def test_relative_dates_are_frozen_as_the_dates_they_meant(world: World) -> None:
    s = world.services
    today = date.today()
    for n, barcode in enumerate(("A000", "A001", "A002")):
        InventoryItem.update(expires_on=today + timedelta(days=20 * n)).where(
            InventoryItem.barcode == barcode
        ).execute()
    filters = [
        Filter("expiry", "<=", "today+30"),
        Filter("expiry", "between", "today-1..today+50"),
        Filter("expiry", "in", f"today, {today + timedelta(days=20)}"),
    ]
    s.admin.add_config(world.root, "Expiring", "Cell Biology", filters)
    info = s.sessions.start(world.ana, world.lab_id, "Expiring", "Expiry check")
    assert info.filters == (
        ("expiry", "<=", str(today + timedelta(days=30))),
        ("expiry", "between", f"{today - timedelta(days=1)}..{today + timedelta(days=50)}"),
        ("expiry", "in", f"{today}, {today + timedelta(days=20)}"),
    )
    assert sorted(s.sessions.view_barcodes(info.id, View.ALL_IN_LISTING)) == ["A000", "A001"]
    # the frozen filters read back as they were applied
    later = today + timedelta(days=400)
    frozen = s.sessions.frozen_filters(info.id)
    assert [c.values for c in check_filters(frozen, today=later)] == [
        c.values for c in check_filters(filters, today=today)
    ]
