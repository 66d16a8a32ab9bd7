"""The scanned list's model on its own."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtGui import QAction, QStandardItem
from PySide6.QtWidgets import QApplication, QMenu

from recon_desktop.core.records import ScanKind, Tag
from recon_desktop.ui.scan_list import COLUMN_INDEX, ScanListTableModel, ScanRow


def rows(count: int) -> list[ScanRow]:
    return [
        ScanRow(
            n,
            datetime(2026, 1, 1, 9, 0),
            f"B{n}",
            ScanKind.ITEM,
            Tag.IN_SCOPE,
            None,
            "Ethanol",
            "Shelf 1",
            "2 mL",
            False,
        )
        for n in range(1, count + 1)
    ]


def test_rows_replaced_leave_no_stale_objects_behind(qapp: QApplication) -> None:
    """Cells the model deleted are never handed out again for a new object that happens
    to take the same memory (a menu action came back as a table cell)."""
    model = ScanListTableModel()
    menu = QMenu()
    wrong = 0
    for _ in range(20):
        model.set_rows(rows(40))
        model.set_rows([])
        menu.clear()
        for n in range(40):
            action = menu.addAction(f"session {n}")
            wrong += not isinstance(action, QAction)
    assert wrong == 0
    model.set_rows(rows(3))
    assert model.index(1, COLUMN_INDEX["barcode"]).data() == "B2"
    assert model.mark_undone(2)
    assert model.index(1, COLUMN_INDEX["tag"]).data() == "In Scope (undone)"
    assert model.index(2, COLUMN_INDEX["quantity"]).data() == "2 mL"


def timed(count: int, *, start: int = 1) -> list[ScanRow]:
    """Rows a second apart (scan ids from ``start``)."""
    return [
        replace(
            row, scan_id=start + n, at=datetime(2026, 1, 1, 9, 0) + timedelta(seconds=start + n)
        )
        for n, row in enumerate(rows(count))
    ]


def test_the_list_holds_a_bounded_number_of_rows_as_scans_come(qapp: QApplication) -> None:
    model = ScanListTableModel(limit=10)
    model.set_rows(timed(10))
    assert not model.older
    for row in timed(15, start=11):  # 15 more, one at a time
        model.append(row)
    assert model.rowCount() <= 11 and model.older  # the oldest let go, a few at once
    assert [r.scan_id for r in model.rows()][-1] == 25
    assert model.mark_undone(25) and not model.mark_undone(1)  # gone: nothing to mark


def test_a_scan_made_earlier_is_listed_where_its_time_puts_it(qapp: QApplication) -> None:
    """Scan-time order: a scan another workstation kept while the server was away arrives
    after later ones and takes its place by its time."""
    model = ScanListTableModel()
    made = timed(4)
    model.set_rows([made[0], made[2], made[3]])
    model.append(made[1])
    assert [r.scan_id for r in model.rows()] == [1, 2, 3, 4]
    assert model.index(1, COLUMN_INDEX["barcode"]).data() == "B2"
    assert model.mark_undone(3)
    assert model.index(2, COLUMN_INDEX["tag"]).data() == "In Scope (undone)"


def test_rows_read_and_let_go_leave_nothing_behind(qapp: QApplication) -> None:
    """Scrolling back through a long session reads page after page and lets rows go:
    no cell keeps a Python wrapper (each one kept its row's memory alive), so what the
    list holds stays flat however far one scrolls."""
    model = ScanListTableModel(limit=1000)
    model.set_rows(timed(200, start=100_000), older=True)
    first = 100_000

    def back(pages: int) -> int:
        nonlocal first
        for _ in range(pages):
            first -= 200
            model.add_older(timed(200, start=first), more=True)
        gc.collect()
        return sum(1 for thing in gc.get_objects() if isinstance(thing, QStandardItem))

    few = back(5)
    many = back(40)
    assert model.rowCount() == 1000 and model.newer and model.older
    assert many - few < 50  # not one per cell (9 a row, 7,000 rows let go): none
    assert [r.scan_id for r in model.rows()] == list(range(first, first + 1000))
    assert model.index(0, COLUMN_INDEX["barcode"]).data() == "B1"
