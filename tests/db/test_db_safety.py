"""Production safety on real servers: read-only sessions, no lingering locks, time limits,
connect timeout, passwords from the environment or the config file."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from scanner.extract import extract
from scanner.model import ExtractOutcome, ScanUnit
from scanner.sources import list_units, open_unit
from scanner.sources.sql import engine_for
from scanner.sources.sql_url import resolve
from tests.db import seed
from tests.db.helpers import Db, cli_scan, settings

pytestmark = pytest.mark.db

READ_ONLY_ERRORS = ("read-only transaction", "read only transaction")


def _admin_through_scanner(db: Db) -> str:
    """The superuser's URL: a user who *may* write, to show that the session forbids it."""
    if db.kind == "postgresql":
        return db.server.admin_url(seed.PG_DATABASE).replace("+psycopg", "")
    return db.server.admin_url("shop")


def test_scanner_sessions_are_read_only(db: Db) -> None:
    engine = engine_for(resolve(_admin_through_scanner(db)), settings())
    with engine.connect() as conn:
        with pytest.raises(sa.exc.DBAPIError) as err:
            conn.exec_driver_sql("CREATE TABLE shop.written_by_scanner (id integer)")
        conn.rollback()
        assert any(text in str(err.value).lower() for text in READ_ONLY_ERRORS), err.value
        with pytest.raises(sa.exc.DBAPIError):
            conn.exec_driver_sql("UPDATE shop.customers SET navn = 'x' WHERE id = 1")
        conn.rollback()
    engine.dispose()


def test_no_lock_outlives_a_table(pg_db: Db) -> None:
    conf = settings(sample_rows=500)
    unit = {u.location: u for u in list_units(pg_db.url, conf)}[pg_db.location("events")]
    assert isinstance(unit, ScanUnit)
    admin = sa.create_engine(pg_db.server.admin_url(seed.PG_DATABASE),
                             poolclass=sa.pool.NullPool)

    def lock_now() -> bool:
        try:
            with admin.begin() as conn:
                conn.exec_driver_sql("SET LOCAL lock_timeout = 100")
                conn.exec_driver_sql("LOCK TABLE shop.events IN ACCESS EXCLUSIVE MODE")
        except sa.exc.OperationalError:
            return False
        return True

    try:
        with open_unit(unit, conf) as rows:
            next(rows.batches)
            assert not lock_now()  # while the table is read, its transaction holds a share lock
        assert lock_now()  # and not a moment longer
    finally:
        admin.dispose()


def _slow_view(db: Db, conf_changes: dict[str, object]) -> tuple[ExtractOutcome, float]:
    conf = settings(include_views=True, include=("shop.slow_events",), table_timeout=1,
                    csv_batch_rows=50, **conf_changes)
    (unit,) = list(list_units(db.url, conf))
    assert isinstance(unit, ScanUnit)
    outcome = ExtractOutcome()
    started = time.monotonic()
    with open_unit(unit, conf) as rows:
        for _ in extract(unit, rows, conf, outcome):
            pass
    return outcome, time.monotonic() - started


def test_table_timeout_keeps_what_was_read(db: Db) -> None:
    # Streaming every row of a view that sleeps per row: the limit stops it part-way.
    outcome, elapsed = _slow_view(db, {"full": True})
    assert (outcome.status, outcome.error_type) == ("error", "table_timeout")
    assert 0 < outcome.units_scanned < seed.EVENT_ROWS
    assert "1 s" in (outcome.error_message or "")
    assert elapsed < 5


def test_table_timeout_on_the_server(db: Db) -> None:
    # A sample of the view sorts all of it first: the server cancels the statement.
    with pytest.raises(Exception) as err:
        _slow_view(db, {"sample_rows": 100})
    assert getattr(err.value, "error_type", None) == "table_timeout"


def test_timed_out_table_is_a_partial_error_row(db: Db, tmp_path: Path) -> None:
    config = tmp_path / "views.yaml"
    config.write_text("include_views: true\ncsv_batch_rows: 50\n")
    scan = cli_scan(tmp_path / "out", db.url, "--workers", "1", "--config", str(config), "--full",
                    "--include", "shop.slow_events", "shop.customers", "--table-timeout", "1")
    assert scan.result.code == 1
    slow = scan.locations[db.location("slow_events")]
    assert (slow["status"], slow["error_type"]) == ("error", "table_timeout")
    assert slow["units_scanned"] > 0 and slow["partial"]
    assert scan.locations[db.location("customers")]["partial"] is False
    row = scan.finding(db.location("slow_events"), "besked", "EMAIL_ADDRESS")
    assert row["units_with_match"] == slow["units_scanned"]
    assert scan.locations[db.location("customers")]["status"] == "ok"


def test_connect_timeout_on_a_silent_server(db: Db) -> None:
    with socket.socket() as silent:  # accepts TCP connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        url = db.url.replace(f":{db.server.port}/", f":{port}/")
        started = time.monotonic()
        (item,) = list(list_units(url, settings(connect_timeout=2)))
        elapsed = time.monotonic() - started
    assert item.error_type == "connect_failed"  # type: ignore[union-attr]
    assert elapsed < 10


def test_password_from_the_environment(db: Db, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bare = db.url.replace(":" + seed.SCANNER_PASSWORD, "")
    assert seed.SCANNER_PASSWORD not in bare
    monkeypatch.setenv("PII_SCAN_DB_PASSWORD", seed.SCANNER_PASSWORD)
    scan = cli_scan(tmp_path / "env", bare, "--workers", "1", "--include", "shop.orders")
    assert scan.result.code == 0
    assert scan.locations[db.location("orders")]["status"] == "ok"
    monkeypatch.delenv("PII_SCAN_DB_PASSWORD")
    native = "PGPASSWORD" if db.kind == "postgresql" else "MYSQL_PWD"
    monkeypatch.setenv(native, seed.SCANNER_PASSWORD)
    scan = cli_scan(tmp_path / "native", bare, "--workers", "1", "--include", "shop.orders")
    assert scan.result.code == 0


def test_password_from_the_config_file(db: Db, tmp_path: Path) -> None:
    bare = db.url.replace(":" + seed.SCANNER_PASSWORD, "")
    config = tmp_path / "pii-scan.yaml"
    config.write_text(f"db_password: {seed.SCANNER_PASSWORD}\n")
    scan = cli_scan(tmp_path / "out", bare, "--workers", "1", "--config", str(config),
                    "--include", "shop.orders")
    assert scan.result.code == 0
    meta = json.loads((scan.out / "scan.json").read_text())
    assert meta["settings"]["db_password"] == "***"
    written = b"".join(p.read_bytes() for p in scan.out.rglob("*") if p.is_file())
    assert seed.SCANNER_PASSWORD.encode() not in written
