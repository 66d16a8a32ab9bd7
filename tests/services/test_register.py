"""Registering an Unknown barcode on the spot: the item and its history with the session,
and a follow-up record of the scan with its new tag, the scan kept as it was."""

from __future__ import annotations

import pytest

from recon_desktop.core.records import ScanKind, ScanResult, Tag, View
from recon_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.store import audit
from tests.services.conftest import World


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def scan(world: World, session_id: int, raw: str) -> ScanResult:
    result = world.services.sessions.scan(world.ana, session_id, raw)
    assert result is not None
    return result


def register(world: World, session_id: int, scan_id: int, **changes: object) -> object:
    where = world.services.admin.location(world.freezer_a_code)
    values: dict[str, object] = {
        "ingredient": "Ethanol 96%",
        "ingredient_type": "solvent",
        "quantity": "250",
        "unit": "mL",
        "location_id": where.id,
        **changes,
    }
    return world.services.sessions.register_unknown(
        world.ana,
        session_id,
        scan_id,
        **values,  # type: ignore[arg-type]
    )


def test_an_unknown_barcode_becomes_an_item_and_its_scan_gets_a_follow_up(
    world: World,
) -> None:
    s = world.services
    sid = start(world)
    unknown = scan(world, sid, "NEW-0001")
    assert unknown.tag is Tag.UNKNOWN
    before = s.sessions.progress(sid)
    result, item = register(world, sid, unknown.scan_id)  # type: ignore[misc]
    # the item, where the technician is, in the session's lab
    assert (item.barcode, item.ingredient, item.ingredient_type) == (
        "NEW-0001",
        "Ethanol 96%",
        "solvent",
    )
    assert (item.quantity, item.unit, item.location) == (250, "mL", world.freezer_a)
    assert item.lab_id == world.lab_id and item.last_verified_at == unknown.scanned_at
    history = s.inventory.history(item.id)
    assert [(h.kind, h.session_id, h.new_value, h.source) for h in history] == [
        ("created", sid, "250", f"scan #{unknown.scan_id}"),
        ("scanned", sid, "Not in Scope", None),  # the scan saw it
    ]
    # the scan stays as it was; the follow-up record carries the new tag
    log = s.sessions.scan_log(sid)
    original, follow_up = log
    assert (original.id, original.tag, original.item_id, original.undone) == (
        unknown.scan_id,
        Tag.UNKNOWN,
        None,
        False,
    )
    assert (follow_up.kind, follow_up.tag, follow_up.item_id, follow_up.undoes_id) == (
        ScanKind.REGISTERED,
        Tag.NOT_IN_SCOPE,
        item.id,
        unknown.scan_id,
    )
    assert (result.scan_id, result.kind, result.tag) == (
        follow_up.id,
        ScanKind.REGISTERED,
        Tag.NOT_IN_SCOPE,
    )
    # counted once, as a known item outside the expected set (frozen at the start)
    after = s.sessions.progress(sid)
    assert (after.unknown, after.not_in_scope, after.already_scanned) == (
        before.unknown - 1,
        before.not_in_scope + 1,
        0,
    )
    outside = s.sessions.view_page(sid, View.SCANNED_NOT_IN_LISTING, limit=50)
    assert outside.item_ids == [item.id]
    assert "NEW-0001" not in s.sessions.view_barcodes(sid, View.ALL_IN_LISTING)
    # a later scan of the label is a repeat of a known item; the chains verify
    again = scan(world, sid, "NEW-0001")
    assert (again.tag, again.item_id) == (Tag.ALREADY_SCANNED, item.id)
    assert audit.verify(s.db).ok


def test_undo_of_the_scan_leaves_the_item_and_uncounts_the_barcode(world: World) -> None:
    s = world.services
    sid = start(world)
    unknown = scan(world, sid, "NEW-0002")
    _result, item = register(world, sid, unknown.scan_id)  # type: ignore[misc]
    undone = s.sessions.undo_last(world.ana, sid)  # the scan, not its follow-up
    assert undone is not None and undone.id == unknown.scan_id
    p = s.sessions.progress(sid)
    assert (p.unknown, p.not_in_scope) == (0, 0)
    assert s.inventory.item(item.id).barcode == "NEW-0002"  # nothing is deleted
    assert s.inventory.item(item.id).last_verified_at is None  # that scan did not count
    assert s.sessions.undo_last(world.ana, sid) is None


def test_what_cannot_be_registered_is_refused_with_a_sentence(world: World) -> None:
    s = world.services
    sid = start(world)
    known = scan(world, sid, "A000")
    with pytest.raises(ValidationError, match="only an unknown barcode can be registered"):
        register(world, sid, known.scan_id)
    unknown = scan(world, sid, "NEW-0003")
    with pytest.raises(ValidationError, match="ingredient name cannot be empty"):
        register(world, sid, unknown.scan_id, ingredient="  ")
    with pytest.raises(ValidationError, match="must be a number"):
        register(world, sid, unknown.scan_id, quantity="a lot")
    with pytest.raises(PermissionDeniedError):
        s.sessions.register_unknown(
            world.vic,
            sid,
            unknown.scan_id,
            ingredient="x",
            ingredient_type=None,
            quantity="1",
            unit="",
            location_id=s.admin.location(world.freezer_a_code).id,
        )
    with pytest.raises(NotFoundError, match="no scan #999"):
        register(world, sid, 999)
    register(world, sid, unknown.scan_id)
    with pytest.raises(ValidationError, match="was registered already"):
        register(world, sid, unknown.scan_id)
    again = scan(world, sid, "NEW-0003")  # a repeat, of the item now
    with pytest.raises(ValidationError, match="not an unknown barcode"):
        register(world, sid, again.scan_id)
    late = scan(world, sid, "NEW-0004")
    s.sessions.end(world.ana, sid)
    with pytest.raises(SessionStateError, match="has ended"):
        register(world, sid, late.scan_id)
    assert audit.verify(s.db).ok
