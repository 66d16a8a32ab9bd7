"""Idle lock: after some minutes without a key or a click the Barcode Tracking window asks
for a sign-in before anyone goes on. The session stays as it is; whoever signs in (a badge
scan works) becomes the operator, as with Switch Operator."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from recon_desktop import APP_TITLE
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.signin import SignInDialog

ACTIVITY = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}
)


class LockDialog(SignInDialog):
    """Sign-in that cannot be cancelled: the window stays locked until someone signs in."""

    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window.services, parent=window, switching=True)
        self.setObjectName("lockDialog")
        self.setWindowTitle(f"Locked — {APP_TITLE}")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.hide()
        self.reason = f"Locked after {minutes} minutes without use. Sign in to go on."
        self.error.setText(self.reason)
        self.error.show()

    def reject(self) -> None:
        """Escape and the close button do nothing: only a sign-in unlocks."""


class IdleLock(QObject):
    """Watches the application's input and locks ``window`` after ``minutes`` idle
    (0: never). ``interval_ms`` overrides the minutes (tests)."""

    locked = Signal()

    def __init__(self, window: MainWindow, minutes: int, *, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: LockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.minutes = 0
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._on_window_destroyed)
        self.set_minutes(minutes, interval_ms=interval_ms)

    def set_minutes(self, minutes: int, *, interval_ms: int | None = None) -> None:
        self.minutes = minutes
        if minutes <= 0 and interval_ms is None:
            self._timer.stop()
            return
        self._timer.setInterval(interval_ms if interval_ms is not None else minutes * 60_000)
        self._timer.start()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.dialog is None and self.minutes > 0:
            self._timer.start()  # restarts the countdown
        return False

    def _on_window_destroyed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _on_timer_timeout(self) -> None:
        if self.dialog is not None or not self.window.isVisible():
            return
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget():
            self._timer.start()  # a dialog or menu is open: try again later
            return
        self.lock()

    def lock(self) -> LockDialog:
        dialog = LockDialog(self.window, self.minutes)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog = dialog
        dialog.open()
        self.locked.emit()
        return dialog

    def _on_dialog_accepted(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            self.window.set_operator(dialog.operator)
            dialog.deleteLater()
        if self.minutes > 0:
            self._timer.start()
