"""The database source's pure parts: URLs and passwords, error kinds, patterns, date columns."""

from __future__ import annotations

import pymysql
import pytest
import sqlalchemy as sa
from sqlalchemy import types as satypes

from scanner.settings import ConfigError, Settings, load_settings, public_settings
from scanner.sources import SourceUriError, SqlSource, redact_uri, scheme_for
from scanner.sources.sql_errors import classify, scrub
from scanner.sources.sql_schema import (
    column_wanted,
    date_column,
    skip_reason,
    table_wanted,
)
from scanner.sources.sql_url import connect_url, password_for, render, resolve


@pytest.mark.parametrize("uri, driver", [
    ("postgresql://u:pw@db:5432/crm", "postgresql+psycopg"),
    ("postgres://u@db/crm", "postgresql+psycopg"),
    ("mysql://u@db/shop", "mysql+pymysql"),
    ("mariadb://u@db/shop", "mariadb+pymysql"),
    ("mariadb+pymysql://u@db/shop", "mariadb+pymysql"),
    ("postgresql+psycopg://u@db/crm", "postgresql+psycopg"),
])
def test_driver_mapping(uri: str, driver: str) -> None:
    assert SqlSource.claims(uri) and scheme_for(uri) == "sql"
    assert connect_url(resolve(uri), Settings()).drivername == driver


def test_location_keeps_the_users_scheme_and_drops_secrets() -> None:
    url = resolve("postgres://scanner:hunter2@db.example:5432/crm?sslpassword=x&sslmode=require")
    assert render(url) == "postgresql://scanner@db.example:5432/crm?sslmode=require"
    assert redact_uri("mysql+pymysql://u:hunter2@db/shop") == "mysql+pymysql://u@db/shop"


def test_password_order(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PII_SCAN_DB_PASSWORD", "MYSQL_PWD", "PGPASSWORD"):
        monkeypatch.delenv(name, raising=False)
    bare = resolve("mariadb://u@db/shop")
    assert password_for(bare, Settings()) is None
    monkeypatch.setenv("MYSQL_PWD", "native")
    assert password_for(bare, Settings()) == "native"
    assert password_for(resolve("postgresql://u@db/x"), Settings()) is None  # libpq reads PG*
    monkeypatch.setenv("PII_SCAN_DB_PASSWORD", "ours")
    assert password_for(bare, Settings()) == "ours"
    assert password_for(bare, Settings(db_password="config")) == "config"
    assert password_for(resolve("mariadb://u:inurl@db/shop"), Settings(db_password="c")) == "inurl"
    assert connect_url(bare, Settings()).password == "ours"


def test_db_password_setting_is_never_shown(tmp_path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("db_password: s3cret-pw\ntable_timeout: 30\ninclude: [crm.*]\n"
                      "table_date_columns: {shop.kunder: seen_at}\n")
    settings = load_settings(config)
    assert settings.db_password == "s3cret-pw" and "s3cret-pw" not in repr(settings)
    assert public_settings(settings)["db_password"] == "***"
    assert (settings.table_timeout, settings.include) == (30, ("crm.*",))
    assert settings.table_date_columns == {"shop.kunder": "seen_at"}
    config.write_text("table_timeout: 0\n")
    with pytest.raises(ConfigError, match="table_timeout"):
        load_settings(config)
    config.write_text("table_date_columns: [a]\n")
    with pytest.raises(ConfigError, match="table_date_columns"):
        load_settings(config)


class _PgError(Exception):
    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize("orig, kind", [
    (_PgError("permission denied for table kunder", "42501"), "permission_denied"),
    (_PgError('relation "shop.x" does not exist', "42P01"), "not_found"),
    (_PgError("canceling statement due to statement timeout", "57014"), "table_timeout"),
    (_PgError("terminating connection due to administrator command", "57P01"),
     "connection_lost"),
    (_PgError("server closed the connection unexpectedly", None), "connection_lost"),
    (_PgError('password authentication failed for user "scanner"', None), "auth_failed"),
    (pymysql.err.OperationalError(1045, "Access denied for user 'u'@'h'"), "auth_failed"),
    (pymysql.err.OperationalError(1142, "SELECT command denied to user"), "permission_denied"),
    (pymysql.err.ProgrammingError(1146, "Table 'shop.x' doesn't exist"), "not_found"),
    (pymysql.err.OperationalError(1969, "Query execution was interrupted"), "table_timeout"),
    (pymysql.err.OperationalError(2013, "Lost connection to server during query"),
     "connection_lost"),
    (pymysql.err.OperationalError(2003, "Can't connect to server on 'h'"), "connect_failed"),
    (ModuleNotFoundError("No module named 'pyodbc'"), "driver_missing"),
    (ValueError("something else"), "query_failed"),
])
def test_error_kinds(orig: BaseException, kind: str) -> None:
    wrapped = sa.exc.OperationalError("SELECT secret FROM t", {}, orig)
    assert classify(wrapped)[0] == kind
    assert "SELECT secret" not in classify(wrapped)[1]  # never the statement


def test_connect_errors_and_scrubbing() -> None:
    refused = _PgError("connection refused; is the server running", None)
    assert classify(refused, connecting=True)[0] == "connect_failed"
    lost = pymysql.err.OperationalError(2013, "Lost connection during handshake")
    assert classify(lost, connecting=True)[0] == "connect_failed"
    kind, message = classify(_PgError("bad value 0101901234 for pw hunter2 at a@b.dk", "22P02"),
                             secrets=("hunter2",))
    assert kind == "query_failed"
    assert "0101901234" not in message and "hunter2" not in message and "a@b.dk" not in message
    assert scrub("user x@y failed", ()) == "user <redacted> failed"


def _conf(**kwargs: object) -> Settings:
    return Settings(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("patterns, table, wanted", [
    ((), "shop.kunder", True),
    (("shop.kunder",), "shop.kunder", False),
    (("SHOP.KUNDER",), "shop.kunder", False),
    (("kunder",), "crm.kunder", False),  # no dot: the table name in any schema
    (("shop.*",), "crm.kunder", True),
    (("/srv/share/*",), "shop.kunder", True),  # a path glob is not a table pattern
    (("shop.kunder.email",), "shop.kunder", True),  # a column pattern keeps the table
])
def test_exclude_tables(patterns: tuple[str, ...], table: str, wanted: bool) -> None:
    schema, name = table.split(".")
    assert table_wanted(schema, name, _conf(exclude=patterns)) is wanted


def test_include_tables_and_columns() -> None:
    conf = _conf(include=("crm.*", "*.kunder.email"), exclude=("crm.*.cpr",))
    assert table_wanted("crm", "firma", conf) and table_wanted("shop", "kunder", conf)
    assert not table_wanted("shop", "ordrer", conf)
    assert column_wanted("crm", "firma", "navn", conf)
    assert not column_wanted("crm", "firma", "cpr", conf)
    assert column_wanted("shop", "kunder", "EMAIL", conf)
    assert not column_wanted("shop", "kunder", "cpr", conf)


def _col(name: str, col_type: satypes.TypeEngine) -> dict:
    return {"name": name, "type": col_type}


def test_date_column_choice() -> None:
    columns = [_col("id", satypes.Integer()), _col("created_at", satypes.DateTime()),
               _col("Last_Contact", satypes.Text()), _col("seen", satypes.Date())]
    assert date_column(columns, Settings(), "shop.kunder") == "Last_Contact"
    per_table = Settings(table_date_columns={"SHOP.kunder": "seen"})
    assert date_column(columns, per_table, "shop.kunder") == "seen"
    assert date_column(columns, per_table, "shop.other") == "Last_Contact"
    typed = [_col("id", satypes.Integer()), _col("opdateret_dato", satypes.DateTime())]
    assert date_column(typed, Settings(date_columns=()), "s.t") == "opdateret_dato"
    assert date_column([_col("note", satypes.Text())], Settings(), "s.t") is None
    # A generic name on a text column does not hide a typed one; alone, it is still used.
    generic = [_col("date", satypes.Text()), _col("changed_at", satypes.DateTime())]
    assert date_column(generic, Settings(), "s.t") == "changed_at"
    assert date_column([_col("dato", satypes.Text())], Settings(), "s.t") == "dato"
    assert date_column([_col("Dato", satypes.Date()), _col("changed_at", satypes.DateTime())],
                       Settings(), "s.t") == "Dato"


def test_skip_reasons() -> None:
    from sqlalchemy.dialects import mysql, postgresql

    assert skip_reason(postgresql.BYTEA()) == "binary"
    assert skip_reason(mysql.VARBINARY(10)) == "binary"
    assert skip_reason(mysql.BIT(8)) == "binary"
    assert skip_reason(satypes.Boolean()) == "boolean"
    assert skip_reason(mysql.TINYINT(display_width=1)) == "boolean"
    assert skip_reason(mysql.TINYINT()) is None
    assert skip_reason(postgresql.JSONB()) is None and skip_reason(satypes.Numeric()) is None


@pytest.mark.parametrize("uri", [
    "postgresql://reader:Sek@r3tPW@127.0.0.1:5432/probedb",
    "postgresql://reader:Sek/r3tPW@127.0.0.1:abc/probedb",
    "mysql+pymysql://reader:a@b/c@d@127.0.0.1/app",
])
def test_a_password_with_unencoded_at_or_slash_never_shows(uri: str) -> None:
    secret_parts = ("Sek", "r3tPW", "a@b", "c@d")
    shown = redact_uri(uri)
    assert shown.startswith(uri.split("://")[0] + "://reader@127.0.0.1")
    with pytest.raises(SourceUriError) as caught:
        resolve(uri)
    for text in (shown, str(caught.value)):
        assert not any(part in text for part in secret_parts), text
