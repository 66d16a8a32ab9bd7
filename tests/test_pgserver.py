"""The throw-away PostgreSQL server, its fixtures, and the CI rule for PostgreSQL skips."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest

from tests.pgserver import PostgresServer, find_pg_bin

REPO_ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.postgres


# -- the server --------------------------------------------------------------


def test_server_answers_on_the_returned_url(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql://postgres@127.0.0.1:")
    with psycopg.connect(postgres_url) as conn:
        (version,) = conn.execute("SELECT version()").fetchone()
        assert version.startswith("PostgreSQL ")
        (database,) = conn.execute("SELECT current_database()").fetchone()
        assert postgres_url.endswith("/" + database)


def test_server_is_tuned_for_tests(postgres_server: PostgresServer, postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as conn:
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                (
                    [
                        "fsync",
                        "full_page_writes",
                        "synchronous_commit",
                        "max_connections",
                        "server_encoding",
                    ],
                ),
            ).fetchall()
        )
    assert settings == {
        "fsync": "off",
        "full_page_writes": "off",
        "synchronous_commit": "off",
        "max_connections": "100",
        "server_encoding": "UTF8",
    }
    assert (postgres_server.socket_dir / f".s.PGSQL.{postgres_server.port}").exists()
    assert postgres_server.log_file.exists()


def test_databases_are_independent(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database("independent_one")
    second = postgres_server.create_database("independent_two")
    try:
        assert first != second
        with psycopg.connect(first) as conn:
            conn.execute("CREATE TABLE item (name text)")
            conn.execute("INSERT INTO item VALUES ('only in the first')")
        with psycopg.connect(second) as conn:
            (exists,) = conn.execute("SELECT to_regclass('item') IS NOT NULL").fetchone()
            assert not exists
        with psycopg.connect(first) as conn:
            assert conn.execute("SELECT name FROM item").fetchall() == [("only in the first",)]
    finally:
        postgres_server.drop_database("independent_one")
        postgres_server.drop_database("independent_two")


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_a_fresh_database(postgres_url: str, run: int) -> None:
    with psycopg.connect(postgres_url) as conn:
        conn.execute("CREATE TABLE marker (run int)")  # would fail if the database were shared
        conn.execute("INSERT INTO marker VALUES (%s)", (run,))


def test_stop_is_idempotent_and_cleans_up(tmp_path: Path) -> None:
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; set RECON_PG_BIN")
    server = PostgresServer(tmp_path / "server")
    server.start()
    used_dir = server.base_dir
    url = server.create_database("scratch")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    server.stop()
    server.stop()
    assert not server.running
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    if used_dir != (tmp_path / "server").resolve():  # a substitute directory was used
        assert not used_dir.exists()
        assert (tmp_path / "server" / "log").exists()


# -- finding the binaries ----------------------------------------------------


def test_recon_pg_bin_is_used_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("initdb", "pg_ctl", "postgres"):
        binary = tmp_path / name
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    monkeypatch.setenv("RECON_PG_BIN", str(tmp_path))
    assert find_pg_bin() == tmp_path


def test_recon_pg_bin_without_binaries_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECON_PG_BIN", str(tmp_path))
    assert find_pg_bin() is None


def test_qt_runs_offscreen_by_default() -> None:
    assert "QT_QPA_PLATFORM" in os.environ


# -- the CI rule ---------------------------------------------------------------

GENERATED_TESTS = """
import pytest

def test_passes():
    pass

def test_skipped_for_another_reason():
    pytest.skip("not relevant here")

@pytest.mark.xfail(reason="PostgreSQL quirk")
def test_expected_failure():
    assert False

def test_skipped_for_postgres():
    pytest.skip("PostgreSQL server not available")

def test_skipped_for_xvfb():
    pytest.skip("Xvfb and xdotool are needed for the test with real key events")
"""


def run_pytest(directory: Path, *, ci: bool, extra_env: dict[str, str] | None = None):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    if ci:
        env["CI"] = "true"
    env.update(extra_env or {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.ci_rules",
            "-p",
            "no:cacheprovider",
            "-rA",
            str(directory),
        ],
        cwd=directory,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ci_rule_postgres_and_xvfb_skips_pass_locally(tmp_path: Path) -> None:
    (tmp_path / "test_generated.py").write_text(GENERATED_TESTS)
    result = run_pytest(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 3 skipped, 1 xfailed" in result.stdout


def test_ci_rule_postgres_and_xvfb_skips_fail_on_ci(tmp_path: Path) -> None:
    (tmp_path / "test_generated.py").write_text(GENERATED_TESTS)
    result = run_pytest(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 failed, 1 passed, 1 skipped, 1 xfailed" in result.stdout
    assert "CI: tests that must run were skipped" in result.stdout
    assert "test_generated.py::test_skipped_for_postgres" in result.stdout
    assert "test_generated.py::test_skipped_for_xvfb" in result.stdout


def test_ci_rule_module_level_postgres_skip_fails_on_ci(tmp_path: Path) -> None:
    (tmp_path / "test_generated.py").write_text(
        "import pytest\npytest.skip('PostgreSQL not installed', allow_module_level=True)\n"
    )
    (tmp_path / "test_other.py").write_text("def test_passes():\n    pass\n")
    assert run_pytest(tmp_path, ci=False).returncode == 0
    result = run_pytest(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI: tests that must run were skipped" in result.stdout


def test_ci_rule_missing_server_binaries_fail_on_ci(tmp_path: Path) -> None:
    """End to end: the real fixtures, with no PostgreSQL binaries to be found."""
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import postgres_server, postgres_url  # noqa: F401\n"
    )
    (tmp_path / "test_generated.py").write_text(
        textwrap.dedent(
            """
            def test_needs_database(postgres_url):
                pass
            """
        )
    )
    no_binaries = {"RECON_PG_BIN": str(tmp_path / "empty")}
    local = run_pytest(tmp_path, ci=False, extra_env=no_binaries)
    assert local.returncode == 0, local.stdout + local.stderr
    assert "1 skipped" in local.stdout
    assert "PostgreSQL server binaries (initdb, pg_ctl) not found" in local.stdout

    on_ci = run_pytest(tmp_path, ci=True, extra_env=no_binaries)
    assert on_ci.returncode == 1, on_ci.stdout + on_ci.stderr
    assert "1 error" in on_ci.stdout
    assert "CI: tests that must run were skipped" in on_ci.stdout
    assert "PostgreSQL server binaries (initdb, pg_ctl) not found" in on_ci.stdout
