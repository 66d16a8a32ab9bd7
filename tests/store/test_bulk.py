"""The import's bulk writes (store.bulk) and the column-wise chain hashes (store.audit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from recon_desktop.store import audit, bulk


def test_bulk_inserts_store_every_value_as_given(tmp_path: Path) -> None:
    """Columns that hold one value in every row are bound once (SQLite): what is stored is
    still exactly each row's value and type, also where values are equal but of another
    type (1 and 1.0), and in the one row of a short statement."""
    db = pw.SqliteDatabase(str(tmp_path / "t.sqlite3"))
    db.execute_sql("CREATE TABLE t (n, const_text, const_null, mixed, equalish)")
    rows = [(k, "lab A", None, 1 if k % 2 else "1", 1.5 - 0.5 if k == 3 else 1) for k in range(7)]
    inserts = bulk._Inserts(db, "t", ("n", "const_text", "const_null", "mixed", "equalish"))

    def columns(chunk: list[tuple[Any, ...]]) -> list[Sequence[Any]]:
        return [list(column) for column in zip(*chunk, strict=True)]

    for chunk in (rows[:5], rows[5:6], rows[6:]):
        sql, params = inserts.statement(columns(chunk))
        db.execute_sql(sql, params)
    first_sql, _ = inserts.statement(columns(rows[:5]))
    assert "SELECT" in first_sql  # the constant columns were bound once
    stored = db.execute_sql(
        "SELECT n, const_text, const_null, mixed, typeof(mixed), typeof(equalish) FROM t ORDER BY n"
    ).fetchall()
    assert stored == [
        (
            k,
            "lab A",
            None,
            1 if k % 2 else "1",
            "integer" if k % 2 else "text",
            "real" if k == 3 else "integer",
        )
        for k in range(7)
    ]
    db.close()


def history_columns() -> list[Sequence[Any]]:
    """History events as an import hands them to the chain: awkward texts that vary,
    braces and quotes in the columns that hold one value throughout."""
    now = datetime(2026, 11, 29, 10, 0, 0, 123456)
    texts = ["a {0} {x}", 'b "q" \\ c', "c ü ✓", "tab\there\nnew line", "}{", ""]
    n = len(texts)
    return [
        list(range(1, n + 1)),
        ["created"] * n,
        [None] * n,
        [None] * n,
        texts,
        [f"imported, row {k}" for k in range(n)],
        [7] * n,
        ["ST {1}"] * n,
        [None] * n,
        [None] * n,
        ["f{}.xlsx sha256:ab"] * n,
        [None] * n,
        [now] * n,
    ]


def test_the_fast_chain_hashes_equal_row_hash() -> None:
    """An import's history events are hashed a column at a time; every hash must be what
    audit.row_hash gives (else the import would quietly take the slow way, or worse)."""
    db = pw.SqliteDatabase(":memory:")
    columns = history_columns()
    fast = audit._chain_columns_fast(db, audit.HISTORY_CHAIN, 41, "ab" * 32, columns)
    assert fast is not None
    prev = "ab" * 32
    for k in range(len(columns[0])):
        digest = audit.row_hash(audit.HISTORY_CHAIN, prev, 42 + k, [c[k] for c in columns])
        assert (fast[-3][k], fast[-2][k], fast[-1][k]) == (42 + k, prev, digest)
        prev = digest


def test_chain_columns_store_what_the_row_by_row_way_stores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast way and the row-by-row way give the same stored columns, sequence numbers
    and hashes (on SQLite the time is stored as text), so which one ran never shows."""
    db = pw.SqliteDatabase(":memory:")
    columns = history_columns()
    fast = audit.chain_columns(db, audit.HISTORY_CHAIN, 41, "ab" * 32, columns)
    monkeypatch.setattr(audit, "_chain_columns_fast", lambda *args: None)
    slow = audit.chain_columns(db, audit.HISTORY_CHAIN, 41, "ab" * 32, columns)
    assert [list(column) for column in fast] == slow
    assert isinstance(slow[-4][0], str)  # the time, as SQLite stores it
