"""The three views: contents, counts, pages, every column sorted in SQL both ways, quick filter."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from recon_desktop.core.filters import FIELDS, Filter
from recon_desktop.core.records import Operator, Page, View
from recon_desktop.errors import ValidationError
from recon_desktop.services import reporting
from recon_desktop.store import queries
from recon_desktop.store.models import Found, InventoryItem, ItemVerified, Session
from tests.services.conftest import World

ALL_COLUMNS = list(FIELDS)  # every field, so every sortable column is shown


def busy_session(world: World) -> int:
    """A session over Freezer A with varied values, scanned by two people at two benches."""
    s = world.services
    today = date.today()
    for n in range(10):
        InventoryItem.update(
            expires_on=today + timedelta(days=n * 7) if n % 2 == 0 else None,
            unit="L" if n in (3, 7) else "mL",
        ).where(InventoryItem.barcode == f"A{n:03d}").execute()
    s.admin.add_config(
        world.root,
        "Every column",
        "Cell Biology",
        [Filter("location", "within", world.freezer_a)],
        ALL_COLUMNS,
    )
    sid = s.sessions.start(world.ana, world.lab_id, "Every column", "Busy").id
    for n in range(0, 10, 3):  # verified in earlier sessions, at different times
        earlier = s.sessions.start(world.ben, world.lab_id, "Every column", f"Earlier {n}").id
        Session.update(ended_at=datetime(2026, 1, 1 + n), active_owner=None).where(
            Session.id == earlier
        ).execute()
        item = InventoryItem.get(InventoryItem.barcode == f"A{n:03d}")
        ItemVerified.create(item=item.id, session=earlier, verified_at=datetime(2026, 1, 1 + n))
    ben2 = Operator(world.ben.user_id, "ben", "BENCH-2")
    for operator, code in [
        (world.ana, "A003"),
        (ben2, "S005"),
        (world.ana, "NOPE-2"),
        (ben2, "A000"),
        (world.ana, "B000"),
        (ben2, "C001"),
        (world.ana, "nope-1"),
        (ben2, "A-ARCH"),
        (world.ana, "A009"),
        (ben2, "S001"),
        (world.ana, "A003"),
    ]:
        s.sessions.scan(operator, sid, code)
    return sid


def full(world: World, sid: int, view: View, **kwargs: Any) -> Page:
    return world.services.sessions.view_page(sid, view, limit=10_000, **kwargs)


def barcodes(page: Page) -> list[str]:
    return [str(row[0]) for row in page.rows]


def test_the_three_views(world: World) -> None:
    s = world.services
    sid = busy_session(world)
    every = full(world, sid, View.ALL_IN_LISTING)
    label = ("label_lot", "label_expiry", "expired")  # what a GS1 label said, and Expired
    assert every.columns == (*ALL_COLUMNS, "scanned", "scanned_at", "scanned_by", *label)
    assert len(every.rows) == 20
    scanned = {row[0]: row for row in every.rows if row[every.columns.index("scanned")]}
    assert set(scanned) == {"A000", "A003", "A009", "S001", "S005"}
    by = every.columns.index("scanned_by")
    assert {code: row[by] for code, row in scanned.items()} == {
        "A000": "ben",
        "A003": "ana",
        "A009": "ana",
        "S001": "ben",
        "S005": "ben",
    }
    at = every.columns.index("scanned_at")
    assert all(isinstance(row[at], datetime) for row in scanned.values())
    assert all(row[at] is None and row[by] is None for row in every.rows if row[0] not in scanned)
    not_scanned = full(world, sid, View.NOT_SCANNED)
    assert not_scanned.columns == (*ALL_COLUMNS, "expired")
    assert set(barcodes(not_scanned)) == set(barcodes(every)) - set(scanned)
    outside = full(world, sid, View.SCANNED_NOT_IN_LISTING, sort="barcode")
    assert outside.columns == (*ALL_COLUMNS, "tag", "scanned_at", "scanned_by", *label)
    tag = outside.columns.index("tag")
    assert [(row[0], row[tag]) for row in outside.rows] == [
        ("A-ARCH", "not_in_scope"),
        ("B000", "not_in_scope"),
        ("C001", "not_in_scope"),
        ("NOPE-2", "unknown"),
        ("nope-1", "unknown"),
    ]
    unknown = outside.rows[3]
    assert unknown[outside.columns.index("ingredient")] is None
    assert outside.item_ids[3] is None and outside.item_ids[0] is not None
    # typed values, as the listing window and the Excel export need them
    a000 = every.rows[barcodes(every).index("A000")]
    typed = dict(zip(every.columns, a000, strict=True))
    assert (typed["quantity"], typed["expiry"]) == (1, date.today())
    assert typed["last_verified"] == typed["scanned_at"]  # the scan verified it
    a006 = dict(zip(every.columns, every.rows[barcodes(every).index("A006")], strict=True))
    assert a006["last_verified"] == datetime(2026, 1, 7)  # not scanned: as it was
    assert (typed["lab"], typed["ingredient_type"], typed["status"]) == (
        "Cell Biology",
        "solvent",
        "active",
    )
    assert s.sessions.view_barcodes(sid, View.NOT_SCANNED) == barcodes(
        full(world, sid, View.NOT_SCANNED)
    )


def test_every_column_sorts_in_sql_both_ways(world: World) -> None:
    sid = busy_session(world)
    found_ids = dict(Found.select(Found.barcode, Found.id).where(Found.session == sid).tuples())
    checked = 0
    for view in View:
        unsorted = full(world, sid, view)
        for column in unsorted.columns:
            for descending in (False, True):
                page = full(world, sid, view, sort=column, descending=descending)
                assert sorted(map(repr, page.rows)) == sorted(map(repr, unsorted.rows))
                index = page.columns.index(column)
                keys: list[Any] = [
                    found_ids[str(row[0])] if view is View.SCANNED_NOT_IN_LISTING else item_id
                    for row, item_id in zip(page.rows, page.item_ids, strict=True)
                ]
                values: list[Any] = [row[index] for row in page.rows]
                present = [(v, k) for v, k in zip(values, keys, strict=True) if v is not None]
                nulls = [k for v, k in zip(values, keys, strict=True) if v is None]
                # non-empty values in order (ties by the row key), empty ones last
                assert present == sorted(present, reverse=descending), (view, column)
                assert nulls == sorted(nulls, reverse=descending), (view, column)
                assert values[len(present) :] == [None] * len(nulls), (view, column)
                checked += 1
    assert checked == 2 * (len(ALL_COLUMNS) * 3 + 6 + 7)  # 7: the label's columns, Expired
    with pytest.raises(ValidationError, match="Cannot sort by 'colour'"):
        world.services.sessions.view_page(sid, View.ALL_IN_LISTING, sort="colour")


def test_pages_concatenate_to_the_whole_list_and_counts_agree(world: World) -> None:
    s = world.services
    sid = busy_session(world)
    for view in View:
        for sort, descending, text in (
            (None, False, ""),
            ("quantity", True, ""),
            ("location", False, "a00"),
            ("scanned_at", True, ""),
        ):
            if sort == "scanned_at" and view is View.NOT_SCANNED:
                continue
            whole = full(world, sid, view, sort=sort, descending=descending, text=text)
            pages: list[tuple[object, ...]] = []
            ids: list[int | None] = []
            for offset in range(0, len(whole.rows) + 3, 3):
                page = s.sessions.view_page(
                    sid, view, offset=offset, limit=3, sort=sort, descending=descending, text=text
                )
                assert len(page.rows) <= 3
                pages += page.rows
                ids += page.item_ids
            assert (pages, ids) == (whole.rows, whole.item_ids), (view, sort, text)
            assert s.sessions.view_count(sid, view, text=text) == len(whole.rows)
        batched = list(queries.view_rows(sid, view, ("barcode",), batch=4))
        assert [row[0] for _, row in batched] == barcodes(full(world, sid, view))
    counts = {view: s.sessions.view_count(sid, view) for view in View}
    assert counts == {View.NOT_SCANNED: 15, View.SCANNED_NOT_IN_LISTING: 5, View.ALL_IN_LISTING: 20}
    p = s.sessions.progress(sid)
    assert (p.expected_total, p.expected_scanned, p.not_in_scope, p.unknown, p.already_scanned) == (
        20,
        5,
        3,
        2,
        1,
    )
    beyond = s.sessions.view_page(sid, View.ALL_IN_LISTING, offset=100, limit=10)
    assert beyond.rows == [] and beyond.item_ids == []


def test_quick_text_filter(world: World) -> None:
    s = world.services
    sid = busy_session(world)

    def found(view: View, text: str) -> list[str]:
        codes = barcodes(full(world, sid, view, text=text, sort="barcode"))
        assert s.sessions.view_count(sid, view, text=text) == len(codes)
        return codes

    assert found(View.ALL_IN_LISTING, "s00") == [f"S{n:03d}" for n in range(10)]
    assert found(View.NOT_SCANNED, "  S00 ") == [f"S{n:03d}" for n in range(10) if n not in (1, 5)]
    assert found(View.ALL_IN_LISTING, "freezer a/shelf") == [f"S{n:03d}" for n in range(10)]
    assert found(View.ALL_IN_LISTING, "l5") == ["S005"]  # the lot
    assert found(View.ALL_IN_LISTING, "ETHANOL") == [f"A{n:03d}" for n in range(10)]
    assert found(View.SCANNED_NOT_IN_LISTING, "nope") == ["NOPE-2", "nope-1"]
    assert found(View.SCANNED_NOT_IN_LISTING, "freezer b") == ["B000", "C001"]
    for wildcard in ("%", "_", "\\", "'"):
        assert found(View.ALL_IN_LISTING, wildcard) == [], wildcard
    assert found(View.ALL_IN_LISTING, "") == barcodes(
        full(world, sid, View.ALL_IN_LISTING, sort="barcode")
    )


def test_a_past_session_reads_the_same_after_its_items_change(world: World, tmp_path: Path) -> None:
    """Ending a session keeps its items as they were: moving, relabelling, splitting or
    archiving them afterwards changes neither the views of the past session nor its report;
    an active session's views show the items as they are."""
    s = world.services
    sid = busy_session(world)
    live = s.sessions.start(world.ben, world.lab_id, "Every column", "Still counting").id
    s.sessions.end(world.ana, sid)
    info = s.sessions.info(sid)
    assert s.sessions.as_ended(info)
    columns = info.columns
    kept = {view: full(world, sid, view, sort="barcode") for view in View}
    # the copy reads exactly as the items did when the session ended
    for view in View:
        as_they_are = queries.view_page(sid, view, columns, limit=10_000, sort="barcode")
        assert kept[view] == as_they_are, view
    ids = {
        row[0]: item_id
        for item_id, row in zip(
            kept[View.ALL_IN_LISTING].item_ids, kept[View.ALL_IN_LISTING].rows, strict=True
        )
    }
    outside_ids = dict(
        zip(
            barcodes(kept[View.SCANNED_NOT_IN_LISTING]),
            kept[View.SCANNED_NOT_IN_LISTING].item_ids,
            strict=True,
        )
    )
    s.actions.move(world.ben, ids["A000"], world.freezer_b)
    s.actions.set_field(world.ben, ids["A003"], "lot", "RELABELLED", reason="new label")
    s.actions.split(world.ben, ids["S001"], "1", new_barcode="S001-B")
    s.actions.archive(world.ben, outside_ids["B000"], reason="empty")

    for view in View:
        assert full(world, sid, view, sort="barcode") == kept[view], view
        assert s.sessions.view_count(sid, view) == len(kept[view].rows)
    location = columns.index("location")
    by_location = full(world, sid, View.ALL_IN_LISTING, sort="location")
    assert [row[location] for row in by_location.rows] == sorted(
        row[location] for row in kept[View.ALL_IN_LISTING].rows
    )
    a000 = kept[View.ALL_IN_LISTING].rows[barcodes(kept[View.ALL_IN_LISTING]).index("A000")]
    assert a000[location] == world.freezer_a
    lot_filter = s.sessions.view_count(sid, View.ALL_IN_LISTING, text="RELABELLED")
    assert lot_filter == 0  # the new lot came after the end
    # the active session shows the items as they are now
    now = full(world, live, View.ALL_IN_LISTING, sort="barcode")
    now_rows = dict(zip(barcodes(now), now.rows, strict=True))
    assert now_rows["A000"][location] == world.freezer_b
    assert now_rows["A003"][columns.index("lot")] == "RELABELLED"

    report = reporting.export_report(s, sid, tmp_path / "past.xlsx", exported_by="qa")
    book = CalamineWorkbook.from_path(str(report))
    sheet = book.get_sheet_by_name(reporting.SHEET_TITLES[View.ALL_IN_LISTING]).to_python()
    header = [str(h) for h in sheet[0]]
    in_report = {row[header.index("Barcode")]: row for row in sheet[1:]}
    assert in_report["A000"][header.index("Location")] == world.freezer_a
    summary = {row[0]: row[1] for row in book.get_sheet_by_name("Summary").to_python()}
    assert summary["Item details"] == "as they were when the session ended"
