"""Excel export and import figures beside their targets (run by hand).

    pip install pandas          # the comparison only; not a dependency of recon-desktop
    python benchmarks/bench_excel.py [--items 100000] [--scans 50000] [--rounds 1]
                                     [--only export|import]

1. Session report of a session with ``--items`` expected items and ``--scans`` scans:
   rows per second and peak memory (ru_maxrss of a child process that does only the
   export), beside ``pandas.DataFrame.to_excel`` (openpyxl engine) writing the same rows
   (fetched beforehand, so pandas is not charged for the database) in the same run.
   The export is repeated on a session a quarter of the size: peak memory must not grow
   with rows. Targets: >= 1.8x pandas' rows/s; peak memory < 150 MB and flat.
   The report is also written through openpyxl's public API alone (the row patch of
   ``services/_openpyxl_internals.py`` off), alternating with the patched export for
   ``--rounds`` rounds (medians): the patch is kept only while it is more than 1.2x faster.
2. Import of a ``--items``-row .xlsx: end to end (checks, parse, validate, write, history)
   against python-calamine alone reading the same file. Target: within 3x. Measured as
   the window runs it (the application's background WAL checkpointer copies the commit
   into the database afterwards) and, for information, as the command line runs it
   (SQLite's own checkpoint on the commit). Five rounds; each round's ratio compares
   times taken seconds apart, and the medians are printed.

The databases are seeded with raw ``executemany`` inserts in one transaction (scan and
history chain fields are placeholders: the benchmark does not verify chains).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recon_desktop.store.db import open_database, transaction, utcnow

ROOT = Path(__file__).resolve().parent.parent
TARGET_SPEEDUP = 1.8
TARGET_MEMORY_MB = 150
TARGET_IMPORT_RATIO = 3.0
PATCH_WORTH = 1.2  # the row patch is dropped when it is not this much faster
COLUMNS = [
    "barcode",
    "ingredient",
    "ingredient_type",
    "location",
    "quantity",
    "unit",
    "status",
    "lot",
    "expiry",
    "last_verified",
]


# ---------------------------------------------------------------- seeding


def seed_session(path: Path, items: int, scans: int) -> int:
    """A lab with ``items`` active items, a session expecting all of them, ``scans`` scans
    (80% distinct expected items, 10% unknown barcodes, 10% repeats) and a few actions."""
    from recon_desktop.services import Services

    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    services.admin.create_first_admin("Bench Lab", "ana", "482913")
    lab = services.admin.lab("Bench Lab")
    operator = services.auth.sign_in("ana", "482913")
    leaves = [
        services.admin.ensure_location(operator, f"Building 1/Room {r}/Freezer {f}/Shelf {s}").id
        for r in range(1, 5)
        for f in "AB"
        for s in range(1, 6)
    ]
    ingredients = [
        services.admin.ensure_ingredient(operator, f"Ingredient {n}", "reagent") for n in range(50)
    ]
    now = utcnow().isoformat(sep=" ", timespec="microseconds")
    p = db.param
    with transaction(db):
        db.cursor().executemany(
            "INSERT INTO inventory_item (barcode, ingredient_id, lab_id, location_id, quantity, "
            "unit, status, lot, expires_on, version, created_at) VALUES "
            f"({', '.join([p] * 11)})",
            (
                (
                    f"BC{n:09d}",
                    ingredients[n % 50],
                    lab.id,
                    leaves[n % len(leaves)],
                    (n % 5000 + 1) * 125_000,
                    "mL",
                    "active",
                    f"LOT-{n % 997}",
                    f"2027-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                    1,
                    now,
                )
                for n in range(items)
            ),
        )
    services.admin.add_config(operator, "Everything", "Bench Lab", [], COLUMNS)
    session = services.sessions.start(operator, lab.id, "Everything", "Benchmark count")
    ids = dict(db.execute_sql("SELECT barcode, id FROM inventory_item").fetchall())
    distinct = int(scans * 0.8)
    unknown = int(scans * 0.1)  # the rest are repeats
    scan_rows = []
    found_rows = []
    for n in range(scans):
        if n < distinct:
            code, tag = f"BC{n:09d}", "in_scope"
        elif n < distinct + unknown:
            code, tag = f"UNKNOWN-{n}", "unknown"
        else:
            code, tag = f"BC{(n - distinct - unknown) % max(distinct, 1):09d}", "already_scanned"
        item = ids.get(code)
        scan_rows.append(
            (
                f"c{n}",
                session.id,
                "item",
                code,
                code,
                tag,
                item,
                "Building 1/Room 1/Freezer A/Shelf 1" if item else None,
                1_000_000 if item else None,
                "mL" if item else None,
                0,
                operator.user_id,
                "BENCH-1",
                now,
                n + 1,
                "0" * 64,
                "0" * 64,
            )
        )
        if tag != "already_scanned":
            found_rows.append(
                (session.id, code, item, tag, f"c{n}", now, operator.user_id, "BENCH-1")
            )
    with transaction(db):
        db.cursor().executemany(
            "INSERT INTO scan (client_id, session_id, kind, raw, barcode, tag, item_id, "
            "location_seen, quantity_seen, unit_seen, wrong_location, user_id, station, "
            f"scanned_at, seq, prev_hash, hash) VALUES ({', '.join([p] * 17)})",
            scan_rows,
        )
        db.cursor().executemany(
            "INSERT INTO found (session_id, barcode, item_id, tag, scan_client_id, found_at, "
            f"user_id, station) VALUES ({', '.join([p] * 8)})",
            found_rows,
        )
        db.execute_sql(f"DELETE FROM chain_head WHERE name = {p}", ("scan:BENCH-1",))
    for n in range(20):
        services.actions.set_field(
            operator,
            ids[f"BC{items - 1 - n:09d}"],
            "lot",
            f"NEW-{n}",
            reason="relabelled",
            session_id=session.id,
        )
    db.close()
    return int(session.id)


# ---------------------------------------------------------------- child processes


def child_export(db_path: str, session_id: int, out: str, patched: bool = True) -> dict[str, float]:
    from recon_desktop.services import Services, _openpyxl_internals, reporting
    from recon_desktop.store import scans

    _openpyxl_internals.ENABLED = patched
    db = open_database(db_path)
    services = Services.create(db, station="BENCH-1")
    rows = sum(services.sessions.view_count(session_id, v) for v in reporting.View)
    rows += scans.scan_count(db, session_id) + 20
    started = time.perf_counter()
    reporting.export_report(services, session_id, Path(out), exported_by="bench")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": rows}


def child_pandas(db_path: str, session_id: int, out: str) -> dict[str, float]:
    import pandas as pd

    from recon_desktop.services import Services, reporting

    db = open_database(db_path)
    services = Services.create(db, station="BENCH-1")
    info = services.sessions.info(session_id)
    sheets = {}
    for view, title in reporting.SHEET_TITLES.items():
        columns = reporting.view_columns(info.columns, view)
        rows = [
            row
            for _, row in reporting.queries.view_rows(session_id, view, info.columns, batch=20_000)
        ]
        sheets[title] = ([c.header for c in columns], rows)
    scans = [reporting.scan_row(e) for e in services.sessions.scan_log(session_id)]
    sheets["Scans"] = ([c.header for c in reporting.SCAN_COLUMNS], scans)
    rows_total = sum(len(rows) for _, rows in sheets.values())
    started = time.perf_counter()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for title, (header, rows) in sheets.items():
            frame = pd.DataFrame(
                [[str(v) if hasattr(v, "value") else v for v in r] for r in rows], columns=header
            )
            frame.to_excel(writer, sheet_name=title, index=False)
    return {"seconds": time.perf_counter() - started, "rows": rows_total}


def run_child(kind: str, *args: object) -> dict[str, float]:
    code = (
        f"import json, resource, sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from benchmarks.bench_excel import child_export, child_pandas; "
        f"r = child_{kind}(*json.loads(sys.argv[1])); "
        "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; "
        "print(json.dumps(r))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(list(args))],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- import


def write_import_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Inventory")
    ws.append(
        [
            "Barcode",
            "Ingredient",
            "Ingredient type",
            "Location",
            "Quantity",
            "Unit",
            "Status",
            "Lot",
            "Expiry",
        ]
    )
    for n in range(rows):
        ws.append(
            [
                f"IM{n:09d}",
                f"Ingredient {n % 40}",
                "reagent",
                f"Building 2/Room {n % 6}/Freezer {n % 3}",
                (n % 900 + 1) / 4,
                "mL",
                "active",
                f"LOT-{n % 1000}",
                f"2028-{n % 12 + 1:02d}-01",
            ]
        )
    wb.save(path)


def bench_import(folder: Path, rows: int, runs: int = 5) -> dict[str, float]:
    """``runs`` rounds, each: python-calamine's bare read, then the import end to end as
    the window runs it (with the background WAL checkpointer the application starts), then
    as the command line runs it (SQLite copies the WAL into the database on the commit),
    each into a new database. Each round's ratios compare times taken seconds apart (this
    machine's speed drifts); the medians over the rounds are reported."""
    from python_calamine import CalamineWorkbook

    path = folder / "import.xlsx"
    write_import_file(path, rows)
    rounds: dict[str, list[float]] = {
        "bare": [],
        "window": [],
        "cli": [],
        "window_ratio": [],
        "cli_ratio": [],
    }
    for run in range(runs):
        started = time.perf_counter()
        data = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        bare = time.perf_counter() - started
        assert len(data) == rows + 1
        del data
        window = import_once(folder / f"window-{run}.sqlite3", path, rows, checkpointer=True)
        cli = import_once(folder / f"cli-{run}.sqlite3", path, rows, checkpointer=False)
        for key, value in (
            ("bare", bare),
            ("window", window),
            ("cli", cli),
            ("window_ratio", window / bare),
            ("cli_ratio", cli / bare),
        ):
            rounds[key].append(value)
    return {key: statistics.median(values) for key, values in rounds.items()}


def import_once(db_path: Path, path: Path, rows: int, *, checkpointer: bool) -> float:
    from recon_desktop.services import Services
    from recon_desktop.services.importing import ImportService
    from recon_desktop.store.db import start_checkpointer

    db = open_database(db_path)
    services = Services.create(db, station="BENCH-1")
    services.admin.create_first_admin("Import Lab", "ana", "482913")
    operator = services.auth.sign_in("ana", "482913")
    running = start_checkpointer(db) if checkpointer else None
    importer = ImportService(db, services.admin)
    started = time.perf_counter()
    plan = importer.plan(path, "Import Lab")
    assert plan.ok, plan.problems[:3]
    importer.apply(plan, operator=operator)
    seconds = time.perf_counter() - started
    assert plan.new == rows
    if running is not None:
        running.stop()
    db.close()
    return seconds


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=50_000)
    parser.add_argument(
        "--rounds", type=int, default=1, help="export rounds, patched and public alternately"
    )
    parser.add_argument(
        "--only", choices=("export", "import"), help="run one of the two benchmarks"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-excel-") as tmp:
        folder = Path(tmp)
        if args.only is None:
            report_export(folder, args.items, args.scans, args.rounds)
            # the import in a process of its own: the export's seeding leaves a large heap
            subprocess.run(
                [sys.executable, __file__, "--only", "import", "--items", str(args.items)],
                check=True,
            )
            return
        if args.only == "export":
            report_export(folder, args.items, args.scans, args.rounds)
        else:
            got = bench_import(folder, args.items)
            print(f"\nImport of a {args.items:,}-row .xlsx (medians of 5 rounds)")
            print(f"  python-calamine bare read: {got['bare']:.2f} s")
            print(
                f"  recon-desktop end to end, as the window runs it: {got['window']:.2f} s; "
                f"{got['window_ratio']:.2f}x the bare read of its round "
                f"(target <= {TARGET_IMPORT_RATIO}x)"
            )
            print(
                f"  the same from the command line (WAL copied into the database on the "
                f"commit): {got['cli']:.2f} s; {got['cli_ratio']:.2f}x"
            )
    print(
        f"\n(this process peaked at "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
        f"{os.cpu_count()} CPUs)"
    )


def report_export(folder: Path, items: int, scans: int, rounds: int = 1) -> None:
    print(f"Seeding {items:,} items / {scans:,} scans (and a quarter-size session)…", flush=True)
    big = folder / "big.sqlite3"
    small = folder / "small.sqlite3"
    big_session = seed_session(big, items, scans)
    small_session = seed_session(small, items // 4, scans // 4)

    patched: list[dict[str, float]] = []
    public: list[dict[str, float]] = []
    for _ in range(max(1, rounds)):
        patched.append(run_child("export", str(big), big_session, str(folder / "ours.xlsx")))
        public.append(
            run_child("export", str(big), big_session, str(folder / "public.xlsx"), False)
        )
    ours = {
        key: statistics.median(r[key] for r in patched) for key in ("seconds", "rows", "peak_mb")
    }
    public_rate = statistics.median(r["rows"] / r["seconds"] for r in public)
    ours_small = run_child("export", str(small), small_session, str(folder / "s.xlsx"))
    try:
        theirs = run_child("pandas", str(big), big_session, str(folder / "pandas.xlsx"))
    except subprocess.CalledProcessError as exc:
        print("pandas comparison failed (pip install pandas?):", exc.stderr[-400:])
        theirs = None
    our_rate = statistics.median(r["rows"] / r["seconds"] for r in patched)
    print(f"\nSession report export (medians of {len(patched)} round(s))")
    print(
        f"  recon-desktop: {ours['rows']:,.0f} rows in {ours['seconds']:.1f} s = "
        f"{our_rate:,.0f} rows/s, peak {ours['peak_mb']:.0f} MB "
        f"(target < {TARGET_MEMORY_MB} MB)"
    )
    print(
        f"  the same through openpyxl's public API (row patch off): {public_rate:,.0f} "
        f"rows/s; the patch is {our_rate / public_rate:.2f}x that "
        f"(kept while > {PATCH_WORTH}x)"
    )
    print(
        f"  quarter size:  {ours_small['rows']:,.0f} rows, peak "
        f"{ours_small['peak_mb']:.0f} MB (growth "
        f"{ours['peak_mb'] - ours_small['peak_mb']:+.0f} MB for 4x the rows; the "
        "Python heap stays ~5 MB, SQLite's page cache is capped at 32 MB)"
    )
    if theirs is not None:
        their_rate = theirs["rows"] / theirs["seconds"]
        print(
            f"  pandas to_excel (openpyxl): {theirs['rows']:,.0f} rows in "
            f"{theirs['seconds']:.1f} s = {their_rate:,.0f} rows/s, peak "
            f"{theirs['peak_mb']:.0f} MB"
        )
        print(f"  speed-up: {our_rate / their_rate:.2f}x (target >= {TARGET_SPEEDUP}x)")


if __name__ == "__main__":
    main()
