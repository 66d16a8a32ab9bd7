"""The comparison key (``core.folding``) in SQL, the same on both backends.

SQLite gets it as a function registered on each connection (``recon_fold``), which runs
``core.folding.fold`` itself. PostgreSQL has no case folding of its own for every script
whatever the server's locale, so the key is written out there: the NFC form, lowered by
ICU's root locale where the server has ICU (any script; the database's own collation
otherwise), then the two folds ``lower`` does not make (final sigma, sharp s).
"""

from __future__ import annotations

import weakref
from typing import Any

import peewee as pw

from recon_desktop.core.folding import fold_or_none

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
