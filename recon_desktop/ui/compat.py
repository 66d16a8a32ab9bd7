"""Work-arounds for faults of the Qt binding, each checked at run time.

PySide6 6.12 (seen with CPython 3.11) returns ``True`` from ``SignalInstance.emit()`` and
``.disconnect()`` without taking a reference to it. Every such call takes one reference
away from ``True``; after a few hundred the interpreter aborts with "bool_dealloc:
deallocating True or False" (about 600 at start-up: fifty scans of a dozen keys each).

:func:`install` (called by the composition root and the GUI tests before any widget is
made) wraps both methods so that they hand the reference back — only when the binding in
use is measured to drop it, so a fixed binding is left untouched.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_WRAPPED = "_recon_gives_true_back"


class _Probe(QObject):
    fired = Signal()


@functools.cache
def signal_calls_drop_true() -> bool:
    """Whether this binding's emit() loses a reference to True (measured once)."""
    if _installed():
        return True
    probe = _Probe()
    rounds = 8
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    if lost >= rounds:
        _give_back(lost)
        return True
    return False


def _give_back(count: int = 1) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def _installed() -> bool:
    return bool(getattr(SignalInstance.emit, _WRAPPED, False))


def _wrap(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def gives_true_back(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True:
            _give_back()
        return result

    setattr(gives_true_back, _WRAPPED, True)
    return gives_true_back


def install() -> bool:
    """Make ``emit``/``disconnect`` safe for the whole process; True if they needed it."""
    if _installed():
        return True
    if not signal_calls_drop_true():
        return False
    SignalInstance.emit = _wrap(SignalInstance.emit)  # type: ignore[method-assign]
    SignalInstance.disconnect = _wrap(SignalInstance.disconnect)  # type: ignore[method-assign]
    return True


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safe whether or not :func:`install` has run."""
    result = signal.emit(*args)
    if result is True and not _installed() and signal_calls_drop_true():
        _give_back()
