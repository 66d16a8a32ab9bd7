"""A database made by the first released schema upgrades in place and loses nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from python_calamine import CalamineWorkbook

from recon_desktop.core.records import View
from recon_desktop.services import Services, reporting
from recon_desktop.store import audit, counters
from recon_desktop.store.backup import verify_copy
from recon_desktop.store.db import open_database
from recon_desktop.store.models import HISTORY_EVENT_PARTIAL_INDEXES
from recon_desktop.store.schema import REDUNDANT_V1_INDEXES, SCHEMA_VERSION
from tests.store.make_schema_v1 import DUMP

SCAN_TIME_INDEX = "scan_session_id_scanned_at_id"  # schema 6: the scanned list's pages

TABLES = (
    "lab",
    "user",
    "membership",
    "location",
    "ingredient",
    "listing_config",
    "session",
    "inventory_item",
    "expected_item",
    "scan",
    "found",
    "station_state",
    "history_event",
    "audit_event",
    "chain_head",
)


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
        indexes = {i.name for t in ("inventory_item", "expected_item") for i in db.get_indexes(t)}
        assert indexes.isdisjoint(REDUNDANT_V1_INDEXES)
        assert "inventory_item_barcode" in indexes
        # the sessions' counts, kept from schema 3 on, are what a recount finds
        assert list(counters.mismatched(db)) == []
        counted = db.execute_sql("SELECT SUM(in_scope + already_scanned) FROM session_counter")
        assert counted.fetchone()[0] > 0
        # when items were last verified moved to a table of their own, values as they were
        verified = db.execute_sql(
            "SELECT i.id, i.last_verified_at, i.last_verified_session_id, v.verified_at, "
            "v.session_id FROM inventory_item i LEFT JOIN item_verified v ON v.item_id = i.id "
            "WHERE i.last_verified_at IS NOT NULL OR v.item_id IS NOT NULL"
        ).fetchall()
        assert verified and all(row[1:3] == row[3:5] for row in verified)
        services = Services.create(db, station="BENCH-1")
        item = services.inventory.item(verified[0][0])
        assert item.last_verified_at is not None
        assert item.last_verified_at.isoformat(sep=" ") == verified[0][1]
    finally:
        db.close()
    after = snapshot(path)
    # schema 3 seals what was there: one history event per item, one audit event per lab,
    # user, role, location, ingredient, listing config and session, and their chain heads
    sealed = {
        "history_event": len(before["inventory_item"]),
        "audit_event": sum(
            len(before[t])
            for t in ("lab", "user", "membership", "location", "ingredient", "listing_config")
        )
        + len(before["session"]),
        "chain_head": 3,  # the audit events of the workstation; the upgrade's two seals
    }
    for table in TABLES:
        old = before[table]
        new = after[table]
        assert len(new) == len(old) + sealed.get(table, 0), table
        width = len(old[0]) if old else 0
        if table == "chain_head":  # new heads beside the old ones, which are unchanged
            assert set(old) <= set(new)
        else:  # more columns, perhaps (filled in), and more rows after: the old ones kept
            assert [row[:width] for row in new[: len(old)]] == old, table

    backups = list(tmp_path.glob("lab.schema1-backup-*.sqlite3"))
    assert len(backups) == 1
    assert verify_copy(backups[0]).ok


SCHEMA_5_COLUMNS = (
    ("inventory_item", "barcode_key"),
    ("inventory_item", "gtin"),
    ("scan", "lot_seen"),
    ("scan", "expiry_seen"),
)


def back_to_schema_3(db: pw.Database) -> None:
    """A current database (open) as schema 3 kept it: no counters, when each item was last
    verified (by the scan that saw it) in the item's own columns, no GS1 keys and no
    label columns in the scans (none of its scans may have a label's lot or expiry)."""
    postgres = isinstance(db, pw.PostgresqlDatabase)
    with db.atomic():
        labelled = db.execute_sql(
            "SELECT COUNT(*) FROM scan WHERE lot_seen IS NOT NULL OR expiry_seen IS NOT NULL"
        ).fetchone()[0]
        assert labelled == 0, "schema 3 had no place for a label's lot or expiry"
        for index in ("inventory_item_barcode_key", "inventory_item_gtin", SCAN_TIME_INDEX):
            db.execute_sql(f'DROP INDEX "{index}"')
        for table, column in SCHEMA_5_COLUMNS:
            db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        columns = {column.name for column in db.get_columns("inventory_item")}
        for column, kind in (
            ("last_verified_at", "timestamp" if postgres else "DATETIME"),
            ("last_verified_session_id", "integer" if postgres else "INTEGER"),
        ):
            if column not in columns:  # (a database made at schema 1 has them still)
                db.execute_sql(f"ALTER TABLE inventory_item ADD COLUMN {column} {kind}")
        db.execute_sql(
            "UPDATE inventory_item SET (last_verified_at, last_verified_session_id) = "
            "(SELECT verified_at, session_id FROM item_verified v "
            "WHERE v.item_id = inventory_item.id)"
        )
        db.execute_sql("DROP TABLE item_verified")
        db.execute_sql("DROP TABLE session_counter")
        db.execute_sql("UPDATE schema_info SET value = '3' WHERE key = 'version'")


def test_schema_3_scans_last_verified_and_counts_come_through_the_upgrade(
    tmp_path: Path,
) -> None:
    """Schema 3 set an item's last verified on its row at each scan's time (the newest
    scan that stands): the upgrade moves those times and sessions as they were, counts
    each session's progress once, and scans go on from there."""
    path = tmp_path / "lab.sqlite3"
    build_v1(path)
    db = open_database(path)
    try:
        services = Services.create(db, station="BENCH-1")
        ana = services.auth.sign_in("ana", "246810")
        for code in ("RC00000006", "RC00000007", "RC00000006", "NOPE-3"):
            services.sessions.scan(ana, 2, code)
        services.sessions.undo_last(ana, 2)
        query = "SELECT item_id, session_id, verified_at FROM item_verified ORDER BY 1"
        verified = db.execute_sql(query).fetchall()
        progress = services.sessions.progress(2)
    finally:
        db.close()
    assert {row[1] for row in verified} == {1, 2}  # the ended session's and the open one's
    db = open_database(path)
    try:
        back_to_schema_3(db)
    finally:
        db.close()
    db = open_database(path)
    try:
        version = db.execute_sql("SELECT value FROM schema_info WHERE key='version'").fetchone()
        assert int(version[0]) == SCHEMA_VERSION
        assert db.execute_sql(query).fetchall() == verified
        assert list(counters.mismatched(db)) == []
        services = Services.create(db, station="BENCH-1")
        assert services.sessions.progress(2) == progress
        ana = services.auth.sign_in("ana", "246810")
        again = services.sessions.scan(ana, 2, "RC00000007")
        assert again is not None
        item = services.inventory.item_by_barcode("RC00000007")
        assert item.last_verified_at == again.scanned_at
        assert list(counters.mismatched(db)) == []
    finally:
        db.close()
    assert len(list(tmp_path.glob("lab.schema3-backup-*.sqlite3"))) == 1


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


def test_sessions_ended_before_the_upgrade_show_items_as_they_are_and_say_so(
    tmp_path: Path,
) -> None:
    """A session ended under schema 1 has no copy of its items at the end: its views read
    the items as they are, and its report says so; sessions ended afterwards keep theirs."""
    path = tmp_path / "lab.sqlite3"
    build_v1(path)
    db = open_database(path)
    try:
        services = Services.create(db, station="BENCH-1")
        old = services.sessions.info(1)
        assert old.ended_at is not None and not services.sessions.as_ended(old)
        assert services.sessions.view_page(1, View.ALL_IN_LISTING, limit=5).rows
        report = reporting.export_report(services, 1, tmp_path / "old.xlsx", exported_by="qa")
        summary = dict(
            CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Summary").to_python()
        )
        assert summary["Item details"].startswith("as they are now (the session ended before")
        ana = services.auth.sign_in("ana", "246810")
        services.sessions.end(ana, 2)  # the session still open at the upgrade
        assert services.sessions.as_ended(services.sessions.info(2))
    finally:
        db.close()


def test_a_new_database_has_the_current_indexes_only(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        indexes = {i.name for t in ("inventory_item", "expected_item") for i in db.get_indexes(t)}
    finally:
        db.close()
    assert indexes.isdisjoint(REDUNDANT_V1_INDEXES)


# ---------------------------------------------------------------- partial history indexes

# an import's events have neither session nor scan: these indexes leave them out
PARTIAL_INDEXES = {"history_event_session_id_id": "session_id", "history_event_scan_id": "scan_id"}


def history_index_sql(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'history_event' AND sql IS NOT NULL"
            ).fetchall()
        )
    finally:
        conn.close()


def test_history_indexes_by_session_and_scan_are_partial_whether_new_or_upgraded(
    tmp_path: Path,
) -> None:
    upgraded = tmp_path / "lab.sqlite3"
    build_v1(upgraded)
    assert all("WHERE" not in history_index_sql(upgraded)[name] for name in PARTIAL_INDEXES)
    open_database(upgraded).close()
    fresh = tmp_path / "new.sqlite3"
    open_database(fresh).close()

    indexes = history_index_sql(fresh)
    assert history_index_sql(upgraded) == indexes
    assert set(HISTORY_EVENT_PARTIAL_INDEXES) == set(PARTIAL_INDEXES)
    for name, column in PARTIAL_INDEXES.items():
        assert indexes[name].endswith(f'WHERE ("{column}" IS NOT NULL)'), indexes[name]
    assert "WHERE" not in indexes["history_event_item_id_id"]


def history_plans(
    db: pw.Database, monkeypatch: pytest.MonkeyPatch, call: Callable[[], object]
) -> list[str]:
    """SQLite's plan of every read of history_event that call makes, one line each."""
    reads: list[tuple[str, Any]] = []
    execute_sql = db.execute_sql

    def spy(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.lstrip().upper().startswith("SELECT") and "history_event" in sql:
            reads.append((sql, params))
        return execute_sql(sql, params, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(db, "execute_sql", spy)
        call()
    assert reads, "no read of history_event"
    return [
        " / ".join(row[3] for row in execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        for sql, params in reads
    ]


def test_lookups_by_session_and_by_scan_use_the_partial_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comparison on the column implies IS NOT NULL, so SQLite may use the partial index;
    a query rewritten so that it no longer does fails here rather than scanning the table."""
    path = tmp_path / "lab.sqlite3"
    build_v1(path)  # session 1 ended, with actions; session 2 open, one item scanned
    db = open_database(path)
    try:
        services = Services.create(db, station="BENCH-1")
        ana = services.auth.sign_in("ana", "246810")
        by_session = {
            "session actions": history_plans(
                db, monkeypatch, lambda: services.inventory.session_actions(1)
            ),
            "report": history_plans(
                db,
                monkeypatch,
                lambda: reporting.export_report(
                    services, 1, tmp_path / "report.xlsx", exported_by="ana"
                ),
            ),
        }
        by_scan = history_plans(db, monkeypatch, lambda: services.sessions.undo_last(ana, 2))
    finally:
        db.close()
    for what, plans in by_session.items():
        for plan in plans:
            assert "USING INDEX history_event_session_id_id (session_id=?" in plan, (what, plan)
    # the undo finds the scan's event by its scan, then the item's newest standing scan (its
    # Last verified) in the item's own history
    assert by_scan[0] == "SEARCH history_event USING INDEX history_event_scan_id (scan_id=?)"
    assert by_scan[1:] == [
        "SEARCH h USING INDEX history_event_item_id_id (item_id=?) / CORRELATED SCALAR "
        "SUBQUERY 1 / SEARCH u USING INDEX scan_undoes_id (undoes_id=?) / USE TEMP B-TREE "
        "FOR ORDER BY"
    ]


PG_HISTORY_INDEXES = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'history_event'"


@pytest.mark.postgres
def test_postgresql_history_indexes_by_session_and_scan_are_partial_whether_new_or_upgraded(
    postgres_url: str,
) -> None:
    db = open_database(postgres_url)
    try:
        fresh = dict(db.execute_sql(PG_HISTORY_INDEXES).fetchall())
        # back to schema 1 where the upgrade to 2 acts: no end note, full indexes (and
        # none of what schemas 3 and 4 add)
        for table, column in (
            ("inventory_item", "barcode_key"),
            ("inventory_item", "gtin"),
            ("scan", "lot_seen"),
            ("scan", "expiry_seen"),
        ):
            db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute_sql("ALTER TABLE history_event DROP COLUMN state")
        for column in ("subject", "state", "seq", "prev_hash", "hash"):
            db.execute_sql(f"ALTER TABLE audit_event DROP COLUMN {column}")
        db.execute_sql("DROP TABLE anchor")
        db.execute_sql("DELETE FROM schema_info WHERE key = 'database_id'")
        # nor what schema 4 adds (counters, the verified items' own table)
        db.execute_sql("DROP TABLE session_counter")
        db.execute_sql("DROP TABLE item_verified")
        db.execute_sql(
            "ALTER TABLE inventory_item ADD COLUMN last_verified_at timestamp, "
            "ADD COLUMN last_verified_session_id integer"
        )
        db.execute_sql("ALTER TABLE session DROP COLUMN end_note")
        db.execute_sql('DROP INDEX "history_event_session_id_id"')
        db.execute_sql('DROP INDEX "history_event_scan_id"')
        db.execute_sql('CREATE INDEX "history_event_scan_id" ON "history_event" ("scan_id")')
        db.execute_sql(
            'CREATE INDEX "history_event_session_id_id" ON "history_event" ("session_id", "id")'
        )
        db.execute_sql("UPDATE schema_info SET value = '1' WHERE key = 'version'")
    finally:
        db.close()
    db = open_database(postgres_url)
    try:
        upgraded = dict(db.execute_sql(PG_HISTORY_INDEXES).fetchall())
    finally:
        db.close()
    assert upgraded == fresh
    for name, column in PARTIAL_INDEXES.items():
        assert fresh[name].endswith(f"WHERE ({column} IS NOT NULL)"), fresh[name]


# ---------------------------------------------------------------- schema 4: GS1 keys


def test_the_upgrade_gives_each_item_its_codes_canonical_key(tmp_path: Path) -> None:
    """Items from before schema 4 with GS1 codes in several written forms get their keys
    (filled in bulk, then indexed); a scan of the symbol finds each; the chains hold."""
    from recon_desktop.core.records import ScanResult
    from tests.gs1_examples import GS, GTIN_A, GTIN_B, GTIN_C

    path = tmp_path / "lab.sqlite3"
    build_v1(path)
    written = {
        f"(01){GTIN_A}(10)LOT42(21)SN001": (f"01{GTIN_A}21SN001", GTIN_A),
        f"01{GTIN_B}10L1{GS}21SN2": (f"01{GTIN_B}21SN2", GTIN_B),
        GTIN_C[1:]: (f"01{GTIN_C}", GTIN_C),
    }
    conn = sqlite3.connect(path)
    try:
        with conn:
            for barcode in written:
                conn.execute(
                    "INSERT INTO inventory_item (barcode, ingredient_id, lab_id, location_id, "
                    "quantity, unit, status, lot, expires_on, version, created_at) "
                    "SELECT ?, ingredient_id, lab_id, location_id, quantity, unit, status, lot, "
                    "expires_on, 1, created_at FROM inventory_item WHERE id = 1",
                    (barcode,),
                )
    finally:
        conn.close()
    db = open_database(path)
    try:
        keyed = {
            barcode: (key, gtin)
            for barcode, key, gtin in db.execute_sql(
                "SELECT barcode, barcode_key, gtin FROM inventory_item "
                "WHERE barcode_key IS NOT NULL"
            ).fetchall()
        }
        assert keyed == written  # the demo's own RC… barcodes have none
        indexes = {i.name for i in db.get_indexes("inventory_item")}
        assert {"inventory_item_barcode_key", "inventory_item_gtin"} <= indexes
        assert audit.verify(db).ok
        services = Services.create(db, station="BENCH-1")
        ana = services.auth.sign_in("ana", "246810")
        item_id = db.execute_sql(
            "SELECT id FROM inventory_item WHERE barcode = ?", (f"01{GTIN_B}10L1{GS}21SN2",)
        ).fetchone()[0]
        result = services.sessions.scan(ana, 2, f"]d201{GTIN_B}1729010110L1{GS}21SN2")
        assert isinstance(result, ScanResult) and result.item_id == item_id
        assert result.lot_seen == "L1"
        assert audit.verify(db).ok
    finally:
        db.close()


# ---------------------------------------------------------------- schema 3 → 4 → 5


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_schema_3_upgrades_through_4_and_5_on_both_databases(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A schema 3 database (no counters, last verified on the items, no GS1 keys, no label
    columns) upgrades to 4 (counts kept, last verified moved) and then to 5 (each item's
    GS1 key, the scans' label columns) on SQLite and on PostgreSQL: nothing lost, the
    chains hold, the counts are a recount's, and GS1 codes and plain barcodes scan on."""
    from recon_desktop.core.records import ScanChoice, ScanResult
    from recon_desktop.services import demo
    from tests.gs1_examples import GS, GTIN_A

    target: str | Path = (
        request.getfixturevalue("postgres_url") if backend == "postgres" else tmp_path / "lab.db"
    )
    bottles = {  # written as a lab's spreadsheet had them
        f"(01){GTIN_A}(17)361231(10)LOT42(21)SN001": f"01{GTIN_A}21SN001",
        f"01{GTIN_A}17370630" + f"10LOT43{GS}21SN002": f"01{GTIN_A}21SN002",
    }
    db = open_database(target)
    try:
        services = Services.create(db, station="BENCH-1")
        demo.seed(services, size=200)
        p = db.param
        for barcode in bottles:
            db.execute_sql(
                "INSERT INTO inventory_item (barcode, ingredient_id, lab_id, location_id, "
                "quantity, unit, status, lot, expires_on, version, created_at) "
                f"SELECT {p}, ingredient_id, lab_id, location_id, quantity, unit, status, "
                "'LOT42', expires_on, 1, created_at FROM inventory_item WHERE barcode = "
                f"{p}",
                (barcode, "RC00000001"),
            )
        ana = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology").id
        sessions = services.sessions
        first = sessions.start(ana, lab, "Freezer A, Room 101", "First count").id
        for code in ("RC00000001", "RC00000002", "RC00000002", "NOPE-1", "RC00000003"):
            sessions.scan(ana, first, code)
        sessions.undo_last(ana, first)
        sessions.end(ana, first)
        second = sessions.start(ana, lab, "Freezer A, Room 101", "Still open").id
        for code in ("RC00000005", "RC00000006", "NOPE-2", "RC00000005"):
            sessions.scan(ana, second, code)
        query = "SELECT item_id, session_id, verified_at FROM item_verified ORDER BY 1"
        verified = db.execute_sql(query).fetchall()
        progress = {s: sessions.progress(s) for s in (first, second)}
        back_to_schema_3(db)
    finally:
        db.close()
    assert {row[1] for row in verified} == {first, second}

    db = open_database(target)  # schema 3 → 4 → 5
    try:
        version = db.execute_sql("SELECT value FROM schema_info WHERE key='version'").fetchone()
        assert int(version[0]) == SCHEMA_VERSION == 6
        assert db.execute_sql(query).fetchall() == verified
        assert list(counters.mismatched(db)) == []
        keyed = dict(
            db.execute_sql(
                "SELECT barcode, barcode_key FROM inventory_item WHERE barcode_key IS NOT NULL"
            ).fetchall()
        )
        assert keyed == bottles  # the demo's RC… barcodes have none
        assert audit.verify(db).ok
        services = Services.create(db, station="BENCH-1")
        sessions = services.sessions
        assert {s: sessions.progress(s) for s in (first, second)} == progress
        ana = services.auth.sign_in("ana", "246810")
        # the bottle's DataMatrix, with another lot than recorded; a plain barcode
        label = sessions.scan(ana, second, f"]d201{GTIN_A}1737063010LOT43{GS}21SN002")
        assert isinstance(label, ScanResult) and label.barcode in bottles
        assert (label.lot_seen, label.lot) == ("LOT43", "LOT42")
        plain = sessions.scan(ana, second, "RC00000007")
        assert isinstance(plain, ScanResult) and plain.item_id is not None
        assert isinstance(sessions.scan(ana, second, f"(01){GTIN_A}"), ScanChoice)
        assert list(counters.mismatched(db)) == []
        assert audit.verify(db).ok
    finally:
        db.close()
    if backend == "sqlite":
        assert len(list(tmp_path.glob("lab.schema3-backup-*"))) == 1


# ---------------------------------------------------------------- schema 5 → 6


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_schema_5_upgrades_to_6_with_the_scan_time_index_on_both_databases(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A schema 5 database (no index on the scans' times) gets it, and its sessions'
    scans read a page at a time in scan-time order; nothing else changes."""
    from recon_desktop.services import demo

    target: str | Path = (
        request.getfixturevalue("postgres_url") if backend == "postgres" else tmp_path / "lab.db"
    )
    db = open_database(target)
    try:
        assert SCAN_TIME_INDEX in {i.name for i in db.get_indexes("scan")}  # a new one has it
        services = Services.create(db, station="BENCH-1")
        demo.seed(services, size=200)
        ana = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology").id
        session = services.sessions.start(ana, lab, "Freezer A, Room 101", "Count").id
        for code in ("RC00000001", "RC00000002", "NOPE-1", "RC00000001"):
            services.sessions.scan(ana, session, code)
        scans = db.execute_sql("SELECT * FROM scan ORDER BY id").fetchall()
        with db.atomic():
            db.execute_sql(f'DROP INDEX "{SCAN_TIME_INDEX}"')
            db.execute_sql("UPDATE schema_info SET value = '5' WHERE key = 'version'")
    finally:
        db.close()

    db = open_database(target)  # 5 → 6
    try:
        version = db.execute_sql("SELECT value FROM schema_info WHERE key='version'").fetchone()
        assert int(version[0]) == SCHEMA_VERSION == 6
        assert SCAN_TIME_INDEX in {i.name for i in db.get_indexes("scan")}
        assert db.execute_sql("SELECT * FROM scan ORDER BY id").fetchall() == scans
        assert audit.verify(db).ok
        sessions = Services.create(db, station="BENCH-1").sessions
        page = sessions.list_page(session, limit=3)
        assert [e.barcode for e in page.entries] == ["RC00000002", "NOPE-1", "RC00000001"]
        assert page.more
    finally:
        db.close()
    if backend == "sqlite":
        assert len(list(tmp_path.glob("lab.schema5-backup-*"))) == 1
