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
from recon_desktop.core.records import LabInfo, LocationInfo, Operator, Role
from recon_desktop.core.text import translate
from recon_desktop.errors import NotFoundError, PermissionDeniedError, ValidationError
from recon_desktop.services.auth import AuthService, check_pin_format, hash_pin
from recon_desktop.store import items as item_store
from recon_desktop.store import labs as lab_store
from recon_desktop.store import locations as location_store
from recon_desktop.store import queries, seals
from recon_desktop.store import users as user_store
from recon_desktop.store.db import Database, db_now, resilient, transaction

MAX_NAME = 200


# what a name is, as clean_name's sentences say it
LAB_NAME = translate("AdminService", "lab name")
USER_NAME = translate("AdminService", "user name")
SESSION_NAME = translate("AdminService", "session name")
INGREDIENT_NAME = translate("AdminService", "ingredient name")
CONFIG_NAME = translate("AdminService", "listing config name")


def clean_name(text: str, what: str, max_length: int = MAX_NAME) -> str:
    """``text`` with its runs of white space made one space; ``what``: the name's kind
    (``LAB_NAME`` …) for the sentence that refuses it."""
    name = " ".join(text.split())
    if not name:
        raise ValidationError(
            translate("AdminService", "The {what} cannot be empty.").format(what=what)
        )
    if len(name) > max_length:
        raise ValidationError(
            translate(
                "AdminService", "The {what} is too long ({count} characters; at most {limit})."
            ).format(what=what, count=str(len(name)), limit=str(max_length))
        )
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        raise ValidationError(
            translate("AdminService", "The {what} contains control characters.").format(what=what)
        )
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
    """Labs, users, roles, PINs, locations, ingredients and listing configs. Every change
    needs a signed-in admin of the lab it is about (checked here, not only in the window)
    and is recorded: an audit event naming who, when and what, sealing the record's new
    values (``store.seals``)."""

    def __init__(self, db: Database, auth: AuthService, station: str) -> None:
        self.db = db
        self.auth = auth
        self.station = station

    def _seal(self, operator: Operator | None, subject: str, kind: str, detail: str) -> None:
        seals.seal(
            self.db,
            subject,
            kind=kind,
            at=db_now(self.db),
            user_id=operator.user_id if operator else None,
            user_name=operator.name if operator else "(no user)",
            station=operator.station if operator else self.station,
            detail=detail,
        )

    def _require_admin(self, operator: Operator, lab: LabInfo, doing: str) -> None:
        self.auth.require_role(operator, lab.id, Role.ADMIN, doing=doing)

    # ------------------------------------------------------------ the first admin
    def has_users(self) -> bool:
        return user_store.any_user()

    @resilient
    def create_first_admin(
        self, lab: str, name: str, pin: str, *, badge: str | None = None
    ) -> Operator:
        """On a database without users only: the first lab (made when missing) and its
        first admin, who needs no sign-in to be made. Returns that admin, signed in."""
        lab_name = clean_name(lab, LAB_NAME)
        name = clean_name(name, USER_NAME)
        check_pin_format(pin)
        badge = badge.strip() if badge else None
        pin_hash = hash_pin(pin)
        refused = translate(
            "AdminService",
            "This database already has users: an admin of the lab must sign in to add "
            "another (--user NAME, with the PIN in RECON_PIN).",
        )
        with transaction(self.db):
            if user_store.any_user() or not user_store.claim_first_admin(self.db, name):
                raise PermissionDeniedError(refused)
            now = db_now(self.db)
            user_id = user_store.create(name, pin_hash, badge, now)
            operator = Operator(user_id, name, self.station)
            info = lab_store.lab_by_name(lab_name) or lab_store.create_lab(lab_name, now)
            lab_store.set_role(user_id, info.id, Role.ADMIN)
            self._seal(operator, f"lab:{info.id}", "lab-added", f"lab {lab_name}")
            self._seal(operator, f"user:{user_id}", "user-added", f"first admin {name}")
            self._seal(
                operator, f"role:{user_id}:{info.id}", "role-set", f"{name}: admin of {lab_name}"
            )
        return operator

    # ------------------------------------------------------------ labs
    @resilient
    def add_lab(self, operator: Operator, name: str) -> LabInfo:
        """A new lab, added by an admin (of any lab), who becomes the new lab's admin."""
        name = clean_name(name, LAB_NAME)
        with transaction(self.db):
            if not any(role is Role.ADMIN for _, role in lab_store.labs_of(operator.user_id)):
                raise PermissionDeniedError(
                    translate(
                        "AdminService", "{name} cannot add a lab: that needs an admin of a lab."
                    ).format(name=operator.name)
                )
            if lab_store.lab_by_name(name):
                raise ValidationError(
                    translate("AdminService", "There is already a lab called {name!r}.").format(
                        name=name
                    )
                )
            lab = lab_store.create_lab(name, db_now(self.db))
            lab_store.set_role(operator.user_id, lab.id, Role.ADMIN)
            self._seal(operator, f"lab:{lab.id}", "lab-added", f"lab {name}")
            self._seal(
                operator,
                f"role:{operator.user_id}:{lab.id}",
                "role-set",
                f"{operator.name}: admin of {name} (who adds a lab is its admin)",
            )
        return lab

    def lab(self, name_or_id: str | int) -> LabInfo:
        if isinstance(name_or_id, int):
            lab = lab_store.lab_by_id(name_or_id)
        else:
            lab = lab_store.lab_by_name(name_or_id.strip())
        if lab is None:
            raise NotFoundError(
                translate("AdminService", "There is no lab called {name_or_id!r}.").format(
                    name_or_id=str(name_or_id)
                )
            )
        return lab

    def labs(self) -> list[LabInfo]:
        return lab_store.labs()

    def labs_of(self, user_id: int) -> list[tuple[LabInfo, Role]]:
        return lab_store.labs_of(user_id)

    # ------------------------------------------------------------ users
    @resilient
    def add_user(
        self,
        operator: Operator,
        name: str,
        pin: str,
        *,
        lab: str | int,
        role: Role | str = Role.MEMBER,
        badge: str | None = None,
    ) -> int:
        """Create a user with a role in a lab, or give an existing user a role there (or
        change it; the PIN of an existing user is not changed). Needs an admin of the lab."""
        name = clean_name(name, USER_NAME)
        role = Role(role)
        lab_info = self.lab(lab)
        self._require_admin(operator, lab_info, translate("Doing", "add users or change roles"))
        existing = user_store.by_name(name)
        pin_hash = None
        if existing is None:
            check_pin_format(pin)
            pin_hash = hash_pin(pin)  # slow on purpose: before the transaction
        badge = badge.strip() if badge else None
        with transaction(self.db):
            user = user_store.by_name(name)
            if user is not None:
                user_id = user.id
            else:
                if pin_hash is None:
                    raise ValidationError(
                        translate(
                            "AdminService", "{name} was removed meanwhile; try again."
                        ).format(name=name)
                    )
                if badge and user_store.badge_taken(badge):
                    raise ValidationError(
                        translate("AdminService", "That badge barcode belongs to another user.")
                    )
                user_id = user_store.create(name, pin_hash, badge, db_now(self.db))
                self._seal(operator, f"user:{user_id}", "user-added", f"user {name}")
            lab_store.set_role(user_id, lab_info.id, role)
            self._seal(
                operator,
                f"role:{user_id}:{lab_info.id}",
                "role-set",
                f"{name}: {role.value} of {lab_info.name}",
            )
        return int(user_id)

    @resilient
    def set_pin(self, operator: Operator, name: str, pin: str) -> None:
        """A new PIN: for oneself, or for someone else by an admin of every lab where that
        person has a role (so that no admin of one lab can take over another's)."""
        user = self.auth.user_by_name(name)
        check_pin_format(pin)
        if user.id != operator.user_id:
            labs = lab_store.labs_of(user.id)
            missing = [
                lab.name
                for lab, _ in labs
                if self.auth.role(operator.user_id, lab.id) is not Role.ADMIN
            ]
            if missing or not labs:
                raise PermissionDeniedError(
                    translate(
                        "AdminService",
                        "{name} cannot set {user}'s PIN: that needs an admin of {labs}.",
                    ).format(name=operator.name, user=user.name, labs=", ".join(missing))
                    if missing
                    else translate(
                        "AdminService",
                        "{name} cannot set {user}'s PIN: that needs an admin of a lab of theirs.",
                    ).format(name=operator.name, user=user.name)
                )
        pin_hash = hash_pin(pin)
        with transaction(self.db):
            user_store.set_pin_hash(user.id, pin_hash)
            self._seal(operator, f"user:{user.id}", "pin-changed", f"PIN of {user.name}")

    def users(self) -> list[tuple[int, str]]:
        return user_store.users()

    # ------------------------------------------------------------ locations
    def ensure_location(
        self, operator: Operator, path: str, *, barcode: str | None = None
    ) -> LocationInfo:
        """The location at a path like 'Building 1/Room 101/Freezer A', created with its
        parents when missing (each gets a generated barcode unless one is given), each new
        one recorded as the operator's. Part of an import or set-up by an admin."""
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
                    self._seal(operator, f"location:{new_id}", "location-added", full)
                parent_id = location.id
            assert location is not None
        return location

    def location(self, path_or_barcode: str) -> LocationInfo:
        loc = find_location(path_or_barcode)
        if loc is None:
            raise NotFoundError(
                translate("AdminService", "There is no location {path_or_barcode!r}.").format(
                    path_or_barcode=path_or_barcode.strip()
                )
            )
        return loc

    def locations(self) -> list[LocationInfo]:
        return location_store.locations()

    def ensure_ingredient(self, operator: Operator, name: str, type_: str | None = None) -> int:
        """The ingredient's id, made (or given its first type) and recorded when needed."""
        name = clean_name(name, INGREDIENT_NAME, 300)
        with transaction(self.db):
            ingredient_id, changed = item_store.ensure_ingredient(name, type_)
            if changed:
                self._seal(operator, f"ingredient:{ingredient_id}", changed, name)
        return ingredient_id

    # ------------------------------------------------------------ listing configs
    @resilient
    def add_config(
        self,
        operator: Operator,
        name: str,
        lab: str | int,
        filters: Sequence[Filter],
        columns: Sequence[str] = DEFAULT_COLUMNS,
    ) -> int:
        """A listing config of a lab, added by an admin of the lab."""
        name = clean_name(name, CONFIG_NAME)
        lab_info = self.lab(lab)
        self._require_admin(operator, lab_info, translate("Doing", "add listing configs"))
        checked = check_filters(list(filters))
        keys = check_columns(list(columns))
        saved = [[c.field, c.op, f.value.strip()] for c, f in zip(checked, filters, strict=True)]
        with transaction(self.db):
            if lab_store.config_exists(lab_info.id, name):
                raise ValidationError(
                    translate(
                        "AdminService",
                        "There is already a listing config called {name!r} in {lab}.",
                    ).format(name=name, lab=lab_info.name)
                )
            config_id = lab_store.create_config(
                name=name,
                lab_id=lab_info.id,
                columns=list(keys),
                filters=saved,
                created_by=operator.user_id,
                at=db_now(self.db),
            )
            self._seal(
                operator, f"config:{config_id}", "config-added", f"{name} in {lab_info.name}"
            )
        return config_id

    def may_add_configs(self, operator: Operator, lab_id: int) -> bool:
        return self.auth.role(operator.user_id, lab_id) is Role.ADMIN

    def configs(self, lab_id: int) -> list[tuple[int, str]]:
        return lab_store.configs(lab_id)

    def config(
        self, lab_id: int, name_or_id: str | int
    ) -> tuple[int, str, list[str], list[Filter]]:
        row = lab_store.config(
            lab_id, name_or_id if isinstance(name_or_id, int) else name_or_id.strip()
        )
        if row is None or row[1] != lab_id:
            raise NotFoundError(
                translate(
                    "AdminService", "There is no listing config {name_or_id!r} in this lab."
                ).format(name_or_id=str(name_or_id))
            )
        config_id, _, name, columns, filters = row
        return config_id, name, columns, filters

    def count_matching(self, lab_id: int, filters: Sequence[Filter]) -> int:
        """Live count for the start dialog; raises ValidationError for a bad filter."""
        return queries.count_matching(lab_id, filters)
