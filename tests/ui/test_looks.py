"""Resources of the window: the style sheet, an icon for every look, the tag sounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from recon_desktop.core.records import Tag
from recon_desktop.ui import style
from recon_desktop.ui.sounds import SOUND_NAMES
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

LOOKS = [
    *style.TAG_LOOKS.values(),
    style.LOCATION_LOOK,
    style.WRONG_LOCATION_LOOK,
    style.NOT_SAVED_LOOK,
    style.UNDONE_LOOK,
]


def test_every_tag_has_a_word_a_colour_and_an_icon(qapp: object) -> None:
    assert set(style.TAG_LOOKS) == set(Tag)
    for look in LOOKS:
        assert look.word
        assert style.color(look.foreground).isValid()
        assert style.color(look.background).isValid()
        assert not style.icon(look.icon).pixmap(24, 24).isNull(), look.icon
    for name in ("app", "cog", "scan", "chevron-down"):
        assert not style.icon(name).pixmap(24, 24).isNull(), name


def test_the_style_sheet_points_at_real_icons() -> None:
    sheet = style.stylesheet()
    assert "#lastScanPanel" in sheet and "@ICONS@" not in sheet
    for part in sheet.split("url(")[1:]:
        assert Path(part.split(")")[0].strip('"')).exists()  # url("…"), quoted


def test_each_tag_has_its_sound() -> None:
    for look in (*style.TAG_LOOKS.values(), style.LOCATION_LOOK):
        assert look.key in SOUND_NAMES
    for name in SOUND_NAMES:
        assert Path(style.resource("sounds", f"{name}.wav")).stat().st_size > 1000
