"""Cycles are collected on the GUI thread, never by chance in a worker thread."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_automatic_collection_is_off_and_the_timer_collects(qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the session's collector (as in the application) is active
    node = _Node()
    gone = weakref.ref(node)
    del node
    kept = [{} for _ in range(2000)]  # enough live allocations to pass the first threshold
    assert gone() is not None  # nothing collected it on the spot
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    del kept
