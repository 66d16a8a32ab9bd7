"""The session menu (⚙, F10) of the Barcode Tracking window, and its views menu.

Each entry is an action of the window, so its shortcut works wherever the focus is there.
Which entries the operator may use follows the session shown and their roles in their
labs; a disabled entry's tooltip says why. The window connects each action to what it
does.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from recon_desktop.core.records import Operator, SessionInfo, View
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting
from recon_desktop.ui.child_windows import available
from recon_desktop.ui.start_dialog import START_ROLES

translate = QCoreApplication.translate
# English, as the tests read them; shown through translate("SessionMenu", …)
START_TEXT = str(QT_TRANSLATE_NOOP("SessionMenu", "Start Inventory Reconciliation Session…"))
END_TEXT = str(QT_TRANSLATE_NOOP("SessionMenu", "End Reconciliation Session…"))
PAST_TEXT = str(QT_TRANSLATE_NOOP("SessionMenu", "View Past Inventory Reconciliation Sessions…"))


def end_refusal(session: SessionInfo | None, operator: Operator) -> str | None:
    """Why ``operator`` cannot end ``session`` (None: they can, or no session is shown)."""
    if session is None or session.started_by_id == operator.user_id:
        return None
    return translate(
        "SessionMenu",
        "Only {starter}, who started this session, can end it (a session is signed off by its "
        "starter's PIN); {user} can leave it (⚙ → Leave Session), and it stays active.",
    ).format(starter=session.started_by, user=operator.name)


class SessionMenu(QObject):
    """The actions of the session menu and of the views menu, and when each is enabled."""

    joinChosen = Signal(object)  # SessionInfo: an active session to scan into from here
    viewChosen = Signal(object)  # View: of the session shown

    def __init__(
        self, window: QWidget, services: Services, *, cog: QToolButton, recon_tag: QToolButton
    ) -> None:
        super().__init__(window)
        self._window = window
        self.services = services
        self.cog_menu = QMenu(cog)
        self.cog_menu.setToolTipsVisible(True)
        cog.setMenu(self.cog_menu)
        self.views_menu = QMenu(recon_tag)
        recon_tag.setMenu(self.views_menu)

        self.start_action = self._action(
            translate("SessionMenu", START_TEXT), QKeySequence("Ctrl+Shift+S")
        )
        self.end_action = self._action(
            translate("SessionMenu", END_TEXT), QKeySequence("Ctrl+Shift+E")
        )
        # for everyone but the starter the End entry is greyed out; its shortcut answers
        # through this one (enabled exactly then), which the window connects to a sentence
        self.end_refused_action = self._action(
            translate("SessionMenu", "Why End is not offered"), QKeySequence("Ctrl+Shift+E")
        )
        self.end_refused_action.setEnabled(False)
        self.past_action = self._action(
            translate("SessionMenu", PAST_TEXT), QKeySequence("Ctrl+Shift+P")
        )
        self.switch_action = self._action(
            translate("SessionMenu", "Switch Operator…"), QKeySequence("Ctrl+Shift+O")
        )
        self.undo_action = self._action(
            translate("SessionMenu", "Undo Last Scan"), QKeySequence(QKeySequence.StandardKey.Undo)
        )
        self.batch_action = self._action(
            translate("SessionMenu", "Load Batch-Scanner File…"), QKeySequence("Ctrl+Shift+L")
        )
        self.sounds_action = self._action(translate("SessionMenu", "Sounds"))
        self.sounds_action.setCheckable(True)
        self.menu_action = self._action(
            translate("SessionMenu", "Session Menu"), QKeySequence("F10")
        )
        self.menu_action.triggered.connect(cog.showMenu)
        self.join_menu = QMenu(translate("SessionMenu", "Join Active Session"), self.cog_menu)
        self.join_menu.setObjectName("joinMenu")
        self.leave_action = self._action(
            translate("SessionMenu", "Leave Session (it stays active)")
        )
        self.cog_menu.addAction(self.start_action)
        self.cog_menu.addAction(self.end_action)
        self.cog_menu.addAction(self.past_action)
        self.cog_menu.addSeparator()
        self.cog_menu.addMenu(self.join_menu)
        self.cog_menu.addAction(self.leave_action)
        self.cog_menu.addSeparator()
        self.cog_menu.addAction(self.undo_action)
        self.cog_menu.addAction(self.batch_action)
        self.cog_menu.addAction(self.switch_action)
        self.cog_menu.addAction(self.sounds_action)

        self.view_actions: dict[View, QAction] = {}
        for number, view in enumerate(View, start=1):
            action = self._action(f"{formatting.view_title(view)}…", QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(functools.partial(self._on_view_action_triggered, view))
            self.views_menu.addAction(action)
            self.view_actions[view] = action

    def _action(self, text: str, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        self._window.addAction(action)  # the shortcut works whether or not a menu shows it
        return action

    def _on_view_action_triggered(self, view: View) -> None:
        self.viewChosen.emit(view)

    def _on_join_action_triggered(self, info: SessionInfo) -> None:
        self.joinChosen.emit(info)

    def update(self, session: SessionInfo | None, operator: Operator) -> None:
        """Enable what ``operator`` may do with ``session`` shown (None: no session)."""
        self._update_join_menu(session, operator)
        self.leave_action.setEnabled(session is not None)
        try:
            labs = self.services.admin.labs_of(operator.user_id)
        except ReconError:  # the server cannot be reached: nothing to start meanwhile
            labs = []
        can_start_somewhere = any(role in START_ROLES for _, role in labs)
        if session is not None:
            self.start_action.setEnabled(False)
            self.start_action.setToolTip(
                translate("SessionMenu", "A session is active on this window; end it first.")
            )
        elif not can_start_somewhere:
            self.start_action.setEnabled(False)
            self.start_action.setToolTip(
                translate("SessionMenu", "{user} is not a member or admin of any lab.").format(
                    user=operator.name
                )
            )
        else:
            self.start_action.setEnabled(True)
            self.start_action.setToolTip(
                translate("SessionMenu", "Name, lab and listing config of a new session")
            )
        reason = end_refusal(session, operator)
        self.end_action.setEnabled(session is not None and reason is None)
        self.end_refused_action.setEnabled(reason is not None)
        if session is None:
            tip = translate("SessionMenu", "No session is active.")
        else:
            tip = reason or translate(
                "SessionMenu", "Shows the summary, the items not scanned, and asks for your PIN"
            )
        self.end_action.setToolTip(tip)
        self.end_action.setStatusTip(tip)
        past = available("recon_desktop.ui.past_sessions")
        self.past_action.setVisible(past)
        self.past_action.setEnabled(past)
        views = available("recon_desktop.ui.views") and session is not None
        for action in self.view_actions.values():
            action.setVisible(views)
            action.setEnabled(views)
        self.undo_action.setEnabled(session is not None)
        self.batch_action.setEnabled(session is not None)
        self.batch_action.setToolTip(
            translate(
                "SessionMenu",
                "Scans read by a batch scanner (one barcode a line, optionally a tab and the time)",
            )
            if session is not None
            else translate(
                "SessionMenu", "Start or join a session first: a batch file loads into one."
            )
        )

    def _update_join_menu(self, session: SessionInfo | None, operator: Operator) -> None:
        """Other active sessions of the operator's labs, to scan into from here too."""
        self.join_menu.clear()
        joinable: list[SessionInfo] = []
        if session is None:
            try:
                joinable = self.services.sessions.active_for(operator)
            except ReconError:
                joinable = []
        for info in joinable:
            action = self.join_menu.addAction(
                translate("SessionMenu", "{name} — {lab}, started by {user}").format(
                    name=info.name, lab=info.lab, user=info.started_by
                )
            )
            action.triggered.connect(functools.partial(self._on_join_action_triggered, info))
        self.join_menu.setEnabled(bool(joinable))
