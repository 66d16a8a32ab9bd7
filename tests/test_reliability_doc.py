"""RELIABILITY.md names only tests that exist, and every test of the fault suites."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "RELIABILITY.md"
FAULT_SUITES = (
    "tests/store/test_faults.py", "tests/store/test_tamper.py", "tests/reliability/test_*.py",
    "tests/concurrency/test_*.py", "tests/platforms/test_*.py", "tests/ui/test_window_faults.py",
    "tests/ui/test_lost_connection.py", "tests/ui/test_crash_report.py",
    "tests/ui/test_idle_lock.py",
)  # fmt: skip
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def documented() -> set[tuple[str, str]]:
    return set(REFERENCE.findall(DOC.read_text(encoding="utf-8")))


def test_every_test_the_table_names_exists() -> None:
    missing = [
        f"{file}::{name}"
        for file, name in sorted(documented())
        if not (ROOT / file).is_file() or name not in defined_tests(ROOT / file)
    ]
    assert not missing, f"RELIABILITY.md names tests that do not exist: {missing}"


def test_every_fault_test_is_in_the_table() -> None:
    named = documented()
    undocumented = []
    for pattern in FAULT_SUITES:
        for path in sorted(ROOT.glob(pattern)):
            file = path.relative_to(ROOT).as_posix()
            undocumented += [
                f"{file}::{name}"
                for name in sorted(defined_tests(path))
                if (file, name) not in named
            ]
    assert not undocumented, f"fault tests missing from RELIABILITY.md: {undocumented}"
