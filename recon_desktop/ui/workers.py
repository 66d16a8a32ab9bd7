"""Background work as small "op" objects (after Anki's ``operations``).

An op runs one job on Qt's thread pool, never touches widgets from there, and delivers its
result or error back on the GUI thread through a queued signal. A progress dialog appears
only when the job takes longer than ``PROGRESS_DELAY_MS`` and, where stopping half-way is
meaningful, offers Cancel. Each worker thread uses the same peewee ``Database`` object
(peewee keeps one connection per thread) and closes its own connection when the job ends.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from recon_desktop.errors import ReconError

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


def error_sentence(exc: BaseException) -> str:
    """What to tell the person: the sentence of an expected error, or a short note for a bug
    (whose details go to the log, never a traceback on screen)."""
    if isinstance(exc, ReconError):
        return str(exc)
    return (
        f"Something went wrong inside recon-desktop ({type(exc).__name__}); nothing more was "
        "done. The details were written to the log."
    )


class OpProgress:
    """Handed to a job: lets it report progress and notice a cancel between steps."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def report(self, done: int, total: int) -> None:
        self._relay.progressed.emit(done, total)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted by the worker arrive here queued."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, job: Callable[[OpProgress], Any], db: pw.Database | None,
                 progress: OpProgress, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._job = job
        self._db = db
        self._progress = progress
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Exception as exc:
            if not isinstance(exc, ReconError):
                log.error("background job failed", exc_info=exc)
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)
        finally:
            self._close_connection()

    def _close_connection(self) -> None:
        if self._db is None:
            return
        try:
            if not self._db.is_closed():
                self._db.close()
        except pw.PeeweeException:
            log.warning("could not close a worker's database connection", exc_info=True)


# Ops still running: keeps each op (and its Qt objects) alive until its result arrives,
# since nothing else may hold a reference to a fire-and-forget op.
_running: set[Op] = set()


class Op:
    """One background job with success/failure callbacks run on the GUI thread.

    The callbacks are skipped when ``owner`` has been deleted meanwhile or the op was
    cancelled. ``cancellable=False`` is for single transactions, where Cancel would only
    hide a change that is made anyway.
    """

    def __init__(
        self,
        owner: QWidget,
        job: Callable[[OpProgress], Any],
        *,
        db: pw.Database | None,
        success: Success,
        failure: Failure | None = None,
        label: str = "Working…",
        cancellable: bool = True,
        cancelled: Callable[[], None] | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        self._owner = owner
        self._success = success
        self._failure = failure
        self._on_cancelled = cancelled
        self._label = label
        self._cancellable = cancellable
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay()
        self.progress = OpProgress(self._relay)
        self._runnable = _Runnable(job, db, self.progress, self._relay)
        self._relay.succeeded.connect(self._on_relay_succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_relay_failed, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._on_relay_progressed,
                                       Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self._relay)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._dialog: QProgressDialog | None = None
        self._last_progress: tuple[int, int] = (0, 0)
        self.finished = False

    def start(self) -> Op:
        _running.add(self)
        self._timer.start()
        self._pool.start(self._runnable)
        return self

    def cancel(self) -> None:
        """Stop waiting: the job sees ``progress.cancelled``; its result is not delivered."""
        if self.finished or self.progress.cancelled:
            return
        self.progress.cancel()
        self._close_dialog()
        if self._on_cancelled is not None and shiboken6.isValid(self._owner):
            self._on_cancelled()

    # ------------------------------------------------------------ delivery (GUI thread)
    @Slot(object)
    def _on_relay_succeeded(self, result: object) -> None:
        deliver = self._finish()
        if deliver:
            self._success(result)

    @Slot(object)
    def _on_relay_failed(self, exc: object) -> None:
        deliver = self._finish()
        if deliver:
            assert isinstance(exc, BaseException)
            if self._failure is not None:
                self._failure(exc)

    @Slot(int, int)
    def _on_relay_progressed(self, done: int, total: int) -> None:
        self._last_progress = (done, total)
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _finish(self) -> bool:
        """Tidy up; True when the callbacks should run."""
        self.finished = True
        self._timer.stop()
        _running.discard(self)
        self._close_dialog()
        return not self.progress.cancelled and shiboken6.isValid(self._owner)

    # ------------------------------------------------------------ progress dialog
    def _close_dialog(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.canceled.disconnect(self._on_dialog_canceled)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.finished or not shiboken6.isValid(self._owner):
            return
        dialog = QProgressDialog(self._label, "Cancel" if self._cancellable else "", 0, 0,
                                 self._owner)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle("recon-desktop")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self._cancellable:
            dialog.setCancelButton(None)
        done, total = self._last_progress
        if total:
            dialog.setMaximum(total)
            dialog.setValue(done)
        dialog.canceled.connect(self._on_dialog_canceled)
        dialog.setMinimumDuration(0)
        dialog.show()
        self._dialog = dialog

    @Slot()
    def _on_dialog_canceled(self) -> None:
        if self._cancellable:
            self.cancel()


def run_op(owner: QWidget, job: Callable[[OpProgress], Any], *, db: pw.Database | None,
           success: Success, failure: Failure | None = None, label: str = "Working…",
           cancellable: bool = True, cancelled: Callable[[], None] | None = None) -> Op:
    """Start ``job`` off the GUI thread; see ``Op``."""
    return Op(owner, job, db=db, success=success, failure=failure, label=label,
              cancellable=cancellable, cancelled=cancelled).start()
