"""Inventory reads: item details, item history, lookup by barcode."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from recon_desktop.core.records import HistoryEntry, ItemInfo
from recon_desktop.errors import NotFoundError
from recon_desktop.services.actions import item_info
from recon_desktop.store.models import HistoryEvent, InventoryItem, Session, User


class InventoryService:
    def __init__(self, db: pw.Database) -> None:
        self.db = db

    def item(self, item_id: int) -> ItemInfo:
        return item_info(item_id)

    def item_by_barcode(self, barcode: str) -> ItemInfo:
        row = InventoryItem.get_or_none(InventoryItem.barcode == barcode.strip())
        if row is None:
            raise NotFoundError(f"There is no inventory item with barcode {barcode.strip()!r}.")
        return item_info(row.id)

    def history(self, item_id: int) -> list[HistoryEntry]:
        """The item's inventory history, oldest first; session events name their session."""
        query = (
            HistoryEvent.select(
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
            .join(User, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.user == User.id))
            .switch(HistoryEvent)
            .join(Session, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.session == Session.id))
            .where(HistoryEvent.item == item_id)
            .order_by(HistoryEvent.id)
            .tuples()
        )
        entries = []
        for row in query:
            at = row[1] if isinstance(row[1], datetime) else datetime.fromisoformat(row[1])
            entries.append(
                HistoryEntry(
                    id=row[0],
                    at=at,
                    kind=row[2],
                    user=row[3] or "(import)",
                    station=row[4],
                    field=row[5],
                    old_value=row[6],
                    new_value=row[7],
                    reason=row[8],
                    session_id=row[9],
                    session_name=row[10],
                    source=row[11],
                )
            )
        return entries

    def session_actions(self, session_id: int) -> list[tuple[HistoryEntry, str]]:
        """Actions (not scans) linked to a session, with the item's barcode, in order."""
        query = (
            HistoryEvent.select(
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
                InventoryItem.barcode,
            )
            .join(User, pw.JOIN.LEFT_OUTER, on=(HistoryEvent.user == User.id))
            .switch(HistoryEvent)
            .join(Session, on=(HistoryEvent.session == Session.id))
            .switch(HistoryEvent)
            .join(InventoryItem, on=(HistoryEvent.item == InventoryItem.id))
            .where(
                (HistoryEvent.session == session_id)
                & HistoryEvent.kind.not_in(["scanned", "scan-undone"])
            )
            .order_by(HistoryEvent.id)
            .tuples()
        )
        out = []
        for row in query:
            at = row[1] if isinstance(row[1], datetime) else datetime.fromisoformat(row[1])
            out.append(
                (
                    HistoryEntry(
                        id=row[0],
                        at=at,
                        kind=row[2],
                        user=row[3] or "",
                        station=row[4],
                        field=row[5],
                        old_value=row[6],
                        new_value=row[7],
                        reason=row[8],
                        session_id=row[9],
                        session_name=row[10],
                        source=row[11],
                    ),
                    row[12],
                )
            )
        return out
