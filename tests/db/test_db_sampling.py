"""Sampling, full streaming, coverage numbers and include/exclude patterns on real servers."""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from scanner.extract import extract
from scanner.model import ExtractOutcome, LocationError, Piece, ScanUnit
from scanner.runner import run_scan
from scanner.settings import Settings
from scanner.sources import list_units, open_unit
from tests.db import seed
from tests.db.helpers import Db, settings

pytestmark = pytest.mark.db


def units(db: Db, conf: Settings, url: str | None = None) -> dict[str, ScanUnit | LocationError]:
    return {u.location: u for u in list_units(url or db.url, conf)}


def read(unit: ScanUnit | LocationError, conf: Settings) -> tuple[list[Piece], ExtractOutcome]:
    assert isinstance(unit, ScanUnit), unit
    outcome = ExtractOutcome()
    with open_unit(unit, conf) as rows:
        pieces = list(extract(unit, rows, conf, outcome))
    return pieces, outcome


def column(pieces: list[Piece], field: str) -> list[str]:
    return [line for p in pieces if p.field == field for line in p.text.split("\n")]


def test_sample_is_deterministic_and_spread(db: Db) -> None:
    conf = settings(sample_rows=1000)
    unit = units(db, conf)[db.location("events")]
    first, outcome = read(unit, conf)
    second, _ = read(unit, conf)
    ids = [int(x) for x in column(first, "id")]
    assert ids == [int(x) for x in column(second, "id")]  # the same rows, in the same order
    assert len(ids) == len(set(ids)) == 1000
    assert min(ids) < seed.EVENT_ROWS * 0.05 and max(ids) > seed.EVENT_ROWS * 0.95
    assert sorted(ids) != list(range(1, 1001))  # not the head of the table
    assert (outcome.sampled, outcome.units_scanned, outcome.total_units,
            outcome.total_units_estimated) == (True, 1000, seed.EVENT_ROWS, False)
    assert outcome.values_per_field["besked"] == 1000


def test_big_tables_use_the_catalog_estimate(db: Db) -> None:
    conf = settings(sample_rows=1000)
    unit = units(db, conf)[db.location("events")]
    assert isinstance(unit, ScanUnit)
    big = dataclasses.replace(unit, extra={**unit.extra, "row_estimate": 2_000_000})
    _, outcome = read(big, conf)
    assert (outcome.total_units, outcome.total_units_estimated) == (2_000_000, True)
    assert outcome.sampled and 0 < outcome.units_scanned <= 1000


def test_small_tables_are_read_whole(db: Db) -> None:
    conf = settings(sample_rows=1000)
    _, outcome = read(units(db, conf)[db.location("customers")], conf)
    assert (outcome.sampled, outcome.units_scanned, outcome.total_units) == (
        False, seed.CUSTOMERS, seed.CUSTOMERS)


def test_full_streams_every_row_in_batches(db: Db) -> None:
    conf = settings(full=True, csv_batch_rows=3000)
    pieces, outcome = read(units(db, conf)[db.location("events")], conf)
    assert (outcome.sampled, outcome.units_scanned) == (False, seed.EVENT_ROWS)
    starts = [p.first_unit for p in pieces if p.field == "besked"]
    assert starts == list(range(0, seed.EVENT_ROWS, 3000))
    assert sorted(int(x) for x in column(pieces, "id")) == list(range(1, seed.EVENT_ROWS + 1))


def test_postgres_full_scan_uses_a_server_side_cursor(pg_db: Db) -> None:
    conf = settings(full=True, csv_batch_rows=1000)
    unit = units(pg_db, conf)[pg_db.location("events")]
    assert isinstance(unit, ScanUnit)
    admin = pg_db.server.admin_engine(seed.PG_DATABASE)
    try:
        with open_unit(unit, conf) as rows:
            first = next(rows.batches)
            with admin.connect() as conn:
                active = conn.exec_driver_sql(
                    "SELECT query FROM pg_stat_activity WHERE application_name = 'pii-scan' "
                    "AND datname = current_database()").scalars().all()
            assert len(first) == 1000
            assert any(q.lstrip().upper().startswith(("FETCH", "DECLARE")) for q in active), active
    finally:
        admin.dispose()


def test_exclude_patterns(db: Db) -> None:
    conf = settings(exclude=("shop.audit_log", "shop.customers.iban", "/srv/files/*"))
    found = units(db, conf)
    assert db.location("audit_log") not in found
    customers = found[db.location("customers")]
    assert isinstance(customers, ScanUnit)
    assert "iban" not in customers.extra["columns"] and "cpr" in customers.extra["columns"]
    assert any(s.startswith("iban (") and s.endswith(": excluded")
               for s in customers.extra["skipped_columns"])


def test_include_patterns(db: Db) -> None:
    found = units(db, settings(include=("crm.*",)))
    assert set(found) == {db.location("companies", "crm")}
    by_name = units(db, settings(include=("EVENTS",)))  # no dot: a table name, any case
    assert set(by_name) == {db.location("events")}


def test_column_include_keeps_the_date_column_for_row_age(db: Db) -> None:
    conf = settings(include=("*.customers.email",))
    found = units(db, conf)
    assert set(found) == {db.location("customers")}
    unit = found[db.location("customers")]
    assert isinstance(unit, ScanUnit) and unit.extra["columns"] == ["email"]
    pieces, outcome = read(unit, conf)
    assert {p.field for p in pieces} == {"email"}
    assert outcome.date_column == "last_contact"
    assert all(p.unit_dates is not None and len(p.unit_dates) == seed.CUSTOMERS for p in pieces)


def test_per_table_date_column_setting(db: Db) -> None:
    conf = settings(table_date_columns={"shop.customers": "created_at"})
    unit = units(db, conf)[db.location("customers")]
    assert isinstance(unit, ScanUnit) and unit.extra["date_column"] == "created_at"


def test_views_only_when_asked(db: Db) -> None:
    assert db.location("slow_events") not in units(db, settings())
    found = units(db, settings(include_views=True))
    view = found[db.location("slow_events")]
    assert isinstance(view, ScanUnit) and view.extra["kind"] == "view"
    assert isinstance(found[db.location("customers")], ScanUnit)
    if db.kind == "mariadb":  # a view whose definition is hidden is one error row
        hidden = found[db.location("hidden_view")]
        assert isinstance(hidden, LocationError) and hidden.error_type == "permission_denied"


def test_mariadb_url_with_a_database_lists_only_it(maria_db: Db) -> None:
    url = maria_db.url.rstrip("/") + "/crm"
    found = units(maria_db, settings(), url)
    base = maria_db.base + "/crm"
    assert set(found) == {f"{base}/crm.companies"}


def test_jsonb_is_decoded_by_postgres(pg_db: Db) -> None:
    conf = settings()
    unit = units(pg_db, conf)[pg_db.location("profiles")]
    assert isinstance(unit, ScanUnit) and unit.extra["json_columns"] == ["data"]
    pieces, outcome = read(unit, conf)
    fields = {p.field for p in pieces}
    assert {"data$.kontakt.email", "data$.kontakt.telefon", "data$.tags[*]",
            "data$.score"} <= fields
    assert column(pieces, "data$.tags[*]")[0] == "vip | nyhedsbrev"
    assert outcome.values_per_field["data$.kontakt.email"] == seed.PROFILES


@contextlib.contextmanager
def _email_table(db: Db, name: str, rows: int) -> Iterator[sa.Engine]:
    """``shop.<name>`` with ``rows`` e-mail rows, readable by the scanner; dropped afterwards.
    Yields the admin engine."""
    admin = db.server.admin_engine(seed.PG_DATABASE)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE TABLE shop.{name} (id integer, email text)")
            conn.exec_driver_sql(f"INSERT INTO shop.{name} SELECT g, 'x' || g || '@firma.dk' "
                                 f"FROM generate_series(1, {rows}) g")
            conn.exec_driver_sql(f"GRANT SELECT ON shop.{name} TO scanner")
        yield admin
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP TABLE shop.{name}"))
        admin.dispose()


def test_row_count_is_exact_when_estimates_are_stale(pg_db: Db) -> None:
    with _email_table(pg_db, "fresh", 500):
        conf = settings(sample_rows=100)
        unit = units(pg_db, conf)[pg_db.location("fresh")]
        # Never analysed: reltuples is unknown, the collector's live count may already say 500.
        assert isinstance(unit, ScanUnit) and unit.extra["row_estimate"] in (None, 500)
        _, outcome = read(unit, conf)
        assert (outcome.total_units, outcome.total_units_estimated) == (500, False)
        assert outcome.units_scanned == 100


def _live_rows(admin: sa.Engine, table: str, want: int) -> int | None:
    """The collector's live-row count of ``table`` once it reports ``want`` (10 s at most)."""
    deadline, live = time.monotonic() + 10, None
    while time.monotonic() < deadline:
        with admin.connect() as conn:
            live = conn.exec_driver_sql("SELECT n_live_tup FROM pg_stat_all_tables "
                                        f"WHERE relid = '{table}'::regclass").scalar()
        if live == want:
            break
        time.sleep(0.2)
    return live


def test_a_mass_delete_before_analyze_does_not_shrink_the_sample(pg_db: Db, monkeypatch) -> None:
    from scanner.sources import sql_read

    monkeypatch.setattr(sql_read, "EXACT_COUNT_MAX", 1_000)  # the 1 M rule, at test size
    with _email_table(pg_db, "purged", 5000) as admin:
        assert _live_rows(admin, "shop.purged", 5000) == 5000
        with admin.connect() as conn:  # reltuples = 5000, then a retention purge
            conn.exec_driver_sql("ANALYZE shop.purged")
            conn.exec_driver_sql("DELETE FROM shop.purged WHERE id > 300")
        assert _live_rows(admin, "shop.purged", 300) == 300
        conf = settings(sample_rows=100)
        unit = units(pg_db, conf)[pg_db.location("purged")]
        _, outcome = read(unit, conf)  # type: ignore[arg-type]
        assert (outcome.total_units, outcome.total_units_estimated) == (300, False)
        assert outcome.units_scanned == 100


def test_full_scan_of_a_big_table_is_split_across_workers(db: Db, tmp_path) -> None:
    conf = settings(full=True, table_split_rows=5000, include=("shop.events",))
    parts = list(list_units(db.url, conf))
    assert len(parts) >= 3 and {u.location for u in parts} == {db.location("events")}
    ranges = [u.extra["key_range"] for u in parts]  # type: ignore[union-attr]
    assert ranges[0][0] is None and ranges[-1][1] is None  # open ends: later rows are read too
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    report = run_scan([db.url], dataclasses.replace(conf, workers=2), tmp_path / "inv")
    (result,) = report.results
    assert (result.location.status, result.location.units_scanned,
            result.location.total_units) == ("ok", seed.EVENT_ROWS, seed.EVENT_ROWS)
    (finding,) = result.findings
    assert finding.match_count == seed.EVENT_ROWS
    assert result.location.values_per_field["besked"] == seed.EVENT_ROWS
