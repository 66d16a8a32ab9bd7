"""Items' canonical keys: the key and GTIN of a GS1 code or a GTIN, kept beside the
barcode as written (``core.barcodes.item_key``), so that every written form of a code
finds its item by one indexed lookup."""

from __future__ import annotations

import peewee as pw

from recon_desktop.core.barcodes import item_key


def key_columns(barcode: str) -> tuple[str | None, str | None]:
    """(barcode_key, gtin) of an item with this barcode (``core.barcodes.item_key``)."""
    reading = item_key(barcode)
    return (None, None) if reading is None else (reading.key, reading.gtin)


def fill_keys(db: pw.Database, *, batch: int = 50_000) -> int:
    """Give every item its barcode's canonical key (the upgrade to schema 5), in the
    caller's transaction: the barcodes are read a batch at a time in id order, most are
    decided by one regular expression, and only the items that have a key are updated.
    Returns how many have one."""
    p = db.param
    update = f"UPDATE inventory_item SET barcode_key = {p}, gtin = {p} WHERE id = {p}"
    select = f"SELECT id, barcode FROM inventory_item WHERE id > {p} ORDER BY id LIMIT {batch}"
    cursor = db.cursor()
    last, keyed = 0, 0
    while True:
        rows = db.execute_sql(select, (last,)).fetchall()
        if not rows:
            return keyed
        last = rows[-1][0]
        updates = []
        for item_id, barcode in rows:
            reading = item_key(barcode)
            if reading is not None:
                updates.append((reading.key, reading.gtin, item_id))
        if updates:
            cursor.executemany(update, updates)
            keyed += len(updates)
