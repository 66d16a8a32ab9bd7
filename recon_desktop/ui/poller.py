"""The session poll of the Barcode Tracking window, on a thread of its own.

A poll runs every second for as long as a session is shown, so it keeps one database
connection between polls (Qt's pool threads lose theirs after each job, and opening one a
second costs a PostgreSQL server a process start). One poll at a time; results come back
on the GUI thread through a queued signal; the thread closes its connection when stopped.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtCore import QObject, Qt, Signal

from recon_desktop.errors import ReconError
from recon_desktop.services.database import drop_connection

log = logging.getLogger(__name__)
STOP_WAIT_S = 10.0  # a poll still waiting for an unreachable server gives up sooner


class SessionPoller(QObject):
    """Runs one job at a time off the GUI thread; ``finished(token, result, error)``."""

    finished = Signal(object, object, object)

    def __init__(
        self, db: pw.Database, parent: QObject | None = None, *, name: str = "session-poll"
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._jobs: queue.SimpleQueue[tuple[object, Callable[[], Any]] | None] = queue.SimpleQueue()
        self._relay = _Relay()  # emitted from the thread; lives on the GUI thread
        self._relay.done.connect(self._on_relay_done, Qt.ConnectionType.QueuedConnection)
        self.busy = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, token: object, job: Callable[[], Any]) -> bool:
        """Start ``job`` unless one is running; False when busy (or stopped)."""
        if self.busy or not self._thread.is_alive():
            return False
        self.busy = True
        self._jobs.put((token, job))
        return True

    def stop(self) -> None:
        """Finish: the thread closes its connection; results still on the way are dropped."""
        self._jobs.put(None)
        self._thread.join(STOP_WAIT_S)
        self._relay.stopped = True

    def _on_relay_done(self, token: object, result: object, error: object) -> None:
        self.busy = False
        if not self._relay.stopped:
            self.finished.emit(token, result, error)

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                break
            token, job = item
            result: object = None
            error: BaseException | None = None
            try:
                result = job()
            except Exception as exc:
                if not isinstance(exc, ReconError):
                    log.error("session poll failed", exc_info=exc)
                error = exc
            if not self._relay.stopped:
                try:
                    self._relay.done.emit(token, result, error)
                except RuntimeError:  # the window went away while this poll waited
                    break
        drop_connection(self._db)  # this thread's connection, closed on this thread


class _Relay(QObject):
    done = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.stopped = False
