"""What "saved" means on each system: on macOS fsync leaves data in the drive's cache, so
every SQLite connection (the checkpointer's too) uses F_FULLFSYNC, and so do safe writes,
settings and backups; simulated with ``sys.platform`` = darwin and a recorded
``fcntl(F_FULLFSYNC)`` (Linux has no such call: the record does an fsync instead)."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recon_desktop import durable, settings
from recon_desktop.services import Services, demo, safe_write
from recon_desktop.store import backup
from recon_desktop.store.db import open_database, start_checkpointer

F_FULLFSYNC = 51  # its value in macOS's <sys/fcntl.h>


class FullSyncs:
    """The files (by path) each F_FULLFSYNC was asked for, in order."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def folders(self) -> list[Path]:
        return [p for p in self.paths if p.is_dir()]


@pytest.fixture
def macos(monkeypatch: pytest.MonkeyPatch) -> FullSyncs:
    syncs = FullSyncs()
    real = fcntl.fcntl

    def fake_fcntl(fd: int, cmd: int, arg: Any = 0) -> Any:
        if cmd == F_FULLFSYNC:
            syncs.paths.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
            os.fsync(fd)
            return 0
        return real(fd, cmd, arg)

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", F_FULLFSYNC, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", fake_fcntl)
    return syncs


def pragmas(conn: Any) -> tuple[int, int]:
    return (
        conn.execute("PRAGMA fullfsync").fetchone()[0],
        conn.execute("PRAGMA checkpoint_fullfsync").fetchone()[0],
    )


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    db = open_database(tmp_path / "lab.sqlite3")
    made = Services.create(db, station="MAC-1")
    yield made
    db.close()


def test_every_connection_syncs_fully_on_macos(macos: FullSyncs, tmp_path: Path) -> None:
    db = open_database(tmp_path / "lab.sqlite3")
    try:
        assert pragmas(db.connection()) == (1, 1)
        seen: list[tuple[int, int]] = []

        def other_thread() -> None:  # peewee gives each thread a connection of its own
            seen.append(pragmas(db.connection()))
            db.close()

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        assert seen == [(1, 1)]
        checkpointer = start_checkpointer(db)
        assert checkpointer is not None
        try:
            assert checkpointer.connected.wait(10)
            assert checkpointer.durability == {"fullfsync": 1, "checkpoint_fullfsync": 1}
        finally:
            checkpointer.stop()
    finally:
        db.close()


def test_elsewhere_fsync_is_enough(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lab.sqlite3")
    try:
        assert pragmas(db.connection()) == (0, 0)  # Linux, Windows: fsync reaches the medium
        checkpointer = start_checkpointer(db)
        assert checkpointer is not None
        assert checkpointer.connected.wait(10)
        assert checkpointer.durability == {"fullfsync": 0, "checkpoint_fullfsync": 0}
        checkpointer.stop()
    finally:
        db.close()


def test_a_safe_write_syncs_the_file_then_its_folder(macos: FullSyncs, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    with safe_write.replacing(target) as temp:
        temp.write_bytes(b"the report")
    assert target.read_bytes() == b"the report"
    assert [p.name.endswith(".part") for p in macos.paths] == [True, False]
    assert macos.folders() == [tmp_path]


def test_settings_are_synced_fully(macos: FullSyncs, tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    settings.save(settings.Settings(font_size=18), path)
    assert settings.load(path).settings.font_size == 18
    assert len(macos.paths) == 2 and macos.paths[0].name.startswith(".settings-")
    assert macos.folders() == [path.parent]


def test_a_backup_is_synced_fully(
    macos: FullSyncs, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.seed(services, size=20)
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    dest = tmp_path / "copies" / "backup.sqlite3"
    dest.parent.mkdir()
    backup.backup(services.db, dest)
    assert "PRAGMA fullfsync=1" in statements  # the copy's own commit
    assert "PRAGMA checkpoint_fullfsync=1" in statements
    assert [p.name for p in macos.paths if not p.is_dir()] == [".backup.sqlite3.partial"]
    assert macos.folders() == [dest.parent]


def test_without_f_fullfsync_fsync_is_used(
    macos: FullSyncs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A macOS file system that refuses F_FULLFSYNC (some network shares)."""

    def refuses(fd: int, cmd: int, arg: Any = 0) -> Any:
        raise OSError(45, "Operation not supported")

    synced: list[int] = []
    monkeypatch.setattr(fcntl, "fcntl", refuses)
    monkeypatch.setattr(os, "fsync", synced.append)
    with open(tmp_path / "f", "wb") as handle:
        durable.sync_file(handle.fileno())
        assert synced == [handle.fileno()]


def test_windows_syncs_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cannot open a folder to sync it (NTFS journals the rename)."""
    opened: list[object] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or 0)
    durable.sync_folder(tmp_path)
    assert opened == []
