"""Making any text safe for a spreadsheet cell (pure Python: no openpyxl, no Qt).

Rules, the same for .xlsx and .csv:

* Control characters are escaped visibly, never dropped: C0 controls and DEL become their
  Unicode "control pictures" (0x07 → ``␇``, GS 0x1D → ``␝``, tab → ``␉``); a line feed is
  kept (a reason may have several lines). C1 controls, lone surrogates and the non-characters
  U+FFFE/U+FFFF, which an .xlsx file cannot hold, become ``⟨U+0085⟩``. A text that already
  contains a control picture is not changed (the picture is a printable character), so an
  auditor can tell both apart only by context; this is the documented trade-off for a
  readable cell.
* Text that a spreadsheet would evaluate (it begins with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return) stays text: in .xlsx the writer marks the cell as a string with a
  quote prefix (see ``cell_text``); in .csv a leading apostrophe is added.
* A cell holds at most 32,767 characters. Longer text is cut visibly: the cell ends with a
  marker saying how long the text was, and the caller writes the whole text elsewhere
  (the report's "Long text" sheet) and says so in the Summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LONG_TEXT_PART = 32_000  # characters per cell when a long text is written whole elsewhere

# C0 controls except line feed, DEL, C1 controls, lone surrogates, U+FFFE, U+FFFF
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"⟨U+{code:04X}⟩"


def escape_controls(text: str) -> str:
    """Control characters shown as visible symbols (nothing is dropped)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_picture, text)


# texts a spreadsheet would store as an error value rather than as text
ERROR_LITERALS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


def is_plain(text: str) -> bool:
    """Fast check: text that can be written as it is (no escaping, not formula-like, fits)."""
    return not (
        text.startswith(FORMULA_PREFIXES)
        or len(text) > MAX_CELL_CHARS
        or _UNSAFE.search(text) is not None
        or (text.startswith("#") and text in ERROR_LITERALS)
    )


@dataclass(frozen=True, slots=True)
class CellText:
    """Text ready for a cell: ``value`` is what to write."""

    value: str
    formula_like: bool = False  # write as a string with a quote prefix
    cut: bool = False  # the original was longer than a cell holds
    full_length: int = 0  # length of the escaped text (when cut)


def cut_marker(full_length: int, where: str = "") -> str:
    place = f"; the whole text is on {where}" if where else ""
    return f" … [CUT: {full_length:,} characters in total{place}]"


def cell_text(text: str, *, where: str = "") -> CellText:
    """Escape, check for formula-looking text and fit into one cell.

    ``where`` names the place the caller writes the whole text (shown in the cut marker).
    """
    safe = escape_controls(text)
    formula_like = safe.startswith(FORMULA_PREFIXES) or text.startswith(FORMULA_PREFIXES)
    if len(safe) <= MAX_CELL_CHARS:
        return CellText(safe, formula_like)
    marker = cut_marker(len(safe), where)
    return CellText(safe[: MAX_CELL_CHARS - len(marker)] + marker, formula_like, True, len(safe))


def split_long(text: str, part: int = LONG_TEXT_PART) -> list[str]:
    """A long (already escaped) text split into cell-sized parts, in order."""
    return [text[i : i + part] for i in range(0, len(text), part)] or [""]


def csv_cell(value: object) -> str:
    """A value as CSV text that a spreadsheet shows and never evaluates.

    Formula-looking text gets a leading apostrophe (which spreadsheets hide); control
    characters are escaped as in .xlsx. CSV has no length limit, so nothing is cut.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    text = str(value)
    safe = escape_controls(text)
    if safe.startswith(FORMULA_PREFIXES) or text.startswith(FORMULA_PREFIXES):
        return "'" + safe
    return safe
