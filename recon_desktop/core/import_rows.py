"""Rows of an inventory import file → checked rows and the problems found, by row.

Pure Python (no files, no database): a reader gives the rows as (row number, cells); the
service looks up what the database holds and writes. ``parse_rows`` converts a block of
rows at a time, column by column (``core.import_cells``); ``changes`` compares a checked
row with the item as stored.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice, repeat
from typing import Any, NamedTuple

from recon_desktop.core.import_cells import (
    ALIASES,
    FIELDS,
    REQUIRED,
    column_converter,
    header_key,
    is_number,
    text_of,
)
from recon_desktop.core.numbers import NumberMarks
from recon_desktop.core.text import Text, translate
from recon_desktop.errors import ValidationError

MAX_ROWS = 500_000  # data rows per file (Excel allows 1,048,576; more is refused, said so)
BLOCK_ROWS = 10_000  # rows converted at a time (then progress, and a chance to cancel)
ROW_FIELDS = (
    "barcode",
    "ingredient",
    "ingredient_type",
    "location",
    "quantity",
    "unit",
    "status",
    "lot",
    "expires_on",
)  # Row's fields between row and given
ITEM_COLUMNS = ("ingredient", "location", "quantity", "unit", "status", "lot", "expires_on")


@dataclass(frozen=True)
class ImportProblem:
    row: int  # 1-based row number as shown in the file (the header is row 1)
    column: str
    reason: str  # a Text where this program found the problem

    @property
    def sentence(self) -> Text:
        return translate("ImportProblem", "Row {row}, {column}: {reason}").format(
            row=str(self.row), column=self.column, reason=self.reason
        )

    def __str__(self) -> str:
        return str(self.sentence)


class Row(NamedTuple):
    """One checked row of the file (a tuple: made from the columns' values in C)."""

    row: int
    barcode: str
    ingredient: str
    ingredient_type: str | None
    location: str
    quantity: Decimal | None
    unit: str | None
    status: str | None
    lot: str | None
    expires_on: date | None
    given: frozenset[str]  # fields that have a column in the file


class StoredItem(NamedTuple):
    """An item as the database holds it, as far as an import compares and updates it."""

    id: int
    lab_id: int
    lab: str
    ingredient: str
    ingredient_type: str | None
    location: str
    quantity: Decimal
    unit: str  # "" for none
    status: str
    lot: str | None
    expires_on: date | None
    version: int


NEW_ROW = tuple.__new__  # Row from a tuple of its values, in C
_BARCODE = operator.attrgetter("barcode")


def auto_mapping(headers: Sequence[str]) -> dict[str, str]:
    """field → header for every header whose name matches a field (or an alias)."""
    mapping: dict[str, str] = {}
    keys = [(header_key(h), h) for h in headers if str(h).strip()]
    for name in FIELDS:
        for alias in ALIASES[name]:
            match = next((h for k, h in keys if k == alias), None)
            if match is not None and match not in mapping.values():
                mapping[name] = match
                break
    return mapping


def check_mapping(mapping: dict[str, str], headers: list[str], name: str) -> None:
    """Every chosen field is known, its column is in the file, and the required are chosen."""
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise ValidationError(
            translate(
                "ImportRows", "There is no import field called {field!r}; use one of: {known}."
            ).format(field=unknown[0], known=", ".join(FIELDS))
        )
    for f, h in mapping.items():
        if h and h not in headers:
            raise ValidationError(
                translate(
                    "ImportRows", "{file} has no column called {column!r} (chosen for {field})."
                ).format(file=name, column=h, field=f)
            )
    missing = [f for f in REQUIRED if not mapping.get(f)]
    if missing:
        found = ", ".join(repr(h) for h in headers if h)
        raise ValidationError(
            translate(
                "ImportRows",
                "{file} has no {missing} column (its columns: {found}); "
                "name the columns Barcode, Ingredient and Location, or choose them.",
            ).format(
                file=name,
                missing=_either(missing),
                found=found or translate("ImportRows", "none"),
            )
        )


def _either(fields: list[str]) -> Text:
    """The missing required columns, as the sentence names them ("barcode or location")."""
    names = [_REQUIRED_NAMES[f] for f in fields]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return translate("ImportRows", "{first} or {second}").format(
            first=names[0], second=names[1]
        )
    return translate("ImportRows", "{first} or {second} or {third}").format(
        first=names[0], second=names[1], third=names[2]
    )


_REQUIRED_NAMES = {
    "barcode": translate("ImportRows", "barcode"),
    "ingredient": translate("ImportRows", "ingredient"),
    "location": translate("ImportRows", "location"),
}


def too_many_rows(name: str) -> ValidationError:
    return ValidationError(
        translate(
            "ImportRows",
            "{file} has more than {limit} rows; at most {limit} can be imported at "
            "once. Split the file.",
        ).format(file=name, limit=MAX_ROWS)
    )


def parse_rows(
    rows: Iterable[tuple[int, list[Any]]],
    index: dict[str, int],
    mapping: dict[str, str],
    problems: list[ImportProblem],
    *,
    file_name: str,
    numeric_cells: bool,
    formula_cells: dict[tuple[int, int], str],
    before_block: Callable[[], None] | None = None,
    after_block: Callable[[int], None] | None = None,
    marks: NumberMarks | None = None,
) -> tuple[list[Row], set[int], int]:
    """Convert and check every row, a block of rows at a time and column by column (each
    column converter works at C speed in the common case). Problems are listed in row
    order, and in column order within a row (appended to ``problems``).

    ``index`` gives each mapped field's column, ``mapping`` its header; ``numeric_cells``
    says cells may be numbers (.xlsx); ``formula_cells`` maps (row, column index) to the
    reference of each formula cell. ``before_block`` runs before a block is converted (it
    raises to stop), ``after_block`` after, with the count of rows so far; numbers written
    as text are read by ``marks`` (a locale's decimal mark and thousands separator) if given.

    Returns the rows without problems, the row numbers whose barcode arrived as a number,
    and the number of rows that are not blank.
    """
    parsed: list[Row] = []
    numeric: set[int] = set()
    barcode_index = index["barcode"]
    given = frozenset(index)
    formula_by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), ref in formula_cells.items():
        formula_by_row.setdefault(r, []).append((c, ref))
        if r <= 1:
            problems.append(
                ImportProblem(
                    max(r, 1),
                    ref,
                    translate(
                        "ImportProblem",
                        "formula cells are refused; replace the formula by its value",
                    ),
                )
            )
    labels = {f: mapping[f] for f in index}
    columns = [(name, i, column_converter(name, marks), labels[name]) for name, i in index.items()]
    width = max(index.values()) + 1
    seen: dict[str, int] = {}
    count = 0
    pending = iter(rows)
    while block := list(islice(pending, BLOCK_ROWS)):
        numbers: list[int] = []
        cells_of: list[list[Any]] = []
        with_formulas: list[tuple[int, list[Any]]] = []
        all_numbers, all_cells = zip(*block, strict=True)
        cells_by_column: list[Sequence[Any]] = []
        if not formula_by_row and min(map(len, all_cells)) >= width:
            # the block turned into columns in one pass (C), not one pass per column
            cells_by_column = list(zip(*all_cells, strict=False))  # rows may be longer
            firsts = cells_by_column[barcode_index]
            if set(map(type, firsts)) == {str} and all(map(str.strip, firsts)):
                block = []  # every row has a barcode: none is blank, none has formulas
                numbers = list(all_numbers)
            else:
                cells_by_column = []
        for number, cells in block:
            if number in formula_by_row:
                with_formulas.append((number, cells))
                continue
            first = cells[barcode_index] if barcode_index < len(cells) else None
            if not (type(first) is str and first.strip()) and (
                not any(cells) or not any(text_of(c) for c in cells)
            ):
                continue  # a blank row
            numbers.append(number)
            cells_of.append(
                cells if len(cells) >= width else [*cells, *[None] * (width - len(cells))]
            )
        if block:
            cells_by_column = list(zip(*cells_of, strict=False)) if cells_of else [()] * width
        count += len(numbers) + len(with_formulas)
        if count > MAX_ROWS:
            raise too_many_rows(file_name)
        if before_block is not None:
            before_block()
        found: list[ImportProblem] = []
        values: dict[str, list[Any]] = {}
        bad: set[int] = set()  # positions in the block
        raw_barcodes = cells_by_column[barcode_index]
        for name, i, convert, label in columns:
            values[name], errors = convert(cells_by_column[i])
            for k, reason in errors:
                found.append(ImportProblem(numbers[k], label, reason))
                bad.add(k)
        if numeric_cells and set(map(type, raw_barcodes)) != {str}:
            numeric.update(
                numbers[k] for k, raw in enumerate(raw_barcodes) if is_number(raw) and k not in bad
            )
        good = [k for k in range(len(numbers)) if k not in bad]
        picked: list[Iterable[Any]] = [
            repeat(None)
            if name not in values
            else values[name]
            if not bad
            else [values[name][k] for k in good]
            for name in ROW_FIELDS
        ]
        candidates = list(
            map(
                NEW_ROW,
                repeat(Row),
                zip(numbers if not bad else [numbers[k] for k in good], *picked, repeat(given)),
            )
        )
        for number, cells in with_formulas:
            row = _parse_one(number, cells, formula_by_row[number], columns, labels, found, index)
            if row is not None:
                candidates.append(row)
                if numeric_cells and is_number(cells[barcode_index]):
                    numeric.add(number)
        if with_formulas:
            candidates.sort(key=operator.attrgetter("row"))
        barcodes = list(map(_BARCODE, candidates))
        if len(set(barcodes)) == len(barcodes) and seen.keys().isdisjoint(barcodes):
            seen.update(zip(barcodes, map(operator.attrgetter("row"), candidates), strict=True))
            parsed.extend(candidates)  # no barcode twice: all of them are parsed
            candidates = []
        for row in candidates:
            first_row = seen.setdefault(row.barcode, row.row)
            if first_row != row.row:
                found.append(
                    ImportProblem(
                        row.row,
                        labels["barcode"],
                        translate(
                            "ImportProblem", "the barcode {barcode} is also on row {row}"
                        ).format(barcode=row.barcode, row=str(first_row)),
                    )
                )
                continue
            parsed.append(row)
        found.sort(key=operator.attrgetter("row"))  # stable: column order within a row
        problems.extend(found)
        if after_block is not None:
            after_block(count)
    return parsed, numeric, count


def _parse_one(
    number: int,
    cells: list[Any],
    formulas: list[tuple[int, str]],
    columns: list[tuple[str, int, Any, str]],
    labels: dict[str, str],
    found: list[ImportProblem],
    index: dict[str, int],
) -> Row | None:
    """A row with formula cells: each formula is a problem; a formula in a mapped
    column makes the row bad; its other cells are still checked."""
    column_of = {i: f for f, i in index.items()}
    bad = False
    formula_columns: set[int] = set()
    for c, ref in formulas:
        formula_columns.add(c)
        field_name = column_of.get(c)
        found.append(
            ImportProblem(
                number,
                labels[field_name] if field_name else ref,
                translate(
                    "ImportProblem",
                    "cell {cell} holds a formula; formulas are refused, never evaluated: replace "
                    "it by its value",
                ).format(cell=ref),
            )
        )
        bad = bad or field_name is not None
    values: dict[str, Any] = {}
    for name, i, convert, label in columns:
        if i in formula_columns:
            continue
        converted, errors = convert([cells[i] if i < len(cells) else None])
        if errors:
            found.append(ImportProblem(number, label, errors[0][1]))
            bad = True
        values[name] = converted[0]
    if bad:
        return None
    get = values.get
    return Row(
        row=number,
        barcode=values["barcode"],
        ingredient=values["ingredient"],
        ingredient_type=get("ingredient_type") or None,
        location=values["location"],
        quantity=get("quantity"),
        unit=get("unit"),
        status=get("status"),
        lot=get("lot") or None,
        expires_on=get("expires_on"),
        given=frozenset(index),
    )


def changes(row: Row, item: StoredItem) -> dict[str, tuple[Any, Any]]:
    """Changed fields (old, new) of an existing item; only columns present in the file."""
    wanted = {
        "ingredient": row.ingredient,
        "location": row.location,
        "quantity": row.quantity,
        "unit": row.unit,
        "status": row.status,
        "lot": row.lot,
        "expires_on": row.expires_on,
    }
    out = {}
    for name in ITEM_COLUMNS:
        if name not in row.given:
            continue
        new = wanted[name]
        if name in ("quantity", "status") and new is None:
            continue  # an empty cell keeps the current value for these
        if name == "unit":
            new = new or ""
        old = getattr(item, name)
        if new != old:
            out[name] = (old, new)
    return out


def history_field(name: str) -> str:
    """The name a history event gives a field."""
    return {"expires_on": "expiry"}.get(name, name)


def shown(value: Any) -> str | None:
    """A field's value as a history event records it."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
