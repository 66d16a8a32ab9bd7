"""Layouts follow the font and the screen: rows, columns and icons measured from the font
the style sheet sets (again when it changes), a dialog taller than the screen scrolls
with its buttons in reach, a saved size too big for this screen is cut to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.settings import Settings
from recon_desktop.ui import preferences, style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.scan_list import COLUMN_INDEX, TAG_COLUMN
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.sizing import screen_of
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def available(widget: QWidget) -> QRect:
    """The free area of the screen ``widget`` is on (see sizing.screen_of: never
    ``widget.screen()``)."""
    screen = screen_of(widget)
    assert screen is not None
    return screen.availableGeometry()


@pytest.fixture
def font_28(qapp: QApplication) -> Iterator[QApplication]:
    """The program's style sheet with ordinary text at 28 px (the settings' largest use)."""
    sheet = qapp.styleSheet()
    qapp.setStyleSheet(preferences.scaled_stylesheet(style.stylesheet(), 28))
    yield qapp
    qapp.setStyleSheet(sheet)


def test_rows_columns_and_icons_follow_the_font(
    qtbot: QtBot, font_28: QApplication, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    type_scan(qtbot, window.scan_input, "NO-SUCH-ITEM")
    table = window.table
    metrics = QFontMetrics(table.font())
    assert table.font().pixelSize() == 28
    assert table.rowHeight(0) >= metrics.height() + 4  # never cut at the top or bottom
    assert table.iconSize().height() == metrics.height()
    tag_width = table.columnWidth(TAG_COLUMN)
    assert tag_width >= metrics.horizontalAdvance("Unknown barcode") + table.iconSize().width()
    time_width = table.columnWidth(COLUMN_INDEX["time"])
    assert time_width >= metrics.horizontalAdvance("10:23:15")
    assert window.cog.iconSize().height() >= metrics.height()
    # the font changes (Settings: a smaller size): the rows follow at once
    font_28.setStyleSheet(preferences.scaled_stylesheet(style.stylesheet(), 14))
    qtbot.waitUntil(lambda: table.font().pixelSize() == 14)
    qtbot.waitUntil(lambda: table.rowHeight(0) < metrics.height())
    assert table.columnWidth(TAG_COLUMN) < tag_width


def test_the_scan_fields_icon_grows_with_its_text(
    qtbot: QtBot, font_28: QApplication, world: LabWorld, make_window: MakeWindow
) -> None:
    """The scan field's leading icon is as tall as a line of its text: at font 28 (and at
    200%, where the same logical size is drawn from the SVG at the screen's ratio)."""
    sheet = font_28.styleSheet()
    style.apply(font_28)  # the program's style, as app.run_gui sets it
    font_28.setStyleSheet(sheet)
    window = make_window()
    field = window.scan_input
    (button,) = field.findChildren(QToolButton)  # the icon of its leading action
    line = QFontMetrics(field.font()).height()
    assert field.font().pixelSize() == 40  # the field's larger text, at font 28
    assert button.height() >= line and button.width() >= line
    assert field.geometry().height() >= button.height()  # inside the field, not cut
    # Settings: a smaller size; the icon follows
    font_28.setStyleSheet(preferences.scaled_stylesheet(style.stylesheet(), 14))
    qtbot.waitUntil(lambda: field.font().pixelSize() == 20)
    small = QFontMetrics(field.font()).height()
    qtbot.waitUntil(lambda: small <= button.height() < line)


def test_a_dialog_taller_than_the_screen_scrolls_with_save_in_reach(
    qtbot: QtBot, font_28: QApplication, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(font_size=28), tmp_path / "settings.json")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = available(dialog)
    assert dialog.sizeHint().height() <= screen.height()
    assert dialog.height() <= screen.height()
    assert dialog.body.verticalScrollBar().maximum() > 0  # the form scrolls
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isVisible() and save.geometry().bottom() <= dialog.height()


def test_tab_into_a_scrolled_form_shows_the_field_it_reaches(
    qtbot: QtBot, font_28: QApplication, tmp_path: Path
) -> None:
    """Shift+Tab from the buttons lands on the form's last field, scrolled into view; the
    scrolling body is not a stop of its own."""
    dialog = SettingsDialog(Settings(font_size=28), tmp_path / "settings.json")
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    viewport = dialog.body.viewport()
    assert dialog.body.verticalScrollBar().maximum() > 0
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setFocus()
    qtbot.waitUntil(save.hasFocus)
    seen = []
    for _ in range(4):  # past the other buttons, into the form
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        field = QApplication.focusWidget()
        assert field is not dialog.body
        if dialog.body.isAncestorOf(field):
            top = field.mapTo(viewport, QPoint(0, 0)).y()
            seen.append(top >= 0 and top + field.height() <= viewport.height())
    assert seen and all(seen), seen


def test_a_saved_size_too_big_for_this_screen_is_cut_to_it(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow, settings: QSettings
) -> None:
    window = make_window()
    screen = available(window)
    window.resize(screen.width() * 2, screen.height() * 2)
    qtbot.waitUntil(lambda: window.width() > screen.width())
    window.close()  # saves its geometry
    again = make_window()
    assert again.width() <= screen.width() and again.height() <= screen.height()
    assert screen.contains(again.frameGeometry().topLeft())


def test_check_boxes_and_arrows_grow_with_the_font_size() -> None:
    sheet = preferences.scaled_stylesheet(style.stylesheet(), 28)
    indicator = sheet[sheet.index("QCheckBox::indicator, QRadioButton::indicator") :]
    assert "width: 32px" in indicator[: indicator.index("}")]
    combo = sheet[sheet.index("QComboBox {") :]
    assert "padding-right: 48px" in combo[: combo.index("}")]
    assert "width: 16px" in style.stylesheet()  # the base size, at 14 px text


SCREEN_SCRIPT = """
import gc, sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from recon_desktop.settings import Settings
from recon_desktop.ui.settings_dialog import SettingsDialog
from recon_desktop.ui.sizing import cap_to_screen

app = QApplication(sys.argv[:1])
gc.disable()  # cycles are collected when asked, as the program's collector does
folder = Path(sys.argv[1])
gone = []
QGuiApplication.primaryScreen().destroyed.connect(lambda: gone.append("screen"))
kept = SettingsDialog(Settings(), folder / "kept.json")
kept.show()
app.processEvents()
for n in range(3):
    dialog = SettingsDialog(Settings(), folder / f"{n}.json")
    dialog.show()
    app.processEvents()
    cap_to_screen(dialog)
    dialog.cycle = dialog  # garbage that only the cycle collector frees
    del dialog
    gc.collect()
print("screen deleted" if gone else "screen kept", flush=True)
window = QWidget()  # asks the screen for its font's resolution
window.show()
app.processEvents()
print("window shown", flush=True)
"""


def test_a_collected_dialog_leaves_the_screen_alone(tmp_path: Path) -> None:
    """Sizing a dialog by its screen never ties the application's screen to the dialog: a
    dialog caught in a reference cycle (one with a background op) and collected took the
    screen with it, and the next window crashed the program. In its own process: the
    fault would end the test run."""
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SCREEN_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    said = f"exit {done.returncode}: {done.stderr}"
    assert done.stdout.split("\n")[:2] == ["screen kept", "window shown"], said
    assert done.returncode == 0, said


def test_no_code_asks_a_widget_for_its_screen() -> None:
    """``widget.screen()`` ties the application's screen to the widget's Python object (see
    sizing.screen_of): a freed dialog would take the screen with it."""
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("recon_desktop", "scripts", "tests")
        for path in (root / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\w\)?\.screen\(\)", line) and "``" not in line
    ]
    assert found == [], "use sizing.screen_of(widget) instead"


def test_the_wheel_scrolls_a_form_past_a_field_without_focus(
    qtbot: QtBot, font_28: QApplication, tmp_path: Path
) -> None:
    """A wheel turn over a spin box that has no focus scrolls the form and leaves the
    value as it was (the font size went from 14 to 10 while a person scrolled)."""
    dialog = SettingsDialog(Settings(font_size=14), tmp_path / "settings.json")
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    bar = dialog.body.verticalScrollBar()
    assert bar.maximum() > 0
    spin = dialog.font_size
    dialog.body.ensureWidgetVisible(spin)
    dialog.buttons.setFocus()
    assert not spin.hasFocus()
    before, top = spin.value(), bar.value()
    middle = QPointF(spin.rect().center())
    wheel = QWheelEvent(
        middle, QPointF(spin.mapToGlobal(middle)), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(spin, wheel)
    assert spin.value() == before
    assert bar.value() > top


def test_the_newest_scan_stays_in_sight_at_font_28(
    qtbot: QtBot, font_28: QApplication, world: LabWorld, make_window: MakeWindow
) -> None:
    """Scan after scan at the largest font (the last-scan panel grows and shrinks with
    what it says, the list's height with it): the newest row is in sight after each."""
    world.start_session()
    window = make_window()
    window.resize(1200, 800)
    table = window.table
    for code in [*world.barcodes[:12], "NO-SUCH-ITEM", world.barcodes[45], "ITEM-0003"]:
        type_scan(qtbot, window.scan_input, code)
        newest = table.model().rowCount() - 1

        def newest_in_sight(row: int = newest) -> bool:
            rect = table.visualRect(table.model().index(row, 0))
            return rect.isValid() and rect.top() >= 0 and rect.bottom() < table.viewport().height()

        qtbot.waitUntil(newest_in_sight, timeout=2000)
    assert table.verticalScrollBar().maximum() > 0  # the list is longer than its room
