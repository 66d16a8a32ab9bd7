"""How values look on screen: quantities, local times from stored UTC, tags, yes/no.

Pure functions over plain values; the table models call them once per fetched row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from recon_desktop.core.records import Tag

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


def display(column: str, value: object) -> str:
    """The text for one cell of a listing column (``column`` is a listing/view column key)."""
    if value is None:
        return ""
    if column == "tag":
        return tag(value if isinstance(value, str) else str(value))
    if column == "status" and isinstance(value, str):
        return value.capitalize()
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Decimal):
        return quantity(value)
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def change(old: str | None, new: str | None) -> str:
    """An old → new pair from the history ("—" for a missing side)."""
    if old is None and new is None:
        return ""
    if old is None:
        return new or ""
    return f"{old} → {new if new is not None else '—'}"
