"""The inventory import wizard: choose a file → map columns (matched automatically by
header name) → preview with every problem by row, column and reason → import (one
transaction). Reading, checking and writing run off the GUI thread (``ui.workers``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from recon_desktop.core.import_cells import FIELD_LABELS, FIELDS, REQUIRED
from recon_desktop.core.records import Operator
from recon_desktop.services import Services
from recon_desktop.services.importing import DELIMITER_NAMES, ImportPlan, ImportService
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.file_dialogs import documents_folder, tell
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

translate = QCoreApplication.translate
# English constants, said with translate("ImportWizard", ...)
IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "ImportWizard",
    "Spreadsheets (*.xlsx *.csv *.txt);;Excel workbook (*.xlsx);;CSV (*.csv *.txt)",
)
ENCODINGS = [
    (QT_TRANSLATE_NOOP("ImportWizard", "Automatic (UTF-8, with or without BOM)"), ""),
    (QT_TRANSLATE_NOOP("ImportWizard", "Windows Western (cp1252)"), "cp1252"),
    ("Latin-1 (ISO 8859-1)", "latin-1"),
    ("UTF-16", "utf-16"),
]


def page_heading(page: QWizardPage, title: str, hint: str = "") -> tuple[QLabel, QLabel]:
    """A page's title in the dialogs' style and what it asks under it (the wizard's own
    title is squeezed into a line of ordinary text)."""
    heading = QLabel(title, page)
    heading.setObjectName("dialogTitle")
    explain = QLabel(hint, page)
    explain.setObjectName("hintText")
    explain.setWordWrap(True)
    explain.setVisible(bool(hint))
    return heading, explain


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        heading, hint = page_heading(
            self,
            translate("ImportWizard", "Choose a file"),
            translate(
                "ImportWizard",
                "An .xlsx workbook (first sheet) or a .csv file with a header row. "
                "Barcode, Ingredient and Location (a path like Building 1/Room 101) "
                "are required.",
            ),
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        browse = QPushButton(translate("ImportWizard", "Browse…"), self)
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._on_browse_clicked)
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("importEncoding")
        for text, value in ENCODINGS:
            self.encoding.addItem(translate("ImportWizard", text), value)
        self.message = QLabel(self)
        self.message.setObjectName("importFileMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(hint)
        # a row of two: the label names the field
        label = QLabel(translate("ImportWizard", "&File:"), self)
        label.setBuddy(self.path_edit)
        form.addRow(label, row)
        form.addRow(translate("ImportWizard", "CSV encoding:"), self.encoding)
        form.addRow(self.message)
        self._read: tuple[str, str] | None = None  # (path, encoding) whose headers are read
        self._reading = False
        self.encoding.currentIndexChanged.connect(self._on_encoding_current_index_changed)

    def _on_encoding_current_index_changed(self, _index: int) -> None:
        self._read = None

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "Import inventory"),
            str(documents_folder()),
            translate("ImportWizard", IMPORT_FILTER),
        )
        if path:
            self.path_edit.setText(path)

    def _on_path_edit_text_changed(self, _text: str) -> None:
        self.message.clear()
        self._read = None
        self.completeChanged.emit()

    def _key(self) -> tuple[str, str]:
        return self.path_edit.text().strip(), str(self.encoding.currentData() or "")

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self._reading

    def validatePage(self) -> bool:
        """Next reads the header row in the background (the whole file is checked for
        hostile content first, which takes a moment on a big file), then moves on."""
        if self._read == self._key():
            return True
        if self._reading:
            return False
        path_text, encoding_text = self._key()
        path, encoding = Path(path_text), encoding_text or None
        importer = self._wizard.importer
        self._reading = True
        self.message.setText(translate("ImportWizard", "Reading the file…"))
        self.completeChanged.emit()

        def job(_progress: OpProgress) -> tuple[list[str], str | None]:
            return importer.read_headers(path, encoding=encoding)

        def done(result: object) -> None:
            self._reading = False
            assert isinstance(result, tuple)
            headers: list[str] = list(result[0])
            delimiter: str | None = result[1]
            self._wizard.path, self._wizard.encoding = path, encoding
            self._wizard.headers, self._wizard.delimiter = headers, delimiter
            self._read = (path_text, encoding_text)
            self.message.clear()
            self.completeChanged.emit()
            self._wizard.next()

        def failed(exc: BaseException) -> None:
            self._reading = False
            self.message.setText(error_sentence(exc))
            self.completeChanged.emit()

        def cancelled() -> None:
            self._reading = False
            self.message.clear()
            self.completeChanged.emit()

        run_op(
            self,
            job,
            db=None,
            success=done,
            failure=failed,
            label=translate("ImportWizard", "Reading the file…"),
            cancellable=True,
            cancelled=cancelled,
        )
        return False


class _MappingPage(QWizardPage):
    NONE = QT_TRANSLATE_NOOP("ImportWizard", "(not in the file)")  # said translated

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.heading, self.hint = page_heading(self, translate("ImportWizard", "Match the columns"))
        self.form = QFormLayout(self)
        self.form.addRow(self.heading)
        self.form.addRow(self.hint)
        self.delimiter = QLabel(self)
        self.delimiter.setObjectName("importDelimiter")
        self.form.addRow(self.delimiter)
        self.combos: dict[str, QComboBox] = {}
        for name in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"map_{name}")
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            self.combos[name] = combo
            label = formatting.heading(FIELD_LABELS[name]) + (" *" if name in REQUIRED else "")
            self.form.addRow(label + ":", combo)
        self.message = QLabel(self)
        self.message.setObjectName("importMappingMessage")
        self.message.setWordWrap(True)
        self.form.addRow(self.message)

    def initializePage(self) -> None:
        wizard = self._wizard
        auto = wizard.importer.auto_mapping(wizard.headers)
        delimiter = wizard.delimiter
        self.hint.setText(
            translate(
                "ImportWizard",
                "Columns were matched by their header names; choose the others. "
                "* marks a required field.",
            )
        )
        self.hint.show()
        if delimiter:
            called = DELIMITER_NAMES.get(delimiter)
            self.delimiter.setText(
                translate("ImportWizard", "Detected delimiter: {delimiter}").format(
                    delimiter=formatting.said(called, "ImportWizard") if called else repr(delimiter)
                )
            )
        else:
            self.delimiter.setText(translate("ImportWizard", "Excel workbook: first sheet."))
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("ImportWizard", self.NONE), "")
            for header in wizard.headers:
                if header:
                    combo.addItem(header, header)
            index = combo.findData(auto.get(name, ""))
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._on_combo_current_index_changed()

    def mapping(self) -> dict[str, str]:
        return {
            name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()
        }

    def _on_combo_current_index_changed(self, _index: int = 0) -> None:
        self.message.setText(self._problem() or "")
        self.completeChanged.emit()

    def _problem(self) -> str | None:
        mapping = self.mapping()
        missing = [formatting.heading(FIELD_LABELS[f]) for f in REQUIRED if f not in mapping]
        if missing:
            return translate("ImportWizard", "Choose the column for {fields}.").format(
                fields=", ".join(missing)
            )
        used = list(mapping.values())
        twice = sorted({h for h in used if used.count(h) > 1})
        if twice:
            return translate(
                "ImportWizard", "The column {column} is chosen for two fields."
            ).format(column=repr(twice[0]))
        return None

    def isComplete(self) -> bool:
        return self._problem() is None

    def validatePage(self) -> bool:
        self._wizard.mapping = self.mapping()
        return True


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        heading, _hint = page_heading(self, translate("ImportWizard", "Preview"))
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3, self)
        self.problems.setObjectName("importProblems")
        self.problems.setTabKeyNavigation(False)  # Tab leaves the table
        self.problems.setHorizontalHeaderLabels(
            [
                translate("ImportWizard", "Row"),
                translate("ImportWizard", "Column"),
                translate("ImportWizard", "Problem"),
            ]
        )
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self._wizard.plan = None
        self.problems.setRowCount(0)
        self.summary.setText(translate("ImportWizard", "Checking every row…"))
        self.completeChanged.emit()
        self._wizard.start_plan()

    def show_plan(self, plan: ImportPlan | None, error: str = "") -> None:
        if plan is None:
            self.summary.setText(error)
            self.completeChanged.emit()
            return
        text = i18n.say(plan.summary())
        if plan.ok:
            text += " " + translate("ImportWizard", "Press Import to write it, all in one step.")
        else:
            text += " " + translate(
                "ImportWizard", "Correct the file (or the column choices) and check it again."
            )
        self.summary.setText(text)
        self.problems.setRowCount(len(plan.problems))
        for n, problem in enumerate(plan.problems):
            row_item = QTableWidgetItem()
            row_item.setData(Qt.ItemDataRole.DisplayRole, problem.row)
            self.problems.setItem(n, 0, row_item)
            self.problems.setItem(n, 1, QTableWidgetItem(problem.column))
            self.problems.setItem(n, 2, QTableWidgetItem(i18n.say(problem.reason)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        return plan is not None and plan.ok and not self._wizard.busy


class ImportWizard(QWizard):
    """Inventory import: choose a file → map columns → preview every problem → import."""

    def __init__(
        self, parent: QWidget | None, services: Services, operator: Operator, lab_id: int
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(translate("ImportWizard", "Import inventory"))
        chars = self.fontMetrics().averageCharWidth()  # sizes from the font
        self.setMinimumSize(chars * 100, chars * 70)
        self.services = services
        self.operator = operator
        self.lab = services.admin.lab(lab_id)
        importer = getattr(services, "importing", None)
        self.importer: ImportService = (
            importer
            if isinstance(importer, ImportService)
            else ImportService(services.db, services.admin)
        )
        self.path: Path | None = None
        self.encoding: str | None = None
        self.headers: list[str] = []
        self.delimiter: str | None = None
        self.mapping: dict[str, str] = {}
        self.plan: ImportPlan | None = None
        self.imported: ImportPlan | None = None
        self.busy = False
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        self.addPage(self.file_page)
        self.addPage(self.mapping_page)
        self.addPage(self.preview_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("ImportWizard", "Import"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)

    def start_plan(self) -> None:
        assert self.path is not None
        path, encoding, mapping, lab = self.path, self.encoding, dict(self.mapping), self.lab.id
        marks = formatting.number_marks()  # numbers written as text, as this locale writes them
        self.busy = True

        def job(progress: OpProgress) -> ImportPlan:
            return self.importer.plan(
                path,
                lab,
                mapping=mapping,
                encoding=encoding,
                progress=progress.report,
                cancelled=lambda: progress.cancelled,
                marks=marks,
            )

        def done(result: object) -> None:
            self.busy = False
            assert isinstance(result, ImportPlan)
            self.plan = result
            self.preview_page.show_plan(result)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.preview_page.show_plan(None, error_sentence(exc))

        def cancelled() -> None:
            self.busy = False
            self.preview_page.show_plan(
                None, translate("ImportWizard", "Checking was cancelled; nothing was imported.")
            )

        run_op(
            self,
            job,
            db=self.services.db,
            success=done,
            failure=failed,
            label=translate("ImportWizard", "Checking every row…"),
            cancellable=True,
            cancelled=cancelled,
        )

    def accept(self) -> None:
        """Finish = Import: write the checked plan in the background, then close."""
        if self.imported is not None:
            super().accept()
            return
        plan = self.plan
        if plan is None or not plan.ok or self.busy:
            return
        self.busy = True
        self.preview_page.completeChanged.emit()
        self.preview_page.summary.setText(translate("ImportWizard", "Importing…"))
        operator = self.operator

        def job(progress: OpProgress) -> ImportPlan:
            return self.importer.apply(plan, operator=operator, progress=progress.report)

        def done(result: object) -> None:
            self.busy = False
            assert isinstance(result, ImportPlan)
            self.imported = result
            super(ImportWizard, self).accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.preview_page.show_plan(None, error_sentence(exc))

        # one transaction: a cancel could only hide a change that is made anyway
        run_op(
            self,
            job,
            db=self.services.db,
            success=done,
            failure=failed,
            label=translate("ImportWizard", "Importing…"),
            cancellable=False,
        )


def open_import_wizard(
    parent: QWidget | None, services: Services, operator: Operator, lab_id: int
) -> bool:
    """Show the import wizard; True when something was imported."""
    wizard = ImportWizard(parent, services, operator, lab_id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    accepted = wizard.exec() == QWizard.DialogCode.Accepted
    imported = wizard.imported
    if accepted and imported is not None and parent is not None:
        tell(
            parent,
            translate(
                "ImportWizard",
                "Imported {file}: {new} new, {updated} updated, {unchanged} unchanged.",
            ).format(
                file=imported.path.name,
                new=formatting.number(imported.new),
                updated=formatting.number(imported.updated),
                unchanged=formatting.number(imported.unchanged),
            ),
        )
    return accepted and imported is not None
