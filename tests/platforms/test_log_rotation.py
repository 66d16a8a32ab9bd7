"""The log rotates while a second copy of the program has it open: on Windows the rename
is refused (the file is in use), the lines go on into the current file and nothing is
lost; the rotation happens once the other copy has let go."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest

from recon_desktop.logs import SharedRotatingFileHandler

IN_USE = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def windows_renames(monkeypatch: pytest.MonkeyPatch) -> list[SharedRotatingFileHandler]:
    """os.replace as on Windows: a file another copy's handler holds open cannot be
    moved. The list holds those other copies' handlers."""
    others: list[SharedRotatingFileHandler] = []
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        for other in others:
            if other.stream is not None and os.fspath(src) == other.baseFilename:
                raise PermissionError(errno.EACCES, IN_USE)
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return others


def lines_in(folder: Path) -> list[str]:
    found: list[str] = []
    for path in folder.iterdir():
        found += path.read_text(encoding="utf-8").splitlines()
    return found


def test_a_second_copy_holding_the_log_delays_rotation(
    tmp_path: Path,
    windows_renames: list[SharedRotatingFileHandler],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(SharedRotatingFileHandler, "RETRY_BYTES", 500)
    path = tmp_path / "recon-desktop.log"
    (tmp_path / "recon-desktop.log.1").write_text("older 1\n", encoding="utf-8")
    (tmp_path / "recon-desktop.log.2").write_text("older 2\n", encoding="utf-8")
    mine = SharedRotatingFileHandler(path, maxBytes=1000, backupCount=3, encoding="utf-8")
    second_window = SharedRotatingFileHandler(path, maxBytes=1000, backupCount=3, encoding="utf-8")
    second_window.stream  # noqa: B018 - it has the file open, as another process would
    windows_renames.append(second_window)
    log = logging.getLogger("test.rotation")
    log.propagate = False
    log.addHandler(mine)
    log.setLevel(logging.INFO)
    try:
        for n in range(60):
            log.info("line %03d %s", n, "x" * 40)
        assert "Logging error" not in capsys.readouterr().err
        assert (tmp_path / "recon-desktop.log.1").read_text(encoding="utf-8") == "older 1\n"
        assert (tmp_path / "recon-desktop.log.2").read_text(encoding="utf-8") == "older 2\n"
        assert path.stat().st_size > 1000  # grew on while it could not move
        second_window.close()  # the other copy quits
        for n in range(60, 80):
            log.info("line %03d %s", n, "x" * 40)
    finally:
        log.removeHandler(mine)
        mine.close()
    assert "Logging error" not in capsys.readouterr().err
    assert (tmp_path / "recon-desktop.log.2").read_text(encoding="utf-8") == "older 1\n"
    assert (tmp_path / "recon-desktop.log.3").read_text(encoding="utf-8") == "older 2\n"
    written = [line for line in lines_in(tmp_path) if line.startswith("line ")]
    assert sorted(written) == [f"line {n:03d} {'x' * 40}" for n in range(80)]  # none lost


def test_plain_rotation_keeps_the_number_of_files(tmp_path: Path) -> None:
    path = tmp_path / "recon-desktop.log"
    handler = SharedRotatingFileHandler(path, maxBytes=300, backupCount=2, encoding="utf-8")
    log = logging.getLogger("test.rotation.plain")
    log.propagate = False
    log.addHandler(handler)
    try:
        for n in range(100):
            log.warning("line %03d", n)
    finally:
        log.removeHandler(handler)
        handler.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "recon-desktop.log",
        "recon-desktop.log.1",
        "recon-desktop.log.2",
    ]
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "line 099"
