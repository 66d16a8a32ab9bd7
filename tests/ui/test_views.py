"""The three views in a listing window: counts, rows fetched by key in blocks, SQL sorting
and filtering."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QProgressDialog, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from recon_desktop.core.columns import COLUMNS, column_label
from recon_desktop.core.records import ItemStatus, Operator, View
from recon_desktop.errors import StorageError, ValidationError
from recon_desktop.ui import style
from recon_desktop.ui.actions import ArchiveMissingDialog
from recon_desktop.ui.item_details import ItemDetailsWindow
from recon_desktop.ui.row_menu import plain_text
from recon_desktop.ui.table_model import GONE, PLACEHOLDER, PagedTableModel, Row
from recon_desktop.ui.views import ViewWindow, open_view
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op
from tests.ui.big_world import (
    EXPECTED,
    SCANNED_IN_SCOPE,
    SCANNED_OUT_OF_SCOPE,
    UNKNOWN,
    BigWorld,
    barcode_of,
    big_world,
    child,
    host,
    offscreen_noise,
    wait_loaded,
    whole_lab_session,
)

__all__ = ["big_world", "host"]

COUNTS = {
    View.NOT_SCANNED: EXPECTED - len(SCANNED_IN_SCOPE),
    View.SCANNED_NOT_IN_LISTING: len(SCANNED_OUT_OF_SCOPE) + 1,
    View.ALL_IN_LISTING: EXPECTED,
}


def opened(
    qtbot: QtBot,
    host: QWidget,
    world: BigWorld,
    view: View,
    operator: Operator | None = None,
    session_id: int | None = None,
) -> ViewWindow:
    window = open_view(
        host, world.services, operator or world.ana, session_id or world.session.id, view
    )
    qtbot.addWidget(window)
    assert isinstance(window, ViewWindow)
    wait_loaded(qtbot, window)
    return window


def first_barcode(window: ViewWindow) -> str:
    model = window.model
    return str(model.index(0, model.column_of("barcode")).data())


def test_each_view_opens_with_its_count_title_and_columns(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    for view, count in COUNTS.items():
        window = opened(qtbot, host, big_world, view)
        assert window.objectName() == "viewWindow"
        assert view.title in window.windowTitle()
        assert "Spring count" in window.windowTitle()
        assert window.model.total == count
        label = window.findChild(type(window.row_count), "rowCount")
        assert label is not None and label.text() == f"{count} items"
        headers = [
            window.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(window.model.columnCount())
        ]
        assert headers[:6] == [
            column_label(k)
            for k in ("barcode", "ingredient", "location", "quantity", "unit", "lot")
        ]
        assert window.model.rowCount() == count  # every row at once (the scrollbar is right)


def test_scan_times_are_local_and_the_header_says_so(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    from datetime import datetime

    from recon_desktop.ui import formatting

    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    column = window.model.column_of("scanned_at")
    # exports keep "(UTC)"; the window shows this computer's time, so its header does not
    assert COLUMNS["scanned_at"].excel_label == "Scanned at (UTC)"
    assert window.model.headerData(column, Qt.Orientation.Horizontal) == "Scanned at"
    window.filter_edit.setText(SCANNED_IN_SCOPE[0])
    qtbot.waitUntil(lambda: window.model.quick_filter == SCANNED_IN_SCOPE[0])
    wait_loaded(qtbot, window)
    found = big_world.services.sessions.view_page(
        big_world.session.id, View.ALL_IN_LISTING, text=SCANNED_IN_SCOPE[0]
    )
    at = found.rows[0][found.columns.index("scanned_at")]
    assert isinstance(at, datetime)
    assert window.model.index(0, column).data() == formatting.local_time(at)


def test_views_hold_the_right_rows(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = opened(qtbot, host, big_world, View.SCANNED_NOT_IN_LISTING)
    model = window.model
    barcodes = {model.index(r, model.column_of("barcode")).data() for r in range(model.rowCount())}
    assert barcodes == {*SCANNED_OUT_OF_SCOPE, UNKNOWN}
    tags = {model.index(r, model.column_of("tag")).data() for r in range(model.rowCount())}
    assert tags == {"Not in Scope", "Unknown barcode"}
    unknown_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == UNKNOWN)
    assert model.item_id(unknown_row) is None

    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    window.filter_edit.setText(SCANNED_IN_SCOPE[0])
    qtbot.waitUntil(lambda: window.model.quick_filter == SCANNED_IN_SCOPE[0])
    wait_loaded(qtbot, window)
    assert window.model.index(0, window.model.column_of("scanned")).data() == "Yes"
    assert window.model.index(0, window.model.column_of("scanned_by")).data() == "ana"


def last_row_shown(qtbot: QtBot, window: ViewWindow) -> int:
    """Scroll the table to its end and wait until the rows in sight are filled in."""
    window.show()
    qtbot.waitExposed(window)
    window.table.scrollToBottom()
    table, last = window.table, window.model.rowCount() - 1
    qtbot.waitUntil(
        lambda: (
            table.viewport().rect().contains(table.visualRect(window.model.index(last, 0)).center())
        )
    )
    first = table.rowAt(0)
    barcode = window.model.column_of("barcode")
    window.table.viewport().repaint()  # paints ask for the rows in sight
    qtbot.waitUntil(
        lambda: all(
            window.model.index(r, barcode).data() != PLACEHOLDER for r in range(first, last + 1)
        )
    )
    return first


def test_the_model_is_lazy(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    session = whole_lab_session(big_world)
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING, big_world.ben, session.id)
    model = window.model
    assert model.rowCount() == model.total == 300
    assert window.row_count.text() == "300 items"
    assert model.is_fetched(199) and not model.is_fetched(200)
    assert model.item_id(250) is None  # not fetched: unknown to the model…
    assert window.item_ids([250]) == [big_world.item_id(barcode_of(251))]  # …but the key says
    assert model.flags(model.index(250, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert not model.is_fetched(250)  # flags() never fetches
    first = last_row_shown(qtbot, window)  # the last block comes from a background fetch
    assert first > 200 and model.is_fetched(299)
    assert model.index(299, 0).data() == barcode_of(300)
    ids = window.item_ids(range(model.rowCount()))
    assert len(set(ids)) == 300


def test_selecting_rows_not_fetched_gives_their_items(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    session = whole_lab_session(big_world)
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING, big_world.ben, session.id)
    window.table.selectAll()
    assert not window.model.is_fetched(299)
    assert len(set(window.selected_item_ids())) == 300
    assert window.action_buttons["archive"].isEnabled()
    assert not window.model.is_fetched(299)  # the selection alone reads no rows


def test_selected_scans_not_fetched_are_read_for_their_items(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    for n in range(1, 211):
        big_world.services.sessions.scan(big_world.ana, big_world.session.id, f"NOPE-{n:04d}")
    window = opened(qtbot, host, big_world, View.SCANNED_NOT_IN_LISTING)
    window.model.sort(window.model.column_of("barcode"), Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, window)
    assert window.model.total == 213 and not window.model.is_fetched(212)  # BC-… come last
    window.table.selectAll()
    assert window.action_buttons["move"].isEnabled()  # rows not read yet may be items
    expected = {big_world.item_id(code) for code in SCANNED_OUT_OF_SCOPE}
    assert set(window.selected_item_ids()) == expected  # unknown barcodes have none
    window.table.clearSelection()
    window.table.selectRow(0)  # an unknown barcode, fetched: not an item
    assert not window.action_buttons["move"].isEnabled()


def test_a_refresh_keeps_the_rows_the_selection_and_the_buttons(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    model, table = window.model, window.table
    flags = table.selectionModel().SelectionFlag
    for row in (2, 3, 4, 230):
        table.selectionModel().select(model.index(row, 0), flags.Select | flags.Rows)
    kept = {model.key(r) for r in (3, 4, 230)}
    table.selectionModel().setCurrentIndex(model.index(4, 0), flags.NoUpdate)
    current = model.key(4)
    gone = model.key(2)
    assert gone is not None
    big_world.services.sessions.scan(
        big_world.ana, big_world.session.id, big_world.services.inventory.item(gone).barcode
    )
    window.refresh()  # what the main window does when the session's progress moves
    assert model.loading and model.rowCount() == COUNTS[View.NOT_SCANNED]
    assert window.row_count.text() == f"{COUNTS[View.NOT_SCANNED]} items"  # no "Loading…"
    assert window.action_buttons["move"].isEnabled()
    wait_loaded(qtbot, window)
    assert model.total == COUNTS[View.NOT_SCANNED] - 1
    assert {model.key(r) for r in window.selected_rows()} == kept  # the scanned one left
    assert table.currentIndex().row() == 3 and model.key(3) == current  # moved up by one
    assert window.action_buttons["move"].isEnabled()


def test_rows_that_left_the_view_are_marked(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    model = window.model
    assert not model.is_fetched(model.rowCount() - 1)
    gone = model.key(model.rowCount() - 1)
    assert gone is not None
    barcode = big_world.services.inventory.item(gone).barcode
    big_world.services.sessions.scan(big_world.ana, big_world.session.id, barcode)
    last_row_shown(qtbot, window)
    assert model.index(model.rowCount() - 1, 0).data() == GONE
    assert model.item_id(model.rowCount() - 1) is None
    top = window.table.rowAt(0)
    window.refresh_button.click()
    wait_loaded(qtbot, window)
    assert model.total == COUNTS[View.NOT_SCANNED] - 1
    # Refresh stays where the table was and reads those rows with the keys
    assert window.table.rowAt(0) in (top - 1, top)  # one row fewer: the end moved up by one
    assert model.is_fetched(window.table.rowAt(0))


def test_scans_undone_since_reading_the_keys_are_skipped(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.SCANNED_NOT_IN_LISTING)
    keys = [window.model.key(r) for r in range(window.model.rowCount())]
    assert None not in keys
    big_world.services.sessions.undo_last(big_world.ana, big_world.session.id)  # the unknown
    before = [window.model.index(r, 0).data() for r in range(len(keys))]
    rows = window._fetch_rows([k for k in keys if k is not None])  # aligned to the keys
    assert [row[1][0] if row else None for row in rows] == [
        None if barcode == UNKNOWN else barcode for barcode in before
    ]


def test_each_views_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, big_world: BigWorld, host: QWidget
) -> None:
    for view in View:
        window = opened(qtbot, host, big_world, view)
        qtmodeltester.check(window.model)  # stays connected: checks every signal below
        last_row_shown(qtbot, window)  # blocks arrive
        window.model.sort(window.model.column_of("quantity"), Qt.SortOrder.DescendingOrder)
        wait_loaded(qtbot, window)
        last_row_shown(qtbot, window)
        window.model.setQuickFilter("BC-01")
        wait_loaded(qtbot, window)
    session = whole_lab_session(big_world)
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING, big_world.ben, session.id)
    qtmodeltester.check(window.model)
    last_row_shown(qtbot, window)
    window.refresh()  # a reload while rows of the old key list may still be on their way
    wait_loaded(qtbot, window)


def click_header(qtbot: QtBot, window: ViewWindow, key: str) -> None:
    header = window.table.horizontalHeader()
    column = window.model.column_of(key)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert header.sortIndicatorSection() == column
    wait_loaded(qtbot, window)


def test_clicking_a_header_sorts_in_sql(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    window.show()
    assert first_barcode(window) == barcode_of(1)
    header = window.table.horizontalHeader()
    click_header(qtbot, window, "quantity")
    quantity = window.model.column_of("quantity")
    if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        click_header(qtbot, window, "quantity")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert window.model.sort_key == "quantity" and window.model.descending
    assert window.model.index(0, quantity).data() == "49"
    assert first_barcode(window) == barcode_of(193)  # ties: highest id first when descending
    click_header(qtbot, window, "quantity")
    assert window.model.index(0, quantity).data() == "1"
    assert first_barcode(window) == barcode_of(97)
    assert window.model.rowCount() == EXPECTED
    last_row_shown(qtbot, window)
    click_header(qtbot, window, "barcode")  # a new order starts at its first row
    assert window.table.rowAt(0) == 0 and first_barcode(window) == barcode_of(1)


def test_quick_filter_narrows_rows_and_count(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    qtbot.keyClicks(window.filter_edit, "bc-01")
    qtbot.waitUntil(lambda: window.model.quick_filter == "bc-01")
    wait_loaded(qtbot, window)
    assert window.model.total == 100  # BC-0100 … BC-0199
    assert window.model.rowCount() == 100
    assert window.row_count.text().startswith("100 items")
    window.filter_edit.setText("Glycerol")
    qtbot.waitUntil(lambda: window.model.quick_filter == "Glycerol")
    wait_loaded(qtbot, window)
    assert window.model.total == EXPECTED // 5
    window.filter_edit.clear()
    qtbot.waitUntil(lambda: window.model.quick_filter == "")
    wait_loaded(qtbot, window)
    assert window.model.total == EXPECTED


def test_archive_as_missing_archives_the_not_scanned(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    assert not window.archive_missing_button.isHidden()
    dialog = window.ask_archive_missing()
    assert isinstance(dialog, ArchiveMissingDialog)
    assert "245" in dialog.question.text()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason_edit, "not on the shelf")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "archived as missing" in window.message.text())
    assert window.message.text() == "245 items archived as missing."
    wait_loaded(qtbot, window)
    inventory = big_world.services.inventory
    assert inventory.item(big_world.item_id(barcode_of(1))).status is ItemStatus.ARCHIVED
    assert inventory.item(big_world.item_id(SCANNED_IN_SCOPE[0])).status is ItemStatus.ACTIVE
    assert inventory.item(big_world.item_id(barcode_of(300))).status is ItemStatus.ACTIVE
    history = inventory.history(big_world.item_id(barcode_of(2)))
    assert history[-1].reason == "missing: not on the shelf"
    assert history[-1].session_name == "Spring count"


def test_archive_as_missing_takes_the_selection(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(1, 0),
        window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows,
    )
    selected = window.selected_item_ids()
    assert len(selected) == 2
    dialog = window.ask_archive_missing()
    assert dialog is not None and "the 2 selected items" in dialog.question.text()
    dialog.reason_edit.setText("broken tubes")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message.text() == "2 items archived as missing.")
    for item_id in selected:
        assert big_world.services.inventory.item(item_id).status is ItemStatus.ARCHIVED
    assert (
        big_world.services.inventory.item(
            big_world.item_id(barcode_of(3 if 3 not in selected else 4))
        ).status
        is ItemStatus.ACTIVE
    )


def test_buttons_follow_the_selection(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    buttons = {
        name: child(window, QPushButton, f"{name}Button")
        for name in ("move", "split", "set", "archive")
    }
    assert not any(b.isEnabled() for b in buttons.values())
    window.table.selectRow(0)
    assert all(b.isEnabled() for b in buttons.values())
    window.table.selectAll()
    assert buttons["move"].isEnabled() and buttons["archive"].isEnabled()
    assert not buttons["split"].isEnabled() and not buttons["set"].isEnabled()
    assert child(window, QPushButton, "archiveMissingButton").isHidden()


def test_double_click_opens_item_details(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    qtbot.waitExposed(window)
    table = window.table
    rect = table.visualRect(window.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = window.findChild(ItemDetailsWindow)
    assert details is not None
    qtbot.addWidget(details)
    assert details.values["barcode"].text() == barcode_of(1)


def test_enter_opens_details_and_unknown_barcodes_have_none(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.SCANNED_NOT_IN_LISTING)
    qtbot.waitExposed(window)
    model = window.model
    unknown = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == UNKNOWN)
    known = next(r for r in range(model.rowCount()) if r != unknown)
    window.table.setFocus()
    window.table.setCurrentIndex(model.index(known, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    details = window.findChild(ItemDetailsWindow)
    assert details is not None
    qtbot.addWidget(details)
    assert details.values["barcode"].text() == model.index(known, 0).data()
    assert window.open_details(unknown) is None
    assert "not an inventory item" in window.message.text()


PYSIDE_DROPS_NONE = sys.version_info < (3, 12) and PySide6.__version__ == "6.12.0"


@pytest.mark.xfail(
    PYSIDE_DROPS_NONE,
    strict=True,
    reason=(
        "PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method "
        "returning void; a long session ends in 'Fatal Python error: deallocating None'"
    ),
)
def test_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50


def test_a_past_sessions_view_is_read_only(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    big_world.services.sessions.end(big_world.ana, big_world.session.id)
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    assert window.read_only
    assert "(ended)" in window.windowTitle()
    assert "Rows and item details are as they stood at the end." in window.message.text()
    for name in ("move", "split", "set", "archive", "archiveMissing"):
        button = child(window, QPushButton, f"{name}Button")
        assert button.isHidden() and not button.isEnabled()
    assert window.ask_archive_missing() is None
    assert window.model.total == COUNTS[View.NOT_SCANNED]


def test_opening_a_view_does_not_wait_for_the_database(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = open_view(
        host, big_world.services, big_world.ana, big_world.session.id, View.ALL_IN_LISTING
    )
    qtbot.addWidget(window)
    assert isinstance(window, ViewWindow)
    # the window is there before the count and the first page (they come from a worker)
    assert window.model.loading and window.model.rowCount() == 0
    assert window.row_count.text() == "Loading…"
    with qtbot.waitSignal(window.model.loaded) as blocker:
        pass
    assert blocker.args == [EXPECTED]
    assert window.model.rowCount() == EXPECTED


def test_every_column_sorts_both_ways(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    for view in View:
        window = opened(qtbot, host, big_world, view)
        failures: list[str] = []
        window.model.loadFailed.connect(failures.append)
        for column in range(window.model.columnCount()):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                window.model.sort(column, order)
                wait_loaded(qtbot, window)
                assert window.model.total == COUNTS[view]
        assert failures == []


# ------------------------------------------------------------------ background ops
def test_an_op_delivers_its_result_on_the_gui_thread(qtbot: QtBot, host: QWidget) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[object, int]] = []
    op = run_op(
        host,
        lambda _p: threading.get_ident(),
        db=None,
        success=lambda r: seen.append((r, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: op.finished)
    assert len(seen) == 1
    worker_thread, delivered_on = seen[0]
    assert worker_thread != gui_thread and delivered_on == gui_thread


def test_an_op_failure_is_a_sentence(qtbot: QtBot, host: QWidget) -> None:
    errors: list[BaseException] = []

    def refuse(_progress: OpProgress) -> None:
        raise ValidationError("Give a reason; it is kept in the item's history.")

    op = run_op(host, refuse, db=None, success=lambda _r: None, failure=errors.append)
    qtbot.waitUntil(lambda: op.finished)
    assert [error_sentence(e) for e in errors] == [
        "Give a reason; it is kept in the item's history."
    ]
    assert "Something went wrong inside recon-desktop (KeyError)" in error_sentence(KeyError(1))


def test_a_slow_op_shows_a_progress_dialog_that_cancels(qtbot: QtBot, host: QWidget) -> None:
    release = threading.Event()
    results: list[object] = []
    cancelled: list[bool] = []

    def slow(progress: OpProgress) -> str:
        progress.report(1, 3)
        release.wait(10)
        return "done"

    op = run_op(
        host,
        slow,
        db=None,
        success=results.append,
        label="Archiving…",
        cancelled=lambda: cancelled.append(True),
    )
    assert host.findChild(QProgressDialog, "progressDialog") is None  # not before 0.6 s
    qtbot.waitUntil(
        lambda: host.findChild(QProgressDialog, "progressDialog") is not None, timeout=3000
    )
    dialog = child(host, QProgressDialog, "progressDialog")
    assert dialog.labelText() == "Archiving…"
    qtbot.waitUntil(lambda: dialog.maximum() == 3 and dialog.value() == 1)
    try:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    finally:
        release.set()
    assert cancelled == [True] and op.progress.cancelled
    qtbot.waitUntil(lambda: op.finished)
    assert results == []  # a cancelled op's result is not delivered


def test_a_cancelled_view_load_can_be_refreshed(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    window.model.refresh()
    window._on_load_cancelled()
    assert not window.model.loading and "cancelled" in window.message.text()
    window.refresh_button.click()
    wait_loaded(qtbot, window)
    assert window.model.total == COUNTS[View.NOT_SCANNED]


# ------------------------------------------------------------------ the model on its own
class FakeSource:
    """Keys and rows from a list in memory; records what the model asked for."""

    def __init__(self, n: int) -> None:
        self.rows = {i: (f"C{i:04d}", Decimal(i % 13) / 4, i % 2 == 0) for i in range(n)}
        self.key_calls: list[tuple[str | None, bool, str]] = []
        self.row_calls: list[list[int]] = []
        self.fail = False
        self.miscount = 0  # a count that disagrees with the keys (rows changed in between)

    def keys(self, sort: str | None, descending: bool, text: str) -> list[int]:
        self.key_calls.append((sort, descending, text))
        chosen = [i for i, r in self.rows.items() if text.lower() in r[0].lower()]
        column = {"barcode": 0, "quantity": 1, "scanned": 2}[sort or "barcode"]
        return sorted(chosen, key=lambda i: (self.rows[i][column], i), reverse=descending)

    def first(
        self, sort: str | None, descending: bool, text: str, limit: int
    ) -> tuple[int, list[int], list[Row]]:
        keys = self.keys(sort, descending, text)
        return len(keys) + self.miscount, keys[:limit], [(i, self.rows[i]) for i in keys[:limit]]

    def fetch(self, keys: Sequence[int]) -> list[Row | None]:
        self.row_calls.append(list(keys))
        if self.fail:
            raise StorageError("The database is locked by another program; try again.")
        return [(i, self.rows[i]) if i in self.rows else None for i in keys]


class ManualRunner:
    """A runner that holds jobs until the test runs them (in the order it chooses)."""

    def __init__(self) -> None:
        self.jobs: list[
            tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]
        ] = []

    def __call__(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self.jobs.append((job, done, failed))

    def run(self, index: int = 0) -> None:
        job, done, failed = self.jobs.pop(index)
        try:
            result = job()
        except Exception as exc:  # noqa: BLE001 (handed to the model like a worker does)
            failed(exc)
        else:
            done(result)


HEADERS = ["barcode", "quantity", "scanned"]


def test_the_model_holds_keys_and_fetches_blocks(qtmodeltester: ModelTester) -> None:
    source = FakeSource(450)
    model = PagedTableModel(source.keys, source.fetch, HEADERS)  # no runner: synchronous
    assert model.rowCount() == 0  # nothing before load()
    qtmodeltester.check(model)
    model.load()
    assert (model.rowCount(), model.total) == (450, 450)
    assert source.row_calls == [list(range(200))]  # the first block came with the keys
    assert model.index(3, 1).data() == "0.75" and model.index(3, 2).data() == "No"
    alignment = model.index(3, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(449, 0).data() == "C0449"  # fetched as it is asked for
    assert source.row_calls[-1] == list(range(400, 450))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert source.key_calls[-1] == ("quantity", True, "")
    assert model.index(0, 1).data() == "3" and model.rowCount() == 450
    model.setQuickFilter("  C01 ")
    assert source.key_calls[-1] == ("quantity", True, "C01")
    assert model.total == 100 and model.rowCount() == 100
    assert model.index(500, 0).data() is None and model.item_id(500) is None
    assert model.key(500) is None and not model.is_fetched(500)
    model.sort(-1)  # not sorted: back to the key order
    assert source.key_calls[-1] == (None, False, "C01")
    assert model.index(0, 0).data() == "C0100"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_blocks_come_from_the_runner_newest_first(qtbot: QtBot) -> None:
    source = FakeSource(5000)
    runner = ManualRunner()
    model = PagedTableModel(
        source.keys, source.fetch, HEADERS, run_in_background=runner, max_blocks=3
    )
    model.load()
    assert model.loading and model.rowCount() == 0 and len(runner.jobs) == 1
    runner.run()
    assert not model.loading and model.rowCount() == 5000
    assert model.index(4999, 0).data() == PLACEHOLDER  # asks for the last block…
    assert model.index(4999, 0).data(Qt.ItemDataRole.UserRole) is None
    for row in range(4800, 5000):  # …once, however often the view asks
        model.index(row, 1).data()
    model.index(2500, 0).data()
    model.index(1000, 0).data()
    assert len(runner.jobs) == 1  # one at a time; the others wait
    assert source.row_calls == [list(range(200))]
    with qtbot.waitSignal(model.dataChanged) as changed:
        runner.run()
    assert changed.args[0].row() == 4800 and changed.args[1].row() == 4999
    assert changed.args[1].column() == 2
    assert model.index(4999, 0).data() == "C4999"
    runner.run()  # the newest request comes next
    assert source.row_calls[-1][0] == 1000 and model.index(1000, 0).data() == "C1000"
    runner.run()
    assert source.row_calls[-1][0] == 2400 and not runner.jobs
    # at most three blocks are kept: the least recently shown went
    assert [model.is_fetched(r) for r in (0, 1000, 2500, 4999)] == [False, True, True, True]
    assert model.index(0, 0).data() == PLACEHOLDER and len(runner.jobs) == 1
    # a new order: the block on its way belongs to the old key list and is dropped
    model.sort(0, Qt.SortOrder.DescendingOrder)
    runner.run(1)  # the load finishes first
    assert model.index(0, 0).data() == "C4999"
    runner.run()  # the old block arrives late
    assert model.index(0, 0).data() == "C4999" and model.index(1000, 0).data() == PLACEHOLDER
    runner.run()
    assert model.index(1000, 0).data() == "C3999"


def test_the_model_tester_follows_blocks_arriving(qtmodeltester: ModelTester) -> None:
    source = FakeSource(1000)
    runner = ManualRunner()
    model = PagedTableModel(
        source.keys, source.fetch, HEADERS, run_in_background=runner, max_blocks=2
    )
    qtmodeltester.check(model)
    model.load()
    runner.run()
    for row in (999, 500, 250, 999):
        model.index(row, 0).data()
        while runner.jobs:
            runner.run()
    assert model.index(999, 2).data() == "No"
    model.setQuickFilter("C09")
    assert model.index(650, 0).data() == PLACEHOLDER  # a block of the old key list…
    runner.run(0)  # the new keys (100 rows)
    runner.run()  # …arrives after the reset: dropped (its rows are not there any more)
    assert model.rowCount() == 100 and model.index(99, 0).data() == "C0999"


def test_the_first_rows_come_before_the_keys(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    source = FakeSource(5000)
    runner = ManualRunner()
    model = PagedTableModel(
        source.keys, source.fetch, HEADERS, run_in_background=runner, fetch_first=source.first
    )
    qtmodeltester.check(model)
    counted: list[int] = []
    model.counted.connect(counted.append)
    model.load()
    runner.run()  # the first rows (a top-200 query) are quick
    assert counted == [5000] and model.rowCount() == 5000 and model.loading
    assert model.index(199, 0).data() == "C0199" and model.key(199) == 199
    assert model.index(3000, 0).data() == PLACEHOLDER and model.key(3000) is None
    assert len(runner.jobs) == 1  # the keys; the block waits for them
    with qtbot.waitSignal(model.loaded):
        runner.run()  # the keys agree with the rows shown: no reset
    assert counted == [5000] and not model.loading and model.key(3000) == 3000
    runner.run()  # the block asked for meanwhile
    assert model.index(3000, 0).data() == "C3000" and model.is_fetched(0)

    # a small view: the first rows are all of it
    model.setQuickFilter("C00")
    runner.run()
    assert model.rowCount() == 100 and model.index(99, 0).data() == "C0099"
    with qtbot.waitSignal(model.loaded):
        runner.run()
    assert model.key(99) == 99 and not runner.jobs

    # rows changed between the two: the keys win
    source.miscount = 1
    model.setQuickFilter("")
    runner.run()
    assert model.rowCount() == 5001
    runner.run()
    assert counted[-1] == 5000 and model.rowCount() == 5000 and not model.loading

    # a sort while the keys are on their way: both halves of the old load are dropped
    source.miscount = 0
    model.sort(1)
    runner.run()
    model.sort(2)
    runner.run(0)  # the old keys
    assert model.loading and model.sort_key == "scanned"
    runner.run()
    runner.run()
    assert not model.loading and model.index(0, 2).data() == "No"


def test_a_refresh_is_one_quiet_read_and_keeps_the_rows_meanwhile() -> None:
    source = FakeSource(1000)
    loads, quiet = ManualRunner(), ManualRunner()
    model = PagedTableModel(
        source.keys,
        source.fetch,
        HEADERS,
        run_in_background=loads,
        run_quietly=quiet,
        fetch_first=source.first,
    )
    model.load()
    loads.run()
    quiet.run()
    assert not model.loading and not loads.jobs and not quiet.jobs
    model.refresh(around=600)
    assert not loads.jobs and len(quiet.jobs) == 1  # no progress dialog for a refresh
    assert model.loading and model.index(5, 0).data() == "C0005"  # the rows shown stay
    quiet.run()
    assert model.is_fetched(600) and not model.is_fetched(5)
    assert model.rows_of({5, 999, 5000}) == [5, 999]


def test_a_cancelled_load_keeps_the_rows_and_their_fetching() -> None:
    source = FakeSource(1000)
    runner = ManualRunner()
    model = PagedTableModel(source.keys, source.fetch, HEADERS, run_in_background=runner)
    model.load()
    runner.run()
    model.refresh(around=700)
    assert model.index(900, 0).data() == PLACEHOLDER
    model.cancel_load()
    assert not model.loading
    runner.run(0)  # the cancelled load: ignored
    runner.run(0)  # the block for row 900, for the key list still shown
    assert model.index(900, 0).data() == "C0900" and model.total == 1000
    model.refresh(around=700)
    runner.run()
    assert model.is_fetched(700) and not model.is_fetched(0)  # the rows in sight came first


def test_the_model_reports_a_failed_block_once() -> None:
    source = FakeSource(450)
    runner = ManualRunner()
    model = PagedTableModel(source.keys, source.fetch, HEADERS, run_in_background=runner)
    failures: list[str] = []
    model.loadFailed.connect(failures.append)
    model.load()
    runner.run()
    source.fail = True
    assert model.index(300, 0).data() == PLACEHOLDER
    runner.run()
    assert failures == ["The database is locked by another program; try again."]
    assert model.index(300, 0).data() == PLACEHOLDER and not runner.jobs  # not again…
    assert model.rowCount() == 450 and model.index(0, 0).data() == "C0000"
    source.fail = False
    model.refresh()  # …until the next load
    runner.run()
    model.index(300, 0).data()
    runner.run()
    assert model.index(300, 0).data() == "C0300"


def test_a_failed_synchronous_fetch_does_not_raise_from_data() -> None:
    source = FakeSource(450)
    model = PagedTableModel(source.keys, source.fetch, HEADERS)
    failures: list[str] = []
    model.loadFailed.connect(failures.append)
    model.load()
    source.fail = True
    assert model.index(300, 0).data() == PLACEHOLDER
    assert model.index(301, 0).data() == PLACEHOLDER
    assert len(failures) == 1
    model.refresh()
    assert failures[-1].startswith("The database is locked") and model.total == 450


def test_a_view_exports_to_excel(
    qtbot: QtBot,
    big_world: BigWorld,
    host: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recon_desktop.ui import report_export

    target = tmp_path / "not scanned.xlsx"
    monkeypatch.setattr(report_export, "_ask_target", lambda *_args: target)
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    qtbot.mouseClick(child(window, QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(target))
    sheet = book.get_sheet_by_index(0).to_python()
    barcodes = {str(cell) for row in sheet for cell in row if str(cell).startswith("BC-")}
    assert len(barcodes) == COUNTS[View.NOT_SCANNED]


def test_a_viewer_sees_the_views_without_actions(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    root = big_world.services.auth.sign_in("root", "999111")
    viewer_id = big_world.services.admin.add_user(
        root, "vic", "112233", lab="Cell Biology", role="viewer"
    )
    window = open_view(
        host,
        big_world.services,
        Operator(viewer_id, "vic", "TEST-3"),
        big_world.session.id,
        View.NOT_SCANNED,
    )
    qtbot.addWidget(window)
    assert isinstance(window, ViewWindow)
    wait_loaded(qtbot, window)
    assert window.read_only and window.model.total == COUNTS[View.NOT_SCANNED]
    assert all(button.isHidden() for button in window.action_buttons.values())
    assert window.archive_missing_button.isHidden()
    assert "vic may look" in window.message.text()
    assert not child(window, QPushButton, "exportButton").isHidden()


# ------------------------------------------------------------------ cell formatting
def test_cells_are_formatted_for_people() -> None:
    from datetime import UTC, date, datetime

    from recon_desktop.ui import formatting

    assert formatting.quantity(Decimal("1.50")) == "1.5"
    assert formatting.quantity(Decimal("1E+1")) == "10"
    assert formatting.quantity(Decimal("0.000001")) == "0.000001"
    assert formatting.quantity_with_unit(Decimal("2.0"), "mL") == "2 mL"
    utc = datetime(2026, 3, 1, 23, 30, 15)
    local = utc.replace(tzinfo=UTC).astimezone()
    assert formatting.local_time(utc) == local.strftime("%Y-%m-%d %H:%M")
    assert formatting.local_time(utc, seconds=True).endswith(":15")
    assert formatting.display("expiry", date(2027, 1, 2)) == "2027-01-02"
    assert formatting.display("scanned", True) == "Yes"
    assert formatting.display("scanned", False) == "No"
    assert formatting.display("tag", "not_in_scope") == "Not in Scope"
    assert formatting.display("status", "archived") == "Archived"
    assert formatting.display("lot", None) == ""
    assert formatting.change("3.5", "7") == "3.5 → 7"
    assert formatting.change(None, "7") == "7"
    assert formatting.change("x", None) == "x → —"


def test_opening_an_open_view_again_brings_it_up_to_date(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = opened(qtbot, host, big_world, View.NOT_SCANNED)
    big_world.services.sessions.scan(big_world.ana, big_world.session.id, barcode_of(42))
    again = open_view(
        host, big_world.services, big_world.ana, big_world.session.id, View.NOT_SCANNED
    )
    assert again is window
    wait_loaded(qtbot, window)
    assert window.model.total == COUNTS[View.NOT_SCANNED] - 1
    other = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
    assert other is not window


@pytest.mark.qt_log_ignore(*offscreen_noise, r"This plugin does not support grabbing the keyboard")
def test_the_views_rows_have_a_menu_with_shortcuts_and_escape_closes_it(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    window = open_view(
        host, big_world.services, big_world.ana, big_world.session.id, View.NOT_SCANNED
    )
    assert isinstance(window, ViewWindow)  # closed by the test, by Escape
    wait_loaded(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Menu)  # nothing selected: it says so
    assert window.findChild(QMenu, "rowMenu") is None
    assert window.message.text().startswith("Select a row first")
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = window.findChild(QMenu, "rowMenu")
    assert menu is not None and menu.isVisible()
    assert [(plain_text(a), a.shortcut().toString()) for a in menu.actions()] == [
        ("Move…", "Ctrl+M"),
        ("Split…", "Ctrl+T"),
        ("Set…", "Ctrl+E"),
        ("Archive…", "Ctrl+Shift+A"),
        ("Print Label…", "Ctrl+P"),
        ("Item Details…", "Ctrl+I"),
    ]
    menu.close()
    window.table.selectAll()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.message.text() == "Select one row: set acts on one item."
    with qtbot.waitSignal(window.destroyed):  # Escape closes it (deleted on close)
        qtbot.keyClick(window.table, Qt.Key.Key_Escape)


def test_the_quick_filter_takes_the_bars_spare_room(
    qtbot: QtBot, big_world: BigWorld, host: QWidget, qapp: QApplication
) -> None:
    """Its hint ("Filter by barcode, ingredient, location or lot") is not cut to
    "Filter by barc…" while the bar beside it has room to spare."""
    sheet = qapp.styleSheet()
    style.apply(qapp)  # the program's fonts and paddings
    try:
        window = opened(qtbot, host, big_world, View.ALL_IN_LISTING)
        window.resize(1100, 640)  # its first size on a large screen
        window.show()
        qtbot.waitExposed(window)
        field = window.filter_edit
        hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
        qtbot.waitUntil(lambda: field.width() > hint)
    finally:
        qapp.setStyleSheet(sheet)
