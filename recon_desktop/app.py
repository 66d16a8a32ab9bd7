"""Composition root of the window: settings, database, services, sign-in, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from recon_desktop import APP_NAME, APP_TITLE
from recon_desktop.errors import ReconError


def _demo_hint() -> str:
    from recon_desktop.services import demo

    users = ", ".join(f"{name} (PIN {pin})" for name, pin, _ in demo.DEMO_USERS)
    return f"Demo database — users: {users}."


def run_gui(db_target: str | Path, *, demo: bool = False, station: str | None = None) -> int:
    """Open the database, sign in, show the Barcode Tracking window; the exit status.

    A database that cannot be used gives one sentence in a message box and status 1.
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from recon_desktop.services import Services
    from recon_desktop.store.db import (
        InstanceLock,
        describe,
        is_url,
        open_database,
        start_checkpointer,
    )
    from recon_desktop.ui import style
    from recon_desktop.ui.gc_guard import GarbageCollector
    from recon_desktop.ui.main_window import MainWindow
    from recon_desktop.ui.shell import Shell
    from recon_desktop.ui.signin import SignInDialog
    from recon_desktop.ui.sounds import ScanSounds

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    collector = GarbageCollector(app)  # cycles collected on the GUI thread only
    app.setOrganizationName("recon-desktop")
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    style.apply(app)
    settings = QSettings("recon-desktop", APP_NAME)
    shell = Shell.start(app)  # log, crash reports, settings (font size, dates …)
    shell.show_warnings()
    connect_to = shell.connect_target(str(db_target))  # a PostgreSQL password if needed
    if connect_to is None:
        shell.close()
        return 0

    warnings: list[str] = []
    lock: InstanceLock | None = None
    try:
        if not is_url(db_target):
            lock = InstanceLock(Path(db_target))
            lock.acquire()  # one copy of the program per database file
        db = open_database(connect_to, warn=warnings.append)
    except ReconError as exc:
        if lock is not None:
            lock.release()
        QMessageBox.critical(None, APP_TITLE, str(exc))
        shell.close()
        return 1
    for warning in warnings:  # e.g. a database on a network share
        QMessageBox.warning(None, APP_TITLE, warning)
    checkpointer = start_checkpointer(db)
    try:
        services = Services.create(db, station=station)
        hint = ""
        if demo:
            if not services.admin.labs():
                from recon_desktop.services import demo as demo_data

                demo_data.seed(services)
            hint = _demo_hint()
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
        label = describe(db_target) + (" (demo)" if demo else "")
        sounds = ScanSounds(enabled=shell.settings.sounds)
        window = MainWindow(services, operator, database=label, settings=settings, sounds=sounds)
        shell.attach(window, label)  # scanner settings, Tools and Help menus
        window.show()
        window.check_database()  # SQLite's quick_check reads the whole file: in the background
        return int(app.exec())
    except ReconError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    finally:
        if checkpointer is not None:
            checkpointer.stop()
        db.close()
        if lock is not None:
            lock.release()
        shell.close()
        collector.stop()
