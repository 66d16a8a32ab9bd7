"""The style sheet where the program is installed under a name with an apostrophe,
brackets or a double quote (``C:\\Users\\O'Brien``): every rule still applies, the icons
are found."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from recon_desktop import paths
from recon_desktop.ui import style

REAL = paths.resources_dir()


@pytest.fixture
def app_sheet() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    yield app
    app.setStyleSheet(sheet)


@pytest.mark.parametrize("folder", ["O'Brien", "Lab (2) #1", 'the "bench" copy'])
def test_an_install_path_with_quotes_and_brackets(
    qtbot: QtBot,
    app_sheet: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
) -> None:
    installed = tmp_path / folder / "resources"
    shutil.copytree(REAL, installed)
    monkeypatch.setattr(paths, "resources_dir", lambda: installed)
    sheet = style.stylesheet()
    assert style.css_string_body(str(installed / "icons")) in sheet
    # a sheet Qt cannot parse, or an icon it cannot open, is a Qt warning: the test fails
    app_sheet.setStyleSheet(sheet)
    combo = QComboBox()
    combo.addItems(["one", "two"])
    qtbot.addWidget(combo)
    combo.show()
    combo.grab()
    assert app_sheet.styleSheet() == sheet
