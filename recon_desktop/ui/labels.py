"""Labels that give way instead of widening their window: a long session, lab or listing
name is elided (shown whole in its tooltip), and a word-wrapped text breaks a word too long
for its width (a 200-character barcode) instead of holding the window wide open."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ZERO_WIDTH_SPACE = "\u200b"
LONG_WORD = re.compile(r"\S{25,}")
ELIDED_MIN_CHARS = 8  # an elided label is at least this many average characters wide


def breakable(text: str) -> str:
    """``text`` with a place to break after each character of its very long words."""
    return LONG_WORD.sub(lambda found: ZERO_WIDTH_SPACE.join(found.group(0)), text)


class ElidedLabel(QLabel):
    """One line that ends in "…" (or loses its middle: a path) when there is no room;
    ``text()`` and the accessible name keep the whole of it, the tooltip shows it.
    ``give_way``: it takes only the room its neighbours in a layout leave."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        give_way: bool = False,
    ) -> None:
        super().__init__(text, parent)
        self._mode = mode
        self._give_way = give_way
        self.setWordWrap(False)
        if give_way:  # the room its neighbours leave, never less than a few characters
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.setMinimumWidth(self.minimumSizeHint().width())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()
        if self._give_way:
            self.setMinimumWidth(self.minimumSizeHint().width())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        room = self.fontMetrics().averageCharWidth() * ELIDED_MIN_CHARS
        margins = self.contentsMargins()
        return QSize(min(hint.width(), room + margins.left() + margins.right()), hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._give_way and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # the Ignored policy makes layouts read the minimum size, not its hint
            self.setMinimumWidth(self.minimumSizeHint().width())

    def shown_text(self) -> str:
        """What fits: the text, or its elided form."""
        return self.fontMetrics().elidedText(self.text(), self._mode, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.drawFrame(painter)
        rect = self.contentsRect()
        align = self.alignment()
        self.style().drawItemText(
            painter,
            rect,
            int(align),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.shown_text() != self.text() else "")


class WrappingLabel(QLabel):
    """A word-wrapped label that also breaks a word too long for its width; ``text()``
    gives the text as set. ``one_line``: it asks for the width of its text on one line
    and wraps only when a layout gives it less."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, one_line: bool = False
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._one_line = one_line
        self.setWordWrap(True)
        self.setText(text)

    def sizeHint(self) -> QSize:
        if not self._one_line:
            return super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._text) + margins.left() + margins.right()
        width += 2 * self.margin() + self.fontMetrics().averageCharWidth()  # wrapping's slack
        return QSize(width, self.heightForWidth(width))

    def setText(self, text: str) -> None:
        self._text = text
        super().setText(breakable(text))

    def text(self) -> str:
        return self._text
