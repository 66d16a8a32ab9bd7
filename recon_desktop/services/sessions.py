"""Sessions: start (freeze scope), join, end, progress, the scan list, views, past sessions.

The scan path itself (scan, count, undo) is ``services.scanning``; this service hands it on.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from recon_desktop.core.filters import CheckedFilter, Filter, Kind, check_filters
from recon_desktop.core.records import (
    ItemInfo,
    Operator,
    Page,
    ScanChoice,
    ScanKind,
    ScanLogEntry,
    ScanPage,
    ScanResult,
    SessionInfo,
    SessionPoll,
    SessionProgress,
    View,
)
from recon_desktop.core.text import translate
from recon_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    SessionStateError,
    StorageError,
    ValidationError,
)
from recon_desktop.services.admin import SESSION_NAME, AdminService, clean_name
from recon_desktop.services.auth import AuthService
from recon_desktop.services.safe_write import append_line
from recon_desktop.services.scanning import WRITE_ROLES, ScanService, new_client_id
from recon_desktop.store import anchors, counters, events, queries, schema, seals, sessions
from recon_desktop.store.db import (
    Database,
    IntegrityError,
    db_now,
    resilient,
    transaction,
)
from recon_desktop.store.scans import ScanStore

CLOCK_SKEW = timedelta(minutes=5)  # how far a batch scanner's clock may run ahead


def _frozen_value(checked: CheckedFilter, text: str) -> str:
    """A filter value as frozen into a session: a relative date (today+30) becomes the date
    it meant at the start, so the session reads the same a year later."""
    if checked.kind is not Kind.DATE or not checked.values:
        return text.strip()
    dates = [str(value) for value in checked.values]
    return "..".join(dates) if checked.op == "between" else ", ".join(dates)


class SessionService:
    def __init__(
        self,
        db: Database,
        auth: AuthService,
        admin: AdminService,
        *,
        anchor_file: Path | None = None,
    ) -> None:
        self.db = db
        self.auth = auth
        self.admin = admin
        self.anchor_file = anchor_file  # where ending a session appends its anchor
        self.anchor_note = ""  # what became of the last anchor (a sentence)
        self._store = ScanStore(db)  # the scan path's statements, prepared once
        self.scans = ScanService(db, auth, self._store)
        self._ended_copies: set[int] = set()  # ended sessions known to have their items kept
        self._started: dict[int, datetime] = {}  # sessions' start times (batch scans' times)

    # ------------------------------------------------------------ start
    @resilient
    def start(self, operator: Operator, lab_id: int, config: int | str, name: str) -> SessionInfo:
        """Start a session: freeze the listing config and the expected set it matches now."""
        name = clean_name(name, SESSION_NAME, 300)
        self.auth.require_role(
            operator, lab_id, *WRITE_ROLES, doing=translate("Doing", "start a session")
        )
        config_id, config_name, columns, filters = self.admin.config(lab_id, config)
        checked = check_filters(filters)
        frozen = [
            [c.field, c.op, _frozen_value(c, f.value)]
            for c, f in zip(checked, filters, strict=True)
        ]
        now = db_now(self.db)
        already = translate(
            "SessionService",
            "{name} already has an active session in this lab; end it before starting another.",
        ).format(name=operator.name)
        try:
            with transaction(self.db):
                if sessions.has_active(lab_id, operator.user_id):
                    raise SessionStateError(already)
                session_id = sessions.create(
                    name=name,
                    lab_id=lab_id,
                    config_id=config_id,
                    config_name=config_name,
                    columns=columns,
                    filters=frozen,
                    user_id=operator.user_id,
                    station=operator.station,
                    at=now,
                )
                total = sessions.freeze_expected(session_id, lab_id, checked)
                self._seal(
                    operator,
                    "session-started",
                    session_id,
                    f"{name}; config {config_name}; {total} expected",
                )
        except IntegrityError:
            raise SessionStateError(already) from None
        return self.info(session_id)

    # ------------------------------------------------------------ queries
    def info(self, session_id: int) -> SessionInfo:
        info = sessions.info(session_id)
        if info is None:
            raise NotFoundError(
                translate("SessionService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        return info

    def find(self, ref: str | int) -> SessionInfo:
        """A session by id, or by name (the newest with that name)."""
        text = str(ref).strip()
        if text.isdigit():
            return self.info(int(text))
        session_id = sessions.newest_named(text)
        if session_id is None:
            raise NotFoundError(
                translate("SessionService", "There is no session {text!r}.").format(text=text)
            )
        return self.info(session_id)

    def list(
        self, *, active: bool | None = None, lab_ids: Sequence[int] | None = None
    ) -> builtins.list[SessionInfo]:
        return sessions.sessions(active=active, lab_ids=lab_ids)

    def list_with_progress(
        self, *, active: bool | None = None, lab_ids: Sequence[int] | None = None
    ) -> builtins.list[tuple[SessionInfo, SessionProgress]]:
        """Sessions as ``list`` gives them, each with its progress (one grouped query for
        all of them: the kept counts)."""
        found = self.list(active=active, lab_ids=lab_ids)
        progress = counters.progress_of(self.db, [info.id for info in found])
        return [(info, progress[info.id]) for info in found]

    def active_for(self, operator: Operator) -> builtins.list[SessionInfo]:
        """Active sessions in the operator's labs (their own first)."""
        labs = [lab.id for lab, _ in self.admin.labs_of(operator.user_id)]
        active = self.list(active=True, lab_ids=labs)
        return sorted(active, key=lambda s: s.started_by_id != operator.user_id)

    def progress(self, session_id: int) -> SessionProgress:
        progress = self._store.progress(session_id)
        if progress is None:
            raise NotFoundError(
                translate("SessionService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        return progress

    # ------------------------------------------------------------ scan and undo
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
        made_now: bool = False,
        until_end: bool = False,
    ) -> ScanResult | ScanChoice | None:
        """Record one scan and return its tag only after it is durably committed.

        None for empty input; ValidationError for garbage (stored nowhere). A retry with the
        same ``client_id`` returns the first outcome and never records twice. A time given
        (a batch scanner's) must lie between the session's start and now (plus a few
        minutes for a scanner's clock running ahead); ``made_now``: the time is the
        window's, when the scan was made a moment ago (on the server's clock as the window
        reckons it), and needs no check: a scan whose outcome was lost and that the server
        ran late keeps it. ``until_end``: a scan kept on a workstation while the server was
        away counts in a session ended since if it was made before the end.

        A code that fits several items (a GTIN alone, on bottles of different serials or
        lots) records nothing and returns a ``ScanChoice``: the same scan sent again with
        the chosen ``item_id`` (one of its choices) is recorded as that item.
        """
        if scanned_at is not None and not made_now:
            self._check_scan_time(session_id, scanned_at)
        return self.scans.scan(
            operator,
            session_id,
            raw,
            client_id=client_id,
            gs_substitute=gs_substitute,
            scanned_at=scanned_at,
            until_end=until_end,
            item_id=item_id,
        )

    def _check_scan_time(self, session_id: int, at: datetime) -> None:
        started = self._started.get(session_id)
        if started is None:
            started = self._started[session_id] = self.info(session_id).started_at
        shown = f"{at:%Y-%m-%d %H:%M:%S} UTC"
        if at < started:
            raise ValidationError(
                translate(
                    "SessionService",
                    "The time {shown} is before the session started ({started} UTC); the scan "
                    "was not recorded.",
                ).format(shown=shown, started=started)
            )
        latest = db_now(self.db) + CLOCK_SKEW
        if at > latest:
            raise ValidationError(
                translate(
                    "SessionService",
                    "The time {shown} is in the future (more than {value} minutes ahead of "
                    "this computer); the scan was not recorded.",
                ).format(shown=shown, value=CLOCK_SKEW.seconds // 60)
            )

    def undo_last(self, operator: Operator, session_id: int) -> ScanLogEntry | None:
        """Undo this workstation's last scan with a compensating record; None if none left."""
        return self.scans.undo_last(operator, session_id)

    @resilient
    def register_unknown(
        self,
        operator: Operator,
        session_id: int,
        scan_id: int,
        *,
        ingredient: str,
        ingredient_type: str | None,
        quantity: str | Decimal,
        unit: str,
        location_id: int,
    ) -> tuple[ScanResult, ItemInfo]:
        """Register an Unknown scan's barcode as a new item where it was found, in one
        transaction (its ingredient made, and recorded, when new); see
        ScanService.register_unknown."""
        kind = " ".join((ingredient_type or "").split()) or None
        if kind is not None and len(kind) > 200:
            raise ValidationError(
                translate(
                    "SessionService", "The ingredient type is too long (at most 200 characters)."
                )
            )
        with transaction(self.db):
            ingredient_id = self.admin.ensure_ingredient(operator, ingredient, kind)
            return self.scans.register_unknown(
                operator,
                session_id,
                scan_id,
                ingredient_id=ingredient_id,
                quantity=quantity,
                unit=unit,
                location_id=location_id,
            )

    # ------------------------------------------------------------ end
    @resilient
    def end(self, operator: Operator, session_id: int, *, note: str | None = None) -> SessionInfo:
        """End a session. Only its starter may; a refusal is recorded."""
        note = (note or "").strip() or None
        if note and len(note) > 2000:
            raise ValidationError(
                translate("SessionService", "The note is too long (at most 2,000 characters).")
            )
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
                translate(
                    "SessionService", "Only {started_by}, who started this session, can end it."
                ).format(started_by=info.started_by)
            )
        with transaction(self.db):
            # wait for scans holding the session row, then take the time: nothing that
            # counted can carry a time after the end
            sessions.hold_for_end(self.db, session_id)
            now = db_now(self.db)
            if not sessions.mark_ended(session_id, at=now, user_id=operator.user_id, note=note):
                raise SessionStateError(
                    translate("SessionService", "This session has already ended.")
                )
            sessions.mark_found_verified(self.db, session_id)
            sessions.keep_items_as_ended(self.db, session_id)
            self._ended_copies.add(session_id)
            self._seal(operator, "session-ended", session_id, note)
            # every chain's head as it is now, kept here and (below) outside the database
            text = anchors.make(
                self.db,
                database=schema.database_id(self.db),
                session_id=session_id,
                session_name=info.name,
                at=now,
                station=operator.station,
            )
        self.scans.forget(session_id)
        self.anchor_note = self._keep_anchor(text)
        return self.info(session_id)

    def _keep_anchor(self, text: str) -> str:
        """Append an anchor to the anchor file; a sentence saying where it went."""
        if self.anchor_file is None:
            return translate(
                "SessionService",
                "The anchor is kept in the database and goes into the session report.",
            )
        try:
            append_line(self.anchor_file, text)
        except OSError as exc:
            return translate(
                "SessionService",
                "The anchor could not be added to {file} ({reason}); it is kept in the "
                "database and goes into the session report.",
            ).format(file=str(self.anchor_file), reason=exc.strerror or str(exc))
        return translate(
            "SessionService",
            "The anchor was added to {file} and goes into the session report.",
        ).format(file=str(self.anchor_file))

    def anchor(self, session_id: int) -> str | None:
        """The anchor sealed when the session ended (None: active, or ended before schema 3)."""
        return anchors.of_session(self.db, session_id)

    def as_ended(self, info: SessionInfo) -> bool:
        """Whether the session's views read its items as they were when it ended (every
        session ended by this version; one ended before has no copy and shows items as
        they are now)."""
        if info.ended_at is None:
            return False
        if info.id not in self._ended_copies:
            if not sessions.has_ended_copy(self.db, info.id):
                return False
            self._ended_copies.add(info.id)
        return True

    def _seal(self, operator: Operator, kind: str, session_id: int, detail: str | None) -> None:
        seals.seal(
            self.db,
            f"session:{session_id}",
            kind=kind,
            at=db_now(self.db),
            user_id=operator.user_id,
            user_name=operator.name,
            station=operator.station,
            session_id=session_id,
            detail=detail,
        )

    def _event(
        self, operator: Operator, kind: str, session_id: int | None, detail: str | None
    ) -> None:
        events.record(
            at=db_now(self.db),
            kind=kind,
            user_id=operator.user_id,
            user_name=operator.name,
            station=operator.station,
            session_id=session_id,
            detail=detail,
        )

    # ------------------------------------------------------------ several workstations
    @resilient
    def join(self, operator: Operator, session_id: int) -> SessionInfo:
        """Join an active session from this workstation (any member of its lab)."""
        info = self.info(session_id)
        self.auth.require_role(
            operator, info.lab_id, *WRITE_ROLES, doing=translate("Doing", "join a session")
        )
        if not info.active:
            raise SessionStateError(
                translate(
                    "SessionService", "The session {name!r} has ended; it cannot be joined."
                ).format(name=info.name)
            )
        with transaction(self.db):
            self._event(operator, "session-joined", session_id, None)
        self.scans.allow(operator.user_id, session_id)
        return info

    def poll(self, session_id: int, seen: Mapping[str, int], after_id: int = 0) -> SessionPoll:
        """What changed in a session: its progress, whether it has ended, and the scans
        each workstation recorded after the newest of its scans in ``seen`` (and after
        ``after_id``). Run every second by each open window, so when nothing changed it
        reads the session's counters alone: a few rows, however many scans it holds.

        A workstation's scans are recorded one at a time, each holding its hash chain's
        head until it commits, so they commit in the order of their ids: a scan that
        commits after another workstation's scan with a higher id is still found."""
        counts = self._store.counts(session_id)
        if counts is None:
            raise NotFoundError(
                translate("SessionService", "There is no session #{session_id}.").format(
                    session_id=str(session_id)
                )
            )
        entries: builtins.list[ScanLogEntry] = []
        read = dict(seen)
        for station, last in counts.last_scan_ids.items():
            after = max(seen.get(station, 0), after_id)
            if last > after:
                new = self._store.log(session_id, after_id=after, station=station)
                entries.extend(new)
                read[station] = max(last, *(entry.id for entry in new))
        entries.sort(key=lambda entry: entry.id)
        ended = self.info(session_id) if counts.ended else None
        return SessionPoll(counts.progress, entries, read, ended, counts.clock)

    # ------------------------------------------------------------ scan log / list
    def scan_log(
        self,
        session_id: int,
        *,
        after_id: int = 0,
        station: str | None = None,
        limit: int | None = None,
        newest: int | None = None,
    ) -> builtins.list[ScanLogEntry]:
        """Chronological scans of a session (optionally one station's, after an id; the
        first ``limit``, or the ``newest`` few)."""
        return self._store.log(
            session_id, after_id=after_id, station=station, limit=limit, newest=newest
        )

    def list_page(
        self,
        session_id: int,
        *,
        after_id: int = 0,
        older: bool = True,
        key: tuple[datetime, int] | None = None,
        limit: int = 500,
        opening: bool = False,
    ) -> ScanPage:
        """A page of the scanned list in scan-time order (then id), oldest first: the
        ``limit`` item and location scans after scan ``after_id`` (Clear All) just before
        ``key`` (``older``; no key: the newest) or just after it (no key: the oldest),
        with the registrations of their unknown barcodes. ``opening``: the list opens on
        this page, and the poll will ask for what is recorded after it: the page then
        says, read just before it, the newest scan of each workstation (from the kept
        counts: a few rows)."""
        seen = None
        if opening:
            counts = self._store.counts(session_id)
            if counts is None:
                raise NotFoundError(
                    translate("SessionService", "There is no session #{session_id}.").format(
                        session_id=str(session_id)
                    )
                )
            seen = dict(counts.last_scan_ids)
        entries, more = self._store.list_page(
            session_id, after_id=after_id, older=older, key=key, limit=limit
        )
        unknown = [e.id for e in entries if e.kind is ScanKind.ITEM and e.item_id is None]
        follow_ups = self._store.registrations(unknown) if unknown else []
        return ScanPage(entries, follow_ups, more, seen)

    def scan_log_entry(self, scan_id: int) -> ScanLogEntry:
        return self.scans.log_entry(scan_id)

    @resilient
    def clear_list(self, operator: Operator, session_id: int) -> None:
        """ "Clear All": the on-screen list of this workstation starts afresh. Records stay."""
        last = self._store.last_scan_id(session_id)
        with transaction(self.db):
            self._store.set_cleared_after(session_id, operator.station, last)

    def current_location(self, session_id: int, station: str) -> tuple[int, str] | None:
        """The location this workstation set by scanning a location barcode (id, path)."""
        row = self._store.station_location(session_id, station)
        return (int(row[0]), str(row[1])) if row else None

    def list_cleared_after(self, session_id: int, station: str) -> int:
        return self._store.cleared_after(session_id, station)

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
        if not text.strip():
            # the kept counts answer without reading the view's rows
            progress = self.progress(session_id)
            if view is View.ALL_IN_LISTING:
                return progress.expected_total
            if view is View.SCANNED_NOT_IN_LISTING:  # the found rows of those two tags
                return progress.not_in_scope + progress.unknown
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


__all__ = ["SessionService", "StorageError", "new_client_id"]
