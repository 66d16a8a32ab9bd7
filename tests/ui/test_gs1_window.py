"""GS1 codes through the real window: every written form and symbology identifier typed
into the scan capture (GS as 0x1D, and as the configured stand-in character) finds the
item; a GTIN that fits several bottles asks which one; the label's lot and expiry beside
the record, with one action to update it; Expired (word, colour, icon) in the panel, the
scanned list and a view."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind, View
from recon_desktop.settings import Settings
from recon_desktop.store.db import utcnow
from recon_desktop.store.models import Ingredient, InventoryItem
from recon_desktop.ui import style
from recon_desktop.ui.batch_load import BatchReportDialog, load_batch_file
from recon_desktop.ui.item_choice import ItemChoiceDialog
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.preferences import apply_to_window
from recon_desktop.ui.scan_list import COLUMN_INDEX
from recon_desktop.ui.views import ViewWindow, open_view
from tests.gs1_examples import (
    BOTTLE,
    EAN_8,
    FORMS,
    GS,
    GTIN_A,
    GTIN_B,
    GTIN_D,
    STAND_IN,
    UPC_A,
    Label,
)
from tests.ui.big_world import wait_loaded
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, send_text, settle

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]

# two bottles of GTIN A (lots LOT42 and LOT43) on the two shelves of the freezer, a third
# in the fridge (outside the listing); an item recorded by GTIN B alone; an expired bottle
SN001 = Label(GTIN_A, expiry="361231", lot="LOT42", serial="SN001")
SN002 = Label(GTIN_A, expiry="370630", lot="LOT43", serial="SN002")
SN003 = Label(GTIN_A, expiry="361231", lot="LOT42", serial="SN003")
OLD = Label(GTIN_D, expiry="200101", lot="OLD7", serial="SN9")


def add_items(world: LabWorld) -> dict[str, int]:
    pbs = Ingredient.get(Ingredient.name == "PBS buffer").id
    rows = {
        "SN001": (SN001.human_readable, world.shelf1.id, "LOT42", date(2036, 12, 31)),
        "SN002": (SN002.element_string(), world.shelf2.id, "LOT43", date(2037, 6, 30)),
        "SN003": (f"01{GTIN_A}21SN003", world.fridge.id, "LOT42", date(2036, 12, 31)),
        "B": (f"01{GTIN_B}", world.shelf1.id, None, None),
        "OLD": (OLD.human_readable, world.shelf1.id, "OLD7", date(2020, 1, 1)),
        "UPC": (UPC_A, world.shelf1.id, None, None),
        "EAN8": (EAN_8, world.shelf1.id, None, None),  # 8 digits: kept as plain text
    }
    return {
        name: InventoryItem.create(
            barcode=barcode,
            ingredient=pbs,
            lab=world.lab.id,
            location=location,
            quantity=Decimal(1),
            unit="mL",
            lot=lot,
            expires_on=expires,
            created_at=utcnow(),
        ).id
        for name, (barcode, location, lot, expires) in rows.items()
    }


def scan(qtbot: QtBot, window: MainWindow, raw: str) -> None:
    """What a scanner sends: the characters (GS as the key event carrying 0x1D), Enter."""
    send_text(window.scan_input, raw)
    qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)
    settle(qtbot, window)  # its answer (it is sent off the GUI thread)


def item_ids(world: LabWorld, session_id: int) -> list[int | None]:
    log = world.services.sessions.scan_log(session_id)
    return [e.item_id for e in log if e.kind is ScanKind.ITEM]


def test_every_form_in_the_readme_finds_its_item_through_the_scan_capture(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Issue 18, points 2 and 5, and the README's table: GS1's example codes in every
    written form and symbology identifier, typed into the window as key events (GS as
    0x1D); the stand-in rows once the workstation is set to send GS as the stand-in."""
    ids = add_items(world)
    group_item = {"bottle": ids["OLD"], "gtin": ids["B"], "upc": ids["UPC"], "ean8": ids["EAN8"]}
    session = world.start_session()
    window = make_window()
    assert OLD == BOTTLE
    for stand_in in (False, True):
        apply_to_window(window, Settings().replace(gs_substitute=STAND_IN if stand_in else ""))
        for form in (f for f in FORMS if f.stand_in is stand_in):
            scan(qtbot, window, form.raw)
            assert item_ids(world, session.id)[-1] == group_item[form.group], form.name
    assert len(item_ids(world, session.id)) == len(FORMS)
    assert any(GS in form.raw for form in FORMS)  # 0x1D typed, not only the HRI
    tags = [window.model.index(row, COLUMN_INDEX["tag"]).data() for row in range(len(FORMS))]
    assert tags.count("In Scope") == 4  # the first scan of each item; the rest repeat
    assert set(tags) == {"In Scope", "Already scanned"}


def test_every_form_in_the_readme_loads_through_the_windows_batch_load(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, tmp_path: Path
) -> None:
    """The README's table through ⚙ → Load Batch-Scanner File…: one file of every form (GS
    inside its lines), then the stand-in rows once the workstation is set to send GS as
    the stand-in; a GTIN alone on several bottles is named with its candidates."""
    ids = add_items(world)
    group_item = {"bottle": ids["OLD"], "gtin": ids["B"], "upc": ids["UPC"], "ean8": ids["EAN8"]}
    session = world.start_session()
    window = make_window()
    for stand_in in (False, True):
        apply_to_window(window, Settings().replace(gs_substitute=STAND_IN if stand_in else ""))
        forms = [f for f in FORMS if f.stand_in is stand_in]
        lines = [f.raw for f in forms] + ([] if stand_in else [f"(01){GTIN_A}"])
        path = tmp_path / f"forms-{stand_in}.txt"
        path.write_bytes("\r\n".join(lines).encode())
        load_batch_file(window, path)
        qtbot.waitUntil(lambda: isinstance(window.dialog, BatchReportDialog), timeout=10_000)
        report = window.dialog
        assert isinstance(report, BatchReportDialog)
        if not stand_in:
            assert "1 expired bottle; 1 line fits several items (none counted)" in (
                report.summary.text()
            )
            assert report.lines.toPlainText().startswith(
                f"line {len(lines)}: (01){GTIN_A} fits 3 items: "
            )
        report.reject()
        qtbot.waitUntil(lambda: window.dialog is None)
    expected = [group_item[f.group] for f in FORMS if not f.stand_in]
    expected += [group_item[f.group] for f in FORMS if f.stand_in]
    assert item_ids(world, session.id) == expected


def test_a_gtin_on_several_bottles_asks_which_one(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Issue 18, point 2: the window asks (lot, expiry, location shown); nothing is
    recorded until the choice, and Escape records nothing."""
    ids = add_items(world)
    session = world.start_session()
    window = make_window()
    scan(qtbot, window, f"]d201{GTIN_A}17370630{GS}10LOT43")  # GTIN, expiry, lot: no serial
    dialog = window.dialog
    assert isinstance(dialog, ItemChoiceDialog) and dialog.isVisible()
    assert item_ids(world, session.id) == []
    assert window.panel.tag.text() == "Which item?"
    table = dialog.table
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert [row[2:6] for row in rows] == [  # lot, expiry, location, in the listing
        ["LOT43", "2037-06-30", world.shelf2.path, "Yes"],  # the label's lot first
        ["LOT42", "2036-12-31", world.shelf1.path, "Yes"],
        ["LOT42", "2036-12-31", world.fridge.path, "No"],
    ]
    assert any("The label says lot LOT43." in label.text() for label in dialog.findChildren(QLabel))
    # a person chooses, long after the scan (an Enter within moments of it is the scanner's)
    window.capture._ended_at = float("-inf")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    settle(qtbot, window)  # the chosen item's scan goes through the queue too
    assert item_ids(world, session.id) == [ids["SN001"]]
    assert window.panel.tag.text() == "In Scope"
    scan(qtbot, window, f"(01){GTIN_A}")
    dialog = window.dialog
    assert isinstance(dialog, ItemChoiceDialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert item_ids(world, session.id) == [ids["SN001"]]
    assert window.panel.tag.text() == "NOT RECORDED"
    assert "none was chosen" in window.panel.detail.text()


def test_expired_in_the_panel_and_the_scanned_list(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Issue 18, point 4: an expired bottle says Expired in word, colour and icon."""
    add_items(world)
    world.start_session()
    window = make_window()
    scan(qtbot, window, "]d2" + OLD.element_string())
    panel = window.panel
    assert panel.tag.text() == "In Scope"
    assert panel.expired.isVisible() and panel.expired.word.text() == "Expired"
    assert "Expired" in panel.accessibleDescription()
    look = style.EXPIRED_LOOK
    cell = window.model.index(0, COLUMN_INDEX["label"])
    assert cell.data() == "Expired"
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == look.background
    assert "Expired" in cell.data(Qt.ItemDataRole.ToolTipRole)
    scan(qtbot, window, "]d2" + SN001.element_string())  # in date
    assert not panel.expired.isVisible()
    assert window.model.index(1, COLUMN_INDEX["label"]).data() == ""


def test_the_label_differs_and_updates_the_record(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Issue 18, point 4: the lot and expiry on the label beside the record, one action
    to update it (history events with the scan)."""
    ids = add_items(world)
    session = world.start_session()
    window = make_window()
    relabelled = Label(GTIN_A, expiry="380101", lot="LOT99", serial="SN001")
    scan(qtbot, window, "]C1" + relabelled.element_string())
    panel = window.panel
    assert panel.label_said.text() == (
        "The label says: lot on the label LOT99, recorded LOT42; "
        "expiry on the label 2038-01-01, recorded 2036-12-31."
    )
    assert panel.update_record.isVisible()
    assert window.model.index(0, COLUMN_INDEX["label"]).data() == (
        "lot on the label LOT99, recorded LOT42; expiry on the label 2038-01-01, "
        "recorded 2036-12-31"
    )
    qtbot.mouseClick(panel.update_record, Qt.MouseButton.LeftButton)
    item = world.services.inventory.item_by_barcode(SN001.human_readable)
    assert (item.id, item.lot, item.expires_on) == (ids["SN001"], "LOT99", date(2038, 1, 1))
    assert panel.tag.text() == "Record updated"
    assert "lot LOT42 → LOT99" in panel.detail.text()
    assert "expiry 2036-12-31 → 2038-01-01" in panel.detail.text()
    assert not panel.update_record.isVisible()
    history = world.services.inventory.history(ids["SN001"])[-2:]
    assert [(h.field, h.new_value, h.session_id) for h in history] == [
        ("lot", "LOT99", session.id),
        ("expiry", "2038-01-01", session.id),
    ]
    scan(qtbot, window, "]C1" + relabelled.element_string())  # a repeat: nothing to update
    assert not panel.update_record.isVisible()


def test_expired_in_a_view(qtbot: QtBot, world: LabWorld, make_window: MakeWindow) -> None:
    """Issue 18, point 4: the views show Expired with its colour and icon."""
    ids = add_items(world)
    session = world.start_session()
    window = make_window()
    scan(qtbot, window, "]d2" + SN002.element_string())
    for view in (View.NOT_SCANNED, View.ALL_IN_LISTING):
        opened = open_view(window, world.services, world.ana.operator(), session.id, view)
        assert isinstance(opened, ViewWindow)
        qtbot.addWidget(opened)
        wait_loaded(qtbot, opened)
        model = opened.model
        column = model.column_of("expired")
        rows = {model.item_id(r): r for r in range(model.rowCount())}
        old = model.index(rows[ids["OLD"]], column)
        assert old.data() == "Expired", view
        assert not old.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert old.data(Qt.ItemDataRole.BackgroundRole).name() == style.EXPIRED_LOOK.background
        fresh = model.index(rows[ids["SN001"]], column)
        assert fresh.data() == "" and fresh.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(rows[ids["SN002"]], model.column_of("label_lot")).data() == "LOT43"


def test_a_choice_comes_back_through_the_scan_queue_and_the_chosen_scan_goes_in_order(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Scans go to the database off the GUI thread: a GTIN alone that fits several bottles
    shows as on its way like any scan, asks which bottle once its answer is back (its row
    goes: nothing was recorded), and the scan with the bottle chosen is sent behind the
    scans sent meanwhile."""
    ids = add_items(world)
    plain = world.services.inventory.item_by_barcode("ITEM-0001").id
    session = world.start_session()
    window = make_window()
    settle(qtbot, window)
    window.live.poll_timer.stop()
    # another program holds the database's write lock: the scans wait, in order
    other = sqlite3.connect(world.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        for raw in (f"(01){GTIN_A}", "ITEM-0001"):
            send_text(window.scan_input, raw)
            qtbot.keyClick(window.scan_input, Qt.Key.Key_Return)
        assert window.live.sending
        qtbot.waitUntil(lambda: window.model.rowCount() == 2)  # both on their way
        assert window.dialog is None  # no answer yet, no question
    finally:
        other.execute("ROLLBACK")
        other.close()
    settle(qtbot, window)
    dialog = window.dialog
    assert isinstance(dialog, ItemChoiceDialog) and dialog.isVisible()
    assert [row.barcode for row in window.model.rows()] == ["ITEM-0001"]
    assert item_ids(world, session.id) == [plain]
    window.capture._ended_at = float("-inf")  # a person chooses, long after the scan
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # the first: the expected bottle
    qtbot.waitUntil(lambda: window.dialog is None)
    settle(qtbot, window)
    chosen = dialog.choice.choices[0].item_id
    assert chosen in (ids["SN001"], ids["SN002"])
    assert item_ids(world, session.id) == [plain, chosen]
    assert [row.item_id for row in window.model.rows()] == [plain, chosen]
    assert window.panel.tag.text() == "In Scope"
