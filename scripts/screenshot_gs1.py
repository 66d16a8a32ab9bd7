"""Render what the window says about GS1 labels to docs/gs1-*.png.

    python scripts/screenshot_gs1.py [--out docs]

Runs offscreen on a fresh demo database in a temporary folder: imports four bottles
with GS1 codes (three of one GTIN with different serials and lots, one expired), starts a
session and types through the real scan capture, as a scanner sends them:

* ``gs1-choice.png``: a GTIN alone that fits three bottles — the window asks which one;
* ``gs1-panel.png``: an expired bottle whose label says another lot than its record
  (with Update the record), after one whose label says another lot and expiry;
* ``gs1-view.png``: the All in listing view, Expired and the label's lot and expiry.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recon_desktop.core.records import View
from recon_desktop.services import Services, demo
from recon_desktop.services.importing import ImportService
from recon_desktop.store.db import open_database
from recon_desktop.ui import style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.views import ViewWindow, open_view

LAB = "Cell Biology"
CONFIG = "Freezer A, Room 101"
HERE = "Building 1/Room 101/Freezer A/Shelf 1/Box 2"
THERE = "Building 1/Room 101/Freezer A/Shelf 2/Box 3"
GS = "\x1d"
GTIN = "09506000134352"  # GS1's example GTINs (GS1 prefix 950: on no product)
OLD_GTIN = "09506000134383"
BOTTLES = f"""barcode,ingredient,location,quantity,unit,lot,expiry
(01){GTIN}(17)361231(10)LOT42(21)SN001,PBS buffer,{HERE},500,mL,LOT42,2036-12-31
01{GTIN}1737063010LOT43{GS}21SN002,PBS buffer,{THERE},500,mL,LOT43,2037-06-30
(01){GTIN}(21)SN003,PBS buffer,{HERE},250,mL,LOT42,2036-12-31
(01){OLD_GTIN}(17)200101(10)OLD7(21)SN9,Trypsin-EDTA,{HERE},100,mL,OLD7,2020-01-01
"""


def type_scan(widget: QWidget, raw: str) -> None:
    """What a scanner sends: a key event per character (GS as Ctrl+]), then Enter."""
    for char in raw:
        key = Qt.Key.Key_BracketRight if char == GS else Qt.Key.Key_unknown
        mods = Qt.KeyboardModifier.ControlModifier if char == GS else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, mods, char))
    QTest.keyClick(widget, Qt.Key.Key_Return)
    # the scan goes to the database off the GUI thread: until the window has its answer
    live = getattr(widget.window(), "live", None)
    for _ in range(400):
        if live is None or not live.sending:
            break
        QTest.qWait(25)
    QApplication.processEvents()


def save(widget: QWidget, out: Path) -> bool:
    QApplication.processEvents()
    if not widget.grab().save(str(out)):
        print(f"Could not write {out}.", file=sys.stderr)
        return False
    print(f"Wrote {out} ({widget.width()}×{widget.height()}).")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs", help="folder for the PNG files")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    style.apply(app)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.sqlite3")
        try:
            services = Services.create(db, station="BENCH-1")
            info = demo.seed(services, size=300)
            name, pin = next((u[0], u[1]) for u in info.users if u[2] == LAB)
            operator = services.auth.sign_in(name, pin)
            admin = next(u for u in info.users if u[2] == LAB and u[3] == "admin")
            importer = ImportService(services.db, services.admin)
            sheet = Path(folder) / "bottles.csv"
            sheet.write_text(BOTTLES, encoding="utf-8")
            plan = importer.plan(sheet, LAB)
            if not plan.ok:
                print(plan.problems, file=sys.stderr)
                return 1
            importer.apply(plan, operator=services.auth.sign_in(admin[0], admin[1]))
            lab = services.admin.lab(LAB)
            session = services.sessions.start(operator, lab.id, CONFIG, "Reagents — Freezer A")
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(
                services,
                operator,
                database="~/.local/share/recon-desktop/recon-desktop.sqlite3",
                settings=settings,
            )
            window.resize(1720, 760)
            window.show()
            window.activateWindow()
            QTest.qWaitForWindowActive(window)
            type_scan(window.table, services.admin.location(HERE).barcode or HERE)
            type_scan(window.table, f"]d201{GTIN}1738010110LOT99{GS}21SN001")
            # the expired bottle, its label showing another lot than the record
            type_scan(window.table, f"]d201{OLD_GTIN}17200101" + f"10OLD8{GS}21SN9")
            window.table.clearSelection()
            window.scan_input.setFocus()
            ok = save(window, out / "gs1-panel.png")

            type_scan(window.scan_input, f"]d201{GTIN}10LOT43")  # no serial: three bottles
            dialog = window.dialog
            if dialog is None:
                print("The window did not ask which bottle.", file=sys.stderr)
                return 1
            QTest.qWaitForWindowExposed(dialog)
            ok = save(dialog, out / "gs1-choice.png") and ok
            dialog.reject()

            view = open_view(window, services, operator, session.id, View.ALL_IN_LISTING)
            assert isinstance(view, ViewWindow)
            view.resize(2400, 420)
            view.show()
            while view.model.loading:
                app.processEvents()
            column = view.model.column_of("barcode")
            view.table.sortByColumn(view.model.column_of("expired"), Qt.SortOrder.DescendingOrder)
            while view.model.loading:
                app.processEvents()
            view.table.scrollTo(view.model.index(0, column))
            ok = save(view, out / "gs1-view.png") and ok
            view.close()
            window.close()
        finally:
            db.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
