"""The secondary windows' screens: a heading saying what each shows, columns sized to their
content, location paths shortened by whole steps in their middle, barcodes never cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import View
from recon_desktop.ui.action_dialog import reason_edit
from recon_desktop.ui.heading import WIDEST_CHARS
from recon_desktop.ui.item_details import ItemDetailsWindow
from recon_desktop.ui.paths import PathDelegate, elide_path
from recon_desktop.ui.views import ViewWindow, open_view
from tests.ui.big_world import EXPECTED, BigWorld, big_world, host, wait_loaded

__all__ = ["big_world", "host"]

PATH = "Building 1/Room 101/Freezer A/Shelf 1/Box 2"


def metrics() -> QFontMetrics:
    return QFontMetrics(QApplication.font())


def width(text: str) -> int:
    return metrics().horizontalAdvance(text)


def test_a_path_too_wide_loses_whole_steps_of_its_middle(qapp: QApplication) -> None:
    assert elide_path(PATH, metrics(), width(PATH)) == PATH
    assert elide_path(PATH, metrics(), width(PATH) - 1) == "Building 1/…/Freezer A/Shelf 1/Box 2"
    assert elide_path(PATH, metrics(), width("Building 1/…/Shelf 1/Box 2")) == (
        "Building 1/…/Shelf 1/Box 2"
    )
    assert elide_path(PATH, metrics(), width("…/Shelf 1/Box 2")) == "…/Shelf 1/Box 2"
    assert elide_path(PATH, metrics(), width("…/Box 2")) == "…/Box 2"
    narrow = elide_path(PATH, metrics(), width("…/Box 2") - 1)
    assert narrow.startswith("B") and narrow.endswith("2") and "…" in narrow
    assert elide_path("ZZ-NO-STEPS-AT-ALL", metrics(), width("ZZ-NO…")).count("…") == 1


def opened(qtbot: QtBot, host: QWidget, world: BigWorld, view: View) -> ViewWindow:
    window = open_view(host, world.services, world.ana, world.session.id, view)
    qtbot.addWidget(window)
    assert isinstance(window, ViewWindow)
    wait_loaded(qtbot, window)
    return window


def test_a_view_says_what_it_shows_and_sizes_its_columns(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    heading = window.heading
    assert heading.title.text() == View.ALL_IN_LISTING.title
    detail = heading.detail.text()
    assert "Spring count (active)" in detail
    assert big_world.lab.name in detail
    assert f"{EXPECTED} items" in detail
    assert "times in" in detail
    qtbot.waitUntil(lambda: window.table.horizontalHeader().sectionSize(0) > 0)
    table, model = window.table, window.model
    location = model.column_of("location")
    assert isinstance(table.itemDelegateForColumn(location), PathDelegate)
    # every column as wide as its header and its rows' text, within WIDEST_CHARS
    font = table.fontMetrics()
    for key in ("barcode", "location", "ingredient"):
        column = model.column_of(key)
        longest = max(
            font.horizontalAdvance(str(model.index(row, column).data() or ""))
            for row in range(min(model.rowCount(), 100))
        )
        shown = table.horizontalHeader().sectionSize(column)
        assert shown >= min(longest, font.averageCharWidth() * WIDEST_CHARS), key
    # the whole value in the tooltip, whatever the cell shows
    assert (
        model.index(0, location).data(Qt.ItemDataRole.ToolTipRole)
        == model.index(0, location).data()
    )

    window.filter_edit.setText("BC-0003")
    qtbot.waitUntil(lambda: "1 item matching" in window.heading.detail.text())


def test_item_details_say_which_item(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    item = big_world.services.inventory.item_by_barcode("BC-0003")
    assert item is not None
    details = ItemDetailsWindow(host, big_world.services, item.id)
    qtbot.addWidget(details)
    assert details.heading.title.text() == f"BC-0003 — {item.ingredient}"
    assert item.location in details.heading.detail.text()
    assert "in its history" in details.heading.detail.text()


def test_a_fields_hint_is_never_cut(qapp: QApplication) -> None:
    host = QWidget()
    hint = "Required: e.g. not found on the shelf, or moved to the cold room"
    edit = reason_edit(host, hint)
    assert edit.minimumWidth() > edit.fontMetrics().horizontalAdvance(hint)
    host.deleteLater()
