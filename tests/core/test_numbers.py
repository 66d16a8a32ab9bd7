"""Numbers as people type them: a decimal point or comma, and no guessing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recon_desktop.core.numbers import NumberError, read_decimal


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
        ("1,000", "'1,000' could be 1000 or 1.000: write 1000 for the first, 1.000 for the second"),
        ("12,345", "'12,345' could be 12345 or 12.345"),
        ("-1,000", "'-1,000' could be -1000 or -1.000"),
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
