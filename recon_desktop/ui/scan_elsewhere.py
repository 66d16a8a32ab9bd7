"""Scans typed while another window or dialog of the program has the keyboard: whether it
may take one (a sign-in or a signature may not), and a short line at its foot saying what
became of it (the Barcode Tracking window's panel says it in full, behind).

A window that cannot take a scan says why with a method ``scan_refusal(barcode) -> str |
None``; one that shows something a scan changes is told with ``scan_recorded()``.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from recon_desktop.core.records import ScanResult
from recon_desktop.ui import style
from recon_desktop.ui.announce import announce
from recon_desktop.ui.scan_list import GS, GS_SHOWN, KEPT_TEXT

SHOWN_MS = 4000


class ScanToast(QLabel):
    """One line over the foot of ``window``, for a few seconds; a newer one replaces it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("scanToast")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        window.installEventFilter(self)  # follows the window's size
        self.hide()

    @classmethod
    def on(cls, window: QWidget) -> ScanToast:
        """The window's toast (made the first time)."""
        found = window.findChild(ScanToast, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else cls(window)

    def say(self, text: str, look: str) -> None:
        self.setText(text)
        # read out where it was typed (the window's own panel keeps quiet when not active)
        announce(self, text, urgent=look in ("error", "not_in_scope", "unknown"))
        self.setProperty("look", look)
        style.repolish(self)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(SHOWN_MS)

    def _place(self) -> None:
        window = self.parentWidget()
        if window is None:
            return
        margin = self.fontMetrics().height()
        width = max(window.width() - 2 * margin, margin)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(margin, window.height() - self.height() - margin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def refusal(origin: QWidget, shown: str) -> str | None:
    """Why ``origin`` (or the dialog it belongs to) cannot take the scan of ``shown``."""
    ask = getattr(origin, "scan_refusal", None)
    return ask(shown) if callable(ask) else None


class ElsewhereAnswers:
    """Remembers where each scan typed outside the window came from, to answer there."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, QWidget]] = []  # (raw, origin), oldest first

    KEPT = 20  # scans whose answer is awaited (an empty one is never answered)

    @property
    def waiting(self) -> bool:
        return bool(self._pending)

    def expect(self, raw: str, origin: QWidget) -> None:
        self._pending = [*self._pending[-self.KEPT + 1 :], (raw, origin)]

    def _take(self, found: Callable[[str], bool]) -> QWidget | None:
        for index, (raw, origin) in enumerate(self._pending):
            if found(raw):
                del self._pending[index]
                return origin if shiboken6.isValid(origin) else None
        return None

    def saved(self, result: ScanResult, session: str, word: str, look: str) -> None:
        origin = self._take(lambda raw: raw == result.raw)
        if origin is None:
            return
        barcode = result.barcode.replace(GS, GS_SHOWN)
        ScanToast.on(origin).say(
            QCoreApplication.translate(
                "ScanElsewhere", "{barcode} — {tag} · recorded in “{session}”"
            ).format(barcode=barcode, tag=word, session=session),
            look,
        )
        recorded = getattr(origin, "scan_recorded", None)
        if callable(recorded):
            recorded()

    def kept(self, raw: str) -> None:
        """A scan the server cannot take now: kept on this PC, sent when it is back."""
        origin = self._take(lambda waiting: waiting == raw)
        if origin is not None:
            shown = raw.strip().replace(GS, GS_SHOWN)
            kept = QCoreApplication.translate("ScanList", KEPT_TEXT)
            ScanToast.on(origin).say(f"{shown} — {kept}", "unknown")

    def not_saved(self, sentence: str) -> None:
        """A scan was not saved: ``sentence`` says why, naming it."""
        origin = self._take(lambda raw: raw.strip().replace(GS, GS_SHOWN) in sentence)
        if origin is not None:
            ScanToast.on(origin).say(sentence, "error")

    @staticmethod
    def refused(origin: QWidget, sentence: str) -> None:
        ScanToast.on(origin).say(sentence, "error")
