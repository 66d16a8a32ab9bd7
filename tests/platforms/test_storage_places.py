"""Where a database should not live, per system: network shares on macOS (no /proc: its
``mount`` is read) and on Windows (network paths, mapped drives), folders a sync program
copies (OneDrive, iCloud Drive, Dropbox); and a backup that would overwrite the live file
under another name (a case-insensitive disk, a link)."""

from __future__ import annotations

import os
import stat
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from recon_desktop.errors import StorageError
from recon_desktop.services import Services
from recon_desktop.store import backup, restore
from recon_desktop.store.db import (
    mac_mount_table,
    network_filesystem,
    open_database,
    synced_folder,
)

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//ana@nas.lab.local/qa on /Volumes/QA Share (smbfs, nodev, nosuid, mounted by ana)
nas:/export/lab on /Volumes/lab (nfs, asynchronous)
afp_0TQ8Fm0ZZ8hE0PVyPl2N4pK8-1.2d000002 on /Volumes/Old Share (afpfs, nodev, nosuid)
/dev/disk4s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)
"""


def fake_command(folder: Path, name: str, output: str) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\ncat <<'END'\n{output}END\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_macos_mount_output_is_read() -> None:
    table = mac_mount_table(MAC_MOUNT)
    assert network_filesystem(Path("/Volumes/QA Share/recon.sqlite3"), table) == "smbfs"
    assert network_filesystem(Path("/Volumes/lab/recon.sqlite3"), table) == "nfs"
    assert network_filesystem(Path("/Volumes/Old Share/x/recon.sqlite3"), table) == "afpfs"
    assert network_filesystem(Path("/Volumes/USB Stick/recon.sqlite3"), table) is None
    assert network_filesystem(Path("/Users/ana/recon.sqlite3"), table) is None


def test_a_macos_share_is_warned_about_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS has no /proc/self/mounts: the program asks ``mount`` (here a stand-in)."""
    share = tmp_path / "Volumes" / "QA Share"
    share.mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_command(bin_dir, "mount", MAC_MOUNT.replace("/Volumes/QA Share", str(share)))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert network_filesystem(share / "recon.sqlite3") == "smbfs"
    warnings: list[str] = []
    open_database(share / "recon.sqlite3", warn=warnings.append).close()
    assert len(warnings) == 1
    assert "on a network share (smbfs)" in warnings[0] and "PostgreSQL" in warnings[0]


@pytest.fixture
def windows_drives(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """sys.platform as on Windows, and GetDriveTypeW answering from a table (4: a network
    drive, 3: a fixed disk)."""
    import ctypes

    types_of = {"S:\\": 4, "C:\\": 3}
    kernel32 = types.SimpleNamespace(GetDriveTypeW=lambda root: types_of.get(root, 3))
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    return types_of


def test_windows_network_paths_and_mapped_drives(windows_drives: dict[str, int]) -> None:
    assert network_filesystem(Path("\\\\nas\\lab\\recon.sqlite3")) == "a Windows network share"
    assert network_filesystem(Path("S:\\Recon\\recon.sqlite3")) == "a network drive"
    assert network_filesystem(Path("C:\\Recon\\recon.sqlite3")) is None


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("C:\\Users\\ana\\OneDrive - Contoso\\Lab\\recon.sqlite3", "OneDrive"),
        ("C:\\Users\\ana\\OneDrive\\recon.sqlite3", "OneDrive"),
        ("/Users/ana/Library/CloudStorage/OneDrive-Contoso/recon.sqlite3", "OneDrive"),
        (
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@lab.org/My Drive/r.sqlite3",
            "Google Drive",
        ),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/recon.sqlite3", "iCloud Drive"),
        ("/home/ana/Dropbox (Lab)/recon.sqlite3", "Dropbox"),
        ("/home/ana/Freezer Box-3/recon.sqlite3", None),
        ("C:\\Users\\ana\\AppData\\Local\\recon-desktop\\recon-desktop.sqlite3", None),
    ],
)
def test_sync_folders_are_recognised(path: str, service: str | None) -> None:
    assert synced_folder(Path(path)) == service


def test_a_onedrive_folder_is_warned_about_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OneDrive names its folder in %OneDrive%, whatever the folder is called."""
    synced = tmp_path / "Work Files"
    monkeypatch.setenv("OneDriveCommercial", str(synced))
    warnings: list[str] = []
    open_database(synced / "Lab" / "recon.sqlite3", warn=warnings.append).close()
    assert len(warnings) == 1
    assert "in a folder OneDrive synchronises" in warnings[0] and "local folder" in warnings[0]
    warnings.clear()
    open_database(tmp_path / "local" / "recon.sqlite3", warn=warnings.append).close()
    assert warnings == []


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    db = open_database(tmp_path / "lab.sqlite3")
    made = Services.create(db, station="BENCH-1")
    made.admin.create_first_admin("Cell Biology", "root", "999111")
    yield made
    db.close()


@pytest.mark.parametrize("how", ["hard link", "symbolic link"])
def test_a_backup_never_overwrites_the_live_file_under_another_name(
    services: Services, tmp_path: Path, how: str
) -> None:
    """On a case-insensitive disk (APFS, NTFS) ``LAB.sqlite3`` is ``lab.sqlite3``: the
    check compares the files, not their names (here: another name for the same file)."""
    live = tmp_path / "lab.sqlite3"
    other = tmp_path / "LAB.sqlite3"
    if how == "hard link":
        os.link(live, other)
    else:
        other.symlink_to(live)
    before = live.read_bytes()
    with pytest.raises(StorageError, match="cannot overwrite the database it copies"):
        backup.backup(services.db, other)
    with pytest.raises(StorageError, match="cannot be restored from itself"):
        restore.restore(services.db, other, station="BENCH-1")
    assert live.read_bytes() == before
    assert [lab.name for lab in services.admin.labs()] == ["Cell Biology"]
