"""Seals: the values of the records people change (labs, users and their PIN hashes,
roles, locations, ingredients, listing configs, sessions) written into the chained audit
trail whenever they change, so that ``audit verify`` can tell a record changed, added or
removed outside the application.

A seal is an audit event naming its ``subject`` ("user:3", "role:3:1", "session:12") with
the record's ``state`` after the change, as canonical JSON read from the database by the
same function that verification uses. A session's state includes a digest of its
expected set and, once ended, of the items kept as they were (``ended_item``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.store import events
from recon_desktop.store.audit import canonical_time

KINDS = ("lab", "user", "role", "location", "ingredient", "config", "session", "anchor")


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def _time(value: Any) -> Any:
    return None if value is None else canonical_time(value)


def _pin(pin_hash: str | None) -> str | None:
    """A digest of the PIN hash: enough to tell it changed, without a second copy of it."""
    return None if pin_hash is None else hashlib.sha256(pin_hash.encode()).hexdigest()


def _json_text(text: str | None) -> Any:
    try:
        return json.loads(text) if text else text
    except ValueError:
        return text  # kept as it is: a change still shows


# ---------------------------------------------------------------- current states


def _rows(db: pw.Database, sql: str, where: str, key: Sequence[Any]) -> Iterable[Sequence[Any]]:
    if key:
        sql += f" WHERE {where}"
    return db.execute_sql(sql, tuple(key)).fetchall()


def _labs(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for lab_id, name in _rows(db, "SELECT id, name FROM lab", f"id = {db.param}", key):
        yield f"lab:{lab_id}", {"name": name}


def _users(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sql = 'SELECT id, name, badge, pin_hash FROM "user"'
    for user_id, name, badge, pin_hash in _rows(db, sql, f"id = {db.param}", key):
        yield f"user:{user_id}", {"name": name, "badge": badge, "pin": _pin(pin_hash)}


def _roles(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    p = db.param
    sql = "SELECT user_id, lab_id, role FROM membership"
    for user_id, lab_id, role in _rows(db, sql, f"user_id = {p} AND lab_id = {p}", key):
        yield f"role:{user_id}:{lab_id}", {"role": role}


def _locations(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sql = "SELECT id, name, parent_id, path, barcode FROM location"
    for loc_id, name, parent, path, barcode in _rows(db, sql, f"id = {db.param}", key):
        yield (
            f"location:{loc_id}",
            {"name": name, "parent": parent, "path": path, "barcode": barcode},
        )


def _ingredients(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sql = "SELECT id, name, type, supplier_code FROM ingredient"
    for ing_id, name, kind, code in _rows(db, sql, f"id = {db.param}", key):
        yield f"ingredient:{ing_id}", {"name": name, "type": kind, "supplier_code": code}


def _configs(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    sql = "SELECT id, name, lab_id, columns, filters, created_by_id, created_at FROM listing_config"
    for row in _rows(db, sql, f"id = {db.param}", key):
        config_id, name, lab_id, columns, filters, created_by, created_at = row
        yield (
            f"config:{config_id}",
            {
                "name": name,
                "lab": lab_id,
                "columns": _json_text(columns),
                "filters": _json_text(filters),
                "created_by": created_by,
                "created_at": _time(created_at),
            },
        )


_SESSION_COLUMNS = (
    "name", "lab_id", "listing_config_id", "config_name", "frozen_columns", "frozen_filters",
    "started_by_id", "started_at", "station", "expected_total", "ended_at", "ended_by_id",
    "end_note", "active_owner",
)  # fmt: skip
_TIMES = ("started_at", "ended_at")
_ENDED_ITEM_COLUMNS = (
    "item_id", "barcode", "ingredient", "ingredient_type", "lab", "location", "status",
    "quantity", "unit", "lot", "expires_on", "last_verified_at",
)  # fmt: skip


def _digest(lines: Iterable[str]) -> dict[str, Any]:
    """The count of the lines and the SHA-256 of each line followed by a newline."""
    lines = list(lines)
    sha = hashlib.sha256("\n".join(lines).encode("utf-8"))
    if lines:
        sha.update(b"\n")
    return {"count": len(lines), "sha256": sha.hexdigest()}


def _grouped(cursor: Iterable[Sequence[Any]]) -> Iterator[tuple[int, list[Sequence[Any]]]]:
    """Rows ordered by their first column (a session id), a group per session (the rows
    whole, the session id first)."""
    for session_id, rows in itertools.groupby(cursor, key=operator.itemgetter(0)):
        yield session_id, list(rows)


# How an ended item is written as a line of the session's digest. Format 1 (sessions
# ended before format 2): a JSON object naming each column. Format 2: a JSON array of the
# same values in ``_ENDED_ITEM_COLUMNS`` order (the same values, half the text for the
# database to write and to digest). A digest of format 2 says so ("format": 2); one
# without it is of format 1 (an empty digest is the same in both). Verification digests
# a session's items in the format its seal names.
ENDED_FORMAT = 2
_FORMATS = (1, 2)


def _ended_values(row: Sequence[Any]) -> list[Any]:
    values = list(row)
    values[10] = None if values[10] is None else str(values[10])[:10]  # expires_on
    values[11] = _time(values[11])  # last_verified_at
    return values


def _ended_line(row: Sequence[Any], form: int = ENDED_FORMAT) -> str:
    values = _ended_values(row)
    if form == 1:
        return canonical(dict(zip(_ENDED_ITEM_COLUMNS, values, strict=True)))
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)


def _ended_digest(lines: Iterable[str], form: int) -> dict[str, Any]:
    digest = _digest(lines)
    if form != 1 and digest["count"]:
        digest["format"] = form
    return digest


def ended_format(digest: Any) -> int:
    """The format of an ended items' digest as a seal recorded it (1 when it names none)."""
    form = digest.get("format", 1) if isinstance(digest, dict) else 1
    return form if form in _FORMATS else ENDED_FORMAT


# an ended item whose line SQLite's json_object / json_array writes exactly as
# ``_ended_line`` does: integers (item id, quantity; a real is written with fewer digits),
# text and NULLs (a blob makes the JSON functions fail: every line is then written by
# ``_ended_line``), no NUL in the expiry date (substr stops at one), the time in its
# canonical form; and nothing in the line escaped (no backslash: no quote, backslash or
# control character in any value; both escape those, NUL included, but not always the
# same way). Any other row's line is marked with a lone backslash and written by
# ``_ended_line``.
_D = "[0-9]"
_CANONICAL_TIME = f"'{_D * 4}-{_D * 2}-{_D * 2} {_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}'"
_PLAIN = " AND ".join(
    (
        "typeof(item_id) = 'integer'",
        "typeof(quantity) IN ('integer', 'null')",
        "ifnull(instr(expires_on, char(0)), 0) = 0",
        f"(last_verified_at IS NULL OR (typeof(last_verified_at) = 'text' "
        f"AND last_verified_at GLOB {_CANONICAL_TIME}))",
    )
)
_VALUES = tuple(
    "substr(expires_on, 1, 10)" if c == "expires_on" else c for c in _ENDED_ITEM_COLUMNS
)
_SQL_LINES = {
    1: "json_object({})".format(
        ", ".join(f"'{c}', {v}" for c, v in zip(_ENDED_ITEM_COLUMNS, _VALUES, strict=True))
    ),
    2: f"json_array({', '.join(_VALUES)})",
}
_LINE = _SQL_LINES[1]


def _sqlite_ended_digest(db: pw.Database, session_id: int, form: int) -> dict[str, Any]:
    """One session's digest on SQLite: the database writes every line and joins them in
    item order (one text: no row goes through Python); a session with any other row (a
    line marked, or escaped) takes each line from the database or from ``_ended_line``."""
    line = f"CASE WHEN {_PLAIN} THEN {_SQL_LINES[form]} ELSE '\\' END"
    try:
        # an aggregate over an ordered subquery takes its rows in that order (SQLite
        # keeps the subquery's ORDER BY for the aggregate: group_concat relies on it)
        count, text = db.execute_sql(
            "SELECT count(*), CAST(group_concat(line, char(10)) AS BLOB) FROM "
            f"(SELECT {line} AS line FROM ended_item WHERE session_id = ? ORDER BY item_id)",
            (session_id,),
        ).fetchone()
    except (pw.OperationalError, sqlite3.OperationalError):  # a blob; no JSON functions
        text = None
    else:
        if not count:
            return _ended_digest((), form)
        if b"\\" not in text:
            sha = hashlib.sha256(text)
            sha.update(b"\n")
            digest = {"count": int(count), "sha256": sha.hexdigest()}
            if form != 1:
                digest["format"] = form
            return digest
    columns = ", ".join(_ENDED_ITEM_COLUMNS)
    rows = db.execute_sql(
        f"SELECT {columns} FROM ended_item WHERE session_id = ? ORDER BY item_id", (session_id,)
    ).fetchall()
    if text is None:
        return _ended_digest((_ended_line(r, form) for r in rows), form)
    made = db.execute_sql(
        f"SELECT {line} FROM ended_item WHERE session_id = ? ORDER BY item_id", (session_id,)
    ).fetchall()
    return _ended_digest(
        (
            t if t is not None and "\\" not in t else _ended_line(r, form)
            for (t,), r in zip(made, rows, strict=True)
        ),
        form,
    )


def _ended_digests(
    db: pw.Database, where: str, key: Sequence[Any], form: int = ENDED_FORMAT
) -> dict[int, dict[str, Any]]:
    """The digest of each session's ended items, by session. On SQLite the lines are made
    and joined by the database (the same text as ``_ended_line``, several times faster:
    ending a session seals its 120,000 items)."""
    if not isinstance(db, pw.PostgresqlDatabase):
        sessions = [
            int(sid)
            for (sid,) in db.execute_sql(
                f"SELECT DISTINCT session_id FROM ended_item{where} ORDER BY session_id",
                tuple(key),
            ).fetchall()
        ]
        return {sid: _sqlite_ended_digest(db, sid, form) for sid in sessions}
    columns = ", ".join(_ENDED_ITEM_COLUMNS)
    cursor = db.execute_sql(
        f"SELECT session_id, {columns} FROM ended_item{where} ORDER BY session_id, item_id",
        tuple(key),
    )
    return {
        sid: _ended_digest((_ended_line(r[1:], form) for r in rows), form)
        for sid, rows in _grouped(cursor)
    }


def ended_digest(db: pw.Database, session_id: int, form: int) -> dict[str, Any]:
    """One session's ended items digested in a given format (verifying an older seal)."""
    found = _ended_digests(db, f" WHERE session_id = {db.param}", (session_id,), form)
    return found.get(session_id, _ended_digest((), form))


def _expected_digests(db: pw.Database, where: str, key: Sequence[Any]) -> dict[int, Any]:
    """The digest of each session's expected set (its item ids, one a line, in order), by
    session. On SQLite the database joins the ids (one text per session) when every one
    is an integer."""
    if not isinstance(db, pw.PostgresqlDatabase):
        found: dict[int, Any] = {}
        sessions = db.execute_sql(
            f"SELECT DISTINCT session_id FROM expected_item{where} ORDER BY session_id",
            tuple(key),
        ).fetchall()
        for (sid,) in sessions:
            # one session at a time: the aggregate takes the ordered subquery's rows in
            # its order (as for the ended items)
            count, others, text = db.execute_sql(
                "SELECT count(*), sum(typeof(item_id) <> 'integer'), "
                "CAST(group_concat(item_id, char(10)) AS BLOB) FROM (SELECT item_id "
                "FROM expected_item WHERE session_id = ? ORDER BY item_id)",
                (sid,),
            ).fetchone()
            if others:
                break  # a value of another kind: row by row, below
            sha = hashlib.sha256(text)
            sha.update(b"\n")
            found[int(sid)] = {"count": int(count), "sha256": sha.hexdigest()}
        else:
            return found
    return {
        sid: _digest([str(r[1]) for r in rows])
        for sid, rows in _grouped(
            db.execute_sql(
                f"SELECT session_id, item_id FROM expected_item{where} "
                "ORDER BY session_id, item_id",
                tuple(key),
            )
        )
    }


def _sessions(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    p = db.param
    where = f" WHERE session_id = {p}" if key else ""
    expected = _expected_digests(db, where, key)
    ended = _ended_digests(db, where, key)
    empty = _digest(())
    sql = f"SELECT id, {', '.join(_SESSION_COLUMNS)} FROM session"
    for session_id, *values in _rows(db, sql, f"id = {p}", key):
        state = dict(zip(_SESSION_COLUMNS, values, strict=True))
        for name in _TIMES:
            state[name] = _time(state[name])
        state["frozen_columns"] = _json_text(state["frozen_columns"])
        state["frozen_filters"] = _json_text(state["frozen_filters"])
        state["expected_set"] = expected.get(session_id, empty)
        state["ended_items"] = ended.get(session_id, empty)
        yield f"session:{session_id}", state


def as_sealed(
    db: pw.Database, subject: str, state: dict[str, Any], recorded: dict[str, Any]
) -> dict[str, Any]:
    """The subject's state as it is now, written as the seal ``recorded`` wrote it: a
    session sealed with its ended items in an older format has them digested in that
    format again."""
    kind, key = subject_key(subject)
    if kind != "session" or not key:
        return state
    form = ended_format(recorded.get("ended_items"))
    if form == ended_format(state.get("ended_items")):
        return state
    return {**state, "ended_items": ended_digest(db, key[0], form)}


def _anchors(db: pw.Database, key: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The anchors kept in the database: a digest of each one's text (the text itself is
    outside the database too, and its heads are checked against the chains)."""
    sql = "SELECT id, session_id, text FROM anchor"
    for anchor_id, session_id, text in _rows(db, sql, f"id = {db.param}", key):
        digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()
        yield f"anchor:{anchor_id}", {"session": session_id, "sha256": digest}


_READERS: dict[str, Callable[[pw.Database, Sequence[Any]], Iterator[tuple[str, dict[str, Any]]]]]
_READERS = {
    "lab": _labs,
    "user": _users,
    "role": _roles,
    "location": _locations,
    "ingredient": _ingredients,
    "config": _configs,
    "session": _sessions,
    "anchor": _anchors,
}


def subject_key(subject: str) -> tuple[str, tuple[int, ...]]:
    kind, *ids = subject.split(":")
    return kind, tuple(int(i) for i in ids)


def state_of(db: pw.Database, subject: str) -> str | None:
    """The subject's state as it is now (canonical JSON); None when it does not exist."""
    kind, key = subject_key(subject)
    for _, state in _READERS[kind](db, key):
        return canonical(state)
    return None


def current_states(db: pw.Database, kind: str) -> dict[str, dict[str, Any]]:
    """Every record of a kind as it is now, by subject."""
    return dict(_READERS[kind](db, ()))


def sealed_states(db: pw.Database) -> dict[str, tuple[int, dict[str, Any] | None]]:
    """The last sealed state of every subject, by subject: (audit event id, state; None
    when the state is not readable JSON)."""
    sealed: dict[str, tuple[int, dict[str, Any] | None]] = {}
    for event_id, subject, text in db.execute_sql(
        "SELECT id, subject, state FROM audit_event WHERE subject IS NOT NULL ORDER BY id"
    ):
        try:
            state = json.loads(text) if text else None
        except ValueError:
            state = None
        sealed[subject] = (int(event_id), state if isinstance(state, dict) else None)
    return sealed


# ---------------------------------------------------------------- sealing


def seal(
    db: pw.Database,
    subject: str,
    *,
    kind: str,
    at: datetime,
    user_id: int | None,
    user_name: str,
    station: str,
    session_id: int | None = None,
    detail: str | None = None,
) -> int:
    """Record an event that made or changed ``subject``, with its state now (inside the
    caller's transaction, after the change). Its id."""
    return events.record(
        db=db,
        at=at,
        kind=kind,
        user_id=user_id,
        user_name=user_name,
        station=station,
        session_id=session_id,
        detail=detail,
        subject=subject,
        state=state_of(db, subject),
    )
