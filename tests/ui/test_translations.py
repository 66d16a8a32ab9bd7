"""The German translation is current: every string the sources pass through Qt's
translate is in its area's .ts with a German translation, and the shipped .qm files are
what the .ts files compile to."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from recon_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
assert _spec and _spec.loader
translations = importlib.util.module_from_spec(_spec)
sys.modules["translations"] = translations
_spec.loader.exec_module(translations)


def messages(ts: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(context, source, translation, its type) of every message in a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            found.append(
                (
                    name,
                    message.findtext("source") or "",
                    None if translation is None else translation.text,
                    None if translation is None else translation.get("type"),
                )
            )
    return found


def test_every_ui_module_is_in_one_area() -> None:
    listed = [p for area in translations.AREAS for p in translations.sources(area)]
    assert len(listed) == len(set(listed))
    modules = {p for p in (ROOT / "recon_desktop/ui").glob("*.py") if p.name != "__init__.py"}
    assert modules - set(listed) == set(), "add the module to an area in scripts/translations.py"
    assert set(translations.AREAS) == set(i18n.AREAS)


def test_the_ts_files_hold_every_string_of_the_sources(tmp_path: Path) -> None:
    for ts in translations.TRANSLATIONS.glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    translations.update(tmp_path)
    for area in translations.AREAS:
        for language in translations.LANGUAGES:
            fresh = messages(translations.ts_file(area, language, tmp_path))
            shipped = messages(translations.ts_file(area, language))
            assert fresh == shipped, (
                f"{area}_{language}.ts is not current: run python scripts/translations.py update"
            )


def test_every_string_is_translated() -> None:
    for ts in sorted(translations.TRANSLATIONS.glob("*.ts")):
        left = [(c, s) for c, s, text, kind in messages(ts) if kind or not text]
        assert left == [], f"{ts.name}: not translated yet"


def test_the_qm_files_are_compiled_from_the_ts_files(tmp_path: Path) -> None:
    translations.release(out=tmp_path)
    for qm in sorted(tmp_path.glob("*.qm")):
        shipped = translations.TRANSLATIONS / qm.name
        assert shipped.is_file() and shipped.read_bytes() == qm.read_bytes(), (
            f"{qm.name} is not current: run python scripts/translations.py release"
        )


@pytest.fixture
def german(qapp: QCoreApplication):  # type: ignore[no-untyped-def]
    assert i18n.install(qapp, "de") == "de"
    yield
    i18n.install(qapp, "en")


def test_german_loads_qts_own_words(german: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert i18n.current() == "de"


def test_english_is_the_source_and_system_falls_back_to_it(qapp: QCoreApplication) -> None:
    assert i18n.install(qapp, "en") == "en"
    assert i18n.resolve("de") == "de"
    assert i18n.resolve("system") in ("en", "de")


def test_a_service_sentence_is_said_in_the_interface_language(qapp: QCoreApplication) -> None:
    from recon_desktop.core.text import Text, translate

    sentence = translate("Test", "{count} scans of {item}").format(count=12345, item="Éthanol")
    assert sentence == "12,345 scans of Éthanol"  # English for the log and the command line
    assert isinstance(sentence, Text) and sentence.template == "{count} scans of {item}"
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    try:
        assert i18n.say(sentence) == "12.345 scans of Éthanol"  # no German for "Test" here
    finally:
        QLocale.setDefault(before)
    assert i18n.say(ValueError(sentence)) == i18n.say(sentence)
    assert i18n.say("plain") == "plain"
