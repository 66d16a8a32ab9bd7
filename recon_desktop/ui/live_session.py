"""The session shown in the Barcode Tracking window, kept live.

``LiveSession`` holds the session this workstation scans into and everything that keeps
it current: the scans sent from here and whether each was saved; a poll, on a thread of
its own (``poller``), for other workstations' scans, the progress and the session's end;
the scanned list's pages, read on a thread of their own as one scrolls (the first, the
newest, when a session is shown; the poll asks for what is recorded after it);
a connection to the database server lost and back, after which the scan whose outcome
was unknown is sent again with the same id; a database found damaged (nothing more is
saved); and the session's end, here or elsewhere, which the open views of it are told.

It touches no widget and never waits on the database: the window connects to its signals
and paints. A scan goes in through ``send_scan``, is shown at once as on its way
(``scanQueued``), travels in order with the undos on the sender's thread (``scan_sender``)
and comes back as ``scanSaved`` (committed: the row and the tag may show) or as
``scanGone`` and ``scanNotSaved`` (a sentence saying why), so how a scan travels can change
without the window noticing.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from recon_desktop.core.records import (
    KeptScan,
    Operator,
    ScanChoice,
    ScanLogEntry,
    ScanPage,
    ScanResult,
    SessionInfo,
    SessionPoll,
    SessionProgress,
)
from recon_desktop.errors import (
    ConnectionLostError,
    ReconError,
    SessionStateError,
    StorageError,
)
from recon_desktop.services import Services
from recon_desktop.services.database import bounded
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.child_windows import ChildWindows
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.poller import SessionPoller
from recon_desktop.ui.scan_list import GS, GS_SHOWN, PAGE_SIZE
from recon_desktop.ui.scan_sender import DEADLINE_S, Outcome, Outgoing, ScanSender
from recon_desktop.ui.workers import error_sentence

log = logging.getLogger(__name__)

translate = QCoreApplication.translate
# English; said with translate("LiveSession", CONNECTION_LOST_TEXT)
CONNECTION_LOST_TEXT = QT_TRANSLATE_NOOP(
    "LiveSession",
    "Connection to the database server lost — scans are not being saved; retrying…",
)


def kept_text(waiting: int) -> str:
    """The fault banner while the server is away and scans are kept here."""
    if not waiting:
        return translate(
            "LiveSession",
            "Connection to the database server lost — scans are kept on this PC and sent "
            "when it is back; keep scanning.",
        )
    if waiting == 1:
        return translate(
            "LiveSession",
            "Connection to the database server lost — 1 scan is kept on this PC and will be "
            "sent when it is back; keep scanning.",
        )
    return translate(
        "LiveSession",
        "Connection to the database server lost — {count} scans are kept on this PC and "
        "will be sent when it is back; keep scanning.",
    ).format(count=formatting.number(waiting))


def sending_text(waiting: int) -> str:
    if waiting == 1:
        return translate(
            "LiveSession", "The database server is back — sending 1 scan kept on this PC…"
        )
    return translate(
        "LiveSession", "The database server is back — sending {count} scans kept on this PC…"
    ).format(count=formatting.number(waiting))


def not_saved(why: str, shown: str) -> str:
    """A scan refused, naming it after the reason."""
    return translate("LiveSession", "{reason} {barcode} was not saved.").format(
        reason=why, barcode=shown
    )


def not_undone(why: str) -> str:
    return translate("LiveSession", "{reason} Nothing was undone.").format(reason=why)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


POLL_INTERVAL_MS = 1000  # other workstations' scans and the session's end show within 2 s
LOOK_INTERVAL_MS = 3000  # with no session shown: one started elsewhere shows within seconds
RETRY_INTERVAL_MS = 2000  # while the database server cannot be reached


@dataclass(frozen=True)
class ShownSession:
    """What a session shows when it is opened here (its scans follow: ``pageRead``)."""

    here: str | None = None  # this workstation's current location in the session
    problem: str | None = None  # why it could not be read
    kept: list[KeptScan] = field(default_factory=list)  # kept here for it, not sent yet


# which page of the scanned list: the newest (the list opens, or one goes back to the
# newest scans), the oldest, or the one before or after a (scan time, id)
PageWay = str
NEWEST, OLDEST, OLDER, NEWER = "newest", "oldest", "older", "newer"


@dataclass(frozen=True)
class PendingScan:
    """A scan sent from here and not answered yet."""

    client_id: str
    shown: str  # the barcode as the window shows it
    at: datetime  # when it was scanned (this computer's clock, UTC)


class LiveSession(QObject):
    """The session shown at one workstation, kept current; see the module's docstring."""

    scanQueued = Signal(object)  # PendingScan: on its way (shown as such until answered)
    scanSaved = Signal(object)  # ScanResult: committed
    scanGone = Signal(str)  # the client id of a scan on its way that will show no tag
    scanNeedsChoice = Signal(object)  # ScanChoice: fits several items, nothing recorded
    scanNotSaved = Signal(str)  # why, in a sentence (not recorded, or its outcome unknown)
    scanKept = Signal(object)  # KeptScan: the server is away; kept on this PC, sent later
    keptSent = Signal(object)  # ScanResult of a scan kept on this PC, now recorded
    keptRefused = Signal(object)  # list[KeptScan]: sent late and refused (their reasons)
    undone = Signal(object)  # ScanLogEntry of the scan undone; None: nothing left to undo
    undoRefused = Signal(str)  # why nothing was undone
    scansArrived = Signal(object)  # list[ScanLogEntry]: not on the list yet (undos too)
    pageRead = Signal(str, object)  # PageWay, ScanPage: a page of the scanned list
    pageFailed = Signal(str, str)  # PageWay, why it could not be read (in a sentence)
    progressRead = Signal(object)  # SessionProgress
    progressFailed = Signal(str)  # why the progress could not be read
    faultChanged = Signal()  # the connection lost or back; the database found damaged
    connectionRestored = Signal()  # the server answers again, with no scan to send again
    # list[SessionInfo]: with no session shown, the active sessions this person may join
    # (when they change: one started elsewhere shows within a few seconds)
    sessionsOffered = Signal(object)
    # SessionInfo: it ended elsewhere (the views are told); str: the sentence refusing a
    # scan when a scan found out, empty when a poll did
    endedElsewhere = Signal(object, str)

    def __init__(
        self,
        services: Services,
        operator: Operator,
        windows: ChildWindows,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator = operator
        self.windows = windows
        self.session: SessionInfo | None = None
        self.ended: SessionInfo | None = None  # the session that ended elsewhere, shown
        self.gs_substitute = ""  # what a scanner that cannot send GS sends instead
        self.read_only: str | None = None  # why nothing may be saved (a damaged database)
        self.connection_lost = False
        self._lost_since = 0.0  # time.monotonic() when the server went away
        self.outbox = services.outbox  # None: scans the server cannot take are not kept
        self._sending_kept: set[str] = set()  # kept scans queued to be sent, by client id
        self._refused: list[KeptScan] = []  # refused in this round of sending
        # (session, raw, client id, chosen item) of the scan whose outcome is unknown
        # (connection lost)
        self._pending: tuple[int, str, str, int | None] | None = None
        # scans, undos and progress reads go in order on a thread of their own
        self.scan_sender = ScanSender(services, self)
        self.scan_sender.sent.connect(self._on_sender_sent)
        self._in_flight: dict[str, PendingScan] = {}  # scans sent, by client id, in order
        self._outstanding = 0  # jobs sent and not answered yet
        # live updates: one poll at a time, on a thread of its own that keeps its connection
        self.poller = SessionPoller(services.db, self)
        self.poller.finished.connect(self._on_poller_finished)
        self.poll_timer = QTimer(self)
        self.poll_timer.setSingleShot(True)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._poll_generation = 0  # results of polls for what was shown before are dropped
        # the scanned list's pages: one read at a time, on a thread of their own; a page
        # asked for while one is read waits (only the last asked for)
        self.pager = SessionPoller(services.db, self, name="scan-list-pages")
        self.pager.finished.connect(self._on_pager_finished)
        self._page_generation = 0  # pages for a list shown before are dropped
        self._opened = False
        self._next_page: tuple[object, Callable[[], tuple[int, ScanPage]]] | None = None
        self.reopen_timer = QTimer(self)  # the first page failed: read again
        self.reopen_timer.setSingleShot(True)
        self.reopen_timer.timeout.connect(self._on_reopen_timer_timeout)
        self._seen: dict[str, int] = {}  # per workstation, the newest of its scans listed
        self._poll_floor = 0  # scans up to this one are before the list (Clear All)
        self._progress_told: SessionProgress | None = None  # what open views were read with
        self._offered: tuple[int, ...] | None = None  # the sessions offered last, by id
        # the server's clock less this computer's (from the polls): a scan's own time is
        # told on the server's clock, as the scans the server times itself
        self._clock_offset = timedelta(0)
        self._polled_at = utcnow()

    @property
    def fault(self) -> str | None:
        """Why scans are not saved now, in a sentence; None when they are (or are kept on
        this PC while the server is away)."""
        if self.read_only:
            return self.read_only
        if self.connection_lost and self.outbox is None:
            return translate("LiveSession", CONNECTION_LOST_TEXT)
        return None

    @property
    def banner_text(self) -> str | None:
        """What the fault banner says: why scans are not saved, or how many are kept on
        this PC (waiting for the server, or being sent); None: nothing to say."""
        fault = self.fault
        if fault or self.outbox is None:
            return fault
        waiting = self.outbox.count()
        if self.connection_lost:
            return kept_text(waiting)
        return sending_text(waiting) if waiting else None

    @property
    def sending(self) -> bool:
        """Scans, undos or a progress read sent and not answered yet."""
        return self._outstanding > 0

    def in_flight(self) -> list[PendingScan]:
        """The scans sent from here and not answered yet, oldest first."""
        return list(self._in_flight.values())

    def set_session(self, info: SessionInfo | None) -> ShownSession:
        """Show ``info`` (None: no session): the live state starts again, and the scans of
        every workstation since this one's last Clear All come back to be listed. (Scans
        still on their way to the session shown before are saved there.)"""
        self.session = info
        self.poll_timer.stop()
        self.reopen_timer.stop()
        self._poll_generation += 1  # a poll still running is for what was shown before
        self._page_generation += 1
        self._next_page = None
        self._opened = False  # the list's first page is in: the poll asks after it
        self._seen = {}
        self._poll_floor = 0
        self._progress_told = None
        self._offered = None
        if info is None:
            self.poll_timer.start(LOOK_INTERVAL_MS)  # for a session started elsewhere
            self.send_kept()
            return ShownSession()
        self.ended = None
        problem = None
        try:
            here = self.services.sessions.current_location(info.id, self.operator.station)
        except ReconError as exc:
            here, problem = None, i18n.say(exc)
        # the newest page, off this thread; the poll starts once it is in
        self.read_page(NEWEST, opening=True)
        kept = [k for k in self._waiting() if k.session_id == info.id]
        self.send_kept()
        return ShownSession(here[1] if here else None, problem, kept)

    # ------------------------------------------------------------ the list's pages
    def read_page(
        self, way: PageWay, key: tuple[datetime, int] | None = None, *, opening: bool = False
    ) -> None:
        """Read a page of the scanned list off the GUI thread: ``pageRead`` or
        ``pageFailed``. NEWEST and OLDEST start the list again (a page asked for before
        is dropped); OLDER and NEWER read the page before or after ``key``. ``opening``:
        the list of the session shown opens (this workstation's Clear All is read with
        it, and the poll starts from it)."""
        session = self.session
        if session is None:
            return
        if way in (NEWEST, OLDEST):
            self._page_generation += 1  # what was asked before is for a list gone
        sessions, db, station = self.services.sessions, self.services.db, self.operator.station
        session_id, floor = session.id, self._poll_floor
        older = way in (NEWEST, OLDER)

        def job() -> tuple[int, ScanPage]:
            with bounded(db, DEADLINE_S):
                after = sessions.list_cleared_after(session_id, station) if opening else floor
                page = sessions.list_page(
                    session_id, after_id=after, older=older, key=key, limit=PAGE_SIZE,
                    opening=opening,
                )  # fmt: skip
            return after, page

        token = (self._page_generation, way, opening)
        if not self.pager.submit(token, job):
            self._next_page = (token, job)

    def clear_list_pages(self) -> None:
        """Pages asked for before are for a list gone (it was cleared)."""
        self._page_generation += 1
        self._next_page = None

    def _on_pager_finished(self, token: object, result: object, error: object) -> None:
        if self._next_page is not None:
            next_token, job = self._next_page
            self._next_page = None
            self.pager.submit(next_token, job)
        assert isinstance(token, tuple)
        generation, way, opening = token
        if generation != self._page_generation or self.session is None:
            return  # for a list shown before
        if isinstance(error, BaseException):
            if isinstance(error, ConnectionLostError):
                self._lost(error)
            if opening:  # the poll waits for it: read again
                self.reopen_timer.start(RETRY_INTERVAL_MS)
            self.pageFailed.emit(way, error_sentence(error))
            return
        assert isinstance(result, tuple)
        after, page = result
        if opening:
            self._opened = True
            self._poll_floor = after
            for station, scan_id in (page.seen or {}).items():
                self._note_seen(station, max(scan_id, after))
            for entry in page.entries:
                self._note_seen(entry.station, entry.id)
            if self.connection_lost:
                self._connection_back()
            self.poll_timer.start(POLL_INTERVAL_MS)
        self.pageRead.emit(way, page)

    def _on_reopen_timer_timeout(self) -> None:
        if self.session is not None:
            self.read_page(NEWEST, opening=True)

    def read_progress(self) -> None:
        """Read the session's progress, after what was sent before (``progressRead`` or
        ``progressFailed``)."""
        if self.session is not None:
            self._send(Outgoing("progress", self.session.id, self.operator))

    def _send(self, job: Outgoing) -> None:
        self._outstanding += 1
        self.scan_sender.send(job)

    # ------------------------------------------------------------ scans from here
    def send_scan(
        self, raw: str, *, client_id: str | None = None, item_id: int | None = None
    ) -> None:
        """Send one scan to the session shown: ``scanQueued`` at once, then ``scanSaved``
        once it is committed, else ``scanGone`` and ``scanNotSaved``; ``scanGone`` and
        ``scanNeedsChoice`` when it fits several items (nothing is recorded: send it again,
        behind the scans sent meanwhile, with the chosen ``item_id``). ``client_id`` is
        given when a scan whose outcome was unknown is sent again."""
        session = self.session
        if session is None:
            return
        shown = raw.strip().replace(GS, GS_SHOWN)
        fault = self.fault
        if fault:
            self.scanNotSaved.emit(not_saved(fault, shown))
            return
        pending = PendingScan(client_id or uuid.uuid4().hex, shown, utcnow() + self._clock_offset)
        if self.connection_lost:  # the server is away: kept here, at once
            self._keep(self.operator, session, raw, pending, self.gs_substitute or None, item_id)
            return
        self._in_flight[pending.client_id] = pending
        self._send(
            Outgoing(
                "scan",
                session.id,
                self.operator,
                raw=raw,
                client_id=pending.client_id,
                gs_substitute=self.gs_substitute or None,
                # on a server, its own time: kept should the answer be lost (a server that
                # hung may run it when it wakes, long after)
                scanned_at=pending.at if self.outbox is not None else None,
                item_id=item_id,
            )
        )
        self.scanQueued.emit(pending)

    def undo_last(self) -> None:
        """Undo this workstation's last scan, after the scans sent before it: ``undone``
        (the scan undone, or None when none is left) or ``undoRefused``."""
        if self.session is None:
            return
        fault = self.fault
        if fault:
            self.undoRefused.emit(not_undone(fault))
            return
        self._send(Outgoing("undo", self.session.id, self.operator))

    def _on_sender_sent(self, outcome: Outcome) -> None:
        self._outstanding -= 1
        job = outcome.job
        current = self.session is not None and self.session.id == job.session_id
        if isinstance(outcome.error, ConnectionLostError) and not self.connection_lost:
            self._lost(outcome.error)
        if job.kind == "kept":
            self._kept_answered(outcome, current)
        elif job.kind == "scan":
            self._scan_answered(outcome, current)
        elif job.kind == "undo":
            self._undo_answered(outcome, current)
        elif outcome.error is not None and current:
            self.progressFailed.emit(error_sentence(outcome.error))
        if outcome.progress is not None and current:
            self.progressRead.emit(outcome.progress)
            if self._progress_told is None:
                self._progress_told = outcome.progress

    def _scan_answered(self, outcome: Outcome, current: bool) -> None:
        job, error = outcome.job, outcome.error
        pending = self._in_flight.pop(job.client_id, None)
        shown = pending.shown if pending else job.raw.strip().replace(GS, GS_SHOWN)
        result = outcome.result
        if isinstance(result, ScanResult) and current:
            self._note_seen(self.operator.station, result.scan_id)
            self.scanSaved.emit(result)
            return
        lost = outcome.held or isinstance(error, ConnectionLostError)
        if lost and self.outbox is not None and pending is not None:
            # its outcome unknown, or not sent: kept here with its id and its time (the
            # server records a client id once, should it have recorded it after all)
            session = self.session if current and self.session else (job.session_id, "")
            self._keep(job.operator, session, job.raw, pending, job.gs_substitute, job.item_id)
            return
        self.scanGone.emit(job.client_id)
        if isinstance(result, ScanChoice):
            if current:
                self.scanNeedsChoice.emit(result)
            else:  # the session it was sent to is no longer shown: nothing to choose in
                self.scanNotSaved.emit(
                    translate(
                        "LiveSession",
                        "{barcode} fits {count} items of the session shown before; nothing "
                        "was recorded.",
                    ).format(barcode=shown, count=formatting.number(len(result.choices)))
                )
        elif outcome.held:
            self.scanNotSaved.emit(not_saved(translate("LiveSession", CONNECTION_LOST_TEXT), shown))
        elif isinstance(error, ConnectionLostError):
            # sent again, with this id, once the server answers (the poll tells)
            self._pending = (job.session_id, job.raw, job.client_id, job.item_id)
            self.scanNotSaved.emit(f"{shown}: {i18n.say(error)}")
        elif error is not None:
            self.scanNotSaved.emit(error_sentence(error))
            if isinstance(error, SessionStateError) and current:
                self._leave_if_ended(i18n.say(error))

    def _undo_answered(self, outcome: Outcome, current: bool) -> None:
        if outcome.held:
            self.undoRefused.emit(not_undone(translate("LiveSession", CONNECTION_LOST_TEXT)))
        elif outcome.error is not None:
            self.undoRefused.emit(error_sentence(outcome.error))
        elif current:
            self.undone.emit(outcome.result)

    # ------------------------------------------------------------ the outbox
    def _keep(
        self,
        operator: Operator,
        session: SessionInfo | tuple[int, str],
        raw: str,
        pending: PendingScan,
        gs_substitute: str | None,
        item_id: int | None = None,
    ) -> None:
        """Keep a scan on this PC (on disk before it shows as kept), with the item chosen
        for it when it fits several: ``scanKept`` when it is for the session shown."""
        assert self.outbox is not None
        try:
            kept = self.outbox.keep(
                operator,
                session,
                raw,
                client_id=pending.client_id,
                gs_substitute=gs_substitute,
                scanned_at=pending.at,
                item_id=item_id,
            )
        except ReconError as exc:
            self.scanGone.emit(pending.client_id)
            self.scanNotSaved.emit(not_saved(i18n.say(exc), pending.shown))
            return
        if self.session is not None and self.session.id == kept.session_id:
            self.scanKept.emit(kept)
        else:
            self.scanGone.emit(pending.client_id)
        self.faultChanged.emit()  # the banner counts what waits

    def kept_for_session(self) -> list[KeptScan]:
        """The scans kept on this PC for the session shown, not sent yet."""
        session = self.session
        if session is None:
            return []
        return [k for k in self._waiting() if k.session_id == session.id]

    def _waiting(self) -> list[KeptScan]:
        if self.outbox is None:
            return []
        try:
            return self.outbox.waiting()
        except ReconError as exc:
            log.error("the outbox could not be read: %s", exc)
            return []

    def send_kept(self) -> None:
        """Send the scans kept on this PC, in order, after what was queued before (each
        once: one already on its way is not queued again)."""
        if self.connection_lost or self.read_only:
            return
        waiting = [k for k in self._waiting() if k.client_id not in self._sending_kept]
        if not waiting:
            return
        log.info("sending %d scan(s) kept on this computer", len(waiting))
        for kept in waiting:
            self._sending_kept.add(kept.client_id)
            self._send(
                Outgoing(
                    "kept", kept.session_id, kept.operator, raw=kept.raw,
                    client_id=kept.client_id, kept=kept,
                )
            )  # fmt: skip
        self.faultChanged.emit()

    def _kept_answered(self, outcome: Outcome, current: bool) -> None:
        job, error = outcome.job, outcome.error
        self._sending_kept.discard(job.client_id)
        kept = job.kept
        assert kept is not None
        result = outcome.result
        if isinstance(result, ScanResult):
            if current:
                self._note_seen(kept.station, result.scan_id)
                self.keptSent.emit(result)
        elif result is None and error is None:  # nothing to record (empty): it went
            if current:
                self.scanGone.emit(job.client_id)
        elif outcome.held or isinstance(error, (ConnectionLostError, StorageError)):
            pass  # still kept: sent again when the server answers
        elif error is not None:
            self._refused.append(replace(kept, refused=error_sentence(error)))
            if current:
                self.scanGone.emit(job.client_id)
        self.faultChanged.emit()
        if not self._sending_kept and self._refused:
            refused, self._refused = self._refused, []
            self.keptRefused.emit(refused)

    def clear_list(self) -> None:
        """Clear this workstation's list (recorded scans are kept); ReconError says why
        not. Polls then list only scans after this."""
        if self.session is None:
            return
        sessions, session_id = self.services.sessions, self.session.id
        sessions.clear_list(self.operator, session_id)
        self._poll_floor = sessions.list_cleared_after(session_id, self.operator.station)
        self.clear_list_pages()

    def set_read_only(self, sentence: str) -> None:
        """Save nothing more (a damaged database): scans are refused with ``sentence``."""
        self.read_only = sentence
        self.faultChanged.emit()

    # ------------------------------------------------------------ the session's end
    def ended_here(self, ended: SessionInfo) -> None:
        """The session was ended at this window: its open views become read-only."""
        self.windows.session_ended(ended)

    def _ended_elsewhere(self, info: SessionInfo, sentence: str = "") -> None:
        self.ended = info
        self.windows.session_ended(info)
        self.endedElsewhere.emit(info, sentence)

    def _leave_if_ended(self, sentence: str) -> None:
        """A scan was refused: when the session was ended elsewhere, leave it."""
        if self.session is None:
            return
        try:
            info = self.services.sessions.info(self.session.id)
        except ReconError:
            return
        if not info.active:
            self._ended_elsewhere(info, sentence)

    # ------------------------------------------------------------ the poll
    def _note_seen(self, station: str, scan_id: int) -> None:
        if scan_id > self._seen.get(station, 0):
            self._seen[station] = scan_id

    def _on_poll_timer_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        """Ask, off the GUI thread, what changed in the session shown (one poll at a time):
        other workstations' scans, the progress, whether it has ended."""
        session = self.session
        if session is None:
            self._look_for_sessions()
            return
        if not self._opened:  # its first page starts the poll once it is in
            return
        sessions, session_id, db = self.services.sessions, session.id, self.services.db
        seen, after = dict(self._seen), self._poll_floor

        def job() -> SessionPoll:
            with bounded(db, DEADLINE_S):
                return sessions.poll(session_id, seen, after)

        self._polled_at = utcnow()

        # when one is still running, its result schedules the next
        self.poller.submit(self._poll_generation, job)

    def _look_for_sessions(self) -> None:
        """With no session shown: the active sessions this person may join (off the GUI
        thread, a few rows), so that one started elsewhere is offered."""
        sessions, operator, db = self.services.sessions, self.operator, self.services.db

        def job() -> list[SessionInfo]:
            with bounded(db, DEADLINE_S):
                return sessions.active_for(operator)

        self.poller.submit(self._poll_generation, job)

    def _on_looked(self, found: list[SessionInfo]) -> None:
        if self.connection_lost:
            self._connection_back()
        ids = tuple(info.id for info in found)
        if ids != self._offered:
            self._offered = ids
            self.sessionsOffered.emit(found)
        self.poll_timer.start(LOOK_INTERVAL_MS)

    def stop(self) -> None:
        """No more polls; scans still queued are sent, then both threads close their
        connections."""
        self.poll_timer.stop()
        self.reopen_timer.stop()
        self.poller.stop()
        self.pager.stop()
        self.scan_sender.stop()

    def _on_poller_finished(self, generation: object, result: object, error: object) -> None:
        if generation != self._poll_generation:  # for what was shown before
            self.poll_timer.start(POLL_INTERVAL_MS)
        elif isinstance(error, BaseException):
            self._on_poll_failed(error)
        elif self.session is None:
            assert isinstance(result, list)
            self._on_looked(result)
        else:
            assert isinstance(result, SessionPoll)
            self._on_polled(result)

    def _on_polled(self, polled: SessionPoll) -> None:
        session_id = self.session.id if self.session else None
        if polled.clock is not None:  # the middle of the round trip, on this clock
            here = self._polled_at + (utcnow() - self._polled_at) / 2
            self._clock_offset = polled.clock - here
        if self.connection_lost:
            self._connection_back()
            if self.session is None or self.session.id != session_id:
                return
        self._add_entries(polled.entries)
        for station, scan_id in polled.seen.items():
            self._note_seen(station, scan_id)
        if polled.ended is not None:
            self._ended_elsewhere(polled.ended)
            return
        progress = polled.progress
        self.progressRead.emit(progress)
        if progress != self._progress_told:
            self._progress_told = progress
            if session_id is not None:
                self.windows.progress_moved(session_id)
        else:
            self.windows.refresh_stale()
        self.poll_timer.start(POLL_INTERVAL_MS)

    def _lost(self, exc: BaseException) -> None:
        """The server is away (or did not answer in time): scans are kept here."""
        if self.connection_lost:
            return
        self.connection_lost = True
        self._lost_since = time.monotonic()
        log.warning(
            "database server outage began: %s%s",
            exc,
            " Scans are kept on this computer." if self.outbox is not None else "",
        )
        self.faultChanged.emit()

    def _on_poll_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectionLostError):
            self._lost(exc)
        else:
            self.progressFailed.emit(error_sentence(exc))
        self.poll_timer.start(RETRY_INTERVAL_MS)

    def _add_entries(self, entries: list[ScanLogEntry]) -> None:
        """Scans not on the list yet (other workstations'), once each: neither listed
        already, nor before the list (Clear All), nor on their way from here."""
        unknown = self._pending[2] if self._pending else None
        new = [
            entry
            for entry in entries
            if entry.id > max(self._seen.get(entry.station, 0), self._poll_floor)
            and entry.client_id not in self._in_flight
            and entry.client_id not in self._sending_kept
            and entry.client_id != unknown
        ]
        if new:
            self.scansArrived.emit(new)

    def _connection_back(self) -> None:
        """The server answers again: scans are accepted, and the one whose outcome was
        unknown is sent again with the same id (the database then replays it); the scans
        kept on this PC are sent, in order."""
        self.connection_lost = False
        waiting = len(self._waiting())
        log.warning(
            "database server outage ended after %.1f s; %d scan(s) kept on this computer to send",
            time.monotonic() - self._lost_since,
            waiting,
        )
        self.faultChanged.emit()
        self.scan_sender.resume()
        if self.outbox is not None:
            self.send_kept()
            if not waiting:
                self.connectionRestored.emit()
            return
        pending, self._pending = self._pending, None
        if pending is not None and self.session is not None and pending[0] == self.session.id:
            _, raw, client_id, item_id = pending
            self.send_scan(raw, client_id=client_id, item_id=item_id)
        else:
            self.connectionRestored.emit()
