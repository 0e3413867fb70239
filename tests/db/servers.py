"""Throwaway PostgreSQL and MariaDB servers on free loopback ports (tests and bench/bench_sql.py).

Recipes and pitfalls: /work/shared/INFRA.md (verified on Debian 12 as root). Each server lives in
its own temporary directory, listens on 127.0.0.1 only, and is stopped and removed by ``stop()``.
Nothing here skips: a server that cannot start raises ``ServerError`` (so a test fails).

- PostgreSQL (Debian ``postgresql``): ``initdb``/``pg_ctl`` refuse root, so they run through
  ``runuser -u postgres``; the data directory's parent is made 0755 and owned by postgres.
  Local socket connections are trusted, TCP needs a password (scram-sha-256), so wrong
  credentials can be tested; the superuser is ``postgres`` with ``ADMIN_PASSWORD``.
- MariaDB (Debian ``mariadb-server``): ``mariadb-install-db`` + ``mariadbd --user=root
  --no-defaults``; ``root`` has no password (admin only, never used by the scanner's tests
  except where stated).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

ADMIN_PASSWORD = "admin-pw-synthetic"
START_TIMEOUT_S = 60.0


class ServerError(RuntimeError):
    """A test server could not be started (missing package, port clash, crash)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], what: str, timeout: float = START_TIMEOUT_S) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise ServerError(f"{what} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")


@dataclass
class Server:
    """A running server: ``url(user, password, database)`` builds SQLAlchemy URLs for it."""

    kind: str  # "postgresql" | "mariadb"
    port: int
    directory: Path
    host: str = "127.0.0.1"
    _stopped: bool = field(default=False, repr=False)
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def url(self, user: str, password: str | None = None, database: str = "") -> str:
        """A URL the scanner accepts (``postgresql://`` / ``mariadb+pymysql://``)."""
        scheme = "postgresql" if self.kind == "postgresql" else "mariadb+pymysql"
        auth = user + (f":{password}" if password else "")
        return f"{scheme}://{auth}@{self.host}:{self.port}/{database}"

    def admin_url(self, database: str = "") -> str:
        """The superuser URL (driver spelled out, for SQLAlchemy directly)."""
        if self.kind == "postgresql":
            db = database or "postgres"
            return f"postgresql+psycopg://postgres:{ADMIN_PASSWORD}@{self.host}:{self.port}/{db}"
        return f"mariadb+pymysql://root@{self.host}:{self.port}/{database}"

    def admin_engine(self, database: str = "") -> sa.Engine:
        """An autocommit engine as the superuser (for seeding and fault injection)."""
        return sa.create_engine(self.admin_url(database), isolation_level="AUTOCOMMIT",
                                poolclass=sa.pool.NullPool)

    def stop(self) -> None:
        """Stop the server and remove its directory (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if self.kind == "postgresql":
                subprocess.run(["runuser", "-u", "postgres", "--", _pg_bin("pg_ctl"), "-D",
                                str(self.directory / "data"), "-m", "immediate", "-w", "stop"],
                               capture_output=True, timeout=30)
            elif self._process is not None:
                self._process.kill()  # throwaway data: no clean InnoDB shutdown needed
                self._process.wait(timeout=30)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def _pg_bin(name: str) -> str:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda d: [int(x) for x in d.split("/")[-2].split(".") if x.isdigit()])
    if not dirs:
        raise ServerError("PostgreSQL binaries not found (apt-get install postgresql)")
    return os.path.join(dirs[-1], name)


def _server_dir(prefix: str) -> Path:
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    directory.chmod(0o755)
    return directory


def start_postgres() -> Server:
    """initdb + pg_ctl start on a free port; returns when it accepts connections."""
    directory = _server_dir("pii-scan-pg-")
    shutil.chown(directory, "postgres", "postgres")
    pwfile = directory / "pw"
    pwfile.write_text(ADMIN_PASSWORD + "\n")
    shutil.chown(pwfile, "postgres", "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    server = Server("postgresql", free_port(), directory)
    try:
        _run([*as_pg, _pg_bin("initdb"), "-D", str(directory / "data"), "-U", "postgres",
              "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}",
              "-E", "UTF8", "--locale=C.UTF-8"], "initdb")
        options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {directory} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=60")
        _run([*as_pg, _pg_bin("pg_ctl"), "-D", str(directory / "data"), "-l",
              str(directory / "server.log"), "-w", "-t", str(int(START_TIMEOUT_S)), "-o",
              options, "start"], "pg_ctl start")
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)
    return server


def start_mariadb() -> Server:
    """mariadb-install-db + mariadbd on a free port; returns when a query succeeds."""
    directory = _server_dir("pii-scan-maria-")
    for tool in ("mariadb-install-db", "mariadbd"):
        if shutil.which(tool) is None and not os.path.exists(f"/usr/sbin/{tool}"):
            raise ServerError(f"{tool} not found (apt-get install mariadb-server)")
    server = Server("mariadb", free_port(), directory)
    try:
        _run(["mariadb-install-db", "--no-defaults", "--user=root",
              f"--datadir={directory / 'data'}", "--skip-test-db",
              "--auth-root-authentication-method=normal"], "mariadb-install-db")
        log = open(directory / "stdout.log", "wb")  # noqa: SIM115 - lives as long as the server
        server._process = subprocess.Popen(
            [shutil.which("mariadbd") or "/usr/sbin/mariadbd", "--no-defaults", "--user=root",
             f"--datadir={directory / 'data'}", f"--socket={directory / 'mysql.sock'}",
             f"--pid-file={directory / 'mysqld.pid'}", "--bind-address=127.0.0.1",
             f"--port={server.port}", "--skip-name-resolve", "--skip-log-bin",
             "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=0",
             f"--log-error={directory / 'error.log'}"],
            stdout=log, stderr=subprocess.STDOUT)
        _wait_for_query(server)
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)
    return server


def _wait_for_query(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    engine = server.admin_engine()
    try:
        while True:
            if server._process is not None and server._process.poll() is not None:
                log = (server.directory / "error.log")
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise ServerError(f"mariadbd exited ({server._process.returncode}): {tail}")
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("SELECT 1"))
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise ServerError("mariadbd did not accept connections in time") from None
                time.sleep(0.1)
    finally:
        engine.dispose()
