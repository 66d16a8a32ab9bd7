"""A location path too wide for its cell loses whole steps from its middle, never its end:
"Building 1/Room 101/Freezer A/Shelf 1/Box 2" → "Building 1/…/Shelf 1/Box 2" (the box and
shelf are what a technician looks for). The whole path stays in the cell's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

SEPARATOR = "/"
ELLIPSIS = "…"


def elide_path(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` as it fits ``width`` pixels: whole; else its first step, "…" and as many of
    its last steps as fit; else "…" and its last steps; else cut in its middle."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    steps = text.split(SEPARATOR)
    if len(steps) > 2:
        for keep in range(len(steps) - 2, 0, -1):
            shown = SEPARATOR.join([steps[0], ELLIPSIS, *steps[-keep:]])
            if metrics.horizontalAdvance(shown) <= width:
                return shown
        for keep in range(len(steps) - 2, 0, -1):
            shown = SEPARATOR.join([ELLIPSIS, *steps[-keep:]])
            if metrics.horizontalAdvance(shown) <= width:
                return shown
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)


class PathDelegate(QStyledItemDelegate):
    """Draws a column of location paths shortened by ``elide_path`` (sizes as the default
    delegate does: a column sized to its content holds the whole paths)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        text: str = shown.text
        if text:
            area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            shown.text = elide_path(
                text,
                shown.fontMetrics,
                area.width() - 2 * margin,
            )
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)


def show_paths(table: QTableView, *columns: int) -> PathDelegate:
    """``columns`` of ``table`` (those ≥ 0) drawn by one ``PathDelegate``."""
    delegate = PathDelegate(table)
    for column in columns:
        if column >= 0:
            table.setItemDelegateForColumn(column, delegate)
    return delegate
