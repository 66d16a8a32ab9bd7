"""What the Barcode Tracking window shows as the live session answers its scans and undos.

A scan sent from here shows at once when it is saved within moments (nothing is repainted
while it travels); one that takes longer than ``ON_ITS_WAY_MS`` shows as on its way, in
the list and in the panel, until it is saved (its row settles where it stands, with its
tag), or will not be (its row goes, the panel says why); one the server cannot take now
is kept on this PC (its row says so until it is sent and takes the server's tag). Undos
answer in order after the scans sent before them; other workstations' scans, undos and
registrations join the list.
A scan typed in another window or dialog is answered there too (``scan_elsewhere``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from recon_desktop.core.records import KeptScan, ScanKind, ScanLogEntry, ScanResult
from recon_desktop.ui.banner import refused_text
from recon_desktop.ui.live_session import PendingScan
from recon_desktop.ui.scan_list import GS, GS_SHOWN, ScanRow
from recon_desktop.ui.sounds import tone_of

if TYPE_CHECKING:
    from recon_desktop.ui.main_window import MainWindow

ON_ITS_WAY_MS = 100  # a scan not saved by then shows as on its way (list and panel)


class ScanAnswers(QObject):
    """Paints the live session's answers into ``window``'s list and panel."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.on_its_way_timer = QTimer(self)  # then scans not saved yet show as on their way
        self.on_its_way_timer.setSingleShot(True)
        self.on_its_way_timer.setInterval(ON_ITS_WAY_MS)
        self.on_its_way_timer.timeout.connect(self._on_on_its_way_timer_timeout)
        live = window.live
        live.scanQueued.connect(self._on_live_scanQueued)
        live.scanSaved.connect(self._on_live_scanSaved)
        live.scanGone.connect(self._on_live_scanGone)
        live.scanNotSaved.connect(self._on_live_scanNotSaved)
        live.scanKept.connect(self._on_live_scanKept)
        live.keptSent.connect(self._on_live_keptSent)
        live.keptRefused.connect(self._on_live_keptRefused)
        live.undone.connect(self._on_live_undone)
        live.undoRefused.connect(self._on_live_undoRefused)
        live.scansArrived.connect(self._on_live_scansArrived)

    def _on_live_scanQueued(self, _pending: PendingScan) -> None:
        # saved within moments: row and tag at once (nothing is repainted while it is sent)
        if not self.on_its_way_timer.isActive():
            self.on_its_way_timer.start()

    def _on_on_its_way_timer_timeout(self) -> None:
        window = self.window
        waiting = window.live.in_flight()
        if waiting:
            window.pages.leave_past()
        for pending in waiting:
            if not window.model.is_on_its_way(pending.client_id):
                window.model.add_on_its_way(pending.client_id, pending.shown, pending.at)
        if waiting:
            window.table.scrollToBottom()
            window.panel.show_on_its_way(waiting[0].shown, len(waiting))

    def _on_live_scanSaved(self, result: ScanResult) -> None:
        window = self.window
        row = ScanRow.from_result(result)
        if not window.model.settle(result.client_id, row):
            window.pages.leave_past()
            window.model.append(row)  # saved at once (or sent again, or its row cleared)
            window.table.scrollToBottom()
        window.last_result = result
        window.panel.show_result(result)
        window.sounds.play(tone_of(result))
        if window.live.in_flight():
            self.on_its_way_timer.start()  # the next one, if it takes its time
        session, panel = window.session, window.panel
        if window.elsewhere.waiting and session is not None:  # typed in another window
            window.elsewhere.saved(result, session.name, panel.tag.text(), panel.look)

    def _on_live_scanKept(self, kept: KeptScan) -> None:
        """The server cannot take it now: kept on this PC, its row says so."""
        window = self.window
        shown = kept.raw.strip().replace(GS, GS_SHOWN)
        window.pages.leave_past()
        window.model.add_on_its_way(kept.client_id, shown, kept.scanned_at, kept=True)
        window.table.scrollToBottom()
        window.panel.show_kept(shown, window.model.kept_count())
        window.sounds.play("error")  # not counted yet: the technician should know
        if window.live.in_flight():
            self.on_its_way_timer.start()
        if window.elsewhere.waiting:
            window.elsewhere.kept(kept.raw)

    def _on_live_keptSent(self, result: ScanResult) -> None:
        """A scan kept on this PC is recorded now: its row shows the server's tag."""
        window = self.window
        model, row = window.model, ScanRow.from_result(result)
        if not model.settle(result.client_id, row):
            model.append(row)
        if window.panel.showing_kept and not model.kept_count():
            # the last kept scan is sent (they go in order): the panel says what the server
            # decided for it, no longer that the server cannot be reached
            window.last_result = result
            window.panel.show_result(result)

    def _on_live_keptRefused(self, refused: list[KeptScan]) -> None:
        self.window.panel.show_refused(
            QCoreApplication.translate("ScanAnswers", "NOT COUNTED"), refused_text(refused)
        )
        self.window.sounds.play("error")

    def _on_live_scanGone(self, client_id: str) -> None:
        self.window.model.drop_on_its_way(client_id)

    def _on_live_scanNotSaved(self, sentence: str) -> None:
        window = self.window
        window.panel.show_not_saved(sentence)
        window.sounds.play("error")
        if window.elsewhere.waiting:
            window.elsewhere.not_saved(sentence)

    def _on_live_undone(self, entry: ScanLogEntry | None) -> None:
        window = self.window
        if entry is None:
            window.panel.show_idle(
                QCoreApplication.translate("ScanAnswers", "Nothing to undo"),
                QCoreApplication.translate(
                    "ScanAnswers", "This workstation has no scan left to undo in this session."
                ),
            )
            return
        window.model.mark_undone(entry.id)
        window.last_result = None
        window.panel.show_undone(entry)

    def _on_live_undoRefused(self, sentence: str) -> None:
        self.window.panel.show_refused(
            QCoreApplication.translate("ScanAnswers", "NOT UNDONE"), sentence
        )

    def _on_live_scansArrived(self, entries: list[ScanLogEntry]) -> None:
        """Other workstations' scans join the list; undos and registrations mark theirs."""
        window = self.window
        station = window.operator.station
        added = False
        follow = window.pages.at_end()  # (one looking back is left there)
        for entry in entries:
            if entry.kind is ScanKind.UNDO:
                if entry.undoes_id is not None:
                    window.model.mark_undone(entry.undoes_id)
                continue
            if entry.kind is ScanKind.REGISTERED:
                if entry.undoes_id is not None:
                    window.model.mark_registered(entry.undoes_id, entry)
                continue
            window.model.append(ScanRow.from_entry(entry, station=station))
            added = True
        if added and follow:
            window.table.scrollToBottom()
        if window.model.newer:
            window.show_list_note()  # how many were recorded since
