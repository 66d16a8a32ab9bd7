"""Every storage fault gets a sentence, not a traceback, and nothing half-written."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from recon_desktop.cli import main
from recon_desktop.core.records import View
from recon_desktop.errors import SchemaTooNewError, StorageError
from recon_desktop.services import Services, demo
from recon_desktop.store import audit, backup, restore
from recon_desktop.store.db import (
    DISK_FULL,
    InstanceLock,
    network_filesystem,
    open_database,
    quick_check,
)
from tests.small_disk import fill, small_disk

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[tuple[Services, int]]:
    db = open_database(tmp_path / "lab.sqlite3", busy_timeout_s=0.2)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=200)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    services.sessions.scan(ana, session.id, "RC00000001")
    yield services, session.id
    db.close()


def scan_rows(services: Services) -> int:
    return int(services.db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0])


def cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_disk_full_saves_nothing_and_reading_and_export_still_work(
    seeded: tuple[Services, int], tmp_path: Path
) -> None:
    services, session_id = seeded
    ana = services.auth.sign_in("ana", "246810")
    services.sessions.scan(ana, session_id, "RC00000002")  # in scope
    before = scan_rows(services)
    pages = services.db.execute_sql("PRAGMA page_count").fetchone()[0]
    services.db.execute_sql(f"PRAGMA max_page_count = {pages}")
    failures = 0
    for n in range(3, 60):  # enough writes to need a new page
        try:
            services.sessions.scan(ana, session_id, f"RC{n:08d}")
        except StorageError as exc:
            assert "disk is full" in str(exc) and "nothing was saved" in str(exc).lower()
            failures += 1
            break
    assert failures == 1
    saved = scan_rows(services)
    assert saved >= before
    # the failed scan's transaction is gone: every scan row has its history pairing
    orphans = services.db.execute_sql(
        "SELECT COUNT(*) FROM scan s WHERE s.item_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM history_event h WHERE h.scan_id = s.id)"
    ).fetchone()[0]
    assert orphans == 0
    assert audit.verify(services.db).ok
    # still usable to read and export
    assert services.sessions.progress(session_id).expected_scanned >= 1
    assert services.sessions.view_page(session_id, View.NOT_SCANNED).rows
    from recon_desktop.services import reporting

    report = reporting.export_report(services, session_id, tmp_path / "r.xlsx", exported_by="qa")
    assert report.exists()


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def test_database_locked_by_another_process(seeded: tuple[Services, int]) -> None:
    services, session_id = seeded
    ana = services.auth.sign_in("ana", "246810")
    before = scan_rows(services)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, services.db.database],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StorageError, match="locked by another program"):
            services.sessions.scan(ana, session_id, "RC00000002")
    finally:
        holder.communicate("")
    assert scan_rows(services) == before
    assert services.sessions.scan(ana, session_id, "RC00000002") is not None


def test_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StorageError, match="not a readable recon-desktop database"):
        open_database(path)
    code, _, err = cli("--db", str(path), "sessions", "list", capsys=capsys)
    assert code != 0 and err.count("\n") == 1 and "Restore it from a backup" in err
    assert path.read_bytes().startswith(b"these are my notes")  # left as it was


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not made by recon-desktop"):
        open_database(path)


def test_damaged_database_fails_quick_check_and_points_to_restore(
    seeded: tuple[Services, int],
) -> None:
    services, _ = seeded
    path = Path(services.db.database)
    services.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(len(data) // page // 2, len(data) // page - 1):  # garble the back half
        start = n * page + 100
        data[start : start + 200] = os.urandom(200)
    path.write_bytes(bytes(data))
    try:
        db = open_database(path)
    except StorageError as exc:  # damaged where the schema lives: refused at once
        assert "backup" in str(exc).lower()
        return
    try:
        problem = quick_check(db)
        assert problem is not None and "restore" in problem and "backup" in problem
    finally:
        db.close()


def test_database_from_a_newer_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_info SET value = '99' WHERE key = 'version'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(path)
    code, _, err = cli("--db", str(path), "labs", "list", capsys=capsys)
    assert code != 0 and "newer version of recon-desktop" in err and err.count("\n") == 1


def test_second_copy_on_the_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lab.sqlite3"
    first = InstanceLock(path)
    first.acquire()
    try:
        probe = (
            "import sys; from pathlib import Path\n"
            "from recon_desktop.store.db import InstanceLock\n"
            "from recon_desktop.errors import StorageError\n"
            "try:\n    InstanceLock(Path(sys.argv[1])).acquire()\n"
            "except StorageError as e:\n    print(e)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
        assert "already open on this database" in out and f"process {os.getpid()}" in out
    finally:
        first.release()
    again = InstanceLock(path)
    again.acquire()  # free once the first copy is gone
    again.release()


def test_network_share_is_recognised() -> None:
    mounts = (
        "/dev/vda1 / ext4 rw 0 0\n"
        "fileserver:/export/lab /mnt/lab nfs4 rw 0 0\n"
        "//nas/qa /media/qa\\040share cifs rw 0 0\n"
    )
    assert network_filesystem(Path("/mnt/lab/recon.sqlite3"), mounts) == "nfs4"
    assert network_filesystem(Path("/media/qa share/recon.sqlite3"), mounts) == "cifs"
    assert network_filesystem(Path("/mnt/laboratory/recon.sqlite3"), mounts) is None
    assert network_filesystem(Path("/home/ana/recon.sqlite3"), mounts) is None


def test_network_share_warns_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recon_desktop.store.db as dbmod

    monkeypatch.setattr(dbmod, "network_filesystem", lambda path, mounts=None: "nfs4")
    warnings: list[str] = []
    open_database(tmp_path / "lab.sqlite3", warn=warnings.append).close()
    assert len(warnings) == 1 and "PostgreSQL" in warnings[0] and "network share" in warnings[0]


request_cleanup: list[Path] = []


@pytest.fixture(autouse=True)
def _remove_shared_folders() -> Iterator[None]:
    yield
    while request_cleanup:
        folder = request_cleanup.pop()
        for sub in (folder, *folder.rglob("*")):
            if sub.is_dir():
                os.chmod(sub, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


AS_NOBODY = """
import os, sys
# everything the command imports, before dropping rights: a private checkout is unreadable
import recon_desktop.cli, recon_desktop.credentials, recon_desktop.paths, recon_desktop.settings
import recon_desktop.services, recon_desktop.store.db, recon_desktop.store.restore
import recon_desktop.services.reporting, recon_desktop.unfinished, recon_desktop.store.audit
import sqlite3, peewee
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)  # nobody: permissions apply again
sys.exit(recon_desktop.cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database(tmp_path: Path, what: str) -> None:
    # a folder the unprivileged user can reach (pytest's own temp folder is private)
    base = Path(tempfile.mkdtemp(prefix="recon-ro-"))
    os.chmod(base, 0o755)
    request_cleanup.append(base)
    folder = base / "share"
    folder.mkdir()
    path = folder / "lab.sqlite3"
    db = open_database(path)
    Services.create(db).admin.create_first_admin("Cell Biology", "root", "999111")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    for extra in folder.glob("lab.sqlite3-*"):
        extra.unlink()
    os.chmod(path, 0o444 if what == "file" else 0o644)
    os.chmod(folder, 0o755 if what == "file" else 0o555)
    env = {**os.environ, "HOME": str(tmp_path), "RECON_PIN": "999111"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            AS_NOBODY,
            "--db",
            str(path),
            "labs",
            "add",
            "Chemistry",
            "--user",
            "root",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert result.returncode != 0
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    os.chmod(folder, 0o755)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM lab").fetchall() == [("Cell Biology",)]
    conn.close()


def test_backup_while_another_connection_writes_then_restore(
    seeded: tuple[Services, int], tmp_path: Path
) -> None:
    services, session_id = seeded
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        # the same Database object: peewee gives this thread its own connection
        ana = services.auth.sign_in("ana", "246810")
        n = 10
        while not stop.is_set() and n < 150:
            services.sessions.scan(ana, session_id, f"RC{n:08d}")
            written.append(n)
            n += 1
        services.db.close()  # this thread's connection

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        dest = tmp_path / "copy.sqlite3"
        backup.backup(services.db, dest)
    finally:
        stop.set()
        thread.join()
    assert backup.verify_copy(dest).ok
    copy = sqlite3.connect(dest)
    copied = copy.execute("SELECT COUNT(*) FROM scan").fetchone()[0]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    assert 1 <= copied <= scan_rows(services)

    # restore: refused while another workstation has the session open
    with pytest.raises(StorageError, match="active on workstation BENCH-1"):
        restore.restore(services.db, dest, station="BENCH-2")
    ana = services.auth.sign_in("ana", "246810")
    services.sessions.end(ana, session_id)
    saved = restore.restore(services.db, dest, station="BENCH-2")
    assert scan_rows(services) == copied
    assert audit.verify(services.db).ok
    assert saved.exists() and backup.verify_copy(saved).ok


def test_restore_refuses_a_file_that_is_not_a_backup(
    seeded: tuple[Services, int], tmp_path: Path
) -> None:
    services, _ = seeded
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("nope")
    before = scan_rows(services)
    with pytest.raises(StorageError, match="not a recon-desktop database backup"):
        restore.restore(services.db, bogus, station="BENCH-1")
    assert scan_rows(services) == before


# ---------------------------------------------------------------- a real full disk


def test_a_full_disk_during_scans_says_the_disk_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem that is really full (not a page limit): the person reads that the
    disk is full, never the failed rollback that SQLite's own rollback leaves behind, and
    no scan is kept without its history."""
    monkeypatch.setenv("RECON_PIN", "246810")
    with small_disk(3072) as disk:
        path = disk / "lab.sqlite3"
        db = open_database(path)
        services = Services.create(db, station="BENCH-1")
        demo.seed(services, size=300)
        ana = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology")
        session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
        filler = fill(disk)
        sentences = set()
        for n in range(1, 200):
            try:
                services.sessions.scan(ana, session.id, f"RC{n:08d}")
            except StorageError as exc:
                sentences.add(str(exc))
        db.close()
        assert sentences == {DISK_FULL}
        batch = tmp_path / "scans.txt"
        batch.write_text("".join(f"RC{n:08d}\n" for n in range(200, 260)), encoding="utf-8")
        code, _, err = cli(
            "--db", str(path), "scans", "load", str(session.id), str(batch), "--user", "ana",
            capsys=capsys,
        )  # fmt: skip
        assert code != 0 and "The disk is full" in err and "Traceback" not in err
        assert "rollback" not in err
        filler.unlink()
        db = open_database(path)
        try:
            orphans = db.execute_sql(
                "SELECT COUNT(*) FROM scan s WHERE s.item_id IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM history_event h WHERE h.scan_id = s.id)"
            ).fetchone()[0]
            assert orphans == 0
            assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert audit.verify(db).ok
        finally:
            db.close()


def test_an_export_to_a_full_disk_prints_its_sentence_only(
    seeded: tuple[Services, int], tmp_path: Path
) -> None:
    services, session_id = seeded
    path = str(services.db.database)
    services.db.close()
    with small_disk(64) as disk:
        (disk / "a little room left").write_bytes(b"\0" * 60 * 1024)
        result = subprocess.run(
            [sys.executable, "-m", "recon_desktop", "--db", path, "sessions", "export",
             str(session_id), "-o", str(disk / "report.xlsx")],
            capture_output=True, text=True, cwd=REPO,
            env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
        )  # fmt: skip
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1, result.stderr
        assert "the disk is full" in result.stderr and "Nothing was changed" in result.stderr
        assert [p.name for p in disk.iterdir()] == ["a little room left"]  # no report, no part


# ---------------------------------------------------------------- files that are not ours


def test_a_zero_byte_file_is_refused_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lab.sqlite3"
    path.touch()
    with pytest.raises(StorageError, match=r"is empty \(0 bytes\)"):
        open_database(path)
    code, _, err = cli("--db", str(path), "labs", "list", capsys=capsys)
    assert code != 0 and err.count("\n") == 1 and "Restore it from a backup" in err
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.sqlite3"]


def test_another_programs_file_keeps_every_byte(tmp_path: Path) -> None:
    """Refused before anything is set on it: opening with the journal mode set first would
    rewrite its header (bytes 18 and 19) on the way to the refusal."""
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stuff (x)")
    conn.execute("INSERT INTO stuff VALUES (1)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert before[18:20] == b"\x01\x01"  # a rollback-journal database
    with pytest.raises(StorageError, match="not made by recon-desktop"):
        open_database(path)
    from recon_desktop.store.probe import probe

    with pytest.raises(StorageError, match="not made by recon-desktop"):
        probe(str(path))  # the settings dialog's Test connection
    assert path.read_bytes() == before


@pytest.mark.parametrize("marker", ["2abc", "", " ", "-1", "0", "²"])
def test_a_version_marker_that_is_not_a_number_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], marker: str
) -> None:
    path = tmp_path / "lab.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_info SET value = ? WHERE key = 'version'", (marker,))
    conn.commit()
    conn.close()
    code, _, err = cli("--db", str(path), "sessions", "list", capsys=capsys)
    assert code != 0 and err.count("\n") == 1
    assert "is not a version number" in err and "Restore it from a backup" in err


def test_a_damaged_file_gets_a_sentence_from_every_command(
    seeded: tuple[Services, int], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    services, session_id = seeded
    path = Path(services.db.database)
    services.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(len(data) // page // 3, len(data) // page):  # all but the schema's pages
        data[n * page + 8 : n * page + 4000] = os.urandom(3992)
    path.write_bytes(bytes(data))
    batch = tmp_path / "scans.txt"
    batch.write_text("RC00000002\n", encoding="utf-8")
    monkeypatch.setenv("RECON_PIN", "246810")
    sid = str(session_id)
    commands = [
        ["sessions", "show", sid], ["sessions", "show", sid, "--json", "--views"],
        ["sessions", "list"], ["sessions", "export", sid, "-o", str(tmp_path / "r.xlsx")],
        ["audit", "verify"], ["scans", "load", sid, str(batch), "--user", "ana"],
        ["backup", str(tmp_path / "copy.sqlite3")],
    ]  # fmt: skip
    failed = 0
    for command in commands:
        code, _, err = cli("--db", str(path), *command, capsys=capsys)
        assert "Traceback" not in err, command
        if code != 0:
            failed += 1
            assert err.count("\n") == 1, (command, err)
            assert "damaged" in err or "failed" in err, (command, err)
            assert "backup" in err, (command, err)
    assert failed == len(commands)
    code, _, err = cli("--db", str(path), "audit", "verify", capsys=capsys)
    assert code != 0 and "restore" in err


def test_a_link_to_the_database_locks_the_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "lab.sqlite3"
    open_database(path).close()
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(path)
    first = InstanceLock(link)
    first.acquire()
    try:
        with pytest.raises(StorageError, match="already open on this database"):
            InstanceLock(path).acquire()
    finally:
        first.release()
    db = open_database(link)
    try:
        assert Path(db.database) == path.resolve()  # its journal beside the file, not the link
    finally:
        db.close()


READ_ONLY_COMMANDS = (
    ["sessions", "list"],
    ["sessions", "show", "1", "--json", "--views"],
    ["audit", "verify"],
)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_shown_verified_and_exported(tmp_path: Path, what: str) -> None:
    """Someone who may only read the file (or its folder): showing, verifying and exporting
    work; every write is refused with a sentence; the file stays as it was."""
    base = Path(tempfile.mkdtemp(prefix="recon-ro-"))
    os.chmod(base, 0o777)
    request_cleanup.append(base)
    folder = base / "share"
    folder.mkdir()
    path = folder / "lab.sqlite3"
    db = open_database(path)
    services = Services.create(db, station="BENCH-1")
    demo.seed(services, size=60)
    ana = services.auth.sign_in("ana", "246810")
    lab = services.admin.lab("Cell Biology")
    session = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count")
    services.sessions.scan(ana, session.id, "RC00000001")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    for extra in folder.glob("lab.sqlite3-*"):
        extra.unlink()
    before = path.read_bytes()
    os.chmod(path, 0o444 if what == "file" else 0o644)
    os.chmod(folder, 0o755 if what == "file" else 0o555)
    out = base / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    env = {**os.environ, "HOME": str(tmp_path), "RECON_PIN": "246810"}

    def as_nobody(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", AS_NOBODY, "--db", str(path), *argv],
            capture_output=True, text=True, env=env, cwd=REPO,
        )  # fmt: skip

    for command in READ_ONLY_COMMANDS:
        result = as_nobody(*command)
        assert result.returncode == 0, (command, result.stderr)
    exported = as_nobody("sessions", "export", "1", "-o", str(out / "report.xlsx"))
    assert exported.returncode == 0, exported.stderr
    assert (out / "report.xlsx").stat().st_size > 0
    for command in (
        ["labs", "add", "Physics", "--user", "ana"],
        ["sessions", "end", "1", "--user", "ana"],
    ):
        result = as_nobody(*command)
        assert result.returncode != 0, command
        assert "read-only" in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
    os.chmod(folder, 0o755)
    assert path.read_bytes() == before


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from recon_desktop.services.safe_write import replacing
with replacing(Path(sys.argv[1])) as temp:
    temp.write_bytes(b"half a report")
    print(temp, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_part_file_left_by_a_killed_export_goes_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    target = tmp_path / "exports" / "report.xlsx"
    target.parent.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        capture_output=True, text=True, cwd=REPO, env=dict(os.environ),
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    part = Path(killed.stdout.strip())
    assert part.exists() and part.name.endswith(".part")
    # a writer at work in this process is left alone
    from recon_desktop.services.safe_write import replacing

    with replacing(tmp_path / "exports" / "other.xlsx") as live:
        live.write_bytes(b"being written")
        code, _, _ = cli("--db", str(tmp_path / "lab.sqlite3"), "labs", "list", capsys=capsys)
        assert code == 0
        assert not part.exists()
        assert live.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["other.xlsx"]


def test_a_damaged_database_is_restored_and_the_damaged_file_kept(
    seeded: tuple[Services, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The advice every command gives works on the damaged file itself: restore puts the
    backup in place even when SQLite cannot open what is there."""
    services, _ = seeded
    good = tmp_path / "good.sqlite3"
    backup.backup(services.db, good)
    path = Path(services.db.database)
    services.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.close()
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = os.urandom(3996)  # the schema's page: nothing opens it any more
    path.write_bytes(bytes(damaged))
    code, _, err = cli("--db", str(path), "sessions", "list", capsys=capsys)
    assert code != 0 and "restore BACKUP" in err
    code, out, err = cli("--db", str(path), "restore", str(good), capsys=capsys)
    assert code == 0, err
    kept = next(tmp_path.glob("lab.damaged-*.sqlite3"))
    assert kept.read_bytes() == bytes(damaged) and str(kept) in out
    code, out, _ = cli("--db", str(path), "audit", "verify", capsys=capsys)
    assert code == 0 and out.startswith("OK")


@pytest.mark.postgres
def test_backup_of_a_server_runs_pg_dump_or_says_what_to_install(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from recon_desktop.store.backup import find_pg_program

    db = open_database(postgres_url)
    Services.create(db).admin.create_first_admin("Cell Biology", "root", "999111")
    db.close()
    if find_pg_program("pg_dump") is None:
        pytest.skip("pg_dump (PostgreSQL's client programs) not found")
    dest = tmp_path / "server.dump"
    code, out, err = cli("--db", postgres_url, "backup", str(dest), capsys=capsys)
    assert code == 0, err
    assert dest.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert "pg_dump (custom format)" in out and "pg_restore" in out
    assert [p.name for p in tmp_path.iterdir()] == ["server.dump"]
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("RECON_PG_BIN", str(empty))
    code, _, err = cli("--db", postgres_url, "backup", str(tmp_path / "b.dump"), capsys=capsys)
    assert code != 0 and err.count("\n") == 1
    assert "pg_dump" in err and "apt-get install postgresql-client" in err
