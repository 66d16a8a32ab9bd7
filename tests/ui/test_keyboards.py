"""Keyboards as bench PCs have them: a scanner set to another layout, the Option key of
macOS, AltGr of Windows and X11, Alt+keypad codes, and input methods (CJK)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.keyboard_layouts import FRENCH, US, as_typed
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_capture import ScanCapture, alt_code_character, refuse_input_methods
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, send_text

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def test_a_scanner_on_another_layout_is_told_in_the_panel(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    typed = as_typed("ITEM-0001", scanner=US, computer=FRENCH)
    assert typed == "ITE?)ààà&"
    send_text(window.table, typed + "\r")
    qtbot.waitUntil(lambda: window.panel.tag.text() == "Unknown barcode")
    assert window.panel.ingredient.text() == (
        "Probably ITEM-0001, typed for a US English (QWERTY) keyboard on a French (AZERTY) one."
    )
    assert window.panel.note.text().startswith(
        "Set the scanner's keyboard country to French (AZERTY)"
    )
    assert "ITEM-0001" in window.panel.accessibleDescription()


# ---------------------------------------------------------------- modifiers, per system

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
META = Qt.KeyboardModifier.MetaModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier
GROUP = Qt.KeyboardModifier.GroupSwitchModifier
NONE = Qt.KeyboardModifier.NoModifier


class Bench:
    """A window with a text field and a button, its capture, and what it emitted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QWidget()
        self.field = QLineEdit()
        refuse_input_methods(self.field)
        self.button = QPushButton("Press")
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.field)
        layout.addWidget(self.button)
        self.capture = ScanCapture(self.window)
        self.scans: list[str] = []
        self.capture.scanned.connect(self.scans.append)
        self.capture.install()
        qtbot.addWidget(self.window)
        activate(qtbot, self.window)
        self.field.setFocus()

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier, text: str) -> None:
        """A key as the system sends it: press, then release."""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(self.field, QKeyEvent(kind, key, mods, text))

    def release_alt(self) -> None:
        QApplication.sendEvent(
            self.field, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Alt, NONE, "")
        )

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return, NONE, "\r")


@pytest.fixture
def bench(qtbot: QtBot) -> Iterator[Bench]:
    made = Bench(qtbot)
    yield made
    made.capture.uninstall()


# what a German or French layout types with Option (macOS) or AltGr (Windows, X11)
SYMBOLS = [(Qt.Key.Key_At, "@"), (Qt.Key.Key_BracketRight, "]"), (Qt.Key.Key_Bar, "|"),
           (Qt.Key.Key_BracketLeft, "["), (Qt.Key.Key_AsciiTilde, "~")]  # fmt: skip


@pytest.mark.parametrize(
    ("platform", "mods"),
    [
        ("darwin", ALT),  # Option
        ("win32", CTRL | ALT),  # AltGr
        ("linux", META),  # AltGr as X11 may report it
        ("linux", GROUP),
        ("linux", NONE),
    ],
)
def test_characters_typed_with_option_or_altgr_are_kept(
    bench: Bench, monkeypatch: pytest.MonkeyPatch, platform: str, mods: Qt.KeyboardModifier
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    bench.button.setFocus()  # outside the scan field, where a dropped key is lost
    bench.press(Qt.Key.Key_R, NONE, "R")
    for key, char in SYMBOLS:
        bench.press(key, mods, char)
    bench.enter()
    assert bench.scans == ["R@]|[~"]


@pytest.mark.parametrize(
    ("platform", "mods", "text"),
    [
        ("darwin", CTRL, "\x1a"),  # ⌘Z
        ("darwin", META, "\x1a"),  # ⌃Z
        ("win32", CTRL, "\x1a"),
        ("win32", ALT, "z"),  # Alt+Z: a menu mnemonic
        ("linux", ALT, "z"),
    ],
)
def test_shortcuts_stay_shortcuts(
    bench: Bench,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    mods: Qt.KeyboardModifier,
    text: str,
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    bench.press(Qt.Key.Key_A, NONE, "A")
    bench.press(Qt.Key.Key_Z, mods, text)
    assert bench.capture.buffer == "A"


def alt_code(bench: Bench, digits: str, *, text: bool) -> None:
    """A scanner's Alt code: keypad digits with Alt held, then Alt let go. Qt on Windows
    sends the digits without text; X11 sends their text."""
    for digit in digits:
        key = getattr(Qt.Key, f"Key_{digit}")
        bench.press(key, ALT | KEYPAD, digit if text else "")
    bench.release_alt()


def test_an_alt_code_is_composed_where_the_system_does_not(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    send_text(bench.field, "0109501234567893")
    alt_code(bench, "029", text=True)
    send_text(bench.field, "10LOT\r")
    assert bench.scans == ["0109501234567893\x1d10LOT"]
    assert bench.field.text() == ""  # no "029" in the field


def test_windows_composes_the_alt_code_itself(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    send_text(bench.field, "0109501234567893")
    alt_code(bench, "029", text=False)
    # then Windows sends the composed character as a key of its own (WM_CHAR)
    QApplication.sendEvent(
        bench.field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, NONE, "\x1d")
    )
    send_text(bench.field, "10LOT\r")
    assert bench.scans == ["0109501234567893\x1d10LOT"]  # one GS, no digits


@pytest.mark.parametrize(
    ("digits", "char"), [("029", "\x1d"), ("29", "\x1d"), ("0233", "é"), ("130", "é"), ("65", "A")]
)
def test_alt_code_characters(digits: str, char: str) -> None:
    assert alt_code_character(digits) == char


# ---------------------------------------------------------------- input methods


def test_the_scan_field_and_list_refuse_input_methods(
    world: LabWorld, make_window: MakeWindow
) -> None:
    window = make_window()
    for widget in (window.scan_input, window.table):
        assert not widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert window.scan_input.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def commit(widget: QWidget, text: str, preedit: str = "") -> None:
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_what_an_input_method_commits_is_a_scan(bench: Bench) -> None:
    """A CJK IME turns the scanner's keys into unfinished text and commits it on Enter,
    which it keeps for itself: the commit is the whole scan."""
    commit(bench.field, "", preedit="ＲＣ０００")  # unfinished: nobody's yet
    assert bench.capture.buffer == "" and bench.scans == []
    commit(bench.field, "ＲＣ００００００００１")
    assert bench.scans == ["ＲＣ００００００００１"]
    for char in "AB-1":  # an IME committing each character as it comes
        commit(bench.field, char)
    assert bench.capture.buffer == "AB-1"
    bench.enter()
    assert bench.scans[-1] == "AB-1"
    assert bench.field.text() == ""
