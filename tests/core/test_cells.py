"""Cell text rules: nothing is evaluated, dropped or silently cut."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recon_desktop.core import cells


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("bell\x07", "bell␇"),
        ("\x1d01", "␝01"),
        ("a\tb", "a␉b"),
        ("cr\r", "cr␍"),
        ("del\x7f", "del␡"),
        ("nul\x00", "nul␀"),
        ("c1\x85", "c1⟨U+0085⟩"),
        ("bad\ud800", "bad⟨U+D800⟩"),
        ("nonchar\uffff", "nonchar⟨U+FFFF⟩"),
        ("two\nlines", "two\nlines"),
        ("plain", "plain"),
    ],
)
def test_control_characters_are_shown_not_dropped(text: str, shown: str) -> None:
    assert cells.escape_controls(text) == shown


@pytest.mark.parametrize(
    "text", ["=1+2", "+SUM(A1)", "-5", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_formula_looking_text_is_flagged(text: str) -> None:
    fitted = cells.cell_text(text)
    assert fitted.formula_like
    assert not cells.is_plain(text)


@pytest.mark.parametrize("text", ["#N/A", "#DIV/0!", "#REF!"])
def test_error_literals_are_not_plain(text: str) -> None:
    assert not cells.is_plain(text)
    assert cells.cell_text(text).value == text


def test_plain_text_is_unchanged() -> None:
    assert cells.is_plain("A001 Ethanol 5 mL")
    assert cells.cell_text("A001") == cells.CellText("A001", False, False, 0)


def test_long_text_is_cut_visibly_and_split_whole() -> None:
    text = "x" * 40_000
    fitted = cells.cell_text(text, where="sheet 'Long text' row 2")
    assert fitted.cut and fitted.full_length == 40_000
    assert len(fitted.value) == cells.MAX_CELL_CHARS
    assert fitted.value.endswith(
        "[CUT: 40,000 characters in total; the whole text is on sheet 'Long text' row 2]"
    )
    assert "".join(cells.split_long(text)) == text
    assert all(len(p) <= cells.LONG_TEXT_PART for p in cells.split_long(text))


def test_exactly_a_full_cell_is_not_cut() -> None:
    text = "y" * cells.MAX_CELL_CHARS
    assert cells.cell_text(text) == cells.CellText(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("=1+2", "'=1+2"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\tx", "'␉x"),
        ("a\x07", "a␇"),
        (Decimal("-1.5"), "-1.5"),
        (-3, "-3"),
        (None, ""),
        (True, "yes"),
        ("plain", "plain"),
    ],
)
def test_csv_cells(value: object, text: str) -> None:
    assert cells.csv_cell(value) == text


@given(st.text())
def test_any_text_fits_a_cell_and_has_no_unsafe_character(text: str) -> None:
    fitted = cells.cell_text(text)
    assert len(fitted.value) <= cells.MAX_CELL_CHARS
    assert not any(ord(c) < 32 and c != "\n" for c in fitted.value)
    assert not any(0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in fitted.value)
    assert fitted.formula_like == text.startswith(cells.FORMULA_PREFIXES)
    if not fitted.cut:
        # nothing is dropped: every character is either kept or replaced by a visible symbol
        assert len(fitted.value) >= len(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1))
def test_printable_text_round_trips(text: str) -> None:
    if "\ufffe" in text or "\uffff" in text:
        return
    assert cells.escape_controls(text) == text
