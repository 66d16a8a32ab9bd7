"""Keyboard-wedge scanner capture, for every window and dialog of the program.

A USB scanner "types" a barcode fast and ends it with Enter, Return or Tab. An event
filter on the whole application takes those keys before the focused widget sees them:

* In the Barcode Tracking window every key of a barcode is taken: a scan lands as a scan
  whether the scan field, the table or a button has focus (the table does not jump, the
  button is not pressed), and the field shows what is typed.
* In any other window, dialog or open menu of the program, keys are held back a moment
  (``BURST_GAP_MS``): keys that keep coming at scanner speed and end with the terminator
  are a scan, never typed into a field (a numeric barcode never becomes a quantity);
  keys a person types are given to the focused widget as soon as the pause after them
  shows they are a person's. A field that asks for a barcode or a location
  (``mark_scan_field``) gets its keys straight away: a burst there is its value.
* The GS1 group separator (0x1D), which Qt's line edit silently drops, is kept, and
  repeated terminators (CR+LF, Enter+Tab) never make an empty or a second scan.
* Characters typed with a modifier are kept as each system sends them: AltGr (Ctrl+Alt
  on Windows), macOS's Option key (Alt in Qt: ``@ ] [ | ~`` on German and French
  layouts), and the Alt+keypad codes many Windows scanners send for GS (Alt+0, 2, 9),
  which never insert their digits.
* An input method (a CJK IME) cannot hold a scan in its unfinished text: the scan field
  refuses input methods, and text an input method commits is taken like typed text.

The window decides what a scan typed elsewhere does (``origin`` says where it came from):
it is recorded, or refused with a sentence where it cannot be right.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

GS = "\x1d"
TERMINATOR_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
TERMINATOR_TEXTS = frozenset({"\r", "\n"})
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
MIN_IDLE_SCAN = 4  # characters a burst needs to end as a scan after a pause alone
# Outside the Barcode Tracking window: keys closer together than this are a scanner's (2 to
# 10 ms apart; a person's are 100 ms and more); a person's key waits this long at most.
BURST_GAP_MS = 40
MIN_BURST = 4  # characters a burst needs to be a scan there (fewer are a person's, typed)
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


WINDOW, BURST = "window", "burst"
_KEY_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
)


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return text == GS or (
        bool(text) and not _is_command_chord(event) and all(c.isprintable() for c in text)
    )


def _within(receiver: QObject, window: QWidget) -> bool:
    """Whether a key event is on its way into ``window`` (a widget in it, or its platform
    window), not, say, into a dialog that is opening and not yet the active window."""
    if isinstance(receiver, QWidget):
        return receiver.window() is window
    if isinstance(receiver, QWindow):
        return receiver is window.windowHandle()
    return False


def mark_scan_field(widget: QWidget, kind: str = "barcode") -> None:
    """``widget`` asks for a barcode (or a location's): a burst typed into it is its value."""
    widget.setProperty(SCAN_FIELD, kind)


def is_scan_field(widget: object) -> bool:
    return isinstance(widget, QWidget) and bool(widget.property(SCAN_FIELD))


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """A key held back until it is known whether a person or a scanner typed it."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScanCapture(QObject):
    """Collects scanner keys for one window (and, held back, in every other window of the
    program) and emits each completed scan."""

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
        self._alt_receiver: QObject | None = None  # where they go (elsewhere: held back)
        # outside the window: keys held back while they may be a scanner's
        self._held: list[_HeldKey] = []
        self._gap = QTimer(self)
        self._gap.setSingleShot(True)
        self._gap.setInterval(BURST_GAP_MS)
        self._gap.timeout.connect(self._on_gap_timeout)
        self._replaying = False
        # where the last scan was typed: None for the window itself, else the window,
        # dialog or message box that was active (the window decides what that means)
        self.origin: QWidget | None = None

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
        self._flush()  # a person's keys still held go where they were typed
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def holding(self) -> bool:
        """Whether keys typed outside the window are held back (for a moment)."""
        return bool(self._held)

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
        """Whether keys typed now go to the window's own scan (it is the active window and
        no menu is open); elsewhere in the program they are held back."""
        return self._mode(self._window) == WINDOW

    def _mode(self, receiver: QObject) -> str | None:
        """WINDOW: the key is the window's (every key of a barcode taken); BURST: typed
        into another window, dialog or open menu of the program (held back); None: left
        alone (capture off, a field that asks for a barcode, not on its way anywhere
        active)."""
        if not self.enabled or not self._window.isVisible():
            return None
        popup = QApplication.activePopupWidget()
        if popup is not None:  # an open menu or combo box list
            return BURST if _within(receiver, popup) else None
        # A dialog (modal or not) or another window of ours is the active window while it
        # takes keys, so the active window alone decides. (Asking for a modal widget would
        # also stop scans while some other window shows a window-modal progress dialog.)
        active = QApplication.activeWindow()
        if active is None or not _within(receiver, active):
            return None
        if active is self._window:
            return WINDOW
        if is_scan_field(QApplication.focusWidget()):
            return None  # it asks for a barcode: a burst there is its value
        return BURST

    # ------------------------------------------------------------ the filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying:
            return False
        if kind == QEvent.Type.InputMethod:
            assert isinstance(event, QInputMethodEvent)
            return self._mode(watched) == WINDOW and self._on_input_method(event)
        if kind not in _KEY_EVENTS:
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            key = event.key()
            if key == Qt.Key.Key_Alt and self._alt_digits:
                return self._on_alt_code_end()
            if key in self._consumed and not event.isAutoRepeat():
                self._consumed.discard(key)
                return True
            return False
        mode = self._mode(watched)
        if mode is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            if mode == BURST and self._would_hold(event):
                # the key comes to the filter as a key press, not as a shortcut (a dialog's
                # default button, a view's Enter) while it may be a scanner's
                event.accept()
                return True
            if mode == WINDOW and _is_command_chord(event) and event.text() != GS:
                # The scan field would claim Ctrl+Z and friends for its own editing; the
                # window's shortcuts (undo last scan, switch operator …) come first.
                event.ignore()
                return True
            return False
        if mode == WINDOW:
            return self._on_key_press(event)
        return self._on_burst_key(watched, event)

    def _take(self, event: QKeyEvent) -> bool:
        self._consumed.add(event.key())
        return True

    def _on_key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        text = event.text()
        now = self._clock()
        if _is_alt_keypad_digit(event):
            self._alt_digits = (self._alt_digits + DIGIT_KEYS[key])[-5:]
            self._alt_receiver = None
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
            character = alt_code_character(digits)
            if self._alt_receiver is not None:  # typed elsewhere: part of what is held
                self._hold(self._alt_receiver, 0, Qt.KeyboardModifier.NoModifier, character)
            else:
                self._type(character, self._clock())
        self._alt_receiver = None
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
        self.origin = None
        self.scanned.emit(code)

    # ------------------------------------------------------------ elsewhere: bursts
    def _is_terminator(self, event: QKeyEvent) -> bool:
        return (
            event.key() in self.terminator_keys or event.text() in TERMINATOR_TEXTS
        ) and not _is_command_chord(event)

    def _would_hold(self, event: QKeyEvent) -> bool:
        """Whether the filter takes this key as part of a burst (its shortcut waits)."""
        if self._is_terminator(event):
            return len(self._held) >= MIN_BURST or self._trailing(self._clock())
        return _printable(event) and not (event.text() == " " and not self._held)

    def _trailing(self, now: float) -> bool:
        return not self._held and now - self._ended_at < TRAILING_TERMINATOR_S

    def _hold(self, receiver: QObject, key: int, modifiers: Qt.KeyboardModifier, text: str) -> None:
        if len(self._held) < MAX_BUFFER:
            self._held.append(_HeldKey(receiver, key, modifiers, text))
        self._gap.start()

    def _on_burst_key(self, watched: QObject, event: QKeyEvent) -> bool:
        now = self._clock()
        if _is_alt_keypad_digit(event):  # an Alt code (GS): composed when Alt is let go
            self._alt_digits = (self._alt_digits + DIGIT_KEYS[event.key()])[-5:]
            self._alt_receiver = watched
            self._gap.stop()  # the code's keys come at a person's pace on some scanners
            return self._take(event)
        if self._is_terminator(event):
            if len(self._held) >= MIN_BURST:
                self._finish_burst(now)
                return self._take(event)
            if self._trailing(now):
                self._ended_at = now  # a run of terminators stays swallowed
                return self._take(event)
            self._flush()  # a person's keys, then their Enter or Tab
            return False
        if _printable(event):
            if event.text() == " " and not self._held:
                return False  # Space presses the focused button; no barcode starts with it
            self._hold(watched, event.key(), event.modifiers(), event.text())
            return self._take(event)
        self._flush()  # what was held goes first, as it was typed
        return False

    def _on_gap_timeout(self) -> None:
        """A pause: a person typed what is held (or, for a scanner that sends no
        terminator, a burst long enough ended)."""
        if self._idle_ms is not None and len(self._held) >= MIN_IDLE_SCAN:
            self._finish_burst(self._clock())
        else:
            self._flush()

    def _finish_burst(self, now: float) -> None:
        code = "".join(held.text for held in self._held)
        self._held.clear()
        self._gap.stop()
        self._ended_at = now
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # a scan closes the menu it was typed into
        active = QApplication.activeWindow()
        self.origin = None if active is self._window else active
        self.scanned.emit(code)

    def _flush(self) -> None:
        """Give the keys held back to the widget they were typed into, in order."""
        held, self._held = self._held, []
        self._gap.stop()
        if not held:
            return
        self._ended_at = float("-inf")  # a person typed since: their Enter is theirs
        popup = QApplication.activePopupWidget()
        target: QObject | None = popup or QApplication.focusWidget()
        self._replaying = True
        try:
            for key in held:
                receiver = target or key.receiver
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, key.key, key.modifiers, key.text)
                    try:
                        QApplication.sendEvent(receiver, event)
                    except RuntimeError:  # the widget is gone meanwhile
                        break
        finally:
            self._replaying = False

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
