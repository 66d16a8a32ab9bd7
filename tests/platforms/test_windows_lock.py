"""A second copy of the program on one database, on Windows: msvcrt's byte locks are
mandatory, so the holder's name must lie outside the locked byte; every failure is a
sentence."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recon_desktop.errors import StorageError
from recon_desktop.store import db
from recon_desktop.store.db import LOCK_OFFSET, InstanceLock
from recon_desktop.workstation import workstation_name
from tests.platforms import windows

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def locks(monkeypatch: pytest.MonkeyPatch) -> windows.MandatoryLocks:
    return windows.simulate(monkeypatch, db)


def test_the_second_copy_names_the_first(tmp_path: Path, locks: windows.MandatoryLocks) -> None:
    database = tmp_path / "lab.sqlite3"
    first = InstanceLock(database)
    first.acquire()
    try:
        assert locks.calls == [(LOCK_OFFSET, windows.LK_NBLCK, 1)]  # past the holder's name
        with pytest.raises(StorageError) as refused:
            InstanceLock(database).acquire()
        assert str(refused.value) == (
            f"recon-desktop is already open on this database (process {os.getpid()} on "
            f"{workstation_name()}). Use that window, or close it first."
        )
    finally:
        first.release()
    again = InstanceLock(database)
    again.acquire()  # the lock went with the first copy's handle
    again.release()


def test_a_lock_on_the_name_itself_still_gives_a_sentence(
    tmp_path: Path, locks: windows.MandatoryLocks
) -> None:
    """An older copy locked the first byte, where the name is: it cannot be read."""
    database = tmp_path / "lab.sqlite3"
    lock_file = database.with_name(database.name + ".lock")
    older = locks.open(lock_file, "w+b")
    older.write(b"process 1 on BENCH-7")
    older.flush()
    older.seek(0)
    locks.locking(older.fileno(), windows.LK_NBLCK, LOCK_OFFSET + 1)
    try:
        with pytest.raises(StorageError, match=r"already open on this database \(another"):
            InstanceLock(database).acquire()
    finally:
        older.close()


def test_a_lock_that_cannot_be_taken_is_not_called_another_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """flock on some network shares fails with ENOLCK: that is said, not "already open"."""
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(StorageError, match=r"Cannot lock .*No locks available.*PostgreSQL"):
        InstanceLock(tmp_path / "lab.sqlite3").acquire()


SECOND_COPY = """
import sys
from pathlib import Path
import pytest
import PySide6.QtWidgets  # loaded as on Linux: only the lock is Windows' here
import recon_desktop.app, recon_desktop.ui.shell
from recon_desktop import cli
from recon_desktop.store import db
from tests.platforms import windows

windows.simulate(pytest.MonkeyPatch(), db)
db.InstanceLock(Path(sys.argv[1])).acquire()  # the copy already open: another handle
sys.exit(cli.main(["--db", sys.argv[1]]))
"""


def test_the_program_started_twice_says_so(tmp_path: Path) -> None:
    """The window's start on simulated Windows: one sentence, status 1, no traceback."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RECON_")},
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", SECOND_COPY, str(tmp_path / "lab.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert f"already open on this database (process {os.getpid()}" not in done.stderr
    assert "recon-desktop is already open on this database (process " in done.stderr
