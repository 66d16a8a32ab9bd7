"""A throw-away PostgreSQL server for tests.

Standard library only at import time; psycopg is imported when a database is
created, so this module can be imported (e.g. by CI scripts) without it.

Usage::

    server = PostgresServer(base_dir)
    server.start()
    url = server.create_database("example")   # postgresql://postgres@127.0.0.1:PORT/example
    ...
    server.stop()

The server binaries (initdb, pg_ctl, postgres) are located by `find_pg_bin`.
PostgreSQL refuses to run as root: when the current user is root, the server
runs as an unprivileged system user (`SERVICE_USER`, created on demand, or
`nobody`) through `runuser` (or `su`).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

PG_BIN_DIRS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql*/bin",
)
"""Directories searched (in this order, highest version first) after RECON_PG_BIN and PATH."""

PG_BIN_ENV = "RECON_PG_BIN"
REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")
SERVICE_USER = "recon-pg-test"
FALLBACK_USER = "nobody"
SUPERUSER = "postgres"
HOST = "127.0.0.1"

COMMAND_TIMEOUT = 120  # seconds, for initdb / pg_ctl
START_ATTEMPTS = 3  # a freshly picked free port may be taken by someone else meanwhile
# A unix socket path ("<dir>/.s.PGSQL.NNNNN") must fit in sockaddr_un.sun_path (108 bytes).
MAX_SOCKET_DIR_LEN = 90

SERVER_SETTINGS = {
    "listen_addresses": HOST,
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "max_connections": "100",
}
DURABILITY_SETTINGS = ("fsync", "full_page_writes", "synchronous_commit")
"""Left at PostgreSQL's defaults (on) by ``PostgresServer(durable=True)``."""


def _has_binaries(directory: Path) -> bool:
    return all(
        (directory / name).is_file() and os.access(directory / name, os.X_OK)
        for name in REQUIRED_BINARIES
    )


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path))


def find_pg_bin() -> Path | None:
    """Return the directory holding initdb, pg_ctl and postgres, or None.

    Search order:
      1. the directory named by the environment variable RECON_PG_BIN (when set,
         it is the only place looked at: a wrong value gives None);
      2. initdb and pg_ctl on PATH (their directory, or that of the real file
         when they are symlinks);
      3. PG_BIN_DIRS, highest version first within each pattern.
    """
    configured = os.environ.get(PG_BIN_ENV, "").strip()
    if configured:
        directory = Path(configured).expanduser()
        return directory if _has_binaries(directory) else None

    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        for directory in (Path(initdb).parent, Path(initdb).resolve().parent):
            if _has_binaries(directory):
                return directory

    for pattern in PG_BIN_DIRS:
        for candidate in sorted(glob.glob(pattern), key=_version_key, reverse=True):
            if _has_binaries(Path(candidate)):
                return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _service_user() -> pwd.struct_passwd:
    """The unprivileged account the server runs as when we are root."""
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        pass
    useradd = shutil.which("useradd")
    if useradd:
        subprocess.run(
            [useradd, "--system", "--no-create-home", SERVICE_USER],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    for name in (SERVICE_USER, FALLBACK_USER):  # re-check: a concurrent run may have made it
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(
        f"running as root and neither {SERVICE_USER!r} (useradd failed) nor "
        f"{FALLBACK_USER!r} exists to run PostgreSQL"
    )


def _traversable_by_others(path: Path) -> bool:
    """True when every ancestor of path lets any user pass through it."""
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in path.resolve().parents)


class PostgresServer:
    """One PostgreSQL cluster in base_dir (data in base_dir/data, log in base_dir/log).

    When base_dir cannot be used as is (running as root and an ancestor is not
    traversable by the server's user, as pytest's 0700 temporary directories
    are; or its path is too long for a unix socket), the cluster lives in a
    fresh directory made with tempfile.mkdtemp under /tmp instead; that one is
    removed by stop(), after its log has been copied to base_dir/log.
    `self.base_dir` is the directory actually used.
    """

    def __init__(
        self,
        base_dir: Path | None = None,
        bin_dir: Path | None = None,
        *,
        port: int | None = None,
        durable: bool = False,
    ) -> None:
        """``port``: listen there on every start (a restarted server keeps its URL; give a
        base_dir it can keep, or stop() removes the data). ``durable``: keep fsync,
        full_page_writes and synchronous_commit on, as a real server runs (benchmarks)."""
        self.requested_dir = Path(base_dir) if base_dir is not None else None
        self.bin_dir = Path(bin_dir) if bin_dir is not None else find_pg_bin()
        self.fixed_port = port
        self.durable = durable
        self.base_dir: Path | None = None
        self.port: int | None = None
        self._user: pwd.struct_passwd | None = None
        self._owns_base_dir = False
        self._running = False

    # -- paths -----------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self._require_base_dir() / "data"

    @property
    def log_file(self) -> Path:
        return self._require_base_dir() / "log"

    @property
    def socket_dir(self) -> Path:
        return self._require_base_dir()

    def _require_base_dir(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("PostgreSQL server not started")
        return self.base_dir

    # -- lifecycle -------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Create the cluster (first time) and start the server; returns when it accepts
        connections."""
        if self._running:
            return
        if self.bin_dir is None:
            raise FileNotFoundError(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; set " + PG_BIN_ENV
            )
        self._user = _service_user() if os.geteuid() == 0 else None
        if self.base_dir is None:
            self.base_dir = self._prepare_base_dir()
        try:
            if not (self.data_dir / "PG_VERSION").exists():
                self._initdb()
            self._start_server()
        except BaseException:
            self._cleanup_dir()
            raise
        self._running = True
        atexit.register(self.stop)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove a directory start() created.
        Safe to call more than once."""
        if self._running:
            self._running = False
            atexit.unregister(self.stop)
            result = self._pg_ctl("stop", "-m", "fast")
            if result.returncode != 0 and (self.data_dir / "postmaster.pid").exists():
                self._pg_ctl("stop", "-m", "immediate")
        self._cleanup_dir()

    def stop_immediately(self) -> None:
        """Stop the server as a power cut would (``pg_ctl stop -m immediate``: no
        checkpoint, every connection dropped); start() brings it back with its data."""
        if self._running:
            self._running = False
            atexit.unregister(self.stop)
            self._pg_ctl("stop", "-m", "immediate")

    def processes(self) -> list[int]:
        """The server's processes: the postmaster and its children."""
        postmaster = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        found = [postmaster]
        for stat_file in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat_file.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == postmaster:
                found.append(int(stat_file.parent.name))
        return found

    def pause(self) -> list[int]:
        """Hang the server (SIGSTOP to each of its processes): connections stay open, the
        computer still acknowledges what is sent, nothing answers. Returns the processes
        for ``carry_on``."""
        paused = self.processes()
        for pid in paused:
            os.kill(pid, signal.SIGSTOP)
        return paused

    def carry_on(self, paused: list[int]) -> None:
        for pid in paused:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------

    def url(self, name: str) -> str:
        if self.port is None:
            raise RuntimeError("PostgreSQL server not started")
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{quote(name, safe='')}"

    def create_database(self, name: str) -> str:
        """CREATE DATABASE name; returns its URL."""
        from psycopg import sql

        with self._admin_connection() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE IF EXISTS name, closing any connection still open to it."""
        from psycopg import sql

        with self._admin_connection() as conn:
            force = sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else sql.SQL("")
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}{}").format(sql.Identifier(name), force)
            )

    def _admin_connection(self):  # -> psycopg.Connection
        import psycopg

        if not self._running:
            raise RuntimeError("PostgreSQL server not started")
        return psycopg.connect(self.url("postgres"), autocommit=True, connect_timeout=10)

    # -- internals -------------------------------------------------------------

    def _usable_as_base_dir(self, path: Path) -> bool:
        if len(str(path.resolve())) > MAX_SOCKET_DIR_LEN:
            return False
        return self._user is None or _traversable_by_others(path)

    def _prepare_base_dir(self) -> Path:
        requested = self.requested_dir
        if requested is not None:
            requested.mkdir(parents=True, exist_ok=True)
        if requested is not None and self._usable_as_base_dir(requested):
            base_dir = requested.resolve()
            self._owns_base_dir = False
        else:
            tmp_root = "/tmp" if os.path.isdir("/tmp") else None
            base_dir = Path(tempfile.mkdtemp(prefix="recon-pg-", dir=tmp_root))
            self._owns_base_dir = True
        os.chmod(base_dir, 0o755)
        if self._user is not None:
            os.chown(base_dir, self._user.pw_uid, self._user.pw_gid)
        return base_dir

    def _cleanup_dir(self) -> None:
        if self.base_dir is None or not self._owns_base_dir:
            return
        if self.requested_dir is not None and self.log_file.exists():
            with contextlib.suppress(OSError):
                shutil.copyfile(self.log_file, self.requested_dir / "log")
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None
        self.port = None
        self._owns_base_dir = False

    def _command(self, args: list[str]) -> list[str]:
        if self._user is None:
            return args
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", self._user.pw_name, "--", *args]
        return ["su", self._user.pw_name, "-s", "/bin/sh", "-c", shlex.join(args)]

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_ALL"] = "C"
        return subprocess.run(
            self._command(args),
            cwd=self.base_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )

    def _binary(self, name: str) -> str:
        assert self.bin_dir is not None
        return str(self.bin_dir / name)

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self._run(
            [
                self._binary("pg_ctl"),
                *args,
                "-D",
                str(self.data_dir),
                "-w",
                "-t",
                str(COMMAND_TIMEOUT),
            ]
        )

    def _initdb(self) -> None:
        result = self._run(
            [
                self._binary("initdb"),
                "-D",
                str(self.data_dir),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed ({result.returncode}):\n{result.stdout}")
        settings = dict(SERVER_SETTINGS, unix_socket_directories=str(self.socket_dir))
        if self.durable:
            for key in DURABILITY_SETTINGS:
                settings.pop(key)
        lines = ["", "# throw-away test server"]
        lines += [
            f"{key} = '{value.replace(chr(39), chr(39) * 2)}'" for key, value in settings.items()
        ]
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n".join(lines) + "\n")

    def _start_server(self) -> None:
        output = ""
        for _attempt in range(START_ATTEMPTS):
            port = self.fixed_port or _free_port()
            result = self._pg_ctl("start", "-l", str(self.log_file), "-o", f"-p {port}")
            if result.returncode == 0:
                self.port = port
                return
            output = result.stdout
            if (self.data_dir / "postmaster.pid").exists():
                self._pg_ctl("stop", "-m", "immediate")
        raise RuntimeError(
            f"PostgreSQL server did not start:\n{output}\n--- {self.log_file} ---\n"
            + self._log_tail()
        )

    def _log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
