"""Composition root of the window: settings, database, services, sign-in, main window.

It keeps every object it builds (the shell's menus, the idle lock, the checkpointer) for
as long as the window lives: a helper nobody holds is collected and its menu entries go
dead.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recon_desktop import APP_NAME, APP_TITLE
from recon_desktop.core.text import Text, translate
from recon_desktop.errors import ReconError

if TYPE_CHECKING:
    from recon_desktop.ui.shell import Shell

log = logging.getLogger(__name__)


def demo_hint() -> Text:
    """Who can sign in to the demo: English on stdout, said in the interface's language
    in the sign-in dialog."""
    from recon_desktop.services import demo

    users = ", ".join(f"{name} (PIN {pin})" for name, pin, _ in demo.DEMO_USERS)
    return translate("App", "Demo database — users: {users}.").format(users=users)


def run_gui(db_target: str | Path, *, demo: bool = False, station: str | None = None) -> int:
    """Open the database, sign in, show the Barcode Tracking window; the exit status.

    Anything that stops the program before its window shows is one sentence on stderr
    with the log's place (and a message box where there is a screen), and status 1.
    """
    from PySide6.QtWidgets import QApplication

    from recon_desktop.ui import style
    from recon_desktop.ui.cycle_collector import GuiThreadCycleCollector
    from recon_desktop.ui.shell import Shell

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    collector = GuiThreadCycleCollector(app)  # cycles collected on the GUI thread only
    app.setOrganizationName("recon-desktop")
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    style.apply(app)
    shell = Shell.start(app)  # log, crash reports, settings (font size, dates …)
    try:
        return _run(app, shell, db_target, demo=demo, station=station)
    except ReconError as exc:
        shell.refuse(exc)
        return 1
    except Exception as exc:  # our bug, before or after the window: never a silent exit
        log.exception("recon-desktop stopped")
        shell.refuse(
            translate(
                "App", "recon-desktop stopped because of an unexpected error ({error})."
            ).format(error=repr(exc))
        )
        return 1
    finally:
        shell.close()
        collector.stop()


def _run(
    app: object, shell: Shell, db_target: str | Path, *, demo: bool, station: str | None
) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from recon_desktop.services import Services
    from recon_desktop.store.db import (
        InstanceLock,
        describe,
        is_server_url,
        open_database,
        start_checkpointer,
    )
    from recon_desktop.ui import i18n
    from recon_desktop.ui.main_window import MainWindow
    from recon_desktop.ui.signin import SignInDialog
    from recon_desktop.ui.sounds import ScanSounds

    assert isinstance(app, QApplication)
    settings = QSettings("recon-desktop", APP_NAME)
    shell.show_warnings()
    connect_to = shell.connect_target(str(db_target))  # a PostgreSQL password if needed
    if connect_to is None:
        return 0

    warnings: list[str] = []
    lock: InstanceLock | None = None
    if not is_server_url(db_target):
        lock = InstanceLock(Path(db_target))
        lock.acquire()  # one copy of the program per database file (its folder is made)
    try:
        db = open_database(connect_to, warn=warnings.append)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    for warning in warnings:  # e.g. a database on a network share
        shell.warn(warning)
    checkpointer = start_checkpointer(db)
    try:
        from recon_desktop import paths
        from recon_desktop.services.anchoring import anchor_file

        services = Services.create(
            db,
            station=station,
            anchor_file=anchor_file(shell.settings.anchor_file),
            outbox_folder=paths.data_dir(),
        )
        hint: Text | str = ""
        if demo:
            if not services.admin.labs():
                from recon_desktop.services import demo as demo_data

                demo_data.seed(services)
            hint = demo_hint()
            print(f"{hint} Database: {db_target}", flush=True)
        if not demo and not services.admin.labs():  # first run: three ways forward
            first = shell.first_run(services, describe(db_target))
            if first.open_demo:
                shell.relaunch_demo(station)
            if first.operator is None:
                return 0
            operator = first.operator
        else:
            sign_in = SignInDialog(services, hint=hint)
            if sign_in.exec() != QDialog.DialogCode.Accepted or sign_in.operator is None:
                return 0
            operator = sign_in.operator
        label = describe(db_target)
        if demo:
            label = i18n.say(translate("App", "{database} (demo)").format(database=label))
        sounds = ScanSounds(enabled=shell.settings.sounds)
        window = MainWindow(services, operator, database=label, settings=settings, sounds=sounds)
        shell.attach(window, label)  # scanner settings, Tools and Help menus: kept by shell
        window.show()
        window.check_database()  # SQLite's quick_check reads the whole file: in the background
        return int(app.exec())
    finally:
        if checkpointer is not None:
            checkpointer.stop()
        db.close()
        if lock is not None:
            lock.release()
