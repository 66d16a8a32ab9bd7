"""Past (ended) sessions: a list, and a read-only review of one session."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.columns import column_label
from recon_desktop.core.records import (
    HistoryEntry,
    Operator,
    ScanKind,
    ScanLogEntry,
    SessionInfo,
    SessionProgress,
    View,
)
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting
from recon_desktop.ui.action_dialog import ERROR_STYLE
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.heading import WindowHeading, fit_columns
from recon_desktop.ui.item_details import (
    change_text,
    event_text,
    field_text,
    open_item_details,
)
from recon_desktop.ui.paths import show_paths
from recon_desktop.ui.record_table import RecordColumn, RecordTableModel
from recon_desktop.ui.sizing import cap_to_screen
from recon_desktop.ui.views import open_view, view_title
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class PastSession:
    info: SessionInfo
    progress: SessionProgress


SESSION_COLUMNS: tuple[RecordColumn[PastSession], ...] = (
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Name"), lambda s: s.info.name),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Lab"), lambda s: s.info.lab),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Started by"), lambda s: s.info.started_by),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Start"), lambda s: formatting.local_time(s.info.started_at)
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "End"), lambda s: formatting.local_time(s.info.ended_at)
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Expected scanned"),
        lambda s: f"{s.progress.expected_scanned} / {s.progress.expected_total}",
        numeric=True,
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Not in scope"),
        lambda s: str(s.progress.not_in_scope),
        numeric=True,
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Unknown"), lambda s: str(s.progress.unknown), numeric=True
    ),
)


def scan_result_text(entry: ScanLogEntry) -> str:
    if entry.kind is ScanKind.LOCATION:
        return translate("PastSessions", "Location")
    if entry.kind is ScanKind.UNDO:
        return translate("PastSessions", "Undo")
    if entry.kind is ScanKind.REGISTERED:
        return translate("PastSessions", "Registered: {tag}").format(tag=formatting.tag(entry.tag))
    return formatting.tag(entry.tag)


SCAN_LOG_COLUMNS: tuple[RecordColumn[ScanLogEntry], ...] = (
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Time"), lambda e: formatting.local_time(e.at, seconds=True)
    ),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "User"), lambda e: e.user),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Station"), lambda e: e.station),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Barcode"), lambda e: e.barcode),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Result"), scan_result_text),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Ingredient"), lambda e: e.ingredient or ""),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Location"), lambda e: e.location_seen or ""),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Quantity"),
        lambda e: formatting.quantity(e.quantity_seen),
        numeric=True,
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Wrong location"),
        lambda e: formatting.yes_no(True) if e.wrong_location else "",
    ),
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Undone"),
        lambda e: formatting.yes_no(True) if e.undone else "",
    ),
)

SCAN_LOG_BARCODE = 3  # the scan log's barcode column: never cut
SCAN_LOG_LOCATION = 6  # its location column: a path shortened in its middle

ACTION_COLUMNS: tuple[RecordColumn[tuple[HistoryEntry, str]], ...] = (
    RecordColumn(
        QT_TRANSLATE_NOOP("Columns", "Time"), lambda a: formatting.local_time(a[0].at, seconds=True)
    ),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Item"), lambda a: a[1]),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Event"), lambda a: event_text(a[0].kind)),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Field"), lambda a: field_text(a[0].field)),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Change"), lambda a: change_text(a[0])),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda a: a[0].reason or ""),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "User"), lambda a: a[0].user),
    RecordColumn(QT_TRANSLATE_NOOP("Columns", "Station"), lambda a: a[0].station or ""),
)


def _table(
    parent: QWidget, name: str, model: QAbstractTableModel, widths: tuple[int, ...] = ()
) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setDefaultSectionSize(130)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return table


ACTIONS_BARCODE = 1  # the actions' item barcode column: never cut


class PastSessionsWindow(QWidget):
    """The ended sessions of the operator's labs, newest first."""

    def __init__(self, parent: QWidget | None, services: Services, operator: Operator) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pastSessions")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(translate("PastSessions", "Past Inventory Reconciliation Sessions"))
        self.services = services
        self.operator = operator
        self.loading = False
        layout = QVBoxLayout(self)
        self.heading = WindowHeading(
            translate("PastSessions", "Past Inventory Reconciliation Sessions"),
            translate("PastSessions", "The ended sessions of your labs."),
        )
        layout.addWidget(self.heading)
        self.model: RecordTableModel[PastSession] = RecordTableModel(SESSION_COLUMNS, parent=self)
        self.table = _table(
            self, "pastSessionsTable", self.model, (200, 130, 100, 150, 150, 165, 120, 90)
        )
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.message = QLabel(translate("PastSessions", "Loading…"), self)
        self.message.setObjectName("pastSessionsMessage")
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 1)
        self.open_button = QPushButton(translate("PastSessions", "&Open"), self)
        self.open_button.setObjectName("openSessionButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        bar.addWidget(self.open_button)
        layout.addLayout(bar)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._on_open_button_clicked)
        self.resize(1120, 480)
        cap_to_screen(self)  # a smaller screen, or a larger scale
        self.refresh()

    def refresh(self) -> None:
        services, user_id = self.services, self.operator.user_id

        def job(_progress: OpProgress) -> list[PastSession]:
            labs = [lab.id for lab, _role in services.admin.labs_of(user_id)]
            found = services.sessions.list_with_progress(active=False, lab_ids=labs)
            return [PastSession(info, progress) for info, progress in found]

        self.loading = True
        self.message.setText(translate("PastSessions", "Loading…"))
        run_op(
            self,
            job,
            db=services.db,
            success=self._on_loaded,
            failure=self._on_failed,
            label=translate("PastSessions", "Reading past sessions…"),
            cancelled=self._on_cancelled,
        )

    def _on_loaded(self, sessions: list[PastSession]) -> None:
        self.loading = False
        self.model.set_records(sessions)
        fit_columns(self.table)
        count, zone = formatting.number(len(sessions)), formatting.zone_text()
        if len(sessions) == 1:
            detail = translate(
                "PastSessions",
                "1 ended session of your labs, newest first; each opens read-only. "
                "Times in {zone}.",
            )
        else:
            detail = translate(
                "PastSessions",
                "{count} ended sessions of your labs, newest first; each opens read-only. "
                "Times in {zone}.",
            )
        self.heading.set(
            translate("PastSessions", "Past Inventory Reconciliation Sessions"),
            detail.format(count=count, zone=zone),
        )
        self.message.setStyleSheet("")
        if len(sessions) == 1:
            self.message.setText(translate("PastSessions", "1 ended session in your labs."))
            self.table.selectRow(0)
        elif sessions:
            self.message.setText(
                translate("PastSessions", "{count} ended sessions in your labs.").format(
                    count=count
                )
            )
            self.table.selectRow(0)
        else:
            self.message.setText(
                translate("PastSessions", "There are no ended sessions in your labs.")
            )
        self.open_button.setEnabled(bool(sessions))

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_sentence(exc))

    def _on_cancelled(self) -> None:
        self.loading = False
        self.message.setText(
            translate("PastSessions", "Cancelled; press F5 to read the sessions again.")
        )

    def open_session(self, row: int) -> QWidget | None:
        record = self.model.record(row)
        if record is None:
            return None
        window = SessionReviewWindow(self, self.services, self.operator, record.info.id)
        window.show()
        window.raise_()
        return window

    @Slot()
    def _on_open_button_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_session(index.row())

    @Slot(QModelIndex)
    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        self.open_session(index.row())


@dataclass(frozen=True, slots=True)
class SessionRecord:
    info: SessionInfo
    progress: SessionProgress
    scans: list[ScanLogEntry]
    actions: list[tuple[HistoryEntry, str]]


# a filter's operators that are words (the others are symbols), said translated
OPERATOR_WORDS = {
    "contains": QT_TRANSLATE_NOOP("FilterRow", "contains"),
    "in": QT_TRANSLATE_NOOP("FilterRow", "in"),
    "empty": QT_TRANSLATE_NOOP("FilterRow", "empty"),
    "not-empty": QT_TRANSLATE_NOOP("FilterRow", "not-empty"),
    "between": QT_TRANSLATE_NOOP("FilterRow", "between"),
    "within": QT_TRANSLATE_NOOP("FilterRow", "within"),
}


def filter_text(field: str, op: str, value: str) -> str:
    """A listing config's filter as people read it: the field's heading, the operator's
    word, the value as given ("Lagerort innerhalb Building 1")."""
    word = OPERATOR_WORDS.get(op)
    parts = (
        formatting.heading(column_label(field)),
        translate("FilterRow", word) if word else op,
        value,
    )
    return " ".join(part for part in parts if part)


def summary_text(info: SessionInfo, progress: SessionProgress) -> str:
    filters = "; ".join(filter_text(*f) for f in info.filters) or (
        translate("PastSessions", "none")
    )
    if info.ended_at:
        ended = translate("PastSessions", "Ended {time} by {user}").format(
            time=formatting.local_time(info.ended_at), user=info.ended_by
        )
    else:
        ended = translate("PastSessions", "Ended still active")
    if info.end_note:
        ended += translate("PastSessions", " — note: {note}").format(note=info.end_note)
    state = (
        translate("PastSessions", "active")
        if info.active
        else translate("PastSessions", "ended, read-only")
    )
    number = formatting.number
    return "\n".join(
        (
            f"{info.lab} · {state}",
            translate("PastSessions", "Listing config: {config} (filters: {filters})").format(
                config=info.config_name, filters=filters
            ),
            translate("PastSessions", "Started {time} by {user} on {station}").format(
                time=formatting.local_time(info.started_at),
                user=info.started_by,
                station=info.station,
            ),
            ended,
            translate(
                "PastSessions",
                "Expected scanned {scanned} / {expected}; not scanned {not_scanned}; "
                "not in scope {not_in_scope}; unknown {unknown}; already scanned {repeats}",
            ).format(
                scanned=number(progress.expected_scanned),
                expected=number(progress.expected_total),
                not_scanned=number(progress.not_scanned),
                not_in_scope=number(progress.not_in_scope),
                unknown=number(progress.unknown),
                repeats=number(progress.already_scanned),
            ),
        )
    )


class SessionReviewWindow(QWidget):
    """A read-only session: summary, scan log, actions, and its three views."""

    def __init__(
        self, parent: QWidget | None, services: Services, operator: Operator, session_id: int
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sessionReview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(translate("SessionReview", "Session"))
        self.services = services
        self.operator = operator
        self.session_id = session_id
        self.loading = True
        layout = QVBoxLayout(self)
        # the session on top: its name, then its facts (lab, listing, start, end, counts)
        self.heading = WindowHeading(translate("SessionReview", "Loading…"))
        self.summary = self.heading.detail
        self.summary.setObjectName("sessionSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.view_buttons: dict[View, QPushButton] = {}
        for view, name, text in (
            (View.NOT_SCANNED, "notScannedButton", translate("SessionReview", "&Not scanned…")),
            (
                View.SCANNED_NOT_IN_LISTING,
                "scannedNotInListingButton",
                translate("SessionReview", "&Scanned not in listing…"),
            ),
            (
                View.ALL_IN_LISTING,
                "allInListingButton",
                translate("SessionReview", "&All in listing…"),
            ),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(view_title(view))
            button.clicked.connect(lambda _checked=False, v=view: self.open_view(v))
            bar.addWidget(button)
            self.view_buttons[view] = button
        bar.addStretch(1)
        self.export_button = QPushButton(translate("SessionReview", "&Export report…"), self)
        self.export_button.setObjectName("exportReportButton")
        self.export_button.setToolTip(
            translate(
                "SessionReview",
                "Save the session report (summary, views, scan log, actions) to an Excel workbook",
            )
        )
        self.export_button.clicked.connect(self._on_export_button_clicked)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sessionTabs")
        self.scan_model: RecordTableModel[ScanLogEntry] = RecordTableModel(
            SCAN_LOG_COLUMNS, parent=self
        )
        self.scan_table = _table(
            self, "scanLogTable", self.scan_model, (165, 80, 90, 130, 120, 160, 220, 80, 110)
        )
        show_paths(self.scan_table, SCAN_LOG_LOCATION)
        self.tabs.addTab(self.scan_table, translate("SessionReview", "Scan &log"))
        self.actions_model: RecordTableModel[tuple[HistoryEntry, str]] = RecordTableModel(
            ACTION_COLUMNS, parent=self
        )
        self.actions_table = _table(
            self, "actionsTable", self.actions_model, (165, 130, 80, 80, 220, 200, 80)
        )
        self.tabs.addTab(self.actions_table, translate("SessionReview", "A&ctions"))
        self.scan_table.doubleClicked.connect(self._on_scan_table_doubleClicked)
        self.actions_table.doubleClicked.connect(self._on_actions_table_doubleClicked)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(1100, 640)
        cap_to_screen(self)  # a smaller screen, or a larger scale
        self.refresh()

    def refresh(self) -> None:
        services, session_id = self.services, self.session_id

        def job(_progress: OpProgress) -> SessionRecord:
            return SessionRecord(
                info=services.sessions.info(session_id),
                progress=services.sessions.progress(session_id),
                scans=services.sessions.scan_log(session_id),
                actions=services.inventory.session_actions(session_id),
            )

        self.loading = True
        run_op(
            self,
            job,
            db=services.db,
            success=self._on_loaded,
            failure=self._on_failed,
            label=translate("SessionReview", "Reading the session…"),
        )

    def _on_loaded(self, record: SessionRecord) -> None:
        self.loading = False
        info = record.info
        if info.active:
            title = translate("SessionReview", "Session {name} — {lab}")
        else:
            title = translate("SessionReview", "Session {name} — {lab} (ended, read-only)")
        self.setWindowTitle(title.format(name=info.name, lab=info.lab))
        times = translate("SessionReview", "Times in {zone}.").format(zone=formatting.zone_text())
        self.heading.set(info.name, summary_text(info, record.progress) + "\n" + times)
        self.scan_model.set_records(record.scans)
        self.actions_model.set_records(record.actions)
        fit_columns(self.scan_table, keep_whole=(SCAN_LOG_BARCODE,))
        fit_columns(self.actions_table, keep_whole=(ACTIONS_BARCODE,))
        self.tabs.setTabText(
            0,
            translate("SessionReview", "Scan &log ({count})").format(
                count=formatting.number(len(record.scans))
            ),
        )
        self.tabs.setTabText(
            1,
            translate("SessionReview", "A&ctions ({count})").format(
                count=formatting.number(len(record.actions))
            ),
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(error_sentence(exc))

    @Slot(QModelIndex)
    def _on_scan_table_doubleClicked(self, index: QModelIndex) -> None:
        entry = self.scan_model.record(index.row())
        if entry is not None and entry.item_id is not None:
            open_item_details(self, self.services, entry.item_id)

    @Slot(QModelIndex)
    def _on_actions_table_doubleClicked(self, index: QModelIndex) -> None:
        action = self.actions_model.record(index.row())
        if action is None:
            return
        try:
            item = self.services.inventory.item_by_barcode(action[1])
        except ReconError:
            return  # items are never deleted; a barcode changed by re-import is not found
        open_item_details(self, self.services, item.id)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        from recon_desktop.ui import report_export  # openpyxl only when exporting

        report_export.export_report(self, self.services, self.operator, self.session_id)

    def open_view(self, view: View) -> QWidget:
        return open_view(self, self.services, self.operator, self.session_id, view)


def open_past_sessions(parent: QWidget, services: Services, operator: Operator) -> QWidget:
    """The list of ended sessions in the operator's labs; each opens read-only."""
    window = PastSessionsWindow(parent, services, operator)
    window.show()
    window.raise_()
    return window
