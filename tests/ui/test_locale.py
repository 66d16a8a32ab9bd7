"""Numbers, dates and times on screen are written by the chosen locale (QLocale), so the
date-language setting reaches every screen; the report stays ISO and UTC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from recon_desktop.settings import DateFormat
from recon_desktop.ui import formatting

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def restore_locale() -> Iterator[None]:
    locale, chosen = QLocale(), formatting.date_format()
    try:
        yield
    finally:
        QLocale.setDefault(locale)
        formatting.set_date_format(chosen)


def _noon_local(day: date) -> datetime:
    """A stored (naive UTC) time that is 14:05:09 here on ``day``."""
    local = datetime(day.year, day.month, day.day, 14, 5, 9).astimezone()
    return local.astimezone(UTC).replace(tzinfo=None)


def test_quantities_in_the_locales_marks(restore_locale: None) -> None:
    QLocale.setDefault(GERMAN)
    assert formatting.quantity(Decimal("1234.5")) == "1.234,5"
    assert formatting.quantity(Decimal("0.125")) == "0,125"
    assert formatting.quantity(Decimal("-1000000")) == "-1.000.000"
    assert formatting.read_quantity("1.000") == Decimal(1000)
    QLocale.setDefault(US)
    assert formatting.quantity(Decimal("1234.5")) == "1,234.5"
    assert formatting.quantity(Decimal("12")) == "12"
    assert formatting.read_quantity("1,000") == Decimal(1000)


def test_dates_follow_the_date_language(restore_locale: None) -> None:
    at = _noon_local(date(2026, 12, 7))
    formatting.set_date_format(DateFormat.LANGUAGE)
    QLocale.setDefault(GERMAN)
    assert formatting.day(date(2026, 12, 7)) == "07.12.26"
    assert formatting.local_time(at) == "07.12.26 14:05"
    assert formatting.local_time(at, seconds=True) == "07.12.26 14:05:09"
    QLocale.setDefault(US)
    assert formatting.day(date(2026, 12, 7)) == "12/7/26"
    assert formatting.local_time(at).replace("\u202f", " ") == "12/7/26 2:05 PM"


def test_the_numeric_formats_keep_their_order_in_any_language(restore_locale: None) -> None:
    at = _noon_local(date(2026, 3, 31))
    QLocale.setDefault(GERMAN)
    formatting.set_date_format(DateFormat.ISO)
    assert formatting.local_time(at) == "2026-03-31 14:05"
    assert formatting.day(date(2026, 3, 31)) == "2026-03-31"
    formatting.set_date_format(DateFormat.DAY_FIRST)
    assert formatting.local_time(at) == "31/03/2026 14:05"
    assert formatting.day(date(2026, 3, 31)) == "31/03/2026"  # an expiry beside a scan time
    QLocale.setDefault(US)
    formatting.set_date_format(DateFormat.MONTH_FIRST)
    assert formatting.local_time(at, seconds=True) == "03/31/2026 02:05:09 PM"


def test_the_scanned_list_writes_quantities_in_the_locales_marks(
    restore_locale: None,
) -> None:
    from recon_desktop.ui.scan_list import format_quantity

    QLocale.setDefault(GERMAN)
    assert format_quantity(Decimal("1500.25"), "mL") == "1.500,25 mL"
    QLocale.setDefault(US)
    assert format_quantity(Decimal("1500.25"), "mL") == "1,500.25 mL"
    assert format_quantity(None, "mL") == ""
