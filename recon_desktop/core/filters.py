"""Listing config rules: the operators that fit each field, parsing and validation.

The fields themselves are the item fields of the column registry (``core.columns``).

Pure Python. The store compiles validated filters to SQL; nothing here filters rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from recon_desktop.core.columns import FIELDS, Column, Kind
from recon_desktop.core.numbers import NumberError, read_decimal
from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError

FIELD_ALIASES = {"expires_on": "expiry", "expires": "expiry", "type": "ingredient_type"}
DEFAULT_COLUMNS: tuple[str, ...] = (
    "barcode", "ingredient", "location", "quantity", "unit", "status", "lot", "expiry",
)  # fmt: skip

OPERATORS = (
    "=",
    "!=",
    "contains",
    "in",
    "empty",
    "not-empty",
    "<",
    "<=",
    ">",
    ">=",
    "between",
    "within",
)
NO_VALUE_OPERATORS = frozenset({"empty", "not-empty"})
_ORDERED = ("=", "!=", "in", "<", "<=", ">", ">=", "between", "empty", "not-empty")
OPERATORS_BY_KIND: dict[Kind, tuple[str, ...]] = {
    Kind.TEXT: ("=", "!=", "contains", "in", "empty", "not-empty"),
    Kind.LOCATION: ("within", "=", "!=", "contains", "in"),
    Kind.STATUS: ("=", "!=", "in"),
    Kind.NUMBER: _ORDERED,
    Kind.DATE: _ORDERED,
    Kind.DATETIME: (),
    Kind.TAG: (),
    Kind.YES_NO: (),
}
STATUSES = ("active", "archived")
_RELATIVE_DAY = re.compile(r"^today\s*(?:([+-])\s*(\d{1,5}))?$", re.IGNORECASE)
# NUL and lone surrogates (e.g. undecodable bytes on a command line) cannot be stored or sent
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# a quantity value must be storable (the store's QUANTITY_LIMIT and QUANTITY_PLACES)
QUANTITY_LIMIT = Decimal(10**12)
QUANTITY_PLACES = 6


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter row as saved in a listing config (text, so it can be frozen and shown)."""

    field: str
    op: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.field} {self.op} {self.value}".rstrip()

    def as_list(self) -> list[str]:
        return [self.field, self.op, self.value]


Value = str | Decimal | date


@dataclass(frozen=True, slots=True)
class CheckedFilter:
    """A filter whose value is parsed into the field's type (a tuple for in/between)."""

    field: str
    op: str
    kind: Kind
    values: tuple[Value, ...]


def field_key(name: str) -> str:
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    key = FIELD_ALIASES.get(key, key)
    if key not in FIELDS:
        known = ", ".join(FIELDS)
        raise ValidationError(
            translate("Filters", "There is no field called {name!r}; use one of: {known}.").format(
                name=name.strip(), known=known
            )
        )
    return key


def parse_filter(text: str) -> Filter:
    """``"quantity between 1..5"`` → Filter. Refuses text that is not FIELD OP [VALUE]."""
    parts = text.strip().split(None, 2)
    if len(parts) < 2:
        raise ValidationError(
            translate(
                "Filters",
                "The filter {text!r} needs a field and an operator, e.g. 'status = active'.",
            ).format(text=text.strip())
        )
    value = parts[2] if len(parts) > 2 else ""
    return Filter(parts[0], parts[1].lower(), value)


def check_filter(flt: Filter, *, today: date | None = None) -> CheckedFilter:
    """Validate one filter; the error names the field and the problem."""
    key = field_key(flt.field)
    spec = FIELDS[key]
    op = flt.op.strip().lower()
    if not spec.filterable:
        raise ValidationError(
            translate("Filters", "{field} cannot be used in a filter.").format(field=spec.label)
        )
    if op not in OPERATORS:
        raise ValidationError(
            translate("Filters", "{field}: {op!r} is not an operator; use one of {known}.").format(
                field=spec.label, op=flt.op, known=", ".join(OPERATORS)
            )
        )
    allowed = OPERATORS_BY_KIND[spec.kind]
    if op not in allowed:
        raise ValidationError(
            translate(
                "Filters",
                "{field}: the operator {op!r} does not fit this field; use one of {known}.",
            ).format(field=spec.label, op=op, known=", ".join(allowed))
        )
    raw = flt.value.strip()
    if _UNSTORABLE.search(raw):
        raise ValidationError(
            translate("Filters", "{field}: the value contains unreadable characters.").format(
                field=spec.label
            )
        )
    if op in NO_VALUE_OPERATORS:
        if raw:
            raise ValidationError(
                translate("Filters", "{field}: {op!r} takes no value (got {value!r}).").format(
                    field=spec.label, op=op, value=raw
                )
            )
        return CheckedFilter(key, op, spec.kind, ())
    if not raw:
        raise ValidationError(
            translate("Filters", "{field}: the operator {op!r} needs a value.").format(
                field=spec.label, op=op
            )
        )
    if op == "in":
        items = [part.strip() for part in raw.split(",")]
        if any(not part for part in items):
            raise ValidationError(
                translate(
                    "Filters", "{field}: 'in' needs a comma-separated list of values."
                ).format(field=spec.label)
            )
        texts = items
    elif op == "between":
        texts = _split_between(spec.label, raw)
    else:
        texts = [raw]
    values = tuple(_parse_value(spec, text, today or date.today()) for text in texts)
    if op == "between" and values[0] > values[1]:  # type: ignore[operator]
        raise ValidationError(
            translate(
                "Filters", "{field}: 'between' needs the lower bound first ({low} > {high})."
            ).format(field=spec.label, low=texts[0], high=texts[1])
        )
    return CheckedFilter(key, op, spec.kind, values)


def check_filters(filters: list[Filter], *, today: date | None = None) -> list[CheckedFilter]:
    return [check_filter(f, today=today) for f in filters]


def check_columns(columns: list[str]) -> tuple[str, ...]:
    """An ordered list of known fields, no repeats, not empty."""
    keys: list[str] = []
    for name in columns:
        if not name.strip():
            continue
        key = field_key(name)
        if key in keys:
            raise ValidationError(
                translate("Filters", "The column {column!r} is listed twice.").format(
                    column=FIELDS[key].label
                )
            )
        keys.append(key)
    if not keys:
        raise ValidationError(translate("Filters", "Choose at least one column."))
    return tuple(keys)


def _split_between(label: str, raw: str) -> list[str]:
    for separator in ("..", " and ", ","):
        if separator in raw.lower():
            index = raw.lower().index(separator)
            low, high = raw[:index].strip(), raw[index + len(separator) :].strip()
            if low and high:
                return [low, high]
    raise ValidationError(
        translate("Filters", "{field}: 'between' needs two values like '1..5'.").format(field=label)
    )


def _parse_value(spec: Column, text: str, today: date) -> Value:
    if spec.kind is Kind.NUMBER:
        try:
            number = read_decimal(text)
        except NumberError as exc:
            raise ValidationError(
                translate("Filters", "{field}: {reason}.").format(
                    field=spec.label, reason=exc.reason
                )
            ) from None
        if number.copy_abs() >= QUANTITY_LIMIT:
            raise ValidationError(
                translate(
                    "Filters", "{field}: {text!r} is out of range (less than {limit})."
                ).format(field=spec.label, text=text, limit=int(QUANTITY_LIMIT))
            )
        if number != number.quantize(Decimal(1).scaleb(-QUANTITY_PLACES)):
            raise ValidationError(
                translate(
                    "Filters", "{field}: {text!r} has more than {places} decimal places."
                ).format(field=spec.label, text=text, places=QUANTITY_PLACES)
            )
        return number
    if spec.kind is Kind.DATE:
        return parse_date(text, today=today, label=spec.label)
    if spec.kind is Kind.STATUS:
        status = text.lower()
        if status not in STATUSES:
            raise ValidationError(
                translate(
                    "Filters", "{field}: {text!r} is not a status; use {first} or {second}."
                ).format(field=spec.label, text=text, first=STATUSES[0], second=STATUSES[1])
            )
        return status
    return text


def parse_date(text: str, *, today: date, label: str = translate("Filters", "Date")) -> date:
    """ISO dates, or ``today``, ``today+30``, ``today-7``."""
    match = _RELATIVE_DAY.match(text.strip())
    if match:
        days = int(match.group(2) or 0)
        return today + timedelta(days=-days if match.group(1) == "-" else days)
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            translate(
                "Filters", "{field}: {text!r} is not a date; write it as YYYY-MM-DD or today+N."
            ).format(field=label, text=text)
        ) from None
