"""Help → About and Help → Show log, and the menus that open them."""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recon_desktop import __version__, licences
from recon_desktop.logs import LogSetup, setup_logging
from recon_desktop.store.db import describe
from recon_desktop.ui.about import AboutDialog, LogWindow, Places
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.shell import Shell
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def logging_setup(tmp_path: Path) -> Iterator[LogSetup]:
    setup = setup_logging(tmp_path / "logs")
    try:
        yield setup
    finally:
        setup.close()


def test_about_shows_versions_places_and_licences(
    qtbot: QtBot, tmp_path: Path, logging_setup: LogSetup
) -> None:
    places = Places.current(
        describe("postgresql://ana:secret@db.lab:5433/recon"),
        log_file=logging_setup.path,
        settings_file=tmp_path / "s.json",
    )
    dialog = AboutDialog(places)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = {name: label.text() for name, label in dialog.fields.items()}
    assert fields["Version"] == f"{__version__} (source checkout)"  # the tests run from it
    assert fields["Qt"] == f"{qVersion()} (PySide6 {pyside_version})"
    assert fields["Python"].startswith(platform.python_version())
    assert fields["Database"] == "postgresql://ana@db.lab:5433/recon"  # never the password
    assert fields["Data folder"] == str(places.data_dir)
    assert fields["Log file"] == str(logging_setup.path)
    assert fields["Settings"] == str(tmp_path / "s.json")
    assert "Settings for this computer" not in fields  # no machine-wide file here
    site = AboutDialog(
        Places.current("x.sqlite3", settings_file=tmp_path / "s.json", site_settings=tmp_path)
    )
    qtbot.addWidget(site)
    assert site.fields["Settings for this computer"].text() == str(tmp_path)

    rows = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert rows["Python"] == (platform.python_version(), "PSF-2.0")
    assert rows["peewee"][1].startswith("MIT")  # from its licence file
    assert "LGPL-3.0" in rows["PySide6_Essentials"][1]
    assert rows["openpyxl"][1] == "MIT"
    for name in (
        "biip",
        "platformdirs",
        "psycopg",
        "python-calamine",
        "defusedxml",
        "shiboken6",
        "recon-desktop",
    ):
        assert name in rows and rows[name][1] != "not stated", name
    assert "pytest" not in rows and "mypy" not in rows  # test tools are not bundled
    assert "Copy" in dialog.copy_button.text()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"Qt: {qVersion()}" in copied and "peewee" in copied and "secret" not in copied


def test_licence_closure_follows_requirements_and_extras() -> None:
    names = {licences.normalise(d.metadata["Name"]) for d in licences.distribution_closure()}
    # psycopg[binary] brings psycopg-binary; openpyxl brings et-xmlfile
    assert {
        "recon-desktop",
        "psycopg",
        "psycopg-binary",
        "et-xmlfile",
        "pyside6-essentials",
        "shiboken6",
    } <= names
    assert not {"pytest", "hypothesis", "ruff", "pyinstaller"} & names


def test_show_log_shows_recent_lines(qtbot: QtBot, logging_setup: LogSetup) -> None:
    logging.getLogger("recon_desktop.test").warning("scanner unplugged at bench 3")
    window = LogWindow(logging_setup.ring, log_file=logging_setup.path)
    qtbot.addWidget(window)
    window.show()
    lines = window.lines()
    assert any("started (Python" in line for line in lines)
    assert "scanner unplugged at bench 3" in lines[-1] and "WARNING" in lines[-1]
    assert str(logging_setup.path) in window.where.text()
    logging.getLogger("recon_desktop.test").info("a later line")
    window.refresh()
    assert "a later line" in window.lines()[-1]
    assert logging_setup.path is not None
    assert "scanner unplugged" in logging_setup.path.read_text(encoding="utf-8")


def test_the_ring_keeps_only_the_last_lines(tmp_path: Path) -> None:
    setup = setup_logging(tmp_path / "logs", ring_lines=5)
    try:
        for n in range(20):
            logging.getLogger("recon_desktop.test").info("line %d", n)
        lines = setup.ring.lines()
        assert len(lines) == 5 and lines[-1].endswith("line 19") and lines[0].endswith("line 15")
        handler = next(h for h in setup.handlers if isinstance(h, logging.FileHandler))
        assert handler.maxBytes == 1_000_000 and handler.backupCount == 5  # type: ignore[attr-defined]
    finally:
        setup.close()
    assert not any(h in logging.getLogger().handlers for h in setup.handlers)


def test_help_menu_opens_about_and_log(
    qtbot: QtBot, world: LabWorld, tmp_path: Path, make_window: Callable[..., MainWindow]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = Shell.start(
        app, settings_path=tmp_path / "settings.json", log_dir=tmp_path / "logs", hooks=False
    )
    try:
        window = make_window()
        menus = shell.attach(window, str(world.db_path))
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["&Tools", "&Help"]
        menus.about_action.trigger()
        about = menus.dialog
        assert isinstance(about, AboutDialog)
        qtbot.addWidget(about)
        assert about.fields["Database"].text() == str(world.db_path)
        assert about.fields["Log file"].text() == str(tmp_path / "logs" / "recon-desktop.log")
        about.close()
        menus.log_action.trigger()
        log_window = menus.dialog
        assert isinstance(log_window, LogWindow)
        qtbot.addWidget(log_window)
        assert any("recon-desktop" in line and "started" in line for line in log_window.lines())
        log_window.close()
    finally:
        shell.close()


def test_licences_with_the_metadata_backport_loaded() -> None:
    """keyring loads the importlib_metadata backport, whose metadata raises KeyError for a
    missing field: the licences are read all the same."""
    pytest.importorskip("importlib_metadata")
    rows = {row.name: row.licence for row in licences.bundled_licences()}
    assert rows["peewee"].startswith("MIT") and rows["openpyxl"] == "MIT"
