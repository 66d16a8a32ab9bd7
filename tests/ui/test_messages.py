"""Message boxes show the program's own icons, drawn from their SVG at the screen's pixel
ratio and sized from the font (Qt's raster icons blur at 150% and stay small beside
large text), wherever the program shows one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.ui import actions, file_dialogs, preferences, style
from tests.ui.big_world import when_modal
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
UI = Path(actions.__file__).parent


def own_icon(box: QMessageBox, name: str) -> QPixmap:
    """The icon ``name`` as the box should show it: two lines of its text tall, drawn
    at its screen's pixel ratio."""
    side = QFontMetrics(box.font()).height() * 2
    return style.icon(name).pixmap(QSize(side, side), box.devicePixelRatio())


def shows_own_icon(box: QMessageBox, name: str) -> bool:
    return box.iconPixmap().toImage() == own_icon(box, name).toImage()


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    sheet = qapp.styleSheet()
    style.apply(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)


def test_a_told_result_and_error_show_the_programs_icons(
    qtbot: QtBot, styled: QApplication
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    file_dialogs.tell(parent, "The report was saved.")
    box = parent.findChild(QMessageBox, "excelResultBox")
    assert box is not None and shows_own_icon(box, "information")
    box.close()
    file_dialogs.tell(parent, "The file could not be read.", error=True)
    box = parent.findChild(QMessageBox, "excelErrorBox")
    assert box is not None and shows_own_icon(box, "warning")
    qtbot.waitExposed(box)
    assert shows_own_icon(box, "warning")  # drawn again for the screen it opened on
    box.close()


def test_a_box_that_waits_for_its_answer_shows_the_programs_icon(
    qtbot: QtBot, styled: QApplication, world: LabWorld
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[bool] = []

    def look(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(shows_own_icon(box, "information"))
        box.accept()

    ran = when_modal(look, QMessageBox)
    actions.run_action(parent, world.services, world.ana.operator(), "split", [1, 2], None)
    assert ran == [True] and seen == [True]


def test_the_icon_grows_with_the_font(qtbot: QtBot, styled: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    file_dialogs.tell(parent, "The file could not be read.", error=True)
    box = parent.findChild(QMessageBox, "excelErrorBox")
    assert box is not None
    small = box.iconPixmap().height()
    styled.setStyleSheet(preferences.scaled_stylesheet(style.stylesheet(), 28))
    qtbot.waitUntil(lambda: box.font().pixelSize() == 28)
    assert box.iconPixmap().height() == QFontMetrics(box.font()).height() * 2 > small * 1.8
    assert shows_own_icon(box, "warning")
    box.close()


def test_no_message_box_is_built_past_the_one_place() -> None:
    """Qt's own boxes (QMessageBox.warning and its kin, a bare QMessageBox) bring Qt's
    raster icons: every box of the program is built in ui/messages.py."""
    built = re.compile(
        r"QMessageBox\.(information|warning|critical|question|about)\(|QMessageBox\("
    )
    found = [
        f"{path.name}:{number}"
        for path in sorted(UI.glob("*.py"))
        if path.name != "messages.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if built.search(line)
    ]
    assert not found, found


SCALED = """
import json
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from recon_desktop.ui import file_dialogs, style
from tests.ui.test_messages import own_icon

app = QApplication([])
style.apply(app)
parent = QWidget()
file_dialogs.tell(parent, "The file could not be read.", error=True)
box = parent.findChild(QMessageBox, "excelErrorBox")
app.processEvents()
shown, wanted = box.iconPixmap(), own_icon(box, "warning")
print(json.dumps({
    "ratio": box.devicePixelRatio(),
    "icon_ratio": shown.devicePixelRatio(),
    "pixels": shown.width(),
    "wanted_pixels": wanted.width(),
    "same": shown.toImage() == wanted.toImage(),
}))
"""


def test_at_150_percent_the_icon_is_drawn_sharp_from_its_svg() -> None:
    """A screen at 150% (its scale is set before Qt starts: a process of its own)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run(
        [sys.executable, "-c", SCALED],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == seen["icon_ratio"] == 1.5
    assert seen["pixels"] == seen["wanted_pixels"]  # its own pixels, not scaled up
    assert seen["same"], seen
