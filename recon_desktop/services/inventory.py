"""Inventory reads: item details, item history, lookup by barcode."""

from __future__ import annotations

from recon_desktop.core.records import HistoryEntry, ItemInfo
from recon_desktop.core.text import translate
from recon_desktop.errors import NotFoundError
from recon_desktop.services.actions import item_info
from recon_desktop.store import history, items
from recon_desktop.store.db import Database


class InventoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def item(self, item_id: int) -> ItemInfo:
        return item_info(item_id)

    def item_by_barcode(self, barcode: str) -> ItemInfo:
        item_id = items.id_by_barcode(barcode.strip())
        if item_id is None:
            raise NotFoundError(
                translate(
                    "InventoryService", "There is no inventory item with barcode {barcode!r}."
                ).format(barcode=barcode.strip())
            )
        return item_info(item_id)

    def ingredients(self) -> list[tuple[str, str | None]]:
        """(name, type) of every ingredient known, by name (to choose one for a new item)."""
        return items.ingredients()

    def history(self, item_id: int) -> list[HistoryEntry]:
        """The item's inventory history, oldest first; session events name their session."""
        return history.item_history(item_id)

    def session_actions(self, session_id: int) -> list[tuple[HistoryEntry, str]]:
        """Actions (not scans) linked to a session, with the item's barcode, in order."""
        return history.session_actions(session_id)
