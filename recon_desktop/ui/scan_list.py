"""The scanned list of the Barcode Tracking window (``scanTable``): one row per scan.

The list reaches every scan of a session of any size, in scan-time order, holding at most
``LIST_LIMIT`` rows: pages of the scan log are read as one scrolls toward either end
(``scan_pages``) and rows far from sight are let go, both ways (``older`` and ``newer``
say scans lie beyond the rows held). The model itself never queries or writes: it is
handed pages and each new scan. While the newest rows are let go (one has scrolled far
back), scans recorded meanwhile are counted, not lost: they are read when one comes back.
Undone scans stay in the list, struck through. The view shows it with one fixed row
height and the location taking the width left, and offers the item actions and details
of the rows' items.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from recon_desktop.core.records import ItemInfo, ItemStatus, ScanKind, ScanLogEntry, ScanResult, Tag
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.paths import show_paths
from recon_desktop.ui.sizing import follow_font

translate = QCoreApplication.translate
LIST_LIMIT = 5_000  # rows the list holds at most; the others are read when scrolled to
PAGE_SIZE = 500  # rows read at a time
TRIM_SLACK = 500  # rows past the limit before the oldest go (a few at once, not each scan)
# English constants, said with translate("ScanList", ...) where they are shown
PENDING_TEXT = QT_TRANSLATE_NOOP("ScanList", "Saving…")  # the tag column of a scan on its way
# a scan the server could not take yet
KEPT_TEXT = QT_TRANSLATE_NOOP("ScanList", "Kept on this PC — will be sent")
# the same in the tag column (its tooltip says the rest)
KEPT_CELL_TEXT = QT_TRANSLATE_NOOP("ScanList", "Kept on this PC")
GS = "\x1d"
GS_SHOWN = "\u241d"  # the visible symbol for the GS1 group separator


def local_time(at: datetime) -> datetime:
    """A stored UTC time (naive) in the workstation's time zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone()


def format_quantity(quantity: Decimal | None, unit: str | None = None) -> str:
    """A quantity in the locale's digits and marks, with its unit (none: nothing)."""
    if quantity is None:
        return ""
    return formatting.quantity_with_unit(quantity, unit)


@dataclass(frozen=True, slots=True)
class ScanRow:
    scan_id: int
    at: datetime  # UTC
    barcode: str
    kind: ScanKind
    tag: Tag | None
    item_id: int | None
    ingredient: str
    location: str
    quantity: str
    wrong_location: bool
    undone: bool = False
    note: str = ""
    by: str = ""  # who and where, for a scan made at another workstation
    pending: bool = False  # on its way to the database: no tag until it is saved
    kept: bool = False  # kept on this PC while the server is away: sent when it is back
    now: ItemInfo | None = None  # the item as an action left it since the scan
    expired: bool = False  # the bottle's expiry (its label's, else its record's) is past
    label_said: str = ""  # what its GS1 label says that the record does not

    @property
    def moved(self) -> bool:
        """Moved since the scan (to fix a wrong location, or elsewhere)."""
        return self.now is not None and self.now.location != self.location

    @classmethod
    def from_entry(cls, entry: ScanLogEntry, *, station: str | None = None) -> ScanRow:
        """A row from the scan log; ``station`` is this workstation's (scans made at
        another one are marked with its name and the user's)."""
        by = (
            ""
            if station is None or entry.station == station
            else translate("ScanList", "{station} ({user})").format(
                station=entry.station, user=entry.user
            )
        )
        return cls(
            scan_id=entry.id,
            at=entry.at,
            barcode=entry.item_barcode or entry.barcode,
            kind=entry.kind,
            tag=entry.tag,
            item_id=entry.item_id,
            ingredient=entry.ingredient or "",
            location=entry.location_seen or "",
            quantity=format_quantity(entry.quantity_seen, entry.unit_seen),
            wrong_location=entry.wrong_location,
            undone=entry.undone,
            by=by,
            expired=entry.kind is ScanKind.ITEM and entry.expired,
            label_said="; ".join(map(i18n.say, entry.label_differences)),
        )

    @classmethod
    def on_its_way(cls, key: int, barcode: str, at: datetime, *, kept: bool = False) -> ScanRow:
        """A scan sent and not answered yet (``key``: a stand-in for its id); ``kept``:
        kept on this PC until the server takes it."""
        return cls(
            scan_id=key,
            at=at,
            barcode=barcode,
            kind=ScanKind.ITEM,
            tag=None,
            item_id=None,
            ingredient="",
            location="",
            quantity="",
            wrong_location=False,
            pending=True,
            kept=kept,
        )

    @classmethod
    def from_result(cls, result: ScanResult) -> ScanRow:
        return cls(
            scan_id=result.scan_id,
            at=result.scanned_at,
            barcode=result.barcode,
            kind=result.kind,
            tag=result.tag,
            item_id=result.item_id,
            ingredient=result.ingredient or "",
            location=result.location or "",
            quantity=format_quantity(result.quantity, result.unit),
            wrong_location=result.wrong_location,
            note=formatting.scan_note(result),
            expired=result.kind is ScanKind.ITEM and result.expired,
            label_said="; ".join(map(i18n.say, result.label_differences)),
        )

    @property
    def unknown(self) -> bool:
        """An unknown barcode's scan that stands: it can be registered as an item."""
        return (
            self.kind is ScanKind.ITEM
            and self.item_id is None
            and not self.undone
            and not self.pending
        )

    def registered(self, entry: ScanLogEntry | ScanResult) -> ScanRow:
        """The row once its unknown barcode is registered as an item (``entry``: the
        scan's follow-up record, with the new tag)."""
        if isinstance(entry, ScanResult):
            ingredient, location = entry.ingredient, entry.location
            quantity = format_quantity(entry.quantity, entry.unit)
        else:
            ingredient, location = entry.ingredient, entry.location_seen
            quantity = format_quantity(entry.quantity_seen, entry.unit_seen)
        return replace(
            self,
            tag=entry.tag,
            item_id=entry.item_id,
            ingredient=ingredient or "",
            location=location or "",
            quantity=quantity,
            note=translate(
                "ScanList", "Registered as a new item since the scan (it was an unknown barcode)."
            ),
        )

    @property
    def look(self) -> style.Look | None:
        if self.kind is ScanKind.LOCATION:
            return style.LOCATION_LOOK
        return style.TAG_LOOKS.get(self.tag) if self.tag else None


# (key, heading): the headings are said with translate("ScanList", ...)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("time", QT_TRANSLATE_NOOP("ScanList", "Time")),
    ("barcode", QT_TRANSLATE_NOOP("ScanList", "Barcode")),
    ("ingredient", QT_TRANSLATE_NOOP("ScanList", "Ingredient")),
    ("location", QT_TRANSLATE_NOOP("ScanList", "Location")),
    ("quantity", QT_TRANSLATE_NOOP("ScanList", "Quantity")),
    ("tag", QT_TRANSLATE_NOOP("ScanList", "Tag")),
    ("wrong_location", QT_TRANSLATE_NOOP("ScanList", "Wrong location")),
    ("label", QT_TRANSLATE_NOOP("ScanList", "Label")),
    ("by", QT_TRANSLATE_NOOP("ScanList", "Workstation")),
)
COLUMN_INDEX = {key: n for n, (key, _) in enumerate(COLUMNS)}
COLUMN_CHARS = {
    "time": 9,
    "barcode": 16,
    "ingredient": 22,
    "quantity": 11,
    "tag": 15,
    "wrong_location": 14,
    "label": 16,  # Expired and the start of what the label says; the tooltip has it all
    "by": 13,
}  # widths in the font's average characters; the location takes the rest
TAG_COLUMN = COLUMN_INDEX["tag"]
WRONG_COLUMN = COLUMN_INDEX["wrong_location"]
LABEL_COLUMN = COLUMN_INDEX["label"]
ScanRowRole = Qt.ItemDataRole.UserRole + 1

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
    ScanRowRole,
)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
REGISTERED_FIELDS = ("tag", "item_id", "ingredient", "location", "quantity", "note")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _scan_time(row: ScanRow) -> datetime:
    return row.at


Key = tuple[datetime, int]  # where a recorded scan stands in the list: (scan time, id)


class ScanListTableModel(QStandardItemModel):
    """Rows of the on-screen scanned list in scan-time order, oldest first (new scans go
    to the bottom).

    Everything a row shows is known when its scan is saved, so each row is made once into
    Qt's own item model: painting the table then runs no Python at all (a Python ``data()``
    for every cell and role made each repaint cost most of the scan-to-tag time; see the
    README's Performance section). The rows themselves are kept alongside, in order.
    """

    def __init__(self, parent: Any = None, *, limit: int = LIST_LIMIT) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([translate("ScanList", label) for _, label in COLUMNS])
        self.limit = limit
        self.older = False  # scans before the first row are not held (read when scrolled to)
        self.newer = False  # scans after the last row are not held (one scrolled far back)
        self.newer_count = 0  # scans recorded since newer rows were let go
        # while a page toward the newest end is read: scans recorded meanwhile (the page
        # may have been read before them), placed once it is in
        self._held: list[ScanRow] | None = None
        self._rows: list[ScanRow] = []
        self._row_of: dict[int, int] = {}  # scan id → row
        self._on_its_way: dict[str, int] = {}  # client id → the stand-in id of its row
        self._stand_ins = itertools.count(-1, -1)  # ids of rows on their way: negative
        self._rows_of_item: dict[int, list[int]] = {}  # item id → its rows
        self._strike = QFont()
        self._strike.setStrikeOut(True)
        self._brushes: dict[str, QBrush] = {}
        # the model makes each cell itself, from this, as its roles are set: no cell ever
        # has a Python wrapper (a wrapper of a cell the model deleted was handed out again
        # for a new object at the same address; invalidating each kept them all, and the
        # memory of every row ever shown, alive)
        prototype = QStandardItem()
        prototype.setFlags(_FLAGS)
        self.setItemPrototype(prototype)

    # ------------------------------------------------------------ changes
    def set_rows(self, rows: list[ScanRow], *, older: bool = False, newer: bool = False) -> None:
        """The list's rows (in any order: they are put in scan-time order, once each);
        ``older``, ``newer``: scans lie before, after them, not held."""
        self.older, self.newer, self.newer_count, self._held = older, newer, 0, None
        self.removeRows(0, self.rowCount())
        self._rows = []
        self._row_of = {}
        keys = {row.scan_id for row in rows if row.scan_id < 0}  # rows not recorded yet
        self._on_its_way = {c: k for c, k in self._on_its_way.items() if k in keys}
        self._rows_of_item = {}
        for row in sorted(rows, key=_scan_time):  # stable: the log's order for equal times
            self._place(row)
        if self.rowCount() > self.limit:  # (a page and the rows on their way)
            self.drop_oldest(self.rowCount() - self.limit)

    def first_key(self) -> Key | None:
        """Where the first recorded row stands (rows on their way have no place yet)."""
        return next(((r.at, r.scan_id) for r in self._rows if r.scan_id > 0), None)

    def last_key(self) -> Key | None:
        return next(((r.at, r.scan_id) for r in reversed(self._rows) if r.scan_id > 0), None)

    def append(self, row: ScanRow) -> None:
        """Add a row where its scan time puts it: at the end, unless it was scanned
        before the last row (a scan kept at another workstation while the server was
        away, sent later). A recorded scan beyond the rows held is not added: before
        them, it is read when one scrolls there; after them (newer rows let go), it is
        counted (``newer_count``), and read when one comes back to the newest."""
        if row.scan_id in self._row_of:  # a replayed retry: the row is there already
            return
        if row.scan_id > 0 and (self.older or self.newer):
            key = (row.at, row.scan_id)
            first, last = self.first_key(), self.last_key()
            if self.older and first is not None and key < first:
                return
            if self.newer and (last is None or key > last):
                if self._held is not None:
                    self._held.append(row)
                else:
                    self.newer_count += 1
                return
        self._place(row)

    def _place(self, row: ScanRow) -> None:
        if row.scan_id in self._row_of:
            return
        at = len(self._rows)
        if at and row.at < self._rows[-1].at:
            at = bisect.bisect_right(self._rows, row.at, key=_scan_time)
        if at == len(self._rows):
            self._row_of[row.scan_id] = at
            if row.item_id is not None:
                self._rows_of_item.setdefault(row.item_id, []).append(at)
            self._rows.append(row)
            self._insert(at, row)
        else:
            self._rows.insert(at, row)
            self._reindex()
            self._insert(at, row)
        if len(self._rows) > self.limit + max(1, min(TRIM_SLACK, self.limit // 10)):
            self._trim()

    def _trim(self) -> None:
        """Let the oldest rows go, down to the limit (memory stays bounded however long
        the session; none on its way or kept goes)."""
        count = len(self._rows) - self.limit
        keep = next((n for n, row in enumerate(self._rows[:count]) if row.scan_id < 0), count)
        if keep > 0:
            self.drop_oldest(keep)

    def drop_oldest(self, count: int) -> None:
        """Let the first ``count`` rows go (read again when scrolled to)."""
        count = min(count, len(self._rows))
        if count <= 0:
            return
        self._forget(self._rows[:count])
        self.removeRows(0, count)
        del self._rows[:count]
        self._reindex()
        self.older = True

    def drop_newest(self, count: int) -> None:
        """Let the last ``count`` rows go (one scrolled far back): scans after them are
        counted as they are recorded, and read when one comes back."""
        count = min(count, len(self._rows))
        if count <= 0:
            return
        at = len(self._rows) - count
        self._forget(self._rows[at:])
        self.removeRows(at, count)
        del self._rows[at:]
        self._reindex()
        self.newer = True

    def _forget(self, rows: list[ScanRow]) -> None:
        """Rows on their way let go: their scans are added again when they are answered
        (or when one comes back to the newest, while still on their way)."""
        gone = {row.scan_id for row in rows if row.scan_id < 0}
        if gone:
            self._on_its_way = {c: k for c, k in self._on_its_way.items() if k not in gone}

    def add_older(self, rows: list[ScanRow], *, more: bool) -> None:
        """A page read before the first row (oldest first); ``more``: scans lie before it.
        The newest rows go beyond the limit."""
        first = self.first_key()
        fresh = [
            row
            for row in rows
            if row.scan_id not in self._row_of and (first is None or (row.at, row.scan_id) < first)
        ]
        if fresh:
            self._rows[:0] = fresh
            self._reindex()
            self.insertRows(0, len(fresh))
            for n, row in enumerate(fresh):
                self._fill(n, row)
        self.older = more
        if len(self._rows) > self.limit:
            self.drop_newest(len(self._rows) - self.limit)

    def reading_newer(self) -> None:
        """A page after the last row is being read: scans recorded meanwhile are held
        (the page may have been read before them) and placed once it is in."""
        if self._held is None:
            self._held = []

    def add_newer(self, rows: list[ScanRow], *, more: bool) -> None:
        """A page read after the last row (oldest first); ``more``: scans lie after it
        (else the list has come back to the newest: the scans held meanwhile join it).
        The oldest rows go beyond the limit."""
        held, self._held = self._held or [], None
        last = self.last_key()
        for row in rows:
            if last is None or (row.at, row.scan_id) > last:
                self._place(row)
        if not more:
            self.newer, self.newer_count = False, 0
            for row in held:
                self._place(row)
        # (with more to read, the next page reads the scans held: they were recorded
        # before it is asked for)
        if len(self._rows) > self.limit:
            self.drop_oldest(len(self._rows) - self.limit)

    def _reindex(self) -> None:
        """Each scan's row and each item's rows again (rows moved)."""
        self._row_of = {row.scan_id: n for n, row in enumerate(self._rows)}
        self._rows_of_item = {}
        for n, row in enumerate(self._rows):
            if row.item_id is not None:
                self._rows_of_item.setdefault(row.item_id, []).append(n)

    def clear(self) -> None:
        self.set_rows([])

    def add_on_its_way(
        self, client_id: str, barcode: str, at: datetime, *, kept: bool = False
    ) -> None:
        """A row for a scan sent and not answered yet (no tag); ``settle`` or
        ``drop_on_its_way`` once it is. ``kept``: kept on this PC until the server
        takes it (a row on its way already becomes one)."""
        key = self._on_its_way.get(client_id)
        if key is not None:
            if kept:
                self._update(key, kept=True)
            return
        key = next(self._stand_ins)
        self._on_its_way[client_id] = key
        self.append(ScanRow.on_its_way(key, barcode, at, kept=kept))

    def stand_in(self, client_id: str) -> int:
        """The stand-in id for the row of a scan not recorded yet (``set_rows``), so
        that ``settle`` finds it by its client id."""
        key = next(self._stand_ins)
        self._on_its_way[client_id] = key
        return key

    def kept_count(self) -> int:
        """Rows of scans kept on this PC (not sent yet)."""
        return sum(1 for key in self._on_its_way.values() if self._is_kept(key))

    def _is_kept(self, key: int) -> bool:
        at = self._row_of.get(key)
        return at is not None and self._rows[at].kept

    def is_on_its_way(self, client_id: str) -> bool:
        return client_id in self._on_its_way

    def settle(self, client_id: str, row: ScanRow) -> bool:
        """The scan on its way was saved: its row becomes ``row``, where it stands; False
        when it has no row (it was cleared meanwhile)."""
        at = self._row_of.pop(self._on_its_way.pop(client_id, 0), None)
        if at is None:
            return False
        if row.scan_id in self._row_of:  # listed meanwhile: one row is enough
            self._remove(at)
            return True
        self._row_of[row.scan_id] = at
        if row.item_id is not None:
            self._rows_of_item.setdefault(row.item_id, []).append(at)
        self._replace(at, row)
        return True

    def drop_on_its_way(self, client_id: str) -> None:
        """The scan on its way will not be saved: its row goes."""
        at = self._row_of.pop(self._on_its_way.pop(client_id, 0), None)
        if at is not None:
            self._remove(at)

    def _remove(self, at: int) -> None:
        """Take away row ``at`` (rows on their way are at the end, so few rows move up)."""
        self.removeRow(at)
        del self._rows[at]
        for n in range(at, len(self._rows)):
            row = self._rows[n]
            self._row_of[row.scan_id] = n
            if row.item_id is not None:  # (a row on its way has no item)
                rows_of = self._rows_of_item[row.item_id]
                rows_of[rows_of.index(n + 1)] = n

    def mark_undone(self, scan_id: int) -> bool:
        return self._update(scan_id, undone=True)

    def mark_registered(self, scan_id: int, follow_up: ScanLogEntry | ScanResult) -> bool:
        """The unknown barcode of scan ``scan_id`` is an item now (its follow-up record)."""
        at = self._row_of.get(scan_id)
        if at is None:
            return False
        row = self._rows[at].registered(follow_up)
        if row.item_id is not None:
            self._rows_of_item.setdefault(row.item_id, []).append(at)
        self._update_row(at, **{f: getattr(row, f) for f in REGISTERED_FIELDS})
        return True

    def show_item(self, item: ItemInfo) -> int:
        """The rows of ``item`` show it as it is now (an action changed it); how many."""
        rows = self._rows_of_item.get(item.id, [])
        for at in rows:
            self._update_row(at, now=item)
        return len(rows)

    def _update(self, scan_id: int, **changes: Any) -> bool:
        at = self._row_of.get(scan_id)
        if at is None:
            return False
        self._update_row(at, **changes)
        return True

    def _update_row(self, at: int, **changes: Any) -> None:
        self._replace(at, replace(self._rows[at], **changes))

    def _replace(self, at: int, row: ScanRow) -> None:
        self._rows[at] = row
        self._fill(at, row)

    def _insert(self, at: int, row: ScanRow) -> None:
        """A new row ``at`` for ``row`` (already in ``_rows``)."""
        self.insertRow(at)
        self._fill(at, row)

    def _fill(self, at: int, row: ScanRow) -> None:
        # every role at once: one change per cell (the model makes the cell the first time)
        for column, roles in enumerate(self._cells(row)):
            self.setItemData(self.index(at, column), roles)

    def row_of(self, scan_id: int) -> int | None:
        """The row of a scan (None: not held)."""
        return self._row_of.get(scan_id)

    def row_at(self, row: int) -> ScanRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ScanRow]:
        return list(self._rows)

    # ------------------------------------------------------------ what a row shows
    def _brush(self, color: str) -> QBrush:
        brush = self._brushes.get(color)
        if brush is None:
            brush = self._brushes[color] = QBrush(style.color(color))
        return brush

    def _cells(self, row: ScanRow) -> list[dict[int, Any]]:
        """Each cell's roles, every one of ``_ROLES`` (None: not set)."""
        tooltip = self._tooltip(row)
        look = row.look
        undone_brush = self._brush(style.UNDONE_LOOK.foreground) if row.undone else None
        cells = []
        for column, (key, _) in enumerate(COLUMNS):
            cell: dict[int, Any] = dict.fromkeys(_ROLES)
            cell[_DISPLAY] = self._display(row, key)
            cell[_TOOLTIP] = tooltip
            if key == "quantity":
                cell[_ALIGNMENT] = _RIGHT
            if column == TAG_COLUMN and look is not None:
                cell[_DECORATION] = style.icon(style.UNDONE_LOOK.icon if row.undone else look.icon)
                if not row.undone:
                    cell[_BACKGROUND] = self._brush(look.background)
                    cell[_FOREGROUND] = self._brush(look.foreground)
            if column == WRONG_COLUMN and row.wrong_location:
                cell[_DECORATION] = style.icon(
                    style.LOCATION_LOOK.icon if row.moved else style.WRONG_LOCATION_LOOK.icon
                )
                if not row.moved:
                    cell[_FOREGROUND] = self._brush(style.WRONG_LOCATION_LOOK.foreground)
            if column == LABEL_COLUMN and row.expired:
                expired = style.EXPIRED_LOOK
                cell[_DECORATION] = style.icon(expired.icon)
                if not row.undone:
                    cell[_BACKGROUND] = self._brush(expired.background)
                    cell[_FOREGROUND] = self._brush(expired.foreground)
            if undone_brush is not None:
                cell[_FONT] = self._strike
                cell[_FOREGROUND] = undone_brush
            if column == 0:
                cell[ScanRowRole] = row
            cells.append(cell)
        return cells

    @staticmethod
    def _display(row: ScanRow, key: str) -> str:
        if key == "time":
            return formatting.time_of_day(row.at)
        if key == "tag":
            if row.kept:
                return translate("ScanList", KEPT_CELL_TEXT)
            if row.pending:
                return translate("ScanList", PENDING_TEXT)
            look = row.look
            word = formatting.tag_word(look.word) if look else ""
            if row.undone:
                return translate("ScanList", "{tag} (undone)").format(tag=word)
            return word
        if key == "wrong_location":
            if not row.wrong_location:
                return ""
            if row.moved:
                return translate("ScanList", "Moved")
            return formatting.tag_word(style.WRONG_LOCATION_LOOK.word)
        now = row.now
        if now is not None:  # as an action left the item since the scan
            if key == "location":
                return now.location
            if key == "quantity":
                return format_quantity(now.quantity, now.unit)
            if key == "ingredient" and now.status is ItemStatus.ARCHIVED:
                return translate("ScanList", "{ingredient} (archived)").format(
                    ingredient=row.ingredient
                )
        if key == "label":  # Expired first, then what the label says beside the record
            said = [formatting.tag_word(style.EXPIRED_LOOK.word)] if row.expired else []
            return " · ".join([*said, row.label_said] if row.label_said else said)
        value = getattr(row, key)
        return "" if value is None else str(value).replace(GS, GS_SHOWN)

    @staticmethod
    def _tooltip(row: ScanRow) -> str:
        lines = [formatting.local_time(row.at, seconds=True)]
        if row.kept:
            lines.append(
                translate(
                    "ScanList",
                    "The database server could not take this scan: it is kept on this PC and "
                    "sent, with this time, when the server is back; its tag shows then.",
                )
            )
        elif row.pending:
            lines.append(
                translate("ScanList", "On its way to the database: its tag shows once it is saved.")
            )
        where = row.now.location if row.now is not None else row.location
        if where:
            lines.append(where)  # whole: the column may show it shortened
        if row.by:
            lines.append(
                translate("ScanList", "Scanned at {workstation}.").format(workstation=row.by)
            )
        if row.note:
            lines.append(row.note)
        if row.expired:
            lines.append(
                translate(
                    "ScanList",
                    "Expired: the bottle's expiry (its label's, else its record's) is past.",
                )
            )
        if row.label_said:
            lines.append(
                translate("ScanList", "The label says: {said}.").format(said=row.label_said)
            )
        now = row.now
        if now is not None:
            seen = ", ".join(part for part in (row.location, row.quantity) if part)
            lines.append(translate("ScanList", "At the scan: {seen}.").format(seen=seen))
            if row.moved:
                lines.append(
                    translate("ScanList", "Moved from {old} to {new}.").format(
                        old=row.location, new=now.location
                    )
                )
            if now.status is ItemStatus.ARCHIVED:
                lines.append(translate("ScanList", "Archived since the scan."))
        if row.undone:
            lines.append(translate("ScanList", "This scan was undone; it no longer counts."))
        return "\n".join(lines)


class ScanListView(QTableView):
    """The table of the scanned list: whole rows selected, nothing edited in place."""

    detailsChosen = Signal(int)  # the item whose details to show
    menuAsked = Signal(QPoint)  # a right click: the row menu, there (global position)
    # Ctrl+End (True) or Ctrl+Home (False) with scans beyond the rows held that way
    edgeWanted = Signal(bool)

    def __init__(self, model: ScanListTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanTable")
        self.setAccessibleName(translate("ScanList", "Scanned list"))
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.setModel(model)
        self._rows = model
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        # one fixed row height (from the font): adding a row never measures rows
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setShowGrid(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(COLUMN_INDEX["location"], QHeaderView.ResizeMode.Stretch)
        # row height, icons and columns from the font, once the style sheet has set it
        self.sizes = follow_font(
            self,
            {
                **{COLUMN_INDEX[key]: chars for key, chars in COLUMN_CHARS.items()},
                TAG_COLUMN: "\n".join(
                    [
                        *(
                            formatting.tag_word(look.word)
                            for look in (*style.TAG_LOOKS.values(), style.LOCATION_LOOK)
                        ),
                        translate("ScanList", KEPT_CELL_TEXT),
                        translate("ScanList", PENDING_TEXT),
                    ]
                ),
                WRONG_COLUMN: formatting.tag_word(style.WRONG_LOCATION_LOOK.word),
            },
            icon_columns=frozenset({TAG_COLUMN, WRONG_COLUMN, LABEL_COLUMN}),
        )
        # a path keeps its end (the box) and loses its middle; the whole in the tooltip
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        show_paths(self, COLUMN_INDEX["location"])  # whole steps: "Building 1/…/Box 2"
        self._widest_barcode = 0  # characters: the barcode column grows to the longest
        model.rowsInserted.connect(self._on_model_rowsInserted)
        # double-click, or Enter on the current row, as the platform activates items
        self.activated.connect(self._on_activated)

    def selected_item_ids(self) -> list[int]:
        """The items of the selected rows, once each (locations and unknown barcodes have
        none)."""
        ids: list[int] = []
        for index in self.selectionModel().selectedRows():
            row = self._rows.row_at(index.row())
            if row is not None and row.item_id is not None and row.item_id not in ids:
                ids.append(row.item_id)
        return ids

    def selected_unknown(self) -> ScanRow | None:
        """The one selected row, when it is an unknown barcode's scan."""
        rows = self.selectionModel().selectedRows()
        row = self._rows.row_at(rows[0].row()) if len(rows) == 1 else None
        return row if row is not None and row.unknown else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Home and Ctrl+End reach the session's first and newest scans, also when
        they are not held yet (they are read, then shown)."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() == Qt.Key.Key_Home and self._rows.older:
            self.edgeWanted.emit(False)
            return
        if ctrl and event.key() == Qt.Key.Key_End and self._rows.newer:
            self.edgeWanted.emit(True)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menuAsked.emit(event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The list showing its newest row keeps it in sight when it gets shorter (the
        last-scan panel above grew with a longer answer, at a large font)."""
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        super().resizeEvent(event)
        if at_end and bar.value() < bar.maximum():
            self.scrollToBottom()

    def _on_model_rowsInserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        """A barcode is never cut: its column grows to the longest (measured only when a
        barcode is longer, in characters, than any before)."""
        added = [row.barcode for n in range(first, last + 1) if (row := self._rows.row_at(n))]
        longest = max(added, key=len, default="")
        if len(longest) <= self._widest_barcode:
            return
        self._widest_barcode = len(longest)
        column = COLUMN_INDEX["barcode"]
        needed = self.fontMetrics().horizontalAdvance(longest.replace(GS, GS_SHOWN)) + 24
        if needed > self.columnWidth(column):
            self.setColumnWidth(column, needed)

    def applicable(self, rows: list[ScanRow]) -> list[str]:
        """The row actions (``row_menu.ROW_ACTIONS``) that apply to ``rows``."""
        items = {row.item_id for row in rows if row.item_id is not None}
        keys = []
        if len(rows) == 1 and rows[0].unknown:
            keys.append("register")
        if items:
            keys += ["move", "archive", "label"]
        if len(items) == 1:
            keys += ["split", "set", "details"]
        return keys

    def target_rows(self) -> list[ScanRow]:
        """The selected rows; with none selected, the newest (selected, to be seen)."""
        rows = [
            row
            for index in self.selectionModel().selectedRows()
            if (row := self._rows.row_at(index.row())) is not None
        ]
        if rows or not self._rows.rowCount():
            return rows
        last = self._rows.rowCount() - 1
        flags = QItemSelectionModel.SelectionFlag
        index = self._rows.index(last, 0)
        # not selectRow: it reads the keys held (Shift of Shift+F10 would extend nothing)
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        row = self._rows.row_at(last)
        return [row] if row is not None else []

    def _on_activated(self, index: QModelIndex) -> None:
        row = self._rows.row_at(index.row())
        if row is not None and row.item_id is not None:
            self.detailsChosen.emit(row.item_id)
