"""The live poll and the window's memory at 0 and 300,000 session scans (run by hand).

    python benchmarks/bench_poll.py [--size 1000000] [--session-scans 0,300000] [--polls 300]

On the kept benchmark databases (``bench_fixtures.py``: the demo inventory and a session of
the demo config holding N scans), for each N:
  - the one-second poll's database time when nothing changed (what every open window
    costs the database each second), beside the least a poll can read in the same run: the
    session's row by its id;
  - the look a window with no session makes every few seconds (the active sessions its
    operator may join), beside the same baseline;
  - a page of the scanned list (500 scans in scan-time order, before the newest page, as
    scrolling back reads it), beside the same baseline;
  - the window's memory with that session open at a workstation whose scanned list reaches
    every scan of the session (nothing cleared): opened on the newest page, scrolled back
    page by page through 40 pages (20,000 scans, where the session has them) and back to
    the newest, beside a bare QMainWindow + QTableView started the same way (each in a
    process of its own: resident and peak; the most rows the list held).
The last lines are ``poll ratio LAST/FIRST: p50 R, p99 R`` and ``window memory LAST/FIRST: R``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_fixtures  # noqa: E402

VIEWER = "BENCH-VIEW"  # a workstation that never cleared its list: it reaches every scan
MEMORY_GOAL_MB = 200.0

MEMORY = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

def memory():
    status = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
    )
    return [int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")]

app = QApplication(sys.argv)
if sys.argv[1] == "bare":
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    rows = 0
else:
    from recon_desktop.core.records import Operator
    from recon_desktop.services import Services
    from recon_desktop.store.db import open_database
    from recon_desktop.ui import style
    from recon_desktop.ui.main_window import MainWindow
    style.apply(app)
    db = open_database(sys.argv[1])
    services = Services.create(db, station=sys.argv[3])
    ana = services.auth.sign_in("ana", "246810")
    window = MainWindow(services, Operator(ana.user_id, ana.name, sys.argv[3]),
                        database=sys.argv[1],
                        settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.set_session(services.sessions.find("Bench count"))
window.resize(1280, 860)
window.show()
state = {"rows": 0, "pages": 0, "back": False}

def browse():
    # the newest page in; then back through 40 pages, one at a time; then the newest
    if rows_of is None:
        QTimer.singleShot(3000, done)  # painted, polled a few times
        return
    if window.pages.reading is not None:
        QTimer.singleShot(10, browse)
        return
    state["rows"] = max(state["rows"], window.model.rowCount())
    if window.model.older and state["pages"] < 40 and not state["back"]:
        state["pages"] += 1
        window.table.scrollToTop()
    elif not state["back"]:
        state["back"] = True
        window.pages.go_newest()
    else:
        QTimer.singleShot(3000, done)  # painted, polled a few times
        return
    QTimer.singleShot(10, browse)

def done():
    resident, peak = memory()
    print(json.dumps({"rows": state["rows"], "pages": state["pages"], "resident": resident,
                      "peak": peak}), flush=True)
    app.quit()

rows_of = None if sys.argv[1] == "bare" else window.model
QTimer.singleShot(0, browse)
app.exec()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(job, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return times


def polls(path: Path, runs: int) -> dict[str, list[float]]:
    """The poll, the look for sessions and the baseline, interleaved, in this process."""
    from recon_desktop.services import Services
    from recon_desktop.store.db import open_database

    db = open_database(path)
    try:
        services = Services.create(db, station=VIEWER)
        sessions = services.sessions
        ana = services.auth.sign_in("ana", "246810")
        session = sessions.find(bench_fixtures.SESSION)
        first = sessions.poll(session.id, {})  # what the window had when it opened
        seen = first.seen
        newest = sessions.list_page(session.id, opening=True).entries
        key = (newest[0].at, newest[0].id) if newest else None
        row = f"SELECT id, ended_at FROM session WHERE id = {db.param}"
        figures: dict[str, list[float]] = {"poll": [], "look": [], "page": [], "baseline": []}
        for n in range(runs):
            figures["baseline"] += timed(lambda: db.execute_sql(row, (session.id,)).fetchone(), 1)
            figures["poll"] += timed(lambda: sessions.poll(session.id, seen), 1)
            figures["look"] += timed(lambda: sessions.active_for(ana), 1)
            if n % 10 == 0:  # (a page is read while scrolling, not every second)
                figures["page"] += timed(lambda: sessions.list_page(session.id, key=key), 1)
        return figures
    finally:
        db.close()


def memory(target: str, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY, target, str(folder / "settings.ini"), VIEWER],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--session-scans", default="0,300000")
    parser.add_argument("--polls", type=int, default=1000)
    args = parser.parse_args()
    sizes = [int(n) for n in args.session_scans.split(",")]
    print(f"inventory {args.size:,} items; session scans {', '.join(f'{n:,}' for n in sizes)}")
    p50: dict[int, float] = {}
    p99: dict[int, float] = {}
    peak: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="recon-bench-poll-") as tmp:
        folder = Path(tmp)
        bare = memory("bare", folder)
        print(f"bare QMainWindow + QTableView: {bare['resident']:.0f} MB resident, "
              f"{bare['peak']:.0f} MB peak")  # fmt: skip
        for n in sizes:
            path = bench_fixtures.copy_of(args.size, n, folder)
            figures = polls(path, args.polls)
            base = figures["baseline"]
            for name in ("poll", "look", "page"):
                values = figures[name]
                print(
                    f"{name} at {n:,} scans: p50 {percentile(values, 50):.3f} ms, "
                    f"p99 {percentile(values, 99):.3f} ms "
                    f"(baseline, the session's row: p50 {percentile(base, 50):.3f} ms, "
                    f"p99 {percentile(base, 99):.3f} ms; "
                    f"p50 ratio {percentile(values, 50) / percentile(base, 50):.1f}x)"
                )
            p50[n] = percentile(figures["poll"], 50)
            p99[n] = percentile(figures["poll"], 99)
            used = memory(str(path), folder)
            peak[n] = used["peak"]
            print(
                f"window memory at {n:,} scans (back through {used['pages']:.0f} pages and to "
                f"the newest; at most {used['rows']:,.0f} rows held): "
                f"{used['resident']:.0f} MB resident, {used['peak']:.0f} MB peak "
                f"(goal {MEMORY_GOAL_MB:.0f} MB; bare Qt window {bare['peak']:.0f} MB, "
                f"ratio {used['peak'] / bare['peak']:.2f}x)"
            )
            path.unlink()
    first, last = sizes[0], sizes[-1]
    print(
        f"poll ratio {last}/{first}: p50 {p50[last] / p50[first]:.2f}, "
        f"p99 {p99[last] / p99[first]:.2f}"
    )
    print(f"window memory {last}/{first}: {peak[last] / peak[first]:.2f}")


if __name__ == "__main__":
    main()
