"""GUI test fixtures: a real SQLite database in tmp_path with a small lab, built through the
services (items are inserted directly: there is no item-creation service yet)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import LabInfo, LocationInfo, Operator, Role, SessionInfo
from recon_desktop.services import Services
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.models import InventoryItem
from recon_desktop.ui.cycle_collector import GuiThreadCycleCollector
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_capture import ScanCapture


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the application does: a cycle holding Qt objects collected in a worker thread
    crashes the process (seen in the settings dialog's connection test)."""
    collector = GuiThreadCycleCollector(qapp)
    yield
    collector.stop()


STATION = "TEST-1"
# what the offscreen platform says about window features it lacks (not a fault of ours)
OFFSCREEN_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
)
FREEZER = "Building 1/Room 101/Freezer A"
FRIDGE = "Building 1/Room 102/Fridge B"


@dataclass(frozen=True)
class WorldUser:
    name: str
    pin: str
    role: Role
    id: int

    def operator(self, station: str = STATION) -> Operator:
        return Operator(self.id, self.name, station)


@dataclass(frozen=True)
class LabWorld:
    """What the ``world`` fixture made: everything a GUI test needs to refer to."""

    db_path: Path
    services: Services
    lab: LabInfo
    other_lab: LabInfo
    ana: WorldUser  # member; starts the sessions in these tests
    ben: WorldUser  # member of the same lab
    vic: WorldUser  # viewer: may look, may not scan or start
    shelf1: LocationInfo  # in the freezer
    shelf2: LocationInfo  # in the freezer
    fridge: LocationInfo
    config_id: int  # "Freezer A": location within the freezer → 40 items expected
    barcodes: list[str]  # ITEM-0001 … ITEM-0050

    def start_session(
        self, user: WorldUser | None = None, name: str = "Freezer A count"
    ) -> SessionInfo:
        user = user or self.ana
        return self.services.sessions.start(user.operator(), self.lab.id, self.config_id, name)


def _make_world(db_path: Path) -> tuple[pw.Database, LabWorld]:
    db = open_database(db_path)
    services = Services.create(db, station=STATION)
    admin = services.admin
    root = admin.create_first_admin("Cell Biology", "root", "999111")
    lab = admin.lab("Cell Biology")
    other_lab = admin.add_lab(root, "Chemistry")
    users = {}
    for name, pin, role in (
        ("ana", "246810", Role.MEMBER),
        ("ben", "135790", Role.MEMBER),
        ("vic", "112233", Role.VIEWER),
    ):
        user_id = admin.add_user(root, name, pin, lab=lab.name, role=role, badge=f"BADGE-{name}")
        users[name] = WorldUser(name, pin, role, user_id)
    shelf1 = admin.ensure_location(root, f"{FREEZER}/Shelf 1")
    shelf2 = admin.ensure_location(root, f"{FREEZER}/Shelf 2")
    fridge = admin.ensure_location(root, FRIDGE)
    ingredients = [
        admin.ensure_ingredient(root, name, kind)
        for name, kind in (
            ("Ethanol 70%", "solvent"),
            ("PBS buffer", "buffer"),
            ("Trypsin-EDTA", "enzyme"),
            ("DMEM medium", "medium"),
            ("Fetal bovine serum", "serum"),
        )
    ]
    barcodes = []
    with db.atomic():
        for n in range(1, 51):
            barcode = f"ITEM-{n:04d}"
            location = shelf1 if n <= 20 else shelf2 if n <= 40 else fridge
            InventoryItem.create(
                barcode=barcode,
                ingredient=ingredients[n % len(ingredients)],
                lab=lab.id,
                location=location.id,
                quantity=Decimal(n % 7 + 1),
                unit="mL",
                lot=f"L{n % 4}",
                created_at=utcnow(),
            )
            barcodes.append(barcode)
    config_id = admin.add_config(
        root, "Freezer A", lab.name, [Filter("location", "within", FREEZER)]
    )
    world = LabWorld(
        db_path=db_path,
        services=services,
        lab=lab,
        other_lab=other_lab,
        ana=users["ana"],
        ben=users["ben"],
        vic=users["vic"],
        shelf1=shelf1,
        shelf2=shelf2,
        fridge=fridge,
        config_id=config_id,
        barcodes=barcodes,
    )
    return db, world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[LabWorld]:
    db, made = _make_world(tmp_path / "recon.sqlite3")
    try:
        yield made
    finally:
        db.close()


@pytest.fixture
def services(world: LabWorld) -> Services:
    return world.services


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings kept in tmp_path, never in the user's real settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Show a top-level widget and wait until it is the active window (scan capture needs
    that, as on a real desktop)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def type_scan(
    qtbot: QtBot, widget: QWidget, text: str, terminator: Qt.Key = Qt.Key.Key_Return
) -> None:
    """What a keyboard-wedge scanner does: the characters, then a terminator key; then,
    in the Barcode Tracking window, until the scan has its answer (it is sent off the GUI
    thread)."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, terminator)
    settle(qtbot, widget)


def settle(qtbot: QtBot, widget: QWidget) -> None:
    """Until the Barcode Tracking window holding ``widget`` (or the one a dialog or window
    of ``widget`` belongs to) has the answers of everything it sent (scans, undos,
    progress reads go off the GUI thread, in order)."""
    window: QWidget | None = widget.window()
    while window is not None and getattr(window, "live", None) is None:
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    live = getattr(window, "live", None)
    lives = (
        [live]
        if live is not None
        else [w.live for w in QApplication.topLevelWidgets() if hasattr(w, "live")]
    )  # a window of its own (a view): the Barcode Tracking window sends its scans
    qtbot.waitUntil(lambda: not any(live.sending for live in lives), timeout=10_000)


def type_slowly(
    qtbot: QtBot, widget: QWidget, text: str, capture: ScanCapture | None = None
) -> None:
    """As a person types: a key at a time, each given to the widget once the scan capture
    (while another window of the program has the keyboard, it holds keys back a moment)
    has seen it is not a scanner's burst."""
    for char in text:
        qtbot.keyClick(widget, char)
        if capture is not None:
            qtbot.waitUntil(lambda: not capture.holding, timeout=2000)


def send_text(widget: QWidget, text: str) -> None:
    """Key events carrying exactly ``text`` (e.g. the GS character, which QTest cannot
    produce from a key code): press and release per character, as a scanner sends them."""
    for char in text:
        key = Qt.Key.Key_BracketRight if char == "\x1d" else Qt.Key.Key_unknown
        mods = (
            Qt.KeyboardModifier.ControlModifier
            if char == "\x1d"
            else Qt.KeyboardModifier.NoModifier
        )
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, mods, char))


@pytest.fixture
def make_window(qtbot: QtBot, world: LabWorld, settings: QSettings) -> Callable[..., MainWindow]:
    """Build a Barcode Tracking window for a user (ana by default), shown and active."""

    def make(user: WorldUser | None = None, services: Services | None = None) -> MainWindow:
        user = user or world.ana
        window = MainWindow(
            services or world.services,
            user.operator(),
            database=str(world.db_path),
            settings=settings,
        )
        qtbot.addWidget(window)
        activate(qtbot, window)
        # the scanned list's first page is read off the GUI thread: a test starts with it in
        qtbot.waitUntil(lambda: window.pages.reading is None)
        return window

    return make
