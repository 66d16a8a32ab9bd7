"""An uncaught exception shows a dialog with a copyable report instead of vanishing.

``CrashReporter`` installs the hooks of ``recon_desktop.logs`` and brings every report to
the GUI thread (an exception in a worker thread arrives through a queued signal). Scans
are committed before their tag is shown, so the dialog can say that nothing recorded is
lost and that the session comes back on the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.logs import Crash, ExceptHooks, RingBufferHandler

translate = QCoreApplication.translate
MAX_OPEN = 3  # reports after these go to the last dialog, not new windows


def qt_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": pyside_version}


class CrashDialog(QDialog):
    """Shows one or more crash reports, with Copy and the log file's place."""

    def __init__(
        self, crash: Crash, *, log_path: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        crash_title = translate("CrashDialog", "Something went wrong")
        self.setWindowTitle(f"{crash_title} — {APP_TITLE}")
        self.log_path = log_path
        title = QLabel(crash_title)
        title.setObjectName("dialogTitle")
        self.summary = QLabel(crash.summary)
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        safe = QLabel(
            translate(
                "CrashDialog",
                "Every scan that showed its tag is saved, and an active session comes back "
                "when recon-desktop starts again. You can go on working, or quit and start "
                "again.",
            )
        )
        safe.setWordWrap(True)
        self.report = QPlainTextEdit(crash.report)
        self.report.setObjectName("crashReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setMinimumSize(640, 260)
        where = (
            translate("CrashDialog", "The report is also in the log file {file}.").format(
                file=log_path
            )
            if log_path
            else translate(
                "CrashDialog", "There is no log file (the log folder could not be used)."
            )
        )
        self.where = QLabel(where)
        self.where.setObjectName("hintText")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(translate("CrashDialog", "&Copy Report"))
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(translate("CrashDialog", "Open Log &Folder"))
        self.folder_button.setEnabled(log_path is not None)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton(
            translate("CrashDialog", "&Quit"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.quit_button.clicked.connect(self._on_quit_button_clicked)
        self.continue_button = buttons.addButton(
            translate("CrashDialog", "C&ontinue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(safe)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.where)
        layout.addWidget(buttons)

    def add(self, crash: Crash) -> None:
        """Another report while this one is open: appended, not a new window."""
        self.summary.setText(f"{self.summary.text()}\n{crash.summary}")
        self.report.appendPlainText("\n" + "=" * 72 + "\n" + crash.report)

    def report_text(self) -> str:
        return self.report.toPlainText()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(translate("CrashDialog", "&Copied"))

    def _on_folder_button_clicked(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    def _on_quit_button_clicked(self) -> None:
        self.reject()
        app = QApplication.instance()
        if app is not None:
            app.exit(70)  # EX_SOFTWARE: the program ended because of its own fault


class CrashReporter(QObject):
    """Installs the exception hooks and shows each crash in a :class:`CrashDialog`."""

    crashed = Signal(object)  # a logs.Crash, delivered on the GUI thread

    def __init__(
        self,
        *,
        ring: RingBufferHandler | None,
        log_path: Path | None,
        parent: QObject | None = None,
        show: bool = True,
    ) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.show_dialogs = show
        self.crashes: list[Crash] = []
        self.dialog: CrashDialog | None = None
        self.dialogs_opened = 0
        self.hooks = ExceptHooks(
            self._on_hooks_crash, ring=ring, log_path=log_path, versions=qt_versions
        )
        self.crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        self.hooks.install()
        return self

    def uninstall(self) -> None:
        self.hooks.uninstall()

    def _on_hooks_crash(self, crash: Crash) -> None:
        # any thread: the dialog is made on the GUI thread by the queued connection
        self.crashed.emit(crash)

    def _on_crashed(self, crash: object) -> None:
        assert isinstance(crash, Crash)
        self.crashes.append(crash)
        if not self.show_dialogs:
            return
        if self.dialog is not None and (self.dialog.isVisible() or self.dialogs_opened >= MAX_OPEN):
            self.dialog.add(crash)
            self.dialog.show()
            return
        if self.dialog is not None:
            self.dialog.deleteLater()  # closed earlier; kept until now for its report
        parent = QApplication.activeWindow()
        dialog = CrashDialog(crash, log_path=self.log_path, parent=parent)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog = dialog
        self.dialogs_opened += 1
        dialog.show()
        dialog.raise_()
