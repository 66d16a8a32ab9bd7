"""The actions on the selected rows of a list (the scanned list, a view): each an action of
its window with a shortcut, shown in the row menu that the Menu key, Shift+F10 or a right
click opens."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP

# key, menu text (with its mnemonic; said with translate("RowActions", ...)), shortcut
ROW_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("register", QT_TRANSLATE_NOOP("RowActions", "&Register Item…"), "Ctrl+N"),
    ("move", QT_TRANSLATE_NOOP("RowActions", "&Move…"), "Ctrl+M"),
    ("split", QT_TRANSLATE_NOOP("RowActions", "S&plit…"), "Ctrl+T"),
    ("set", QT_TRANSLATE_NOOP("RowActions", "&Set…"), "Ctrl+E"),
    ("archive", QT_TRANSLATE_NOOP("RowActions", "&Archive…"), "Ctrl+Shift+A"),
    ("label", QT_TRANSLATE_NOOP("RowActions", "Print &Label…"), "Ctrl+P"),
    ("details", QT_TRANSLATE_NOOP("RowActions", "Item &Details…"), "Ctrl+I"),
)
MENU_KEYS = (QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10"))


def plain_text(action: QAction) -> str:
    """A menu entry's text without its mnemonic's &."""
    return action.text().replace("&", "")


class RowActions(QObject):
    """The row actions of one window: ``chosen(key)`` when one is triggered (by its
    shortcut or from the menu). They stay enabled: the window says why when one does not
    apply to the rows (a shortcut that did nothing would leave a person guessing)."""

    chosen = Signal(str)
    menuRequested = Signal()  # the Menu key or Shift+F10

    def __init__(self, window: QWidget, keys: Iterable[str] | None = None) -> None:
        super().__init__(window)
        wanted = set(keys) if keys is not None else {key for key, _, _ in ROW_ACTIONS}
        self.actions: dict[str, QAction] = {}
        for key, text, shortcut in ROW_ACTIONS:
            if key not in wanted:
                continue
            action = QAction(QCoreApplication.translate("RowActions", text), window)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(functools.partial(self.chosen.emit, key))
            window.addAction(action)  # the shortcut works wherever the focus is there
            self.actions[key] = action
        self.menu_action = QAction(
            QCoreApplication.translate("RowActions", "Actions for the selected rows"), window
        )
        self.menu_action.setShortcuts(list(MENU_KEYS))
        self.menu_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.menu_action.triggered.connect(self.menuRequested)
        window.addAction(self.menu_action)

    def menu(self, parent: QWidget, keys: Iterable[str]) -> QMenu | None:
        """A menu of the actions ``keys`` (those that apply to the rows), in the usual
        order, each with its shortcut; None when none applies."""
        wanted = set(keys)
        shown = [action for key, action in self.actions.items() if key in wanted]
        if not shown:
            return None
        menu = QMenu(parent)
        menu.setObjectName("rowMenu")
        menu.addActions(shown)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu


def current_row_point(view: QAbstractItemView) -> QPoint:
    """Where a menu opened from the keyboard shows: at the current row, else the top."""
    index = view.currentIndex()
    rect = view.visualRect(index) if index.isValid() else view.viewport().rect()
    return view.viewport().mapToGlobal(rect.bottomLeft() if index.isValid() else rect.topLeft())
