"""Where the program finds its resources, and what it calls the copy that runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recon_desktop import paths

ROOT = Path(__file__).resolve().parent.parent


def test_the_checkout_uses_its_top_level_resources() -> None:
    assert paths.install_kind() == paths.SOURCE
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.resources_dir() / "style.qss").is_file()


def test_a_frozen_bundle_uses_the_resources_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what PyInstaller's boot loader sets (scripts/build_bundle.py checks a real bundle)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.install_kind() == paths.FROZEN
    assert paths.resources_dir() == tmp_path / "resources"
