"""Faults on real servers become error rows and the scan goes on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from scanner.extract import extract
from scanner.model import ExtractOutcome, LocationError, ScanUnit
from scanner.pipeline import scan_unit
from scanner.sources import list_units, open_unit
from tests.db import seed
from tests.db.helpers import Db, cli_scan, settings
from tests.db.servers import free_port

pytestmark = pytest.mark.db


def _admin(db: Db) -> sa.Engine:
    return db.server.admin_engine(seed.PG_DATABASE if db.kind == "postgresql" else "")


def test_unreachable_server_and_wrong_password_are_source_rows(db: Db, tmp_path: Path) -> None:
    dead = db.url.replace(f":{db.server.port}/", f":{free_port()}/")
    wrong = db.url.replace(seed.SCANNER_PASSWORD, "not-the-password")
    scan = cli_scan(tmp_path / "out", dead, wrong, db.url, "--workers", "1",
                    "--include", "shop.orders")
    assert scan.result.code == 1  # the good database is still scanned
    rows = {row["error_type"]: row for row in scan.locations.values() if row["status"] == "error"}
    assert set(rows) == {"connect_failed", "auth_failed"}
    assert scan.locations[db.location("orders")]["status"] == "ok"
    for row in rows.values():
        assert "not-the-password" not in row["error_message"]
        assert "not-the-password" not in row["location"]
    assert "not-the-password" not in scan.result.out + scan.result.err


def test_table_dropped_after_listing(db: Db) -> None:
    admin = _admin(db)
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE shop.doomed (id integer, email text)")
        conn.exec_driver_sql("INSERT INTO shop.doomed VALUES (1, 'a@firma.dk')")
        conn.exec_driver_sql("GRANT SELECT ON shop.doomed TO scanner" if db.kind == "postgresql"
                             else "GRANT SELECT ON shop.doomed TO 'scanner'@'%%'")
    try:
        conf = settings(include=("shop.doomed", "shop.orders"))
        found = {u.location: u for u in list_units(db.url, conf)}
        assert set(found) == {db.location("doomed"), db.location("orders")}
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP TABLE shop.doomed")
        admin.dispose()
    results = {loc: scan_unit(unit, conf) for loc, unit in found.items()}  # type: ignore[arg-type]
    doomed = results[db.location("doomed")].location
    assert (doomed.status, doomed.error_type) == ("error", "not_found")
    assert results[db.location("orders")].location.status == "ok"


def test_permission_denied_table_is_its_own_row(db: Db) -> None:
    conf = settings(include=("shop.secret_notes",))
    (unit,) = list(list_units(db.url, conf))
    assert isinstance(unit, ScanUnit)
    result = scan_unit(unit, conf)
    assert (result.location.status, result.location.error_type) == ("error", "permission_denied")
    assert result.findings == []


def _kill_scanner_connections(db: Db) -> None:
    admin = _admin(db)
    try:
        with admin.connect() as conn:
            if db.kind == "postgresql":
                conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE usename = 'scanner'")
            else:
                ids = conn.exec_driver_sql("SELECT ID FROM information_schema.PROCESSLIST "
                                           "WHERE USER = 'scanner'").scalars().all()
                for conn_id in ids:
                    conn.exec_driver_sql(f"KILL CONNECTION {int(conn_id)}")
    finally:
        admin.dispose()


def test_connection_killed_mid_table(db: Db) -> None:
    conf = settings(include_views=True, include=("shop.slow_events",), full=True,
                    csv_batch_rows=50)
    (unit,) = list(list_units(db.url, conf))
    assert isinstance(unit, ScanUnit)
    outcome = ExtractOutcome()
    killer = threading.Thread(target=_kill_scanner_connections, args=(db,))
    with open_unit(unit, conf) as rows:
        for _ in extract(unit, rows, conf, outcome):
            if not killer.is_alive() and killer.ident is None:
                killer.start()
    killer.join()
    assert (outcome.status, outcome.error_type) == ("error", "connection_lost")
    assert 0 < outcome.units_scanned < seed.EVENT_ROWS  # what was read before is kept
    # The next table in this worker gets a fresh connection (the pool pings before use).
    (orders,) = list(list_units(db.url, settings(include=("shop.orders",))))
    assert scan_unit(orders, settings()).location.status == "ok"  # type: ignore[arg-type]


def test_missing_database(db: Db) -> None:
    url = db.url.rstrip("/").rsplit("/", 1)[0] + "/no_such_db" if db.kind == "postgresql" \
        else db.url.rstrip("/") + "/no_such_db"
    (item,) = list(list_units(url, settings()))
    assert isinstance(item, LocationError)
    assert item.error_type in ("not_found", "permission_denied")  # MariaDB hides it: denied
