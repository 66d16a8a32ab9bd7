"""The column registry: one description of each column, and every floor knows every entry."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from recon_desktop.core.columns import (
    COLUMNS,
    FIELDS,
    QUICK_FILTER_FIELDS,
    VIEW_EXTRA_COLUMNS,
    Display,
    Excel,
    Kind,
    column_label,
    view_columns,
)
from recon_desktop.core.filters import DEFAULT_COLUMNS, OPERATORS_BY_KIND, check_columns
from recon_desktop.core.records import Tag, View
from recon_desktop.errors import ValidationError


def test_the_fields_and_what_each_view_adds() -> None:
    assert list(FIELDS) == [
        "barcode", "ingredient", "ingredient_type", "lab", "location", "status", "quantity",
        "unit", "lot", "expiry", "last_verified",
    ]  # fmt: skip
    label = ("label_lot", "label_expiry", "expired")  # what the GS1 label said
    expected = {
        View.NOT_SCANNED: ("expired",),
        View.SCANNED_NOT_IN_LISTING: ("tag", "scanned_at", "scanned_by", *label),
        View.ALL_IN_LISTING: ("scanned", "scanned_at", "scanned_by", *label),
    }
    assert expected == VIEW_EXTRA_COLUMNS
    assert QUICK_FILTER_FIELDS == ("barcode", "ingredient", "location", "lot")
    assert set(DEFAULT_COLUMNS) <= set(FIELDS)
    keys = [c.key for c in view_columns(("barcode", "lot"), View.ALL_IN_LISTING)]
    assert keys == ["barcode", "lot", "scanned", "scanned_at", "scanned_by", *label]


def test_labels_are_unique_and_times_say_utc_in_a_spreadsheet_only() -> None:
    labels = [c.label for c in COLUMNS.values()]
    assert len(set(labels)) == len(labels)
    assert all("(UTC)" not in label for label in labels)  # the window shows local time
    assert COLUMNS["scanned_at"].excel_label == "Scanned at (UTC)"
    assert COLUMNS["last_verified"].excel_label == "Last verified (UTC)"
    assert COLUMNS["expiry"].excel_label == "Expiry"
    assert column_label("ingredient_type") == "Ingredient type"
    assert column_label("colour") == "colour"  # a key from elsewhere is shown as it is


def test_a_view_column_is_neither_a_listing_column_nor_a_filter() -> None:
    for key in ("tag", "scanned", "scanned_at", "scanned_by"):
        assert not COLUMNS[key].filterable
        with pytest.raises(ValidationError, match="There is no field called"):
            check_columns([key])


def test_every_kind_has_formats_and_every_filterable_kind_operators() -> None:
    for column in COLUMNS.values():
        assert isinstance(column.display, Display) and isinstance(column.excel, Excel)
    for kind in Kind:
        assert kind in OPERATORS_BY_KIND
    assert {c.kind for c in FIELDS.values() if c.filterable} <= {
        k for k, ops in OPERATORS_BY_KIND.items() if ops
    }


def test_every_floor_knows_every_column_and_format() -> None:
    """The store has each column's SQL, the window a text for each display format, the
    export a way to write each Excel format."""
    from recon_desktop.services import reporting
    from recon_desktop.store.queries import COLUMN_SQL
    from recon_desktop.ui import formatting

    assert set(COLUMN_SQL) == set(COLUMNS)
    assert set(formatting.FORMATS) == set(Display)
    book = reporting._Book(Workbook(write_only=True), 1, None, None)
    reporting._SheetWriter(book, "Formats", [reporting.Column(e.value, e) for e in Excel])


def test_cells_are_written_by_their_column_display_format() -> None:
    from recon_desktop.ui import formatting

    at = datetime(2026, 3, 10, 8, 30)
    shown = {
        "barcode": ("A001", "A001"),
        "status": ("archived", "Archived"),
        "quantity": (Decimal("1.50"), "1.5"),
        "expiry": (date(2027, 1, 2), "2027-01-02"),
        "last_verified": (at, formatting.local_time(at)),
        "tag": (Tag.NOT_IN_SCOPE.value, "Not in Scope"),
        "scanned": (True, "Yes"),
        "lot": (None, ""),
    }
    for key, (value, text) in shown.items():
        assert formatting.display(key, value) == text, key
