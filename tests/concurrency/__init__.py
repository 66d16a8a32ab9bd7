"""Several workstations on one PostgreSQL server: a small lab, and stations that run
their calls at the same moment.

Each station is one long-lived thread with its own ``Services`` (its own station name)
over ONE shared peewee Database: peewee gives every thread its own connection, so the
stations race through the server exactly as separate PCs would.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import peewee as pw
import pytest

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import Operator
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.services import admin as admin_module
from recon_desktop.services.auth import hash_pin
from recon_desktop.store import audit, counters
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.models import InventoryItem

PIN = "246810"
CONFIG = "Freezer A"


@functools.cache
def _hash_once(pin: str) -> str:
    return hash_pin(pin)


@dataclass
class Outcome:
    """What one station's call gave: a result, a sentence (ReconError), or a bug."""

    station: str
    result: Any = None
    error: ReconError | None = None
    unexpected: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.unexpected is None


class _Station(threading.Thread):
    def __init__(self, name: str, db: pw.Database) -> None:
        super().__init__(name=f"station-{name}", daemon=True)
        self.db = db
        self.tasks: queue.Queue[Any] = queue.Queue()

    def run(self) -> None:
        while True:
            task = self.tasks.get()
            if task is None:
                with contextlib.suppress(Exception):  # the server may be gone already
                    self.db.close()  # this thread's connection
                return
            fn, barrier, box, done = task
            try:
                if barrier is not None:
                    barrier.wait(timeout=30)
                box.result = fn()
            except ReconError as exc:
                box.error = exc
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                box.unexpected = exc
            finally:
                done.set()


@dataclass
class Pending:
    """A call running on a station's thread."""

    box: Outcome
    done: threading.Event

    def wait(self, timeout: float = 60) -> Outcome:
        assert self.done.wait(timeout), f"{self.box.station} did not finish in time"
        if self.box.unexpected is not None:
            raise AssertionError(
                f"{self.box.station} failed with {self.box.unexpected!r}, not a sentence"
            ) from self.box.unexpected
        return self.box


@dataclass
class Lab:
    """A lab with one user per station, a freezer, items and a listing config."""

    url: str
    db: pw.Database
    stations: list[Services]
    operators: list[Operator]
    lab_id: int
    freezer_a: int
    freezer_b: int
    shelves: list[tuple[int, str]]
    ingredient: int
    _threads: list[_Station] = field(default_factory=list)

    # ---------------------------------------------------------------- set-up
    @classmethod
    def build(cls, url: str, n: int = 8) -> Lab:
        db = open_database(url)
        first = Services.create(db, station="WS-0")
        with db.atomic(), pytest.MonkeyPatch.context() as patch:
            patch.setattr(admin_module, "hash_pin", _hash_once)
            admin = first.admin
            root = admin.create_first_admin("Cell Biology", "root", "999111")
            lab = admin.lab("Cell Biology")
            users = [
                admin.add_user(root, f"tech{i}", PIN, lab="Cell Biology", role="member")
                for i in range(n)
            ]
            fa = admin.ensure_location(root, "Building 1/Room 101/Freezer A")
            fb = admin.ensure_location(root, "Building 1/Room 101/Freezer B")
            shelves = [
                admin.ensure_location(root, f"Building 1/Room 101/Freezer A/Shelf {s}")
                for s in range(1, 4)
            ]
            ingredient = admin.ensure_ingredient(root, "Ethanol", "solvent")
            admin.add_config(root, CONFIG, "Cell Biology", [Filter("location", "within", fa.path)])
        stations = [first] + [Services.create(db, station=f"WS-{i}") for i in range(1, n)]
        operators = [Operator(uid, f"tech{i}", f"WS-{i}") for i, uid in enumerate(users)]
        bench = cls(
            url=url,
            db=db,
            stations=stations,
            operators=operators,
            lab_id=lab.id,
            freezer_a=fa.id,
            freezer_b=fb.id,
            shelves=[(s.id, s.path) for s in shelves],
            ingredient=ingredient,
        )
        bench._threads = [_Station(s.station, db) for s in stations]
        for thread in bench._threads:
            thread.start()
        return bench

    def add_items(
        self, prefix: str, count: int, *, quantity: str = "5", location: int | None = None
    ) -> list[int]:
        with self.db.atomic():
            return [
                InventoryItem.create(
                    barcode=f"{prefix}{k:04d}",
                    ingredient=self.ingredient,
                    lab=self.lab_id,
                    location=location or self.freezer_a,
                    quantity=Decimal(quantity),
                    unit="mL",
                    created_at=utcnow(),
                ).id
                for k in range(count)
            ]

    def start_session(self, name: str, station: int = 0) -> int:
        return (
            self.stations[station]
            .sessions.start(self.operators[station], self.lab_id, CONFIG, name)
            .id
        )

    def close(self) -> None:
        for thread in self._threads:
            thread.tasks.put(None)
        for thread in self._threads:
            thread.join(timeout=10)
        self.db.close()

    # ---------------------------------------------------------------- racing
    def together(
        self, calls: Sequence[tuple[int, Callable[[], Any]]], timeout: float = 60
    ) -> list[Outcome]:
        """Run each (station index, call) on that station's thread, released together by
        a barrier; the outcomes in the order given."""
        barrier = threading.Barrier(len(calls))
        boxes, events = [], []
        for index, fn in calls:
            box, done = Outcome(self.stations[index].station), threading.Event()
            self._threads[index].tasks.put((fn, barrier, box, done))
            boxes.append(box)
            events.append(done)
        for done in events:
            assert done.wait(timeout), "a station did not finish in time"
        for box in boxes:
            if box.unexpected is not None:
                raise AssertionError(
                    f"{box.station} failed with {box.unexpected!r}, not a sentence"
                ) from box.unexpected
        return boxes

    def on(self, index: int, fn: Callable[[], Any], timeout: float = 60) -> Outcome:
        """Run one call on a station's own thread (its own connection)."""
        return self.submit(index, fn).wait(timeout)

    def submit(self, index: int, fn: Callable[[], Any]) -> Pending:
        """Start one call on a station's own thread and return at once."""
        pending = Pending(Outcome(self.stations[index].station), threading.Event())
        self._threads[index].tasks.put((fn, None, pending.box, pending.done))
        return pending

    def backend_pid(self, index: int) -> int:
        """The server process serving a station's connection."""
        return int(self.on(index, lambda: self.value("SELECT pg_backend_pid()")).result)

    # ---------------------------------------------------------------- checks
    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return list(self.db.execute_sql(sql, params).fetchall())

    def value(self, sql: str, *params: Any) -> Any:
        return self.db.execute_sql(sql, params).fetchone()[0]

    def assert_consistent(self) -> None:
        """The record as a whole: chains intact, every item scan paired with its history
        event, no found row without its scan."""
        result = audit.verify(self.db)
        assert result.ok, result.problem
        unpaired = self.rows(
            "SELECT s.id FROM scan s WHERE s.kind = 'item' AND s.item_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM history_event h WHERE h.scan_id = s.id "
            "AND h.kind = 'scanned')"
        )
        assert unpaired == [], f"scans without their history event: {unpaired}"
        orphans = self.rows(
            "SELECT f.id FROM found f WHERE NOT EXISTS "
            "(SELECT 1 FROM scan s WHERE s.client_id = f.scan_client_id)"
        )
        assert orphans == [], f"found rows without their scan: {orphans}"
        stray = self.rows(
            "SELECT h.id FROM history_event h WHERE h.scan_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM scan s WHERE s.id = h.scan_id)"
        )
        assert stray == [], f"history events of scans that do not exist: {stray}"
        wrong = list(counters.mismatched(self.db))
        assert wrong == [], f"sessions whose kept counts differ from a recount: {wrong}"


def each_attempt(station: Services) -> tuple[object, str]:
    """(object, method name) of what runs once per attempt of a scan (a deadlock makes it
    run again): the call of the server's scan procedure, or else the scan statement by
    statement."""
    scans = station.sessions.scans
    return (scans.store, "scan_on_server") if scans.store.on_server() else (scans, "_scan")


def wait_for_lock(admin: Any, pid: int, timeout: float = 10) -> None:
    """Until the server process ``pid`` waits for a lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = admin.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)
        ).fetchone()
        if row is not None and row[0] == "Lock":
            return
        time.sleep(0.002)
    raise AssertionError(f"server process {pid} never waited for the lock")
