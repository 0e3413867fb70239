"""Real PostgreSQL and MariaDB servers for the database tests: started once per session on free
loopback ports, seeded with the synthetic shop (``tests/db/seed.py``), stopped at the end.

A server that cannot start fails the tests that need it (no skip): CI installs the Debian
packages through ``scripts/dev.sh test``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scanner.sources.sql import dispose_engines
from tests.db import seed
from tests.db.helpers import Db, Scan, cli_scan
from tests.db.servers import start_mariadb, start_postgres


def _started(kind: str) -> Iterator[Db]:
    server = start_postgres() if kind == "postgresql" else start_mariadb()
    try:
        truth = seed.seed(server)
        yield Db(server, truth, seed.scanner_url(server))
    finally:
        dispose_engines()
        server.stop()


@pytest.fixture(scope="session")
def pg_db() -> Iterator[Db]:
    """PostgreSQL with the shop database."""
    yield from _started("postgresql")


@pytest.fixture(scope="session")
def maria_db() -> Iterator[Db]:
    """MariaDB with the shop databases."""
    yield from _started("mariadb")


@pytest.fixture(params=["postgresql", "mariadb"])
def db(request: pytest.FixtureRequest) -> Db:
    """Each server in turn."""
    return request.getfixturevalue("pg_db" if request.param == "postgresql" else "maria_db")


@pytest.fixture(scope="session")
def default_scans(pg_db: Db, maria_db: Db, tmp_path_factory: pytest.TempPathFactory
                  ) -> dict[str, Scan]:
    """Both servers scanned once with default settings and two workers (tables in parallel)."""
    out = tmp_path_factory.mktemp("dbscan")
    return {db.kind: cli_scan(out / db.kind, db.url, "--workers", "2")
            for db in (pg_db, maria_db)}


@pytest.fixture
def scan_of(default_scans: dict[str, Scan], db: Db) -> Scan:
    """The default scan of the current server."""
    return default_scans[db.kind]
