"""Inventory import from .xlsx or .csv: map columns, validate every row, then all or nothing.

``plan`` reads and checks the whole file and writes nothing; ``apply`` writes it in one
transaction (new items, changed fields, locations from paths, history with the file name
and its SHA-256) or nothing at all.

The file is read by ``recon_desktop.readers`` (hostile files get a sentence, never a
crash or a hang) and its rows converted and checked by ``core.import_rows``.

Speed (100k rows in 2.6 to 3 times calamine's bare read; ``benchmarks/bench_excel.py``):
cells are converted a column at a time, each distinct value once; the new items' ids are
reserved first, so a worker thread builds the item rows and hashes the history events
onto their chain while the connection's thread executes the inserts (the driver lets go
of the GIL meanwhile); on SQLite a column that holds one value in every row is bound once
per statement (PostgreSQL gets COPY); automatic cycle collection is paused while the rows
are built.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import operator
import queue
import socket
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import chain as concat
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import peewee as pw

from recon_desktop.core.import_rows import (
    ImportProblem,
    Row,
    StoredItem,
    auto_mapping,
    changes,
    check_mapping,
    history_field,
    parse_rows,
    shown,
)
from recon_desktop.core.records import Operator, Role
from recon_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from recon_desktop.readers import DELIMITER_NAMES, open_table, sha256_of
from recon_desktop.services.admin import AdminService
from recon_desktop.services.safe_write import CancelledError
from recon_desktop.store import audit
from recon_desktop.store.audit import HISTORY_CHAIN, db_param
from recon_desktop.store.db import DB_ERRORS, db_now, is_postgres, transaction
from recon_desktop.store.models import Lab, Membership, int_to_quantity

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MAX_PROBLEMS = 10_000  # problems listed; one more line says how many were left out
ANALYZE_AFTER = 1_000  # new items after which PostgreSQL's statistics are refreshed
SWITCH_INTERVAL_S = 0.0005  # while an import's rows are built beside its inserts


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Automatic cycle collection off while an import builds its rows.

    An import makes hundreds of thousands of small containers (rows, tuples, lists) and no
    reference cycles; each automatic collection would walk all of them again, which took
    half the time of converting 100k rows. Where collection is already off (the window
    collects on its own thread), nothing changes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class ImportPlan:
    path: Path
    sha256: str
    delimiter: str | None
    encoding: str | None
    headers: list[str]
    mapping: dict[str, str]  # field -> header
    rows: int
    new: int
    updated: int
    unchanged: int
    problems: list[ImportProblem]
    lab_id: int = 0
    lab: str = ""
    changes: int = 0  # changed fields over all updated items
    _parsed: list[Row] = field(default_factory=list, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def delimiter_name(self) -> str:
        if self.delimiter is None:
            return ""
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def summary(self) -> str:
        """One line for a person: what the import does (or why it cannot)."""
        where = f" ({self.delimiter_name}-separated)" if self.delimiter else ""
        if not self.ok:
            return (
                f"{self.path.name}{where}: {len(self.problems):,} problem(s) in "
                f"{self.rows:,} row(s); nothing was imported."
            )
        return (
            f"{self.path.name}{where}: {self.rows:,} row(s): {self.new:,} new, "
            f"{self.updated:,} updated ({self.changes:,} field change(s)), "
            f"{self.unchanged:,} unchanged."
        )


# ---------------------------------------------------------------- the service


class ImportService:
    def __init__(self, db: pw.Database, admin: AdminService) -> None:
        self.db = db
        self.admin = admin

    # ------------------------------------------------------------ headers
    def read_headers(
        self, path: str | Path, *, encoding: str | None = None
    ) -> tuple[list[str], str | None]:
        """The header row and the detected CSV delimiter (None for .xlsx)."""
        table = open_table(Path(path), encoding)
        return table.headers, table.delimiter

    def auto_mapping(self, headers: Sequence[str]) -> dict[str, str]:
        """field → header for every header whose name matches a field (or an alias)."""
        return auto_mapping(headers)

    # ------------------------------------------------------------ plan
    def plan(
        self,
        path: str | Path,
        lab: str | int,
        *,
        mapping: dict[str, str] | None = None,
        encoding: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportPlan:
        """Parse and validate the whole file against the database; writes nothing."""
        with _collector_paused():
            return self._plan(Path(path), lab, mapping, encoding, progress, cancelled)

    def _plan(
        self,
        path: Path,
        lab: str | int,
        mapping: dict[str, str] | None,
        encoding: str | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> ImportPlan:
        lab_info = self.admin.lab(lab)
        digest = sha256_of(path) if path.is_file() else ""
        table = open_table(path, encoding)
        mapping = dict(mapping) if mapping is not None else self.auto_mapping(table.headers)
        check_mapping(mapping, table.headers, path.name)
        index = {f: table.headers.index(h) for f, h in mapping.items() if h}
        plan = ImportPlan(
            path=path,
            sha256=digest,
            delimiter=table.delimiter,
            encoding=table.encoding,
            headers=table.headers,
            mapping=mapping,
            rows=0,
            new=0,
            updated=0,
            unchanged=0,
            problems=[],
            lab_id=lab_info.id,
            lab=lab_info.name,
        )

        def before_block() -> None:
            if cancelled is not None and cancelled():
                raise CancelledError("The import was cancelled; nothing was imported.")

        def after_block(count: int) -> None:
            if progress is not None:
                progress(count, 0)

        parsed, numeric, plan.rows = parse_rows(
            table.rows,
            index,
            mapping,
            plan.problems,
            file_name=path.name,
            numeric_cells=table.numeric_cells,
            formula_cells=table.formula_cells,
            before_block=before_block,
            after_block=after_block,
        )
        if plan.rows == 0:
            raise ValidationError(f"{path.name} has a header row but no rows to import.")
        self._check_numeric_barcodes(parsed, numeric, plan, mapping)
        self._check_ingredient_types(parsed, plan, mapping)
        self._compare(parsed, plan)
        if len(plan.problems) > MAX_PROBLEMS:
            left = len(plan.problems) - MAX_PROBLEMS
            plan.problems = plan.problems[:MAX_PROBLEMS]
            plan.problems.append(ImportProblem(0, "", f"… and {left:,} more problems"))
        plan._parsed = parsed
        return plan

    def _check_numeric_barcodes(
        self, parsed: list[Row], numeric: set[int], plan: ImportPlan, mapping: dict[str, str]
    ) -> None:
        """A barcode that arrived as a number may have lost leading zeros: refuse it when the
        lab already has that barcode with zeros in front, or when the file's other numeric-
        looking barcodes are longer (they kept their zeros as text)."""
        if not numeric:
            return
        digit_lengths = Counter(
            len(r.barcode) for r in parsed if r.barcode.isdigit() and r.row not in numeric
        )
        typical = digit_lengths.most_common(1)[0][0] if digit_lengths else 0
        # every barcode in the database that starts with a zero, by its digits without them
        # (one query however many rows arrived as numbers)
        padded: dict[str, str] = {}
        for (barcode,) in self.db.execute_sql(
            f"SELECT barcode FROM inventory_item WHERE barcode LIKE {self.db.param}", ("0%",)
        ):
            if barcode.isdigit():
                padded.setdefault(barcode.lstrip("0"), barcode)
        bad: set[int] = set()
        for row in parsed:
            if row.row not in numeric:
                continue
            zeros = [padded[row.barcode]] if row.barcode in padded else []
            if zeros:
                reason = (
                    f"the barcode arrived as the number {row.barcode}, and item {zeros[0]} "
                    "exists: the leading zeros were lost. Format the column as Text"
                )
            elif typical and len(row.barcode) < typical:
                reason = (
                    f"the barcode arrived as the number {row.barcode}, shorter than the "
                    f"file's other {typical}-digit barcodes: leading zeros were probably "
                    "lost. Format the column as Text"
                )
            else:
                continue
            plan.problems.append(ImportProblem(row.row, mapping["barcode"], reason))
            bad.add(row.row)
        if bad:
            parsed[:] = [r for r in parsed if r.row not in bad]

    def _check_ingredient_types(
        self, parsed: list[Row], plan: ImportPlan, mapping: dict[str, str]
    ) -> None:
        """An ingredient has one type: a row giving it another (than the database, or an
        earlier row of the file) is refused rather than having its type dropped."""
        if "ingredient_type" not in mapping:
            return
        pairs = {
            (name, kind)
            for name, kind in zip(
                map(_INGREDIENT, parsed), map(_INGREDIENT_TYPE, parsed), strict=True
            )
            if kind
        }  # the few distinct (ingredient, type) pairs of the file
        names = sorted({name for name, _ in pairs})
        known: dict[str, tuple[str, str]] = {}  # name -> (type, where it comes from)
        p = self.db.param
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            marks = ", ".join([p] * len(chunk))
            for name, kind in self.db.execute_sql(
                f"SELECT name, type FROM ingredient WHERE name IN ({marks})", chunk
            ):
                if kind:
                    known[name] = (kind, "in the database")
        if len(names) == len(pairs) and all(
            known.get(name, (kind,))[0] == kind for name, kind in pairs
        ):
            return  # one type per ingredient, and the database's where it has one
        bad: set[int] = set()
        for row in parsed:
            if not row.ingredient_type:
                continue
            first = known.setdefault(row.ingredient, (row.ingredient_type, f"on row {row.row}"))
            if first[0] != row.ingredient_type:
                plan.problems.append(
                    ImportProblem(
                        row.row,
                        mapping["ingredient_type"],
                        f"{row.ingredient} is of type {first[0]!r} {first[1]}; this row says "
                        f"{row.ingredient_type!r} (an ingredient has one type)",
                    )
                )
                bad.add(row.row)
        if bad:
            parsed[:] = [r for r in parsed if r.row not in bad]

    def _existing(self, barcodes: Sequence[str]) -> dict[str, StoredItem]:
        p = self.db.param
        out: dict[str, StoredItem] = {}
        per = min(5000, _max_parameters(self.db))  # few statements: each has a fixed cost
        for start in range(0, len(barcodes), per):
            chunk = list(barcodes[start : start + per])
            marks = ", ".join([p] * len(chunk))
            rows = self.db.execute_sql(
                "SELECT i.barcode, i.id, i.lab_id, l2.name, g.name, g.type, loc.path, "
                "i.quantity, i.unit, i.status, i.lot, i.expires_on, i.version "
                "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
                "JOIN location loc ON loc.id = i.location_id JOIN lab l2 ON l2.id = i.lab_id "
                f"WHERE i.barcode IN ({marks})",
                chunk,
            ).fetchall()
            for row in rows:
                (_, item_id, lab_id, lab, name, kind, path, quantity, unit, status, lot) = row[:11]
                expires = row[11]
                if isinstance(expires, str):
                    expires = date.fromisoformat(expires)
                out[row[0]] = StoredItem(
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
                    row[12],
                )
        return out

    def _compare(self, parsed: list[Row], plan: ImportPlan) -> None:
        existing = self._existing(list(map(_BARCODE, parsed)))
        known = [row for row in parsed if row.barcode in existing] if existing else []
        plan.new, plan.updated, plan.unchanged, plan.changes = len(parsed) - len(known), 0, 0, 0
        for row in known:
            found = existing[row.barcode]
            if found.lab_id != plan.lab_id:
                plan.problems.append(
                    ImportProblem(
                        row.row,
                        plan.mapping["barcode"],
                        f"the barcode {row.barcode} belongs to an item of lab {found.lab}, not "
                        f"{plan.lab}",
                    )
                )
                continue
            changed = changes(row, found)
            if changed:
                plan.updated += 1
                plan.changes += len(changed)
            else:
                plan.unchanged += 1

    # ------------------------------------------------------------ apply
    def apply(
        self,
        plan: ImportPlan,
        *,
        operator: Operator | None = None,
        progress: Progress | None = None,
        station: str | None = None,
    ) -> ImportPlan:
        """Import a checked plan: all of it in one transaction, or nothing.

        The file is read again if the plan holds no rows; its SHA-256 must still match, and
        every row is compared with the database again inside the transaction.
        """
        if not plan.ok:
            raise ValidationError(
                f"{plan.path.name} has {len(plan.problems)} problem(s); nothing was imported. "
                f"First: {plan.problems[0]}."
            )
        digest = sha256_of(plan.path) if plan.path.is_file() else ""
        if digest != plan.sha256:
            raise ValidationError(
                f"{plan.path.name} changed since it was checked; check it again, then import."
            )
        if operator is not None:
            self._require_member(operator, plan.lab_id, plan.lab)
        parsed = plan._parsed
        if not parsed:
            fresh = self.plan(plan.path, plan.lab_id, mapping=plan.mapping, encoding=plan.encoding)
            if not fresh.ok:
                raise ValidationError(
                    f"{plan.path.name} has {len(fresh.problems)} problem(s); nothing was "
                    f"imported. First: {fresh.problems[0]}."
                )
            parsed = fresh._parsed
        source = f"{plan.path.name} sha256:{plan.sha256}"
        station = (
            operator.station if operator else (station or socket.gethostname() or "import")[:200]
        )
        user_id = operator.user_id if operator else None
        with _collector_paused(), transaction(self.db):
            self._write(plan, parsed, source, station, user_id, progress)
        if is_postgres(self.db) and plan.new >= ANALYZE_AFTER:
            # fresh statistics, or PostgreSQL keeps planning for the small table it saw
            # before (a re-import of 100k rows looked each barcode up with a full scan:
            # 72 s instead of 3 s) until autovacuum gets round to it
            try:
                self.db.execute_sql("ANALYZE inventory_item")
            except DB_ERRORS as exc:  # the import is in: autovacuum will do it later
                log.warning("ANALYZE after an import failed: %s", exc)
        return plan

    def _require_member(self, operator: Operator, lab_id: int, lab: str) -> None:
        row = Membership.get_or_none(
            (Membership.user == operator.user_id) & (Membership.lab == lab_id)
        )
        if row is None or Role(row.role) not in (Role.ADMIN, Role.MEMBER):
            raise PermissionDeniedError(
                f"{operator.name} cannot import inventory into {lab}: that needs the admin or "
                "member role."
            )

    def _write(
        self,
        plan: ImportPlan,
        parsed: list[Row],
        source: str,
        station: str,
        user_id: int | None,
        progress: Progress | None,
    ) -> ImportPlan:
        db = self.db
        p = db.param
        if Lab.get_or_none(Lab.id == plan.lab_id) is None:
            raise NotFoundError(f"There is no lab {plan.lab!r}.")
        existing = self._existing(list(map(_BARCODE, parsed)))
        known = [row for row in parsed if row.barcode in existing] if existing else []
        problems = [
            ImportProblem(
                row.row,
                plan.mapping["barcode"],
                f"the barcode {row.barcode} belongs to lab {existing[row.barcode].lab}",
            )
            for row in known
            if existing[row.barcode].lab_id != plan.lab_id
        ]
        if problems:
            raise ValidationError(
                f"{plan.path.name} no longer fits the database ({problems[0]}); nothing was "
                "imported. Check it again."
            )
        locations = {
            path: self.admin.ensure_location(path).id
            for path in sorted(set(map(_LOCATION, parsed)))
        }
        # the file's type of each ingredient (the plan checked that rows agree)
        types = {
            name: kind
            for name, kind in set(
                zip(map(_INGREDIENT, parsed), map(_INGREDIENT_TYPE, parsed), strict=True)
            )
            if kind
        }
        ingredients = {
            name: self.admin.ensure_ingredient(name, types.get(name))
            for name in dict.fromkeys(map(_INGREDIENT, parsed))
        }
        now = db_now(db)  # the server's clock on PostgreSQL, as for every record
        updates: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []  # in HISTORY_CHAIN.fields order
        new_rows = [row for row in parsed if row.barcode not in existing] if existing else parsed
        plan.new = plan.updated = plan.unchanged = plan.changes = 0
        for row in known:
            found = existing[row.barcode]
            changed = changes(row, found)
            if not changed:
                plan.unchanged += 1
                continue
            plan.updated += 1
            plan.changes += len(changed)
            item_id, version = found.id, found.version
            target = found._replace(**{k: new for k, (_, new) in changed.items()})
            updates.append(
                (
                    ingredients.get(target.ingredient)
                    or self.admin.ensure_ingredient(target.ingredient),
                    locations.get(target.location)
                    or self.admin.ensure_location(target.location).id,
                    int(Decimal(target.quantity) * 1_000_000),
                    target.unit or "",
                    target.status,
                    target.lot,
                    db_param(db, target.expires_on),
                    item_id,
                    version,
                )
            )
            for name, (old, new) in changed.items():
                events.append(
                    (
                        item_id,
                        "imported",
                        history_field(name),
                        shown(old),
                        shown(new),
                        f"row {row.row}",
                        user_id,
                        station,
                        None,
                        None,
                        source,
                        None,
                        now,
                    )
                )
        if updates:
            cursor = db.cursor()
            cursor.executemany(
                f"UPDATE inventory_item SET ingredient_id = {p}, location_id = {p}, "
                f"quantity = {p}, unit = {p}, status = {p}, lot = {p}, expires_on = {p}, "
                f"version = version + 1 WHERE id = {p} AND version = {p}",
                updates,
            )
            if cursor.rowcount not in (-1, len(updates)):
                raise ValidationError(
                    f"Items in {plan.path.name} were changed by someone else during the "
                    "import; nothing was imported. Check the file again."
                )
        plan.new = len(new_rows)
        head = _ChainHead(db, HISTORY_CHAIN, station)
        new = _NewItems(
            new_rows,
            _reserve_ids(db, len(new_rows)),
            ingredients,
            locations,
            plan.lab_id,
            now,
            user_id,
            station,
            source,
        )
        cursor = db.cursor()
        done = 0
        # the rows are built and hashed in a worker thread while this thread (the one that
        # owns the connection) executes the statements, during which the driver lets go
        # of the GIL: the two take about as long, so the import takes half the time
        for sql, params, rows in _ahead(_statements(db, new, events, head)):
            if sql.startswith("COPY"):  # PostgreSQL: the rows streamed (params are rows)
                with cursor.copy(sql) as copy:
                    for row in params:
                        copy.write_row(row)
            else:
                cursor.execute(sql, params)
            done += rows
            if progress is not None:
                progress(min(done, len(parsed)), len(parsed))
        head.save()
        if progress is not None:
            progress(len(parsed), len(parsed))
        return plan


@dataclass
class _NewItems:
    """What the worker thread needs to build the new items' rows and 'created' events."""

    rows: list[Row]
    ids: list[int]  # reserved for them, in order
    ingredients: dict[str, int]
    locations: dict[str, int]
    lab_id: int
    now: datetime
    user_id: int | None
    station: str
    source: str


def _reserve_ids(db: pw.Database, count: int) -> list[int]:
    """Ids for ``count`` new items, taken before their rows are built (the history events
    name them). PostgreSQL: from the id sequence. SQLite: after the largest id, which is
    what SQLite itself would give; the transaction already holds the write lock (taken
    with the chain head), so no other program can insert an item before the commit."""
    if count == 0:
        return []
    if is_postgres(db):
        rows = db.execute_sql(
            "SELECT nextval(pg_get_serial_sequence('inventory_item', 'id')) "
            "FROM generate_series(1, %s)",
            (count,),
        ).fetchall()
        return sorted(int(r[0]) for r in rows)
    largest = db.execute_sql("SELECT coalesce(max(id), 0) FROM inventory_item").fetchone()[0]
    return list(range(int(largest) + 1, int(largest) + count + 1))


class _ChainHead:
    """A workstation's chain head, held for the transaction: read (and locked on
    PostgreSQL) here, moved by ``save`` after the rows were inserted."""

    def __init__(self, db: pw.Database, chain: audit.Chain, station: str) -> None:
        self.db = db
        self.name = audit.head_name(chain, station)
        p = db.param
        lock = " FOR UPDATE" if is_postgres(db) else ""
        # a write first, even when the head exists: on SQLite it takes the database's
        # write lock, so nothing else can insert items before the commit (_reserve_ids)
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
        """Rows (columns as ``_chain_rows`` returns them) were appended."""
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
)
_HISTORY_COLUMNS = (*HISTORY_CHAIN.fields, "seq", "prev_hash", "hash")

Statement = tuple[str, list[Any], int]  # SQL, parameters, import rows it completes


Columns = list[Sequence[Any]]  # one sequence of values per column, all of one length


def _statements(
    db: pw.Database, new: _NewItems, events: list[tuple[Any, ...]], head: _ChainHead
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
        yield (
            *items.statement(
                [
                    new.ids[start : start + n],
                    list(map(_BARCODE, chunk)),
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
                ["created"] * n,
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
            ]

    for columns in batches():
        chained = _chain_rows(db, HISTORY_CHAIN, head.seq, head.hash, columns)
        head.follow(chained)
        yield (*history.statement(chained), len(columns[0]))


_NEW_ROW = tuple.__new__  # Row from a tuple of its values, in C
_QUANTITY = operator.attrgetter("quantity")
_EXPIRES = operator.attrgetter("expires_on")
_BARCODE = operator.attrgetter("barcode")
_INGREDIENT = operator.attrgetter("ingredient")
_LOCATION = operator.attrgetter("location")
_LOT = operator.attrgetter("lot")
_INGREDIENT_TYPE = operator.attrgetter("ingredient_type")


class _Inserts:
    """Multi-row INSERT statements of one table: about twice as fast as executemany on
    SQLite (one statement per few thousand rows instead of one per row).

    On SQLite, a column that holds one value in every row of a statement (the lab, the
    time, the workstation, the file of an import) is bound once, not once per row:
    ``INSERT INTO t (a, b, c) SELECT column1, ?, column2 FROM (VALUES (?, ?), ...)``.
    Binding parameters was most of the cost (100k history rows: 0.27 s, then 0.12 s).
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
    # while the worker holds it: shorter turns while both work (about 7% of the write)
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


_ZERO = Decimal(0)
_TIME_FIELDS = ("at", "scanned_at")
_NONE = type(None)


def _chain_rows(
    db: pw.Database, chain: audit.Chain, seq: int, prev: str, columns: Columns
) -> Columns:
    """The rows (given and returned as columns) as stored, followed by the columns seq,
    previous hash and hash.

    ``audit.row_hash`` row by row, or the same hashes faster: the canonical JSON of a row
    is put together from a template where a column holds one value throughout (kind,
    station, source, time of an import) and from values encoded a column at a time (C
    functions) where it varies. That way needs every value to be None, text, an integer or
    (in the time field) a datetime, and is used only if its first and last hashes equal
    ``audit.row_hash``'s, so a change in the audit module's canonical form can never
    produce a chain that does not verify.
    """
    fast = _chain_rows_fast(db, chain, seq, prev, columns)
    if fast is not None:
        seqs, prevs, digests = fast[-3:]
        if digests[0] == audit.row_hash(chain, prev, seq + 1, [c[0] for c in columns]) and digests[
            -1
        ] == audit.row_hash(chain, prevs[-1], seqs[-1], [c[-1] for c in columns]):
            return fast
    rows = []
    for values in zip(*columns, strict=True):
        seq += 1
        digest = audit.row_hash(chain, prev, seq, values)
        rows.append((*[audit.db_param(db, v) for v in values], seq, prev, digest))
        prev = digest
    return [list(column) for column in zip(*rows, strict=True)]


def _chain_rows_fast(
    db: pw.Database, chain: audit.Chain, seq: int, prev: str, columns: Columns
) -> Columns | None:
    n = len(columns[0])
    parts = [encode_basestring(chain.table), "{}", '"{}"']  # table, seq, previous hash
    varying: list[Sequence[str]] = []  # encoded values of the columns that vary
    stored: Columns = []
    for name, column in zip(chain.fields, columns, strict=True):
        kinds = set(map(type, column))
        if name in _TIME_FIELDS:
            if kinds != {datetime}:
                return None
            times = {
                value: (
                    value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds"),
                    db_param(db, value),
                )
                for value in dict.fromkeys(column)
            }
            canonical = [times[value][0] for value in column]
            stored.append([times[value][1] for value in column])
            if len(times) == 1:
                parts.append(encode_basestring(canonical[0]).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{}")
                varying.append(list(map(encode_basestring, canonical)))
            continue
        if not kinds <= _PLAIN_KINDS:  # bool is not int here; dates, numbers: row by row
            return None
        stored.append(column)
        if column.count(column[0]) == n:  # one value throughout: part of the template
            parts.append(_encode_plain(column[0]).replace("{", "{{").replace("}", "}}"))
            continue
        parts.append("{}")
        if kinds == {str}:
            varying.append(list(map(encode_basestring, column)))
        elif kinds == {int}:
            varying.append(list(map(int.__repr__, column)))
        else:
            varying.append(list(map(_encode_plain, column)))
    # the payload around the previous hash, made for every row at once (C loops); the
    # chain itself (each hash needs the one before) is the only loop in Python
    table, _seq, _prev, *rest = parts
    heads = list(map(f'[{table},{{}},"'.format, range(seq + 1, seq + n + 1)))
    tail = '",' + ",".join(rest) + "]"
    tails = list(map(tail.format, *varying)) if varying else [tail.format()] * n
    sha256 = hashlib.sha256
    first_prev = prev
    digests: list[str] = []
    append = digests.append
    for head, rest_of_row in zip(heads, tails, strict=True):
        prev = sha256((head + prev + rest_of_row).encode("utf-8")).hexdigest()
        append(prev)
    return [*stored, list(range(seq + 1, seq + n + 1)), [first_prev, *digests[:-1]], digests]


_PLAIN_KINDS = frozenset({_NONE, str, int})


def _encode_plain(value: Any) -> str:
    """JSON of None, text or an integer, as ``json.dumps(ensure_ascii=False)`` writes it."""
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    return int.__repr__(value)
