"""For everyone at the bench: the keyboard leaves every table with Tab, a screen reader
finds every control named with its role, and each scan is announced."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from recon_desktop.settings import Terminator
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.preferences import terminator_keys
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def test_tab_leaves_the_scanned_list(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Tab goes to the next control (never cell by cell through the table); the arrows
    still move between the rows."""
    world.start_session()
    window = make_window()
    # the settings' default, Enter ends a scan (a Tab just after one would be the scanner's)
    window.capture.configure(terminators=terminator_keys(Terminator.ENTER))
    for code in ("ITEM-0001", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    table = window.findChild(QAbstractItemView, "scanTable")
    assert table is not None and not table.tabKeyNavigation()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(table.hasFocus)
