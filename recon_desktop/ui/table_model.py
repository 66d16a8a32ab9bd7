"""Table models. ``PagedTableModel`` shows a view of any size by fetching pages on demand.

The model only holds the rows fetched so far (display text, prepared once per page) and
their item ids. Sorting and the quick filter are SQL: they reset the model and fetch the
first page again. The model itself never starts threads: whoever builds it may pass
``run_in_background`` to have the count and the pages fetched off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from recon_desktop.core.records import Page
from recon_desktop.errors import ReconError
from recon_desktop.ui import compat, formatting
from recon_desktop.ui.workers import error_sentence

PAGE_SIZE = 200

FetchPage = Callable[[int, int, str | None, bool, str], Page]
Count = Callable[[str], int]
Loaded = tuple[int, Page]
# run_in_background(job, on_result, on_error): run job elsewhere, call back on the GUI thread
RunInBackground = Callable[
    [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None
]
AnyIndex = QModelIndex | QPersistentModelIndex

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Column:
    """A listing column: the key the services sort by, and its header text."""

    key: str
    label: str


class PagedTableModel(QAbstractTableModel):
    """A lazy, SQL-sorted, SQL-filtered listing (the Qt "fetch more" pattern)."""

    loaded = Signal(int)  # a (re)load finished: total rows matching
    loadFailed = Signal(str)  # the sentence saying why
    loadingChanged = Signal(bool)

    def __init__(
        self,
        fetch_page: FetchPage,
        count: Count,
        headers: Sequence[Column | tuple[str, str]],
        parent: QObject | None = None,
        *,
        run_in_background: RunInBackground | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._count = count
        self._columns = [c if isinstance(c, Column) else Column(*c) for c in headers]
        self._run = run_in_background
        self._page_size = page_size
        self._display: list[tuple[str, ...]] = []
        self._numeric: list[tuple[bool, ...]] = []
        self._item_ids: list[int | None] = []
        self._total = 0
        self._exhausted = True  # nothing to fetch until the first load
        self._loading = False
        self._fetching = False
        self._generation = 0
        self._sort: str | None = None
        self._descending = False
        self._text = ""

    # ------------------------------------------------------------ state
    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def total(self) -> int:
        """Rows matching the current filter (counted in SQL), not only those fetched."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def sort_key(self) -> str | None:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def quick_filter(self) -> str:
        return self._text

    def item_id(self, row: int) -> int | None:
        return self._item_ids[row] if 0 <= row < len(self._item_ids) else None

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    # ------------------------------------------------------------ (re)loading
    def load(self) -> None:
        """Count and fetch the first page for the current sort and filter."""
        self._generation += 1
        self._fetching = False  # a page still on its way belongs to the old generation
        generation = self._generation
        sort, descending, text = self._sort, self._descending, self._text

        def job() -> Loaded:
            total = self._count(text)
            return total, self._fetch_page(0, self._page_size, sort, descending, text)

        self._set_loading(True)
        if self._run is None:
            try:
                result = job()
            except ReconError as exc:
                self._on_load_failed(generation, exc)
            else:
                self._on_loaded(generation, result)
            return
        self._run(
            job,
            lambda result: self._on_loaded(generation, result),
            lambda exc: self._on_load_failed(generation, exc),
        )

    def refresh(self) -> None:
        self.load()

    def cancel_load(self) -> None:
        """Forget a load in progress (its result will be ignored)."""
        self._generation += 1
        self._fetching = False
        self._set_loading(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._sort and descending == self._descending:
            return
        self._sort, self._descending = key, descending
        self.load()

    def setQuickFilter(self, text: str) -> None:
        text = text.strip()
        if text == self._text:
            return
        self._text = text
        self.load()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            compat.emit(self.loadingChanged, loading)

    def _on_loaded(self, generation: int, result: Loaded) -> None:
        if generation != self._generation:
            return  # superseded by a newer sort or filter
        total, page = result
        display, numeric = self._prepare(page)
        self.beginResetModel()
        self._display, self._numeric = display, numeric
        self._item_ids = list(page.item_ids)
        self._total = total
        self._exhausted = len(page.rows) < self._page_size
        self.endResetModel()
        self._set_loading(False)
        compat.emit(self.loaded, total)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        compat.emit(self.loadFailed, error_sentence(exc))

    def _prepare(self, page: Page) -> tuple[list[tuple[str, ...]], list[tuple[bool, ...]]]:
        keys = page.columns
        display = [
            tuple(formatting.display(k, v) for k, v in zip(keys, row, strict=True))
            for row in page.rows
        ]
        numeric = [tuple(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in row)
                   for row in page.rows]
        return display, numeric

    # ------------------------------------------------------------ lazy fetching
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._exhausted and not self._loading
                and not self._fetching)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Fetch the next page (in the background when a runner was given)."""
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset = self._generation, len(self._display)
        sort, descending, text = self._sort, self._descending, self._text

        def job() -> Page:
            return self._fetch_page(offset, self._page_size, sort, descending, text)

        if self._run is None:
            try:
                page = job()
            except ReconError as exc:
                self._on_fetch_failed(generation, exc)
            else:
                self._on_fetched(generation, offset, page)
            return
        self._run(
            job,
            lambda page: self._on_fetched(generation, offset, page),
            lambda exc: self._on_fetch_failed(generation, exc),
        )

    def _on_fetched(self, generation: int, offset: int, page: Page) -> None:
        if generation != self._generation or offset != len(self._display):
            return  # the model was reloaded meanwhile
        display, numeric = self._prepare(page)
        if len(display) < self._page_size:
            self._exhausted = True
        # still "fetching" while rows go in: views react to the insert by asking for more
        if display:
            self.beginInsertRows(QModelIndex(), offset, offset + len(display) - 1)
            self._display.extend(display)
            self._numeric.extend(numeric)
            self._item_ids.extend(page.item_ids)
            self.endInsertRows()
        self._fetching = False

    def _on_fetch_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = True
        compat.emit(self.loadFailed, error_sentence(exc))

    # ------------------------------------------------------------ Qt model API
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
            return _RIGHT if self._numeric[row][column] else _LEFT
        if role == Qt.ItemDataRole.UserRole:
            return self._item_ids[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].label
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class RecordColumn(Generic[R]):
    """A column of a small in-memory table: its header and how to show one record."""

    label: str
    text: Callable[[R], str]
    numeric: bool = False


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A short list of records held in full (history of one item, a session's scan log)."""

    def __init__(self, columns: Sequence[RecordColumn[R]], records: Sequence[R] = (),
                 parent: QObject | None = None) -> None:
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].label
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)
