"""Text compared as people read it: the same letters in any case and any Unicode form.

"Éthanol" and "éthanol", "ΑΙΘΑΝΌΛΗ" and "αιθανόλη", an "é" typed as one character or as
"e" and a combining accent, "Ana" and "ana" are each one name. The key is the NFC form of
the case-folded NFC form (folding can leave a combining mark beside a base letter).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The comparison key of ``text`` (search, filters, names)."""
    if text.isascii():
        return text.lower()  # the same key, without the two normalisations
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def fold_or_none(value: object) -> str | None:
    """``fold`` for a database function: NULL stays NULL, a number is read as its text."""
    if value is None:
        return None
    return fold(value if isinstance(value, str) else str(value))
