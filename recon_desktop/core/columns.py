"""The columns of a session's listing and views: one registry for every floor.

Each entry says what a column is (key, label, kind) and how it looks (on screen, in a
spreadsheet) as data. The filters take their fields from here, the store binds each key to
its SQL expression (``store.queries.COLUMN_SQL``), the window's table model picks its text
format and alignment by ``display``, and the Excel export its cell type and style by
``excel``. No floor tests a column's key to decide how to treat it.

To add a column: one ``Column`` entry below (an item field, or a column some views add
after the listing config's own), plus its SQL expression in ``store.queries.COLUMN_SQL``
(for an item field, on the items and on a past session's kept copy of them); a kind,
display or Excel format that does not exist yet is one entry in each floor's table of
formats.

Pure Python: no peewee, no Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from recon_desktop.core.records import View
from recon_desktop.core.text import Text, translate


class Kind(enum.Enum):
    """What a column holds: decides the filter operators and the default formats."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    LOCATION = "location"
    STATUS = "status"
    DATETIME = "datetime"
    TAG = "tag"
    YES_NO = "yes_no"


class Display(enum.Enum):
    """How a value is written on screen (``ui.formatting.FORMATS``)."""

    TEXT = "text"
    CAPITALIZED = "capitalized"  # "active" → "Active"
    QUANTITY = "quantity"  # plain digits, right-aligned
    DATE = "date"  # ISO date
    LOCAL_TIME = "local_time"  # a stored UTC time in this computer's time zone
    TAG = "tag"  # the tag's words ("In Scope")
    YES_NO = "yes_no"  # "Yes" / "No"
    EXPIRED = "expired"  # "Expired" with its colour and icon, else nothing


class Excel(enum.Enum):
    """How a value is written in a spreadsheet cell (``services.reporting``)."""

    TEXT = "text"  # always a string cell (never a formula or an error value)
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"  # UTC; the header says so
    TAG = "tag"  # the tag's words on the window's tag colour
    YES_NO = "yes_no"  # "yes" / "no"
    EXPIRED = "expired"  # "Expired" on the window's Expired colour, else empty


# the formats a kind has unless its column says otherwise
_FORMATS: dict[Kind, tuple[Display, Excel]] = {
    Kind.TEXT: (Display.TEXT, Excel.TEXT),
    Kind.LOCATION: (Display.TEXT, Excel.TEXT),
    Kind.STATUS: (Display.CAPITALIZED, Excel.TEXT),
    Kind.NUMBER: (Display.QUANTITY, Excel.NUMBER),
    Kind.DATE: (Display.DATE, Excel.DATE),
    Kind.DATETIME: (Display.LOCAL_TIME, Excel.DATETIME),
    Kind.TAG: (Display.TAG, Excel.TAG),
    Kind.YES_NO: (Display.YES_NO, Excel.YES_NO),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column. ``added_by``: the views that add it after the listing config's columns
    (empty for an item field, which a listing config may choose and filter on).
    ``width``: its starting width in the window, in pixels."""

    key: str
    label: Text
    kind: Kind
    filterable: bool = True
    nullable: bool = False
    quick_filter: bool = False  # searched by a view's quick filter
    added_by: tuple[View, ...] = ()
    width: int = 120
    shown_as: Display | None = None  # None: as its kind is shown
    written_as: Excel | None = None  # None: as its kind is written

    @property
    def display(self) -> Display:
        return self.shown_as or _FORMATS[self.kind][0]

    @property
    def excel(self) -> Excel:
        return self.written_as or _FORMATS[self.kind][1]

    @property
    def excel_label(self) -> Text:
        """The header in a spreadsheet: times there are UTC, and their header says so."""
        if self.excel is Excel.DATETIME:
            return translate("Column", "{label} (UTC)").format(label=self.label)
        return self.label


_ADDED_BY_SCANS = (View.SCANNED_NOT_IN_LISTING, View.ALL_IN_LISTING)
_EVERY_VIEW = tuple(View)

COLUMNS: dict[str, Column] = {
    column.key: column
    for column in (
        # item fields, in the order the listing config's column chooser offers them
        Column("barcode", translate("Column", "Barcode"), Kind.TEXT, quick_filter=True, width=150),
        Column(
            "ingredient", translate("Column", "Ingredient"), Kind.TEXT, quick_filter=True, width=200
        ),
        Column("ingredient_type", translate("Column", "Ingredient type"), Kind.TEXT, nullable=True),
        Column("lab", translate("Column", "Lab"), Kind.TEXT, width=110),
        Column(
            "location", translate("Column", "Location"), Kind.LOCATION, quick_filter=True, width=260
        ),
        Column("status", translate("Column", "Status"), Kind.STATUS, width=80),
        Column("quantity", translate("Column", "Quantity"), Kind.NUMBER, width=90),
        Column("unit", translate("Column", "Unit"), Kind.TEXT, width=60),
        Column(
            "lot",
            translate("Column", "Lot"),
            Kind.TEXT,
            nullable=True,
            quick_filter=True,
            width=110,
        ),
        Column("expiry", translate("Column", "Expiry"), Kind.DATE, nullable=True, width=100),
        Column(
            "last_verified",
            translate("Column", "Last verified"),
            Kind.DATETIME,
            filterable=False,
            nullable=True,
            width=140,
        ),
        # what the session's scans add to some views
        Column(
            "tag",
            translate("Column", "Tag"),
            Kind.TAG,
            filterable=False,
            added_by=(View.SCANNED_NOT_IN_LISTING,),
            width=130,
        ),
        Column(
            "scanned",
            translate("Column", "Scanned"),
            Kind.YES_NO,
            filterable=False,
            added_by=(View.ALL_IN_LISTING,),
            width=80,
        ),
        Column(
            "scanned_at",
            translate("Column", "Scanned at"),
            Kind.DATETIME,
            filterable=False,
            nullable=True,
            added_by=_ADDED_BY_SCANS,
            width=140,
        ),
        Column(
            "scanned_by",
            translate("Column", "Scanned by"),
            Kind.TEXT,
            filterable=False,
            nullable=True,
            added_by=_ADDED_BY_SCANS,
            width=110,
        ),
        # what the GS1 label of the counting scan said (core.label)
        Column(
            "label_lot",
            translate("Column", "Lot on the label"),
            Kind.TEXT,
            filterable=False,
            nullable=True,
            added_by=_ADDED_BY_SCANS,
            width=150,
        ),
        Column(
            "label_expiry",
            translate("Column", "Expiry on the label"),
            Kind.DATE,
            filterable=False,
            nullable=True,
            added_by=_ADDED_BY_SCANS,
            width=170,
        ),
        # the expiry that counts (the label's, else the record's) is past: before the day
        # the session ended, or today while it runs
        Column(
            "expired",
            translate("Column", "Expired"),
            Kind.YES_NO,
            filterable=False,
            nullable=True,
            added_by=_EVERY_VIEW,
            width=100,
            shown_as=Display.EXPIRED,
            written_as=Excel.EXPIRED,
        ),
    )
}

# the item fields: what a listing config chooses as its columns and filters on
FIELDS: dict[str, Column] = {k: c for k, c in COLUMNS.items() if not c.added_by}
# columns a view adds after the listing config's own
VIEW_EXTRA_COLUMNS: dict[View, tuple[str, ...]] = {
    view: tuple(k for k, c in COLUMNS.items() if view in c.added_by) for view in View
}
QUICK_FILTER_FIELDS: tuple[str, ...] = tuple(k for k, c in COLUMNS.items() if c.quick_filter)


def view_columns(columns: tuple[str, ...] | list[str], view: View) -> tuple[Column, ...]:
    """The columns of a view: the listing config's, then the view's own."""
    return tuple(COLUMNS[key] for key in (*columns, *VIEW_EXTRA_COLUMNS[View(view)]))


def column_label(key: str) -> str:
    """A column's label, a Text (the key itself for a key this program does not know)."""
    column = COLUMNS.get(key)
    return column.label if column is not None else key
