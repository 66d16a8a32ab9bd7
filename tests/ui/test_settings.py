"""The settings dialog, Test connection, and settings put into effect in the window."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recon_desktop import settings as settings_file
from recon_desktop.settings import DateFormat, Settings, Terminator
from recon_desktop.store.models import Lab
from recon_desktop.ui import formatting
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.shell import Shell
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, settle, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def restore_app() -> Iterator[QApplication]:
    """Settings change the application's style sheet, locale and time format: put them
    back for the next test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, locale = app.styleSheet(), QLocale()
    time_format = formatting.date_format()
    try:
        yield app
    finally:
        app.setStyleSheet(sheet)
        QLocale.setDefault(locale)
        formatting.set_date_format(time_format)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def _dialog(qtbot: QtBot, current: Settings, path: Path) -> SettingsDialog:
    dialog = SettingsDialog(current, path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_defaults_and_saves_choices(qtbot: QtBot, settings_path: Path) -> None:
    dialog = _dialog(qtbot, Settings(), settings_path)
    assert dialog.chosen() == Settings()
    assert not dialog.idle_ms.isEnabled()  # only for a scanner without a terminator
    assert not dialog.password.isEnabled()  # only for a PostgreSQL URL

    dialog.terminator.setCurrentIndex(dialog.terminator.findData("none"))
    assert dialog.idle_ms.isEnabled()
    dialog.idle_ms.setValue(120)
    qtbot.keyClicks(dialog.gs_substitute, "~")
    dialog.sounds.setChecked(False)
    dialog.idle_lock.setValue(0)
    assert dialog.idle_lock.text() == "Never"
    dialog.font_size.setValue(18)
    dialog.language.setCurrentIndex(dialog.language.findData("de_DE"))
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("day-first"))
    qtbot.keyClicks(dialog.database, "postgresql://ana:secret@db.lab/recon")
    assert dialog.password.isEnabled()
    dialog.remember.setChecked(False)
    dialog.save()

    expected = Settings(
        database="postgresql://ana@db.lab/recon",
        scanner_terminator=Terminator.NONE,
        scanner_idle_ms=120,
        gs_substitute="~",
        sounds=False,
        idle_lock_minutes=0,
        font_size=18,
        date_language="de_DE",
        date_format=DateFormat.DAY_FIRST,
    )
    assert dialog.saved == expected
    assert dialog.password_for_now == "secret"  # for this run only
    text = settings_path.read_text(encoding="utf-8")
    assert "secret" not in text
    assert settings_file.load(settings_path).settings == expected


def test_restore_defaults_keeps_the_database(qtbot: QtBot, settings_path: Path) -> None:
    current = Settings(database="/data/lab.sqlite3", font_size=24, sounds=False)
    dialog = _dialog(qtbot, current, settings_path)
    dialog.buttons.button(dialog.buttons.StandardButton.RestoreDefaults).click()
    assert dialog.chosen() == Settings(database="/data/lab.sqlite3")


def test_test_connection_on_our_database(
    qtbot: QtBot, world: LabWorld, settings_path: Path
) -> None:
    dialog = _dialog(qtbot, Settings(database=str(world.db_path)), settings_path)
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.connection_result.text().startswith("✔"))
    assert dialog.connection_result.text() == (
        f"✔ Connected to {world.db_path}: a recon-desktop database with 2 labs."
    )
    assert dialog.test_button.isEnabled()
    # the test opened its own connection: the models still use the window's database
    assert Lab._meta.database is world.services.db


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        ("missing-folder", "does not exist"),
        ("foreign", "not made by recon-desktop"),
        ("garbage", "not a readable recon-desktop database"),
        ("new-file", "✔ There is no database at"),
    ],
)
def test_test_connection_says_what_is_wrong(
    qtbot: QtBot, tmp_path: Path, settings_path: Path, make: str, expected: str
) -> None:
    target = tmp_path / "db.sqlite3"
    if make == "missing-folder":
        target = tmp_path / "nowhere" / "db.sqlite3"
    elif make == "foreign":
        with sqlite3.connect(target) as conn:
            conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.close()
    elif make == "garbage":
        target.write_bytes(b"this is not a database file at all" * 100)
    dialog = _dialog(qtbot, Settings(), settings_path)
    dialog.database.setText(str(target))
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.connection_result.text()[:1] in ("✔", "✖"))
    assert expected in dialog.connection_result.text()
    assert dialog.connection_result.text().endswith(".")


def test_test_connection_to_an_unreachable_server(qtbot: QtBot, settings_path: Path) -> None:
    dialog = _dialog(qtbot, Settings(), settings_path)
    dialog.database.setText("postgresql://nobody@127.0.0.1:1/recon")
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.connection_result.text()[:1] in ("✔", "✖"), timeout=15000)
    result = dialog.connection_result.text()
    assert result.startswith("✖") and "127.0.0.1" in result


@pytest.fixture
def shell(tmp_path: Path, settings_path: Path, restore_app: QApplication) -> Iterator[Shell]:
    made = Shell.start(
        restore_app, settings_path=settings_path, log_dir=tmp_path / "logs", hooks=False
    )
    try:
        yield made
    finally:
        made.close()


def test_settings_reach_the_window(
    qtbot: QtBot,
    world: LabWorld,
    settings_path: Path,
    tmp_path: Path,
    restore_app: QApplication,
    make_window: Callable[..., MainWindow],
) -> None:
    settings_file.save(
        Settings(
            scanner_terminator=Terminator.NONE,
            scanner_idle_ms=60,
            gs_substitute="~",
            sounds=False,
            date_format=DateFormat.MONTH_FIRST,
        ),
        settings_path,
    )
    shell = Shell.start(
        restore_app, settings_path=settings_path, log_dir=tmp_path / "logs", hooks=False
    )
    try:
        assert restore_app.styleSheet() == ""  # the tests' plain looks, at the base size
        assert formatting.date_format() is DateFormat.MONTH_FIRST
        world.start_session()
        window = make_window()
        shell.attach(window, "test database")
        assert window.live.gs_substitute == "~"
        assert not window.sounds.enabled and not window.session_menu.sounds_action.isChecked()

        # a scanner without a terminator: the burst ends after the pause
        qtbot.keyClicks(window, world.barcodes[0])
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        assert window.model.row_at(0).barcode == world.barcodes[0]  # type: ignore[union-attr]

        # the cog menu's Sounds is remembered in the settings file
        window.session_menu.sounds_action.trigger()
        assert json.loads(settings_path.read_text(encoding="utf-8"))["sounds"] is True
    finally:
        shell.close()


def test_a_member_may_not_move_the_database_the_anchors_or_the_idle_lock(
    qtbot: QtBot, world: LabWorld, shell: Shell, make_window: Callable[..., MainWindow],
    settings_path: Path,
) -> None:  # fmt: skip
    """Settings that decide where the records and their anchors go, and whether the program
    locks, are an admin's; a member changes the rest."""
    window = make_window()  # ana, a member
    menus = shell.attach(window, "test database")
    dialog = menus.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.addWidget(dialog)
    assert dialog.admin_only.isVisibleTo(dialog)
    assert not any(widget.isEnabled() for widget in dialog.protected)
    dialog.database.setText("/elsewhere/recon.sqlite3")  # even set from outside the form
    dialog.idle_lock.setValue(0)
    dialog.anchor_file.setText("/dev/null")
    dialog.font_size.setValue(20)
    dialog.save()
    saved = settings_file.load(settings_path).settings
    assert (saved.database, saved.idle_lock_minutes, saved.anchor_file) == ("", 10, "")
    assert saved.font_size == 20
    assert menus.idle_lock is not None and menus.idle_lock.active


def test_tab_ends_a_scan_only_when_chosen(
    qtbot: QtBot, world: LabWorld, shell: Shell, make_window: Callable[..., MainWindow]
) -> None:
    world.start_session()
    window = make_window()
    shell.attach(window, "test database")  # Enter (the default)
    type_scan(qtbot, window, world.barcodes[0], terminator=Qt.Key.Key_Tab)
    assert window.model.rowCount() == 0 and window.capture.buffer == world.barcodes[0]
    qtbot.keyClick(window, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.model.rowCount() == 1

    menus = shell.attach(window, "test database")
    assert menus.idle_lock is not None and menus.idle_lock.minutes == 10
    assert menus.idle_lock.active
    root = world.services.auth.sign_in("root", "999111")  # the idle lock is an admin's
    world.services.admin.add_user(root, "ana", "", lab=world.lab.name, role="admin")
    dialog = menus.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.addWidget(dialog)
    dialog.terminator.setCurrentIndex(dialog.terminator.findData("tab"))
    dialog.idle_lock.setValue(0)
    dialog.save()
    assert shell.settings.scanner_terminator is Terminator.TAB
    assert not menus.idle_lock.active  # never locks now
    type_scan(qtbot, window, world.barcodes[1], terminator=Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)


FONT_SCRIPT = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from recon_desktop.services import Services
from recon_desktop.core.records import Role
from recon_desktop.store.db import open_database
from recon_desktop.ui import style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.shell import Shell

app = QApplication(sys.argv[:1])
style.apply(app)
folder = Path(sys.argv[1])
shell = Shell.start(app, settings_path=folder / "settings.json", log_dir=folder / "logs",
                    hooks=False)
db = open_database(folder / "recon.sqlite3")
services = Services.create(db, station="TEST-1")
services.admin.create_first_admin("Lab", "ana", "246810")
window = MainWindow(services, services.auth.sign_in("ana", "246810"), database="test",
                    settings=QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat))
menus = shell.attach(window, "test")
window.show()
for size in (20, 12, 14):
    dialog = menus.open_settings()
    dialog.font_size.setValue(size)
    dialog.save()
    for _ in range(3):
        app.processEvents()
    sheet = app.styleSheet()
    print(size, f"font-size: {size}px" in sheet, "font-size: 22px" in sheet)
shell.close()
db.close()
"""


def test_a_new_font_size_applies_to_the_running_window(tmp_path: Path) -> None:
    """The whole style sheet scales at once (in its own process: it changes the
    application's looks for good)."""
    done = subprocess.run(
        [sys.executable, "-c", FONT_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr
    # ordinary text at the chosen size; the 22 px page title only at the base size
    assert done.stdout.split("\n")[:3] == ["20 True False", "12 True False", "14 True True"]
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["font_size"] == 14


def test_a_database_set_for_the_computer_is_shown_and_kept(
    qtbot: QtBot, tmp_path: Path, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site" / "settings.json"
    site.parent.mkdir()
    site.write_text(json.dumps({"database": "/srv/bench/recon.sqlite3"}), encoding="utf-8")
    monkeypatch.setenv(settings_file.SITE_SETTINGS_ENV, str(site))
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({"database": "/home/ana/mine.sqlite3"}), "utf-8")
    loaded = settings_file.load(settings_path)
    dialog = SettingsDialog(loaded.settings, settings_path, loaded=loaded)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database.text() == "/srv/bench/recon.sqlite3"
    assert dialog.database.isReadOnly()
    assert str(site) in dialog.database.toolTip()
    dialog.font_size.setValue(19)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.database == "/srv/bench/recon.sqlite3"
    written = json.loads(settings_path.read_text(encoding="utf-8"))
    assert written["database"] == "/home/ana/mine.sqlite3" and written["font_size"] == 19
