"""The scanned list's pages: read as one scrolls toward either end, so that the list
reaches every scan of a session of any size while holding a few thousand rows.

When a session is shown, the list opens on its newest page (``LiveSession`` reads it off
the GUI thread). Scrolling near the top reads the page before the first row (Qt's
``fetchMore`` is asked only at the bottom, where new scans arrive, so the scroll bar
drives it); rows far below go, and the list then counts the scans recorded meanwhile
instead of adding them. Scrolling back down reads the pages after the last row until the
newest; Ctrl+Home and Ctrl+End (or the note's button) go to the oldest and to the newest
scans at once. Rows above the first one in sight may come and go: the rows in sight stay
where they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QObject
from PySide6.QtWidgets import QAbstractItemView

from recon_desktop.core.records import ScanKind, ScanLogEntry, ScanPage
from recon_desktop.ui.live_session import NEWER, NEWEST, OLDER, OLDEST, PageWay
from recon_desktop.ui.scan_list import GS, GS_SHOWN, PAGE_SIZE, ScanRow

if TYPE_CHECKING:
    from recon_desktop.ui.main_window import MainWindow

MARGIN = PAGE_SIZE // 5  # rows from an end of those held: the next page is read


translate = QCoreApplication.translate


class ScanPages(QObject):
    """Reads the pages of ``window``'s scanned list as it is scrolled; see the module."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.view = window.table
        self.reading: PageWay | None = None  # the page being read
        self.problem = ""  # why the last page could not be read
        self._anchor: tuple[int, bool] | None = None  # (row in sight at the top, at the end)
        self._batch = False  # a page is placed: the rows in sight are kept once, after it
        window.live.pageRead.connect(self._on_live_pageRead)
        window.live.pageFailed.connect(self._on_live_pageFailed)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.view.edgeWanted.connect(self._on_view_edgeWanted)
        model = self.model
        model.rowsAboutToBeInserted.connect(self._on_model_rowsAboutToChange)
        model.rowsAboutToBeRemoved.connect(self._on_model_rowsAboutToChange)
        model.rowsInserted.connect(self._on_model_rowsChanged)
        model.rowsRemoved.connect(self._on_model_rowsChanged)

    # ------------------------------------------------------------ what the window asks
    def opened(self) -> None:
        """A session is shown: its newest page is on its way (``LiveSession``)."""
        self.reading = NEWEST if self.window.session is not None else None
        self.problem = ""
        self._changed()

    def cleared(self) -> None:
        """Clear All: the list starts afresh, nothing before it."""
        self.reading = None
        self.problem = ""
        self._changed()

    def go_newest(self) -> None:
        """To the newest scans: at once when they are held, else the list starts again
        from the newest page (the scans on their way and kept stay listed)."""
        if not self.model.newer:
            self.view.scrollToBottom()
            return
        if self.reading == NEWEST:
            return
        waiting = [row for row in self.model.rows() if row.scan_id < 0]
        self.model.set_rows(waiting + self.unsent_rows())
        self.reading = NEWEST
        self.window.live.read_page(NEWEST)
        self._changed()

    def go_oldest(self) -> None:
        """To the session's first scan (since this list's Clear All)."""
        if not self.model.older:
            self.view.scrollToTop()
            return
        self.reading = OLDEST
        self.window.live.read_page(OLDEST)
        self._changed()

    def leave_past(self) -> None:
        """A scan made here: when one had scrolled far back, the list goes back to the
        newest scans (its row joins them)."""
        if self.model.newer:
            self.go_newest()

    def at_end(self) -> bool:
        """The newest rows are held and in sight (new scans keep them in sight)."""
        bar = self.view.verticalScrollBar()
        return not self.model.newer and bar.value() >= bar.maximum()

    def unsent_rows(self) -> list[ScanRow]:
        """Rows for the scans of the session shown kept on this PC or on their way (when
        the list comes back to the newest, they are listed again)."""
        window, model = self.window, self.model
        live, session = window.live, window.session
        if session is None:
            return []
        rows = [
            ScanRow.on_its_way(
                model.stand_in(kept.client_id),
                kept.raw.strip().replace(GS, GS_SHOWN),
                kept.scanned_at,
                kept=True,
            )
            for kept in live.kept_for_session()
            if not model.is_on_its_way(kept.client_id)
        ]
        return rows + [
            ScanRow.on_its_way(model.stand_in(pending.client_id), pending.shown, pending.at)
            for pending in live.in_flight()
            if not model.is_on_its_way(pending.client_id)
        ]

    def note(self) -> str:
        """What the note below the list says (empty: nothing)."""
        if self.problem:
            return translate("ScanPages", "The list could not be read: {problem}").format(
                problem=self.problem
            )
        if self.model.newer:
            count = self.model.newer_count
            if not count:
                return translate(
                    "ScanPages", "You are looking at earlier scans; the newest are below."
                )
            return translate(
                "ScanPages",
                "You are looking at earlier scans; the newest are below ({count} recorded since).",
            ).format(count=QLocale().toString(count))
        if self.reading in (NEWEST, OLDEST):
            return translate("ScanPages", "Reading the scans…")
        return ""

    # ------------------------------------------------------------ pages
    def _on_live_pageRead(self, way: PageWay, page: ScanPage) -> None:
        station = self.window.operator.station
        rows = [ScanRow.from_entry(entry, station=station) for entry in page.entries]
        self.reading = None
        self.problem = ""
        anchor = self._anchor_now() if way in (OLDER, NEWER) else None
        self._batch = True
        try:
            self._apply(way, page, rows)
        finally:
            self._batch = False
        if anchor is not None:
            self._restore(anchor)
        self._changed()
        self._check()

    def _apply(self, way: PageWay, page: ScanPage, rows: list[ScanRow]) -> None:
        model = self.model
        if way == NEWEST:
            # the rows already here (on their way, kept, just recorded) stay
            model.set_rows(rows + model.rows(), older=page.more)
            self._follow_ups(page.follow_ups)
            self.view.scrollToBottom()
        elif way == OLDEST:
            model.set_rows(rows, newer=page.more)
            if not page.more:
                for row in self.unsent_rows():
                    model.append(row)
            self._follow_ups(page.follow_ups)
            self.view.scrollToTop()
        elif way == OLDER:
            model.add_older(rows, more=page.more)
            self._follow_ups(page.follow_ups)
        else:
            model.add_newer(rows, more=page.more)
            if not page.more:
                for row in self.unsent_rows():
                    model.append(row)
            self._follow_ups(page.follow_ups)

    def _on_live_pageFailed(self, _way: PageWay, sentence: str) -> None:
        self.reading = None
        self.problem = sentence
        self._changed()

    def _follow_ups(self, entries: list[ScanLogEntry]) -> None:
        """Registrations of the page's unknown barcodes: their rows show the item."""
        for entry in entries:
            if entry.kind is ScanKind.REGISTERED and entry.undoes_id is not None:
                self.model.mark_registered(entry.undoes_id, entry)

    def _on_scrolled(self, _value: int) -> None:
        self._check()

    def _check(self) -> None:
        """Near an end of the rows held, with scans beyond it: read the next page."""
        model, view = self.model, self.view
        if self.reading is not None or self._batch or self.window.session is None:
            return  # (while a page is placed, the view scrolls as rows come and go)
        count = model.rowCount()
        top = view.rowAt(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        if model.older and (count == 0 or 0 <= top < MARGIN):
            key = model.first_key()
            if key is None:
                return
            self.reading = OLDER
            self.window.live.read_page(OLDER, key)
        elif model.newer and (bottom < 0 or bottom >= count - MARGIN):
            key = model.last_key()
            if key is None:
                return
            self.reading = NEWER
            model.reading_newer()
            self.window.live.read_page(NEWER, key)

    def _on_view_edgeWanted(self, newest: bool) -> None:
        if newest:
            self.go_newest()
        else:
            self.go_oldest()

    def _changed(self) -> None:
        self.window.show_list_note()

    # ------------------------------------------------------------ rows in sight stay
    def _anchor_now(self, first: int = 0) -> tuple[int, bool] | None:
        """The row at the top of the view, when rows change from ``first`` on above it
        (and whether the view is at the newest end)."""
        top = self.view.rowAt(0)
        row = self.model.row_at(top) if top >= 0 and first <= top else None
        return (row.scan_id, self.at_end()) if row is not None else None

    def _on_model_rowsAboutToChange(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if not self._batch:
            self._anchor = self._anchor_now(first)

    def _on_model_rowsChanged(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is not None and not self._batch:
            self._restore(anchor)

    def _restore(self, anchor: tuple[int, bool]) -> None:
        """The row that was at the top is there again (or the newest end stays in sight)."""
        scan_id, at_end = anchor
        if at_end:
            self.view.scrollToBottom()
            return
        at = self.model.row_of(scan_id)
        if at is not None:
            self.view.updateGeometries()  # the scroll bar's range for the rows now held
            self.view.scrollTo(self.model.index(at, 0), QAbstractItemView.ScrollHint.PositionAtTop)
