"""Keyboard-wedge scanner capture for the Barcode Tracking window.

A USB scanner "types" a barcode fast and ends it with Enter, Return or Tab. An event
filter on the whole application takes those keys while the window is the active one,
before the focused widget sees them, so that

* a scan lands as a scan whether the scan field, the table or a button has focus (the
  table does not jump, the button is not pressed);
* the GS1 group separator (0x1D), which Qt's line edit silently drops, is kept;
* repeated terminators (CR+LF, Enter+Tab) never make an empty or a second scan;
* characters typed with a modifier are kept as each system sends them: AltGr (Ctrl+Alt
  on Windows), macOS's Option key (Alt in Qt: ``@ ] [ | ~`` on German and French
  layouts), and the Alt+keypad codes many Windows scanners send for GS (Alt+0, 2, 9),
  which never insert their digits;
* an input method (a CJK IME) cannot hold a scan in its unfinished text: the scan field
  refuses input methods, and text an input method commits is taken like typed text.

Keys typed into a modal dialog, a menu or another window (a view's quick filter) are left
alone: capture is only active while the window itself is the active window.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

GS = "\x1d"
TERMINATOR_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
TERMINATOR_TEXTS = frozenset({"\r", "\n"})
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
MIN_IDLE_SCAN = 4  # characters a burst needs to end as a scan after a pause alone
# A terminator this soon after a scan ended belongs to the scanner (CR+LF, Enter+Tab);
# later, on an empty buffer, it is a person moving focus or pressing a button.
TRAILING_TERMINATOR_S = 0.3
MAX_BUFFER = 4096
# A field that asks for a barcode or a location says so with this dynamic property (its
# value "barcode" or "location"): a scanner's burst typed there is its value, not a scan.
SCAN_FIELD = "scanField"
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
# Qt on macOS: ⌘ arrives as Control, ⌃ as Meta, and ⌥ (Option) as Alt
_MAC_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}


def _is_command_chord(event: QKeyEvent) -> bool:
    """A shortcut rather than a character, as each system sends them.

    macOS: ⌘ or ⌃; Option (Alt) types characters (``@`` is Option+L on a German
    keyboard). Windows and X11: Ctrl or Alt, not both: AltGr arrives as Ctrl+Alt on
    Windows; on X11 it arrives without either (Meta or GroupSwitch at most).
    """
    if sys.platform == "darwin":
        return bool(event.modifiers() & _MAC_COMMAND_MODIFIERS)
    mods = event.modifiers() & _COMMAND_MODIFIERS
    return mods != Qt.KeyboardModifier.NoModifier and mods != _COMMAND_MODIFIERS


def _is_alt_keypad_digit(event: QKeyEvent) -> bool:
    """A keypad digit with Alt held: part of an Alt code (Alt+0, 2, 9 is GS)."""
    mods = event.modifiers()
    return (
        event.key() in DIGIT_KEYS
        and bool(mods & Qt.KeyboardModifier.KeypadModifier)
        and bool(mods & Qt.KeyboardModifier.AltModifier)
        and not mods & Qt.KeyboardModifier.ControlModifier
    )


def alt_code_character(digits: str) -> str:
    """The character an Alt code makes: below 32 the control character itself (029 is
    GS), with a leading 0 the Windows code page (cp1252: Alt+0233 is é), else the OEM
    one (cp437: Alt+130 is é), as Windows composes them."""
    value = int(digits)
    if value < 32:
        return chr(value)
    codec = "cp1252" if digits.startswith("0") else "cp437"
    return bytes([value % 256]).decode(codec, errors="replace")


def refuse_input_methods(widget: QWidget) -> None:
    """A widget scans land in: no input method (with a CJK IME on, a scan would wait in the
    IME's unfinished text, or be turned into other characters), Latin text only."""
    widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    widget.setInputMethodHints(
        Qt.InputMethodHint.ImhLatinOnly
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )


def mark_scan_field(widget: QWidget, kind: str = "barcode") -> None:
    """``widget`` asks for a barcode (or a location's): a burst typed into it is its value."""
    widget.setProperty(SCAN_FIELD, kind)


def is_scan_field(widget: object) -> bool:
    return isinstance(widget, QWidget) and bool(widget.property(SCAN_FIELD))


class ScanCapture(QObject):
    """Collects scanner keys for one window and emits each completed scan."""

    scanned = Signal(str)  # the raw text of a completed scan (GS kept)
    bufferChanged = Signal(str)  # what has been typed so far (for the visible scan field)

    def __init__(self, window: QWidget, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._buffer: list[str] = []
        self._consumed: set[int] = set()  # keys whose press we took: take the release too
        self._ended_at = float("-inf")
        self.enabled = True
        self.terminator_keys = TERMINATOR_KEYS
        # for scanners that send no terminator: a fast burst ends after this pause
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle_timeout)
        self._idle_ms: int | None = None
        self._typed_slowly = False
        self._last_key_at = float("-inf")
        self._alt_digits = ""  # keypad digits typed with Alt held, until Alt is let go

    # ------------------------------------------------------------ control
    def configure(
        self, *, terminators: frozenset[Qt.Key] = TERMINATOR_KEYS, idle_ms: int | None = None
    ) -> None:
        """The keys that end a scan (Enter always does: a person typing), and for a
        scanner without a terminator the pause after which a fast burst ends as a scan."""
        self.terminator_keys = frozenset(terminators) | ENTER_KEYS
        self._idle_ms = idle_ms
        self._idle.stop()

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def buffer(self) -> str:
        return "".join(self._buffer)

    def set_buffer(self, text: str) -> None:
        """Text that reached the scan field another way (paste, input method)."""
        self._buffer = list(text[:MAX_BUFFER])
        self.bufferChanged.emit(self.buffer)

    def clear(self) -> None:
        self._idle.stop()
        if self._buffer:
            self._buffer.clear()
            self.bufferChanged.emit("")

    def capturing(self) -> bool:
        if not self.enabled or not self._window.isVisible():
            return False
        if QApplication.activePopupWidget() is not None:
            return False  # an open menu or combo box list gets its own keys
        # A dialog (modal or not) or another window of ours is the active window while it
        # takes keys, so the active window alone decides. (Asking for a modal widget would
        # also stop scans while some other window shows a window-modal progress dialog.)
        return QApplication.activeWindow() is self._window

    # ------------------------------------------------------------ the filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._ours(watched) and self.capturing() and self._on_key_press(event)
        if kind == QEvent.Type.KeyRelease:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Alt and self._alt_digits:
                return self._on_alt_code_end()
            if key in self._consumed and not event.isAutoRepeat():
                self._consumed.discard(key)
                return True
            return False
        if kind == QEvent.Type.InputMethod:
            assert isinstance(event, QInputMethodEvent)
            return self._ours(watched) and self.capturing() and self._on_input_method(event)
        if kind == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if (
                self._ours(watched)
                and self.capturing()
                and _is_command_chord(event)
                and event.text() != GS
            ):
                # The scan field would claim Ctrl+Z and friends for its own editing; the
                # window's shortcuts (undo last scan, switch operator …) come first.
                event.ignore()
                return True
        return False

    def _ours(self, receiver: QObject) -> bool:
        """Whether a key event is on its way into our window (not, say, into a dialog that
        is opening and not yet the active window)."""
        if isinstance(receiver, QWidget):
            return receiver.window() is self._window
        if isinstance(receiver, QWindow):
            return receiver is self._window.windowHandle()
        return False

    def _take(self, event: QKeyEvent) -> bool:
        self._consumed.add(event.key())
        return True

    def _on_key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        text = event.text()
        now = self._clock()
        if _is_alt_keypad_digit(event):
            self._alt_digits = (self._alt_digits + DIGIT_KEYS[key])[-5:]
            return self._take(event)  # never the digits themselves into a field
        if key in self.terminator_keys or text in TERMINATOR_TEXTS:
            if _is_command_chord(event):
                return False
            if self._buffer:
                self._finish(now)
                return self._take(event)
            if now - self._ended_at < TRAILING_TERMINATOR_S:
                self._ended_at = now  # a run of terminators stays swallowed
                return self._take(event)
            return False
        if self._buffer and not _is_command_chord(event):
            if key == Qt.Key.Key_Backspace:
                self._buffer.pop()
                self.bufferChanged.emit(self.buffer)
                return self._take(event)
            if key == Qt.Key.Key_Escape:
                self.clear()
                return self._take(event)
        if text == GS or (
            text and not _is_command_chord(event) and all(c.isprintable() for c in text)
        ):
            if text == " " and not self._buffer:
                return False  # Space presses the focused button; no barcode starts with it
            self._type(text, now)
            return self._take(event)
        return False

    def _on_alt_code_end(self) -> bool:
        """Alt let go after keypad digits. Windows composes the character itself and sends
        it next as a key of its own; elsewhere (a scanner made for Windows at a Linux or
        macOS computer) it is composed here."""
        digits, self._alt_digits = self._alt_digits, ""
        if sys.platform != "win32":
            self._type(alt_code_character(digits), self._clock())
        return True  # the Alt release ends the code: it opens no menu

    def _on_input_method(self, event: QInputMethodEvent) -> bool:
        """Text an input method commits is typed text; one that commits several characters
        at once consumed the scanner's terminator to do it, so they end a scan."""
        text = event.commitString()
        if not text or not all(c.isprintable() or c == GS for c in text):
            return bool(event.preeditString())  # unfinished text is nobody's yet
        now = self._clock()
        self._type(text, now)
        if len(text) >= MIN_IDLE_SCAN and self._buffer:
            self._finish(now)
        return True

    def _type(self, text: str, now: float) -> None:
        if self._idle_ms is not None:
            self._note_pace(now)
        room = MAX_BUFFER - len(self._buffer)
        if room > 0:
            self._buffer.extend(text[:room])
        self.bufferChanged.emit(self.buffer)

    def _finish(self, now: float) -> None:
        code = self.buffer
        self._buffer.clear()
        self._idle.stop()
        self._ended_at = now
        self.bufferChanged.emit("")
        self.scanned.emit(code)

    def _note_pace(self, now: float) -> None:
        """A gap longer than the idle time inside a burst means a person is typing: that
        text waits for Enter."""
        assert self._idle_ms is not None
        if not self._buffer:
            self._typed_slowly = False
        elif now - self._last_key_at > self._idle_ms / 1000:
            self._typed_slowly = True
        self._last_key_at = now
        self._idle.start(self._idle_ms)

    def _on_idle_timeout(self) -> None:
        if self._typed_slowly or len(self._buffer) < MIN_IDLE_SCAN:
            self._typed_slowly = True  # a person: Enter ends it
            return
        self._finish(self._clock())
