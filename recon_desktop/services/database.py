"""The database as the window sees it: where it is and how it is shown to a person,
whether it is sound, a test of a place before using it, and a thread's connection given
back. The UI reaches the store only through here and the other services."""

from __future__ import annotations

from recon_desktop.store.db import (
    bounded,
    default_database_path,
    describe,
    drop_connection,
    is_server_url,
    open_database,
    quick_check,
)
from recon_desktop.store.probe import probe

__all__ = [
    "bounded",
    "default_database_path",
    "describe",
    "drop_connection",
    "is_server_url",
    "open_database",
    "probe",
    "quick_check",
]
