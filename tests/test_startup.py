"""Start-up stays light: a SQLite start does not load the PostgreSQL driver or GS1 parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import sys
import recon_desktop.cli, recon_desktop.services, recon_desktop.store.db
from recon_desktop.store.db import open_database
db = open_database(sys.argv[1])
print(sorted(m for m in ("psycopg", "biip", "playhouse.migrate", "openpyxl")
             if m in sys.modules))
db.close()
import peewee
from recon_desktop.store.db import make_database
pg = make_database("postgresql://nobody@127.0.0.1:1/none")
print(type(pg._adapter).__name__, peewee.psycopg is not None)
"""


def test_sqlite_start_loads_no_postgres_driver_and_postgres_still_works(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "t.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    loaded, adapter = out.strip().splitlines()
    assert loaded == "[]"
    assert adapter == "Psycopg3Adapter True"
