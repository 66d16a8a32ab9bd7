"""Numbers as people type them: a decimal point or comma, and no guessing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recon_desktop.core.numbers import NumberError, NumberMarks, read_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.5", "2.5"),
        ("2,5", "2.5"),
        (" 7 ", "7"),
        ("0,125", "0.125"),
        ("1234,5", "1234.5"),
        ("1234,567", "1234.567"),
        ("-3,25", "-3.25"),
        ("1000", "1000"),
        ("1,0000", "1.0000"),
    ],
)
def test_a_point_or_a_comma_is_the_decimal_mark(text: str, value: str) -> None:
    assert read_decimal(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "1,000",
            "'1,000' could be 1000 (a thousands separator) or 1 (a decimal mark): write 1000 "
            "for the first, 1 for the second",
        ),
        ("1.000", "'1.000' could be 1000 (a thousands separator) or 1 (a decimal mark)"),
        ("1.500", "'1.500' could be 1500 (a thousands separator) or 1.5 (a decimal mark)"),
        ("12,345", "'12,345' could be 12345 (a thousands separator) or 12.345"),
        ("-1,000", "'-1,000' could be -1000 (a thousands separator) or -1"),
        ("1,234.5", "'1,234.5' has more than one separator"),
        ("1.234,5", "'1.234,5' has more than one separator"),
        ("1,234,567", "'1,234,567' has more than one separator"),
    ],
)
def test_a_number_that_could_mean_two_things_is_refused(text: str, reason: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_decimal(text)
    assert caught.value.ambiguous
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("text", ["abc", "", "inf", "nan", "1 000", "1e"])
def test_what_is_not_a_number_says_so(text: str) -> None:
    with pytest.raises(NumberError, match="is not a number") as caught:
        read_decimal(text)
    assert not caught.value.ambiguous


GERMAN = NumberMarks(",", ".")
ENGLISH = NumberMarks(".", ",")
FRENCH = NumberMarks(",", "\u202f")


@pytest.mark.parametrize(
    ("text", "marks", "value"),
    [
        ("1.000", GERMAN, "1000"),  # a thousand, not one
        ("1.000.000", GERMAN, "1000000"),
        ("1.000,5", GERMAN, "1000.5"),
        ("2,5", GERMAN, "2.5"),
        ("-1.000", GERMAN, "-1000"),
        ("2.5", GERMAN, "2.5"),  # only one reading: a decimal point
        ("0.125", GERMAN, "0.125"),  # no thousands group starts with 0
        ("1,000", ENGLISH, "1000"),
        ("1,234.5", ENGLISH, "1234.5"),
        ("1.000", ENGLISH, "1.000"),
        ("2,5", ENGLISH, "2.5"),
        ("1 000,5", FRENCH, "1000.5"),  # a plain space for the narrow one
        ("1\u00a0000", FRENCH, "1000"),
        ("12.5", FRENCH, "12.5"),
    ],
)
def test_a_locale_reads_its_own_marks(text: str, marks: NumberMarks, value: str) -> None:
    assert read_decimal(text, marks) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "marks", "reason"),
    [
        ("1,000.5", GERMAN, "'1,000.5' has a thousands separator (.) after its decimal mark (,)"),
        ("1.00.0", GERMAN, "'1.00.0' has a thousands separator (.) where no group of three"),
        ("1,5,5", GERMAN, "'1,5,5' has more than one decimal mark (,)"),
        ("1.000,5", ENGLISH, "'1.000,5' has a thousands separator (,) after its decimal mark"),
        ("1 000.5", FRENCH, "'1 000.5' mixes . with ,"),
        ("1,0,0", ENGLISH, "'1,0,0' has a thousands separator (,) where no group"),
    ],
)
def test_a_locale_refuses_what_could_mean_two_things(
    text: str, marks: NumberMarks, reason: str
) -> None:
    with pytest.raises(NumberError) as caught:
        read_decimal(text, marks)
    assert caught.value.ambiguous
    assert caught.value.reason.startswith(reason)
