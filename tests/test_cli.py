"""The command line: the README walk-through end to end, and every user mistake as one
sentence on stderr with a non-zero exit status and no traceback."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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


def after_start(data: dict[str, Any], *, seconds: int) -> str:
    """An ISO time a few seconds after the session (as shown) started."""
    started = datetime.fromisoformat(str(data["started_at"]))
    return (started + timedelta(seconds=seconds)).isoformat()


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
                expected[2] + "\t" + after_start(before, seconds=1),
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
    out = cli.ok("import", str(path), "--lab", LAB, "--dry-run", "--user", "ana")
    assert "Dry run: 1,200 rows would import (1,200 new, 0 updated, 0 unchanged)." in out
    done = cli.ok("import", str(path), "--lab", LAB, "--user", "ana")
    assert "Imported 1,200 rows: 1,200 new" in done


def test_without_db_the_database_is_in_the_user_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("RECON_SETTINGS", str(tmp_path / "settings.json"))  # none chosen
    monkeypatch.setenv("ROOT_PIN", "999111")
    first = ["users", "add", "root", "--pin-from-env", "ROOT_PIN", "--role", "admin", "--lab"]
    assert main([*first, "Default"]) == 0
    assert (tmp_path / "data" / "recon-desktop" / "recon-desktop.sqlite3").is_file()
    monkeypatch.setenv("RECON_DB", str(tmp_path / "chosen.sqlite3"))
    assert main([*first, "Chosen"]) == 0
    assert main(["labs", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("\tChosen")
    assert (tmp_path / "chosen.sqlite3").is_file()


def test_times_in_a_batch_file_are_kept(cli: Cli, session_id: str, tmp_path: Path) -> None:
    expected = show(cli, session_id, "--views")["all_in_listing"]
    assert isinstance(expected, list)
    started = datetime.fromisoformat(str(show(cli, session_id)["started_at"]))
    moment = (started + timedelta(seconds=2)).replace(microsecond=0)
    local = moment.astimezone(timezone(timedelta(hours=1)))  # written with an offset
    batch = tmp_path / "timed.txt"
    batch.write_text(f"{expected[0]}\t{local.isoformat()}\r\n", encoding="utf-8-sig")
    cli.ok("scans", "load", session_id, str(batch), "--user", "ana")
    connection = sqlite3.connect(cli.db)
    try:
        (at,) = connection.execute("SELECT scanned_at FROM scan").fetchone()
    finally:
        connection.close()
    assert at == moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def test_refused_lines_of_a_batch_file_are_named(cli: Cli, session_id: str, tmp_path: Path) -> None:
    batch = tmp_path / "bad.txt"
    batch.write_text(
        "RC00000001\n\x01\x02\x03\x04A\nRC00000002\tyesterday\n" + "9" * 300, encoding="utf-8"
    )
    code, out, err = cli.run("scans", "load", session_id, str(batch), "--user", "ana")
    assert code == 2 and "Traceback" not in err
    assert [line.split(":")[0] for line in err.splitlines()] == ["line 2", "line 3", "line 4"]
    assert out.endswith("; 3 lines refused.\n")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("RC00000001\n".encode("utf-16"))
    assert cli.mistake("scans", "load", session_id, str(utf16), "--user", "ana") == (
        f"{utf16} is UTF-16 text; save it as UTF-8 (one barcode a line) and load it again."
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


def test_a_batch_file_with_bad_lines_loads_its_good_ones(
    cli: Cli, session_id: str, tmp_path: Path
) -> None:
    """A line that is not UTF-8, has control characters, is too long, or carries a time
    before the session's start or in the future is named by its number; every other line
    loads."""
    data = show(cli, session_id, "--views")
    expected = data["all_in_listing"]
    assert isinstance(expected, list)
    batch = tmp_path / "mixed.txt"
    batch.write_bytes(
        b"\n".join(
            [
                expected[0].encode(),  # 1
                b"RC\xff\xfe0001",  # 2: not UTF-8 (Latin-1 bytes)
                expected[1].encode() + b"\t1999-01-01T00:00:00+00:00",  # 3: before the start
                expected[2].encode() + b"\t2099-01-01T00:00:00+00:00",  # 4: in the future
                b"\x01\x02\x03\x04A",  # 5: control characters
                b"9" * 300,  # 6: too long
                expected[3].encode() + b"\t" + after_start(data, seconds=1).encode(),  # 7
                b"",
                expected[4].encode() + b"\r",  # 9
            ]
        )
    )
    code, out, err = cli.run("scans", "load", session_id, str(batch), "--user", "ana")
    assert code == 2 and "Traceback" not in err
    refused = dict(line.split(": ", 1) for line in err.splitlines())
    assert list(refused) == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert refused["line 2"] == "not UTF-8 text; the line was not loaded."
    assert "is before the session started" in refused["line 3"]
    assert "is in the future" in refused["line 4"]
    assert out == f"Loaded into session #{session_id}: 3 In Scope; 5 lines refused.\n"
    assert show(cli, session_id)["expected_scanned"] == 3


def test_the_same_file_from_another_station_or_user_counts_too(
    cli: Cli, session_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan of a batch file is one line of one file loaded by one workstation and user:
    loaded again from there it records nothing twice; from another station, or by
    another user, its scans are recorded (as repeats when the items were found)."""
    expected = show(cli, session_id, "--views")["all_in_listing"]
    assert isinstance(expected, list)
    batch = tmp_path / "rack.txt"
    batch.write_text("\n".join([*expected[:3], "NOT-A-LABEL"]) + "\n", encoding="utf-8")
    load = ["scans", "load", session_id, str(batch)]
    first = cli.ok(*load, "--user", "ana")
    assert first == f"Loaded into session #{session_id}: 3 In Scope, 1 Unknown barcode.\n"
    assert cli.ok(*load, "--user", "ana").endswith(": 4 already loaded.\n")

    def scans() -> int:
        connection = sqlite3.connect(cli.db)
        try:
            return int(connection.execute("SELECT COUNT(*) FROM scan").fetchone()[0])
        finally:
            connection.close()

    assert scans() == 4
    other = main(["--db", str(cli.db), "--station", "CLI-2", *load, "--user", "ana"])
    assert other == 0 and scans() == 8
    assert "4 Already scanned" in cli.capsys.readouterr().out
    monkeypatch.setenv("RECON_PIN", PINS["ben"])
    assert cli.ok(*load, "--user", "ben").endswith(": 4 Already scanned.\n")
    assert scans() == 12


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
    odd = ["configs", "add", "Odd", "--lab", LAB, "--user", "ana"]
    assert cli.mistake(*odd, "--filter", "colour = red") == (
        "There is no field called 'colour'; use one of: barcode, ingredient, "
        "ingredient_type, lab, location, status, quantity, unit, lot, expiry, last_verified."
    )
    assert cli.mistake(*odd, "--filter", "quantity > lots") == "Quantity: 'lots' is not a number."
    assert cli.mistake(*odd, "--filter", "status").startswith(
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


def audit_events(target: str) -> list[tuple[str, str, str]]:
    """(kind, who, detail) of every audit event, oldest first."""
    db = open_database(target)
    try:
        rows = db.execute_sql("SELECT kind, user_name, detail FROM audit_event ORDER BY id")
        return [(kind, who or "", detail or "") for kind, who, detail in rows.fetchall()]
    finally:
        db.close()


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
    monkeypatch.setenv("ROOT_PIN", "999111")
    first = ["users", "add", "root", "--pin-from-env", "ROOT_PIN", "--lab", "Virology"]
    # an empty database: its first user must be an admin, made without a sign-in
    assert cli.mistake(*first, "--role", "member").startswith(
        "This database has no users yet: its first user must be an admin"
    )
    assert cli.ok(*first, "--role", "admin").startswith(
        "User 'root' is admin in 'Virology', the database's first admin"
    )
    # from then on, every change of administration needs a signed-in admin
    assert cli.mistake("labs", "add", "Genomics").startswith(
        "Adding a lab needs a signed-in admin: add --user NAME"
    )
    assert cli.mistake(*first, "--role", "admin") == (
        "Adding a user or a role needs a signed-in admin: add --user NAME (the PIN from "
        "RECON_PIN, or typed when asked)."
    )
    monkeypatch.setenv("RECON_PIN", "999111")
    root = ["--user", "root"]
    assert cli.ok("labs", "add", "Genomics", *root) == (
        "Lab 'Genomics' added (#2); root is its admin.\n"
    )
    assert cli.mistake("labs", "add", " Genomics ", *root) == (
        "There is already a lab called 'Genomics'."
    )
    monkeypatch.setenv("DAN_PIN", "424242")
    dan = ["users", "add", "dan", "--pin-from-env", "DAN_PIN"]
    assert cli.ok(*dan, "--lab", "Virology", "--role", "member", *root) == (
        "User 'dan' is member in 'Virology'.\n"
    )
    monkeypatch.setenv("DAN_PIN", "999999")  # again for another lab: the PIN stays
    cli.ok(*dan, "--lab", "Genomics", "--role", "viewer", *root)
    monkeypatch.setenv("EVE_PIN", "12ab")
    assert cli.mistake(
        "users", "add", "eve", "--pin-from-env", "EVE_PIN", "--lab", "Virology", "--role",
        "member", *root,
    ) == "A PIN must be 6 to 12 digits."  # fmt: skip
    # a member is no admin: no labs, users, roles, configs or imports
    monkeypatch.setenv("RECON_PIN", "424242")
    as_dan = ["--user", "dan"]
    assert cli.mistake("labs", "add", "Mine", *as_dan) == (
        "dan cannot add a lab: that needs an admin of a lab."
    )
    monkeypatch.setenv("MAL_PIN", "666666")
    assert cli.mistake(
        "users", "add", "mallory", "--pin-from-env", "MAL_PIN", "--lab", "Virology", "--role",
        "admin", *as_dan,
    ) == (
        "dan cannot add users or change roles in Virology: that needs the admin role (you "
        "are a member)."
    )  # fmt: skip
    # dan's own PIN he may change; root's he may not
    monkeypatch.setenv("NEW_PIN", "313131")
    assert cli.ok("users", "pin", "dan", "--pin-from-env", "NEW_PIN", *as_dan) == (
        "dan's PIN was changed.\n"
    )
    monkeypatch.setenv("RECON_PIN", "313131")
    assert cli.mistake("users", "pin", "root", "--pin-from-env", "NEW_PIN", *as_dan) == (
        "dan cannot set root's PIN: that needs an admin of Genomics, Virology."
    )
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "barcode,ingredient,location,quantity,unit,lot,expires_on\n"
        "V-1,Saline,Building 2/Cold room/Rack 1,10,mL,L1,2030-01-01\n"
        "V-2,Saline,Building 2/Cold room/Rack 2,5,mL,L2,\n"
        "V-3,Agar,Building 2/Cold room/Rack 1,1,g,,\n",
        encoding="utf-8",
    )
    assert cli.mistake("import", str(inventory), "--lab", "Virology", *as_dan) == (
        "dan cannot import inventory in Virology: that needs the admin role (you are a member)."
    )
    monkeypatch.setenv("RECON_PIN", "999111")
    assert cli.ok("import", str(inventory), "--lab", "Virology", *root).splitlines()[-1] == (
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
        *root,
    ).endswith("; it matches 2 items now.\n")
    assert cli.mistake(
        "configs", "add", "Odd", "--lab", "Virology", "--columns", "barcode,size", *root
    ) == (
        "There is no field called 'size'; use one of: "
        "barcode, ingredient, ingredient_type, lab, location, "
        "status, quantity, unit, lot, expiry, last_verified."
    )
    # each of those is recorded: who, what (the import with its file's SHA-256)
    recorded = audit_events(empty_target)
    kinds = {kind for kind, _, _ in recorded}
    for kind in ("lab-added", "user-added", "role-set", "pin-changed", "config-added"):
        assert kind in kinds, kind
    imported = [(who, detail) for kind, who, detail in recorded if kind == "inventory-imported"]
    assert len(imported) == 1 and imported[0][0] == "root"
    assert "inventory.csv sha256:" in imported[0][1] and "3 new" in imported[0][1]
    assert "\tRack 1\t" in cli.ok("configs", "list", "--lab", "Virology")
    monkeypatch.setenv("RECON_PIN", "313131")
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
    from recon_desktop.services.batch import parse_line as parse_batch_line

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


@pytest.mark.postgres
def test_one_batch_file_loaded_twice_at_once_records_each_scan_once(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Two loads of the same file at the same moment from one station: on a server the
    second insert of a scan id waits for the first and then fails on the unique id; that
    is its replay, never a traceback. From two stations each records its own."""
    cli = Cli(postgres_url, capsys)
    monkeypatch.setenv("RECON_PIN", "999111")
    cli.ok("users", "add", "root", "--pin-from-env", "RECON_PIN", "--lab", LAB, "--role", "admin")
    rows = [f"P{n:04d},Saline,Building 1/Room 1" for n in range(150)]
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("barcode,ingredient,location\n" + "\n".join(rows) + "\n", encoding="utf-8")
    cli.ok("import", str(inventory), "--lab", LAB, "--user", "root")
    cli.ok("configs", "add", "All", "--lab", LAB, "--user", "root")
    session = cli.ok(
        "sessions", "start", "--user", "root", "--lab", LAB, "--config", "All", "--name", "Race"
    ).strip()  # fmt: skip
    batch = tmp_path / "batch.txt"
    batch.write_text("".join(f"P{n:04d}\n" for n in range(150)), encoding="utf-8")

    def load_twice(station_a: str, station_b: str) -> list[subprocess.CompletedProcess[str]]:
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "recon_desktop",
                    "--db",
                    postgres_url,
                    "--station",
                    station,
                    "scans",
                    "load",
                    session,
                    str(batch),
                    "--user",
                    "root",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={
                    **os.environ,
                    "RECON_PIN": "999111",
                    "XDG_STATE_HOME": str(tmp_path / "state"),
                },
            )
            for station in (station_a, station_b)
        ]
        done = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        return done

    def scans() -> int:
        db = open_database(postgres_url)
        try:
            return int(db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0])
        finally:
            db.close()

    for result in load_twice("BENCH-1", "BENCH-1"):
        assert result.returncode == 0 and result.stderr == "", result.stderr
    assert scans() == 150
    for result in load_twice("BENCH-2", "BENCH-3"):
        assert result.returncode == 0 and result.stderr == "", result.stderr
    assert scans() == 450


SECRET = "Pw-Secret-7x9"  # no command may print or log it


@pytest.mark.postgres
def test_no_command_prints_or_logs_a_password(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """Every command run with a password in its database URL (a server that takes it, and
    one that cannot be reached): the password is in no output and no log line."""
    import logging

    from recon_desktop import logs

    parts = urlsplit(postgres_url)
    url = urlunsplit(parts._replace(netloc=parts.netloc.replace("@", f":{SECRET}@", 1)))
    unreachable = f"postgresql://ana:{SECRET}@127.0.0.1:1/nowhere?connect_timeout=2"
    monkeypatch.setenv("RECON_PIN", PINS["ana"])
    monkeypatch.setenv("ANA_PIN", PINS["ana"])
    monkeypatch.setenv("NEW_PIN", "565656")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    setup = logs.setup_logging(tmp_path / "log", level=logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    batch = tmp_path / "scans.txt"
    batch.write_text("RC00000002\nNOPE\n", encoding="utf-8")
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("barcode,ingredient,location\nPW-1,Saline,Building 9\n", encoding="utf-8")
    commands = [
        ["demo", "--size", "50"],
        ["labs", "list"],
        ["labs", "add", "Physics", "--user", "ana"],
        ["users", "add", "dan", "--pin-from-env", "NEW_PIN", "--lab", LAB, "--role", "member",
         "--user", "ana"],
        ["users", "pin", "dan", "--pin-from-env", "NEW_PIN", "--user", "ana"],
        ["import", str(inventory), "--lab", LAB, "--user", "ana"],
        ["configs", "add", "Everything", "--lab", LAB, "--user", "ana"],
        ["configs", "list", "--lab", LAB],
        ["sessions", "start", "--user", "ana", "--lab", LAB, "--config", CONFIG, "--name", "P"],
        ["sessions", "show", "1", "--json", "--views"],
        ["sessions", "list"],
        ["sessions", "join", "1", "--user", "ana"],
        ["scans", "load", "1", str(batch), "--user", "ana"],
        ["sessions", "end", "1", "--user", "ana"],
        ["sessions", "export", "1", "-o", str(tmp_path / "report.xlsx")],
        ["audit", "verify"],
        ["audit", "verify", "--anchor", str(tmp_path / "report.xlsx")],
        ["backup", str(tmp_path / "server.dump")],
        ["restore", str(tmp_path / "server.dump")],
        ["server", "setup", "--print"],
    ]  # fmt: skip
    seen: list[str] = []
    try:
        for target in (url, unreachable):
            for command in commands:
                main(["--db", target, *command])
                out, err = capsys.readouterr()
                seen.append(f"{command}: {out}{err}")
    finally:
        setup.close()
    logged = [record.getMessage() for record in caplog.records]
    logged += [str(record.exc_info) for record in caplog.records if record.exc_info]
    log_file = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "log").glob("*"))
    for text in (*seen, *logged, log_file, *setup.ring.lines()):
        assert SECRET not in text, text
    # and the commands did run (the first database took them, the second was unreachable)
    assert any("Report written to" in s for s in seen)
    assert any("cannot be reached" in s or "Cannot connect" in s for s in seen)


def test_a_batch_file_with_gs_sent_as_another_character(
    cli: Cli, session_id: str, tmp_path: Path
) -> None:
    """A scanner set to send ~ for the GS1 separator: --gs-as ~ reads it as GS."""
    batch = tmp_path / "stand-in.txt"
    batch.write_text("]d2010950600013438310OLD7~21SN9\n", encoding="utf-8")
    assert cli.mistake(
        "scans", "load", session_id, str(batch), "--user", "ana", "--gs-as", "~~"
    ) == ("--gs-as takes one printable character, not '~~'.")
    cli.ok("scans", "load", session_id, str(batch), "--user", "ana", "--gs-as", "~")
    connection = sqlite3.connect(cli.db)
    try:
        rows = connection.execute("SELECT barcode, lot_seen FROM scan").fetchall()
    finally:
        connection.close()
    assert rows == [("(01)09506000134383(21)SN9", "OLD7")]  # an unknown bottle, its serial
