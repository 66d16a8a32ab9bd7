"""Keyboards as bench PCs have them: a scanner set to another layout, the Option key of
macOS, AltGr of Windows and X11, Alt+keypad codes, and input methods (CJK)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from recon_desktop.core.keyboard_layouts import FRENCH, US, as_typed
from recon_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, send_text

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def test_a_scanner_on_another_layout_is_told_in_the_panel(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    typed = as_typed("ITEM-0001", scanner=US, computer=FRENCH)
    assert typed == "ITE?)ààà&"
    send_text(window.table, typed + "\r")
    qtbot.waitUntil(lambda: window.panel.tag.text() == "Unknown barcode")
    assert window.panel.ingredient.text() == (
        "Probably ITEM-0001, typed for a US English (QWERTY) keyboard on a French (AZERTY) one."
    )
    assert window.panel.note.text().startswith(
        "Set the scanner's keyboard country to French (AZERTY)"
    )
    assert "ITEM-0001" in window.panel.accessibleDescription()
