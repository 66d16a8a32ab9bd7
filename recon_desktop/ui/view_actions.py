"""What a view window does with its rows: Move, Split, Set, Archive (their dialogs),
Archive as missing, labels, item details, and the row menu that offers them, each with
its shortcut (``row_menu``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Slot
from PySide6.QtWidgets import QMenu

from recon_desktop.core.records import View
from recon_desktop.errors import ReconError
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.action_dialog import ActionOutcome
from recon_desktop.ui.actions import ArchiveMissingDialog, run_action
from recon_desktop.ui.row_menu import RowActions, current_row_point
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from recon_desktop.ui.views import ViewWindow

VIEW_ROW_ACTIONS = ("move", "split", "set", "archive", "label", "details")
ONE_ITEM = ("split", "set", "details")


class ViewActions(QObject):
    """The actions of one view window (``window``) on its selected rows."""

    def __init__(self, window: ViewWindow) -> None:
        super().__init__(window)
        self.window = window
        self.row_actions = RowActions(window, VIEW_ROW_ACTIONS)
        self.row_actions.chosen.connect(self._on_row_actions_chosen)
        self.row_actions.menuRequested.connect(self._on_row_actions_menuRequested)
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self._on_table_customContextMenuRequested)

    def run(self, action: str) -> ActionOutcome:
        """Move, split, set or archive the selected items through their dialog."""
        window = self.window
        if window.read_only:
            return ActionOutcome(action)
        outcome = run_action(
            window,
            window.services,
            window.operator,
            action,
            window.selected_item_ids(),
            window.session.id,
        )
        if outcome.changed:
            window.refresh()
            window.itemsChanged.emit(outcome)  # the Barcode Tracking window answers too
        return outcome

    def ask_archive_missing(self) -> ArchiveMissingDialog | None:
        """Open the (window-modal) dialog; archiving starts when it is accepted."""
        if self.window.read_only or self.window.view is not View.NOT_SCANNED:
            return None
        selected = self.window.selected_item_ids()
        count = len(selected) if selected else self.window.model.total
        dialog = ArchiveMissingDialog(self.window, count, bool(selected))
        dialog.accepted.connect(lambda: self._archive_missing(dialog.reason, selected or None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _archive_missing(self, reason: str, item_ids: list[int] | None) -> None:
        services, operator, session_id = (
            self.window.services,
            self.window.operator,
            self.window.session.id,
        )

        def job(_progress: OpProgress) -> int:
            return services.actions.archive_missing(
                operator, session_id, reason=reason, item_ids=item_ids
            )

        self.window.show_message(translate("ViewActions", "Archiving…"))
        # one transaction: all or nothing, so there is no half-way point to cancel at
        run_op(
            self.window,
            job,
            db=services.db,
            success=self._on_archived_missing,
            failure=self._on_action_failed,
            label=translate("ViewActions", "Archiving as missing…"),
            cancellable=False,
        )

    def _on_archived_missing(self, count: int) -> None:
        if count == 1:
            self.window.show_message(translate("ViewActions", "1 item archived as missing."))
        else:
            self.window.show_message(
                translate("ViewActions", "{count} items archived as missing.").format(
                    count=formatting.number(count)
                )
            )
        self.window.refresh()

    def _on_action_failed(self, exc: BaseException) -> None:
        self.window.show_message(error_sentence(exc), error=True)

    def print_labels(self) -> bool:
        """A label for each selected item, as it is now."""
        from recon_desktop.ui.item_labels import print_labels

        try:
            items = [
                self.window.services.inventory.item(i) for i in self.window.selected_item_ids()
            ]
        except ReconError as exc:
            self.window.show_message(i18n.say(exc), error=True)
            return False
        return print_labels(self.window, items)

    # ------------------------------------------------------------ the row menu
    def applicable(self) -> list[str]:
        """The row actions that apply to the selection (none change a read-only view)."""
        count = self.window.selection_count()
        keys = []
        if count >= 1:
            keys += [] if self.window.read_only else ["move", "archive"]
            keys.append("label")
        if count == 1:
            keys += [] if self.window.read_only else ["split", "set"]
            keys.append("details")
        return keys

    def show_row_menu(self, where: QPoint | None = None) -> QMenu | None:
        menu = self.row_actions.menu(self.window, self.applicable())
        if menu is None:
            self.window.show_message(self._no_action_sentence(), error=True)
            return None
        menu.popup(where if where is not None else current_row_point(self.window.table))
        return menu

    def _no_action_sentence(self) -> str:
        if not self.window.selection_count():
            return translate(
                "ViewActions", "Select a row first (the arrow keys and Shift, or Ctrl+A for all)."
            )
        return translate(
            "ViewActions", "These rows have no item to act on (an unknown barcode has none)."
        )

    @Slot(QPoint)
    def _on_table_customContextMenuRequested(self, where: QPoint) -> None:
        self.show_row_menu(self.window.table.viewport().mapToGlobal(where))

    @Slot()
    def _on_row_actions_menuRequested(self) -> None:
        self.show_row_menu()

    @Slot(str)
    def _on_row_actions_chosen(self, key: str) -> None:
        if key not in self.applicable():
            if self.window.read_only and key in ("move", "split", "set", "archive"):
                self.window.show_message(
                    translate(
                        "ViewActions",
                        "This view is read-only: its items cannot be changed from here.",
                    ),
                    error=True,
                )
            elif self.window.selection_count() > 1 and key in ONE_ITEM:
                self.window.show_message(_one_row(key), error=True)
            else:
                self.window.show_message(self._no_action_sentence(), error=True)
            return
        if key == "details":
            index = self.window.table.currentIndex()
            rows = self.window.selected_rows()
            self.window.open_details(rows[0] if rows else index.row())
        elif key == "label":
            self.print_labels()
        else:
            self.run(key)


def _one_row(key: str) -> str:
    """Why an action for one item does nothing on several rows."""
    if key == "split":
        return translate("ViewActions", "Select one row: split acts on one item.")
    if key == "set":
        return translate("ViewActions", "Select one row: set acts on one item.")
    return translate("ViewActions", "Select one row: details acts on one item.")
