"""Backup: a consistent, verified copy of a live SQLite database (the online backup API)."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw

from recon_desktop import durable
from recon_desktop.errors import StorageError
from recon_desktop.store import audit


def backup(db: pw.Database, dest: Path) -> int:
    """Consistent copy of a live SQLite database, written beside DEST then renamed into
    place, and verified (integrity and hash chains). Returns the size in bytes."""
    if isinstance(db, pw.PostgresqlDatabase):
        raise StorageError(
            "backup copies a SQLite file; for a PostgreSQL server use its own tools (pg_dump)."
        )
    dest = Path(dest)
    if dest.is_dir():
        raise StorageError(f"{dest} is a folder; give a file name for the backup.")
    if not dest.parent.is_dir():
        raise StorageError(f"The folder {dest.parent} does not exist.")
    source = Path(db.database).resolve()
    if is_same_file(dest, source):
        raise StorageError("The backup cannot overwrite the database it copies.")
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(partial)
        try:
            durable.sqlite_connection(target)
            db.connection().backup(target, pages=4096)
            target.execute("PRAGMA journal_mode=DELETE")
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if check != "ok":
            raise StorageError(f"The backup failed its integrity check ({check}); try again.")
        verify_copy(partial)
        durable.sync_path(partial)
        os.replace(partial, dest)
        durable.sync_folder(dest.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"Cannot write the backup to {dest} ({exc.strerror}).") from None
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup failed: {exc}.") from None
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    return dest.stat().st_size


def is_same_file(first: Path, second: Path) -> bool:
    """Whether two names reach one file: by the file's identity, not by comparing names,
    which a case-insensitive disk (macOS, Windows: ``Lab.sqlite3`` is ``lab.sqlite3``), a
    link or a mapped drive would fool."""
    try:
        return first.resolve() == second.resolve() or os.path.samefile(first, second)
    except OSError:  # one of them does not exist: they are not one file
        return False


def verify_copy(path: Path) -> audit.VerifyResult:
    """Open a copy on its own (not bound to the models) and check its hash chains."""
    copy = pw.SqliteDatabase(str(path))
    try:
        copy.connect()
        result = audit.verify(copy)
    finally:
        copy.close()
    if not result.ok:
        raise StorageError(f"The copy does not verify: {result.problem}.")
    return result


def backup_before_upgrade(db: pw.Database, version: int) -> Path:
    """A verified copy beside the database before its schema is upgraded."""
    source = Path(db.database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = source.with_name(f"{source.stem}.schema{version}-backup-{stamp}{source.suffix}")
    backup(db, dest)
    return dest
