"""Makes ``schema_v1.sql``: a small database as the first released schema (1) wrote it.

Run once with the program at schema 1 (``python -m tests.store.make_schema_v1``); the
dump is committed, and ``test_upgrade.py`` rebuilds a database file from it and upgrades
it to the current schema. Do not regenerate it with a newer program.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

DUMP = Path(__file__).with_name("schema_v1.sql")


def make(folder: Path) -> Path:
    from recon_desktop.core.filters import Filter
    from recon_desktop.services import Services, demo
    from recon_desktop.store.db import open_database
    from recon_desktop.store.schema import SCHEMA_VERSION

    assert SCHEMA_VERSION == 1, "the dump must come from schema 1"
    path = folder / "v1.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=300)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    services.admin.add_config("Box 1s", "Cell Biology", [Filter("location", "contains", "Box 1")])
    first = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "First count")
    for code in ("RC00000001", "RC00000002", "RC00000002", "LOC-000005", "RC00000013", "NOPE"):
        services.sessions.scan(ana, first.id, code)
    services.sessions.undo_last(ana, first.id)
    item = services.inventory.item_by_barcode("RC00000013")
    services.actions.move(
        ana,
        item.id,
        "Building 1/Room 101/Freezer A/Shelf 1/Box 1",
        session_id=first.id,
        reason="found there",
    )
    services.actions.split(
        ana,
        services.inventory.item_by_barcode("RC00000001").id,
        "0.1",
        new_barcode="RC-SPLIT-1",
        session_id=first.id,
    )
    services.sessions.end(ana, first.id)
    second = services.sessions.start(ana, lab.id, "Box 1s", "Still open")
    services.sessions.scan(ana, second.id, "RC00000005")
    db.close()
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = make(Path(tmp))
        conn = sqlite3.connect(path)
        DUMP.write_text("\n".join(conn.iterdump()) + "\n", encoding="utf-8")
        conn.close()
    print(f"wrote {DUMP}")


if __name__ == "__main__":
    main()
