"""Start the program as people do, on a fresh home, and find what it shows.

* :class:`Home` is a home folder with no data, configuration, state or cache folders yet
  (HOME and the XDG variables point into it; no ``RECON_*`` variable is set).
* :func:`run` calls ``recon_desktop.cli.main(argv)`` — the function behind the
  ``recon-desktop`` console script — in this process and plays a *script* inside the
  program's event loops: the script is a generator that yields a :class:`Wait` and gets
  back what the wait found. That lets it fill a sign-in whose ``exec()`` is still running
  below it, then go on in the window's own loop. When the script ends, the window is closed
  as a person closes it, and the program must then return.
* :func:`console_script` runs the installed ``recon-desktop`` in a subprocess.

No widget is built here: every one is found (the active modal widget, the top-level
widgets, the window's menus, actions and children).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QMenuBar,
    QScrollArea,
    QWidget,
)

from recon_desktop import APP_NAME
from recon_desktop.logs import LOG_FILE

W = TypeVar("W", bound=QWidget)

STEP_TIMEOUT_S = 15.0  # one wait (a shared 2-core CI machine is slow, never this slow)
CLOSE_TIMEOUT_S = 10.0  # from closing the window to the program's return
# what the offscreen platform says about window features it lacks (not a fault of ours)
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)
QT_NOISE = tuple(re.escape(n) for n in OFFSCREEN_NOISE)  # for pytest-qt's qt_log_ignore
LOG_PROBLEM = re.compile(r"^\S+ \S+ (WARNING|ERROR|CRITICAL) ")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


# --------------------------------------------------------------------------- the home


@dataclass(frozen=True)
class Home:
    """A person's home folder on a machine the program has never run on."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / ".local" / "share"

    @property
    def config(self) -> Path:
        return self.root / ".config"

    @property
    def state(self) -> Path:
        return self.root / ".local" / "state"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def variables(self) -> dict[str, str]:
        return {
            "HOME": str(self.root),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CONFIG_HOME": str(self.config),
            "XDG_STATE_HOME": str(self.state),
            "XDG_CACHE_HOME": str(self.cache),
        }

    # where the program keeps things (README: "Where things are kept", Linux)
    @property
    def data_folder(self) -> Path:
        return self.data / APP_NAME

    @property
    def demo_database(self) -> Path:
        return self.data_folder / "demo.sqlite3"

    @property
    def default_database(self) -> Path:
        return self.data_folder / f"{APP_NAME}.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config / APP_NAME / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.state / APP_NAME / "log" / LOG_FILE

    def environment(self, **extra: str) -> dict[str, str]:
        """This process's environment moved into the home, without ``RECON_*``."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("RECON_")}
        env.update(self.variables)
        env.update(extra)
        return env

    def log_bytes(self) -> bytes:
        try:
            return self.log_file.read_bytes()
        except FileNotFoundError:
            return b""

    def log_text(self) -> str:
        return self.log_bytes().decode("utf-8", errors="replace")


def log_problems(text: str) -> list[str]:
    """Warnings and errors in log lines, except what the offscreen platform always says
    and the one line of a machine without audio (its scan results are silent)."""
    from recon_desktop.ui.sounds import SILENT

    return [
        line
        for line in text.splitlines()
        if LOG_PROBLEM.match(line)
        and not any(noise in line for noise in OFFSCREEN_NOISE)
        and not ("recon_desktop.ui.sounds: " in line and SILENT in line)
    ]


# --------------------------------------------------------------------------- the console script


def console_script() -> list[str]:
    """The installed ``recon-desktop`` command of this environment."""
    folder = Path(sysconfig.get_path("scripts"))
    name = "recon-desktop.exe" if sys.platform == "win32" else "recon-desktop"
    path = folder / name
    if not path.exists():
        raise AssertionError(
            f"The console script {path} is missing: install the project (pip install -e .)."
        )
    return [str(path)]


def run_command(
    home: Home, *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``recon-desktop ARGS`` in the home, run from the home (not the checkout)."""
    return subprocess.run(
        [*console_script(), *args],
        cwd=home.root,
        env=home.environment(**(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --------------------------------------------------------------------------- waits

Script = Generator["Wait", Any, Any]


@dataclass
class Wait:
    """What a script waits for: ``find`` returns it (anything true) or a false value."""

    what: str
    find: Callable[[], Any]
    timeout: float = STEP_TIMEOUT_S


def until(what: str, find: Callable[[], Any], timeout: float = STEP_TIMEOUT_S) -> Wait:
    return Wait(what, find, timeout)


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def window_of(kind: type[W], name: str | None = None) -> W | None:
    """The visible top-level widget of this type (and object name), the newest first."""
    for widget in reversed(visible_windows()):
        if isinstance(widget, kind) and (name is None or widget.objectName() == name):
            return widget
    return None


def modal(
    kind: type[W] = QDialog,  # type: ignore[assignment]
    name: str | None = None,
    title: str | None = None,
) -> Wait:
    """The active modal widget once it is this type (object name, words in its title)."""
    described = " ".join(
        part
        for part in (kind.__name__, f"#{name}" if name else "", repr(title) if title else "")
        if part
    )

    def find() -> W | None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or not isinstance(widget, kind):
            return None
        if name is not None and widget.objectName() != name:
            return None
        if title is not None and title not in widget.windowTitle():
            return None
        return widget if QApplication.activeWindow() is widget else None

    return Wait(f"the modal {described}, active", find)


def no_modal() -> Wait:
    return Wait("no modal dialog", lambda: QApplication.activeModalWidget() is None)


def popup_menu() -> Wait:
    def find() -> QMenu | None:
        popup = QApplication.activePopupWidget()
        return popup if isinstance(popup, QMenu) and popup.isVisible() else None

    return Wait("an open menu", find)


def active(widget: QWidget) -> Wait:
    return Wait(
        f"{type(widget).__name__} to be the active window",
        lambda: QApplication.activeWindow() is widget,
    )


def child(parent: QWidget, kind: type[W], name: str) -> W:
    """A named child the program made (fails with what it is, not with None later)."""
    found = parent.findChild(kind, name)
    assert found is not None, f"{type(parent).__name__} has no {kind.__name__} #{name}"
    return found


def describe_screen() -> str:
    """What a person would see: the visible windows, the modal one, an open menu."""
    parts = []
    for widget in visible_windows():
        title = widget.windowTitle()
        parts.append(f"{type(widget).__name__}#{widget.objectName()} {title!r}")
    modal_widget = QApplication.activeModalWidget()
    popup = QApplication.activePopupWidget()
    active_window = QApplication.activeWindow()
    return (
        f"windows: [{'; '.join(parts) or 'none'}]; "
        f"modal: {type(modal_widget).__name__ if modal_widget else 'none'}; "
        f"menu open: {'yes' if popup else 'no'}; "
        f"active: {type(active_window).__name__ if active_window else 'none'}"
    )


# --------------------------------------------------------------------------- doing things


def later(action: Callable[[], object]) -> None:
    """Do it once the step has handed control back: for whatever opens a menu with its
    own event loop (``QMenu.exec``), which would not return inside the step."""
    QTimer.singleShot(0, action)


def keyboard() -> QWindow:
    """Where the platform sends key presses: the focus window (keys to a window that a
    modal dialog blocks are dropped there, as on a desktop)."""
    window = QGuiApplication.focusWindow()
    assert window is not None, f"no window has the keyboard; {describe_screen()}"
    return window


def type_text(text: str) -> None:
    """As a person types: key presses, one per character, to the focus window (its focused
    widget). In a dialog or another window of the program the scan capture holds each key
    back a moment (to tell a person from a scanner); the next key comes once it is through,
    as a person's next key comes later than a scanner's."""
    target = keyboard()
    capture = _scan_capture()
    for char in text:
        QTest.keyClick(target, char)  # type: ignore[call-overload]  # the char overload
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while capture is not None and capture.holding and time.monotonic() < deadline:
            QTest.qWait(5)


def scan_burst(text: str) -> None:
    """What a keyboard-wedge scanner does: the characters at once, then Enter, to whatever
    widget has the focus."""
    target = keyboard()
    for char in text:
        QTest.keyClick(target, char)  # type: ignore[call-overload]  # the char overload
    QTest.keyClick(target, Qt.Key.Key_Return)


def _scan_capture() -> Any:
    from recon_desktop.ui.main_window import MainWindow

    window = window_of(MainWindow)
    return window.capture if window is not None else None


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(keyboard(), key, modifiers)


def press_later(
    key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key that opens a menu (F10): the menu runs its own loop until it closes."""
    target = keyboard()
    later(lambda: QTest.keyClick(target, key, modifiers))


def click(widget: QWidget, where: QPoint | None = None) -> None:
    """A left click on a visible, enabled widget (a button, a field, a list), scrolled
    into view first where it is in a scrolling form (as a person would)."""
    assert widget.isVisible() and widget.isEnabled(), f"{widget!r} cannot be clicked"
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where or QPoint()
    )


def click_later(widget: QWidget) -> None:
    """A click on what opens a menu with its own loop (a tool button's menu)."""
    later(lambda: click(widget))


def click_menu_entry(menu: QMenu, text: str) -> QAction:
    """Click the entry whose text (without the & of its mnemonic) starts with ``text``."""
    entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    for action in entries:
        if action.text().replace("&", "").startswith(text):
            assert action.isEnabled(), f"{action.text()!r} is disabled: {action.toolTip()}"
            click(menu, menu.actionGeometry(action).center())
            return action
    shown = [a.text() for a in entries]
    raise AssertionError(f"the menu has no entry {text!r}; it shows {shown}")


def menu_bar_menu(window: QWidget, title: str) -> QMenu:
    """A menu of the window's menu bar by its title (without the &)."""
    bar = window.findChild(QMenuBar)
    assert bar is not None, "the window has no menu bar"
    titles = []
    for action in bar.actions():
        titles.append(action.text())
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return menu
    raise AssertionError(f"the menu bar has no {title!r} menu; it has {titles}")


def open_menu_bar_menu(window: QWidget, title: str) -> None:
    """Click the menu's title in the menu bar."""
    bar = window.findChild(QMenuBar)
    assert bar is not None, "the window has no menu bar"
    menu = menu_bar_menu(window, title)
    where = bar.actionGeometry(menu.menuAction()).center()
    later(lambda: click(bar, where))


def window_manager_activates(window: QWidget) -> Wait:
    """What a desktop's window manager does when a menu or another of the program's
    windows closes: the window under it is active again. The offscreen platform has no
    window manager, so the test does it."""
    window.activateWindow()
    return active(window)


def sign_in(dialog: QDialog, user: str, pin: str) -> Script:
    """Type a name and a PIN as a person does: the name where the dialog put the focus,
    Enter (which moves on to the PIN), the PIN, Enter."""
    user_field = child(dialog, QLineEdit, "signInUser")
    pin_field = child(dialog, QLineEdit, "signInPin")
    yield until("the focus on the sign-in's name", user_field.hasFocus)
    type_text(user)
    press(Qt.Key.Key_Return)
    yield until("Enter after the name to move on to the PIN", pin_field.hasFocus)
    type_text(pin)
    press(Qt.Key.Key_Return)


# --------------------------------------------------------------------------- the driver


class StepBlocked(AssertionError):
    """A step started something with its own event loop and did not return."""


class Driver(QObject):
    """Plays a script from a timer that fires in whichever event loop is running."""

    def __init__(self, script: Script) -> None:
        super().__init__()
        self._script = script
        self._started = False
        self._wait: Wait | None = None
        self._deadline = 0.0
        self._step_started = 0.0
        self._busy = False
        self.error: BaseException | None = None
        self.done = False
        self._closing_since: float | None = None
        self.waiting_for = "the first event loop"
        self._timer = QTimer(self)
        self._timer.setInterval(15)
        self._timer.timeout.connect(self._on_timer_timeout)
        # a timer does not fire again while its own slot runs: a second one watches steps
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)

    def start(self) -> None:
        self._timer.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._timer.stop()
        self._watchdog.stop()
        self._script.close()

    def _on_watchdog_timeout(self) -> None:
        """A step that opened an event loop of its own (a menu, a message box) and does
        not return: fail, and close what it opened so that it does."""
        if self._busy and time.monotonic() - self._step_started > STEP_TIMEOUT_S:
            self._fail(StepBlocked(f"a step did not return; {describe_screen()}"))
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog):
                QDialog.done(dialog, QDialog.DialogCode.Rejected)

    def _fail(self, error: BaseException) -> None:
        if self.error is None:
            self.error = error
        self.done = True

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        if self._busy:
            return
        if self.done:
            self._close_everything()
            return
        if not self._started:
            self._started = True
            self._step(None)
            return
        crash = _crash_dialog()
        if crash is not None:
            self._fail(AssertionError(f"the program showed a crash report: {crash}"))
            return
        wait = self._wait
        if wait is None:
            return
        try:
            found = wait.find()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            self._fail(exc)
            return
        if found:
            self._wait = None
            self._step(found)
        elif now > self._deadline:
            self._fail(
                AssertionError(f"waited {wait.timeout:.0f} s for {wait.what}; {describe_screen()}")
            )

    def _step(self, value: object) -> None:
        self._busy = True
        self._step_started = time.monotonic()
        try:
            wait = self._script.send(value)
        except StopIteration:
            self.done = True
            self.waiting_for = "the program to end once its window was closed"
            return
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            self._fail(exc)
            return
        finally:
            self._busy = False
        assert isinstance(wait, Wait), f"a script yields Wait objects, not {wait!r}"
        self._wait = wait
        self.waiting_for = wait.what
        self._deadline = time.monotonic() + wait.timeout

    def _close_everything(self) -> None:
        """As a person ends the program: close an open menu, dismiss dialogs, close the
        window. Should the program not return, it is made to (and that is an error)."""
        now = time.monotonic()
        if self._closing_since is None:
            self._closing_since = now
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            QDialog.done(dialog, QDialog.DialogCode.Rejected)  # even the idle lock's
            return
        from recon_desktop.ui.main_window import MainWindow

        for window in visible_windows():
            if isinstance(window, MainWindow):
                window.close()
                return
        if now - self._closing_since > CLOSE_TIMEOUT_S:
            self._fail(
                AssertionError(
                    f"the program did not end when its window closed; {describe_screen()}"
                )
            )
            QApplication.exit(0)


def _crash_dialog() -> str | None:
    from recon_desktop.ui.crash_dialog import CrashDialog

    dialog = window_of(CrashDialog)
    return dialog.report_text() if dialog is not None else None


@dataclass
class Outcome:
    status: int
    log: str  # the lines this start added to the log

    @property
    def log_problems(self) -> list[str]:
        return log_problems(self.log)


def run(home: Home, argv: Sequence[str], script: Script) -> Outcome:
    """``recon-desktop ARGV`` in this process, played by ``script``; the program must end
    with the window closed (status 0 unless the test expects another)."""
    from recon_desktop import cli
    from recon_desktop.ui.crash_dialog import CrashReporter

    app = QApplication.instance()
    assert isinstance(app, QApplication), "the qapp fixture makes the QApplication"
    reporters = set(app.findChildren(CrashReporter))
    log_start = home.log_file.stat().st_size if home.log_file.exists() else 0
    driver = Driver(script)
    driver.start()
    try:
        status = cli.main(list(argv))
    finally:
        driver.stop()
        driver.deleteLater()
    crashes = [
        crash.report
        for reporter in app.findChildren(CrashReporter)
        if reporter not in reporters
        for crash in reporter.crashes
    ]
    log = home.log_bytes()[log_start:].decode("utf-8", errors="replace")
    if driver.error is not None:
        raise driver.error
    if not driver.done:
        raise AssertionError(
            f"the program ended (status {status}) while the test waited for "
            f"{driver.waiting_for}; its log:\n{log}"
        )
    assert not crashes, "the program crashed:\n" + "\n".join(crashes)
    return Outcome(status=status, log=log)


def fresh_qsettings(config: Path) -> None:
    """QSettings keeps the config folder it saw first in a process: point it at ``config``
    (the real program reads it once, at its one start)."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(config))
