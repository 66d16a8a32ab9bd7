"""Sessions: start (freeze scope), scan, undo, end, progress, views, past sessions."""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.core import barcodes
from recon_desktop.core.filters import CheckedFilter, Filter, Kind, check_filters
from recon_desktop.core.records import (
    Operator,
    Page,
    Role,
    ScanKind,
    ScanLogEntry,
    ScanResult,
    SessionInfo,
    SessionProgress,
    Tag,
    View,
)
from recon_desktop.errors import (
    ConflictRetryError,
    NotFoundError,
    PermissionDeniedError,
    SessionStateError,
    StorageError,
    ValidationError,
)
from recon_desktop.services.admin import AdminService, clean_name
from recon_desktop.services.auth import AuthService
from recon_desktop.store import audit, queries
from recon_desktop.store.audit import HISTORY_CHAIN, SCAN_CHAIN, db_param
from recon_desktop.store.db import db_now, is_postgres, resilient, transaction, utcnow
from recon_desktop.store.models import (
    AuditEvent,
    ExpectedItem,
    Found,
    InventoryItem,
    Lab,
    Session,
    User,
    int_to_quantity,
)

WRITE_ROLES = (Role.ADMIN, Role.MEMBER)


def new_client_id() -> str:
    return uuid.uuid4().hex


def _frozen_value(checked: CheckedFilter, text: str) -> str:
    """A filter value as frozen into a session: a relative date (today+30) becomes the date
    it meant at the start, so the session reads the same a year later."""
    if checked.kind is not Kind.DATE or not checked.values:
        return text.strip()
    dates = [str(value) for value in checked.values]
    return "..".join(dates) if checked.op == "between" else ", ".join(dates)


def _time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


class SessionService:
    def __init__(self, db: pw.Database, auth: AuthService, admin: AdminService) -> None:
        self.db = db
        self.auth = auth
        self.admin = admin
        self._can_scan: set[tuple[int, int]] = set()  # (user, session) already checked
        self._sql = _ScanSQL(db.param, postgres=is_postgres(db))
        self._ended_copies: set[int] = set()  # ended sessions known to have their items kept

    # ------------------------------------------------------------ start
    @resilient
    def start(self, operator: Operator, lab_id: int, config: int | str, name: str) -> SessionInfo:
        """Start a session: freeze the listing config and the expected set it matches now."""
        name = clean_name(name, "session name", 300)
        self.auth.require_role(operator, lab_id, *WRITE_ROLES, doing="start a session")
        config_id, config_name, columns, filters = self.admin.config(lab_id, config)
        checked = check_filters(filters)
        frozen = [
            [c.field, c.op, _frozen_value(c, f.value)]
            for c, f in zip(checked, filters, strict=True)
        ]
        now = db_now(self.db)
        try:
            with transaction(self.db):
                if Session.get_or_none(
                    (Session.lab == lab_id) & (Session.active_owner == operator.user_id)
                ):
                    raise SessionStateError(
                        f"{operator.name} already has an active session in this lab; "
                        "end it before starting another."
                    )
                session = Session.create(
                    name=name,
                    lab=lab_id,
                    listing_config=config_id,
                    config_name=config_name,
                    frozen_columns=json.dumps(columns),
                    frozen_filters=json.dumps(frozen),
                    started_by=operator.user_id,
                    started_at=now,
                    station=operator.station,
                    active_owner=operator.user_id,
                )
                ids = queries.matching_ids_query(lab_id, checked)
                ExpectedItem.insert_from(
                    ids.select(pw.Value(session.id), InventoryItem.id),
                    [ExpectedItem.session, ExpectedItem.item],
                ).execute()
                total = ExpectedItem.select().where(ExpectedItem.session == session.id).count()
                Session.update(expected_total=total).where(Session.id == session.id).execute()
                self._event(
                    operator,
                    "session-started",
                    session.id,
                    f"{name}; config {config_name}; {total} expected",
                )
        except pw.IntegrityError:
            raise SessionStateError(
                f"{operator.name} already has an active session in this lab; "
                "end it before starting another."
            ) from None
        return self.info(session.id)

    # ------------------------------------------------------------ queries
    def info(self, session_id: int) -> SessionInfo:
        rows = self._select().where(Session.id == session_id).tuples()
        found = list(rows)
        if not found:
            raise NotFoundError(f"There is no session #{session_id}.")
        return self._info(found[0])

    @staticmethod
    def _select() -> pw.ModelSelect:
        starter = User.alias("starter")
        ender = User.alias("ender")
        return (
            Session.select(
                Session.id,
                Session.name,
                Session.lab,
                Lab.name,
                Session.config_name,
                Session.started_by,
                starter.name,
                Session.started_at,
                Session.ended_at,
                ender.name,
                Session.station,
                Session.frozen_columns,
                Session.frozen_filters,
                Session.end_note,
            )
            .join(Lab, on=(Session.lab == Lab.id))
            .switch(Session)
            .join(starter, on=(Session.started_by == starter.id))
            .switch(Session)
            .join(ender, pw.JOIN.LEFT_OUTER, on=(Session.ended_by == ender.id))
        )

    @staticmethod
    def _info(row: Sequence[Any]) -> SessionInfo:
        (
            sid,
            name,
            lab_id,
            lab,
            config,
            starter_id,
            starter,
            started,
            ended,
            ender,
            station,
            columns,
            filters,
            note,
        ) = row
        return SessionInfo(
            id=sid,
            name=name,
            lab_id=lab_id,
            lab=lab,
            config_name=config,
            started_by_id=starter_id,
            started_by=starter,
            started_at=_time(started),
            ended_at=_time(ended) if ended else None,
            ended_by=ender,
            station=station,
            columns=tuple(json.loads(columns)),
            filters=tuple(tuple(f) for f in json.loads(filters)),
            end_note=note,
        )

    def find(self, ref: str | int) -> SessionInfo:
        """A session by id, or by name (the newest with that name)."""
        text = str(ref).strip()
        if text.isdigit():
            return self.info(int(text))
        row = (
            Session.select(Session.id)
            .where(Session.name == text)
            .order_by(Session.id.desc())
            .first()
        )
        if row is None:
            raise NotFoundError(f"There is no session {text!r}.")
        return self.info(row.id)

    def list(
        self, *, active: bool | None = None, lab_ids: Sequence[int] | None = None
    ) -> builtins.list[SessionInfo]:
        query = self._select().order_by(Session.started_at.desc(), Session.id.desc())
        if active is True:
            query = query.where(Session.ended_at.is_null())
        elif active is False:
            query = query.where(Session.ended_at.is_null(False))
        if lab_ids is not None:
            query = query.where(Session.lab.in_(list(lab_ids)))
        return [self._info(row) for row in query.tuples()]

    def active_for(self, operator: Operator) -> builtins.list[SessionInfo]:
        """Active sessions in the operator's labs (their own first)."""
        labs = [lab.id for lab, _ in self.admin.labs_of(operator.user_id)]
        sessions = self.list(active=True, lab_ids=labs)
        return sorted(sessions, key=lambda s: s.started_by_id != operator.user_id)

    def progress(self, session_id: int) -> SessionProgress:
        p = self.db.param
        total = self.db.execute_sql(
            f"SELECT expected_total FROM session WHERE id = {p}", (session_id,)
        ).fetchone()
        if total is None:
            raise NotFoundError(f"There is no session #{session_id}.")
        counts = dict(
            self.db.execute_sql(
                f"SELECT tag, COUNT(*) FROM found WHERE session_id = {p} GROUP BY tag",
                (session_id,),
            ).fetchall()
        )
        # every item scan that stands either counts (its barcode's found row) or is a
        # repeat; a repeat can come to count when the scan before it is undone
        standing = self.db.execute_sql(
            f"SELECT COUNT(*) FROM scan s WHERE s.session_id = {p} AND s.kind = {p} "
            "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id)",
            (session_id, ScanKind.ITEM.value),
        ).fetchone()[0]
        already = int(standing) - sum(int(n) for n in counts.values())
        return SessionProgress(
            expected_total=int(total[0]),
            expected_scanned=int(counts.get(Tag.IN_SCOPE.value, 0)),
            not_in_scope=int(counts.get(Tag.NOT_IN_SCOPE.value, 0)),
            unknown=int(counts.get(Tag.UNKNOWN.value, 0)),
            already_scanned=int(already),
        )

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
    ) -> ScanResult | None:
        """Record one scan and return its tag only after it is durably committed.

        None for empty input; ValidationError for garbage (stored nowhere). A retry with the
        same ``client_id`` returns the first outcome and never records twice.
        """
        try:
            code = barcodes.normalise(raw, gs_substitute=gs_substitute)
        except barcodes.BarcodeError as exc:
            raise ValidationError(str(exc)) from None
        if code is None:
            return None
        if (operator.user_id, session_id) not in self._can_scan:
            info = self.info(session_id)
            self.auth.require_role(operator, info.lab_id, *WRITE_ROLES, doing="scan")
            self._can_scan.add((operator.user_id, session_id))
        return self._record(
            operator, session_id, raw, code, client_id or new_client_id(), scanned_at
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
    ) -> ScanResult:
        with self.db.atomic():
            return self._scan(operator, session_id, raw, code, client_id, scanned_at)

    def _scan(
        self,
        operator: Operator,
        session_id: int,
        raw: str,
        code: barcodes.NormalisedBarcode,
        client_id: str,
        scanned_at: datetime | None,
    ) -> ScanResult:
        db, sql = self.db, self._sql
        # on PostgreSQL this shares the session row's lock with other scans (FOR KEY SHARE:
        # it does not block an action raising the expected total), so a scan and the
        # session's end (FOR UPDATE) are ordered by the database; the time is the server's.
        # One statement also finds an earlier scan with this client id and this station's
        # current location (each round trip costs CPU on both sides with many stations).
        state = db.execute_sql(sql.scan_state, (client_id, session_id, operator.station)).fetchone()
        if state is None:
            raise NotFoundError(f"There is no session #{session_id}.")
        if state[0] is not None:
            raise SessionStateError(
                "This session has ended; scans are no longer accepted. Nothing was saved."
            )
        now = scanned_at or (_time(state[2]) if state[2] is not None else utcnow())
        if state[3] is not None:
            return self._replay(state[3], client_id, session_id)
        here = (state[4], state[5]) if state[4] is not None else None
        candidates = code.candidates
        item = None
        rows = db.execute_sql(
            sql.item_in_session_by_barcodes(len(candidates)), (session_id, *candidates)
        ).fetchall()
        if rows:
            by_code = {r[1]: r for r in rows}
            item = next(by_code[c] for c in candidates if c in by_code)
        base = {
            "client_id": client_id,
            "session_id": session_id,
            "raw": raw,
            "user_id": operator.user_id,
            "station": operator.station,
            "scanned_at": now,
        }
        if item is None:
            location = db.execute_sql(
                sql.location_by_barcodes(len(candidates)), candidates
            ).fetchall()
            if location:
                loc_id, loc_path = location[0]
                scan_id = audit.append(
                    db,
                    SCAN_CHAIN,
                    {
                        **base,
                        "kind": ScanKind.LOCATION.value,
                        "barcode": code.text,
                        "scanned_location_id": loc_id,
                        "location_seen": loc_path,
                    },
                )
                db.execute_sql(sql.set_station_location, (session_id, operator.station, loc_id))
                return ScanResult(
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
            tag, note = self._count(
                session_id, code.text, None, Tag.UNKNOWN, client_id, operator, now
            )
            scan_id = audit.append(
                db,
                SCAN_CHAIN,
                {
                    **base,
                    "kind": ScanKind.ITEM.value,
                    "barcode": code.text,
                    "tag": tag.value,
                },
            )
            return ScanResult(
                scan_id=scan_id,
                client_id=client_id,
                raw=raw,
                barcode=code.text,
                kind=ScanKind.ITEM,
                tag=tag,
                scanned_at=now,
                note=note,
                current_location=here[1] if here else None,
                current_location_id=here[0] if here else None,
            )
        item_id, barcode, ingredient, loc_id, loc_path, quantity, unit, status, expected = item
        wrong = here is not None and here[0] != loc_id
        tag, note = self._count(
            session_id,
            barcode,
            item_id,
            Tag.IN_SCOPE if expected else Tag.NOT_IN_SCOPE,
            client_id,
            operator,
            now,
        )
        archived = status == "archived"
        if archived and not note:  # archived since it was expected, or not expected at all
            note = "This item is archived."
        scan_id = audit.append(
            db,
            SCAN_CHAIN,
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
        audit.append(
            db,
            HISTORY_CHAIN,
            {
                "item_id": item_id,
                "kind": "scanned",
                "new_value": tag.label,
                "reason": f"wrong location: seen at {here[1]}" if wrong and here else None,
                "user_id": operator.user_id,
                "station": operator.station,
                "session_id": session_id,
                "scan_id": scan_id,
                "at": now,
            },
        )
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
        )

    def _count(
        self,
        session_id: int,
        barcode: str,
        item_id: int | None,
        tag: Tag,
        client_id: str,
        operator: Operator,
        now: datetime,
    ) -> tuple[Tag, str]:
        """Insert the Found row; the database's unique index decides which scan counts.

        A repeat holds the counting row (FOR KEY SHARE on PostgreSQL) until it commits, so an
        undo of that scan on another workstation waits and then finds this repeat standing;
        if the undo removed the row first, this scan counts instead."""
        db, sql = self.db, self._sql
        for _ in range(3):
            inserted = db.execute_sql(
                sql.insert_found,
                (
                    session_id,
                    barcode,
                    item_id,
                    tag.value,
                    client_id,
                    db_param(db, now),
                    operator.user_id,
                    operator.station,
                ),
            ).fetchone()
            if inserted is not None:
                return tag, ""
            first = db.execute_sql(sql.found_by_held, (session_id, barcode)).fetchone()
            if first is not None:
                name, at, station = first
                when = _time(at).strftime("%H:%M:%S")
                return (
                    Tag.ALREADY_SCANNED,
                    f"Already scanned by {name} at {when} UTC on {station}.",
                )
        raise ConflictRetryError(
            "Another workstation changed the same records at the same moment; nothing was "
            "saved. Try again."
        )

    def _recount(self, session_id: int, barcode: str) -> None:
        """After an undo: if the barcode no longer counts but another workstation's repeat
        of it stands, that repeat counts now (the item was seen)."""
        db, sql = self.db, self._sql
        if db.execute_sql(sql.found_by, (session_id, barcode)).fetchone() is not None:
            return  # the undone scan was a repeat: the counting one stands
        row = db.execute_sql(sql.next_counting, (session_id, barcode)).fetchone()
        if row is None:
            return
        client_id, item_id, at, user_id, station = row
        if item_id is None:
            tag = Tag.UNKNOWN
        elif db.execute_sql(sql.is_expected, (session_id, item_id)).fetchone() is not None:
            tag = Tag.IN_SCOPE
        else:
            tag = Tag.NOT_IN_SCOPE
        db.execute_sql(
            sql.insert_found,
            (
                session_id,
                barcode,
                item_id,
                tag.value,
                client_id,
                db_param(db, _time(at)),
                user_id,
                station,
            ),
        )

    def _replay(self, scan_id: int, client_id: str, session_id: int) -> ScanResult:
        """The outcome of a scan sent again with the same client id (nothing is recorded)."""
        p = self.db.param
        owner = self.db.execute_sql(
            f"SELECT session_id FROM scan WHERE id = {p}", (scan_id,)
        ).fetchone()
        if owner is not None and owner[0] != session_id:
            raise ValidationError(
                "This scan's id was already used in another session; nothing was saved."
            )
        entry = self.scan_log_entry(scan_id)
        note = ""
        if entry.tag is Tag.ALREADY_SCANNED:
            first = self.db.execute_sql(self._sql.found_by, (session_id, entry.barcode)).fetchone()
            if first is not None:
                name, at, station = first
                note = (
                    f"Already scanned by {name} at {_time(at).strftime('%H:%M:%S')} UTC "
                    f"on {station}."
                )
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
            note=note,
            duplicate=True,
        )

    # ------------------------------------------------------------ undo
    @resilient
    def undo_last(self, operator: Operator, session_id: int) -> ScanLogEntry | None:
        """Undo this workstation's last scan with a compensating record; None if none left."""
        db, sql = self.db, self._sql
        with transaction(db):
            state = db.execute_sql(sql.session_state, (session_id,)).fetchone()
            if state is None:
                raise NotFoundError(f"There is no session #{session_id}.")
            if state[0] is not None:
                raise SessionStateError("This session has ended; its scans cannot be undone.")
            row = db.execute_sql(sql.last_undoable, (session_id, operator.station)).fetchone()
            if row is None:
                return None
            scan_id, kind, client_id, item_id, barcode = row
            if kind == ScanKind.ITEM.value and sql.hold_counting is not None:
                # one undo or repeat of a barcode at a time, so that a recount never
                # promotes a repeat that another workstation is undoing at this moment
                db.execute_sql(sql.hold_counting, (session_id, barcode))
            now = _time(state[2]) if state[2] is not None else utcnow()
            undo_id = audit.append(
                db,
                SCAN_CHAIN,
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
            db.execute_sql(sql.delete_found, (session_id, client_id))
            if kind == ScanKind.ITEM.value:
                self._recount(session_id, barcode)
            if kind == ScanKind.LOCATION.value:
                back = db.execute_sql(
                    sql.previous_location, (session_id, operator.station)
                ).fetchone()
                db.execute_sql(
                    sql.set_station_location,
                    (session_id, operator.station, back[0] if back else None),
                )
            if item_id is not None:
                scanned_event = db.execute_sql(sql.history_of_scan, (scan_id,)).fetchone()
                audit.append(
                    db,
                    HISTORY_CHAIN,
                    {
                        "item_id": item_id,
                        "kind": "scan-undone",
                        "user_id": operator.user_id,
                        "station": operator.station,
                        "session_id": session_id,
                        "scan_id": undo_id,
                        "at": now,
                        "corrects_id": scanned_event[0] if scanned_event else None,
                    },
                )
        return self.scan_log_entry(scan_id)

    # ------------------------------------------------------------ end
    @resilient
    def end(self, operator: Operator, session_id: int, *, note: str | None = None) -> SessionInfo:
        """End a session. Only its starter may; a refusal is recorded."""
        note = (note or "").strip() or None
        if note and len(note) > 2000:
            raise ValidationError("The note is too long (at most 2,000 characters).")
        info = self.info(session_id)
        if info.started_by_id != operator.user_id:
            with transaction(self.db):
                self._event(
                    operator,
                    "end-refused",
                    session_id,
                    f"{operator.name} is not the starter ({info.started_by})",
                )
            raise PermissionDeniedError(
                f"Only {info.started_by}, who started this session, can end it."
            )
        with transaction(self.db):
            # wait for scans holding the session row, then take the time: nothing that
            # counted can carry a time after the end
            self.db.execute_sql(self._sql.lock_session, (session_id,))
            now = db_now(self.db)
            changed = (
                Session.update(
                    ended_at=now, ended_by=operator.user_id, active_owner=None, end_note=note
                )
                .where((Session.id == session_id) & Session.ended_at.is_null())
                .execute()
            )
            if not changed:
                raise SessionStateError("This session has already ended.")
            found_items = Found.select(Found.item).where(
                (Found.session == session_id) & Found.item.is_null(False)
            )
            InventoryItem.update(last_verified_at=now, last_verified_session=session_id).where(
                InventoryItem.id.in_(found_items)
            ).execute()
            self._keep_items_as_ended(session_id)
            self._event(operator, "session-ended", session_id, note)
        self._can_scan = {k for k in self._can_scan if k[1] != session_id}
        return self.info(session_id)

    def _keep_items_as_ended(self, session_id: int) -> None:
        """Copy the session's items as they are now (the end): the expected set and the
        known items scanned outside it. Past views and reports read this copy."""
        p = self.db.param
        self.db.execute_sql(
            "INSERT INTO ended_item (session_id, item_id, barcode, ingredient, ingredient_type, "
            "lab, location, status, quantity, unit, lot, expires_on, last_verified_at) "
            f"SELECT {p}, i.id, i.barcode, g.name, g.type, l.name, loc.path, i.status, "
            "i.quantity, i.unit, i.lot, i.expires_on, i.last_verified_at "
            "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
            "JOIN lab l ON l.id = i.lab_id JOIN location loc ON loc.id = i.location_id "
            f"WHERE i.id IN (SELECT item_id FROM expected_item WHERE session_id = {p} "
            f"UNION SELECT item_id FROM found WHERE session_id = {p} AND item_id IS NOT NULL)",
            (session_id, session_id, session_id),
        )
        self._ended_copies.add(session_id)

    def as_ended(self, info: SessionInfo) -> bool:
        """Whether the session's views read its items as they were when it ended (every
        session ended by this version; one ended before has no copy and shows items as
        they are now)."""
        if info.ended_at is None:
            return False
        if info.id not in self._ended_copies:
            row = self.db.execute_sql(
                f"SELECT 1 FROM ended_item WHERE session_id = {self.db.param} LIMIT 1", (info.id,)
            ).fetchone()
            if row is None:
                return False
            self._ended_copies.add(info.id)
        return True

    def _event(
        self, operator: Operator, kind: str, session_id: int | None, detail: str | None
    ) -> None:
        AuditEvent.create(
            at=db_now(self.db),
            kind=kind,
            user=operator.user_id,
            user_name=operator.name,
            station=operator.station,
            session=session_id,
            detail=detail,
        )

    # ------------------------------------------------------------ several workstations
    @resilient
    def join(self, operator: Operator, session_id: int) -> SessionInfo:
        """Join an active session from this workstation (any member of its lab)."""
        info = self.info(session_id)
        self.auth.require_role(operator, info.lab_id, *WRITE_ROLES, doing="join a session")
        if not info.active:
            raise SessionStateError(f"The session {info.name!r} has ended; it cannot be joined.")
        with transaction(self.db):
            self._event(operator, "session-joined", session_id, None)
        self._can_scan.add((operator.user_id, session_id))
        return info

    def poll(
        self, session_id: int, after_id: int
    ) -> tuple[SessionInfo, SessionProgress, builtins.list[ScanLogEntry]]:
        """What changed since scan ``after_id``: the session (ended?), its progress and the
        new scans from every workstation. Cheap enough to run every second."""
        return (
            self.info(session_id),
            self.progress(session_id),
            self.scan_log(session_id, after_id=after_id),
        )

    # ------------------------------------------------------------ scan log / list
    def scan_log(
        self,
        session_id: int,
        *,
        after_id: int = 0,
        station: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[ScanLogEntry]:
        """Chronological scans of a session (optionally one station's, after an id)."""
        where = "s.session_id = {p} AND s.id > {p}"
        params: builtins.list[Any] = [session_id, after_id]
        if station is not None:
            where += " AND s.station = {p}"
            params.append(station)
        return self._log_entries(where, params, limit)

    def scan_log_entry(self, scan_id: int) -> ScanLogEntry:
        entries = self._log_entries("s.id = {p}", [scan_id], None)
        if not entries:
            raise NotFoundError(f"There is no scan #{scan_id}.")
        return entries[0]

    def _log_entries(
        self, where: str, params: builtins.list[Any], limit: int | None
    ) -> builtins.list[ScanLogEntry]:
        p = self.db.param
        query = (
            "SELECT s.id, s.scanned_at, u.name, s.station, s.raw, s.barcode, s.kind, s.tag, "
            "s.item_id, i.barcode, g.name, s.location_seen, s.quantity_seen, s.wrong_location, "
            "EXISTS (SELECT 1 FROM scan x WHERE x.undoes_id = s.id), s.undoes_id, s.unit_seen "
            'FROM scan s JOIN "user" u ON u.id = s.user_id '
            "LEFT JOIN inventory_item i ON i.id = s.item_id "
            "LEFT JOIN ingredient g ON g.id = i.ingredient_id "
            f"WHERE {where.format(p=p)} ORDER BY s.id"
        )
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        rows = self.db.execute_sql(query, params).fetchall()
        return [
            ScanLogEntry(
                id=r[0],
                at=_time(r[1]),
                user=r[2],
                station=r[3],
                raw=r[4],
                barcode=r[5],
                kind=ScanKind(r[6]),
                tag=Tag(r[7]) if r[7] else None,
                item_id=r[8],
                item_barcode=r[9],
                ingredient=r[10],
                location_seen=r[11],
                quantity_seen=int_to_quantity(r[12]) if r[12] is not None else None,
                wrong_location=bool(r[13]),
                undone=bool(r[14]),
                undoes_id=r[15],
                unit_seen=r[16],
            )
            for r in rows
        ]

    @resilient
    def clear_list(self, operator: Operator, session_id: int) -> None:
        """ "Clear All": the on-screen list of this workstation starts afresh. Records stay."""
        p = self.db.param
        last = self.db.execute_sql(
            f"SELECT COALESCE(MAX(id), 0) FROM scan WHERE session_id = {p}", (session_id,)
        ).fetchone()[0]
        with transaction(self.db):
            self.db.execute_sql(self._sql.upsert_cleared, (session_id, operator.station, last))

    def current_location(self, session_id: int, station: str) -> tuple[int, str] | None:
        """The location this workstation set by scanning a location barcode (id, path)."""
        row = self.db.execute_sql(self._sql.station_location, (session_id, station)).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def list_cleared_after(self, session_id: int, station: str) -> int:
        p = self.db.param
        row = self.db.execute_sql(
            f"SELECT cleared_after FROM station_state WHERE session_id = {p} AND station = {p}",
            (session_id, station),
        ).fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------ views
    def view_page(
        self,
        session_id: int,
        view: View,
        *,
        offset: int = 0,
        limit: int = 200,
        sort: str | None = None,
        descending: bool = False,
        text: str = "",
    ) -> Page:
        info = self.info(session_id)
        return queries.view_page(
            session_id,
            view,
            info.columns,
            offset=offset,
            limit=limit,
            sort=sort,
            descending=descending,
            text=text,
            ended=self.as_ended(info),
        )

    def view_keys(
        self,
        session_id: int,
        view: View,
        *,
        sort: str | None = None,
        descending: bool = False,
        text: str = "",
    ) -> builtins.list[int]:
        """Every row key of a view in display order: a table model can hold just these
        (a few bytes a row) and fetch the rows it shows with :meth:`view_rows`."""
        info = self.info(session_id)
        return queries.view_keys(
            session_id,
            view,
            info.columns,
            sort=sort,
            descending=descending,
            text=text,
            ended=self.as_ended(info),
        )

    def view_rows(self, session_id: int, view: View, keys: Sequence[int]) -> Page:
        """The rows for some keys from :meth:`view_keys`, in that order."""
        info = self.info(session_id)
        return queries.view_rows_by_keys(
            session_id, view, info.columns, keys, ended=self.as_ended(info)
        )

    def view_count(self, session_id: int, view: View, *, text: str = "") -> int:
        if not text.strip() and view is not View.SCANNED_NOT_IN_LISTING:
            # the progress counters answer without scanning the expected set
            progress = self.progress(session_id)
            if view is View.ALL_IN_LISTING:
                return progress.expected_total
            return progress.not_scanned
        info = self.info(session_id)
        return queries.view_count(
            session_id, view, info.columns, text=text, ended=self.as_ended(info)
        )

    def view_barcodes(self, session_id: int, view: View) -> builtins.list[str]:
        ended = self.as_ended(self.info(session_id))
        return [
            str(row[0]) for _, row in queries.view_rows(session_id, view, ("barcode",), ended=ended)
        ]

    def frozen_filters(self, session_id: int) -> builtins.list[Filter]:
        return [Filter(*f) for f in self.info(session_id).filters]


class _ScanSQL:
    """Hand-written statements for the scan path (building peewee queries costs more than
    the durable commit). ``p`` is the driver's placeholder."""

    def __init__(self, p: str, *, postgres: bool) -> None:
        self.p = p
        if postgres:
            self.session_state = (
                "SELECT ended_at, lab_id, (clock_timestamp() AT TIME ZONE 'UTC') FROM session "
                f"WHERE id = {p} FOR KEY SHARE"
            )
            now, lock = "(clock_timestamp() AT TIME ZONE 'UTC')", " FOR KEY SHARE"
            self.lock_session = f"SELECT id FROM session WHERE id = {p} FOR UPDATE"
        else:  # SQLite: the write lock already orders everything
            self.session_state = f"SELECT ended_at, lab_id, NULL FROM session WHERE id = {p}"
            now, lock = "NULL", ""
            self.lock_session = f"SELECT id FROM session WHERE id = {p}"
        # the session state, an earlier scan with the client id, the station's location
        # (the time is read after the lock is granted: the locked row comes from a subquery)
        self.scan_state = (
            f"SELECT s.ended_at, s.lab_id, {now}, "
            f"(SELECT c.id FROM scan c WHERE c.client_id = {p}), l.id, l.path "
            f"FROM (SELECT id, ended_at, lab_id FROM session WHERE id = {p}{lock}) s "
            f"LEFT JOIN station_state st ON st.session_id = s.id AND st.station = {p} "
            "LEFT JOIN location l ON l.id = st.location_id"
        )
        self.station_location = (
            "SELECT l.id, l.path FROM station_state st JOIN location l ON l.id = st.location_id "
            f"WHERE st.session_id = {p} AND st.station = {p}"
        )
        self.is_expected = f"SELECT 1 FROM expected_item WHERE session_id = {p} AND item_id = {p}"
        self.insert_found = (
            "INSERT INTO found (session_id, barcode, item_id, tag, scan_client_id, found_at, "
            f"user_id, station) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}) "
            "ON CONFLICT (session_id, barcode) DO NOTHING RETURNING id"
        )
        self.found_by = (
            'SELECT u.name, f.found_at, f.station FROM found f JOIN "user" u ON u.id = f.user_id '
            f"WHERE f.session_id = {p} AND f.barcode = {p}"
        )
        self.found_by_held = self.found_by + (" FOR KEY SHARE OF f" if postgres else "")
        self.set_station_location = (
            f"INSERT INTO station_state (session_id, station, location_id, cleared_after) "
            f"VALUES ({p}, {p}, {p}, 0) ON CONFLICT (session_id, station) "
            "DO UPDATE SET location_id = excluded.location_id"
        )
        self.upsert_cleared = (
            f"INSERT INTO station_state (session_id, station, location_id, cleared_after) "
            f"VALUES ({p}, {p}, NULL, {p}) ON CONFLICT (session_id, station) "
            "DO UPDATE SET cleared_after = excluded.cleared_after"
        )
        self.last_undoable = (
            "SELECT s.id, s.kind, s.client_id, s.item_id, s.barcode FROM scan s "
            f"WHERE s.session_id = {p} AND s.station = {p} AND s.kind != 'undo' "
            "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id) "
            "ORDER BY s.id DESC LIMIT 1"
        )
        self.previous_location = (
            "SELECT s.scanned_location_id FROM scan s "
            f"WHERE s.session_id = {p} AND s.station = {p} AND s.kind = 'location' "
            "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id) "
            "ORDER BY s.id DESC LIMIT 1"
        )
        self.delete_found = f"DELETE FROM found WHERE session_id = {p} AND scan_client_id = {p}"
        self.hold_counting = (  # SQLite: the write lock already orders undos
            f"SELECT id FROM found WHERE session_id = {p} AND barcode = {p} FOR UPDATE"
            if postgres
            else None
        )
        self.next_counting = (
            "SELECT s.client_id, s.item_id, s.scanned_at, s.user_id, s.station FROM scan s "
            f"WHERE s.session_id = {p} AND s.barcode = {p} AND s.kind = 'item' "
            "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id) "
            "ORDER BY s.id LIMIT 1"
        )
        self.history_of_scan = (
            f"SELECT id FROM history_event WHERE scan_id = {p} AND kind = 'scanned'"
        )

    def item_in_session_by_barcodes(self, n: int) -> str:
        """The items with one of ``n`` barcodes, and whether each is in the session's
        expected set (the first parameter is the session)."""
        marks = ", ".join([self.p] * n)
        return (
            "SELECT i.id, i.barcode, g.name, i.location_id, l.path, i.quantity, i.unit, "
            "i.status, EXISTS (SELECT 1 FROM expected_item e "
            f"WHERE e.session_id = {self.p} AND e.item_id = i.id) "
            "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
            f"JOIN location l ON l.id = i.location_id WHERE i.barcode IN ({marks})"
        )

    def location_by_barcodes(self, n: int) -> str:
        marks = ", ".join([self.p] * n)
        return f"SELECT id, path FROM location WHERE barcode IN ({marks})"


__all__ = ["SessionService", "StorageError", "new_client_id"]
