"""Use cases. Each service method is one transaction; nothing here imports Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recon_desktop.services.actions import ActionService
from recon_desktop.services.admin import AdminService
from recon_desktop.services.auth import AuthService
from recon_desktop.services.inventory import InventoryService
from recon_desktop.services.sessions import SessionService
from recon_desktop.store.db import Database
from recon_desktop.workstation import workstation_name


def default_station() -> str:
    return workstation_name()


@dataclass
class Services:
    """Every service, built once by the composition root over one open database."""

    db: Database
    station: str
    auth: AuthService
    admin: AdminService
    sessions: SessionService
    actions: ActionService
    inventory: InventoryService

    @classmethod
    def create(
        cls, db: Database, station: str | None = None, *, anchor_file: Path | None = None
    ) -> Services:
        """``anchor_file``: where ending a session appends its anchor (None: only into the
        database and the session report)."""
        station = station or default_station()
        auth = AuthService(db, station)
        admin = AdminService(db, auth, station)
        sessions = SessionService(db, auth, admin, anchor_file=anchor_file)
        return cls(
            db=db,
            station=station,
            auth=auth,
            admin=admin,
            sessions=sessions,
            actions=ActionService(db, auth, admin),
            inventory=InventoryService(db),
        )
