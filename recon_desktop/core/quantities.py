"""Quantities: exact decimals, stored as whole numbers of micro-units (the same on SQLite
and PostgreSQL); parsed from what a person types or a file holds."""

from __future__ import annotations

from decimal import Decimal

from recon_desktop.core.numbers import NumberError, NumberMarks, read_decimal
from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError

QUANTITY_SCALE = 10**6  # quantities are stored as exact integers of micro-units
QUANTITY_PLACES = 6
QUANTITY = translate("Quantities", "quantity")
# below 2**63 micro-units, the widest integer both backends store
QUANTITY_LIMIT = Decimal(10**12)
_MICRO_UNIT = Decimal(1).scaleb(-QUANTITY_PLACES)


def quantity_to_int(value: Decimal) -> int:
    """Exact decimal → stored integer; refuses more than six decimal places and quantities
    too large to store."""
    # copy_abs and quantize (once bounded) are exact: abs() and * round to the context's
    # 28 digits, which overflowed on 1e999999999 and turned 1.000…0001 into 1
    if not value.is_finite() or value.copy_abs() >= QUANTITY_LIMIT:
        raise ValidationError(
            translate("Quantities", "A quantity must be less than {limit}.").format(
                limit=int(QUANTITY_LIMIT)
            )
        )
    exact = value.quantize(_MICRO_UNIT)
    if exact != value:
        raise ValidationError(
            translate(
                "Quantities",
                "A quantity can have at most {places} decimal places ({value} has more).",
            ).format(places=QUANTITY_PLACES, value=value)
        )
    return int(exact.scaleb(QUANTITY_PLACES))


def int_to_quantity(value: int) -> Decimal:
    q = Decimal(value) / QUANTITY_SCALE
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q.normalize()


def normalise_quantity(value: Decimal) -> Decimal:
    """The canonical form of a quantity (8.0 → 8, 1.50 → 1.5)."""
    return int_to_quantity(quantity_to_int(value))


def parse_quantity(
    text: object, *, what: str = QUANTITY, marks: NumberMarks | None = None
) -> Decimal:
    """Parse a quantity typed or read from a file, by a locale's ``marks`` when known;
    one sentence when it is not a number, or could be two. ``what``: the quantity's name,
    a Text (or a str already in the interface's language)."""
    if isinstance(text, Decimal):
        value = text
    else:
        raw = str(text).strip() if text is not None else ""
        try:
            value = read_decimal(raw, marks)  # without marks "1,000" and "1.000" refused
        except NumberError as exc:
            if exc.ambiguous:
                raise ValidationError(
                    translate("Quantities", "The {what} {reason}.").format(
                        what=what, reason=exc.reason
                    )
                ) from None
            raise ValidationError(
                translate("Quantities", "The {what} must be a number, not {text!r}.").format(
                    what=what, text=raw
                )
            ) from None
    if not value.is_finite():
        raise ValidationError(
            translate("Quantities", "The {what} must be a number, not {value}.").format(
                what=what, value=value
            )
        )
    if value < 0:
        raise ValidationError(
            translate("Quantities", "The {what} cannot be negative ({value}).").format(
                what=what, value=value
            )
        )
    return normalise_quantity(value)  # also checks the precision
