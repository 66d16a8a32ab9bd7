"""How values look on screen: quantities, local times from stored UTC, tags, yes/no.

Functions over plain values; the table models call them once per fetched row. A listing
column is written by its display format in the column registry (``FORMATS``). Numbers,
dates and times are written by the locale the settings chose (``QLocale``'s default): its
decimal mark and thousands separator, its month names and clock; what people type is read
with the same marks (``read_quantity``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from recon_desktop.core.columns import COLUMNS, Column, Display
from recon_desktop.core.label import EXPIRED
from recon_desktop.core.numbers import NumberMarks
from recon_desktop.core.quantities import QUANTITY, parse_quantity
from recon_desktop.core.records import FirstScan, ScanResult, Tag, View
from recon_desktop.core.text import Text
from recon_desktop.settings import DateFormat
from recon_desktop.ui import i18n

translate = QCoreApplication.translate
_date_format = DateFormat.ISO


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate finds
    """Mark ``text`` (an English constant) for the translations of ``context``: lupdate
    finds the call; the text is said where it is shown, with ``translate(context, text)``.
    (Qt's own takes and gives ``object`` to the type checker.)"""
    return text


# Words shown here that are English constants where they are defined (the looks of the
# scanned list beside the tags; an item's status): marked here so that the German
# translation holds them, and said where they are shown (``said``). The core marks its
# own words (tags, column headings, view titles) as Text: those are said as marked.
TAG_WORDS = (
    QT_TRANSLATE_NOOP("Tags", "Location set"),
    QT_TRANSLATE_NOOP("Tags", "Wrong location"),
    QT_TRANSLATE_NOOP("Tags", "NOT SAVED"),
    QT_TRANSLATE_NOOP("Tags", "Undone"),
)
STATUSES = (
    QT_TRANSLATE_NOOP("Status", "Active"),
    QT_TRANSLATE_NOOP("Status", "Archived"),
    QT_TRANSLATE_NOOP("Status", "active"),  # within a sentence
    QT_TRANSLATE_NOOP("Status", "archived"),
)


def said(word: str, context: str) -> str:
    """A word of the core in the interface's language: a Text as it was marked, else
    looked up in ``context`` (the lists above)."""
    if isinstance(word, Text):
        return i18n.say(word)
    return translate(context, word)


def heading(label: str) -> str:
    """A column's heading (``core.columns``) in the interface's language."""
    return said(label, "Columns")


def view_title(view: View | str) -> str:
    """A view's title in the interface's language."""
    return said(View(view).title, "Views")


def tag_word(word: str) -> str:
    """A tag's or a look's word ("In Scope", "Wrong location") in the interface's language."""
    return said(word, "Tags") if word else ""


def status(value: object) -> str:
    """An item's status ("active") as its word ("Active"), as a column shows it."""
    return said(str(value).capitalize(), "Status")


def status_in_text(value: object) -> str:
    """An item's status as a word within a sentence ("active")."""
    return said(str(value), "Status")


def number(value: int) -> str:
    """A whole number in the locale's digits (1,234 or 1.234)."""
    return QLocale().toString(value)


def number_marks() -> NumberMarks:
    """The decimal mark and thousands separator of the chosen locale."""
    locale = QLocale()
    return NumberMarks(locale.decimalPoint(), locale.groupSeparator())


def read_quantity(text: str, *, what: str = QUANTITY) -> Decimal:
    """A quantity typed here, read by the chosen locale's marks (German "1.000" is a
    thousand); ValidationError with the reason when it is not one, or could be two."""
    return parse_quantity(text.strip(), what=what, marks=number_marks())


def quantity(value: Decimal | int | float | None) -> str:
    """A quantity in the locale's digits and marks, no exponent, no trailing zeros
    (1.50 → 1.5, 1E+1 → 10; 1234.5 → "1,234.5" in English, "1.234,5" in German)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        text = f"{number.quantize(Decimal(1)):f}"
    else:
        text = f"{number.normalize():f}"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, part = digits.partition(".")
    marks = number_marks()
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    whole = marks.group.join(groups)
    return f"{sign}{whole}{marks.decimal + part if part else ''}"


def quantity_with_unit(value: Decimal | None, unit: str | None) -> str:
    text = quantity(value)
    return f"{text} {unit}".strip() if unit else text


def set_date_format(chosen: DateFormat) -> None:
    """How dates and times are written (the settings' Dates as), in the locale's words."""
    global _date_format
    _date_format = chosen


def date_format() -> DateFormat:
    return _date_format


def _qt_date(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _qt_time(value: datetime) -> QDateTime:
    return QDateTime(
        _qt_date(value), QTime(value.hour, value.minute, value.second, value.microsecond // 1000)
    )


def day(value: date | None) -> str:
    """A date (an expiry) in the chosen format and the locale's words."""
    if value is None:
        return ""
    locale = QLocale()
    pattern = _date_format.qt_date_pattern
    if pattern is None:
        return locale.toString(_qt_date(value), QLocale.FormatType.ShortFormat)
    return locale.toString(_qt_date(value), pattern)


def _time_pattern(locale: QLocale, seconds: bool) -> str:
    pattern = _date_format.qt_time_pattern
    if pattern is None:  # the locale's own clock (24-hour, or 12 with AM/PM)
        pattern = locale.timeFormat(QLocale.FormatType.ShortFormat)
        if seconds and ":ss" not in pattern:
            pattern = pattern.replace("mm", "mm:ss", 1)
    elif seconds:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return pattern


def time_of_day(value: datetime, *, seconds: bool = True) -> str:
    """The local time of day of a stored time, by the locale's clock."""
    locale = QLocale()
    local = to_local(value)
    return locale.toString(
        QTime(local.hour, local.minute, local.second), _time_pattern(locale, seconds)
    )


def _date_time(local: datetime, seconds: bool) -> str:
    locale = QLocale()
    pattern = _date_format.qt_date_pattern
    if pattern is None:
        date_text = locale.toString(_qt_date(local.date()), QLocale.FormatType.ShortFormat)
    else:
        date_text = locale.toString(_qt_date(local.date()), pattern)
    clock = locale.toString(
        QTime(local.hour, local.minute, local.second), _time_pattern(locale, seconds)
    )
    return f"{date_text} {clock}"


def to_local(value: datetime) -> datetime:
    """A stored time (naive meaning UTC, or aware) in this computer's time zone."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.astimezone()


def local_time(value: datetime | None, *, seconds: bool = False) -> str:
    """A stored time as a local date and time, in the chosen format and locale."""
    if value is None:
        return ""
    return _date_time(to_local(value), seconds)


def clock_time(value: datetime) -> str:
    """A stored time as the clock showed it here: the time of day when it was today, else
    with the date."""
    local = to_local(value)
    if local.date() == datetime.now().astimezone().date():
        return time_of_day(value)
    return _date_time(local, True)


def zone_text(at: datetime | None = None) -> str:
    """This computer's time zone, as the screens name it once: "CEST, UTC+02:00"."""
    local = (at or datetime.now(UTC)).astimezone()
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours:02d}:{rest:02d}" if minutes else "UTC"
    name = local.tzname() or ""
    if not name or name == utc or name.upper() == "UTC" or name[0] in "+-":
        return utc
    return f"{name}, {utc}"


def already_scanned(first: FirstScan) -> str:
    """What a repeat is told, in local time."""
    return translate("Formatting", "Already scanned by {user} at {time} on {station}.").format(
        user=first.user, time=clock_time(first.at), station=first.station
    )


def scan_note(result: ScanResult) -> str:
    """The notes of a saved scan: who scanned it first (a repeat), an archived item."""
    notes = [already_scanned(result.first)] if result.first is not None else []
    if result.note:
        notes.append(i18n.say(result.note))
    return " ".join(notes)


def tag(value: Tag | str | None) -> str:
    """A scan tag as its word ("In Scope"); unknown values are shown as they are."""
    if value is None or value == "":
        return ""
    try:
        return tag_word(Tag(value).label)
    except ValueError:
        return str(value)


def yes_no(value: object) -> str:
    return translate("Formatting", "Yes") if value else translate("Formatting", "No")


def _day(value: object) -> str:
    return day(value) if isinstance(value, date) else str(value)


def _local_time(value: object) -> str:
    return local_time(value) if isinstance(value, datetime) else str(value)


def _quantity(value: object) -> str:
    return quantity(value) if isinstance(value, Decimal | int | float) else str(value)


# how each display format of the column registry writes a value (never None)
FORMATS: dict[Display, Callable[[object], str]] = {
    Display.TEXT: str,
    Display.CAPITALIZED: status,
    Display.QUANTITY: _quantity,
    Display.DATE: _day,
    Display.LOCAL_TIME: _local_time,
    Display.TAG: lambda value: tag(str(value)),
    Display.YES_NO: yes_no,
    Display.EXPIRED: lambda value: tag_word(EXPIRED) if value else "",
}


def formatter(column: Column) -> Callable[[object], str]:
    """The function that writes the (non-empty) values of a column."""
    return FORMATS[column.display]


def display(key: str, value: object) -> str:
    """The text for one cell of a listing column (``key`` is a key of ``core.columns``)."""
    return "" if value is None else formatter(COLUMNS[key])(value)


def short_paths(first: str, second: str) -> tuple[str, str]:
    """Two location paths without the parents they share (keeping the last shared one)."""
    a, b = first.split("/"), second.split("/")
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[shared] == b[shared]:
        shared += 1
    keep = max(shared - 1, 0)
    return "/".join(a[keep:]), "/".join(b[keep:])


def change(old: str | None, new: str | None) -> str:
    """An old → new pair from the history ("—" for a missing side)."""
    if old is None and new is None:
        return ""
    if old is None:
        return new or ""
    return f"{old} → {new if new is not None else '—'}"
