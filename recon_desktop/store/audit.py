"""Hash chains over the record tables (scans, inventory history): tamper evidence.

Every row carries ``seq``, ``prev_hash`` and ``hash = sha256(prev_hash + canonical row)``.
``chain_head`` holds the last seq and hash so that removing the newest rows shows too.
Writers hold the chain head for the length of their transaction (SQLite's write lock;
``FOR UPDATE`` on PostgreSQL), so the chain order is the commit order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Chain:
    table: str
    fields: tuple[str, ...]  # canonical column order (without id, seq, prev_hash, hash)
    defaults: tuple[tuple[str, Any], ...] = ()


SCAN_CHAIN = Chain(
    "scan",
    (
        "client_id", "session_id", "kind", "raw", "barcode", "tag", "item_id",
        "scanned_location_id", "location_seen", "quantity_seen", "unit_seen",
        "wrong_location", "undoes_id", "user_id", "station", "scanned_at",
    ),
    (("wrong_location", False),),
)  # fmt: skip
HISTORY_CHAIN = Chain(
    "history_event",
    (
        "item_id", "kind", "field", "old_value", "new_value", "reason", "user_id",
        "station", "session_id", "scan_id", "source", "corrects_id", "at",
    ),
)  # fmt: skip
CHAINS = (SCAN_CHAIN, HISTORY_CHAIN)


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


def _canonical_time(value: Any) -> Any:
    if isinstance(value, str):
        return datetime.fromisoformat(value).isoformat(sep=" ", timespec="microseconds")
    return _canonical_value(value)


def row_hash(chain: Chain, prev_hash: str, seq: int, values: Sequence[Any]) -> str:
    canonical = [chain.table, seq, prev_hash]
    for name, value in zip(chain.fields, values, strict=True):
        canonical.append(_canonical_time(value) if name in ("scanned_at", "at") else
                         _canonical_value(value))
    payload = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def db_param(db: pw.Database, value: Any) -> Any:
    """A value as a raw-SQL parameter: times as ISO text on SQLite (as the models store them)."""
    if isinstance(value, datetime) and not isinstance(db, pw.PostgresqlDatabase):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def append(db: pw.Database, chain: Chain, values: dict[str, Any]) -> int:
    """Insert one chained row inside the caller's transaction; returns its id."""
    p = db.param
    lock = " FOR UPDATE" if isinstance(db, pw.PostgresqlDatabase) else ""
    cursor = db.execute_sql(f"SELECT seq, hash FROM chain_head WHERE name = {p}{lock}",
                            (chain.table,))
    head_seq, head_hash = cursor.fetchone()
    seq = int(head_seq) + 1
    defaults = dict(chain.defaults)
    ordered = [values.get(name, defaults.get(name)) for name in chain.fields]
    stored = [db_param(db, v) for v in ordered]
    digest = row_hash(chain, head_hash, seq, ordered)
    columns = ", ".join((*chain.fields, "seq", "prev_hash", "hash"))
    marks = ", ".join([p] * (len(chain.fields) + 3))
    cursor = db.execute_sql(
        f"INSERT INTO {chain.table} ({columns}) VALUES ({marks}) RETURNING id",
        (*stored, seq, head_hash, digest),
    )
    row_id = int(cursor.fetchone()[0])
    db.execute_sql(
        f"UPDATE chain_head SET seq = {p}, hash = {p} WHERE name = {p}",
        (seq, digest, chain.table),
    )
    return row_id


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""


def verify(db: pw.Database) -> VerifyResult:
    """Walk every chain; name the first record changed, inserted or removed outside the app."""
    checked = 0
    for chain in CHAINS:
        columns = ", ".join(("id", "seq", "prev_hash", "hash", *chain.fields))
        cursor = db.execute_sql(f"SELECT {columns} FROM {chain.table} ORDER BY seq")
        expected_prev = GENESIS_HASH
        expected_seq = 1
        label = "scan" if chain is SCAN_CHAIN else "inventory history event"
        for row in cursor:
            row_id, seq, prev_hash, stored_hash, *values = row
            if seq != expected_seq:
                if seq > expected_seq:
                    what = f"records were removed before {label} #{row_id} (sequence {seq})"
                else:
                    what = f"{label} #{row_id} repeats sequence {seq} (inserted)"
                return VerifyResult(False, checked, what)
            if prev_hash != expected_prev:
                return VerifyResult(
                    False, checked,
                    f"{label} #{row_id} (sequence {seq}) does not follow the record before it "
                    "(a record was removed or inserted)",
                )
            if row_hash(chain, prev_hash, seq, values) != stored_hash:
                return VerifyResult(
                    False, checked,
                    f"{label} #{row_id} (sequence {seq}) was changed outside the application",
                )
            expected_prev = stored_hash
            expected_seq += 1
            checked += 1
        p = db.param
        head = db.execute_sql(
            f"SELECT seq, hash FROM chain_head WHERE name = {p}", (chain.table,)
        ).fetchone()
        if head is None or int(head[0]) != expected_seq - 1 or head[1] != expected_prev:
            return VerifyResult(
                False, checked,
                f"the newest {label} records were removed or the chain head was changed "
                f"(the chain ends at sequence {expected_seq - 1}, the head says "
                f"{head[0] if head else 'nothing'})",
            )
    return VerifyResult(True, checked)
