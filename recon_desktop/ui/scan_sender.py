"""The window's scans on their way to the database, off the GUI thread and in order.

``ScanSender`` keeps an ordered queue of what the window sends (scans, undos, a read of the
progress) and one thread of its own, with its own database connection, that sends them one
at a time, so the window never waits on the database: a slow or unreachable server delays
the tag, never the next key press. Each outcome comes back on the GUI thread, in the order
sent, through ``sent``; an undo queued after scans applies after them. After the last job
waiting, the session's progress is read too (the kept counts: a few rows), so the banner
follows without a read of its own.

When the connection to the server is lost, the job that found out fails with
``ConnectionLostError``; the jobs queued behind it are not tried (each would wait for the
connection timeout) but held: they come back with ``held`` set and the window says they
were not saved, as it refuses scans while the server is away. ``resume`` ends that once the
server answers again. ``_hold`` is the one place that decides what happens to them.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal

from recon_desktop.core.records import (
    KeptScan,
    Operator,
    ScanChoice,
    ScanLogEntry,
    ScanResult,
    SessionProgress,
)
from recon_desktop.errors import ConnectionLostError, ReconError
from recon_desktop.services import Services
from recon_desktop.services.database import bounded, drop_connection

log = logging.getLogger(__name__)
STOP_WAIT_S = 10.0  # a job still waiting for an unreachable server gives up sooner
DEADLINE_S = 2.0  # a server that has not answered a job by then is treated as away


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One job for the database: a scan (with the id the window gave it), an undo of this
    workstation's last scan, a read of the progress, or a scan kept on this computer while
    the server was away (``kept``)."""

    kind: Literal["scan", "undo", "progress", "kept"]
    session_id: int
    operator: Operator
    raw: str = ""
    client_id: str = ""
    gs_substitute: str | None = None
    kept: KeptScan | None = None  # a scan kept on this computer, sent with its own time
    scanned_at: datetime | None = None  # a scan's own time (on a server), None: the database's
    item_id: int | None = None  # the item chosen for a scan that fits several


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a job: its result (a ``ScanResult``, a ``ScanChoice`` when the scan
    fits several items and nothing was recorded, the undone scan's ``ScanLogEntry``, or
    None: nothing to save or undo) or the error that stopped it;
    ``held``: not sent, the connection being lost; the session's progress when it was the
    last job waiting (None otherwise, or when it could not be read)."""

    job: Outgoing
    result: ScanResult | ScanChoice | ScanLogEntry | SessionProgress | None = None
    error: BaseException | None = None
    held: bool = False
    progress: SessionProgress | None = None


_RESUME = object()


class ScanSender(QObject):
    """Sends the window's jobs in order on a thread of its own; ``sent(Outcome)``."""

    sent = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._jobs: queue.SimpleQueue[Outgoing | object | None] = queue.SimpleQueue()
        self._relay = _Relay()  # emitted from the thread; lives on the GUI thread
        self._relay.done.connect(self._on_relay_done, Qt.ConnectionType.QueuedConnection)
        self._halted = False  # the connection was lost: jobs are held, not tried
        self._thread = threading.Thread(target=self._run, name="scan-sender", daemon=True)
        self._thread.start()

    def send(self, job: Outgoing) -> None:
        """Queue ``job`` after those already queued."""
        self._jobs.put(job)

    def resume(self) -> None:
        """The server answers again: jobs queued from now on are sent again."""
        self._jobs.put(_RESUME)

    def stop(self) -> None:
        """Finish: the jobs already queued are sent, then the thread closes its
        connection; their outcomes are dropped."""
        self._relay.stopped = True
        self._jobs.put(None)
        self._thread.join(STOP_WAIT_S)

    def _on_relay_done(self, outcome: Outcome) -> None:
        if not self._relay.stopped:
            self.sent.emit(outcome)

    # ------------------------------------------------------------ on the thread
    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                break
            if job is _RESUME:
                self._halted = False
                continue
            assert isinstance(job, Outgoing)
            outcome = self._hold(job) if self._halted else self._send(job)
            if self._relay.stopped:
                continue
            try:
                self._relay.done.emit(outcome)
            except RuntimeError:  # the window went away meanwhile
                break
        drop_connection(self._services.db)  # this thread's connection, on this thread

    def _hold(self, job: Outgoing) -> Outcome:
        """A job queued behind one that lost the connection: not tried (it would wait for
        the connection timeout too), and not saved."""
        return Outcome(job, held=True)

    def _send(self, job: Outgoing) -> Outcome:
        sessions, db = self._services.sessions, self._services.db
        result: ScanResult | ScanChoice | ScanLogEntry | SessionProgress | None = None
        try:
            with bounded(db, DEADLINE_S):
                result = self._run_job(job)
        except Exception as exc:
            if isinstance(exc, ConnectionLostError):
                self._halted = True
            elif not isinstance(exc, ReconError):
                log.error("sending a %s failed", job.kind, exc_info=exc)
            return Outcome(job, error=exc)
        progress = result if isinstance(result, SessionProgress) else None
        if progress is None and self._jobs.empty():
            try:
                with bounded(db, DEADLINE_S):
                    progress = sessions.progress(job.session_id)
            except Exception as exc:  # the next job or poll reads it again
                if not isinstance(exc, ReconError):
                    log.error("reading the progress failed", exc_info=exc)
        return Outcome(job, result=result, progress=progress)

    def _run_job(
        self, job: Outgoing
    ) -> ScanResult | ScanChoice | ScanLogEntry | SessionProgress | None:
        sessions = self._services.sessions
        if job.kind == "kept":
            outbox = self._services.outbox
            assert job.kept is not None and outbox is not None
            return outbox.send(job.kept)
        if job.kind == "scan":
            return sessions.scan(
                job.operator,
                job.session_id,
                job.raw,
                client_id=job.client_id,
                gs_substitute=job.gs_substitute,
                scanned_at=job.scanned_at,
                made_now=job.scanned_at is not None,
                item_id=job.item_id,
            )
        if job.kind == "undo":
            return sessions.undo_last(job.operator, job.session_id)
        return sessions.progress(job.session_id)


class _Relay(QObject):
    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.stopped = False
