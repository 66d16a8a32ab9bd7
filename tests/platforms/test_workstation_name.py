"""The workstation recorded with each scan on macOS is the computer's name from System
Settings (``scutil --get ComputerName``), not the host name the network hands out."""

from __future__ import annotations

import os
import socket
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from recon_desktop.services import Services
from recon_desktop.store.db import open_database
from recon_desktop.workstation import workstation_name


@pytest.fixture
def fresh_name() -> Iterator[None]:
    workstation_name.cache_clear()
    yield
    workstation_name.cache_clear()


def fake_scutil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scutil = bin_dir / "scutil"
    scutil.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    scutil.chmod(scutil.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "darwin")


def test_the_computer_name_on_macos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_name: None
) -> None:
    fake_scutil(
        tmp_path,
        monkeypatch,
        '[ "$2" = ComputerName ] && echo "Bench Mac 3" && exit 0\nexit 1\n',
    )
    monkeypatch.setattr(socket, "gethostname", lambda: "dhcp-10-2-3-4.lab.example")
    assert workstation_name() == "Bench Mac 3"
    db = open_database(tmp_path / "lab.sqlite3")
    try:
        assert Services.create(db).station == "Bench Mac 3"
    finally:
        db.close()


def test_the_local_host_name_when_no_computer_name_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_name: None
) -> None:
    fake_scutil(
        tmp_path, monkeypatch, '[ "$2" = LocalHostName ] && echo "Bench-Mac-3" && exit 0\nexit 1\n'
    )
    assert workstation_name() == "Bench-Mac-3"


def test_the_host_name_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_name: None
) -> None:
    fake_scutil(tmp_path, monkeypatch, 'echo "never asked"\n')
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(socket, "gethostname", lambda: "BENCH-PC-07")
    assert workstation_name() == "BENCH-PC-07"
