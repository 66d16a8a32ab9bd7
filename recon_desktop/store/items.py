"""Inventory items and their ingredients: read one, change one against its version, split,
archive, and the demo's bulk load."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from recon_desktop.core.records import ItemInfo, ItemStatus
from recon_desktop.store import queries
from recon_desktop.store.item_keys import key_columns
from recon_desktop.store.models import (
    Ingredient,
    InventoryItem,
    Lab,
    Location,
    int_to_quantity,
)


def item_info(item_id: int) -> ItemInfo | None:
    row = (
        queries.listing_query(
            InventoryItem.id,
            InventoryItem.barcode,
            Ingredient.name,
            Ingredient.type,
            Lab.name,
            Lab.id,
            Location.path,
            Location.id,
            InventoryItem.quantity,
            InventoryItem.unit,
            InventoryItem.status,
            InventoryItem.lot,
            InventoryItem.expires_on,
            queries.LAST_VERIFIED,
            InventoryItem.version,
        )
        .where(InventoryItem.id == item_id)
        .tuples()
        .first()
    )
    if row is None:
        return None
    (
        iid,
        barcode,
        ingredient,
        itype,
        lab,
        lab_id,
        loc,
        loc_id,
        qty,
        unit,
        status,
        lot,
        expires,
        verified,
        version,
    ) = row
    if isinstance(expires, str):
        expires = date.fromisoformat(expires)
    if isinstance(verified, str):
        verified = datetime.fromisoformat(verified)
    return ItemInfo(
        id=iid,
        barcode=barcode,
        ingredient=ingredient,
        ingredient_type=itype,
        lab=lab,
        lab_id=lab_id,
        location=loc,
        location_id=loc_id,
        quantity=int_to_quantity(qty) if isinstance(qty, int) else qty,
        unit=unit,
        status=ItemStatus(status),
        lot=lot,
        expires_on=expires,
        last_verified_at=verified,
        version=version,
    )


def id_by_barcode(barcode: str) -> int | None:
    row = InventoryItem.select(InventoryItem.id).where(InventoryItem.barcode == barcode).first()
    return int(row.id) if row is not None else None


def change(item_id: int, version: int, **changes: Any) -> bool:
    """Apply changes if the item is still at ``version`` (and bump it); False otherwise."""
    changed = (
        InventoryItem.update(**changes, version=InventoryItem.version + 1)
        .where((InventoryItem.id == item_id) & (InventoryItem.version == version))
        .execute()
    )
    return bool(changed)


def take_quantity(item_id: int, version: int, amount: int) -> bool:
    """Take ``amount`` (stored micro-units) off the item if it is still at ``version`` and
    holds more than that; False otherwise."""
    changed = (
        InventoryItem.update(
            quantity=InventoryItem.quantity - amount,
            version=InventoryItem.version + 1,
        )
        .where(
            (InventoryItem.id == item_id)
            & (InventoryItem.version == version)
            & (InventoryItem.quantity > amount)
        )
        .execute()
    )
    return bool(changed)


def create_split(source_id: int, barcode: str, quantity: Decimal, at: datetime) -> int | None:
    """A new active item like ``source_id`` (ingredient, lab, location, unit, lot, expiry)
    with its own barcode and quantity; None when the barcode is taken (the insert runs in
    a savepoint, so the caller's transaction goes on)."""
    source = InventoryItem.get_by_id(source_id)
    try:
        with InventoryItem._meta.database.atomic():
            new = InventoryItem.create(
                barcode=barcode,
                ingredient=source.ingredient_id,
                lab=source.lab_id,
                location=source.location_id,
                quantity=quantity,
                unit=source.unit,
                status=ItemStatus.ACTIVE.value,
                lot=source.lot,
                expires_on=source.expires_on,
                created_at=at,
            )
    except pw.IntegrityError:
        return None
    return int(new.id)


def create_item(
    *,
    barcode: str,
    ingredient_id: int,
    lab_id: int,
    location_id: int,
    quantity: Decimal,
    unit: str,
    at: datetime,
) -> int | None:
    """A new active item; None when the barcode is taken (in a savepoint, as a split)."""
    try:
        with InventoryItem._meta.database.atomic():
            new = InventoryItem.create(
                barcode=barcode,
                ingredient=ingredient_id,
                lab=lab_id,
                location=location_id,
                quantity=quantity,
                unit=unit,
                status=ItemStatus.ACTIVE.value,
                created_at=at,
            )
    except pw.IntegrityError:
        return None
    return int(new.id)


def ingredients() -> list[tuple[str, str | None]]:
    """(name, type) of every ingredient, by name."""
    query = Ingredient.select(Ingredient.name, Ingredient.type).order_by(Ingredient.name)
    return [(name, kind) for name, kind in query.tuples()]


def archive(item_ids: Sequence[int]) -> None:
    for start in range(0, len(item_ids), 500):
        chunk = list(item_ids[start : start + 500])
        InventoryItem.update(
            status=ItemStatus.ARCHIVED.value, version=InventoryItem.version + 1
        ).where(InventoryItem.id.in_(chunk)).execute()


def ensure_ingredient(name: str, type_: str | None) -> tuple[int, str | None]:
    """The ingredient's id, created when missing; a type given for the first time is kept.
    With what was done: "ingredient-added", "ingredient-typed" or None (nothing)."""
    ingredient = Ingredient.get_or_none(Ingredient.name == name)
    if ingredient is None:
        ingredient = Ingredient.create(name=name, type=type_ or None)
        return int(ingredient.id), "ingredient-added"
    if type_ and not ingredient.type:
        Ingredient.update(type=type_).where(Ingredient.id == ingredient.id).execute()
        return int(ingredient.id), "ingredient-typed"
    return int(ingredient.id), None


# ---------------------------------------------------------------- bulk (demo data)

BULK_COLUMNS = (
    "barcode", "ingredient_id", "lab_id", "location_id", "quantity", "unit", "status", "lot",
    "expires_on", "version", "created_at",
)  # fmt: skip


def insert_many(db: pw.Database, rows: Iterable[Sequence[object]], batch: int = 10_000) -> None:
    """Insert items given as rows of ``BULK_COLUMNS`` (stored values), in batches, inside the
    caller's transaction; rows may come from a generator (flat memory). Each gets its
    barcode's canonical key."""
    columns = (*BULK_COLUMNS, "barcode_key", "gtin")
    sql = (
        f"INSERT INTO inventory_item ({', '.join(columns)}) VALUES "
        f"({', '.join([db.param] * len(columns))})"
    )
    cursor = db.cursor()
    pending: list[Sequence[object]] = []
    for row in rows:
        pending.append((*row, *key_columns(str(row[0]))))
        if len(pending) >= batch:
            cursor.executemany(sql, pending)
            pending.clear()
    if pending:
        cursor.executemany(sql, pending)


def largest_id() -> int:
    return int(InventoryItem.select(pw.fn.MAX(InventoryItem.id)).scalar() or 0)


def all_ids() -> list[int]:
    return [item_id for (item_id,) in InventoryItem.select(InventoryItem.id).tuples()]
