"""The interface's language: Qt translators for the program's own words and for Qt's.

The program's strings go through ``QCoreApplication.translate(context, text)``; the
German words live in ``resources/translations/<area>_de.ts`` (one file per part of the
program, see :data:`AREAS`), compiled to ``.qm`` files beside them by
``python scripts/translations.py release``. Qt's own buttons and dialogs (OK, Cancel, the
file dialog) come from Qt's ``qtbase_<language>.qm``.

The language is chosen once, before the first window is built: a window that is already
open keeps its words, so Settings says a change applies at the next start.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from recon_desktop.core.text import Text
from recon_desktop.paths import resources_dir
from recon_desktop.settings import INTERFACE_LANGUAGES

log = logging.getLogger(__name__)

# Each area is one .ts file and the sources whose words it holds (scripts/translations.py).
AREAS = ("shell", "session", "messages")
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []  # a translator must outlive its installation
_current = SOURCE_LANGUAGE


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve(language: str) -> str:
    """The interface language a setting means: "system" is the system's language when the
    program is translated into it, else English."""
    if language in INTERFACE_LANGUAGES:
        return language
    system = QLocale.system().name().split("_")[0]
    return system if system in INTERFACE_LANGUAGES else SOURCE_LANGUAGE


def current() -> str:
    """The language the interface speaks now ("en", "de")."""
    return _current


def install(app: QCoreApplication, language: str) -> str:
    """Install the translators for ``language`` (a setting's value) and return the
    language chosen. English needs none: the program's strings are English."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = resolve(language)
    _current = chosen
    if chosen == SOURCE_LANGUAGE:
        return chosen
    for folder, name in _files(chosen):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:  # the words stay English there; the log says which file is missing
            log.warning("no translation %s.qm in %s", name, folder)
    return chosen


def _files(language: str) -> list[tuple[Path, str]]:
    """(folder, name) of every translation a language needs: Qt's own and each area's."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files = [(Path(qt_dir), f"qtbase_{language}")]
    return files + [(translations_dir(), f"{area}_{language}") for area in AREAS]


def missing() -> list[str]:
    """The translation files of the shipped languages that cannot be loaded (a copy of
    the program that lost them would speak English where German was chosen)."""
    return [
        f"{folder / name}.qm"
        for language in INTERFACE_LANGUAGES
        if language != SOURCE_LANGUAGE
        for folder, name in _files(language)
        if not QTranslator().load(name, str(folder))
    ]


def say(value: object) -> str:
    """A service's sentence (or any value shown to the user) in the interface's language:
    a :class:`~recon_desktop.core.text.Text` is looked up in the translations and its
    values filled in (whole numbers in the user's locale, Text values said the same way);
    anything else is shown as it is. An exception says its first argument."""
    if isinstance(value, BaseException) and value.args:
        value = value.args[0]
    if not isinstance(value, Text):
        return str(value)
    template = QCoreApplication.translate(value.context, value.template)
    if not value.values:
        return template
    values = {name: _value(v) for name, v in value.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        log.warning("translation of %r does not fit its values", value.template)
        return value.template.format(**values)


def _value(value: object) -> object:
    if isinstance(value, Text):
        return say(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return QLocale().toString(value)
    if isinstance(value, Decimal) and value.is_finite():  # a quantity: "2,5" in German
        text = f"{value:f}"
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, part = digits.partition(".")
        locale = QLocale()
        return sign + locale.toString(int(whole)) + (locale.decimalPoint() + part if part else "")
    return value
