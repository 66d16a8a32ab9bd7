"""Finds English left in a widget tree while the interface speaks German.

The English words are those of the translations' English sources that no German
translation uses ("the", "Scanned", "session" but not "Barcode" or "PIN", which German
shares). Every text a user can meet in a window is collected — titles, labels, buttons,
menus and their actions, tooltips, placeholders, combo-box entries, tab and header
labels, accessible names and descriptions — and a text with such a word is English left.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
_WORD = re.compile(r"[A-Za-z][a-z]{2,}")  # words of three letters or more
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")


def _words(text: str) -> set[str]:
    return {
        w.lower() for w in _WORD.findall(_TAG.sub(" ", text.replace("&&", "").replace("&", "")))
    }


@functools.cache
def english_words() -> frozenset[str]:
    english: set[str] = set()
    german: set[str] = set()
    for ts in TRANSLATIONS.glob("*_de.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            english |= _words(message.findtext("source") or "")
            german |= _words(message.findtext("translation") or "")
    placeholders = {
        w.lower()
        for ts in TRANSLATIONS.glob("*_de.ts")
        for w in re.findall(r"\{(\w+)", ts.read_text(encoding="utf-8"))
    }
    return frozenset(english - german - placeholders)


def _texts(obj: QObject) -> Iterator[str]:
    if isinstance(obj, QWidget):
        yield from (obj.windowTitle(), obj.toolTip(), obj.statusTip(), obj.whatsThis())
        yield from (obj.accessibleName(), obj.accessibleDescription())
        for action in obj.actions():
            yield from _texts(action)
    if isinstance(obj, QLabel | QAbstractButton):
        yield obj.text()
    if isinstance(obj, QLineEdit):
        yield from (obj.placeholderText(),)
    if isinstance(obj, QGroupBox):
        yield obj.title()
    if isinstance(obj, QMenu):
        yield obj.title()
    if isinstance(obj, QComboBox):
        yield from (obj.itemText(i) for i in range(obj.count()))
    if isinstance(obj, QTabWidget):
        yield from (obj.tabText(i) for i in range(obj.count()))
    if isinstance(obj, QAbstractItemView) and obj.model() is not None:
        model = obj.model()
        # a list (QListWidget) has no headings; its model does not say its columns
        columns = 0 if isinstance(model, QAbstractListModel) else model.columnCount()
        for orientation, count in ((Qt.Orientation.Horizontal, columns),):
            for section in range(count):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(section, orientation, role)
                    if isinstance(value, str):
                        yield value
    if isinstance(obj, QAction):
        yield from (obj.text(), obj.toolTip(), obj.statusTip())
        menu = obj.menu()
        # a menu's own action (its entry in the menu above) belongs to it: its texts are
        # the menu's, read there (reading them from here would never end)
        if isinstance(menu, QMenu) and menu is not obj.parent():
            yield from _all_texts(menu)


def _all_texts(root: QObject) -> Iterator[str]:
    yield from _texts(root)
    for child in root.findChildren(QObject):
        yield from _texts(child)


def english_left(root: QObject) -> list[str]:
    """The texts in ``root`` and its children that still hold English words."""
    english = english_words()
    assert english, "no translations to compare with"
    return sorted({t for t in _all_texts(root) if t and _words(t) & english})
