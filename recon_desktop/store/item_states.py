"""Inventory items' values as their history records them (``core.item_state``): read from
the database, and written as history events that carry them (an item sealed when the
database was upgraded, the demo's items, a split-off)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.core import item_state
from recon_desktop.core.records import HistoryKind
from recon_desktop.store import audit
from recon_desktop.store.audit import HISTORY_CHAIN

_SELECT = (
    "SELECT i.id, i.barcode, g.name, lab.name, loc.path, i.quantity, i.unit, i.status, "
    "i.lot, i.expires_on FROM inventory_item i "
    "JOIN ingredient g ON g.id = i.ingredient_id JOIN lab ON lab.id = i.lab_id "
    "JOIN location loc ON loc.id = i.location_id"
)
BATCH = 5000


def _values(row: Sequence[Any]) -> list[Any]:
    barcode, ingredient, lab, location, quantity, unit, status, lot, expires = row
    return [
        barcode,
        ingredient,
        lab,
        location,
        item_state.quantity_text(quantity),
        unit or "",
        status,
        lot,
        item_state.expiry_text(expires),
    ]


def states(db: pw.Database, first: int, last: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(item id, values) of the items with ids first..last, in id order."""
    p = db.param
    for row in db.execute_sql(
        f"{_SELECT} WHERE i.id BETWEEN {p} AND {p} ORDER BY i.id", (first, last)
    ):
        yield int(row[0]), dict(zip(item_state.FIELDS, _values(row[1:]), strict=True))


def state_text(db: pw.Database, item_id: int) -> str:
    """The item's values now, as a history event records them."""
    row = db.execute_sql(f"{_SELECT} WHERE i.id = {db.param}", (item_id,)).fetchone()
    return item_state.state_text(_values(row[1:]))


def id_range(db: pw.Database) -> tuple[int, int]:
    low, high = db.execute_sql("SELECT MIN(id), MAX(id) FROM inventory_item").fetchone()
    return (int(low or 0), int(high or 0))


def append_states(
    db: pw.Database,
    *,
    kind: HistoryKind,
    station: str,
    at: datetime,
    reason: str | None,
    source: str | None,
    user_id: int | None = None,
) -> int:
    """One history event carrying its values for every item (inside the caller's
    transaction), chained after the workstation's head; how many."""
    postgres = isinstance(db, pw.PostgresqlDatabase)
    p = db.param
    name = audit.head_name(HISTORY_CHAIN, station)
    db.execute_sql(
        f"INSERT INTO chain_head (name, seq, hash) VALUES ({p}, 0, {p}) "
        "ON CONFLICT (name) DO NOTHING",
        (name, audit.GENESIS_HASH),
    )
    lock = " FOR UPDATE" if postgres else ""
    seq, prev = db.execute_sql(
        f"SELECT seq, hash FROM chain_head WHERE name = {p}{lock}", (name,)
    ).fetchone()
    seq = int(seq)
    columns = (*HISTORY_CHAIN.columns, "seq", "prev_hash", "hash")
    insert = (
        f"INSERT INTO history_event ({', '.join(columns)}) VALUES ({', '.join([p] * len(columns))})"
    )
    cursor = db.cursor()
    count = 0
    last = -1
    while True:
        rows = db.execute_sql(
            f"{_SELECT} WHERE i.id > {p} ORDER BY i.id LIMIT {BATCH}", (last,)
        ).fetchall()
        if not rows:
            break
        last = int(rows[-1][0])
        n = len(rows)
        chained = audit.chain_columns(
            db,
            HISTORY_CHAIN,
            seq,
            prev,
            [
                [int(r[0]) for r in rows],
                [kind.value] * n,
                [None] * n,
                [None] * n,
                [None] * n,
                [reason] * n,
                [user_id] * n,
                [station] * n,
                [None] * n,
                [None] * n,
                [source] * n,
                [None] * n,
                [at] * n,
                [item_state.state_text(_values(r[1:])) for r in rows],
            ],
        )
        cursor.executemany(insert, list(zip(*chained, strict=True)))
        seq, prev = int(chained[-3][-1]), str(chained[-1][-1])
        count += n
    if count:
        db.execute_sql(
            f"UPDATE chain_head SET seq = {p}, hash = {p} WHERE name = {p}", (seq, prev, name)
        )
    return count
