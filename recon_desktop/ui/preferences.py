"""Puts the workstation settings into effect: style sheet size, locale, time format, the
size of printed labels, and the Barcode Tracking window's scan capture, GS1 substitute and
sounds."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from recon_desktop.settings import Settings, Terminator
from recon_desktop.ui import formatting, style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_capture import ENTER_KEYS, TERMINATOR_KEYS
from recon_desktop.ui.sizing import icon_size

BASE_FONT_PX = 14  # the ordinary text size in resources/style.qss
_FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FONT_PARTS = re.compile(
    r"::(indicator|up-arrow|down-arrow|up-button|down-button|drop-down)"
    r"|(^|\n)\s*(QComboBox|QSpinBox)(:focus)?\s*$"  # the room they keep for their arrows
)
_PART_SIZE = re.compile(r"\b(width|height|padding-right):\s*(\d+)px")


def scaled_stylesheet(text: str, font_px: int) -> str:
    """The style sheet with every font size scaled so that ordinary text is ``font_px``,
    and the sizes of the parts drawn beside text (check boxes, arrows and their buttons)
    with it."""
    if font_px == BASE_FONT_PX:
        return text
    factor = font_px / BASE_FONT_PX

    def scale(match: re.Match[str]) -> str:
        return f"{match[1]}: {max(8, round(int(match[2]) * factor))}px"

    def scale_parts(rule: re.Match[str]) -> str:
        selector, body = rule[1], rule[2]
        if _FONT_PARTS.search(selector):
            body = _PART_SIZE.sub(scale, body)
        return f"{selector}{{{body}}}"

    text = _RULE.sub(scale_parts, text)
    return _FONT_SIZE.sub(lambda m: f"font-size: {max(8, round(int(m[1]) * factor))}px", text)


def terminator_keys(terminator: Terminator) -> frozenset[Qt.Key]:
    if terminator is Terminator.TAB:
        return TERMINATOR_KEYS
    return frozenset(ENTER_KEYS)  # Enter only (and typing); "none" also ends on a pause


def apply_to_app(app: QApplication, settings: Settings) -> None:
    """Font size (by scaling the style sheet), date language and time format."""
    current = app.styleSheet()
    if current or settings.font_size != BASE_FONT_PX:  # plain Qt looks at the base size stay
        sheet = scaled_stylesheet(style.stylesheet(), settings.font_size)
        if sheet != current:  # re-polishing every widget is not free
            app.setStyleSheet(sheet)
    language = settings.date_language
    QLocale.setDefault(QLocale.system() if language == "system" else QLocale(language))
    formatting.set_date_format(settings.date_format)
    from recon_desktop.ui import item_labels  # QtPrintSupport only once the window is set up

    item_labels.set_label_size(settings.label_width_mm, settings.label_height_mm)


def apply_to_window(window: MainWindow, settings: Settings) -> None:
    """Scanner terminator and pause, GS1 substitute, sounds."""
    idle = settings.scanner_idle_ms if settings.scanner_terminator is Terminator.NONE else None
    window.capture.configure(terminators=terminator_keys(settings.scanner_terminator), idle_ms=idle)
    window.live.gs_substitute = settings.gs_substitute
    window.sounds.set_enabled(settings.sounds)
    window.session_menu.sounds_action.setChecked(settings.sounds)
    window.cog.setIconSize(icon_size(window.cog, 1.2))  # the font may have changed
