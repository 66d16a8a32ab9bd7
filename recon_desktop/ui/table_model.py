"""``PagedTableModel`` shows a view of any size from an ordered list of keys (a short list
held in full: ``record_table``).

A (re)load — opening, sorting, the quick filter, Refresh — fetches every row key of the view
in display order (a few bytes a row) and the block of rows in sight. The row count is the
number of keys, so the scrollbar is right from the start. Rows are fetched by key in blocks
when first painted: until then a cell shows a placeholder while its block is fetched; the
block's cells change when it arrives. Only the most recently used blocks are kept, so
memory stays flat however far one scrolls. Each column is written by its display format in
the column registry (``core.columns``), once per fetched row, never in ``data()``.

Reading the keys of a big view sorts every row, and takes far longer than a first page
(SQL keeps only the top rows; the README has both figures). Given ``fetch_first``, a load
from the top reads the first rows and the count, shows them, and then reads the keys; the
other rows are fetched once the keys are in (the first keys must agree, or the model starts
over from the keys).

The model itself never starts threads: whoever builds it may pass runners that fetch off
the GUI thread; without them it fetches synchronously (for tests).
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from recon_desktop.core.columns import COLUMNS, Column, Display
from recon_desktop.errors import ReconError
from recon_desktop.ui import formatting, style
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.workers import error_sentence

log = logging.getLogger(__name__)

BLOCK_SIZE = 200
MAX_BLOCKS = 50  # blocks kept: 10,000 rows of display text
MAX_PENDING = 8  # blocks waiting to be fetched; older requests (scrolled past) are dropped
PLACEHOLDER = "…"
GONE = QT_TRANSLATE_NOOP("Views", "(no longer in this view)")  # said with translate

# a row fetched by key: its item id (None for an unknown barcode) and its values in column
# order; None for a key that has left the view since the keys were read
Row = tuple[int | None, tuple[object, ...]]
FetchKeys = Callable[[str | None, bool, str], Sequence[int]]  # sort, descending, text
FetchRows = Callable[[Sequence[int]], Sequence[Row | None]]  # one entry per key, in order
# (sort, descending, text, limit) -> (rows matching, the first rows' keys, those rows)
FetchFirst = Callable[[str | None, bool, str, int], tuple[int, Sequence[int], Sequence[Row]]]
# run_in_background(job, on_result, on_error): run job elsewhere, call back on the GUI thread
RunInBackground = Callable[
    [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None
]
AnyIndex = QModelIndex | QPersistentModelIndex

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_USER = Qt.ItemDataRole.UserRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
RIGHT_ALIGNED = frozenset({Display.QUANTITY})
LOOKED = {Display.EXPIRED: style.EXPIRED_LOOK}  # formats a filled cell shows with a look


@dataclass(frozen=True, slots=True)
class _Block:
    """Display text of a run of rows, prepared once off the GUI thread (formatting is
    plain Python)."""

    display: list[tuple[str, ...]]
    right: list[tuple[bool, ...]]
    item_ids: list[int | None]


@dataclass(frozen=True, slots=True)
class _Loaded:
    keys: array[int]
    block: int
    rows: _Block | None  # None: the first rows come separately


@dataclass(frozen=True, slots=True)
class _First:
    count: int
    keys: array[int]
    rows: _Block


class _Formats(NamedTuple):
    """How the columns are written (their display formats' functions) and aligned."""

    write: tuple[Callable[[object], str], ...]
    right: tuple[bool, ...]


def _prepare(formats: _Formats, rows: Sequence[Row | None]) -> _Block:
    display: list[tuple[str, ...]] = []
    right: list[tuple[bool, ...]] = []
    item_ids: list[int | None] = []
    write = formats.write
    gone = (QCoreApplication.translate("Views", GONE), *("" for _ in write[1:]))
    left = tuple(False for _ in write)
    for row in rows:
        if row is None:
            display.append(gone)
            right.append(left)
            item_ids.append(None)
            continue
        item_id, values = row
        display.append(tuple("" if v is None else f(v) for f, v in zip(write, values, strict=True)))
        right.append(formats.right)
        item_ids.append(item_id)
    return _Block(display, right, item_ids)


def _log_bug(exc: Exception) -> None:
    """Log what is not an expected error (a runner's worker does the same)."""
    if not isinstance(exc, ReconError):
        log.error("reading a view failed", exc_info=exc)


class ReadOnlyTableModel(QAbstractTableModel):
    """Headers from ``self._columns`` (each with a ``label``); rows selectable, not editable."""

    _columns: Sequence[Any]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return formatting.heading(self._columns[section].label)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class PagedTableModel(ReadOnlyTableModel):
    """A lazy, SQL-sorted, SQL-filtered listing: an ordered id list and a cache of rows."""

    counted = Signal(int)  # reset to a new set of rows (their count); more may follow
    loaded = Signal(int)  # a (re)load finished: total rows matching
    loadFailed = Signal(str)  # the sentence saying why
    loadingChanged = Signal(bool)

    def __init__(
        self,
        fetch_keys: FetchKeys,
        fetch_rows: FetchRows,
        columns: Sequence[str],
        parent: QObject | None = None,
        *,
        run_in_background: RunInBackground | None = None,
        run_quietly: RunInBackground | None = None,
        fetch_first: FetchFirst | None = None,
        block_size: int = BLOCK_SIZE,
        max_blocks: int = MAX_BLOCKS,
    ) -> None:
        """``columns``: keys of the column registry (``core.columns``), which gives their
        headers and formats. ``run_in_background`` runs the (re)loads; ``run_quietly`` the
        blocks fetched
        while scrolling and the key list when the first rows come separately (they should
        not bring up a progress dialog; by default the same runner)."""
        super().__init__(parent)
        self._fetch_keys = fetch_keys
        self._fetch_rows = fetch_rows
        self._fetch_first = fetch_first
        self._columns = [COLUMNS[key] for key in columns]
        self._formats = _Formats(
            tuple(formatting.formatter(c) for c in self._columns),
            tuple(c.display in RIGHT_ALIGNED for c in self._columns),
        )
        # the word, colour and icon of a cell that says Expired (never colour alone)
        self._looks = {
            n: LOOKED[c.display] for n, c in enumerate(self._columns) if c.display in LOOKED
        }
        self._run = run_in_background
        self._run_quietly = run_quietly or run_in_background
        self._block_size = max(1, block_size)
        self._max_blocks = max(1, max_blocks)
        self._keys: array[int] = array("q")
        self._row_count = 0
        self._keys_complete = True  # False while only the first rows' keys are known
        self._first_shown = 0  # the load whose first rows are shown before its keys
        self._parts_left = 0  # of the current load: the keys, and maybe the first rows
        self._blocks: OrderedDict[int, _Block] = OrderedDict()
        self._pending: OrderedDict[int, None] = OrderedDict()  # oldest request first
        self._in_flight: int | None = None
        self._failed: set[int] = set()
        self._keys_generation = 0  # which key list the cached and requested blocks index
        self._load_generation = 0  # which (re)load a result answers
        self._loading = False
        self._sort: str | None = None
        self._descending = False
        self._text = ""

    # ------------------------------------------------------------ state
    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def total(self) -> int:
        """Rows matching the current sort and filter: the number of keys (until they are
        in, the count read with the first rows)."""
        return self._row_count

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

    def key(self, row: int) -> int | None:
        """The row key (from the key list: known for every row, fetched or not, once the
        load has finished)."""
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def is_fetched(self, row: int) -> bool:
        return 0 <= row < self._row_count and row // self._block_size in self._blocks

    def item_id(self, row: int) -> int | None:
        """The item id of a fetched row (None for an unknown barcode or a row not fetched
        yet: see :meth:`is_fetched`)."""
        block = self._blocks.get(row // self._block_size) if 0 <= row < self._row_count else None
        return None if block is None else block.item_ids[row % self._block_size]

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    # ------------------------------------------------------------ (re)loading
    def load(self, around: int = 0, *, quietly: bool = False) -> None:
        """Read the key list for the current sort and filter, and the block of rows holding
        row ``around`` (the first rows unless the view shows others). ``quietly``: in one
        part, with the quiet runner (the rows shown stay until the new ones are in)."""
        self._load_generation += 1
        generation = self._load_generation
        sort, descending, text = self._sort, self._descending, self._text
        fetch_keys, fetch_rows, formats = self._fetch_keys, self._fetch_rows, self._formats
        fetch_first, size = self._fetch_first, self._block_size
        first_apart = (
            fetch_first is not None
            and around == 0
            and not quietly
            and self._run is not None
            and self._run_quietly is not None
        )

        def job() -> _Loaded:
            keys = array("q", fetch_keys(sort, descending, text))
            if first_apart:
                return _Loaded(keys, 0, None)
            block = around // size if 0 <= around < len(keys) else 0
            start = block * size
            rows = fetch_rows(keys[start : start + size].tolist())
            return _Loaded(keys, block, _prepare(formats, rows))

        self._set_loading(True)
        self._parts_left = 2 if first_apart else 1
        if first_apart:
            assert fetch_first is not None and self._run is not None
            assert self._run_quietly is not None

            def first_job() -> _First:
                count, keys, rows = fetch_first(sort, descending, text, size)
                return _First(count, array("q", keys), _prepare(formats, rows))

            def keys_next(first: _First) -> None:
                if self._on_first_rows(generation, first):
                    assert self._run_quietly is not None
                    self._run_quietly(
                        job,
                        lambda result: self._on_loaded(generation, result),
                        lambda exc: self._on_load_failed(generation, exc),
                    )

            # the first rows can bring up the progress dialog (and its Cancel); the keys
            # follow them quietly (one after the other: the first rows do not wait for a
            # processor, and the two never hold memory for a big read at the same time)
            self._run(first_job, keys_next, lambda exc: self._on_load_failed(generation, exc))
            return
        run = self._run_quietly if quietly else self._run
        if run is None:
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 (a bug is logged and said in a sentence)
                _log_bug(exc)
                self._on_load_failed(generation, exc)
            else:
                self._on_loaded(generation, result)
            return
        run(
            job,
            lambda result: self._on_loaded(generation, result),
            lambda exc: self._on_load_failed(generation, exc),
        )

    def refresh(self, around: int = 0) -> None:
        """Read the same sort and filter again, quietly: the rows shown stay until the new
        keys and the rows around ``around`` are in (a view brought up to date while people
        scan should not flicker or bring up a dialog)."""
        self.load(around, quietly=True)

    def rows_of(self, keys: set[int]) -> list[int]:
        """The rows holding these keys, in order (one pass over the key list)."""
        return [row for row, key in enumerate(self._keys) if key in keys] if keys else []

    def cancel_load(self) -> None:
        """Forget a load in progress (its result will be ignored; the rows shown stay)."""
        self._load_generation += 1
        self._set_loading(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key: str | None
        if column == -1:  # Qt's "not sorted": the view's own order (by row key)
            key, descending = None, False
        elif 0 <= column < len(self._columns):
            key = self._columns[column].key
            descending = order == Qt.SortOrder.DescendingOrder
        else:
            return
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
            self.loadingChanged.emit(loading)

    def _reset(
        self, count: int, keys: array[int], complete: bool, block: int, rows: _Block | None
    ) -> None:
        self.beginResetModel()
        self._row_count = count
        self._keys = keys
        self._keys_complete = complete
        self._keys_generation += 1  # blocks on their way index the old keys: dropped
        self._blocks.clear()
        self._pending.clear()
        self._in_flight = None
        self._failed.clear()
        if rows is not None and count:
            self._blocks[block] = rows
        self.endResetModel()
        self.counted.emit(count)

    def _on_first_rows(self, generation: int, first: _First) -> bool:
        """Show the first rows; True when the keys are still wanted."""
        if generation != self._load_generation:
            return False  # superseded by a newer sort or filter, or cancelled
        shown = len(first.keys)
        # a page shorter than a block is the whole view, whatever the count said
        count = max(first.count, shown) if shown == self._block_size else shown
        self._first_shown = generation
        self._reset(count, first.keys, shown == count, 0, first.rows)
        self._part_done()
        return True

    def _on_loaded(self, generation: int, result: _Loaded) -> None:
        if generation != self._load_generation:
            return  # superseded by a newer sort or filter, or cancelled
        keys = result.keys
        if (
            self._first_shown == generation
            and len(keys) == self._row_count
            and keys[: len(self._keys)] == self._keys
        ):
            # the first rows shown agree with the keys: keep them, fetch the rest by key
            self._keys, self._keys_complete = keys, True
            if result.rows is not None and result.block not in self._blocks:
                self._store(result.block, result.rows)
        else:
            self._reset(len(keys), keys, True, result.block, result.rows)
        self._part_done()

    def _part_done(self) -> None:
        self._parts_left -= 1
        if self._parts_left > 0:
            return
        self._set_loading(False)
        self.loaded.emit(self._row_count)
        self._fetch_next()

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._load_generation:
            return
        if not isinstance(exc, Exception):
            raise exc
        self._load_generation += 1  # the other half of a load in two parts is dropped
        self._set_loading(False)
        self.loadFailed.emit(error_sentence(exc))

    # ------------------------------------------------------------ blocks of rows
    def _block(self, row: int, *, fetch: bool) -> _Block | None:
        """The cached block holding ``row`` (now the most recently used), or None; with
        ``fetch`` a missing block is requested."""
        number = row // self._block_size
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        if fetch and number not in self._failed:
            self._request(number)
            return self._blocks.get(number)  # there already when fetching synchronously
        return None

    def _request(self, number: int) -> None:
        if self._run_quietly is None:
            if self._keys_complete:
                self._fetch_now(number)
            return
        if number == self._in_flight:
            return
        self._pending[number] = None
        self._pending.move_to_end(number)
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)  # scrolled past before it came up
        self._fetch_next()

    def _block_job(self, number: int) -> Callable[[], _Block]:
        start = number * self._block_size
        keys = self._keys[start : start + self._block_size].tolist()
        fetch_rows, formats = self._fetch_rows, self._formats

        def job() -> _Block:
            rows = fetch_rows(keys)
            if len(rows) != len(keys):
                raise RuntimeError(f"{len(rows)} rows fetched for {len(keys)} keys")
            return _prepare(formats, rows)

        return job

    def _fetch_now(self, number: int) -> None:
        try:
            block = self._block_job(number)()
        except Exception as exc:  # noqa: BLE001 (data() never raises: the failure is said)
            _log_bug(exc)
            self._on_block_failed(self._keys_generation, number, exc)
        else:
            self._store(number, block)

    def _fetch_next(self) -> None:
        """Start the most recently requested block unless one is on its way already (one
        at a time: the newest request is what the view shows now)."""
        if self._in_flight is not None or self._run_quietly is None or not self._keys_complete:
            return  # (without all keys, requests wait for them)
        while self._pending:
            number, _ = self._pending.popitem(last=True)
            if number not in self._blocks and number not in self._failed:
                break
        else:
            return
        self._in_flight = number
        generation = self._keys_generation
        self._run_quietly(
            self._block_job(number),
            lambda block: self._on_block_fetched(generation, number, block),
            lambda exc: self._on_block_failed(generation, number, exc),
        )

    def _on_block_fetched(self, generation: int, number: int, block: _Block) -> None:
        if generation != self._keys_generation:
            return  # fetched for a key list that has since been replaced
        if self._in_flight == number:
            self._in_flight = None
        self._store(number, block)
        self._fetch_next()

    def _on_block_failed(self, generation: int, number: int, exc: BaseException) -> None:
        if generation != self._keys_generation:
            return
        if not isinstance(exc, Exception):
            raise exc
        if self._in_flight == number:
            self._in_flight = None
        self._failed.add(number)  # not again until the next load (Refresh)
        self.loadFailed.emit(error_sentence(exc))
        self._fetch_next()

    def _store(self, number: int, block: _Block) -> None:
        start = number * self._block_size
        last = min(start + self._block_size, self._row_count) - 1
        if last < start:
            return
        self._blocks[number] = block
        self._blocks.move_to_end(number)
        while len(self._blocks) > self._max_blocks:
            self._blocks.popitem(last=False)  # least recently shown: fetched again if needed
        self.dataChanged.emit(
            self.index(start, 0),
            self.index(last, len(self._columns) - 1),
            [_DISPLAY, _TOOLTIP, _ALIGNMENT, _USER],
        )

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def _look(self, row: int, column: int, role: int) -> Any:
        look = self._looks.get(column)
        if look is None:
            return None
        block = self._block(row, fetch=False)
        if block is None or not block.display[row % self._block_size][column]:
            return None
        if role == _DECORATION:
            return style.icon(look.icon)
        return style.color(look.background if role == _BACKGROUND else look.foreground)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self._row_count and 0 <= column < len(self._columns)):
            return None
        if role in (_DECORATION, _BACKGROUND, _FOREGROUND):
            return self._look(row, column, role)
        if role not in (_DISPLAY, _TOOLTIP, _ALIGNMENT, _USER):
            return None
        block = self._block(row, fetch=role == _DISPLAY)
        if block is None:
            if role == _DISPLAY:
                return PLACEHOLDER
            return _LEFT if role == _ALIGNMENT else None
        offset = row % self._block_size
        if role in (_DISPLAY, _TOOLTIP):
            return block.display[offset][column]
        if role == _ALIGNMENT:
            return _RIGHT if block.right[offset][column] else _LEFT
        return block.item_ids[offset]
