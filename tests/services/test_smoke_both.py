"""A whole session on both backends: start, scan every kind, act, end, verify."""

from __future__ import annotations

from recon_desktop.core.records import Tag, View
from recon_desktop.store import audit
from tests.services.conftest import World


def test_session_walk_through(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    assert s.sessions.progress(info.id).expected_total == 20
    tags = [
        s.sessions.scan(world.ana, info.id, code)
        for code in ("A000", "A000", "B000", "NOPE", world.freezer_b_code, "A001")
    ]
    assert [t.tag if t else None for t in tags] == [
        Tag.IN_SCOPE,
        Tag.ALREADY_SCANNED,
        Tag.NOT_IN_SCOPE,
        Tag.UNKNOWN,
        None,
        Tag.IN_SCOPE,
    ]
    assert tags[-1] is not None and tags[-1].wrong_location
    p = s.sessions.progress(info.id)
    assert (p.expected_scanned, p.not_in_scope, p.unknown, p.already_scanned) == (2, 1, 1, 1)
    assert s.sessions.view_count(info.id, View.NOT_SCANNED) == 18
    assert s.sessions.view_count(info.id, View.SCANNED_NOT_IN_LISTING) == 2
    page = s.sessions.view_page(info.id, View.ALL_IN_LISTING, sort="quantity", descending=True)
    assert page.rows[0][0] == "A009"
    item = tags[0].item_id if tags[0] else 0
    s.actions.split(world.ana, item, "0.5", session_id=info.id, new_barcode="A000-1")
    assert s.sessions.progress(info.id).expected_total == 21
    s.sessions.end(world.ana, info.id)
    assert audit.verify(s.db).ok
