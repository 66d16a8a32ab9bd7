"""The program's message boxes: one sentence, OK, and the program's own icon (an SVG drawn
at the screen's pixel ratio, as tall as two lines of the box's text) instead of Qt's
raster icons, which blur at 150% and stay small beside large text."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from recon_desktop import APP_TITLE
from recon_desktop.ui import style
from recon_desktop.ui.sizing import icon_size

ICON_LINES = 2.0  # the icon's height in lines of the box's text


class Kind(Enum):
    """What a box tells; its value names its icon in resources/icons."""

    INFORMATION = "information"
    WARNING = "warning"
    CRITICAL = "error"


class MessageBox(QMessageBox):
    """A sentence with an OK button and the icon of its kind, drawn again whenever the
    font, the style or the screen's pixel ratio changes."""

    def __init__(
        self,
        text: str,
        kind: Kind = Kind.INFORMATION,
        parent: QWidget | None = None,
        *,
        title: str = APP_TITLE,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(title)
        self.setText(text)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.draw_icon()

    def draw_icon(self) -> None:
        side = icon_size(self, ICON_LINES)
        self.setIconPixmap(style.icon(self.kind.value).pixmap(side, self.devicePixelRatio()))

    def showEvent(self, event: QShowEvent) -> None:
        self.draw_icon()  # the screen it opens on decides the pixel ratio
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.DevicePixelRatioChange,
        ):
            self.draw_icon()
        return done


def message_box(
    parent: QWidget | None, text: str, kind: Kind = Kind.INFORMATION, *, name: str = ""
) -> MessageBox:
    """A box that does not wait for its answer: shown with ``open()``, gone once closed."""
    box = MessageBox(text, kind, parent)
    if name:
        box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_message(parent: QWidget | None, text: str, kind: Kind = Kind.INFORMATION) -> None:
    """A box that waits until it is closed (as ``QMessageBox.warning`` and its kin)."""
    box = MessageBox(text, kind, parent)
    try:
        box.exec()
    finally:
        box.deleteLater()
