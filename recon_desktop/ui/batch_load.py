"""⚙ → Load Batch-Scanner File…: a batch scanner's file into the session shown, off the GUI
thread, with the command line's report of each line refused or noted (``services.batch``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.errors import ReconError
from recon_desktop.services import batch
from recon_desktop.ui import i18n
from recon_desktop.ui.file_dialogs import documents_folder
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

if TYPE_CHECKING:
    from recon_desktop.ui.main_window import MainWindow

translate = QCoreApplication.translate
# said with translate("BatchLoad", ...)
BATCH_FILTER = QT_TRANSLATE_NOOP(
    "BatchLoad", "Batch-scanner files (*.txt *.csv *.dat);;All files (*)"
)


class BatchReportDialog(QDialog):
    """What loading a file did: the summary, then each line refused or noted."""

    def __init__(self, report: batch.BatchReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchReport")
        self.setWindowTitle(
            translate("BatchLoad", "Batch file loaded — {program}").format(program=APP_TITLE)
        )
        title = QLabel(
            translate("BatchLoad", "{file} loaded").format(file=report.name)
            if not report.stopped
            else report.name
        )
        title.setObjectName("dialogTitle")
        self.summary = QLabel(i18n.say(report.stopped or report.summary()))
        self.summary.setObjectName("batchSummary" if not report.stopped else "errorText")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = QPlainTextEdit("\n".join(i18n.say(note.said) for note in report.notes))
        self.lines.setObjectName("batchLines")
        self.lines.setReadOnly(True)
        self.lines.setVisible(bool(report.notes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        if report.notes:
            noted = QLabel(translate("BatchLoad", "Lines refused (left out) or noted:"))
            noted.setObjectName("hintText")
            layout.addWidget(noted)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)


def load_batch_file(window: MainWindow, path: Path | None = None) -> None:
    """Ask for the file (``path``: already chosen), load it into the session shown in the
    background, then show what it did; the scans join the list as the poll reads them."""
    session = window.session
    if session is None:
        window.panel.show_refused(
            translate("BatchLoad", "No session"),
            translate("BatchLoad", "Start or join a session first: a batch file loads into one."),
        )
        return
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window,
            translate("BatchLoad", "Load Batch-Scanner File"),
            str(documents_folder()),
            translate("BatchLoad", BATCH_FILTER),
        )
        if not chosen:
            return
        path = Path(chosen)
    try:
        data = batch.read_file(path)
    except ReconError as exc:
        window.panel.show_refused(translate("BatchLoad", "NOT LOADED"), i18n.say(exc))
        window.sounds.play("error")
        return
    services, operator, name = window.services, window.operator, path.name
    stand_in = window.live.gs_substitute or None  # what this workstation's scanner sends for GS

    def job(progress: OpProgress) -> batch.BatchReport:
        return batch.load(
            services,
            operator,
            session.id,
            data,
            name=name,
            progress=progress.report,
            cancelled=lambda: progress.cancelled,
            gs_substitute=stand_in,
        )

    def done(result: object) -> None:
        assert isinstance(result, batch.BatchReport)
        window.live.poll()  # the file's scans join the list
        window.live.read_progress()
        if result.stopped:
            window.panel.show_refused(
                translate("BatchLoad", "LOADING STOPPED"), i18n.say(result.stopped)
            )
            window.sounds.play("error")
        else:
            window.panel.show_idle(
                translate("BatchLoad", "{file} loaded").format(file=name),
                i18n.say(result.summary()),
            )
        window.open_dialog(BatchReportDialog(result, window))

    def failed(exc: BaseException) -> None:
        window.panel.show_refused(translate("BatchLoad", "NOT LOADED"), error_sentence(exc))
        window.sounds.play("error")

    def stopped() -> None:
        window.live.poll()
        window.panel.show_idle(
            translate("BatchLoad", "Loading {file} stopped").format(file=name),
            translate(
                "BatchLoad",
                "The lines loaded so far are recorded; load the file again to add the rest "
                "(nothing is recorded twice).",
            ),
        )

    run_op(
        window,
        job,
        db=services.db,
        success=done,
        failure=failed,
        label=translate("BatchLoad", "Loading {file}…").format(file=name),
        cancellable=True,
        cancelled=stopped,
    )
