"""For everyone at the bench: the keyboard leaves every table with Tab, a screen reader
finds every control named with its role, and each scan is announced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu
from pytestqt.qtbot import QtBot

from recon_desktop.settings import Terminator
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.preferences import terminator_keys
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def test_tab_leaves_the_scanned_list(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Tab goes to the next control (never cell by cell through the table); the arrows
    still move between the rows."""
    world.start_session()
    window = make_window()
    # the settings' default, Enter ends a scan (a Tab just after one would be the scanner's)
    window.capture.configure(terminators=terminator_keys(Terminator.ENTER))
    for code in ("ITEM-0001", "ITEM-0002"):
        type_scan(qtbot, window.scan_input, code)
    table = window.findChild(QAbstractItemView, "scanTable")
    assert table is not None and not table.tabKeyNavigation()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(table.hasFocus)


def _tree(iface: QAccessibleInterface | None, path: str = "") -> list[tuple[str, Any]]:
    """Every visible node under ``iface``: (its path of roles, the interface); a table's
    or list's cells are the table's business."""
    if iface is None or not iface.isValid() or iface.state().invisible:
        return []
    here = f"{path}/{iface.role().name}"
    found = [(here, iface)]
    if iface.role() not in (QAccessible.Role.Table, QAccessible.Role.List):
        for i in range(iface.childCount()):
            found += _tree(iface.child(i), here)
    return found


NAMED_ROLES = {
    QAccessible.Role.Window, QAccessible.Role.Client, QAccessible.Role.PushButton,
    QAccessible.Role.ButtonMenu, QAccessible.Role.EditableText, QAccessible.Role.ComboBox,
    QAccessible.Role.CheckBox, QAccessible.Role.SpinBox, QAccessible.Role.ProgressBar,
    QAccessible.Role.Table, QAccessible.Role.List, QAccessible.Role.Graphic,
    QAccessible.Role.StatusBar, QAccessible.Role.Border, QAccessible.Role.Grouping,
}  # fmt: skip


def _named(window: MainWindow) -> dict[str, tuple[QAccessible.Role, str]]:
    """objectName → (role, accessible name) of every visible node; fails on a control
    without a name."""
    nameless = []
    by_object: dict[str, tuple[QAccessible.Role, str]] = {}
    for path, iface in _tree(QAccessible.queryAccessibleInterface(window)):
        name = iface.text(QAccessible.Text.Name)
        role = iface.role()
        if role in NAMED_ROLES and not name.strip():
            holder = iface.object()
            nameless.append(f"{path} ({type(holder).__name__} {holder.objectName()!r})")
        if iface.object() is not None and iface.object().objectName():
            by_object[iface.object().objectName()] = (role, name)
    assert not nameless, "controls without a name: " + "; ".join(nameless)
    return by_object


def test_the_accessibility_tree_names_every_control(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    nodes = _named(window)
    Role = QAccessible.Role
    expected = {
        "scanInput": (Role.EditableText, "Scan field"),
        "scanTable": (Role.Table, "Scanned list"),
        "bannerProgressBar": (Role.ProgressBar, "Expected items scanned"),
        "cogButton": (Role.ButtonMenu, "Session menu"),
        "clearAllButton": (Role.PushButton, "Clear All"),
        "lastScanPanel": (Role.Border, "Last scan"),
        "barcodeTracking": (Role.Client, "Barcode Tracking"),
    }
    for name, (role, text) in expected.items():
        assert nodes[name] == (role, text), name
    assert nodes["reconTag"][0] is Role.ButtonMenu and nodes["reconTag"][1]
    panel = QAccessible.queryAccessibleInterface(window.panel)
    assert panel.state().focusable  # a screen reader's user can go back to it
    assert panel.text(QAccessible.Text.Description).startswith("In Scope. ")
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            assert action.isSeparator() or action.text().strip(), menu.objectName()


def test_each_scan_is_announced_with_its_tag_item_and_wrong_location(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    said = window.panel.announced
    assert said.startswith("In Scope. ") and "ITEM-0001" in said and "PBS" in said
    type_scan(qtbot, window.scan_input, world.shelf1.barcode or "")
    assert window.panel.announced.startswith("Location set. ")
    type_scan(qtbot, window.scan_input, "ITEM-0030")  # recorded on shelf 2
    said = window.panel.announced
    assert said.startswith("In Scope. ") and "ITEM-0030" in said
    assert "Wrong location: recorded at" in said
    type_scan(qtbot, window.scan_input, "NO-SUCH-CODE")
    said = window.panel.announced
    assert said.startswith("Unknown barcode. ") and "NO-SUCH-CODE" in said
