"""Labs, users and roles, locations, ingredients and listing configs."""

from __future__ import annotations

from collections.abc import Sequence

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
from recon_desktop.store import items as item_store
from recon_desktop.store import labs as lab_store
from recon_desktop.store import locations as location_store
from recon_desktop.store import queries
from recon_desktop.store import users as user_store
from recon_desktop.store.db import Database, transaction, utcnow

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


def find_location(path_or_barcode: str) -> LocationInfo | None:
    """A location by its path or barcode; a barcode scanned with an AIM prefix (or any
    scanner dressing) is read as a scan is read."""
    text = path_or_barcode.strip()
    loc = location_store.by_path_or_barcode(text)
    if loc is not None or not text:
        return loc
    try:
        code = barcodes.normalise(text)
    except barcodes.BarcodeError:
        return None
    return location_store.by_barcodes(code.candidates) if code else None


def location_barcode(location_id: int) -> str:
    return f"LOC-{location_id:06d}"


class AdminService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ labs
    def add_lab(self, name: str) -> LabInfo:
        name = clean_name(name, "lab name")
        with transaction(self.db):
            if lab_store.lab_by_name(name):
                raise ValidationError(f"There is already a lab called {name!r}.")
            return lab_store.create_lab(name, utcnow())

    def lab(self, name_or_id: str | int) -> LabInfo:
        if isinstance(name_or_id, int):
            lab = lab_store.lab_by_id(name_or_id)
        else:
            lab = lab_store.lab_by_name(name_or_id.strip())
        if lab is None:
            raise NotFoundError(f"There is no lab called {name_or_id!r}.")
        return lab

    def labs(self) -> list[LabInfo]:
        return lab_store.labs()

    def labs_of(self, user_id: int) -> list[tuple[LabInfo, Role]]:
        return lab_store.labs_of(user_id)

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
            user = user_store.by_name(name)
            if user is not None:
                user_id = user.id
            else:
                check_pin_format(pin)
                badge = badge.strip() if badge else None
                if badge and user_store.badge_taken(badge):
                    raise ValidationError("That badge barcode belongs to another user.")
                user_id = user_store.create(name, hash_pin(pin), badge, utcnow())
            if lab_info:
                lab_store.set_role(user_id, lab_info.id, role)
        return int(user_id)

    def users(self) -> list[tuple[int, str]]:
        return user_store.users()

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
                location = location_store.by_path(full)
                if location is None:
                    new_id = location_store.create(parts[depth - 1], parent_id, full)
                    code = barcode if depth == len(parts) and barcode else location_barcode(new_id)
                    location_store.set_barcode(new_id, code)
                    location = LocationInfo(new_id, parts[depth - 1], full, code, parent_id)
                parent_id = location.id
            assert location is not None
        return location

    def location(self, path_or_barcode: str) -> LocationInfo:
        loc = find_location(path_or_barcode)
        if loc is None:
            raise NotFoundError(f"There is no location {path_or_barcode.strip()!r}.")
        return loc

    def locations(self) -> list[LocationInfo]:
        return location_store.locations()

    def ensure_ingredient(self, name: str, type_: str | None = None) -> int:
        return item_store.ensure_ingredient(clean_name(name, "ingredient name", 300), type_)

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
            if lab_store.config_exists(lab_info.id, name):
                raise ValidationError(
                    f"There is already a listing config called {name!r} in {lab_info.name}."
                )
            return lab_store.create_config(
                name=name,
                lab_id=lab_info.id,
                columns=list(keys),
                filters=saved,
                created_by=created_by,
                at=utcnow(),
            )

    def configs(self, lab_id: int) -> list[tuple[int, str]]:
        return lab_store.configs(lab_id)

    def config(
        self, lab_id: int, name_or_id: str | int
    ) -> tuple[int, str, list[str], list[Filter]]:
        row = lab_store.config(
            lab_id, name_or_id if isinstance(name_or_id, int) else name_or_id.strip()
        )
        if row is None or row[1] != lab_id:
            raise NotFoundError(f"There is no listing config {name_or_id!r} in this lab.")
        config_id, _, name, columns, filters = row
        return config_id, name, columns, filters

    def count_matching(self, lab_id: int, filters: Sequence[Filter]) -> int:
        """Live count for the start dialog; raises ValidationError for a bad filter."""
        return queries.count_matching(lab_id, filters)
