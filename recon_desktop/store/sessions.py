"""Sessions: their rows, the frozen expected set, the end and the items kept as they were."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.core.filters import CheckedFilter
from recon_desktop.core.records import ItemStatus, SessionInfo, Tag
from recon_desktop.store import counters, queries
from recon_desktop.store.db import is_postgres, read_time
from recon_desktop.store.models import (
    ExpectedItem,
    Found,
    InventoryItem,
    Lab,
    Session,
    User,
)


def _select() -> pw.ModelSelect:
    starter = User.alias("starter")
    ender = User.alias("ender")
    return (
        Session.select(
            Session.id,
            Session.name,
            Session.lab,
            Lab.name,
            Session.config_name,
            Session.started_by,
            starter.name,
            Session.started_at,
            Session.ended_at,
            ender.name,
            Session.station,
            Session.frozen_columns,
            Session.frozen_filters,
            Session.end_note,
        )
        .join(Lab, on=(Session.lab == Lab.id))
        .switch(Session)
        .join(starter, on=(Session.started_by == starter.id))
        .switch(Session)
        .join(ender, pw.JOIN.LEFT_OUTER, on=(Session.ended_by == ender.id))
    )


def _info(row: Sequence[Any]) -> SessionInfo:
    (
        sid,
        name,
        lab_id,
        lab,
        config,
        starter_id,
        starter,
        started,
        ended,
        ender,
        station,
        columns,
        filters,
        note,
    ) = row
    return SessionInfo(
        id=sid,
        name=name,
        lab_id=lab_id,
        lab=lab,
        config_name=config,
        started_by_id=starter_id,
        started_by=starter,
        started_at=read_time(started),
        ended_at=read_time(ended) if ended else None,
        ended_by=ender,
        station=station,
        columns=tuple(json.loads(columns)),
        filters=tuple(tuple(f) for f in json.loads(filters)),
        end_note=note,
    )


def info(session_id: int) -> SessionInfo | None:
    rows = list(_select().where(Session.id == session_id).tuples())
    return _info(rows[0]) if rows else None


def newest_named(name: str) -> int | None:
    """The id of the newest session with this name."""
    row = Session.select(Session.id).where(Session.name == name).order_by(Session.id.desc()).first()
    return int(row.id) if row is not None else None


def sessions(*, active: bool | None, lab_ids: Sequence[int] | None) -> list[SessionInfo]:
    """Sessions, newest first: active ones, ended ones or both, in some labs or all."""
    query = _select().order_by(Session.started_at.desc(), Session.id.desc())
    if active is True:
        query = query.where(Session.ended_at.is_null())
    elif active is False:
        query = query.where(Session.ended_at.is_null(False))
    if lab_ids is not None:
        query = query.where(Session.lab.in_(list(lab_ids)))
    return [_info(row) for row in query.tuples()]


def has_active(lab_id: int, user_id: int) -> bool:
    """Whether the user has an active session in the lab."""
    return bool(
        Session.select().where((Session.lab == lab_id) & (Session.active_owner == user_id)).exists()
    )


def create(
    *,
    name: str,
    lab_id: int,
    config_id: int,
    config_name: str,
    columns: Sequence[str],
    filters: Sequence[Sequence[str]],
    user_id: int,
    station: str,
    at: datetime,
) -> int:
    """A new active session with its listing config frozen; IntegrityError when the user
    already has an active session in the lab."""
    session = Session.create(
        name=name,
        lab=lab_id,
        listing_config=config_id,
        config_name=config_name,
        frozen_columns=json.dumps(list(columns)),
        frozen_filters=json.dumps([list(f) for f in filters]),
        started_by=user_id,
        started_at=at,
        station=station,
        active_owner=user_id,
    )
    return int(session.id)


def freeze_expected(session_id: int, lab_id: int, checked: Sequence[CheckedFilter]) -> int:
    """Copy the items the listing matches now into the session's expected set; its size."""
    ids = queries.matching_ids_query(lab_id, checked)
    ExpectedItem.insert_from(
        ids.select(pw.Value(session_id), InventoryItem.id),
        [ExpectedItem.session, ExpectedItem.item],
    ).execute()
    total = int(ExpectedItem.select().where(ExpectedItem.session == session_id).count())
    Session.update(expected_total=total).where(Session.id == session_id).execute()
    return total


def is_expected(session_id: int, item_id: int) -> bool:
    return bool(
        ExpectedItem.select()
        .where((ExpectedItem.session == session_id) & (ExpectedItem.item == item_id))
        .exists()
    )


def add_expected(session_id: int, item_id: int) -> None:
    """One more item in the expected set (a split-off of an expected item)."""
    ExpectedItem.insert(session=session_id, item=item_id).execute()
    Session.update(expected_total=Session.expected_total + 1).where(
        Session.id == session_id
    ).execute()


def lab_of(session_id: int) -> int | None:
    row = Session.select(Session.lab).where(Session.id == session_id).tuples().first()
    return int(row[0]) if row else None


def hold_for_action(db: pw.Database, session_id: int, *, alone: bool = False) -> tuple[bool, Any]:
    """(whether the session exists, its end time or None), its row held until this
    transaction ends on PostgreSQL: FOR KEY SHARE lets actions and scans go on side by side
    and a split still raise the expected total (FOR SHARE would deadlock two splits of one
    item), while the end (FOR UPDATE) waits for them; ``alone`` takes FOR UPDATE, as the
    end does. SQLite's write lock already orders everything."""
    lock = (" FOR UPDATE" if alone else " FOR KEY SHARE") if is_postgres(db) else ""
    row = db.execute_sql(
        f"SELECT ended_at FROM session WHERE id = {db.param}{lock}", (session_id,)
    ).fetchone()
    return (False, None) if row is None else (True, row[0])


def missing_items(session_id: int, item_ids: Sequence[int] | None) -> list[int]:
    """Active expected items of the session that no scan found (some of them, if given)."""
    missing = (
        ExpectedItem.select(ExpectedItem.item)
        .join(InventoryItem, on=(ExpectedItem.item == InventoryItem.id))
        .where(
            (ExpectedItem.session == session_id)
            & (InventoryItem.status == ItemStatus.ACTIVE.value)
            & ~pw.fn.EXISTS(
                Found.select(pw.SQL("1")).where(
                    (Found.session == session_id) & (Found.item == ExpectedItem.item)
                )
            )
        )
    )
    if item_ids is not None:
        missing = missing.where(ExpectedItem.item.in_(list(item_ids)))
    return [row[0] for row in missing.tuples()]


def found_unknown_as(
    db: pw.Database,
    session_id: int,
    barcodes: Sequence[str],
    item_id: int,
    *,
    expected: bool,
    station: str,
) -> None:
    """Scans of barcodes that were no item when scanned (Unknown) count as this item now
    (the session's counts move with them, on ``station``'s row)."""
    tag = Tag.IN_SCOPE if expected else Tag.NOT_IN_SCOPE
    moved = (
        Found.update(item=item_id, tag=tag.value)
        .where(
            (Found.session == session_id) & Found.item.is_null() & Found.barcode.in_(list(barcodes))
        )
        .execute()
    )
    if moved:
        counters.add(db, session_id, station, {Tag.UNKNOWN: -moved, tag: moved})


# ---------------------------------------------------------------- the end


def hold_for_end(db: pw.Database, session_id: int) -> None:
    """Wait for the scans holding the session row, then hold it (PostgreSQL)."""
    lock = " FOR UPDATE" if is_postgres(db) else ""
    db.execute_sql(f"SELECT id FROM session WHERE id = {db.param}{lock}", (session_id,))


def mark_ended(session_id: int, *, at: datetime, user_id: int, note: str | None) -> bool:
    """End the session; False when it had already ended."""
    changed = (
        Session.update(ended_at=at, ended_by=user_id, active_owner=None, end_note=note)
        .where((Session.id == session_id) & Session.ended_at.is_null())
        .execute()
    )
    return bool(changed)


def mark_found_verified(db: pw.Database, session_id: int) -> None:
    """The items a session found were verified when found: each scan sets it as it is
    recorded (``item_verified``); this fills in what is missing, from the session's found
    rows: scans recorded before scans did so, an unknown barcode that became an item."""
    p = db.param
    db.execute_sql(
        "INSERT INTO item_verified (item_id, session_id, verified_at) "
        f"SELECT f.item_id, {p}, MAX(f.found_at) FROM found f "
        f"WHERE f.session_id = {p} AND f.item_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM item_verified v WHERE v.item_id = f.item_id "
        "AND v.verified_at >= f.found_at) GROUP BY f.item_id "
        "ON CONFLICT (item_id) DO UPDATE SET session_id = excluded.session_id, "
        "verified_at = excluded.verified_at "
        "WHERE item_verified.verified_at < excluded.verified_at",
        (session_id, session_id),
    )


def keep_items_as_ended(db: pw.Database, session_id: int) -> None:
    """Copy the session's items as they are now (the end): the expected set and the
    known items scanned outside it. Past views and reports read this copy."""
    p = db.param
    db.execute_sql(
        "INSERT INTO ended_item (session_id, item_id, barcode, ingredient, ingredient_type, "
        "lab, location, status, quantity, unit, lot, expires_on, last_verified_at) "
        f"SELECT {p}, i.id, i.barcode, g.name, g.type, l.name, loc.path, i.status, "
        "i.quantity, i.unit, i.lot, i.expires_on, v.verified_at "
        "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
        "JOIN lab l ON l.id = i.lab_id JOIN location loc ON loc.id = i.location_id "
        "LEFT JOIN item_verified v ON v.item_id = i.id "
        f"WHERE i.id IN (SELECT item_id FROM expected_item WHERE session_id = {p} "
        f"UNION ALL SELECT item_id FROM found WHERE session_id = {p} AND item_id IS NOT NULL)",
        (session_id, session_id, session_id),
    )


def has_ended_copy(db: pw.Database, session_id: int) -> bool:
    """Whether the session's items were kept as they were when it ended."""
    row = db.execute_sql(
        f"SELECT 1 FROM ended_item WHERE session_id = {db.param} LIMIT 1", (session_id,)
    ).fetchone()
    return row is not None
