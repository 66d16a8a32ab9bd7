"""peewee without its PostgreSQL driver until a ``postgresql://`` database is opened.

Why: peewee imports psycopg whenever it is installed, and psycopg brings asyncio and its C
library with it: a cost paid at every start, also on the bench PCs that only ever open their
local SQLite file (``benchmarks/bench_startup.py`` measures it against letting peewee import
the driver itself). peewee has no public switch for this, so while peewee itself is being
imported the driver is hidden from it, and ``attach_postgres_driver()`` later sets the
module globals and adapter constants that peewee's own import would have set. Any other
importer of psycopg is left alone.

This reaches into peewee's internals: ``pyproject.toml`` keeps peewee below its next major
version and ``tests/test_psycopg_on_demand.py`` fails when the names peewee's import sets
differ from the ones set here.
"""

from __future__ import annotations

import importlib.abc
import sys
from typing import Any

_DRIVERS = frozenset({"psycopg", "psycopg2", "psycopg2cffi"})

# what peewee's module sets from psycopg when it imports the driver itself
PEEWEE_GLOBALS = ("psycopg", "TransactionStatus", "Json_pg3", "Jsonb_pg3")
ADAPTER_CONSTANTS = ("txn_idle", "txn_inerror", "txn_unknown")  # on peewee.Psycopg3Adapter


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
    """Hide the driver from peewee's import (before peewee is imported; idempotent)."""
    if "peewee" in sys.modules or any(isinstance(f, _HideDriverFromPeewee) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _HideDriverFromPeewee())


def attach_postgres_driver() -> None:
    """Give peewee the psycopg driver, as its own import would have (idempotent)."""
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
