"""The comparison key (``core.folding``) in SQL, the same on both backends.

SQLite gets it as a function registered on each connection (``recon_fold``), which runs
``core.folding.fold`` itself. PostgreSQL has no case folding of its own for every script
whatever the server's locale, so the key is written out there: the NFC form, lowered by
ICU's root locale where the server has ICU (any script; the database's own collation
otherwise), then the two folds ``lower`` does not make (final sigma, sharp s).

On SQLite the filters and the search (``like``, ``equal``, ``one_of``) call the function
only for values with a character beyond ASCII: a value of ASCII alone has its lower case as
its key, and the key of what is looked for is made once in Python, so for such a value
SQLite's own comparisons, which ignore the case of A-Z only (``LIKE``, ``COLLATE NOCASE``),
give the same answer as the key. A value with any other character (whose key may hold
ASCII: "ß" is "ss", the Kelvin sign "k") goes through the function.
"""

from __future__ import annotations

import weakref
from typing import Any

import peewee as pw

from recon_desktop.core.folding import fold, fold_or_none

SQLITE_FUNCTION = "recon_fold"
ICU_ROOT = "und-x-icu"
_icu: weakref.WeakKeyDictionary[pw.Database, bool] = weakref.WeakKeyDictionary()


def register_sqlite(db: pw.SqliteDatabase) -> None:
    """Add ``recon_fold`` to every connection the database opens."""
    db.register_function(fold_or_none, SQLITE_FUNCTION, 1, deterministic=True)


def _has_icu(db: pw.Database) -> bool:
    known = _icu.get(db)
    if known is None:
        row = db.execute_sql(
            "SELECT 1 FROM pg_collation WHERE collname = %s", (ICU_ROOT,)
        ).fetchone()
        known = _icu[db] = row is not None
    return known


def folded(db: pw.Database, expr: Any) -> Any:
    """``expr``'s comparison key in SQL (a column, or a value to compare with one)."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return pw.fn.recon_fold(expr)
    text = pw.fn.normalize(pw.Cast(expr, "text"), pw.SQL("NFC"))
    if _has_icu(db):
        text = pw.NodeList((text, pw.SQL(f'COLLATE "{ICU_ROOT}"')))
    lowered = pw.fn.lower(text)
    return pw.fn.replace(pw.fn.translate(lowered, "ς", "σ"), "ß", "ss")


def like_escape(text: str) -> str:
    """``text`` as a LIKE pattern's literal part (escape character ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(expr: Any, pattern: Any) -> pw.NodeList:
    # LIKE written out: peewee's LIKE is GLOB on SQLite
    return pw.NodeList((expr, pw.SQL("LIKE"), pattern, pw.SQL("ESCAPE '\\'")))


def _by_ascii(expr: Any, ascii_test: Any, folded_test: Any) -> pw.Case:
    """``ascii_test`` where ``expr`` is ASCII alone (as many characters as UTF-8 bytes),
    ``folded_test`` otherwise (and for NULL, which the function keeps NULL)."""
    is_ascii = pw.fn.LENGTH(expr) == pw.fn.LENGTH(pw.Cast(expr, "BLOB"))
    return pw.Case(None, ((is_ascii, ascii_test),), folded_test)


def contains(db: pw.Database, expr: Any, text: str) -> Any:
    """``expr``'s key holds ``text``'s key (``%``, ``_`` and ``\\`` are plain characters)."""
    if isinstance(db, pw.PostgresqlDatabase):
        # folding leaves the escapes as they are, so the pattern is folded after escaping
        return _like(folded(db, expr), folded(db, pw.Value(f"%{like_escape(text)}%")))
    pattern = f"%{like_escape(fold(text))}%"
    return _by_ascii(expr, _like(expr, pattern), _like(pw.fn.recon_fold(expr), pattern))


def equal(db: pw.Database, expr: Any, text: str) -> Any:
    """``expr``'s key is ``text``'s key."""
    if isinstance(db, pw.PostgresqlDatabase):
        return folded(db, expr) == folded(db, pw.Value(text))
    key = fold(text)
    nocase = pw.NodeList((expr, pw.SQL("="), pw.Value(key), pw.SQL("COLLATE NOCASE")))
    return _by_ascii(expr, nocase, pw.fn.recon_fold(expr) == key)


def one_of(db: pw.Database, expr: Any, texts: list[str]) -> Any:
    """``expr``'s key is the key of one of ``texts``."""
    if isinstance(db, pw.PostgresqlDatabase):
        return folded(db, expr).in_([folded(db, pw.Value(t)) for t in texts])
    keys = [fold(t) for t in texts]
    nocase = pw.NodeList(
        (expr, pw.SQL("COLLATE NOCASE IN"), pw.EnclosedNodeList([pw.Value(k) for k in keys]))
    )
    return _by_ascii(expr, nocase, pw.fn.recon_fold(expr).in_(keys))
