"""Cells of an inventory import file → field values, or the reason a cell cannot be one.

Pure Python (no files, no database). Cells arrive as a reader gives them: text from a
.csv file; text, numbers, dates or None from an .xlsx sheet. A column is converted at a
time (``column_converter``): each distinct cell value once, at C speed where it can be.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from recon_desktop.core.locations import split_path
from recon_desktop.core.numbers import NumberMarks
from recon_desktop.core.quantities import parse_quantity
from recon_desktop.core.text import Text, translate
from recon_desktop.errors import ValidationError

MAX_EXCEL_DIGITS = 15
REQUIRED = ("barcode", "ingredient", "location")
OPTIONAL = ("ingredient_type", "quantity", "unit", "status", "lot", "expires_on")
FIELDS = REQUIRED + OPTIONAL
FIELD_LABELS = {
    "barcode": translate("Column", "Barcode"),
    "ingredient": translate("Column", "Ingredient"),
    "location": translate("Column", "Location"),
    "ingredient_type": translate("Column", "Ingredient type"),
    "quantity": translate("Column", "Quantity"),
    "unit": translate("Column", "Unit"),
    "status": translate("Column", "Status"),
    "lot": translate("Column", "Lot"),
    "expires_on": translate("Column", "Expiry"),
}
# a field's name inside a row's reason ("the unit is too long")
_FIELD_NAMES = {
    "barcode": translate("ImportCells", "barcode"),
    "ingredient": translate("ImportCells", "ingredient"),
    "location": translate("ImportCells", "location"),
    "ingredient_type": translate("ImportCells", "ingredient type"),
    "unit": translate("ImportCells", "unit"),
    "lot": translate("ImportCells", "lot"),
}
ALIASES = {
    "barcode": ("barcode", "code", "itembarcode"),
    "ingredient": ("ingredient", "ingredientname", "material"),
    "location": ("location", "locationpath", "path"),
    "ingredient_type": ("ingredienttype", "type"),
    "quantity": ("quantity", "qty", "amount"),
    "unit": ("unit", "units"),
    "status": ("status",),
    "lot": ("lot", "lotnumber", "batch"),
    "expires_on": ("expireson", "expiry", "expires", "expirydate", "expirationdate"),
}
MAX_LENGTHS = {
    "barcode": 200,
    "ingredient": 300,
    "ingredient_type": 200,
    "unit": 32,
    "lot": 200,
    "location": 1000,
}

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# a barcode may hold GS: the separator of a GS1 element string copied as a scanner sent it
_BARCODE_CONTROL = re.compile("[\x00-\x1c\x1e\x1f\x7f-\x9f]")


def header_key(header: str) -> str:
    """Header matching ignores case, spaces, underscores and hyphens."""
    return re.sub(r"[\s_\-.]+", "", str(header)).lower()


def text_of(value: Any) -> str:
    """A cell as text: stripped, a whole number without its ".0", nothing for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_number(value: Any) -> bool:
    """A cell that arrived as a number (an .xlsx sheet's numbers; True is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


class _RowError(Exception):
    def __init__(self, reason: Text) -> None:
        super().__init__(reason)
        self.reason = reason


def _plain_text(value: Any, what: str, max_length: int, control: re.Pattern[str] = _CONTROL) -> str:
    text = text_of(value)
    if control.search(text):
        raise _RowError(
            translate("ImportCells", "the {what} contains control characters").format(what=what)
        )
    if len(text) > max_length:
        raise _RowError(
            translate(
                "ImportCells", "the {what} is too long ({length} characters; at most {limit})"
            ).format(what=what, length=str(len(text)), limit=str(max_length))
        )
    return text


def _looks_alike(text: str) -> bool:
    """Invisible format characters or full-width forms: a scan of such a label is refused
    or read as its ASCII form (``core.barcodes``), so the item would never be found."""
    if text.isascii():
        return False
    return any(
        unicodedata.category(ch) == "Cf" or ch == "\u3000" or "\uff01" <= ch <= "\uff5e"
        for ch in text
    )


def _barcode(value: Any) -> str:
    if is_number(value):
        number = float(value)
        if not number.is_integer():
            raise _RowError(
                translate(
                    "ImportCells",
                    "the barcode arrived as the number {number}, not as text; format the column "
                    "as Text and type the barcodes again",
                ).format(number=repr(number))
            )
        digits = str(int(number))
        if len(digits) > MAX_EXCEL_DIGITS or abs(number) >= 10**MAX_EXCEL_DIGITS:
            raise _RowError(
                translate(
                    "ImportCells",
                    "the barcode arrived as a number with more than {limit} digits "
                    "({digits}); a spreadsheet keeps only {limit}, so digits were lost. "
                    "Format the column as Text and type the barcodes again",
                ).format(limit=MAX_EXCEL_DIGITS, digits=digits)
            )
        return digits
    text = _plain_text(value, _FIELD_NAMES["barcode"], MAX_LENGTHS["barcode"], _BARCODE_CONTROL)
    if not text:
        raise _RowError(translate("ImportCells", "the barcode is empty"))
    if _looks_alike(text):
        raise _RowError(
            translate(
                "ImportCells",
                "the barcode holds invisible characters or full-width forms, which a scanner "
                "never sends as they are; type it again in plain characters",
            )
        )
    return text


def _quantity(value: Any, marks: NumberMarks | None = None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _RowError(
            translate("ImportCells", "the quantity must be a number, not {value}").format(
                value=str(value)
            )
        )
    if is_number(value):
        value = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    try:
        return parse_quantity(value, marks=marks)
    except ValidationError as exc:
        raise _RowError(_quantity_reason(exc.args[0])) from None


# parse_quantity's sentences as a row's reason: in lower case, without the full stop
_QUANTITY_REASONS = {
    "The {what} {reason}.": translate("ImportCells", "the quantity {reason}"),
    "The {what} must be a number, not {text!r}.": translate(
        "ImportCells", "the quantity must be a number, not {text!r}"
    ),
    "The {what} must be a number, not {value}.": translate(
        "ImportCells", "the quantity must be a number, not {value}"
    ),
    "The {what} cannot be negative ({value}).": translate(
        "ImportCells", "the quantity cannot be negative ({value})"
    ),
    "A quantity must be less than {limit}.": translate(
        "ImportCells", "a quantity must be less than {limit}"
    ),
    "A quantity can have at most {places} decimal places ({value} has more).": translate(
        "ImportCells", "a quantity can have at most {places} decimal places ({value} has more)"
    ),
}


def _quantity_reason(sentence: object) -> Text:
    reason = _QUANTITY_REASONS.get(sentence.template) if isinstance(sentence, Text) else None
    if reason is None or not isinstance(sentence, Text):  # a sentence not known here
        text = str(sentence).rstrip(".")
        return Text(
            "ImportCells", (text[:1].lower() + text[1:]).replace("{", "{{").replace("}", "}}")
        )
    values = {k: v for k, v in sentence.values.items() if k != "what"}
    return reason.format(**values)


def _expiry(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_number(value):
        raise _RowError(
            translate(
                "ImportCells",
                "the expiry arrived as the number {number}, not a date; format the cell as "
                "a date or write YYYY-MM-DD",
            ).format(number=text_of(value))
        )
    text = text_of(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in "T " else text)
    except ValueError:
        raise _RowError(
            translate(
                "ImportCells", "the expiry {text!r} is not a date; write it as YYYY-MM-DD"
            ).format(text=text)
        ) from None


def _status(value: Any) -> str | None:
    text = text_of(value).lower()
    if not text:
        return None
    if text not in ("active", "archived"):
        raise _RowError(
            translate("ImportCells", "the status must be active or archived, not {text!r}").format(
                text=text_of(value)
            )
        )
    return text


def _location(value: Any) -> str:
    text = _plain_text(value, _FIELD_NAMES["location"], MAX_LENGTHS["location"])
    if not text:
        raise _RowError(
            translate(
                "ImportCells", "the location is empty (write a path like 'Building 1/Room 101')"
            )
        )
    parts = split_path(text)
    for part in parts:
        if len(part) > 200:
            raise _RowError(
                translate(
                    "ImportCells", "the location part {part!r}… is too long (at most 200)"
                ).format(part=part[:40])
            )
    return "/".join(parts)


def _text_field(name: str) -> Callable[[Any], str]:
    what = _FIELD_NAMES[name]
    limit = MAX_LENGTHS.get(name, 200)
    required = name == "ingredient"
    # an ingredient name is stored as AdminService.ensure_ingredient cleans it (runs of
    # whitespace made one space): compare and record that, not what the cell had
    collapse = name == "ingredient"

    def convert(raw: Any) -> str:
        text = raw.strip() if type(raw) is str else text_of(raw)
        if len(text) > limit or _CONTROL.search(text):
            _plain_text(text, what, limit)  # raises with the reason
        if collapse:
            text = " ".join(text.split())
        if required and not text:
            raise _RowError(translate("ImportCells", "the {what} is empty").format(what=what))
        return text

    return convert


ColumnResult = tuple[list[Any], list[tuple[int, Text]]]  # values, (position, reason)


def _each(convert: Callable[[Any], Any], column: Sequence[Any]) -> ColumnResult:
    """Convert cell by cell, noting each cell's reason (the slow way, when one fails)."""
    values: list[Any] = []
    errors: list[tuple[int, Text]] = []
    for k, raw in enumerate(column):
        try:
            values.append(convert(raw))
        except _RowError as exc:
            values.append(None)
            errors.append((k, exc.reason))
    return values, errors


def _by_distinct(convert: Callable[[Any], Any]) -> Callable[[Sequence[Any]], ColumnResult]:
    """A column converter that converts each distinct cell value once (paths, units,
    quantities and dates repeat): the per-cell work is two dictionary passes in C."""

    # cell → value over all blocks, one table per type of cell (1 == 1.0 == True must not
    # share an entry); a block of mixed types uses (type, cell) keys in the MIXED table
    known: dict[type, dict[Any, Any]] = {}
    failed: dict[type, dict[Any, Text]] = {}  # cell → reason, by the same tables

    def run(column: Sequence[Any]) -> ColumnResult:
        kinds = set(map(type, column))
        table: type = kinds.pop() if len(kinds) == 1 else _Mixed
        keys: Sequence[Any] = (
            column if table is not _Mixed else list(zip(map(type, column), column, strict=True))
        )
        try:
            distinct = dict.fromkeys(keys)
        except TypeError:  # an unhashable cell: convert cell by cell
            return _each(convert, column)
        values_of = known.setdefault(table, {})
        reasons = failed.setdefault(table, {})
        for key in distinct:
            if key in values_of:
                continue
            try:
                values_of[key] = convert(key if table is not _Mixed else key[1])
            except _RowError as exc:
                values_of[key] = None
                reasons[key] = exc.reason
        values = list(map(values_of.__getitem__, keys))
        if not reasons or reasons.keys().isdisjoint(distinct):
            return values, []
        return values, [(k, reasons[key]) for k, key in enumerate(keys) if key in reasons]

    return run


class _Mixed:
    """The table of (type, cell) keys of blocks whose cells are of several types."""


def _barcode_column(column: Sequence[Any]) -> ColumnResult:
    """Barcodes are all different, so no cache: when every cell is text, stripped, not
    empty, short enough and free of control characters (checked over the whole column at
    C speed), the column is the answer; otherwise cell by cell for the reasons."""
    if set(map(type, column)) == {str}:
        texts = list(map(str.strip, column))
        joined = "".join(texts)
        if (
            "" not in texts
            and max(map(len, texts)) <= MAX_LENGTHS["barcode"]
            and not _BARCODE_CONTROL.search(joined)
            and not _looks_alike(joined)
        ):
            return texts, []
    return _each(_barcode, column)


def column_converter(
    name: str, marks: NumberMarks | None = None
) -> Callable[[Sequence[Any]], ColumnResult]:
    """The column → values function of a field (see ColumnResult); numbers written as
    text are read by ``marks`` when the file's locale is known."""
    if name == "barcode":
        return _barcode_column
    convert: Callable[[Any], Any]
    if name == "location":
        convert = _location
    elif name == "quantity":
        convert = functools.partial(_quantity, marks=marks)
    elif name == "expires_on":
        convert = _expiry
    elif name == "status":
        convert = _status
    elif name in ("ingredient_type", "lot"):  # optional: an empty cell is no value
        text = _text_field(name)

        def convert(raw: Any) -> str | None:
            return text(raw) or None
    else:
        convert = _text_field(name)
    return _by_distinct(convert)
