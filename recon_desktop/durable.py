"""Making a written file survive a power cut, per system.

``os.fsync`` is enough on Linux (it flushes the drive's cache) and on Windows (it is
``FlushFileBuffers``). On macOS it only hands the data to the drive, which may keep it in
its cache: ``fcntl(F_FULLFSYNC)`` asks the drive to write it to its medium. After a rename
the folder holds the new name only once the folder itself is synced (POSIX systems;
Windows cannot open a folder for that, NTFS journals the rename itself).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

# SQLite's own switches for F_FULLFSYNC: commits, and the WAL's checkpoints
SQLITE_FULLFSYNC = {"fullfsync": 1, "checkpoint_fullfsync": 1}


def full_fsync_wanted() -> bool:
    """Whether plain fsync leaves data in the drive's cache here (macOS)."""
    return sys.platform == "darwin"


def sync_file(fd: int) -> None:
    """Flush an open file to the disk's medium (F_FULLFSYNC on macOS, else fsync)."""
    if full_fsync_wanted():
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # type: ignore[attr-defined,unused-ignore]
            return
        except OSError:
            pass  # a file system without it (some network shares): fsync is what there is
    os.fsync(fd)


def sqlite_connection(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A plain sqlite3 connection (the checkpointer's, a backup's) as durable as the
    program's own: on macOS its commits and checkpoints use F_FULLFSYNC."""
    if full_fsync_wanted():
        for name, value in SQLITE_FULLFSYNC.items():
            conn.execute(f"PRAGMA {name}={value}")
    return conn


def sync_path(path: Path) -> None:
    """:func:`sync_file` for a closed file."""
    with open(path, "rb+") as handle:
        sync_file(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX systems; nothing to do on Windows)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):  # a file system that cannot: the rename still holds
        fd = os.open(folder, os.O_RDONLY)
        try:
            sync_file(fd)
        finally:
            os.close(fd)
