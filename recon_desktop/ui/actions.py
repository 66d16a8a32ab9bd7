"""Dialogs for the actions on inventory items: Move, Split, Set, Archive, and
``run_action``, which opens the one asked for on the selected items; the Not scanned
view's Archive as missing asks its reason in ``ArchiveMissingDialog``.

Each dialog reads the items when it opens and passes their version to the service, so a
change made meanwhile by someone else is refused with a sentence instead of overwritten.
A refusal keeps the dialog open with the sentence; a change on several items runs off the
GUI thread and ends with a report of how many succeeded and why the others did not (the
frame they share: ``action_dialog``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QModelIndex,
    QObject,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.numbers import NumberError, read_decimal
from recon_desktop.core.records import ItemInfo, LocationInfo, Operator
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.services.actions import SETTABLE_FIELDS, SPLIT_QUANTITY
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.action_dialog import (
    ActionDialog,
    ActionOutcome,
    ItemChange,
    describe_item,
    reason_edit,
)
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.messages import Kind, show_message
from recon_desktop.ui.scan_capture import mark_scan_field
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

ACTIONS = ("move", "split", "set", "archive")
SINGLE_ITEM_ACTIONS = ("split", "set")
# up to this many items are read on the GUI thread (too few to be noticed); more off it
FOREGROUND_READ_LIMIT = 50
# said with translate("SetFieldDialog", ...)
FIELD_LABELS = {
    "quantity": QT_TRANSLATE_NOOP("SetFieldDialog", "Quantity"),
    "unit": QT_TRANSLATE_NOOP("SetFieldDialog", "Unit"),
    "lot": QT_TRANSLATE_NOOP("SetFieldDialog", "Lot"),
    "expiry": QT_TRANSLATE_NOOP("SetFieldDialog", "Expiry"),
}
translate = QCoreApplication.translate


class MoveDialog(ActionDialog):
    """Move items to a location picked in the tree, or scanned/typed by barcode or path."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        items: Sequence[ItemInfo],
        session_id: int | None,
        locations: Sequence[LocationInfo] | None = None,
    ) -> None:
        super().__init__(parent, services, operator, items, session_id)
        self.setObjectName("moveDialog")
        self.action = "move"
        self.ok_button.setText(translate("MoveDialog", "Move"))
        if len(self.items) > 1:
            self.setWindowTitle(translate("MoveDialog", "Move items"))
            self.description.setText(
                translate("MoveDialog", "Move {count} items to one location.").format(
                    count=formatting.number(len(self.items))
                )
            )
        else:
            self.setWindowTitle(translate("MoveDialog", "Move item"))
            self.description.setText(
                translate("MoveDialog", "Move {item}").format(item=describe_item(self.items[0]))
            )
        self.barcode_edit = QLineEdit(self)
        self.barcode_edit.setObjectName("locationBarcode")
        self.barcode_edit.setPlaceholderText(
            translate("MoveDialog", "Scan or type a location barcode or path, then Enter")
        )
        mark_scan_field(self.barcode_edit, "location")
        self.barcode_edit.installEventFilter(self)
        self.barcode_edit.editingFinished.connect(self._on_barcode_edit_editingFinished)
        self.add_row(translate("MoveDialog", "Location &barcode:"), self.barcode_edit)
        self.tree_model = QStandardItemModel(self)
        self.tree_model.setHorizontalHeaderLabels([translate("MoveDialog", "Location")])
        self._tree_items: dict[int, QStandardItem] = {}
        self._paths: dict[int, str] = {}
        self.tree = QTreeView(self)
        self.tree.setObjectName("locationTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setMinimumHeight(220)
        self._build_tree(services.admin.locations() if locations is None else locations)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_currentChanged)
        self.add_row(translate("MoveDialog", "Or &choose:"), self.tree)
        self.reason_edit = reason_edit(self, translate("MoveDialog", "Optional"))
        self.add_row(translate("MoveDialog", "&Reason:"), self.reason_edit)
        self.chosen_label = QLabel(translate("MoveDialog", "No location chosen yet."), self)
        self.chosen_label.setObjectName("chosenLocation")
        self.add_row(translate("MoveDialog", "To:"), self.chosen_label)
        self._location_id: int | None = None
        self.update_ok()
        self.barcode_edit.setFocus()

    def _build_tree(self, locations: Sequence[LocationInfo]) -> None:
        root = self.tree_model.invisibleRootItem()
        current = {item.location_id for item in self.items}
        pending = sorted(locations, key=lambda loc: loc.path.count("/"))
        for loc in pending:
            node = QStandardItem(loc.name)
            node.setEditable(False)
            node.setData(loc.id, Qt.ItemDataRole.UserRole)
            node.setToolTip(f"{loc.path}\n{loc.barcode or ''}".strip())
            if loc.id in current:
                node.setText(translate("MoveDialog", "{name} (current)").format(name=loc.name))
            parent = self._tree_items.get(loc.parent_id) if loc.parent_id else None
            (parent or root).appendRow(node)
            self._tree_items[loc.id] = node
            self._paths[loc.id] = loc.path
        self.tree.expandToDepth(1)

    @property
    def location_id(self) -> int | None:
        return self._location_id

    def select_location(self, location_id: int) -> bool:
        node = self._tree_items.get(location_id)
        if node is None:
            return False
        index = node.index()
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return True

    def is_complete(self) -> bool:
        return self._location_id is not None

    def apply_one(self, item: ItemInfo) -> ItemChange:
        assert self._location_id is not None
        after = self.services.actions.move(
            self.operator,
            item.id,
            self._location_id,
            session_id=self.session_id,
            reason=self.reason_edit.text() or None,
            expected_version=item.version,
        )
        return ItemChange(item, after)

    @Slot(QModelIndex, QModelIndex)
    def _on_tree_currentChanged(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(Qt.ItemDataRole.UserRole) if current.isValid() else None
        self._location_id = int(value) if value is not None else None
        path = self._paths.get(self._location_id or -1)
        self.chosen_label.setText(path or translate("MoveDialog", "No location chosen yet."))
        self.update_ok()

    @Slot()
    def _on_barcode_edit_editingFinished(self) -> None:
        text = self.barcode_edit.text().strip()
        if not text:
            return
        try:
            location = self.services.admin.location(text)
        except ReconError as exc:
            self.show_error(i18n.say(exc))
            return
        self.show_error("")
        self.select_location(location.id)
        self.ok_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter after a scanned location barcode only chooses the location; a second Enter
        # (on the focused Move button) confirms.
        if (
            watched is self.barcode_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_barcode_edit_editingFinished()
            return True
        return super().eventFilter(watched, event)


def _amount_typed(text: str) -> bool:
    """A positive number (by the locale's marks), or one whose meaning is unclear: the
    dialog then says why in a sentence rather than the button staying greyed out."""
    try:
        return read_decimal(text, formatting.number_marks()) > 0
    except NumberError as exc:
        return exc.ambiguous


class SplitDialog(ActionDialog):
    """Split part of one item's quantity into a new item with its own barcode."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        item: ItemInfo,
        session_id: int | None,
    ) -> None:
        super().__init__(parent, services, operator, [item], session_id)
        self.setObjectName("splitDialog")
        self.action = "split"
        self.ok_button.setText(translate("SplitDialog", "Split"))
        self.setWindowTitle(translate("SplitDialog", "Split item"))
        self.description.setText(
            translate("SplitDialog", "Split part of {item} into a new item.").format(
                item=describe_item(item)
            )
        )
        self.quantity_edit = QLineEdit(self)
        self.quantity_edit.setObjectName("quantityEdit")
        self.quantity_edit.setPlaceholderText(
            translate("SplitDialog", "less than {quantity}").format(
                quantity=formatting.quantity(item.quantity)
            )
        )
        self.quantity_edit.textChanged.connect(self.update_ok)
        self.add_row(
            translate("SplitDialog", "&Quantity to split off ({unit}):").format(unit=item.unit),
            self.quantity_edit,
        )
        self.barcode_edit = QLineEdit(self)
        self.barcode_edit.setObjectName("newBarcodeEdit")
        self.barcode_edit.setPlaceholderText(
            translate("SplitDialog", "Scan or type; leave empty to generate one")
        )
        mark_scan_field(self.barcode_edit)  # the new label, scanned
        self.add_row(translate("SplitDialog", "&New barcode:"), self.barcode_edit)
        self.reason_edit = reason_edit(self, translate("SplitDialog", "Optional"))
        self.add_row(translate("SplitDialog", "&Reason:"), self.reason_edit)
        self.new_item: ItemInfo | None = None
        self.update_ok()
        self.quantity_edit.setFocus()

    def is_complete(self) -> bool:
        return _amount_typed(self.quantity_edit.text())

    def apply_one(self, item: ItemInfo) -> ItemChange:
        self.new_item = self.services.actions.split(
            self.operator,
            item.id,
            formatting.read_quantity(self.quantity_edit.text(), what=SPLIT_QUANTITY),
            new_barcode=self.barcode_edit.text().strip() or None,
            session_id=self.session_id,
            reason=self.reason_edit.text() or None,
            expected_version=item.version,
        )
        return ItemChange(item, self.services.inventory.item(item.id), self.new_item)


class SetFieldDialog(ActionDialog):
    """Set the quantity or another field of one item, with a reason (old value is kept)."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        item: ItemInfo,
        session_id: int | None,
        field_name: str = "quantity",
    ) -> None:
        super().__init__(parent, services, operator, [item], session_id)
        self.setObjectName("setFieldDialog")
        self.action = "set"
        self.ok_button.setText(translate("SetFieldDialog", "Set"))
        self.setWindowTitle(translate("SetFieldDialog", "Set a field"))
        self.description.setText(
            translate("SetFieldDialog", "Change a field of {item}.").format(
                item=describe_item(item)
            )
        )
        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("fieldCombo")
        for name in SETTABLE_FIELDS:
            label = FIELD_LABELS.get(name)
            self.field_combo.addItem(
                translate("SetFieldDialog", label) if label else name.title(), name
            )
        self.add_row(translate("SetFieldDialog", "&Field:"), self.field_combo)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("currentValue")
        self.add_row(translate("SetFieldDialog", "Now:"), self.current_label)
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("valueEdit")
        self.add_row(translate("SetFieldDialog", "&New value:"), self.value_edit)
        self.reason_edit = reason_edit(
            self, translate("SetFieldDialog", "Required: why is it changed?")
        )
        self.reason_edit.textChanged.connect(self.update_ok)
        self.add_row(translate("SetFieldDialog", "&Reason:"), self.reason_edit)
        self.field_combo.currentIndexChanged.connect(self._on_field_combo_currentIndexChanged)
        index = self.field_combo.findData(field_name)
        self.field_combo.setCurrentIndex(max(index, 0))
        self._on_field_combo_currentIndexChanged()
        self.update_ok()
        self.value_edit.setFocus()

    def current_value(self, name: str) -> str:
        item = self.items[0]
        if name == "quantity":
            return formatting.quantity(item.quantity)
        if name == "unit":
            return item.unit
        if name == "lot":
            return item.lot or ""
        if name == "expiry":
            return item.expires_on.isoformat() if item.expires_on else ""  # typed back as ISO
        return ""

    @property
    def field_name(self) -> str:
        return str(self.field_combo.currentData())

    @Slot()
    def _on_field_combo_currentIndexChanged(self) -> None:
        value = self.current_value(self.field_name)
        self.current_label.setText(value or translate("SetFieldDialog", "(empty)"))
        self.value_edit.setText(value)
        self.value_edit.setPlaceholderText(
            translate("SetFieldDialog", "YYYY-MM-DD, or empty")
            if self.field_name == "expiry"
            else ""
        )
        self.value_edit.selectAll()

    def is_complete(self) -> bool:
        return bool(self.reason_edit.text().strip())

    def apply_one(self, item: ItemInfo) -> ItemChange:
        after = self.services.actions.set_field(
            self.operator,
            item.id,
            self.field_name,
            formatting.read_quantity(self.value_edit.text())
            if self.field_name == "quantity"
            else self.value_edit.text(),
            reason=self.reason_edit.text(),
            session_id=self.session_id,
            expected_version=item.version,
        )
        return ItemChange(item, after)


class ArchiveDialog(ActionDialog):
    """Archive items with a reason; the dialog is the confirmation."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        items: Sequence[ItemInfo],
        session_id: int | None,
    ) -> None:
        super().__init__(parent, services, operator, items, session_id)
        self.setObjectName("archiveDialog")
        self.action = "archive"
        count = formatting.number(len(self.items))
        if len(self.items) > 1:
            self.setWindowTitle(translate("ArchiveDialog", "Archive items"))
            self.description.setText(
                translate(
                    "ArchiveDialog",
                    "Archive these {count} items? Archived items stay in the inventory "
                    "history; nothing is deleted.",
                ).format(count=count)
            )
            self.ok_button.setText(
                translate("ArchiveDialog", "Archive {count} items").format(count=count)
            )
        else:
            self.setWindowTitle(translate("ArchiveDialog", "Archive item"))
            self.description.setText(
                translate(
                    "ArchiveDialog",
                    "Archive {item}? Archived items stay in the inventory history; nothing "
                    "is deleted.",
                ).format(item=describe_item(self.items[0]))
            )
            self.ok_button.setText(translate("ArchiveDialog", "Archive"))
        self.reason_edit = reason_edit(
            self, translate("ArchiveDialog", "Required: why is it archived?")
        )
        self.reason_edit.textChanged.connect(self.update_ok)
        self.add_row(translate("ArchiveDialog", "&Reason:"), self.reason_edit)
        self.update_ok()
        self.reason_edit.setFocus()

    def is_complete(self) -> bool:
        return bool(self.reason_edit.text().strip())

    def apply_one(self, item: ItemInfo) -> ItemChange:
        after = self.services.actions.archive(
            self.operator,
            item.id,
            reason=self.reason_edit.text(),
            session_id=self.session_id,
            expected_version=item.version,
        )
        return ItemChange(item, after)


class ArchiveMissingDialog(QDialog):
    """One reason for archiving not-scanned items as missing, with the count to confirm."""

    def __init__(self, parent: QWidget, count: int, selected: bool) -> None:
        super().__init__(parent)
        self.setObjectName("archiveMissingDialog")
        self.setWindowTitle(translate("ArchiveMissingDialog", "Archive as missing"))
        self.count = count
        layout = QVBoxLayout(self)
        number = formatting.number(count)
        if selected and count == 1:
            question = translate(
                "ArchiveMissingDialog",
                "Archive the selected item as missing? Items already archived are left as "
                "they are; nothing is deleted and each item's history records the reason.",
            )
        elif selected:
            question = translate(
                "ArchiveMissingDialog",
                "Archive the {count} selected items as missing? Items already archived are "
                "left as they are; nothing is deleted and each item's history records the "
                "reason.",
            )
        elif count == 1:
            question = translate(
                "ArchiveMissingDialog",
                "Archive the item not scanned in this session as missing? Items already "
                "archived are left as they are; nothing is deleted and each item's history "
                "records the reason.",
            )
        else:
            question = translate(
                "ArchiveMissingDialog",
                "Archive all {count} items not scanned in this session as missing? Items "
                "already archived are left as they are; nothing is deleted and each item's "
                "history records the reason.",
            )
        self.question = QLabel(question.format(count=number), self)
        self.question.setObjectName("confirmationLabel")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.reason_edit = reason_edit(
            self, translate("ArchiveMissingDialog", "Required: e.g. not found on the shelf")
        )
        self.reason_edit.textChanged.connect(self._on_reason_edit_textChanged)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(
            translate("ArchiveMissingDialog", "Archive {count} as missing").format(count=number)
        )
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @Slot(str)
    def _on_reason_edit_textChanged(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.reason) and self.count > 0)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.reason and self.count > 0:
            self.accept()


def make_dialog(
    parent: QWidget,
    services: Services,
    operator: Operator,
    action: str,
    items: list[ItemInfo],
    session_id: int | None,
) -> ActionDialog:
    """The dialog for ``action`` on ``items`` (split and set take exactly one item)."""
    if action == "move":
        return MoveDialog(parent, services, operator, items, session_id)
    if action == "split":
        return SplitDialog(parent, services, operator, items[0], session_id)
    if action == "set":
        return SetFieldDialog(parent, services, operator, items[0], session_id)
    if action == "archive":
        return ArchiveDialog(parent, services, operator, items, session_id)
    raise ValueError(f"unknown action {action!r}")


def refusal(action: str, item_ids: Sequence[int]) -> str | None:
    """Why the action cannot start for this selection, or None."""
    if action not in ACTIONS:
        return translate("Actions", "There is no action called {action}.").format(
            action=repr(action)
        )
    if not item_ids:
        return translate(
            "Actions", "Select an inventory item first (unknown barcodes have no item to act on)."
        )
    if action in SINGLE_ITEM_ACTIONS and len(item_ids) != 1:
        count = formatting.number(len(item_ids))
        if action == "split":
            return translate(
                "Actions", "Select exactly one item to split ({count} are selected)."
            ).format(count=count)
        return translate(
            "Actions", "Select exactly one item to change ({count} are selected)."
        ).format(count=count)
    return None


def load_items(services: Services, item_ids: Sequence[int]) -> list[ItemInfo]:
    return [services.inventory.item(item_id) for item_id in item_ids]


def read_items(
    parent: QWidget, services: Services, item_ids: Sequence[int]
) -> list[ItemInfo] | None:
    """The items as they are now (their versions guard the change). A large selection is
    read off the GUI thread, with a progress dialog after a moment; None if cancelled.
    Raises ReconError when an item cannot be read."""
    if len(item_ids) <= FOREGROUND_READ_LIMIT:
        return load_items(services, item_ids)
    ids = list(item_ids)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def job(progress: OpProgress) -> list[ItemInfo] | None:
        items = []
        for done, item_id in enumerate(ids):
            if progress.cancelled:
                return None
            items.append(services.inventory.item(item_id))
            if done % 100 == 0:
                progress.report(done, len(ids))
        return items

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    op = run_op(
        parent,
        job,
        db=services.db,
        success=lambda r: finish("items", r),
        failure=lambda e: finish("error", e),
        cancelled=lambda: finish("items", None),
        label=translate("Actions", "Reading {count} items…").format(
            count=formatting.number(len(ids))
        ),
    )
    if not op.finished:
        loop.exec()
    error = outcome.get("error")
    if isinstance(error, ReconError):
        raise error
    if isinstance(error, BaseException):
        raise ReconError(error_sentence(error))
    items = outcome.get("items")
    return items if isinstance(items, list) else None


def run_action(
    parent: QWidget,
    services: Services,
    operator: Operator,
    action: str,
    item_ids: list[int],
    session_id: int | None,
) -> ActionOutcome:
    """Ask for what ``action`` needs, apply it through the services, and say what happened:
    the outcome names each item changed, before and after (none when nothing changed)."""
    reason = refusal(action, item_ids)
    if reason is not None:
        show_message(parent, reason)
        return ActionOutcome(action)
    try:
        items = read_items(parent, services, item_ids)
    except ReconError as exc:
        show_message(parent, i18n.say(exc), Kind.WARNING)
        return ActionOutcome(action)
    if items is None:
        return ActionOutcome(action)
    dialog = make_dialog(parent, services, operator, action, items, session_id)
    try:
        dialog.exec()
        return dialog.outcome
    finally:
        dialog.deleteLater()


__all__ = [
    "ActionDialog",
    "ActionOutcome",
    "ArchiveDialog",
    "ArchiveMissingDialog",
    "ItemChange",
    "MoveDialog",
    "SetFieldDialog",
    "SplitDialog",
    "run_action",
]
