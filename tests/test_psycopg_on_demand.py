"""The peewee patch (recon_desktop/psycopg_on_demand.py) against the peewee installed.

peewee imports psycopg itself when it can; the program hides the driver while peewee is
imported and sets what peewee's import would have set when a server URL is opened. These
tests fail when a peewee release sets other names, or when a server cannot be used after
the driver was attached.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from recon_desktop import psycopg_on_demand

REPO = Path(__file__).resolve().parents[1]

# every name of peewee's module, and every constant of its psycopg 3 adapter, that holds
# something of psycopg's (the driver module, its classes, its enum members)
COLLECT = """
import json, types
def of_psycopg(value):
    if isinstance(value, types.ModuleType):
        return value.__name__.split(".")[0] == "psycopg"
    module = getattr(value, "__module__", None) or type(value).__module__
    return module.split(".")[0] == "psycopg"
def describe(value):
    if isinstance(value, types.ModuleType):
        return value.__name__
    if isinstance(value, type):
        return value.__module__ + "." + value.__qualname__
    return repr(value)
def collect():
    import peewee
    names = {n: describe(v) for n, v in vars(peewee).items() if of_psycopg(v)}
    adapter = peewee.Psycopg3Adapter
    names.update({
        "Psycopg3Adapter." + n: describe(getattr(adapter, n))
        for n in dir(adapter) if not n.startswith("__") and of_psycopg(getattr(adapter, n))
    })
    return names
"""


def run(code: str) -> dict[str, dict[str, str]]:
    result = subprocess.run(
        [sys.executable, "-c", COLLECT + code],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_attaching_sets_exactly_what_peewee_sets_when_it_imports_the_driver() -> None:
    own = run("print(json.dumps({'names': collect()}))")["names"]
    patched = run(
        "import recon_desktop\n"  # installs the hook before peewee is imported
        "before = collect()\n"
        "from recon_desktop.psycopg_on_demand import attach_postgres_driver\n"
        "attach_postgres_driver()\n"
        "print(json.dumps({'before': before, 'after': collect()}))\n"
    )
    assert own, "peewee no longer imports psycopg by itself: the patch may be dropped"
    assert patched["before"] == {}, "the driver was not hidden from peewee's import"
    assert patched["after"] == own, (
        "peewee's import of psycopg sets other names than psycopg_on_demand does; "
        "update attach_postgres_driver() to match the installed peewee"
    )
    declared = {*psycopg_on_demand.PEEWEE_GLOBALS}
    declared |= {f"Psycopg3Adapter.{n}" for n in psycopg_on_demand.ADAPTER_CONSTANTS}
    assert set(own) == declared


@pytest.mark.postgres
def test_a_server_works_after_the_driver_is_attached(postgres_url: str) -> None:
    """A fresh program (the driver hidden at start) opens a server, writes, reads, and
    gets peewee's own error for a duplicate, as with peewee's own import."""
    code = """
import sys
import recon_desktop, peewee
from recon_desktop.store.db import open_database
assert "psycopg" not in sys.modules
db = open_database(sys.argv[1])
print(type(db).__name__, type(db._adapter).__name__)
with db.atomic():
    db.execute_sql("INSERT INTO lab (name, created_at) VALUES ('A', now())")
try:
    with db.atomic():
        db.execute_sql("INSERT INTO lab (name, created_at) VALUES ('A', now())")
except peewee.IntegrityError:
    print("duplicate refused")
print(db.execute_sql("SELECT COUNT(*) FROM lab").fetchone()[0], db.in_transaction())
db.close()
"""
    result = subprocess.run(
        [sys.executable, "-c", code, postgres_url],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ServerDatabase Psycopg3Adapter",
        "duplicate refused",
        "1 False",
    ]
