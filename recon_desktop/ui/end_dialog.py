"""Ending a session: the summary, what to do about the items not scanned (archive them as
missing, with a reason), a note kept with the session, then the starter's PIN again as a
signature."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.records import Operator, SessionInfo
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.services.auth import PIN_MAX
from recon_desktop.ui import i18n, style
from recon_desktop.ui.workers import error_sentence, run_op

translate = QCoreApplication.translate
# the summary's rows: their keys (``summary_labels``) and, translated, their labels
SUMMARY_ROWS = (
    QT_TRANSLATE_NOOP("EndSessionDialog", "Expected scanned"),
    QT_TRANSLATE_NOOP("EndSessionDialog", "Not scanned"),
    QT_TRANSLATE_NOOP("EndSessionDialog", "Not in scope"),
    QT_TRANSLATE_NOOP("EndSessionDialog", "Unknown barcodes"),
)


def _n(count: int) -> str:
    return QLocale().toString(count)


class EndSessionDialog(QDialog):
    """Confirms the end of a session; ``ended`` holds the ended session once accepted."""

    def __init__(
        self,
        services: Services,
        operator: Operator,
        session: SessionInfo,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator = operator
        self.session = session
        self.ended: SessionInfo | None = None
        self.ending = False  # the end is being written
        self.not_scanned = 0
        self.archived_count = 0  # archived as missing from here
        self.setWindowTitle(
            translate("EndSessionDialog", "End Reconciliation Session — {title}").format(
                title=APP_TITLE
            )
        )

        title = QLabel(translate("EndSessionDialog", "End “{name}”?").format(name=session.name))
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        summary = QFormLayout()
        self.summary_labels: dict[str, QLabel] = {}
        for name in SUMMARY_ROWS:
            label = QLabel()
            label.setObjectName("summaryValue")
            self.summary_labels[str(name)] = label
            shown = translate("EndSessionDialog", str(name))
            summary.addRow(translate("EndSessionDialog", "{name}:").format(name=shown), label)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveMissingButton")
        self.archive_button.setToolTip(
            translate(
                "EndSessionDialog",
                "Archive the items of the listing that were not scanned, with one reason, "
                "before the session ends (each item's history records it)",
            )
        )
        self.archive_button.clicked.connect(self._on_archive_button_clicked)
        self.archived = QLabel()
        self.archived.setObjectName("archivedMissing")
        self.archived.setWordWrap(True)
        self.archived.hide()
        self._read_summary()
        self.note = QPlainTextEdit()
        self.note.setObjectName("endNote")
        self.note.setPlaceholderText(
            translate("EndSessionDialog", "Optional: what was left open, what to check next time")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        explain = QLabel(
            translate(
                "EndSessionDialog",
                "Ending records the time and leaves reconciliation mode; the session becomes "
                "read-only. Enter the PIN of {user} to sign it.",
            ).format(user=operator.name)
        )
        explain.setObjectName("hintText")
        explain.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("endPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self.pin))
        pin_row = QFormLayout()
        note_label = QLabel(translate("EndSessionDialog", "&Note:"))
        note_label.setBuddy(self.note)
        pin_row.addRow(note_label, self.note)
        pin_row.addRow(translate("EndSessionDialog", "&PIN:"), self.pin)
        self.error = style.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(translate("EndSessionDialog", "End Session"))
        self.ok.setDefault(True)
        self.ok.setEnabled(False)
        self.pin.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(summary)
        layout.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.archived)
        layout.addWidget(explain)
        layout.addLayout(pin_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.pin.setFocus()

    def scan_refusal(self, shown: str) -> str | None:
        """While the end is being signed (the PIN typed or asked for, the end written) a
        scan cannot go into the session; before, it does."""
        if self.ending or self.pin.hasFocus() or self.pin.text():
            return translate(
                "EndSessionDialog",
                "The session is being ended: {barcode} was not recorded. Cancel the end to "
                "go on scanning.",
            ).format(barcode=shown)
        return None

    def scan_recorded(self) -> None:
        """A scan went into the session while this dialog is open: its summary follows."""
        self._read_summary()

    def _on_buttons_accepted(self) -> None:
        if not self.pin.text() or self.ending:
            return
        try:
            self.services.auth.confirm_pin(self.operator, self.pin.text())
        except ReconError as exc:
            self._refused(i18n.say(exc))
            return
        # off the GUI thread: ending keeps a copy of every item of the session (its time:
        # benchmarks/bench_scan.py), and the window must not freeze meanwhile
        self.ending = True
        self.ok.setEnabled(False)
        self.pin.setEnabled(False)
        self.note.setEnabled(False)
        self.archive_button.setEnabled(False)
        services, operator, session_id = self.services, self.operator, self.session.id
        note = self.note.toPlainText()
        run_op(
            self,
            lambda _progress: services.sessions.end(operator, session_id, note=note),
            db=services.db,
            success=self._on_ended,
            failure=self._on_end_failed,
            label=translate("EndSessionDialog", "Ending the session…"),
            cancellable=False,
        )

    def _on_ended(self, ended: object) -> None:
        assert isinstance(ended, SessionInfo)
        self.ended = ended
        self.ending = False
        self.accept()

    def _on_end_failed(self, exc: BaseException) -> None:
        self.ending = False
        self.pin.setEnabled(True)
        self.note.setEnabled(True)
        self._read_summary()
        self._refused(error_sentence(exc))

    def _read_summary(self) -> None:
        labels = self.summary_labels
        try:
            progress = self.services.sessions.progress(self.session.id)
        except ReconError as exc:
            labels["Expected scanned"].setText(i18n.say(exc))
            return
        labels["Expected scanned"].setText(
            translate("EndSessionDialog", "{scanned} of {total}").format(
                scanned=_n(progress.expected_scanned), total=_n(progress.expected_total)
            )
        )
        labels["Not scanned"].setText(_n(progress.not_scanned))
        labels["Not in scope"].setText(_n(progress.not_in_scope))
        labels["Unknown barcodes"].setText(_n(progress.unknown))
        self.not_scanned = progress.not_scanned
        missing = progress.not_scanned
        self.archive_button.setText(
            translate("EndSessionDialog", "&Archive the {count} not scanned as missing…").format(
                count=_n(missing)
            )
            if missing > 1
            else translate("EndSessionDialog", "&Archive the one not scanned as missing…")
            if missing == 1
            else translate("EndSessionDialog", "Every expected item was scanned")
        )
        if self.archived_count:  # done from here: the rest were found, or were archived
            self.archive_button.setText(translate("EndSessionDialog", "Archived as missing"))
        self.archive_button.setEnabled(missing > 0 and not self.ending and not self.archived_count)

    def _on_archive_button_clicked(self) -> None:
        self.ask_archive_missing()

    def ask_archive_missing(self) -> QDialog | None:
        """The reason for archiving the items not scanned (window-modal); archiving starts
        when it is given."""
        from recon_desktop.ui.actions import ArchiveMissingDialog

        if self.not_scanned <= 0 or self.ending:
            return None
        dialog = ArchiveMissingDialog(self, self.not_scanned, False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._archive_missing(dialog.reason))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _archive_missing(self, reason: str) -> None:
        services, operator, session_id = self.services, self.operator, self.session.id
        self.archive_button.setEnabled(False)
        run_op(
            self,
            lambda _progress: services.actions.archive_missing(operator, session_id, reason=reason),
            db=services.db,
            success=self._on_archived,
            failure=self._on_archive_failed,
            label=translate("EndSessionDialog", "Archiving as missing…"),
            cancellable=False,  # one transaction: all or nothing
        )

    def _on_archived(self, count: object) -> None:
        assert isinstance(count, int)
        self.archived.setText(
            translate("EndSessionDialog", "1 item was archived as missing; the end can be signed.")
            if count == 1
            else translate(
                "EndSessionDialog",
                "{count} items were archived as missing; the end can be signed.",
            ).format(count=_n(count))
        )
        self.archived.show()
        self.archived_count = max(count, 1)
        self._read_summary()
        self.pin.setFocus()

    def _on_archive_failed(self, exc: BaseException) -> None:
        self._read_summary()
        self._refused(error_sentence(exc))

    def _refused(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.adjustSize()  # room for the sentence
        self.pin.clear()
        self.pin.setFocus()
