"""Idle lock: the program asks for a sign-in after the idle time, whatever is open; the
session stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMainWindow, QMenu, QWidget
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


def sign_in(qtbot: QtBot, dialog: QDialog, name: str, pin: str) -> None:
    qtbot.keyClicks(dialog.user, name)  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.pin, pin)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # type: ignore[attr-defined]


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_lock_fires_over_an_open_menu_and_closes_it(
    qtbot: QtBot, world: LabWorld, make_window: Callable[..., MainWindow]
) -> None:
    """A menu left open no longer keeps the program unlocked (it restarted the countdown)."""
    window = make_window()
    menu = QMenu(window)
    chosen: list[bool] = []
    menu.addAction("Archive everything").triggered.connect(lambda: chosen.append(True))
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    lock = IdleLock(window, 10, interval_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert not menu.isVisible() and QApplication.activePopupWidget() is None
    assert lock.dialog is not None and lock.dialog.isVisible()
    assert lock.dialog.windowModality() is Qt.WindowModality.ApplicationModal
    assert chosen == []


def test_other_windows_and_dialogs_are_covered_and_refuse_input(
    qtbot: QtBot, world: LabWorld, make_window: Callable[..., MainWindow]
) -> None:
    """While locked no window but the sign-in takes a key or a click; another window
    hides and an open dialog is covered; the same person signing in gets both back."""
    window = make_window()
    other = QMainWindow()  # a view window, say: a window of its own
    qtbot.addWidget(other)
    field = QLineEdit(other)
    other.setCentralWidget(field)
    other.show()
    question = QDialog(window)
    answer = QLineEdit(question)
    question.setWindowModality(Qt.WindowModality.WindowModal)
    question.open()
    qtbot.waitUntil(question.isVisible)
    lock = IdleLock(window, 10, interval_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert not other.isVisible()
    cover = question.findChild(QWidget, "lockCover")
    assert question.isVisible() and cover is not None and cover.isVisible()
    assert cover.geometry() == question.rect()
    for target in (field, answer, window):
        qtbot.keyClicks(target, "archive")
    assert field.text() == answer.text() == ""
    assert lock.dialog is not None
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        sign_in(qtbot, lock.dialog, world.ana.name, world.ana.pin)
    assert other.isVisible() and question.isVisible()
    qtbot.waitUntil(lambda: question.findChild(QWidget, "lockCover") is None)
    qtbot.keyClicks(answer, "ok")
    assert answer.text() == "ok"
    question.close()


def test_another_person_signing_in_closes_the_previous_persons_windows(
    qtbot: QtBot, world: LabWorld, make_window: Callable[..., MainWindow]
) -> None:
    """What the previous person left open is not the next person's: a view with their
    name on its actions closes, their open question is cancelled."""
    window = make_window()
    other = QMainWindow()
    qtbot.addWidget(other)
    other.show()
    question = QDialog(window)
    question.setWindowModality(Qt.WindowModality.WindowModal)
    question.open()
    qtbot.waitUntil(question.isVisible)
    lock = IdleLock(window, 10, interval_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert lock.dialog is not None
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        sign_in(qtbot, lock.dialog, world.ben.name, world.ben.pin)
    assert window.operator.name == "ben"
    assert not other.isVisible()
    assert not question.isVisible() and question.result() == QDialog.DialogCode.Rejected
