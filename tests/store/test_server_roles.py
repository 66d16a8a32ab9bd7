"""On a PostgreSQL server the records are kept by the server itself: the workstations' role
may insert and read them, and the server refuses every change, deletion, truncation and
change of structure, while the program works as before."""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from recon_desktop.cli import main
from recon_desktop.services import Services, demo, reporting
from recon_desktop.store import scan_on_server
from recon_desktop.store.db import open_database
from recon_desktop.store.verify import verify

pytestmark = pytest.mark.postgres

_numbers = itertools.count(1)

REFUSED = (
    "UPDATE scan SET raw = 'RC99999999'",
    "DELETE FROM scan",
    "UPDATE history_event SET new_value = '0'",
    "DELETE FROM history_event",
    "TRUNCATE history_event",
    "UPDATE audit_event SET detail = 'nothing'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event CASCADE",
    "DELETE FROM anchor",
    "UPDATE ended_item SET quantity = 0",
    "DELETE FROM expected_item",
    "DROP TRIGGER scan_append_only ON scan",
    "ALTER TABLE history_event DISABLE TRIGGER ALL",
    "ALTER TABLE scan ADD COLUMN note text",
    "CREATE TABLE elsewhere (x int)",
    "CREATE OR REPLACE FUNCTION recon_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; "
    "END $$ LANGUAGE plpgsql",
    "UPDATE schema_info SET value = '99' WHERE key = 'version'",
    "DELETE FROM schema_info",
    "UPDATE \"user\" SET name = 'mallory' WHERE name = 'ana'",
    "DROP TABLE found",
    # the scan procedure the workstations call is the owner's
    f"DROP PROCEDURE {scan_on_server.NAME}",
    f"ALTER PROCEDURE {scan_on_server.NAME} SECURITY DEFINER",
    scan_on_server.REPLACE,
)


def as_login(url: str, name: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.split("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{name}:{password}@{host}"))


def test_the_workstations_role_may_only_add_and_read_the_records(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    n = next(_numbers)
    owner, workstation, login = f"recon_owner_{n}", f"recon_ws_{n}", f"bench_{n}"
    db = open_database(postgres_url)
    demo.seed(Services.create(db, station="SETUP"), size=60)
    db.close()
    monkeypatch.setenv("BENCH_PASSWORD", "s3cret-bench")
    setup = ["--db", postgres_url, "server", "setup", "--owner", owner, "--workstation",
             workstation, "--login", login, "--password-from-env", "BENCH_PASSWORD"]  # fmt: skip
    assert main(setup) == 0
    assert "may insert and read the records but never change or delete them" in (
        capsys.readouterr().out
    )
    url = as_login(postgres_url, login, "s3cret-bench")

    # the program works as the workstation's login: scans, an undo, actions, the end
    db = open_database(url)
    try:
        services = Services.create(db, station="BENCH-1", anchor_file=tmp_path / "anchors.txt")
        assert services.sessions.scans.store.on_server()  # one call of the owner's procedure
        ana = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology")
        session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
        for code in ("RC00000002", "RC00000003", "NOPE", "RC00000002"):
            services.sessions.scan(ana, session.id, code)
        services.sessions.undo_last(ana, session.id)
        item = services.inventory.item_by_barcode("RC00000005")
        services.actions.split(ana, item.id, "0.1", session_id=session.id)
        services.actions.archive(ana, item.id, reason="broken", session_id=session.id)
        services.sessions.end(ana, session.id)
        reporting.export_report(services, session.id, tmp_path / "r.xlsx", exported_by="ana")
        assert verify(db, [services.sessions.anchor(session.id) or ""]).ok
    finally:
        db.close()

    # and the server refuses every change to the records, and to its own protection
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in REFUSED:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT COUNT(*) FROM scan").fetchone()[0] == 5

    # verify, as the owner, finds the protection in place; loosened, it names it
    db = open_database(postgres_url)
    try:
        report = verify(db)
        assert report.ok and not any("no workstations' role" in n for n in report.notes)
        db.execute_sql(f"GRANT UPDATE ON scan TO {workstation}")
        report = verify(db)
        assert not report.ok
        assert report.problem == (
            f"the workstations' role {workstation} may UPDATE scan: the server's protection "
            "was loosened"
        )
    finally:
        db.close()


def test_the_setup_can_be_printed_without_a_password(
    postgres_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BENCH_PASSWORD", "never-shown")
    assert main(["--db", postgres_url, "server", "setup", "--print", "--login", "bench_x",
                 "--password-from-env", "BENCH_PASSWORD"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert 'GRANT SELECT, INSERT ON "scan", "history_event"' in out
    assert "CREATE ROLE bench_x LOGIN IN ROLE recon_workstation;" in out
    assert f"CREATE OR REPLACE PROCEDURE {scan_on_server.NAME} (" in out
    assert f"ALTER PROCEDURE {scan_on_server.NAME} OWNER TO recon_owner;" in out
    assert "never-shown" not in out
