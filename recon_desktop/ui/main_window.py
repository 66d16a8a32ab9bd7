"""The Barcode Tracking window: scan field, scanned list, session banner, cog menu.

Everything a technician needs while scanning is reachable by keyboard; scans are captured
by an application-wide filter (see ``scan_capture``) so they land wherever the focus is.
The session shown is kept live by ``live_session`` and its answers painted by
``scan_answers``; the cog menu's entries are in ``session_menu``, the windows opened from
here in ``child_windows``, the item actions in ``item_controller``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.records import (
    Operator,
    ScanResult,
    SessionInfo,
    SessionProgress,
    View,
)
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.services.database import quick_check
from recon_desktop.ui import formatting, i18n, scan_elsewhere, style
from recon_desktop.ui.banner import FaultBanner, LastScanPanel, SessionBanner
from recon_desktop.ui.child_windows import ChildWindows
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.item_controller import ItemController
from recon_desktop.ui.label_answers import LabelAnswers
from recon_desktop.ui.labels import ElidedLabel
from recon_desktop.ui.live_session import LiveSession
from recon_desktop.ui.scan_answers import ScanAnswers
from recon_desktop.ui.scan_capture import GS, ScanCapture, refuse_input_methods
from recon_desktop.ui.scan_list import (
    GS_SHOWN,
    ScanListTableModel,
    ScanListView,
    ScanRow,
)
from recon_desktop.ui.scan_pages import ScanPages
from recon_desktop.ui.session_menu import PAST_TEXT, START_TEXT, SessionMenu, end_refusal
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.sizing import (
    WindowBody,
    cap_to_screen,
    icon_size,
    screen_of,
    size_action_icons,
)
from recon_desktop.ui.sounds import ScanSounds
from recon_desktop.ui.start_dialog import StartSessionDialog
from recon_desktop.ui.workers import Op, OpProgress, run_op

translate = QCoreApplication.translate
# English, as the tests read them; shown through translate("MainWindow", …)
WINDOW_TITLE = str(QT_TRANSLATE_NOOP("MainWindow", "Barcode Tracking"))
RECON_TAG_TEXT = str(QT_TRANSLATE_NOOP("MainWindow", "Inventory Reconciliation in Progress"))
NO_SESSION_TEXT = str(QT_TRANSLATE_NOOP("MainWindow", "Start or join a session to scan"))
LAST_SESSION_KEY = "mainWindow/session"  # the session shown when the window closed


def no_session_detail() -> str:
    return translate("MainWindow", "⚙ → {start} (Ctrl+Shift+S), or ⚙ → Join Active Session").format(
        start=translate("SessionMenu", START_TEXT)
    )


def start_hint() -> str:
    """Where a session is started: "⚙ → Start Inventory Reconciliation Session…"."""
    return "⚙ → " + translate("SessionMenu", START_TEXT)


class MainWindow(QMainWindow):
    """Scanning into the session shown (kept live by ``LiveSession``), the scanned list,
    its corrections (undo, clear, move here), the cog menu and the windows it opens."""

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
        self.database = database
        self.settings = settings
        self.sounds = sounds or ScanSounds(enabled=False)
        self.dialog: QDialog | None = None  # the dialog opened last (window-modal)
        self.last_result: ScanResult | None = None
        # closed when this window closes; an action in one of them is answered here too
        self.windows = ChildWindows(
            self, services, items_changed=lambda outcome, view: self.items.answer(outcome, view)
        )
        self.live = LiveSession(services, operator, self.windows, self)
        self.live.progressRead.connect(self._on_live_progressRead)
        self.live.progressFailed.connect(self._on_live_progressFailed)
        self.live.faultChanged.connect(self._on_live_faultChanged)
        self.live.connectionRestored.connect(self._on_live_connectionRestored)
        self.live.endedElsewhere.connect(self._on_live_endedElsewhere)
        self.live.sessionsOffered.connect(self._on_live_sessionsOffered)
        self._offer: SessionInfo | None = None  # an active session offered to join
        self.setWindowTitle(f"{translate('MainWindow', WINDOW_TITLE)} — {APP_TITLE}")
        self.setWindowIcon(style.icon("app"))

        self._build_widgets()
        self._connect_menus()
        self.label_answers = LabelAnswers(self)  # which item; the record from the label
        self.capture = ScanCapture(self)
        self.elsewhere = scan_elsewhere.ElsewhereAnswers()  # scans typed in other windows
        # the scans' and undos' answers: rows on their way, saved, gone, undone
        self.answers = ScanAnswers(self)
        self.capture.scanned.connect(self._on_capture_scanned)
        self.capture.bufferChanged.connect(self._on_capture_bufferChanged)
        self.capture.install()

        self._restore_geometry()
        self._update_status()
        self.resume_session()

    @property
    def session(self) -> SessionInfo | None:
        """The session scanned into here (None: not in reconciliation mode)."""
        return self.live.session

    @property
    def operator(self) -> Operator:
        return self.live.operator

    # ------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        central = QWidget()
        central.setObjectName("barcodeTracking")
        central.setAccessibleName(translate("MainWindow", WINDOW_TITLE))
        layout = QVBoxLayout(central)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(12)

        title = QLabel(translate("MainWindow", WINDOW_TITLE))
        title.setObjectName("pageTitle")
        self.recon_tag = QToolButton()
        self.recon_tag.setObjectName("reconTag")
        self.recon_tag.setText(translate("MainWindow", RECON_TAG_TEXT))
        self.recon_tag.setToolTip(
            translate("MainWindow", "Open a view of this session (Ctrl+1, Ctrl+2, Ctrl+3)")
        )
        self.recon_tag.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recon_tag.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.recon_tag)
        layout.addLayout(header)

        self.banner = SessionBanner()
        layout.addWidget(self.banner)

        self.fault_banner = FaultBanner()
        layout.addWidget(self.fault_banner)

        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setPlaceholderText(
            translate("MainWindow", "Scan a barcode (or type it and press Enter)")
        )
        self.scan_input.setAccessibleName(translate("MainWindow", "Scan field"))
        scan_icon = self.scan_input.addAction(
            style.icon("scan"), QLineEdit.ActionPosition.LeadingPosition
        )
        # its button's name for a screen reader
        scan_icon.setText(translate("MainWindow", "Scan a barcode"))
        scan_icon.setToolTip(translate("MainWindow", "Scan a barcode, or type it and press Enter"))
        size_action_icons(self.scan_input)  # as tall as a line of its text
        self.scan_input.textEdited.connect(self._on_scan_input_textEdited)
        refuse_input_methods(self.scan_input)
        self.clear_all = QPushButton(translate("MainWindow", "&Clear All"))
        self.clear_all.setObjectName("clearAllButton")
        self.clear_all.setToolTip(
            translate("MainWindow", "Clear the list on screen; recorded scans are kept")
        )
        self.clear_all.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_all.clicked.connect(self._on_clear_all_clicked)
        self.cog = QToolButton()
        self.cog.setObjectName("cogButton")
        self.cog.setText("⚙")
        self.cog.setIcon(style.icon("cog"))
        self.cog.setIconSize(icon_size(self.cog, 1.2))  # from the font (preferences follow it)
        self.cog.setToolTip(translate("MainWindow", "Session menu (F10)"))
        self.cog.setAccessibleName(translate("MainWindow", "Session menu"))
        self.cog.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.cog.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        scan_row = QHBoxLayout()
        scan_row.setSpacing(8)
        scan_row.addWidget(self.scan_input, 1)
        scan_row.addWidget(self.clear_all)
        scan_row.addWidget(self.cog)
        layout.addLayout(scan_row)

        self.panel = LastScanPanel()
        self.panel.joinClicked.connect(self._on_panel_joinClicked)
        layout.addWidget(self.panel)

        self.model = ScanListTableModel(self)
        self.table = ScanListView(self.model)
        self.table.detailsChosen.connect(self.windows.open_item_details)
        refuse_input_methods(self.table)  # its keyboard search would take a scan too
        layout.addWidget(self.table, 1)
        # below the list: looking back at earlier scans (the newest are a key away)
        self.list_note = QLabel()
        self.list_note.setObjectName("scanListNote")
        self.list_note.setWordWrap(True)
        self.newest_button = QPushButton(translate("MainWindow", "&Newest Scans"))
        self.newest_button.setObjectName("newestScansButton")
        self.newest_button.setToolTip(translate("MainWindow", "Go to the newest scans (Ctrl+End)"))
        self.newest_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.newest_button.clicked.connect(self._on_newest_button_clicked)
        note_row = QHBoxLayout()
        note_row.addWidget(self.list_note, 1)
        note_row.addWidget(self.newest_button)
        self.list_note.hide()
        self.newest_button.hide()
        layout.addLayout(note_row)
        # the list's pages, read as it is scrolled
        self.pages = ScanPages(self)
        # the actions on the list's items and on the panel's: the row menu and its
        # shortcuts, the action dialogs, labels, registering an unknown barcode
        self.items = ItemController(self)
        # on a small screen or with large text the contents scroll, never leave the screen
        self.setCentralWidget(WindowBody(central))

        self.operator_label = ElidedLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.lab_label = ElidedLabel()
        self.lab_label.setObjectName("labLabel")
        self.ender_label = ElidedLabel()  # who ends the session shown, when not the operator
        self.ender_label.setObjectName("enderLabel")
        # a long path loses its middle (the file's name stays): the window never widens
        self.database_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        self.database_label.setObjectName("databaseLabel")
        # every time on screen is this computer's local time: the zone, named once
        self.zone_label = QLabel(
            translate("MainWindow", "Times: {zone}").format(zone=formatting.zone_text())
        )
        self.zone_label.setObjectName("zoneLabel")
        self.zone_label.setToolTip(
            translate("MainWindow", "Times are stored in UTC and shown in this computer's zone")
        )
        status = self.statusBar()
        status.setAccessibleName(translate("MainWindow", "Status"))
        status.setSizeGripEnabled(False)
        status.addWidget(self.operator_label)
        status.addWidget(self.lab_label)
        status.addWidget(self.ender_label)
        status.addPermanentWidget(self.zone_label)
        status.addPermanentWidget(self.database_label)

    def _connect_menus(self) -> None:
        menu = self.session_menu = SessionMenu(
            self, self.services, cog=self.cog, recon_tag=self.recon_tag
        )
        menu.cog_menu.aboutToShow.connect(self._update_actions)
        menu.start_action.triggered.connect(self.start_session)
        menu.end_action.triggered.connect(self.end_session)
        menu.end_refused_action.triggered.connect(self._on_end_refused_action_triggered)
        menu.past_action.triggered.connect(self.open_past_sessions)
        menu.switch_action.triggered.connect(self.switch_operator)
        menu.undo_action.triggered.connect(self.undo_last_scan)
        menu.batch_action.triggered.connect(self._on_batch_action_triggered)
        menu.leave_action.triggered.connect(self.leave_session)
        menu.sounds_action.setChecked(self.sounds.enabled)
        menu.sounds_action.triggered.connect(self._on_sounds_action_triggered)
        menu.joinChosen.connect(self.set_session)
        menu.viewChosen.connect(self.open_view)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self.first_size())
        else:
            cap_to_screen(self)  # saved on a larger screen, or at a smaller scale
        header = self.settings.value("mainWindow/scanTableHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            # saved in another language: the tags as said now stay whole
            self.table.sizes.keep_samples_whole()

    def first_size(self) -> QSize:
        """1180×780, or less where the screen has less room (1366×768 at 125%: 1093×614
        logical pixels); never below the window's minimum."""
        size = QSize(1180, 780)
        screen = screen_of(self)
        if screen is not None:
            room = screen.availableGeometry().size() * 0.95
            size = size.boundedTo(room)
        return size.expandedTo(self.minimumSizeHint())

    # ------------------------------------------------------------ session state
    def resume_session(self) -> None:
        """Show the operator's own active session, or the one this window showed when it
        closed; another active session is offered, not joined (⚙ → Join Active Session,
        or the offer's Join)."""
        try:
            active = self.services.sessions.active_for(self.operator)
        except ReconError as exc:
            self.set_session(None)
            self.panel.show_not_saved(i18n.say(exc))
            return
        last = str(self.settings.value(LAST_SESSION_KEY, ""))
        own = [s for s in active if s.started_by_id == self.operator.user_id]
        shown_here = [s for s in active if str(s.id) == last]
        chosen: list[SessionInfo | None] = [*own, *shown_here, None]
        self.set_session(chosen[0])
        if self.session is None and active:
            self._on_live_sessionsOffered(active)

    def set_session(self, info: SessionInfo | None) -> None:
        """Enter (or leave) reconciliation mode and bring back this workstation's list."""
        self.last_result = None
        self._offer = None
        self.capture.clear()
        shown = self.live.set_session(info)
        if info is not None:
            self.settings.setValue(LAST_SESSION_KEY, info.id)
        else:
            self.settings.remove(LAST_SESSION_KEY)
        in_session = info is not None
        self.banner.setVisible(in_session)
        self.recon_tag.setVisible(in_session)
        rows: list[ScanRow] = []
        if info is not None:
            self.banner.show_session(info)
            if shown.problem:
                self.panel.show_not_saved(shown.problem)
            for kept in shown.kept:  # kept on this PC, still to be sent
                rows.append(
                    ScanRow.on_its_way(
                        self.model.stand_in(kept.client_id),
                        kept.raw.strip().replace(GS, GS_SHOWN),
                        kept.scanned_at,
                        kept=True,
                    )
                )
            self.live.read_progress()
            detail = translate("MainWindow", "Scans are recorded in “{name}”.").format(
                name=info.name
            )
            if shown.here:
                detail += " " + translate("MainWindow", "You are at {place}.").format(
                    place=shown.here
                )
            self.panel.show_idle(translate("MainWindow", "Scan a barcode"), detail)
        else:
            self.panel.show_idle(translate("MainWindow", NO_SESSION_TEXT), no_session_detail())
        self.model.set_rows(rows)  # the session's scans follow, newest first (``pages``)
        self.pages.opened()
        self.table.scrollToBottom()
        self._update_actions()
        self._update_status()

    def show_list_note(self) -> None:
        """The note below the list: looking back (the newest scans a key away), reading."""
        note = self.pages.note()
        self.list_note.setText(note)
        self.list_note.setVisible(bool(note))
        self.newest_button.setVisible(self.model.newer)

    def _on_newest_button_clicked(self) -> None:
        self.pages.go_newest()

    def _update_actions(self) -> None:
        self.session_menu.update(self.session, self.operator)

    def leave_session(self) -> None:
        """Stop scanning into the session here; it stays active for its starter to end."""
        left = self.session
        if left is None:
            return
        self.set_session(None)
        self.panel.show_idle(
            translate("MainWindow", "Left “{name}”").format(name=left.name),
            translate("MainWindow", "It is still active; ⚙ → Join Active Session to come back."),
        )

    def _update_status(self) -> None:
        self.operator_label.setText(
            translate("MainWindow", "Operator: {user} ({station})").format(
                user=self.operator.name, station=self.operator.station
            )
        )
        if self.session is not None:
            lab = self.session.lab
        else:
            try:
                labs = [lab.name for lab, _ in self.services.admin.labs_of(self.operator.user_id)]
            except ReconError:
                labs = []
            lab = ", ".join(labs) if labs else translate("MainWindow", "no lab")
        self.lab_label.setText(translate("MainWindow", "Lab: {lab}").format(lab=lab))
        reason = end_refusal(self.session, self.operator)
        self.ender_label.setVisible(reason is not None)
        if reason is not None and self.session is not None:
            self.ender_label.setText(
                translate("MainWindow", "Only {user} can end this session").format(
                    user=self.session.started_by
                )
            )
            self.ender_label.setToolTip(reason)
        self.database_label.setText(
            translate("MainWindow", "Database: {database}").format(database=self.database)
        )
        self.database_label.setToolTip(self.database)

    # ------------------------------------------------------------ what the live session says
    def _on_live_progressRead(self, progress: SessionProgress) -> None:
        self.banner.show_progress(progress)

    def _on_live_progressFailed(self, sentence: str) -> None:
        self.banner.progress.setText(i18n.say(sentence))

    def _on_live_faultChanged(self) -> None:
        self.fault_banner.show_fault(self.live.banner_text)

    def _on_live_connectionRestored(self) -> None:
        self.panel.show_idle(
            translate("MainWindow", "Connection back"),
            translate("MainWindow", "Scans are saved again."),
        )

    def _on_live_sessionsOffered(self, found: list[SessionInfo]) -> None:
        """With no session here: offer an active one (its own first), or stop offering."""
        if self.session is not None:
            return
        offered = self._offer
        own = [s for s in found if s.started_by_id == self.operator.user_id]
        offer: list[SessionInfo | None] = [*own, *found, None]
        self._offer = offer[0]
        if self._offer is not None:
            self.panel.show_offer(self._offer, len(found) - 1)
        elif offered is not None:
            self.panel.show_idle(translate("MainWindow", NO_SESSION_TEXT), no_session_detail())

    def _on_panel_joinClicked(self) -> None:
        if self._offer is not None and self.session is None:
            self.set_session(self._offer)
            self.scan_input.setFocus()

    def _on_live_endedElsewhere(self, info: SessionInfo, sentence: str) -> None:
        """Leave reconciliation mode: the session was ended at another workstation (or by
        the command line); ``sentence`` refused the scan that found out."""
        self.set_session(None)
        if sentence:
            self.panel.show_not_saved(sentence)
            return
        # " by ana", " at 14:05": where the sentence says who and when (German: before
        # its verb)
        by = (
            translate("MainWindow", " by {user}").format(user=info.ended_by)
            if info.ended_by
            else ""
        )
        at = (
            translate("MainWindow", " at {time}").format(
                time=formatting.time_of_day(info.ended_at, seconds=False)
            )
            if info.ended_at
            else ""
        )
        self.panel.show_refused(
            translate("MainWindow", "Session ended"),
            translate(
                "MainWindow",
                "“{name}” was ended{by}{at}; scans are no longer accepted here. ⚙ → {past} to "
                "read it.",
            ).format(
                name=info.name,
                by=by,
                at=at,
                past=translate("SessionMenu", PAST_TEXT).rstrip("…"),
            ),
        )

    # ------------------------------------------------------------ faults
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
            self.set_read_only(i18n.say(problem))

    def set_read_only(self, sentence: str) -> None:
        """Save nothing more (a damaged database): a banner that stays, scans refused."""
        self.live.set_read_only(sentence)
        self.panel.show_not_saved(
            translate("MainWindow", "{problem} Scans are not accepted.").format(
                problem=i18n.say(sentence)
            )
        )

    # ------------------------------------------------------------ scanning
    def _on_capture_bufferChanged(self, text: str) -> None:
        self.scan_input.setText(text.replace(GS, GS_SHOWN))

    def _on_scan_input_textEdited(self, text: str) -> None:
        self.capture.set_buffer(text.replace(GS_SHOWN, GS))

    def _on_capture_scanned(self, raw: str) -> None:
        self.scan(raw, origin=self.capture.origin)

    def scan(self, raw: str, *, origin: QWidget | None = None) -> None:
        """Send one scan: its row shows at once as on its way, its tag only once it is
        saved (``live.sending`` is False once every scan sent has its answer). ``origin``:
        the other window or dialog it was typed in, which is answered too (or refuses it,
        when a scan cannot be right there: a sign-in, a signature)."""
        if not raw.strip():
            return
        shown = raw.strip().replace(GS, GS_SHOWN)
        if origin is not None:
            refused = scan_elsewhere.refusal(origin, shown)
            if refused:
                self.panel.show_refused(translate("MainWindow", "NOT RECORDED"), refused)
                self.sounds.play("error")
                self.elsewhere.refused(origin, refused)
                return
        if self.session is None:
            ended = self.live.ended
            if ended is not None:
                sentence = translate(
                    "MainWindow",
                    "The session “{name}” has ended; {barcode} was not recorded. {start}",
                ).format(name=ended.name, barcode=shown, start=start_hint())
                self.panel.show_not_saved(sentence)
            else:
                no_session = translate("MainWindow", NO_SESSION_TEXT)
                not_recorded = translate(
                    "MainWindow", "{barcode} was not recorded. {start}"
                ).format(barcode=shown, start=start_hint())
                sentence = f"{no_session}: {not_recorded}"
                self.panel.show_refused(no_session, not_recorded)
            self.sounds.play("error")
            if origin is not None:
                self.elsewhere.refused(origin, sentence)
            return
        if origin is not None:
            self.elsewhere.expect(raw, origin)
        self.live.send_scan(raw)

    def undo_last_scan(self) -> None:
        """Undo this workstation's last scan, after the scans still on their way."""
        if self.session is None:
            self.panel.show_idle(
                translate("MainWindow", "Nothing to undo"),
                translate("MainWindow", "No session is active."),
            )
            return
        self.live.undo_last()

    def _on_clear_all_clicked(self) -> None:
        try:
            self.live.clear_list()
        except ReconError as exc:
            self.panel.show_refused(translate("MainWindow", "NOT CLEARED"), i18n.say(exc))
            return
        self.model.clear()
        self.pages.cleared()
        self.last_result = None
        self.panel.show_idle(
            translate("MainWindow", "List cleared"),
            translate("MainWindow", "Recorded scans are kept; scan the next barcode."),
        )
        self.scan_input.setFocus()

    def _on_batch_action_triggered(self) -> None:
        from recon_desktop.ui.batch_load import load_batch_file

        load_batch_file(self)

    def _on_sounds_action_triggered(self, checked: bool) -> None:
        self.sounds.set_enabled(checked)  # the shell remembers it

    # ------------------------------------------------------------ dialogs
    def open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self) -> None:
        self.dialog = None
        self.activateWindow()  # back to scanning, whatever the window manager does
        self.scan_input.setFocus()
        self.label_answers.ask_next()  # a scan that fits several items, waiting

    def start_session(self) -> None:
        if self.session is not None:
            return
        dialog = StartSessionDialog(self.services, self.operator, parent=self)
        dialog.accepted.connect(lambda: self.set_session(dialog.started))
        self.open_dialog(dialog)

    def end_session(self) -> None:
        if self.session is None:
            return
        dialog = EndSessionDialog(self.services, self.operator, self.session, parent=self)
        dialog.accepted.connect(lambda: self._on_session_ended(dialog.ended))
        self.open_dialog(dialog)

    def _on_end_refused_action_triggered(self) -> None:
        reason = end_refusal(self.session, self.operator)
        if reason is not None:
            self.panel.show_refused(translate("MainWindow", "Not yours to end"), reason)
            self.sounds.play("error")

    def _on_session_ended(self, ended: SessionInfo | None) -> None:
        self.set_session(None)
        if ended is not None:
            self.live.ended_here(ended)
            self.panel.show_idle(
                translate("MainWindow", "Session “{name}” ended").format(name=ended.name),
                " ".join(
                    part
                    for part in (
                        translate("MainWindow", "It is read-only now: ⚙ → {past}.").format(
                            past=translate("SessionMenu", PAST_TEXT).rstrip("…")
                        ),
                        i18n.say(self.services.sessions.anchor_note),  # where its anchor went
                    )
                    if part
                ),
            )

    def switch_operator(self) -> None:
        dialog = SignInDialog(self.services, parent=self, switching=True)
        dialog.accepted.connect(lambda: self.set_operator(dialog.operator))
        self.open_dialog(dialog)

    def set_operator(self, operator: Operator | None) -> None:
        """Another person at the workstation; the session on screen stays."""
        if operator is None:
            return
        self.live.operator = operator
        if self.session is None:
            self.resume_session()
        else:
            self._update_actions()
            self._update_status()
            self.panel.show_idle(
                translate("MainWindow", "{user} is scanning").format(user=operator.name),
                translate("MainWindow", "Scans are recorded in “{name}”.").format(
                    name=self.session.name
                ),
            )

    # ------------------------------------------------------------ other windows
    def open_view(self, view: View) -> None:
        if self.session is not None:
            self.windows.open_view(self.operator, self.session.id, view)

    def open_past_sessions(self) -> None:
        self.windows.open_past_sessions(self.operator)

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
        self.live.stop()  # the poll's thread closes its connection
        self.windows.close_all()
        super().closeEvent(event)
