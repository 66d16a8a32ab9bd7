"""The command line: ``recon-desktop [--db PATH_OR_URL] [COMMAND …]``.

Without a command it opens the window. Errors a person can act on print one sentence on
stderr and exit non-zero; tracebacks are only for our own bugs.
"""

from __future__ import annotations

import argparse
import codecs
import getpass
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recon_desktop import APP_NAME, __version__
from recon_desktop.core.wording import counted
from recon_desktop.errors import ReconError, ValidationError

Handler = Callable[[argparse.Namespace], int]


def demo_database_path() -> Path:
    from recon_desktop import paths

    return paths.data_dir() / "demo.sqlite3"


def database_target(args: argparse.Namespace) -> str:
    """--db, else the demo database (--demo), else RECON_DB, else the database chosen in
    the settings, else the default file."""
    from recon_desktop.store.db import default_database_path, env_database

    if args.db:
        return str(args.db)
    if args.demo:
        return str(demo_database_path())
    if getattr(args, "seeding_demo", False):  # `demo` seeds RECON_DB or the demo database
        return env_database() or str(demo_database_path())
    return env_database() or settings_database() or str(default_database_path())


def settings_database() -> str | None:
    """The database location chosen in the settings dialog (without its password)."""
    from recon_desktop import settings

    return settings.load().settings.database or None


def gs_substitute() -> str:
    """What this workstation's scanner sends instead of GS (Tools → Settings), or ""."""
    from recon_desktop import settings

    return settings.load().settings.gs_substitute


def anchor_file() -> Path:
    """Where ending a session appends its anchor: the file chosen in the settings, else
    ``anchors.txt`` beside the log."""
    from recon_desktop import settings
    from recon_desktop.services.anchoring import anchor_file as chosen_file

    return chosen_file(settings.load().settings.anchor_file)


def open_services(args: argparse.Namespace) -> Any:
    from recon_desktop import credentials
    from recon_desktop.services import Services
    from recon_desktop.store.db import open_database

    # a PostgreSQL password comes from the URL or the keyring, never the settings file
    db = open_database(credentials.connect_target(database_target(args))[0])
    args.database = db  # closed by main() when the command is done
    return Services.create(db, station=args.station, anchor_file=anchor_file())


def read_pin(what: str = "PIN") -> str:
    pin = os.environ.get("RECON_PIN")
    if pin is not None:
        return pin
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError("Set RECON_PIN or run the command in a terminal to type the PIN.")
    return getpass.getpass(f"{what}: ")


def sign_in(services: Any, user: str) -> Any:
    return services.auth.sign_in(user, read_pin(f"PIN for {user}"))


def admin_sign_in(services: Any, user: str | None, what: str) -> Any:
    """The admin named by --user, signed in (PIN from RECON_PIN or typed)."""
    if not user:
        raise ValidationError(
            f"{what} needs a signed-in admin: add --user NAME (the PIN from RECON_PIN, or "
            "typed when asked)."
        )
    return sign_in(services, user)


# ---------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    from recon_desktop.services import demo

    services = open_services(args)
    info = demo.seed(services, size=args.size)
    from recon_desktop.store.db import describe

    print(f"Database: {describe(database_target(args))}")  # never a password
    print(demo.describe(info))
    return 0


def cmd_labs_add(args: argparse.Namespace) -> int:
    services = open_services(args)
    operator = admin_sign_in(services, args.user, "Adding a lab")
    lab = services.admin.add_lab(operator, args.name)
    print(f"Lab {lab.name!r} added (#{lab.id}); {operator.name} is its admin.")
    return 0


def cmd_labs_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    for lab in services.admin.labs():
        print(f"{lab.id}\t{lab.name}")
    return 0


def _pin_from_env(variable: str) -> str:
    pin = os.environ.get(variable)
    if pin is None:
        raise ValidationError(f"The environment variable {variable} is not set.")
    return pin


def cmd_users_add(args: argparse.Namespace) -> int:
    pin = _pin_from_env(args.pin_from_env)
    services = open_services(args)
    if not args.user and not services.admin.has_users():
        # an empty database: its first admin (and lab) need no sign-in
        if args.role != "admin":
            raise ValidationError(
                "This database has no users yet: its first user must be an admin (--role admin)."
            )
        services.admin.create_first_admin(args.lab, args.name, pin, badge=args.badge)
        print(
            f"User {args.name!r} is admin in {args.lab!r}, the database's first admin; "
            "from now on administration needs a signed-in admin (--user)."
        )
        return 0
    operator = admin_sign_in(services, args.user, "Adding a user or a role")
    services.admin.add_user(
        operator, args.name, pin, lab=args.lab, role=args.role, badge=args.badge
    )
    print(f"User {args.name!r} is {args.role} in {args.lab!r}.")
    return 0


def cmd_users_pin(args: argparse.Namespace) -> int:
    pin = _pin_from_env(args.pin_from_env)
    services = open_services(args)
    operator = admin_sign_in(services, args.user, "Setting a PIN")
    services.admin.set_pin(operator, args.name, pin)
    print(f"{args.name}'s PIN was changed.")
    return 0


def cmd_configs_add(args: argparse.Namespace) -> int:
    from recon_desktop.core.filters import DEFAULT_COLUMNS, parse_filter

    services = open_services(args)
    filters = [parse_filter(text) for text in args.filter or []]
    columns = args.columns.split(",") if args.columns else list(DEFAULT_COLUMNS)
    operator = admin_sign_in(services, args.user, "Adding a listing config")
    config_id = services.admin.add_config(operator, args.name, args.lab, filters, columns)
    lab = services.admin.lab(args.lab)
    count = services.admin.count_matching(lab.id, filters)
    print(
        f"Listing config {args.name!r} added (#{config_id}); it matches "
        f"{counted(count, 'item')} now."
    )
    return 0


def cmd_configs_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    lab = services.admin.lab(args.lab)
    for config_id, name in services.admin.configs(lab.id):
        _, _, columns, filters = services.admin.config(lab.id, config_id)
        shown = "; ".join(str(f) for f in filters) or "(no filters)"
        print(f"{config_id}\t{name}\t{shown}\tcolumns: {','.join(columns)}")
    return 0


def cmd_sessions_start(args: argparse.Namespace) -> int:
    services = open_services(args)
    operator = sign_in(services, args.user)
    lab = services.admin.lab(args.lab)
    info = services.sessions.start(operator, lab.id, args.config, args.name)
    print(info.id)
    return 0


def _iso(value: datetime | None) -> str | None:
    return value.replace(tzinfo=UTC).isoformat() if value else None


def cmd_sessions_show(args: argparse.Namespace) -> int:
    from recon_desktop.core.records import View

    services = open_services(args)
    info = services.sessions.find(args.session)
    progress = services.sessions.progress(info.id)
    data: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "lab": info.lab,
        "listing_config": info.config_name,
        "filters": [list(f) for f in info.filters],
        "columns": list(info.columns),
        "started_by": info.started_by,
        "started_at": _iso(info.started_at),
        "ended_by": info.ended_by,
        "ended_at": _iso(info.ended_at),
        "end_note": info.end_note,
        "expected_total": progress.expected_total,
        "expected_scanned": progress.expected_scanned,
        "not_in_scope": progress.not_in_scope,
        "unknown": progress.unknown,
        "already_scanned": progress.already_scanned,
    }
    if args.views:
        for view in View:
            data[view.value] = services.sessions.view_barcodes(info.id, view)
    if args.json:
        # \u escapes where the output's encoding cannot hold a character: still JSON
        json.dump(data, sys.stdout, ensure_ascii=not writes_unicode(sys.stdout), indent=2)
        print()
        return 0
    state = "active" if info.active else f"ended {info.ended_at:%Y-%m-%d %H:%M} UTC"
    print(f"Session #{info.id} {info.name!r} in {info.lab} ({state})")
    print(
        f"  listing config {info.config_name!r}: "
        + ("; ".join(" ".join(f) for f in info.filters) or "(no filters)")
    )
    print(f"  started by {info.started_by} at {info.started_at:%Y-%m-%d %H:%M} UTC")
    print(
        f"  expected scanned {progress.expected_scanned} / {progress.expected_total}, "
        f"not scanned {progress.not_scanned}, not in scope {progress.not_in_scope}, "
        f"unknown {progress.unknown}, already scanned {progress.already_scanned}"
    )
    if args.views:
        for view in View:
            codes = data[view.value]
            print(
                f"  {view.title} ({len(codes)}): {', '.join(codes[:20])}"
                + (" …" if len(codes) > 20 else "")
            )
    return 0


def cmd_sessions_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    active = True if args.active else False if args.past else None
    sessions = services.sessions.list_with_progress(active=active)
    if not sessions:
        print("No sessions.")
    for info, p in sessions:
        ended = f"{info.ended_at:%Y-%m-%d %H:%M}" if info.ended_at else "active"
        print(
            f"{info.id}\t{info.name}\t{info.lab}\t{info.started_by}\t"
            f"{info.started_at:%Y-%m-%d %H:%M}\t{ended}\t"
            f"{p.expected_scanned}/{p.expected_total} scanned, {p.not_in_scope} not in scope, "
            f"{p.unknown} unknown"
        )
    return 0


def cmd_sessions_join(args: argparse.Namespace) -> int:
    services = open_services(args)
    operator = sign_in(services, args.user)
    info = services.sessions.join(operator, services.sessions.find(args.session).id)
    print(
        f"{operator.name} joined session #{info.id} {info.name!r} in {info.lab} from "
        f"workstation {services.station}; scans from here count in it."
    )
    return 0


def cmd_sessions_end(args: argparse.Namespace) -> int:
    services = open_services(args)
    operator = sign_in(services, args.user)
    info = services.sessions.find(args.session)
    ended = services.sessions.end(operator, info.id, note=args.note)
    p = services.sessions.progress(info.id)
    print(
        f"Session #{ended.id} {ended.name!r} ended: {p.expected_scanned} of "
        f"{p.expected_total} expected items scanned, {p.not_scanned} not scanned, "
        f"{p.not_in_scope} not in scope, {p.unknown} unknown. {services.sessions.anchor_note}"
    )
    return 0


def cmd_sessions_export(args: argparse.Namespace) -> int:
    from recon_desktop.services import reporting

    services = open_services(args)
    info = services.sessions.find(args.session)
    exported_by = args.user or os.environ.get("USER") or os.environ.get("USERNAME") or "cli"
    target = reporting.export_report(services, info.id, Path(args.output), exported_by=exported_by)
    print(f"Report written to {target}.")
    return 0


def cmd_scans_load(args: argparse.Namespace) -> int:
    from recon_desktop.errors import StorageError
    from recon_desktop.services import batch

    if args.gs_as is not None and (len(args.gs_as) != 1 or not args.gs_as.isprintable()):
        raise ValidationError(f"--gs-as takes one printable character, not {args.gs_as!r}.")
    path = Path(args.file)
    data = batch.read_file(path)
    services = open_services(args)
    operator = sign_in(services, args.user)
    info = services.sessions.find(args.session)
    report = batch.load(
        services,
        operator,
        info.id,
        data,
        name=path.name,
        gs_substitute=args.gs_as if args.gs_as is not None else gs_substitute(),
    )
    for note in report.notes:
        print(note, file=sys.stderr)
    if report.stopped:
        raise StorageError(report.stopped)
    print(report.summary())
    return 2 if report.not_loaded else 0


def cmd_import(args: argparse.Namespace) -> int:
    from recon_desktop.services.importing import ImportService

    services = open_services(args)
    operator = admin_sign_in(services, args.user, "An import")
    importer = ImportService(services.db, services.admin)
    importer.check_admin(operator, args.lab)  # before the file is read, even for a dry run
    plan = importer.plan(Path(args.file), args.lab, encoding=args.encoding)
    if plan.delimiter:
        print(f"Delimiter: {plan.delimiter!r}")
    if not plan.ok:
        for problem in plan.problems:
            print(f"row {problem.row}, column {problem.column}: {problem.reason}", file=sys.stderr)
        print(
            f"Nothing was imported: {counted(len(plan.problems), 'problem')} in "
            f"{counted(plan.rows, 'row')}.",
            file=sys.stderr,
        )
        return 2
    if args.dry_run:
        print(
            f"Dry run: {counted(plan.rows, 'row')} would import ({plan.new:,} new, "
            f"{plan.updated:,} updated, {plan.unchanged:,} unchanged). Nothing was written."
        )
        return 0
    done = importer.apply(plan, operator=operator)
    print(
        f"Imported {counted(done.rows, 'row')}: {done.new:,} new, {done.updated:,} updated, "
        f"{done.unchanged:,} unchanged."
    )
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from recon_desktop.services import anchoring

    outside: list[str] = []
    source = ""
    if args.anchor:
        source = str(args.anchor)
        outside = anchoring.read_anchors(Path(args.anchor))
    services = open_services(args)
    report = anchoring.verify(services.db, outside, source=source)
    if report.ok:
        what = (
            f"and still holds every record the anchors in {source} sealed"
            if args.anchor
            else "(give --anchor FILE to check against an anchor kept outside the database)"
        )
        print(f"OK: {report.checked:,} records checked; the history has not been altered {what}.")
        for note in report.notes:
            print(f"  {note}")
        return 0
    print(
        f"ALTERED: {report.problem} ({report.checked:,} records checked before it).",
        file=sys.stderr,
    )
    return 8


def cmd_backup(args: argparse.Namespace) -> int:
    from recon_desktop.store.backup import backup
    from recon_desktop.store.db import is_postgres

    services = open_services(args)
    size = backup(services.db, Path(args.dest))
    if is_postgres(services.db):
        print(
            f"Backup written to {args.dest} ({size:,} bytes) by pg_dump (custom format) and "
            "read back with pg_restore --list; restore it with pg_restore."
        )
        return 0
    print(f"Backup written to {args.dest} ({size:,} bytes) and verified.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from recon_desktop.errors import DamagedDatabaseError
    from recon_desktop.store.db import is_server_url, quick_check, sqlite_path
    from recon_desktop.store.restore import restore, restore_damaged

    target = database_target(args)
    damaged = False
    try:
        services = open_services(args)
    except DamagedDatabaseError:
        if is_server_url(target):
            raise
        damaged = True
    else:
        damaged = quick_check(services.db) is not None
        if damaged:
            services.db.close()
    if damaged:
        saved = restore_damaged(sqlite_path(target), Path(args.source))
        print(
            f"Restored from {args.source} and verified; the damaged database is kept as it "
            f"was in {saved}."
        )
        return 0
    saved = restore(services.db, Path(args.source), station=services.station)
    print(f"Restored from {args.source} and verified; the previous content is saved in {saved}.")
    return 0


def cmd_server_setup(args: argparse.Namespace) -> int:
    from recon_desktop.store import server_roles

    if args.print:
        from urllib.parse import unquote, urlsplit

        target = database_target(args)
        name = unquote(urlsplit(target).path.lstrip("/")) or "postgres"
        for statement in server_roles.statements(
            name, owner=args.owner, workstation=args.workstation
        ):
            print(statement + ";")
        for login in args.login or []:
            print(server_roles.login_statement(login, workstation=args.workstation) + ";")
            print(f"-- then: ALTER ROLE {login} PASSWORD '…';  (typed by you, never printed)")
        return 0
    logins = []
    for login in args.login or []:
        if not args.password_from_env:
            raise ValidationError("A login needs its password: add --password-from-env VAR.")
        logins.append((login, _pin_from_env(args.password_from_env)))
    services = open_services(args)
    done = server_roles.set_up(
        services.db,
        owner=args.owner,
        workstation=args.workstation,
        logins=logins,
        station=services.station,
    )
    print(
        f"Set up: the tables belong to {args.owner}; {args.workstation} may insert and read "
        f"the records but never change or delete them ({len(done)} statements)."
        + (f" Logins: {', '.join(args.login)}." if args.login else "")
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    if args.smoke_test:
        from recon_desktop.ui.smoke import run_smoke_test

        return run_smoke_test()
    if args.startup_benchmark:
        from recon_desktop.ui.smoke import run_startup_benchmark

        return run_startup_benchmark()
    from recon_desktop.app import run_gui

    return run_gui(database_target(args), demo=args.demo, station=args.station)


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Inventory reconciliation sessions for lab bench PCs.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL (default: RECON_DB, else the database "
        "chosen in Tools > Settings, else the file in the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo database, kept apart from real data (seeded on first use; its "
        "users and PINs are printed)",
    )
    parser.add_argument(
        "--station",
        help="workstation name recorded with every scan (default: this computer's name)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation on a throw-away database (window, one scan) and exit",
    )
    parser.add_argument(
        "--startup-benchmark",
        action="store_true",
        help="print the time from start to the window's first paint and exit",
    )
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser("demo", help="seed a demo database and print users and PINs")
    demo.add_argument("--size", type=int, default=2000, help="inventory items (default 2000)")
    demo.set_defaults(handler=cmd_demo, seeding_demo=True)

    labs = _group(commands, "labs", "labs")
    add = labs.add_parser("add", help="add a lab (you become its admin)")
    add.add_argument("name")
    _admin_user(add)
    add.set_defaults(handler=cmd_labs_add)
    labs.add_parser("list", help="list labs").set_defaults(handler=cmd_labs_list)

    users = _group(commands, "users", "users and their roles")
    add = users.add_parser("add", help="add a user, or give a user a role in another lab")
    add.add_argument("name")
    add.add_argument(
        "--pin-from-env",
        required=True,
        metavar="VAR",
        help="environment variable holding the PIN (6-12 digits)",
    )
    add.add_argument("--lab", required=True)
    add.add_argument("--role", required=True, choices=["admin", "member", "viewer"])
    add.add_argument("--badge", help="badge barcode for signing in")
    add.add_argument(
        "--user",
        metavar="ADMIN",
        help="an admin of the lab, signed in (PIN from RECON_PIN); only the first admin of "
        "an empty database is added without one",
    )
    add.set_defaults(handler=cmd_users_add)
    pin = users.add_parser("pin", help="set a user's PIN (your own, or as an admin)")
    pin.add_argument("name")
    pin.add_argument(
        "--pin-from-env",
        required=True,
        metavar="VAR",
        help="environment variable holding the new PIN (6-12 digits)",
    )
    _admin_user(pin, "you, or an admin of every lab of the user (PIN from RECON_PIN)")
    pin.set_defaults(handler=cmd_users_pin)

    imp = commands.add_parser("import", help="import inventory from .csv or .xlsx")
    imp.add_argument("file")
    imp.add_argument("--lab", required=True)
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument("--encoding", help="CSV text encoding (default UTF-8, with or without BOM)")
    _admin_user(imp)
    imp.set_defaults(handler=cmd_import)

    configs = _group(commands, "configs", "listing configs")
    add = configs.add_parser("add", help="add a listing config")
    add.add_argument("name")
    add.add_argument("--lab", required=True)
    add.add_argument(
        "--filter",
        action="append",
        metavar='"FIELD OP VALUE"',
        help="repeat for several filters (all must match)",
    )
    add.add_argument("--columns", help="comma-separated fields, in order")
    _admin_user(add)
    add.set_defaults(handler=cmd_configs_add)
    lst = configs.add_parser("list", help="list the listing configs of a lab")
    lst.add_argument("--lab", required=True)
    lst.set_defaults(handler=cmd_configs_list)

    sessions = _group(commands, "sessions", "inventory reconciliation sessions")
    start = sessions.add_parser("start", help="start a session; prints its id")
    for name in ("--user", "--lab", "--config", "--name"):
        start.add_argument(name, required=True)
    start.set_defaults(handler=cmd_sessions_start)
    show = sessions.add_parser("show", help="progress of a session")
    show.add_argument("session")
    show.add_argument("--json", action="store_true")
    show.add_argument("--views", action="store_true", help="include the three views")
    show.set_defaults(handler=cmd_sessions_show)
    lst = sessions.add_parser("list", help="list sessions")
    which = lst.add_mutually_exclusive_group()
    which.add_argument("--active", action="store_true")
    which.add_argument("--past", action="store_true")
    lst.set_defaults(handler=cmd_sessions_list)
    join = sessions.add_parser("join", help="join an active session from this workstation")
    join.add_argument("session")
    join.add_argument("--user", required=True)
    join.set_defaults(handler=cmd_sessions_join)
    end = sessions.add_parser("end", help="end a session (only its starter)")
    end.add_argument("session")
    end.add_argument("--user", required=True)
    end.add_argument("--note", help="a note kept with the session (e.g. what was left open)")
    end.set_defaults(handler=cmd_sessions_end)
    export = sessions.add_parser("export", help="write the session report (.xlsx)")
    export.add_argument("session")
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--user", help="name recorded as the exporter")
    export.set_defaults(handler=cmd_sessions_export)

    scans = _group(commands, "scans", "scans")
    load = scans.add_parser("load", help="load a batch-scanner file into an active session")
    load.add_argument("session")
    load.add_argument("file")
    load.add_argument("--user", required=True)
    load.add_argument(
        "--gs-as",
        metavar="CHAR",
        help="the character the scanner sent instead of the GS1 separator GS "
        "(default: this workstation's setting)",
    )
    load.set_defaults(handler=cmd_scans_load)

    aud = _group(commands, "audit", "audit trail")
    ver = aud.add_parser("verify", help="check the history has not been altered")
    ver.add_argument(
        "--anchor",
        metavar="FILE",
        help="also check against the anchors in FILE (a session report .xlsx, or the anchor "
        "file): an older copy put in place or a rewritten tail fails",
    )
    ver.set_defaults(handler=cmd_audit_verify)

    backup = commands.add_parser("backup", help="consistent, verified copy of the database")
    backup.add_argument("dest")
    backup.set_defaults(handler=cmd_backup)

    server = _group(commands, "server", "a PostgreSQL server's own protection of the records")
    setup = server.add_parser(
        "setup",
        help="make an owner role and a workstations' role that may only insert and read the "
        "records (run it connected as a superuser or the tables' owner)",
    )
    setup.add_argument("--owner", default="recon_owner", help="the owner role (made if missing)")
    setup.add_argument("--workstation", default="recon_workstation", help="the workstations' role")
    setup.add_argument(
        "--login",
        action="append",
        metavar="NAME",
        help="also make a login in the workstations' role (repeat for several)",
    )
    setup.add_argument(
        "--password-from-env", metavar="VAR", help="environment variable holding the password"
    )
    setup.add_argument(
        "--print", action="store_true", help="print the SQL instead of running it (no passwords)"
    )
    setup.set_defaults(handler=cmd_server_setup)

    restore = commands.add_parser(
        "restore", help="replace the database's content with a verified backup"
    )
    restore.add_argument("source")
    restore.set_defaults(handler=cmd_restore)
    return parser


def _admin_user(parser: argparse.ArgumentParser, text: str = "") -> None:
    parser.add_argument(
        "--user",
        metavar="ADMIN",
        help=text or "an admin of the lab, signed in (PIN from RECON_PIN, or typed)",
    )


def _group(commands: Any, name: str, help_text: str) -> Any:
    group = commands.add_parser(name, help=help_text)
    sub = group.add_subparsers(title=f"{name} commands", metavar="COMMAND", required=True)
    return sub


def writes_unicode(stream: Any) -> bool:
    """Whether a text stream's encoding holds every character (a UTF encoding)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


def escape_what_the_console_cannot_show() -> None:
    """Output redirected to a file on Windows is written in the ANSI code page (cp1252):
    a name like "β-ME Zählung" would stop the command with UnicodeEncodeError. Characters
    the encoding cannot hold come out as ``\\u03b2`` instead, the rest as it is."""
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and stream.errors == "strict"
            and not writes_unicode(stream)
        ):
            stream.reconfigure(errors="backslashreplace")


def environment_fault(exc: BaseException, db: Any) -> ReconError | None:
    """A database error that is the environment's fault (a damaged file, a full disk, a
    lost server…) as its sentence; None for anything else."""
    import sqlite3

    import peewee as pw

    if not isinstance(exc, pw.PeeweeException | sqlite3.Error):
        return None
    from recon_desktop.store.db import translate

    error = translate(exc, db=db)
    if str(error).startswith("The database reported a problem:"):
        return None  # not one the environment explains: a bug of ours
    return error


def main(argv: Sequence[str] | None = None) -> int:
    escape_what_the_console_cannot_show()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    from recon_desktop import unfinished

    unfinished.remove_stale()  # what a killed export or backup left half-written
    try:
        return handler(args)
    except ReconError as exc:
        print(f"{APP_NAME}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{APP_NAME}: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        fault = environment_fault(exc, getattr(args, "database", None))
        if fault is None:
            raise  # our own bug: its traceback is what will get it fixed
        print(f"{APP_NAME}: {fault}", file=sys.stderr)
        return fault.exit_code
    finally:
        # closing lets SQLite fold the WAL back into the file: a copy of the file made
        # after the command then holds everything the command wrote
        database = getattr(args, "database", None)
        if database is not None:
            database.close()


if __name__ == "__main__":
    raise SystemExit(main())
