"""The windows opened from the Barcode Tracking window, and what it needs of each.

Views, item details and past sessions open as windows of their own, from modules imported
only when one opens. The window reaches them through the protocols below, which say all
it asks of them: each closes with it; a window showing a view of a session is also told
when that session ends, and read again when its progress moves.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from recon_desktop import APP_TITLE
from recon_desktop.core.records import Operator, SessionInfo, View
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import i18n

if TYPE_CHECKING:
    from recon_desktop.ui.action_dialog import ActionOutcome


def available(module: str) -> bool:
    """Whether an optional part of the interface is installed (imported on use)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class Loading(Protocol):
    @property
    def loading(self) -> bool:
        """Whether the rows are still being read."""
        ...


class ChildWindow(Protocol):
    """A window opened from the Barcode Tracking window: it closes with it."""

    @property
    def destroyed(self) -> SignalInstance: ...

    def close(self) -> bool: ...


class SessionWindow(ChildWindow, Protocol):
    """A window showing a view of one session (``views.ViewWindow``)."""

    @property
    def itemsChanged(self) -> SignalInstance:
        """An action taken there changed items (its ``ActionOutcome``)."""
        ...

    @property
    def session(self) -> SessionInfo: ...

    @property
    def model(self) -> Loading: ...

    def refresh(self) -> None:
        """Read the view again, keeping the place and the selection."""
        ...

    def session_ended(self, session: SessionInfo) -> None:
        """``session`` ended (here or elsewhere): read-only from now on, when it is the
        session shown."""
        ...


W = TypeVar("W", bound=ChildWindow)


class ChildWindows:
    """Opens the windows of one Barcode Tracking window and keeps them, in the order they
    opened."""

    def __init__(
        self,
        window: QWidget,
        services: Services,
        *,
        items_changed: Callable[[ActionOutcome, object], None] | None = None,
    ) -> None:
        self._window = window  # says why one did not open
        self.services = services
        # told of an action taken in a view: (its outcome, the view)
        self._items_changed = items_changed
        # The windows hang off this hidden widget instead of the window itself: a dialog
        # that is window-modal there (a view's progress) then never blocks scanning.
        self._host = QWidget()
        window.destroyed.connect(self._host.deleteLater)
        self._open: list[ChildWindow] = []
        self._session_windows: list[SessionWindow] = []
        self._stale: list[SessionWindow] = []  # to read again once their load is done

    def __len__(self) -> int:
        return len(self._open)

    def __getitem__(self, index: int) -> ChildWindow:
        return self._open[index]

    def open_view(self, operator: Operator, session_id: int, view: View) -> None:
        try:
            from recon_desktop.ui.views import open_view
        except ImportError:
            return
        window = self._show(
            lambda: open_view(self._host, self.services, operator, session_id, view)
        )
        if window is not None and window not in self._session_windows:
            self._session_windows.append(window)
            if self._items_changed is not None:
                window.itemsChanged.connect(functools.partial(self._on_view_itemsChanged, window))

    def open_past_sessions(self, operator: Operator) -> None:
        try:
            from recon_desktop.ui.past_sessions import open_past_sessions
        except ImportError:
            return
        self._show(lambda: open_past_sessions(self._host, self.services, operator))

    def open_item_details(self, item_id: int) -> None:
        try:
            from recon_desktop.ui.item_details import open_item_details
        except ImportError:
            return
        self._show(lambda: open_item_details(self._host, self.services, item_id))

    def _show(self, opener: Callable[[], W]) -> W | None:
        try:
            window = opener()
        except ReconError as exc:
            QMessageBox.warning(self._window, APP_TITLE, i18n.say(exc))
            return None
        if window not in self._open:
            self._open.append(window)
            window.destroyed.connect(functools.partial(self._forget, window))
        return window

    def _on_view_itemsChanged(self, window: SessionWindow, outcome: ActionOutcome) -> None:
        if self._items_changed is not None:
            self._items_changed(outcome, window)

    def _forget(self, window: ChildWindow) -> None:
        self._open = [w for w in self._open if w is not window]
        self._session_windows = [w for w in self._session_windows if w is not window]
        self._stale = [w for w in self._stale if w is not window]

    def session_ended(self, ended: SessionInfo) -> None:
        """Open views of a session that has ended become read-only (each checks that it
        shows that session)."""
        for window in list(self._session_windows):
            window.session_ended(ended)

    def progress_moved(self, session_id: int) -> None:
        """The session's progress moved: its open views are stale, and read again."""
        for window in self._session_windows:
            if window.session.id == session_id and window not in self._stale:
                self._stale.append(window)
        self.refresh_stale()

    def refresh_views(self, session_id: int, *, except_window: object = None) -> None:
        """Items of the session changed here: its open views read them again (but the
        one the change was made in, which has)."""
        for window in self._session_windows:
            if (
                window.session.id == session_id
                and window is not except_window
                and window not in self._stale
            ):
                self._stale.append(window)
        self.refresh_stale()

    def refresh_stale(self) -> None:
        """Read the stale views again (each keeps its place), but not one still reading:
        a big view would otherwise start again every second and never finish."""
        for window in list(self._stale):
            if window.model.loading:
                continue
            self._stale.remove(window)
            window.refresh()

    def close_all(self) -> None:
        for window in list(self._open):
            window.close()
