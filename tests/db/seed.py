"""Synthetic shop databases for PostgreSQL and MariaDB, with the truth the tests assert.

Same data in both dialects (seeded ``random.Random``; values valid by construction through
``scanner.synthetic``, never real people):

- ``shop.customers`` (PK): cpr (text), cpr_tal (NUMERIC: a CPR stored as a number), email
  (NULL every 5th row), telefon, iban, foto (binary, skipped), aktiv (boolean, skipped),
  created_at, last_contact (the record date); PostgreSQL also ``aliases text[]`` of e-mails.
- ``shop.orders`` (PK): kortnr (card numbers in the clear), kort_maskeret (masked: no finding),
  ordrenr (order numbers: no finding), order_date.
- ``shop.audit_log`` (no primary key): ip (IPv4/IPv6), handling, logged_at.
- ``crm.companies`` (PK): cvr INTEGER (company numbers: never phones), telefon INTEGER (phones).
- ``shop.profiles`` (PK): data JSONB / JSON ``{"kontakt": {"email", "telefon"}, "tags": [..]}``.
- ``shop.events`` (PK, ``EVENT_ROWS`` rows): besked with an e-mail in every row (sampling).
- ``shop.secret_notes``: the scanner user may not SELECT it (permission_denied).
- ``shop.slow_events`` (view): every row sleeps ``SLOW_ROW_S`` (timeouts; views only when asked).
- MariaDB ``shop.hidden_view``: SELECT but no SHOW VIEW, so its columns cannot be reflected.

PostgreSQL puts ``shop`` and ``crm`` as schemas in database ``shopdb``; MariaDB as databases.
The scanner logs in as ``scanner`` / ``SCANNER_PASSWORD`` with SELECT only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as ni
from tests.db.servers import Server

SCANNER_USER = "scanner"
SCANNER_PASSWORD = "scanner-pw-synthetic"
PG_DATABASE = "shopdb"
CUSTOMERS = 300
ORDERS = 300
AUDIT = 300
COMPANIES = 200
PROFILES = 200
EVENT_ROWS = 20_000
SLOW_ROW_S = 0.002
SEED = 5


@dataclass
class Truth:
    """What was planted: counts per (table, column) and the record dates of customers."""

    nonnull: dict[tuple[str, str], int] = field(default_factory=dict)
    last_contact: list[dt.datetime] = field(default_factory=list)
    event_ids: int = EVENT_ROWS


def _dates(rng: random.Random, n: int) -> list[dt.datetime]:
    start = dt.datetime(2018, 1, 1)
    return [start + dt.timedelta(minutes=rng.randrange(6 * 365 * 24 * 60)) for _ in range(n)]


def _cpr_number(rng: random.Random) -> int:
    """A CPR as a number: born on day 01-09 it has nine digits (the leading zero is gone)."""
    born = dt.date(rng.randrange(1940, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
    return int(ni.dk_cpr(rng, dashed=False, born=born))


def rows(rng: random.Random | None = None) -> tuple[dict[str, list[dict[str, Any]]], Truth]:
    """Every table's rows (dicts) and the truth."""
    rng = rng or random.Random(SEED)
    truth = Truth()
    contacts, created = _dates(rng, CUSTOMERS), _dates(rng, CUSTOMERS)
    truth.last_contact = contacts
    customers = [{
        "id": i + 1, "navn": f"Kunde {i + 1}", "cpr": ni.dk_cpr(rng), "cpr_tal": _cpr_number(rng),
        "email": None if i % 5 == 0 else cf.email(rng), "telefon": cf.phone(rng, "DK"),
        "iban": cf.iban(rng, "DK"), "foto": b"\x89PNG\x00\x01", "aktiv": i % 2 == 0,
        "created_at": created[i], "last_contact": contacts[i],
        "aliases": [cf.email(rng), cf.email(rng)],
    } for i in range(CUSTOMERS)]
    truth.nonnull[("customers", "email")] = sum(1 for c in customers if c["email"])
    orders = [{
        "id": i + 1, "customer_id": 1 + i % CUSTOMERS, "kortnr": cf.card(rng, "visa"),
        "kort_maskeret": cf.masked_card(rng), "ordrenr": f"ORD-{100000 + i}",
        "order_date": dt.date(2023, 1, 1) + dt.timedelta(days=i % 365),
    } for i in range(ORDERS)]
    audit = [{
        "ip": cf.ipv4(rng) if i % 2 else cf.ipv6(rng), "handling": "login",
        "logged_at": dt.datetime(2024, 1, 1) + dt.timedelta(hours=i),
    } for i in range(AUDIT)]
    companies = [{
        "id": i + 1, "navn": f"Firma {i + 1} ApS", "cvr": int(cf.cvr(rng)),
        "telefon": int(cf.phone(rng, "DK", style="compact")),
    } for i in range(COMPANIES)]
    profiles = [{
        "id": i + 1,
        "data": {"kontakt": {"email": cf.email(rng), "telefon": cf.phone(rng, "DK")},
                 "tags": ["vip", "nyhedsbrev"], "score": i},
    } for i in range(PROFILES)]
    events = [{"id": i + 1, "besked": f"mail fra {cf.email(rng)} modtaget"}
              for i in range(EVENT_ROWS)]
    secret = [{"id": 1, "note": ni.dk_cpr(rng)}]
    return {"customers": customers, "orders": orders, "audit_log": audit, "companies": companies,
            "profiles": profiles, "events": events, "secret_notes": secret}, truth


_PG_DDL = """
CREATE SCHEMA shop;
CREATE SCHEMA crm;
CREATE TABLE shop.customers (id integer PRIMARY KEY, navn text, cpr text, cpr_tal numeric(10,0),
    email text, telefon varchar(40), iban text, foto bytea, aktiv boolean,
    created_at timestamp, last_contact timestamp, aliases text[]);
CREATE TABLE shop.orders (id integer PRIMARY KEY, customer_id integer, kortnr text,
    kort_maskeret text, ordrenr text, order_date date);
CREATE TABLE shop.audit_log (ip text, handling text, logged_at timestamptz);
CREATE TABLE crm.companies (id integer PRIMARY KEY, navn text, cvr integer, telefon integer);
CREATE TABLE shop.profiles (id integer PRIMARY KEY, data jsonb);
CREATE TABLE shop.events (id integer PRIMARY KEY, besked text);
CREATE TABLE shop.secret_notes (id integer PRIMARY KEY, note text);
CREATE FUNCTION shop.slow(i integer) RETURNS integer LANGUAGE plpgsql VOLATILE
    AS $$ BEGIN PERFORM pg_sleep({slow}); RETURN i; END $$;
CREATE VIEW shop.slow_events AS SELECT shop.slow(id) AS id, besked FROM shop.events;
CREATE ROLE scanner LOGIN PASSWORD '{password}';
GRANT USAGE ON SCHEMA shop, crm TO scanner;
GRANT SELECT ON shop.customers, shop.orders, shop.audit_log, shop.profiles, shop.events,
    shop.slow_events, crm.companies TO scanner;
"""

_MARIA_DDL = """
CREATE DATABASE shop;
CREATE DATABASE crm;
CREATE TABLE shop.customers (id INT PRIMARY KEY, navn TEXT, cpr TEXT, cpr_tal DECIMAL(10,0),
    email TEXT, telefon VARCHAR(40), iban TEXT, foto BLOB, aktiv BOOLEAN,
    created_at DATETIME, last_contact DATETIME);
CREATE TABLE shop.orders (id INT PRIMARY KEY, customer_id INT, kortnr TEXT,
    kort_maskeret TEXT, ordrenr TEXT, order_date DATE);
CREATE TABLE shop.audit_log (ip TEXT, handling TEXT, logged_at DATETIME);
CREATE TABLE crm.companies (id INT PRIMARY KEY, navn TEXT, cvr INT, telefon INT);
CREATE TABLE shop.profiles (id INT PRIMARY KEY, data JSON);
CREATE TABLE shop.events (id INT PRIMARY KEY, besked TEXT);
CREATE TABLE shop.secret_notes (id INT PRIMARY KEY, note TEXT);
CREATE VIEW shop.slow_events AS SELECT id + SLEEP({slow}) AS id, besked FROM shop.events;
CREATE USER 'scanner'@'%' IDENTIFIED BY '{password}';
GRANT SELECT ON shop.customers TO 'scanner'@'%';
GRANT SELECT ON shop.orders TO 'scanner'@'%';
GRANT SELECT ON shop.audit_log TO 'scanner'@'%';
GRANT SELECT ON shop.profiles TO 'scanner'@'%';
GRANT SELECT ON shop.events TO 'scanner'@'%';
GRANT SELECT, SHOW VIEW ON shop.slow_events TO 'scanner'@'%';
CREATE VIEW shop.hidden_view AS SELECT id FROM shop.events;
GRANT SELECT ON shop.hidden_view TO 'scanner'@'%';
GRANT SELECT ON crm.companies TO 'scanner'@'%';
GRANT REFERENCES ON shop.secret_notes TO 'scanner'@'%';
"""
# MariaDB shows a table to a user only with some privilege on it: REFERENCES makes
# secret_notes visible but not readable, like a PostgreSQL table without GRANT SELECT.
# Reflecting a view needs SHOW VIEW: hidden_view lacks it (one unreadable view, not a lost schema).

_TABLE_SCHEMA = {"companies": "crm"}


def seed(server: Server) -> Truth:
    """Create and fill the shop database on ``server``; returns the truth."""
    data, truth = rows()
    if server.kind == "postgresql":
        with server.admin_engine().connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {PG_DATABASE}")
        ddl, engine = _PG_DDL, server.admin_engine(PG_DATABASE)
    else:
        ddl, engine = _MARIA_DDL, server.admin_engine()
        for table in data.values():  # no arrays in MariaDB; JSON goes in as text
            for row in table:
                row.pop("aliases", None)
                if "data" in row:
                    row["data"] = json.dumps(row["data"])
    try:
        with engine.begin() as conn:
            for statement in ddl.format(slow=SLOW_ROW_S, password=SCANNER_PASSWORD).split(";\n"):
                if statement.strip():  # PyMySQL formats with %: 'scanner'@'%' needs %%
                    conn.exec_driver_sql(statement.replace("%", "%%") if server.kind ==
                                         "mariadb" else statement)
            meta = sa.MetaData()
            for name, table_rows in data.items():
                table = sa.Table(name, meta, autoload_with=conn,
                                 schema=_TABLE_SCHEMA.get(name, "shop"))
                conn.execute(table.insert(), table_rows)
            if server.kind == "postgresql":
                conn.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    return truth


def scanner_url(server: Server, password: str | None = SCANNER_PASSWORD) -> str:
    """The URL the scanner uses (PostgreSQL: database shopdb; MariaDB: every database)."""
    return server.url(SCANNER_USER, password, PG_DATABASE if server.kind == "postgresql" else "")
