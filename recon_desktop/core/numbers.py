"""Numbers as people type them: a point or a comma as the decimal mark, never guessed.

``2.5`` and ``2,5`` are two and a half. ``1,000`` could be a thousand (a thousands
separator) or one (a decimal comma), so it is refused with the reason rather than read
as either; so is a number with several marks (``1,234.5``, ``1.234,5``). ``0,125`` is not
ambiguous (no thousands group starts with 0), nor is ``1234,5``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_THOUSANDS_OR_DECIMAL = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")


class NumberError(ValueError):
    """Not a number; ``ambiguous`` when it is one, but which one is not clear."""

    def __init__(self, reason: str, *, ambiguous: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ambiguous = ambiguous


def read_decimal(text: str) -> Decimal:
    """The number in ``text`` (surrounding spaces ignored); NumberError with a reason
    (a phrase that follows the text, e.g. "'x' is not a number")."""
    raw = text.strip()
    marks = raw.count(",") + raw.count(".")
    if marks > 1:
        raise NumberError(
            f"{raw!r} has more than one separator: write it without thousands separators, "
            "e.g. 1234.5",
            ambiguous=True,
        )
    if _THOUSANDS_OR_DECIMAL.fullmatch(raw):
        whole, part = raw.split(",")
        raise NumberError(
            f"{raw!r} could be {whole}{part} or {whole}.{part}: write {whole}{part} for "
            f"the first, {whole}.{part} for the second",
            ambiguous=True,
        )
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise NumberError(f"{raw!r} is not a number") from None
    if not value.is_finite():
        raise NumberError(f"{raw!r} is not a number")
    return value
