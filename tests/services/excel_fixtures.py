"""A real database with a finished-looking session for the Excel tests (report, import, UI).

Built through the services where they exist; items are inserted with the model (there is
no item-creation service besides the import under test). Texts are chosen to be hostile to
spreadsheets: formula-looking names and lots, control characters, an error literal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import peewee as pw

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import Operator
from recon_desktop.services import Services
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.models import InventoryItem

STATION = "TEST-1"
PIN = "482913"
FREEZER = "Building 1/Room 101/Freezer A"
SHELF = "Building 1/Room 101/Freezer A/Shelf 2"
FRIDGE = "Building 1/Room 102/Fridge B"
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
HOSTILE_LOTS = [
    "=1+2",
    "+SUM(A1)",
    "-5",
    "@cmd",
    "\tTAB",
    "bell\x07ring",
    "#N/A",
    '=HYPERLINK("http://evil")',
]


@dataclass
class ExcelWorld:
    db: pw.Database
    services: Services
    operator: Operator
    lab_id: int
    session_id: int
    items: dict[str, int] = field(default_factory=dict)  # barcode → id


def add_item(
    lab_id: int,
    barcode: str,
    location_id: int,
    ingredient_id: int,
    quantity: str = "10",
    **extra: object,
) -> int:
    item = InventoryItem.create(
        barcode=barcode,
        ingredient=ingredient_id,
        lab=lab_id,
        location=location_id,
        quantity=Decimal(quantity),
        unit=extra.pop("unit", "mL"),
        created_at=utcnow(),
        **extra,
    )
    return int(item.id)


def build_lab(target: str | Path) -> tuple[pw.Database, Services, Operator, int]:
    """A database with one lab, a member (ana) and a location tree; no items yet."""
    db = open_database(target)
    services = Services.create(db, station=STATION)
    services.admin.create_first_admin("Cell Biology", "ana", PIN)  # she imports too
    lab = services.admin.lab("Cell Biology")
    operator = services.auth.sign_in("ana", PIN)
    for path in (FREEZER, SHELF, FRIDGE):
        services.admin.ensure_location(operator, path)
    return db, services, operator, lab.id


def build_world(target: str | Path, *, long_lot: bool = False) -> ExcelWorld:
    """A lab with items, a listing config and an ended session with scans and actions."""
    db, services, operator, lab_id = build_lab(target)
    admin = services.admin
    freezer = admin.location(FREEZER)
    shelf = admin.location(SHELF)
    fridge = admin.location(FRIDGE)
    ethanol = admin.ensure_ingredient(operator, "Ethanol", "solvent")
    formula = admin.ensure_ingredient(operator, "=2*3 (lab name)", "buffer")
    world = ExcelWorld(db, services, operator, lab_id, 0)
    for n, lot in enumerate(HOSTILE_LOTS):
        world.items[f"A{n:03d}"] = add_item(
            lab_id,
            f"A{n:03d}",
            freezer.id,
            ethanol if n % 2 else formula,
            quantity=str(Decimal(n) + Decimal("0.125")),
            lot=lot,
            expires_on=date(2027, 1, n + 1),
        )
    world.items["=B001"] = add_item(lab_id, "=B001", shelf.id, ethanol, quantity="250")
    world.items["00123"] = add_item(
        lab_id,
        "00123",
        shelf.id,
        ethanol,
        quantity="1.5",
        unit="g",
        lot="x" * 40_000 if long_lot else "L1",
    )
    world.items["F001"] = add_item(lab_id, "F001", fridge.id, ethanol)  # outside the listing
    world.items["ARCH1"] = add_item(lab_id, "ARCH1", freezer.id, ethanol, status="archived")
    admin.add_config(
        operator, "Freezer A", lab_id, [Filter("location", "within", FREEZER)], COLUMNS
    )
    session = services.sessions.start(operator, lab_id, "Freezer A", "Weekly =check")
    world.session_id = session.id
    scan = services.sessions.scan
    sid = session.id
    scan(operator, sid, "A000")
    scan(operator, sid, "]C1A001")
    scan(operator, sid, "=B001")
    scan(operator, sid, "A000")  # already scanned
    scan(operator, sid, "F001")  # not in scope
    scan(operator, sid, "ARCH1")  # not in scope (archived)
    scan(operator, sid, "=UNKNOWN()")  # unknown barcode, formula-looking
    scan(operator, sid, freezer.barcode or "")  # a location scan
    scan(operator, sid, "00123")  # wrong location (seen in the freezer)
    services.actions.move(
        operator, world.items["00123"], FREEZER, session_id=sid, reason="=found here"
    )
    services.actions.set_field(
        operator, world.items["A001"], "quantity", "0.5", reason="recount\x07", session_id=sid
    )
    services.sessions.end(operator, sid)
    return world
