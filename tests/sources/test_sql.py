from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from faker import Faker

from scanner.extract import extract
from scanner.model import ExtractOutcome, LocationError, Piece, ScanUnit
from scanner.settings import Settings
from scanner.sources import SourceError, SqlSource, list_units, open_unit
from scanner.sources.sql import render, resolve


def _make_db(path: Path, rows: int = 50) -> None:
    fake = Faker(["da_DK", "sv_SE", "no_NO"])
    fake.seed_instance(42)
    con = sqlite3.connect(path)
    con.execute("""CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT,
                   phone INTEGER, cpr TEXT, balance REAL, photo BLOB, vip BOOLEAN,
                   opdateret_dato DATETIME, notes)""")
    con.executemany(
        "INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(None, fake.name(), fake.email(), 20000000 + i, f"0101{i % 90 + 10:02d}-1234",
          1e7 + i / 4, b"\x89PNG\x00", i % 2, f"2023-02-{i % 28 + 1:02d} 08:00:00",
          None if i % 3 else "note") for i in range(rows)])
    con.execute("CREATE TABLE orders (ordrenr INTEGER, created_at TEXT, amount REAL)")
    con.executemany("INSERT INTO orders VALUES (?,?,?)",
                    [(1000 + i, "bad date" if i == 1 else "2024-01-01", 9.5) for i in range(3)])
    con.execute("CREATE VIEW v AS SELECT email FROM customers")
    con.execute("CREATE INDEX ix ON customers(email)")
    con.commit()
    con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "app.db"
    _make_db(path)
    return path


def _read(unit: ScanUnit, settings: Settings, source=None) -> tuple[list[Piece], ExtractOutcome]:
    outcome = ExtractOutcome()
    opener = source.open_unit if source else open_unit
    with opener(unit, settings) as rows:
        pieces = list(extract(unit, rows, settings, outcome))
    return pieces, outcome


def _column(pieces: list[Piece], field: str) -> list[str]:
    return [line for p in pieces if p.field == field for line in p.text.split("\n")]


def test_tables_units_locations_and_columns(db: Path):
    items = list(list_units(f"sqlite:///{db}", Settings()))
    by_loc = {i.location: i for i in items}
    assert set(by_loc) == {f"sqlite:///{db}/main.customers", f"sqlite:///{db}/main.orders"}
    unit = by_loc[f"sqlite:///{db}/main.customers"]
    assert isinstance(unit, ScanUnit)
    assert unit.source_type == "sql" and unit.scheme == "sql"
    assert unit.extra["row_estimate"] is None  # SQLite has no catalog estimate: counted later
    assert unit.extra["columns"] == ["id", "name", "email", "phone", "cpr", "balance",
                                     "opdateret_dato", "notes"]
    assert unit.extra["skipped_columns"] == ["photo (BLOB): binary", "vip (BOOLEAN): boolean"]
    assert unit.extra["date_column"] == "opdateret_dato"
    assert unit.last_modified is not None and unit.last_modified.tzinfo is not None


def test_relative_sqlite_path_resolves_to_absolute(db: Path, monkeypatch):
    monkeypatch.chdir(db.parent)
    items = list(list_units("sqlite:///app.db", Settings()))
    assert {i.location for i in items} == {f"sqlite:///{db}/main.customers",
                                           f"sqlite:///{db}/main.orders"}
    assert str(db).startswith("/")


def test_values_numbers_and_dates(db: Path):
    unit = next(u for u in list_units(f"sqlite:///{db}", Settings())
                if u.location.endswith("customers"))
    pieces, outcome = _read(unit, Settings(full=True))  # type: ignore[arg-type]
    assert _column(pieces, "phone")[:3] == ["20000000", "20000001", "20000002"]
    assert _column(pieces, "balance")[:2] == ["10000000", "10000000.25"]
    assert _column(pieces, "notes")[:4] == ["note", "", "", "note"]
    assert outcome.units_scanned == 50 and not outcome.sampled
    assert (outcome.total_units, outcome.total_units_estimated) == (50, False)
    assert outcome.date_column == "opdateret_dato"
    phone = next(p for p in pieces if p.field == "phone")
    assert phone.unit_dates is not None
    assert phone.unit_dates[0] == datetime(2023, 2, 1, 8, tzinfo=UTC)
    assert not any(p.field in ("photo", "vip") for p in pieces)


def test_configured_date_column_and_unparsable_dates(db: Path):
    unit = next(u for u in list_units(f"sqlite:///{db}", Settings())
                if u.location.endswith("orders"))
    assert isinstance(unit, ScanUnit) and unit.extra["date_column"] == "created_at"
    pieces, _ = _read(unit, Settings())
    dates = next(p for p in pieces if p.field == "ordrenr").unit_dates
    assert dates == [datetime(2024, 1, 1, tzinfo=UTC), None, datetime(2024, 1, 1, tzinfo=UTC)]


def test_sampling_is_deterministic_spread_and_recorded(db: Path):
    settings = Settings(sample_rows=10, csv_batch_rows=4)
    unit = next(u for u in list_units(f"sqlite:///{db}", settings)
                if u.location.endswith("customers"))
    first, outcome = _read(unit, settings)  # type: ignore[arg-type]
    second, _ = _read(unit, settings)  # type: ignore[arg-type]
    ids = [int(x) for x in _column(first, "id")]
    assert ids == [int(x) for x in _column(second, "id")]
    assert len(ids) == 10 and ids == sorted(ids)
    assert ids[-1] - ids[0] > 25  # spread over the table, not the first ten rows
    assert (outcome.sampled, outcome.total_units, outcome.units_scanned) == (True, 50, 10)
    assert [p.first_unit for p in first if p.field == "id"] == [0, 4, 8]


def test_without_rowid_table_falls_back_to_head(tmp_path: Path):
    path = tmp_path / "w.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(f"k{i:03d}", "v") for i in range(30)])
    con.commit()
    con.close()
    (unit,) = list(list_units(f"sqlite:///{path}", Settings(sample_rows=5)))
    pieces, outcome = _read(unit, Settings(sample_rows=5))  # type: ignore[arg-type]
    assert len(_column(pieces, "k")) == 5 and outcome.sampled


def test_attached_schema_is_scanned(db: Path, tmp_path: Path):
    other = tmp_path / "archive.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE old_customers (email TEXT, tlf INTEGER)")
    con.execute("INSERT INTO old_customers VALUES ('gammel@x.dk', 12345678)")
    con.commit()
    con.close()

    class Attaching(SqlSource):
        def engine(self, url, settings):
            engine = super().engine(url, settings)

            @sa.event.listens_for(engine, "connect")
            def attach(dbapi_connection, _record):
                dbapi_connection.execute(
                    f"ATTACH DATABASE '{other.as_uri()}?mode=ro' AS archive")

            return engine

    source = Attaching()
    items = list(source.list_units(f"sqlite:///{db}", Settings()))
    unit = next(i for i in items if i.location.endswith("/archive.old_customers"))
    assert isinstance(unit, ScanUnit) and unit.key == "archive.old_customers"
    pieces, _ = _read(unit, Settings(), source)
    assert _column(pieces, "tlf") == ["12345678"] and _column(pieces, "email") == ["gammel@x.dk"]


def test_corrupt_and_missing_databases(tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 500)
    (item,) = list(list_units(f"sqlite:///{bad}", Settings()))
    assert isinstance(item, LocationError)
    assert (item.error_type, item.source_type, item.status) == ("corrupt_database", "sql", "error")
    assert item.location == f"sqlite:///{bad}"
    (missing,) = list(list_units(f"sqlite:///{tmp_path / 'nope.db'}", Settings()))
    assert isinstance(missing, LocationError) and missing.error_type == "not_found"
    assert not (tmp_path / "nope.db").exists()  # read-only: never created


def test_opened_read_only(db: Path):
    engine = SqlSource().engine(resolve(f"sqlite:///{db}"), Settings())
    with engine.connect() as conn, pytest.raises(sa.exc.OperationalError):
        conn.exec_driver_sql("DELETE FROM customers")
    engine.dispose()


def test_database_gone_before_open(db: Path):
    unit = next(u for u in list_units(f"sqlite:///{db}", Settings()))
    os.unlink(db)
    with pytest.raises(SourceError) as err:
        _read(unit, Settings())  # type: ignore[arg-type]
    assert err.value.error_type in ("connect_failed", "query_failed", "not_found")


def test_location_never_has_password():
    url = resolve("postgresql://scanner:hunter2@db.example/crm?sslpassword=x")
    assert "hunter2" not in render(url) and "sslpassword" not in render(url)
    assert render(url) == "postgresql://scanner@db.example/crm"


def test_unreachable_server_is_a_location_error(monkeypatch):
    def refuse():
        raise sqlite3.OperationalError("could not connect to server hunter2")

    def engine(self, url, settings):
        return sa.create_engine("sqlite://", creator=refuse, poolclass=sa.pool.NullPool)

    monkeypatch.setattr(SqlSource, "engine", engine)
    (item,) = list(list_units("postgresql://u:hunter2@db.example:5432/crm", Settings()))
    assert isinstance(item, LocationError)
    assert item.error_type == "connect_failed"
    assert item.location == "postgresql://u@db.example:5432/crm"
    assert "hunter2" not in item.error_message


def test_an_undecodable_text_cell_is_read_as_cp1252_not_lost(tmp_path: Path):
    path = tmp_path / "k.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)")
        conn.executemany("INSERT INTO t (note) VALUES (?)", [("CPR 010190-1233",)] * 9)
        # cp1252 bytes stored as TEXT ("Kunde æøå"): the default sqlite3 decoder raises on them
        conn.execute("INSERT INTO t (note) VALUES (CAST(X'4b756e646520e6f8e5' AS TEXT))")
    units = [u for u in list_units(f"sqlite:///{path}", Settings()) if isinstance(u, ScanUnit)]
    pieces, outcome = _read(units[0], Settings())
    assert outcome.error_type is None and outcome.units_scanned == 10
    assert _column(pieces, "note") == ["CPR 010190-1233"] * 9 + ["Kunde æøå"]
