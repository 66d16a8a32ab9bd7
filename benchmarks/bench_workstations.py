"""Several workstations scanning into one session on one PostgreSQL server (run by hand).

    python benchmarks/bench_workstations.py [--size 200000] [--seconds 8] [--stations 8]

Starts a throw-away PostgreSQL server with durable settings (fsync and synchronous commit
on, as a real server runs), seeds the demo inventory, starts a session, then:

1. one workstation alone scanning distinct items for a fixed time;
2. N workstations (N processes, each opening the database itself under its own station
   name, released together) scanning distinct items into the same session;
3. the same N workstations scanning statement by statement, as before the scan became one
   procedure on the server (``store/scan_on_server.py``): the baseline in the same run; the
   two ways take turns, twice each, so that both see the machine as it is.

Prints scans per second and p50/p99 latency per scan (durable commit included) for each,
the ratio, the floor (a bare psycopg insert + durable commit), CPU use per scan
(workstation: the processes' own CPU time; server: its processes' from /proc), and what the
server's processes were waiting for during the N-station run, beside the targets:
p99 <= 20 ms; CPU per scan <= 0.5x statement by statement; N stations >= 4x one station's
throughput.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CONFIG = "Freezer A, Room 101"
P99_TARGET_MS = 20.0
SCALE_TARGET = 4.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def server_cpu_s(data_dir: Path, leave_out: frozenset[int] = frozenset()) -> float:
    """CPU seconds used so far by the server's processes (the postmaster's children), but
    those in ``leave_out`` (the benchmark's own sampling connection)."""
    try:
        postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(entry.name) in leave_out:
            continue
        if int(fields[1]) == postmaster or int(entry.name) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except OSError:
        return 0.0, 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0.0)
    return sum(fields) - idle, sum(fields)


# ------------------------------------------------------------------ one workstation


def station(
    url: str,
    index: int,
    user: tuple[int, str],
    session_id: int,
    codes: list[str],
    seconds: float,
    barrier: Any,
    results: Any,
    statements: bool,
) -> None:
    """One workstation in its own process: its own database connection and station name;
    ``statements``: the scan statement by statement, as before the server's procedure."""
    from recon_desktop.core.records import Operator
    from recon_desktop.services import Services
    from recon_desktop.store.db import open_database

    db = open_database(url)
    services = Services.create(db, station=f"WS-{index}")
    if statements:
        services.sessions.scans.store._on_server = False
    operator = Operator(user[0], user[1], services.station)
    services.sessions.join(operator, session_id)
    for code in codes[:20]:  # warm up the connection, the caches and the chain head
        services.sessions.scan(operator, session_id, code)
    codes = codes[20:]
    barrier.wait()
    latencies: list[float] = []
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    for code in codes:
        t0 = time.perf_counter()
        services.sessions.scan(operator, session_id, code)
        t1 = time.perf_counter()
        latencies.append((t1 - t0) * 1000)
        if t1 >= deadline:
            break
    elapsed = time.perf_counter() - start
    results.put(
        (index, latencies, elapsed, time.process_time() - cpu_start, len(latencies) == len(codes))
    )
    barrier.wait()  # the server's processes are counted before this one goes away
    db.close()


def sample_waits(
    url: str, stop: threading.Event, counts: collections.Counter[str], pids: list[int]
) -> None:
    """What the server's processes for the benchmark database wait for, every 5 ms
    (``pids`` gets this connection's server process: its CPU is not the stations')."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        pids.append(conn.info.backend_pid)
        while not stop.wait(0.005):
            rows = conn.execute(
                "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
            for state, kind, event in rows:
                if state == "active":
                    counts[f"{kind}:{event}" if kind else "running (CPU)"] += 1
                elif state == "idle in transaction":
                    counts["idle in transaction (client's turn)"] += 1
                else:
                    counts["idle (client's turn)"] += 1


def run_phase(
    url: str,
    data_dir: Path,
    name: str,
    users: list[tuple[int, str]],
    session_id: int,
    code_sets: list[list[str]],
    seconds: float,
    first_index: int,
    statements: bool = False,
) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(code_sets) + 1)
    results = ctx.Queue()
    workers = [
        ctx.Process(
            target=station,
            args=(
                url,
                first_index + i,
                users[i % len(users)],
                session_id,
                codes,
                seconds,
                barrier,
                results,
                statements,
            ),
        )
        for i, codes in enumerate(code_sets)
    ]
    for worker in workers:
        worker.start()
    waits: collections.Counter[str] = collections.Counter()
    stop = threading.Event()
    barrier.wait()
    busy0, total0 = cpu_times()
    server0 = server_cpu_s(data_dir)
    sampler_pids: list[int] = []
    sampler = threading.Thread(
        target=sample_waits, args=(url, stop, waits, sampler_pids), daemon=True
    )
    sampler.start()
    collected = [results.get(timeout=seconds + 120) for _ in workers]
    busy1, total1 = cpu_times()
    server1 = server_cpu_s(data_dir, frozenset(sampler_pids))
    barrier.wait()
    stop.set()
    sampler.join(timeout=5)
    for worker in workers:
        worker.join(timeout=30)
    latencies = [ms for _, times, _, _, _ in collected for ms in times]
    wall = max(elapsed for _, _, elapsed, _, _ in collected)
    client_cpu = sum(cpu for _, _, _, cpu, _ in collected)
    ran_out = sum(1 for *_, out in collected if out)
    figures = {
        "name": name,
        "stations": len(workers),
        "scans": len(latencies),
        "rate": len(latencies) / wall,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "mean": statistics.fmean(latencies),
        "cpu_busy": (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0,
        "client_cpu_ms": client_cpu * 1000 / len(latencies),
        "waits": waits,
        "server_cpu_ms": (server1 - server0) * 1000 / len(latencies),
        "our_share": (client_cpu + server1 - server0) / (wall * (os.cpu_count() or 1)),
        "ran_out": ran_out,
    }
    print(
        f"  {name:<22} {figures['scans']:>7,} scans in {wall:5.1f} s = "
        f"{figures['rate']:7.0f} scans/s   p50 {figures['p50']:5.2f} ms   "
        f"p99 {figures['p99']:6.2f} ms   max {figures['max']:6.1f} ms"
    )
    cpu = figures["client_cpu_ms"] + figures["server_cpu_ms"]
    print(
        f"  {'':<22} CPU per scan: workstation (Python) {figures['client_cpu_ms']:.2f} ms + "
        f"server {figures['server_cpu_ms']:.2f} ms = {cpu:.2f} ms; the machine was "
        f"{figures['cpu_busy']:.0%} busy, {figures['our_share']:.0%} of it for this run "
        "(the rest: other programs)"
    )
    if ran_out:
        print(
            f"    ({ran_out} station(s) ran out of items before the time was up: "
            "use a larger --size)"
        )
    return figures


# ------------------------------------------------------------------ the floor


def floor(url: str, n: int = 2000) -> list[float]:
    """A bare psycopg insert + durable commit of one small row: the server's own cost."""
    import psycopg

    times = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE floor (id serial PRIMARY KEY, code text, at timestamp)")
        for i in range(n):
            t0 = time.perf_counter()
            with conn.transaction():
                conn.execute("INSERT INTO floor (code, at) VALUES (%s, now())", (f"F{i}",))
            times.append((time.perf_counter() - t0) * 1000)
        conn.execute("DROP TABLE floor")
    return times


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="demo inventory items")
    parser.add_argument("--seconds", type=float, default=8.0, help="per phase")
    parser.add_argument("--stations", type=int, default=8)
    args = parser.parse_args()

    from recon_desktop.services import Services, demo
    from recon_desktop.store.db import open_database
    from recon_desktop.store.models import User
    from tests.pgserver import PostgresServer

    print(f"Machine: {os.cpu_count()} CPU cores; PostgreSQL with fsync and synchronous commit on")
    with (
        tempfile.TemporaryDirectory(prefix="bench-ws-") as tmp,
        PostgresServer(Path(tmp), durable=True) as server,
    ):
        url = server.create_database("bench")
        with server._admin_connection() as conn:
            settings = dict(
                conn.execute(
                    "SELECT name, setting FROM pg_settings WHERE name IN "
                    "('fsync', 'synchronous_commit', 'full_page_writes', 'server_version')"
                ).fetchall()
            )
        print("  server: " + ", ".join(f"{k}={v}" for k, v in sorted(settings.items())))
        db = open_database(url)
        services = Services.create(db, station="BENCH-SETUP")
        t0 = time.perf_counter()
        demo.seed(services, size=args.size)
        print(f"  seeded {args.size:,} items in {time.perf_counter() - t0:.1f} s")
        db.execute_sql("ANALYZE")
        operator = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology")
        session = services.sessions.start(operator, lab.id, CONFIG, "bench workstations")
        print(
            f"  session #{session.id}: {services.sessions.progress(session.id).expected_total:,}"
            " expected items"
        )
        users = [(u.id, u.name) for u in User.select().where(User.name.in_(["ana", "ben"]))]
        db.close()

        floor_times = floor(url)
        print(
            f"  floor (bare insert + durable commit): p50 {percentile(floor_times, 50):.2f} ms"
            f"   p99 {percentile(floor_times, 99):.2f} ms"
        )

        codes = [f"RC{n + 1:08d}" for n in range(args.size)]
        share = len(codes) // (4 * args.stations + 1)

        def code_sets(first: int) -> list[list[str]]:
            return [
                codes[share * (first + i) : share * (first + i + 1)] for i in range(args.stations)
            ]

        print(f"\nScanning distinct items for {args.seconds:.0f} s per phase")
        alone = run_phase(
            url, server.data_dir, "1 workstation", users, session.id, [codes[:share]],
            args.seconds, first_index=0,
        )  # fmt: skip
        # N stations, the two ways taking turns (so that both see the machine as it is)
        phases: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        for turn, statements in enumerate((True, False, True, False)):
            name = f"{args.stations}, " + ("one by one" if statements else "procedure")
            phases[statements].append(
                run_phase(
                    url,
                    server.data_dir,
                    name,
                    users,
                    session.id,
                    code_sets(1 + turn * args.stations),
                    args.seconds,
                    first_index=1 + turn * args.stations,
                    statements=statements,
                )
            )
        many = phases[False][-1]
        many["p99"] = max(f["p99"] for f in phases[False])
        many["name"] = f"{args.stations} workstations"

        total = sum(many["waits"].values()) or 1
        print(
            f"\n  while {args.stations} workstations scanned, their server processes were "
            "(share of samples):"
        )
        for what, count in many["waits"].most_common(8):
            print(f"    {count / total:6.1%}  {what}")
        locks = sum(n for what, n in many["waits"].items() if what.startswith("Lock:"))
        many["lock_share"] = locks / total
        print(
            f"    waiting for row or table locks (contention between stations): {locks / total:.1%}"
        )

    ratio = many["rate"] / alone["rate"]
    cores = os.cpu_count() or 1

    def cpu(figures: list[dict[str, Any]]) -> float:
        return statistics.fmean(f["client_cpu_ms"] + f["server_cpu_ms"] for f in figures)

    cpu_per_scan, cpu_before = cpu(phases[False]), cpu(phases[True])
    ceiling = cores * 1000 / cpu_per_scan if cpu_per_scan else float("inf")
    print(
        f"\n  CPU ceiling: {cores} cores / {cpu_per_scan:.2f} ms of CPU per scan = "
        f"{ceiling:.0f} scans/s at most; {SCALE_TARGET:.0f}x one station needs "
        f"{SCALE_TARGET * alone['rate']:.0f} scans/s"
    )
    print(
        f"\n  CPU per scan with {args.stations} stations (the mean of the two turns each): "
        f"{cpu_per_scan:.2f} ms with the scan as one procedure on the server, "
        f"{cpu_before:.2f} ms statement by statement (the way before): "
        f"{cpu_per_scan / cpu_before:.2f}x"
    )
    print("\nTargets")
    print(
        f"  CPU per scan <= 0.5x statement by statement: {cpu_per_scan / cpu_before:.2f}x   "
        f"{'OK' if cpu_per_scan <= 0.5 * cpu_before else 'MISSED'}"
    )
    for figures in (alone, many):
        ok = figures["p99"] <= P99_TARGET_MS
        print(
            f"  p99 <= {P99_TARGET_MS:.0f} ms, {figures['name']:<16}: "
            f"{figures['p99']:6.2f} ms   {'OK' if ok else 'MISSED'}"
        )
    print(
        f"  {args.stations} stations >= {SCALE_TARGET:.0f}x one station: {ratio:.2f}x "
        f"({many['rate']:.0f} vs {alone['rate']:.0f} scans/s)   "
        f"{'OK' if ratio >= SCALE_TARGET else 'MISSED'}"
    )
    print(
        f"  (on {os.cpu_count()} CPU cores shared by {args.stations} Python processes and "
        "their server processes)"
    )
    if ratio < SCALE_TARGET:
        lock_share = many["lock_share"]
        if ceiling < SCALE_TARGET * alone["rate"]:
            print(
                f"  why: CPU. Even with the machine to itself, {cores} cores at "
                f"{cpu_per_scan:.2f} ms per scan give at most {ceiling:.0f} scans/s, less "
                f"than {SCALE_TARGET:.0f}x one station; stations waited for each other's "
                f"locks in {lock_share:.1%} of the samples."
            )
        else:
            print(
                f"  why: not the CPU ceiling ({ceiling:.0f} scans/s); lock waits "
                f"{lock_share:.1%} of the samples; other programs took "
                f"{1 - many['our_share']:.0%} of the machine."
            )


if __name__ == "__main__":
    main()
