"""Paths as people name folders: ``Lab #2``, ``100% stock``, ``O'Brien``: SQLite's file:
URIs and Qt's style sheet read them back as they are."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from recon_desktop.services import Services, demo
from recon_desktop.store import audit, backup, restore
from recon_desktop.store.db import open_database, read_only_uri, sqlite_uri

AWKWARD = ["Lab #2", "100% stock", "O'Brien ?x=1", "Zählung β"]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (
            PureWindowsPath("C:\\Users\\O'Brien\\Lab #2\\backup.sqlite3"),
            "file:///C:/Users/O%27Brien/Lab%20%232/backup.sqlite3?mode=ro",
        ),
        (
            PureWindowsPath("\\\\server\\share\\100% stock\\b.sqlite3"),
            "file:////server/share/100%25%20stock/b.sqlite3?mode=ro",
        ),
        (
            PurePosixPath("/Users/ana/Lab #2/b?.sqlite3"),
            "file:///Users/ana/Lab%20%232/b%3F.sqlite3?mode=ro",
        ),
    ],
)
def test_uris_of_windows_and_posix_paths(path: PureWindowsPath, uri: str) -> None:
    assert sqlite_uri(path, mode="ro") == uri


@pytest.mark.parametrize("folder", AWKWARD)
def test_a_read_only_uri_opens_that_file_and_no_other(tmp_path: Path, folder: str) -> None:
    place = tmp_path / folder
    place.mkdir()
    path = place / "data.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    ro = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        assert ro.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("INSERT INTO t VALUES (1)")
    finally:
        ro.close()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no stray "Lab " file


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    db = open_database(tmp_path / "live" / "lab.sqlite3")
    made = Services.create(db, station="BENCH-1")
    demo.seed(made, size=50)
    yield made
    db.close()


@pytest.mark.parametrize("folder", AWKWARD[:2])
def test_backup_and_restore_in_a_folder_named_with_symbols(
    services: Services, tmp_path: Path, folder: str
) -> None:
    place = tmp_path / folder
    place.mkdir()
    copy = place / "backup.sqlite3"
    backup.backup(services.db, copy)
    services.admin.add_lab(services.auth.sign_in("ana", "246810"), "Added after the backup")
    restore.restore(services.db, copy, station="BENCH-1")
    assert "Added after the backup" not in [lab.name for lab in services.admin.labs()]
    assert audit.verify(services.db).ok
    assert sorted(p.name for p in place.iterdir()) == ["backup.sqlite3"]
    assert not (tmp_path / folder.split("#")[0].split("%")[0]).is_file()
