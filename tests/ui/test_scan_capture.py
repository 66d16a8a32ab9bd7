"""The scanner capture on its own: a small window with a text field and a button."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recon_desktop.ui.scan_capture import TRAILING_TERMINATOR_S, ScanCapture, mark_scan_field
from tests.ui.conftest import OFFSCREEN_NOISE, activate, send_text, type_scan, type_slowly

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Bench:
    """A window with a field and a button, its capture, and what the capture emitted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QWidget()
        self.field = QLineEdit()
        self.button = QPushButton("Press")
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.field)
        layout.addWidget(self.button)
        self.clock = FakeClock()
        self.capture = ScanCapture(self.window, clock=self.clock)
        self.scans: list[str] = []
        self.buffers: list[str] = []
        self.capture.scanned.connect(self.scans.append)
        self.capture.bufferChanged.connect(self.buffers.append)
        self.capture.install()
        qtbot.addWidget(self.window)
        activate(qtbot, self.window)


@pytest.fixture
def bench(qtbot: QtBot) -> Iterator[Bench]:
    made = Bench(qtbot)
    yield made
    made.capture.uninstall()


def test_keys_become_a_scan_not_text(qtbot: QtBot, bench: Bench) -> None:
    bench.field.setFocus()
    type_scan(qtbot, bench.field, "ABC-123")
    assert bench.scans == ["ABC-123"]
    assert bench.field.text() == ""  # the widget never saw the keys
    assert bench.buffers[-2:] == ["ABC-123", ""]


@pytest.mark.parametrize("terminator", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab])
def test_every_terminator_ends_a_scan(qtbot: QtBot, bench: Bench, terminator: Qt.Key) -> None:
    bench.button.setFocus()
    type_scan(qtbot, bench.button, "X1", terminator)
    assert bench.scans == ["X1"]
    assert bench.button.hasFocus()


def test_group_separator_is_kept(bench: Bench) -> None:
    send_text(bench.field, "0109501234567893\x1d10LOT\r")
    assert bench.scans == ["0109501234567893\x1d10LOT"]


def test_terminators_right_after_a_scan_are_swallowed(qtbot: QtBot, bench: Bench) -> None:
    bench.button.setFocus()
    with qtbot.assertNotEmitted(bench.button.clicked):
        type_scan(qtbot, bench.button, "A1")
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Return):
            qtbot.keyClick(bench.button, key)
    assert bench.scans == ["A1"]
    assert bench.button.hasFocus()


def test_a_terminator_long_after_a_scan_is_a_persons_key(qtbot: QtBot, bench: Bench) -> None:
    bench.field.setFocus()
    type_scan(qtbot, bench.field, "A1")
    bench.clock.now += TRAILING_TERMINATOR_S + 1
    qtbot.keyClick(bench.field, Qt.Key.Key_Tab)  # moves the focus as usual
    assert bench.button.hasFocus()
    assert bench.scans == ["A1"]


def test_space_on_an_empty_buffer_presses_the_button(qtbot: QtBot, bench: Bench) -> None:
    bench.button.setFocus()
    with qtbot.waitSignal(bench.button.clicked):
        qtbot.keyClick(bench.button, Qt.Key.Key_Space)
    assert bench.scans == []


def test_backspace_and_escape_edit_the_buffer(qtbot: QtBot, bench: Bench) -> None:
    qtbot.keyClicks(bench.field, "ABX")
    qtbot.keyClick(bench.field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(bench.field, "C")
    assert bench.capture.buffer == "ABC"
    qtbot.keyClick(bench.field, Qt.Key.Key_Escape)
    assert bench.capture.buffer == ""
    qtbot.keyClick(bench.field, Qt.Key.Key_Return)
    assert bench.scans == []


def test_command_chords_are_left_to_shortcuts(qtbot: QtBot, bench: Bench) -> None:
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), bench.window)
    shortcut.activated.connect(lambda: fired.append(True))
    bench.field.setFocus()
    qtbot.keyClicks(bench.field, "AB")
    qtbot.keyClick(bench.field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]  # the line edit did not claim Ctrl+Z for its own undo
    assert bench.capture.buffer == "AB"


def other_window(qtbot: QtBot, bench: Bench) -> tuple[QDialog, QLineEdit, QPushButton]:
    """A dialog of the program with a text field and a default button, active."""
    dialog = QDialog(bench.window)
    field = QLineEdit(dialog)
    button = QPushButton("OK", dialog)
    button.setDefault(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    field.setFocus()
    return dialog, field, button


def test_in_another_window_a_burst_is_a_scan_never_typed(qtbot: QtBot, bench: Bench) -> None:
    dialog, field, button = other_window(qtbot, bench)
    with qtbot.assertNotEmitted(button.clicked):  # the scanner's Enter presses nothing
        type_scan(qtbot, field, "0104012345678901")  # a GTIN, not a quantity
    assert bench.scans == ["0104012345678901"]
    assert bench.capture.origin is dialog
    assert field.text() == "" and not bench.capture.holding
    assert bench.buffers == []  # the window's scan field shows nothing of it


def test_in_another_window_a_person_types(qtbot: QtBot, bench: Bench) -> None:
    """Keys a moment apart are given to the field, in order, Enter after them."""
    _dialog, field, button = other_window(qtbot, bench)
    type_slowly(qtbot, field, "2.5", bench.capture)
    assert field.text() == "2.5"
    qtbot.keyClicks(field, "mL")  # two keys at once (a fast typist), then a pause
    assert bench.capture.holding and field.text() == "2.5"
    qtbot.waitUntil(lambda: field.text() == "2.5mL")
    with qtbot.waitSignal(button.clicked):
        qtbot.keyClick(field, Qt.Key.Key_Return)  # a person's Enter: the default button
    assert bench.scans == []


def test_a_short_fast_run_and_other_keys_reach_the_field_in_order(
    qtbot: QtBot, bench: Bench
) -> None:
    _dialog, field, _button = other_window(qtbot, bench)
    qtbot.keyClicks(field, "abc")  # fewer than a burst: a person's, whatever the pace
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # not a character: what was held first
    assert field.text() == "ab" and not bench.capture.holding
    qtbot.keyClicks(field, "xy")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # a terminator after too few keys: typed
    assert field.text() == "abxy"
    assert bench.scans == []


def test_a_field_that_asks_for_a_barcode_takes_the_burst(qtbot: QtBot, bench: Bench) -> None:
    _dialog, field, _button = other_window(qtbot, bench)
    mark_scan_field(field, "location")
    type_scan(qtbot, field, "LOC-SHELF-2")
    assert field.text() == "LOC-SHELF-2"
    assert bench.scans == []


def test_a_scanner_without_terminator_elsewhere(qtbot: QtBot, bench: Bench) -> None:
    bench.capture.configure(terminators=frozenset(), idle_ms=80)
    _dialog, field, _button = other_window(qtbot, bench)
    qtbot.keyClicks(field, "RC00000007")
    qtbot.waitUntil(lambda: bench.scans == ["RC00000007"])
    assert field.text() == ""


@pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard")
def test_a_burst_into_an_open_menu_closes_it_and_is_a_scan(qtbot: QtBot, bench: Bench) -> None:
    chosen: list[str] = []
    menu = QMenu(bench.window)
    menu.addAction("&Remove", lambda: chosen.append("remove"))
    menu.addAction("&Copy", lambda: chosen.append("copy"))

    def type_into_menu() -> None:
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
        type_scan(qtbot, menu, "RC00000001")

    QTimer.singleShot(0, type_into_menu)
    menu.exec(bench.window.mapToGlobal(bench.window.rect().center()))
    assert bench.scans == ["RC00000001"]
    assert chosen == []  # no mnemonic was pressed by the scanner's R or C


def test_nothing_is_taken_from_a_window_not_of_the_program(qtbot: QtBot, bench: Bench) -> None:
    bench.capture.enabled = False
    other = QLineEdit()
    qtbot.addWidget(other)
    activate(qtbot, other)
    type_scan(qtbot, other, "quick filter")
    assert other.text() == "quick filter"
    assert bench.scans == []


def test_a_dialog_of_another_window_does_not_stop_scans(qtbot: QtBot, bench: Bench) -> None:
    other = QWidget()  # e.g. a view window busy behind a window-modal progress dialog
    qtbot.addWidget(other)
    other.show()
    busy = QDialog(other)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.show()
    activate(qtbot, bench.window)
    type_scan(qtbot, bench.field, "B-77")
    assert bench.scans == ["B-77"]
    busy.close()


def test_keys_sent_to_a_dialog_are_not_taken(qtbot: QtBot, bench: Bench) -> None:
    dialog = QDialog(bench.window)  # opening: not yet the active window
    entry = QLineEdit(dialog)
    dialog.open()
    type_scan(qtbot, entry, "typed into the dialog")
    assert entry.text() == "typed into the dialog"
    assert bench.scans == []
    dialog.close()


def test_nothing_is_taken_when_disabled(qtbot: QtBot, bench: Bench) -> None:
    bench.capture.enabled = False
    bench.field.setFocus()
    qtbot.keyClicks(bench.field, "typed")
    assert bench.field.text() == "typed"
    assert bench.scans == []


def test_pasted_text_joins_the_buffer(qtbot: QtBot, bench: Bench) -> None:
    bench.capture.set_buffer("PASTED-1")
    qtbot.keyClick(bench.field, Qt.Key.Key_Return)
    assert bench.scans == ["PASTED-1"]


class _Emitter(QObject):
    fired = Signal(str)


def test_signal_calls_keep_true_alive() -> None:
    """The Qt binding keeps True alive across emit() and disconnect() (PySide6 6.12.0 lost
    a reference on each and the interpreter aborted; pyproject requires an earlier one)."""
    emitter = _Emitter()
    received: list[str] = []
    before = sys.getrefcount(True)
    for n in range(2000):
        emitter.fired.connect(received.append)
        emitter.fired.emit(str(n))
        emitter.fired.emit("again")
        emitter.fired.disconnect(received.append)
    assert len(received) == 4000
    assert sys.getrefcount(True) >= before - 2
