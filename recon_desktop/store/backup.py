"""Backup: a consistent, verified copy of a live SQLite database (the online backup API)."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw

from recon_desktop import durable, unfinished
from recon_desktop.core.text import translate
from recon_desktop.errors import DamagedDatabaseError, StorageError
from recon_desktop.store import audit


def backup(db: pw.Database, dest: Path) -> int:
    """Consistent copy of a live SQLite database, written beside DEST then renamed into
    place, and verified (integrity and hash chains). Returns the size in bytes."""
    if isinstance(db, pw.PostgresqlDatabase):
        return dump_server(db, Path(dest))
    dest = Path(dest)
    if dest.is_dir():
        raise StorageError(
            translate("Backup", "{dest} is a folder; give a file name for the backup.").format(
                dest=dest
            )
        )
    if not dest.parent.is_dir():
        raise StorageError(
            translate("Backup", "The folder {parent} does not exist.").format(parent=dest.parent)
        )
    source = Path(db.database).resolve()
    if is_same_file(dest, source):
        raise StorageError(
            translate("Backup", "The backup cannot overwrite the database it copies.")
        )
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        with unfinished.noted(partial):  # a killed backup's partial copy goes at next start
            target = sqlite3.connect(partial)
            try:
                durable.sqlite_connection(target)
                db.connection().backup(target, pages=4096)
                target.execute("PRAGMA journal_mode=DELETE")
                check = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
            if check != "ok":
                raise DamagedDatabaseError(
                    translate(
                        "Backup",
                        "The database is damaged ({value}): no backup was written. Put the last "
                        "good backup in place with 'recon-desktop restore BACKUP' (the damaged "
                        "file is kept beside it).",
                    ).format(value=check.splitlines()[0])
                )
            verify_copy(partial)
            durable.sync_path(partial)
            os.replace(partial, dest)
            durable.sync_folder(dest.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            translate("Backup", "Cannot write the backup to {dest} ({strerror}).").format(
                dest=dest, strerror=exc.strerror
            )
        ) from None
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise DamagedDatabaseError(
                translate(
                    "Backup",
                    "The database is damaged ({exc}): no backup was written. Put the last "
                    "good backup in place with 'recon-desktop restore BACKUP' (the damaged "
                    "file is kept beside it).",
                ).format(exc=exc)
            ) from None
        raise StorageError(
            translate("Backup", "The backup failed: {exc}.").format(exc=exc)
        ) from None
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
        raise StorageError(
            translate("Backup", "The copy does not verify: {problem}.").format(
                problem=result.problem
            )
        )
    return result


def backup_before_upgrade(db: pw.Database, version: int) -> Path:
    """A verified copy beside the database before its schema is upgraded."""
    source = Path(db.database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = source.with_name(f"{source.stem}.schema{version}-backup-{stamp}{source.suffix}")
    backup(db, dest)
    return dest


# ---------------------------------------------------------------- PostgreSQL: pg_dump

PG_BIN_ENV = "RECON_PG_BIN"  # a folder holding the PostgreSQL programs (also for the tests)
PG_BIN_GLOBS = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # Red Hat, Fedora
    "/opt/homebrew/opt/libpq/bin",
    "/usr/local/opt/libpq/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)
INSTALL_PG_DUMP = translate(
    "Backup",
    "pg_dump, PostgreSQL's backup program, was not found. Install the PostgreSQL client "
    "programs of the server's version or newer (Debian/Ubuntu: apt-get install "
    "postgresql-client; Fedora: dnf install postgresql; macOS: brew install libpq; Windows: "
    "the PostgreSQL installer), or set {variable} to the folder holding pg_dump, then "
    "run the backup again.",
).format(variable=PG_BIN_ENV)


def find_pg_program(name: str) -> Path | None:
    """A PostgreSQL program: in RECON_PG_BIN, on PATH, else in the usual folders (the
    newest version first)."""
    import glob
    import shutil

    exe = name + (".exe" if os.name == "nt" else "")
    configured = os.environ.get(PG_BIN_ENV, "").strip()
    if configured:
        candidate = Path(configured).expanduser() / exe
        return candidate if candidate.is_file() else None
    found = shutil.which(name)
    if found:
        return Path(found)

    def version(folder: str) -> tuple[int, ...]:
        digits = [part for part in Path(folder).parts if part.replace(".", "").isdigit()]
        return tuple(int(x) for x in digits[-1].split(".")) if digits else (0,)

    for pattern in PG_BIN_GLOBS:
        for folder in sorted(glob.glob(pattern), key=version, reverse=True):
            candidate = Path(folder) / exe
            if candidate.is_file():
                return candidate
    return None


def _server_environment(db: pw.Database) -> dict[str, str]:
    """The connection for pg_dump, passed in its environment: a password never appears on
    a command line (which other users of the computer can read)."""
    params = dict(db.connect_params)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "sslmode": "PGSSLMODE",
        "connect_timeout": "PGCONNECT_TIMEOUT",
    }
    for key, variable in names.items():
        if params.get(key) not in (None, ""):
            env[variable] = str(params[key])
    env["PGDATABASE"] = str(db.database)
    return env


def dump_server(db: pw.Database, dest: Path) -> int:
    """A PostgreSQL database saved with ``pg_dump --format=custom`` (what ``pg_restore``
    reads), written beside DEST then renamed into place, and checked by listing it with
    ``pg_restore``. Returns its size in bytes."""
    import subprocess

    if dest.is_dir():
        raise StorageError(
            translate("Backup", "{dest} is a folder; give a file name for the backup.").format(
                dest=dest
            )
        )
    if not dest.parent.is_dir():
        raise StorageError(
            translate("Backup", "The folder {parent} does not exist.").format(parent=dest.parent)
        )
    pg_dump = find_pg_program("pg_dump")
    if pg_dump is None:
        raise StorageError(INSTALL_PG_DUMP)
    pg_restore = pg_dump.with_name(pg_dump.name.replace("pg_dump", "pg_restore"))
    env = _server_environment(db)
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        with unfinished.noted(partial):
            done = subprocess.run(
                [str(pg_dump), "--format=custom", "--no-password", f"--file={partial}"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise StorageError(
                    translate("Backup", "pg_dump could not make the backup: {value}.").format(
                        value=_first(done.stderr)
                    )
                )
            if pg_restore.is_file():
                listed = subprocess.run(
                    [str(pg_restore), "--list", str(partial)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if listed.returncode != 0:
                    raise StorageError(
                        translate(
                            "Backup", "The backup does not read back ({value}); try again."
                        ).format(value=_first(listed.stderr))
                    )
            os.replace(partial, dest)
    except OSError as exc:
        raise StorageError(
            translate("Backup", "Cannot write the backup to {dest} ({strerror}).").format(
                dest=dest, strerror=exc.strerror
            )
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return dest.stat().st_size


def _first(text: str) -> str:
    """pg_dump's first line of complaint, without the program's name in front."""
    line = next((x for x in text.strip().splitlines() if x.strip()), "no reason given")
    return line.removeprefix("pg_dump: ").removeprefix("error: ").rstrip(".")
