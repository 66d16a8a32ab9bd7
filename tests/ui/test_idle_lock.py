"""Idle lock: the window asks for a sign-in after the idle time; the session stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from recon_desktop.ui.idle_lock import IdleLock
from recon_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def test_the_window_locks_and_another_person_signs_in(
    qtbot: QtBot,
    world: LabWorld,
    make_window: Callable[..., MainWindow],
) -> None:
    session = world.start_session()
    window = make_window()
    lock = IdleLock(window, 10, interval_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Locked after 10 minutes" in dialog.error.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Cancel).isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # only a sign-in unlocks

    qtbot.keyClicks(dialog.user, world.ben.name)
    qtbot.keyClicks(dialog.pin, world.ben.pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.dialog is None)
    assert window.operator.name == "ben"
    assert window.session is not None and window.session.id == session.id
    assert lock.active  # counting again


def test_activity_restarts_the_countdown_and_zero_means_never(
    qtbot: QtBot,
    world: LabWorld,
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    lock = IdleLock(window, 10, interval_ms=10_000)
    timer = lock._timer
    timer.stop()  # as if the countdown had been running for a while
    qtbot.keyClick(window, Qt.Key.Key_Shift)  # a person at work starts it again
    assert timer.isActive() and timer.interval() == 10_000
    assert lock.dialog is None
    lock.set_minutes(0)
    assert not lock.active
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not lock.active and lock.dialog is None
