"""Shared bench PCs: a machine-wide settings file IT deploys, read before the user's; and
settings files written by Windows tools (with a byte order mark)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from recon_desktop import paths, settings
from recon_desktop.settings import Settings, Terminator

IT_DB = "/srv/bench/recon-desktop.sqlite3"


def write_json(path: Path, data: dict[str, object], *, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(data).encode(encoding))
    return path


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return tmp_path / "user" / "settings.json"


@pytest.fixture
def site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "site" / "settings.json"
    monkeypatch.setenv(settings.SITE_SETTINGS_ENV, str(path))
    return path


@pytest.mark.parametrize(
    "encoding",
    [
        "utf-8-sig",  # PowerShell 5.1: Set-Content -Encoding UTF8
        "utf-16",  # PowerShell 5.1: Out-File, or > (UTF-16 LE with its mark)
        "utf-16-be",
    ],
)
def test_a_file_with_a_byte_order_mark_is_read(user_file: Path, encoding: str) -> None:
    data = {"version": 1, "database": "D:\\Labor Zählung\\recon.sqlite3", "sounds": False}
    text = json.dumps(data, ensure_ascii=False)
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    user_file.parent.mkdir(parents=True)
    user_file.write_bytes(raw)
    loaded = settings.load(user_file)
    assert loaded.warnings == ()
    assert loaded.settings.database == "D:\\Labor Zählung\\recon.sqlite3"
    assert loaded.settings.sounds is False


def test_the_machine_wide_database_wins(user_file: Path, site_file: Path) -> None:
    write_json(site_file, {"version": 1, "database": IT_DB, "idle_lock_minutes": 5})
    write_json(user_file, {"version": 1, "database": "/home/ana/mine.sqlite3", "font_size": 18})
    loaded = settings.load(user_file)
    assert loaded.warnings == ()
    assert loaded.settings.database == IT_DB  # not the one in the roaming profile
    assert loaded.settings.idle_lock_minutes == 5  # IT's default for everyone
    assert loaded.settings.font_size == 18  # the user's own choice stays
    assert loaded.site is not None and loaded.site.locks_database
    assert loaded.own_database == "/home/ana/mine.sqlite3"


def test_the_user_may_choose_when_it_says_so(user_file: Path, site_file: Path) -> None:
    write_json(site_file, {"database": IT_DB, settings.USER_MAY_CHOOSE_DATABASE: True})
    write_json(user_file, {"database": "/home/ana/mine.sqlite3"})
    assert settings.load(user_file).settings.database == "/home/ana/mine.sqlite3"
    write_json(user_file, {"database": ""})  # "": this computer's default, IT's
    assert settings.load(user_file).settings.database == IT_DB
    user_file.unlink()
    assert settings.load(user_file).settings.database == IT_DB


def test_a_bad_value_in_the_machine_wide_file_is_named(user_file: Path, site_file: Path) -> None:
    write_json(site_file, {"database": IT_DB, settings.USER_MAY_CHOOSE_DATABASE: "yes"})
    write_json(user_file, {"database": "/home/ana/mine.sqlite3"})
    loaded = settings.load(user_file)
    assert loaded.settings.database == IT_DB
    assert loaded.warnings == (
        f"user_may_choose_database in {site_file} was 'yes', not true or false; its "
        "database is used.",
    )
    site_file.write_text("{not json", encoding="utf-8")
    loaded = settings.load(user_file)
    assert loaded.settings.database == "/home/ana/mine.sqlite3"
    assert str(site_file) in loaded.warnings[0] and "damaged" in loaded.warnings[0]


def test_saving_keeps_the_users_choice_and_leaves_its_values_to_it(
    user_file: Path, site_file: Path
) -> None:
    write_json(site_file, {"database": IT_DB, "idle_lock_minutes": 5, "sounds": False})
    write_json(user_file, {"database": "/home/ana/mine.sqlite3"})
    loaded = settings.load(user_file)
    chosen = loaded.settings.replace(font_size=20, sounds=True)
    after = loaded.save(chosen)
    assert after.settings == chosen and after.settings.database == IT_DB
    written = json.loads(user_file.read_text(encoding="utf-8"))
    assert written["database"] == "/home/ana/mine.sqlite3"  # kept, not IT's copied in
    assert "idle_lock_minutes" not in written  # IT's value: a later change there reaches ana
    assert written["sounds"] is True and written["font_size"] == 20
    write_json(site_file, {"database": IT_DB, "idle_lock_minutes": 15, "sounds": False})
    again = settings.load(user_file).settings
    assert (again.idle_lock_minutes, again.sounds, again.font_size) == (15, True, 20)


def test_without_a_machine_wide_file_nothing_changes(user_file: Path, site_file: Path) -> None:
    chosen = Settings(database="/data/recon.sqlite3", scanner_terminator=Terminator.TAB)
    loaded = settings.load(user_file)
    assert loaded.site is None
    loaded.save(chosen)
    assert settings.load(user_file).settings == chosen


def test_the_command_line_uses_the_machine_wide_database(
    tmp_path: Path, user_file: Path, site_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recon_desktop.cli import database_target, main

    it_db = tmp_path / "bench" / "recon.sqlite3"
    write_json(site_file, {"database": str(it_db)})
    write_json(user_file, {"database": str(tmp_path / "mine.sqlite3")})
    monkeypatch.setenv(settings.SETTINGS_ENV, str(user_file))
    monkeypatch.delenv("RECON_DB", raising=False)
    monkeypatch.setenv("ROOT_PIN", "999111")
    first = ["users", "add", "root", "--pin-from-env", "ROOT_PIN", "--role", "admin"]
    assert main([*first, "--lab", "Cell Biology"]) == 0
    assert it_db.exists() and not (tmp_path / "mine.sqlite3").exists()
    args = type("Args", (), {"db": None, "demo": False})()
    assert database_target(args) == str(it_db)


def test_where_the_machine_wide_file_is_looked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.SITE_SETTINGS_ENV)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/etc/xdg")
    assert settings.site_settings_path() == Path("/etc/xdg/recon-desktop/settings.json")
    monkeypatch.setattr(sys, "platform", "darwin")  # never Homebrew's prefix
    assert paths.site_config_dir() == Path("/Library/Application Support/recon-desktop")
