"""Schema creation, version check and in-place upgrades."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import peewee as pw

from recon_desktop.core.records import HistoryKind
from recon_desktop.core.text import translate
from recon_desktop.errors import SchemaTooNewError, StorageError
from recon_desktop.store import counters, events, item_keys, item_states, seals
from recon_desktop.store.audit import AUDIT_CHAIN, GENESIS_HASH, head_name, row_hash
from recon_desktop.store.backup import backup_before_upgrade
from recon_desktop.store.models import (
    HISTORY_EVENT_PARTIAL_INDEXES,
    KEY_LENGTH,
    MODELS,
    Anchor,
    AuditEvent,
    EndedItem,
    InventoryItem,
    ISODateField,
    ItemVerified,
    Scan,
    SchemaInfo,
    SessionCounter,
)

SCHEMA_VERSION = 6
APPEND_ONLY_TABLES = (
    "scan", "history_event", "ended_item", "audit_event", "expected_item", "anchor",
)  # fmt: skip
UPGRADE_STATION = "schema-upgrade"  # the chains the upgrade to 3 writes its seals on


REDUNDANT_V1_INDEXES = (
    "inventory_item_lab_id",  # (lab_id, status) serves it
    "inventory_item_last_verified_session_id",  # never searched by
    "expected_item_item_id",  # the (session_id, item_id) key serves every lookup
)


def _upgrade_to_2(db: pw.Database, migrator: Any) -> None:
    """2: the starter can leave a note when ending a session (shown in the report); three
    indexes that only slowed every insert are dropped; the history's indexes by session and
    by scan become partial (rows with none, such as an import's, are left out), built as a
    new database builds them and under the same names; ending a session keeps its items as
    they were (``ended_item``; sessions ended before have none and show items as they are)."""
    migrator.add_column("session", "end_note", pw.TextField(null=True)).run()
    db.create_tables([EndedItem])
    for name in REDUNDANT_V1_INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for name, index in HISTORY_EVENT_PARTIAL_INDEXES.items():
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
        db.execute(index)


def _upgrade_to_3(db: pw.Database, migrator: Any) -> None:
    """3: tamper evidence that means something. The audit events are hash-chained too (the
    ones already there are chained in place, in the order they were written) and may seal
    the record they change (``subject``, ``state``); history events may carry an item's
    values (``state``); the database gets an id for its anchors, and a table for them.
    Then the values of every record as they are now are sealed: one audit event per lab,
    user, role, location, ingredient, listing config and session, and one history event
    per item, so that changes made outside the application from now on show."""
    migrator.add_column("history_event", "state", pw.TextField(null=True)).run()
    for name, field in (
        ("subject", pw.CharField(null=True, max_length=100)),
        ("state", pw.TextField(null=True)),
        ("seq", pw.BigIntegerField(default=0)),
        ("prev_hash", pw.CharField(max_length=64, default="")),
        ("hash", pw.CharField(max_length=64, default="")),
    ):
        migrator.add_column("audit_event", name, field).run()
    _chain_existing_audit_events(db)
    AuditEvent._schema.create_indexes(safe=True)
    db.create_tables([Anchor])
    SchemaInfo.insert(key="database_id", value=uuid.uuid4().hex).on_conflict_ignore().execute()
    at = datetime.now(UTC).replace(tzinfo=None)
    reason = "values when the database was upgraded to schema 3 (changes before are not sealed)"
    for kind in seals.KINDS:
        for subject, state in seals.current_states(db, kind).items():
            events.record(
                db=db,
                at=at,
                kind="sealed",
                user_id=None,
                user_name="(schema upgrade)",
                station=UPGRADE_STATION,
                detail=reason,
                subject=subject,
                state=seals.canonical(state),
            )
    item_states.append_states(
        db, kind=HistoryKind.SEALED, station=UPGRADE_STATION, at=at, reason=reason, source=None
    )


def _chain_existing_audit_events(db: pw.Database) -> None:
    """Chain the audit events written before schema 3, per workstation in id order."""
    p = db.param
    names = ", ".join(AUDIT_CHAIN.columns)
    rows = db.execute_sql(f"SELECT id, {names} FROM audit_event ORDER BY station, id").fetchall()
    station_at = AUDIT_CHAIN.columns.index("station")
    heads: dict[str, tuple[int, str]] = {}
    for row_id, *values in rows:
        station = values[station_at]
        seq, prev = heads.get(station, (0, GENESIS_HASH))
        seq += 1
        digest = row_hash(AUDIT_CHAIN, prev, seq, values)
        db.execute_sql(
            f"UPDATE audit_event SET seq = {p}, prev_hash = {p}, hash = {p} WHERE id = {p}",
            (seq, prev, digest, row_id),
        )
        heads[station] = (seq, digest)
    for station, (seq, digest) in heads.items():
        db.execute_sql(
            f"INSERT INTO chain_head (name, seq, hash) VALUES ({p}, {p}, {p})",
            (head_name(AUDIT_CHAIN, station), seq, digest),
        )


def _upgrade_to_4(db: pw.Database, migrator: Any) -> None:
    """4: each session's progress counts are kept as scans change them (``session_counter``)
    instead of counted again from every scan; the sessions recorded before are counted once
    here. When an item was last verified, and in which session, moves to a narrow table
    of its own (``item_verified``), so that neither a scan nor ending a session rewrites
    the item's row; the item columns that held it stay, no longer read or written."""
    db.create_tables([SessionCounter, ItemVerified])
    counters.fill_from_recount(db)
    if "last_verified_at" in {column.name for column in db.get_columns("inventory_item")}:
        db.execute_sql(
            "INSERT INTO item_verified (item_id, session_id, verified_at) "
            "SELECT id, last_verified_session_id, last_verified_at FROM inventory_item "
            "WHERE last_verified_session_id IS NOT NULL AND last_verified_at IS NOT NULL"
        )


def _upgrade_to_5(db: pw.Database, migrator: Any) -> None:
    """5: GS1 codes in every written form. Each item gets its barcode's canonical key and
    GTIN (``core.barcodes.item_key``), filled here for the items already there and indexed
    afterwards (faster than an index kept up during the fill); a scan keeps what the label
    said, its lot and expiry (optional columns of the scan chain: the scans already
    recorded keep their hashes)."""
    for table, name, field in (
        ("inventory_item", "barcode_key", pw.CharField(null=True, max_length=KEY_LENGTH)),
        ("inventory_item", "gtin", pw.CharField(null=True, max_length=14)),
        ("scan", "lot_seen", pw.CharField(null=True, max_length=200)),
        ("scan", "expiry_seen", ISODateField(null=True)),
    ):
        migrator.add_column(table, name, field).run()
    item_keys.fill_keys(db)
    InventoryItem._schema.create_indexes(safe=True)


def _upgrade_to_6(db: pw.Database, migrator: Any) -> None:
    """6: the scanned list reads a session's scans a page at a time in scan-time order,
    by an index on (session, scan time, id) (without it, a page of a 300k-scan session
    sorted every scan of the session)."""
    Scan._schema.create_indexes(safe=True)


# version N → function upgrading N to N + 1. Each runs inside migration_context(): one
# transaction, and on SQLite with foreign keys off, so a table rebuild cannot cascade.
UPGRADES: dict[int, Callable[[pw.Database, Any], None]] = {
    1: _upgrade_to_2,
    2: _upgrade_to_3,
    3: _upgrade_to_4,
    4: _upgrade_to_5,
    5: _upgrade_to_6,
}


def read_version(db: pw.Database) -> int | None:
    """The schema version stored in the database, or None for an empty database."""
    tables = set(db.get_tables())
    if "schema_info" not in tables:
        if tables:
            raise StorageError(
                translate(
                    "Schema", "This database was not made by recon-desktop; choose another file."
                )
            )
        return None
    row = SchemaInfo.get_or_none(SchemaInfo.key == "version")
    if row is None:
        raise StorageError(
            translate("Schema", "This database has no schema version; restore it from a backup.")
        )
    text = str(row.value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise StorageError(
            translate(
                "Schema",
                "This database's schema version ({value!r}) is not a version number: it "
                "was edited or damaged. Restore it from a backup.",
            ).format(value=str(row.value)[:20])
        )
    return int(text)


def ensure_schema(db: pw.Database, *, read_only: bool = False) -> None:
    version = read_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            translate(
                "Schema",
                "This database was written by a newer version of recon-desktop (schema "
                "{version}; this program knows up to {known}). Update the "
                "program to open it.",
            ).format(version=str(version), known=str(SCHEMA_VERSION))
        )
    if read_only and version != SCHEMA_VERSION:
        raise StorageError(
            translate(
                "Schema",
                "This database is read-only for you and holds nothing yet before it can be "
                "shown. Ask IT to make it writable, or open a writable copy.",
            )
            if version is None
            else translate(
                "Schema",
                "This database is read-only for you and was written by an older version "
                "(schema {version}): it must be upgraded before it can be shown. Ask IT to "
                "make it writable, or open a writable copy.",
            ).format(version=str(version))
        )
    if version is None:
        create_schema(db)
        return
    if version < SCHEMA_VERSION:
        upgrade(db, version)


def upgrade(db: pw.Database, version: int) -> None:
    """Upgrade in place, after a verified backup (SQLite) beside the database file."""
    if isinstance(db, pw.SqliteDatabase):
        backup_before_upgrade(db, version)
    # imported here: playhouse.migrate pulls in the PostgreSQL extensions (start-up cost)
    from playhouse.migrate import SchemaMigrator

    migrator = SchemaMigrator.from_database(db)
    while version < SCHEMA_VERSION:
        with migrator.migration_context():
            for statement in drop_append_only_triggers(db, set(db.get_tables())):
                db.execute_sql(statement)  # an upgrade may fill in what it adds to records
            UPGRADES[version](db, migrator)
            for statement in append_only_triggers(db, set(db.get_tables())):
                db.execute_sql(statement)  # and a rebuilt table has lost its triggers
            version += 1
            # UPDATE, not REPLACE: PostgreSQL has no REPLACE (the version row always exists)
            SchemaInfo.update(value=str(version)).where(SchemaInfo.key == "version").execute()


def create_schema(db: pw.Database) -> None:
    with db.atomic():
        db.create_tables(MODELS)
        for statement in append_only_triggers(db):
            db.execute_sql(statement)
        SchemaInfo.insert(key="version", value=str(SCHEMA_VERSION)).execute()
        SchemaInfo.insert(key="database_id", value=uuid.uuid4().hex).execute()


def database_id(db: pw.Database) -> str | None:
    """This database's id, which its anchors name (schema 3)."""
    row = db.execute_sql(
        f"SELECT value FROM schema_info WHERE key = {db.param}", ("database_id",)
    ).fetchone()
    return None if row is None else str(row[0])


def drop_append_only_triggers(db: pw.Database, tables: set[str] | None = None) -> list[str]:
    statements = []
    for table in APPEND_ONLY_TABLES:
        if tables is not None and table not in tables:
            continue
        if isinstance(db, pw.PostgresqlDatabase):
            statements.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_update")
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    return statements


def append_only_triggers(db: pw.Database, tables: set[str] | None = None) -> list[str]:
    """Triggers that make the database itself refuse UPDATE and DELETE on the record tables
    (those of ``tables``, when given: an upgrade step before a table exists)."""
    wanted = [t for t in APPEND_ONLY_TABLES if tables is None or t in tables]
    if isinstance(db, pw.PostgresqlDatabase):
        statements = [
            "CREATE OR REPLACE FUNCTION recon_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || "
            "' is append-only: records are never changed or deleted'; END $$ LANGUAGE plpgsql"
        ]
        for table in wanted:
            statements.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION recon_append_only()"
            )
            statements.append(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION recon_append_only()"
            )
        return statements
    statements = []
    for table in wanted:
        for action in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: records are never "
                "changed or deleted'); END"
            )
    return statements


# ---------------------------------------------------------------- protection in place


def _normalised(sql: str) -> str:
    return " ".join(sql.replace("(", " ( ").replace(")", " ) ").split()).lower()


def protection_problem(db: pw.Database, report: Any = None) -> str | None:
    """None when the database itself still refuses to change or delete records: every
    append-only trigger in place, as this program made it (and enabled, on a server), and
    a workstations' role set up by ``server setup`` still without the right to change
    them. Else a sentence."""
    if isinstance(db, pw.PostgresqlDatabase):
        return _server_protection_problem(db, report)
    present = {
        name: _normalised(sql or "")
        for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
    }
    for statement in append_only_triggers(db):
        name = statement.split()[2]
        if name not in present:
            return (
                f"the trigger {name}, which makes the database refuse changes to its "
                "records, was removed"
            )
        if present[name] != _normalised(statement):
            return f"the trigger {name} was replaced by one that does something else"
    return None


def _server_protection_problem(db: pw.Database, report: Any) -> str | None:
    rows = db.execute_sql(
        "SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
    ).fetchall()
    triggers = {(table, name): enabled for table, name, enabled in rows}
    for table in APPEND_ONLY_TABLES:
        for name in (f"{table}_append_only", f"{table}_no_truncate"):
            enabled = triggers.get((table, name))
            if enabled is None:
                return (
                    f"the trigger {name}, which makes the server refuse changes to "
                    f"{table}, was removed"
                )
            if str(enabled) == "D":
                return f"the trigger {name} on {table} was disabled"
    body = db.execute_sql(
        "SELECT prosrc FROM pg_proc WHERE proname = 'recon_append_only'"
    ).fetchone()
    if body is None or "RAISE EXCEPTION" not in str(body[0]).upper():
        return "the function recon_append_only behind the triggers was changed"
    role = _setting(db, "workstation_role")
    if role is None:
        if report is not None:
            report.notes.append(
                "no workstations' role is set up on this server (recon-desktop server setup): "
                "the triggers alone keep the records, and the database's owner can drop them"
            )
        return None
    for table in APPEND_ONLY_TABLES:
        allowed = [
            right
            for right in ("UPDATE", "DELETE", "TRUNCATE")
            if db.execute_sql(
                "SELECT has_table_privilege(%s, %s, %s)", (role, table, right)
            ).fetchone()[0]
        ]
        if allowed:
            return (
                f"the workstations' role {role} may {', '.join(allowed)} {table}: the "
                "server's protection was loosened"
            )
    owns = db.execute_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "AND tableowner = %s LIMIT 1",
        (role,),
    ).fetchone()
    if owns is not None:
        return f"the workstations' role {role} owns the table {owns[0]}: it could change it"
    may_create = db.execute_sql(
        "SELECT has_schema_privilege(%s, current_schema(), 'CREATE')", (role,)
    ).fetchone()[0]
    if may_create:
        return f"the workstations' role {role} may create tables and triggers again"
    return None


def _setting(db: pw.Database, key: str) -> str | None:
    row = db.execute_sql(f"SELECT value FROM schema_info WHERE key = {db.param}", (key,)).fetchone()
    return None if row is None else str(row[0])
