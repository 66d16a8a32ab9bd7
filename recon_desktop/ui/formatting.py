"""How values look on screen: quantities, local times from stored UTC, tags, yes/no.

Pure functions over plain values; the table models call them once per fetched row. A
listing column is written by its display format in the column registry (``FORMATS``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from recon_desktop.core.columns import COLUMNS, Column, Display
from recon_desktop.core.label import EXPIRED
from recon_desktop.core.records import FirstScan, ScanResult, Tag

LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M"
LOCAL_SECONDS_FORMAT = "%Y-%m-%d %H:%M:%S"


def quantity(value: Decimal | int | float | None) -> str:
    """A quantity as plain digits: no exponent, no trailing zeros (1.50 → 1.5, 1E+1 → 10)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


def quantity_with_unit(value: Decimal | None, unit: str | None) -> str:
    text = quantity(value)
    return f"{text} {unit}".strip() if unit else text


def set_time_format(pattern: str) -> None:
    """The date-and-time pattern chosen in the settings (strftime, minutes precision)."""
    global LOCAL_TIME_FORMAT, LOCAL_SECONDS_FORMAT
    LOCAL_TIME_FORMAT = pattern
    LOCAL_SECONDS_FORMAT = pattern.replace("%M", "%M:%S", 1)


def to_local(value: datetime) -> datetime:
    """A stored time (naive meaning UTC, or aware) in this computer's time zone."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.astimezone()


def local_time(value: datetime | None, *, seconds: bool = False) -> str:
    if value is None:
        return ""
    return to_local(value).strftime(LOCAL_SECONDS_FORMAT if seconds else LOCAL_TIME_FORMAT)


def clock_time(value: datetime) -> str:
    """A stored time as the clock showed it here: the time of day when it was today, else
    with the date."""
    local = to_local(value)
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime(LOCAL_SECONDS_FORMAT)


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
    return f"Already scanned by {first.user} at {clock_time(first.at)} on {first.station}."


def scan_note(result: ScanResult) -> str:
    """The notes of a saved scan: who scanned it first (a repeat), an archived item."""
    notes = [already_scanned(result.first)] if result.first is not None else []
    if result.note:
        notes.append(result.note)
    return " ".join(notes)


def tag(value: Tag | str | None) -> str:
    """A scan tag as its word ("In Scope"); unknown values are shown as they are."""
    if value is None or value == "":
        return ""
    try:
        return Tag(value).label
    except ValueError:
        return str(value)


def yes_no(value: object) -> str:
    return "Yes" if value else "No"


def _iso_date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _local_time(value: object) -> str:
    return local_time(value) if isinstance(value, datetime) else str(value)


def _quantity(value: object) -> str:
    return quantity(value) if isinstance(value, Decimal | int | float) else str(value)


# how each display format of the column registry writes a value (never None)
FORMATS: dict[Display, Callable[[object], str]] = {
    Display.TEXT: str,
    Display.CAPITALIZED: lambda value: str(value).capitalize(),
    Display.QUANTITY: _quantity,
    Display.DATE: _iso_date,
    Display.LOCAL_TIME: _local_time,
    Display.TAG: lambda value: tag(str(value)),
    Display.YES_NO: yes_no,
    Display.EXPIRED: lambda value: EXPIRED if value else "",
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
