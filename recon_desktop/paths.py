"""Where data, configuration, logs and resources live, and how this copy was installed."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from recon_desktop import APP_NAME

PACKAGE = Path(__file__).resolve().parent
# The three ways the program runs; the smoke test and Help → About name the one in use.
FROZEN = "frozen bundle"  # the PyInstaller folder (scripts/build_bundle.py)
INSTALLED = "installed package"  # a wheel: pip install . or from a package index
SOURCE = "source checkout"  # this repository, run in place or installed with pip install -e


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def site_config_dir() -> Path:
    """The machine-wide config folder IT deploys settings to (see settings.py):
    ``C:\\ProgramData\\recon-desktop`` on Windows, ``/etc/xdg/recon-desktop`` on Linux
    (the first folder of ``XDG_CONFIG_DIRS``), ``/Library/Application Support/recon-desktop``
    on macOS, where platformdirs would pick Homebrew's prefix under a Homebrew Python."""
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def install_kind() -> str:
    """FROZEN, INSTALLED or SOURCE: where this copy's code and resources come from.

    A source checkout is recognised by the repository around the package (its
    ``pyproject.toml`` and ``resources/``); an editable install runs the checkout's files,
    so it is one too. An installed wheel has the package alone in ``site-packages``.
    """
    if getattr(sys, "frozen", False):
        return FROZEN
    root = PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / "resources").is_dir():
        return SOURCE
    return INSTALLED


def resources_dir() -> Path:
    """Style sheet, icons and sounds: ``resources/`` inside the bundle when frozen, at the
    top of the repository in a source checkout, and ``recon_desktop/resources/`` in an
    installed wheel (package data mapped from the top-level folder, see pyproject.toml)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    if install_kind() == SOURCE:
        return PACKAGE.parent / "resources"
    return PACKAGE / "resources"
