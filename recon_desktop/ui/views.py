"""The three views of a session in a listing window: lazy, sorted and filtered in SQL.

Opening a view shows the window at once and reads the view's row keys in display order and
the first rows off the GUI thread; the other rows are fetched by key, a block at a time, as
they are painted. Actions on the selection go through ``run_action``; a past session's
view is read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.columns import VIEW_EXTRA_COLUMNS, Kind
from recon_desktop.core.records import Operator, Role, SessionInfo, View
from recon_desktop.services import Services
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.action_dialog import ERROR_STYLE, ActionOutcome
from recon_desktop.ui.actions import ArchiveMissingDialog
from recon_desktop.ui.heading import WindowHeading, fit_columns
from recon_desktop.ui.item_details import open_item_details
from recon_desktop.ui.paths import show_paths
from recon_desktop.ui.sizing import cap_to_screen, follow_font, text_width
from recon_desktop.ui.table_model import PagedTableModel, Row
from recon_desktop.ui.view_actions import ViewActions
from recon_desktop.ui.workers import OpProgress, run_op

FILTER_DELAY_MS = 300
# views whose row key is the item id (the scanned-not-in-listing view is keyed by its scans,
# and unknown barcodes have no item)
KEYED_BY_ITEM = frozenset({View.NOT_SCANNED, View.ALL_IN_LISTING})


translate = QCoreApplication.translate


def view_title(view: View) -> str:
    """A view's title in the interface's language."""
    return formatting.view_title(view)


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as runs of neighbours: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    found: list[tuple[int, int]] = []
    for row in rows:
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


class ViewWindow(QWidget):
    """A listing window for one view of one session."""

    itemsChanged = Signal(object)  # ActionOutcome: an action from here changed items
    item_actions: ViewActions  # what it does with its rows (made with its table)

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        session: SessionInfo,
        view: View,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("viewWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.operator = operator
        self.session = session
        self.view = View(view)
        role = services.auth.role(operator.user_id, session.lab_id)
        self.may_change = role in (Role.ADMIN, Role.MEMBER)
        self.read_only = not session.active or not self.may_change
        self._show_title()
        keys = (*session.columns, *VIEW_EXTRA_COLUMNS[self.view])
        self.model = PagedTableModel(
            self._fetch_keys,
            self._fetch_rows,
            keys,
            self,
            run_in_background=self._run_in_background,
            run_quietly=self._run_quietly,
            fetch_first=self._fetch_first if self.view in KEYED_BY_ITEM else None,
        )
        self.model.counted.connect(self._on_model_counted)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.loadFailed.connect(self._on_model_loadFailed)
        self.model.loadingChanged.connect(self._on_model_loadingChanged)
        self._build()
        self.resize(1100, 640)
        cap_to_screen(self)  # a smaller screen, or a larger scale
        self._to_top_when_loaded = False
        self._refreshing = False  # a refresh keeps the rows, the selection and the buttons
        self._reselect: tuple[set[int], int | None] = (set(), None)
        self.model.load()

    # ------------------------------------------------------------ data access
    def _fetch_keys(self, sort: str | None, descending: bool, text: str) -> list[int]:
        return self.services.sessions.view_keys(
            self.session.id, self.view, sort=sort, descending=descending, text=text
        )

    def _fetch_first(
        self, sort: str | None, descending: bool, text: str, limit: int
    ) -> tuple[int, list[int], list[Row]]:
        """The count and the first rows, for a view keyed by item (its keys are the item
        ids): both come far sooner than the whole key list of a big view."""
        sessions, session_id = self.services.sessions, self.session.id
        count = sessions.view_count(session_id, self.view, text=text)
        page = sessions.view_page(
            session_id, self.view, limit=limit, sort=sort, descending=descending, text=text
        )
        keys = [item_id for item_id in page.item_ids if item_id is not None]
        rows: list[Row] = [(key, values) for key, values in zip(keys, page.rows, strict=True)]
        return count, keys, rows

    def _fetch_rows(self, keys: Sequence[int]) -> list[Row | None]:
        """The rows for these keys, one entry per key: None where a row has left the view
        since the keys were read (scanned meanwhile, a scan undone)."""
        page = self.services.sessions.view_rows(self.session.id, self.view, keys)
        if len(page.rows) == len(keys):
            return list(zip(page.item_ids, page.rows, strict=True))
        if self.view in KEYED_BY_ITEM:
            by_key = dict(zip(page.item_ids, page.rows, strict=True))
            return [(key, by_key[key]) if key in by_key else None for key in keys]
        if not page.rows:
            return [None] * len(keys)
        # keyed by scan: halve until each part is complete or empty (rows gone are rare)
        middle = len(keys) // 2
        return self._fetch_rows(keys[:middle]) + self._fetch_rows(keys[middle:])

    def _run_in_background(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        def work(_progress: OpProgress) -> Any:
            return job()

        run_op(
            self,
            work,
            db=self.services.db,
            success=done,
            failure=failed,
            label=translate("ViewWindow", "Reading {view}…").format(view=view_title(self.view)),
            cancelled=self._on_load_cancelled,
        )

    def _run_quietly(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Rows fetched while scrolling: short, and never behind a progress dialog."""

        def work(_progress: OpProgress) -> Any:
            return job()

        run_op(self, work, db=self.services.db, success=done, failure=failed, progress_dialog=False)

    def _make_read_only(self) -> None:
        for button in (*self.action_buttons.values(), self.archive_missing_button):
            button.hide()
            button.setEnabled(False)
        if not self.session.active:
            ended = formatting.local_time(self.session.ended_at)
            if self.services.sessions.as_ended(self.session):
                message = translate(
                    "ViewWindow",
                    "Read-only: this session ended {time}. Rows and item details are as they "
                    "stood at the end.",
                )
            else:
                message = translate(
                    "ViewWindow",
                    "Read-only: this session ended {time}. Rows are as they stood at the end; "
                    "items show their current details (the session ended before this version "
                    "kept them).",
                )
            self.show_message(message.format(time=ended))
        else:
            self.show_message(
                translate(
                    "ViewWindow",
                    "Read-only: {user} may look at this lab's sessions but not change its "
                    "items (that needs the member or admin role).",
                ).format(user=self.operator.name)
            )

    def _show_title(self) -> None:
        if self.session.active:
            title = translate("ViewWindow", "{view} — {session}")
        else:
            title = translate("ViewWindow", "{view} — {session} (ended)")
        self.setWindowTitle(title.format(view=view_title(self.view), session=self.session.name))

    def session_ended(self, session: SessionInfo) -> None:
        """The session ended (here or at another workstation) while this view was open:
        no more actions, and the rows are read again as the session ended."""
        if session.id != self.session.id or session.active or not self.session.active:
            return
        self.session = session
        self.read_only = True
        self._show_title()
        self._show_heading(self.row_count.text())
        self._make_read_only()
        self.refresh()

    def refresh(self) -> None:
        """Read the view again, starting with the rows in sight; the selected rows stay
        selected where they still are in the view."""
        model = self.model
        selected = {key for row in self.selected_rows() if (key := model.key(row)) is not None}
        current = self.table.currentIndex()
        self._reselect = (selected, model.key(current.row()) if current.isValid() else None)
        self._refreshing = True
        model.refresh(around=max(0, self.table.rowAt(0)))

    def _restore_selection(self) -> None:
        selected, current = self._reselect
        self._reselect = (set(), None)
        model, last_column = self.model, self.model.columnCount() - 1
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self.table.selectionModel()
        if current is not None and (rows := model.rows_of({current})):
            selection_model.setCurrentIndex(model.index(rows[0], 0), flags.NoUpdate)
        selection = QItemSelection()
        for first, last in runs(model.rows_of(selected)):
            selection.select(model.index(first, 0), model.index(last, last_column))
        if not selection.isEmpty():
            selection_model.select(selection, flags.ClearAndSelect | flags.Rows)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        # what it shows: the view, of which session, how many rows (the zone of its times)
        self.heading = WindowHeading(view_title(self.view))
        self._fitted = False  # the columns sized to the first rows, once
        self._show_heading()
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(
            translate("ViewWindow", "Filter by barcode, ingredient, location or lot")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(text_width(self.filter_edit, 18))  # never "Fi…"
        self.filter_edit.textChanged.connect(self._on_filter_edit_textChanged)
        bar.addWidget(self.filter_edit, 1)  # the bar's spare room: its hint is not cut
        self.row_count = QLabel(translate("ViewWindow", "Loading…"), self)
        self.row_count.setObjectName("rowCount")
        bar.addWidget(self.row_count)
        layout.addLayout(bar)
        # the buttons on a row of their own: beside the filter, German's longer words
        # ("Aktualisieren") ran off a 1366-px screen; the view's own last, at the right
        bar = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for action, text, tip in (
            (
                "move",
                translate("ViewWindow", "&Move…"),
                translate("ViewWindow", "Move the selected items to a location (Ctrl+M)"),
            ),
            (
                "split",
                translate("ViewWindow", "S&plit…"),
                translate("ViewWindow", "Split part of the selected item into a new item (Ctrl+T)"),
            ),
            (
                "set",
                translate("ViewWindow", "&Set…"),
                translate(
                    "ViewWindow",
                    "Set the quantity or another field of the selected item (Ctrl+E)",
                ),
            ),
            (
                "archive",
                translate("ViewWindow", "&Archive…"),
                translate("ViewWindow", "Archive the selected items with a reason (Ctrl+Shift+A)"),
            ),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"{action}Button")
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, a=action: self.item_actions.run(a))
            bar.addWidget(button)
            self.action_buttons[action] = button
        self.label_button = QPushButton(translate("ViewWindow", "Print &label…"), self)
        self.label_button.setObjectName("labelButton")
        self.label_button.setToolTip(
            translate("ViewWindow", "Print a label for each selected item (Ctrl+P)")
        )
        self.label_button.clicked.connect(self._on_label_button_clicked)
        bar.addWidget(self.label_button)
        self.archive_missing_button = QPushButton(
            translate("ViewWindow", "Archive as m&issing…"), self
        )
        self.archive_missing_button.setObjectName("archiveMissingButton")
        self.archive_missing_button.setToolTip(
            translate(
                "ViewWindow",
                "Archive the selected not-scanned items (or all of them when none is selected) "
                "as missing, with one reason",
            )
        )
        self.archive_missing_button.clicked.connect(self._on_archive_missing_button_clicked)
        bar.addWidget(self.archive_missing_button)
        bar.addStretch(1)
        self.export_button = QPushButton(translate("ViewWindow", "&Export…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            translate("ViewWindow", "Save this view to an Excel workbook")
        )
        self.export_button.clicked.connect(self._on_export_button_clicked)
        bar.addWidget(self.export_button)
        self.refresh_button = QPushButton(translate("ViewWindow", "&Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.table = QTableView(self)
        self.table.setObjectName("viewTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # paths end in the shelf
        show_paths(  # a path loses whole steps of its middle: "Building 1/…/Shelf 1/Box 2"
            self.table,
            *(n for n, col in enumerate(self.model.columns) if col.kind is Kind.LOCATION),
        )
        self.table.verticalHeader().hide()
        self.sizes = follow_font(self.table)  # rows as high as the styled font needs
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(True)
        for column, col in enumerate(self.model.columns):
            header.resizeSection(column, col.width)
        barcode_column = self.model.column_of("barcode")
        header.setSortIndicator(barcode_column, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_header_sortIndicatorChanged)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        # the actions on the selected rows, each with its shortcut, and their menu (the
        # Menu key, Shift+F10, a right click)
        self.item_actions = ViewActions(self)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        self.message = QLabel(self)
        self.message.setObjectName("viewMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)

        if self.read_only:
            self._make_read_only()
        elif self.view is not View.NOT_SCANNED:
            self.archive_missing_button.hide()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter_edit.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        open_details = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        open_details.setContext(Qt.ShortcutContext.WidgetShortcut)
        open_details.activated.connect(self._on_open_details_activated)
        self._update_buttons()

    # ------------------------------------------------------------ selection and state
    def selected_rows(self) -> list[int]:
        """Selected rows in order, from the selection's ranges (rows selected but never
        fetched count too: a shift-click or Select All spans rows not painted yet)."""
        rows: set[int] = set()
        selection = self.table.selectionModel().selection()
        for i in range(selection.size()):
            selected = selection.at(i)
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_item_ids(self) -> list[int]:
        return self.item_ids(self.selected_rows())

    def item_ids(self, rows: Sequence[int]) -> list[int]:
        """The items of these rows (unknown barcodes have none). In the views keyed by item
        that is the row key; in the scanned-not-in-listing view rows not fetched yet are
        read now (that view is short: the scans that matched nothing expected)."""
        model = self.model
        if self.view in KEYED_BY_ITEM:
            keys = (model.key(row) for row in rows)
            return [key for key in keys if key is not None]
        missing = [
            key for row in rows if not model.is_fetched(row) and (key := model.key(row)) is not None
        ]
        read = iter(self._fetch_rows(missing) if missing else ())
        ids: list[int | None] = []
        for row in rows:
            if model.is_fetched(row):
                ids.append(model.item_id(row))
            elif model.key(row) is not None:
                found = next(read)
                ids.append(found[0] if found is not None else None)
        return [item_id for item_id in ids if item_id is not None]

    def selection_count(self) -> int:
        """How many selected rows are items, without reading rows: a row not fetched yet
        counts as an item (the action reads it)."""
        rows = self.selected_rows()
        if self.view in KEYED_BY_ITEM:
            return len(rows)
        return sum(
            1
            for row in rows
            if not self.model.is_fetched(row) or self.model.item_id(row) is not None
        )

    @Slot()
    def _update_buttons(self) -> None:
        count = self.selection_count()
        busy = self.model.loading and not self._refreshing
        self.label_button.setEnabled(count >= 1 and not busy)
        if self.read_only:
            return
        self.action_buttons["move"].setEnabled(count >= 1 and not busy)
        self.action_buttons["archive"].setEnabled(count >= 1 and not busy)
        self.action_buttons["split"].setEnabled(count == 1 and not busy)
        self.action_buttons["set"].setEnabled(count == 1 and not busy)
        self.archive_missing_button.setEnabled(not busy and self.model.total > 0)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _show_count(self) -> None:
        total = self.model.total
        count, matching = formatting.number(total), self.model.quick_filter
        if matching and total == 1:
            text = translate("ViewWindow", "1 item matching “{text}”").format(text=matching)
        elif matching:
            text = translate("ViewWindow", "{count} items matching “{text}”").format(
                count=count, text=matching
            )
        elif total == 1:
            text = translate("ViewWindow", "1 item")
        else:
            text = translate("ViewWindow", "{count} items").format(count=count)
        self.row_count.setText(text)
        self._show_heading(text)

    def _show_heading(self, count: str = "") -> None:
        session = self.session
        if session.active:
            name = translate("ViewWindow", "{session} (active)")
        else:
            name = translate("ViewWindow", "{session} (ended, read-only)")
        facts = [
            name.format(session=session.name),
            session.lab,
            translate("ViewWindow", "listing “{config}”").format(config=session.config_name),
            count,
            translate("ViewWindow", "times in {zone}").format(zone=formatting.zone_text()),
        ]
        self.heading.set(view_title(self.view), " · ".join(f for f in facts if f))

    @Slot(int)
    def _on_model_counted(self, _total: int) -> None:
        if not self._fitted and self.model.rowCount():
            self._fitted = True  # afterwards the widths are the person's
            fit_columns(self.table, keep_whole=(self.model.column_of("barcode"),))
        if self._to_top_when_loaded:
            self._to_top_when_loaded = False
            self.table.scrollToTop()  # a new order or filter starts at its first row
        self._show_count()

    @Slot(int)
    def _on_model_loaded(self, total: int) -> None:
        self._on_model_counted(total)
        if self._refreshing:
            self._refreshing = False
            self._restore_selection()
        self._update_buttons()

    @Slot(str)
    def _on_model_loadFailed(self, sentence: str) -> None:
        self._refreshing = False
        self.row_count.setText("—")
        self.show_message(i18n.say(sentence), error=True)

    @Slot(bool)
    def _on_model_loadingChanged(self, loading: bool) -> None:
        if loading and not self._refreshing:
            self.row_count.setText(translate("ViewWindow", "Loading…"))
        self._update_buttons()

    def _on_load_cancelled(self) -> None:
        self._refreshing = False
        self.model.cancel_load()
        if self.model.rowCount():
            self._show_count()  # the rows already shown stay
        else:
            self.row_count.setText("—")
        self.show_message(
            translate(
                "ViewWindow", "Reading was cancelled; press Refresh (F5) to read the view again."
            )
        )

    # ------------------------------------------------------------ sorting and filtering
    @Slot(int, Qt.SortOrder)
    def _on_header_sortIndicatorChanged(self, column: int, order: Qt.SortOrder) -> None:
        self._refreshing = False  # a new order: a new selection
        self._to_top_when_loaded = True
        self.model.sort(column, order)
        self._to_top_when_loaded &= self.model.loading  # False when nothing changed

    @Slot(str)
    def _on_filter_edit_textChanged(self, _text: str) -> None:
        self._filter_timer.start()

    @Slot()
    def _on_filter_timer_timeout(self) -> None:
        self._refreshing = False
        self._to_top_when_loaded = True
        self.model.setQuickFilter(self.filter_edit.text())
        self._to_top_when_loaded &= self.model.loading  # False when nothing changed

    # ------------------------------------------------------------ actions (``view_actions``)
    def run_action(self, action: str) -> ActionOutcome:
        return self.item_actions.run(action)

    def ask_archive_missing(self) -> ArchiveMissingDialog | None:
        return self.item_actions.ask_archive_missing()

    @Slot()
    def _on_archive_missing_button_clicked(self) -> None:
        self.item_actions.ask_archive_missing()

    @Slot()
    def _on_label_button_clicked(self) -> None:
        self.item_actions.print_labels()

    @Slot()
    def _on_export_button_clicked(self) -> None:
        from recon_desktop.ui import report_export  # openpyxl only when exporting

        report_export.export_view(self, self.services, self.operator, self.session.id, self.view)

    # ------------------------------------------------------------ details
    @Slot(QModelIndex)
    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        self.open_details(index.row())

    @Slot()
    def _on_open_details_activated(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_details(index.row())

    def open_details(self, row: int) -> QWidget | None:
        item_id = next(iter(self.item_ids([row])), None)
        if item_id is None:
            self.show_message(
                translate(
                    "ViewWindow", "This barcode is not an inventory item; there are no details."
                )
            )
            return None
        return open_item_details(self, self.services, item_id)


def open_view(
    parent: QWidget, services: Services, operator: Operator, session_id: int, view: View
) -> ViewWindow:
    """Open one of a session's three views in a non-modal listing window."""
    view = View(view)
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    for existing in parent.findChildren(ViewWindow, options=direct):
        if (
            existing.session.id == session_id
            and existing.view is view
            and existing.operator == operator
            and existing.isVisible()
        ):
            existing.refresh()  # the same view again: bring it up to date
            existing.raise_()
            existing.activateWindow()
            return existing
    session = services.sessions.info(session_id)  # ReconError (no such session) goes up
    window = ViewWindow(parent, services, operator, session, view)
    window.show()
    window.raise_()
    return window
