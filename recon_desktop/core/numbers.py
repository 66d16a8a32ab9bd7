"""Numbers as people type them: read by the locale's marks when it is known, never guessed.

With a locale's marks (``NumberMarks``: German "," and ".", English "." and ","), a number
is read as that locale writes it: German ``1.000`` is a thousand and ``2,5`` two and a
half; English ``1,000`` is a thousand. A number written the other way that can mean only
one thing (``2.5`` under German) is read as that. Without marks (the command line, a
listing config), ``2.5`` and ``2,5`` are two and a half, and ``1,000`` or ``1.000`` —
a thousand (a thousands separator) or one (a decimal mark) — is refused with the reason
rather than read as either; so is a number with several marks (``1,234.5``).
``0,125`` is never ambiguous (no thousands group starts with 0), nor is ``1234,5``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from recon_desktop.core.text import Text, translate

_THOUSANDS_OR_DECIMAL = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}")
SPACES = frozenset(" \u00a0\u202f")  # the group separators of French, Swedish, …


@dataclass(frozen=True, slots=True)
class NumberMarks:
    """How a locale writes a number: its decimal mark and its thousands separator."""

    decimal: str = "."
    group: str = ","


class NumberError(ValueError):
    """Not a number; ``ambiguous`` when it is one, but which one is not clear."""

    def __init__(self, reason: Text, *, ambiguous: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ambiguous = ambiguous


def _not_a_number(raw: str) -> Text:
    return translate("Numbers", "{text!r} is not a number").format(text=raw)


def _plain(raw: str, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NumberError(_not_a_number(raw)) from None
    if not value.is_finite():
        raise NumberError(_not_a_number(raw))
    return value


def read_decimal(text: str, marks: NumberMarks | None = None) -> Decimal:
    """The number in ``text`` (surrounding spaces ignored), read with a locale's ``marks``
    when given; NumberError with a reason (a phrase that follows the text, e.g. "'x' is
    not a number")."""
    raw = text.strip()
    if marks is not None:
        return _read_marked(raw, marks)
    if raw.count(",") + raw.count(".") > 1:
        raise NumberError(
            translate(
                "Numbers",
                "{text!r} has more than one separator: write it without thousands separators, "
                "e.g. 1234.5",
            ).format(text=raw),
            ambiguous=True,
        )
    if _THOUSANDS_OR_DECIMAL.fullmatch(raw):
        mark = "," if "," in raw else "."
        whole, part = raw.split(mark)
        small = f"{Decimal(f'{whole}.{part}').normalize():f}"
        raise NumberError(
            translate(
                "Numbers",
                "{text!r} could be {large} (a thousands separator) or {small} (a decimal "
                "mark): write {large} for the first, {small} for the second",
            ).format(text=raw, large=f"{whole}{part}", small=small),
            ambiguous=True,
        )
    return _plain(raw, raw.replace(",", "."))


def _read_marked(raw: str, marks: NumberMarks) -> Decimal:
    group = marks.group
    groups = SPACES if group in SPACES else frozenset(group)
    unified = "".join(" " if c in groups else c for c in raw) if group in SPACES else raw
    mark = " " if group in SPACES else group
    if unified.count(marks.decimal) > 1:
        raise NumberError(
            translate("Numbers", "{text!r} has more than one decimal mark ({mark})").format(
                text=raw, mark=marks.decimal
            ),
            ambiguous=True,
        )
    other = "," if marks.decimal == "." else "."
    if other != mark and other in unified:
        if marks.decimal not in unified and unified.count(other) == 1 and mark not in unified:
            # the other convention's decimal mark ("12.5" under French): one reading only
            return _plain(raw, unified.replace(other, "."))
        raise NumberError(
            translate("Numbers", "{text!r} mixes {other} with {mark}").format(
                text=raw, other=other, mark=marks.decimal
            ),
            ambiguous=True,
        )
    whole, _, part = unified.partition(marks.decimal)
    if mark in part:
        raise NumberError(
            translate(
                "Numbers",
                "{text!r} has a thousands separator ({group}) after its decimal mark ({mark})",
            ).format(text=raw, group=group, mark=marks.decimal),
            ambiguous=True,
        )
    if mark in whole:
        if re.fullmatch(rf"[+-]?[1-9]\d{{0,2}}({re.escape(mark)}\d{{3}})+", whole):
            whole = whole.replace(mark, "")
        elif marks.decimal not in unified and whole.count(mark) == 1 and mark in ".,":
            # the other convention's decimal mark ("2.5" under German): one reading only
            return _plain(raw, whole.replace(mark, "."))
        else:
            raise NumberError(
                translate(
                    "Numbers",
                    "{text!r} has a thousands separator ({group}) where no group of three "
                    "digits follows it: write it without, e.g. {example}",
                ).format(text=raw, group=group, example=f"1234{marks.decimal}5"),
                ambiguous=True,
            )
    return _plain(raw, f"{whole}.{part}" if marks.decimal in unified else whole)
