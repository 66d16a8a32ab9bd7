"""The window as people use it: started by ``recon-desktop`` (``cli.main``, the console
script's function) on a fresh home, every menu entry and shortcut reached from there.

Each test starts the program once (the first-run test twice) and checks the entries that
belong together; at the end the window is closed as a person closes it, and the program
must then return 0 with no warning or error in its log. The tests find the widgets the
program made; none is built here.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
)

from recon_desktop import cli
from recon_desktop.core.records import View
from recon_desktop.ui.about import AboutDialog, LogWindow
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.first_run import CreateAdminDialog, FirstRunWindow
from recon_desktop.ui.idle_lock import IdleLock, LockDialog
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.past_sessions import PastSessionsWindow
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.start_dialog import StartSessionDialog
from recon_desktop.ui.views import ViewWindow
from tests.e2e.program import (
    CTRL,
    QT_NOISE,
    SHIFT,
    Home,
    Outcome,
    Script,
    Wait,
    active,
    child,
    click,
    click_later,
    click_menu_entry,
    modal,
    no_modal,
    open_menu_bar_menu,
    popup_menu,
    press,
    press_later,
    run,
    scan_burst,
    sign_in,
    type_text,
    until,
    visible_windows,
    window_manager_activates,
    window_of,
)

pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE)

ANA, ANA_PIN = "ana", "246810"  # the demo's users (README)
BEN, BEN_PIN = "ben", "135790"
CONFIG = "Freezer A, Room 101"
SESSION = "Freezer A count"
IN_SCOPE, NOT_IN_SCOPE = "RC00000002", "RC00000001"  # for the config above


# --------------------------------------------------------------------------- helpers


def signed_in_window(user: str = ANA, pin: str = ANA_PIN) -> Script:
    """The sign-in the program shows first, filled in; then its window, active."""
    dialog = yield modal(SignInDialog)
    yield from sign_in(dialog, user, pin)
    window = yield until("the Barcode Tracking window", lambda: window_of(MainWindow))
    yield active(window)
    return window


def session_shown(window: MainWindow, name: str) -> Callable[[], bool]:
    banner = child(window, QLabel, "bannerName")
    tag = child(window, QToolButton, "reconTag")
    return lambda: banner.isVisible() and banner.text() == name and tag.isVisible()


def no_session_shown(window: MainWindow) -> Callable[[], bool]:
    tag = child(window, QToolButton, "reconTag")
    return lambda: not tag.isVisible() and not child(window, QLabel, "bannerName").isVisible()


def last_scan(window: MainWindow) -> str:
    return child(window, QLabel, "lastScanTag").text()


def scan(text: str) -> None:
    """What a keyboard-wedge scanner does: the characters, then Enter, to whatever widget
    has the focus (the window's scan capture takes them)."""
    scan_burst(text)


def start_session_dialog_opened(window: MainWindow) -> Script:
    dialog = yield modal(StartSessionDialog)
    assert dialog.parent() is window
    return dialog


def check_clean(outcome: Outcome) -> None:
    assert outcome.status == 0
    assert outcome.log_problems == []


@pytest.fixture
def demo(home: Home, capsys: pytest.CaptureFixture[str]) -> Home:
    """The demo database seeded by ``recon-desktop demo``, as the README's first steps."""
    assert cli.main(["demo"]) == 0
    assert home.demo_database.exists()
    capsys.readouterr()
    return home


@pytest.fixture
def demo_session(
    demo: Home, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> int:
    """An active session started by ana from the command line; the window resumes it."""
    monkeypatch.setenv("RECON_PIN", ANA_PIN)
    argv = ["--demo", "sessions", "start", "--user", ANA, "--lab", "Cell Biology"]
    assert cli.main([*argv, "--config", CONFIG, "--name", SESSION]) == 0
    monkeypatch.delenv("RECON_PIN")
    return int(capsys.readouterr().out.strip())


def session_facts(session_id: int, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """``recon-desktop --demo sessions show ID --json --views``: what the database holds."""
    capsys.readouterr()
    assert cli.main(["--demo", "sessions", "show", str(session_id), "--json", "--views"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert isinstance(facts, dict)
    return facts


# --------------------------------------------------------------------------- first start


def test_first_run_creates_the_admin_and_lab_and_the_next_start_signs_in(
    home: Home,
) -> None:
    """``recon-desktop`` on a fresh home: the database is made in the data folder, the
    first-run window creates the lab and its admin, who is in the window at once; the
    next start asks to sign in."""

    def first() -> Script:
        welcome = yield modal(FirstRunWindow, "firstRunWindow")
        click(child(welcome, QPushButton, "firstRunCreate"))
        create = yield modal(CreateAdminDialog, "createAdminDialog")
        assert create.parent() is welcome
        lab = child(create, QLineEdit, "firstLabName")
        yield until("the focus on the lab's name", lab.hasFocus)
        type_text("Cell Biology")
        press(Qt.Key.Key_Tab)
        type_text("maria")
        press(Qt.Key.Key_Tab)
        type_text("975312")
        press(Qt.Key.Key_Tab)
        type_text("975312")
        press(Qt.Key.Key_Return)
        proceed = child(welcome, QPushButton, "firstRunContinue")
        yield until("Continue to Barcode Tracking", proceed.isVisible)
        assert "Signed in as maria" in child(welcome, QLabel, "firstRunStatus").text()
        click(proceed)
        window = yield until("the Barcode Tracking window", lambda: window_of(MainWindow))
        yield active(window)
        assert child(window, QLabel, "operatorLabel").text().startswith("Operator: maria")
        assert child(window, QLabel, "labLabel").text() == "Lab: Cell Biology"
        database = child(window, QLabel, "databaseLabel").text()
        assert str(home.default_database) in database

    check_clean(run(home, [], first()))
    assert home.default_database.exists()
    assert home.log_file.exists()

    def second() -> Script:
        window = yield from signed_in_window("maria", "975312")
        assert child(window, QLabel, "operatorLabel").text().startswith("Operator: maria")

    check_clean(run(home, [], second()))


def test_demo_sign_in_refuses_a_wrong_pin_and_quit_ends_the_program(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """``recon-desktop --demo`` on a fresh home: seeded on first use, its users printed
    and shown in the sign-in, a wrong PIN refused there; Quit ends the program."""

    def script() -> Script:
        dialog = yield modal(SignInDialog)
        assert "ana (PIN 246810)" in " ".join(label.text() for label in dialog.findChildren(QLabel))
        yield from sign_in(dialog, ANA, "000000")
        error = child(dialog, QLabel, "errorText")
        yield until("the refusal", error.isVisible)
        assert error.text(), "a refused PIN says why"
        assert dialog.isVisible() and window_of(MainWindow) is None
        quit_button = next(
            b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Quit"
        )
        click(quit_button)  # the program ends

    check_clean(run(home, ["--demo"], script()))
    assert "ana (PIN 246810)" in capsys.readouterr().out
    assert home.demo_database.exists()


# --------------------------------------------------------------------------- Tools and Help


def test_help_show_log_shows_the_log_with_its_start_line(demo: Home) -> None:
    def script() -> Script:
        window = yield from signed_in_window()
        open_menu_bar_menu(window, "Help")
        menu = yield popup_menu()
        click_menu_entry(menu, "Show Log")
        log = yield modal(LogWindow, "logWindow")
        assert log.parent() is window
        text = child(log, QPlainTextEdit, "logText").toPlainText()
        assert "recon-desktop" in text and "started (Python" in text, text
        assert str(demo.log_file) in child(log, QLabel, "logPlace").text()
        press(Qt.Key.Key_Escape)
        yield no_modal()

    check_clean(run(demo, ["--demo"], script()))


def test_help_about_shows_the_database_and_the_folders_in_use(demo: Home) -> None:
    def script() -> Script:
        window = yield from signed_in_window()
        open_menu_bar_menu(window, "Help")
        menu = yield popup_menu()
        click_menu_entry(menu, "About")
        about = yield modal(AboutDialog, "aboutDialog")
        assert about.parent() is window
        shown = {
            name: child(about, QLabel, f"about{name}").text()
            for name in ("Database", "Datafolder", "Settings", "Logfile")
        }
        assert shown == {
            "Database": f"{demo.demo_database} (demo)",
            "Datafolder": str(demo.data_folder),
            "Settings": str(demo.settings_file),
            "Logfile": str(demo.log_file),
        }
        press(Qt.Key.Key_Escape)
        yield no_modal()

    check_clean(run(demo, ["--demo"], script()))


def test_tools_settings_saves_the_settings_and_puts_them_into_effect(demo: Home) -> None:
    """Tools → Settings: sounds off and another idle time are saved in the settings file
    and put into effect at once (the idle lock counts the new time)."""

    def script() -> Script:
        window = yield from signed_in_window()
        lock = window.findChild(IdleLock)
        assert lock is not None and lock.minutes == 10  # the default
        open_menu_bar_menu(window, "Tools")
        menu = yield popup_menu()
        click_menu_entry(menu, "Settings")
        settings = yield modal(SettingsDialog, "settingsDialog")
        assert settings.parent() is window
        sounds = child(settings, QCheckBox, "settingsSounds")
        assert sounds.isChecked()
        click(sounds)
        idle = child(settings, QSpinBox, "settingsIdleLock")
        click(idle)
        press(Qt.Key.Key_A, CTRL)
        type_text("3")
        click(settings.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))
        yield no_modal()
        assert lock.minutes == 3 and lock.active
        assert lock._timer.interval() == 3 * 60_000
        assert not window.session_menu.sounds_action.isChecked()

    check_clean(run(demo, ["--demo"], script()))
    saved = json.loads(demo.settings_file.read_text(encoding="utf-8"))
    assert saved["sounds"] is False and saved["idle_lock_minutes"] == 3


# --------------------------------------------------------------------------- the ⚙ menu


def test_session_menu_by_f10_starts_a_session_through_the_start_dialog(
    demo: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """F10 opens the ⚙ menu with every entry; Start there opens the start dialog, which
    Escape cancels; Ctrl+Shift+S opens it again, and it starts the session."""

    def script() -> Script:
        window = yield from signed_in_window()
        assert no_session_shown(window)()
        press_later(Qt.Key.Key_F10)  # the menu runs its own loop until it closes
        menu = yield popup_menu()
        assert menu is window.findChild(QToolButton, "cogButton").menu()
        entries = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        assert entries == [
            "Start Inventory Reconciliation Session…",
            "End Reconciliation Session…",
            "View Past Inventory Reconciliation Sessions…",
            "Join Active Session",
            "Leave Session (it stays active)",
            "Undo Last Scan",
            "Load Batch-Scanner File…",
            "Switch Operator…",
            "Sounds",
        ]
        click_menu_entry(menu, "Start Inventory Reconciliation Session")
        dialog = yield from start_session_dialog_opened(window)
        press(Qt.Key.Key_Escape)
        yield no_modal()
        yield active(window)  # the window takes the keyboard back

        press(Qt.Key.Key_S, CTRL | SHIFT)
        dialog = yield from start_session_dialog_opened(window)
        name = child(dialog, QLineEdit, "sessionName")
        yield until("the focus on the session's name", name.hasFocus)
        press(Qt.Key.Key_A, CTRL)
        type_text(SESSION)
        press(Qt.Key.Key_Tab)
        lab = child(dialog, QComboBox, "sessionLab")
        assert lab.hasFocus()
        type_text("Cell")  # a closed combo box picks what is typed
        assert lab.currentText() == "Cell Biology"
        press(Qt.Key.Key_Tab)
        config = child(dialog, QComboBox, "listingConfig")
        assert config.hasFocus()
        type_text("Freezer")
        assert config.currentText() == CONFIG
        start = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        yield until("Start Session to be enabled", start.isEnabled)
        press(Qt.Key.Key_Return)
        yield until("the session in the window", session_shown(window, SESSION))
        yield active(window)
        scan(IN_SCOPE)
        yield until("the scan's tag", lambda: last_scan(window) == "In Scope")

    check_clean(run(demo, ["--demo"], script()))
    facts = session_facts(1, capsys)
    assert facts["name"] == SESSION and facts["started_by"] == ANA
    assert facts["expected_scanned"] == 1


def test_scans_typed_into_the_window_are_recorded_and_ctrl_z_undoes_the_last(
    demo_session: int, demo: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window resumes the active session; barcodes typed with Enter wherever the focus
    is are recorded with their tags; Ctrl+Z undoes the last one."""

    def script() -> Script:
        window = yield from signed_in_window()
        yield until("the resumed session", session_shown(window, SESSION))
        scan(IN_SCOPE)
        yield until("In Scope", lambda: last_scan(window) == "In Scope")
        scan(IN_SCOPE)
        yield until("Already scanned", lambda: last_scan(window) == "Already scanned")
        scan(NOT_IN_SCOPE)
        yield until("Not in Scope", lambda: last_scan(window) == "Not in Scope")
        scan("NOT-A-CODE")
        yield until("Unknown barcode", lambda: last_scan(window) == "Unknown barcode")
        # a click on the scanned list moves the focus there: a scan still lands as a scan
        table = window.table
        click(table.viewport(), table.visualRect(window.model.index(0, 0)).center())
        yield until("the focus on the scanned list", table.hasFocus)
        scan("NOT-A-CODE-2")
        yield until("the second unknown", lambda: window.model.rowCount() == 5)
        press(Qt.Key.Key_Z, CTRL)
        yield until("the undo", lambda: last_scan(window) == "Scan undone")

    check_clean(run(demo, ["--demo"], script()))
    facts = session_facts(demo_session, capsys)
    assert facts["expected_scanned"] == 1
    assert facts["not_in_scope"] == 1
    assert facts["already_scanned"] == 1
    assert facts["unknown"] == 1  # NOT-A-CODE-2 was undone


def test_the_three_views_open_by_shortcut_and_from_the_tag_menu(
    demo_session: int, demo: Home
) -> None:
    """Ctrl+1, Ctrl+2, Ctrl+3 and the "Inventory Reconciliation in Progress" tag's menu
    open the three views of the session."""

    def script() -> Script:
        window = yield from signed_in_window()
        yield until("the resumed session", session_shown(window, SESSION))
        for number, view in enumerate(View, start=1):
            press(getattr(Qt.Key, f"Key_{number}"), CTRL)
            shown = yield view_opened(view, demo_session)
            assert view.title in shown.windowTitle()
            shown.close()  # its title bar's close button
            yield view_closed(view)
            yield window_manager_activates(window)

        tag = child(window, QToolButton, "reconTag")
        assert tag.text() == "Inventory Reconciliation in Progress"
        for view in View:
            click_later(tag)
            menu = yield popup_menu()
            assert menu is tag.menu()
            click_menu_entry(menu, view.title)
            shown = yield view_opened(view, demo_session)
            shown.close()
            yield view_closed(view)
            yield window_manager_activates(window)

    check_clean(run(demo, ["--demo"], script()))


def window_views() -> list[ViewWindow]:
    return [w for w in visible_windows() if isinstance(w, ViewWindow)]


def view_opened(view: View, session_id: int) -> Wait:
    def find() -> ViewWindow | None:
        for shown in window_views():
            if shown.view is view and shown.session.id == session_id:
                return shown
        return None

    return until(f"the view {view.title!r}", find)


def view_closed(view: View) -> Wait:
    return until(
        f"the view {view.title!r} to close", lambda: all(w.view is not view for w in window_views())
    )


def test_end_by_ctrl_shift_e_and_past_sessions_by_ctrl_shift_p(
    demo_session: int, demo: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """The end dialog asks for the starter's PIN and ends the session; the past sessions
    window then lists it."""

    def script() -> Script:
        window = yield from signed_in_window()
        yield until("the resumed session", session_shown(window, SESSION))
        press(Qt.Key.Key_E, CTRL | SHIFT)
        dialog = yield modal(EndSessionDialog)
        pin = child(dialog, QLineEdit, "endPin")
        yield until("the focus on the PIN", pin.hasFocus)
        type_text(ANA_PIN)
        press(Qt.Key.Key_Return)
        yield no_modal()
        yield until("the window out of the session", no_session_shown(window))
        assert last_scan(window) == f"Session “{SESSION}” ended"

        press(Qt.Key.Key_P, CTRL | SHIFT)
        past = yield until("the past sessions window", lambda: window_of(PastSessionsWindow))
        message = child(past, QLabel, "pastSessionsMessage")
        yield until("the past sessions read", lambda: message.text().startswith("1 ended"))
        assert past.model.record(0).info.name == SESSION

    check_clean(run(demo, ["--demo"], script()))
    facts = session_facts(demo_session, capsys)
    assert facts["ended_by"] == ANA and facts["ended_at"]


def test_leave_join_and_switch_operator(demo_session: int, demo: Home) -> None:
    """ben, signed in, is offered ana's session and joins it (Alt+J); Leave and Join from
    the ⚙ menu; Ctrl+Shift+O and ana's badge hand the window to her, and she may end the
    session she started."""

    def script() -> Script:
        window = yield from signed_in_window(BEN, BEN_PIN)
        offer = child(window, QPushButton, "joinOfferedButton")
        yield until("ana's session offered, not joined", lambda: offer.isVisible())
        assert window.session is None
        press(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
        yield until("the session ben's lab is counting", session_shown(window, SESSION))
        assert not window.session_menu.end_action.isEnabled()  # only ana, who started it

        press_later(Qt.Key.Key_F10)
        menu = yield popup_menu()
        click_menu_entry(menu, "Leave Session")
        yield until("the window out of the session", no_session_shown(window))
        yield window_manager_activates(window)

        press_later(Qt.Key.Key_F10)
        menu = yield popup_menu()
        join = next(a for a in menu.actions() if a.text() == "Join Active Session")
        assert join.isEnabled()
        click_menu_entry(menu, "Join Active Session")  # opens the submenu
        submenu = yield until(
            "the list of active sessions",
            lambda: (m := join.menu()) is not None and m.isVisible() and m,
        )
        click_menu_entry(submenu, SESSION)
        yield until("the session joined", session_shown(window, SESSION))
        yield window_manager_activates(window)

        press(Qt.Key.Key_O, CTRL | SHIFT)
        switch = yield modal(SignInDialog, title="Switch operator")
        assert switch.parent() is window
        yield from sign_in(switch, "BADGE-0001", ANA_PIN)  # ana's badge, scanned
        yield no_modal()
        operator = child(window, QLabel, "operatorLabel")
        yield until("ana at the window", lambda: operator.text().startswith("Operator: ana"))
        assert session_shown(window, SESSION)()
        assert window.session_menu.end_action.isEnabled()

    check_clean(run(demo, ["--demo"], script()))


def test_sounds_entry_is_remembered_in_the_settings(demo: Home) -> None:
    def script() -> Script:
        window = yield from signed_in_window()
        assert window.session_menu.sounds_action.isChecked()
        press_later(Qt.Key.Key_F10)
        menu = yield popup_menu()
        click_menu_entry(menu, "Sounds")
        yield until("sounds off", lambda: not window.session_menu.sounds_action.isChecked())

    check_clean(run(demo, ["--demo"], script()))
    saved = json.loads(demo.settings_file.read_text(encoding="utf-8"))
    assert saved["sounds"] is False


# --------------------------------------------------------------------------- idle lock


def test_idle_lock_from_the_settings_file_locks_and_a_sign_in_unlocks(
    demo_session: int, demo: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """The idle minutes of the settings file reach the window's idle lock. Its countdown
    is then shortened (minutes are the smallest unit a person can set): the window locks,
    scans typed meanwhile are not taken, Escape does not unlock, ben's sign-in does."""
    demo.settings_file.parent.mkdir(parents=True)
    demo.settings_file.write_text(json.dumps({"version": 1, "idle_lock_minutes": 7}))

    def script() -> Script:
        window = yield from signed_in_window()
        yield until("the resumed session", session_shown(window, SESSION))
        lock = window.findChild(IdleLock)
        assert lock is not None, "the program gives the window an idle lock"
        assert lock.minutes == 7 and lock.active
        lock.set_minutes(7, interval_ms=200)
        dialog = yield modal(LockDialog, "lockDialog")
        assert dialog.parent() is window
        assert "Locked after 7 minutes" in child(dialog, QLabel, "errorText").text()
        user = child(dialog, QLineEdit, "signInUser")
        yield until("the focus on the lock's name field", user.hasFocus)
        scan(IN_SCOPE)  # lands in the lock's field, not in the session
        assert user.text() == IN_SCOPE
        press(Qt.Key.Key_Escape)
        assert dialog.isVisible()
        click(user)
        press(Qt.Key.Key_A, CTRL)
        yield from sign_in(dialog, BEN, BEN_PIN)
        yield no_modal()
        operator = child(window, QLabel, "operatorLabel")
        yield until("ben at the window", lambda: operator.text().startswith("Operator: ben"))
        assert session_shown(window, SESSION)()
        assert lock.active  # counting again
        lock.set_minutes(7)

    check_clean(run(demo, ["--demo"], script()))
    assert session_facts(demo_session, capsys)["expected_scanned"] == 0
