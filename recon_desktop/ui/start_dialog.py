"""Starting a session: name, lab and listing config — a saved one, or a new one made here
(ordered columns, filter rows checked as they are typed, a live count of matching items)."""

from __future__ import annotations

import functools
import re
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.filters import (
    DEFAULT_COLUMNS,
    FIELDS,
    NO_VALUE_OPERATORS,
    OPERATORS_BY_KIND,
    Filter,
    Kind,
    check_filter,
)
from recon_desktop.core.records import Operator, Role, SessionInfo
from recon_desktop.core.text import Text
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.workers import error_sentence, run_op

translate = QCoreApplication.translate
COUNT_DELAY_MS = 250
# English, as the tests read it; shown through translate("StartSessionDialog", …)
NEW_CONFIG = str(QT_TRANSLATE_NOOP("StartSessionDialog", "New listing config…"))
START_ROLES = (Role.ADMIN, Role.MEMBER)
# a relative day in a date filter's value as stored ("today", "today+30", "today-7")
RELATIVE_DAY = re.compile(r"\btoday\b(?:\s*([+-])\s*(\d{1,5}))?", re.IGNORECASE)


def value_hint(kind: Kind) -> str:
    """What a filter's value looks like for a field of ``kind`` (its placeholder)."""
    hints = {
        Kind.TEXT: translate("FilterRow", "text"),
        Kind.LOCATION: translate("FilterRow", "e.g. Building 1/Room 101/Freezer A"),
        Kind.STATUS: translate("FilterRow", "active or archived"),
        Kind.NUMBER: translate("FilterRow", "a number (between: 1..5)"),
        Kind.DATE: translate("FilterRow", "YYYY-MM-DD or today+30"),
    }
    return hints.get(kind, "")


def operator_name(op: str) -> str:
    """A filter's operator as the list shows it (its symbol, or its word in the
    interface's language); the operator itself is the item's data."""
    words = {
        "contains": translate("FilterRow", "contains"),
        "in": translate("FilterRow", "in"),
        "empty": translate("FilterRow", "empty"),
        "not-empty": translate("FilterRow", "not-empty"),
        "between": translate("FilterRow", "between"),
        "within": translate("FilterRow", "within"),
    }
    return words.get(op, op)


def field_label(key: str) -> str:
    """A field's label in the interface's language (the key for one not known)."""
    spec = FIELDS.get(key)
    if spec is None:
        return key
    if isinstance(spec.label, Text):  # marked by the core
        return i18n.say(spec.label)
    return translate("Columns", spec.label)  # as the views' headings are marked


def shown_value(key: str, value: str) -> str:
    """A filter's value as the summary shows it: a date field's relative days in the
    interface's language ("heute+30"); the stored value stays "today+30"."""
    spec = FIELDS.get(key)
    if spec is None or spec.kind is not Kind.DATE:
        return value

    def said(match: re.Match[str]) -> str:
        sign, days = match.group(1), match.group(2)
        if sign == "+":
            return translate("FilterRow", "today+{days}").format(days=int(days))
        if sign == "-":
            return translate("FilterRow", "today-{days}").format(days=int(days))
        return translate("FilterRow", "today")

    return RELATIVE_DAY.sub(said, value)


def _mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        style.repolish(widget)


class FilterRow(QWidget):
    """One filter: field, an operator that fits it, a value; its problem shown under it."""

    changed = Signal()
    removeClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterRow")
        self.field = QComboBox()
        self.field.setObjectName("filterField")
        for key, spec in FIELDS.items():
            if spec.filterable:
                self.field.addItem(field_label(key), key)
        self.op = QComboBox()
        self.op.setObjectName("filterOperator")
        self.value = QLineEdit()
        self.value.setObjectName("filterValue")
        self.remove = QToolButton()
        self.remove.setObjectName("removeFilterButton")
        self.remove.setText("✕")
        self.remove.setToolTip(translate("FilterRow", "Remove this filter"))
        self.remove.setAccessibleName(translate("FilterRow", "Remove filter"))
        self.error = QLabel()
        self.error.setObjectName("filterError")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.field, 0, 0)
        layout.addWidget(self.op, 0, 1)
        layout.addWidget(self.value, 0, 2)
        layout.addWidget(self.remove, 0, 3)
        layout.addWidget(self.error, 1, 0, 1, 4)
        layout.setColumnStretch(2, 1)
        self.field.setMinimumWidth(140)
        self.op.setMinimumWidth(100)

        self.field.currentIndexChanged.connect(self._on_field_currentIndexChanged)
        self.op.currentIndexChanged.connect(self._on_op_currentIndexChanged)
        self.value.textChanged.connect(self.changed)
        self.remove.clicked.connect(self.removeClicked)
        self._on_field_currentIndexChanged()

    def set_filter(self, flt: Filter) -> None:
        index = self.field.findData(flt.field)
        if index >= 0:
            self.field.setCurrentIndex(index)
        op_index = self.op.findData(flt.op)
        if op_index >= 0:
            self.op.setCurrentIndex(op_index)
        self.value.setText(flt.value)

    def filter(self) -> Filter:
        return Filter(str(self.field.currentData()), self.operator(), self.value.text())

    def operator(self) -> str:
        data = self.op.currentData()
        return str(data) if data is not None else ""

    def check(self) -> str:
        """Validate the row and mark it; returns the problem ('' when valid)."""
        try:
            check_filter(self.filter())
        except ReconError as exc:
            problem = i18n.say(exc)
            self.show_problem(problem)
            return problem
        self.show_problem("")
        return ""

    def show_problem(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence))
        _mark(self.value, bool(sentence))

    def _on_field_currentIndexChanged(self, _index: int = 0) -> None:
        spec = FIELDS[str(self.field.currentData())]
        self.op.blockSignals(True)
        previous = self.operator()
        self.op.clear()
        for op in OPERATORS_BY_KIND[spec.kind]:
            self.op.addItem(operator_name(op), op)
        index = self.op.findData(previous)
        self.op.setCurrentIndex(max(index, 0))
        self.op.blockSignals(False)
        self.value.setPlaceholderText(value_hint(spec.kind))
        self._on_op_currentIndexChanged()

    def _on_op_currentIndexChanged(self, _index: int = 0) -> None:
        no_value = self.operator() in NO_VALUE_OPERATORS
        self.value.setEnabled(not no_value)
        if no_value:
            self.value.clear()
        self.changed.emit()


class ColumnChooser(QWidget):
    """The listing's columns, in order: add, remove, move up and down."""

    changed = Signal()

    def __init__(
        self, columns: tuple[str, ...] = DEFAULT_COLUMNS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.available = QListWidget()
        self.available.setObjectName("availableColumns")
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosenColumns")
        for key in columns:
            self.chosen.addItem(self._item(key))
        for key in FIELDS:
            if key not in columns:
                self.available.addItem(self._item(key))
        self.add_button = self._button(
            translate("ColumnChooser", "Add →"), "addColumnButton", self._on_add_clicked
        )
        self.remove_button = self._button(
            translate("ColumnChooser", "← Remove"), "removeColumnButton", self._on_remove_clicked
        )
        self.up_button = self._button(
            translate("ColumnChooser", "Up"), "columnUpButton", lambda: self._move(-1)
        )
        self.down_button = self._button(
            translate("ColumnChooser", "Down"), "columnDownButton", lambda: self._move(1)
        )
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(translate("ColumnChooser", "Available")), 0, 0)
        layout.addWidget(QLabel(translate("ColumnChooser", "Shown, in this order")), 0, 2)
        layout.addWidget(self.available, 1, 0)
        layout.addLayout(buttons, 1, 1)
        layout.addWidget(self.chosen, 1, 2)
        self.available.itemDoubleClicked.connect(lambda _item: self._on_add_clicked())
        self.chosen.itemDoubleClicked.connect(lambda _item: self._on_remove_clicked())
        for widget in (self.available, self.chosen):
            widget.setMaximumHeight(150)
            widget.setMinimumWidth(160)

    @staticmethod
    def _item(key: str) -> QListWidgetItem:
        item = QListWidgetItem(field_label(key))
        item.setData(Qt.ItemDataRole.UserRole, key)
        return item

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter in the dialog starts the session, nothing else
        button.clicked.connect(slot)
        return button

    def columns(self) -> list[str]:
        return [
            str(self.chosen.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.chosen.count())
        ]

    def _on_add_clicked(self) -> None:
        row = self.available.currentRow()
        if row < 0:
            return
        item = self.available.takeItem(row)
        self.chosen.addItem(item)
        self.chosen.setCurrentItem(item)
        self.changed.emit()

    def _on_remove_clicked(self) -> None:
        row = self.chosen.currentRow()
        if row < 0:
            return
        item = self.chosen.takeItem(row)
        self.available.addItem(item)
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)
        self.changed.emit()


class StartSessionDialog(QDialog):
    """Asks for what a session needs and starts it; ``started`` is set once accepted."""

    def __init__(
        self, services: Services, operator: Operator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator = operator
        self.started: SessionInfo | None = None
        self.filter_rows: list[FilterRow] = []
        heading = translate("StartSessionDialog", "Start Inventory Reconciliation Session")
        self.setWindowTitle(f"{heading} — {APP_TITLE}")

        title = QLabel(heading)
        title.setObjectName("dialogTitle")
        self.name = QLineEdit(
            translate("StartSessionDialog", "Reconciliation {day}").format(
                day=formatting.day(date.today())
            )
        )
        self.name.setObjectName("sessionName")
        self.name.setMaxLength(300)
        self.lab = QComboBox()
        self.lab.setObjectName("sessionLab")
        for lab, role in services.admin.labs_of(operator.user_id):
            if role in START_ROLES:
                self.lab.addItem(lab.name, lab.id)
        self.config = QComboBox()
        self.config.setObjectName("listingConfig")
        self.config_summary = QLabel()
        self.config_summary.setObjectName("hintText")
        self.config_summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("StartSessionDialog", "Session &name:"), self.name)
        form.addRow(translate("StartSessionDialog", "&Lab:"), self.lab)
        form.addRow(translate("StartSessionDialog", "Listing &config:"), self.config)
        form.addRow("", self.config_summary)

        # the new-config editor, shown when "New listing config…" is chosen
        self.editor = QGroupBox(translate("StartSessionDialog", "New listing config"))
        self.editor.setObjectName("configEditor")
        self.config_name = QLineEdit()
        self.config_name.setObjectName("configName")
        self.config_name.setPlaceholderText(
            translate("StartSessionDialog", "e.g. Freezer A, Room 101")
        )
        self.config_name.setMaxLength(200)
        self.columns = ColumnChooser()
        self.filters_box = QVBoxLayout()
        self.filters_box.setSpacing(6)
        self.add_filter_button = QPushButton(translate("StartSessionDialog", "Add filter"))
        self.add_filter_button.setObjectName("addFilterButton")
        self.add_filter_button.setAutoDefault(False)
        self.add_filter_button.clicked.connect(lambda: self.add_filter_row())
        editor = QFormLayout(self.editor)
        editor.addRow(translate("StartSessionDialog", "Config na&me:"), self.config_name)
        editor.addRow(translate("StartSessionDialog", "Columns:"), self.columns)
        filters = QVBoxLayout()
        filters.addLayout(self.filters_box)
        filters.addWidget(self.add_filter_button, 0, Qt.AlignmentFlag.AlignLeft)
        editor.addRow(translate("StartSessionDialog", "Filters:"), filters)

        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        self.error = style.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("StartSessionDialog", "Start Session"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.editor)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label, 1)
        layout.addLayout(counts)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)

        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DELAY_MS)
        self.count_timer.timeout.connect(self._on_count_timer_timeout)
        self._count_asked = 0  # answers to older questions are dropped

        self.name.textChanged.connect(self._on_input_changed)
        self.config_name.textChanged.connect(self._on_input_changed)
        self.columns.changed.connect(self._on_input_changed)
        self.lab.currentIndexChanged.connect(self._on_lab_currentIndexChanged)
        self.config.currentIndexChanged.connect(self._on_config_currentIndexChanged)
        if self.lab.count() == 0:
            self.show_error(
                translate(
                    "StartSessionDialog",
                    "{user} is not a member or admin of any lab, so cannot start a session.",
                ).format(user=operator.name)
            )
        self._on_lab_currentIndexChanged()

    # ------------------------------------------------------------ state
    def lab_id(self) -> int | None:
        data = self.lab.currentData()
        return int(data) if data is not None else None

    def config_id(self) -> int | None:
        """The saved config chosen, or None for a new one."""
        data = self.config.currentData()
        return int(data) if data is not None else None

    def is_new_config(self) -> bool:
        return self.config.count() > 0 and self.config_id() is None

    def filters(self) -> list[Filter]:
        return [row.filter() for row in self.filter_rows]

    def add_filter_row(self, flt: Filter | None = None) -> FilterRow:
        row = FilterRow(self.editor)
        if flt is not None:
            row.set_filter(flt)
        row.changed.connect(self._on_input_changed)
        row.removeClicked.connect(lambda: self._remove_filter_row(row))
        self.filters_box.addWidget(row)
        row.show()  # at once, not when the layout gets round to it
        self.filter_rows.append(row)
        row.field.setFocus()
        self._on_input_changed()
        return row

    def _remove_filter_row(self, row: FilterRow) -> None:
        self.filter_rows.remove(row)
        self.filters_box.removeWidget(row)
        row.deleteLater()
        self._on_input_changed()

    def show_error(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence))

    # ------------------------------------------------------------ reactions
    def _on_lab_currentIndexChanged(self, _index: int = 0) -> None:
        self.config.blockSignals(True)
        self.config.clear()
        lab_id = self.lab_id()
        if lab_id is not None:
            for config_id, name in self.services.admin.configs(lab_id):
                self.config.addItem(name, config_id)
            # making a listing config is an admin's (the service checks it too)
            if self.services.admin.may_add_configs(self.operator, lab_id):
                self.config.addItem(translate("StartSessionDialog", NEW_CONFIG), None)
            elif self.config.count() == 0:
                self.show_error(
                    translate(
                        "StartSessionDialog",
                        "This lab has no listing configs yet; an admin of the lab makes them.",
                    )
                )
        self.config.blockSignals(False)
        self._on_config_currentIndexChanged()

    def _on_config_currentIndexChanged(self, _index: int = 0) -> None:
        new = self.is_new_config()
        self.editor.setVisible(new)
        self.config_summary.setVisible(not new)
        if new and not self.filter_rows:
            self.add_filter_row()
        self._on_input_changed()
        self.adjustSize()

    def _saved_filters(self) -> list[Filter] | None:
        lab_id, config_id = self.lab_id(), self.config_id()
        if lab_id is None or config_id is None:
            return None
        try:
            _, _, columns, filters = self.services.admin.config(lab_id, config_id)
        except ReconError as exc:
            self.config_summary.setText(i18n.say(exc))
            return None
        shown = "; ".join(
            f"{field_label(f.field)} {operator_name(f.op)} {shown_value(f.field, f.value)}".rstrip()
            for f in filters
        ) or translate("StartSessionDialog", "every active item of the lab")
        labels = ", ".join(field_label(c) for c in columns if c in FIELDS)
        self.config_summary.setText(
            translate("StartSessionDialog", "Filters: {filters}\nColumns: {columns}").format(
                filters=shown, columns=labels
            )
        )
        return filters

    def _on_input_changed(self) -> None:
        """Check what can be checked at once; count the matching items a moment later."""
        valid = self._check()
        self.ok_button.setEnabled(valid)
        if valid:
            self.count_label.setText(translate("StartSessionDialog", "Counting matching items…"))
            self.count_timer.start()
        else:
            self.count_timer.stop()
            self._count_asked += 1
            if self.lab_id() is not None:
                self.count_label.setText("")

    def _check(self) -> bool:
        if not self.name.text().strip() or self.lab_id() is None:
            return False
        if not self.is_new_config():
            return self._saved_filters() is not None
        problems = [row.check() for row in self.filter_rows]
        return (
            not any(problems)
            and bool(self.config_name.text().strip())
            and bool(self.columns.columns())
        )

    def _on_count_timer_timeout(self) -> None:
        """Count off the GUI thread (a big inventory takes a while); only the answer to
        the latest question is shown."""
        lab_id = self.lab_id()
        filters = self.filters() if self.is_new_config() else self._saved_filters()
        if lab_id is None or filters is None:
            return
        self._count_asked += 1
        asked = self._count_asked
        admin = self.services.admin
        run_op(
            self,
            lambda _progress: admin.count_matching(lab_id, filters),
            db=self.services.db,
            success=functools.partial(self._on_counted, asked),
            failure=functools.partial(self._on_count_failed, asked),
            label=translate("StartSessionDialog", "Counting matching items…"),
            cancellable=False,
            progress_dialog=False,
        )

    def _on_counted(self, asked: int, count: object) -> None:
        if asked != self._count_asked or not isinstance(count, int):
            return
        self.count_label.setText(
            translate("StartSessionDialog", "1 item matches now; it becomes the expected set.")
            if count == 1
            else translate(
                "StartSessionDialog", "{count} items match now; they become the expected set."
            ).format(count=QLocale().toString(count))
        )

    def _on_count_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._count_asked:
            return
        self.count_label.setText(error_sentence(exc))
        self.ok_button.setEnabled(False)

    def _on_buttons_accepted(self) -> None:
        lab_id = self.lab_id()
        if lab_id is None or not self._check():
            return
        try:
            config_id = self.config_id()
            if config_id is None:
                config_id = self.services.admin.add_config(
                    self.operator,
                    self.config_name.text(),
                    lab_id,
                    self.filters(),
                    self.columns.columns(),
                )
                self._select_saved_config(config_id)  # a retry must not save it twice
            self.started = self.services.sessions.start(
                self.operator, lab_id, config_id, self.name.text()
            )
        except ReconError as exc:
            self.show_error(i18n.say(exc))
            return
        self.accept()

    def _select_saved_config(self, config_id: int) -> None:
        self._on_lab_currentIndexChanged()
        index = self.config.findData(config_id)
        if index >= 0:
            self.config.setCurrentIndex(index)
