"""The scan path, progress, the poll, the end of a session and its report, at several
session sizes (run by hand).

    python benchmarks/bench_scan.py [--size 1000000] [--session-scans 0,100000,300000]
                                    [--scans 2000] [--no-views]

On the demo inventory (1,000,000 items) with a session of the demo config "Freezer A,
Room 101" (about 120,000 expected items) already holding N scans (built once and kept:
``bench_fixtures.py``), for each N:

- the scan service beside the equivalent raw ``sqlite3`` path in the same process and on
  the same file (barcode lookup, scope check, insert, durable commit), interleaved in
  blocks so that both see the same noise; goal: p99 <= 2x the raw path's;
- progress (the kept counts) and the poll when nothing changed and after another
  workstation's scan, beside a recount of the session (the way before the counts were
  kept) and beside the same figure with no scans; goal: flat (N / 0 <= 1.5).

Then, at the smallest and the largest N, ending the session beside a plain durable copy
of the same rows (the items it keeps, with their names, copied by one INSERT ... SELECT
into a table like ``ended_item``), and its report (.xlsx) per row beside openpyxl's plain
write-only ``append`` of rows of the same kind; goal: each <= 2x. Last, on the largest
session, the views: first page, sorted by every column, counts (active, then ended).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_fixtures
from recon_desktop.core.columns import VIEW_EXTRA_COLUMNS
from recon_desktop.core.records import Operator, View
from recon_desktop.services import Services
from recon_desktop.store import counters
from recon_desktop.store.db import open_database, sqlite_pragmas, start_checkpointer

BLOCK = 50  # scans per block; the service and the raw path take turns


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


# ------------------------------------------------------------------ the raw path


class RawPath:
    """The scan as plain ``sqlite3`` would do it: the item and whether it is expected in
    one query, one scan row inserted, a durable commit. Same file, same pragmas."""

    def __init__(self, path: Path, session_id: int, user_id: int) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        for key, value in sqlite_pragmas().items():  # on macOS with F_FULLFSYNC, as ours
            self.conn.execute(f"PRAGMA {key}={value}")
        self.session_id, self.user_id = session_id, user_id
        self.seq = 0

    def scan(self, code: str) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute(
            "SELECT i.id, g.name, l.path, i.quantity, i.unit, EXISTS (SELECT 1 FROM "
            "expected_item e WHERE e.session_id = ? AND e.item_id = i.id) "
            "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
            "JOIN location l ON l.id = i.location_id WHERE i.barcode = ?",
            (self.session_id, code),
        ).fetchone()
        tag = "unknown" if row is None else "in_scope" if row[5] else "not_in_scope"
        self.seq += 1
        conn.execute(
            "INSERT INTO scan (client_id, session_id, kind, raw, barcode, tag, item_id, "
            "location_seen, quantity_seen, unit_seen, wrong_location, user_id, station, "
            "scanned_at, seq, prev_hash, hash) "
            "VALUES (?, ?, 'item', ?, ?, ?, ?, ?, ?, ?, 0, ?, 'RAW-PATH', ?, ?, ?, ?)",
            (
                f"raw-{time.perf_counter_ns()}-{self.seq}",
                self.session_id,
                code,
                code,
                tag,
                *((row[0], row[2], row[3], row[4]) if row else (None, None, None, None)),
                self.user_id,
                "2026-01-01 00:00:00.000000",
                self.seq,
                "0" * 64,
                "0" * 64,
            ),
        )
        conn.execute("COMMIT")


# ------------------------------------------------------------------ one session size


def open_copy(folder: Path, size: int, scans: int) -> tuple[Services, Path]:
    path = bench_fixtures.copy_of(size, scans, folder)
    db = open_database(path)
    start_checkpointer(db)  # as the application runs it
    return Services.create(db, station=bench_fixtures.STATION), path


def bench_size(folder: Path, size: int, n: int, scans: int) -> dict[str, Any]:
    services, path = open_copy(folder, size, n)
    sessions = services.sessions
    ana = services.auth.sign_in(bench_fixtures.USER, bench_fixtures.PIN)
    session = sessions.find(bench_fixtures.SESSION)
    other = Services.create(services.db, station="BENCH-2")
    ben = Operator(ana.user_id, ana.name, other.station)
    other.sessions.join(ben, session.id)
    raw = RawPath(path, session.id, ana.user_id)
    rng = random.Random(1)
    codes = [
        f"RC{rng.randint(1, size):08d}" if rng.random() < 0.9 else f"X{rng.random()}"
        for _ in range(scans + 2 * BLOCK)
    ]
    for code in codes[:BLOCK]:  # warm up caches and connections
        sessions.scan(ana, session.id, code)
        raw.scan(code)
    ours: list[float] = []
    theirs: list[float] = []
    for first in range(BLOCK, len(codes) - BLOCK, BLOCK):
        block = codes[first : first + BLOCK]
        turns = [(ours, lambda c: sessions.scan(ana, session.id, c)), (theirs, raw.scan)]
        for times, do in turns if (first // BLOCK) % 2 else reversed(turns):
            for code in block:
                start = time.perf_counter()
                do(code)
                times.append((time.perf_counter() - start) * 1000)
    figures: dict[str, Any] = {
        "scan": ours,
        "raw": theirs,
        "progress": median_ms(lambda: sessions.progress(session.id), 300),
        "recount": median_ms(lambda: counters.recount(services.db, session.id), 3),
    }
    seen = sessions.poll(session.id, {}).seen
    figures["poll_idle"] = median_ms(lambda: sessions.poll(session.id, seen), 300)
    after_scan = []
    for code in codes[-BLOCK:]:
        other.sessions.scan(ben, session.id, code)
        start = time.perf_counter()
        polled = sessions.poll(session.id, seen)
        after_scan.append((time.perf_counter() - start) * 1000)
        assert len(polled.entries) == 1
        seen = polled.seen
    figures["poll_new"] = statistics.median(after_scan)
    raw.conn.close()
    services.db.close()
    return figures


# ------------------------------------------------------------------ the end and the report


def bench_end(folder: Path, size: int, n: int) -> tuple[float, float, int]:
    """(ending ms, floor ms, rows kept): the end on a fresh copy, then the floor: the same
    rows, by the same INSERT ... SELECT, into a table like ended_item, durable commit."""
    services, _ = open_copy(folder, size, n)
    db = services.db
    ana = services.auth.sign_in(bench_fixtures.USER, bench_fixtures.PIN)
    session = services.sessions.find(bench_fixtures.SESSION)
    start = time.perf_counter()
    services.sessions.end(ana, session.id)
    ended = (time.perf_counter() - start) * 1000
    kept = db.execute_sql(
        "SELECT COUNT(*) FROM ended_item WHERE session_id = ?", (session.id,)
    ).fetchone()[0]
    ddl = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'ended_item'").fetchone()[0]
    db.execute_sql(ddl.replace('"ended_item"', '"floor_copy"', 1))
    start = time.perf_counter()
    with db.atomic():
        db.execute_sql(
            "INSERT INTO floor_copy SELECT e.session_id, i.id, i.barcode, g.name, g.type, "
            "l.name, loc.path, i.status, i.quantity, i.unit, i.lot, i.expires_on, "
            "e.last_verified_at FROM ended_item e JOIN inventory_item i ON i.id = e.item_id "
            "JOIN ingredient g ON g.id = i.ingredient_id JOIN lab l ON l.id = i.lab_id "
            "JOIN location loc ON loc.id = i.location_id WHERE e.session_id = ?",
            (session.id,),
        )
    floor = (time.perf_counter() - start) * 1000
    db.close()
    return ended, floor, int(kept)


def plain_workbook_ms_per_row(folder: Path, rows: list[tuple[Any, ...]]) -> float:
    """openpyxl's public write-only API, plain ``append`` of the rows, saved: per row."""
    from openpyxl import Workbook

    start = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Rows")
    for row in rows:
        sheet.append(row)
    book.save(folder / "plain.xlsx")
    return (time.perf_counter() - start) * 1000 / len(rows)


def bench_report(folder: Path, size: int, n: int) -> tuple[float, int, float]:
    """(report ms, rows written, plain ms per row) for the session with ``n`` scans."""
    from python_calamine import CalamineWorkbook

    from recon_desktop.services import reporting

    services, _ = open_copy(folder, size, n)
    session = services.sessions.find(bench_fixtures.SESSION)
    target = folder / f"report-{n}.xlsx"
    start = time.perf_counter()
    reporting.export_report(services, session.id, target, exported_by="bench")
    took = (time.perf_counter() - start) * 1000
    book = CalamineWorkbook.from_path(str(target))
    rows = sum(
        len(book.get_sheet_by_name(name).to_python()) - 1
        for name in book.sheet_names
        if name not in ("Summary", "Long text")
    )
    # rows of the same kinds for the plain write: the scans sheet's and a view's
    sample = [
        reporting.scan_row(entry) for entry in services.sessions.scan_log(session.id, limit=20_000)
    ] + [
        row
        for _, row in zip(
            range(20_000),
            services.sessions.view_page(session.id, View.ALL_IN_LISTING, limit=20_000).rows,
            strict=False,
        )
    ]
    plain = plain_workbook_ms_per_row(folder, sample)
    services.db.close()
    return took, rows, plain


# ------------------------------------------------------------------ the views


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def bench_views(services: Services, session_id: int, state: str) -> None:
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
    print(f"  target: first page < 50 ms -> {worst_first:.1f} ms {verdict(worst_first < 50)}")
    print(
        f"  target: sorted by any column < 150 ms -> {worst_sort:.1f} ms "
        f"{verdict(worst_sort < 150)}"
    )
    print(f"  target: counts < 60 ms -> {worst_count:.1f} ms {verdict(worst_count < 60)}")


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="demo inventory items")
    parser.add_argument("--session-scans", default="0,100000,300000")
    parser.add_argument("--scans", type=int, default=2000, help="scans timed per size")
    parser.add_argument("--no-views", action="store_true", help="skip the views")
    args = parser.parse_args()
    sizes = [int(n) for n in args.session_scans.split(",")]
    print(f"Demo inventory of {args.size:,} items; session sizes {sizes}")
    for n in sizes:
        bench_fixtures.ensure(args.size, n)
    with tempfile.TemporaryDirectory(prefix="recon-bench-scan-") as tmp:
        folder = Path(tmp)
        figures = {n: bench_size(folder, args.size, n, args.scans) for n in sizes}
        print("\nThe scan: service vs the raw sqlite3 path (lookup, scope, insert, commit)")
        for n, f in figures.items():
            s50, s99 = percentile(f["scan"], 50), percentile(f["scan"], 99)
            r50, r99 = percentile(f["raw"], 50), percentile(f["raw"], 99)
            print(
                f"  at {n:>7,} scans: service p50 {s50:.3f} ms p99 {s99:.3f} ms; raw p50 "
                f"{r50:.3f} ms p99 {r99:.3f} ms; p50 {s50 / r50:.2f}x, p99 {s99 / r99:.2f}x "
                f"(goal p99 <= 2x) {verdict(s99 <= 2 * r99)}"
            )
        base = figures[sizes[0]]
        print(f"\nProgress and the poll (median ms; N / {sizes[0]:,} scans: goal <= 1.5)")
        for n, f in figures.items():
            print(
                f"  at {n:>7,} scans: progress {f['progress']:.3f} ms "
                f"({f['progress'] / base['progress']:.2f}x; a recount: {f['recount']:.1f} ms)"
                f"   poll, nothing new {f['poll_idle']:.3f} ms "
                f"({f['poll_idle'] / base['poll_idle']:.2f}x)   poll after a scan elsewhere "
                f"{f['poll_new']:.3f} ms ({f['poll_new'] / base['poll_new']:.2f}x)"
            )
        last = figures[sizes[-1]]
        flat = all(last[k] <= 1.5 * base[k] for k in ("progress", "poll_idle", "poll_new"))
        print(f"  flat at {sizes[-1]:,} scans: {verdict(flat)}")
        ends = sorted({sizes[0], sizes[-1]})
        print("\nEnding the session beside a plain durable copy of the same rows (median of 3)")
        for n in ends:
            runs = [bench_end(folder, args.size, n) for _ in range(3)]
            ended = statistics.median(r[0] for r in runs)
            floor = statistics.median(r[1] for r in runs)
            print(
                f"  at {n:>7,} scans: end {ended:.0f} ms, floor {floor:.0f} ms "
                f"({runs[0][2]:,} rows kept): {ended / floor:.2f}x (goal <= 2x) "
                f"{verdict(ended <= 2 * floor)}"
            )
        print("\nThe session's report beside openpyxl's plain write-only append, per row")
        for n in ends:
            took, rows, plain = bench_report(folder, args.size, n)
            per_row = took / rows
            print(
                f"  at {n:>7,} scans: {took / 1000:.1f} s for {rows:,} rows = "
                f"{per_row * 1000:.1f} µs a row; plain {plain * 1000:.1f} µs a row: "
                f"{per_row / plain:.2f}x (goal <= 2x) {verdict(per_row <= 2 * plain)}"
            )
        if not args.no_views:
            services, _ = open_copy(folder, args.size, sizes[-1])
            session = services.sessions.find(bench_fixtures.SESSION)
            bench_views(services, session.id, f"active, {sizes[-1]:,} scans")
            ana = services.auth.sign_in(bench_fixtures.USER, bench_fixtures.PIN)
            services.sessions.end(ana, session.id)
            bench_views(services, session.id, "ended: items as they were")
            services.db.close()


if __name__ == "__main__":
    main()
