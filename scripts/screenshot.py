"""Render the program's screens to PNG files in docs/ (the README shows them).

    python scripts/screenshot.py [--out docs] [--size 2000]

Runs offscreen on a fresh demo database in a temporary folder: signs in, starts a session,
types about ten scans through the real scan capture (a location, items in and out of
scope, an unknown barcode, a repeat, an item on the wrong shelf), splits an item, and grabs

* screenshot.png: the Barcode Tracking window;
* screenshot-split.png: the window answering a split (the new barcode, Copy, Print label);
* screenshot-view.png: the view "All inventory in original listing";
* screenshot-item.png: an item's details and inventory history;
* screenshot-end.png: the End dialog;
* screenshot-past.png: the session, ended, in its past-session window;
* screenshot-report.png: the first printed page of its report's scan log, when
  LibreOffice (soffice) and pdftoppm are installed (else it says so and goes on);
* screenshot-label.png: an item's label as a 300 dpi label printer prints it.

    python scripts/screenshot.py --scaled [--out docs/scaled]

renders the main screens on a 1920×1080 screen at 100, 150 and 200% and at font size 28
(each in a process of its own: the scale is the screen's, set before Qt starts), to
screenshot-<100|150|200|font28>-<window|settings|view>.png, and says where a window
needs more room than the screen has.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recon_desktop.core.records import Operator, View
from recon_desktop.services import Services, demo, reporting
from recon_desktop.settings import Settings
from recon_desktop.store.db import open_database
from recon_desktop.ui import item_labels, preferences, style
from recon_desktop.ui.action_dialog import ActionOutcome, ItemChange
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.item_details import open_item_details
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.past_sessions import SessionReviewWindow
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.sizing import WindowBody, screen_of
from recon_desktop.ui.views import open_view

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
        "ZZ-UNKNOWN-4711",
        here[1],
        here[5],
        by_location[ELSEWHERE_IN_SCOPE][0],
    ]


def settle(app: QApplication, widget: QWidget) -> None:
    """Let background reads (and the scans sent off the GUI thread) finish and the widget
    paint."""
    for _ in range(400):
        app.processEvents()
        QTest.qWait(25)
        if (
            not getattr(getattr(widget, "model", None), "loading", False)
            and not getattr(widget, "loading", False)
            and not getattr(getattr(widget, "live", None), "sending", False)
        ):
            break
    app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}.")
    print(f"Wrote {path} ({widget.width()}×{widget.height()}).")


def report_page(services: Services, session_id: int, folder: Path, out: Path) -> None:
    """The report printed by LibreOffice: its scan log's first page, as a PNG."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("Skipped the report page: LibreOffice (soffice) or pdftoppm is not installed.")
        return
    target = folder / "report.xlsx"
    reporting.export_report(services, session_id, target, exported_by="ana")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / "report.pdf"
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    page = next((n for n, text in enumerate(pages, 1) if "Scan #" in text), 1)
    prefix = folder / "page"
    subprocess.run(
        [pdftoppm, "-png", "-r", "110", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )
    made = sorted(folder.glob("page*.png"))
    shutil.copyfile(made[0], out)
    print(f"Wrote {out} (page {page} of the printed report).")


SCREEN = (1920, 1080)
SCALED = {"100": (1.0, 14), "150": (1.5, 14), "200": (2.0, 14), "font28": (1.0, 28)}


def scaled_all(out: Path, size: int) -> int:
    """Each scale and the large font in a process of its own, on a 1920×1080 screen."""
    with tempfile.TemporaryDirectory() as name:
        for tag, (scale, _) in SCALED.items():
            config = Path(name) / f"{tag}.json"
            screen = {"name": "bench", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1]}
            # the scale as a desktop sets it: a logical DPI above 96 (Qt then scales by it)
            screen |= {"logicalDpi": round(96 * scale), "logicalBaseDpi": 96, "dpr": 1}
            config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
            command = [sys.executable, __file__, "--out", str(out), "--size", str(size)]
            subprocess.run([*command, "--one", tag], env=env, check=True)
    return 0


def _screen(widget: QWidget) -> QScreen:
    screen = screen_of(widget)
    assert screen is not None, "no screen"
    return screen


def fits(widget: QWidget, what: str) -> None:
    """Say it when a window needs more room than the screen has (or scrolls to fit)."""
    screen = _screen(widget).availableGeometry().size()
    body = getattr(widget, "centralWidget", lambda: None)()
    if isinstance(body, WindowBody) and body.verticalScrollBar().maximum() > 0:
        print(f"  {what} scrolls: the screen has {screen.width()}×{screen.height()}.")
    needed = widget.minimumSizeHint().expandedTo(widget.size())
    if needed.width() > screen.width() or needed.height() > screen.height():
        print(
            f"  {what} needs {needed.width()}×{needed.height()}: the screen has "
            f"{screen.width()}×{screen.height()}."
        )


def scaled_one(
    app: QApplication,
    services: Services,
    operator: Operator,
    session_id: int,
    folder: Path,
    out: Path,
    tag: str,
) -> None:
    """The window (maximised), the Settings dialog and a view at one scale or font."""
    _, font = SCALED[tag]
    settings = Settings(font_size=font)
    preferences.apply_to_app(app, settings)
    qsettings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services,
        operator,
        database="~/.local/share/recon-desktop/recon-desktop.sqlite3",
        settings=qsettings,
    )
    window.setGeometry(_screen(window).availableGeometry())
    window.show()
    QTest.qWaitForWindowActive(window)
    for code in scans_for(services, session_id):
        QTest.keyClicks(window.table, code)
        QTest.keyClick(window.table, Qt.Key.Key_Return)
    window.table.clearSelection()
    window.scan_input.setFocus()
    settle(app, window)
    fits(window, "The window")
    save(window, out / f"screenshot-{tag}-window.png")
    dialog = SettingsDialog(settings, folder / "settings.json", parent=window)
    dialog.show()
    settle(app, dialog)
    fits(dialog, "Settings")
    save(dialog, out / f"screenshot-{tag}-settings.png")
    dialog.close()
    view = open_view(window, services, operator, session_id, View.ALL_IN_LISTING)
    settle(app, view)
    fits(view, "The view")
    save(view, out / f"screenshot-{tag}-view.png")
    view.close()
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs", help="the folder for the PNG files")
    parser.add_argument("--size", type=int, default=2000, help="demo inventory items")
    parser.add_argument("--scaled", action="store_true", help="the screens at 100–200%%, font 28")
    parser.add_argument("--one", choices=list(SCALED), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.scaled:
        return scaled_all(out, args.size)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    style.apply(app)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = open_database(folder / "demo.sqlite3")
        try:
            services = Services.create(db, station="BENCH-1")
            info = demo.seed(services, size=args.size)
            user, pin = next((u[0], u[1]) for u in info.users if u[2] == LAB)
            operator = services.auth.sign_in(user, pin)
            lab = services.admin.lab(LAB)
            session = services.sessions.start(operator, lab.id, CONFIG, "Weekly count — Freezer A")
            if args.one:
                scaled_one(app, services, operator, session.id, folder, out, args.one)
                return 0
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
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
            settle(app, window)
            save(window, out / "screenshot.png")

            # a split, answered in the panel with the new barcode large
            source = window.model.rows()[2]
            assert source.item_id is not None
            before = services.inventory.item(source.item_id)
            new = services.actions.split(operator, before.id, "2", session_id=session.id)
            after = services.inventory.item(before.id)
            window.items.answer(ActionOutcome("split", 1, changes=[ItemChange(before, after, new)]))
            settle(app, window)
            save(window, out / "screenshot-split.png")
            label = item_labels.render_image(item_labels.label_text(new), (50, 25), 300)
            label.save(str(out / "screenshot-label.png"))
            print(f"Wrote {out / 'screenshot-label.png'} (a 50 × 25 mm label at 300 dpi).")

            view = open_view(window, services, operator, session.id, View.ALL_IN_LISTING)
            view.resize(1280, 700)
            settle(app, view)
            save(view, out / "screenshot-view.png")
            view.close()

            details = open_item_details(window, services, before.id)
            details.resize(1100, 560)
            settle(app, details)
            save(details, out / "screenshot-item.png")
            details.close()

            end = EndSessionDialog(services, operator, session, parent=window)
            end.show()
            settle(app, end)
            save(end, out / "screenshot-end.png")
            end.close()

            services.sessions.end(operator, session.id, note="Shelf 2 was being defrosted.")
            past = SessionReviewWindow(None, services, operator, session.id)
            past.resize(1280, 700)
            past.show()
            settle(app, past)
            save(past, out / "screenshot-past.png")
            past.close()
            window.close()

            report_page(services, session.id, folder, out / "screenshot-report.png")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
