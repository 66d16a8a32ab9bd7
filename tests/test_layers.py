"""Layers: nothing below the window imports Qt (PySide6), by source and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "recon_desktop"
QT_ALLOWED = (PACKAGE / "ui", PACKAGE / "app.py")  # the GUI package and the composition root
QT_MODULES = ("PySide6", "shiboken6", "pytestqt")


def qt_imports(path: Path) -> list[str]:
    """Every import of a Qt module in a file, at any depth (functions included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value)]
        else:
            continue
        found += [
            f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {name}"
            for name in names
            if name.split(".")[0] in QT_MODULES
        ]
    return found


def test_no_module_outside_the_gui_imports_qt() -> None:
    below = [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if not any(p == allowed or allowed in p.parents for allowed in QT_ALLOWED)
    ]
    assert len(below) > 15  # core, store, services, cli…
    assert [line for path in below for line in qt_imports(path)] == []


def test_the_check_sees_the_gui_imports() -> None:
    """The source check above is not blind: it finds the GUI's own imports."""
    gui = [line for path in sorted((PACKAGE / "ui").rglob("*.py")) for line in qt_imports(path)]
    assert gui and all("PySide6" in line or "shiboken6" in line for line in gui)


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
