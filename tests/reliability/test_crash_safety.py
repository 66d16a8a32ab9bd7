"""Crash safety: a scanning process is killed with SIGKILL at random moments, many times.

Each round starts ``tests.reliability.scan_worker`` on one SQLite file, lets it scan as
fast as it can through ``SessionService.scan`` (items in and out of scope, repeats, unknown
and location barcodes, with WAL checkpoints running every 20 ms beside it), kills it
(sometimes while it is still starting, usually a few milliseconds after some acknowledged
scans) and then checks, in this process, on the reopened database:

* every scan the worker acknowledged is stored, with the tag it was shown;
* nothing is stored that the worker never tried, and at most the one scan in flight is
  stored without an acknowledgement;
* every item scan has exactly one inventory history pairing, and the derived "found"
  state agrees with the scans (one transaction wrote both);
* ``PRAGMA integrity_check`` and ``foreign_key_check`` are clean and ``audit.verify``
  accepts every hash chain;
* the session reopens (info, progress) and takes a new scan;
* retrying the scan in flight with the same client id never makes a second record.

A second test kills imports halfway in the same way: all of a file or none of it.

``RECON_CRASH_ROUNDS`` sets the number of rounds (default 15, about 15 s here) and
``RECON_CRASH_IMPORT_ROUNDS`` the imports (default 4); ``RECON_CRASH_SEED`` repeats a run.
For a manual soak run::

    RECON_CRASH_ROUNDS=500 .venv/bin/python -m pytest tests/reliability/test_crash_safety.py -s
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw
import pytest

from recon_desktop.core.records import Tag
from recon_desktop.services import Services
from recon_desktop.services.demo import seed
from recon_desktop.services.importing import ImportService
from recon_desktop.services.sessions import new_client_id
from recon_desktop.store import audit
from recon_desktop.store.db import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

REPO_ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("RECON_CRASH_ROUNDS", "15"))
SEED = int(os.environ.get("RECON_CRASH_SEED", "0")) or random.randrange(1, 10**9)
ITEMS = 2000
USER, PIN = "ben", "135790"  # demo member of Cell Biology
ADMIN, ADMIN_PIN = "ana", "246810"  # demo admin of Cell Biology: imports need one
STATION = "BENCH-CRASH"  # the worker and the checks run as the same workstation
CONFIG = "Freezer A, Room 101"
TIMEOUT_S = 30.0


class LineReader:
    """Complete lines from a child's stdout, read without blocking past a deadline."""

    def __init__(self, stream: object) -> None:
        self.fd = stream.fileno()  # type: ignore[attr-defined]
        self.buffer = b""
        self.lines: list[str] = []
        self.eof = False

    def read_until(self, done: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if self.eof or remaining <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                self._read()
        return True

    def wait_for(self, line: str, timeout: float) -> bool:
        return self.read_until(lambda: line in self.lines, timeout)

    def drain(self, timeout: float) -> None:
        self.read_until(lambda: self.eof, timeout)

    def _read(self) -> None:
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.eof = True
            return
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode() for line in complete)

    def count(self, prefix: str) -> int:
        return sum(1 for line in self.lines if line.startswith(prefix))


@dataclass
class RoundResult:
    tried: list[tuple[str, str]] = field(default_factory=list)  # client id, barcode
    acked: dict[str, str] = field(default_factory=dict)  # client id → tag
    stderr: str = ""
    returncode: int | None = None


@dataclass
class Totals:
    rounds: int = 0
    acked: int = 0
    in_flight: int = 0  # a scan was being written when the kill came
    in_flight_stored: int = 0  # ... and it was committed although never acknowledged
    killed_starting: int = 0  # killed before the first acknowledged scan


def prepare(path: Path) -> int:
    """A demo database with an active session started by the worker's user."""
    db = open_database(path)
    try:
        services = Services.create(db, station="SETUP")
        seed(services, ITEMS)
        operator = services.auth.sign_in(USER, PIN)
        lab = services.admin.lab("Cell Biology")
        return services.sessions.start(operator, lab.id, CONFIG, "Crash safety").id
    finally:
        db.close()


def run_worker(
    path: Path, session_id: int, run_id: str, rng: random.Random, log_dir: Path
) -> RoundResult:
    """Start a worker, let it scan, SIGKILL it at a random moment, collect its lines."""
    stderr_path = log_dir / f"{run_id}.stderr"
    env = {**os.environ, "RECON_PIN": PIN, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "tests.reliability.scan_worker",
        str(path),
        str(session_id),
        run_id,
        "--user",
        USER,
        "--station",
        STATION,
        "--items",
        str(ITEMS),
        "--seed",
        str(rng.randrange(10**9)),
    ]
    result = RoundResult()
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, env=env
        )
        try:
            reader = LineReader(proc.stdout)
            if rng.random() < 0.2:
                # anywhere from start-up (imports, opening, sign-in) to early scanning
                time.sleep(rng.uniform(0.0, 1.0))
            else:
                wanted = rng.randint(1, 40)
                reader.read_until(lambda: reader.count("ACK ") >= wanted, TIMEOUT_S)
                time.sleep(rng.uniform(0.0, 0.01))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=TIMEOUT_S)
            reader.drain(TIMEOUT_S)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=TIMEOUT_S)
            assert proc.stdout is not None
            proc.stdout.close()
    result.returncode = proc.returncode
    result.stderr = stderr_path.read_text(errors="replace")
    for line in reader.lines:
        kind, _, rest = line.partition(" ")
        if kind == "TRY":
            cid, barcode = rest.split(" ", 1)
            result.tried.append((cid, barcode))
        elif kind == "ACK":
            cid, tag = rest.split(" ", 1)
            result.acked[cid] = tag
    return result


def scalar(db: pw.Database, sql: str, params: tuple[object, ...] = ()) -> int:
    return int(db.execute_sql(sql, params).fetchone()[0])


def check_round(
    path: Path, session_id: int, run_id: str, result: RoundResult, totals: Totals
) -> None:
    assert result.returncode == -signal.SIGKILL, (
        f"the worker ended by itself (status {result.returncode}):\n{result.stderr}"
    )
    tried = dict(result.tried)
    in_flight = [cid for cid, _ in result.tried if cid not in result.acked]
    assert len(in_flight) <= 1 and (not in_flight or in_flight[0] == result.tried[-1][0]), (
        f"more than the last scan went unacknowledged: {in_flight}"
    )
    assert set(result.acked) <= set(tried), "an acknowledgement without its TRY line"

    db = open_database(path, create=False)
    try:
        p = db.param
        stored = {
            cid: (scan_id, raw, tag)
            for scan_id, cid, raw, tag in db.execute_sql(
                f"SELECT id, client_id, raw, tag FROM scan WHERE client_id LIKE {p}",
                (f"{run_id}-%",),
            )
        }
        lost = sorted(set(result.acked) - set(stored))
        assert not lost, f"acknowledged scans are missing after the kill: {lost}"
        phantom = sorted(set(stored) - set(tried))
        assert not phantom, f"scans stored that were never tried: {phantom}"
        for cid, (_, raw, tag) in stored.items():
            assert raw == tried[cid]
            if cid in result.acked:
                assert (tag or "-") == result.acked[cid], f"{cid} shows another tag than stored"

        # every item scan has exactly one history pairing, written in its transaction
        unpaired = scalar(
            db,
            (
                "SELECT COUNT(*) FROM scan s WHERE s.kind = 'item' AND s.item_id IS NOT NULL "
                "AND NOT EXISTS (SELECT 1 FROM history_event h "
                "WHERE h.scan_id = s.id AND h.kind = 'scanned')"
            ),
        )
        assert unpaired == 0, f"{unpaired} item scan(s) without their history event"
        doubled = scalar(
            db,
            (
                "SELECT COUNT(*) FROM (SELECT scan_id FROM history_event WHERE kind = 'scanned' "
                "GROUP BY scan_id HAVING COUNT(*) > 1) d"
            ),
        )
        assert doubled == 0, f"{doubled} scan(s) with more than one history event"
        orphans = scalar(
            db,
            (
                "SELECT COUNT(*) FROM history_event h WHERE h.kind = 'scanned' "
                "AND NOT EXISTS (SELECT 1 FROM scan s WHERE s.id = h.scan_id)"
            ),
        )
        assert orphans == 0
        # the derived "found" rows agree with the scans that counted
        for tag in (Tag.IN_SCOPE, Tag.NOT_IN_SCOPE, Tag.UNKNOWN):
            scans = scalar(
                db,
                f"SELECT COUNT(*) FROM scan WHERE session_id = {p} AND tag = {p}",
                (session_id, tag.value),
            )
            found = scalar(
                db,
                f"SELECT COUNT(*) FROM found WHERE session_id = {p} AND tag = {p}",
                (session_id, tag.value),
            )
            assert scans == found, f"{tag}: {scans} scans but {found} found rows"
        loose = scalar(
            db,
            (
                "SELECT COUNT(*) FROM found f WHERE NOT EXISTS "
                "(SELECT 1 FROM scan s WHERE s.client_id = f.scan_client_id)"
            ),
        )
        assert loose == 0, f"{loose} found row(s) without their scan"

        assert [r[0] for r in db.execute_sql("PRAGMA integrity_check")] == ["ok"]
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        verified = audit.verify(db)
        assert verified.ok, verified.problem

        # the session reopens as it was and takes scans again
        services = Services.create(db, station=STATION)
        info = services.sessions.info(session_id)
        assert info.ended_at is None
        progress = services.sessions.progress(session_id)
        assert progress.expected_total > 0
        operator = services.auth.sign_in(USER, PIN)
        if in_flight:
            cid = in_flight[0]
            totals.in_flight += 1
            totals.in_flight_stored += cid in stored
            retried = services.sessions.scan(operator, session_id, tried[cid], client_id=cid)
            assert retried is not None
            if cid in stored:
                assert retried.scan_id == stored[cid][0], "the retry made a new record"
                shown = retried.tag.value if retried.tag else None
                assert shown == stored[cid][2], "the retry shows another tag than stored"
            count = scalar(db, f"SELECT COUNT(*) FROM scan WHERE client_id = {p}", (cid,))
            assert count == 1, f"the retry of {cid} left {count} records"
        before = services.sessions.progress(session_id)
        fresh = services.sessions.scan(
            operator, session_id, f"AFTER-{run_id}", client_id=new_client_id()
        )
        assert fresh is not None and fresh.tag is Tag.UNKNOWN
        assert services.sessions.progress(session_id).unknown == before.unknown + 1
        assert audit.verify(db).ok
    finally:
        db.close()
    totals.rounds += 1
    totals.acked += len(result.acked)
    totals.killed_starting += not result.acked


def test_acknowledged_scans_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    session_id = prepare(path)
    rng = random.Random(SEED)
    totals = Totals()
    started = time.monotonic()
    for n in range(1, ROUNDS + 1):
        run_id = f"r{n:04d}"
        result = run_worker(path, session_id, run_id, rng, tmp_path)
        try:
            check_round(path, session_id, run_id, result, totals)
        except AssertionError as exc:
            raise AssertionError(f"round {n} (RECON_CRASH_SEED={SEED}): {exc}") from exc
    elapsed = time.monotonic() - started
    print(
        f"\n{totals.rounds} kill rounds in {elapsed:.1f} s (seed {SEED}): {totals.acked} "
        f"acknowledged scans kept; {totals.in_flight} scans in flight at the kill, "
        f"{totals.in_flight_stored} of them committed, all retried once without doubles; "
        f"{totals.killed_starting} kills before the first acknowledgement"
    )
    assert totals.rounds == ROUNDS
    assert totals.acked > 0


IMPORT_ROUNDS = int(os.environ.get("RECON_CRASH_IMPORT_ROUNDS", "4"))
IMPORT_ROWS = 1000


def write_import_file(path: Path, prefix: str) -> Path:
    lines = ["Barcode,Ingredient,Location,Quantity,Lot"]
    lines += [
        f"{prefix}-{n:05d},Imported {n % 7},{prefix} Store/Shelf {n % 9}/Box {n % 40},"
        f"{n % 90}.5,L{n}"
        for n in range(IMPORT_ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_halfway_leaves_all_or_nothing(tmp_path: Path) -> None:
    """``RECON_CRASH_IMPORT_ROUNDS`` imports of 1,000 rows; the first runs to the end, the
    others are killed at a random moment within about its duration. Afterwards the file's
    items, locations and history are all there or none of them, the database checks clean
    and the same file then imports whole."""
    path = tmp_path / "crash.sqlite3"
    prepare(path)
    rng = random.Random(SEED)
    outcomes = {"all": 0, "none": 0}
    duration: float | None = None
    for n in range(1, IMPORT_ROUNDS + 1):
        prefix = f"K{n:03d}"
        csv_path = write_import_file(tmp_path / f"{prefix}.csv", prefix)
        command = [
            sys.executable,
            "-m",
            "tests.reliability.scan_worker",
            str(path),
            "0",
            prefix,
            "--user",
            ADMIN,
            "--station",
            STATION,
            "--import-file",
            str(csv_path),
        ]
        with open(tmp_path / f"{prefix}.stderr", "wb") as stderr:
            proc = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env={**os.environ, "RECON_PIN": ADMIN_PIN},
            )
            try:
                reader = LineReader(proc.stdout)
                assert reader.wait_for("PLANNED", TIMEOUT_S), (
                    tmp_path / f"{prefix}.stderr"
                ).read_text()
                planned = time.monotonic()
                if duration is None:  # the first import runs to the end: how long it takes
                    assert reader.wait_for("DONE", TIMEOUT_S)
                    duration = time.monotonic() - planned
                else:
                    time.sleep(rng.uniform(0.0, 1.1 * duration))
                    proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=TIMEOUT_S)
                reader.drain(TIMEOUT_S)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(timeout=TIMEOUT_S)
                assert proc.stdout is not None
                proc.stdout.close()
        finished = "DONE" in reader.lines
        # killed, or finished (and perhaps killed while closing after saying DONE)
        assert proc.returncode == -signal.SIGKILL or (finished and proc.returncode == 0), (
            tmp_path / f"{prefix}.stderr"
        ).read_text()

        db = open_database(path, create=False)
        try:
            p = db.param
            items = scalar(
                db, f"SELECT COUNT(*) FROM inventory_item WHERE barcode LIKE {p}", (f"{prefix}-%",)
            )
            created = scalar(
                db,
                (
                    "SELECT COUNT(*) FROM history_event h "
                    "JOIN inventory_item i ON i.id = h.item_id "
                    f"WHERE i.barcode LIKE {p} AND h.kind = 'created'"
                ),
                (f"{prefix}-%",),
            )
            places = scalar(
                db, f"SELECT COUNT(*) FROM location WHERE path LIKE {p}", (f"{prefix} Store%",)
            )
            assert items in (0, IMPORT_ROWS), f"round {n}: {items} of {IMPORT_ROWS} items kept"
            assert created == items, f"round {n}: {items} items but {created} created events"
            assert (places > 0) == (items > 0), f"round {n}: {places} locations, {items} items"
            if finished:
                assert items == IMPORT_ROWS, f"round {n}: the import said done but is missing"
            outcomes["all" if items else "none"] += 1
            assert [r[0] for r in db.execute_sql("PRAGMA integrity_check")] == ["ok"]
            verified = audit.verify(db)
            assert verified.ok, verified.problem
            # the same file imports whole now (or changes nothing when it already had)
            services = Services.create(db, station=STATION)
            importer = ImportService(db, services.admin)
            plan = importer.plan(csv_path, "Cell Biology")
            assert plan.ok and plan.new == IMPORT_ROWS - items
            importer.apply(plan, operator=services.auth.sign_in(ADMIN, ADMIN_PIN))
            assert (
                scalar(
                    db,
                    f"SELECT COUNT(*) FROM inventory_item WHERE barcode LIKE {p}",
                    (f"{prefix}-%",),
                )
                == IMPORT_ROWS
            )
            assert audit.verify(db).ok
        finally:
            db.close()
    print(f"\n{IMPORT_ROUNDS} imports killed or finished (seed {SEED}): {outcomes}")
