"""The scanned list of the Barcode Tracking window (``scanTable``): one row per scan.

The model only holds what the window already has (a session's scan log once, then each
new scan); it never queries or writes. Undone scans stay in the list, struck through.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from recon_desktop.core.records import ScanKind, ScanLogEntry, ScanResult, Tag
from recon_desktop.ui import compat, style

Index = QModelIndex | QPersistentModelIndex
GS = "\x1d"
GS_SHOWN = "\u241d"  # the visible symbol for the GS1 group separator


def local_time(at: datetime) -> datetime:
    """A stored UTC time (naive) in the workstation's time zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone()


def format_quantity(quantity: Decimal | None, unit: str | None = None) -> str:
    if quantity is None:
        return ""
    return f"{quantity} {unit}".strip() if unit else str(quantity)


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
    moved_to: str = ""

    @classmethod
    def from_entry(cls, entry: ScanLogEntry) -> ScanRow:
        return cls(
            scan_id=entry.id, at=entry.at, barcode=entry.item_barcode or entry.barcode,
            kind=entry.kind, tag=entry.tag, item_id=entry.item_id,
            ingredient=entry.ingredient or "", location=entry.location_seen or "",
            quantity=format_quantity(entry.quantity_seen), wrong_location=entry.wrong_location,
            undone=entry.undone,
        )

    @classmethod
    def from_result(cls, result: ScanResult) -> ScanRow:
        return cls(
            scan_id=result.scan_id, at=result.scanned_at, barcode=result.barcode,
            kind=result.kind, tag=result.tag, item_id=result.item_id,
            ingredient=result.ingredient or "", location=result.location or "",
            quantity=format_quantity(result.quantity), wrong_location=result.wrong_location,
            note=result.note,
        )

    @property
    def look(self) -> style.Look | None:
        if self.kind is ScanKind.LOCATION:
            return style.LOCATION_LOOK
        return style.TAG_LOOKS.get(self.tag) if self.tag else None


COLUMNS: tuple[tuple[str, str], ...] = (
    ("time", "Time"),
    ("barcode", "Barcode"),
    ("ingredient", "Ingredient"),
    ("location", "Location"),
    ("quantity", "Quantity"),
    ("tag", "Tag"),
    ("wrong_location", "Wrong location"),
)
COLUMN_INDEX = {key: n for n, (key, _) in enumerate(COLUMNS)}
TAG_COLUMN = COLUMN_INDEX["tag"]
WRONG_COLUMN = COLUMN_INDEX["wrong_location"]
ScanRowRole = Qt.ItemDataRole.UserRole + 1


class ScanListTableModel(QAbstractTableModel):
    """Rows of the on-screen scanned list, oldest first (new scans go to the bottom)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ScanRow] = []
        self._row_of: dict[int, int] = {}  # scan id → row
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    # ------------------------------------------------------------ changes
    def set_rows(self, rows: list[ScanRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {r.scan_id: n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def append(self, row: ScanRow) -> None:
        if row.scan_id in self._row_of:  # a replayed retry: the row is there already
            return
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self._row_of[row.scan_id] = at
        self.endInsertRows()

    def clear(self) -> None:
        self.set_rows([])

    def mark_undone(self, scan_id: int) -> bool:
        return self._update(scan_id, undone=True)

    def mark_moved(self, scan_id: int, location: str) -> bool:
        return self._update(scan_id, moved_to=location)

    def _update(self, scan_id: int, **changes: Any) -> bool:
        row = self._row_of.get(scan_id)
        if row is None:
            return False
        self._rows[row] = replace(self._rows[row], **changes)
        compat.emit(self.dataChanged, self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def row_at(self, row: int) -> ScanRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ScanRow]:
        return list(self._rows)

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(COLUMNS):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == ScanRowRole:
            return row
        look = row.look
        if key == "tag" and look is not None:
            if role == Qt.ItemDataRole.DecorationRole:
                return style.icon(style.UNDONE_LOOK.icon if row.undone else look.icon)
            if role == Qt.ItemDataRole.BackgroundRole and not row.undone:
                return QBrush(style.color(look.background))
            if role == Qt.ItemDataRole.ForegroundRole and not row.undone:
                return QBrush(style.color(look.foreground))
        if key == "wrong_location" and row.wrong_location:
            wrong = style.WRONG_LOCATION_LOOK
            if role == Qt.ItemDataRole.DecorationRole:
                return style.icon(style.LOCATION_LOOK.icon if row.moved_to else wrong.icon)
            if role == Qt.ItemDataRole.ForegroundRole and not row.moved_to:
                return QBrush(style.color(wrong.foreground))
        if role == Qt.ItemDataRole.FontRole and row.undone:
            return self._strike
        if role == Qt.ItemDataRole.ForegroundRole and row.undone:
            return QBrush(style.color(style.UNDONE_LOOK.foreground))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "quantity":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: ScanRow, key: str) -> str:
        if key == "time":
            return local_time(row.at).strftime("%H:%M:%S")
        if key == "tag":
            look = row.look
            word = look.word if look else ""
            return f"{word} (undone)" if row.undone else word
        if key == "wrong_location":
            if not row.wrong_location:
                return ""
            return "Moved here" if row.moved_to else "Wrong location"
        if key == "location" and row.moved_to:
            return row.moved_to
        value = getattr(row, key)
        return "" if value is None else str(value).replace(GS, GS_SHOWN)

    @staticmethod
    def _tooltip(row: ScanRow) -> str:
        lines = [local_time(row.at).strftime("%Y-%m-%d %H:%M:%S")]
        if row.note:
            lines.append(row.note)
        if row.moved_to:
            lines.append(f"Moved from {row.location} to {row.moved_to}.")
        if row.undone:
            lines.append("This scan was undone; it no longer counts.")
        return "\n".join(lines)
