"""The database URL: read by peewee's URL reader, opened as our ServerDatabase."""

from __future__ import annotations

from pathlib import Path

import peewee as pw
import pytest

from recon_desktop import credentials
from recon_desktop.errors import StorageError
from recon_desktop.store import probe
from recon_desktop.store.db import (
    CONNECT_TIMEOUT_S,
    SERVER_TCP,
    ServerDatabase,
    describe,
    is_server_url,
    make_database,
)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_server_url_becomes_a_server_database(scheme: str) -> None:
    db = make_database(f"{scheme}://ana:s%40cret@db.lab:5433/recon%20lab?sslmode=require")
    assert type(db) is ServerDatabase
    assert db.database == "recon lab"
    assert db.connect_params == {
        "user": "ana",
        "password": "s@cret",
        "host": "db.lab",
        "port": 5433,
        "sslmode": "require",
        "connect_timeout": CONNECT_TIMEOUT_S,
        **SERVER_TCP,  # a dead network path noticed within about two seconds
    }


def test_a_given_connect_timeout_is_kept_and_the_database_defaults_to_postgres() -> None:
    db = make_database("postgresql://db.lab?connect_timeout=2&tcp_user_timeout=9000")
    assert db.database == "postgres"
    assert db.connect_params == {
        "host": "db.lab",
        "connect_timeout": 2,
        **SERVER_TCP,
        "tcp_user_timeout": 9000,  # the URL's own setting wins
    }


def test_paths_and_sqlite_urls_are_files(tmp_path: Path) -> None:
    for target in (tmp_path / "a.sqlite3", f"sqlite:///{tmp_path}/a.sqlite3"):
        db = make_database(target)
        assert type(db) is pw.SqliteDatabase
        assert db.database == str(tmp_path / "a.sqlite3")
    with pytest.raises(StorageError, match="is not a database path or a postgresql:// URL"):
        make_database("mysql://ana:secret@db/recon")


def test_one_answer_to_is_this_a_server() -> None:
    """store, the password keeper and the connection test agree on what a server is."""
    for url in ("postgresql://ana@db/recon", "postgres://db/recon"):
        assert is_server_url(url)
        with_password = credentials.with_password(url, "pw")
        assert credentials.split_password(with_password) == (url, "pw")
        assert credentials.connect_target(with_password) == (with_password, False)
    for path in ("recon.sqlite3", "sqlite:///recon.sqlite3", "C:\\data\\recon.sqlite3"):
        assert not is_server_url(path)
        assert credentials.split_password(path) == (path, None)
        assert credentials.connect_target(path) == (path, False)


def test_describe_never_shows_the_password() -> None:
    assert (
        describe("postgres://ana:secret@db.lab:5433/recon") == "postgresql://ana@db.lab:5433/recon"
    )
    assert describe("/data/recon.sqlite3") == "/data/recon.sqlite3"


def test_the_connection_test_refuses_an_unreachable_server_in_a_sentence() -> None:
    with pytest.raises(StorageError, match=r"postgresql://nobody@127\.0\.0\.1:1/recon") as caught:
        probe.probe("postgresql://nobody:secret@127.0.0.1:1/recon?connect_timeout=2")
    assert "secret" not in str(caught.value)
