"""The common frame of the item action dialogs (``actions``): a description, the fields,
a sentence area, OK and Cancel. On OK the change is made through a service for one item
at once, or for several off the GUI thread with a report of how many succeeded and why
the others did not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.records import ItemInfo, Operator
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

translate = QCoreApplication.translate
ERROR_STYLE = "color: #b3261e;"


@dataclass(frozen=True)
class ItemChange:
    """One item as the dialog read it and as the service left it; a split's new item."""

    before: ItemInfo
    after: ItemInfo
    new_item: ItemInfo | None = None


@dataclass
class ActionOutcome:
    """What an action dialog did: the items changed (old and new), and a sentence for each
    item refused."""

    action: str = ""
    attempted: int = 0
    failures: list[str] = field(default_factory=list)
    cancelled: bool = False
    changes: list[ItemChange] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.changes)

    def summary(self, action: str) -> str:
        """How many of the items ``action`` changed ("Moved 3 of 4 items.")."""
        done, of = formatting.number(self.changed), formatting.number(self.attempted)
        if action == "move":
            text = translate("ActionDialog", "Moved {done} of {count} items.")
        elif action == "split":
            text = translate("ActionDialog", "Split {done} of {count} items.")
        elif action == "archive":
            text = translate("ActionDialog", "Archived {done} of {count} items.")
        else:
            text = translate("ActionDialog", "Changed {done} of {count} items.")
        text = text.format(done=done, count=of)
        if self.cancelled:
            text += " " + translate(
                "ActionDialog", "Stopped on request; the rest were left as they were."
            )
        return text


def describe_item(item: ItemInfo) -> str:
    return translate("ActionDialog", "{barcode} — {ingredient}, {quantity} at {location}").format(
        barcode=item.barcode,
        ingredient=item.ingredient,
        quantity=formatting.quantity_with_unit(item.quantity, item.unit),
        location=item.location,
    )


def _none() -> str:
    return translate("ActionDialog", "none")


def _expiry(item: ItemInfo) -> str:
    return formatting.day(item.expires_on) if item.expires_on else _none()


# what the answer to an action names, in this order, when it changed (English names,
# said with ``field_name``)
CHANGED_FIELDS: tuple[tuple[str, Callable[[ItemInfo], str]], ...] = (
    (
        QT_TRANSLATE_NOOP("ActionDialog", "Location"),
        lambda item: item.location,
    ),
    (
        QT_TRANSLATE_NOOP("ActionDialog", "Quantity"),
        lambda item: formatting.quantity_with_unit(item.quantity, item.unit),
    ),
    (
        QT_TRANSLATE_NOOP("ActionDialog", "Status"),
        lambda item: formatting.status_in_text(item.status.value),
    ),
    (QT_TRANSLATE_NOOP("ActionDialog", "Lot"), lambda item: item.lot or _none()),
    (QT_TRANSLATE_NOOP("ActionDialog", "Expiry"), _expiry),
)


def field_name(name: str) -> str:
    """A field of ``CHANGED_FIELDS`` in the interface's language."""
    return translate("ActionDialog", name)


def changed_fields(change: ItemChange) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field the action changed."""
    found = []
    for name, text in CHANGED_FIELDS:
        old, new = text(change.before), text(change.after)
        if old != new:
            found.append((name, old, new))
    return found


class ActionDialog(QDialog):
    """Common frame: a description, the fields, a sentence area, OK/Cancel, apply on OK."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        items: Sequence[ItemInfo],
        session_id: int | None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator = operator
        self.items = list(items)
        self.session_id = session_id
        self.action = ""  # the key of the action (``actions.ACTIONS``), set by each dialog
        self.outcome = ActionOutcome()
        self._op_running = False
        # modal to its own window only: the Barcode Tracking window stays usable when a
        # dialog is opened from a view
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._layout = QVBoxLayout(self)
        self.description = QLabel(self)
        self.description.setObjectName("descriptionLabel")
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.description)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self._layout.addWidget(self.error_label)
        self.report_label = QLabel(self)
        self.report_label.setObjectName("reportLabel")
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.hide()
        self._layout.addWidget(self.report_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.buttons)

    # ------------------------------------------------------------ to implement
    def is_complete(self) -> bool:
        """Whether OK may be pressed (checked on every edit)."""
        return True

    def apply_one(self, item: ItemInfo) -> ItemChange:
        """Make the change for one item through a service (raises ReconError to refuse);
        the item before and after."""
        raise NotImplementedError

    # ------------------------------------------------------------ flow
    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        fit_placeholder(widget)

    def update_ok(self) -> None:
        self.ok_button.setEnabled(not self._op_running and self.is_complete())

    def show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.setVisible(bool(sentence))

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.report_label.isVisible():
            self.accept()  # the report was read: Close
            return
        if not self.is_complete() or self._op_running:
            return
        self.show_error("")
        if len(self.items) == 1:
            self._apply_single(self.items[0])
        else:
            self._apply_many()

    def _apply_single(self, item: ItemInfo) -> None:
        self.outcome = ActionOutcome(self.action, attempted=1)
        try:
            change = self.apply_one(item)
        except ReconError as exc:
            self.show_error(i18n.say(exc))
            return
        self.outcome.changes.append(change)
        self.accept()

    def _apply_many(self) -> None:
        items, action = list(self.items), self.action

        def job(progress: OpProgress) -> ActionOutcome:
            outcome = ActionOutcome(action, attempted=len(items))
            for done, item in enumerate(items):
                if progress.cancelled:
                    outcome.cancelled = True
                    break
                try:
                    change = self.apply_one(item)
                except ReconError as exc:  # each item's refusal is reported; the rest go on
                    outcome.failures.append(f"{item.barcode}: {i18n.say(exc)}")
                else:
                    outcome.changes.append(change)
                progress.report(done + 1, len(items))
            return outcome

        self._set_running(True)
        run_op(
            self,
            job,
            db=self.services.db,
            success=self._on_many_done,
            failure=self._on_many_failed,
            label=f"{self.windowTitle()}…",
        )

    def _on_many_done(self, outcome: ActionOutcome) -> None:
        self._set_running(False)
        self.outcome = outcome
        lines = [outcome.summary(self.action), *outcome.failures]
        self.report_label.setText("\n".join(lines))
        self.report_label.show()
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QComboBox | QTreeView):
                widget.setEnabled(False)
        self.cancel_button.hide()
        self.ok_button.setText(translate("ActionDialog", "Close"))
        self.ok_button.setEnabled(True)
        self.ok_button.setFocus()

    def _on_many_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.show_error(error_sentence(exc))

    def _set_running(self, running: bool) -> None:
        self._op_running = running
        self.cancel_button.setEnabled(not running)
        self.update_ok()

    def reject(self) -> None:
        if self._op_running:
            return  # the progress dialog offers Cancel while items are being changed
        super().reject()


def fit_placeholder(widget: QWidget) -> None:
    """A field at least as wide as the hint it shows when empty (never cut)."""
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        metrics = widget.fontMetrics()
        room = metrics.horizontalAdvance(widget.placeholderText()) + metrics.averageCharWidth() * 6
        widget.setMinimumWidth(max(widget.minimumWidth(), room))


def reason_edit(parent: QWidget, placeholder: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName("reasonEdit")
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(2000)
    fit_placeholder(edit)
    return edit
