"""A fresh home for each test, and the application's global state given back afterwards
(the program in process sets the style, its names and the date format for its run)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from recon_desktop.ui import formatting
from recon_desktop.ui.cycle_collector import GuiThreadCycleCollector
from tests.e2e.program import Home, fresh_qsettings


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the program does (its own collector stops when it returns)."""
    collector = GuiThreadCycleCollector(qapp)
    yield
    collector.stop()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Home]:
    """A home folder with nothing of the program yet; this process moved into it."""
    made = Home(tmp_path / "home")
    made.root.mkdir()
    real_config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for name in list(os.environ):
        if name.startswith("RECON_"):
            monkeypatch.delenv(name)
    for name, value in made.variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(made.root)
    fresh_qsettings(made.config)
    saved = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.windowIcon(),
        qapp.organizationName(),
        qapp.applicationName(),
        qapp.applicationDisplayName(),
        QLocale(),
        formatting.date_format(),
    )
    yield made
    style, sheet, icon, organization, name, display, locale, time_format = saved
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setWindowIcon(icon)
    qapp.setOrganizationName(organization)
    qapp.setApplicationName(name)
    qapp.setApplicationDisplayName(display)
    QLocale.setDefault(locale)
    formatting.set_date_format(time_format)
    fresh_qsettings(real_config)
