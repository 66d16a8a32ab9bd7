"""What the composition root adds around the Barcode Tracking window: settings, the log and
crash reports, the PostgreSQL password, the first-run window, and the Tools and Help menus.

``app.run_gui`` makes one :class:`Shell` after the QApplication and before the database;
the shell owns nothing of the database or the services, it is handed them.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import weakref
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from recon_desktop import APP_NAME, APP_TITLE, credentials
from recon_desktop import settings as settings_file
from recon_desktop.core.records import LabInfo, Operator
from recon_desktop.errors import ReconError
from recon_desktop.logs import LogSetup, setup_logging
from recon_desktop.services import Services
from recon_desktop.services.database import describe
from recon_desktop.settings import Loaded, Settings
from recon_desktop.ui import i18n, preferences
from recon_desktop.ui.crash_dialog import CrashReporter
from recon_desktop.ui.file_dialogs import tell
from recon_desktop.ui.idle_lock import IdleLock
from recon_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def has_screen() -> bool:
    """A platform a person can see (not the offscreen or minimal plugin of tests and CI)."""
    return QGuiApplication.platformName() not in {"offscreen", "minimal", ""}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log instead of a console nobody sees."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


@dataclass
class FirstRunOutcome:
    operator: Operator | None = None
    open_demo: bool = False


@dataclass
class Shell:
    app: QApplication
    loaded: Loaded
    logs: LogSetup | None = None
    crash: CrashReporter | None = None
    windows: list[QWidget] = field(default_factory=list)
    # the Tools and Help menus and the idle lock of the window: kept here for as long as
    # the window lives (nobody else holds them; collected, their menu entries go dead)
    menus: ShellMenus | None = None

    @classmethod
    def start(
        cls,
        app: QApplication,
        *,
        settings_path: Path | None = None,
        log_dir: Path | None = None,
        hooks: bool = True,
    ) -> Shell:
        """Log, crash hooks, settings loaded and applied to the application."""
        logs = setup_logging(log_dir)
        crash = None
        if hooks:
            crash = CrashReporter(ring=logs.ring, log_path=logs.path, parent=app).install()
            qInstallMessageHandler(_qt_message)
        loaded = settings_file.load(settings_path)
        for warning in loaded.warnings:
            log.warning("%s", warning)
        chosen = i18n.install(app, loaded.settings.language)  # before the first window
        log.info("interface language %s", chosen)
        preferences.apply_to_app(app, loaded.settings)
        return cls(app=app, loaded=loaded, logs=logs, crash=crash)

    @property
    def settings(self) -> Settings:
        return self.loaded.settings

    def close(self) -> None:
        if self.crash is not None:
            self.crash.uninstall()
            qInstallMessageHandler(None)
        if self.logs is not None:
            self.logs.close()

    def show_warnings(self, parent: QWidget | None = None) -> None:
        """Settings that could not be read, a log folder that cannot be used."""
        sentences = list(self.loaded.warnings)
        if self.logs is not None and self.logs.problem:
            sentences.append(self.logs.problem)
        if sentences:
            self.warn("\n\n".join(sentences), parent)

    def warn(self, sentence: str, parent: QWidget | None = None) -> None:
        """A risk that does not stop the program: on stderr (English), and in a box on a
        screen (in the interface's language)."""
        print(f"{APP_NAME}: {sentence}", file=sys.stderr, flush=True)
        if has_screen():
            QMessageBox.warning(parent, APP_TITLE, i18n.say(sentence))

    def refuse(self, sentence: object) -> None:
        """Why the program stops: the sentence and the log's place on stderr and in the
        log (English), and in a box on a screen (in the interface's language). Never a
        silent exit."""
        if isinstance(sentence, BaseException):
            sentence = sentence.args[0] if sentence.args else str(sentence)
        log.error("%s", sentence)
        where = self.logs.path if self.logs is not None and self.logs.path else None
        told = f"{sentence} The log is {where}." if where else str(sentence)
        print(f"{APP_NAME}: {told}", file=sys.stderr, flush=True)
        if has_screen():
            said = i18n.say(sentence)
            if where:
                said += " " + translate("Shell", "The log is {file}.").format(file=where)
            QMessageBox.critical(None, APP_TITLE, said)

    # ------------------------------------------------------------ database
    def connect_target(self, target: str, parent: QWidget | None = None) -> str | None:
        """The target with the PostgreSQL password from the keyring or asked for; None
        when the person cancels."""
        url, missing = credentials.connect_target(target)
        if not missing:
            return url
        password, ok = QInputDialog.getText(
            parent,
            APP_TITLE,
            translate("Shell", "Password for the database {database}:").format(
                database=describe(url)
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        return credentials.with_password(url, password)

    # ------------------------------------------------------------ first run
    def first_run(self, services: Services, database: str) -> FirstRunOutcome:
        from recon_desktop.ui.first_run import FirstRunWindow

        outcome = FirstRunOutcome()

        def demo() -> None:
            outcome.open_demo = True

        window = FirstRunWindow(services, database=database, open_demo=demo)
        if window.exec() == QDialog.DialogCode.Accepted:
            outcome.operator = window.operator
        elif window.operator is not None and not outcome.open_demo:
            outcome.operator = None  # created, then quit: the next start asks to sign in
        return outcome

    @staticmethod
    def relaunch_demo(station: str | None = None) -> bool:
        """Start a new copy of the program on the demo database (this one then quits)."""
        if getattr(sys, "frozen", False):
            command = [sys.executable, "--demo"]
        else:
            command = [sys.executable, "-m", "recon_desktop", "--demo"]
        if station:
            command += ["--station", station]
        try:
            subprocess.Popen(command, close_fds=True)
        except OSError as exc:
            QMessageBox.critical(
                None,
                APP_TITLE,
                translate("Shell", "The demo could not be started ({reason}).").format(reason=exc),
            )
            return False
        return True

    # ------------------------------------------------------------ the window
    def attach(self, window: MainWindow, database: str) -> ShellMenus:
        """Settings into the window, sounds remembered, Tools and Help menus."""
        preferences.apply_to_window(window, self.settings)
        window.session_menu.sounds_action.toggled.connect(self._on_sounds_toggled)
        menus = ShellMenus(self, window, database)
        menus.idle_lock = IdleLock(window, self.settings.idle_lock_minutes)
        self.menus = menus
        return menus

    def _on_sounds_toggled(self, on: bool) -> None:
        if on != self.settings.sounds:
            self.save(self.settings.replace(sounds=on))

    def save(self, chosen: Settings) -> None:
        try:
            self.loaded = self.loaded.save(chosen)
        except OSError as exc:
            log.warning("settings not saved in %s: %s", self.loaded.path, exc)
            self.loaded = replace(self.loaded, settings=chosen)


class ShellMenus:
    """Tools → Import Inventory, Settings; Help → Show Log, About. Dialogs open
    window-modal and are kept (``dialog``) so that tests and people can reach them."""

    def __init__(self, shell: Shell, window: MainWindow, database: str) -> None:
        self.shell = shell
        # the window's actions hold this object: a strong reference back would keep the
        # window alive for ever
        self._window = weakref.ref(window)
        self.database = database
        self.dialog: QDialog | None = None
        self.told: QMessageBox | None = None  # the last sentence told in a box
        self.idle_lock: IdleLock | None = None
        bar = window.menuBar()
        tools = self.tools_menu = bar.addMenu(translate("ShellMenus", "&Tools"))
        tools.setToolTipsVisible(True)
        tools.aboutToShow.connect(self._on_tools_aboutToShow)
        # inventory from .xlsx or .csv into a lab the operator is an admin of (Alt+T, I)
        self.import_action = self._add(
            tools, translate("ShellMenus", "&Import Inventory…"), self.open_import
        )
        self.settings_action = self._add(
            tools,
            translate("ShellMenus", "&Settings…"),
            self.open_settings,
            QKeySequence(QKeySequence.StandardKey.Preferences),
        )
        help_menu = self.help_menu = bar.addMenu(translate("ShellMenus", "&Help"))
        self.log_action = self._add(help_menu, translate("ShellMenus", "Show &Log"), self.open_log)
        self.about_action = self._add(
            help_menu,
            translate("ShellMenus", "&About {title}").format(title=APP_TITLE),
            self.open_about,
        )

    @property
    def window(self) -> MainWindow:
        window = self._window()
        if window is None:
            raise RuntimeError("the Barcode Tracking window is gone")
        return window

    def _add(
        self, menu: object, text: str, slot: object, shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()
        return dialog

    def _on_dialog_finished(self) -> None:
        window = self._window()
        if window is not None:
            window.activateWindow()
            window.scan_input.setFocus()

    def _admin_labs(self) -> list[LabInfo]:
        from recon_desktop.core.records import Role

        window = self.window
        try:
            labs = window.services.admin.labs_of(window.operator.user_id)
        except ReconError:
            return []
        return [lab for lab, role in labs if role is Role.ADMIN]

    def _on_tools_aboutToShow(self) -> None:
        labs = self._admin_labs()
        self.import_action.setEnabled(bool(labs))
        self.import_action.setToolTip(
            translate(
                "ShellMenus",
                "Items from an .xlsx or .csv file: columns matched, every row checked in a "
                "preview, all imported or nothing",
            )
            if labs
            else translate(
                "ShellMenus", "Importing needs the admin role in a lab; {user} has none."
            ).format(user=self.window.operator.name)
        )

    def open_import(self) -> bool:
        """The import wizard for a lab the operator is an admin of (asked which, when
        several); True when something was imported."""
        from recon_desktop.ui.import_wizard import open_import_wizard

        window = self.window
        labs = self._admin_labs()
        if not labs:
            tell(
                window,
                translate(
                    "ShellMenus",
                    "Importing inventory needs the admin role in a lab; {user} has none.",
                ).format(user=window.operator.name),
                error=True,
            )
            return False
        lab = labs[0]
        if len(labs) > 1:
            names = [info.name for info in labs]
            chosen, ok = QInputDialog.getItem(
                window,
                translate("ShellMenus", "Import Inventory"),
                translate("ShellMenus", "Into the lab:"),
                names,
                0,
                False,
            )
            if not ok:
                return False
            lab = labs[names.index(chosen)]
        imported = open_import_wizard(window, window.services, window.operator, lab.id)
        window.activateWindow()
        window.scan_input.setFocus()
        return imported

    def open_settings(self) -> QDialog:
        from recon_desktop.core.records import Role
        from recon_desktop.ui.settings_dialog import SettingsDialog

        window = self.window
        admin = any(
            role is Role.ADMIN for _, role in window.services.admin.labs_of(window.operator.user_id)
        )
        loaded = self.shell.loaded
        dialog = SettingsDialog(
            loaded.settings, loaded.path, loaded=loaded, parent=window, admin=admin
        )
        dialog.accepted.connect(lambda: self._on_settings_saved(dialog))
        return self._open(dialog)

    def _on_settings_saved(self, dialog: QDialog) -> None:
        from recon_desktop.ui.settings_dialog import SettingsDialog, next_start_sentence

        assert isinstance(dialog, SettingsDialog)
        if dialog.saved is None:
            return
        chosen = dialog.saved
        self.shell.loaded = dialog.loaded
        preferences.apply_to_window(self.window, chosen)
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(chosen.idle_lock_minutes)
        # a new style sheet re-polishes every widget: not while the dialog is closing
        QTimer.singleShot(0, lambda: preferences.apply_to_app(self.shell.app, chosen))
        if dialog.language_changed():  # the words are chosen at start: said so, once
            self.tell(next_start_sentence(chosen.language), "languageNextStartBox")

    def tell(self, sentence: str, name: str) -> QMessageBox:
        """A sentence in a box over the window that does not wait for its answer."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            APP_TITLE,
            sentence,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_dialog_finished)
        self.told = box
        box.open()
        return box

    def open_log(self) -> QDialog:
        from recon_desktop.logs import RingBufferHandler
        from recon_desktop.ui.about import LogWindow

        logs = self.shell.logs
        ring = logs.ring if logs is not None else RingBufferHandler()
        return self._open(LogWindow(ring, log_file=logs.path if logs else None, parent=self.window))

    def open_about(self) -> QDialog:
        from recon_desktop.ui.about import AboutDialog, Places

        logs = self.shell.logs
        places = Places.current(
            self.database,
            log_file=logs.path if logs else None,
            settings_file=self.shell.loaded.path,
            site_settings=self.shell.loaded.site.path if self.shell.loaded.site else None,
        )
        return self._open(AboutDialog(places, parent=self.window))
