"""Idle lock: after some minutes without a key or a click the whole program asks for a
sign-in before anyone goes on. The session stays as it is; whoever signs in (a badge
scan works) becomes the operator, as with Switch Operator.

The lock covers every window, menu and dialog, and fires whatever is open: open menus
close, other windows hide and open dialogs are covered until someone signs in, and while the
lock is up no key, click, wheel or shortcut reaches any window but the sign-in. When the
same person signs in again their windows and dialogs come back as they were; when another
person does, the previous person's windows close and their dialogs are cancelled (their
work is not the new person's to finish).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from recon_desktop import APP_TITLE
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.signin import SignInDialog

translate = QCoreApplication.translate
ACTIVITY = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}
)
# what a person does to a window: refused everywhere but the sign-in while locked
INPUT = ACTIVITY | frozenset(
    {
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.Drop,
    }
)


class LockDialog(SignInDialog):
    """Sign-in that cannot be cancelled: the program stays locked until someone signs in."""

    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window.services, parent=window, switching=True)
        self.setObjectName("lockDialog")
        self.setWindowTitle(translate("LockDialog", "Locked — {title}").format(title=APP_TITLE))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.hide()
        self.reason = (
            translate("LockDialog", "Locked after 1 minute without use. Sign in to go on.")
            if minutes == 1
            else translate(
                "LockDialog", "Locked after {minutes} minutes without use. Sign in to go on."
            ).format(minutes=QLocale().toString(minutes))
        )
        self.error.setText(self.reason)
        self.error.show()

    def reject(self) -> None:
        """Escape and the close button do nothing: only a sign-in unlocks."""


class _Cover(QWidget):
    """A plain panel laid over an open dialog while the program is locked: the dialog is
    not hidden (hiding one would end its own event loop, as if cancelled), its content is."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setGeometry(dialog.rect())
        dialog.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class IdleLock(QObject):
    """Watches the application's input and locks the program after ``minutes`` idle
    (0: never). ``interval_ms`` overrides the minutes (tests)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: MainWindow, minutes: int, *, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: LockDialog | None = None
        self._hidden: list[QWidget] = []  # windows hidden while locked
        self._covered: list[tuple[QWidget, _Cover]] = []  # open dialogs, their content covered
        self._locked_user: int | None = None  # who was signed in when it locked
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
        kind = event.type()
        if self.dialog is not None:
            # locked: what a person does reaches the sign-in only
            return kind in INPUT and not self._inside_lock(watched)
        if kind in ACTIVITY and self.minutes > 0:
            self._timer.start()  # restarts the countdown
        return False

    def _inside_lock(self, watched: QObject) -> bool:
        dialog = self.dialog
        if dialog is None:
            return True
        if isinstance(watched, QWindow):
            return watched is dialog.windowHandle()
        if isinstance(watched, QWidget):
            return watched is dialog or dialog.isAncestorOf(watched)
        return True  # not a window's: nothing a person did

    def _on_window_destroyed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _on_timer_timeout(self) -> None:
        if self.dialog is not None or not self.window.isVisible():
            return
        self.lock()  # whatever is open: menus close, dialogs are covered

    def lock(self) -> LockDialog:
        self._close_menus()
        self._cover_windows()
        operator = self.window.operator
        self._locked_user = operator.user_id if operator is not None else None
        dialog = LockDialog(self.window, self.minutes)
        # over every window and dialog (open() would make it modal to its window only)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.locked.emit()
        return dialog

    @staticmethod
    def _close_menus() -> None:
        for _ in range(20):  # a menu and its submenus, innermost first
            popup = QApplication.activePopupWidget()
            if popup is None:
                return
            popup.close()

    def _cover_windows(self) -> None:
        """Hide the other windows; cover the open dialogs' content (a dialog in its own
        event loop would end it when hidden: covered, it waits, and cannot be reached)."""
        self._hidden, self._covered = [], []
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog) and widget.isModal():
                self._covered.append((widget, _Cover(widget)))
            else:
                self._hidden.append(widget)
                widget.hide()

    def _on_dialog_accepted(self) -> None:
        dialog, self.dialog = self.dialog, None
        operator = dialog.operator if dialog is not None else None
        same = operator is not None and operator.user_id == self._locked_user
        hidden, covered = self._hidden, self._covered
        self._hidden, self._covered = [], []
        for widget, cover in covered:
            cover.hide()
            cover.deleteLater()
            if not same and isinstance(widget, QDialog):
                widget.reject()  # the previous person's question: not the new person's
        for widget in hidden:
            if same:
                widget.show()
            else:
                widget.close()  # the previous person's windows, with their name on them
        if dialog is not None:
            self.window.set_operator(dialog.operator)
            dialog.deleteLater()
        if self.minutes > 0:
            self._timer.start()
        self.unlocked.emit()
