"""For everyone at the bench: the keyboard leaves every table with Tab, a screen reader
finds every control named with its role, and each scan is announced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recon_desktop.settings import Settings, Terminator
from recon_desktop.ui import actions, import_wizard
from recon_desktop.ui.end_dialog import EndSessionDialog
from recon_desktop.ui.item_details import open_item_details
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.preferences import terminator_keys
from recon_desktop.ui.register_dialog import RegisterDialog
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.signin import SignInDialog
from recon_desktop.ui.start_dialog import StartSessionDialog
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, type_scan

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


Role = QAccessible.Role
# what a control that takes the keyboard's focus is to a screen reader
CONTROL_ROLES = {
    Role.PushButton, Role.ButtonMenu, Role.ButtonDropDown, Role.CheckBox, Role.RadioButton,
    Role.EditableText, Role.ComboBox, Role.SpinBox, Role.Slider, Role.Table, Role.Tree,
    Role.List, Role.PageTab, Role.Link,
}  # fmt: skip
LABELLED_BY_TEXT = {Role.PushButton, Role.ButtonMenu, Role.CheckBox, Role.RadioButton}


def _label(iface: QAccessibleInterface) -> str:
    """What a screen reader calls a control: its accessible name, a button's own text,
    else the label whose buddy it is (a form's label; a group box only tells the group
    it is in). A combo box's name on Linux is its value, so the label is what counts."""
    widget = iface.object()
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if iface.role() in LABELLED_BY_TEXT:
        return iface.text(QAccessible.Text.Name)
    for other, _ in iface.relations(QAccessible.RelationFlag.Label):
        if not isinstance(other.object(), QGroupBox) and other.text(QAccessible.Text.Name):
            return other.text(QAccessible.Text.Name)
    return ""


def _unnamed_controls(top: QWidget) -> list[str]:
    """Every control that takes the focus by Tab without a name or without a control's
    role, and every dialog button without a name."""
    found = []
    for path, iface in _tree(QAccessible.queryAccessibleInterface(top)):
        widget = iface.object()
        if not isinstance(widget, QWidget) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        what = f"{path} ({type(widget).__name__} {widget.objectName()!r})"
        if iface.role() not in CONTROL_ROLES:
            found.append(f"{what}: takes the focus as a {iface.role().name}")
        elif not _label(iface).strip():
            found.append(f"{what}: no name")
    for box in top.findChildren(QDialogButtonBox):
        for button in box.buttons():
            name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            if button.isVisibleTo(top) and not name.strip():
                found.append(f"a button of {box.objectName()!r}: no name")
    return found


DIALOGS = (
    "sign-in", "start session", "end session", "settings", "move", "split", "set",
    "archive", "item details", "register item", "import",
)  # fmt: skip


@pytest.mark.parametrize("dialog", DIALOGS)
def test_each_dialog_names_every_control_with_its_role(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, tmp_path: Any, dialog: str
) -> None:
    """The dialogs a technician meets: every control the keyboard reaches has a name (its
    text, its label, or an accessible name) and a control's role; so has every button."""
    session = world.start_session()
    window = make_window()
    operator = world.ana.operator()
    services = world.services
    item = services.inventory.item_by_barcode("ITEM-0002")
    builders: dict[str, Callable[[], QWidget]] = {
        "sign-in": lambda: SignInDialog(services, parent=window),
        "start session": lambda: StartSessionDialog(services, operator, parent=window),
        "end session": lambda: EndSessionDialog(services, operator, session, parent=window),
        "settings": lambda: SettingsDialog(Settings(), tmp_path / "settings.json", parent=window),
        "item details": lambda: open_item_details(window, services, item.id),
        "register item": lambda: RegisterDialog(
            window, services, operator, session.id, 1, "NEW-TUBE-7", None
        ),
        "import": lambda: import_wizard.ImportWizard(window, services, operator, world.lab.id),
    }
    for action in ("move", "split", "set", "archive"):
        builders[action] = lambda action=action: actions.make_dialog(  # type: ignore[misc]
            window, services, operator, action, [item], session.id
        )
    top = builders[dialog]()
    activate(qtbot, top)
    assert not _unnamed_controls(top), _unnamed_controls(top)
    top.close()


def _focus_selectors() -> list[tuple[str, str]]:
    """(type, object name or "") of every rule of the style sheet that styles focus."""
    import re

    from recon_desktop.ui import style

    sheet = re.sub(r"/\*.*?\*/", "", style.stylesheet(), flags=re.S)
    found = []
    for selectors in re.findall(r"([^{}]+)\{", sheet):
        for selector in selectors.split(","):
            selector = selector.strip()
            if not selector.endswith(":focus") or " " in selector:
                continue
            head = selector.split(":")[0].split("[")[0]
            kind, _, name = head.partition("#")
            found.append((kind, name))
    return found


def _focus_is_styled(widget: QWidget, selectors: list[tuple[str, str]]) -> bool:
    kinds = set()
    meta = widget.metaObject()
    while meta is not None:
        kinds.add(meta.className())
        meta = meta.superClass()
    return any(
        (not kind or kind in kinds) and (not name or name == widget.objectName())
        for kind, name in selectors
    )


def test_every_tab_stop_of_the_window_shows_focus(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    """Tab from the scan field round the window: each stop is a control the style sheet
    gives a focus look (the last-scan panel too), never the window's scrolling body."""
    world.start_session()
    window = make_window()
    window.capture.configure(terminators=terminator_keys(Terminator.ENTER))
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    window.scan_input.setFocus()
    qtbot.waitUntil(window.scan_input.hasFocus)
    selectors = _focus_selectors()
    stops: list[QWidget] = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is window.scan_input:
            break
        stops.append(now)
    assert window.panel in stops
    unstyled = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in stops
        if not _focus_is_styled(w, selectors)
    ]
    assert not unstyled, "Tab stops without a visible focus: " + "; ".join(unstyled)
