"""The inventory import's reads and writes in bulk: every SQL statement an import runs.

Lookups (items by barcode, barcodes with leading zeros, ingredients' types), the UPDATEs
of changed items, and the writes of new items and their history: the new items' ids are
reserved first, so that a worker thread builds the item rows and hashes the history events
onto their chain (``audit.chain_columns``) while the connection's thread executes the
inserts (the driver lets go of the GIL meanwhile). On SQLite a column that holds one value
in every row is bound once per statement; PostgreSQL gets COPY.
"""

from __future__ import annotations

import gc
import operator
import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain as concat
from typing import Any, NamedTuple

import peewee as pw

from recon_desktop.core import item_state
from recon_desktop.core.import_rows import Row, StoredItem
from recon_desktop.core.quantities import int_to_quantity
from recon_desktop.core.records import HistoryKind
from recon_desktop.store import audit
from recon_desktop.store.audit import HISTORY_CHAIN, Columns, db_param
from recon_desktop.store.db import is_postgres
from recon_desktop.store.item_keys import key_columns

SWITCH_INTERVAL_S = 0.0005  # while an import's rows are built beside its inserts
_ZERO = Decimal(0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic cycle collection off while an import builds its rows.

    An import makes hundreds of thousands of small containers (rows, tuples, lists) and no
    reference cycles; each automatic collection would walk all of them again. Where
    collection is already off (the window collects on its own thread), nothing changes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# ---------------------------------------------------------------- reads


def existing_items(db: pw.Database, barcodes: Sequence[str]) -> dict[str, StoredItem]:
    """The items that have these barcodes (in any lab), by barcode."""
    return {barcode: item for barcode, _, item in _stored_items(db, "i.barcode", barcodes)}


def existing_items_by_key(
    db: pw.Database, keys: Sequence[str]
) -> dict[str, list[tuple[str, StoredItem]]]:
    """The items whose barcodes have these canonical keys (in any lab), by key: each with
    its barcode as written."""
    found: dict[str, list[tuple[str, StoredItem]]] = {}
    for barcode, key, item in _stored_items(db, "i.barcode_key", keys):
        found.setdefault(key, []).append((barcode, item))
    return found


def _stored_items(
    db: pw.Database, column: str, values: Sequence[str]
) -> Iterator[tuple[str, str, StoredItem]]:
    """(barcode, key, item) of the items whose ``column`` holds one of ``values``."""
    p = db.param
    per = min(5000, _max_parameters(db))  # few statements: each has a fixed cost
    for start in range(0, len(values), per):
        chunk = list(values[start : start + per])
        marks = ", ".join([p] * len(chunk))
        rows = db.execute_sql(
            "SELECT i.barcode, i.id, i.lab_id, l2.name, g.name, g.type, loc.path, "
            "i.quantity, i.unit, i.status, i.lot, i.expires_on, i.version, i.barcode_key "
            "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
            "JOIN location loc ON loc.id = i.location_id JOIN lab l2 ON l2.id = i.lab_id "
            f"WHERE {column} IN ({marks})",
            chunk,
        ).fetchall()
        for row in rows:
            (barcode, item_id, lab_id, lab, name, kind, path, quantity, unit, status) = row[:10]
            lot, expires, version, key = row[10:]
            if isinstance(expires, str):
                expires = date.fromisoformat(expires)
            yield (
                barcode,
                key,
                StoredItem(
                    item_id,
                    lab_id,
                    lab,
                    name,
                    kind,
                    path,
                    int_to_quantity(int(quantity)),
                    unit or "",
                    status,
                    lot,
                    expires,
                    version,
                ),
            )


def barcodes_with_leading_zeros(db: pw.Database) -> list[str]:
    """Every item barcode that starts with a zero (one query, however many are asked about)."""
    return [
        barcode
        for (barcode,) in db.execute_sql(
            f"SELECT barcode FROM inventory_item WHERE barcode LIKE {db.param}", ("0%",)
        )
    ]


def ingredient_types(db: pw.Database, names: Sequence[str]) -> dict[str, str]:
    """The type of each of these ingredients that exists and has one."""
    known: dict[str, str] = {}
    p = db.param
    for start in range(0, len(names), 500):
        chunk = list(names[start : start + 500])
        marks = ", ".join([p] * len(chunk))
        for name, kind in db.execute_sql(
            f"SELECT name, type FROM ingredient WHERE name IN ({marks})", chunk
        ):
            if kind:
                known[name] = kind
    return known


# ---------------------------------------------------------------- writes


class ItemUpdate(NamedTuple):
    """An existing item's new values; ``version`` is the one it was read with."""

    ingredient_id: int
    location_id: int
    quantity: Decimal
    unit: str
    status: str
    lot: str | None
    expires_on: date | None
    item_id: int
    version: int


def update_items(db: pw.Database, updates: Sequence[ItemUpdate]) -> bool:
    """Write the changed items (each one's version moves on); False when one of them was
    changed by someone else since it was read (nothing should be kept then)."""
    if not updates:
        return True
    p = db.param
    cursor = db.cursor()
    cursor.executemany(
        f"UPDATE inventory_item SET ingredient_id = {p}, location_id = {p}, "
        f"quantity = {p}, unit = {p}, status = {p}, lot = {p}, expires_on = {p}, "
        f"version = version + 1 WHERE id = {p} AND version = {p}",
        [
            (
                u.ingredient_id,
                u.location_id,
                int(Decimal(u.quantity) * 1_000_000),
                u.unit or "",
                u.status,
                u.lot,
                db_param(db, u.expires_on),
                u.item_id,
                u.version,
            )
            for u in updates
        ],
    )
    return cursor.rowcount in (-1, len(updates))


def insert_new_items(
    db: pw.Database,
    rows: list[Row],
    events: list[tuple[Any, ...]],
    *,
    ingredients: dict[str, int],
    locations: dict[str, int],
    lab_id: int,
    lab: str,
    now: datetime,
    user_id: int | None,
    station: str,
    source: str,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Insert the new items, then the history: ``events`` (tuples in ``HISTORY_CHAIN.columns``
    order) and one 'created' event per new item with its values (``core.item_state``),
    chained after the workstation's head.
    Inside the caller's transaction; ``progress`` gets the count of rows done so far."""
    head = ChainHead(db, HISTORY_CHAIN, station)
    new = _NewItems(
        rows,
        reserve_ids(db, len(rows)),
        ingredients,
        locations,
        lab_id,
        lab,
        now,
        user_id,
        station,
        source,
    )
    cursor = db.cursor()
    done = 0
    # the rows are built and hashed in a worker thread while this thread (the one that
    # owns the connection) executes the statements, during which the driver lets go
    # of the GIL, so the two overlap
    for sql, params, count in _ahead(_statements(db, new, events, head)):
        if sql.startswith("COPY"):  # PostgreSQL: the rows streamed (params are rows)
            with cursor.copy(sql) as copy:
                for row in params:
                    copy.write_row(row)
        else:
            cursor.execute(sql, params)
        done += count
        if progress is not None:
            progress(done)
    head.save()


def refresh_item_statistics(db: pw.Database) -> None:
    """PostgreSQL: fresh statistics after a big import, or it keeps planning for the small
    table it saw before (looking each barcode up with a full scan) until autovacuum gets
    round to it. Nothing to do on SQLite."""
    if is_postgres(db):
        db.execute_sql("ANALYZE inventory_item")


# ---------------------------------------------------------------- the insert pipeline


@dataclass
class _NewItems:
    """What the worker thread needs to build the new items' rows and 'created' events."""

    rows: list[Row]
    ids: list[int]  # reserved for them, in order
    ingredients: dict[str, int]
    locations: dict[str, int]
    lab_id: int
    lab: str
    now: datetime
    user_id: int | None
    station: str
    source: str


def reserve_ids(db: pw.Database, count: int, table: str = "inventory_item") -> list[int]:
    """Ids for ``count`` new rows of ``table`` (items by default), taken before their rows
    are built (the history events name them). PostgreSQL: from the id sequence. SQLite:
    after the largest id, which is what SQLite itself would give; the transaction already
    holds the write lock (taken with the chain head), so no other program can insert a
    row before the commit."""
    if count == 0:
        return []
    if is_postgres(db):
        rows = db.execute_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
            (count,),
        ).fetchall()
        return sorted(int(r[0]) for r in rows)
    largest = db.execute_sql(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    return list(range(int(largest) + 1, int(largest) + count + 1))


class ChainHead:
    """A workstation's chain head, held for the transaction: read (and locked on
    PostgreSQL) here, moved by ``save`` after the rows were inserted."""

    def __init__(self, db: pw.Database, chain: audit.Chain, station: str) -> None:
        self.db = db
        self.name = audit.head_name(chain, station)
        p = db.param
        lock = " FOR UPDATE" if is_postgres(db) else ""
        # a write first, even when the head exists: on SQLite it takes the database's
        # write lock, so nothing else can insert items before the commit (reserve_ids)
        db.execute_sql(
            f"INSERT INTO chain_head (name, seq, hash) VALUES ({p}, 0, {p}) "
            "ON CONFLICT (name) DO NOTHING",
            (self.name, audit.GENESIS_HASH),
        )
        head = db.execute_sql(
            f"SELECT seq, hash FROM chain_head WHERE name = {p}{lock}", (self.name,)
        ).fetchone()
        self.seq, self.hash = int(head[0]), str(head[1])
        self.moved = False

    def follow(self, columns: Sequence[Sequence[Any]]) -> None:
        """Rows (columns as ``audit.chain_columns`` returns them) were appended."""
        if columns and columns[-1]:
            self.seq, self.hash = int(columns[-3][-1]), str(columns[-1][-1])
            self.moved = True

    def save(self) -> None:
        if self.moved:
            p = self.db.param
            self.db.execute_sql(
                f"UPDATE chain_head SET seq = {p}, hash = {p} WHERE name = {p}",
                (self.seq, self.hash, self.name),
            )


_ITEM_COLUMNS = (
    "id",
    "barcode",
    "ingredient_id",
    "lab_id",
    "location_id",
    "quantity",
    "unit",
    "status",
    "lot",
    "expires_on",
    "version",
    "created_at",
    "barcode_key",
    "gtin",
)
_HISTORY_COLUMNS = (*HISTORY_CHAIN.columns, "seq", "prev_hash", "hash")

Statement = tuple[str, list[Any], int]  # SQL, parameters, import rows it completes


def _statements(
    db: pw.Database, new: _NewItems, events: list[tuple[Any, ...]], head: ChainHead
) -> Iterator[Statement]:
    """The INSERT statements of an import, built without touching the connection: the new
    items, then the history events (``events`` first, then one 'created' per new item)
    hashed onto the chain after ``head``. Rows are built a column at a time."""
    items = _Inserts(db, "inventory_item", _ITEM_COLUMNS)
    amounts: dict[Decimal, int] = {}  # quantity → its stored integer (quantities repeat)
    dates: dict[Any, Any] = {}  # expiry → its database value
    when = db_param(db, new.now)
    for start in range(0, len(new.rows), items.per):
        chunk = new.rows[start : start + items.per]
        n = len(chunk)
        quantities = [_ZERO if q is None else q for q in map(_QUANTITY, chunk)]
        for quantity in set(quantities).difference(amounts):
            amounts[quantity] = int(quantity * 1_000_000)
        expiries = list(map(_EXPIRES, chunk))
        for expires in set(expiries).difference(dates):
            dates[expires] = db_param(db, expires)
        barcodes = list(map(_BARCODE, chunk))
        keys, gtins = map(list, zip(*map(key_columns, barcodes), strict=True))
        yield (
            *items.statement(
                [
                    new.ids[start : start + n],
                    barcodes,
                    list(map(new.ingredients.__getitem__, map(_INGREDIENT, chunk))),
                    [new.lab_id] * n,
                    list(map(new.locations.__getitem__, map(_LOCATION, chunk))),
                    list(map(amounts.__getitem__, quantities)),
                    [r.unit or "" for r in chunk],
                    [r.status or "active" for r in chunk],
                    list(map(_LOT, chunk)),
                    list(map(dates.__getitem__, expiries)),
                    [1] * n,
                    [when] * n,
                    keys,
                    gtins,
                ]
            ),
            0,
        )
    history = _Inserts(db, HISTORY_CHAIN.table, _HISTORY_COLUMNS)
    what: dict[tuple[Any, Any], str] = {}  # "1.5 mL" of each quantity and unit

    def amount(row: Row) -> str:
        key = (row.quantity, row.unit)
        text = what.get(key)
        if text is None:
            text = what[key] = (
                f"{_ZERO if row.quantity is None else row.quantity} {row.unit or ''}"
            ).strip()
        return text

    texts = item_state.StateTexts(new.lab)

    def state(row: Row) -> str:
        return texts(
            row.barcode,
            row.ingredient,
            row.location,
            row.quantity,
            row.unit,
            row.status,
            row.lot,
            row.expires_on,
        )

    def batches() -> Iterator[Columns]:
        for start in range(0, len(events), history.per):
            yield [
                list(column) for column in zip(*events[start : start + history.per], strict=True)
            ]
        for start in range(0, len(new.rows), history.per):
            chunk = new.rows[start : start + history.per]
            n = len(chunk)
            yield [
                new.ids[start : start + n],
                [HistoryKind.CREATED.value] * n,
                [None] * n,
                [None] * n,
                [f"{amount(r)} {r.ingredient} at {r.location}" for r in chunk],
                [f"imported, row {r.row}" for r in chunk],
                [new.user_id] * n,
                [new.station] * n,
                [None] * n,
                [None] * n,
                [new.source] * n,
                [None] * n,
                [new.now] * n,
                [state(r) for r in chunk],
            ]

    for columns in batches():
        chained = audit.chain_columns(db, HISTORY_CHAIN, head.seq, head.hash, columns)
        head.follow(chained)
        yield (*history.statement(chained), len(columns[0]))


_QUANTITY = operator.attrgetter("quantity")
_EXPIRES = operator.attrgetter("expires_on")
_BARCODE = operator.attrgetter("barcode")
_INGREDIENT = operator.attrgetter("ingredient")
_LOCATION = operator.attrgetter("location")
_LOT = operator.attrgetter("lot")
_INGREDIENT_TYPE = operator.attrgetter("ingredient_type")


class _Inserts:
    """Multi-row INSERT statements of one table: one statement per few thousand rows
    instead of one per row (executemany), which SQLite runs much faster.

    On SQLite, a column that holds one value in every row of a statement (the lab, the
    time, the workstation, the file of an import) is bound once, not once per row:
    ``INSERT INTO t (a, b, c) SELECT column1, ?, column2 FROM (VALUES (?, ?), ...)``.
    Binding parameters was most of the cost of the inserts.
    PostgreSQL gets ``COPY … FROM STDIN`` with the rows instead (parameters are converted
    one by one and a statement with tens of thousands of them is parsed each time).
    """

    def __init__(self, db: pw.Database, table: str, columns: Sequence[str]) -> None:
        self.param = db.param
        self.columns = tuple(columns)
        self.per = max(1, min(2000, _max_parameters(db) // len(columns)))
        self.head = f"INSERT INTO {table} ({', '.join(columns)}) "
        self.one = "(" + ", ".join([db.param] * len(columns)) + ")"
        self.copy = f"COPY {table} ({', '.join(columns)}) FROM STDIN" if is_postgres(db) else None
        self.compact = not is_postgres(db)
        self.sql: dict[tuple[tuple[bool, ...], int], str] = {}

    def statement(self, columns: Columns) -> tuple[str, list[Any]]:
        """SQL and its parameters; for a COPY, the rows (tuples) to stream."""
        if self.copy is not None:
            return self.copy, list(zip(*columns, strict=True))
        n = len(columns[0])
        if self.compact and n > 1:
            same = tuple(
                column.count(column[0]) == n and len(set(map(type, column))) == 1
                for column in columns
            )
            if any(same) and not all(same):
                sql = self.sql.get((same, n))
                if sql is None:
                    sql = self.sql[(same, n)] = self._compact_sql(same, n)
                varying = [column for column, one in zip(columns, same, strict=True) if not one]
                return sql, [
                    *(column[0] for column, one in zip(columns, same, strict=True) if one),
                    *concat.from_iterable(zip(*varying, strict=True)),
                ]
        sql = self.sql.get(((), n))
        if sql is None:
            sql = self.sql[((), n)] = self.head + "VALUES " + ", ".join([self.one] * n)
        return sql, list(concat.from_iterable(zip(*columns, strict=True)))

    def _compact_sql(self, same: tuple[bool, ...], n: int) -> str:
        select = []
        k = 0
        for one in same:
            if one:
                select.append(self.param)
            else:
                k += 1
                select.append(f"column{k}")
        one_row = "(" + ", ".join([self.param] * k) + ")"
        return (
            f"{self.head}SELECT {', '.join(select)} FROM (VALUES " + ", ".join([one_row] * n) + ")"
        )


_END = object()


def _ahead(source: Iterator[Statement], depth: int = 4) -> Iterator[Statement]:
    """Iterate ``source`` in a worker thread, up to ``depth`` items ahead of the caller.

    An exception in the worker comes out of this iterator; when the caller stops early
    (an error while executing), the worker is told to stop and joined.
    """
    buffer: queue.Queue[Any] = queue.Queue(depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in source:
                if not put(item):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            put(_Failure(exc))
        else:
            put(_END)

    worker = threading.Thread(target=run, name="import-rows", daemon=True)
    # a thread back from the driver waits for the GIL up to the switch interval (5 ms)
    # while the worker holds it: shorter turns while both work
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL_S))
    worker.start()
    try:
        while True:
            item = buffer.get()
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(interval)


@dataclass(frozen=True)
class _Failure:
    error: BaseException


def _max_parameters(db: pw.Database) -> int:
    if is_postgres(db):
        return 65_535
    return 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
