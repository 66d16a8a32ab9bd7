"""Command-line output redirected to a file on Windows is written in the ANSI code page
(cp1252): a name it cannot hold is escaped, never a UnicodeEncodeError."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recon_desktop.cli import main

NAME = "β-ME Zählung"  # β is not in cp1252, ä is


@pytest.fixture
def lab_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database whose first admin, ana, made the lab."""
    path = tmp_path / "recon.sqlite3"
    monkeypatch.setenv("PIN_ANA", "246810")
    assert main(["--db", str(path), "users", "add", "ana", "--pin-from-env", "PIN_ANA",
                 "--lab", NAME, "--role", "admin"]) == 0  # fmt: skip
    return path


def cp1252_stdout(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    raw = io.BytesIO()
    # what Windows gives a redirected stdout: the ANSI code page, strict errors
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    return raw


def test_a_name_cp1252_cannot_hold_is_escaped(
    lab_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = cp1252_stdout(monkeypatch)
    assert main(["--db", str(lab_db), "labs", "list"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode("cp1252")
    assert text == "1\t\\u03b2-ME Zählung\n"  # ä as the code page has it, β escaped


def test_json_stays_json_in_cp1252(
    lab_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RECON_PIN", "246810")
    db = str(lab_db)
    assert main(["--db", db, "configs", "add", "All", "--lab", NAME, "--user", "ana"]) == 0
    assert main(["--db", db, "sessions", "start", "--user", "ana", "--lab", NAME,
                 "--config", "All", "--name", NAME]) == 0  # fmt: skip
    capsys.readouterr()
    raw = cp1252_stdout(monkeypatch)
    assert main(["--db", db, "sessions", "show", "1", "--json"]) == 0
    sys.stdout.flush()
    data = json.loads(raw.getvalue().decode("cp1252"))
    assert data["name"] == data["lab"] == NAME  # read back exactly


def test_the_program_redirected_in_cp1252(lab_db: Path, tmp_path: Path) -> None:
    """The real program with Windows' redirected-output encoding (PYTHONIOENCODING)."""
    out = tmp_path / "labs.txt"
    with open(out, "wb") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "recon_desktop", "--db", str(lab_db), "labs", "list"],
            stdout=stream,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "cp1252"},
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert out.read_bytes().decode("cp1252") == "1\t\\u03b2-ME Zählung\n"
