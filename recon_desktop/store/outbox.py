"""The workstation's outbox: scans a database server could not take, kept on this computer
until it can.

A small SQLite file in the workstation's data folder (``synchronous=FULL``: a scan said to
be kept is on disk). Each row is one scan as it was made: its client id (the server records
it once however often it is sent), the server database it belongs to, the session,
station and user, what was scanned and when, and the item chosen for a code that fits
several (a GTIN alone on bottles of different lots). Rows are sent in the order they were kept;
one the server has recorded is removed, one it refused stays, marked with its reason.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from recon_desktop import durable
from recon_desktop.core.records import KeptScan
from recon_desktop.core.text import translate
from recon_desktop.errors import StorageError

FILE_NAME = "outbox.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept_scan (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    database_id TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    session_id INTEGER NOT NULL,
    session_name TEXT NOT NULL,
    station TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    raw TEXT NOT NULL,
    gs_substitute TEXT,
    scanned_at TEXT NOT NULL,
    refused TEXT,
    item_id INTEGER
)
"""
# added since the first outbox files: (column, its declaration)
_ADDED = (("item_id", "INTEGER"),)
_COLUMNS = (
    "client_id, session_id, session_name, station, user_id, user_name, raw, gs_substitute, "
    "scanned_at, refused, item_id"
)


def _kept(row: tuple[object, ...]) -> KeptScan:
    (client_id, session_id, session_name, station, user_id, user_name, raw, gs, at,
     refused, item_id) = row  # fmt: skip
    return KeptScan(
        client_id=str(client_id),
        session_id=int(str(session_id)),
        session_name=str(session_name),
        station=str(station),
        user_id=int(str(user_id)),
        user_name=str(user_name),
        raw=str(raw),
        gs_substitute=None if gs is None else str(gs),
        scanned_at=datetime.fromisoformat(str(at)),
        refused=None if refused is None else str(refused),
        item_id=None if item_id is None else int(str(item_id)),
    )


class Outbox:
    """The kept scans of one server database (``database_id``) in the file at ``path``."""

    def __init__(self, path: Path, database_id: str) -> None:
        self.path = path
        self.database_id = database_id
        self._lock = threading.Lock()  # one connection, used from the window and its threads
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=5.0
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            durable.sqlite_connection(self._conn)
            self._conn.execute(_SCHEMA)
            have = {row[1] for row in self._conn.execute("PRAGMA table_info(kept_scan)")}
            for column, declared in _ADDED:  # a file kept by an earlier version
                if column not in have:
                    self._conn.execute(f"ALTER TABLE kept_scan ADD COLUMN {column} {declared}")
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                translate(
                    "Outbox",
                    "The outbox for scans the server cannot take, {path}, cannot be used "
                    "({exc}); scans are not kept while the server is away.",
                ).format(path=path, exc=exc)
            ) from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise StorageError(
                    translate(
                        "Outbox",
                        "The outbox {path} could not be written ({exc}); this scan was not kept.",
                    ).format(path=self.path, exc=exc)
                ) from None

    def keep(self, scan: KeptScan) -> None:
        """Keep one scan (durably, before this returns); a client id already kept stays."""
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO kept_scan (database_id, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (client_id) DO NOTHING",
                (
                    self.database_id,
                    scan.client_id,
                    scan.session_id,
                    scan.session_name,
                    scan.station,
                    scan.user_id,
                    scan.user_name,
                    scan.raw,
                    scan.gs_substitute,
                    scan.scanned_at.isoformat(sep=" "),
                    scan.item_id,
                ),
            )

    def waiting(self) -> list[KeptScan]:
        """The scans to send, in the order they were kept."""
        return self._read("refused IS NULL")

    def refused(self) -> list[KeptScan]:
        """The scans the server refused (kept, with the reason; never sent again)."""
        return self._read("refused IS NOT NULL")

    def count(self) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT COUNT(*) FROM kept_scan WHERE database_id = ? AND refused IS NULL",
                (self.database_id,),
            ).fetchone()
        return int(row[0])

    def sent(self, client_id: str) -> None:
        """The server recorded it: it leaves the outbox."""
        with self._write() as conn:
            conn.execute("DELETE FROM kept_scan WHERE client_id = ?", (client_id,))

    def refuse(self, client_id: str, reason: str) -> None:
        """The server refused it (``reason``): kept, never sent again."""
        with self._write() as conn:
            conn.execute(
                "UPDATE kept_scan SET refused = ? WHERE client_id = ?", (reason, client_id)
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _read(self, where: str) -> list[KeptScan]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM kept_scan WHERE database_id = ? AND {where} ORDER BY seq",
                (self.database_id,),
            ).fetchall()
        return [_kept(row) for row in rows]
