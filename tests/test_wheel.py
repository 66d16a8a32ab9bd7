"""The installed program: a wheel built from this tree, installed into a fresh virtual
environment with its dependencies, started from a folder outside the checkout.

This is how a packager, an IT department or ``pip install .`` installs recon-desktop: the
checkout is not there to fall back on, so the wheel must carry the style sheet, icons and
sounds itself. Building and installing take about 20 s (the dependencies come from pip's
cache or the package index). Locally, the tests skip when no package index is reachable
and nothing is cached; with CI=true they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from recon_desktop import __version__
from tests import ci_rules

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
# what is not part of the tree a wheel is built from (.gitignore, and the repository itself)
NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.sqlite3",
    "*.sqlite3-*",
)
# pip's words when it cannot reach a package index (and has nothing cached)
OFFLINE = re.compile(
    r"NewConnectionError|Network is unreachable|Temporary failure in name resolution|"
    r"Name or service not known|nodename nor servname|No route to host|ProxyError|"
    r"Could not find a version that satisfies|No matching distribution found"
)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    program: Path


def _pip(*args: str, python: str | Path = sys.executable) -> None:
    """Run pip; skip (fail on CI) when it cannot reach an index, fail on any other error."""
    done = subprocess.run(
        [str(python), "-m", "pip", *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode == 0:
        return
    output = done.stdout + done.stderr
    found = OFFLINE.search(output)
    if found and not ci_rules.ci_enabled():
        pytest.skip(
            f"pip {args[0]} could not get packages (no package index reachable and nothing "
            f"in pip's cache: {found.group(0)}); CI runs this test"
        )
    pytest.fail(f"pip {' '.join(args)} failed (exit status {done.returncode}):\n{output}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel of a copy of this tree (the build writes build/ and *.egg-info beside its
    sources, so it runs in the copy), installed with its dependencies into a new venv."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    _pip("wheel", "--no-deps", "--quiet", "-w", str(folder / "wheels"), str(source))
    (wheel,) = (folder / "wheels").glob("recon_desktop-*.whl")
    venv = folder / "venv"
    # not --system-site-packages: the checkout's editable install must stay out of sight
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    _pip("install", "--quiet", str(wheel), python=python)
    program = scripts / ("recon-desktop.exe" if sys.platform == "win32" else "recon-desktop")
    yield Installed(wheel, python, program)


def _fresh_env(home: Path) -> dict[str, str]:
    """A user who has never run the program, and nothing pointing into the checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "RECON_DB"}
        and not key.startswith(("XDG_", "RECON_"))
    }
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def test_the_wheel_carries_the_package_and_its_resources(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "recon_desktop").rglob("*.py")}
    assert modules - names == set(), "a module is missing: list its package in pyproject.toml"
    expected = {
        "recon_desktop/resources/style.qss",
        *(f"recon_desktop/resources/icons/{p.name}" for p in (RESOURCES / "icons").iterdir()),
        *(f"recon_desktop/resources/sounds/{p.name}" for p in RESOURCES.glob("sounds/*.wav")),
        *(
            f"recon_desktop/resources/translations/{p.name}"
            for p in RESOURCES.glob("translations/*.qm")
        ),
    }
    assert len(expected) > 10
    assert expected - names == set()
    resources = {name for name in names if name.startswith("recon_desktop/resources/")}
    # only what the program reads: the generator of the sounds stays in the repository
    assert resources == expected
    assert {name.split("/")[0] for name in names} == {
        "recon_desktop",
        f"recon_desktop-{__version__}.dist-info",
    }


def test_the_installed_wheel_passes_its_smoke_test_outside_the_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(installed.program), "--smoke-test"],
        cwd=elsewhere,
        env=_fresh_env(home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    first = out.splitlines()[0]
    assert first.startswith(f"recon-desktop {__version__} (installed package), Python ")
    assert "from source" not in out and "source checkout" not in out

    found = re.search(r"^Resources: (.+) \(style sheet, (\d+) icons, (\d+) sounds\)$", out, re.M)
    assert found, out
    where = Path(found.group(1))
    packaged = subprocess.run(
        [str(installed.python), "-c", "import recon_desktop; print(recon_desktop.__file__)"],
        cwd=elsewhere,
        env=_fresh_env(home),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where == Path(packaged).parent / "resources"  # inside the venv, not the checkout
    assert not where.is_relative_to(ROOT)
    assert int(found.group(2)) == len(list(RESOURCES.glob("icons/*.svg")))
    assert int(found.group(3)) == len(list(RESOURCES.glob("sounds/*.wav")))
    assert "Cannot open file" not in done.stderr  # Qt's word for an icon it did not find
    assert "Smoke test passed" in out


def test_the_bundle_script_installs_the_pyinstaller_the_extra_pins() -> None:
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "scripts/build_bundle.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert extras["bundle"] == [script.PYINSTALLER]
    assert re.fullmatch(r"pyinstaller==\d+\.\d+\.\d+", script.PYINSTALLER)
