"""Filters and search on a large inventory, in any case and Unicode form (run by hand).

    python benchmarks/bench_search.py [--size 1000000] [--database FILE]

On SQLite, on the demo inventory of ``--size`` items with a session of the demo config
"Freezer A, Room 101" (``bench_fixtures.py``; or a copy of ``--database``, a file that
script made): the listing filters as the start dialog counts them (the lab's active items)
and the All view's search (its count and its keys, as the view asks for them when text is
typed), each timed three ways in the same run:
  - now: the code as it is (the key function only for values beyond ASCII);
  - every row: the key function called for every row (the way before);
  - baseline: SQLite's LOWER() (A-Z only: "éthanol" would not find "Éthanol"), the same
    query otherwise.
Each figure is the best of ``--runs``; the ratios to the baseline are printed beside them.
The demo's text is ASCII; the ingredient cases are then timed again with every ingredient's
name given a character beyond ASCII (" – 1", an en dash), the values that still go through
the key function.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_fixtures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--database", type=Path, help="a benchmark file to copy instead")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import peewee as pw

    from recon_desktop.core.filters import Filter
    from recon_desktop.core.records import View
    from recon_desktop.services import Services
    from recon_desktop.store import folding
    from recon_desktop.store.db import open_database

    folder = Path(tempfile.mkdtemp(prefix="recon-bench-"))
    if args.database:
        path = folder / "bench.sqlite3"
        shutil.copyfile(args.database, path)
    else:
        path = bench_fixtures.copy_of(args.size, 0, folder)
    db = open_database(path)
    services = Services.create(db, station=bench_fixtures.STATION)
    session = services.sessions.find(bench_fixtures.SESSION)
    lab = services.admin.lab("Cell Biology")
    rows = services.sessions.view_count(session.id, View.ALL_IN_LISTING)

    def count(*filters: Filter) -> Callable[[], int]:
        return lambda: services.admin.count_matching(lab.id, list(filters))

    def search_count(text: str) -> Callable[[], int]:
        return lambda: services.sessions.view_count(session.id, View.ALL_IN_LISTING, text=text)

    def search_keys(text: str) -> Callable[[], int]:
        return lambda: len(services.sessions.view_keys(session.id, View.ALL_IN_LISTING, text=text))

    active = services.admin.count_matching(lab.id, [])
    cases: list[tuple[str, Callable[[], int]]] = [
        (f"filter ingredient contains 'ethanol' ({active:,} items)", count(
            Filter("ingredient", "contains", "ethanol"))),
        (f"filter lot contains 'l17' ({active:,} items)", count(Filter("lot", "contains", "l17"))),
        (f"filter lot = 'l1791' ({active:,} items)", count(Filter("lot", "=", "l1791"))),
        (f"filter lot in 'l1791, l2000' ({active:,} items)", count(
            Filter("lot", "in", "l1791, l2000"))),
        (f"search count 'ethanol' (All view, {rows:,} rows)", search_count("ethanol")),
        (f"search keys 'ethanol' (All view, {rows:,} rows)", search_keys("ethanol")),
        (f"search keys 'rc000001' (All view, {rows:,} rows)", search_keys("rc000001")),
    ]  # fmt: skip

    now = (folding.contains, folding.equal, folding.one_of)

    def every_row() -> None:  # the key function on every row, as before
        folding.contains = lambda db, expr, text: folding._like(
            pw.fn.recon_fold(expr), f"%{folding.like_escape(folding.fold(text))}%"
        )
        folding.equal = lambda db, expr, text: pw.fn.recon_fold(expr) == folding.fold(text)
        folding.one_of = lambda db, expr, texts: pw.fn.recon_fold(expr).in_(
            [folding.fold(t) for t in texts]
        )

    def lowered() -> None:  # SQLite's LOWER(): A-Z only
        folding.contains = lambda db, expr, text: folding._like(
            pw.fn.LOWER(expr), f"%{folding.like_escape(text.lower())}%"
        )
        folding.equal = lambda db, expr, text: pw.fn.LOWER(expr) == text.lower()
        folding.one_of = lambda db, expr, texts: pw.fn.LOWER(expr).in_([t.lower() for t in texts])

    def restore() -> None:
        folding.contains, folding.equal, folding.one_of = now

    def best(run: Callable[[], int]) -> tuple[float, int]:
        times, found = [], -1
        for _ in range(args.runs):
            start = time.perf_counter()
            found = run()
            times.append((time.perf_counter() - start) * 1000)
        return min(times), found

    def measure(cases: list[tuple[str, Callable[[], int]]]) -> list[tuple[float, float]]:
        ratios: list[tuple[float, float]] = []
        for label, run in cases:
            figures: dict[str, tuple[float, int]] = {}
            for name, setup in (("baseline", lowered), ("every row", every_row), ("now", restore)):
                setup()
                figures[name] = best(run)
            restore()
            base, base_found = figures["baseline"]
            (old, old_found), (new, new_found) = figures["every row"], figures["now"]
            assert new_found == old_found == base_found, (label, figures)  # the same rows found
            ratios.append((old / base, new / base))
            print(
                f"{label:<52} now {new:6.0f} ({new / base:4.2f}); every row {old:6.0f} "
                f"({old / base:4.2f}); LOWER() {base:6.0f}; {new_found:,} found"
            )
        return ratios

    print(f"{args.size:,} items; best of {args.runs}; ms (ratio to the LOWER() baseline)")
    ratios = measure(cases)
    worst_old = max(r[0] for r in ratios)
    worst_new = max(r[1] for r in ratios)
    print(f"slowest ratio to LOWER(): now {worst_new:.2f}, every row (before) {worst_old:.2f}")
    db.execute_sql("UPDATE ingredient SET name = name || ' \u2013 1'")
    print("every ingredient's name beyond ASCII:")
    beyond = measure([case for case in cases if "ethanol" in case[0]])
    print(f"slowest ratio to LOWER(): now {max(r[1] for r in beyond):.2f}")
    db.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
