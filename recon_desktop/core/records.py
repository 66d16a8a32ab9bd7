"""Plain records and enumerations shared by every layer (no peewee, no Qt)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from recon_desktop.core import label
from recon_desktop.core.keyboard_layouts import LayoutGuess
from recon_desktop.core.text import Text, joined, translate


class Role(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


class ItemStatus(enum.StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class Tag(enum.StrEnum):
    """The result of a scan."""

    IN_SCOPE = "in_scope"
    NOT_IN_SCOPE = "not_in_scope"
    UNKNOWN = "unknown"
    ALREADY_SCANNED = "already_scanned"

    @property
    def label(self) -> Text:
        return _TAG_LABELS[self]


_TAG_LABELS = {
    Tag.IN_SCOPE: translate("Tag", "In Scope"),
    Tag.NOT_IN_SCOPE: translate("Tag", "Not in Scope"),
    Tag.UNKNOWN: translate("Tag", "Unknown barcode"),
    Tag.ALREADY_SCANNED: translate("Tag", "Already scanned"),
}


class ScanKind(enum.StrEnum):
    ITEM = "item"  # a barcode looked up as an inventory item (tagged)
    LOCATION = "location"  # a location barcode: sets the current location
    UNDO = "undo"  # compensating record for an earlier scan
    # follow-up record for an earlier scan of an unknown barcode, registered as an item
    # since (the earlier scan is kept as it was; this one carries the new tag)
    REGISTERED = "registered"


class HistoryKind(enum.StrEnum):
    CREATED = "created"
    IMPORTED = "imported"
    MOVED = "moved"
    SPLIT = "split"
    SET = "set"
    ARCHIVED = "archived"
    SCANNED = "scanned"
    SCAN_UNDONE = "scan-undone"
    SEALED = "sealed"  # the item's values recorded as they were (the upgrade to schema 3)


class View(enum.StrEnum):
    """The three views of a session."""

    NOT_SCANNED = "not_scanned"
    SCANNED_NOT_IN_LISTING = "scanned_not_in_listing"
    ALL_IN_LISTING = "all_in_listing"

    @property
    def title(self) -> Text:  # type: ignore[override]  # the view's heading, not str.title()
        return _VIEW_TITLES[self]


_VIEW_TITLES = {
    View.NOT_SCANNED: translate("View", "Not scanned from original listing"),
    View.SCANNED_NOT_IN_LISTING: translate("View", "Scanned not in original listing"),
    View.ALL_IN_LISTING: translate("View", "All inventory in original listing"),
}


@dataclass(frozen=True, slots=True)
class Operator:
    """The signed-in user at a workstation."""

    user_id: int
    name: str
    station: str


@dataclass(frozen=True, slots=True)
class LabInfo:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class LocationInfo:
    id: int
    name: str
    path: str
    barcode: str | None
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class ItemInfo:
    id: int
    barcode: str
    ingredient: str
    ingredient_type: str | None
    lab: str
    lab_id: int
    location: str
    location_id: int
    quantity: Decimal
    unit: str
    status: ItemStatus
    lot: str | None
    expires_on: date | None
    last_verified_at: datetime | None
    version: int


@dataclass(frozen=True, slots=True)
class FirstScan:
    """Who made the scan that counts for a barcode, when (UTC) and where: what a repeat is
    told ("Already scanned by …"), shown in local time by the window."""

    user: str
    at: datetime
    station: str


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What the window shows for one scan; returned only after the scan is committed."""

    scan_id: int
    client_id: str
    raw: str
    barcode: str
    kind: ScanKind
    tag: Tag | None  # None for a location scan
    scanned_at: datetime
    item_id: int | None = None
    ingredient: str | None = None
    location: str | None = None  # the item's recorded location (or the location scanned)
    location_id: int | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    wrong_location: bool = False
    current_location: str | None = None  # the location set by the last location scan
    current_location_id: int | None = None
    archived: bool = False
    note: str = ""  # e.g. "This item is archived."
    duplicate: bool = False  # a retry with an already-recorded client id
    # an unknown barcode that is a known one typed through another keyboard layout
    layout_guess: LayoutGuess | None = None
    first: FirstScan | None = None  # Already scanned: the scan that counts
    # what a GS1 label said (AI 10, AI 17), and the item's record beside it
    lot_seen: str | None = None
    expiry_seen: date | None = None
    lot: str | None = None
    expires_on: date | None = None

    @property
    def expired(self) -> bool:
        """The bottle's expiry (the label's, else the record's) lies before the scan's day."""
        expiry = self.expiry_seen or (self.expires_on if self.item_id is not None else None)
        return label.is_expired(expiry, label.day_of(self.scanned_at))

    @property
    def label_differences(self) -> tuple[str, ...]:
        """What the label says that the item's record does not ("lot on the label …")."""
        if self.item_id is None:
            return ()
        return label.differences(self.lot_seen, self.expiry_seen, self.lot, self.expires_on)


@dataclass(frozen=True, slots=True)
class ItemChoice:
    """One of the items a scan may mean, as the window lists them to choose from."""

    item_id: int
    barcode: str
    ingredient: str
    location: str
    lot: str | None
    expires_on: date | None
    expected: bool  # in the session's expected set


@dataclass(frozen=True, slots=True)
class ScanChoice:
    """A scan that fits several items (one GTIN on bottles of different serials or lots):
    nothing is recorded until one of them is chosen and the scan sent again with it."""

    raw: str
    barcode: str  # the code in its human-readable form
    choices: tuple[ItemChoice, ...]  # the label's lot first, then the expected set
    more: bool = False  # more items fit than are listed
    lot_seen: str | None = None
    expiry_seen: date | None = None

    def sentence(self) -> Text:
        count = f"{len(self.choices)}{'+' if self.more else ''}"
        return translate(
            "ScanChoice", "{barcode} fits {count} items; none was counted. Choose which one it is."
        ).format(barcode=self.barcode, count=count)

    def candidates_text(self) -> Text:
        """The candidates in one line (the batch load's report)."""
        said = joined(
            [
                joined(
                    [
                        part
                        for part in (
                            choice.barcode,
                            translate("ScanChoice", "lot {lot}").format(lot=choice.lot)
                            if choice.lot
                            else "",
                            translate("ScanChoice", "expiry {date}").format(
                                date=choice.expires_on.isoformat()
                            )
                            if choice.expires_on
                            else "",
                            choice.location,
                        )
                        if part
                    ]
                )
                for choice in self.choices
            ],
            "; ",
        )
        return joined([said, "…"], " ") if self.more else said


@dataclass(frozen=True, slots=True)
class SessionProgress:
    expected_total: int
    expected_scanned: int
    not_in_scope: int
    unknown: int
    already_scanned: int

    @property
    def not_scanned(self) -> int:
        return self.expected_total - self.expected_scanned


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    name: str
    lab_id: int
    lab: str
    config_name: str
    started_by_id: int
    started_by: str
    started_at: datetime
    ended_at: datetime | None
    ended_by: str | None
    station: str
    columns: tuple[str, ...]
    filters: tuple[tuple[str, str, str], ...]
    end_note: str | None = None

    @property
    def active(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    at: datetime
    kind: str
    user: str
    station: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    session_id: int | None
    session_name: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class ScanLogEntry:
    id: int
    at: datetime
    user: str
    station: str
    raw: str
    barcode: str
    kind: ScanKind
    tag: Tag | None
    item_id: int | None
    item_barcode: str | None
    ingredient: str | None
    location_seen: str | None
    quantity_seen: Decimal | None
    wrong_location: bool
    undone: bool
    undoes_id: int | None
    unit_seen: str | None = None
    client_id: str = ""  # the id the workstation gave the scan
    # what a GS1 label said (schema 5), and the item's recorded lot and expiry
    lot_seen: str | None = None
    expiry_seen: date | None = None
    item_lot: str | None = None
    item_expiry: date | None = None

    @property
    def expired(self) -> bool:
        """The bottle's expiry (the label's, else the record's) lies before the scan's day."""
        return label.is_expired(self.expiry_seen or self.item_expiry, label.day_of(self.at))

    @property
    def label_differences(self) -> tuple[str, ...]:
        if self.item_id is None:
            return ()
        return label.differences(self.lot_seen, self.expiry_seen, self.item_lot, self.item_expiry)


@dataclass(frozen=True, slots=True)
class SessionPoll:
    """What changed in a session since a workstation last asked (``SessionService.poll``)."""

    progress: SessionProgress
    entries: list[ScanLogEntry]  # scans recorded since, oldest first (undos too)
    seen: dict[str, int]  # per workstation, the newest of its scans read: ask after these
    ended: SessionInfo | None = None  # the session, once it has ended
    clock: datetime | None = None  # the database server's time when it answered (UTC)


@dataclass(frozen=True, slots=True)
class ScanPage:
    """A page of a workstation's scanned list (``SessionService.list_page``)."""

    entries: list[ScanLogEntry]  # item and location scans in scan-time order, oldest first
    follow_ups: list[ScanLogEntry]  # the registrations of their unknown barcodes
    more: bool  # there are scans beyond them, the way the page was read
    # the newest page read for a list opening: per workstation, the newest scan it had
    # recorded just before (the poll asks after these)
    seen: dict[str, int] | None = None


@dataclass(frozen=True, slots=True)
class KeptScan:
    """A scan the database server could not take, kept on this workstation (the outbox)
    until it can: everything needed to send it later as it was made."""

    client_id: str
    session_id: int
    session_name: str
    station: str
    user_id: int
    user_name: str
    raw: str
    gs_substitute: str | None
    scanned_at: datetime  # when it was scanned (UTC): it is recorded with this time
    refused: str | None = None  # why the server refused it (then it is never sent again)
    # the item chosen for a code that fits several (a GTIN alone): recorded as that item
    item_id: int | None = None

    @property
    def operator(self) -> Operator:
        return Operator(self.user_id, self.user_name, self.station)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a view: rows of display values in the order of ``columns``."""

    columns: tuple[str, ...]
    rows: list[tuple[object, ...]] = field(default_factory=list)
    item_ids: list[int | None] = field(default_factory=list)
