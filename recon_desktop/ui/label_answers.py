"""The window's answers to what a GS1 label says: a scan that fits several items asks
which one it is (``ItemChoiceDialog``, one at a time, nothing recorded until chosen), and
"Update the record" on the last-scan panel makes the item's record say the label's lot
and expiry (a service call; the history keeps the scan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from recon_desktop.core.records import ScanChoice, Tag
from recon_desktop.errors import ReconError
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.item_choice import ItemChoiceDialog
from recon_desktop.ui.scan_list import GS, GS_SHOWN

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from recon_desktop.ui.main_window import MainWindow


class LabelAnswers(QObject):
    """Asks which item a scan is, and updates a record from its label, for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.waiting: list[ScanChoice] = []  # scans still to be told which item they are
        window.live.scanNeedsChoice.connect(self._on_live_scanNeedsChoice)
        window.panel.updateFromLabelClicked.connect(self._on_panel_updateFromLabelClicked)

    def _on_live_scanNeedsChoice(self, choice: ScanChoice) -> None:
        """A scan that fits several items: ask which (nothing is recorded until then); a
        second such scan waits for the first answer."""
        window = self.window
        self.waiting.append(choice)
        window.panel.show_message(
            "unknown",
            translate("LabelAnswers", "Which item?"),
            icon=style.TAG_LOOKS[Tag.UNKNOWN].icon,
            detail=i18n.say(choice.sentence()),
        )
        window.sounds.play("unknown")
        if window.dialog is None:
            self.ask_next()

    def ask_next(self) -> None:
        """Open the dialog for the next scan waiting, if any (the window calls this when
        its dialog closes)."""
        if not self.waiting:
            return
        choice = self.waiting.pop(0)
        dialog = ItemChoiceDialog(choice, self.window)
        dialog.chosen.connect(self._on_dialog_chosen)
        dialog.rejected.connect(lambda: self._refused(choice))
        self.window.open_dialog(dialog)

    def _on_dialog_chosen(self, choice: ScanChoice, item_id: int) -> None:
        self.window.live.send_scan(choice.raw, item_id=item_id)

    def _refused(self, choice: ScanChoice) -> None:
        shown = choice.barcode.replace(GS, GS_SHOWN)
        self.window.panel.show_refused(
            translate("LabelAnswers", "NOT RECORDED"),
            translate(
                "LabelAnswers",
                "{barcode} fits {count} items and none was chosen; nothing was recorded. "
                "Scan it again to choose.",
            ).format(barcode=shown, count=formatting.number(len(choice.choices))),
        )
        self.window.sounds.play("error")

    def _on_panel_updateFromLabelClicked(self) -> None:
        window = self.window
        result = window.last_result
        if result is None or result.item_id is None:
            return
        try:
            item = window.services.actions.update_from_label(window.operator, result.scan_id)
        except ReconError as exc:
            window.panel.show_refused(translate("LabelAnswers", "NOT UPDATED"), i18n.say(exc))
            return
        window.last_result = None
        window.panel.show_record_updated(item, result.lot, result.expires_on)
        window.scan_input.setFocus()
