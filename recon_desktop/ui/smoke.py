"""``--smoke-test`` and ``--startup-benchmark``: the installed program checks itself.

The smoke test proves that a copy (frozen bundle, installed package or source checkout) can
start Qt, find its resources, open a database, show the Barcode Tracking window and record
one scan through the real scan capture. It works on a throw-away database in a temporary
folder and never touches the user's data or settings.

The startup benchmark measures process start → first paint of the Barcode Tracking window
(the cost a technician waits for), also on a throw-away database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from recon_desktop import APP_NAME, __version__

Say = Callable[[str], None]

SMOKE_SIZE = 80  # demo items: enough for a session with expected items, quick to seed
SMOKE_SESSION = "Smoke test"
WAIT_S = 10.0
T0_ENV = "RECON_STARTUP_T0"  # time.time() of the launch, set by a measuring parent
# Also write the report to this file: a windowed executable on Windows has no stdout.
REPORT_ENV = "RECON_REPORT_FILE"


def report(line: str, *, error: bool = False) -> None:
    """One line of the report, on stdout (stderr for a failure) and in $RECON_REPORT_FILE."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)
    target = os.environ.get(REPORT_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


class SmokeTestError(Exception):
    """A step of the smoke test did not do what it should (the message says which)."""


def choose_platform() -> str:
    """Offscreen unless told otherwise or a display is there to use (on Linux)."""
    chosen = os.environ.get("QT_QPA_PLATFORM")
    if chosen:
        return chosen
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen"
    return "native"


def process_age_s() -> float | None:
    """Seconds since this process started: from the launcher's clock when it set
    ``RECON_STARTUP_T0``, else from the kernel's process table (Linux), else None."""
    launched = os.environ.get(T0_ENV)
    if launched:
        try:
            return time.time() - float(launched)
        except ValueError:
            pass
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(stat[19])  # field 22 (starttime), counted after "pid (comm)"
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _wait(app: object, condition: Callable[[], bool], what: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeTestError(f"{what} did not happen within {WAIT_S:.0f} seconds.")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _type(widget: object, text: str) -> None:
    """Key presses and releases as a keyboard-wedge scanner sends them, then Enter."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    keys = [(Qt.Key(ord(c.upper())) if c.isalnum() else Qt.Key.Key_unknown, c) for c in text]
    keys.append((Qt.Key.Key_Return, "\r"))
    for key, char in keys:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            target = QApplication.focusWidget() or widget
            QApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


def _check_resources(say: Say) -> None:
    from recon_desktop import paths
    from recon_desktop.ui import style

    root = paths.resources_dir()
    icons = sorted(root.glob("icons/*.svg"))
    sounds = sorted(root.glob("sounds/*.wav"))
    if not style.stylesheet():
        raise SmokeTestError(f"The style sheet is missing from {root}.")
    if not icons or style.icon("app").pixmap(32, 32).isNull():
        raise SmokeTestError(f"The icons are missing from {root / 'icons'}.")
    # the sounds are played from these files, so they must be there
    missing = [
        look.key
        for look in style.TAG_LOOKS.values()
        if not (root / "sounds" / f"{look.key}.wav").is_file()
    ]
    if missing:
        raise SmokeTestError(f"The sounds {', '.join(missing)} are missing from {root / 'sounds'}.")
    say(f"Resources: {root} (style sheet, {len(icons)} icons, {len(sounds)} sounds)")


def _check_translations(say: Say) -> None:
    from recon_desktop.settings import INTERFACE_LANGUAGES
    from recon_desktop.ui import i18n

    lost = i18n.missing()
    if lost:
        raise SmokeTestError(f"Translations are missing: {', '.join(lost)}.")
    shipped = ", ".join(code for code in INTERFACE_LANGUAGES if code != i18n.SOURCE_LANGUAGE)
    say(f"Translations: {shipped} ({', '.join(i18n.AREAS)} and Qt's own)")


def _check_drivers(say: Say) -> None:
    """The PostgreSQL driver loads (it is only used for a postgresql:// database)."""
    try:
        import psycopg
    except ImportError as exc:
        raise SmokeTestError(f"The PostgreSQL driver cannot be loaded ({exc}).") from None
    say(
        f"PostgreSQL driver: psycopg {psycopg.__version__} ({psycopg.pq.__impl__} "
        f"implementation, libpq {psycopg.pq.version() // 10000})"
    )


def _check_shell(app: object, window: object, folder: Path, say: Say) -> None:
    """Settings, log and Help → About work here (the licences come from the bundled
    distributions' metadata)."""
    from PySide6.QtWidgets import QApplication

    from recon_desktop.ui.about import AboutDialog
    from recon_desktop.ui.main_window import MainWindow
    from recon_desktop.ui.shell import Shell

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    shell = Shell.start(
        app, settings_path=folder / "settings.json", log_dir=folder / "logs", hooks=False
    )
    try:
        menus = shell.attach(window, "smoke test")
        about = menus.open_about()
        assert isinstance(about, AboutDialog)
        names = {row.name.lower() for row in about.licences}
        missing = {"recon-desktop", "pyside6_essentials", "peewee", "openpyxl"} - names
        about.close()
        about.deleteLater()
        if missing:
            raise SmokeTestError(f"Help → About lists no licence for {', '.join(missing)}.")
        say(
            f"Help → About: {len(about.licences)} libraries with their licences; settings "
            f"and log in {folder}"
        )
    finally:
        shell.close()


def run_smoke_test(say: Say = report) -> int:
    """Run the smoke test; 0 when every step worked, else 1 with a sentence."""
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="recon-smoke-") as folder:
            _smoke(Path(folder), say)
    except SmokeTestError as exc:
        report(f"Smoke test failed: {exc}", error=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - the point is to report anything at all
        import traceback

        report(f"Smoke test failed: {type(exc).__name__}: {exc}", error=True)
        report(traceback.format_exc().rstrip(), error=True)
        return 1
    say(f"Smoke test passed in {time.monotonic() - started:.1f} s.")
    return 0


def _smoke(folder: Path, say: Say) -> None:
    platform = choose_platform()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QSettings, qVersion
    from PySide6.QtWidgets import QApplication

    from recon_desktop import paths
    from recon_desktop.core.records import Tag, View
    from recon_desktop.services import Services, demo
    from recon_desktop.services.database import open_database
    from recon_desktop.ui import style
    from recon_desktop.ui.main_window import MainWindow

    say(
        f"{APP_NAME} {__version__} ({paths.install_kind()}), Python {sys.version.split()[0]}, "
        f"Qt {qVersion()}, PySide6 {pyside_version}"
    )
    app = QApplication.instance() or QApplication(
        [sys.argv[0], "-platform", platform] if platform != "native" else sys.argv[:1]
    )
    assert isinstance(app, QApplication)
    style.apply(app)
    say(f"Qt platform: {QApplication.platformName()}")
    _check_resources(say)
    _check_translations(say)
    _check_drivers(say)

    db_path = folder / "smoke.sqlite3"
    db = open_database(db_path)
    window: MainWindow | None = None
    try:
        services = Services.create(db, station="smoke-test")
        info = demo.seed(services, size=SMOKE_SIZE)
        say(
            f"Throw-away database {db_path}: demo seeded with {info.items} items in "
            f"{', '.join(info.labs)}"
        )
        name, pin, lab_name, _ = info.users[0]
        operator = services.auth.sign_in(name, pin)
        say(f"Signed in as {operator.name}")
        lab = services.admin.lab(lab_name)
        config_id, config_name = services.admin.configs(lab.id)[0]
        session = services.sessions.start(
            operator, lab.id, config_id, f"{SMOKE_SESSION} {time.strftime('%Y-%m-%d %H:%M')}"
        )
        expected = services.sessions.view_barcodes(session.id, View.NOT_SCANNED)
        if not expected:
            raise SmokeTestError(f"The listing config {config_name!r} expects no items.")
        say(
            f"Session #{session.id} {session.name!r} started in {lab.name} with "
            f"{config_name!r}: {len(expected)} expected items"
        )

        settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, operator, database=str(db_path), settings=settings)
        window.show()
        window.activateWindow()
        _wait(
            app,
            lambda: (
                window is not None and window.isVisible() and QApplication.activeWindow() is window
            ),
            "Showing the main window",
        )
        if window.session is None or window.session.id != session.id:
            raise SmokeTestError("The main window did not resume the active session.")
        say(f"Main window shown ({window.windowTitle()}), session banner up")

        barcode = expected[0]
        _type(window, barcode)
        _wait(
            app,
            lambda: (
                window is not None and window.model.rowCount() == 1 and not window.live.sending
            ),  # its answer in: the row shows its tag
            "Recording the scan",
        )
        row = window.model.row_at(0)
        if row is None or row.tag is not Tag.IN_SCOPE:
            raise SmokeTestError(
                f"Scanning {barcode} gave {row.tag if row else None}, not In Scope."
            )
        progress = services.sessions.progress(session.id)
        if progress.expected_scanned != 1:
            raise SmokeTestError("The scan is on screen but not in the database.")
        say(
            f"Scanned {barcode} through the scan capture: {row.tag.label}; saved "
            f"({progress.expected_scanned} of {progress.expected_total} expected scanned)"
        )
        _check_shell(app, window, folder, say)
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        db.close()


# ---------------------------------------------------------------- startup benchmark


def run_startup_benchmark(say: Say = report) -> int:
    """Open the Barcode Tracking window on a throw-away database; print the time from
    process start to its first paint and exit."""
    import_started = time.monotonic()
    platform = choose_platform()
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from recon_desktop.services import Services
    from recon_desktop.services.database import open_database
    from recon_desktop.ui import style
    from recon_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(
        [sys.argv[0], "-platform", platform] if platform != "native" else sys.argv[:1]
    )
    assert isinstance(app, QApplication)
    style.apply(app)
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.monotonic())
                QTimer.singleShot(0, app.quit)
            return False

    with tempfile.TemporaryDirectory(prefix="recon-bench-") as folder:
        setup_started = time.monotonic()
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            services = Services.create(db, station="benchmark")
            services.admin.create_first_admin("Benchmark lab", "bench", "135790")
            operator = services.auth.sign_in("bench", "135790")
            setup_s = time.monotonic() - setup_started
            settings = QSettings(str(Path(folder) / "window.ini"), QSettings.Format.IniFormat)
            window = MainWindow(services, operator, database="benchmark", settings=settings)
            watcher = FirstPaint(window)
            window.installEventFilter(watcher)
            window.show()
            QTimer.singleShot(int(WAIT_S * 1000), app.quit)
            app.exec()
            window.close()
        finally:
            db.close()
    if not painted:
        report("Startup benchmark failed: the window was never painted.", error=True)
        return 1
    age = process_age_s()
    since_import = painted[0] - import_started
    if age is None:
        say(
            f"first paint {since_import * 1000:.0f} ms after the benchmark began "
            "(process start unknown here)"
        )
    else:
        start_ms = (age - (time.monotonic() - painted[0])) * 1000
        say(
            f"first paint {start_ms:.0f} ms after process start "
            f"(throw-away database set-up {setup_s * 1000:.0f} ms of it)"
        )
    return 0
