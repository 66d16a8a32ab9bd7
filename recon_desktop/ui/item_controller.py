"""The actions on the items of the Barcode Tracking window: the row menu of the scanned
list and its shortcuts (``row_menu``), the action dialogs, labels, registering an unknown
barcode, Move here; and the answer in the last-scan panel, the list, the banner and the
open views once an action (here or in a view) changed items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtWidgets import QDialog, QMenu

from recon_desktop.core.records import ItemInfo
from recon_desktop.errors import ReconError
from recon_desktop.ui import i18n
from recon_desktop.ui.action_dialog import ActionOutcome
from recon_desktop.ui.row_menu import RowActions, current_row_point
from recon_desktop.ui.scan_list import ScanRow

if TYPE_CHECKING:
    from recon_desktop.ui.main_window import MainWindow

translate = QCoreApplication.translate

ONE_ITEM = ("split", "set", "details")  # row actions for one item at a time


class ItemController(QObject):
    """Acts on the items of one Barcode Tracking window (``window``) and answers there."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # each with its shortcut (shown in the row menu); Menu key and Shift+F10 open it
        self.actions = RowActions(window)
        self.actions.chosen.connect(self._on_row_actions_chosen)
        self.actions.menuRequested.connect(self._on_row_actions_menuRequested)
        window.table.menuAsked.connect(self._on_window_menuAsked)
        window.panel.moveHereClicked.connect(self.move_here)
        window.panel.printLabelClicked.connect(self.print_item_label)
        window.panel.registerClicked.connect(self.register_last)

    def move_here(self) -> None:
        """The last scan's item is at the current location now (a wrong location)."""
        result = self.window.last_result
        if (
            result is None
            or self.window.session is None
            or result.item_id is None
            or result.current_location_id is None
        ):
            return
        try:
            item = self.window.services.actions.move(
                self.window.operator,
                result.item_id,
                result.current_location_id,
                session_id=self.window.session.id,
            )
        except ReconError as exc:
            self.window.panel.show_refused(translate("ItemController", "NOT MOVED"), i18n.say(exc))
            return
        self.window.model.show_item(item)
        self.window.last_result = None
        self.window.panel.show_moved(item, result.location)
        self.window.windows.refresh_views(self.window.session.id)
        self.window.scan_input.setFocus()

    def register_last(self) -> None:
        """Register the unknown barcode just scanned."""
        result = self.window.last_result
        if result is not None and result.item_id is None:
            self.register_unknown(result.scan_id, result.barcode)

    def register_unknown(self, scan_id: int, barcode: str) -> None:
        """Register an Unknown scan's barcode as a new item, where this workstation is."""
        from recon_desktop.ui.register_dialog import RegisterDialog

        if self.window.session is None:
            return
        try:
            here = self.window.services.sessions.current_location(
                self.window.session.id, self.window.operator.station
            )
        except ReconError:
            here = None
        dialog = RegisterDialog(
            self.window,
            self.window.services,
            self.window.operator,
            self.window.session.id,
            scan_id,
            barcode,
            here,
        )
        dialog.accepted.connect(lambda: self._on_registered(scan_id, dialog))
        self.window.open_dialog(dialog)

    def _on_registered(self, scan_id: int, dialog: QDialog) -> None:
        registered = getattr(dialog, "registered", None)
        if registered is None:
            return
        follow_up, item = registered
        self.window.model.mark_registered(scan_id, follow_up)
        self.window.last_result = None
        self.window.panel.show_registered(item)
        if self.window.session is not None:
            self.window.live.read_progress()
            self.window.windows.refresh_views(self.window.session.id)

    def print_item_label(self, item: ItemInfo) -> None:
        self.print_labels([item.id])

    def print_labels(self, item_ids: list[int]) -> None:
        """A label for each item, read as it is now (Qt's print dialog asks where)."""
        from recon_desktop.ui.item_labels import print_labels

        try:
            items = [self.window.services.inventory.item(item_id) for item_id in item_ids]
        except ReconError as exc:
            self.window.panel.show_refused(
                translate("ItemController", "NOT PRINTED"), i18n.say(exc)
            )
            return
        print_labels(self.window, items)
        self.window.scan_input.setFocus()

    # ------------------------------------------------------------ row actions
    def _on_window_menuAsked(self, where: QPoint) -> None:
        self.show_row_menu(where)

    def _on_row_actions_menuRequested(self) -> None:
        self.show_row_menu(None)

    def show_row_menu(self, where: QPoint | None) -> QMenu | None:
        """The actions that apply to the selected rows (the newest row when none is
        selected), at ``where`` or, from the keyboard, at the current row."""
        rows = self.window.table.target_rows()
        menu = self.actions.menu(self.window, self.window.table.applicable(rows))
        if menu is None:
            self._row_action_refused(rows)
            return None
        menu.popup(where if where is not None else current_row_point(self.window.table))
        return menu

    def _row_action_refused(self, rows: list[ScanRow]) -> None:
        if not rows:
            sentence = translate("ItemController", "The list is empty: scan an item first.")
        elif any(row.unknown for row in rows):
            sentence = translate(
                "ItemController",
                "An unknown barcode has no item to act on: select its row alone and "
                "register it (Ctrl+N).",
            )
        else:
            sentence = translate(
                "ItemController",
                "A location or an undone scan has no item to act on; select an item.",
            )
        self.window.panel.show_refused(translate("ItemController", "No item selected"), sentence)
        self.window.sounds.play("error")

    def _on_row_actions_chosen(self, key: str) -> None:
        """A row action (by its shortcut or from the row menu) for the target rows."""
        rows = self.window.table.target_rows()
        if key not in self.window.table.applicable(rows):
            if key == "register" and rows:
                self.window.panel.show_refused(
                    translate("ItemController", "Not an unknown barcode"),
                    translate(
                        "ItemController",
                        "Only an unknown barcode's scan can be registered: select that row alone.",
                    ),
                )
                self.window.sounds.play("error")
            elif key in ONE_ITEM and rows:
                self.window.panel.show_refused(
                    translate("ItemController", "Select one item"), _one_item(key)
                )
                self.window.sounds.play("error")
            else:
                self._row_action_refused(rows)
            return
        ids = list(dict.fromkeys(row.item_id for row in rows if row.item_id is not None))
        if key == "register":
            self.register_unknown(rows[0].scan_id, rows[0].barcode)
        elif key == "details":
            self.window.windows.open_item_details(ids[0])
        elif key == "label":
            self.print_labels(ids)
        else:
            self.run_item_action(key, ids)

    def run_item_action(self, action: str, ids: list[int]) -> None:
        """Move, split, set or archive the items (their dialog asks what it needs)."""
        from recon_desktop.ui.actions import run_action

        session_id = self.window.session.id if self.window.session else None
        self.answer(
            run_action(
                self.window, self.window.services, self.window.operator, action, ids, session_id
            )
        )
        self.window.scan_input.setFocus()

    def answer(self, outcome: ActionOutcome, source: object = None) -> None:
        """An action (here, or in a view: ``source``) changed items: the panel says what
        changed, old → new; the scanned list, the banner and the open views show the new
        values at once."""
        from recon_desktop.ui.answers import answer_for

        answer = answer_for(outcome)
        if answer is None:
            return
        for change in outcome.changes:
            self.window.model.show_item(change.after)
        self.window.last_result = None
        self.window.panel.show_answer(answer)
        if outcome.changes and self.window.session is not None:
            self.window.live.read_progress()
            self.window.windows.refresh_views(self.window.session.id, except_window=source)


def _one_item(key: str) -> str:
    """Why an action for one item does nothing on several rows."""
    if key == "split":
        return translate("ItemController", "Split acts on one item at a time.")
    if key == "set":
        return translate("ItemController", "Set acts on one item at a time.")
    return translate("ItemController", "Details acts on one item at a time.")
