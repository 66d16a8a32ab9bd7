"""Every action answers in the Barcode Tracking window: the last-scan panel says what
changed, old → new; the scanned list, the banner and the open views show the new values at
once; a split shows the new barcode large, to copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ItemStatus, View
from recon_desktop.ui import item_labels
from recon_desktop.ui.actions import ArchiveDialog, MoveDialog, SetFieldDialog, SplitDialog
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_list import COLUMN_INDEX
from recon_desktop.ui.views import ViewWindow
from tests.ui.big_world import wait_loaded, when_modal
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def cell(window: MainWindow, row: int, key: str) -> str:
    return str(window.model.index(row, COLUMN_INDEX[key]).data())


def act(
    qtbot: QtBot, window: MainWindow, action: str, fill: Callable[[QDialog], None], kind: type
) -> None:
    """The action chosen for the selected rows, its dialog filled in and confirmed; the
    window active again (as a window manager makes it when a dialog closes)."""
    ran = when_modal(fill, kind)
    window.table.actionChosen.emit(action)
    assert ran == [True]
    activate(qtbot, window)


def test_set_answers_old_and_new_in_the_panel_and_the_list(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0002")  # 3 mL
    assert cell(window, 0, "quantity") == "3 mL"
    window.table.selectRow(0)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SetFieldDialog)
        dialog.value_edit.setText("2.5")
        dialog.reason_edit.setText("measured")
        dialog.ok_button.click()

    act(qtbot, window, "set", fill, SetFieldDialog)
    assert window.panel.tag.text() == "Quantity set"
    assert window.panel.detail.text() == "ITEM-0002 · Quantity: 3 mL → 2.5 mL"
    assert window.panel.look == "changed"
    assert cell(window, 0, "quantity") == "2.5 mL"  # the list shows the item as it is now
    tooltip = str(window.model.index(0, 0).data(0x03))  # ToolTipRole
    assert "At the scan: " in tooltip and "3 mL" in tooltip


def test_move_and_archive_answer_and_the_row_follows(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, world.shelf1.barcode or "")
    type_scan(qtbot, window.scan_input, "ITEM-0030")  # on shelf 2: wrong location
    assert cell(window, 1, "wrong_location") == "Wrong location"
    window.table.selectRow(1)

    def move(dialog: QDialog) -> None:
        assert isinstance(dialog, MoveDialog)
        dialog.select_location(world.fridge.id)
        dialog.ok_button.click()

    act(qtbot, window, "move", move, MoveDialog)
    assert window.panel.tag.text() == "Moved"
    assert window.panel.detail.text() == (
        f"ITEM-0030 · Location: {world.shelf2.path} → {world.fridge.path}"
    )
    assert cell(window, 1, "location") == world.fridge.path
    assert cell(window, 1, "wrong_location") == "Moved"

    def archive(dialog: QDialog) -> None:
        assert isinstance(dialog, ArchiveDialog)
        dialog.reason_edit.setText("leaking")
        dialog.ok_button.click()

    act(qtbot, window, "archive", archive, ArchiveDialog)
    assert window.panel.tag.text() == "Archived"
    assert window.panel.detail.text() == "ITEM-0030 · Status: active → archived"
    assert cell(window, 1, "ingredient").endswith("(archived)")


def test_split_shows_the_new_barcode_large_with_copy_and_print_label(
    qtbot: QtBot,
    world: LabWorld,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0006")  # 7 mL
    window.table.selectRow(0)

    def split(dialog: QDialog) -> None:
        assert isinstance(dialog, SplitDialog)
        dialog.quantity_edit.setText("2")
        dialog.ok_button.click()

    act(qtbot, window, "split", split, SplitDialog)
    new = world.services.inventory.item_by_barcode(window.panel.big_barcode.text())
    assert new.quantity == 2 and new.ingredient == window.panel.ingredient.text()
    assert window.panel.big_barcode.isVisible() and window.panel.copy_button.isVisible()
    assert window.panel.tag.text() == "Split — label the new item"
    assert "2 mL split off ITEM-0006 (Quantity: 7 mL → 5 mL)" in window.panel.detail.text()
    assert cell(window, 0, "quantity") == "5 mL"
    window.panel.copy_button.click()
    assert QApplication.clipboard().text() == new.barcode
    # Print label: the print dialog, then a PDF (no printer is set up here)
    monkeypatch.setattr(item_labels, "documents_folder", lambda: tmp_path)
    monkeypatch.setattr(item_labels.QPrinterInfo, "availablePrinters", staticmethod(list))
    ran = when_modal(lambda dialog: dialog.accept(), QPrintDialog)
    window.panel.print_button.click()
    assert ran == [True]
    text = PdfReader(tmp_path / f"label {new.barcode}.pdf").pages[0].extract_text()
    assert new.barcode in text
    activate(qtbot, window)
    type_scan(qtbot, window.scan_input, "ITEM-0001")  # the next scan: no big barcode
    assert window.panel.tag.text() == "In Scope"
    assert not window.panel.big_barcode.isVisible()
    assert not window.panel.copy_button.isVisible()


def test_an_action_in_a_view_answers_in_the_window_and_the_views_follow(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0004")
    window.open_view(View.ALL_IN_LISTING)
    window.open_view(View.NOT_SCANNED)
    views = [w for w in window.windows if isinstance(w, ViewWindow)]
    assert len(views) == 2
    for view in views:
        wait_loaded(qtbot, view)
    everything, not_scanned = views
    row = next(
        r
        for r in range(everything.model.rowCount())
        if everything.model.index(r, 0).data() == "ITEM-0004"
    )
    everything.table.selectRow(row)

    def archive(dialog: QDialog) -> None:
        dialog.findChild(QLineEdit, "reasonEdit").setText("empty")
        dialog.ok_button.click()

    ran = when_modal(archive, ArchiveDialog)
    assert everything.run_action("archive").changed == 1
    assert ran == [True]
    item = world.services.inventory.item_by_barcode("ITEM-0004")
    assert item.status is ItemStatus.ARCHIVED
    assert window.panel.tag.text() == "Archived"  # the window answers
    assert cell(window, 0, "ingredient").endswith("(archived)")
    wait_loaded(qtbot, not_scanned)
    assert not window.windows._stale  # the other view was read again
    assert session.id == window.session.id
