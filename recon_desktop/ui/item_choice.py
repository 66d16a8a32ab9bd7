"""Which item is it? A scan that fits several items (a GTIN alone, on bottles of one
reagent with different serials or lots) is recorded only once the person chooses.

The dialog lists the items with what tells them apart (lot, expiry, location, whether the
session expects them), the one whose lot is the label's first and selected; arrows and
Enter choose, Escape leaves the scan unrecorded. It is opened with ``open()``: the window
goes on (other scans are saved meanwhile), and ``chosen`` or ``rejected`` says the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.records import ScanChoice
from recon_desktop.ui import formatting
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.scan_list import GS, GS_SHOWN

translate = QCoreApplication.translate
# said with translate("ItemChoiceDialog", ...)
COLUMNS = (
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "Barcode"),
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "Ingredient"),
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "Lot"),
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "Expiry"),
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "Location"),
    QT_TRANSLATE_NOOP("ItemChoiceDialog", "In the listing"),
)


class ItemChoiceDialog(QDialog):
    """Choose the item a scan means; ``chosen(scan_choice, item_id)`` on Enter."""

    chosen = Signal(object, int)  # the ScanChoice, the item id chosen

    def __init__(self, choice: ScanChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.setObjectName("itemChoiceDialog")
        self.setWindowTitle(translate("ItemChoiceDialog", "Which item is it?"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if choice.more:
            question = translate(
                "ItemChoiceDialog",
                "{barcode} is the code of {count} or more items; the scan is recorded once you "
                "choose which one it is (↑ ↓ and Enter; Esc records nothing).",
            )
        else:
            question = translate(
                "ItemChoiceDialog",
                "{barcode} is the code of {count} items; the scan is recorded once you choose "
                "which one it is (↑ ↓ and Enter; Esc records nothing).",
            )
        said = question.format(barcode=choice.barcode, count=formatting.number(len(choice.choices)))
        if choice.lot_seen:
            said += " " + translate("ItemChoiceDialog", "The label says lot {lot}.").format(
                lot=choice.lot_seen
            )
        text = QLabel(said)
        text.setWordWrap(True)
        self.table = QTableWidget(len(choice.choices), len(COLUMNS), self)
        self.table.setObjectName("itemChoices")
        self.table.setHorizontalHeaderLabels(
            [translate("ItemChoiceDialog", column) for column in COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, item in enumerate(choice.choices):
            cells = (
                item.barcode.replace(GS, GS_SHOWN),
                item.ingredient,
                item.lot or "",
                formatting.day(item.expires_on),
                item.location,
                formatting.yes_no(item.expected),
            )
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.item_id)
                self.table.setItem(row, column, cell)
        self.table.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ItemChoiceDialog", "This one")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("ItemChoiceDialog", "None (record nothing)")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # wide enough for every column (the location last), within reason
        self.table.resizeColumnsToContents()
        columns = sum(self.table.columnWidth(c) for c in range(len(COLUMNS)))
        self.resize(max(760, min(columns + 48, 1400)), 320)
        if choice.choices:
            self.table.selectRow(0)
        self.table.setFocus()

    def selected_item(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        cell = self.table.item(rows[0].row(), 0) if rows else None
        return None if cell is None else int(cell.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        item_id = self.selected_item()
        if item_id is None:
            return
        super().accept()
        self.chosen.emit(self.choice, item_id)
