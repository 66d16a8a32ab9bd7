"""The services' sentences in German: what the window says (``i18n.say``) with German
installed, values filled in and numbers written as German writes them; every translation
keeps its sentence's placeholders; a report exported from the window has German sheet
names and headings around the data as stored."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QLocale
from python_calamine import CalamineWorkbook

from recon_desktop.core.import_rows import too_many_rows
from recon_desktop.core.records import Tag
from recon_desktop.errors import (
    AuthenticationError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.services import reporting
from recon_desktop.services.anchoring import read_anchors
from recon_desktop.services.auth import MAX_FAILED_ATTEMPTS
from recon_desktop.services.importing import ImportService
from recon_desktop.ui import formatting, i18n
from tests.services.excel_fixtures import PIN, ExcelWorld, build_world

ROOT = Path(__file__).resolve().parents[2]
MESSAGES_TS = ROOT / "resources/translations/messages_de.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture
def german(qapp: QCoreApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert i18n.install(qapp, "de") == "de"
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[ExcelWorld]:
    built = build_world(tmp_path / "t.sqlite3")
    yield built
    built.db.close()


def test_every_translation_keeps_its_placeholders() -> None:
    found = 0
    for context in ET.parse(MESSAGES_TS).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            assert sorted(PLACEHOLDER.findall(source)) == sorted(
                PLACEHOLDER.findall(translation)
            ), f"{context.findtext('name')}: {source!r} → {translation!r}"
            assert translation.count("{") == source.count("{"), source
            found += 1
    assert found > 400  # the services', the store's and the report's sentences


def test_a_refused_scan_is_said_in_german(german: None, world: ExcelWorld) -> None:
    with pytest.raises(SessionStateError) as refused:
        world.services.sessions.scan(world.operator, world.session_id, "A000")
    assert str(refused.value) == (  # the log's and the command line's sentence
        "This session has ended; scans are no longer accepted. Nothing was saved."
    )
    assert i18n.say(refused.value) == (
        "Diese Sitzung ist beendet; Scans werden nicht mehr angenommen. "
        "Es wurde nichts gespeichert."
    )


def test_a_wrong_pin_and_a_lockout_are_said_in_german(german: None, world: ExcelWorld) -> None:
    auth = world.services.auth
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationError) as wrong:
            auth.sign_in("ana", "000000")
        assert i18n.say(wrong.value) == "Unbekannter Benutzer oder falsche PIN."
    with pytest.raises(AuthenticationError) as locked:
        auth.sign_in("ana", PIN)
    assert re.fullmatch(
        r"ana is locked after 5 wrong PINs; try again in 1[56] minutes or ask an admin\.",
        str(locked.value),
    )
    assert re.fullmatch(
        r"ana ist nach 5 falschen PINs gesperrt; versuchen Sie es in 1[56] Minuten erneut "
        r"oder fragen Sie einen Admin\.",
        i18n.say(locked.value),
    )


def test_an_import_refusal_is_said_with_its_values(
    german: None, world: ExcelWorld, tmp_path: Path
) -> None:
    importer = ImportService(world.services.db, world.services.admin)
    no_location = tmp_path / "items.csv"
    no_location.write_text("Barcode,Ingredient\nN1,Ethanol\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        importer.plan(no_location, world.lab_id)
    assert i18n.say(refused.value) == (
        "items.csv hat keine Spalte für Lagerort (ihre Spalten: 'Barcode', 'Ingredient'); "
        "benennen Sie die Spalten Barcode, Ingredient und Location oder wählen Sie sie aus."
    )
    negative = tmp_path / "negative.csv"
    negative.write_text(
        "Barcode,Ingredient,Location,Quantity\nN1,Ethanol,Building 1,-3\n", encoding="utf-8"
    )
    plan = importer.plan(negative, world.lab_id)
    assert i18n.say(plan.problems[0].sentence) == (
        "Zeile 2, Quantity: die Menge darf nicht negativ sein (-3)"
    )
    assert i18n.say(plan.summary()) == (
        "negative.csv (Trennzeichen: Komma): 1 Problem in 1 Zeile; es wurde nichts importiert."
    )
    assert (
        plan.summary()
        == "negative.csv (comma-separated): 1 problem in 1 row; nothing was imported."
    )
    assert i18n.say(too_many_rows("big.xlsx")) == (  # a count in German digits
        "big.xlsx hat mehr als 500.000 Zeilen; höchstens 500.000 können auf einmal importiert "
        "werden. Teilen Sie die Datei auf."
    )


def test_the_end_of_a_session_refused_and_a_quantity_in_german(
    german: None, world: ExcelWorld
) -> None:
    with pytest.raises(SessionStateError) as refused:
        world.services.sessions.end(world.operator, world.session_id)
    assert i18n.say(refused.value) == "Diese Sitzung ist bereits beendet."
    with pytest.raises(ValidationError) as too_much:
        world.services.actions.split(world.operator, world.items["A002"], "5")
    assert str(too_much.value) == (
        "Cannot split 5 mL off A002: it holds only 2.125 mL (a split must leave some behind)."
    )
    assert i18n.say(too_much.value) == (
        "Von A002 können nicht 5 mL abgeteilt werden: Er enthält nur 2,125 mL (beim Aufteilen "
        "muss etwas übrig bleiben)."
    )
    assert formatting.tag(Tag.NOT_IN_SCOPE) == "Nicht im Umfang"


# ---------------------------------------------------------------- the report


GERMAN_SHEETS = [
    "Zusammenfassung",
    "Nicht gescannt",
    "Gescannt, nicht in Liste",
    "Alle in der Liste",
    "Scans",
    "Aktionen",
]
ENGLISH_SHEETS = ["Summary", "Not scanned", "Scanned not in listing", "All in listing", "Scans"]
ENGLISH_SHEETS += ["Actions"]


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_report_speaks_german_around_the_data_as_stored(
    german: None, world: ExcelWorld, tmp_path: Path
) -> None:
    english = reporting.export_report(
        world.services, world.session_id, tmp_path / "en.xlsx", exported_by="ana"
    )
    german_report = reporting.export_report(
        world.services, world.session_id, tmp_path / "de.xlsx", exported_by="ana", say=i18n.say
    )
    en, de = _sheets(english), _sheets(german_report)
    assert list(en) == ENGLISH_SHEETS
    assert list(de) == GERMAN_SHEETS
    words = {  # what the sheets write in words; every other cell is data, as stored
        "In Scope": "Im Umfang",
        "Not in Scope": "Nicht im Umfang",
        "Unknown barcode": "Unbekannter Barcode",
        "Already scanned": "Bereits gescannt",
        "yes": "ja",
        "no": "nein",
        "Expired": "Abgelaufen",
    }
    for en_name, de_name in zip(ENGLISH_SHEETS[1:], GERMAN_SHEETS[1:], strict=True):
        en_rows, de_rows = en[en_name], de[de_name]
        assert len(en_rows) == len(de_rows) > 1
        assert de_rows[0] != en_rows[0]  # the headings
        for en_row, de_row in zip(en_rows[1:], de_rows[1:], strict=True):
            for en_cell, de_cell in zip(en_row, de_row, strict=True):
                if isinstance(en_cell, str) and "on the label" in en_cell:
                    assert "auf dem Etikett" in str(de_cell)  # what the label says, in words
                else:
                    assert (
                        de_cell == words.get(en_cell, en_cell)
                        if isinstance(en_cell, str)
                        else de_cell == en_cell
                    )
    scans = de["Scans"][0]
    assert scans[:4] == ["Scan-Nr.", "Gescannt am (UTC)", "Benutzer", "Arbeitsplatz"]
    assert "Ergebnis" in scans and "Charge auf dem Etikett" in scans
    views = de["Nicht gescannt"][0]
    assert views[:3] == ["Barcode", "Inhaltsstoff", "Inhaltsstofftyp"]
    assert "Zuletzt geprüft (UTC)" in views and "Lagerort" in views
    summary = {row[0]: row[1] for row in de["Zusammenfassung"] if row and row[0]}
    english_summary = {row[0]: row[1] for row in en["Summary"] if row and row[0]}
    assert summary["Sitzung"] == english_summary["Session"] == "Weekly =check"  # data
    started = summary["Gestartet am (UTC)"]
    assert isinstance(started, datetime) and started == english_summary["Started at (UTC)"]
    assert summary["Zeitzone"] == "Alle Zeiten in dieser Arbeitsmappe sind UTC."
    assert summary["Nicht im Umfang"] == english_summary["Not in scope"] == 2
    assert summary["Zeilen auf 'Nicht gescannt'"] == english_summary["Rows on 'Not scanned'"]
    assert str(summary["Ortszeit am Exportort"]).startswith("UTC")
    assert summary["Anker"] == english_summary["Anchor"]  # the anchor's text is data
    # the listing's filter as the window says it: heading and operator's word, data as stored
    assert english_summary["Filter 1 (frozen at start)"] == (
        "Location within Building 1/Room 101/Freezer A"
    )
    assert summary["Filter 1 (beim Start festgeschrieben)"] == (
        "Lagerort innerhalb Building 1/Room 101/Freezer A"
    )
    assert read_anchors(german_report) == read_anchors(english)  # audit verify reads both
    printed = load_workbook(german_report)["Scans"]  # the second reader: what prints
    assert printed.oddFooter.right.text == "Seite &P von &N"
    assert printed.oddFooter.left.text == "Gedruckt &D &T"
