"""Use cases. Each service method is one transaction; nothing here imports Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recon_desktop.services.actions import ActionService
from recon_desktop.services.admin import AdminService
from recon_desktop.services.auth import AuthService
from recon_desktop.services.inventory import InventoryService
from recon_desktop.services.outbox import OutboxService
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
    outbox: OutboxService | None = None  # scans a server cannot take, kept here (server only)

    @classmethod
    def create(
        cls,
        db: Database,
        station: str | None = None,
        *,
        anchor_file: Path | None = None,
        outbox_folder: Path | None = None,
    ) -> Services:
        """``anchor_file``: where ending a session appends its anchor (None: only into the
        database and the session report). ``outbox_folder``: where a server database's
        outbox is kept (the workstation's data folder; None: scans the server cannot take
        are not kept)."""
        station = station or default_station()
        auth = AuthService(db, station)
        admin = AdminService(db, auth, station)
        sessions = SessionService(db, auth, admin, anchor_file=anchor_file)
        outbox = None
        if outbox_folder is not None:
            outbox = OutboxService.open(db, sessions, outbox_folder)
        return cls(
            db=db,
            station=station,
            auth=auth,
            admin=admin,
            sessions=sessions,
            actions=ActionService(db, auth, admin),
            inventory=InventoryService(db),
            outbox=outbox,
        )
