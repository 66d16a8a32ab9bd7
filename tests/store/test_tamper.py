"""`audit verify` finds a record changed with the sqlite3 command-line tool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from recon_desktop.cli import main
from recon_desktop.services import Services, demo
from recon_desktop.store.db import open_database

SQLITE3 = shutil.which("sqlite3")


@pytest.fixture
def lab_file(tmp_path: Path) -> Path:
    path = tmp_path / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=50)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    for code in ("RC00000002", "RC00000003", "NOPE"):
        services.sessions.scan(ana, session.id, code)
    db.close()
    return path


@pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 command-line tool is not installed")
def test_a_scan_changed_with_the_sqlite3_tool_is_named(
    lab_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(lab_file), "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")
    # what someone with the file and the sqlite3 tool could do: the trigger is no obstacle
    script = "DROP TRIGGER scan_no_update; UPDATE scan SET tag = 'in_scope' WHERE barcode = 'NOPE';"
    subprocess.run([SQLITE3, str(lab_file), script], check=True)
    code = main(["--db", str(lab_file), "audit", "verify"])
    err = capsys.readouterr().err
    assert code != 0
    assert "scan #3" in err and "changed outside the application" in err
    assert err.count("\n") == 1


@pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 command-line tool is not installed")
def test_a_history_event_deleted_with_the_sqlite3_tool_is_found(
    lab_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = (
        "DROP TRIGGER history_event_no_delete; "
        "DELETE FROM history_event WHERE id = (SELECT MIN(id) FROM history_event "
        "WHERE kind = 'scanned');"
    )
    subprocess.run([SQLITE3, str(lab_file), script], check=True)
    assert main(["--db", str(lab_file), "audit", "verify"]) != 0
    err = capsys.readouterr().err
    assert "removed" in err or "does not follow" in err
