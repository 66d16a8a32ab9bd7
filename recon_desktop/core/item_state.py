"""An inventory item's values as its history records them, so that they can be recomputed.

The event that makes an item (created) or seals one (sealed: items that existed before
schema 3) holds its values as canonical JSON; every later change of a value is one event
with the field's name and its new value. Replaying an item's history from its last such
state gives its current values, which ``audit verify`` compares with the item.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring
from typing import Any

from recon_desktop.core.quantities import int_to_quantity

FIELDS = ("barcode", "ingredient", "lab", "location", "quantity", "unit", "status", "lot", "expiry")
# the history's field names of a change, and which item value each one sets
CHANGED_BY_FIELD = {
    "ingredient": "ingredient",
    "location": "location",
    "quantity": "quantity",
    "unit": "unit",
    "status": "status",
    "lot": "lot",
    "expiry": "expiry",
    "expires_on": "expiry",
}


def quantity_text(value: Decimal | int | None) -> str:
    """A quantity as the state holds it: the stored integer of micro-units, or a decimal,
    written in its shortest exact form (8, 1.5)."""
    if value is None:
        return "0"
    try:
        if isinstance(value, int):
            value = int_to_quantity(value)
        return format(Decimal(value).normalize(), "f")
    except (ArithmeticError, ValueError, TypeError):  # not a quantity at all (edited)
        return str(value)


def expiry_text(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def state_text(values: Sequence[Any]) -> str:
    """Canonical JSON of an item's values: an array in ``FIELDS`` order (quantity and expiry
    as ``quantity_text``/``expiry_text`` make them), short, as an import writes one per
    item."""
    if len(values) != len(FIELDS):
        raise ValueError(f"{len(values)} values for {len(FIELDS)} fields")
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"), default=str)


def parse(text: str) -> dict[str, Any]:
    """The values of a state text, by field."""
    data = json.loads(text)
    if not isinstance(data, list) or len(data) != len(FIELDS):
        raise ValueError("not an item state")
    return dict(zip(FIELDS, data, strict=True))


def same(field: str, recorded: Any, current: Any) -> bool:
    """Whether a recorded value and the current one are the same (quantities as numbers,
    dates by their day, an empty unit as no unit)."""
    if field == "quantity":
        try:
            return Decimal(str(recorded)) == Decimal(str(current))
        except (InvalidOperation, ValueError):
            return False
    if field == "expiry":
        return expiry_text(recorded) == expiry_text(current)
    if field == "unit":
        return (recorded or "") == (current or "")
    return recorded == current


def replay(state: Mapping[str, Any], changes: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """The values after ``changes`` (field name, new value) applied to ``state``."""
    values = dict(state)
    for field, new in changes:
        name = CHANGED_BY_FIELD.get(field)
        if name is not None:
            values[name] = new
    return values


def differences(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """The fields whose values differ, in ``FIELDS`` order."""
    return [f for f in FIELDS if not same(f, recorded.get(f), current.get(f))]


class StateTexts:
    """``state_text`` for many items of one lab (an import's new items), written from a
    template with each distinct value encoded once: the same text, several times faster
    (a test holds the two to each other)."""

    def __init__(self, lab: str) -> None:
        self._lab = encode_basestring(lab)
        self._texts: dict[Any, str] = {None: "null"}
        self._quantities: dict[Any, str] = {}
        self._expiries: dict[Any, str] = {}

    def _text(self, value: str | None) -> str:
        encoded = self._texts.get(value)
        if encoded is None:  # None is "null" from the start
            encoded = self._texts[value] = encode_basestring(str(value))
        return encoded

    def __call__(
        self,
        barcode: str,
        ingredient: str,
        location: str,
        quantity: Decimal | int | None,
        unit: str | None,
        status: str | None,
        lot: str | None,
        expiry: date | str | None,
    ) -> str:
        amount = self._quantities.get(quantity)
        if amount is None:
            amount = self._quantities[quantity] = encode_basestring(quantity_text(quantity))
        day = self._expiries.get(expiry)
        if day is None:
            shown = expiry_text(expiry)
            day = self._expiries[expiry] = "null" if shown is None else encode_basestring(shown)
        text = self._text
        return (
            f"[{encode_basestring(barcode)},{text(ingredient)},{self._lab},{text(location)},"
            f"{amount},{text(unit or '')},{text(status or 'active')},{text(lot)},{day}]"
        )
