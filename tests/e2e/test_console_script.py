"""The installed ``recon-desktop`` command started in a subprocess on a fresh home, as the
README's run command starts it: the window's first dialog shows and the program stays;
a failure before the window is one sentence on stderr with the log's place."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.e2e.program import Home, console_script, log_problems

STAYS_UP_S = 3  # a start that fails ends well within this (seen: 1 s)
START_MS = 60_000


class Started:
    """A running ``recon-desktop``, its output kept in files (a pipe nobody reads could
    fill up and stop it)."""

    def __init__(self, home: Home, *args: str) -> None:
        self.home = home
        self.out_path = home.root.parent / f"stdout-{id(self)}.txt"
        self.err_path = home.root.parent / f"stderr-{id(self)}.txt"
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.process = subprocess.Popen(
                [*console_script(), *args],
                cwd=home.root,
                env=home.environment(QT_QPA_PLATFORM="offscreen"),
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )

    @property
    def stdout(self) -> str:
        return self.out_path.read_text(encoding="utf-8")

    @property
    def stderr(self) -> str:
        return self.err_path.read_text(encoding="utf-8")

    def stays_up(self) -> bool:
        """Still running STAYS_UP_S seconds from now (a failing start has ended by then)."""
        try:
            self.process.wait(timeout=STAYS_UP_S)
        except subprocess.TimeoutExpired:
            return True
        return False

    def shows(self, qtbot: QtBot, sign: Callable[[], bool]) -> None:
        """Wait until ``sign`` is true, or the program has ended (a failed start)."""
        qtbot.waitUntil(lambda: sign() or self.process.poll() is not None, timeout=START_MS)
        assert sign(), self.why()

    def ended(self, timeout: float = 60) -> int:
        """The exit status of a program that is expected to stop by itself."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout:.0f} s: {self.why()}") from None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def why(self) -> str:
        return (
            f"status {self.process.poll()}; stdout {self.stdout!r}; stderr {self.stderr!r}; "
            f"log:\n{self.home.log_text()}"
        )


@pytest.fixture
def start(home: Home) -> Iterator[Callable[..., Started]]:
    """Starts ``recon-desktop ARGS`` in a home; each is stopped at the end."""
    started: list[Started] = []

    def begin(home: Home, *args: str) -> Started:
        program = Started(home, *args)
        started.append(program)
        return program

    yield begin
    for program in started:
        program.stop()


def test_demo_on_a_fresh_home_prints_its_users_and_stays_up(
    home: Home, start: Callable[..., Started], qtbot: QtBot
) -> None:
    """The README's run command: ``recon-desktop --demo`` seeds the demo database on first
    use, prints its users and PINs, and waits at the sign-in."""
    program = start(home, "--demo")
    program.shows(qtbot, lambda: "ana (PIN 246810)" in program.stdout)
    assert program.stays_up(), program.why()
    assert f"Database: {home.demo_database}" in program.stdout
    assert home.demo_database.exists()
    assert "started (Python" in home.log_text()
    assert log_problems(home.log_text()) == [], program.why()
    assert program.stderr == ""


def test_plain_start_on_a_fresh_home_makes_the_database_and_stays_up(
    home: Home, start: Callable[..., Started], qtbot: QtBot
) -> None:
    """``recon-desktop``: the data folder and the database are made, the first-run window
    waits for the first admin."""
    program = start(home)
    program.shows(qtbot, home.default_database.exists)
    assert program.stays_up(), program.why()
    assert program.stderr == ""
    assert log_problems(home.log_text()) == [], program.why()


def test_a_database_in_a_folder_that_does_not_exist_yet(
    home: Home, start: Callable[..., Started], qtbot: QtBot
) -> None:
    target = home.root / "lab data" / "2026" / "counts.sqlite3"
    program = start(home, "--db", str(target))
    program.shows(qtbot, target.exists)
    assert program.stays_up(), program.why()
    assert program.stderr == ""


def test_a_failure_before_the_window_is_one_sentence_on_stderr_with_the_log(
    home: Home, start: Callable[..., Started]
) -> None:
    """A file that is not a database: status 1 and one sentence naming the log's place,
    never a silent exit or a traceback."""
    not_a_database = home.root / "notes.sqlite3"
    not_a_database.write_bytes(b"These are my notes, not a database.\n" * 200)
    program = start(home, "--db", str(not_a_database))
    assert program.ended() == 1, program.why()
    lines = program.stderr.splitlines()
    assert len(lines) == 1, program.why()
    assert lines[0].startswith("recon-desktop: ")
    assert lines[0].endswith(f" The log is {home.log_file}."), lines[0]
    assert "Traceback" not in program.stderr
    assert not_a_database.read_bytes().startswith(b"These are my notes")  # left as it was


def test_a_second_copy_on_the_same_database_says_why_it_stops(
    home: Home, start: Callable[..., Started], qtbot: QtBot
) -> None:
    first = start(home, "--demo")
    first.shows(qtbot, lambda: "ana (PIN 246810)" in first.stdout)
    second = start(home, "--demo")
    assert second.ended() == 1, second.why()
    sentence = second.stderr.strip()
    assert sentence.startswith("recon-desktop: ") and "\n" not in sentence, sentence
    assert f"The log is {home.log_file}." in sentence
    assert first.process.poll() is None, "the first copy goes on"
