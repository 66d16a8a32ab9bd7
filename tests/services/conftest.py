"""A real database for service tests: every test runs on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import Operator
from recon_desktop.services import Services
from recon_desktop.services import admin as admin_module
from recon_desktop.services.auth import hash_pin
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.models import InventoryItem, User

PINS = {"ana": "246810", "ben": "135790", "vic": "112233"}
ROOT_PIN = "999111"  # the first admin of each test's database, who sets it up


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "recon.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def db(db_target: str) -> Iterator[pw.Database]:
    database = open_database(db_target)
    yield database
    database.close()


@dataclass
class World:
    """A small lab: users, a location tree, 30 items, a listing config."""

    services: Services
    lab_id: int
    other_lab_id: int
    ana: Operator  # member, starts sessions
    ben: Operator  # member
    vic: Operator  # viewer
    root: Operator  # the first admin, who set the lab up
    freezer_a: str
    freezer_b: str
    freezer_a_code: str
    freezer_b_code: str
    config: str = "Freezer A"


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


@functools.cache
def _hash_once(pin: str) -> str:
    return hash_pin(pin)


@pytest.fixture
def world(db: pw.Database) -> World:
    services = Services.create(db, station="BENCH-1")
    # one transaction (one durable commit), and each PIN hashed once per test run: scrypt
    # is slow on purpose and would otherwise be most of every test's set-up
    with db.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(admin_module, "hash_pin", _hash_once)
        admin = services.admin
        root = admin.create_first_admin("Cell Biology", "root", ROOT_PIN)
        lab = admin.lab("Cell Biology")
        other = admin.add_lab(root, "Chemistry")
        admin.add_user(root, "ana", PINS["ana"], lab="Cell Biology", role="member")
        admin.add_user(root, "ben", PINS["ben"], lab="Cell Biology", role="member")
        admin.add_user(root, "vic", PINS["vic"], lab="Cell Biology", role="viewer")
        fa = admin.ensure_location(root, "Building 1/Room 101/Freezer A")
        fb = admin.ensure_location(root, "Building 1/Room 101/Freezer B")
        shelf = admin.ensure_location(root, "Building 1/Room 101/Freezer A/Shelf 1")
        ethanol = admin.ensure_ingredient(root, "Ethanol", "solvent")
        pbs = admin.ensure_ingredient(root, "PBS", "buffer")
        for n in range(10):
            add_item(lab.id, f"A{n:03d}", fa.id, ethanol, quantity=str(n + 1))
        for n in range(10):
            add_item(lab.id, f"S{n:03d}", shelf.id, pbs, quantity="2.5", lot=f"L{n}")
        for n in range(5):
            add_item(lab.id, f"B{n:03d}", fb.id, ethanol)
        for n in range(5):
            add_item(other.id, f"C{n:03d}", fb.id, pbs)
        add_item(lab.id, "A-ARCH", fa.id, ethanol, status="archived")
        admin.add_config(root, "Freezer A", "Cell Biology", [Filter("location", "within", fa.path)])
    # what sign_in returns (tests/services/test_auth.py signs in for real)
    ana, ben, vic = (
        Operator(User.get(User.name == name).id, name, services.station)
        for name in ("ana", "ben", "vic")
    )
    return World(
        services=services,
        lab_id=lab.id,
        other_lab_id=other.id,
        ana=ana,
        ben=ben,
        vic=vic,
        root=root,
        freezer_a=fa.path,
        freezer_b=fb.path,
        freezer_a_code=fa.barcode or "",
        freezer_b_code=fb.barcode or "",
    )
