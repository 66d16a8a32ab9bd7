"""The installation's self-check, run from source as the frozen bundle runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from recon_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RECON_REPORT_FILE="",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    return subprocess.run(
        [sys.executable, "-m", "recon_desktop", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_smoke_test_opens_the_window_and_records_one_scan(tmp_path: Path) -> None:
    done = _run("--smoke-test", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # the tests run the checkout (an editable install): its top-level resources/ is used
    assert f"{__version__} (source checkout)" in out.splitlines()[0]
    resources = ROOT / "resources"
    icons, sounds = (
        len(list(resources.glob("icons/*.svg"))),
        len(list(resources.glob("sounds/*.wav"))),
    )
    assert f"Resources: {resources} (style sheet, {icons} icons, {sounds} sounds)" in out
    assert "Translations: de (shell, session, messages and Qt's own)" in out
    assert "Signed in as ana" in out
    assert "Main window shown" in out
    assert "through the scan capture: In Scope; saved (1 of" in out
    assert "Smoke test passed" in out
    # it used a throw-away database, never the user's data folder
    assert not (tmp_path / "data").exists()


def test_startup_benchmark_prints_the_time_to_the_first_paint(tmp_path: Path) -> None:
    done = _run("--startup-benchmark", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "first paint" in done.stdout and "ms after process start" in done.stdout
