"""The Barcode Tracking window fits the screens of bench PCs with the default font:
1366×768 at 125% (1093×614 logical pixels) and 1280×800 at 100%, with a taskbar and a
title bar; long names and barcodes elide or wrap instead of widening it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from recon_desktop.ui import style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.sizing import WindowBody, screen_of
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, send_text

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]

TASKBAR = 48  # physical pixels (Windows 11)
TITLE_BAR = 32  # logical pixels
FRAME = 16


def unscrolled(window: MainWindow) -> QSize:
    """The least size showing all of the window without its contents scrolling."""
    body = window.centralWidget()
    assert isinstance(body, WindowBody)
    chrome = window.minimumSizeHint() - body.minimumSizeHint()
    return body.body.minimumSizeHint() + chrome


def room(width: int, height: int, scale: float) -> QSize:
    """What a maximised window's contents may use on a screen, in logical pixels."""
    return QSize(int(width / scale) - FRAME, int((height - TASKBAR) / scale) - TITLE_BAR - FRAME)


SCREENS = {"1366×768 at 125%": room(1366, 768, 1.25), "1280×800 at 100%": room(1280, 800, 1.0)}
LONG = (
    "Quarterly reconciliation of the minus-eighty freezers in building one, room 101, "
    "all shelves and the overflow racks"
)


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The program's own style sheet (its fonts and paddings), as app.run_gui applies."""
    sheet = qapp.styleSheet()
    style.apply(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_window_fits_with_long_names(
    qtbot: QtBot, styled: QApplication, world: LabWorld, make_window: MakeWindow, screen: str
) -> None:
    world.start_session(name=LONG)
    window = make_window()
    short = unscrolled(window)
    send_text(window.table, "X" * 40 + "-" + "9" * 150 + "\r")  # an unknown 191-character scan
    qtbot.waitUntil(lambda: window.panel.tag.text() == "Unknown barcode")
    window.database_label.setText("Database: " + "/srv/lab share/" * 12 + "recon.sqlite3")
    window.lab_label.setText("Lab: " + LONG)
    needed = unscrolled(window)
    fits = SCREENS[screen]
    assert needed.width() <= fits.width(), (needed, fits)
    assert needed.height() <= fits.height(), (needed, fits)
    assert needed.width() == short.width()  # long names and barcodes do not widen it
    window.resize(needed)
    qtbot.waitUntil(lambda: window.width() == needed.width())
    assert window.banner.name.text() == LONG  # the whole name is kept,
    assert window.banner.name.toolTip() == LONG  # and shown where it is cut


def test_the_first_size_fits_the_screen(make_window: MakeWindow) -> None:
    window = make_window()
    screen = screen_of(window)
    assert screen is not None
    available = screen.availableGeometry().size()
    first = window.first_size()
    assert first.width() <= available.width() and first.height() <= available.height()


def test_on_a_small_screen_the_contents_scroll(
    qtbot: QtBot, styled: QApplication, world: LabWorld, make_window: MakeWindow
) -> None:
    """1366×768 at 200% leaves 683×312 logical pixels: the window fits in them and its
    contents scroll, each part at the size it needs (nothing squeezed, nothing off-screen)."""
    world.start_session()
    window = make_window()
    small = room(1366, 768, 2.0)
    assert window.minimumSizeHint().width() <= small.width()
    assert window.minimumSizeHint().height() <= small.height()
    window.resize(small)
    qtbot.waitUntil(lambda: window.height() == small.height())
    body = window.centralWidget()
    assert isinstance(body, WindowBody)
    qtbot.waitUntil(lambda: body.verticalScrollBar().maximum() > 0)
    assert body.body.height() >= body.body.minimumSizeHint().height()
    body.ensureWidgetVisible(window.table)
    qtbot.waitUntil(lambda: body.verticalScrollBar().value() > 0)
