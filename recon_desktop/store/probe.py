"""Test a database location without using it: the settings dialog's "Test connection".

Unlike ``db.open_database`` this binds no models, creates nothing and upgrades nothing: it
connects, reads the schema version and the number of labs, and says what it found.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee as pw

from recon_desktop.core import text as sentences
from recon_desktop.core.text import plural
from recon_desktop.errors import StorageError
from recon_desktop.store.db import (
    check_sqlite_file,
    describe,
    is_server_url,
    make_database,
    translate,
)
from recon_desktop.store.schema import SCHEMA_VERSION


def probe(target: str) -> str:
    """A sentence saying whether recon-desktop can use ``target``; StorageError (with its
    sentence) when it cannot."""
    target = target.strip()
    shown = describe(target)
    if not is_server_url(target):
        path = Path(target.removeprefix("sqlite:///")).expanduser()
        if path.is_dir():
            raise StorageError(
                sentences.translate("Database", "{path} is a folder, not a database file.").format(
                    path=path
                )
            )
        if not path.exists():
            folder = path.parent
            if not folder.is_dir():
                raise StorageError(
                    sentences.translate("Database", "The folder {folder} does not exist.").format(
                        folder=folder
                    )
                )
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StorageError(
                    sentences.translate(
                        "Database", "The folder {folder} is read-only for you."
                    ).format(folder=folder)
                )
            return sentences.translate(
                "Database",
                "There is no database at {path} yet; recon-desktop will create one there "
                "on the next start.",
            ).format(path=str(path))
        check_sqlite_file(path)  # before connecting sets anything on another program's file
        target = str(path)
    db = make_database(target, busy_timeout_s=2)  # a server gets the connect timeout there
    try:
        db.connect()
    except (pw.OperationalError, pw.DatabaseError, sqlite3.DatabaseError) as exc:
        raise translate(exc, shown) from None
    try:
        tables = set(db.get_tables())
        if "schema_info" not in tables:
            if tables:
                raise StorageError(
                    sentences.translate(
                        "Database",
                        "{shown} holds a database that was not made by recon-desktop; choose "
                        "another one.",
                    ).format(shown=shown)
                )
            return sentences.translate(
                "Database",
                "Connected to {shown}: it is empty; recon-desktop will set it up on the "
                "next start.",
            ).format(shown=shown)
        row = db.execute_sql("SELECT value FROM schema_info WHERE key = 'version'").fetchone()
        version = int(row[0]) if row else 0
        labs = db.execute_sql("SELECT COUNT(*) FROM lab").fetchone()[0]
    except (pw.OperationalError, pw.DatabaseError, sqlite3.DatabaseError) as exc:
        raise translate(exc, shown) from None
    finally:
        db.close()
    if version > SCHEMA_VERSION:
        raise StorageError(
            sentences.translate(
                "Database",
                "{shown} was written by a newer recon-desktop (schema {version}); update "
                "this program to use it.",
            ).format(shown=shown, version=str(version))
        )
    found = plural(
        labs,
        sentences.translate(
            "Database", "Connected to {shown}: a recon-desktop database with {count} lab."
        ),
        sentences.translate(
            "Database", "Connected to {shown}: a recon-desktop database with {count} labs."
        ),
    ).format(shown=shown)
    if version < SCHEMA_VERSION:
        return sentences.translate(
            "Database", "{found} It will be upgraded on the next start (after a backup)."
        ).format(found=found)
    return found
