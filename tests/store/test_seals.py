"""A session's seal digests its ended items; on SQLite the database writes each item's line
(json_object), and that line must be the very text the canonical form gives, for any
value, or the row is written the canonical way instead."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon_desktop.services import Services, demo
from recon_desktop.store import seals
from recon_desktop.store.db import open_database

COLUMNS = seals._ENDED_ITEM_COLUMNS


@pytest.fixture(scope="module")
def session_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[pw.Database, int]]:
    path = Path(tmp_path_factory.mktemp("seals")) / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=40)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    yield db, session.id
    db.close()


texts = st.text(max_size=12) | st.sampled_from(("plain", "µL", 'a"b', "a\\b", "\x00", "\u2028"))
times = st.none() | st.sampled_from(
    ("2026-01-02 03:04:05.000006", "2026-01-02T03:04:05", "2026-01-02 03:04:05")
)
rows = st.lists(
    st.fixed_dictionaries(
        {
            "item_id": st.integers(1, 40),
            "barcode": texts,
            "ingredient": texts,
            "ingredient_type": st.none() | texts,
            "lab": texts,
            "location": texts,
            "status": texts,
            "quantity": st.integers(-(2**62), 2**62) | st.floats(allow_nan=False),
            "unit": texts,
            "lot": st.none() | texts | st.binary(max_size=3),
            "expires_on": st.none() | texts | st.just("2027-05-06"),
            "last_verified_at": times,
        }
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda row: row["item_id"],
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_the_lines_sqlite_writes_are_the_canonical_lines(
    session_db: tuple[pw.Database, int], rows: list[dict[str, Any]]
) -> None:
    db, session_id = session_db
    where = " WHERE session_id = ?"
    with db.atomic() as transaction:
        for row in rows:
            db.execute_sql(
                f"INSERT INTO ended_item (session_id, {', '.join(COLUMNS)}) "
                f"VALUES (?, {', '.join('?' for _ in COLUMNS)})",
                (session_id, *(row[c] for c in COLUMNS)),
            )
        made = db.execute_sql(
            f"SELECT {', '.join(COLUMNS)} FROM ended_item{where} ORDER BY item_id", (session_id,)
        ).fetchall()
        canonical = seals._digest(seals._ended_line(values) for values in made)
        try:
            lines = db.execute_sql(
                f"SELECT CASE WHEN {seals._PLAIN} THEN {seals._LINE} END "
                f"FROM ended_item{where} ORDER BY item_id",
                (session_id,),
            ).fetchall()
        except (pw.OperationalError, sqlite3.OperationalError) as refused:
            assert "BLOB" in str(refused)  # a blob: every line is written the canonical way
        else:
            for (line,), values in zip(lines, made, strict=True):
                if line is not None and "\\" not in line:  # nothing escaped: taken as it is
                    assert line == seals._ended_line(values)
        assert seals._ended_digests(db, where, (session_id,)) == {session_id: canonical}
        transaction.rollback()


def test_plain_rows_are_written_by_the_database(session_db: tuple[pw.Database, int]) -> None:
    db, session_id = session_db
    with db.atomic() as transaction:
        db.execute_sql(
            f"INSERT INTO ended_item (session_id, {', '.join(COLUMNS)}) "
            "VALUES (?, 1, 'RC1', 'Ethanol', NULL, 'Lab', 'Room/Shelf', 'active', 5000000, "
            "'µL', NULL, '2027-05-06', '2026-01-02 03:04:05.000006')",
            (session_id,),
        )
        line = db.execute_sql(
            f"SELECT CASE WHEN {seals._PLAIN} THEN {seals._LINE} END FROM ended_item "
            "WHERE session_id = ?",
            (session_id,),
        ).fetchone()[0]
        transaction.rollback()
    assert line == (
        '{"item_id":1,"barcode":"RC1","ingredient":"Ethanol","ingredient_type":null,'
        '"lab":"Lab","location":"Room/Shelf","status":"active","quantity":5000000,'
        '"unit":"µL","lot":null,"expires_on":"2027-05-06",'
        '"last_verified_at":"2026-01-02 03:04:05.000006"}'
    )
