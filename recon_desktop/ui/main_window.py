"""The Barcode Tracking window: scan field, scanned list, session banner, cog menu.

Everything a technician needs while scanning is reachable by keyboard; scans are captured
by an application-wide filter (see ``scan_capture``) so they land wherever the focus is.
"""

from __future__ import annotations

import functools
import importlib.util
import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.records import (
    Operator,
    ScanKind,
    ScanLogEntry,
    ScanResult,
    SessionInfo,
    SessionProgress,
    View,
)
from recon_desktop.errors import ConnectionLostError, ReconError, SessionStateError
from recon_desktop.services import Services
from recon_desktop.services.database import quick_check
from recon_desktop.ui import style
from recon_desktop.ui.banner import LastScanPanel, SessionBanner
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.poller import SessionPoller
from recon_desktop.ui.scan_capture import GS, ScanCapture
from recon_desktop.ui.scan_list import (
    COLUMN_INDEX,
    GS_SHOWN,
    ScanListTableModel,
    ScanRow,
    local_time,
)
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.sounds import ScanSounds
from recon_desktop.ui.start_dialog import START_ROLES, StartSessionDialog
from recon_desktop.ui.workers import Op, OpProgress, error_sentence, run_op

WINDOW_TITLE = "Barcode Tracking"
RECON_TAG_TEXT = "Inventory Reconciliation in Progress"
START_TEXT = "Start Inventory Reconciliation Session…"
END_TEXT = "End Reconciliation Session…"
PAST_TEXT = "View Past Inventory Reconciliation Sessions…"
NO_SESSION_TEXT = "Start or join a session to scan"
ITEM_ACTIONS = (("move", "Move…"), ("split", "Split…"), ("set", "Set…"), ("archive", "Archive…"))
COLUMN_WIDTHS = {
    "time": 80,
    "barcode": 150,
    "ingredient": 200,
    "quantity": 95,
    "tag": 170,
    "wrong_location": 150,
    "by": 140,
}  # the location takes the rest
CONNECTION_LOST_TEXT = (
    "Connection to the database server lost — scans are not being saved; retrying…"
)
POLL_INTERVAL_MS = 1000  # other workstations' scans and the session's end show within 2 s
RETRY_INTERVAL_MS = 2000  # while the database server cannot be reached
# scans are read again this far back: on a server, a scan can commit after one with a
# higher id (both in flight at once), and must not be missed
POLL_OVERLAP = 64


def _available(module: str) -> bool:
    """Whether an optional window of the interface is installed (import happens on use)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class MainWindow(QMainWindow):
    progressChanged = Signal()  # the session's progress moved (any workstation's scans)

    def __init__(
        self,
        services: Services,
        operator: Operator,
        *,
        database: str,
        settings: QSettings,
        sounds: ScanSounds | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator = operator
        self.database = database
        self.settings = settings
        self.sounds = sounds or ScanSounds(enabled=False)
        self.session: SessionInfo | None = None
        self.dialog: QDialog | None = None  # the dialog opened last (window-modal)
        self._last_result: ScanResult | None = None
        self._windows: list[QWidget] = []
        # The view, item and past-session windows hang off this hidden widget instead of the
        # window itself: a dialog that is window-modal there (a view's progress) then never
        # blocks scanning here. The window closes them when it closes.
        self._window_host = QWidget()
        self.destroyed.connect(self._window_host.deleteLater)
        # live updates: one poll at a time, on a thread of its own that keeps its connection
        self.poller = SessionPoller(services.db, self)
        self.poller.finished.connect(self._on_poller_finished)
        self._poll_timer = QTimer(self)
        self._poll_timer.setSingleShot(True)
        self._poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._poll_generation = 0  # results of polls for what was shown before are dropped
        self._stale_views: set[QWidget] = set()  # to read again once their load is done
        self.progressChanged.connect(self._on_progressChanged)
        self._seen_scan_ids: set[int] = set()
        self._last_scan_id = 0
        self._poll_floor = 0  # scans up to this one are before the list (Clear All)
        self._progress_told: SessionProgress | None = None
        self._ended: SessionInfo | None = None  # the session that ended while shown here
        self._connection_lost = False
        # (session, raw, client id) of the scan whose outcome is unknown (connection lost)
        self._pending: tuple[int, str, str] | None = None
        self.read_only: str | None = None  # why nothing may be saved (a damaged database)
        self._here: str | None = None  # this workstation's current location in the session
        self.gs_substitute = ""  # what a scanner that cannot send GS sends instead (settings)
        self.setWindowTitle(f"{WINDOW_TITLE} — {APP_TITLE}")
        self.setWindowIcon(style.icon("app"))

        self._build_widgets()
        self._build_actions()
        self.capture = ScanCapture(self)
        self.capture.scanned.connect(self._on_capture_scanned)
        self.capture.bufferChanged.connect(self._on_capture_bufferChanged)
        self.capture.install()

        self._restore_geometry()
        self._update_status()
        self.resume_session()

    # ------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        central = QWidget()
        central.setObjectName("barcodeTracking")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(12)

        title = QLabel(WINDOW_TITLE)
        title.setObjectName("pageTitle")
        self.recon_tag = QToolButton()
        self.recon_tag.setObjectName("reconTag")
        self.recon_tag.setText(RECON_TAG_TEXT)
        self.recon_tag.setToolTip("Open a view of this session (Ctrl+1, Ctrl+2, Ctrl+3)")
        self.recon_tag.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recon_tag.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.views_menu = QMenu(self.recon_tag)
        self.recon_tag.setMenu(self.views_menu)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.recon_tag)
        layout.addLayout(header)

        self.banner = SessionBanner()
        layout.addWidget(self.banner)

        self.fault_banner = QLabel()
        self.fault_banner.setObjectName("faultBanner")
        self.fault_banner.setWordWrap(True)
        self.fault_banner.setAccessibleName("Database problem")  # looks: style.qss
        self.fault_banner.hide()
        layout.addWidget(self.fault_banner)

        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText("Scan a barcode (or type it and press Enter)")
        self.scan_input.setAccessibleName("Scan field")
        self.scan_input.addAction(style.icon("scan"), QLineEdit.ActionPosition.LeadingPosition)
        self.scan_input.textEdited.connect(self._on_scan_input_textEdited)
        self.clear_all = QPushButton("&Clear All")
        self.clear_all.setObjectName("clearAllButton")
        self.clear_all.setToolTip("Clear the list on screen; recorded scans are kept")
        self.clear_all.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_all.clicked.connect(self._on_clear_all_clicked)
        self.cog = QToolButton()
        self.cog.setObjectName("cogButton")
        self.cog.setText("⚙")
        self.cog.setIcon(style.icon("cog"))
        self.cog.setIconSize(self.cog.iconSize() * 1.3)
        self.cog.setToolTip("Session menu (F10)")
        self.cog.setAccessibleName("Session menu")
        self.cog.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.cog.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.cog_menu = QMenu(self.cog)
        self.cog_menu.setToolTipsVisible(True)
        self.cog_menu.aboutToShow.connect(self._update_actions)
        self.cog.setMenu(self.cog_menu)
        scan_row = QHBoxLayout()
        scan_row.setSpacing(8)
        scan_row.addWidget(self.scan_input, 1)
        scan_row.addWidget(self.clear_all)
        scan_row.addWidget(self.cog)
        layout.addLayout(scan_row)

        self.panel = LastScanPanel()
        self.panel.moveHereClicked.connect(self._on_panel_moveHereClicked)
        layout.addWidget(self.panel)

        self.model = ScanListTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("scanTable")
        self.table.setAccessibleName("Scanned list")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        # one fixed row height: adding a row never measures rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setShowGrid(False)
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        header_view.setStretchLastSection(False)
        header_view.setMinimumSectionSize(60)
        for key, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(COLUMN_INDEX[key], width)
        header_view.setSectionResizeMode(COLUMN_INDEX["location"], QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_customContextMenuRequested)
        # double-click, or Enter on the current row, as the platform activates items
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.lab_label = QLabel()
        self.lab_label.setObjectName("labLabel")
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        status.addWidget(self.operator_label)
        status.addWidget(self.lab_label)
        status.addPermanentWidget(self.database_label)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # the shortcut works whether or not a menu shows it
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(
            START_TEXT, self.start_session, QKeySequence("Ctrl+Shift+S")
        )
        self.end_action = self._action(END_TEXT, self.end_session, QKeySequence("Ctrl+Shift+E"))
        self.past_action = self._action(
            PAST_TEXT, self.open_past_sessions, QKeySequence("Ctrl+Shift+P")
        )
        self.switch_action = self._action(
            "Switch Operator…", self.switch_operator, QKeySequence("Ctrl+Shift+O")
        )
        self.undo_action = self._action(
            "Undo Last Scan", self.undo_last_scan, QKeySequence(QKeySequence.StandardKey.Undo)
        )
        self.sounds_action = self._action("Sounds", self._on_sounds_action_triggered)
        self.sounds_action.setCheckable(True)
        self.sounds_action.setChecked(self.sounds.enabled)
        self.menu_action = self._action("Session Menu", self.cog.showMenu, QKeySequence("F10"))
        self.join_menu = QMenu("Join Active Session", self.cog_menu)
        self.join_menu.setObjectName("joinMenu")
        self.leave_action = self._action("Leave Session (it stays active)", self.leave_session)
        self.cog_menu.addAction(self.start_action)
        self.cog_menu.addAction(self.end_action)
        self.cog_menu.addAction(self.past_action)
        self.cog_menu.addSeparator()
        self.cog_menu.addMenu(self.join_menu)
        self.cog_menu.addAction(self.leave_action)
        self.cog_menu.addSeparator()
        self.cog_menu.addAction(self.undo_action)
        self.cog_menu.addAction(self.switch_action)
        self.cog_menu.addAction(self.sounds_action)

        self.view_actions: dict[View, QAction] = {}
        for number, view in enumerate(View, start=1):
            action = self._action(
                f"{view.title}…",
                functools.partial(self.open_view, view),
                QKeySequence(f"Ctrl+{number}"),
            )
            self.views_menu.addAction(action)
            self.view_actions[view] = action

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 780)
        header = self.settings.value("mainWindow/scanTableHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    # ------------------------------------------------------------ session state
    def resume_session(self) -> None:
        """Show the operator's active session (their own first), or none."""
        try:
            active = self.services.sessions.active_for(self.operator)
        except ReconError as exc:
            self.set_session(None)
            self.panel.show_not_saved(str(exc))
            return
        self.set_session(active[0] if active else None)

    def set_session(self, info: SessionInfo | None) -> None:
        """Enter (or leave) reconciliation mode and bring back this workstation's list."""
        self.session = info
        self._last_result = None
        self.capture.clear()
        self._poll_timer.stop()
        self._poll_generation += 1  # a poll still running is for what was shown before
        self._seen_scan_ids = set()
        self._last_scan_id = self._poll_floor = 0
        self._progress_told = None
        self._here = None
        in_session = info is not None
        self.banner.setVisible(in_session)
        self.recon_tag.setVisible(in_session)
        rows: list[ScanRow] = []
        if info is not None:
            self._ended = None
            self.banner.show_session(info)
            station = self.operator.station
            sessions = self.services.sessions
            try:
                after = sessions.list_cleared_after(info.id, station)
                # every workstation's scans since this one's Clear All, as they were shown
                entries = sessions.scan_log(info.id, after_id=after)
                here = sessions.current_location(info.id, station)
            except ReconError as exc:
                after, entries, here = 0, [], None
                self.panel.show_not_saved(str(exc))
            self._poll_floor = after
            self._here = here[1] if here else None
            for entry in entries:
                self._note_seen(entry.id)
            rows = [
                ScanRow.from_entry(e, station=station)
                for e in entries
                if e.kind is not ScanKind.UNDO
            ]
            self.refresh_progress()
            detail = f"Scans are recorded in “{info.name}”."
            if self._here:
                detail += f" You are at {self._here}."
            self.panel.show_idle("Scan a barcode", detail)
            self._poll_timer.start(POLL_INTERVAL_MS)
        else:
            self.panel.show_idle(
                NO_SESSION_TEXT, f"⚙ → {START_TEXT} (Ctrl+Shift+S), or ⚙ → Join Active Session"
            )
        self.model.set_rows(rows)
        self.table.scrollToBottom()
        self._update_actions()
        self._update_status()

    def refresh_progress(self) -> None:
        if self.session is None:
            return
        try:
            progress = self.services.sessions.progress(self.session.id)
        except ReconError as exc:
            self.banner.progress.setText(str(exc))
            return
        self.banner.show_progress(progress)
        if self._progress_told is None:
            self._progress_told = progress  # what open views were read with

    # ------------------------------------------------------------ live updates
    def _note_seen(self, scan_id: int) -> None:
        self._seen_scan_ids.add(scan_id)
        self._last_scan_id = max(self._last_scan_id, scan_id)

    def _on_poll_timer_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        """Ask, off the GUI thread, what changed in the session shown (one poll at a time):
        other workstations' scans, the progress, whether it has ended."""
        session = self.session
        if session is None:
            return
        sessions, session_id = self.services.sessions, session.id
        after = max(self._poll_floor, self._last_scan_id - POLL_OVERLAP)

        def job() -> tuple[SessionInfo, SessionProgress, list[ScanLogEntry]]:
            return sessions.poll(session_id, after)

        # when one is still running, its result schedules the next
        self.poller.submit(self._poll_generation, job)

    def _on_poller_finished(self, generation: object, result: object, error: object) -> None:
        if self.session is None:
            return
        if generation != self._poll_generation:  # for what was shown before
            self._poll_timer.start(POLL_INTERVAL_MS)
        elif isinstance(error, BaseException):
            self._on_poll_failed(error)
        else:
            assert isinstance(result, tuple)
            self._on_polled(*result)

    def _on_polled(
        self, info: SessionInfo, progress: SessionProgress, entries: list[ScanLogEntry]
    ) -> None:
        session_id = info.id
        if self._connection_lost:
            self._connection_back()
            if self.session is None or self.session.id != session_id:
                return
        self._add_entries(entries)
        if not info.active:
            self._session_ended_elsewhere(info)
            return
        self.banner.show_progress(progress)
        if progress != self._progress_told:
            self._progress_told = progress
            self.progressChanged.emit()
        else:
            self._refresh_views()
        self._poll_timer.start(POLL_INTERVAL_MS)

    def _on_progressChanged(self) -> None:
        self._stale_views.update(self._session_views())
        self._refresh_views()

    def _session_views(self) -> list[QWidget]:
        """The open view windows of the session shown."""
        session_id = self.session.id if self.session is not None else None
        return [
            window
            for window in self._windows
            if getattr(window, "view", None) is not None
            and getattr(getattr(window, "session", None), "id", None) == session_id
        ]

    def _refresh_views(self) -> None:
        """Read the stale views again (each keeps its place), but not one still reading:
        a big view would otherwise start again every second and never finish."""
        for window in list(self._stale_views):
            if window not in self._windows:
                self._stale_views.discard(window)
                continue
            model = getattr(window, "model", None)
            refresh = getattr(window, "refresh", None)
            if getattr(model, "loading", False) or not callable(refresh):
                continue
            self._stale_views.discard(window)
            refresh()

    def _on_poll_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConnectionLostError):
            self._show_connection_lost()
            self._poll_timer.start(RETRY_INTERVAL_MS)
            return
        self.banner.progress.setText(error_sentence(exc))
        self._poll_timer.start(RETRY_INTERVAL_MS)

    def _add_entries(self, entries: list[ScanLogEntry]) -> None:
        """Scans not on the list yet (other workstations'), once each; undos mark theirs."""
        station = self.operator.station
        added = False
        for entry in entries:
            if entry.id in self._seen_scan_ids or entry.id <= self._poll_floor:
                continue
            self._note_seen(entry.id)
            if entry.kind is ScanKind.UNDO:
                if entry.undoes_id is not None:
                    self.model.mark_undone(entry.undoes_id)
                continue
            self.model.append(ScanRow.from_entry(entry, station=station))
            added = True
        if added:
            self.table.scrollToBottom()

    def _session_ended_elsewhere(self, info: SessionInfo) -> None:
        """Leave reconciliation mode: the session was ended at another workstation (or by
        the command line)."""
        self.set_session(None)
        self._ended = info
        self._tell_views(info)
        by = f" by {info.ended_by}" if info.ended_by else ""
        at = f" at {local_time(info.ended_at):%H:%M}" if info.ended_at else ""
        self.panel.show_message(
            "error",
            "Session ended",
            icon=style.NOT_SAVED_LOOK.icon,
            detail=f"“{info.name}” was ended{by}{at}; scans are no longer accepted here. "
            f"⚙ → {PAST_TEXT[:-1]} to read it.",
        )

    # ------------------------------------------------------------ faults
    def _show_fault(self) -> None:
        if self.read_only:
            self.fault_banner.setText(self.read_only)
        elif self._connection_lost:
            self.fault_banner.setText(CONNECTION_LOST_TEXT)
        self.fault_banner.setVisible(bool(self.read_only) or self._connection_lost)

    def _show_connection_lost(self) -> None:
        self._connection_lost = True
        self._show_fault()

    def _connection_back(self) -> None:
        """The server answers again: scans are accepted, and the one whose outcome was
        unknown is sent again with the same id (the database then replays it)."""
        self._connection_lost = False
        self._show_fault()
        pending, self._pending = self._pending, None
        if pending is not None and self.session is not None and pending[0] == self.session.id:
            _, raw, client_id = pending
            self.scan(raw, client_id=client_id)
        else:
            self.panel.show_idle("Connection back", "Scans are saved again.")

    def check_database(self) -> Op | None:
        """Check a SQLite file for damage in the background (it reads the whole file); a
        damaged one makes the window read-only."""
        db = self.services.db

        def job(_progress: OpProgress) -> str | None:
            return quick_check(db)

        return run_op(
            self,
            job,
            db=db,
            success=self._on_database_checked,
            failure=lambda exc: None,
            progress_dialog=False,
        )

    def _on_database_checked(self, problem: object) -> None:
        if isinstance(problem, str):
            self.set_read_only(problem)

    def set_read_only(self, sentence: str) -> None:
        """Save nothing more (a damaged database): a banner that stays, scans refused."""
        self.read_only = sentence
        self._show_fault()
        self.panel.show_not_saved(f"{sentence} Scans are not accepted.")

    def _update_actions(self) -> None:
        session = self.session
        self._update_join_menu()
        self.leave_action.setEnabled(session is not None)
        try:
            labs = self.services.admin.labs_of(self.operator.user_id)
        except ReconError:  # the server cannot be reached: nothing to start meanwhile
            labs = []
        can_start_somewhere = any(role in START_ROLES for _, role in labs)
        if session is not None:
            self.start_action.setEnabled(False)
            self.start_action.setToolTip("A session is active on this window; end it first.")
        elif not can_start_somewhere:
            self.start_action.setEnabled(False)
            self.start_action.setToolTip(
                f"{self.operator.name} is not a member or admin of any lab."
            )
        else:
            self.start_action.setEnabled(True)
            self.start_action.setToolTip("Name, lab and listing config of a new session")
        if session is None:
            self.end_action.setEnabled(False)
            self.end_action.setToolTip("No session is active.")
        elif session.started_by_id != self.operator.user_id:
            self.end_action.setEnabled(False)
            self.end_action.setToolTip(
                f"Only {session.started_by}, who started this session, can end it."
            )
        else:
            self.end_action.setEnabled(True)
            self.end_action.setToolTip("Shows the summary and asks for your PIN")
        past = _available("recon_desktop.ui.past_sessions")
        self.past_action.setVisible(past)
        self.past_action.setEnabled(past)
        views = _available("recon_desktop.ui.views") and session is not None
        for action in self.view_actions.values():
            action.setVisible(views)
            action.setEnabled(views)
        self.undo_action.setEnabled(session is not None)

    def _update_join_menu(self) -> None:
        """Other active sessions of the operator's labs, to scan into from here too."""
        self.join_menu.clear()
        joinable: list[SessionInfo] = []
        if self.session is None:
            try:
                joinable = self.services.sessions.active_for(self.operator)
            except ReconError:
                joinable = []
        for info in joinable:
            action = self.join_menu.addAction(
                f"{info.name} — {info.lab}, started by {info.started_by}"
            )
            action.triggered.connect(functools.partial(self.set_session, info))
        self.join_menu.setEnabled(bool(joinable))

    def leave_session(self) -> None:
        """Stop scanning into the session here; it stays active for its starter to end."""
        left = self.session
        if left is None:
            return
        self.set_session(None)
        self.panel.show_idle(
            f"Left “{left.name}”", "It is still active; ⚙ → Join Active Session to come back."
        )

    def _update_status(self) -> None:
        self.operator_label.setText(f"Operator: {self.operator.name} ({self.operator.station})")
        if self.session is not None:
            lab = self.session.lab
        else:
            try:
                labs = [lab.name for lab, _ in self.services.admin.labs_of(self.operator.user_id)]
            except ReconError:
                labs = []
            lab = ", ".join(labs) if labs else "no lab"
        self.lab_label.setText(f"Lab: {lab}")
        self.database_label.setText(f"Database: {self.database}")
        self.database_label.setToolTip(self.database)

    # ------------------------------------------------------------ scanning
    def _on_capture_bufferChanged(self, text: str) -> None:
        self.scan_input.setText(text.replace(GS, GS_SHOWN))

    def _on_scan_input_textEdited(self, text: str) -> None:
        self.capture.set_buffer(text.replace(GS_SHOWN, GS))

    def _on_capture_scanned(self, raw: str) -> None:
        self.scan(raw)

    def scan(self, raw: str, *, client_id: str | None = None) -> ScanResult | None:
        """Record one scan; the row and the tag appear only once it is saved.

        ``client_id`` is given when a scan whose outcome was unknown is sent again.
        """
        if not raw.strip():
            return None
        shown = raw.strip().replace(GS, GS_SHOWN)
        if self.session is None:
            if self._ended is not None:
                self.panel.show_not_saved(
                    f"The session “{self._ended.name}” has ended; {shown} was not recorded. "
                    f"⚙ → {START_TEXT}"
                )
            else:
                self.panel.show_message(
                    "error",
                    NO_SESSION_TEXT,
                    icon=style.NOT_SAVED_LOOK.icon,
                    detail=f"{shown} was not recorded. ⚙ → {START_TEXT}",
                )
            self.sounds.play("error")
            return None
        if self.read_only or self._connection_lost:
            reason = self.read_only or CONNECTION_LOST_TEXT
            self.panel.show_not_saved(f"{reason} {shown} was not saved.")
            self.sounds.play("error")
            return None
        client_id = client_id or uuid.uuid4().hex
        try:
            result = self.services.sessions.scan(
                self.operator,
                self.session.id,
                raw,
                client_id=client_id,
                gs_substitute=self.gs_substitute or None,
            )
        except ConnectionLostError as exc:
            # sent again, with this id, once the server answers (the poll tells)
            self._pending = (self.session.id, raw, client_id)
            self._show_connection_lost()
            self.panel.show_not_saved(f"{shown}: {exc}")
            self.sounds.play("error")
            return None
        except ReconError as exc:
            self.panel.show_not_saved(str(exc))
            self.sounds.play("error")
            if isinstance(exc, SessionStateError):
                self._leave_if_ended(str(exc))
            return None
        if result is None:
            return None
        self._note_seen(result.scan_id)
        if result.kind is ScanKind.LOCATION:
            self._here = result.location
        self.model.append(ScanRow.from_result(result))
        self.table.scrollToBottom()
        self._last_result = result
        can_move = (
            result.wrong_location
            and result.item_id is not None
            and result.current_location_id is not None
        )
        self.panel.show_result(result, can_move=can_move)
        look = (
            "location"
            if result.kind is ScanKind.LOCATION
            else (result.tag.value if result.tag else "unknown")
        )
        self.sounds.play(look)
        self.refresh_progress()
        return result

    def _leave_if_ended(self, sentence: str) -> None:
        """The session was ended elsewhere: leave reconciliation mode, keep the message."""
        if self.session is None:
            return
        try:
            info = self.services.sessions.info(self.session.id)
        except ReconError:
            return
        if not info.active:
            self.set_session(None)
            self._ended = info
            self._tell_views(info)
            self.panel.show_not_saved(sentence)

    def undo_last_scan(self) -> None:
        if self.session is None:
            self.panel.show_idle("Nothing to undo", "No session is active.")
            return
        try:
            entry = self.services.sessions.undo_last(self.operator, self.session.id)
        except ReconError as exc:
            self.panel.show_message(
                "error", "NOT UNDONE", icon=style.NOT_SAVED_LOOK.icon, detail=str(exc)
            )
            return
        if entry is None:
            self.panel.show_idle(
                "Nothing to undo", "This workstation has no scan left to undo in this session."
            )
            return
        self.model.mark_undone(entry.id)
        self._last_result = None
        barcode = (entry.item_barcode or entry.barcode).replace(GS, GS_SHOWN)
        what = "Location scan undone" if entry.kind is ScanKind.LOCATION else "Scan undone"
        self.panel.show_message(
            "undone",
            what,
            icon=style.UNDONE_LOOK.icon,
            ingredient=entry.ingredient or "",
            detail=f"{barcode} no longer counts in this session (a correction is recorded).",
        )
        self.refresh_progress()

    def _on_clear_all_clicked(self) -> None:
        if self.session is not None:
            try:
                self.services.sessions.clear_list(self.operator, self.session.id)
                self._poll_floor = self.services.sessions.list_cleared_after(
                    self.session.id, self.operator.station
                )
            except ReconError as exc:
                self.panel.show_message(
                    "error", "NOT CLEARED", icon=style.NOT_SAVED_LOOK.icon, detail=str(exc)
                )
                return
        self.model.clear()
        self._last_result = None
        self.panel.show_idle("List cleared", "Recorded scans are kept; scan the next barcode.")
        self.scan_input.setFocus()

    def _on_panel_moveHereClicked(self) -> None:
        result = self._last_result
        if (
            result is None
            or self.session is None
            or result.item_id is None
            or result.current_location_id is None
        ):
            return
        try:
            item = self.services.actions.move(
                self.operator,
                result.item_id,
                result.current_location_id,
                session_id=self.session.id,
            )
        except ReconError as exc:
            self.panel.show_message(
                "error", "NOT MOVED", icon=style.NOT_SAVED_LOOK.icon, detail=str(exc)
            )
            return
        self.model.mark_moved(result.scan_id, item.location)
        self._last_result = None
        self.panel.show_message(
            "moved",
            "Moved here",
            icon="location",
            ingredient=item.ingredient,
            detail=f"{item.barcode} · now at {item.location} (was {result.location})",
        )
        self.scan_input.setFocus()

    def _on_sounds_action_triggered(self) -> None:
        self.sounds.set_enabled(self.sounds_action.isChecked())  # the shell remembers it

    # ------------------------------------------------------------ dialogs
    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self) -> None:
        self.dialog = None
        self.activateWindow()  # back to scanning, whatever the window manager does
        self.scan_input.setFocus()

    def start_session(self) -> None:
        if self.session is not None:
            return
        dialog = StartSessionDialog(self.services, self.operator, parent=self)
        dialog.accepted.connect(lambda: self.set_session(dialog.started))
        self._open_dialog(dialog)

    def end_session(self) -> None:
        if self.session is None:
            return
        dialog = EndSessionDialog(self.services, self.operator, self.session, parent=self)
        dialog.accepted.connect(lambda: self._on_session_ended(dialog.ended))
        self._open_dialog(dialog)

    def _on_session_ended(self, ended: SessionInfo | None) -> None:
        self.set_session(None)
        if ended is not None:
            self._tell_views(ended)
            self.panel.show_idle(
                f"Session “{ended.name}” ended",
                "It is read-only now: ⚙ → View Past Inventory Reconciliation Sessions.",
            )

    def _tell_views(self, ended: SessionInfo) -> None:
        """Open views of a session that has ended become read-only (each checks that it
        shows that session)."""
        for window in list(self._windows):
            session_ended = getattr(window, "session_ended", None)
            if callable(session_ended):
                session_ended(ended)

    def switch_operator(self) -> None:
        dialog = SignInDialog(self.services, parent=self, switching=True)
        dialog.accepted.connect(lambda: self.set_operator(dialog.operator))
        self._open_dialog(dialog)

    def set_operator(self, operator: Operator | None) -> None:
        """Another person at the workstation; the session on screen stays."""
        if operator is None:
            return
        self.operator = operator
        if self.session is None:
            self.resume_session()
        else:
            self._update_actions()
            self._update_status()
            self.panel.show_idle(
                f"{operator.name} is scanning", f"Scans are recorded in “{self.session.name}”."
            )

    # ------------------------------------------------------------ other windows
    def _show_window(self, opener: Callable[[], QWidget]) -> None:
        try:
            widget = opener()
        except ReconError as exc:
            QMessageBox.warning(self, APP_TITLE, str(exc))
            return
        if widget not in self._windows:
            self._windows.append(widget)
            widget.destroyed.connect(functools.partial(self._forget_window, widget))

    def _forget_window(self, widget: QWidget) -> None:
        if widget in self._windows:
            self._windows.remove(widget)
        self._stale_views.discard(widget)

    def open_view(self, view: View) -> None:
        session = self.session
        if session is None:
            return
        try:
            from recon_desktop.ui.views import open_view
        except ImportError:
            return
        self._show_window(
            lambda: open_view(self._window_host, self.services, self.operator, session.id, view)
        )

    def open_past_sessions(self) -> None:
        try:
            from recon_desktop.ui.past_sessions import open_past_sessions
        except ImportError:
            return
        self._show_window(
            lambda: open_past_sessions(self._window_host, self.services, self.operator)
        )

    def selected_item_ids(self) -> list[int]:
        ids: list[int] = []
        for index in self.table.selectionModel().selectedRows():
            row = self.model.row_at(index.row())
            if row is not None and row.item_id is not None and row.item_id not in ids:
                ids.append(row.item_id)
        return ids

    def _on_table_customContextMenuRequested(self, pos: QPoint) -> None:
        ids = self.selected_item_ids()
        menu = QMenu(self)
        if ids and _available("recon_desktop.ui.actions"):
            for action, text in ITEM_ACTIONS:
                menu.addAction(text, functools.partial(self.run_item_action, action))
        if len(ids) == 1 and _available("recon_desktop.ui.item_details"):
            menu.addAction("Item Details…", lambda: self.open_item_details(ids[0]))
        if menu.isEmpty():
            return
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def run_item_action(self, action: str) -> None:
        ids = self.selected_item_ids()
        if not ids:
            return
        try:
            from recon_desktop.ui.actions import run_action
        except ImportError:
            return
        session_id = self.session.id if self.session else None
        if run_action(self, self.services, self.operator, action, ids, session_id):
            self.refresh_progress()
        self.scan_input.setFocus()

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and row.item_id is not None:
            self.open_item_details(row.item_id)

    def open_item_details(self, item_id: int) -> None:
        try:
            from recon_desktop.ui.item_details import open_item_details
        except ImportError:
            return
        self._show_window(lambda: open_item_details(self._window_host, self.services, item_id))

    # ------------------------------------------------------------ window events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_input.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.scan_input.setFocus()  # the scan field has focus whenever we are active

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue(
            "mainWindow/scanTableHeader", self.table.horizontalHeader().saveState()
        )
        self.settings.sync()
        self.capture.uninstall()
        self._poll_timer.stop()
        self.poller.stop()  # its thread closes its connection
        for window in list(self._windows):
            window.close()
        super().closeEvent(event)
