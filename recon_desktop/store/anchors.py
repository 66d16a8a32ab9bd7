"""Anchors: the heads of every hash chain, sealed when a session ends and kept outside the
database (in the session report's Summary and in an anchor file), so that an older copy
of the database put in place, or a tail rewritten with recomputed hashes, shows.

An anchor is one line of canonical JSON::

    {"recon-desktop anchor":1,"database":"<id>","session":12,"name":"Freezer A count",
     "ended":"2026-03-31 14:02:11.123456","heads":{"scan:BENCH-1":[57,"9f…"],…}}

Each head names a chain (table and workstation), the sequence number of its last record
and that record's hash, which commits to every record before it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.store import seals
from recon_desktop.store.audit import CHAIN_LABELS, canonical_time

MARK = "recon-desktop anchor"
VERSION = 1


@dataclass(frozen=True)
class Anchor:
    database: str | None
    session: int | None
    name: str
    ended: str
    heads: dict[str, tuple[int, str]]
    text: str

    @property
    def what(self) -> str:
        session = f"session #{self.session} {self.name!r}" if self.session else self.name
        return f"the anchor of {session} (sealed {self.ended[:19]} UTC)"


def chain_heads(db: pw.Database) -> dict[str, tuple[int, str]]:
    """Every chain's head now: name ("scan:BENCH-1") → (sequence number, hash)."""
    return {
        str(name): (int(seq), str(digest))
        for name, seq, digest in db.execute_sql(
            "SELECT name, seq, hash FROM chain_head WHERE seq > 0 ORDER BY name"
        )
    }


def make(
    db: pw.Database,
    *,
    database: str | None,
    session_id: int,
    session_name: str,
    at: datetime,
    station: str,
) -> str:
    """Seal the chain heads as they are now (inside the transaction that ended the
    session), keep the anchor in the database and return its text."""
    text = json.dumps(
        {
            MARK: VERSION,
            "database": database,
            "session": session_id,
            "name": session_name,
            "ended": canonical_time(at),
            "heads": {name: list(head) for name, head in chain_heads(db).items()},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    p = db.param
    cursor = db.execute_sql(
        f"INSERT INTO anchor (session_id, at, station, text) VALUES ({p}, {p}, {p}, {p}) "
        "RETURNING id",
        (session_id, canonical_time(at), station, text),
    )
    anchor_id = int(cursor.fetchone()[0])
    seals.seal(
        db,
        f"anchor:{anchor_id}",
        kind="anchor-kept",
        at=at,
        user_id=None,
        user_name="(anchor)",
        station=station,
        session_id=session_id,
        detail="the chain heads sealed when the session ended",
    )
    return text


def of_session(db: pw.Database, session_id: int) -> str | None:
    row = db.execute_sql(
        f"SELECT text FROM anchor WHERE session_id = {db.param} ORDER BY id DESC LIMIT 1",
        (session_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def kept(db: pw.Database) -> Iterator[str]:
    """The anchors kept in the database, oldest first."""
    for (text,) in db.execute_sql("SELECT text FROM anchor ORDER BY id"):
        yield str(text)


def parse(text: str) -> Anchor | None:
    """An anchor from its text; None when the text is not one."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get(MARK) != VERSION:
        return None
    heads = data.get("heads")
    if not isinstance(heads, dict):
        return None
    try:
        parsed = {str(k): (int(v[0]), str(v[1])) for k, v in heads.items()}
    except (TypeError, ValueError, IndexError):
        return None
    return Anchor(
        database=data.get("database"),
        session=data.get("session") if isinstance(data.get("session"), int) else None,
        name=str(data.get("name") or ""),
        ended=str(data.get("ended") or ""),
        heads=parsed,
        text=text,
    )


def check(db: pw.Database, anchor: Anchor, *, outside: bool = False) -> str | None:
    """None when the database still holds every record the anchor sealed, exactly as it
    was (and, for an anchor from ``outside``, still keeps that anchor itself); else a
    sentence naming the first one missing or altered."""
    p = db.param
    for name, (seq, digest) in sorted(anchor.heads.items()):
        table, _, station = name.partition(":")
        label = CHAIN_LABELS.get(table)
        if label is None:
            return f"{anchor.what} names a chain this program does not know ({name})"
        row = db.execute_sql(
            f"SELECT id, hash FROM {table} WHERE station = {p} AND seq = {p}", (station, seq)
        ).fetchone()
        where = f"{label} record {seq} of workstation {station}"
        if row is None:
            return (
                f"the {where}, sealed by {anchor.what}, is missing: an older copy of the "
                "database was put in place, or records were removed"
            )
        if row[1] != digest:
            return (
                f"the {where} (#{row[0]}), sealed by {anchor.what}, is not the record that "
                "was sealed: records up to it were changed and their hashes recomputed"
            )
    if outside and anchor.session is not None:
        kept_texts = [
            str(row[0])
            for row in db.execute_sql(
                f"SELECT text FROM anchor WHERE session_id = {p}", (anchor.session,)
            )
        ]
        if anchor.text not in kept_texts:
            return f"{anchor.what} is no longer kept in the database" + (
                " as it was sealed (it was changed)" if kept_texts else " (it was removed)"
            )
    return None
