"""``RecordTableModel``: a short list of records held in full, each column written once
per record when the list is set (an item's history, a session's scan log and actions, the
past sessions)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt

from recon_desktop.ui.table_model import AnyIndex, ReadOnlyTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class RecordColumn(Generic[R]):
    """A column of a small in-memory table: its header and how to show one record."""

    label: str
    text: Callable[[R], str]
    numeric: bool = False


class RecordTableModel(ReadOnlyTableModel, Generic[R]):
    """A short list of records held in full (history of one item, a session's scan log)."""

    def __init__(
        self,
        columns: Sequence[RecordColumn[R]],
        records: Sequence[R] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[R] = []
        self._display: list[tuple[str, ...]] = []
        self.set_records(records)

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._display = [tuple(c.text(r) for c in self._columns) for r in self._records]
        self.endResetModel()

    def record(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._display)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._display) and 0 <= column < len(self._columns)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._columns[column].numeric else _LEFT
        return None
