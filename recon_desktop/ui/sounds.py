"""Short tones that tell the tags apart without looking at the screen.

Qt Multimedia plays the wav files in resources/sounds when it is installed (it needs
libpulse on Linux). Without it the problems (not in scope, unknown, not saved) get the
system beep and the rest stays silent. Sound is never a reason for an error.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from recon_desktop.ui import style

SOUND_NAMES = ("in_scope", "not_in_scope", "unknown", "already_scanned", "location", "error")
BEEP_FOR = frozenset({"not_in_scope", "unknown", "error"})


def _multimedia() -> Any | None:
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError:
        return None


class ScanSounds(QObject):
    """Plays the tone of a scan result (by its look key) when sounds are on."""

    def __init__(self, *, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._multimedia = _multimedia() if enabled else None
        self._effects: dict[str, Any] = {}

    @property
    def uses_multimedia(self) -> bool:
        return self._multimedia is not None

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled and self._multimedia is None:
            self._multimedia = _multimedia()

    def play(self, name: str) -> None:
        if not self.enabled or name not in SOUND_NAMES:
            return
        if self._multimedia is None:
            if name in BEEP_FOR:
                QApplication.beep()
            return
        effect = self._effects.get(name)
        if effect is None:
            path = Path(style.resource("sounds", f"{name}.wav"))
            if not path.exists():
                return
            effect = self._multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.6)
            self._effects[name] = effect
        effect.play()
