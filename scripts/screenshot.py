"""Render the Barcode Tracking window with an active session to docs/screenshot.png.

    python scripts/screenshot.py [--out docs/screenshot.png]

Runs offscreen on a fresh demo database in a temporary folder: signs in, starts a session,
types about ten scans through the real scan capture (a location, items in and out of
scope, an unknown barcode, a repeat, an item on the wrong shelf) and grabs the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recon_desktop.core.records import View
from recon_desktop.services import Services, demo
from recon_desktop.store.db import open_database
from recon_desktop.ui import style
from recon_desktop.ui.main_window import MainWindow

LAB = "Cell Biology"
CONFIG = "Freezer A, Room 101"
HERE = "Building 1/Room 101/Freezer A/Shelf 1/Box 2"
ELSEWHERE_IN_SCOPE = "Building 1/Room 101/Freezer A/Shelf 2/Box 3"


def scans_for(services: Services, session_id: int) -> list[str]:
    """A location, then a realistic mix of tags, ending on a wrong-location item."""
    expected = services.sessions.view_barcodes(session_id, View.ALL_IN_LISTING)
    by_location: dict[str, list[str]] = {}
    for barcode in expected:
        by_location.setdefault(services.inventory.item_by_barcode(barcode).location, []).append(
            barcode
        )
    here = by_location[HERE]
    expected_set = set(expected)
    outside = next(
        f"RC{n:08d}"
        for n in range(1, 500)
        if f"RC{n:08d}" not in expected_set
        and services.inventory.item_by_barcode(f"RC{n:08d}").status == "active"
    )
    location_barcode = services.admin.location(HERE).barcode or HERE
    return [
        location_barcode,
        *here[:5],
        outside,
        "RC99999999",
        here[1],
        here[5],
        by_location[ELSEWHERE_IN_SCOPE][0],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshot.png")
    parser.add_argument("--size", type=int, default=2000, help="demo inventory items")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    style.apply(app)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.sqlite3")
        try:
            services = Services.create(db, station="BENCH-1")
            info = demo.seed(services, size=args.size)
            name, pin = next((u[0], u[1]) for u in info.users if u[2] == LAB)
            operator = services.auth.sign_in(name, pin)
            lab = services.admin.lab(LAB)
            session = services.sessions.start(operator, lab.id, CONFIG, "Weekly count — Freezer A")
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(
                services,
                operator,
                database="~/.local/share/recon-desktop/recon-desktop.sqlite3",
                settings=settings,
            )
            window.resize(1280, 860)
            window.show()
            window.activateWindow()
            QTest.qWaitForWindowActive(window)
            for code in scans_for(services, session.id):
                QTest.keyClicks(window.table, code)  # typed like a scanner, focus anywhere
                QTest.keyClick(window.table, Qt.Key.Key_Return)
            window.table.clearSelection()
            window.scan_input.setFocus()
            app.processEvents()
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(out)):
                print(f"Could not write {out}.", file=sys.stderr)
                return 1
            print(f"Wrote {out} ({window.width()}×{window.height()}).")
            window.close()
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
