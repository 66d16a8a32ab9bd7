"""Ending a session: the summary, what to do about the items not scanned (archive them as
missing, with a reason), a note kept with the session, then the starter's PIN again as a
signature."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
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
from recon_desktop.ui import style
from recon_desktop.ui.workers import error_sentence, run_op

SUMMARY_ROWS = ("Expected scanned", "Not scanned", "Not in scope", "Unknown barcodes")


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
        self.setWindowTitle(f"End Reconciliation Session — {APP_TITLE}")

        title = QLabel(f"End “{session.name}”?")
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        summary = QFormLayout()
        self.summary_labels: dict[str, QLabel] = {}
        for name in SUMMARY_ROWS:
            label = QLabel()
            label.setObjectName("summaryValue")
            self.summary_labels[name] = label
            summary.addRow(f"{name}:", label)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveMissingButton")
        self.archive_button.setToolTip(
            "Archive the items of the listing that were not scanned, with one reason, "
            "before the session ends (each item's history records it)"
        )
        self.archive_button.clicked.connect(self._on_archive_button_clicked)
        self.archived = QLabel()
        self.archived.setObjectName("archivedMissing")
        self.archived.setWordWrap(True)
        self.archived.hide()
        self._read_summary()
        self.note = QPlainTextEdit()
        self.note.setObjectName("endNote")
        self.note.setPlaceholderText("Optional: what was left open, what to check next time")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        explain = QLabel(
            f"Ending records the time and leaves reconciliation mode; the session becomes "
            f"read-only. Enter the PIN of {operator.name} to sign it."
        )
        explain.setObjectName("hintText")
        explain.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("endPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self.pin))
        pin_row = QFormLayout()
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        pin_row.addRow(note_label, self.note)
        pin_row.addRow("&PIN:", self.pin)
        self.error = style.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("End Session")
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
            return (
                f"The session is being ended: {shown} was not recorded. Cancel the end to "
                "go on scanning."
            )
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
            self._refused(str(exc))
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
            label="Ending the session…",
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
            labels["Expected scanned"].setText(str(exc))
            return
        labels["Expected scanned"].setText(
            f"{progress.expected_scanned} of {progress.expected_total}"
        )
        labels["Not scanned"].setText(str(progress.not_scanned))
        labels["Not in scope"].setText(str(progress.not_in_scope))
        labels["Unknown barcodes"].setText(str(progress.unknown))
        self.not_scanned = progress.not_scanned
        missing = progress.not_scanned
        self.archive_button.setText(
            f"&Archive the {missing} not scanned as missing…"
            if missing > 1
            else "&Archive the one not scanned as missing…"
            if missing == 1
            else "Every expected item was scanned"
        )
        if self.archived_count:  # done from here: the rest were found, or were archived
            self.archive_button.setText("Archived as missing")
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
            label="Archiving as missing…",
            cancellable=False,  # one transaction: all or nothing
        )

    def _on_archived(self, count: object) -> None:
        assert isinstance(count, int)
        noun = "item was" if count == 1 else "items were"
        self.archived.setText(f"{count} {noun} archived as missing; the end can be signed.")
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
