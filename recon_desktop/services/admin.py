"""Labs, users and roles, locations, ingredients and listing configs."""

from __future__ import annotations

import json
from collections.abc import Sequence

import peewee as pw

from recon_desktop.core import barcodes
from recon_desktop.core.filters import (
    DEFAULT_COLUMNS,
    Filter,
    check_columns,
    check_filters,
)
from recon_desktop.core.locations import split_path
from recon_desktop.core.records import LabInfo, LocationInfo, Role
from recon_desktop.errors import NotFoundError, ValidationError
from recon_desktop.services.auth import check_pin_format, hash_pin
from recon_desktop.store import queries
from recon_desktop.store.db import transaction, utcnow
from recon_desktop.store.models import (
    Ingredient,
    Lab,
    ListingConfig,
    Location,
    Membership,
    User,
)

MAX_NAME = 200


def clean_name(text: str, what: str, max_length: int = MAX_NAME) -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError(f"The {what} cannot be empty.")
    if len(name) > max_length:
        raise ValidationError(
            f"The {what} is too long ({len(name)} characters; at most {max_length})."
        )
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise ValidationError(f"The {what} contains control characters.")
    return name


def find_location(path_or_barcode: str) -> Location | None:
    """A location by its path or barcode; a barcode scanned with an AIM prefix (or any
    scanner dressing) is read as a scan is read."""
    text = path_or_barcode.strip()
    loc = Location.get_or_none((Location.path == text) | (Location.barcode == text))
    if loc is not None or not text:
        return loc
    try:
        code = barcodes.normalise(text)
    except barcodes.BarcodeError:
        return None
    return Location.get_or_none(Location.barcode.in_(list(code.candidates))) if code else None


def location_barcode(location_id: int) -> str:
    return f"LOC-{location_id:06d}"


class AdminService:
    def __init__(self, db: pw.Database) -> None:
        self.db = db

    # ------------------------------------------------------------ labs
    def add_lab(self, name: str) -> LabInfo:
        name = clean_name(name, "lab name")
        with transaction(self.db):
            if Lab.get_or_none(Lab.name == name):
                raise ValidationError(f"There is already a lab called {name!r}.")
            lab = Lab.create(name=name, created_at=utcnow())
        return LabInfo(lab.id, lab.name)

    def lab(self, name_or_id: str | int) -> LabInfo:
        if isinstance(name_or_id, int):
            lab = Lab.get_or_none(Lab.id == name_or_id)
        else:
            lab = Lab.get_or_none(Lab.name == name_or_id.strip())
        if lab is None:
            raise NotFoundError(f"There is no lab called {name_or_id!r}.")
        return LabInfo(lab.id, lab.name)

    def labs(self) -> list[LabInfo]:
        return [LabInfo(i, n) for i, n in Lab.select(Lab.id, Lab.name).order_by(Lab.name).tuples()]

    def labs_of(self, user_id: int) -> list[tuple[LabInfo, Role]]:
        rows = (
            Membership.select(Lab.id, Lab.name, Membership.role)
            .join(Lab)
            .where(Membership.user == user_id)
            .order_by(Lab.name)
            .tuples()
        )
        return [(LabInfo(i, n), Role(r)) for i, n, r in rows]

    # ------------------------------------------------------------ users
    def add_user(
        self,
        name: str,
        pin: str,
        *,
        lab: str | None = None,
        role: Role | str = Role.MEMBER,
        badge: str | None = None,
    ) -> int:
        """Create a user, or give an existing user a role in another lab (PIN must match
        the rule; an existing user's PIN is not changed)."""
        name = clean_name(name, "user name")
        role = Role(role)
        lab_info = self.lab(lab) if lab else None
        with transaction(self.db):
            user = User.get_or_none(User.name == name)
            if user is None:
                check_pin_format(pin)
                badge = badge.strip() if badge else None
                if badge and User.get_or_none(User.badge == badge):
                    raise ValidationError("That badge barcode belongs to another user.")
                user = User.create(
                    name=name, pin_hash=hash_pin(pin), badge=badge, created_at=utcnow()
                )
            if lab_info:
                Membership.insert(user=user.id, lab=lab_info.id, role=role.value).on_conflict(
                    conflict_target=[Membership.user, Membership.lab],
                    update={Membership.role: role.value},
                ).execute()
        return int(user.id)

    def users(self) -> list[tuple[int, str]]:
        return list(User.select(User.id, User.name).order_by(User.name).tuples())

    # ------------------------------------------------------------ locations
    def ensure_location(self, path: str, *, barcode: str | None = None) -> LocationInfo:
        """The location at a path like 'Building 1/Room 101/Freezer A', created with its
        parents when missing (each gets a generated barcode unless one is given)."""
        parts = split_path(path)
        with transaction(self.db):
            parent_id: int | None = None
            location = None
            for depth in range(1, len(parts) + 1):
                full = "/".join(parts[:depth])
                location = Location.get_or_none(Location.path == full)
                if location is None:
                    location = Location.create(name=parts[depth - 1], parent=parent_id, path=full)
                    code = (
                        barcode
                        if depth == len(parts) and barcode
                        else location_barcode(location.id)
                    )
                    Location.update(barcode=code).where(Location.id == location.id).execute()
                    location.barcode = code
                parent_id = location.id
            assert location is not None
        return LocationInfo(
            location.id, location.name, location.path, location.barcode, location.parent_id
        )

    def location(self, path_or_barcode: str) -> LocationInfo:
        loc = find_location(path_or_barcode)
        if loc is None:
            raise NotFoundError(f"There is no location {path_or_barcode.strip()!r}.")
        return LocationInfo(loc.id, loc.name, loc.path, loc.barcode, loc.parent_id)

    def locations(self) -> list[LocationInfo]:
        query = (
            Location.select(
                Location.id, Location.name, Location.path, Location.barcode, Location.parent
            )
            .order_by(Location.path)
            .tuples()
        )
        return [LocationInfo(*row) for row in query]

    def ensure_ingredient(self, name: str, type_: str | None = None) -> int:
        name = clean_name(name, "ingredient name", 300)
        ingredient = Ingredient.get_or_none(Ingredient.name == name)
        if ingredient is None:
            ingredient = Ingredient.create(name=name, type=type_ or None)
        elif type_ and not ingredient.type:  # a type given for the first time is kept
            Ingredient.update(type=type_).where(Ingredient.id == ingredient.id).execute()
        return int(ingredient.id)

    # ------------------------------------------------------------ listing configs
    def add_config(
        self,
        name: str,
        lab: str | int,
        filters: Sequence[Filter],
        columns: Sequence[str] = DEFAULT_COLUMNS,
        *,
        created_by: int | None = None,
    ) -> int:
        name = clean_name(name, "listing config name")
        lab_info = self.lab(lab)
        checked = check_filters(list(filters))
        keys = check_columns(list(columns))
        saved = [[c.field, c.op, f.value.strip()] for c, f in zip(checked, filters, strict=True)]
        with transaction(self.db):
            if ListingConfig.get_or_none(
                (ListingConfig.lab == lab_info.id) & (ListingConfig.name == name)
            ):
                raise ValidationError(
                    f"There is already a listing config called {name!r} in {lab_info.name}."
                )
            config = ListingConfig.create(
                name=name,
                lab=lab_info.id,
                columns=json.dumps(list(keys)),
                filters=json.dumps(saved),
                created_by=created_by,
                created_at=utcnow(),
            )
        return int(config.id)

    def configs(self, lab_id: int) -> list[tuple[int, str]]:
        return list(
            ListingConfig.select(ListingConfig.id, ListingConfig.name)
            .where(ListingConfig.lab == lab_id)
            .order_by(ListingConfig.name)
            .tuples()
        )

    def config(
        self, lab_id: int, name_or_id: str | int
    ) -> tuple[int, str, list[str], list[Filter]]:
        if isinstance(name_or_id, int):
            row = ListingConfig.get_or_none(ListingConfig.id == name_or_id)
        else:
            row = ListingConfig.get_or_none(
                (ListingConfig.lab == lab_id) & (ListingConfig.name == name_or_id.strip())
            )
        if row is None or row.lab_id != lab_id:
            raise NotFoundError(f"There is no listing config {name_or_id!r} in this lab.")
        filters = [Filter(*f) for f in json.loads(row.filters)]
        return row.id, row.name, json.loads(row.columns), filters

    def count_matching(self, lab_id: int, filters: Sequence[Filter]) -> int:
        """Live count for the start dialog; raises ValidationError for a bad filter."""
        return queries.count_matching(lab_id, filters)
