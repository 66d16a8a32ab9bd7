"""Demo data: two labs, users with documented PINs, a location tree, inventory, configs.

The same generator makes a million items for benchmarks, by bulk inserts in one
transaction fed from generators (flat memory), and fills a session with as many scans as a
benchmark needs (``fill_session``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import HistoryKind, Operator, Role, View
from recon_desktop.core.text import translate
from recon_desktop.errors import SessionStateError, ValidationError
from recon_desktop.services import Services
from recon_desktop.store import bulk_scans, item_states, items
from recon_desktop.store import labs as lab_store
from recon_desktop.store.db import transaction, utcnow

DEMO_USERS: tuple[tuple[str, str, tuple[tuple[str, Role], ...]], ...] = (
    ("ana", "246810", (("Cell Biology", Role.ADMIN), ("Chemistry", Role.MEMBER))),
    ("ben", "135790", (("Cell Biology", Role.MEMBER),)),
    ("chris", "112233", (("Chemistry", Role.MEMBER), ("Cell Biology", Role.VIEWER))),
)
DEMO_BADGES = {"ana": "BADGE-0001", "ben": "BADGE-0002", "chris": "BADGE-0003"}
INGREDIENTS = (
    ("Ethanol 70%", "solvent"), ("Methanol", "solvent"), ("Acetone", "solvent"),
    ("DMSO", "solvent"), ("PBS 10x", "buffer"), ("Tris-HCl 1M pH 8", "buffer"),
    ("HEPES 1M", "buffer"), ("DMEM high glucose", "medium"), ("RPMI 1640", "medium"),
    ("Fetal bovine serum", "serum"), ("Trypsin-EDTA 0.25%", "reagent"),
    ("Penicillin-Streptomycin", "antibiotic"), ("Ampicillin 100 mg/mL", "antibiotic"),
    ("Kanamycin 50 mg/mL", "antibiotic"), ("Taq polymerase", "enzyme"),
    ("EcoRI-HF", "enzyme"), ("BamHI-HF", "enzyme"), ("T4 DNA ligase", "enzyme"),
    ("dNTP mix 10 mM", "reagent"), ("Agarose", "reagent"), ("SYBR Safe", "stain"),
    ("Bradford reagent", "reagent"), ("BSA 2 mg/mL", "protein"), ("Anti-GAPDH", "antibody"),
    ("Anti-beta-actin", "antibody"), ("HEK293 cells", "cell line"), ("HeLa cells", "cell line"),
    ("Sodium chloride", "salt"), ("Potassium chloride", "salt"), ("Glycerol", "reagent"),
)  # fmt: skip
UNITS = {
    "solvent": "mL",
    "buffer": "mL",
    "medium": "mL",
    "serum": "mL",
    "reagent": "mL",
    "antibiotic": "mL",
    "enzyme": "µL",
    "stain": "µL",
    "protein": "mL",
    "antibody": "µL",
    "cell line": "vial",
    "salt": "g",
}


@dataclass
class DemoInfo:
    users: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, pin, lab, role
    labs: list[str] = field(default_factory=list)
    configs: list[tuple[str, str, str]] = field(default_factory=list)  # lab, name, filters
    items: int = 0
    location_barcodes: list[tuple[str, str]] = field(default_factory=list)  # path, barcode
    sample_barcodes: list[str] = field(default_factory=list)


def location_paths() -> Iterator[str]:
    for building in (1, 2):
        for room in (101, 102) if building == 1 else (201,):
            for freezer in "AB":
                for shelf in (1, 2, 3):
                    for box in (1, 2, 3, 4):
                        yield (
                            f"Building {building}/Room {room}/Freezer {freezer}/"
                            f"Shelf {shelf}/Box {box}"
                        )


def seed(services: Services, size: int = 2000, *, rng_seed: int = 7) -> DemoInfo:
    """Fill an empty database with demo data; refuses a database that already has labs or
    users. The first demo user is made its first admin; everything else is recorded as
    done by them, as an admin would do it."""
    db = services.db
    if lab_store.any_lab() or services.admin.has_users():
        raise ValidationError(
            translate("Demo", "The database already has labs; demo data goes into an empty one.")
        )
    rng = random.Random(rng_seed)
    info = DemoInfo()
    first, first_pin, first_roles = DEMO_USERS[0]
    admin = services.admin.create_first_admin(
        first_roles[0][0], first, first_pin, badge=DEMO_BADGES[first]
    )
    for lab_name in ("Cell Biology", "Chemistry"):
        if lab_store.lab_by_name(lab_name) is None:
            services.admin.add_lab(admin, lab_name)
    info.labs = ["Cell Biology", "Chemistry"]
    roles = [(name, pin, lab, role) for name, pin, their in DEMO_USERS for lab, role in their]
    # the first admin's own lesser roles come last: until then they administer both labs
    lesser = [r for r in roles if r[0] == first and r[3] is not Role.ADMIN]
    for name, pin, lab, role in roles:
        if (name, pin, lab, role) not in lesser:
            services.admin.add_user(admin, name, pin, lab=lab, role=role, badge=DEMO_BADGES[name])
    info.users = [(name, pin, lab, role.value) for name, pin, lab, role in roles]
    labs = {name: services.admin.lab(name) for name in info.labs}
    leaves = []
    with transaction(db):
        for path in location_paths():
            loc = services.admin.ensure_location(admin, path)
            leaves.append(loc.id)
    info.location_barcodes = [
        (loc.path, loc.barcode or "")
        for loc in services.admin.locations()
        if loc.path.count("/") <= 2 or loc.path.endswith("Box 1")
    ][:12]
    ingredients = [
        (services.admin.ensure_ingredient(admin, n, t), UNITS[t]) for n, t in INGREDIENTS
    ]
    lab_ids = [labs["Cell Biology"].id, labs["Chemistry"].id]
    today = date.today()
    now = utcnow()

    def rows() -> Iterator[tuple[object, ...]]:
        for n in range(size):
            ingredient_id, unit = ingredients[n % len(ingredients)]
            lab_id = lab_ids[0] if n % 4 else lab_ids[1]
            roll = rng.random()
            status = "archived" if roll < 0.04 else "active"
            expires = today + timedelta(
                days=rng.randint(-20, 30) if roll > 0.9 else rng.randint(60, 900)
            )
            quantity = rng.randint(1, 5000) * 10**5  # 0.1 .. 500 in micro-units
            yield (
                f"RC{n + 1:08d}",
                ingredient_id,
                lab_id,
                leaves[n % len(leaves)],
                quantity,
                unit,
                status,
                f"L{rng.randint(1000, 9999)}",
                expires.isoformat(),
                1,
                now.isoformat(sep=" ", timespec="microseconds"),
            )

    with transaction(db):
        items.insert_many(db, rows())
        # each item's history starts with its values, as an import's does
        item_states.append_states(
            db,
            kind=HistoryKind.CREATED,
            station=services.station,
            at=now,
            reason="demo data",
            source="demo data",
            user_id=admin.user_id,
        )
    info.items = size
    configs = (
        (
            "Cell Biology",
            "Freezer A, Room 101",
            [Filter("location", "within", "Building 1/Room 101/Freezer A")],
        ),
        ("Cell Biology", "Expiring within 30 days", [Filter("expiry", "<=", "today+30")]),
        ("Chemistry", "All active", [Filter("status", "=", "active")]),
    )
    for lab, name, filters in configs:
        services.admin.add_config(admin, name, lab, filters)
        info.configs.append((lab, name, "; ".join(str(f) for f in filters)))
    for name, pin, lab, role in lesser:
        services.admin.add_user(admin, name, pin, lab=lab, role=role)
    info.sample_barcodes = [f"RC{n:08d}" for n in (1, 2, 3, 5, 6, 7)]
    return info


def fill_session(
    services: Services,
    operator: Operator,
    session_id: int,
    scans: int,
    *,
    outside: float = 0.08,
    unknown: float = 0.02,
    rng_seed: int = 11,
) -> None:
    """Record ``scans`` item scans in an active session at once, as if scanned one by one
    since it started: mostly its expected items (picked at random, so many come again as
    repeats), a share of other demo items and of barcodes that are no item."""
    info = services.sessions.info(session_id)
    if not info.active:
        raise SessionStateError(
            translate("Demo", "This session has ended; scans are no longer accepted.")
        )
    services.auth.require_role(
        operator, info.lab_id, Role.ADMIN, Role.MEMBER, doing=translate("Doing", "scan")
    )
    rng = random.Random(rng_seed)
    expected = services.sessions.view_barcodes(session_id, View.ALL_IN_LISTING)
    largest = max(items.largest_id(), 1)
    codes = []
    for _ in range(scans):
        roll = rng.random()
        if roll < unknown:
            codes.append(f"NOSUCH{rng.randint(1, 10**9):010d}")
        elif roll < unknown + outside or not expected:
            codes.append(f"RC{rng.randint(1, largest):08d}")
        else:
            codes.append(expected[rng.randrange(len(expected))])
    now = utcnow()
    every = (now - info.started_at) / max(scans, 1)
    with transaction(services.db):
        bulk_scans.record_scans(
            services.db,
            session_id,
            operator.user_id,
            operator.station,
            codes,
            start=info.started_at,
            every=every,
        )


def describe(info: DemoInfo) -> str:
    lines = [
        f"Demo data: {info.items:,} inventory items in {', '.join(info.labs)}.",
        "",
        "Users (name, PIN, lab, role):",
    ]
    lines += [f"  {n:<6} PIN {p}  {lab:<13} {role}" for n, p, lab, role in info.users]
    lines += [
        "",
        "Badges: " + ", ".join(f"{k} {v}" for k, v in DEMO_BADGES.items()),
        "",
        "Listing configs:",
    ]
    lines += [f"  {lab}: {name!r} ({filters})" for lab, name, filters in info.configs]
    lines += ["", "Some location barcodes:"]
    lines += [f"  {code}  {path}" for path, code in info.location_barcodes[:6]]
    lines += ["", "Some item barcodes: " + ", ".join(info.sample_barcodes)]
    return "\n".join(lines)
