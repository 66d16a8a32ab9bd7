"""The scan path: record a scan (only durably committed is it told), count it, replay a
retry, and undo a workstation's last scan with a compensating record."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from recon_desktop.core import barcodes, keyboard_layouts
from recon_desktop.core.keyboard_layouts import LayoutGuess
from recon_desktop.core.quantities import int_to_quantity, parse_quantity, quantity_to_int
from recon_desktop.core.records import (
    FirstScan,
    HistoryKind,
    ItemChoice,
    ItemInfo,
    Operator,
    Role,
    ScanChoice,
    ScanKind,
    ScanLogEntry,
    ScanResult,
    Tag,
)
from recon_desktop.core.text import translate
from recon_desktop.errors import (
    ConflictRetryError,
    NotFoundError,
    SessionStateError,
    ValidationError,
)
from recon_desktop.services.auth import AuthService
from recon_desktop.store import item_states, items, locations, sessions
from recon_desktop.store.db import (
    Database,
    IntegrityError,
    read_time,
    resilient,
    transaction,
    utcnow,
)
from recon_desktop.store.scans import ScanStore

WRITE_ROLES = (Role.ADMIN, Role.MEMBER)
ENDED = translate(
    "ScanService", "This session has ended; scans are no longer accepted. Nothing was saved."
)
ARCHIVED_NOTE = translate("ScanService", "This item is archived.")
MAX_CHOICES = 200  # items a GTIN-only scan lists to choose from
# the columns of a row of ScanStore.items
_ID, _BARCODE, _KEY, _GTIN, _LOT, _EXPIRES = 0, 1, 9, 10, 11, 12


def new_client_id() -> str:
    return uuid.uuid4().hex


def _day(value: Any) -> date | None:
    """A date as the database hands it back (SQLite: ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _first_scan(found_by: tuple[Any, ...]) -> FirstScan:
    name, at, station = found_by
    return FirstScan(user=name, at=read_time(at), station=station)


class ScanService:
    """Scans and undos of one database; the session service hands its scans here."""

    def __init__(self, db: Database, auth: AuthService, store: ScanStore) -> None:
        self.db = db
        self.auth = auth
        self.store = store
        self._can_scan: set[tuple[int, int]] = set()  # (user, session) already checked

    def allow(self, user_id: int, session_id: int) -> None:
        """The user may scan in the session (checked by the caller)."""
        self._can_scan.add((user_id, session_id))

    def forget(self, session_id: int) -> None:
        """The session ended: nobody scans in it any more."""
        self._can_scan = {k for k in self._can_scan if k[1] != session_id}

    # ------------------------------------------------------------ scan
    def scan(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        *,
        client_id: str | None = None,
        gs_substitute: str | None = None,
        scanned_at: datetime | None = None,
        item_id: int | None = None,
        until_end: bool = False,
    ) -> ScanResult | ScanChoice | None:
        """See SessionService.scan."""
        try:
            code = barcodes.normalise(raw, gs_substitute=gs_substitute)
        except barcodes.BarcodeError as exc:
            raise ValidationError(exc.args[0]) from None
        if code is None:
            return None
        if (operator.user_id, session_id) not in self._can_scan:
            lab_id = sessions.lab_of(session_id)
            if lab_id is None:
                raise NotFoundError(
                    translate("ScanService", "There is no session #{session_id}.").format(
                        session_id=str(session_id)
                    )
                )
            self.auth.require_role(
                operator,
                lab_id,
                *WRITE_ROLES,
                doing=translate("Doing", "scan"),
            )
            self._can_scan.add((operator.user_id, session_id))
        return self._record(
            operator,
            session_id,
            raw,
            code,
            client_id or new_client_id(),
            scanned_at,
            gs_substitute,
            item_id,
            until_end=until_end,
        )

    @resilient
    def _record(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        code: barcodes.NormalisedBarcode,
        client_id: str,
        scanned_at: datetime | None,
        gs_substitute: str | None = None,
        chosen: int | None = None,
        *,
        until_end: bool = False,
    ) -> ScanResult | ScanChoice:
        scan = (operator, session_id, raw, code, client_id, scanned_at, gs_substitute, chosen)
        try:
            return self._attempt(*scan, until_end=until_end)
        except IntegrityError:
            # the same client id recorded at the same moment by another connection (a batch
            # file loaded twice at once): it is committed now, so this is its replay
            try:
                return self._attempt(*scan, until_end=until_end)
            except IntegrityError:
                raise ConflictRetryError(
                    translate(
                        "ScanService",
                        "Another workstation recorded the same scan at the same moment; nothing "
                        "was saved twice. Try again.",
                    )
                ) from None

    def _attempt(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        code: barcodes.NormalisedBarcode,
        client_id: str,
        scanned_at: datetime | None,
        gs_substitute: str | None,
        chosen: int | None,
        *,
        until_end: bool = False,
    ) -> ScanResult | ScanChoice:
        """``until_end``: a scan kept while the server was away counts in a session that
        ended since if it was made before the end."""
        scan = (operator, session_id, raw, code, client_id, scanned_at, gs_substitute)
        # PostgreSQL: one statement, its own transaction, for a barcode looked up as written;
        # a GS1 code or a GTIN (found by its canonical key, maybe one of several items, its
        # label's lot and expiry kept) and an item chosen go statement by statement
        if self.store.on_server() and code.reading is None and chosen is None:
            result = self._scan_on_server(*scan, until_end=until_end)
            if result is not None:
                return result
            # a scan made before the session ended, sent after: statement by statement
        with transaction(self.db):
            return self._scan(*scan, chosen, until_end=until_end)

    def _scan_on_server(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        code: barcodes.NormalisedBarcode,
        client_id: str,
        scanned_at: datetime | None,
        gs_substitute: str | None,
        *,
        until_end: bool = False,
    ) -> ScanResult | None:
        """``_scan`` done by the server's scan procedure in one round trip: the same rows,
        the same result; None for a scan with its own time in a session that has ended
        since (``_scan`` decides whether it was made before the end)."""
        (outcome, scan_id, kind, barcode, tag, at, item_id, ingredient, loc_id, loc_path,
         quantity, unit, status, wrong, here_id, here, lot, expires_on,
         *first) = self.store.scan_on_server(
            client_id, session_id, operator.station, operator.user_id, raw, code.text,
            code.candidates, scanned_at,
        )  # fmt: skip
        if outcome == "no session":
            raise NotFoundError(
                translate("ScanService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        if outcome == "ended":
            if until_end and scanned_at is not None:
                return None
            raise SessionStateError(ENDED)
        if outcome == "replay":
            return self._replay(scan_id, client_id, session_id)
        if outcome == "conflict":
            raise ConflictRetryError(
                translate(
                    "ScanService",
                    "Another workstation changed the same records at the same moment; nothing "
                    "was saved. Try again.",
                )
            )
        now = read_time(at)
        if kind == ScanKind.LOCATION.value:
            return ScanResult(
                scan_id=scan_id,
                client_id=client_id,
                raw=raw,
                barcode=barcode,
                kind=ScanKind.LOCATION,
                tag=None,
                scanned_at=now,
                location=loc_path,
                location_id=loc_id,
                current_location=loc_path,
                current_location_id=loc_id,
            )
        counted = Tag(tag)
        archived = status == "archived"
        return ScanResult(
            scan_id=scan_id,
            client_id=client_id,
            raw=raw,
            barcode=barcode,
            kind=ScanKind.ITEM,
            tag=counted,
            scanned_at=now,
            item_id=item_id,
            ingredient=ingredient,
            location=loc_path,
            location_id=loc_id,
            quantity=int_to_quantity(quantity) if quantity is not None else None,
            unit=unit,
            wrong_location=bool(wrong),
            current_location=here,
            current_location_id=here_id,
            archived=archived,
            note=ARCHIVED_NOTE if archived else "",
            layout_guess=(
                self._layout_guess(session_id, raw, gs_substitute) if item_id is None else None
            ),
            first=_first_scan(tuple(first)) if counted is Tag.ALREADY_SCANNED else None,
            lot=lot,
            expires_on=_day(expires_on),
        )

    def _scan(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        code: barcodes.NormalisedBarcode,
        client_id: str,
        scanned_at: datetime | None,
        gs_substitute: str | None = None,
        chosen: int | None = None,
        *,
        until_end: bool = False,
    ) -> ScanResult | ScanChoice:
        store = self.store
        # one statement holds the session row (ordered against its end) and finds an
        # earlier scan with this client id and this station's current location
        state = store.scan_state(client_id, session_id, operator.station)
        if state is None:
            raise NotFoundError(
                translate("ScanService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        late = state[0] is not None  # made before the end, sent after: it counts
        if late and not until_end:
            raise SessionStateError(ENDED)
        if state[3] is not None:  # (a kept scan recorded before the end: its outcome)
            return self._replay(state[3], client_id, session_id)
        if late and (scanned_at is None or scanned_at >= read_time(state[0])):
            raise SessionStateError(ENDED)
        now = scanned_at or (read_time(state[2]) if state[2] is not None else utcnow())
        here = (state[4], state[5]) if state[4] is not None else None
        candidates = code.candidates
        rows, reading = self._find(session_id, code)
        if chosen is not None:
            rows = [r for r in rows if r[_ID] == chosen]
            if not rows:
                raise ValidationError(
                    translate(
                        "ScanService",
                        "The item chosen does not carry this code (any more); nothing was saved. "
                        "Scan it again.",
                    )
                )
        elif len(rows) > 1:
            return self._choice(raw, code, rows)
        item = rows[0] if rows else None
        # what the label said: a lot that may have swallowed the fields after it (no GS)
        # is not known for sure unless a repair of the reading found the item
        lot_seen = reading.lot if reading is not None else None
        if code.repairs and reading is code.reading:
            lot_seen = None
        expiry_seen = reading.expiry if reading is not None else None
        base = {
            "client_id": client_id,
            "session_id": session_id,
            "raw": raw,
            "user_id": operator.user_id,
            "station": operator.station,
            "scanned_at": now,
            "lot_seen": lot_seen,
            "expiry_seen": expiry_seen,
        }
        if item is None:
            location = store.locations(candidates)
            if location:
                loc_id, loc_path = location[0]
                scan_id = store.append_scan(
                    {
                        **base,
                        "lot_seen": None,
                        "expiry_seen": None,
                        "kind": ScanKind.LOCATION.value,
                        "barcode": code.text,
                        "scanned_location_id": loc_id,
                        "location_seen": loc_path,
                    },
                )
                store.set_station_location(session_id, operator.station, loc_id)
                store.count(session_id, operator.station, {}, last_scan_id=scan_id)
                return ScanResult(  # a location's code is no bottle: no label
                    scan_id=scan_id,
                    client_id=client_id,
                    raw=raw,
                    barcode=code.text,
                    kind=ScanKind.LOCATION,
                    tag=None,
                    scanned_at=now,
                    location=loc_path,
                    location_id=loc_id,
                    current_location=loc_path,
                    current_location_id=loc_id,
                )
            # a GS1 code is counted by its canonical form, whichever way it was written
            unknown = code.reading.shown if code.gs1 and code.reading is not None else code.text
            tag, first = self._count(
                session_id, unknown, None, Tag.UNKNOWN, client_id, operator, now
            )
            scan_id = store.append_scan(
                {**base, "kind": ScanKind.ITEM.value, "barcode": unknown, "tag": tag.value},
            )
            store.count(session_id, operator.station, {tag: 1}, last_scan_id=scan_id)
            return ScanResult(
                scan_id=scan_id,
                client_id=client_id,
                raw=raw,
                barcode=unknown,
                kind=ScanKind.ITEM,
                tag=tag,
                scanned_at=now,
                first=first,
                current_location=here[1] if here else None,
                current_location_id=here[0] if here else None,
                layout_guess=self._layout_guess(session_id, raw, gs_substitute),
                lot_seen=lot_seen,
                expiry_seen=expiry_seen,
            )
        item_id, barcode, ingredient, loc_id, loc_path, quantity, unit, status, expected = item[:9]
        lot, expires_on = item[_LOT], _day(item[_EXPIRES])
        wrong = here is not None and here[0] != loc_id
        tag, first = self._count(
            session_id,
            barcode,
            item_id,
            Tag.IN_SCOPE if expected else Tag.NOT_IN_SCOPE,
            client_id,
            operator,
            now,
        )
        # archived since it was expected, or not expected at all
        archived = status == "archived"
        note = ARCHIVED_NOTE if archived else ""
        scan_id = store.append_scan(
            {
                **base,
                "kind": ScanKind.ITEM.value,
                "barcode": barcode,
                "tag": tag.value,
                "item_id": item_id,
                "location_seen": loc_path,
                "quantity_seen": quantity,
                "unit_seen": unit,
                "wrong_location": wrong,
            },
        )
        store.append_history(
            {
                "item_id": item_id,
                "kind": HistoryKind.SCANNED.value,
                "new_value": str(tag.label),  # stored in English
                "reason": f"wrong location: seen at {here[1]}" if wrong and here else None,
                "user_id": operator.user_id,
                "station": operator.station,
                "session_id": session_id,
                "scan_id": scan_id,
                "at": now,
            },
        )
        store.verify_item(item_id, session_id, now)
        store.count(session_id, operator.station, {tag: 1}, last_scan_id=scan_id)
        if late and tag is not Tag.ALREADY_SCANNED:
            store.found_late(session_id, item_id)
        return ScanResult(
            scan_id=scan_id,
            client_id=client_id,
            raw=raw,
            barcode=barcode,
            kind=ScanKind.ITEM,
            tag=tag,
            scanned_at=now,
            item_id=item_id,
            ingredient=ingredient,
            location=loc_path,
            location_id=loc_id,
            quantity=int_to_quantity(quantity),
            unit=unit,
            wrong_location=wrong,
            current_location=here[1] if here else None,
            current_location_id=here[0] if here else None,
            archived=archived,
            note=note,
            first=first,
            lot_seen=lot_seen,
            expiry_seen=expiry_seen,
            lot=lot,
            expires_on=expires_on,
        )

    def _find(
        self, session_id: int, code: barcodes.NormalisedBarcode
    ) -> tuple[list[Any], barcodes.Gs1Reading | None]:
        """The items a scan may be, and the reading of it that found them.

        A barcode that is neither GS1 nor a GTIN is looked up as written (its candidates,
        most specific first: the first that is an item's barcode wins). A GS1 code or a
        GTIN, in one statement, by its canonical key:

        1. a code naming one thing (GTIN + serial, SSCC, …): the items with its key, for
           the reading as sent, then its repairs (a field without its GS ended earlier);
        2. its GTIN: for a GTIN with a serial that no item has, the items recorded by
           the GTIN alone; for a GTIN alone, every item with that GTIN;
        3. the candidates as written (an item labelled with just the serial, say).

        More than one item found is a choice for the person at the scanner."""
        reading = code.reading
        store = self.store
        if reading is None:
            rows = store.items(session_id, code.candidates)
            if not rows:
                return [], None
            by_code = {r[_BARCODE]: r for r in rows}
            return [next(by_code[c] for c in code.candidates if c in by_code)], None
        readings = (reading, *code.repairs)
        keys = [r.key for r in readings if not r.gtin_only]
        if reading.gtin is not None and not reading.gtin_only:
            keys.append("01" + reading.gtin)
        gtin = reading.gtin if reading.gtin_only else None
        rows = store.items_by_code(
            session_id, code.candidates, list(dict.fromkeys(keys)), gtin, MAX_CHOICES + 1
        )
        if not rows:
            return [], reading
        for each in readings:
            if not each.gtin_only:
                found = [r for r in rows if r[_KEY] == each.key]
                if found:
                    return found, each
        if reading.gtin is not None:
            if reading.gtin_only:
                found = [r for r in rows if r[_GTIN] == reading.gtin]
            else:
                found = [r for r in rows if r[_KEY] == reading.gtin_key]
            if found:
                return found, reading
        by_code = {r[_BARCODE]: r for r in rows}
        written = [by_code[c] for c in code.candidates if c in by_code]
        return written[:1], reading

    def _choice(self, raw: str, code: barcodes.NormalisedBarcode, rows: list[Any]) -> ScanChoice:
        """A scan that fits several items: nothing recorded; the items to choose from,
        those whose recorded lot is the label's first, then the expected ones."""
        reading = code.reading
        lot = reading.lot if reading is not None and not code.repairs else None
        rows = sorted(rows, key=lambda r: (r[_LOT] != lot or lot is None, not r[8], r[_BARCODE]))
        choices = tuple(
            ItemChoice(
                item_id=r[_ID],
                barcode=r[_BARCODE],
                ingredient=r[2],
                location=r[4],
                lot=r[_LOT],
                expires_on=_day(r[_EXPIRES]),
                expected=bool(r[8]),
            )
            for r in rows[:MAX_CHOICES]
        )
        return ScanChoice(
            raw=raw,
            barcode=reading.shown if reading is not None else code.text,
            choices=choices,
            more=len(rows) > MAX_CHOICES,
            lot_seen=lot,
            expiry_seen=reading.expiry if reading is not None else None,
        )

    def _layout_guess(
        self, session_id: int, raw: str, gs_substitute: str | None
    ) -> LayoutGuess | None:
        """For a scan found nowhere (so a known scan never pays for it): the known item or
        location barcode it is when read back through another keyboard layout, a scanner
        set to US English at an AZERTY computer, say."""
        for meant, scanner, computer in keyboard_layouts.retypings(raw.strip()):
            try:
                code = barcodes.normalise(meant, gs_substitute=gs_substitute)
            except (barcodes.BarcodeError, ValueError):
                continue
            if code is None:
                continue
            rows, _ = self._find(session_id, code)
            if rows:
                return LayoutGuess(rows[0][_BARCODE], scanner.name, computer.name)
            if self.store.locations(code.candidates):
                return LayoutGuess(code.text, scanner.name, computer.name)
        return None

    def _count(
        self,
        session_id: int,
        barcode: str,
        item_id: int | None,
        tag: Tag,
        client_id: str,
        operator: Operator,
        now: datetime,
    ) -> tuple[Tag, FirstScan | None]:
        """Insert the Found row; the database's unique index decides which scan counts
        (a repeat is told which one does).

        A repeat holds the counting row (FOR KEY SHARE on PostgreSQL) until it commits, so an
        undo of that scan on another workstation waits and then finds this repeat standing;
        if the undo removed the row first, this scan counts instead."""
        store, user, station = self.store, operator.user_id, operator.station
        for _ in range(3):
            if store.insert_found(session_id, barcode, item_id, tag, client_id, now, user, station):
                return tag, None
            first = store.found_by(session_id, barcode, hold=True)
            if first is not None:
                return Tag.ALREADY_SCANNED, _first_scan(first)
        raise ConflictRetryError(
            translate(
                "ScanService",
                "Another workstation changed the same records at the same moment; nothing "
                "was saved. Try again.",
            )
        )

    def _recount(self, session_id: int, barcode: str) -> Tag | None:
        """After an undo: if the barcode no longer counts but another workstation's repeat
        of it stands, that repeat counts now (the item was seen); its tag, or None."""
        store = self.store
        if store.found_by(session_id, barcode) is not None:
            return None  # the undone scan was a repeat: the counting one stands
        row = store.next_counting(session_id, barcode)
        if row is None:
            return None
        client_id, item_id, at, user_id, station = row
        if item_id is None:
            tag = Tag.UNKNOWN
        elif store.is_expected(session_id, item_id):
            tag = Tag.IN_SCOPE
        else:
            tag = Tag.NOT_IN_SCOPE
        store.insert_found(
            session_id, barcode, item_id, tag, client_id, read_time(at), user_id, station
        )
        return tag

    def _replay(self, scan_id: int, client_id: str, session_id: int) -> ScanResult:
        """The outcome of a scan sent again with the same client id (nothing is recorded)."""
        owner = self.store.session_of_scan(scan_id)
        if owner is not None and owner != session_id:
            raise ValidationError(
                translate(
                    "ScanService",
                    "This scan's id was already used in another session; nothing was saved.",
                )
            )
        entry = self.log_entry(scan_id)
        first = None
        if entry.tag is Tag.ALREADY_SCANNED:
            found_by = self.store.found_by(session_id, entry.barcode)
            if found_by is not None:
                first = _first_scan(found_by)
        return ScanResult(
            scan_id=entry.id,
            client_id=client_id,
            raw=entry.raw,
            barcode=entry.barcode,
            kind=entry.kind,
            tag=entry.tag,
            scanned_at=entry.at,
            item_id=entry.item_id,
            ingredient=entry.ingredient,
            location=entry.location_seen,
            quantity=entry.quantity_seen,
            unit=entry.unit_seen,
            wrong_location=entry.wrong_location,
            first=first,
            duplicate=True,
            lot_seen=entry.lot_seen,
            expiry_seen=entry.expiry_seen,
            lot=entry.item_lot,
            expires_on=entry.item_expiry,
        )

    def log_entry(self, scan_id: int) -> ScanLogEntry:
        entry = self.store.log_entry(scan_id)
        if entry is None:
            raise NotFoundError(
                translate("ScanService", "There is no scan #{scan_id}.").format(
                    scan_id=str(scan_id)
                )
            )
        return entry

    # ------------------------------------------------------------ undo
    @resilient
    def undo_last(self, operator: Operator, session_id: int) -> ScanLogEntry | None:
        """Undo this workstation's last scan with a compensating record; None if none left."""
        store = self.store
        with transaction(self.db):
            state = store.session_state(session_id)
            if state is None:
                raise NotFoundError(
                    translate("ScanService", "There is no session #{session_id}.").format(
                        session_id=str(session_id)
                    )
                )
            if state[0] is not None:
                raise SessionStateError(
                    translate("ScanService", "This session has ended; its scans cannot be undone.")
                )
            row = store.last_undoable(session_id, operator.station)
            if row is None:
                return None
            scan_id, kind, client_id, item_id, barcode = row
            if kind == ScanKind.ITEM.value and item_id is None:
                item_id = store.registered_item(scan_id)  # an unknown barcode registered since
            if kind == ScanKind.ITEM.value:
                # one undo or repeat of a barcode at a time, so that a recount never
                # promotes a repeat that another workstation is undoing at this moment
                store.hold_counting(session_id, barcode)
            now = read_time(state[2]) if state[2] is not None else utcnow()
            undo_id = store.append_scan(
                {
                    "client_id": new_client_id(),
                    "session_id": session_id,
                    "kind": ScanKind.UNDO.value,
                    "raw": "",
                    "barcode": barcode,
                    "item_id": item_id,
                    "undoes_id": scan_id,
                    "user_id": operator.user_id,
                    "station": operator.station,
                    "scanned_at": now,
                },
            )
            counted = store.delete_found(session_id, client_id)
            changes: dict[Tag, int] = {}
            if kind == ScanKind.ITEM.value:
                changes[counted or Tag.ALREADY_SCANNED] = -1
                promoted = self._recount(session_id, barcode)
                if promoted is not None:  # a repeat counts instead of the scan undone
                    changes[promoted] = changes.get(promoted, 0) + 1
                    changes[Tag.ALREADY_SCANNED] = changes.get(Tag.ALREADY_SCANNED, 0) - 1
            if kind == ScanKind.LOCATION.value:
                back = store.previous_location(session_id, operator.station)
                store.set_station_location(session_id, operator.station, back)
            if item_id is not None:
                store.append_history(
                    {
                        "item_id": item_id,
                        "kind": HistoryKind.SCAN_UNDONE.value,
                        "user_id": operator.user_id,
                        "station": operator.station,
                        "session_id": session_id,
                        "scan_id": undo_id,
                        "at": now,
                        "corrects_id": store.scanned_event(scan_id),
                    },
                )
                if kind == ScanKind.ITEM.value:
                    store.reverify_item(item_id)
            store.count(session_id, operator.station, changes, last_scan_id=undo_id)
        return self.log_entry(scan_id)

    # ------------------------------------------------------------ register
    def register_unknown(
        self,
        operator: Operator,
        session_id: int,
        scan_id: int,
        *,
        ingredient_id: int,
        quantity: str | Decimal,
        unit: str,
        location_id: int,
    ) -> tuple[ScanResult, ItemInfo]:
        """Register the barcode of an Unknown scan as a new item of ``ingredient_id``, at a
        location (where the technician is), inside the caller's transaction: the item and
        its history (created, linked to the session), and a follow-up record of the scan
        with its new tag, pointing at the scan, which stays as it was. Not in Scope: the
        expected set was frozen at the start. The follow-up's result and the new item."""
        amount = parse_quantity(quantity)
        unit = " ".join(unit.split())
        if len(unit) > 32:
            raise ValidationError(
                translate("ScanService", "The unit is too long (at most 32 characters).")
            )
        store = self.store
        with transaction(self.db):
            state = store.session_state(session_id)
            if state is None:
                raise NotFoundError(
                    translate("ScanService", "There is no session #{session_id}.").format(
                        session_id=str(session_id)
                    )
                )
            if state[0] is not None:
                raise SessionStateError(
                    translate(
                        "ScanService", "This session has ended; nothing can be registered in it."
                    )
                )
            self.auth.require_role(
                operator, state[1], *WRITE_ROLES, doing=translate("Doing", "register items")
            )
            entry = store.log_entry(scan_id)
            if entry is None or store.session_of_scan(scan_id) != session_id:
                raise NotFoundError(
                    translate("ScanService", "There is no scan #{scan_id} in this session.").format(
                        scan_id=str(scan_id)
                    )
                )
            if entry.kind is not ScanKind.ITEM or entry.item_id is not None:
                raise ValidationError(
                    translate(
                        "ScanService",
                        "{value} is not an unknown barcode; only an unknown barcode can be "
                        "registered.",
                    ).format(value=entry.item_barcode or entry.barcode)
                )
            if entry.undone:
                raise ValidationError(
                    translate(
                        "ScanService",
                        "The scan of {barcode} was undone; scan it again to register it.",
                    ).format(barcode=entry.barcode)
                )
            if store.registered_item(scan_id) is not None:
                raise ValidationError(
                    translate("ScanService", "{barcode} was registered already.").format(
                        barcode=entry.barcode
                    )
                )
            barcode = entry.barcode
            place = locations.by_id(location_id)
            if place is None:
                raise NotFoundError(
                    translate("ScanService", "There is no location #{location_id}.").format(
                        location_id=str(location_id)
                    )
                )
            now = read_time(state[2]) if state[2] is not None else utcnow()
            new_id = items.create_item(
                barcode=barcode,
                ingredient_id=ingredient_id,
                lab_id=state[1],
                location_id=place.id,
                quantity=amount,
                unit=unit,
                at=now,
            )
            if new_id is None:
                raise ValidationError(
                    translate(
                        "ScanService",
                        "{barcode} is an inventory item already (registered meanwhile); scan it "
                        "again.",
                    ).format(barcode=barcode)
                )
            store.append_history(
                {
                    "item_id": new_id,
                    "kind": HistoryKind.CREATED.value,
                    "field": "quantity",
                    "new_value": str(amount),
                    "reason": "registered from an unknown barcode scanned in this session",
                    "source": f"scan #{scan_id}",
                    "state": item_states.state_text(self.db, new_id),  # its values
                    "user_id": operator.user_id,
                    "station": operator.station,
                    "session_id": session_id,
                    "at": now,
                },
            )
            # the barcode counts as this item now: found outside the expected set
            sessions.found_unknown_as(
                self.db, session_id, [barcode], new_id, expected=False, station=operator.station
            )
            client_id = new_client_id()
            follow_up = store.append_scan(
                {
                    "client_id": client_id,
                    "session_id": session_id,
                    "kind": ScanKind.REGISTERED.value,
                    "raw": entry.raw,
                    "barcode": barcode,
                    "tag": Tag.NOT_IN_SCOPE.value,
                    "item_id": new_id,
                    "location_seen": place.path,
                    "quantity_seen": quantity_to_int(amount),
                    "unit_seen": unit,
                    "undoes_id": scan_id,
                    "user_id": operator.user_id,
                    "station": operator.station,
                    "scanned_at": now,
                },
            )
            # the newest record of this workstation in the session (other workstations'
            # polls ask for what is newer)
            store.count(session_id, operator.station, {}, last_scan_id=follow_up)
            # the scan saw it: in the item's history, and its Last verified (an undo of the
            # scan takes both back)
            store.append_history(
                {
                    "item_id": new_id,
                    "kind": HistoryKind.SCANNED.value,
                    "new_value": str(Tag.NOT_IN_SCOPE.label),  # stored in English
                    "reason": "registered from this scan",
                    "user_id": operator.user_id,
                    "station": operator.station,
                    "session_id": session_id,
                    "scan_id": scan_id,
                    "at": entry.at,
                },
            )
            store.verify_item(new_id, session_id, entry.at)
        item = items.item_info(new_id)
        assert item is not None
        result = ScanResult(
            scan_id=follow_up,
            client_id=client_id,
            raw=entry.raw,
            barcode=barcode,
            kind=ScanKind.REGISTERED,
            tag=Tag.NOT_IN_SCOPE,
            scanned_at=now,
            item_id=new_id,
            ingredient=item.ingredient,
            location=item.location,
            location_id=item.location_id,
            quantity=item.quantity,
            unit=item.unit,
        )
        return result, item
