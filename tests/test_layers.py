"""Layers: the floors' import contracts (pyproject.toml, checked by lint-imports), and
nothing below the window loads Qt (PySide6) at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "recon_desktop"
QT_ALLOWED = (PACKAGE / "ui", PACKAGE / "app.py")  # the GUI package and the composition root
QT_MODULES = ("PySide6", "shiboken6", "pytestqt")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
    )


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


def test_the_contracts_catch_a_floor_skipped_sql_in_services_and_qt_below_the_window(
    tmp_path: Path,
) -> None:
    """The contracts are not blind: a window module reaching into store, a service building
    its own queries (peewee, or store's models) and a store module importing Qt each break
    one."""
    shutil.copytree(
        PACKAGE, tmp_path / "recon_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    with (tmp_path / "recon_desktop" / "ui" / "formatting.py").open("a") as ui:
        ui.write("\nfrom recon_desktop.store.db import describe  # noqa\n")
    with (tmp_path / "recon_desktop" / "services" / "inventory.py").open("a") as service:
        service.write("\nimport peewee  # noqa\n")
    with (tmp_path / "recon_desktop" / "services" / "auth.py").open("a") as service:
        service.write("\nfrom recon_desktop.store.models import User  # noqa\n")
    with (tmp_path / "recon_desktop" / "store" / "probe.py").open("a") as store:
        store.write("\nimport PySide6.QtCore  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "recon_desktop.ui.formatting -> recon_desktop.store.db" in result.stdout
    assert "recon_desktop.services.inventory -> peewee" in result.stdout
    assert "recon_desktop.services.auth -> recon_desktop.store.models" in result.stdout
    assert "recon_desktop.store.probe -> PySide6" in result.stdout
    assert "2 kept, 3 broken" in result.stdout


def test_the_headless_layers_load_without_qt(tmp_path: Path) -> None:
    """Importing every non-GUI module (and running a command) leaves Qt unloaded."""
    below = sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in PACKAGE.rglob("*.py")
        if not any(p == allowed or allowed in p.parents for allowed in QT_ALLOWED)
        and p.name != "__main__.py"
    )
    assert "recon_desktop.cli" in below and "recon_desktop.services.sessions" in below
    code = (
        "import importlib, sys\n"
        f"for name in {below!r}:\n"
        "    importlib.import_module(name)\n"
        "from recon_desktop.cli import main\n"
        "assert main(['--db', sys.argv[1], 'sessions', 'list']) == 0\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r})\n"
        "print('QT:', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "recon.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=PACKAGE.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "QT: []"
