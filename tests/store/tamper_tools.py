"""What an insider with the database file can do: change, delete or insert records with
plain SQL, and then cover their tracks by recomputing the hash chain and its head, with
the append-only triggers dropped for the change and put back as they were.

Used by the tamper tests; everything goes through Python's sqlite3 module on the file,
as the sqlite3 command-line tool would.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from recon_desktop.store.audit import CHAINS, GENESIS_HASH, Chain, head_name, row_hash

CHAIN_OF = {chain.table: chain for chain in CHAINS}
_forged = itertools.count(1)


@contextmanager
def as_insider(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the file with every trigger dropped; they are put back (the same
    SQL) afterwards, so that a check of the triggers finds them in place."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    try:
        yield conn
    finally:
        for _, sql in triggers:
            conn.execute(sql)
        conn.close()


def columns(conn: sqlite3.Connection, chain: Chain) -> tuple[str, ...]:
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({chain.table})")}
    return tuple(c for c in chain.columns if c in present)


def rechain(conn: sqlite3.Connection, table: str, station: str) -> None:
    """Renumber and rehash a workstation's chain in its present order, and move its head:
    what makes a changed, deleted or inserted record invisible to the chain alone."""
    chain = CHAIN_OF[table]
    names = columns(conn, chain)
    rows = conn.execute(
        f"SELECT id, {', '.join(names)} FROM {table} WHERE station = ? ORDER BY seq, id",
        (station,),
    ).fetchall()
    conn.execute(f"UPDATE {table} SET seq = -id WHERE station = ?", (station,))
    prev = GENESIS_HASH
    for seq, (row_id, *values) in enumerate(rows, start=1):
        try:
            digest = row_hash(chain, prev, seq, values)
        except (ValueError, TypeError):  # a value no hash can be made of: none verifies
            digest = "f" * 64
        conn.execute(
            f"UPDATE {table} SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (seq, prev, digest, row_id),
        )
        prev = digest
    name = head_name(chain, station)
    conn.execute("DELETE FROM chain_head WHERE name = ?", (name,))
    if rows:
        conn.execute(
            "INSERT INTO chain_head (name, seq, hash) VALUES (?, ?, ?)", (name, len(rows), prev)
        )


def stations(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[0] for r in conn.execute(f"SELECT DISTINCT station FROM {table} ORDER BY 1")]


def chain_rows(conn: sqlite3.Connection, table: str, station: str) -> list[tuple[Any, ...]]:
    """(id, seq) of a workstation's chain, in order."""
    return conn.execute(
        f"SELECT id, seq FROM {table} WHERE station = ? ORDER BY seq", (station,)
    ).fetchall()


def copy_row(conn: sqlite3.Connection, table: str, row_id: int, seq: float) -> int:
    """Insert a copy of a row (a forged record) at a place in its chain; its id."""
    names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
    values = list(
        conn.execute(f"SELECT {', '.join(names)} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    )
    unique = {"client_id"}  # a scan's client id is unique: the forger makes a new one
    for index, name in enumerate(names):
        if name in unique:
            values[index] = f"{values[index]}-forged-{next(_forged)}"
        if name == "seq":
            values[index] = -10_000_000  # placed by rechain (ordered by seq, id)
    cursor = conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        values,
    )
    assert cursor.lastrowid is not None
    new_id = int(cursor.lastrowid)
    # put it where it was meant to go: just before the record at ``seq``
    taken = {r[0] for r in conn.execute(f"SELECT seq FROM {table} WHERE seq < ?", (seq,))}
    place = seq - 0.5
    while place in taken:  # another forged record there already: just after it
        place = (place + seq) / 2
    conn.execute(f"UPDATE {table} SET seq = ? WHERE id = ?", (place, new_id))
    return new_id


def rewrite_kept_anchors(conn: sqlite3.Connection) -> None:
    """Make the anchors kept inside the database agree with the chains as they are now."""
    import hashlib
    import json

    for anchor_id, text in conn.execute("SELECT id, text FROM anchor").fetchall():
        data = json.loads(text)
        heads = {}
        for name, (seq, _) in data["heads"].items():
            table, _, station = name.partition(":")
            row = conn.execute(
                f"SELECT hash FROM {table} WHERE station = ? AND seq = ?", (station, seq)
            ).fetchone()
            if row is not None:
                heads[name] = [seq, row[0]]
        data["heads"] = heads
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        conn.execute("UPDATE anchor SET text = ? WHERE id = ?", (text, anchor_id))
        # and the audit event that sealed it, with that event's chain recomputed
        event = conn.execute(
            "SELECT id, state, station FROM audit_event WHERE subject = ? ORDER BY id DESC",
            (f"anchor:{anchor_id}",),
        ).fetchone()
        state = json.loads(event[1])
        state["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        conn.execute(
            "UPDATE audit_event SET state = ? WHERE id = ?",
            (json.dumps(state, ensure_ascii=False, separators=(",", ":")), event[0]),
        )
        rechain(conn, "audit_event", event[2])
