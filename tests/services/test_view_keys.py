"""A view as an ordered list of keys plus rows fetched by key (for models holding ids)."""

from __future__ import annotations

from recon_desktop.core.records import View
from tests.services.conftest import World


def test_keys_and_rows_by_key_give_the_same_rows_as_pages(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Keys")
    for code in ("A003", "S001", "B000", "NOPE"):
        s.sessions.scan(world.ana, info.id, code)
    for view in View:
        for sort, descending in ((None, False), ("quantity", True), ("barcode", False)):
            keys = s.sessions.view_keys(info.id, view, sort=sort, descending=descending)
            assert len(keys) == s.sessions.view_count(info.id, view)
            whole = s.sessions.view_page(
                info.id, view, sort=sort, descending=descending, limit=1000
            )
            by_key = s.sessions.view_rows(info.id, view, keys)
            assert by_key.rows == whole.rows and by_key.item_ids == whole.item_ids
            # any slice of keys gives those rows, in that order
            part = s.sessions.view_rows(info.id, view, keys[3:7][::-1])
            assert part.rows == whole.rows[3:7][::-1]
    filtered = s.sessions.view_keys(info.id, View.ALL_IN_LISTING, text="S00")
    assert len(filtered) == 10


def test_rows_for_keys_that_left_the_view_are_skipped(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Keys")
    keys = s.sessions.view_keys(info.id, View.NOT_SCANNED, sort="barcode")
    s.sessions.scan(world.ana, info.id, "A000")  # leaves the not-scanned view
    page = s.sessions.view_rows(info.id, View.NOT_SCANNED, keys)
    assert len(page.rows) == len(keys) - 1
    assert "A000" not in [row[0] for row in page.rows]
