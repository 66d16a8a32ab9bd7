"""Reading the inventory history: one item's, and the actions taken during a session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import peewee as pw

from recon_desktop.core.records import HistoryEntry, HistoryKind
from recon_desktop.store.db import read_time
from recon_desktop.store.models import HistoryEvent, InventoryItem, Session, User

_FIELDS = (
    HistoryEvent.id,
    HistoryEvent.at,
    HistoryEvent.kind,
    User.name,
    HistoryEvent.station,
    HistoryEvent.field,
    HistoryEvent.old_value,
    HistoryEvent.new_value,
    HistoryEvent.reason,
    HistoryEvent.session,
    Session.name,
    HistoryEvent.source,
)
SCAN_KINDS = (HistoryKind.SCANNED.value, HistoryKind.SCAN_UNDONE.value)


def _entry(row: Sequence[Any], no_user: str) -> HistoryEntry:
    return HistoryEntry(
        id=row[0],
        at=read_time(row[1]),
        kind=row[2],
        user=row[3] or no_user,
        station=row[4],
        field=row[5],
        old_value=row[6],
        new_value=row[7],
        reason=row[8],
        session_id=row[9],
        session_name=row[10],
        source=row[11],
    )


def item_history(item_id: int) -> list[HistoryEntry]:
    """The item's history, oldest first; session events name their session."""
    query = (
        HistoryEvent.select(*_FIELDS)
        .join(User, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.user == User.id))
        .switch(HistoryEvent)
        .join(Session, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.session == Session.id))
        .where(HistoryEvent.item == item_id)
        .order_by(HistoryEvent.id)
        .tuples()
    )
    return [_entry(row, "(import)") for row in query]


def session_actions(session_id: int) -> list[tuple[HistoryEntry, str]]:
    """Actions (not scans) linked to a session, with the item's barcode, in order."""
    query = (
        HistoryEvent.select(*_FIELDS, InventoryItem.barcode)
        .join(User, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.user == User.id))
        .switch(HistoryEvent)
        .join(Session, on=(HistoryEvent.session == Session.id))
        .switch(HistoryEvent)
        .join(InventoryItem, on=(HistoryEvent.item == InventoryItem.id))
        .where((HistoryEvent.session == session_id) & HistoryEvent.kind.not_in(SCAN_KINDS))
        .order_by(HistoryEvent.id)
        .tuples()
    )
    return [(_entry(row, ""), row[12]) for row in query]


# the same actions for the report, streamed by id (a bulk archive stays flat in memory) as
# rows of (time, user name or "", station, item barcode, kind, field, old value, new value,
# reason, source)
def _action_where(db: pw.Database) -> str:
    p = db.param
    return f"h.session_id = {p} AND h.kind NOT IN ({p}, {p})"


def session_action_count(db: pw.Database, session_id: int) -> int:
    sql = f"SELECT COUNT(*) FROM history_event h WHERE {_action_where(db)}"
    return int(db.execute_sql(sql, (session_id, *SCAN_KINDS)).fetchone()[0])


def session_action_rows(
    db: pw.Database, session_id: int, *, batch: int
) -> Iterator[tuple[object, ...]]:
    p = db.param
    sql = (
        "SELECT h.id, h.at, u.name, h.station, i.barcode, h.kind, h.field, h.old_value, "
        "h.new_value, h.reason, h.source FROM history_event h "
        'LEFT JOIN "user" u ON u.id = h.user_id '
        "JOIN inventory_item i ON i.id = h.item_id "
        f"WHERE {_action_where(db)} AND h.id > {p} ORDER BY h.id LIMIT {int(batch)}"
    )
    last = 0
    while True:
        rows = db.execute_sql(sql, (session_id, *SCAN_KINDS, last)).fetchall()
        for row in rows:
            yield (row[1], row[2] or "", *row[3:])
        if len(rows) < batch:
            return
        last = rows[-1][0]
