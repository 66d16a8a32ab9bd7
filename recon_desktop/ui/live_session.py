"""The session shown in the Barcode Tracking window, kept live.

``LiveSession`` holds the session this workstation scans into and everything that keeps
it current: the scans sent from here and whether each was saved; a poll, on a thread of
its own (``poller``), for other workstations' scans, the progress and the session's end;
a connection to the database server lost and back, after which the scan whose outcome
was unknown is sent again with the same id; a database found damaged (nothing more is
saved); and the session's end, here or elsewhere, which the open views of it are told.

It touches no widget: the window connects to its signals and paints. A scan goes in
through ``send_scan`` and comes back as ``scanSaved`` (committed: the row and the tag may
show) or ``scanNotSaved`` (a sentence saying why), so how a scan travels can change
without the window noticing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from recon_desktop.core.records import (
    Operator,
    ScanChoice,
    ScanLogEntry,
    SessionInfo,
    SessionProgress,
)
from recon_desktop.errors import ConnectionLostError, ReconError, SessionStateError
from recon_desktop.services import Services
from recon_desktop.ui.child_windows import ChildWindows
from recon_desktop.ui.poller import SessionPoller
from recon_desktop.ui.scan_list import GS, GS_SHOWN
from recon_desktop.ui.workers import error_sentence

CONNECTION_LOST_TEXT = (
    "Connection to the database server lost — scans are not being saved; retrying…"
)
POLL_INTERVAL_MS = 1000  # other workstations' scans and the session's end show within 2 s
RETRY_INTERVAL_MS = 2000  # while the database server cannot be reached
# scans are read again this far back: on a server, a scan can commit after one with a
# higher id (both in flight at once), and must not be missed
POLL_OVERLAP = 64


@dataclass(frozen=True)
class ShownSession:
    """What a session shows when it is opened here."""

    entries: list[ScanLogEntry] = field(default_factory=list)  # since this list's Clear All
    here: str | None = None  # this workstation's current location in the session
    problem: str | None = None  # why the scans could not be read


class LiveSession(QObject):
    """The session shown at one workstation, kept current; see the module's docstring."""

    scanSaved = Signal(object)  # ScanResult: committed
    scanNeedsChoice = Signal(object)  # ScanChoice: fits several items, nothing recorded
    scanNotSaved = Signal(str)  # why, in a sentence (not recorded, or its outcome unknown)
    scansArrived = Signal(object)  # list[ScanLogEntry]: not on the list yet (undos too)
    progressRead = Signal(object)  # SessionProgress
    progressFailed = Signal(str)  # why the progress could not be read
    faultChanged = Signal()  # the connection lost or back; the database found damaged
    connectionRestored = Signal()  # the server answers again, with no scan to send again
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
        # (session, raw, client id, chosen item) of the scan whose outcome is unknown
        # (connection lost)
        self._pending: tuple[int, str, str, int | None] | None = None
        # live updates: one poll at a time, on a thread of its own that keeps its connection
        self.poller = SessionPoller(services.db, self)
        self.poller.finished.connect(self._on_poller_finished)
        self.poll_timer = QTimer(self)
        self.poll_timer.setSingleShot(True)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._poll_generation = 0  # results of polls for what was shown before are dropped
        self._seen_scan_ids: set[int] = set()
        self._last_scan_id = 0
        self._poll_floor = 0  # scans up to this one are before the list (Clear All)
        self._progress_told: SessionProgress | None = None  # what open views were read with

    @property
    def fault(self) -> str | None:
        """Why scans are not saved now, in a sentence; None when they are."""
        return self.read_only or (CONNECTION_LOST_TEXT if self.connection_lost else None)

    def set_session(self, info: SessionInfo | None) -> ShownSession:
        """Show ``info`` (None: no session): the live state starts again, and the scans of
        every workstation since this one's last Clear All come back to be listed."""
        self.session = info
        self.poll_timer.stop()
        self._poll_generation += 1  # a poll still running is for what was shown before
        self._seen_scan_ids = set()
        self._last_scan_id = self._poll_floor = 0
        self._progress_told = None
        if info is None:
            return ShownSession()
        self.ended = None
        station, sessions = self.operator.station, self.services.sessions
        problem = None
        try:
            after = sessions.list_cleared_after(info.id, station)
            entries = sessions.scan_log(info.id, after_id=after)
            here = sessions.current_location(info.id, station)
        except ReconError as exc:
            after, entries, here, problem = 0, [], None, str(exc)
        self._poll_floor = after
        for entry in entries:
            self._note_seen(entry.id)
        self.poll_timer.start(POLL_INTERVAL_MS)
        return ShownSession(entries, here[1] if here else None, problem)

    def read_progress(self) -> None:
        """Read the session's progress now (``progressRead`` or ``progressFailed``)."""
        if self.session is None:
            return
        try:
            progress = self.services.sessions.progress(self.session.id)
        except ReconError as exc:
            self.progressFailed.emit(str(exc))
            return
        self.progressRead.emit(progress)
        if self._progress_told is None:
            self._progress_told = progress

    # ------------------------------------------------------------ scans from here
    def send_scan(
        self, raw: str, *, client_id: str | None = None, item_id: int | None = None
    ) -> None:
        """Record one scan in the session shown: ``scanSaved`` once it is committed, else
        ``scanNotSaved``; ``scanNeedsChoice`` when it fits several items (nothing is
        recorded: send it again with the chosen ``item_id``). ``client_id`` is given when a
        scan whose outcome was unknown is sent again."""
        session = self.session
        if session is None:
            return
        shown = raw.strip().replace(GS, GS_SHOWN)
        fault = self.fault
        if fault:
            self.scanNotSaved.emit(f"{fault} {shown} was not saved.")
            return
        client_id = client_id or uuid.uuid4().hex
        try:
            result = self.services.sessions.scan(
                self.operator,
                session.id,
                raw,
                client_id=client_id,
                gs_substitute=self.gs_substitute or None,
                item_id=item_id,
            )
        except ConnectionLostError as exc:
            # sent again, with this id, once the server answers (the poll tells)
            self._pending = (session.id, raw, client_id, item_id)
            self.connection_lost = True
            self.faultChanged.emit()
            self.scanNotSaved.emit(f"{shown}: {exc}")
            return
        except ReconError as exc:
            self.scanNotSaved.emit(str(exc))
            if isinstance(exc, SessionStateError):
                self._leave_if_ended(str(exc))
            return
        if result is None:
            return
        if isinstance(result, ScanChoice):
            self.scanNeedsChoice.emit(result)
            return
        self._note_seen(result.scan_id)
        self.scanSaved.emit(result)

    def clear_list(self) -> None:
        """Clear this workstation's list (recorded scans are kept); ReconError says why
        not. Polls then list only scans after this."""
        if self.session is None:
            return
        sessions, session_id = self.services.sessions, self.session.id
        sessions.clear_list(self.operator, session_id)
        self._poll_floor = sessions.list_cleared_after(session_id, self.operator.station)

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
    def _note_seen(self, scan_id: int) -> None:
        self._seen_scan_ids.add(scan_id)
        self._last_scan_id = max(self._last_scan_id, scan_id)

    def _on_poll_timer_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        """Ask, off the GUI thread, what changed in the session shown (one poll at a time):
        other workstations' scans, the progress, whether it has ended."""
        session = self.session
        if session is None:
            return
        sessions, session_id = self.services.sessions, session.id
        after = max(self._poll_floor, self._last_scan_id - POLL_OVERLAP)

        def job() -> tuple[SessionInfo, SessionProgress, list[ScanLogEntry]]:
            return sessions.poll(session_id, after)

        # when one is still running, its result schedules the next
        self.poller.submit(self._poll_generation, job)

    def stop(self) -> None:
        """No more polls; the poll's thread closes its connection."""
        self.poll_timer.stop()
        self.poller.stop()

    def _on_poller_finished(self, generation: object, result: object, error: object) -> None:
        if self.session is None:
            return
        if generation != self._poll_generation:  # for what was shown before
            self.poll_timer.start(POLL_INTERVAL_MS)
        elif isinstance(error, BaseException):
            self._on_poll_failed(error)
        else:
            assert isinstance(result, tuple)
            self._on_polled(*result)

    def _on_polled(
        self, info: SessionInfo, progress: SessionProgress, entries: list[ScanLogEntry]
    ) -> None:
        if self.connection_lost:
            self._connection_back()
            if self.session is None or self.session.id != info.id:
                return
        self._add_entries(entries)
        if not info.active:
            self._ended_elsewhere(info)
            return
        self.progressRead.emit(progress)
        if progress != self._progress_told:
            self._progress_told = progress
            self.windows.progress_moved(info.id)
        else:
            self.windows.refresh_stale()
        self.poll_timer.start(POLL_INTERVAL_MS)

    def _on_poll_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectionLostError):
            self.connection_lost = True
            self.faultChanged.emit()
        else:
            self.progressFailed.emit(error_sentence(exc))
        self.poll_timer.start(RETRY_INTERVAL_MS)

    def _add_entries(self, entries: list[ScanLogEntry]) -> None:
        """Scans not on the list yet (other workstations'), once each."""
        new = []
        for entry in entries:
            if entry.id in self._seen_scan_ids or entry.id <= self._poll_floor:
                continue
            self._note_seen(entry.id)
            new.append(entry)
        if new:
            self.scansArrived.emit(new)

    def _connection_back(self) -> None:
        """The server answers again: scans are accepted, and the one whose outcome was
        unknown is sent again with the same id (the database then replays it)."""
        self.connection_lost = False
        self.faultChanged.emit()
        pending, self._pending = self._pending, None
        if pending is not None and self.session is not None and pending[0] == self.session.id:
            _, raw, client_id, item_id = pending
            self.send_scan(raw, client_id=client_id, item_id=item_id)
        else:
            self.connectionRestored.emit()
