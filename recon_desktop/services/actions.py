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

from recon_desktop.core import barcodes
from recon_desktop.core.filters import parse_date
from recon_desktop.core.quantities import normalise_quantity, parse_quantity, quantity_to_int
from recon_desktop.core.records import HistoryKind, ItemInfo, ItemStatus, Operator, Role
from recon_desktop.core.text import translate
from recon_desktop.errors import (
    NotFoundError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.services.admin import AdminService, find_location
from recon_desktop.services.auth import AuthService
from recon_desktop.store import audit, item_states, items, locations, scans, seals, sessions
from recon_desktop.store.audit import HISTORY_CHAIN
from recon_desktop.store.db import Database, db_now, resilient, transaction

WRITE_ROLES = (Role.ADMIN, Role.MEMBER)
SETTABLE_FIELDS = ("quantity", "unit", "lot", "expiry")
SPLIT_QUANTITY = translate("ActionService", "quantity to split off")
# a settable field as a sentence names it
FIELD_WORDS = {
    "quantity": translate("ActionService", "quantity"),
    "unit": translate("ActionService", "unit"),
    "lot": translate("ActionService", "lot"),
    "expiry": translate("ActionService", "expiry"),
}
MAX_REASON = 2000


def clean_reason(reason: str | None, *, required: bool) -> str | None:
    text = (reason or "").strip()
    if not text:
        if required:
            raise ValidationError(
                translate("ActionService", "Give a reason; it is kept in the item's history.")
            )
        return None
    if len(text) > MAX_REASON:
        raise ValidationError(
            translate(
                "ActionService", "The reason is too long (at most {limit} characters)."
            ).format(limit=MAX_REASON)
        )
    return text


def generate_barcode() -> str:
    return "RD" + secrets.token_hex(5).upper()


def item_info(item_id: int) -> ItemInfo:
    info = items.item_info(item_id)
    if info is None:
        raise NotFoundError(
            translate("ActionService", "There is no inventory item #{item_id}.").format(
                item_id=str(item_id)
            )
        )
    return info


class ActionService:
    def __init__(self, db: Database, auth: AuthService, admin: AdminService) -> None:
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
        """The session is active, and stays so until this transaction ends (``alone``: no
        scan or action of it runs meanwhile)."""
        exists, ended_at = sessions.hold_for_action(self.db, session_id, alone=alone)
        if not exists:
            raise NotFoundError(
                translate("ActionService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        if ended_at is not None:
            raise SessionStateError(
                translate("ActionService", "This session has ended; no more actions are accepted.")
            )

    def _update(self, item: ItemInfo, expected_version: int | None, **changes: Any) -> None:
        """Apply a change if the item is still the version the operator saw."""
        version = item.version if expected_version is None else expected_version
        changed = items.change(item.id, version, **changes)
        if not changed:
            current = item_info(item.id)
            raise SessionStateError(
                translate(
                    "ActionService",
                    "{barcode} was changed by someone else in the meantime; nothing was "
                    "changed. It is now {quantity} {unit} at {location} ({value}).",
                ).format(
                    barcode=item.barcode,
                    quantity=current.quantity,
                    unit=current.unit,
                    location=current.location,
                    value=current.status.value,
                )
            )

    def _history(
        self,
        operator: Operator,
        item_id: int,
        kind: HistoryKind,
        session_id: int | None,
        *,
        field: str | None = None,
        old: object = None,
        new: object = None,
        reason: str | None = None,
        source: str | None = None,
        state: str | None = None,
        scan_id: int | None = None,
    ) -> int:
        return audit.append(
            self.db,
            HISTORY_CHAIN,
            {
                "item_id": item_id,
                "kind": kind.value,
                "field": field,
                "old_value": None if old is None else str(old),
                "new_value": None if new is None else str(new),
                "reason": reason,
                "user_id": operator.user_id,
                "station": operator.station,
                "session_id": session_id,
                "scan_id": scan_id,
                "source": source,
                "at": db_now(self.db),
                "state": state,  # a new item's values (core.item_state)
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
            item = self._prepare(operator, item_id, session_id, translate("Doing", "move items"))
            target = (
                locations.by_id(location) if isinstance(location, int) else find_location(location)
            )
            if target is None:
                raise NotFoundError(
                    translate("ActionService", "There is no location {location!r}.").format(
                        location=location
                    )
                )
            if target.id == item.location_id:
                raise ValidationError(
                    translate("ActionService", "{barcode} is already at {path}.").format(
                        barcode=item.barcode, path=target.path
                    )
                )
            self._update(item, expected_version, location=target.id)
            self._history(
                operator,
                item.id,
                HistoryKind.MOVED,
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
        amount = parse_quantity(quantity, what=SPLIT_QUANTITY)
        if amount <= 0:
            raise ValidationError(
                translate("ActionService", "The quantity to split off must be more than zero.")
            )
        reason = clean_reason(reason, required=False)
        # the new label is often scanned into the field: read it as a scan is read
        try:
            label = barcodes.normalise(new_barcode or "")
        except barcodes.BarcodeError as exc:
            raise ValidationError(exc.args[0]) from None
        barcode = label.candidates[0] if label else generate_barcode()
        if len(barcode) > 200 or any(ord(c) < 32 for c in barcode):
            raise ValidationError(
                translate("ActionService", "The new barcode is too long or has control characters.")
            )
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, translate("Doing", "split items"))
            if items.id_by_barcode(barcode) is not None:
                raise ValidationError(
                    translate(
                        "ActionService", "The barcode {barcode} is already used by another item."
                    ).format(barcode=barcode)
                )
            if item.status is ItemStatus.ARCHIVED:
                raise ValidationError(
                    translate("ActionService", "{barcode} is archived and cannot be split.").format(
                        barcode=item.barcode
                    )
                )
            if amount >= item.quantity:
                raise ValidationError(
                    translate(
                        "ActionService",
                        "Cannot split {amount} {unit} off {barcode}: it holds only {quantity} "
                        "{unit} (a split must leave some behind).",
                    ).format(
                        amount=amount, unit=item.unit, barcode=item.barcode, quantity=item.quantity
                    )
                )
            version = item.version if expected_version is None else expected_version
            if not items.take_quantity(item.id, version, quantity_to_int(amount)):
                self._update(item, -1)  # raises the "changed meanwhile" sentence
            # None: another workstation took the label meanwhile
            new_id = items.create_split(item.id, barcode, amount, db_now(self.db))
            if new_id is None:
                raise ValidationError(
                    translate(
                        "ActionService", "The barcode {barcode} is already used by another item."
                    ).format(barcode=barcode)
                )
            remaining = normalise_quantity(item.quantity - amount)
            self._history(
                operator,
                item.id,
                HistoryKind.SPLIT,
                session_id,
                field="quantity",
                old=item.quantity,
                new=remaining,
                reason=reason or f"split {amount} {item.unit} into {barcode}",
            )
            self._history(
                operator,
                new_id,
                HistoryKind.CREATED,
                session_id,
                field="quantity",
                new=amount,
                reason=reason or f"split off {item.barcode}",
                source=f"split from {item.barcode}",
                state=item_states.state_text(self.db, new_id),
            )
            if session_id is not None:
                expected = sessions.is_expected(session_id, item.id)
                if expected:
                    sessions.add_expected(session_id, new_id)
                    seals.seal(
                        self.db,
                        f"session:{session_id}",
                        kind="expected-item-added",
                        at=db_now(self.db),
                        user_id=operator.user_id,
                        user_name=operator.name,
                        station=operator.station,
                        session_id=session_id,
                        detail=f"{barcode}, split off the expected {item.barcode}",
                    )
                if label is not None:
                    # the label was scanned in this session before it was an item (Unknown
                    # barcode): it is that item now, found
                    codes = list(dict.fromkeys((label.text, barcode)))
                    sessions.found_unknown_as(
                        self.db,
                        session_id,
                        codes,
                        new_id,
                        expected=expected,
                        station=operator.station,
                    )
        return item_info(new_id)

    # ------------------------------------------------------------ set
    @resilient
    def set_field(
        self,
        operator: Operator,
        item_id: int,
        field: str,
        value: str | Decimal,
        *,
        reason: str | None,
        session_id: int | None = None,
        expected_version: int | None = None,
    ) -> ItemInfo:
        field = field.strip().lower().replace("expires_on", "expiry")
        if field not in SETTABLE_FIELDS:
            raise ValidationError(
                translate(
                    "ActionService", "{field!r} cannot be set; choose one of {value}."
                ).format(field=field, value=", ".join(SETTABLE_FIELDS))
            )
        reason = clean_reason(reason, required=True)
        new_value: Any
        if field == "quantity":
            new_value = parse_quantity(value)  # a Decimal: read by the caller's locale
        elif isinstance(value, Decimal):
            raise ValidationError(
                translate("ActionService", "The {field} is not a number.").format(
                    field=FIELD_WORDS[field]
                )
            )
        elif field == "expiry":
            new_value = (
                parse_date(value, today=date.today(), label="Expiry") if value.strip() else None
            )
        else:
            new_value = value.strip() or None
            if new_value and len(new_value) > 200:
                raise ValidationError(
                    translate(
                        "ActionService", "The {field} is too long (at most 200 characters)."
                    ).format(field=FIELD_WORDS[field])
                )
            if field == "unit":
                new_value = new_value or ""
        with transaction(self.db):
            item = self._prepare(operator, item_id, session_id, translate("Doing", "change items"))
            old_value = {
                "quantity": item.quantity,
                "unit": item.unit,
                "lot": item.lot,
                "expiry": item.expires_on,
            }[field]
            if old_value == new_value:
                raise ValidationError(
                    translate(
                        "ActionService", "The {field} of {barcode} is already {new_value}."
                    ).format(field=FIELD_WORDS[field], barcode=item.barcode, new_value=new_value)
                )
            column = {"expiry": "expires_on"}.get(field, field)
            self._update(item, expected_version, **{column: new_value})
            self._history(
                operator,
                item.id,
                HistoryKind.SET,
                session_id,
                field=field,
                old=old_value,
                new=new_value,
                reason=reason,
            )
        return item_info(item_id)

    # ------------------------------------------------------------ from the label
    @resilient
    def update_from_label(
        self,
        operator: Operator,
        scan_id: int,
        *,
        expected_version: int | None = None,
    ) -> ItemInfo:
        """Make the item's record say what the GS1 label of one of its scans said: its lot
        and expiry, where they differ. One event per field changed, each linked to the
        scan and its session (which must still be active)."""
        with transaction(self.db):
            item_id, lot_seen, expiry_seen, session_id = scans.label_seen(self.db, scan_id)
            if not session_id:
                raise NotFoundError(
                    translate("ActionService", "There is no scan #{scan_id}.").format(
                        scan_id=str(scan_id)
                    )
                )
            if item_id is None:
                raise ValidationError(
                    translate(
                        "ActionService", "That scan found no item: there is no record to update."
                    )
                )
            item = self._prepare(operator, item_id, session_id, translate("Doing", "change items"))
            changes: dict[str, tuple[Any, Any]] = {}
            if lot_seen is not None and lot_seen != item.lot:
                changes["lot"] = (item.lot, lot_seen)
            if expiry_seen is not None and expiry_seen != item.expires_on:
                changes["expires_on"] = (item.expires_on, expiry_seen)
            if not changes:
                raise ValidationError(
                    translate(
                        "ActionService", "The record of {barcode} already says what its label says."
                    ).format(barcode=item.barcode)
                )
            self._update(item, expected_version, **{k: new for k, (_, new) in changes.items()})
            for column, (old, new) in changes.items():
                self._history(
                    operator,
                    item.id,
                    HistoryKind.SET,
                    session_id,
                    field={"expires_on": "expiry"}.get(column, column),
                    old=old,
                    new=new,
                    reason="as on the label scanned",
                    scan_id=scan_id,
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
            item = self._prepare(operator, item_id, session_id, translate("Doing", "archive items"))
            if item.status is ItemStatus.ARCHIVED:
                raise ValidationError(
                    translate("ActionService", "{barcode} is already archived.").format(
                        barcode=item.barcode
                    )
                )
            self._update(item, expected_version, status=ItemStatus.ARCHIVED.value)
            self._history(
                operator,
                item.id,
                HistoryKind.ARCHIVED,
                session_id,
                field="status",
                old=ItemStatus.ACTIVE.value,
                new=ItemStatus.ARCHIVED.value,
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
            lab_id = sessions.lab_of(session_id)
            if lab_id is None:
                raise NotFoundError(
                    translate("ActionService", "There is no session #{session_id}.").format(
                        session_id=str(session_id)
                    )
                )
            self.auth.require_role(
                operator, lab_id, *WRITE_ROLES, doing=translate("Doing", "archive items")
            )
            # scans in flight finish first and later ones wait: an item found before this
            # is never archived as missing
            self._require_active(session_id, alone=True)
            ids = sessions.missing_items(session_id, item_ids)
            items.archive(ids)
            for item_id in ids:
                self._history(
                    operator,
                    item_id,
                    HistoryKind.ARCHIVED,
                    session_id,
                    field="status",
                    old=ItemStatus.ACTIVE.value,
                    new=ItemStatus.ARCHIVED.value,
                    reason=f"missing: {reason}",
                )
        return len(ids)
