"""`audit verify` finds a record changed with the sqlite3 command-line tool."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from recon_desktop.cli import main
from recon_desktop.core.records import Operator
from recon_desktop.errors import StorageError
from recon_desktop.services import Services, demo
from recon_desktop.store import backup
from recon_desktop.store.db import open_database
from recon_desktop.store.verify import verify
from tests.reliability import examples
from tests.store.tamper_tools import (
    CHAIN_OF,
    as_insider,
    chain_rows,
    columns,
    copy_row,
    rechain,
    rewrite_kept_anchors,
    stations,
)

SQLITE3 = shutil.which("sqlite3")


@pytest.fixture
def lab_file(tmp_path: Path) -> Path:
    path = tmp_path / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=50)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    for code in ("RC00000002", "RC00000003", "NOPE"):
        services.sessions.scan(ana, session.id, code)
    db.close()
    return path


@pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 command-line tool is not installed")
def test_a_scan_changed_with_the_sqlite3_tool_is_named(
    lab_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(lab_file), "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")
    # what someone with the file and the sqlite3 tool could do: the trigger is no obstacle
    script = "DROP TRIGGER scan_no_update; UPDATE scan SET tag = 'in_scope' WHERE barcode = 'NOPE';"
    subprocess.run([SQLITE3, str(lab_file), script], check=True)
    code = main(["--db", str(lab_file), "audit", "verify"])
    err = capsys.readouterr().err
    assert code != 0
    assert "scan #3" in err and "changed outside the application" in err
    assert err.count("\n") == 1


@pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 command-line tool is not installed")
def test_a_history_event_deleted_with_the_sqlite3_tool_is_found(
    lab_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = (
        "DROP TRIGGER history_event_no_delete; "
        "DELETE FROM history_event WHERE id = (SELECT MIN(id) FROM history_event "
        "WHERE kind = 'scanned');"
    )
    subprocess.run([SQLITE3, str(lab_file), script], check=True)
    assert main(["--db", str(lab_file), "audit", "verify"]) != 0
    err = capsys.readouterr().err
    assert "removed" in err or "does not follow" in err


# ---------------------------------------------------------------- against an anchor


@dataclass
class Sealed:
    """A database whose session ended (its anchor sealed), and copies of it from before."""

    path: Path
    anchor: str  # the anchor's text, as the anchor file and the report keep it
    after_start: Path  # a copy made while the session was running
    before_end: Path  # a copy made just before the session ended


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Sealed:
    folder = tmp_path_factory.mktemp("sealed")
    path = folder / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1", anchor_file=folder / "anchors.txt")
    demo.seed(services, size=40)
    ana = services.auth.sign_in("ana", "246810")
    ben = Operator(services.auth.sign_in("ben", "135790").user_id, "ben", "BENCH-2")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    backup.backup(db, folder / "after-start.sqlite3")
    for code in ("RC00000002", "RC00000003", "NOPE", "RC00000002"):
        services.sessions.scan(ana, session.id, code)
    other = Services.create(db, station="BENCH-2")
    other.sessions.join(ben, session.id)
    for code in ("RC00000005", "RC00000006"):
        other.sessions.scan(ben, session.id, code)
    item = services.inventory.item_by_barcode("RC00000005")
    services.actions.set_field(
        ana, item.id, "quantity", "1.5", reason="recount", session_id=session.id
    )
    services.actions.split(ana, item.id, "0.5", session_id=session.id, new_barcode="RC5-SPLIT")
    backup.backup(db, folder / "before-end.sqlite3")
    services.sessions.end(ana, session.id, note="done")
    anchor = services.sessions.anchor(session.id)
    db.close()
    assert anchor is not None
    assert (folder / "anchors.txt").read_text(encoding="utf-8").strip() == anchor
    return Sealed(path, anchor, folder / "after-start.sqlite3", folder / "before-end.sqlite3")


def verdict(path: Path, anchor: str) -> tuple[bool, str]:
    """(whether verify with the anchor says OK, its sentence); a database refused at the
    open counts as not OK (it says why)."""
    try:
        db = open_database(path)
    except StorageError as exc:
        return False, str(exc)
    try:
        report = verify(db, [anchor], source="the anchor file")
    finally:
        db.close()
    return report.ok, report.problem


def fresh_copy(sealed: Sealed, folder: Path, source: Path | None = None) -> Path:
    path = folder / f"copy-{next(_copies)}.sqlite3"
    shutil.copyfile(source or sealed.path, path)
    return path


_copies = itertools.count()


def contents(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every table's rows, to tell a database that was changed from one that was not. A
    chained record's id is not part of what its chain seals: records that moved to other
    ids with everything else as it was count as the same."""
    conn = sqlite3.connect(path)
    try:
        tables = sorted(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        found = []
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            if table in CHAIN_TABLES:
                rows = sorted((row[1:] for row in rows), key=repr)
            found.append((table, rows))
        return found
    finally:
        conn.close()


CHAIN_TABLES = ("scan", "history_event", "audit_event")


def test_the_sealed_database_verifies_against_its_anchor(sealed: Sealed, tmp_path: Path) -> None:
    assert verdict(fresh_copy(sealed, tmp_path), sealed.anchor) == (True, "")


def test_an_older_copy_put_in_place_is_named(sealed: Sealed, tmp_path: Path) -> None:
    for older in (sealed.before_end, sealed.after_start):
        ok, problem = verdict(fresh_copy(sealed, tmp_path, older), sealed.anchor)
        assert not ok
        assert "is missing: an older copy of the database was put in place" in problem


def test_a_rewritten_chain_is_found_only_with_the_anchor(sealed: Sealed, tmp_path: Path) -> None:
    """An insider changes a scan and recomputes its chain and head, and the anchor kept in
    the database too, triggers put back: the database alone verifies (which is why chains
    prove little); the anchor kept outside it does not."""
    path = fresh_copy(sealed, tmp_path)
    with as_insider(path) as conn:
        scan_id = conn.execute("SELECT MIN(id) FROM scan WHERE station = 'BENCH-1'").fetchone()[0]
        conn.execute("UPDATE scan SET raw = 'RC00000099' WHERE id = ?", (scan_id,))
        rechain(conn, "scan", "BENCH-1")
        rewrite_kept_anchors(conn)
    db = open_database(path)
    try:
        assert verify(db).ok  # no anchor from outside: the rewrite passes
    finally:
        db.close()
    ok, problem = verdict(path, sealed.anchor)
    assert not ok and "scan record" in problem and "is not the record that was sealed" in problem


def test_records_after_the_last_anchor_are_not_covered(sealed: Sealed, tmp_path: Path) -> None:
    """What an anchor cannot do: a record written after it, rewritten with its chain
    recomputed, goes unseen until a later anchor seals the chain again."""
    path = fresh_copy(sealed, tmp_path)
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    later = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Later")
    services.sessions.scan(ana, later.id, "RC00000009")
    db.close()
    with as_insider(path) as conn:
        conn.execute("UPDATE scan SET raw = 'SOMETHING ELSE' WHERE id = (SELECT MAX(id) FROM scan)")
        rechain(conn, "scan", "BENCH-1")
    assert verdict(path, sealed.anchor) == (True, "")


EDIT_VALUES = st.one_of(
    st.text(max_size=12), st.integers(-3, 10**7), st.none(), st.floats(allow_nan=False, width=32)
)
# plain changes to records that are not chained themselves: their seals, or the items'
# history, give them away
RECORD_EDITS = (
    "UPDATE inventory_item SET quantity = quantity + 1 WHERE id = 3",
    "UPDATE inventory_item SET location_id = (SELECT MAX(id) FROM location) WHERE id = 4",
    "UPDATE inventory_item SET status = 'archived' WHERE barcode = 'RC00000002'",
    "UPDATE inventory_item SET lot = 'FORGED' WHERE id = 5",
    "DELETE FROM inventory_item WHERE barcode = 'RC5-SPLIT'",
    "INSERT INTO inventory_item (barcode, ingredient_id, lab_id, location_id, quantity, unit, "
    "status, version, created_at) VALUES ('FORGED-1', 1, 1, 1, 1, 'mL', 'active', 1, "
    "'2026-01-01 00:00:00.000000')",
    "UPDATE session SET end_note = 'all found' WHERE id = 1",
    "UPDATE session SET ended_at = NULL, active_owner = started_by_id WHERE id = 1",
    "UPDATE session SET expected_total = expected_total + 1 WHERE id = 1",
    "DELETE FROM expected_item WHERE item_id = (SELECT MIN(item_id) FROM expected_item)",
    "UPDATE ended_item SET quantity = 0 WHERE item_id = (SELECT MIN(item_id) FROM ended_item)",
    'UPDATE "user" SET pin_hash = (SELECT pin_hash FROM "user" WHERE name = \'ben\') '
    "WHERE name = 'ana'",
    "UPDATE \"user\" SET badge = 'BADGE-9999' WHERE name = 'chris'",
    "UPDATE membership SET role = 'admin' WHERE user_id = (SELECT id FROM \"user\" "
    "WHERE name = 'ben')",
    "INSERT INTO \"user\" (name, pin_hash, failed_attempts, created_at) VALUES ('mallory', "
    "'x', 0, '2026-01-01 00:00:00.000000')",
    "UPDATE lab SET name = 'Cell Biology 2' WHERE id = 1",
    "UPDATE location SET path = 'Elsewhere' WHERE id = 2",
    "UPDATE listing_config SET filters = '[]' WHERE id = 1",
    "DELETE FROM anchor",
    "UPDATE schema_info SET value = 'another' WHERE key = 'database_id'",
)


@settings(
    max_examples=examples(120),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_tampering_verifies_against_the_anchor(
    sealed: Sealed, tmp_path: Path, data: st.DataObject
) -> None:
    """Random edits, deletions, insertions and truncations of what the anchor sealed
    (with the chains recomputed or not), changes to sealed records, and older copies put
    in place: verify with the anchor never says OK."""
    path = fresh_copy(sealed, tmp_path)
    anchored = {name: seq for name, (seq, _) in json.loads(sealed.anchor)["heads"].items()}
    steps = data.draw(st.integers(1, 3), label="steps")
    tampered = False
    for _ in range(steps):
        kind = data.draw(
            st.sampled_from(
                ["edit", "delete", "insert", "truncate", "drop chain", "record", "rollback"]
            ),
            label="kind",
        )
        if kind == "rollback":
            older = data.draw(st.sampled_from([sealed.before_end, sealed.after_start]))
            shutil.copyfile(older, path)
            for side in path.parent.glob(path.name + "-*"):
                side.unlink()
            tampered = True
            continue
        if kind == "record":
            with as_insider(path) as conn:
                try:
                    conn.execute(data.draw(st.sampled_from(RECORD_EDITS), label="statement"))
                except sqlite3.IntegrityError:
                    continue  # done already in an earlier step (a unique name or barcode)
            tampered = True
            continue
        with as_insider(path) as conn:
            table = data.draw(st.sampled_from(CHAIN_TABLES), label="table")
            present = stations(conn, table)
            if not present:  # an older copy put in place before: nothing of it yet
                continue
            station = data.draw(st.sampled_from(present), label="station")
            # only what the anchor sealed: records after it are beyond what it can show
            sealed_up_to = anchored.get(f"{table}:{station}", 0)
            rows = [
                r
                for r in chain_rows(conn, table, station)
                if isinstance(r[1], int | float) and r[1] <= sealed_up_to
            ]
            if not rows:
                continue
            cover = data.draw(st.booleans(), label="recompute the chain")
            if kind == "drop chain":
                conn.execute(f"DELETE FROM {table} WHERE station = ?", (station,))
                conn.execute("DELETE FROM chain_head WHERE name = ?", (f"{table}:{station}",))
                continue
            if kind == "truncate":
                keep = data.draw(st.integers(0, sealed_up_to - 1), label="keep")
                conn.execute(f"DELETE FROM {table} WHERE station = ? AND seq > ?", (station, keep))
            else:
                # an insertion goes before an anchored record other than the last: a copy
                # of the last one put just before it is a copy appended after it, which
                # is what an anchor cannot see (records after it)
                last = len(rows) - (2 if kind == "insert" else 1)
                if last < 0:
                    continue
                row_id, seq = rows[data.draw(st.integers(0, last), label="row")]
                if kind == "delete":
                    conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
                elif kind == "insert":
                    copy_row(conn, table, row_id, seq)
                else:
                    chain = CHAIN_OF[table]
                    names = columns(conn, chain)
                    # the chain's own columns, unless recomputing them anyway
                    own = [] if cover else ["seq", "prev_hash", "hash"]
                    name = data.draw(st.sampled_from([*names, *own]), label="column")
                    old = conn.execute(
                        f"SELECT {name} FROM {table} WHERE id = ?", (row_id,)
                    ).fetchone()[0]
                    new = data.draw(EDIT_VALUES, label="value")
                    assume((new != old and type(new) is not type(old)) or new != old)
                    assume(not (isinstance(new, float) and new == old))
                    try:
                        conn.execute(f"UPDATE {table} SET {name} = ? WHERE id = ?", (new, row_id))
                    except sqlite3.IntegrityError:
                        reject()  # NOT NULL or unique: the database itself refused
                    stored = conn.execute(
                        f"SELECT {name} FROM {table} WHERE id = ?", (row_id,)
                    ).fetchone()[0]
                    assume(stored != old or type(stored) is not type(old))
            tampered = True
            if cover:
                rechain(conn, table, station)
    assume(tampered and contents(path) != contents(sealed.path))  # steps may undo each other
    ok, problem = verdict(path, sealed.anchor)
    assert not ok, "verify with the anchor said OK after tampering"
    assert problem


@pytest.mark.parametrize(
    "change",
    [
        "lot_seen = NULL",  # the label's lot taken away
        "lot_seen = NULL, expiry_seen = lot_seen",  # moved into the other optional column
        "lot_seen = 'LOT43'",
    ],
)
def test_what_a_label_said_cannot_be_changed_unseen(tmp_path: Path, change: str) -> None:
    """The scan's optional columns (schema 5) are in its hash: none may be dropped, changed
    or moved to another optional column."""
    path = tmp_path / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=20)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    services.sessions.scan(ana, session.id, "(01)09506000134352(10)LOT42(21)S1")
    assert verify(db).ok
    db.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TRIGGER scan_no_update")
        conn.execute(f"UPDATE scan SET {change} WHERE lot_seen = 'LOT42'")
    conn.close()
    db = open_database(path)
    try:
        result = verify(db)
        assert not result.ok and "scan #1" in result.problem, result.problem
    finally:
        db.close()
