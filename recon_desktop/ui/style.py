"""Looks: the style sheet, icons and the word/colour/icon of each scan tag."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from recon_desktop import paths
from recon_desktop.core import label
from recon_desktop.core.records import Tag
from recon_desktop.ui import i18n


@dataclass(frozen=True, slots=True)
class Look:
    """How one kind of scan result is shown: never by colour alone."""

    key: str  # also the name of its sound and the qss property value
    said: str  # its word; a tag's is a Text, said in the interface's language
    icon: str
    foreground: str
    background: str

    @property
    def word(self) -> str:
        return i18n.say(self.said)


TAG_LOOKS: dict[Tag, Look] = {
    Tag.IN_SCOPE: Look("in_scope", Tag.IN_SCOPE.label, "check", "#1b5e20", "#e3f1e4"),
    Tag.NOT_IN_SCOPE: Look("not_in_scope", Tag.NOT_IN_SCOPE.label, "cross", "#a31515", "#fbe3e3"),
    Tag.UNKNOWN: Look("unknown", Tag.UNKNOWN.label, "question", "#7a4a00", "#fff1cc"),
    Tag.ALREADY_SCANNED: Look(
        "already_scanned", Tag.ALREADY_SCANNED.label, "repeat", "#455a64", "#eceff1"
    ),
}
LOCATION_LOOK = Look("location", "Location set", "location", "#0d47a1", "#e3eefb")
WRONG_LOCATION_LOOK = Look(
    "wrong_location", "Wrong location", "wrong-location", "#6a1b9a", "#f3e5f5"
)
NOT_SAVED_LOOK = Look("error", "NOT SAVED", "error", "#b71c1c", "#ffebee")
# a bottle whose expiry (its label's, else its record's) is past (core.label)
EXPIRED_LOOK = Look("expired", label.EXPIRED, "expired", "#8c2a04", "#fbe3d9")
UNDONE_LOOK = Look("undone", "Undone", "undo", "#546e7a", "#eceff1")


def resource(*parts: str) -> str:
    return str(paths.resources_dir().joinpath(*parts))


@functools.cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG); cached, so call it only with a QApplication."""
    return QIcon(resource("icons", f"{name}.svg"))


def color(text: str) -> QColor:
    return QColor(text)


def stylesheet() -> str:
    """resources/style.qss, with ``@ICONS@`` standing for the icons folder inside its
    quoted ``url("…")`` values: an install path with an apostrophe or brackets
    (``C:\\Users\\O'Brien``) would stop the whole sheet parsing in an unquoted one."""
    try:
        with open(resource("style.qss"), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return ""  # plain Qt looks are better than no window
    return text.replace("@ICONS@", css_string_body(resource("icons").replace("\\", "/")))


def css_string_body(text: str) -> str:
    """Text as it goes between the double quotes of a style sheet string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def apply(app: QApplication) -> None:
    """Fusion style (the same on every platform) with the calm house style sheet."""
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("app"))


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used in it has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def error_label() -> QLabel:
    """The hidden, word-wrapped label a dialog shows its refusal sentence in."""
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label
