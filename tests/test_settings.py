"""Workstation settings: defaults, round trip, numbered upgrades, damaged files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recon_desktop import credentials, settings
from recon_desktop.settings import DateFormat, Settings, Terminator


def test_defaults_work_without_a_file(tmp_path: Path) -> None:
    loaded = settings.load(tmp_path / "settings.json")
    assert loaded.warnings == ()
    s = loaded.settings
    assert s == Settings()
    assert s.database == ""  # the SQLite file in the user data folder
    assert s.scanner_terminator is Terminator.ENTER
    assert s.scanner_idle_ms == 80
    assert s.gs_substitute == ""
    assert s.sounds is True
    assert s.idle_lock_minutes == 10
    assert s.font_size == 14
    assert s.date_language == "system"
    assert s.date_format is DateFormat.ISO
    assert not (tmp_path / "settings.json").exists()  # loading writes nothing


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    chosen = Settings().replace(
        database="postgresql://ana@db.lab:5433/recon",
        scanner_terminator=Terminator.NONE,
        scanner_idle_ms=150,
        gs_substitute="~",
        sounds=False,
        idle_lock_minutes=0,
        font_size=20,
        date_language="de_DE",
        date_format=DateFormat.DAY_FIRST,
    )
    settings.save(chosen, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == settings.VERSION
    assert data["scanner_terminator"] == "none"
    loaded = settings.load(path)
    assert loaded.warnings == ()
    assert loaded.settings == chosen
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_env_variable_chooses_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.SETTINGS_ENV, str(tmp_path / "other.json"))
    assert settings.settings_path() == tmp_path / "other.json"


def test_upgrade_from_a_made_up_old_file(tmp_path: Path) -> None:
    """A version-1 file in an older shape goes through numbered upgrades 1→2→3."""
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"version": 1, "beep": False, "terminator": "TAB", "font_size": 16}),
        encoding="utf-8",
    )
    calls: list[int] = []

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        data["sounds"] = data.pop("beep")
        return data

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        data["scanner_terminator"] = data.pop("terminator").lower()
        return data

    loaded = settings.load(path, upgrades={1: v1_to_v2, 2: v2_to_v3}, version=3)
    assert calls == [1, 2]
    assert loaded.upgraded_from == 1
    assert loaded.warnings == ()
    assert loaded.settings.sounds is False
    assert loaded.settings.scanner_terminator is Terminator.TAB
    assert loaded.settings.font_size == 16


def test_a_missing_upgrade_gives_defaults_and_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 1, "font_size": 18}', encoding="utf-8")
    loaded = settings.load(path, upgrades={}, version=2)
    assert loaded.settings == Settings()
    assert "no upgrade from version 1" in loaded.warnings[0]


def test_a_file_without_a_version_is_the_first_format(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"font_size": 18}', encoding="utf-8")
    assert settings.load(path).settings.font_size == 18


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        "[1, 2, 3]",
        '"text"',
        b"\xff\xfe\x00garbage",
        '{"version": "two"}',
        '{"version": 0}',
    ],
)
def test_a_damaged_file_gives_defaults_and_a_warning(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "settings.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    loaded = settings.load(path)
    assert loaded.settings == Settings()
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert str(path) in warning and "defaults are used" in warning
    assert warning.endswith(".") and "\n" not in warning


def test_values_that_do_not_fit_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "font_size": 400,
                "sounds": "yes",
                "scanner_terminator": "space",
                "gs_substitute": "ab",
                "idle_lock_minutes": 5,
                "date_language": "xx_YY",
                "scanner_idle_ms": True,
                "unknown_key": 1,
            }
        ),
        encoding="utf-8",
    )
    loaded = settings.load(path)
    s = loaded.settings
    assert s.idle_lock_minutes == 5  # the one good value is kept
    assert (
        s.font_size,
        s.sounds,
        s.scanner_terminator,
        s.gs_substitute,
        s.date_language,
        s.scanner_idle_ms,
    ) == (14, True, Terminator.ENTER, "", "system", 80)
    assert len(loaded.warnings) == 6
    assert any("font_size" in w and "10 to 32" in w for w in loaded.warnings)


def test_a_newer_file_keeps_what_this_version_knows(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 99, "font_size": 12, "hologram": true}', encoding="utf-8")
    loaded = settings.load(path)
    assert loaded.settings.font_size == 12
    assert "newer recon-desktop" in loaded.warnings[0]


def test_an_unreadable_file_gives_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "settings.json"
    folder.mkdir()  # a folder where the file should be
    loaded = settings.load(folder)
    assert loaded.settings == Settings()
    assert "could not be read" in loaded.warnings[0]


def test_a_password_is_never_stored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"database": "postgresql://ana:secret@db/recon"}), encoding="utf-8")
    loaded = settings.load(path)
    assert loaded.settings.database == "postgresql://ana@db/recon"
    assert "keyring" in loaded.warnings[0]
    assert "secret" not in loaded.warnings[0]
    settings.save(loaded.settings, path)
    assert "secret" not in path.read_text(encoding="utf-8")
    settings.save(Settings(database="postgresql://ana:secret@db/recon"), path)
    assert "secret" not in path.read_text(encoding="utf-8")


def test_password_helpers() -> None:
    url = "postgresql://ana:s%40cret@db.lab:5433/recon?sslmode=require"
    bare, password = credentials.split_password(url)
    assert (bare, password) == ("postgresql://ana@db.lab:5433/recon?sslmode=require", "s@cret")
    assert credentials.split_password("/data/recon.sqlite3") == ("/data/recon.sqlite3", None)
    back = credentials.with_password(bare, "s@cret")
    assert credentials.split_password(back) == (bare, "s@cret")
    assert credentials.keyring_key(url) == "ana@db.lab:5433/recon"
    target, missing = credentials.connect_target("/data/recon.sqlite3")
    assert (target, missing) == ("/data/recon.sqlite3", False)
    assert credentials.connect_target(url) == (url, False)


def test_the_command_line_uses_the_database_of_the_settings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from recon_desktop.cli import main

    chosen = tmp_path / "chosen.sqlite3"
    settings.save(Settings(database=str(chosen)), tmp_path / "settings.json")
    monkeypatch.setenv(settings.SETTINGS_ENV, str(tmp_path / "settings.json"))
    monkeypatch.delenv("RECON_DB", raising=False)
    monkeypatch.setenv("ROOT_PIN", "999111")
    first = ["users", "add", "root", "--pin-from-env", "ROOT_PIN", "--role", "admin"]
    assert main([*first, "--lab", "Cell Biology"]) == 0
    assert chosen.exists()
    capsys.readouterr()
    assert main(["labs", "list"]) == 0
    assert "Cell Biology" in capsys.readouterr().out
    monkeypatch.setenv("RECON_DB", str(tmp_path / "env.sqlite3"))  # RECON_DB still wins
    assert main(["labs", "list"]) == 0
    assert capsys.readouterr().out == ""


def test_version_1_is_upgraded_with_the_common_label_size(tmp_path: Path) -> None:
    """Version 2 prints labels: a version-1 file keeps its values and gets 50 × 25 mm."""
    path = tmp_path / "settings.json"
    path.write_text('{"version": 1, "font_size": 18, "sounds": false}', encoding="utf-8")
    loaded = settings.load(path)
    assert loaded.upgraded_from == 1 and loaded.warnings == ()
    s = loaded.settings
    assert (s.font_size, s.sounds, s.label_width_mm, s.label_height_mm) == (18, False, 50, 25)
    settings.save(s.replace(label_width_mm=62, label_height_mm=29), path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == 2 and (saved["label_width_mm"], saved["label_height_mm"]) == (62, 29)
    assert settings.load(path).settings.label_width_mm == 62


def test_a_label_size_out_of_range_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 2, "label_width_mm": 5, "label_height_mm": 40}', encoding="utf-8")
    loaded = settings.load(path)
    assert (loaded.settings.label_width_mm, loaded.settings.label_height_mm) == (50, 40)
    assert len(loaded.warnings) == 1 and "label_width_mm" in loaded.warnings[0]
