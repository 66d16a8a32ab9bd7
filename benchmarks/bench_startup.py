"""Cold start: the window's imports with psycopg attached on demand vs imported by peewee.

    python benchmarks/bench_startup.py [--runs 15]

Each run is a fresh interpreter importing what the window's start imports (Qt widgets,
the command line, the composition root, the shell, the main window, the services and
the store). "on demand" is the program as it is (recon_desktop/psycopg_on_demand.py hides
the driver from peewee); "peewee's own" imports peewee first, so peewee imports psycopg
as it does by itself. The two alternate, run by run, so both see the same noise. The
patch of peewee's internals is worth keeping only while peewee's own way is more than
20% slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_PATH = (
    "from PySide6.QtWidgets import QApplication\n"
    "import recon_desktop.cli, recon_desktop.app, recon_desktop.ui.shell\n"
    "import recon_desktop.ui.main_window, recon_desktop.ui.signin\n"
    "import recon_desktop.services, recon_desktop.store.db\n"
)
CASES = {
    "on demand": START_PATH + "import sys; assert 'psycopg' not in sys.modules\n",
    "peewee's own": "import peewee\n"
    + START_PATH
    + "import sys; assert 'psycopg' in sys.modules\n",
}
LIMIT = 1.2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env)
            times[name].append((time.perf_counter() - start) * 1000)
    for name, values in times.items():
        print(
            f"{name:<13} median {statistics.median(values):6.0f} ms   "
            f"min {min(values):6.0f} ms   max {max(values):6.0f} ms   ({len(values)} runs)"
        )
    ratio = statistics.median(times["peewee's own"]) / statistics.median(times["on demand"])
    verdict = "keep the patch" if ratio > LIMIT else "drop the patch: peewee's own way is close"
    print(f"peewee's own / on demand = {ratio:.2f} (patch kept while > {LIMIT}) -> {verdict}")


if __name__ == "__main__":
    main()
