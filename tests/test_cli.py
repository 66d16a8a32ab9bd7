"""The command line: the README walk-through end to end, and every user mistake as one
sentence on stderr with a non-zero exit status and no traceback."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from recon_desktop.cli import main
from recon_desktop.errors import ValidationError
from recon_desktop.store import audit
from recon_desktop.store.db import open_database

PINS = {"ana": "246810", "ben": "135790", "chris": "112233"}
LAB = "Cell Biology"
CONFIG = "Freezer A, Room 101"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, seeded once for this module (tests work on copies)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(path), "demo"]) == 0
    text = out.getvalue()
    assert "ana    PIN 246810  Cell Biology  admin" in text
    assert f"Cell Biology: {CONFIG!r}" in text
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "recon.sqlite3"
    shutil.copyfile(demo_template, path)
    monkeypatch.delenv("RECON_DB", raising=False)
    monkeypatch.setenv("RECON_PIN", PINS["ana"])
    return path


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def run(self, *argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(self.db), "--station", "CLI-1", *argv])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str) -> str:
        code, out, err = self.run(*argv)
        assert (code, err) == (0, ""), (argv, err)
        return out

    def mistake(self, *argv: str) -> str:
        """A user mistake: exit non-zero, one sentence on stderr, nothing on stdout."""
        code, out, err = self.run(*argv)
        assert code != 0, argv
        assert "Traceback" not in err and out == "", (argv, out, err)
        lines = err.splitlines()
        assert len(lines) == 1, (argv, err)
        assert lines[0].startswith("recon-desktop: ") and lines[0].endswith("."), lines[0]
        return lines[0].removeprefix("recon-desktop: ")


@pytest.fixture
def cli(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(demo_db, capsys)


@pytest.fixture
def session_id(cli: Cli) -> str:
    return cli.ok(
        "sessions",
        "start",
        "--user",
        "ana",
        "--lab",
        LAB,
        "--config",
        CONFIG,
        "--name",
        "CLI count",
    ).strip()


def show(cli: Cli, session: str, *extra: str) -> dict[str, Any]:
    data = json.loads(cli.ok("sessions", "show", session, "--json", *extra))
    assert isinstance(data, dict)
    return data


def test_walk_through(cli: Cli, session_id: str, tmp_path: Path) -> None:
    assert session_id.isdigit()
    before = show(cli, session_id, "--views")
    expected = before["all_in_listing"]
    assert isinstance(expected, list) and len(expected) == before["expected_total"] > 10
    assert before["not_scanned"] == expected and before["scanned_not_in_listing"] == []
    assert before["ended_at"] is None and str(before["started_at"]).endswith("+00:00")

    outside = "RC00000001"  # a Chemistry item (every fourth one, from the first)
    assert outside not in expected
    batch = tmp_path / "batch.txt"
    batch.write_text(
        "\n".join(
            [
                expected[0],
                f"  {expected[1]}  ",
                "",
                expected[2] + "\t2026-03-04T05:06:07+00:00",
                expected[0],
                outside,
                "NOT-A-LABEL",
                expected[3] + "\t",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = cli.ok("scans", "load", session_id, str(batch), "--user", "ana")
    assert out == (
        f"Loaded into session #{session_id}: 4 In Scope, 1 Already scanned, "
        "1 Not in Scope, 1 Unknown barcode.\n"
    )
    # the same file again records nothing twice
    again = cli.ok("scans", "load", session_id, str(batch), "--user", "ana")
    assert again == f"Loaded into session #{session_id}: 7 already loaded.\n"

    data = show(cli, session_id)
    for key in (
        "expected_total",
        "expected_scanned",
        "not_in_scope",
        "unknown",
        "already_scanned",
        "started_at",
        "ended_at",
    ):
        assert key in data, key
    assert (
        data["expected_scanned"],
        data["not_in_scope"],
        data["unknown"],
        data["already_scanned"],
    ) == (4, 1, 1, 1)
    assert data["expected_total"] == len(expected)
    # "not_scanned" is the list of barcodes (with --views), never a number in its place
    assert "not_scanned" not in data
    views = show(cli, session_id, "--views")
    assert set(views["not_scanned"]) == set(expected) - set(expected[:4])
    assert sorted(views["scanned_not_in_listing"]) == ["NOT-A-LABEL", outside]
    assert views["all_in_listing"] == expected

    human = cli.ok("sessions", "show", session_id)
    assert f"Session #{session_id} 'CLI count' in Cell Biology (active)" in human
    assert cli.ok("sessions", "list", "--active").startswith(f"{session_id}\tCLI count\t")

    ended = cli.ok("sessions", "end", session_id, "--user", "ana")
    assert ended.startswith(
        f"Session #{session_id} 'CLI count' ended: 4 of {len(expected)} expected items scanned"
    )
    assert show(cli, session_id)["ended_at"] is not None
    past = cli.ok("sessions", "list", "--past")
    assert past.startswith(f"{session_id}\tCLI count\tCell Biology\tana\t")
    assert cli.ok("sessions", "list", "--active") == "No sessions.\n"

    copy = tmp_path / "backup.sqlite3"
    assert cli.ok("backup", str(copy)).startswith(f"Backup written to {copy} (")
    db = open_database(copy, create=False)
    try:
        assert audit.verify(db).ok
        scans = db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0]
    finally:
        db.close()
    assert scans == 7
    assert cli.ok("audit", "verify").startswith("OK: ")
    # each command closes the database it opened: SQLite then folds the WAL back in
    assert not Path(f"{cli.db}-wal").exists()
    # a scan changed behind the program's back is named by audit verify
    connection = sqlite3.connect(cli.db)
    connection.execute("DROP TRIGGER scan_no_update")
    connection.execute("UPDATE scan SET raw = 'forged' WHERE id = 2")
    connection.commit()
    connection.close()
    code, out, err = cli.run("audit", "verify")
    assert (code, out) == (8, "") and len(err.splitlines()) == 1
    assert err.startswith("ALTERED: scan #2 ") and "changed outside the application" in err


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places the data folder")
def test_import_counts_are_grouped_in_thousands(cli: Cli, tmp_path: Path) -> None:
    rows = [f"CLI{n:05d},Glucose,Building 9/Room 1" for n in range(1_200)]
    path = tmp_path / "inventory.csv"
    path.write_text("barcode,ingredient,location\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = cli.ok("import", str(path), "--lab", LAB, "--dry-run")
    assert "Dry run: 1,200 rows would import (1,200 new, 0 updated, 0 unchanged)." in out
    assert "Imported 1,200 rows: 1,200 new" in cli.ok("import", str(path), "--lab", LAB)


def test_without_db_the_database_is_in_the_user_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("RECON_SETTINGS", str(tmp_path / "settings.json"))  # none chosen
    assert main(["labs", "add", "Default"]) == 0
    assert (tmp_path / "data" / "recon-desktop" / "recon-desktop.sqlite3").is_file()
    monkeypatch.setenv("RECON_DB", str(tmp_path / "chosen.sqlite3"))
    assert main(["labs", "add", "Chosen"]) == 0
    assert main(["labs", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("\tChosen")
    assert (tmp_path / "chosen.sqlite3").is_file()


def test_times_in_a_batch_file_are_kept(cli: Cli, session_id: str, tmp_path: Path) -> None:
    expected = show(cli, session_id, "--views")["all_in_listing"]
    assert isinstance(expected, list)
    batch = tmp_path / "timed.txt"
    batch.write_text(f"{expected[0]}\t2026-03-04T05:06:07+01:00\r\n", encoding="utf-8-sig")
    cli.ok("scans", "load", session_id, str(batch), "--user", "ana")
    connection = sqlite3.connect(cli.db)
    try:
        (at,) = connection.execute("SELECT scanned_at FROM scan").fetchone()
    finally:
        connection.close()
    assert at == "2026-03-04 04:06:07.000000"


def test_refused_lines_of_a_batch_file_are_named(cli: Cli, session_id: str, tmp_path: Path) -> None:
    batch = tmp_path / "bad.txt"
    batch.write_text(
        "RC00000001\n\x01\x02\x03\x04A\nRC00000002\tyesterday\n" + "9" * 300, encoding="utf-8"
    )
    code, out, err = cli.run("scans", "load", session_id, str(batch), "--user", "ana")
    assert code == 2 and "Traceback" not in err
    assert [line.split(":")[0] for line in err.splitlines()] == ["line 2", "line 3", "line 4"]
    assert out.endswith("; 3 lines refused.\n")
    binary = tmp_path / "binary.bin"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    assert cli.mistake("scans", "load", session_id, str(binary), "--user", "ana") == (
        f"{binary} is not a UTF-8 text file of barcodes."
    )


def test_a_batch_scanned_through_another_keyboard_layout_says_so(
    cli: Cli, session_id: str, tmp_path: Path
) -> None:
    """A batch scanner set to US English, its file made at an AZERTY computer."""
    batch = tmp_path / "azerty.txt"
    batch.write_text("RCààààààà&\nRC00000004\n", encoding="utf-8")
    code, out, err = cli.run("scans", "load", session_id, str(batch), "--user", "ana")
    assert code == 0 and "Traceback" not in err
    assert err == (
        "line 1: RCààààààà& is not a known barcode. Probably RC00000001, typed for a US "
        "English (QWERTY) keyboard on a French (AZERTY) one. Set the scanner's keyboard "
        "country to French (AZERTY) (a setup barcode in its manual), or switch this "
        "computer's keyboard to US English (QWERTY), then scan again.\n"
    )
    assert "1 Unknown barcode" in out


def test_user_mistakes_are_one_sentence(
    cli: Cli, session_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = ["sessions", "start", "--user", "ana", "--name", "Again"]
    assert cli.mistake(*start, "--lab", "Nowhere", "--config", CONFIG) == (
        "There is no lab called 'Nowhere'."
    )
    assert cli.mistake(*start, "--lab", LAB, "--config", "Nope") == (
        "There is no listing config 'Nope' in this lab."
    )
    assert cli.mistake(*start, "--lab", LAB, "--config", CONFIG) == (
        "ana already has an active session in this lab; end it before starting another."
    )
    assert cli.mistake("sessions", "show", "9999", "--json") == "There is no session #9999."
    assert cli.mistake("sessions", "end", "Nope", "--user", "ana") == (
        "There is no session 'Nope'."
    )
    assert cli.mistake("configs", "add", "Odd", "--lab", LAB, "--filter", "colour = red") == (
        "There is no field called 'colour'; use one of: barcode, ingredient, "
        "ingredient_type, lab, location, status, quantity, unit, lot, expiry, last_verified."
    )
    assert (
        cli.mistake("configs", "add", "Odd", "--lab", LAB, "--filter", "quantity > lots")
        == "Quantity: 'lots' is not a number."
    )
    assert cli.mistake("configs", "add", "Odd", "--lab", LAB, "--filter", "status").startswith(
        "The filter 'status' needs a field and an operator"
    )
    missing = tmp_path / "missing.txt"
    assert cli.mistake("scans", "load", session_id, str(missing), "--user", "ana") == (
        f"Cannot read {missing} (No such file or directory)."
    )
    assert cli.mistake("backup", str(tmp_path / "no-such-folder" / "copy.sqlite3")) == (
        f"The folder {tmp_path / 'no-such-folder'} does not exist."
    )
    # ben is a member but did not start the session
    monkeypatch.setenv("RECON_PIN", PINS["ben"])
    assert cli.mistake("sessions", "end", session_id, "--user", "ben") == (
        "Only ana, who started this session, can end it."
    )
    monkeypatch.setenv("RECON_PIN", PINS["chris"])
    assert cli.mistake(
        "sessions",
        "start",
        "--user",
        "chris",
        "--lab",
        LAB,
        "--config",
        CONFIG,
        "--name",
        "Viewer's",
    ) == (
        "chris cannot start a session in Cell Biology: that needs the admin or member role "
        "(you are a viewer)."
    )
    # wrong PIN and unknown user read the same
    monkeypatch.setenv("RECON_PIN", "000000")
    wrong = cli.mistake("sessions", "end", session_id, "--user", "ana")
    unknown = cli.mistake("sessions", "end", session_id, "--user", "zed")
    assert wrong == unknown == "Unknown user or wrong PIN."
    # no PIN and no terminal to type it in
    monkeypatch.delenv("RECON_PIN")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.mistake("sessions", "end", session_id, "--user", "ana") == (
        "Set RECON_PIN or run the command in a terminal to type the PIN."
    )
    assert (
        cli.mistake(
            "users", "add", "dan", "--pin-from-env", "DAN_PIN", "--lab", LAB, "--role", "member"
        )
        == "The environment variable DAN_PIN is not set."
    )
    # the session is untouched by all of that
    assert show(cli, session_id)["ended_at"] is None


def test_database_mistakes_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECON_DB", raising=False)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00\x01 not a database " * 512)
    assert Cli(garbage, capsys).mistake("sessions", "list") == (
        f"{garbage} is not a readable recon-desktop database (it may be damaged). "
        "Restore it from a backup: put the last good backup in place with 'recon-desktop "
        "restore BACKUP' (the damaged file is kept beside it)."
    )
    newer = tmp_path / "newer.sqlite3"
    open_database(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE schema_info SET value = '999' WHERE key = 'version'")
    connection.commit()
    connection.close()
    assert (
        Cli(newer, capsys)
        .mistake("sessions", "list")
        .startswith("This database was written by a newer version of recon-desktop (schema 999;")
    )
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert str(folder) in Cli(folder, capsys).mistake("labs", "list")
    unreachable = "postgresql://recon:secret@127.0.0.1:1/recon?connect_timeout=2"
    sentence = Cli(unreachable, capsys).mistake("labs", "list")
    assert sentence.startswith("Cannot connect to the database server ")
    assert "secret" not in sentence


def test_the_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("recon-desktop", path=str(Path(sys.executable).parent))
    assert script is not None, "the recon-desktop entry point is not installed"
    result = subprocess.run(
        [script, "--db", str(tmp_path / "new.sqlite3"), "sessions", "show", "7", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)},
    )
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == "recon-desktop: There is no session #7.\n"


@pytest.fixture(autouse=True)
def _no_stray_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("RECON_DB", raising=False)
    monkeypatch.delenv("RECON_SETTINGS", raising=False)
    yield


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "recon.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


def test_setting_up_a_lab_from_scratch(
    empty_target: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cli = Cli(empty_target, capsys)
    assert cli.ok("labs", "add", "Virology").startswith("Lab 'Virology' added (#")
    cli.ok("labs", "add", "Genomics")
    assert cli.mistake("labs", "add", " Virology ") == "There is already a lab called 'Virology'."
    monkeypatch.setenv("DAN_PIN", "424242")
    assert (
        cli.ok(
            "users",
            "add",
            "dan",
            "--pin-from-env",
            "DAN_PIN",
            "--lab",
            "Virology",
            "--role",
            "member",
        )
        == "User 'dan' is member in 'Virology'.\n"
    )
    monkeypatch.setenv("DAN_PIN", "999999")  # again for another lab: the PIN stays
    cli.ok(
        "users", "add", "dan", "--pin-from-env", "DAN_PIN", "--lab", "Genomics", "--role", "viewer"
    )
    monkeypatch.setenv("EVE_PIN", "12ab")
    assert (
        cli.mistake(
            "users",
            "add",
            "eve",
            "--pin-from-env",
            "EVE_PIN",
            "--lab",
            "Virology",
            "--role",
            "member",
        )
        == "A PIN must be 6 to 12 digits."
    )
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "barcode,ingredient,location,quantity,unit,lot,expires_on\n"
        "V-1,Saline,Building 2/Cold room/Rack 1,10,mL,L1,2030-01-01\n"
        "V-2,Saline,Building 2/Cold room/Rack 2,5,mL,L2,\n"
        "V-3,Agar,Building 2/Cold room/Rack 1,1,g,,\n",
        encoding="utf-8",
    )
    assert cli.ok("import", str(inventory), "--lab", "Virology").splitlines()[-1] == (
        "Imported 3 rows: 3 new, 0 updated, 0 unchanged."
    )
    assert cli.ok(
        "configs",
        "add",
        "Rack 1",
        "--lab",
        "Virology",
        "--filter",
        "location within Building 2/Cold room/Rack 1",
        "--filter",
        "quantity >= 1",
        "--columns",
        "barcode,ingredient,quantity",
    ).endswith("; it matches 2 items now.\n")
    assert cli.mistake(
        "configs", "add", "Odd", "--lab", "Virology", "--columns", "barcode,size"
    ) == (
        "There is no field called 'size'; use one of: "
        "barcode, ingredient, ingredient_type, lab, location, "
        "status, quantity, unit, lot, expiry, last_verified."
    )
    assert "\tRack 1\t" in cli.ok("configs", "list", "--lab", "Virology")
    monkeypatch.setenv("RECON_PIN", "424242")
    session = cli.ok(
        "sessions",
        "start",
        "--user",
        "dan",
        "--lab",
        "Virology",
        "--config",
        "Rack 1",
        "--name",
        "Rack check",
    ).strip()
    assert cli.mistake(
        "sessions",
        "start",
        "--user",
        "dan",
        "--lab",
        "Genomics",
        "--config",
        "Rack 1",
        "--name",
        "x",
    ).startswith("dan cannot start a session in Genomics")
    batch = tmp_path / "rack.txt"
    batch.write_text("V-1\nV-2\n", encoding="utf-8")
    cli.ok("scans", "load", session, str(batch), "--user", "dan")
    data = show(cli, session, "--views")
    assert (data["expected_total"], data["expected_scanned"], data["not_in_scope"]) == (2, 1, 1)
    assert data["not_scanned"] == ["V-3"] and data["scanned_not_in_listing"] == ["V-2"]
    cli.ok("sessions", "end", session, "--user", "dan")
    assert cli.ok("audit", "verify").startswith("OK: ")
    assert cli.mistake("scans", "load", session, str(batch), "--user", "dan") == (
        "This session has ended; scans are no longer accepted. Nothing was saved."
    )
    if empty_target.startswith("postgresql://"):
        assert "by pg_dump (custom format)" in cli.ok("backup", str(tmp_path / "copy.dump"))


def test_batch_file_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from recon_desktop.cli import parse_batch_line

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse_batch_line("A1\t2026-03-04T05:06:07\r\n") == (
            "A1",
            datetime(2026, 3, 4, 10, 6, 7),
        )  # local time (EST) → UTC
        assert parse_batch_line("A1\t2026-07-04 05:06:07+02:00") == (
            "A1",
            datetime(2026, 7, 4, 3, 6, 7),
        )
        assert parse_batch_line("A1\r\n") == ("A1", None)
        assert parse_batch_line("A1\t \n") == ("A1", None)
        with pytest.raises(ValidationError, match="'soon' is not an ISO date and time"):
            parse_batch_line("A1\tsoon")
    finally:
        monkeypatch.undo()
        time.tzset()
