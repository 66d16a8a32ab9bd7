"""The log: a rotating file in the user log folder, a ring buffer of recent lines, and
hooks that turn an uncaught exception into a report instead of a vanished window.

After Picard's ``log``: the ring buffer is what Help → Show log displays, and what a crash
report carries, so a person can send what happened without looking for files. Nothing here
imports Qt; the window shows the report (``ui.crash_dialog``).
"""

from __future__ import annotations

import collections
import contextlib
import logging
import logging.handlers
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from recon_desktop import APP_NAME, __version__

LOG_FILE = f"{APP_NAME}.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
RING_LINES = 2000
REPORT_LINES = 100  # recent log lines in a crash report
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

log = logging.getLogger(__name__)

# a database server's password in a URL (postgresql://user:PASSWORD@host) or a key=value
# connection string (password=PASSWORD): never written to the log or a crash report
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@")
_KEY_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('[^']*'|\S+)")


def mask_passwords(text: str) -> str:
    """The text with every password in a URL or connection string replaced by ***."""
    text = _URL_PASSWORD.sub(r"\1***@", text)
    return _KEY_PASSWORD.sub(r"\1***", text)


class MaskingFormatter(logging.Formatter):
    """Formats records as usual, then masks any password they carry (a message, an
    exception's text, a traceback's locals)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


class RingBufferHandler(logging.Handler):
    """Keeps the last ``capacity`` formatted records in memory (thread-safe)."""

    def __init__(self, capacity: int = RING_LINES) -> None:
        super().__init__()
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(MaskingFormatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # noqa: BLE001 - a bad record must not break logging
            self.handleError(record)
            return
        self._lines.extend(text.splitlines() or [""])

    def lines(self, last: int | None = None) -> list[str]:
        with self.lock or threading.Lock():
            items = list(self._lines)
        return items[-last:] if last else items


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log that several copies of the program write at once (a second window,
    the command line while the window is open). Windows refuses to rename a file another
    process has open: the rotation then waits, lines go on into the current file, and it
    is tried again after another ``RETRY_BYTES`` (not on every line). The numbered files
    move only once the current one could be moved, so none is lost on the way."""

    RETRY_BYTES = 64_000

    def __init__(self, filename: Path, **kwargs: Any) -> None:
        super().__init__(filename, **kwargs)
        self._retry_at = 0

    def shouldRollover(self, record: logging.LogRecord) -> int:
        if not super().shouldRollover(record):
            return False
        return self.stream is not None and self.stream.tell() >= self._retry_at

    def doRollover(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        moving = f"{self.baseFilename}.rotating"
        try:
            os.replace(self.baseFilename, moving)
        except FileNotFoundError:
            moving = ""
        except OSError:  # held open by another copy (Windows): keep writing, try later
            self.stream = self._open()
            self._retry_at = self.stream.tell() + self.RETRY_BYTES
            return
        for number in range(self.backupCount - 1, 0, -1):
            older = self.rotation_filename(f"{self.baseFilename}.{number}")
            if os.path.exists(older):
                with contextlib.suppress(OSError):
                    os.replace(older, self.rotation_filename(f"{self.baseFilename}.{number + 1}"))
        if moving:
            with contextlib.suppress(OSError):
                os.replace(moving, self.rotation_filename(f"{self.baseFilename}.1"))
        self._retry_at = 0
        self.stream = self._open()


@dataclass
class LogSetup:
    """The handlers :func:`setup_logging` added to the root logger; ``close`` takes them
    away again (tests, a second start in one process)."""

    ring: RingBufferHandler
    path: Path | None  # None when the log folder could not be used
    problem: str | None = None  # the sentence saying why there is no log file
    handlers: list[logging.Handler] = field(default_factory=list)
    previous_level: int = logging.WARNING

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(self.previous_level)
        self.handlers.clear()


def setup_logging(
    folder: Path | None = None, *, level: int = logging.INFO, ring_lines: int = RING_LINES
) -> LogSetup:
    """Log to ``folder``/recon-desktop.log (1 MB × 5 files) and to a ring buffer."""
    if folder is None:
        from recon_desktop import paths

        folder = paths.log_dir()
    root = logging.getLogger()
    ring = RingBufferHandler(ring_lines)
    setup = LogSetup(ring=ring, path=None, previous_level=root.level)
    setup.handlers.append(ring)
    path = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = SharedRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        setup.problem = (
            f"The log folder {folder} cannot be used ({exc.strerror or exc}); "
            "recent lines are kept in memory only (Help → Show log)."
        )
    else:
        file_handler.setFormatter(MaskingFormatter(FORMAT))
        setup.handlers.append(file_handler)
        setup.path = path
    for handler in setup.handlers:
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(False)
    log.info(
        "%s %s started (Python %s on %s)",
        APP_NAME,
        __version__,
        platform.python_version(),
        platform.platform(),
    )
    if setup.problem:
        log.warning("%s", setup.problem)
    return setup


# ---------------------------------------------------------------- crash reports


@dataclass(frozen=True)
class Crash:
    """One uncaught exception, ready to be shown."""

    summary: str  # "ZeroDivisionError: division by zero"
    report: str  # the whole copyable report
    thread: str


def format_traceback(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread: str = "MainThread",
    recent: list[str] | None = None,
    log_path: Path | None = None,
    versions: Mapping[str, str] | None = None,
) -> str:
    """The text a person copies into an e-mail: versions, where, traceback, recent log."""
    lines = [
        f"{APP_NAME} {__version__} — unexpected error",
        "",
        f"Python: {platform.python_version()} ({sys.executable})",
    ]
    lines += [f"{name}: {value}" for name, value in (versions or {}).items()]
    lines += [
        f"Platform: {platform.platform()}",
        f"Frozen: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
        f"Thread: {thread}",
        f"Log file: {log_path if log_path else '(none: in memory only)'}",
        "",
        "Traceback:",
        format_traceback(exc_type, exc, tb),
    ]
    if recent:
        lines += ["", f"Recent log lines ({len(recent)}):", *recent]
    return mask_passwords("\n".join(lines) + "\n")


CrashHandler = Callable[[Crash], None]


class ExceptHooks:
    """Routes uncaught exceptions of the main thread (``sys.excepthook``, which PySide6 also
    calls for an exception raised in a slot) and of other threads (``threading.excepthook``)
    to the log and to ``handler``. :meth:`uninstall` puts the previous hooks back."""

    def __init__(
        self,
        handler: CrashHandler,
        *,
        ring: RingBufferHandler | None = None,
        log_path: Path | None = None,
        versions: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self.handler = handler
        self.ring = ring
        self.log_path = log_path
        self.versions = versions
        self._previous_sys: Callable[..., object] | None = None
        self._previous_threading: Callable[..., object] | None = None
        self.installed = False

    def install(self) -> ExceptHooks:
        if not self.installed:
            self._previous_sys = sys.excepthook
            self._previous_threading = threading.excepthook
            sys.excepthook = self._on_sys_exception
            threading.excepthook = self._on_thread_exception
            self.installed = True
        return self

    def uninstall(self) -> None:
        if not self.installed:
            return
        if sys.excepthook == self._on_sys_exception and self._previous_sys is not None:
            sys.excepthook = self._previous_sys
        if (
            threading.excepthook == self._on_thread_exception
            and self._previous_threading is not None
        ):
            threading.excepthook = self._previous_threading
        self.installed = False

    def __enter__(self) -> ExceptHooks:
        return self.install()

    def __exit__(self, *_exc: object) -> None:
        self.uninstall()

    # ------------------------------------------------------------ the hooks
    def _on_sys_exception(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous_sys is not None:
            self._previous_sys(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb, threading.current_thread().name)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return  # threading's own rule: a thread may end itself that way
        name = args.thread.name if args.thread is not None else "a worker thread"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, name)

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread: str,
    ) -> None:
        """Log the exception and hand a :class:`Crash` to the handler (never raises)."""
        try:
            log.critical(
                "uncaught exception in %s",
                thread,
                exc_info=(exc_type, exc, tb) if exc is not None else None,
            )
            versions = self.versions() if self.versions else {}
            recent = self.ring.lines(REPORT_LINES) if self.ring else []
            text = crash_report(
                exc_type,
                exc,
                tb,
                thread=thread,
                recent=recent,
                log_path=self.log_path,
                versions=versions,
            )
            summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
            self.handler(Crash(summary=summary, report=text, thread=thread))
        except Exception:  # noqa: BLE001 - the hook of last resort must not raise
            stream = sys.__stderr__
            if stream is not None:
                stream.write(format_traceback(exc_type, exc, tb) + "\n")
