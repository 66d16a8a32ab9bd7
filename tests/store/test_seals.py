"""A session's seal digests its expected set and its ended items; on SQLite the database
writes each item's line (json_object in format 1, json_array in format 2) and joins the
lines, and that text must be the very text the canonical form gives, for any value, or the
rows are written the canonical way instead. A session sealed in format 1 (ended by an
earlier version) still verifies, and a change to its items still shows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon_desktop.services import Services, demo
from recon_desktop.store import events, seals
from recon_desktop.store.db import open_database, utcnow
from recon_desktop.store.verify import verify
from tests.store.tamper_tools import as_insider

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
@given(rows=rows, form=st.sampled_from(seals._FORMATS))
def test_the_lines_sqlite_writes_are_the_canonical_lines(
    session_db: tuple[pw.Database, int], rows: list[dict[str, Any]], form: int
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
        lines = [seals._ended_line(values, form) for values in made]
        canonical = seals._ended_digest(lines, form)
        try:
            written = db.execute_sql(
                f"SELECT CASE WHEN {seals._PLAIN} THEN {seals._SQL_LINES[form]} END "
                f"FROM ended_item{where} ORDER BY item_id",
                (session_id,),
            ).fetchall()
        except (pw.OperationalError, sqlite3.OperationalError) as refused:
            assert "BLOB" in str(refused)  # a blob: every line is written the canonical way
        else:
            for (line,), values in zip(written, made, strict=True):
                if line is not None and "\\" not in line:  # nothing escaped: taken as it is
                    assert line == seals._ended_line(values, form)
        assert seals._ended_digests(db, where, (session_id,), form) == {session_id: canonical}
        assert seals.ended_digest(db, session_id, form) == canonical
        transaction.rollback()


def test_format_1_lines_are_the_earlier_canonical_objects() -> None:
    """Format 1 is the line every session ended before format 2 was sealed with."""
    row = (1, "RC1", "Ethanol", None, "Lab", "Room/Shelf", "active", 5, "mL", None,
           "2027-05-06 00:00:00", "2026-01-02T03:04:05")  # fmt: skip
    earlier = {
        "item_id": 1, "barcode": "RC1", "ingredient": "Ethanol", "ingredient_type": None,
        "lab": "Lab", "location": "Room/Shelf", "status": "active", "quantity": 5,
        "unit": "mL", "lot": None, "expires_on": "2027-05-06",
        "last_verified_at": "2026-01-02 03:04:05.000000",
    }  # fmt: skip
    assert seals._ended_line(row, 1) == seals.canonical(earlier)
    assert seals._ended_line(row, 2) == (
        '[1,"RC1","Ethanol",null,"Lab","Room/Shelf","active",5,"mL",null,"2027-05-06",'
        '"2026-01-02 03:04:05.000000"]'
    )
    assert "format" not in seals._ended_digest([seals._ended_line(row, 1)], 1)
    assert seals._ended_digest([], 2) == seals._ended_digest([], 1)  # empty: the same


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.lists(st.integers(1, 40), min_size=1, max_size=12, unique=True),
    odd=st.none() | st.sampled_from(("41", "x", b"7", 7.5)),  # "41": stored as 41
)
def test_the_expected_set_joined_by_the_database_is_the_canonical_digest(
    session_db: tuple[pw.Database, int], ids: list[int], odd: Any
) -> None:
    """The ids the database joins digest exactly as the ids written one by one; an id of
    another kind (put there by hand) is digested the canonical way."""
    db, _ = session_db
    with db.atomic() as transaction:
        db.execute_sql("PRAGMA defer_foreign_keys = ON")  # a session of its own, rolled back
        session_id = 10_000
        values = [*ids, *([] if odd is None else [odd])]
        for value in values:
            db.execute_sql(
                "INSERT INTO expected_item (session_id, item_id) VALUES (?, ?)",
                (session_id, value),
            )
        made = db.execute_sql(
            "SELECT item_id FROM expected_item WHERE session_id = ? ORDER BY item_id",
            (session_id,),
        ).fetchall()
        canonical = seals._digest([str(v) for (v,) in made])
        found = seals._expected_digests(db, " WHERE session_id = ?", (session_id,))
        assert found == {session_id: canonical}
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
            f"SELECT CASE WHEN {seals._PLAIN} THEN {seals._SQL_LINES[1]} END FROM ended_item "
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


@pytest.fixture
def sealed_in_format_1(tmp_path: Path) -> tuple[Path, int]:
    """A database whose ended session's last seal digests its items in format 1, as the
    version before format 2 sealed it."""
    path = tmp_path / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=40)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    for code in ("RC00000002", "RC00000003"):
        services.sessions.scan(ana, session.id, code)
    services.sessions.end(ana, session.id)
    subject = f"session:{session.id}"
    state = json.loads(seals.state_of(db, subject) or "{}")
    assert state["ended_items"]["format"] == 2 and state["ended_items"]["count"] > 2
    state["ended_items"] = seals.ended_digest(db, session.id, 1)
    assert "format" not in state["ended_items"]
    with db.atomic():
        events.record(
            db=db,
            at=utcnow(),
            kind="session-ended",
            user_id=ana.user_id,
            user_name=ana.name,
            station="BENCH-1",
            session_id=session.id,
            subject=subject,
            state=seals.canonical(state),
        )
    db.close()
    return path, session.id


def _verified(path: Path) -> tuple[bool, str]:
    db = open_database(path)
    try:
        report = verify(db)
    finally:
        db.close()
    return report.ok, report.problem


TAMPERING = {
    "changed": "UPDATE ended_item SET quantity = quantity + 1 WHERE item_id = "
    "(SELECT MAX(item_id) FROM ended_item)",
    "removed": "DELETE FROM ended_item WHERE item_id = (SELECT MIN(item_id) FROM ended_item)",
    "added": "INSERT INTO ended_item SELECT session_id, (SELECT MAX(id) FROM inventory_item), "
    "barcode, ingredient, ingredient_type, lab, location, status, quantity, unit, lot, "
    "expires_on, last_verified_at FROM ended_item LIMIT 1",
    "expected removed": "DELETE FROM expected_item WHERE item_id = "
    "(SELECT MIN(item_id) FROM expected_item)",
    "expected added": "INSERT INTO expected_item SELECT session_id, "
    "(SELECT MAX(id) FROM inventory_item) FROM expected_item LIMIT 1",
}


def test_a_session_sealed_in_format_1_still_verifies(sealed_in_format_1: tuple[Path, int]) -> None:
    assert _verified(sealed_in_format_1[0]) == (True, "")


@pytest.mark.parametrize("change", sorted(TAMPERING))
def test_a_change_to_a_session_sealed_in_format_1_is_named(
    sealed_in_format_1: tuple[Path, int], change: str
) -> None:
    path, session_id = sealed_in_format_1
    with as_insider(path) as conn:
        assert conn.execute(TAMPERING[change]).rowcount == 1
    ok, problem = _verified(path)
    assert not ok
    what = "expected set" if change.startswith("expected") else "ended items"
    assert f"session #{session_id} (Count) was changed outside the application: its {what}" in (
        problem
    )
