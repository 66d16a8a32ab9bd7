"""Benchmark databases, built once and kept: the demo inventory and a session of the demo
config "Freezer A, Room 101" holding N scans (made in bulk through ``demo.fill_session``).

    python benchmarks/bench_fixtures.py --size 1000000 --session-scans 0,100000,300000

builds what is missing (each in a process of its own, so a benchmark's own memory figures
never include it). A benchmark takes a fresh copy of a kept file with ``copy_of``; the kept
files live in the system's temporary folder under ``recon-bench-cache`` (delete it to build
again). A file is named by the inventory size, the number of scans, the schema version and
a digest of the code that makes it (a change there builds it anew).

The session's scans are made by workstation BENCH-FILL; workstation BENCH (the benchmarks'
window) has cleared its on-screen list before the benchmark starts, so its scanned list
holds the scans of the run only while the session holds all of them.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = Path(tempfile.gettempdir()) / "recon-bench-cache"
CONFIG = "Freezer A, Room 101"
SESSION = "Bench count"
STATION = "BENCH"  # the benchmarks' own workstation
FILLER = "BENCH-FILL"  # the workstation that made the session's earlier scans
USER, PIN = "ana", "246810"


# the code that decides what a kept file holds: a change to any of them builds anew
MAKERS = (
    "recon_desktop/store/models.py",
    "recon_desktop/store/schema.py",
    "recon_desktop/store/bulk_scans.py",
    "recon_desktop/services/demo.py",
    "benchmarks/bench_fixtures.py",
)


def kept_path(size: int, scans: int) -> Path:
    from recon_desktop.store.schema import SCHEMA_VERSION

    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in MAKERS))
    return (
        CACHE / f"items{size}-scans{scans}-schema{SCHEMA_VERSION}-{digest.hexdigest()[:8]}.sqlite3"
    )


def _build(path: Path, size: int, scans: int) -> None:
    """Run in a process of its own: the inventory (or a copy of the file with no scans),
    the session, its scans, then workstation BENCH's list cleared."""
    from recon_desktop.core.records import Operator
    from recon_desktop.services import Services, demo
    from recon_desktop.store.db import open_database

    empty = kept_path(size, 0)
    if scans and empty.exists():
        shutil.copyfile(empty, path)
    db = open_database(path)
    try:
        services = Services.create(db, station=STATION)
        if not (scans and empty.exists()):
            demo.seed(services, size=size)
            ana = services.auth.sign_in(USER, PIN)
            lab = services.admin.lab("Cell Biology")
            services.sessions.start(ana, lab.id, CONFIG, SESSION)
        ana = services.auth.sign_in(USER, PIN)
        session = services.sessions.find(SESSION)
        if scans:
            filler = Operator(ana.user_id, ana.name, FILLER)
            services.sessions.join(filler, session.id)
            demo.fill_session(services, filler, session.id, scans)
            services.sessions.clear_list(ana, session.id)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def ensure(size: int, scans: int) -> Path:
    """The kept file for ``size`` items and ``scans`` scans, built first when missing."""
    path = kept_path(size, scans)
    if path.exists():
        return path
    if scans:
        ensure(size, 0)  # the others start from a copy of it
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--build", str(partial), str(size), str(scans)],
        check=True,
        cwd=ROOT,
    )
    partial.rename(path)
    print(
        f"  (built {path.name} in {time.perf_counter() - started:.0f} s; kept for later runs)",
        flush=True,
    )
    return path


def copy_of(size: int, scans: int, folder: Path) -> Path:
    """A fresh copy of the kept file in ``folder`` (the benchmark writes to it)."""
    source = ensure(size, scans)
    target = folder / f"bench-{size}-{scans}.sqlite3"
    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(source, target)  # checkpointed when built: the file is all of it
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--session-scans", default="0,100000,300000")
    parser.add_argument("--build", nargs=3, metavar=("PATH", "SIZE", "SCANS"), help="internal")
    args = parser.parse_args()
    if args.build:
        _build(Path(args.build[0]), int(args.build[1]), int(args.build[2]))
        return
    for scans in (int(n) for n in args.session_scans.split(",")):
        print(ensure(args.size, scans))


if __name__ == "__main__":
    main()
