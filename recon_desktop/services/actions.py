"""Actions on inventory items: move, split, set, archive, and bulk archive of the missing.

Each is one transaction that writes the item change and its history event together.
Changes are made in SQL against the row's version, so a stale view can never overwrite.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import peewee as pw

from recon_desktop.core import barcodes
from recon_desktop.core.filters import parse_date
from recon_desktop.core.records import ItemInfo, ItemStatus, Operator, Role
from recon_desktop.errors import (
    NotFoundError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.services.admin import AdminService, find_location
from recon_desktop.services.auth import AuthService
from recon_desktop.store import audit, queries
from recon_desktop.store.audit import HISTORY_CHAIN
from recon_desktop.store.db import db_now, resilient, transaction
from recon_desktop.store.models import (
    ExpectedItem,
    Found,
    Ingredient,
    InventoryItem,
    Lab,
    Location,
    Session,
    int_to_quantity,
    normalise_quantity,
    parse_quantity,
    quantity_to_int,
)

WRITE_ROLES = (Role.ADMIN, Role.MEMBER)
SETTABLE_FIELDS = ("quantity", "unit", "lot", "expiry")
MAX_REASON = 2000


def clean_reason(reason: str | None, *, required: bool) -> str | None:
    text = (reason or "").strip()
    if not text:
        if required:
            raise ValidationError("Give a reason; it is kept in the item's history.")
        return None
    if len(text) > MAX_REASON:
        raise ValidationError(f"The reason is too long (at most {MAX_REASON} characters).")
    return text


def generate_barcode() -> str:
    return "RD" + secrets.token_hex(5).upper()


def item_info(item_id: int) -> ItemInfo:
    row = (
        queries.listing_query(
            InventoryItem.id,
            InventoryItem.barcode,
            Ingredient.name,
            Ingredient.type,
            Lab.name,
            Lab.id,
            Location.path,
            Location.id,
            InventoryItem.quantity,
            InventoryItem.unit,
            InventoryItem.status,
            InventoryItem.lot,
            InventoryItem.expires_on,
            InventoryItem.last_verified_at,
            InventoryItem.version,
        )
        .where(InventoryItem.id == item_id)
        .tuples()
        .first()
    )
    if row is None:
        raise NotFoundError(f"There is no inventory item #{item_id}.")
    (
        iid,
        barcode,
        ingredient,
        itype,
        lab,
        lab_id,
        loc,
        loc_id,
        qty,
        unit,
        status,
        lot,
        expires,
        verified,
        version,
    ) = row
    if isinstance(expires, str):
        expires = date.fromisoformat(expires)
    if isinstance(verified, str):
        from datetime import datetime

        verified = datetime.fromisoformat(verified)
    return ItemInfo(
        id=iid,
        barcode=barcode,
        ingredient=ingredient,
        ingredient_type=itype,
        lab=lab,
        lab_id=lab_id,
        location=loc,
        location_id=loc_id,
        quantity=int_to_quantity(qty) if isinstance(qty, int) else qty,
        unit=unit,
        status=ItemStatus(status),
        lot=lot,
        expires_on=expires,
        last_verified_at=verified,
        version=version,
    )


class ActionService:
    def __init__(self, db: pw.Database, auth: AuthService, admin: AdminService) -> None:
        self.db = db
        self.auth = auth
        self.admin = admin

    # ------------------------------------------------------------ helpers
    def _prepare(
        self, operator: Operator, item_id: int, session_id: int | None, doing: str
    ) -> ItemInfo:
        item = item_info(item_id)
        self.auth.require_role(operator, item.lab_id, *WRITE_ROLES, doing=doing)
        if session_id is not None:
            self._require_active(session_id)
        return item

    def _require_active(self, session_id: int, *, alone: bool = False) -> None:
        p = self.db.param
        # FOR KEY SHARE: actions and scans go on side by side, and a split may still raise
        # the session's expected total (FOR SHARE would deadlock two splits of one item);
        # the end (FOR UPDATE) waits for them. ``alone``: FOR UPDATE, as the end does
        lock = (
            (" FOR UPDATE" if alone else " FOR KEY SHARE")
            if isinstance(self.db, pw.PostgresqlDatabase)
            else ""
        )
        row = self.db.execute_sql(
            f"SELECT ended_at FROM session WHERE id = {p}{lock}", (session_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no session #{session_id}.")
        if row[0] is not None:
            raise SessionStateError("This session has ended; no more actions are accepted.")

    def _update(self, item: ItemInfo, expected_version: int | None, **changes: Any) -> None:
        """Apply a change if the item is still the version the operator saw."""
        version = item.version if expected_version is None else expected_version
        changed = (
            InventoryItem.update(**changes, version=InventoryItem.version + 1)
            .where((InventoryItem.id == item.id) & (InventoryItem.version == version))
            .execute()
        )
        if not changed:
            current = item_info(item.id)
            raise SessionStateError(
                f"{item.barcode} was changed by someone else in the meantime; nothing was "
                f"changed. It is now {current.quantity} {current.unit} at {current.location} "
                f"({current.status.value})."
            )

    def _history(
        self,
        operator: Operator,
        item_id: int,
        kind: str,
        session_id: int | None,
        *,
        field: str | None = None,
        old: object = None,
        new: object = None,
        reason: str | None = None,
        source: str | None = None,
    ) -> int:
        return audit.append(
            self.db,
            HISTORY_CHAIN,
            {
                "item_id": item_id,
                "kind": kind,
                "field": field,
                "old_value": None if old is None else str(old),
                "new_value": None if new is None else str(new),
                "reason": reason,
                "user_id": operator.user_id,
                "station": operator.station,
                "session_id": session_id,
                "source": source,
                "at": db_now(self.db),
            },
        )

    # ------------------------------------------------------------ move
    @resilient
    def move(
        self,
        operator: Operator,
        item_id: int,
        location: int | str,
        *,
        session_id: int | None = None,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> ItemInfo:
        reason = clean_reason(reason, required=False)
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, "move items")
            target = (
                Location.get_or_none(Location.id == location)
                if isinstance(location, int)
                else find_location(location)
            )
            if target is None:
                raise NotFoundError(f"There is no location {location!r}.")
            if target.id == item.location_id:
                raise ValidationError(f"{item.barcode} is already at {target.path}.")
            self._update(item, expected_version, location=target.id)
            self._history(
                operator,
                item.id,
                "moved",
                session_id,
                field="location",
                old=item.location,
                new=target.path,
                reason=reason,
            )
        return item_info(item_id)

    # ------------------------------------------------------------ split
    @resilient
    def split(
        self,
        operator: Operator,
        item_id: int,
        quantity: Decimal | str,
        *,
        new_barcode: str | None = None,
        session_id: int | None = None,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> ItemInfo:
        """Move part of the quantity into a new item with its own barcode; the quantities
        add up. A split-off of an expected item is expected too."""
        amount = parse_quantity(quantity, what="quantity to split off")
        if amount <= 0:
            raise ValidationError("The quantity to split off must be more than zero.")
        reason = clean_reason(reason, required=False)
        # the new label is often scanned into the field: read it as a scan is read
        try:
            label = barcodes.normalise(new_barcode or "")
        except barcodes.BarcodeError as exc:
            raise ValidationError(str(exc)) from None
        barcode = label.candidates[0] if label else generate_barcode()
        if len(barcode) > 200 or any(ord(c) < 32 for c in barcode):
            raise ValidationError("The new barcode is too long or has control characters.")
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, "split items")
            if InventoryItem.get_or_none(InventoryItem.barcode == barcode):
                raise ValidationError(f"The barcode {barcode} is already used by another item.")
            if item.status is ItemStatus.ARCHIVED:
                raise ValidationError(f"{item.barcode} is archived and cannot be split.")
            if amount >= item.quantity:
                raise ValidationError(
                    f"Cannot split {amount} {item.unit} off {item.barcode}: it holds only "
                    f"{item.quantity} {item.unit} (a split must leave some behind)."
                )
            version = item.version if expected_version is None else expected_version
            changed = (
                InventoryItem.update(
                    quantity=InventoryItem.quantity - quantity_to_int(amount),
                    version=InventoryItem.version + 1,
                )
                .where(
                    (InventoryItem.id == item.id)
                    & (InventoryItem.version == version)
                    & (InventoryItem.quantity > quantity_to_int(amount))
                )
                .execute()
            )
            if not changed:
                self._update(item, -1)  # raises the "changed meanwhile" sentence
            source = InventoryItem.get_by_id(item.id)
            try:
                with self.db.atomic():  # another workstation may take the label meanwhile
                    new = InventoryItem.create(
                        barcode=barcode,
                        ingredient=source.ingredient_id,
                        lab=source.lab_id,
                        location=source.location_id,
                        quantity=amount,
                        unit=source.unit,
                        status="active",
                        lot=source.lot,
                        expires_on=source.expires_on,
                        created_at=db_now(self.db),
                    )
            except pw.IntegrityError:
                raise ValidationError(
                    f"The barcode {barcode} is already used by another item."
                ) from None
            remaining = normalise_quantity(item.quantity - amount)
            self._history(
                operator,
                item.id,
                "split",
                session_id,
                field="quantity",
                old=item.quantity,
                new=remaining,
                reason=reason or f"split {amount} {item.unit} into {barcode}",
            )
            self._history(
                operator,
                new.id,
                "created",
                session_id,
                field="quantity",
                new=amount,
                reason=reason or f"split off {item.barcode}",
                source=f"split from {item.barcode}",
            )
            expected = (
                session_id is not None
                and ExpectedItem.get_or_none(
                    (ExpectedItem.session == session_id) & (ExpectedItem.item == item.id)
                )
                is not None
            )
            if expected:
                ExpectedItem.insert(session=session_id, item=new.id).execute()
                Session.update(expected_total=Session.expected_total + 1).where(
                    Session.id == session_id
                ).execute()
            if session_id is not None and label is not None:
                # the label was scanned in this session before it was an item (Unknown
                # barcode): it is that item now, found
                Found.update(item=new.id, tag="in_scope" if expected else "not_in_scope").where(
                    (Found.session == session_id)
                    & Found.item.is_null()
                    & Found.barcode.in_(list(dict.fromkeys((label.text, barcode))))
                ).execute()
        return item_info(new.id)

    # ------------------------------------------------------------ set
    @resilient
    def set_field(
        self,
        operator: Operator,
        item_id: int,
        field: str,
        value: str,
        *,
        reason: str | None,
        session_id: int | None = None,
        expected_version: int | None = None,
    ) -> ItemInfo:
        field = field.strip().lower().replace("expires_on", "expiry")
        if field not in SETTABLE_FIELDS:
            raise ValidationError(
                f"{field!r} cannot be set; choose one of {', '.join(SETTABLE_FIELDS)}."
            )
        reason = clean_reason(reason, required=True)
        new_value: Any
        if field == "quantity":
            new_value = parse_quantity(value)
        elif field == "expiry":
            new_value = (
                parse_date(value, today=date.today(), label="Expiry") if value.strip() else None
            )
        else:
            new_value = value.strip() or None
            if new_value and len(new_value) > 200:
                raise ValidationError(f"The {field} is too long (at most 200 characters).")
            if field == "unit":
                new_value = new_value or ""
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, "change items")
            old_value = {
                "quantity": item.quantity,
                "unit": item.unit,
                "lot": item.lot,
                "expiry": item.expires_on,
            }[field]
            if old_value == new_value:
                raise ValidationError(f"The {field} of {item.barcode} is already {new_value}.")
            column = {"expiry": "expires_on"}.get(field, field)
            self._update(item, expected_version, **{column: new_value})
            self._history(
                operator,
                item.id,
                "set",
                session_id,
                field=field,
                old=old_value,
                new=new_value,
                reason=reason,
            )
        return item_info(item_id)

    # ------------------------------------------------------------ archive
    @resilient
    def archive(
        self,
        operator: Operator,
        item_id: int,
        *,
        reason: str | None,
        session_id: int | None = None,
        expected_version: int | None = None,
    ) -> ItemInfo:
        reason = clean_reason(reason, required=True)
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, "archive items")
            if item.status is ItemStatus.ARCHIVED:
                raise ValidationError(f"{item.barcode} is already archived.")
            self._update(item, expected_version, status="archived")
            self._history(
                operator,
                item.id,
                "archived",
                session_id,
                field="status",
                old="active",
                new="archived",
                reason=reason,
            )
        return item_info(item_id)

    @resilient
    def archive_missing(
        self,
        operator: Operator,
        session_id: int,
        *,
        reason: str | None,
        item_ids: Sequence[int] | None = None,
    ) -> int:
        """Bulk resolution of the not-scanned list: archive them as missing, one transaction.
        Returns how many were archived (items already archived are left as they are)."""
        reason = clean_reason(reason, required=True)
        with transaction(self.db):
            session = Session.get_or_none(Session.id == session_id)
            if session is None:
                raise NotFoundError(f"There is no session #{session_id}.")
            self.auth.require_role(operator, session.lab_id, *WRITE_ROLES, doing="archive items")
            # scans in flight finish first and later ones wait: an item found before this
            # is never archived as missing
            self._require_active(session_id, alone=True)
            missing = (
                ExpectedItem.select(ExpectedItem.item)
                .join(InventoryItem, on=(ExpectedItem.item == InventoryItem.id))
                .where(
                    (ExpectedItem.session == session_id)
                    & (InventoryItem.status == "active")
                    & ~pw.fn.EXISTS(
                        Found.select(pw.SQL("1")).where(
                            (Found.session == session_id) & (Found.item == ExpectedItem.item)
                        )
                    )
                )
            )
            if item_ids is not None:
                missing = missing.where(ExpectedItem.item.in_(list(item_ids)))
            ids = [row[0] for row in missing.tuples()]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                InventoryItem.update(status="archived", version=InventoryItem.version + 1).where(
                    InventoryItem.id.in_(chunk)
                ).execute()
            for item_id in ids:
                self._history(
                    operator,
                    item_id,
                    "archived",
                    session_id,
                    field="status",
                    old="active",
                    new="archived",
                    reason=f"missing: {reason}",
                )
        return len(ids)
