"""Open the database from a path or URL: the one place that decides SQLite or PostgreSQL."""

from __future__ import annotations

import contextlib
import errno
import functools
import ntpath
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlencode, urlsplit

import peewee as pw

from recon_desktop import durable
from recon_desktop.core import text as sentences
from recon_desktop.errors import (
    ConflictRetryError,
    ConnectionLostError,
    DamagedDatabaseError,
    StorageError,
)
from recon_desktop.store import folding, schema
from recon_desktop.store.models import MODELS
from recon_desktop.workstation import workstation_name

BUSY_TIMEOUT_S = 5.0
CONNECT_TIMEOUT_S = 5  # a database server that does not answer: give up (and say so) after
# every connection to a server: a network path that dies (a pulled cable, a dead switch)
# is noticed within about two seconds whether data is on its way (tcp_user_timeout: sent
# data unacknowledged that long closes the connection, on Linux) or not (keepalives)
SERVER_TCP: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 1,
    "keepalives_interval": 1,
    "keepalives_count": 2,
    "tcp_user_timeout": 2000,
}
SQLITE_PRAGMAS: dict[str, Any] = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "cache_size": -32_000,  # 32 MB page cache
    "temp_store": "memory",
}


def sqlite_pragmas() -> dict[str, Any]:
    """The pragmas of every connection to a SQLite file on this system (on macOS with
    F_FULLFSYNC for commits and checkpoints: a tag means the scan is saved)."""
    if durable.full_fsync_wanted():
        return {**SQLITE_PRAGMAS, **durable.SQLITE_FULLFSYNC}
    return dict(SQLITE_PRAGMAS)


def utcnow() -> datetime:
    """Now, as a naive datetime meaning UTC (how every time is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def read_time(value: Any) -> datetime:
    """A time read by hand-written SQL: ISO text from SQLite, a datetime from PostgreSQL."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


SERVER_SCHEMES = ("postgresql", "postgres")  # URLs opened as a ServerDatabase
_SERVER_PREFIXES = tuple(f"{scheme}://" for scheme in SERVER_SCHEMES)


def is_server_url(target: str | Path) -> bool:
    """A database server URL (``postgresql://…``) rather than a SQLite file path."""
    return str(target).startswith(_SERVER_PREFIXES)


# what services hold and catch, named here: only store imports peewee (services compose
# store's statements and build none)
Database = pw.Database
IntegrityError = pw.IntegrityError  # a unique key refused a row


def is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def describe(target: str | Path) -> str:
    """The database as shown to a person: a path, or a URL without its password."""
    text = str(target)
    if is_server_url(text):
        parts = urlsplit(text)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        user = f"{parts.username}@" if parts.username else ""
        return f"postgresql://{user}{host}{port}{parts.path}"
    return text


READ_ONLY_PRAGMAS: dict[str, Any] = {
    "foreign_keys": 1,
    "cache_size": -32_000,
    "temp_store": "memory",
    "query_only": 1,
}


def sqlite_path(target: str | Path) -> Path:
    """The file of a SQLite target, symbolic links resolved: every name of one file locks,
    journals and checks the same file."""
    text = str(target)
    path = Path(text.removeprefix("sqlite:///") if text.startswith("sqlite://") else text)
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: left for the open to refuse
        return path


def make_database(
    target: str | Path, *, busy_timeout_s: float = BUSY_TIMEOUT_S, read_only: bool = False
) -> pw.Database:
    """Build (not connect) the peewee database for a path or ``postgresql://`` URL;
    ``read_only`` opens a SQLite file for reading only (a file or folder you may not
    write: showing, verifying and exporting still work, every write is refused)."""
    text = str(target)
    if is_server_url(text):
        return _server_database(text)
    if "://" in text and not text.startswith("sqlite://"):
        raise StorageError(
            sentences.translate(
                "Database", "{value} is not a database path or a postgresql:// URL."
            ).format(value=describe(text))
        )
    path = sqlite_path(text)
    db: pw.SqliteDatabase
    if read_only:
        db = ReadOnlySqliteDatabase(
            str(path),
            pragmas=READ_ONLY_PRAGMAS,
            timeout=busy_timeout_s,
            check_same_thread=False,
        )
    else:
        db = pw.SqliteDatabase(
            str(path),
            pragmas=sqlite_pragmas(),
            timeout=busy_timeout_s,
            lock_type="IMMEDIATE",  # writers take the lock up front: no upgrade deadlocks
            check_same_thread=False,
        )
    folding.register_sqlite(db)
    return db


class ReadOnlySqliteDatabase(pw.SqliteDatabase):
    """A SQLite file opened with ``mode=ro`` (and ``immutable`` in a folder where not even
    SQLite's shared-memory file can be made); ``database`` stays the plain path."""

    read_only = True

    def _connect(self) -> Any:
        path = Path(self.database).absolute()
        folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
        wal = path.with_name(path.name + "-wal")
        if not folder_writable and not wal.exists():  # nothing can change it: nobody may
            uri = sqlite_uri(path, mode="ro", immutable="1")
        else:
            uri = read_only_uri(path)
        conn = sqlite3.connect(
            uri, timeout=self._timeout, isolation_level=None, uri=True, **self.connect_params
        )
        try:
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn


def _server_database(url: str) -> pw.Database:
    """A ServerDatabase from a URL, read by peewee's own URL reader."""
    # imported for a server only: it loads peewee's PostgreSQL extensions and the driver
    from playhouse import db_url

    from recon_desktop.psycopg_on_demand import attach_postgres_driver

    attach_postgres_driver()
    db_url.register_database(ServerDatabase, *SERVER_SCHEMES)
    params = db_url.parse(url, unquote_password=True, unquote_user=True)
    extra: dict[str, Any] = {}
    if "connect_timeout" not in params:
        # without it a lost network path blocks a scan for minutes instead of refusing it
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    for name, value in SERVER_TCP.items():  # a URL's own setting wins
        if name not in params:
            extra[name] = value
    return db_url.connect(
        url,
        unquote_password=True,
        unquote_user=True,
        database=unquote(params["database"]) or "postgres",  # the name may be %-quoted
        prefer_psycopg3=True,
        **extra,
    )


def open_database(
    target: str | Path,
    *,
    create: bool = True,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
    warn: Callable[[str], None] | None = None,
) -> pw.Database:
    """Open, check and upgrade the database; bind the models to it and return it.

    Raises StorageError (with a sentence) when it cannot be used. ``warn`` receives
    sentences about risks that do not stop the program (a database on a network share).
    A SQLite file is checked before anything is set on it (its header, whose tables it
    holds), and one you may not write is opened read-only.
    """
    text = str(target)
    if "://" in text and not (is_server_url(text) or text.startswith("sqlite://")):
        # before any folder is made for it
        raise StorageError(
            sentences.translate(
                "Database", "{value} is not a database path or a postgresql:// URL."
            ).format(value=describe(text))
        )
    read_only = False
    if not is_server_url(text):
        path = sqlite_path(text)
        read_only = check_sqlite_path(path, create=create)
        check_sqlite_file(path)
        share = network_filesystem(path)
        if share and warn is not None:
            warn(
                sentences.translate(
                    "Database",
                    "The database {path} is on a network share ({share}). SQLite over a "
                    "network file system can corrupt the file; for shared use point every "
                    "workstation at a PostgreSQL server instead.",
                ).format(path=str(path), share=share)
            )
        cloud = synced_folder(path)
        if cloud and warn is not None:
            warn(
                sentences.translate(
                    "Database",
                    "The database {path} is in a folder {service} synchronises. A sync program "
                    "copies the file while it is being written and can damage it or make "
                    "conflicting copies; keep the database in a local folder (the default), "
                    "and share through a PostgreSQL server.",
                ).format(path=str(path), service=cloud)
            )
        target = path
    db = make_database(target, busy_timeout_s=busy_timeout_s, read_only=read_only)
    try:
        db.connect(reuse_if_open=True)
    except (pw.OperationalError, pw.DatabaseError) as exc:
        error = translate(exc, describe(target), db=db)
        if isinstance(error, ConnectionLostError):
            raise StorageError(
                sentences.translate(
                    "Database", "Cannot connect to the database server {server}: {reason}."
                ).format(server=describe(target), reason=_first_line(exc))
            ) from None
        raise error from None
    db.bind(MODELS, bind_refs=False, bind_backrefs=False)
    try:
        schema.ensure_schema(db, read_only=read_only)
    except (pw.OperationalError, pw.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise translate(exc, describe(target), db=db) from None
    except Exception:
        db.close()
        raise
    return db


def is_read_only(db: pw.Database) -> bool:
    return bool(getattr(db, "read_only", False))


def check_sqlite_path(path: Path, *, create: bool) -> bool:
    """Refuse, with a sentence, a path SQLite could not use; True when the file exists but
    may only be read (it, or its folder, is read-only for this user)."""
    try:
        return _check_sqlite_path(path, create=create)
    except OSError as exc:
        raise StorageError(
            sentences.translate(
                "Database",
                "Cannot reach the database at {path} ({value}); check that the folder "
                "exists and that you may use it.",
            ).format(path=path, value=exc.strerror or exc)
        ) from None


def _check_sqlite_path(path: Path, *, create: bool) -> bool:
    if path.is_dir():
        raise StorageError(
            sentences.translate("Database", "{path} is a folder, not a database file.").format(
                path=path
            )
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        if not create:
            raise StorageError(
                sentences.translate("Database", "There is no database at {path}.").format(path=path)
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                sentences.translate(
                    "Database",
                    "Cannot create the folder for the database at {parent} ({strerror}).",
                ).format(parent=path.parent, strerror=exc.strerror)
            ) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StorageError(
                sentences.translate(
                    "Database",
                    "The folder {folder} is read-only: a new database cannot be made there. "
                    "Ask IT to make it writable for you, or choose another place.",
                ).format(folder=folder)
            )
        return False
    if not os.access(path, os.R_OK):
        raise StorageError(
            sentences.translate(
                "Database", "The database file {path} may not be read by you; ask IT for access."
            ).format(path=path)
        )
    return not os.access(path, os.W_OK) or not os.access(folder, os.W_OK | os.X_OK)


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Refuse, before anything is set on it (journal mode, pragmas, tables), a file that is
    empty, not a SQLite database, damaged where SQLite keeps its schema, or another
    program's database: its bytes stay exactly as they were."""
    try:
        if not path.exists():
            return
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(
            sentences.translate(
                "Database", "Cannot read the database file {path} ({strerror})."
            ).format(path=path, strerror=exc.strerror)
        ) from None
    if size == 0:
        raise StorageError(
            sentences.translate(
                "Database",
                "The database file {path} is empty (0 bytes): it was cut off, for example "
                "by a full disk or an unfinished copy. Restore it from a backup, or "
                "remove the empty file to start a new database there.",
            ).format(path=path)
        )
    if header != SQLITE_HEADER:
        raise DamagedDatabaseError(_not_readable(str(path)))
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return  # e.g. a read-only folder without SQLite's shared memory: the open decides
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise DamagedDatabaseError(_damaged(_first_line(exc))) from None
        return
    except UnicodeDecodeError:  # a damaged page of the schema: a table's name is not text
        raise DamagedDatabaseError(
            _damaged(sentences.translate("Database", "the names of its tables cannot be read"))
        ) from None
    finally:
        conn.close()
    if tables and "schema_info" not in tables:
        raise StorageError(
            sentences.translate(
                "Database", "This database was not made by recon-desktop; choose another file."
            )
        )


NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "9p", "ncpfs", "glusterfs", "ceph",
    "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "lustre", "gpfs", "beegfs",
    "afpfs", "webdav", "ftp",  # macOS's names (smbfs and nfs too)
})  # fmt: skip


def network_filesystem(path: Path, mounts: str | None = None) -> str | None:
    """The network file system type holding ``path``, or None for a local disk."""
    text = str(path)
    if sys.platform == "win32":
        if text.startswith(("\\\\", "//")):
            return "a Windows network share"
        return _windows_remote_drive(path)
    if mounts is None:
        mounts = _mount_table()
        if mounts is None:
            return None
    try:
        resolved = str(path.resolve(strict=False))
    except OSError:
        resolved = os.path.abspath(text)
    best, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, parts[2]
    if best_type and (best_type in NETWORK_FILESYSTEMS or best_type.startswith("nfs")):
        return best_type
    return None


def _mount_table() -> str | None:
    """The mounted file systems as /proc/self/mounts lists them ("what point type …"):
    read from there on Linux, from ``mount``'s output on macOS (which has no /proc)."""
    if sys.platform == "darwin":
        mount = shutil.which("mount", path=os.pathsep.join([os.environ.get("PATH", ""), "/sbin"]))
        if mount is None:
            return None
        try:
            done = subprocess.run([mount], capture_output=True, text=True, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return mac_mount_table(done.stdout)
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


_MAC_MOUNT = re.compile(r"^(?P<what>.+?) on (?P<point>/.*) \((?P<type>[^,)]+)")


def mac_mount_table(output: str) -> str:
    """macOS's ``mount`` lines (``//ana@nas/qa on /Volumes/qa (smbfs, nodev, …)``) in the
    form of /proc/self/mounts."""
    lines = []
    for line in output.splitlines():
        found = _MAC_MOUNT.match(line)
        if found:
            point = found["point"].replace(" ", "\\040")
            lines.append(f"{found['what'].replace(' ', '_')} {point} {found['type']}")
    return "\n".join(lines)


def _windows_remote_drive(path: Path) -> str | None:
    """A drive letter mapped to a network share (``net use S: \\\\nas\\lab``)."""
    import ctypes

    drive = ntpath.splitdrive(ntpath.abspath(str(path)))[0]
    if not drive:
        return None
    remote = 4  # DRIVE_REMOTE
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if kernel32.GetDriveTypeW(drive + "\\") == remote:
        return "a network drive"
    return None


# folders a sync program copies while the database writes them (by name of a folder on
# the path; macOS keeps them in ~/Library/CloudStorage/<Service>-<account>)
_SYNCED = (
    ("OneDrive", "OneDrive"),
    ("Dropbox", "Dropbox"),
    ("GoogleDrive", "Google Drive"),
    ("Google Drive", "Google Drive"),
    ("iCloudDrive", "iCloud Drive"),
    ("iCloud Drive", "iCloud Drive"),
    ("Mobile Documents", "iCloud Drive"),
)
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")  # set by OneDrive


def synced_folder(path: Path) -> str | None:
    """The sync service (OneDrive, Dropbox, iCloud Drive …) whose folder holds ``path``."""
    text = os.path.abspath(str(path))
    folded = text.replace("\\", "/").casefold()
    for variable in ONEDRIVE_VARIABLES:
        root = os.environ.get(variable, "").replace("\\", "/").rstrip("/").casefold()
        if root and folded.startswith(root + "/"):
            return "OneDrive"
    for part in re.split(r"[/\\]", text)[:-1]:
        for prefix, service in _SYNCED:
            if part == prefix or part.startswith((f"{prefix} - ", f"{prefix}-", f"{prefix} (")):
                return service
    return None


def quick_check(db: pw.Database) -> str | None:
    """None when SQLite's quick_check finds nothing wrong, else a sentence.

    Reads the whole file (a second or more on a large database when it is not cached),
    so the window runs it in the background after start-up.
    """
    if is_postgres(db):
        return None
    try:
        rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        return _damaged(_first_line(exc))
    if rows == ["ok"]:
        return None
    return _damaged(rows[0])


RESTORE_ADVICE = sentences.translate(
    "Database",
    "Restore it from a backup: put the last good backup in place with 'recon-desktop "
    "restore BACKUP' (the damaged file is kept beside it).",
)


def _damaged(what: str) -> str:
    return sentences.translate(
        "Database", "The database is damaged ({what}). Nothing more will be saved to it. {advice}"
    ).format(what=what, advice=RESTORE_ADVICE)


def _not_readable(subject: str) -> str:
    return sentences.translate(
        "Database",
        "{subject} is not a readable recon-desktop database (it may be damaged). {advice}",
    ).format(subject=subject, advice=RESTORE_ADVICE)


class InstanceLock:
    """One copy of the program per SQLite file: an OS lock on ``<database>.lock``.

    The lock goes away with the process, even after a crash or a power cut. The file names
    the holder ("process N on HOST") in its first bytes; on Windows, whose byte locks are
    mandatory (a locked byte cannot even be read by another process), the lock is taken on
    a byte far past that text, so a second copy can still say who holds it.
    """

    def __init__(self, database: Path) -> None:
        database = sqlite_path(database)  # a link to the file locks the file itself
        self.path = database.with_name(database.name + ".lock")
        self._file: Any = None

    def acquire(self) -> None:
        """Take the lock, or raise StorageError with a sentence (never an OSError)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # a fresh home has no folder
            self.path.touch(exist_ok=True)
            handle = open(self.path, "r+b")  # noqa: SIM115 - held open while the lock lasts
        except OSError as exc:
            raise StorageError(
                sentences.translate(
                    "Database",
                    "Cannot use the folder of the database {parent} ({value}); check that you "
                    "may write there.",
                ).format(parent=self.path.parent, value=exc.strerror or exc)
            ) from None
        try:
            _lock_file(handle)
        except OSError as exc:
            holder = _holder(handle)
            handle.close()
            if exc.errno not in LOCK_HELD_ERRNOS:
                raise StorageError(
                    sentences.translate(
                        "Database",
                        "Cannot lock {path} ({value}), so a second copy of the program could open "
                        "the database too; move the database to a local disk, or use PostgreSQL.",
                    ).format(path=self.path, value=exc.strerror or exc)
                ) from None
            raise StorageError(
                sentences.translate(
                    "Database",
                    "recon-desktop is already open on this database ({holder}). Use that "
                    "window, or close it first.",
                ).format(holder=holder)
            ) from None
        try:
            text = f"process {os.getpid()} on {workstation_name()}".encode()[:HOLDER_BYTES]
            handle.seek(0)
            handle.write(text.ljust(HOLDER_BYTES))  # overwritten in place: nothing truncated
            handle.flush()
        except OSError:
            pass  # the lock is what counts; the name of the holder is a courtesy
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


HOLDER_BYTES = 256  # "process N on HOST", padded
LOCK_OFFSET = 1 << 20  # the byte locked on Windows: past the holder's name
# another process holds the lock: flock says EWOULDBLOCK (EAGAIN), msvcrt EACCES (or
# EDEADLOCK after its retries)
LOCK_HELD_ERRNOS = frozenset(
    {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK, getattr(errno, "EDEADLOCK", 0)}
)


def _holder(handle: Any) -> str:
    try:
        handle.seek(0)
        text = handle.read(HOLDER_BYTES).decode("utf-8", "replace").strip(" \x00")
    except OSError:  # a lock on the text itself (an older copy on Windows): no name
        return "another process"
    return text or "another process"


def _lock_file(handle: Any) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.flush()
        os.lseek(handle.fileno(), LOCK_OFFSET, os.SEEK_SET)  # msvcrt locks from here
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        handle.seek(0)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def db_now(db: pw.Database) -> datetime:
    """Now in UTC by the database server's clock on PostgreSQL (workstations' clocks may be
    skewed), by this computer's clock for a local SQLite file."""
    if is_postgres(db):
        value = db.execute_sql("SELECT (clock_timestamp() AT TIME ZONE 'UTC')").fetchone()[0]
        return value.replace(tzinfo=None) if isinstance(value, datetime) else utcnow()
    return utcnow()


DB_ERRORS = (pw.OperationalError, pw.InternalError, pw.InterfaceError, sqlite3.OperationalError)


@contextlib.contextmanager
def transaction(db: pw.Database) -> Iterator[None]:
    """One write transaction; database faults come out as StorageError sentences."""
    try:
        with db.atomic():
            yield
    except DB_ERRORS as exc:
        raise translate(exc, db=db) from None


@contextlib.contextmanager
def read_snapshot(db: pw.Database) -> Iterator[None]:
    """One read transaction in which every query sees the same moment (a report's sheets).

    SQLite: a deferred transaction in WAL mode reads a snapshot without blocking scans.
    PostgreSQL: repeatable read gives the same.
    """
    with db.atomic("REPEATABLE READ" if is_postgres(db) else "DEFERRED"):
        yield


F = TypeVar("F", bound=Callable[..., Any])
RETRIES = 4


def resilient(method: F) -> F:
    """For a service method that is one transaction: run it again after a deadlock or a
    serialization failure (a few times, then report it), and after a lost connection drop
    the dead connection so that the next call reconnects."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(RETRIES):
            try:
                return method(self, *args, **kwargs)
            except DB_ERRORS as exc:
                error = translate(exc, db=self.db)
                if not isinstance(error, ConflictRetryError):
                    if isinstance(error, ConnectionLostError):
                        drop_connection(self.db)
                    raise error from None
            except ConflictRetryError:
                pass
            except ConnectionLostError:
                drop_connection(self.db)
                raise
            time.sleep(0.005 * (attempt + 1) * (1 + random.random()))
        raise ConflictRetryError(
            sentences.translate(
                "Database",
                "Other workstations kept changing the same records; nothing was saved. Try again.",
            )
        )

    return wrapper  # type: ignore[return-value]


def drop_connection(db: pw.Database) -> None:
    """Forget this thread's connection (after the server went away); the next query
    opens a new one."""
    with contextlib.suppress(Exception):
        db.close()
    conn = getattr(db._state, "conn", None)
    if conn is not None:  # the close failed (a transaction still open): close it ourselves
        with contextlib.suppress(Exception):
            conn.close()
    with contextlib.suppress(Exception):
        db._state.reset()  # a close that failed leaves the dead connection behind


class _Watchdog:
    """Cuts the connection of a thread whose bounded work outlives its deadline (see
    ``bounded``): the socket is shut down, so the statement waiting on it fails at once
    with a lost connection, whatever the server does (a paused server's computer still
    acknowledges what is sent, so no timeout of the network's notices it)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, list[Any]] = {}  # thread → [expires, connection, cut]
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> None:
        with self._cond:
            self._armed[threading.get_ident()] = [time.monotonic() + seconds, None, False]
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()

    def watch(self, conn: Any) -> bool:
        """The connection this thread's bounded work uses now; False when it was cut."""
        with self._cond:
            entry = self._armed.get(threading.get_ident())
            if entry is None:
                return True
            entry[1] = conn
            return not entry[2]

    def was_cut(self) -> bool:
        with self._cond:
            entry = self._armed.get(threading.get_ident())
            return entry is not None and bool(entry[2])

    def disarm(self) -> bool:
        """Stop watching this thread; True when its connection was cut."""
        with self._cond:
            entry = self._armed.pop(threading.get_ident(), None)
            return entry is not None and bool(entry[2])

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                due = [e for e in self._armed.values() if not e[2] and e[0] <= now]
                for entry in due:
                    entry[2] = True
                    _cut(entry[1])
                waiting = [e[0] for e in self._armed.values() if not e[2]]
                self._cond.wait(max(min(waiting) - now, 0.001) if waiting else None)


def _cut(conn: Any) -> None:
    """Shut down a psycopg connection's socket (closed later, by its own thread)."""
    if conn is None:
        return
    try:
        fd = conn.pgconn.socket
    except Exception:  # noqa: BLE001 (already closed: nothing to cut)
        return
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.detach()  # the descriptor stays the driver's


def _timed_out(seconds: float) -> str:
    return sentences.translate(
        "Database",
        "The database server did not answer within {seconds} s; this was not saved. Check "
        "the network and the server; work resumes when the server is back.",
    ).format(seconds=f"{seconds:g}")


@contextlib.contextmanager
def bounded(db: pw.Database, seconds: float) -> Iterator[None]:
    """Work on this thread's connection that must end within ``seconds`` (a scan, a poll):
    on a server, a statement still running then fails with ConnectionLostError, the
    connection is cut (and closed by ``resilient`` or the caller), and a connection made
    meanwhile gives up as soon; on SQLite nothing changes."""
    if not isinstance(db, ServerDatabase):
        yield
        return
    db._limit.seconds = seconds
    _WATCHDOG.arm(seconds)
    try:
        try:
            yield
        except DB_ERRORS as exc:
            raise translate(exc, db=db) from None
    except ConnectionLostError:
        drop_connection(db)  # the next bounded work opens a new one
        if _WATCHDOG.was_cut():
            raise ConnectionLostError(_timed_out(seconds)) from None
        raise
    finally:
        db._limit.seconds = None
        if _WATCHDOG.disarm():
            drop_connection(db)  # the cut connection goes at once (no CLOSE-WAIT left)


_WATCHDOG = _Watchdog()


class _LockPerThread:
    """A lock for each thread (the connection state it guards is the thread's own)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _lock(self) -> threading.RLock:
        lock = getattr(self._local, "lock", None)
        if lock is None:
            lock = self._local.lock = threading.RLock()
        return lock

    def __enter__(self) -> bool:
        return self._lock().acquire()

    def __exit__(self, *exc_info: object) -> None:
        self._lock().release()


class ServerDatabase(pw.PostgresqlDatabase):
    """PostgreSQL that finds its way back by itself: a connection the server dropped while
    it sat idle (a server restart, an idle timeout, a network blip) is replaced when it is
    next used, before any work was sent on it, so nothing can run twice; a read, or a
    statement that changes nothing the second time (``execute_idempotent``), lost with its
    connection outside a transaction runs again on a new one. A connection lost in the
    middle of a transaction is not replaced here: ``resilient`` reports it. Within
    ``bounded`` a connection is opened with the same bound and a statement timeout, and
    nothing is run again: the caller decides."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = threading.local()  # this thread's bound (``bounded``), in seconds
        # peewee opens and closes every thread's connection under one lock of the database,
        # so a thread waiting to connect to a hung server held every other thread's close
        # (a scan cut off by its deadline waited for the poll's connection attempt); each
        # thread has a connection of its own, so each takes a lock of its own
        self._lock = _LockPerThread()

    def _connect(self) -> Any:
        seconds = getattr(self._limit, "seconds", None)
        if seconds is None:
            return super()._connect()
        params = dict(self.connect_params)
        params["connect_timeout"] = max(2, int(seconds + 0.999))  # libpq's least is 2 s
        # the server's own bound comes first, so a server that is only slow keeps the
        # connection; the watchdog's cut is for one that does not answer at all
        timeout = f"-c statement_timeout={int(seconds * 750)}"
        params["options"] = f"{params.get('options', '')} {timeout}".strip()
        self._adapter.check_driver()
        conn = self._adapter.connect(self, **params)
        conn.autocommit = True
        return conn

    def begin(self, isolation_level: Any = None) -> None:
        try:
            super().begin(isolation_level)
        except DB_ERRORS as exc:
            bounded_now = getattr(self._limit, "seconds", None) is not None
            if bounded_now or not isinstance(translate(exc), ConnectionLostError):
                raise
            self._reopen(exc)  # BEGIN never reached the server: start again on a new one
            super().begin(isolation_level)

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        return self._execute(sql, params, again=sql.lstrip()[:6].upper() == "SELECT")

    def execute_idempotent(self, sql: str, params: Any = None) -> Any:
        """A statement that changes nothing when run a second time (the scan procedure,
        by its client id): run again, on a new connection, after a lost one, as a read is."""
        return self._execute(sql, params, again=True)

    def _execute(self, sql: str, params: Any, *, again: bool) -> Any:
        if getattr(self._limit, "seconds", None) is not None:
            if not _WATCHDOG.watch(self.connection()):
                raise ConnectionLostError(_timed_out(self._limit.seconds))
            return super().execute_sql(sql, params)  # bounded: the caller decides
        try:
            return super().execute_sql(sql, params)
        except DB_ERRORS as exc:
            if self.in_transaction() or not isinstance(translate(exc), ConnectionLostError):
                raise
            self._reopen(exc)
            if not again:
                raise translate(exc) from None  # a write's outcome is unknown: say so
            return super().execute_sql(sql, params)  # outside a transaction: again

    def _reopen(self, exc: BaseException) -> None:
        drop_connection(self)
        try:
            self.connect()
        except DB_ERRORS:
            raise translate(exc) from None  # still unreachable: one sentence


_RETRYABLE = ("deadlock detected", "could not serialize", "serialization failure")
_CONNECTION_LOST = (
    "server closed the connection", "terminating connection", "connection is closed",
    "connection is lost", "consuming input failed", "connection already closed",
    "could not receive data", "could not send data", "connection refused",
    "could not connect", "no connection to the server", "connection to server",
    "connection timed out", "the connection is bad", "connection has been closed",
    "server conn crashed", "administrator command", "timeout expired",
    "statement timeout",
)  # fmt: skip


DISK_FULL = sentences.translate(
    "Database", "The disk is full: nothing was saved. Free some space, then try again."
)
_NEARLY_FULL_BYTES = 1 << 20


def _disk_full(db: pw.Database | None) -> bool:
    """Whether the disk of a SQLite database has (next to) no room left: SQLite reports a
    file it could not grow or create as an I/O error."""
    if db is None or is_postgres(db) or not isinstance(db.database, str):
        return False
    try:
        return shutil.disk_usage(Path(db.database).parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def translate(
    exc: BaseException, where: str = "the database", *, db: pw.Database | None = None
) -> StorageError:
    """Map a driver error to a sentence a person can act on (the environment's fault)."""
    message = str(exc).lower()
    subject = where[:1].upper() + where[1:]  # where, at the start of a sentence
    if "cannot rollback" in message and exc.__context__ is not None:
        # SQLite rolled back by itself (a full disk at the commit): the cause is the error
        # before, which the failed rollback of the transaction's end would hide
        return translate(exc.__context__, where, db=db)
    if ("disk i/o error" in message or "unable to open" in message) and _disk_full(db):
        return StorageError(DISK_FULL)
    if "password authentication" in message or "authentication failed" in message:
        return StorageError(
            sentences.translate(
                "Database", "The database server refused the sign-in for {where}."
            ).format(where=where)
        )
    if any(marker in message for marker in _RETRYABLE):
        return ConflictRetryError(
            sentences.translate(
                "Database",
                "Another workstation changed the same records at the same moment; nothing "
                "was saved. Try again.",
            )
        )
    if isinstance(exc, pw.InterfaceError) or any(m in message for m in _CONNECTION_LOST):
        return ConnectionLostError(
            sentences.translate(
                "Database",
                "The database server for {where} cannot be reached; this was not saved. "
                "Check the network; work resumes when the server is back.",
            ).format(where=where)
        )
    if "disk is full" in message or "database or disk is full" in message or "no space" in message:
        return StorageError(DISK_FULL)
    if "locked" in message or "busy" in message:
        return StorageError(
            sentences.translate(
                "Database",
                "{subject} is locked by another program; nothing was saved. Close the "
                "other program or wait, then try again.",
            ).format(subject=subject)
        )
    if "readonly" in message or "read-only" in message or "read only" in message:
        return StorageError(
            sentences.translate(
                "Database",
                "{subject} is read-only for you (the file or its folder): nothing was "
                "saved. Showing, verifying and exporting still work; to change it, ask IT "
                "to make it writable, or work on a copy.",
            ).format(subject=subject)
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return DamagedDatabaseError(_not_readable(subject))
    if "unable to open" in message:
        return StorageError(
            sentences.translate(
                "Database", "Cannot open {where}: check that the folder exists and is writable."
            ).format(where=where)
        )
    if "permission denied" in message or "must be owner" in message:
        return StorageError(
            sentences.translate(
                "Database",
                "The database server refused this to the role used for {where} ({value}); "
                "nothing was saved. The workstations' role may only add and read records: "
                "changes of structure and upgrades are run as the owner.",
            ).format(where=where, value=_first_line(exc))
        )
    if "could not connect" in message or "connection" in message or "server" in message:
        return StorageError(
            sentences.translate(
                "Database", "Cannot reach the database server for {where}: {value}."
            ).format(where=where, value=_first_line(exc))
        )
    if "password authentication" in message or "authentication" in message:
        return StorageError(
            sentences.translate(
                "Database", "The database server refused the sign-in for {where}."
            ).format(where=where)
        )
    return StorageError(
        sentences.translate("Database", "The database reported a problem: {value}.").format(
            value=_first_line(exc)
        )
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")


def sqlite_uri(path: PurePath, **parameters: str) -> str:
    """A ``file:`` URI SQLite reads back as ``path`` whatever its characters: ``#``, ``?``
    and ``%`` (a folder named ``Lab #2``) would otherwise end the path or start the
    parameters, so they are %-encoded. A Windows drive path becomes ``file:///C:/…`` and a
    network path ``file:////server/share/…`` (SQLite accepts no host in the URI)."""
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/… (a relative path was made absolute by the caller)
    uri = "file://" + quote(text, safe="/:")
    if parameters:
        uri += "?" + urlencode(parameters)
    return uri


def read_only_uri(path: Path) -> str:
    """The URI that opens an existing SQLite file for reading only."""
    return sqlite_uri(Path(path).absolute(), mode="ro")


def default_database_path() -> Path:
    from recon_desktop import paths

    return paths.data_dir() / "recon-desktop.sqlite3"


def env_database() -> str | None:
    return os.environ.get("RECON_DB") or None


class WalCheckpointer:
    """Copies the WAL back into the database from a background thread (PASSIVE: it never
    blocks a writer), so no scan pays for a checkpoint on its own commit. The composition
    root starts one for a SQLite database; SQLite's own autocheckpoint stays as a backstop.
    """

    AUTOCHECKPOINT_PAGES = 20_000

    def __init__(self, db: pw.Database, interval_s: float = 0.5) -> None:
        self.path = str(db.database)
        self.interval_s = interval_s
        self._stop = threading.Event()
        self.connected = threading.Event()
        self.durability: dict[str, int] = {}  # its connection's fullfsync pragmas, read back
        db.execute_sql(f"PRAGMA wal_autocheckpoint={self.AUTOCHECKPOINT_PAGES}")
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=0.1, check_same_thread=False)
        except sqlite3.Error:
            self.connected.set()
            return
        try:
            durable.sqlite_connection(conn)  # its checkpoints as durable as the commits
            self.durability = {
                name: conn.execute(f"PRAGMA {name}").fetchone()[0]
                for name in durable.SQLITE_FULLFSYNC
            }
            self.connected.set()
            while not self._stop.wait(self.interval_s):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error:
                    continue  # busy or gone: the next round or autocheckpoint will do it
        except sqlite3.Error:
            pass  # no checkpoints from here: SQLite's own autocheckpoint does them
        finally:
            self.connected.set()
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def start_checkpointer(db: pw.Database) -> WalCheckpointer | None:
    """A background checkpointer for a SQLite database; None for PostgreSQL."""
    if is_postgres(db):
        return None
    return WalCheckpointer(db)
