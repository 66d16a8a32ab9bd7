"""Item details: an inventory item's attributes and its inventory history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.records import HistoryEntry, ItemInfo
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.heading import WindowHeading, fit_columns
from recon_desktop.ui.record_table import RecordColumn, RecordTableModel
from recon_desktop.ui.sizing import cap_to_screen

translate = QCoreApplication.translate

# (key, label): the labels said with translate("ItemDetails", ...)
ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("barcode", QT_TRANSLATE_NOOP("ItemDetails", "Barcode")),
    ("ingredient", QT_TRANSLATE_NOOP("ItemDetails", "Ingredient")),
    ("ingredient_type", QT_TRANSLATE_NOOP("ItemDetails", "Type")),
    ("lab", QT_TRANSLATE_NOOP("ItemDetails", "Lab")),
    ("location", QT_TRANSLATE_NOOP("ItemDetails", "Location")),
    ("quantity", QT_TRANSLATE_NOOP("ItemDetails", "Quantity")),
    ("status", QT_TRANSLATE_NOOP("ItemDetails", "Status")),
    ("lot", QT_TRANSLATE_NOOP("ItemDetails", "Lot")),
    ("expiry", QT_TRANSLATE_NOOP("ItemDetails", "Expiry")),
    ("last_verified", QT_TRANSLATE_NOOP("ItemDetails", "Last verified")),
)
# an item's history events (``HistoryKind``), said with translate("HistoryKind", ...)
EVENTS = {
    "created": QT_TRANSLATE_NOOP("HistoryKind", "created"),
    "imported": QT_TRANSLATE_NOOP("HistoryKind", "imported"),
    "moved": QT_TRANSLATE_NOOP("HistoryKind", "moved"),
    "split": QT_TRANSLATE_NOOP("HistoryKind", "split"),
    "set": QT_TRANSLATE_NOOP("HistoryKind", "set"),
    "archived": QT_TRANSLATE_NOOP("HistoryKind", "archived"),
    "scanned": QT_TRANSLATE_NOOP("HistoryKind", "scanned"),
    "scan-undone": QT_TRANSLATE_NOOP("HistoryKind", "scan-undone"),
    "sealed": QT_TRANSLATE_NOOP("HistoryKind", "sealed"),
}


# the fields a history entry names, said with translate("HistoryField", ...)
FIELDS = {
    "barcode": QT_TRANSLATE_NOOP("HistoryField", "barcode"),
    "ingredient": QT_TRANSLATE_NOOP("HistoryField", "ingredient"),
    "ingredient_type": QT_TRANSLATE_NOOP("HistoryField", "ingredient_type"),
    "location": QT_TRANSLATE_NOOP("HistoryField", "location"),
    "quantity": QT_TRANSLATE_NOOP("HistoryField", "quantity"),
    "unit": QT_TRANSLATE_NOOP("HistoryField", "unit"),
    "status": QT_TRANSLATE_NOOP("HistoryField", "status"),
    "lot": QT_TRANSLATE_NOOP("HistoryField", "lot"),
    "expiry": QT_TRANSLATE_NOOP("HistoryField", "expiry"),
}


def field_text(field: str | None) -> str:
    """A history entry's field ("location") in the interface's language (a field the
    program does not know as it is)."""
    word = FIELDS.get(field or "")
    return translate("HistoryField", word) if word else (field or "")


def change_text(entry: HistoryEntry) -> str:
    """Old → new; a status in its words."""
    old, new = entry.old_value, entry.new_value
    if entry.field == "status":
        old = formatting.status_in_text(old) if old else old
        new = formatting.status_in_text(new) if new else new
    return formatting.change(old, new)


def event_text(kind: object) -> str:
    """A history event's kind as its word (an unknown one as it is)."""
    word = EVENTS.get(str(kind))
    return translate("HistoryKind", word) if word else str(kind)


def attribute_text(item: ItemInfo, key: str) -> str:
    values: dict[str, str] = {
        "barcode": item.barcode,
        "ingredient": item.ingredient,
        "ingredient_type": item.ingredient_type or "",
        "lab": item.lab,
        "location": item.location,
        "quantity": formatting.quantity_with_unit(item.quantity, item.unit),
        "status": formatting.status(item.status.value),
        "lot": item.lot or "",
        "expiry": formatting.day(item.expires_on),
        "last_verified": formatting.local_time(item.last_verified_at)
        or translate("ItemDetails", "never"),
    }
    return values[key]


def session_text(entry: HistoryEntry) -> str:
    if entry.session_id is None:
        return ""
    return entry.session_name or translate("ItemDetails", "session #{id}").format(
        id=entry.session_id
    )


HISTORY_COLUMNS: tuple[RecordColumn[HistoryEntry], ...] = (
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Time"), lambda e: formatting.local_time(e.at, seconds=True)
    ),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Event"), lambda e: event_text(e.kind)),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Field"), lambda e: field_text(e.field)),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Change"), change_text),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda e: e.reason or e.source or ""),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "User"), lambda e: e.user),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Station"), lambda e: e.station or ""),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Session"), session_text),
)


class ItemDetailsWindow(QWidget):
    """The attributes of one item and its inventory history (read-only)."""

    def __init__(self, parent: QWidget | None, services: Services, item_id: int) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("itemDetails")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.item_id = item_id
        self.item: ItemInfo | None = None  # as read last
        layout = QVBoxLayout(self)
        # its barcode and ingredient, where it is
        self.heading = WindowHeading(translate("ItemDetails", "Item"))
        layout.addWidget(self.heading)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in ATTRIBUTES:
            value = QLabel(self)
            value.setObjectName(f"detail_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(translate("ItemDetails", label) + ":", value)
            self.values[key] = value
        layout.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("detailsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)
        history_label = QLabel(translate("ItemDetails", "Inventory history:"), self)
        layout.addWidget(history_label)
        self.history_model: RecordTableModel[HistoryEntry] = RecordTableModel(
            HISTORY_COLUMNS, parent=self
        )
        self.history_table = QTableView(self)
        self.history_table.setObjectName("historyTable")
        self.history_table.setTabKeyNavigation(False)  # Tab leaves; the arrows move in it
        history_label.setBuddy(self.history_table)  # its name for a screen reader
        self.history_table.setModel(self.history_model)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(False)
        self.history_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # columns sized to their content once read
        layout.addWidget(self.history_table, 1)
        self.label_button = QPushButton(translate("ItemDetails", "Print &label…"), self)
        self.label_button.setObjectName("labelButton")
        self.label_button.setToolTip(translate("ItemDetails", "Print a label for this item"))
        self.label_button.clicked.connect(self._on_label_button_clicked)
        self.refresh_button = QPushButton(translate("ItemDetails", "&Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.label_button)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(1040, 560)
        cap_to_screen(self)  # a smaller screen, or a larger scale
        self.refresh()

    def refresh(self) -> None:
        """Read the item and its history again (both are short: one item's events)."""
        try:
            item = self.services.inventory.item(self.item_id)
            history = self.services.inventory.history(self.item_id)
        except ReconError as exc:
            self.message.setText(i18n.say(exc))
            self.message.show()
            return
        self.message.hide()
        self.item = item
        self.setWindowTitle(
            translate("ItemDetails", "Item {barcode} — {ingredient}").format(
                barcode=item.barcode, ingredient=item.ingredient
            )
        )
        for key, label in self.values.items():
            label.setText(attribute_text(item, key))
        self.history_model.set_records(history)
        fit_columns(self.history_table)
        self.history_table.scrollToBottom()
        self.heading.set(
            f"{item.barcode} — {item.ingredient}",
            (
                translate(
                    "ItemDetails",
                    "{quantity} at {location} · {status} · {lab} · 1 event in its history · "
                    "times in {zone}",
                )
                if len(history) == 1
                else translate(
                    "ItemDetails",
                    "{quantity} at {location} · {status} · {lab} · {count} events in its "
                    "history · times in {zone}",
                )
            ).format(
                quantity=formatting.quantity_with_unit(item.quantity, item.unit),
                location=item.location,
                status=formatting.status_in_text(item.status.value),
                lab=item.lab,
                count=formatting.number(len(history)),
                zone=formatting.zone_text(),
            ),
        )

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    @Slot()
    def _on_label_button_clicked(self) -> None:
        from recon_desktop.ui.item_labels import print_labels

        if self.item is not None:
            print_labels(self, [self.item])


def open_item_details(parent: QWidget, services: Services, item_id: int) -> QWidget:
    """Show an item's attributes and inventory history in a window of its own (the one
    already open for this item, brought up to date, when there is one)."""
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    for existing in parent.findChildren(ItemDetailsWindow, options=direct):
        if existing.item_id == item_id and existing.isVisible():
            existing.refresh()
            existing.raise_()
            existing.activateWindow()
            return existing
    window = ItemDetailsWindow(parent, services, item_id)
    window.show()
    window.raise_()
    return window
