"""Fixtures for the view, action and past-session tests: a real SQLite file with one lab,
two members, a location tree, 300 items, a listing config and a session with a few scans.

Items 1–250 are in Freezer A (the config's scope: 250 expected), 251–300 in a cabinet.
Scanned: 5 expected items, 2 outside the listing and 1 unknown barcode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import LabInfo, LocationInfo, Operator, Role, SessionInfo
from recon_desktop.services import Services
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.models import InventoryItem

STATION = "TEST-1"
FREEZER = "Building 1/Room 101/Freezer A"
CABINET = "Building 1/Room 102/Cabinet B"
ITEM_COUNT = 300
EXPECTED = 250
SCANNED_IN_SCOPE = ("BC-0003", "BC-0010", "BC-0101", "BC-0150", "BC-0249")
SCANNED_OUT_OF_SCOPE = ("BC-0260", "BC-0299")
UNKNOWN = "NOPE-999"
# what the offscreen platform says about things it cannot do (not a fault of ours); the
# pyproject's qt_log_ignore covers both for every test, this stays for modules naming it
offscreen_noise = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
)


def quantity_of(n: int) -> Decimal:
    """Item n's quantity: varied, some with decimals; the largest (49) for n = 96 and 193,
    the smallest (1) for 97 and 194."""
    return Decimal(n % 97) / 2 + Decimal(1)


def ingredient_of(n: int) -> str:
    return ("Ethanol 70%", "PBS buffer", "Trypsin-EDTA", "DMEM medium", "Glycerol")[n % 5]


@dataclass(frozen=True)
class BigWorld:
    db_path: Path
    services: Services
    lab: LabInfo
    ana: Operator  # member who started the session
    ben: Operator  # another member
    shelf1: LocationInfo
    shelf2: LocationInfo
    cabinet: LocationInfo
    config_id: int
    session: SessionInfo

    def item_id(self, barcode: str) -> int:
        return self.services.inventory.item_by_barcode(barcode).id


def barcode_of(n: int) -> str:
    return f"BC-{n:04d}"


@pytest.fixture
def big_world(tmp_path: Path, qapp: QApplication) -> Iterator[BigWorld]:
    db = open_database(tmp_path / "views.sqlite3")
    services = Services.create(db, station=STATION)
    admin = services.admin
    root = admin.create_first_admin("Cell Biology", "root", "999111")
    lab = admin.lab("Cell Biology")
    ana_id = admin.add_user(root, "ana", "246810", lab=lab.name, role=Role.MEMBER)
    ben_id = admin.add_user(root, "ben", "135790", lab=lab.name, role=Role.MEMBER)
    ana = Operator(ana_id, "ana", STATION)
    ben = Operator(ben_id, "ben", "TEST-2")
    shelf1 = admin.ensure_location(root, f"{FREEZER}/Shelf 1", barcode="LOC-SHELF-1")
    shelf2 = admin.ensure_location(root, f"{FREEZER}/Shelf 2", barcode="LOC-SHELF-2")
    cabinet = admin.ensure_location(root, CABINET)
    ingredients = {
        name: admin.ensure_ingredient(root, name, "reagent")
        for name in {ingredient_of(n) for n in range(5)}
    }
    now = utcnow()
    with db.atomic():
        for n in range(1, ITEM_COUNT + 1):
            location = shelf1 if n <= 125 else shelf2 if n <= EXPECTED else cabinet
            InventoryItem.create(
                barcode=barcode_of(n),
                ingredient=ingredients[ingredient_of(n)],
                lab=lab.id,
                location=location.id,
                quantity=quantity_of(n),
                unit="mL",
                lot=f"LOT-{n % 9}",
                created_at=now,
            )
    config_id = admin.add_config(
        root,
        "Freezer A",
        lab.name,
        [Filter("location", "within", FREEZER)],
        ["barcode", "ingredient", "location", "quantity", "unit", "lot"],
    )
    session = services.sessions.start(ana, lab.id, config_id, "Spring count")
    for code in (*SCANNED_IN_SCOPE, *SCANNED_OUT_OF_SCOPE, UNKNOWN):
        services.sessions.scan(ana, session.id, code)
    try:
        yield BigWorld(
            tmp_path / "views.sqlite3",
            services,
            lab,
            ana,
            ben,
            shelf1,
            shelf2,
            cabinet,
            config_id,
            session,
        )
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        db.close()


def whole_lab_session(world: BigWorld) -> SessionInfo:
    """A second session (ben's) whose listing is every item of the lab: a 300-row view,
    more than one block of rows."""
    root = world.services.auth.sign_in("root", "999111")
    config_id = world.services.admin.add_config(
        root,
        "Whole lab",
        world.lab.name,
        [Filter("location", "within", "Building 1")],
        ["barcode", "ingredient", "location", "quantity", "unit", "lot"],
    )
    return world.services.sessions.start(world.ben, world.lab.id, config_id, "Whole lab")


W = TypeVar("W", bound=QObject)


def child(parent: QObject, kind: type[W], name: str) -> W:
    """The child widget with this objectName (the test fails if there is none)."""
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} called {name!r}"
    return found


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[QWidget]:
    """A parent for the windows under test (the main window's place), alive for the test."""
    widget = QWidget()
    qtbot.addWidget(widget)
    yield widget


def when_modal(handler: Callable[[QDialog], None], kind: type[QDialog] = QDialog) -> list[bool]:
    """Run ``handler`` on the next modal dialog of ``kind`` once it is open (for code that
    blocks in ``exec()``). The returned list gets True once the handler ran."""
    ran: list[bool] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            try:
                handler(widget)
            finally:
                ran.append(True)
                if widget.isVisible():
                    widget.reject()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return ran


def wait_loaded(qtbot: QtBot, window: Any, timeout: int = 5000) -> None:
    """Wait until a view window's model has finished its (re)load."""
    model = window.model
    qtbot.waitUntil(
        lambda: not model.loading and window.row_count.text() != "Loading…", timeout=timeout
    )
