"""Hash chains over the record tables (scans, inventory history, audit events).

Every row carries ``seq``, ``prev_hash`` and ``hash = sha256(prev_hash + canonical row)``.
``chain_head`` holds the last seq and hash so that removing the newest rows shows too.
Writers hold the chain head for the length of their transaction (SQLite's write lock;
``FOR UPDATE`` on PostgreSQL), so the chain order is the commit order.

A chain alone proves little against someone who can write the file: they can recompute
it. What makes a rewrite show is a head kept outside the database (``store.anchors``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

import peewee as pw

GENESIS_HASH = "0" * 64
TIME_FIELDS = ("scanned_at", "at")  # canonical as naive UTC with microseconds
Columns = list[Sequence[Any]]  # one sequence of values per column, all of one length


@dataclass(frozen=True)
class Chain:
    table: str
    fields: tuple[str, ...]  # canonical column order (without id, seq, prev_hash, hash)
    defaults: tuple[tuple[str, Any], ...] = ()
    # columns added later, after ``fields``: the canonical form ends with the last one that
    # is not NULL (NULLs before it kept as null), so rows written before they existed keep
    # their hashes and no value can move to another optional column unseen
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.fields + self.optional


SCAN_CHAIN = Chain(
    "scan",
    (
        "client_id", "session_id", "kind", "raw", "barcode", "tag", "item_id",
        "scanned_location_id", "location_seen", "quantity_seen", "unit_seen",
        "wrong_location", "undoes_id", "user_id", "station", "scanned_at",
    ),
    (("wrong_location", False),),
    optional=("lot_seen", "expiry_seen"),  # schema 5: what a GS1 label said
)  # fmt: skip
HISTORY_CHAIN = Chain(
    "history_event",
    (
        "item_id", "kind", "field", "old_value", "new_value", "reason", "user_id",
        "station", "session_id", "scan_id", "source", "corrects_id", "at",
    ),
    optional=("state",),  # schema 3
)  # fmt: skip
AUDIT_CHAIN = Chain(
    "audit_event",
    (
        "kind", "user_id", "user_name", "station", "session_id", "detail", "subject",
        "state", "at",
    ),
)  # fmt: skip
CHAINS = (SCAN_CHAIN, HISTORY_CHAIN, AUDIT_CHAIN)
CHAIN_LABELS = {
    "scan": "scan",
    "history_event": "inventory history event",
    "audit_event": "audit event",
}


def _canonical_value(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def canonical_time(value: Any) -> Any:
    """A time as the chains hash it: naive UTC, ISO text with microseconds."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).isoformat(sep=" ", timespec="microseconds")
    return _canonical_value(value)


def _canonical_row(chain: Chain, values: Sequence[Any]) -> list[Any]:
    """The row's values in canonical form: every field, then the optional ones up to the
    last that is not NULL (``values`` holds the fields, optionally followed by the
    optional ones)."""
    fields = chain.fields
    if len(values) < len(fields):
        raise ValueError(f"{chain.table}: {len(values)} values for {len(fields)} fields")
    canonical = [
        canonical_time(value) if name in TIME_FIELDS else _canonical_value(value)
        for name, value in zip(fields, values, strict=False)
    ]
    extra = values[len(fields) :]
    if extra:
        # left out when NULL at the end: rows from before the columns existed
        kept = len(extra)
        while kept and extra[kept - 1] is None:
            kept -= 1
        for name, value in zip(chain.optional, extra[:kept], strict=False):
            canonical.append(
                canonical_time(value) if name in TIME_FIELDS else _canonical_value(value)
            )
    return canonical


def row_hash(chain: Chain, prev_hash: str, seq: int, values: Sequence[Any]) -> str:
    canonical = [chain.table, seq, prev_hash, *_canonical_row(chain, values)]
    payload = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _payload_parts(chain: Chain, values: Sequence[Any]) -> tuple[str, str]:
    """row_hash's payload around its sequence number and previous hash, for the server to
    put together once it holds the chain head: ``head + seq + ',"' + prev + '",' + tail``."""
    canonical = _canonical_row(chain, values)
    tail = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))[1:]
    return "[" + json.dumps(chain.table, ensure_ascii=False) + ",", tail


def db_param(db: pw.Database, value: Any) -> Any:
    """A value as a raw-SQL parameter: times as ISO text on SQLite (as the models store them)."""
    if isinstance(value, datetime) and not isinstance(db, pw.PostgresqlDatabase):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def head_name(chain: Chain, station: str) -> str:
    return f"{chain.table}:{station}"


def append(db: pw.Database, chain: Chain, values: dict[str, Any]) -> int:
    """Insert one chained row inside the caller's transaction; returns its id.

    Each workstation has its own chain per table, so workstations sharing a PostgreSQL
    server never wait on each other's chain head.
    """
    p = db.param
    name = head_name(chain, values["station"])
    postgres = isinstance(db, pw.PostgresqlDatabase)
    defaults = dict(chain.defaults)
    given = [n for n, f in enumerate(chain.optional, start=1) if values.get(f) is not None]
    names = chain.fields + chain.optional[: given[-1] if given else 0]
    ordered = [values.get(field, defaults.get(field)) for field in names]
    stored = [db_param(db, v) for v in ordered]
    if postgres and (db.server_version or 0) >= 110000:  # sha256() came in PostgreSQL 11
        # one round trip: the server holds the head, hashes, inserts and moves it
        row_id = _append_on_server(db, chain, name, names, ordered, stored)
        if row_id is not None:
            return row_id
    lock = " FOR UPDATE" if postgres else ""
    select_head = f"SELECT seq, hash FROM chain_head WHERE name = {p}{lock}"
    head = db.execute_sql(select_head, (name,)).fetchone()
    if head is None:
        db.execute_sql(
            f"INSERT INTO chain_head (name, seq, hash) VALUES ({p}, 0, {p}) "
            "ON CONFLICT (name) DO NOTHING",
            (name, GENESIS_HASH),
        )
        head = db.execute_sql(select_head, (name,)).fetchone()
    head_seq, head_hash = head
    seq = int(head_seq) + 1
    digest = row_hash(chain, head_hash, seq, ordered)
    columns = ", ".join((*names, "seq", "prev_hash", "hash"))
    marks = ", ".join([p] * (len(names) + 3))
    insert = f"INSERT INTO {chain.table} ({columns}) VALUES ({marks}) RETURNING id"
    move_head = f"UPDATE chain_head SET seq = {p}, hash = {p} WHERE name = {p}"
    if postgres:
        cursor = db.execute_sql(
            f"WITH head AS ({move_head}) {insert}",
            (seq, digest, name, *stored, seq, head_hash, digest),
        )
        return int(cursor.fetchone()[0])
    cursor = db.execute_sql(insert, (*stored, seq, head_hash, digest))
    row_id = int(cursor.fetchone()[0])
    db.execute_sql(move_head, (seq, digest, name))
    return row_id


def _append_on_server(
    db: pw.Database,
    chain: Chain,
    name: str,
    names: Sequence[str],
    ordered: Sequence[Any],
    stored: Sequence[Any],
) -> int | None:
    """PostgreSQL: lock the head, hash (the same payload as row_hash), insert the row and
    move the head in one statement. None when the workstation has no head yet."""
    head, tail = _payload_parts(chain, ordered)
    columns = ", ".join((*names, "seq", "prev_hash", "hash"))
    marks = ", ".join(["%s"] * len(names))
    cursor = db.execute_sql(
        "WITH h AS (SELECT seq + 1 AS seq, hash AS prev FROM chain_head WHERE name = %s "
        "FOR UPDATE), "
        f"r AS (INSERT INTO {chain.table} ({columns}) SELECT {marks}, h.seq, h.prev, "
        "encode(sha256(convert_to(%s::text || h.seq::text || ',\"' || h.prev || '\",' "
        "|| %s::text, 'UTF8')), 'hex') FROM h RETURNING id, seq, hash), "
        "m AS (UPDATE chain_head SET seq = r.seq, hash = r.hash FROM r "
        "WHERE chain_head.name = %s) "
        "SELECT id FROM r",
        (name, *stored, head, tail, name),
    )
    row = cursor.fetchone()
    return int(row[0]) if row is not None else None


def chain_columns(db: pw.Database, chain: Chain, seq: int, prev: str, columns: Columns) -> Columns:
    """The rows (given and returned as columns) as stored, followed by the columns seq,
    previous hash and hash.

    ``row_hash`` row by row, or the same hashes faster for many rows (an import's history):
    the canonical JSON of a row is put together from a template where a column holds one
    value throughout (kind, station, source, time of an import) and from values encoded a
    column at a time (C functions) where it varies. That way needs every value to be None,
    text, an integer or (in the time field) a datetime, and is used only if its first and
    last hashes equal ``row_hash``'s, so a change in the canonical form can never produce
    a chain that does not verify.
    """
    fast = _chain_columns_fast(db, chain, seq, prev, columns)
    if fast is not None:
        seqs, prevs, digests = fast[-3:]
        if digests[0] == row_hash(chain, prev, seq + 1, [c[0] for c in columns]) and digests[
            -1
        ] == row_hash(chain, prevs[-1], seqs[-1], [c[-1] for c in columns]):
            return fast
    rows = []
    for values in zip(*columns, strict=True):
        seq += 1
        digest = row_hash(chain, prev, seq, values)
        rows.append((*[db_param(db, v) for v in values], seq, prev, digest))
        prev = digest
    return [list(column) for column in zip(*rows, strict=True)]


def _chain_columns_fast(
    db: pw.Database, chain: Chain, seq: int, prev: str, columns: Columns
) -> Columns | None:
    n = len(columns[0])
    parts = [encode_basestring(chain.table), "{}", '"{}"']  # table, seq, previous hash
    varying: list[Sequence[str]] = []  # encoded values of the columns that vary
    stored: Columns = []
    names = chain.columns[: len(columns)]
    for index, (name, column) in enumerate(zip(names, columns, strict=True)):
        kinds = set(map(type, column))
        if index >= len(chain.fields):  # an optional column: all NULL (left out) or all text
            if kinds == {type(None)}:
                if any(set(c) != {None} for c in columns[index + 1 :]):
                    return None  # a NULL before a value is kept as null: row by row
                stored.append(column)
                continue
            if kinds != {str}:
                return None
        if name in TIME_FIELDS:
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


_PLAIN_KINDS = frozenset({type(None), str, int})


def _encode_plain(value: Any) -> str:
    """JSON of None, text or an integer, as ``json.dumps(ensure_ascii=False)`` writes it."""
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    return int.__repr__(value)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""


def verify(db: pw.Database) -> VerifyResult:
    """Walk every chain (one per table and workstation); name the first record changed,
    inserted or removed outside the application."""
    checked = 0
    for chain in CHAINS:
        present = {c.name for c in db.get_columns(chain.table)}
        if not {"seq", "prev_hash", "hash", *chain.fields} <= present:
            continue  # a copy made before this table was chained (audit events: schema 3)
        names = chain.fields + tuple(f for f in chain.optional if f in present)
        label = CHAIN_LABELS[chain.table]
        heads = {
            name: (int(seq), digest)
            for name, seq, digest in db.execute_sql(
                "SELECT name, seq, hash FROM chain_head"
            ).fetchall()
            if name.startswith(f"{chain.table}:")
        }
        station_index = chain.fields.index("station")
        columns = ", ".join(("id", "seq", "prev_hash", "hash", *names))
        cursor = db.execute_sql(f"SELECT {columns} FROM {chain.table} ORDER BY station, seq")
        ends: dict[str, tuple[int, str]] = {}
        station: str | None = None
        expected_prev, expected_seq = GENESIS_HASH, 1
        for row in cursor:
            row_id, seq, prev_hash, stored_hash, *values = row
            if values[station_index] != station:
                station = values[station_index]
                expected_prev, expected_seq = GENESIS_HASH, 1
            where = f"{label} #{row_id} (workstation {station}, sequence {seq})"
            if not isinstance(seq, int) or isinstance(seq, bool):
                return VerifyResult(
                    False, checked, f"{where} has a sequence number that is not one (changed)"
                )
            if seq != expected_seq:
                if seq > expected_seq:
                    what = f"records were removed before {where}"
                else:
                    what = f"{where} repeats a sequence number (inserted)"
                return VerifyResult(False, checked, what)
            if prev_hash != expected_prev:
                return VerifyResult(
                    False,
                    checked,
                    f"{where} does not follow the record before it (a record was removed "
                    "or inserted)",
                )
            try:
                digest = row_hash(chain, prev_hash, seq, values)
            except (ValueError, TypeError):  # a time that is no time, a value of no type
                digest = ""
            if digest != stored_hash:
                return VerifyResult(False, checked, f"{where} was changed outside the application")
            expected_prev = stored_hash
            expected_seq += 1
            ends[head_name(chain, str(station))] = (seq, stored_hash)
            checked += 1
        for name, (seq, digest) in sorted(heads.items()):
            end = ends.pop(name, (0, GENESIS_HASH))
            if (seq, digest) != end:
                return VerifyResult(
                    False,
                    checked,
                    f"the newest {label} records of workstation {name.split(':', 1)[1]} were "
                    f"removed or changed (the records end at sequence {end[0]}, the chain "
                    f"head says {seq})",
                )
        if ends:
            name = sorted(ends)[0]
            return VerifyResult(
                False,
                checked,
                f"{label} records of workstation {name.split(':', 1)[1]} were inserted "
                "outside the application (they have no chain head)",
            )
    return VerifyResult(True, checked)
