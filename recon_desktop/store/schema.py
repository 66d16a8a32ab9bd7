"""Schema creation, version check and in-place upgrades."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import peewee as pw

from recon_desktop.errors import SchemaTooNewError, StorageError
from recon_desktop.store.backup import backup_before_upgrade
from recon_desktop.store.models import (
    HISTORY_EVENT_PARTIAL_INDEXES,
    MODELS,
    EndedItem,
    SchemaInfo,
)

SCHEMA_VERSION = 2
APPEND_ONLY_TABLES = ("scan", "history_event", "ended_item")


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


# version N → function upgrading N to N + 1. Each runs inside migration_context(): one
# transaction, and on SQLite with foreign keys off, so a table rebuild cannot cascade.
UPGRADES: dict[int, Callable[[pw.Database, Any], None]] = {
    1: _upgrade_to_2,
}


def read_version(db: pw.Database) -> int | None:
    """The schema version stored in the database, or None for an empty database."""
    tables = set(db.get_tables())
    if "schema_info" not in tables:
        if tables:
            raise StorageError("This database was not made by recon-desktop; choose another file.")
        return None
    row = SchemaInfo.get_or_none(SchemaInfo.key == "version")
    if row is None:
        raise StorageError("This database has no schema version; restore it from a backup.")
    text = str(row.value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise StorageError(
            f"This database's schema version ({str(row.value)[:20]!r}) is not a version "
            "number: it was edited or damaged. Restore it from a backup."
        )
    return int(text)


def ensure_schema(db: pw.Database, *, read_only: bool = False) -> None:
    version = read_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"This database was written by a newer version of recon-desktop (schema {version}; "
            f"this program knows up to {SCHEMA_VERSION}). Update the program to open it."
        )
    if read_only and version != SCHEMA_VERSION:
        raise StorageError(
            "This database is read-only for you and "
            + (
                "holds nothing yet"
                if version is None
                else f"was written by an older version (schema {version}): it must be upgraded"
            )
            + " before it can be shown. Ask IT to make it writable, or open a writable copy."
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
            UPGRADES[version](db, migrator)
            for statement in drop_append_only_triggers(db) + append_only_triggers(db):
                db.execute_sql(statement)  # a rebuilt table loses its triggers
            version += 1
            # UPDATE, not REPLACE: PostgreSQL has no REPLACE (the version row always exists)
            SchemaInfo.update(value=str(version)).where(SchemaInfo.key == "version").execute()


def create_schema(db: pw.Database) -> None:
    with db.atomic():
        db.create_tables(MODELS)
        for statement in append_only_triggers(db):
            db.execute_sql(statement)
        SchemaInfo.insert(key="version", value=str(SCHEMA_VERSION)).execute()


def drop_append_only_triggers(db: pw.Database) -> list[str]:
    statements = []
    for table in APPEND_ONLY_TABLES:
        if isinstance(db, pw.PostgresqlDatabase):
            statements.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_update")
            statements.append(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    return statements


def append_only_triggers(db: pw.Database) -> list[str]:
    """Triggers that make the database itself refuse UPDATE and DELETE on the record tables."""
    if isinstance(db, pw.PostgresqlDatabase):
        statements = [
            "CREATE OR REPLACE FUNCTION recon_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || "
            "' is append-only: records are never changed or deleted'; END $$ LANGUAGE plpgsql"
        ]
        for table in APPEND_ONLY_TABLES:
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
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: records are never "
                "changed or deleted'); END"
            )
    return statements
