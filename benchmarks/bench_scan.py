"""Scan service and view queries on 10k and 1M inventory items (run by hand).

    python benchmarks/bench_scan.py [--sizes 10000,1000000] [--scans 2000]

Prints p50/p99 per scan (including the durable commit) beside the floor measured in the
same run: a raw sqlite3 insert + commit with the same pragmas. Then, on the largest
database, the first page (200 rows) of each view, re-sorted by every column, and counts.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recon_desktop.core.columns import VIEW_EXTRA_COLUMNS
from recon_desktop.core.records import View
from recon_desktop.services import Services, demo
from recon_desktop.store.db import (
    open_database,
    sqlite_pragmas,
    start_checkpointer,
)

CONFIG = "Freezer A, Room 101"  # about 12% of the demo items


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def floor(folder: Path, n: int) -> list[float]:
    """Raw sqlite3: one small insert + durable commit, same pragmas."""
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    for key, value in sqlite_pragmas().items():  # on macOS with F_FULLFSYNC, as the program
        conn.execute(f"PRAGMA {key}={value}")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, code TEXT, tag TEXT, at TEXT)"
    )
    times = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO t (code, tag, at) VALUES (?, ?, ?)",
            (f"RC{i:08d}", "in_scope", "2026-01-01 00:00:00.000000"),
        )
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def build(folder: Path, size: int) -> Services:
    db = open_database(folder / f"bench-{size}.sqlite3")
    services = Services.create(db, station="BENCH")
    start = time.perf_counter()
    demo.seed(services, size=size)
    print(f"  seeded {size:,} items in {time.perf_counter() - start:.1f} s")
    start_checkpointer(db)  # as the application runs it
    return services


def bench_scans(services: Services, size: int, n: int) -> tuple[list[float], int]:
    operator = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(operator, lab.id, CONFIG, f"bench {size}")
    expected = services.sessions.progress(session.id).expected_total
    rng = random.Random(1)
    codes = [
        f"RC{rng.randint(1, size):08d}" if rng.random() < 0.9 else f"X{rng.random()}"
        for _ in range(n)
    ]
    for code in codes[:50]:  # warm up caches and the connection
        services.sessions.scan(operator, session.id, code)
    times = []
    for code in codes[50:]:
        start = time.perf_counter()
        services.sessions.scan(operator, session.id, code)
        times.append((time.perf_counter() - start) * 1000)
    return times, session.id if expected else 0


def timed(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def bench_views(services: Services, session_id: int, state: str = "active") -> None:
    info = services.sessions.info(session_id)
    expected = services.sessions.progress(session_id).expected_total
    print(f"\nViews on session #{session_id} ({state}): {expected:,} expected items")
    worst_first = worst_sort = worst_count = 0.0
    for view in View:
        columns = (*info.columns, *VIEW_EXTRA_COLUMNS[view])
        first = timed(lambda view=view: services.sessions.view_page(session_id, view))
        count = timed(lambda view=view: services.sessions.view_count(session_id, view))
        sorts = {}
        for column in columns:
            for desc in (False, True):
                sorts[(column, desc)] = timed(
                    lambda c=column, d=desc, view=view: services.sessions.view_page(
                        session_id, view, sort=c, descending=d
                    ),
                    repeat=1,
                )
        slowest = max(sorts, key=lambda k: sorts[k])
        print(
            f"  {view.title:<36} first page {first:6.1f} ms   count {count:6.1f} ms   "
            f"slowest sort {sorts[slowest]:6.1f} ms ({slowest[0]}"
            f"{' desc' if slowest[1] else ''})"
        )
        worst_first = max(worst_first, first)
        worst_sort = max(worst_sort, sorts[slowest])
        worst_count = max(worst_count, count)
    print(
        f"  target: first page < 50 ms  -> {worst_first:.1f} ms "
        f"{'OK' if worst_first < 50 else 'MISSED'}"
    )
    print(
        f"  target: sorted by any column < 150 ms -> {worst_sort:.1f} ms "
        f"{'OK' if worst_sort < 150 else 'MISSED'}"
    )
    print(
        f"  target: counts < 60 ms -> {worst_count:.1f} ms {'OK' if worst_count < 60 else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--scans", type=int, default=2000)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_times = floor(folder, args.scans)
        results = {}
        last: tuple[Services, int] | None = None
        for size in sizes:
            print(f"Inventory of {size:,} items")
            services = build(folder, size)
            times, session_id = bench_scans(services, size, args.scans)
            results[size] = times
            last = (services, session_id)
        floor_times += floor(folder, args.scans)  # before and after: same noise
        f50, f99 = percentile(floor_times, 50), percentile(floor_times, 99)
        print(f"\nFloor (raw sqlite3 insert + commit): p50 {f50:.3f} ms  p99 {f99:.3f} ms")
        for size, times in results.items():
            p50, p99 = percentile(times, 50), percentile(times, 99)
            print(
                f"Scan service, {size:>9,} items: p50 {p50:.3f} ms  p99 {p99:.3f} ms  "
                f"(p99 = {p99 / f99:.2f}x floor; mean {statistics.mean(times):.3f} ms)"
            )
            ok = p99 <= 3 * f99 and p99 < 2.0
            print(f"  target: p99 <= 3x floor and < 2 ms -> {'OK' if ok else 'MISSED'}")
        if len(sizes) > 1:
            small, big = percentile(results[sizes[0]], 99), percentile(results[sizes[-1]], 99)
            ratio = big / small
            print(
                f"p99 at {sizes[-1]:,} / p99 at {sizes[0]:,} = {ratio:.2f} "
                f"(target <= 1.3) -> {'OK' if ratio <= 1.3 else 'MISSED'}"
            )
        if last:
            services, session_id = last
            bench_views(services, session_id)
            # ending copies the session's items as they are (past views read the copy)
            expected = services.sessions.progress(session_id).expected_total
            operator = services.auth.sign_in("ana", "246810")
            started = time.perf_counter()
            services.sessions.end(operator, session_id)
            print(
                f"\nEnding the session (its {expected:,} expected items kept as they were): "
                f"{(time.perf_counter() - started) * 1000:.0f} ms"
            )
            bench_views(services, session_id, "ended: items as they were")
            services.db.close()


if __name__ == "__main__":
    main()
