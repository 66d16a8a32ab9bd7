"""Many item scans recorded at once (demo and benchmark sessions): for each, the rows the
scan path writes (the scan, its history event, the found row of a scan that counts, the
item's last verified) and the session's counts, chained onto the workstation's hash
chains, inside the caller's transaction, a block of rows at a time (flat memory)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from recon_desktop.core.records import HistoryKind, ScanKind, Tag
from recon_desktop.store import audit, counters
from recon_desktop.store.audit import HISTORY_CHAIN, SCAN_CHAIN, db_param
from recon_desktop.store.bulk import ChainHead, reserve_ids
from recon_desktop.store.db import is_postgres

BLOCK = 20_000
_FOUND = ("session_id", "barcode", "item_id", "tag", "scan_client_id", "found_at", "user_id")


def _items(db: pw.Database, session_id: int, barcodes: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """barcode → (item id, location path, stored quantity, unit, expected in the session)."""
    p = db.param
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(barcodes), 500):
        chunk = list(barcodes[start : start + 500])
        rows = db.execute_sql(
            "SELECT i.barcode, i.id, l.path, i.quantity, i.unit, EXISTS (SELECT 1 FROM "
            f"expected_item e WHERE e.session_id = {p} AND e.item_id = i.id) "
            "FROM inventory_item i JOIN location l ON l.id = i.location_id "
            f"WHERE i.barcode IN ({', '.join([p] * len(chunk))})",
            (session_id, *chunk),
        ).fetchall()
        found.update({row[0]: (*row[1:5], bool(row[5])) for row in rows})
    return found


def _insert(db: pw.Database, table: str, names: Sequence[str], columns: Sequence[Any]) -> None:
    p = db.param
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join([p] * len(names))})"
    db.cursor().executemany(sql, list(zip(*columns, strict=True)))


def record_scans(
    db: pw.Database,
    session_id: int,
    user_id: int,
    station: str,
    barcodes: Sequence[str],
    *,
    start: datetime,
    every: timedelta,
) -> None:
    """Record an item scan of each barcode (normalised, as the scan path stores it), in
    order, ``every`` apart from ``start``: tagged as the scan path tags them (the first
    scan of a barcode in the session counts, later ones are repeats)."""
    items = _items(db, session_id, sorted(set(barcodes)))
    counted = {
        str(row[0])
        for row in db.execute_sql(
            f"SELECT barcode FROM found WHERE session_id = {db.param}", (session_id,)
        ).fetchall()
    }
    scan_head = ChainHead(db, SCAN_CHAIN, station)
    history_head = ChainHead(db, HISTORY_CHAIN, station)
    ids = reserve_ids(db, len(barcodes), "scan")
    changes = dict.fromkeys(counters.COUNTED, 0)
    for first in range(0, len(barcodes), BLOCK):
        block = barcodes[first : first + BLOCK]
        scan_ids = ids[first : first + len(block)]
        times = [start + every * (first + n) for n in range(len(block))]
        scans: dict[str, list[Any]] = {name: [] for name in SCAN_CHAIN.fields}
        events: list[tuple[Any, ...]] = []
        found: list[tuple[Any, ...]] = []
        verified: dict[int, datetime] = {}  # item → its newest scan in the block
        for scan_id, barcode, at in zip(scan_ids, block, times, strict=True):
            item = items.get(barcode)
            if barcode in counted:
                tag = Tag.ALREADY_SCANNED
            elif item is None:
                tag = Tag.UNKNOWN
            else:
                tag = Tag.IN_SCOPE if item[4] else Tag.NOT_IN_SCOPE
            changes[tag] += 1
            client_id = f"bulk-{scan_id}"
            item_id, path, quantity, unit = item[:4] if item else (None, None, None, None)
            values = {
                "client_id": client_id,
                "session_id": session_id,
                "kind": ScanKind.ITEM.value,
                "raw": barcode,
                "barcode": barcode,
                "tag": tag.value,
                "item_id": item_id,
                "location_seen": path,
                "quantity_seen": quantity,
                "unit_seen": unit,
                "wrong_location": 0,  # hashed as False is; stored as a boolean below
                "user_id": user_id,
                "station": station,
                "scanned_at": at,
            }
            for name in SCAN_CHAIN.fields:
                scans[name].append(values.get(name))
            if item_id is not None:
                verified[item_id] = at
                events.append(
                    (item_id, HistoryKind.SCANNED.value, None, None, str(tag.label), None, user_id,
                     station, session_id, scan_id, None, None, at)
                )  # fmt: skip
            if tag is not Tag.ALREADY_SCANNED:
                counted.add(barcode)
                found.append(
                    (session_id, barcode, item_id, tag.value, client_id, db_param(db, at), user_id)
                )
        columns = audit.chain_columns(
            db, SCAN_CHAIN, scan_head.seq, scan_head.hash, list(scans.values())
        )
        scan_head.follow(columns)
        if is_postgres(db):  # the hash read it as 0; the column is a boolean
            columns[SCAN_CHAIN.fields.index("wrong_location")] = [False] * len(block)
        names = ("id", *SCAN_CHAIN.fields, "seq", "prev_hash", "hash")
        _insert(db, "scan", names, [scan_ids, *columns])
        if events:
            history = audit.chain_columns(
                db,
                HISTORY_CHAIN,
                history_head.seq,
                history_head.hash,
                [list(column) for column in zip(*events, strict=True)],
            )
            history_head.follow(history)
            _insert(
                db, "history_event", (*HISTORY_CHAIN.fields, "seq", "prev_hash", "hash"), history
            )
        if verified:
            p = db.param
            db.cursor().executemany(
                "INSERT INTO item_verified (item_id, session_id, verified_at) "
                f"VALUES ({p}, {p}, {p}) ON CONFLICT (item_id) DO UPDATE "
                "SET session_id = excluded.session_id, verified_at = excluded.verified_at "
                "WHERE item_verified.verified_at < excluded.verified_at",
                [(item, session_id, db_param(db, at)) for item, at in verified.items()],
            )
        if found:
            _insert(
                db,
                "found",
                (*_FOUND, "station"),
                [*map(list, zip(*found, strict=True)), [station] * len(found)],
            )
    scan_head.save()
    history_head.save()
    if ids:
        counters.add(db, session_id, station, changes, last_scan_id=ids[-1])
