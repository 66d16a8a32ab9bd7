"""The schema: versioned, upgraded in place, newer refused, foreign files refused, the record
tables append-only in the database itself, and listing filters compiled to SQL."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from recon_desktop.core.filters import FIELDS, CheckedFilter, Filter, Kind, check_filter
from recon_desktop.errors import SchemaTooNewError, StorageError, ValidationError
from recon_desktop.store import audit, queries, schema
from recon_desktop.store.db import is_postgres, open_database
from recon_desktop.store.models import (
    HistoryEvent,
    Ingredient,
    InventoryItem,
    Lab,
    ListingConfig,
    Location,
    Scan,
    SchemaInfo,
)
from tests.services.conftest import World, add_item
from tests.services.conftest import db as db  # fixtures shared with services
from tests.services.conftest import db_target as db_target
from tests.services.conftest import world as world

# ---------------------------------------------------------------- version


def test_a_database_from_a_newer_version_is_refused(db: pw.Database, db_target: str) -> None:
    SchemaInfo.update(value=str(schema.SCHEMA_VERSION + 1)).where(
        SchemaInfo.key == "version"
    ).execute()
    db.close()
    with pytest.raises(SchemaTooNewError) as refused:
        open_database(db_target)
    assert str(refused.value) == (
        f"This database was written by a newer version of recon-desktop (schema "
        f"{schema.SCHEMA_VERSION + 1}; this program knows up to {schema.SCHEMA_VERSION}). "
        "Update the program to open it."
    )
    assert isinstance(refused.value, StorageError)


def test_an_older_database_is_upgraded_in_place(
    world: World, db_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade mechanism, with a next version made up for the test: it runs once,
    records the new version and loses nothing."""
    world.services.db.close()
    current = schema.SCHEMA_VERSION
    ran: list[int] = []

    def upgrade_to_next(db: pw.Database, *_: object) -> None:
        ran.append(current)
        db.execute_sql("CREATE TABLE upgrade_marker (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(schema, "UPGRADES", {**schema.UPGRADES, current: upgrade_to_next})
    db = open_database(db_target)
    try:
        assert ran == [current]
        assert SchemaInfo.get(SchemaInfo.key == "version").value == str(current + 1)
        assert "upgrade_marker" in db.get_tables()
        assert InventoryItem.select().count() == 31  # nothing lost
        assert audit.verify(db).ok
    finally:
        db.close()
    db = open_database(db_target)  # already upgraded: no second run
    db.close()
    assert ran == [current]


def test_files_that_are_not_recon_databases_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    foreign = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError) as error:
        open_database(foreign)
    assert str(error.value) == "This database was not made by recon-desktop; choose another file."

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    with pytest.raises(StorageError) as error:
        open_database(garbage)
    assert str(error.value) == (
        f"{garbage} is not a readable recon-desktop database (it may be damaged). "
        "Restore it from a backup: put the last good backup in place with 'recon-desktop "
        "restore BACKUP' (the damaged file is kept beside it)."
    )

    no_version = tmp_path / "no-version.sqlite3"
    open_database(no_version).close()
    connection = sqlite3.connect(no_version)
    connection.execute("DELETE FROM schema_info")
    connection.commit()
    connection.close()
    with pytest.raises(
        StorageError,
        match=re.escape("This database has no schema version; restore it from a backup."),
    ):
        open_database(no_version)

    with pytest.raises(StorageError, match=r"^There is no database at .*missing\.sqlite3\.$"):
        open_database(tmp_path / "missing.sqlite3", create=False)
    with pytest.raises(StorageError, match="is not a database path or a postgresql:// URL"):
        open_database("mysql://localhost/recon")
    assert list(tmp_path.glob("mysql*")) == []  # no folder made for a URL
    with pytest.raises(
        StorageError,
        match=r"^Cannot connect to the database server "
        r"postgresql://recon@127\.0\.0\.1:1/recon: ",
    ):
        open_database("postgresql://recon:secret@127.0.0.1:1/recon?connect_timeout=2")


def test_sqlite_settings(tmp_path: Path) -> None:
    db = open_database(tmp_path / "recon.sqlite3")
    pragmas = {
        name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }
    db.close()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


# ---------------------------------------------------------------- append-only


def test_scans_history_and_ended_items_refuse_update_and_delete(
    world: World, db: pw.Database
) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Count")
    s.sessions.scan(world.ana, info.id, "A000")
    s.sessions.end(world.ana, info.id)  # keeps its items as they were (ended_item)
    statements = [
        "UPDATE scan SET raw = 'changed'",
        "DELETE FROM scan",
        "UPDATE history_event SET reason = 'changed'",
        "DELETE FROM history_event",
        "UPDATE ended_item SET location = 'changed'",
        "DELETE FROM ended_item",
    ]
    if is_postgres(db):
        statements += [
            "TRUNCATE history_event",
            "TRUNCATE scan, history_event",
            "TRUNCATE ended_item",
        ]
    for statement in statements:
        with (
            pytest.raises(
                pw.DatabaseError, match="is append-only: records are never changed or deleted"
            ),
            db.atomic(),
        ):
            db.execute_sql(statement)
    with pytest.raises(pw.DatabaseError, match="append-only"), db.atomic():
        Scan.delete().execute()
    assert Scan.select().count() == 1
    assert HistoryEvent.select().where(HistoryEvent.kind == "scanned").count() == 1
    assert Scan.get().raw == "A000"


# ---------------------------------------------------------------- filters → SQL

Row = dict[str, Any]


def python_rows(lab_id: int) -> list[Row]:
    query = (
        InventoryItem.select(
            InventoryItem.barcode,
            Ingredient.name,
            Ingredient.type,
            Lab.name,
            Location.path,
            Location.barcode,
            InventoryItem.status,
            InventoryItem.quantity,
            InventoryItem.unit,
            InventoryItem.lot,
            InventoryItem.expires_on,
        )
        .join(Ingredient, on=(InventoryItem.ingredient == Ingredient.id))
        .switch(InventoryItem)
        .join(Lab, on=(InventoryItem.lab == Lab.id))
        .switch(InventoryItem)
        .join(Location, on=(InventoryItem.location == Location.id))
        .where(InventoryItem.lab == lab_id)
        .tuples()
    )
    rows = []
    for barcode, ingredient, itype, lab, path, _, status, quantity, unit, lot, expiry in query:
        rows.append(
            {
                "barcode": barcode,
                "ingredient": ingredient,
                "ingredient_type": itype,
                "lab": lab,
                "location": path,
                "status": status,
                "quantity": quantity
                if isinstance(quantity, Decimal)
                else Decimal(quantity) / 10**6,
                "unit": unit,
                "lot": lot,
                "expiry": date.fromisoformat(expiry) if isinstance(expiry, str) else expiry,
            }
        )
    return rows


def python_match(flt: CheckedFilter, row: Row) -> bool:
    value = row[flt.field]
    target = flt.values[0] if flt.values else None
    tests: dict[str, Callable[[], bool]] = {
        "=": lambda: value == target,
        "!=": lambda: value is None or value != target,
        "contains": lambda: value is not None and str(target).lower() in value.lower(),
        "in": lambda: value in flt.values,
        "empty": lambda: value is None or (flt.kind is Kind.TEXT and value == ""),
        "not-empty": lambda: value is not None and not (flt.kind is Kind.TEXT and value == ""),
        "<": lambda: value is not None and value < target,
        "<=": lambda: value is not None and value <= target,
        ">": lambda: value is not None and value > target,
        ">=": lambda: value is not None and value >= target,
        "between": lambda: value is not None and flt.values[0] <= value <= flt.values[1],
        "within": lambda: (
            value == within_path(str(target)) or value.startswith(within_path(str(target)) + "/")
        ),
    }
    return tests[flt.op]()


def within_path(text: str) -> str:
    location = Location.get_or_none((Location.path == text) | (Location.barcode == text))
    return location.path if location else "\x00nowhere"


def python_count(lab_id: int, filters: list[Filter], today: date) -> int:
    checked = [check_filter(f, today=today) for f in filters]
    count = 0
    for row in python_rows(lab_id):
        if not any(c.field == "status" for c in checked) and row["status"] != "active":
            continue
        if all(python_match(c, row) for c in checked):
            count += 1
    return count


def test_filters_compile_to_sql_that_agrees_with_python(world: World) -> None:
    today = date.today()
    admin = world.services.admin
    fa = Location.get(Location.path == world.freezer_a)
    fb = Location.get(Location.path == world.freezer_b)
    plain = admin.ensure_ingredient(world.root, "Water")  # no ingredient type
    ethanol = admin.ensure_ingredient(world.root, "Ethanol")
    add_item(
        world.lab_id,
        "X_1",
        fa.id,
        plain,
        quantity="0.25",
        lot="",
        unit="L",
        expires_on=today + timedelta(days=10),
    )
    add_item(
        world.lab_id,
        "X%2",
        fb.id,
        plain,
        quantity="1000",
        lot="LOT-%",
        expires_on=today - timedelta(days=3),
    )
    add_item(
        world.lab_id,
        "x-3",
        fb.id,
        ethanol,
        quantity="2.5",
        status="archived",
        expires_on=today + timedelta(days=400),
    )
    shelf = f"{world.freezer_a}/Shelf 1"
    cases = [
        ("barcode", "=", "A001"),
        ("barcode", "!=", "A001"),
        ("barcode", "contains", "a00"),
        ("barcode", "contains", "_"),
        ("barcode", "contains", "%"),
        ("barcode", "contains", "X"),
        ("barcode", "in", "A001, B002,S009,nope"),
        ("barcode", "empty", ""),
        ("barcode", "not-empty", ""),
        ("ingredient", "=", "PBS"),
        ("ingredient", "contains", "ETH"),
        ("ingredient", "in", "Water,PBS"),
        ("ingredient", "!=", "Ethanol"),
        ("ingredient_type", "=", "solvent"),
        ("ingredient_type", "!=", "solvent"),
        ("ingredient_type", "empty", ""),
        ("ingredient_type", "not-empty", ""),
        ("lab", "=", "Cell Biology"),
        ("lab", "=", "Chemistry"),
        ("lab", "contains", "bio"),
        ("location", "within", world.freezer_a),
        ("location", "within", world.freezer_a_code),
        ("location", "within", "Building 1"),
        ("location", "within", "Building 1/Room"),
        ("location", "within", "Nowhere"),
        ("location", "=", shelf),
        ("location", "!=", world.freezer_a),
        ("location", "contains", "shelf"),
        ("location", "in", f"{world.freezer_b}, {shelf}"),
        ("status", "=", "archived"),
        ("status", "!=", "active"),
        ("status", "=", "active"),
        ("status", "in", "active, archived"),
        ("quantity", "=", "2.5"),
        ("quantity", "!=", "2.50"),
        ("quantity", "<", "3"),
        ("quantity", "<=", "3"),
        ("quantity", ">", "9.5"),
        ("quantity", ">=", "10"),
        ("quantity", "between", "2..5"),
        ("quantity", "between", "0,1 and 1"),
        ("quantity", "in", "1, 2.5, 1000"),
        ("quantity", "empty", ""),
        ("quantity", "not-empty", ""),
        ("unit", "=", "mL"),
        ("unit", "!=", "mL"),
        ("unit", "in", "L,g"),
        ("lot", "=", "L3"),
        ("lot", "!=", "L3"),
        ("lot", "contains", "%"),
        ("lot", "empty", ""),
        ("lot", "not-empty", ""),
        ("lot", "in", "L1,L2"),
        ("expiry", "empty", ""),
        ("expiry", "not-empty", ""),
        ("expiry", "<", "today"),
        ("expiry", "<=", "today+10"),
        ("expiry", ">", "today+30"),
        ("expiry", ">=", (today - timedelta(days=3)).isoformat()),
        ("expiry", "=", (today + timedelta(days=10)).isoformat()),
        ("expiry", "!=", (today + timedelta(days=10)).isoformat()),
        ("expiry", "between", "today-5..today+30"),
        ("expiry", "in", f"{today + timedelta(days=10)},{today - timedelta(days=3)}"),
    ]
    assert {op for _, op, _ in cases} == {
        "=",
        "!=",
        "contains",
        "in",
        "empty",
        "not-empty",
        "<",
        "<=",
        ">",
        ">=",
        "between",
        "within",
    }
    assert {field for field, _, _ in cases} == {k for k, s in FIELDS.items() if s.filterable}
    results = {}
    for case in cases:
        flt = Filter(*case)
        sql = queries.count_matching(world.lab_id, [flt], today=today)
        results[str(flt)] = (sql, python_count(world.lab_id, [flt], today))
    assert {k: v for k, v in results.items() if v[0] != v[1]} == {}
    # a few have known answers, so the Python side is not merely agreeing with itself
    known = {
        "barcode contains _": 1,
        "barcode contains %": 1,
        "barcode contains a00": 10,
        "status = archived": 2,
        "quantity between 2..5": 14,
        "lot empty": 16,
        f"location within {world.freezer_a}": 21,
        "location within Nowhere": 0,
    }
    assert {k: results[k][0] for k in known} == known
    several = [
        Filter("location", "within", world.freezer_a),
        Filter("quantity", ">", "2"),
        Filter("lot", "not-empty"),
    ]
    assert (
        queries.count_matching(world.lab_id, several, today=today)
        == python_count(world.lab_id, several, today)
        == 10
    )


BAD_FILTERS = [
    (Filter("colour", "=", "red"), "There is no field called 'colour'"),
    (Filter("quantity", "contains", "1"), "Quantity: the operator 'contains' does not fit"),
    (Filter("quantity", ">", "lots"), "Quantity: 'lots' is not a number."),
    (Filter("expiry", "<", "next week"), "Expiry: 'next week' is not a date"),
    (Filter("status", "=", "lost"), "Status: 'lost' is not a status"),
    (Filter("lot", "~", "x"), "Lot: '~' is not an operator"),
]


def test_bad_filters_are_refused_naming_the_field(world: World) -> None:
    for flt, sentence in BAD_FILTERS:
        with pytest.raises(ValidationError) as refused:
            queries.count_matching(world.lab_id, [Filter("barcode", "contains", "A"), flt])
        assert str(refused.value).startswith(sentence), flt
        with pytest.raises(ValidationError):
            world.services.admin.add_config(world.root, "Bad", "Cell Biology", [flt])
    assert ListingConfig.select().where(ListingConfig.name == "Bad").count() == 0
