"""Work-arounds for faults of the Qt binding, each checked at run time.

PySide6 6.12 (seen with CPython 3.11) returns ``True`` from ``SignalInstance.emit()`` and
``.disconnect()`` without taking a reference to it. Every call then takes one reference
away from ``True``; after a few hundred the interpreter aborts with "bool_dealloc:
deallocating True or False" (about 600 at start-up: fifty scans of a dozen keys). Call
``emit``/``disconnect`` here instead of the methods: they hand the reference back when, and
only when, the binding in use drops it.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


@functools.cache
def signal_calls_drop_true() -> bool:
    """Whether this binding's emit() loses a reference to True (measured once)."""
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


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safe on bindings that drop a reference to True."""
    result = signal.emit(*args)
    if result is True and signal_calls_drop_true():
        _give_back()


def disconnect(signal: Any, *slot: Any) -> None:
    """``signal.disconnect(slot)``, safe on bindings that drop a reference to True."""
    result = signal.disconnect(*slot)
    if result is True and signal_calls_drop_true():
        _give_back()
