"""The shell speaks German: with the interface language set to German in the settings file,
the Barcode Tracking window, its menus (⚙, the views menu, Tools, Help) and the dialogs of
the shell (sign-in, first run, start, end, settings, about, log, idle lock, crash) show no
English word; saving another language says that it applies at the next start.

Data stays as it is stored (lab, session, listing and place names, user names, barcodes,
file paths): it is taken out of a text before the text is judged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop import settings as settings_file
from recon_desktop.app import demo_hint
from recon_desktop.core.filters import Filter
from recon_desktop.logs import Crash
from recon_desktop.settings import Settings
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.about import AboutDialog, LogWindow
from recon_desktop.ui.crash_dialog import CrashDialog
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.first_run import CreateAdminDialog, FirstRunWindow
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.shell import Shell, ShellMenus
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.start_dialog import StartSessionDialog
from tests.ui.conftest import FREEZER, FRIDGE, OFFSCREEN_NOISE, LabWorld
from tests.ui.translation_check import english_left, english_words

# a menu opened offscreen cannot grab the keyboard (no fault of ours)
pytestmark = pytest.mark.qt_log_ignore(
    *OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard"
)

SESSION = "Freezer A count"
# what the world fixture stores: names people gave, shown as they are
DATA = (
    FREEZER,
    FRIDGE,
    "Building 1",
    "Cell Biology",
    "Chemistry",
    SESSION,
    "Freezer A",
    "Verfall 30",
    "test database",
)


def left(widget: QWidget, *, besides: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The texts of ``widget`` with English words once the data is taken out of them;
    ``besides``: texts another part of the program gives (see where it is used)."""
    found = []
    for text in english_left(widget):
        if text in besides:
            continue
        bare = text
        for value in sorted(DATA, key=len, reverse=True):
            bare = bare.replace(value, " ")
        bare = re.sub(r"\S*[/\\]\S*", " ", bare)  # a file's path
        words = {w.lower() for w in re.findall(r"[A-Za-z][a-z]{2,}", bare.replace("&", ""))}
        if words & english_words():
            found.append(text)
    return found


@pytest.fixture
def german_shell(
    tmp_path: Path, qapp: QApplication
) -> Iterator[Shell]:  # the real start: the settings file says German
    path = tmp_path / "config" / "settings.json"
    settings_file.save(Settings(language="de"), path)
    sheet, locale, dates = qapp.styleSheet(), QLocale(), formatting.date_format()
    shell = Shell.start(qapp, settings_path=path, log_dir=tmp_path / "logs", hooks=False)
    try:
        assert i18n.current() == "de"
        yield shell
    finally:
        shell.close()
        i18n.install(qapp, "en")
        qapp.setStyleSheet(sheet)
        QLocale.setDefault(locale)
        formatting.set_date_format(dates)


def _open(qtbot: QtBot, menu: QMenu) -> None:
    menu.popup(QPoint(10, 10))
    qtbot.waitUntil(menu.isVisible)


def _dialog(qtbot: QtBot, menus: ShellMenus) -> QWidget:
    dialog = menus.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_window_its_menus_and_dialogs_speak_german(
    qtbot: QtBot,
    world: LabWorld,
    german_shell: Shell,
    make_window: Callable[..., MainWindow],
) -> None:
    session = world.start_session(name=SESSION)
    window = make_window()
    menus = german_shell.attach(window, "test database")
    assert window.windowTitle() == "Barcode-Erfassung — Recon Desktop"
    assert window.recon_tag.text() == "Inventurabgleich läuft"
    said = "0 / 40 erwartete gescannt · 0 nicht im Umfang · 0 unbekannt"
    qtbot.waitUntil(lambda: window.banner.progress.text() == said)
    # the whole window: the scanned list's headings and its row actions with it (their
    # rows, with a scan of each tag, are checked in test_german_session)
    assert left(window) == []

    # ⚙, its Join submenu, the views menu, Tools and Help
    for menu in (
        window.session_menu.cog_menu,
        window.session_menu.views_menu,
        menus.tools_menu,
        menus.help_menu,
    ):
        _open(qtbot, menu)
        assert left(menu) == [], menu.title()
        menu.close()
    cog = [a.text() for a in window.session_menu.cog_menu.actions() if a.text()]
    assert cog[:3] == [
        "Inventurabgleich starten…",
        "Inventurabgleich beenden…",
        "Frühere Inventurabgleiche anzeigen…",
    ]
    assert [a.text() for a in window.menuBar().actions()] == ["E&xtras", "&Hilfe"]

    # Help → About says the interface language; Help → Show Log
    menus.about_action.trigger()
    about = _dialog(qtbot, menus)
    assert isinstance(about, AboutDialog)
    assert about.fields["Interface language"].text() == "Deutsch (de)"
    assert about.windowTitle() == "Über Recon Desktop"
    assert left(about) == []
    # a licence named by its licence file: the name stays, the words around it are German
    licences = [about.table.item(r, 2).text() for r in range(about.table.rowCount())]
    assert "MIT (aus LICENSE)" in licences
    assert not [text for text in licences if "(from " in text or "not stated" in text]
    about.close()
    menus.log_action.trigger()
    log_window = _dialog(qtbot, menus)
    assert isinstance(log_window, LogWindow)
    assert left(log_window) == []
    log_window.close()

    # the end of the session, signed with the PIN
    end = EndSessionDialog(world.services, world.ana.operator(), session, parent=window)
    qtbot.addWidget(end)
    end.show()
    assert end.archive_button.text() == "Die 40 nicht gescannten als fehlend &archivieren…"
    assert left(end) == []
    end.close()

    # switching the operator, and the idle lock
    switch = SignInDialog(world.services, parent=window, switching=True)
    qtbot.addWidget(switch)
    switch.show()
    assert left(switch) == []
    switch.close()
    lock = menus.idle_lock
    assert lock is not None
    locked = lock.lock()
    assert "Nach 10 Minuten ohne Benutzung gesperrt" in locked.error.text()
    assert left(locked) == []
    qtbot.keyClicks(locked.user, world.ana.name)
    qtbot.keyClicks(locked.pin, world.ana.pin)
    locked.buttons.accepted.emit()
    qtbot.waitUntil(lambda: lock.dialog is None)


def test_start_sign_in_first_run_and_crash_speak_german(
    qtbot: QtBot, world: LabWorld, german_shell: Shell, tmp_path: Path
) -> None:
    sign_in = SignInDialog(world.services, hint=demo_hint())
    qtbot.addWidget(sign_in)
    sign_in.show()
    assert "Demo-Datenbank – Benutzer: " in sign_in.findChildren(QLabel)[-1].text()
    assert left(sign_in) == []

    root = world.services.auth.sign_in("root", "999111")  # an admin: may make a config
    expiring = [Filter("expiry", "<=", "today+30"), Filter("expiry", "between", "today..today+60")]
    world.services.admin.add_config(root, "Verfall 30", world.lab.name, expiring)
    start = StartSessionDialog(world.services, root)
    qtbot.addWidget(start)
    start.show()
    qtbot.waitUntil(lambda: "Artikel passen jetzt" in start.count_label.text())
    # a saved config is summed up by its fields' labels (the views' headings), like the
    # fields' list of a filter; a filter's problem is the core's sentence
    summary = start.config_summary.text()
    assert summary.startswith("Filter: ") and " innerhalb " in summary
    assert left(start) == []
    # a relative day in a date filter is said in German; the config keeps it as stored
    start.config.setCurrentIndex(start.config.findText("Verfall 30"))
    summary = start.config_summary.text()
    assert summary.startswith(
        "Filter: Verfallsdatum <= heute+30; Verfallsdatum zwischen heute..heute+60\n"
    ), summary
    assert left(start) == []
    assert world.services.admin.config(world.lab.id, "Verfall 30")[3] == expiring
    new = start.config.findText("Neue Listenkonfiguration…")
    assert new >= 0  # NEW_CONFIG, in German
    start.config.setCurrentIndex(new)
    qtbot.waitUntil(start.editor.isVisible)
    others = {row.error.text() for row in start.filter_rows}  # the core's sentences
    assert left(start, besides=others) == []

    first = FirstRunWindow(world.services, database="recon.sqlite3", open_demo=lambda: None)
    qtbot.addWidget(first)
    first.show()
    assert left(first) == []
    create = CreateAdminDialog(world.services)
    qtbot.addWidget(create)
    create.show()
    assert left(create) == []
    create.create_and_sign_in()  # nothing typed: the refusal is the core's (messages part)
    assert create.error.isVisible()

    crash = CrashDialog(
        Crash(summary="ZeroDivisionError: division by zero", report="Traceback …", thread="main"),
        log_path=tmp_path / "logs" / "recon-desktop.log",
    )
    qtbot.addWidget(crash)
    crash.show()
    assert crash.windowTitle() == "Etwas ist schiefgelaufen — Recon Desktop"
    # the exception's own text is data, as Python wrote it
    assert left(crash, besides={"ZeroDivisionError: division by zero"}) == []


def test_settings_offer_the_language_and_say_it_applies_at_the_next_start(
    qtbot: QtBot,
    world: LabWorld,
    german_shell: Shell,
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    menus = german_shell.attach(window, "test database")
    menus.settings_action.trigger()
    dialog = _dialog(qtbot, menus)
    assert isinstance(dialog, SettingsDialog)
    assert dialog.windowTitle() == "Einstellungen – Recon Desktop"
    assert left(dialog) == []
    choices = [
        dialog.interface_language.itemText(i) for i in range(dialog.interface_language.count())
    ]
    assert choices[0].startswith("Wie das System (") and choices[1:] == ["English", "Deutsch"]
    assert dialog.interface_language.currentData() == "de"
    assert not dialog.language_hint.isVisibleTo(dialog)

    dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("en"))
    said = "Die Sprache der Oberfläche (English) gilt ab dem nächsten Start von recon-desktop."
    assert dialog.language_hint.isVisibleTo(dialog) and dialog.language_hint.text() == said
    dialog.save()
    QApplication.processEvents()  # the settings applied to the application (a 0 ms timer)
    saved = json.loads(german_shell.loaded.path.read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    box = menus.told
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == said  # in the language spoken now, until the next start
    assert window.cog.toolTip() == "Sitzungsmenü (F10)"  # the words stay until then
    box.close()


def test_english_settings_say_a_new_language_in_english(
    qtbot: QtBot,
    world: LabWorld,
    tmp_path: Path,
    qapp: QApplication,
    make_window: Callable[..., MainWindow],
) -> None:
    path = tmp_path / "settings.json"
    settings_file.save(Settings(language="en"), path)
    sheet, locale, dates = qapp.styleSheet(), QLocale(), formatting.date_format()
    shell = Shell.start(qapp, settings_path=path, log_dir=tmp_path / "logs", hooks=False)
    try:
        window = make_window()
        menus = shell.attach(window, "test database")
        menus.about_action.trigger()
        about = _dialog(qtbot, menus)
        assert isinstance(about, AboutDialog)
        assert about.fields["Interface language"].text() == "English (en)"
        about.close()
        dialog = menus.open_settings()
        assert isinstance(dialog, SettingsDialog)
        qtbot.addWidget(dialog)
        dialog.sounds.setChecked(False)  # not the language: nothing is said of it
        dialog.save()
        qapp.processEvents()  # the settings applied to the application (a 0 ms timer)
        assert menus.told is None
        dialog = menus.open_settings()
        assert isinstance(dialog, SettingsDialog)
        qtbot.addWidget(dialog)
        dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("de"))
        dialog.save()
        qapp.processEvents()
        assert settings_file.load(path).settings.language == "de"
        box = menus.told
        assert isinstance(box, QMessageBox)
        assert box.text() == (
            "The interface language (Deutsch) applies when recon-desktop is next started."
        )
        assert i18n.current() == "en"  # the window keeps its words until the next start
        box.close()
    finally:
        shell.close()
        qapp.setStyleSheet(sheet)
        QLocale.setDefault(locale)
        formatting.set_date_format(dates)
