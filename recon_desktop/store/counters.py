"""Each session's progress counts, kept as scans, undos and actions change them.

A transaction that changes what counts (a scan, an undo, a repeat that comes to count, an
action that turns an unknown barcode into an item) adds its changes to the session's row
for the workstation it runs for (``session_counter``), in its own transaction. Reading the
progress sums the session's rows: a few rows whatever the number of scans, and
workstations sharing a server never wait on one row. ``recount`` counts the same from the
scans and found rows themselves (for the tests, ``audit verify`` and the schema upgrade).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.core.records import ScanKind, SessionProgress, Tag

COUNTED = (Tag.IN_SCOPE, Tag.NOT_IN_SCOPE, Tag.UNKNOWN, Tag.ALREADY_SCANNED)
_COLUMNS = ", ".join(tag.value for tag in COUNTED)  # the columns are named by the tags


@dataclass(frozen=True, slots=True)
class SessionCounts:
    """A session's progress and, per workstation, the newest scan it recorded in it."""

    progress: SessionProgress
    ended: bool
    last_scan_ids: dict[str, int]
    clock: datetime | None = None  # the database server's time (None: SQLite)


@dataclass(frozen=True, slots=True)
class _Statements:
    add: str
    read: str


@functools.cache
def _statements(p: str, postgres: bool) -> _Statements:
    greatest = "GREATEST" if postgres else "MAX"
    added = ", ".join(
        f"{t.value} = session_counter.{t.value} + excluded.{t.value}" for t in COUNTED
    )
    return _Statements(
        add=(
            f"INSERT INTO session_counter (session_id, station, {_COLUMNS}, last_scan_id) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}) "
            f"ON CONFLICT (session_id, station) DO UPDATE SET {added}, "
            f"last_scan_id = {greatest}(session_counter.last_scan_id, excluded.last_scan_id)"
        ),
        read=(
            "SELECT s.expected_total, s.ended_at, c.station, "
            + ", ".join(f"c.{t.value}" for t in COUNTED)
            + ", c.last_scan_id, "
            # the server's time, for the workstations' scans timed on its clock
            + ("(clock_timestamp() AT TIME ZONE 'UTC')" if postgres else "NULL")
            + " FROM session s "
            f"LEFT JOIN session_counter c ON c.session_id = s.id WHERE s.id = {p}"
        ),
    )


def _sql(db: pw.Database) -> _Statements:
    return _statements(db.param, isinstance(db, pw.PostgresqlDatabase))


def add(
    db: pw.Database,
    session_id: int,
    station: str,
    changes: Mapping[Tag, int],
    *,
    last_scan_id: int = 0,
) -> None:
    """Add ``changes`` to the session's counts, on the row of ``station`` (the workstation
    the transaction runs for), inside the caller's transaction; ``last_scan_id``: the scan
    it recorded."""
    db.execute_sql(
        _sql(db).add,
        (session_id, station, *(changes.get(tag, 0) for tag in COUNTED), last_scan_id),
    )


def read(db: pw.Database, session_id: int) -> SessionCounts | None:
    """The session's progress from its counters (one small query); None: no session."""
    rows = db.execute_sql(_sql(db).read, (session_id,)).fetchall()
    if not rows:
        return None
    sums = [0] * len(COUNTED)
    last: dict[str, int] = {}
    for row in rows:
        if row[2] is None:  # no counter row yet
            continue
        for n in range(len(COUNTED)):
            sums[n] += int(row[3 + n])
        last[row[2]] = int(row[3 + len(COUNTED)])
    clock = rows[0][-1]
    return SessionCounts(
        progress=_progress(int(rows[0][0]), sums),
        ended=rows[0][1] is not None,
        last_scan_ids=last,
        clock=clock if isinstance(clock, datetime) else None,
    )


def progress_of(db: pw.Database, session_ids: Sequence[int]) -> dict[int, SessionProgress]:
    """The progress of many sessions, in one grouped query per 500 sessions."""
    found: dict[int, SessionProgress] = {}
    p = db.param
    sums = ", ".join(f"COALESCE(SUM(c.{t.value}), 0)" for t in COUNTED)
    for start in range(0, len(session_ids), 500):
        chunk = list(session_ids[start : start + 500])
        rows = db.execute_sql(
            f"SELECT s.id, s.expected_total, {sums} FROM session s "
            "LEFT JOIN session_counter c ON c.session_id = s.id "
            f"WHERE s.id IN ({', '.join([p] * len(chunk))}) GROUP BY s.id, s.expected_total",
            chunk,
        ).fetchall()
        for row in rows:
            found[int(row[0])] = _progress(int(row[1]), [int(v) for v in row[2:]])
    return found


def _progress(expected_total: int, sums: Sequence[int]) -> SessionProgress:
    return SessionProgress(
        expected_total=expected_total,
        expected_scanned=sums[0],
        not_in_scope=sums[1],
        unknown=sums[2],
        already_scanned=sums[3],
    )


# ---------------------------------------------------------------- counted again


def _recount_sql() -> str:
    """Per session: its expected set's size, its found rows by tag and its standing item
    scans. Every item scan that stands either counts (its barcode's found row) or is a
    repeat."""
    standing = (
        f"(SELECT COUNT(*) FROM scan x WHERE x.session_id = s.id AND x.kind = '{ScanKind.ITEM}' "
        "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = x.id AND u.kind = 'undo'))"
    )
    tags = ", ".join(
        f"(SELECT COUNT(*) FROM found f WHERE f.session_id = s.id AND f.tag = '{t.value}')"
        for t in COUNTED[:3]
    )
    expected = "(SELECT COUNT(*) FROM expected_item e WHERE e.session_id = s.id)"
    return f"SELECT s.id, {expected}, {tags}, {standing} FROM session s"


def _recounted(row: Sequence[Any]) -> SessionProgress:
    counted = [int(v) for v in row[2:5]]
    return _progress(int(row[1]), [*counted, int(row[5]) - sum(counted)])


def recount(db: pw.Database, session_id: int) -> SessionProgress | None:
    """The session's progress counted from its scans and found rows (reads them all)."""
    row = db.execute_sql(f"{_recount_sql()} WHERE s.id = {db.param}", (session_id,))
    found = row.fetchone()
    return _recounted(found) if found is not None else None


def mismatched(db: pw.Database) -> Iterable[tuple[int, SessionProgress, SessionProgress]]:
    """(session id, kept counts, recounted) of every session whose counters are wrong."""
    for row in db.execute_sql(_recount_sql() + " ORDER BY s.id").fetchall():
        again = _recounted(row)
        kept = read(db, int(row[0]))
        if kept is not None and kept.progress != again:
            yield int(row[0]), kept.progress, again


def fill_from_recount(db: pw.Database) -> None:
    """Counters for sessions recorded before they were kept (the schema upgrade): a row per
    session and workstation with the newest scan it recorded, and the session's counts on
    the row of the workstation that started it."""
    db.execute_sql(
        "INSERT INTO session_counter (session_id, station, in_scope, not_in_scope, unknown, "
        "already_scanned, last_scan_id) SELECT session_id, station, 0, 0, 0, 0, MAX(id) "
        "FROM scan GROUP BY session_id, station"
    )
    started = {
        int(row[0]): str(row[1])
        for row in db.execute_sql("SELECT id, station FROM session").fetchall()
    }
    for row in db.execute_sql(_recount_sql()).fetchall():
        progress = _recounted(row)
        add(
            db,
            int(row[0]),
            started[int(row[0])],
            {
                Tag.IN_SCOPE: progress.expected_scanned,
                Tag.NOT_IN_SCOPE: progress.not_in_scope,
                Tag.UNKNOWN: progress.unknown,
                Tag.ALREADY_SCANNED: progress.already_scanned,
            },
        )
