"""The real program on a real X server (Xvfb), driven with real key events (xdotool), as
a person with a keyboard-wedge scanner drives it.

Skipped where Xvfb or xdotool is missing (``apt-get install xvfb xdotool``; ``.ci/run``
installs them, and on CI such a skip fails the run). Xvfb has no window manager, so the
test gives a window the keyboard with ``xdotool windowfocus`` where a desktop would.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.e2e.program import Home, console_script, run_command

SCANNER_DELAY_MS = "5"  # between the characters of a scan (a USB scanner: 2-10 ms)
PERSON_DELAY_MS = "150"  # between the keys a person types
X_TIMEOUT_S = 60
ANA_PIN = "246810"
CONFIG = "Freezer A, Room 101"
IN_SCOPE = "RC00000002"  # in that config's expected set


def read_line(fd: int) -> str:
    """Xvfb writes its display number, then a newline, as two writes: the pipe must stay
    open for the second (closed early, the server stops with "Cannot write display
    number")."""
    data = b""
    try:
        while not data.endswith(b"\n"):
            ready, _, _ = select.select([fd], [], [], X_TIMEOUT_S)
            chunk = os.read(fd, 64) if ready else b""
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return data.decode().strip()


def x_answers(display: str) -> bool:
    return (
        subprocess.run(
            ["xdotool", "getdisplaygeometry"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            timeout=X_TIMEOUT_S,
        ).returncode
        == 0
    )


@pytest.fixture
def x_display(tmp_path: Path, qtbot: QtBot) -> Iterator[str]:
    """A fresh Xvfb server (no reset when its last client leaves); its display (":N")."""
    xvfb, xdotool = shutil.which("Xvfb"), shutil.which("xdotool")
    if xvfb is None or xdotool is None:
        pytest.skip(
            "Xvfb and xdotool are needed for the test with real key events "
            "(apt-get install xvfb xdotool)"
        )
    log = tmp_path / "xvfb.log"
    read_end, write_end = os.pipe()
    command = [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x1024x24"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,),
            stdout=output,
            stderr=output,
            stdin=subprocess.DEVNULL,
        )
    os.close(write_end)
    try:
        number = read_line(read_end)
        if not number:
            pytest.fail(f"Xvfb did not start: {log.read_text(errors='replace')}")
        display = f":{number}"
        qtbot.waitUntil(lambda: x_answers(display), timeout=X_TIMEOUT_S * 1000)
        probe = subprocess.run(
            [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
            env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            capture_output=True,
            text=True,
            timeout=X_TIMEOUT_S,
        )
        if probe.returncode != 0:
            said = probe.stderr.strip().replace("\n", " | ") or "no message"
            pytest.skip(
                f"Qt's xcb platform does not start on Xvfb ({said}); install the "
                "libxcb-* libraries the README lists"
            )
        yield display
    finally:
        server.terminate()
        server.wait(timeout=30)


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=X_TIMEOUT_S,
    )
    assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr}"
    return done.stdout


def focus_window(display: str, title: str) -> None:
    """Wait for the program's window with this title, then give it the keyboard."""
    found = xdotool(display, "search", "--sync", "--onlyvisible", "--name", title).split()
    xdotool(display, "windowfocus", "--sync", found[-1])


def focused_title(display: str) -> str:
    return xdotool(display, "getwindowfocus", "getwindowname").strip()


class OnX:
    """``recon-desktop ARGS`` started on the X display, with its output in files."""

    def __init__(self, home: Home, display: str, *args: str) -> None:
        self.home = home
        self.out = home.root.parent / "x-stdout.txt"
        self.err = home.root.parent / "x-stderr.txt"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [*console_script(), *args],
                cwd=home.root,
                env=home.environment(DISPLAY=display, QT_QPA_PLATFORM="xcb"),
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )

    def why(self) -> str:
        return (
            f"status {self.process.poll()}; stderr {self.err.read_text()!r}; "
            f"log:\n{self.home.log_text()}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def on_x(home: Home, x_display: str) -> Iterator[Callable[..., OnX]]:
    """Starts ``recon-desktop ARGS`` on the display; each is stopped at the end."""
    started: list[OnX] = []

    def start(*args: str) -> OnX:
        program = OnX(home, x_display, *args)
        started.append(program)
        return program

    yield start
    for program in started:
        program.stop()


def session_facts(home: Home, session_id: str) -> dict[str, object]:
    done = run_command(home, "--demo", "sessions", "show", session_id, "--json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert isinstance(facts, dict)
    return facts


def test_a_scanner_types_into_the_real_window(
    home: Home, x_display: str, on_x: Callable[..., OnX], qtbot: QtBot
) -> None:
    """Seeded from the command line as the README shows; the window resumes the active
    session after ana signs in; a barcode typed at scanner speed with Enter is recorded,
    Ctrl+Z undoes it, and Ctrl+Shift+E with ana's PIN, typed as a person types, ends the
    session (a scanner's burst into the PIN field meanwhile is refused)."""
    assert run_command(home, "demo").returncode == 0
    started = run_command(
        home,
        *("--demo", "sessions", "start", "--user", "ana", "--lab", "Cell Biology"),
        *("--config", CONFIG, "--name", "Freezer A count"),
        env={"RECON_PIN": ANA_PIN},
    )
    assert started.returncode == 0, started.stderr
    session_id = started.stdout.strip()

    program = on_x("--demo")
    focus_window(x_display, "^Sign in")
    xdotool(x_display, "type", "--delay", SCANNER_DELAY_MS, "ana")
    xdotool(x_display, "key", "Return")
    xdotool(x_display, "type", "--delay", SCANNER_DELAY_MS, ANA_PIN)
    xdotool(x_display, "key", "Return")
    focus_window(x_display, "^Barcode Tracking")
    assert program.process.poll() is None, program.why()

    xdotool(x_display, "type", "--delay", SCANNER_DELAY_MS, IN_SCOPE)
    xdotool(x_display, "key", "Return")
    qtbot.waitUntil(
        lambda: session_facts(home, session_id)["expected_scanned"] == 1,
        timeout=X_TIMEOUT_S * 1000,
    )
    xdotool(x_display, "key", "ctrl+z")
    qtbot.waitUntil(
        lambda: session_facts(home, session_id)["expected_scanned"] == 0,
        timeout=X_TIMEOUT_S * 1000,
    )

    # the end dialog takes the keyboard and gives it back to the window when it closes
    xdotool(x_display, "type", "--delay", SCANNER_DELAY_MS, IN_SCOPE)
    xdotool(x_display, "key", "Return")
    xdotool(x_display, "key", "ctrl+shift+e")
    xdotool(x_display, "search", "--sync", "--onlyvisible", "--name", "^End Reconciliation")
    qtbot.waitUntil(
        lambda: focused_title(x_display).startswith("End Reconciliation"),
        timeout=X_TIMEOUT_S * 1000,
    )
    # a scanner's burst while the end is being signed is refused, never typed as the PIN
    xdotool(x_display, "type", "--delay", SCANNER_DELAY_MS, "RC00000003")
    xdotool(x_display, "key", "Return")
    xdotool(x_display, "type", "--delay", PERSON_DELAY_MS, ANA_PIN)  # a person's PIN
    xdotool(x_display, "key", "Return")
    qtbot.waitUntil(
        lambda: session_facts(home, session_id)["ended_at"] is not None,
        timeout=X_TIMEOUT_S * 1000,
    )
    qtbot.waitUntil(
        lambda: focused_title(x_display).startswith("Barcode Tracking"),
        timeout=X_TIMEOUT_S * 1000,
    )
    facts = session_facts(home, session_id)
    assert facts["expected_scanned"] == 1 and facts["ended_by"] == "ana"  # not RC00000003
    assert program.process.poll() is None, program.why()


def test_a_failure_before_the_window_shows_a_message_box_on_a_screen(
    home: Home, x_display: str, on_x: Callable[..., OnX]
) -> None:
    not_a_database = Path(home.root) / "notes.sqlite3"
    not_a_database.write_bytes(b"These are my notes, not a database.\n" * 200)
    program = on_x("--db", str(not_a_database))
    focus_window(x_display, "^Recon Desktop$")  # the message box
    assert program.process.poll() is None, "the program waits until the box is read"
    xdotool(x_display, "key", "Return")
    assert program.process.wait(timeout=X_TIMEOUT_S) == 1
    sentence = program.err.read_text().strip()
    assert sentence.startswith("recon-desktop: ") and "\n" not in sentence, sentence
    assert f"The log is {home.log_file}." in sentence
