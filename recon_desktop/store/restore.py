"""Restore: a live SQLite database replaced by a verified backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw

from recon_desktop.core.text import translate
from recon_desktop.errors import StorageError
from recon_desktop.store import audit, schema
from recon_desktop.store.backup import backup, is_same_file, verify_copy
from recon_desktop.store.db import InstanceLock, open_database, read_only_uri


def check_backup_file(source: Path) -> None:
    """Refuse a file that is not a sound recon-desktop database this program can read."""
    if not source.is_file():
        raise StorageError(
            translate("Restore", "There is no backup file at {source}.").format(source=source)
        )
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            row = conn.execute("SELECT value FROM schema_info WHERE key = 'version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        raise StorageError(
            translate("Restore", "{source} is not a recon-desktop database backup.").format(
                source=source
            )
        ) from None
    if check != "ok":
        raise StorageError(
            translate(
                "Restore", "The backup {source} is damaged ({check}); choose another one."
            ).format(source=source, check=check)
        )
    if row is None or int(row[0]) > schema.SCHEMA_VERSION:
        raise StorageError(
            translate(
                "Restore",
                "The backup {source} was written by a newer version of recon-desktop; "
                "update the program first.",
            ).format(source=source)
        )
    verify_copy(source)


def restore(db: pw.Database, source: Path, *, station: str) -> Path:
    """Replace the live database's content with a verified backup, through SQLite's
    backup API (never a file copy). Refused while a session is active on another
    workstation. The current content is first saved beside the database; returns that path.
    """
    if isinstance(db, pw.PostgresqlDatabase):
        raise StorageError(
            translate(
                "Restore",
                "restore replaces a SQLite file; for a PostgreSQL server use its own tools.",
            )
        )
    source = Path(source)
    if is_same_file(source, Path(db.database)):
        raise StorageError(translate("Restore", "A database cannot be restored from itself."))
    check_backup_file(source)
    p = db.param
    busy = db.execute_sql(
        "SELECT s.name, COALESCE(x.station, s.station) FROM session s "
        "LEFT JOIN scan x ON x.session_id = s.id AND x.station != " + p + " "
        "WHERE s.ended_at IS NULL AND (s.station != " + p + " OR x.id IS NOT NULL) LIMIT 1",
        (station, station),
    ).fetchone()
    if busy is not None:
        raise StorageError(
            translate(
                "Restore",
                "The session {session!r} is active on workstation {station}; end it there "
                "before restoring, or its scans would be lost.",
            ).format(session=busy[0], station=busy[1])
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    current = Path(db.database)
    saved = current.with_name(f"{current.stem}.before-restore-{stamp}{current.suffix}")
    backup(db, saved)
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            src.backup(db.connection())
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise StorageError(
            translate(
                "Restore", "The restore failed ({exc}); the previous content is saved in {saved}."
            ).format(exc=exc, saved=saved)
        ) from None
    schema.ensure_schema(db)
    result = audit.verify(db)
    if not result.ok:
        raise StorageError(
            translate(
                "Restore",
                "The restored database does not verify ({problem}); the previous content "
                "is saved in {saved}.",
            ).format(problem=result.problem, saved=saved)
        )
    return saved


def restore_damaged(path: Path, source: Path) -> Path:
    """Put a verified backup in place of a damaged SQLite file that cannot be restored
    through SQLite itself: the damaged file (with its journal files) is renamed beside it,
    kept as it was, and the backup is copied into its place. Returns where the damaged
    file went. Needs the window closed (the one-copy lock)."""
    source = Path(source)
    check_backup_file(source)
    lock = InstanceLock(path)
    lock.acquire()
    try:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        saved = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
        moved: list[tuple[Path, Path]] = []
        for suffix in ("", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                aside = saved.with_name(saved.name + suffix)
                os.replace(side, aside)
                moved.append((aside, side))
        try:
            src = sqlite3.connect(read_only_uri(source), uri=True)
            dest = sqlite3.connect(path)
            try:
                src.backup(dest)
            finally:
                dest.close()
                src.close()
            db = open_database(path)
            try:
                result = audit.verify(db)
            finally:
                db.close()
            if not result.ok:
                raise StorageError(
                    translate(
                        "Restore", "The restored database does not verify ({problem})."
                    ).format(problem=result.problem)
                )
        except (sqlite3.Error, StorageError, OSError) as exc:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    path.with_name(path.name + suffix).unlink()
            for aside, side in moved:
                os.replace(aside, side)
            raise StorageError(
                translate(
                    "Restore", "The restore failed ({exc}); the database is as it was."
                ).format(exc=exc)
            ) from None
    finally:
        lock.release()
    return saved
