"""The tag tones reach the platform's player: scans through the real window, and player
programs that stand in for paplay, aplay and afplay (small scripts first on PATH that write
down what they were given), or a stand-in ``winsound`` module for Windows."""

from __future__ import annotations

import logging
import os
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from recon_desktop.ui import style
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.sounds import SOUND_NAMES, ScanSounds
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, type_scan

pytestmark = [
    pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE),
    pytest.mark.skipif(sys.platform == "win32", reason="the stand-in players are sh scripts"),
]


def wav(name: str) -> str:
    return style.resource("sounds", f"{name}.wav")


@dataclass
class Played:
    pid: int
    player: str
    args: list[str]

    @property
    def tone(self) -> str:
        return Path(self.args[-1]).stem


class PlayerBin:
    """A folder that is the whole PATH, with stand-in player programs in it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.record = folder / "played.txt"
        self.release = folder / "release"  # a holding player ends once this exists
        self.release.touch()

    def add(self, name: str, *, fail: str = "", hold: bool = False) -> None:
        lines = ["#!/bin/sh", f'echo "$$ ${{0##*/}} $*" >> "{self.record}"']
        if hold:
            lines.append(f'while [ ! -e "{self.release}" ]; do /bin/sleep 0.02; done')
        if fail:
            lines += [f'echo "{fail}" >&2', "exit 1"]
        program = self.folder / name
        program.write_text("\n".join(lines) + "\n", encoding="utf-8")
        program.chmod(0o755)

    def played(self) -> list[Played]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [Played(int(pid), player, args) for pid, player, *args in map(str.split, lines)]

    def tones(self) -> list[str]:
        return [p.tone for p in self.played()]


@pytest.fixture
def players(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlayerBin:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))  # no real player is found
    return PlayerBin(folder)


@pytest.fixture
def window_with(
    qtbot: QtBot, world: LabWorld, settings: QSettings
) -> Iterator[Callable[[ScanSounds], MainWindow]]:
    """The Barcode Tracking window as app.run_gui makes it, with the given sounds."""
    made: list[ScanSounds] = []

    def make(sounds: ScanSounds) -> MainWindow:
        made.append(sounds)
        window = MainWindow(
            world.services,
            world.ana.operator(),
            database=str(world.db_path),
            settings=settings,
            sounds=sounds,
        )
        qtbot.addWidget(window)
        activate(qtbot, window)
        return window

    yield make
    for sounds in made:  # no player left running into the next test
        qtbot.waitUntil(lambda sounds=sounds: sounds.idle)  # type: ignore[misc]


def sound_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "recon_desktop.ui.sounds" and r.levelno >= logging.WARNING
    ]


def no_dialog_shown() -> bool:
    return not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def reaped(pid: int) -> bool:
    """The process was waited for: it is no child of ours any more (not a zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


# a scan for each tone, in an order where no two tones in a row are the same
def each_tag_scans(world: LabWorld) -> list[tuple[str, str]]:
    return [
        (world.shelf1.barcode or "", "location"),
        ("ITEM-0001", "in_scope"),
        ("ITEM-0045", "not_in_scope"),  # in the fridge, outside the config
        ("NO-SUCH-ITEM", "unknown"),
        ("ITEM-0001", "already_scanned"),
    ]


def test_each_scan_result_plays_its_tone_through_the_player(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
    caplog: pytest.LogCaptureFixture,
) -> None:
    players.add("paplay")
    players.add("aplay")  # paplay comes first
    session = world.start_session()
    window = window_with(ScanSounds(enabled=True))
    expected: list[str] = []
    for code, tone in each_tag_scans(world):
        type_scan(qtbot, window.scan_input, code)
        assert window.panel.look == tone
        expected.append(tone)
        qtbot.waitUntil(lambda: len(players.played()) == len(expected))
    world.services.sessions.end(world.ana.operator(), session.id)  # from elsewhere
    type_scan(qtbot, window.scan_input, "ITEM-0002")  # refused: the session has ended
    expected.append("error")
    qtbot.waitUntil(lambda: len(players.played()) == len(expected))
    qtbot.waitUntil(lambda: window.sounds.idle)

    played = players.played()
    assert players.tones() == expected and set(expected) == set(SOUND_NAMES)
    assert all(p.player == "paplay" and p.args == [wav(p.tone)] for p in played)
    assert window.sounds.player == "paplay"
    assert all(reaped(p.pid) for p in played)
    assert sound_warnings(caplog) == []


def test_a_burst_of_the_same_tone_starts_one_player_and_the_newest_tone_wins(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
    caplog: pytest.LogCaptureFixture,
) -> None:
    players.release.unlink()
    players.add("paplay", hold=True)  # plays until released
    world.start_session()
    window = window_with(ScanSounds(enabled=True))
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    qtbot.waitUntil(lambda: players.tones() == ["in_scope"])
    first = players.played()[0]
    for code in ("ITEM-0002", "ITEM-0003", "ITEM-0004", "ITEM-0005"):  # in scope, still sounding
        type_scan(qtbot, window.scan_input, code)
    type_scan(qtbot, window.scan_input, "NO-SUCH-ITEM")  # a new tone stops the old one
    qtbot.waitUntil(lambda: len(players.played()) == 2)
    qtbot.waitUntil(lambda: reaped(first.pid))  # stopped, and waited for
    assert not window.sounds.idle  # the unknown tone still sounds
    players.release.touch()
    qtbot.waitUntil(lambda: window.sounds.idle)

    assert window.model.rowCount() == 6  # every scan recorded
    assert players.tones() == ["in_scope", "unknown"]
    assert all(reaped(p.pid) for p in players.played())
    assert sound_warnings(caplog) == []  # a tone stopped by a newer one is no failure


def test_without_any_player_scans_are_silent_with_one_log_line(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
    caplog: pytest.LogCaptureFixture,
) -> None:
    world.start_session()
    window = window_with(ScanSounds(enabled=True))
    for code in ("ITEM-0001", "NO-SUCH-ITEM", "ITEM-0001", "ITEM-0045"):
        type_scan(qtbot, window.scan_input, code)
    assert window.model.rowCount() == 4
    assert window.sounds.player is None and window.sounds.idle
    warnings = sound_warnings(caplog)
    assert len(warnings) == 1
    assert warnings[0].startswith("No audio player was found (looked for paplay, pw-play, aplay")
    assert no_dialog_shown()


@pytest.mark.parametrize(
    ("player", "said", "options"),
    [
        ("paplay", "pa_context_connect() failed: Connection refused", []),
        ("aplay", "aplay: main:831: audio open error: No such file or directory", ["--quiet"]),
    ],
)
def test_a_failing_player_gives_one_log_line_and_silence(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
    caplog: pytest.LogCaptureFixture,
    player: str,
    said: str,
    options: list[str],
) -> None:
    players.add(player, fail=said)  # no sound server, or no audio device
    world.start_session()
    window = window_with(ScanSounds(enabled=True))
    for code in ("ITEM-0001", "NO-SUCH-ITEM", "ITEM-0045"):
        type_scan(qtbot, window.scan_input, code)
    qtbot.waitUntil(lambda: sound_warnings(caplog) != [])
    qtbot.waitUntil(lambda: window.sounds.idle)
    started = len(players.played())
    assert started >= 1 and players.played()[0].args == [*options, wav("in_scope")]
    for code in ("ITEM-0002", "ITEM-0046"):
        type_scan(qtbot, window.scan_input, code)
    qtbot.waitUntil(lambda: window.sounds.idle)

    assert window.model.rowCount() == 5
    assert len(players.played()) == started  # silent after the failure was seen
    assert sound_warnings(caplog) == [
        f"The audio player {player} failed (exit status 1: {said}): scan results are silent "
        "(turn sounds off and on to try again)."
    ]
    assert no_dialog_shown()
    assert all(reaped(p.pid) for p in players.played())

    # the ⚙ menu's Sounds, off and on: the player is tried again (and told again)
    window.session_menu.sounds_action.trigger()
    window.session_menu.sounds_action.trigger()
    type_scan(qtbot, window.scan_input, "ITEM-0003")
    qtbot.waitUntil(lambda: len(sound_warnings(caplog)) == 2)
    qtbot.waitUntil(lambda: window.sounds.idle)
    assert players.tones()[started:] == ["in_scope"]


def test_sounds_off_play_nothing(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
) -> None:
    players.add("paplay")
    world.start_session()
    window = window_with(ScanSounds(enabled=False))
    assert not window.session_menu.sounds_action.isChecked()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    window.session_menu.sounds_action.trigger()  # on
    type_scan(qtbot, window.scan_input, "NO-SUCH-ITEM")
    qtbot.waitUntil(lambda: window.sounds.idle and players.played() != [])
    window.session_menu.sounds_action.trigger()  # off
    type_scan(qtbot, window.scan_input, "ITEM-0045")
    qtbot.waitUntil(lambda: window.sounds.idle)
    assert window.model.rowCount() == 3
    assert players.tones() == ["unknown"]


def test_macos_plays_through_afplay(
    qtbot: QtBot, players: PlayerBin, caplog: pytest.LogCaptureFixture
) -> None:
    players.add("afplay")
    players.add("paplay")  # not looked for on macOS
    sounds = ScanSounds(enabled=True, platform="darwin")
    sounds.play("location")
    qtbot.waitUntil(lambda: sounds.idle and players.played() != [])
    assert [(p.player, p.args) for p in players.played()] == [("afplay", [wav("location")])]
    assert sound_warnings(caplog) == []


class FakeWinsound(types.ModuleType):
    """What Windows' winsound module offers the program: PlaySound and its flags."""

    SND_FILENAME = 0x20000
    SND_ASYNC = 0x1
    SND_NODEFAULT = 0x2

    def __init__(self, fails: bool = False) -> None:
        super().__init__("winsound")
        self.calls: list[tuple[str, int]] = []
        self.fails = fails

    def PlaySound(self, sound: str, flags: int) -> None:  # winsound's name
        if self.fails:
            raise RuntimeError("Failed to play sound")
        self.calls.append((sound, flags))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_windows_plays_through_winsound(
    qtbot: QtBot,
    world: LabWorld,
    players: PlayerBin,
    window_with: Callable[[ScanSounds], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    winsound = FakeWinsound()
    monkeypatch.setitem(sys.modules, "winsound", winsound)
    players.add("paplay")  # not looked for on Windows
    clock = Clock()
    world.start_session()
    window = window_with(ScanSounds(enabled=True, platform="win32", clock=clock))
    flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
    for code, tone in each_tag_scans(world):
        clock.now += 0.01  # a scanner's pace: each tone still sounds at the next scan
        type_scan(qtbot, window.scan_input, code)
        assert winsound.calls[-1] == (wav(tone), flags)
    assert len(winsound.calls) == 5

    type_scan(qtbot, window.scan_input, "ITEM-0002")
    clock.now += 0.05  # in_scope.wav is 0.09 s long
    type_scan(qtbot, window.scan_input, "ITEM-0003")  # the same tone, still sounding
    assert [Path(sound).stem for sound, _ in winsound.calls[5:]] == ["in_scope"]
    clock.now += 0.05
    type_scan(qtbot, window.scan_input, "ITEM-0004")  # it has ended: played again
    assert [Path(sound).stem for sound, _ in winsound.calls[5:]] == ["in_scope", "in_scope"]
    assert window.sounds.player == "winsound"
    assert players.played() == [] and sound_warnings(caplog) == []


def test_windows_without_audio_gives_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    winsound = FakeWinsound(fails=True)
    monkeypatch.setitem(sys.modules, "winsound", winsound)
    sounds = ScanSounds(enabled=True, platform="win32")
    for name in SOUND_NAMES:
        sounds.play(name)
    assert sound_warnings(caplog) == [
        f"Windows could not play {wav('in_scope')} (Failed to play sound): scan results are "
        "silent (turn sounds off and on to try again)."
    ]


def test_unknown_names_and_sounds_off_are_silent(
    players: PlayerBin, caplog: pytest.LogCaptureFixture
) -> None:
    players.add("paplay")
    sounds = ScanSounds(enabled=False)
    sounds.play("in_scope")
    sounds.set_enabled(True)
    sounds.play("no-such-sound")
    assert sounds.player is None and sounds.idle  # no player was even looked for
    assert players.played() == [] and sound_warnings(caplog) == []
