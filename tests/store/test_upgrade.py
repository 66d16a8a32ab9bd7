"""A database made by the first released schema upgrades in place and loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from recon_desktop.store import audit
from recon_desktop.store.db import open_database
from recon_desktop.store.maintenance import verify_copy
from recon_desktop.store.schema import REDUNDANT_V1_INDEXES, SCHEMA_VERSION
from tests.store.make_schema_v1 import DUMP

TABLES = ("lab", "user", "membership", "location", "ingredient", "listing_config", "session",
          "inventory_item", "expected_item", "scan", "found", "station_state", "history_event",
          "audit_event", "chain_head")


def build_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(DUMP.read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in TABLES}
    finally:
        conn.close()


def test_first_schema_upgrades_without_losing_anything(tmp_path: Path) -> None:
    path = tmp_path / "lab.sqlite3"
    build_v1(path)
    before = snapshot(path)
    assert len(before["scan"]) > 5 and len(before["history_event"]) > 300

    db = open_database(path)
    try:
        version = db.execute_sql("SELECT value FROM schema_info WHERE key='version'").fetchone()
        assert int(version[0]) == SCHEMA_VERSION > 1
        assert audit.verify(db).ok
        columns = [c.name for c in db.get_columns("session")]
        assert "end_note" in columns
        indexes = {i.name for t in ("inventory_item", "expected_item")
                   for i in db.get_indexes(t)}
        assert indexes.isdisjoint(REDUNDANT_V1_INDEXES)
        assert "inventory_item_barcode" in indexes
    finally:
        db.close()
    after = snapshot(path)
    for table in TABLES:
        old = before[table]
        new = after[table]
        assert len(new) == len(old), table
        if table == "session":  # one column more, the old ones unchanged
            assert [row[: len(old[0])] for row in new] == old
        else:
            assert new == old, table

    backups = list(tmp_path.glob("lab.schema1-backup-*.sqlite3"))
    assert len(backups) == 1
    assert verify_copy(backups[0]).ok


def test_upgraded_database_still_refuses_to_rewrite_history(tmp_path: Path) -> None:
    path = tmp_path / "lab.sqlite3"
    build_v1(path)
    open_database(path).close()
    conn = sqlite3.connect(path)
    try:
        for statement in ("UPDATE scan SET raw = 'x'", "DELETE FROM history_event"):
            try:
                conn.execute(statement)
            except sqlite3.IntegrityError as exc:
                assert "append-only" in str(exc)
            else:  # pragma: no cover - the assertion below reports it
                raise AssertionError(f"{statement} was allowed")
    finally:
        conn.close()


def test_a_new_database_has_the_current_indexes_only(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        indexes = {i.name for t in ("inventory_item", "expected_item")
                   for i in db.get_indexes(t)}
    finally:
        db.close()
    assert indexes.isdisjoint(REDUNDANT_V1_INDEXES)
