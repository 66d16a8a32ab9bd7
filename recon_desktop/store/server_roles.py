"""A PostgreSQL server's own protection of the records: an owner role that owns the tables
(and alone may change their structure, their triggers and their records), and a role for
the workstations that may only insert and read the append-only tables, and change only
what the program changes (sessions, items, the lockout counter…). Made by
``recon-desktop server setup``, which can print the statements instead of running them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import peewee as pw

from recon_desktop.core.text import translate
from recon_desktop.errors import StorageError
from recon_desktop.store import events, scan_on_server
from recon_desktop.store.models import MODELS
from recon_desktop.store.schema import APPEND_ONLY_TABLES

OWNER = "recon_owner"
WORKSTATION = "recon_workstation"
# what the program changes besides appending records: INSERT and UPDATE
CHANGED = (
    "session", "inventory_item", "chain_head", "station_state", "lab", "membership",
    "location", "ingredient", "listing_config", "session_counter",
)  # fmt: skip
# user: made by an admin; of an existing one only the lockout and the PIN change
USER_COLUMNS = ("failed_attempts", "locked_until", "pin_hash")


def _name(name: str) -> str:
    if not name.replace("_", "").isalnum() or not name[:1].isalpha():
        raise StorageError(
            translate(
                "ServerRoles",
                "{name!r} is not a role name this program makes (letters, digits and _ only).",
            ).format(name=name)
        )
    return name


def statements(
    database: str, *, owner: str = OWNER, workstation: str = WORKSTATION, admin: str = ""
) -> list[str]:
    """The SQL that sets the roles and privileges up, in order (each one safe to run
    again). ``admin``: the role running it, made a member of the owner role so that it
    can still upgrade the tables."""
    owner, workstation = _name(owner), _name(workstation)
    tables = [model._meta.table_name for model in MODELS]
    quoted = {table: f'"{table}"' for table in tables}
    lines = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in (owner, workstation)
    ]
    if admin:
        lines.append(f'GRANT {owner} TO "{admin}"')
    lines += [f"ALTER TABLE {quoted[t]} OWNER TO {owner}" for t in tables]
    lines += [
        f"DO $$ DECLARE s text; BEGIN FOR s IN SELECT sequencename FROM pg_sequences "
        f"WHERE schemaname = current_schema() LOOP EXECUTE format('ALTER SEQUENCE %I OWNER "
        f"TO {owner}', s); END LOOP; END $$",
        f"ALTER FUNCTION recon_append_only() OWNER TO {owner}",
        # the scan as one call: the owner's, so that no workstation may change or drop it
        scan_on_server.REPLACE,
        f"ALTER PROCEDURE {scan_on_server.NAME} OWNER TO {owner}",
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
        f'GRANT CONNECT ON DATABASE "{database}" TO {workstation}',
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {workstation}",
        f"GRANT USAGE ON SCHEMA public TO {workstation}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {workstation}",
        f"GRANT SELECT, INSERT ON {', '.join(quoted[t] for t in APPEND_ONLY_TABLES)} "
        f"TO {workstation}",
        f"GRANT SELECT, INSERT, UPDATE ON {', '.join(quoted[t] for t in CHANGED)} TO {workstation}",
        # a scan that no longer counts (an undo) takes its counting row away, and the
        # item's last verified when no scan of it stands
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON found, item_verified TO {workstation}",
        f'GRANT SELECT, INSERT, UPDATE ({", ".join(USER_COLUMNS)}) ON "user" TO {workstation}',
        f"GRANT SELECT ON schema_info TO {workstation}",
        "INSERT INTO schema_info (key, value) VALUES ('workstation_role', "
        f"'{workstation}') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ]
    return lines


def login_statement(name: str, *, workstation: str = WORKSTATION) -> str:
    """A login for a workstation (its password set apart, never in printed SQL)."""
    return f"CREATE ROLE {_name(name)} LOGIN IN ROLE {_name(workstation)}"


def set_up(
    db: pw.Database,
    *,
    owner: str = OWNER,
    workstation: str = WORKSTATION,
    logins: Sequence[tuple[str, str]] = (),
    station: str = "server setup",
) -> list[str]:
    """Run the statements (one transaction) as the connected role, which needs the right
    to make roles and to own the tables (a superuser, or the tables' owner with
    CREATEROLE); add a login per (name, password). Returns what was run (no passwords)."""
    if not isinstance(db, pw.PostgresqlDatabase):
        raise StorageError(
            translate(
                "ServerRoles",
                "server setup is for a PostgreSQL server; a SQLite file has no roles.",
            )
        )
    admin = db.execute_sql("SELECT current_user").fetchone()[0]
    done = statements(str(db.database), owner=owner, workstation=workstation, admin=admin)
    with db.atomic():
        for statement in done:
            db.execute_sql(statement.replace("%", "%%"))  # the driver's placeholders
        for name, password in logins:
            exists = db.execute_sql(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (_name(name),)
            ).fetchone()
            if exists is None:
                db.execute_sql(login_statement(name, workstation=workstation))
                done.append(login_statement(name, workstation=workstation))
            else:
                db.execute_sql(f"GRANT {_name(workstation)} TO {name}")
            # the password as a parameter of a statement the server quotes itself
            db.execute_sql("SELECT set_config('recon.password', %s, true)", (password,))
            db.execute_sql(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %%I PASSWORD %%L', "
                f"'{name}', current_setting('recon.password')); END $$"
            )
        events.record(
            db=db,
            at=datetime.now(UTC).replace(tzinfo=None),
            kind="server-setup",
            user_id=None,
            user_name=f"database role {admin}",
            station=station,
            detail=(
                f"owner role {owner}; workstations' role {workstation} (insert and read the "
                "records only)" + (f"; logins {', '.join(n for n, _ in logins)}" if logins else "")
            ),
        )
    return done
