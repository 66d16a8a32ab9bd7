"""Shared pytest configuration and fixtures for the recon-desktop tests."""

import os

# Qt must see this before it is first imported (GUI tests run headless).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
import re
from collections.abc import Iterator

import pytest

from tests import ci_rules
from tests.pgserver import PostgresServer, find_pg_bin

# ---------------------------------------------------------------------------
# Plugins and markers
# ---------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a real PostgreSQL server")
    # CI rule: with CI=true, a test skipped because of PostgreSQL fails the run.
    if not config.pluginmanager.is_registered(ci_rules):
        config.pluginmanager.register(ci_rules, "tests.ci_rules")


@pytest.fixture(autouse=True, scope="session")
def _no_machine_wide_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A machine-wide settings file of the computer running the tests (/etc/xdg/…) never
    changes a test; the tests of that file name their own."""
    from recon_desktop.settings import SITE_SETTINGS_ENV

    patch = pytest.MonkeyPatch()
    patch.setenv(SITE_SETTINGS_ENV, str(tmp_path_factory.mktemp("site") / "none.json"))
    yield
    patch.undo()


# ---------------------------------------------------------------------------
# PostgreSQL: one throw-away server per test session, one database per test
# ---------------------------------------------------------------------------

PG_MISSING_REASON = "PostgreSQL server binaries (initdb, pg_ctl) not found; set RECON_PG_BIN"

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """A PostgreSQL server started once for the whole test session."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip(PG_MISSING_REASON)
    server = PostgresServer(tmp_path_factory.mktemp("postgres"), bin_dir=bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a new, empty database for this test (dropped afterwards)."""
    slug = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")[:40]
    name = f"test_{next(_database_numbers):04d}_{slug}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)
