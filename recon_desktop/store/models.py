"""peewee models: one per glossary term. Bound to a database at start, never at import."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from recon_desktop.core.barcodes import item_key

# the quantity rules live in core; named here too, beside the field that stores them
from recon_desktop.core.quantities import QUANTITY_LIMIT as QUANTITY_LIMIT
from recon_desktop.core.quantities import QUANTITY_PLACES as QUANTITY_PLACES
from recon_desktop.core.quantities import QUANTITY_SCALE as QUANTITY_SCALE
from recon_desktop.core.quantities import int_to_quantity as int_to_quantity
from recon_desktop.core.quantities import normalise_quantity as normalise_quantity
from recon_desktop.core.quantities import parse_quantity as parse_quantity
from recon_desktop.core.quantities import quantity_to_int as quantity_to_int

KEY_LENGTH = 250  # a canonical key is at most a little longer than the barcode (200)


class QuantityField(pw.BigIntegerField):
    """An exact decimal stored as an integer number of micro-units (same on SQLite and PG)."""

    def db_value(self, value: Any) -> Any:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        return quantity_to_int(Decimal(value))

    def python_value(self, value: Any) -> Any:
        return None if value is None else int_to_quantity(int(value))


class UTCDateTimeField(pw.DateTimeField):
    """Naive datetimes that always mean UTC, stored with microseconds so text sorts in order."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return value.isoformat(sep=" ", timespec="microseconds")
        return super().db_value(value)


class ISODateField(pw.DateField):
    def db_value(self, value: Any) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        return super().db_value(value)


class BaseModel(pw.Model):
    class Meta:
        legacy_table_names = False


class SchemaInfo(BaseModel):
    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()


class Lab(BaseModel):
    name = pw.CharField(unique=True, max_length=200)
    created_at = UTCDateTimeField()


class User(BaseModel):
    name = pw.CharField(unique=True, max_length=200)
    pin_hash = pw.TextField()
    badge = pw.CharField(unique=True, null=True, max_length=200)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField()


class Membership(BaseModel):
    user = pw.ForeignKeyField(User, backref="memberships", on_delete="RESTRICT")
    lab = pw.ForeignKeyField(Lab, backref="memberships", on_delete="RESTRICT")
    role = pw.CharField(max_length=16)

    class Meta:
        indexes = ((("user", "lab"), True),)


class Location(BaseModel):
    name = pw.CharField(max_length=200)
    parent = pw.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    path = pw.CharField(unique=True, max_length=1000)  # "Building 1/Room 101/Freezer A"
    barcode = pw.CharField(unique=True, null=True, max_length=200)


class Ingredient(BaseModel):
    name = pw.CharField(unique=True, max_length=300)
    type = pw.CharField(null=True, max_length=200, index=True)
    supplier_code = pw.CharField(null=True, max_length=200)


class ListingConfig(BaseModel):
    name = pw.CharField(max_length=200)
    lab = pw.ForeignKeyField(Lab, backref="listing_configs", on_delete="RESTRICT")
    columns = pw.TextField()  # JSON list of field names
    filters = pw.TextField()  # JSON list of [field, op, value]
    created_by = pw.ForeignKeyField(User, null=True, on_delete="RESTRICT")
    created_at = UTCDateTimeField()

    class Meta:
        indexes = ((("lab", "name"), True),)


class Session(BaseModel):
    name = pw.CharField(max_length=300)
    lab = pw.ForeignKeyField(Lab, backref="sessions", on_delete="RESTRICT")
    listing_config = pw.ForeignKeyField(ListingConfig, null=True, on_delete="RESTRICT")
    config_name = pw.CharField(max_length=200)
    frozen_columns = pw.TextField()  # JSON, copied at start
    frozen_filters = pw.TextField()  # JSON, copied at start
    started_by = pw.ForeignKeyField(User, on_delete="RESTRICT")
    started_at = UTCDateTimeField()
    station = pw.CharField(max_length=200)
    expected_total = pw.IntegerField(default=0)
    ended_at = UTCDateTimeField(null=True, index=True)
    ended_by = pw.ForeignKeyField(User, null=True, on_delete="RESTRICT")
    end_note = pw.TextField(null=True)  # schema 2
    # equals started_by while active, NULL once ended: a unique index then allows
    # at most one active session per user and lab, enforced by the database.
    active_owner = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("lab", "active_owner"), True),)


class InventoryItem(BaseModel):
    barcode = pw.CharField(unique=True, max_length=200)  # as written (imported, typed)
    # schema 5: the canonical key of a GS1 code or a GTIN (``core.barcodes.item_key``), the
    # same for every written form of it; and its GTIN-14. NULL for other barcodes.
    barcode_key = pw.CharField(null=True, max_length=KEY_LENGTH)
    gtin = pw.CharField(null=True, max_length=14)
    ingredient = pw.ForeignKeyField(Ingredient, on_delete="RESTRICT")
    lab = pw.ForeignKeyField(Lab, on_delete="RESTRICT", index=False)  # (lab, status) covers
    location = pw.ForeignKeyField(Location, on_delete="RESTRICT")
    quantity = QuantityField(default=0)
    unit = pw.CharField(max_length=32, default="")
    status = pw.CharField(max_length=16, default="active")
    lot = pw.CharField(null=True, max_length=200)
    expires_on = ISODateField(null=True)
    # (schemas 1 to 3 had last_verified_at and last_verified_session here; see ItemVerified)
    version = pw.IntegerField(default=1)  # optimistic concurrency: bumped by every change
    created_at = UTCDateTimeField()

    class Meta:
        indexes = (
            (("lab", "status"), False),
            (("ingredient",), False),
            (("location",), False),
            (("expires_on",), False),
            (("lot",), False),
            (("barcode_key",), False),
            (("gtin",), False),
        )

    def save(self, *args: Any, **kwargs: Any) -> Any:
        """The key follows the barcode: every item made through the model gets it."""
        if self.barcode and self.barcode_key is None:
            reading = item_key(self.barcode)
            if reading is not None:
                self.barcode_key, self.gtin = reading.key, reading.gtin
        return super().save(*args, **kwargs)


class ItemVerified(BaseModel):
    """When an item was last verified, and in which session: the newest scan that saw it
    (schema 4). Set by the scan in its own transaction (an older time, from a batch file,
    never replaces a newer one; an undo takes it back to the item's newest scan that
    stands, or removes it). A narrow row of its own, not columns of the item, so that a
    scan leaves the item's row (and its version) alone and ending a session rewrites no
    item; the item columns of schemas 1 to 3 stay in an upgraded database, no longer read
    or written."""

    item = pw.ForeignKeyField(InventoryItem, primary_key=True, on_delete="RESTRICT")
    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    verified_at = UTCDateTimeField()


class ExpectedItem(BaseModel):
    """The expected set: items the frozen listing matched at the start (plus split-offs)."""

    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    item = pw.ForeignKeyField(InventoryItem, on_delete="RESTRICT", index=False)

    class Meta:
        primary_key = pw.CompositeKey("session", "item")


class EndedItem(BaseModel):
    """An item as it was when its session ended: each item of the expected set and each
    known item scanned outside it. A past session's views and report read these, so the
    session reads the same a year later, however the items change afterwards."""

    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    item = pw.ForeignKeyField(InventoryItem, on_delete="RESTRICT", index=False)
    barcode = pw.CharField(max_length=200)
    ingredient = pw.CharField(max_length=300)
    ingredient_type = pw.CharField(null=True, max_length=200)
    lab = pw.CharField(max_length=200)
    location = pw.CharField(max_length=1000)
    status = pw.CharField(max_length=16)
    quantity = QuantityField()
    unit = pw.CharField(max_length=32)
    lot = pw.CharField(null=True, max_length=200)
    expires_on = ISODateField(null=True)
    last_verified_at = UTCDateTimeField(null=True)

    class Meta:
        primary_key = pw.CompositeKey("session", "item")


class Scan(BaseModel):
    """One barcode read in a session. Append-only; an undo is a new row pointing back."""

    client_id = pw.CharField(unique=True, max_length=64)
    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    kind = pw.CharField(max_length=16)
    raw = pw.TextField()
    barcode = pw.CharField(max_length=1000)  # normalised
    tag = pw.CharField(max_length=32, null=True)
    item = pw.ForeignKeyField(InventoryItem, null=True, on_delete="RESTRICT", index=False)
    scanned_location = pw.ForeignKeyField(Location, null=True, on_delete="RESTRICT", index=False)
    location_seen = pw.CharField(null=True, max_length=1000)
    quantity_seen = QuantityField(null=True)
    unit_seen = pw.CharField(null=True, max_length=32)
    wrong_location = pw.BooleanField(default=False)
    undoes = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", index=True)
    # schema 5: what a GS1 label said about the bottle: its lot (AI 10), its expiry (AI 17)
    lot_seen = pw.CharField(null=True, max_length=200)
    expiry_seen = ISODateField(null=True)
    user = pw.ForeignKeyField(User, on_delete="RESTRICT", index=False)
    station = pw.CharField(max_length=200)
    scanned_at = UTCDateTimeField()
    seq = pw.BigIntegerField()  # position in its workstation's hash chain
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = (
            (("session", "id"), False),
            (("session", "station", "id"), False),
            (("station", "seq"), True),
            # schema 6: the scanned list's pages, in scan-time order
            (("session", "scanned_at", "id"), False),
        )


class Found(BaseModel):
    """First counted scan of each barcode in a session (derived state; unique = one counts)."""

    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    barcode = pw.CharField(max_length=1000)
    item = pw.ForeignKeyField(InventoryItem, null=True, on_delete="RESTRICT", index=False)
    tag = pw.CharField(max_length=32)
    scan_client_id = pw.CharField(max_length=64)  # the counting scan (its client id)
    found_at = UTCDateTimeField()
    user = pw.ForeignKeyField(User, on_delete="RESTRICT", index=False)
    station = pw.CharField(max_length=200)

    class Meta:
        indexes = (
            (("session", "barcode"), True),
            (("session", "item"), False),
            (("session", "tag"), False),
        )


class SessionCounter(BaseModel):
    """A session's progress counts as one workstation's transactions changed them (schema
    4): the session's counts are the sum of its rows, so workstations sharing a server never
    wait on one row. ``last_scan_id`` is the newest scan that workstation recorded in it."""

    session = pw.ForeignKeyField(Session, on_delete="RESTRICT", index=False)
    station = pw.CharField(max_length=200)
    in_scope = pw.BigIntegerField(default=0)
    not_in_scope = pw.BigIntegerField(default=0)
    unknown = pw.BigIntegerField(default=0)
    already_scanned = pw.BigIntegerField(default=0)
    last_scan_id = pw.BigIntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("session", "station")


class StationState(BaseModel):
    """The current location set by a location scan, per session and workstation."""

    session = pw.ForeignKeyField(Session, on_delete="RESTRICT")
    station = pw.CharField(max_length=200)
    location = pw.ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    # "Clear All" on this workstation: the on-screen list starts after this scan id
    cleared_after = pw.BigIntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("session", "station")


class HistoryEvent(BaseModel):
    """Inventory history: append-only, hash-chained. Corrections are new events."""

    item = pw.ForeignKeyField(InventoryItem, on_delete="RESTRICT", index=False)
    kind = pw.CharField(max_length=32)
    field = pw.CharField(null=True, max_length=64)
    old_value = pw.TextField(null=True)
    new_value = pw.TextField(null=True)
    reason = pw.TextField(null=True)
    user = pw.ForeignKeyField(User, null=True, on_delete="RESTRICT", index=False)
    station = pw.CharField(max_length=200)
    session = pw.ForeignKeyField(Session, null=True, on_delete="RESTRICT", index=False)
    scan = pw.ForeignKeyField(Scan, null=True, on_delete="RESTRICT", index=False)  # partial
    source = pw.TextField(null=True)  # e.g. "inventory.xlsx sha256:…"
    corrects = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT", index=False)
    at = UTCDateTimeField()
    # schema 3: the item's values after an event that makes or seals it (created, sealed),
    # as JSON; later events change one field each (field, new_value). NULL otherwise.
    state = pw.TextField(null=True)
    seq = pw.BigIntegerField()  # position in its workstation's hash chain
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = (
            (("item", "id"), False),
            (("station", "seq"), True),
        )


def _where_set(name: str, *fields: Any) -> Any:
    """An index of the rows whose first field is not NULL (the others are not in it)."""
    return HistoryEvent.index(*fields, name=name).where(fields[0].is_null(False))


# An import writes its events with neither session nor scan (100k rows at a time): these
# partial indexes leave such rows out, so an import pays for neither. Every lookup by
# session or scan compares the column (=, a join), which implies IS NOT NULL, so SQLite
# and PostgreSQL use them. Named explicitly, as schema 1 named its full indexes on these
# columns (the upgrade to 2 replaces those by name).
HISTORY_EVENT_PARTIAL_INDEXES: dict[str, Any] = {
    name: _where_set(name, *fields)
    for name, fields in (
        ("history_event_session_id_id", (HistoryEvent.session, HistoryEvent.id)),
        ("history_event_scan_id", (HistoryEvent.scan,)),
    )
}
for _index in HISTORY_EVENT_PARTIAL_INDEXES.values():
    HistoryEvent.add_index(_index)
del _index


class AuditEvent(BaseModel):
    """Events that are not about one item: sign-ins refused, administration, sessions
    started, joined, refused or ended. Append-only and hash-chained (schema 3); an event
    that makes or changes a record (a lab, user, role, location, ingredient, listing
    config or session) seals that record's values after it: ``subject`` names it
    ("user:3"), ``state`` holds them as JSON."""

    at = UTCDateTimeField()
    kind = pw.CharField(max_length=64)
    user = pw.ForeignKeyField(User, null=True, on_delete="RESTRICT")
    user_name = pw.CharField(null=True, max_length=200)
    station = pw.CharField(max_length=200)
    session = pw.ForeignKeyField(Session, null=True, on_delete="RESTRICT")
    detail = pw.TextField(null=True)
    subject = pw.CharField(null=True, max_length=100)
    state = pw.TextField(null=True)
    seq = pw.BigIntegerField(default=0)  # position in its workstation's hash chain
    prev_hash = pw.CharField(max_length=64, default="")
    hash = pw.CharField(max_length=64, default="")

    class Meta:
        indexes = (
            (("station", "seq"), True),
            (("subject", "id"), False),
        )


class Anchor(BaseModel):
    """The chain heads sealed when a session ended, as the text kept outside the database
    (the report's Summary, the anchor file). Append-only."""

    session = pw.ForeignKeyField(Session, null=True, on_delete="RESTRICT")
    at = UTCDateTimeField()
    station = pw.CharField(max_length=200)
    text = pw.TextField()


class ChainHead(BaseModel):
    """Last sequence number and hash of each hash chain ("scan:STATION", "history_event:…")."""

    name = pw.CharField(primary_key=True, max_length=300)
    seq = pw.BigIntegerField(default=0)
    hash = pw.CharField(max_length=64)


MODELS: list[type[BaseModel]] = [
    SchemaInfo,
    Lab,
    User,
    Membership,
    Location,
    Ingredient,
    ListingConfig,
    Session,
    InventoryItem,
    ItemVerified,
    ExpectedItem,
    EndedItem,
    Scan,
    Found,
    SessionCounter,
    StationState,
    HistoryEvent,
    AuditEvent,
    ChainHead,
    Anchor,
]
