"""The scanned list's model on its own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QAction
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
