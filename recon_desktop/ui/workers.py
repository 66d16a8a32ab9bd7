"""Background work as small "op" objects (after Anki's ``operations``).

An op runs one job on Qt's thread pool, never touches widgets from there, and delivers its
result or error back on the GUI thread. A progress dialog appears only when the job takes
longer than ``PROGRESS_DELAY_MS`` and, where stopping half-way is meaningful, offers Cancel.
Each worker thread uses the same peewee ``Database`` object (peewee keeps one connection per
thread) and closes its own connection when the job ends.

Lifetimes are arranged so that no Qt object is ever deleted on a worker thread: the pool
owns and deletes each runnable, results travel through one long-lived dispatcher owned by
the application, and the worker holds only a weak reference to its op.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from recon_desktop.errors import ReconError
from recon_desktop.ui import i18n
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600
DISPATCHER_NAME = "reconOpDispatcher"
WORKING = QT_TRANSLATE_NOOP("Workers", "Working…")  # a progress dialog's default words

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


def error_sentence(exc: BaseException) -> str:
    """What to tell the person: the sentence of an expected error, or a short note for a bug
    (whose details go to the log, never a traceback on screen)."""
    if isinstance(exc, ReconError):
        return i18n.say(exc)
    return QCoreApplication.translate(
        "Workers",
        "Something went wrong inside recon-desktop ({error}); nothing more was done. The "
        "details were written to the log.",
    ).format(error=type(exc).__name__)


class _Dispatcher(QObject):
    """Runs closures posted from worker threads on the GUI thread. One per application, a
    child of the QApplication, so it outlives every op."""

    posted = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(DISPATCHER_NAME)
        self.posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def _on_posted(self, closure: object) -> None:
        if callable(closure):
            closure()


def _dispatcher() -> _Dispatcher:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("background ops need a QApplication")
    found = app.findChild(_Dispatcher, DISPATCHER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(found, _Dispatcher):
        return found
    return _Dispatcher(app)


class OpProgress:
    """Handed to a job: lets it report progress and notice a cancel between steps."""

    def __init__(self, op: Op, dispatcher: _Dispatcher) -> None:
        self._op = weakref.ref(op)
        self._dispatcher = dispatcher
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def report(self, done: int, total: int) -> None:
        self._dispatcher.posted.emit(partial(_call_op, self._op, "_on_progress", done, total))


def _call_op(op_ref: weakref.ref[Op], method: str, *args: object) -> None:
    """On the GUI thread: call ``method`` of the op if it still exists."""
    op = op_ref()
    if op is not None:
        getattr(op, method)(*args)


class _Runnable(QRunnable):
    """Owned and deleted by the thread pool (auto-delete); holds no strong reference to
    the op or to any Qt object that could die with it."""

    def __init__(
        self,
        job: Callable[[OpProgress], Any],
        db: pw.Database | None,
        progress: OpProgress,
        op: Op,
        dispatcher: _Dispatcher,
    ) -> None:
        super().__init__()
        self._job: Callable[[OpProgress], Any] | None = job
        self._db = db
        self._progress = progress
        self._op = weakref.ref(op)
        self._dispatcher = dispatcher

    def run(self) -> None:
        job, self._job = self._job, None
        assert job is not None
        try:
            result: object = job(self._progress)
            method = "_on_succeeded"
        except Exception as exc:
            if not isinstance(exc, ReconError):
                log.error("background job failed", exc_info=exc)
            result, method = exc, "_on_failed"
        finally:
            self._close_connection()
        # the job (which may hold widgets) goes back to the GUI thread with the result,
        # so its last reference is never dropped here
        self._dispatcher.posted.emit(partial(_call_op, self._op, method, result, job))

    def _close_connection(self) -> None:
        if self._db is None:
            return
        try:
            if not self._db.is_closed():
                self._db.close()
        except pw.PeeweeException:
            log.warning("could not close a worker's database connection", exc_info=True)


# Ops still running, so that each op (created and finished on the GUI thread) stays alive
# until its result arrives even when the caller keeps no reference.
_running: set[Op] = set()


class Op:
    """One background job with success/failure callbacks run on the GUI thread.

    The callbacks are skipped when ``owner`` has been deleted meanwhile or the op was
    cancelled. ``cancellable=False`` is for single transactions, where Cancel would only
    hide a change that is made anyway; ``progress_dialog=False`` for short reads the person
    did not ask for as such (rows fetched while scrolling), which never bring up a dialog.
    """

    def __init__(
        self,
        owner: QWidget,
        job: Callable[[OpProgress], Any],
        *,
        db: pw.Database | None,
        success: Success,
        failure: Failure | None = None,
        label: str = WORKING,
        cancellable: bool = True,
        cancelled: Callable[[], None] | None = None,
        pool: QThreadPool | None = None,
        progress_dialog: bool = True,
    ) -> None:
        self._owner = owner
        self._job = job
        self._db = db
        self._success = success
        self._failure = failure
        self._on_cancelled = cancelled
        self._label = label
        self._cancellable = cancellable
        self._progress_dialog = progress_dialog
        self._pool = pool or QThreadPool.globalInstance()
        self._dispatcher = _dispatcher()
        self.progress = OpProgress(self, self._dispatcher)
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._dialog: QProgressDialog | None = None
        self._last_progress: tuple[int, int] = (0, 0)
        self.started = False
        self.finished = False

    def start(self) -> Op:
        if self.started:
            return self
        self.started = True
        _running.add(self)
        if self._progress_dialog:
            self._timer.start()
        self._pool.start(_Runnable(self._job, self._db, self.progress, self, self._dispatcher))
        self._job = _finished_job  # the runnable has it now
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
    def _on_succeeded(self, result: object, _job: object = None) -> None:
        if self._finish():
            self._success(result)

    def _on_failed(self, exc: object, _job: object = None) -> None:
        if self._finish() and self._failure is not None:
            assert isinstance(exc, BaseException)
            self._failure(exc)

    def _on_progress(self, done: int, total: int) -> None:
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
            # closing emits canceled(); cancel() ignores it once the op is finished or cancelled
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def _on_timer_timeout(self) -> None:
        if self.finished or self.progress.cancelled or not shiboken6.isValid(self._owner):
            return
        dialog = QProgressDialog(
            QCoreApplication.translate("Workers", self._label),  # the default, or as given
            QCoreApplication.translate("Workers", "Cancel") if self._cancellable else "",
            0,
            0,
            self._owner,
        )
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
        if not self._owner.window().isActiveWindow():
            # the person went on elsewhere (scanning in the Barcode Tracking window): the
            # dialog must not take the keys, or a scanner's Enter would press its Cancel
            dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        dialog.show()
        self._dialog = dialog

    def _on_dialog_canceled(self) -> None:
        if self._cancellable:
            self.cancel()


def _finished_job(_progress: OpProgress) -> None:
    raise RuntimeError("an op runs its job once")


def run_op(
    owner: QWidget,
    job: Callable[[OpProgress], Any],
    *,
    db: pw.Database | None,
    success: Success,
    failure: Failure | None = None,
    label: str = WORKING,
    cancellable: bool = True,
    cancelled: Callable[[], None] | None = None,
    progress_dialog: bool = True,
) -> Op:
    """Start ``job`` off the GUI thread; see ``Op``."""
    return Op(
        owner,
        job,
        db=db,
        success=success,
        failure=failure,
        label=label,
        cancellable=cancellable,
        cancelled=cancelled,
        progress_dialog=progress_dialog,
    ).start()
