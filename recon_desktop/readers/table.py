"""What a reader gives: the header row, then the rows numbered as in the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number in the file, cells)
    delimiter: str | None
    encoding: str | None
    numeric_cells: bool  # cells may be numbers/dates (xlsx) rather than text (csv)
    formula_cells: dict[tuple[int, int], str]  # (row, column index) → cell reference
