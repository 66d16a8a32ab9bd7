"""Python's cycle collector on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is passed.
When that is a worker thread and the garbage holds Qt objects (a closed dialog caught in a
reference cycle), Qt deletes widgets off the GUI thread and the process crashes (seen: a
segmentation fault while a worker parsed a connection string). Automatic collection is
switched off and done here instead, on the GUI thread, with the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot


class GuiThreadCycleCollector(QObject):
    """Collects cycles from a GUI-thread timer; ``stop()`` gives collection back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if old > third:
            gc.collect(2)
        elif middle > second:
            gc.collect(1)
        elif young > first:
            gc.collect(0)

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
