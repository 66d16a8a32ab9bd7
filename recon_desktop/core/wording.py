"""How counts read in a sentence: "1 row", "2,000 rows" — never "row(s)"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` with its noun, singular for one (``plural``: when not noun + "s")."""
    word = noun if count == 1 else (plural or f"{noun}s")
    return f"{count:,} {word}"
