"""Short tones that tell the scan results apart without looking at the screen.

Each look key (in scope, not in scope, unknown, already scanned, location, error) has a wav
file in resources/sounds, played by the platform's own player: ``winsound`` on Windows,
``afplay`` on macOS, elsewhere the first of ``paplay`` (PulseAudio, or PipeWire's PulseAudio
server), ``pw-play`` (PipeWire) and ``aplay`` (ALSA) found on PATH. That needs no package:
PySide6-Essentials has no Qt Multimedia, and PySide6-Addons, which has it, is large (the
README's Dependencies give its size).

A player program runs as a process of its own, started without waiting for it; a daemon
thread waits for its end (no zombie is left) and reads what it said on stderr. At most one
tone sounds at a time: the newest result wins, as on the screen, so a new tone stops the one
still sounding, except that a tone still sounding is not started again for the same result
(a scanner's burst of in-scope scans gives no stutter of restarts and no pile of processes).
On Windows, ``PlaySound`` with ``SND_ASYNC`` replaces the sound playing, and the same tone is
not started again before its length has passed.

Sound is never a reason for an error: with no player, or a player that fails (no audio
device, no sound server), scan results stay silent and the log says why, once. Turning sounds
off and on again looks for a player again.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from recon_desktop.core.records import ScanKind, ScanResult
from recon_desktop.ui import style

log = logging.getLogger(__name__)

SOUND_NAMES = ("in_scope", "not_in_scope", "unknown", "already_scanned", "location", "error")

# player programs, in order of preference, each with the options that make it quiet
UNIX_PLAYERS = (("paplay",), ("pw-play",), ("aplay", "--quiet"))
MAC_PLAYERS = (("afplay",),)
SILENT = "scan results are silent"

Report = Callable[[str], None]


def tone_of(result: ScanResult) -> str:
    """The sound of a saved scan: the location's, or its tag's."""
    if result.kind is ScanKind.LOCATION:
        return "location"
    return result.tag.value if result.tag else "unknown"


class Player(Protocol):
    name: str

    @property
    def idle(self) -> bool: ...

    def play(self, tone: str, path: str) -> None: ...


class ScanSounds:
    """Plays the tone of a scan result (by its look key) when sounds are on."""

    def __init__(
        self,
        *,
        enabled: bool,
        platform: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self._platform = platform or sys.platform
        self._clock = clock
        self._player: Player | None = None
        self._looked = False  # for a player, since sounds were last turned on
        self._silent = False  # the log was told why; nothing is played until turned on again
        self._round = 0  # a report from an earlier player is not about this one
        self._lock = threading.Lock()

    @property
    def player(self) -> str | None:
        """The player in use (``paplay``, ``winsound``, …), once a tone was played."""
        return self._player.name if self._player is not None else None

    @property
    def idle(self) -> bool:
        """No player process is left to wait for."""
        return self._player is None or self._player.idle

    def set_enabled(self, enabled: bool) -> None:
        with self._lock:
            if enabled and not self.enabled:  # look again: a player may have come since
                self._round += 1
                self._player = None
                self._looked = self._silent = False
            self.enabled = enabled

    def play(self, name: str) -> None:
        if not self.enabled or self._silent or name not in SOUND_NAMES:
            return
        if not self._looked:
            self._looked = True
            self._player = find_player(
                self._platform, functools.partial(self._fail, self._round), self._clock
            )
            if self._player is None:
                self._fail(self._round, f"No audio player was found ({looked_for(self._platform)})")
                return
        if self._player is None:
            return
        path = style.resource("sounds", f"{name}.wav")
        if not os.path.isfile(path):
            self._fail(self._round, f"The sound file {path} is missing")
            return
        self._player.play(name, path)

    def _fail(self, round_: int, sentence: str) -> None:
        """Said once (from any thread): scans go on, silent."""
        with self._lock:
            if round_ != self._round or self._silent:
                return
            self._silent = True
        log.warning("%s: %s (turn sounds off and on to try again).", sentence, SILENT)


def looked_for(platform: str) -> str:
    if platform == "win32":
        return "the winsound module"
    players = MAC_PLAYERS if platform == "darwin" else UNIX_PLAYERS
    return "looked for " + ", ".join(player[0] for player in players) + " on PATH"


def find_player(
    platform: str, report: Report, clock: Callable[[], float] = time.monotonic
) -> Player | None:
    """The platform's own player, or None."""
    if platform == "win32":
        try:
            module = importlib.import_module("winsound")
        except ImportError:
            return None
        return WinSoundPlayer(module, report, clock)
    for name, *options in MAC_PLAYERS if platform == "darwin" else UNIX_PLAYERS:
        found = shutil.which(name)
        if found:
            return CommandPlayer([found, *options], report)
    return None


class _Run:
    """One player process and the tone it plays."""

    def __init__(self, tone: str, process: subprocess.Popen[bytes]) -> None:
        self.tone = tone
        self.process = process
        self.stopped = False  # stopped by a newer tone: its exit status says nothing


class CommandPlayer:
    """A player program: ``argv`` followed by the wav file's path."""

    def __init__(self, argv: list[str], report: Report) -> None:
        self.argv = argv
        self.name = Path(argv[0]).name
        self._report = report
        self._current: _Run | None = None
        self._waiting: set[_Run] = set()  # started, not yet waited for
        self._lock = threading.Lock()

    @property
    def idle(self) -> bool:
        with self._lock:
            return not self._waiting

    def play(self, tone: str, path: str) -> None:
        current = self._current
        if current is not None and current.process.poll() is None:
            if current.tone == tone:
                return  # still sounding: it says the same thing
            current.stopped = True
            current.process.terminate()
        self._current = None
        try:
            process = subprocess.Popen(
                [*self.argv, path],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            self._report(f"The audio player {self.argv[0]} could not be started ({exc})")
            return
        run = _Run(tone, process)
        with self._lock:
            self._waiting.add(run)
        self._current = run
        threading.Thread(
            target=self._wait, args=(run,), name=f"sound: {self.name}", daemon=True
        ).start()

    def _wait(self, run: _Run) -> None:
        """On a thread of its own: wait for the player's end, tell a failure."""
        try:
            _, said = run.process.communicate()
            status = run.process.returncode
            if status != 0 and not run.stopped:
                lines = said.decode(errors="replace").strip().splitlines()
                reason = f": {lines[-1].strip()}" if lines else ""
                self._report(f"The audio player {self.name} failed (exit status {status}{reason})")
        finally:
            with self._lock:
                self._waiting.discard(run)


@functools.cache
def _length(path: str) -> float:
    """Seconds of sound in a wav file (0 when it cannot be read)."""
    try:
        with wave.open(path, "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0.0


class WinSoundPlayer:
    """Windows' own ``PlaySound``, asynchronous: a new sound replaces the one playing."""

    name = "winsound"
    idle = True  # no process to wait for

    def __init__(self, module: Any, report: Report, clock: Callable[[], float]) -> None:
        self._winsound = module
        self._flags = module.SND_FILENAME | module.SND_ASYNC | module.SND_NODEFAULT
        self._report = report
        self._clock = clock
        self._tone: str | None = None
        self._until = 0.0

    def play(self, tone: str, path: str) -> None:
        now = self._clock()
        if tone == self._tone and now < self._until:
            return  # still sounding: it says the same thing
        try:
            self._winsound.PlaySound(path, self._flags)
        except RuntimeError as exc:  # e.g. no audio device
            self._tone = None
            self._report(f"Windows could not play {path} ({exc})")
            return
        self._tone, self._until = tone, now + _length(path)
