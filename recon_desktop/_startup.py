"""Start-up cost: peewee imports the PostgreSQL driver whenever it is installed.

That costs about 0.2 s at every start (psycopg pulls in asyncio and its C library), even
for the local SQLite file most bench PCs use. While peewee itself is being imported, the
driver is hidden from it; ``attach_postgres_driver()`` hands it to peewee when a
``postgresql://`` URL is opened. Any other importer of psycopg is left alone.
"""

from __future__ import annotations

import importlib.abc
import sys
from typing import Any

_DRIVERS = frozenset({"psycopg", "psycopg2", "psycopg2cffi"})


class _HideDriverFromPeewee(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname in _DRIVERS and _imported_by_peewee():
            raise ImportError(f"{fullname} is attached on demand")
        return None


def _imported_by_peewee() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") == "peewee":
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def install() -> None:
    if "peewee" in sys.modules or any(isinstance(f, _HideDriverFromPeewee) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _HideDriverFromPeewee())


def attach_postgres_driver() -> None:
    """Give peewee the psycopg driver (idempotent)."""
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3 = Json
    peewee.Jsonb_pg3 = Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
