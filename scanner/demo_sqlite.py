"""The SQLite database of the demo estate: customers, contact_form and orders, with date columns.

``customers.phone`` and ``customers.cvr`` are INTEGER columns (a phone and a company number look
alike as integers: only the column name tells them apart); ``orders.invoice_no`` holds CPR-shaped
integers that are invoice numbers. The record date of every planted identifier is recorded, so the
tests can check ``oldest_record`` / ``newest_record``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from scanner.demo import DB_NAME, Key, Planter
from scanner.demo_text import TEMPLATES, fill, negative_makers
from scanner.synthetic import contact_financial as cf

_SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, cpr TEXT, email TEXT, phone INTEGER,
    cvr INTEGER, city TEXT, created_at TEXT, last_contact TEXT);
CREATE TABLE contact_form (id INTEGER PRIMARY KEY, name TEXT, email TEXT, message TEXT,
    created_at TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, order_no TEXT,
    invoice_no INTEGER, card_number TEXT, card_masked TEXT, amount REAL, tracking_no TEXT,
    order_date DATE);
"""
#: Templates used in contact-form messages (identifiers with their labels, and negatives).
_MESSAGE_TEMPLATES = tuple(t for t in TEMPLATES if "{ip}" not in t)


def _where(table: str) -> str:
    return f"{DB_NAME}/main.{table}"


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S")


def _dated(p: Planter, before: Counter[Key], when: datetime) -> None:
    """Give every key planted since ``before`` the record date ``when``."""
    for key, count in p.truth.counts.items():
        if count > before.get(key, 0):
            p.truth.add_date(key, when)


def write_database(path: Path, p: Planter, rows: int) -> None:
    """Create the demo database at ``path``."""
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        con.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?)", _customers(p, rows))
        con.executemany("INSERT INTO contact_form VALUES (?,?,?,?,?)", _contact_form(p, rows))
        con.executemany("INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?)", _orders(p, rows))
        con.commit()
    finally:
        con.close()


def _customers(p: Planter, n: int) -> Sequence[tuple[object, ...]]:
    where, neg, out = _where("customers"), negative_makers(p), []
    for i in range(n):
        before, last_contact = Counter(p.truth.counts), p.moment()
        email = None if i % 5 == 0 else p.put(where, "email", "EMAIL_ADDRESS", p.email())
        phone = cf.phone(p.rng, "DK", style="compact")
        out.append((
            i + 1, p.name("DK"), p.put(where, "cpr", "DK_CPR", p.national_id("DK")[1]), email,
            int(p.put(where, "phone", "PHONE_NUMBER", phone)), int(neg["cvr"]()),
            p.fake["DK"].city(), _stamp(p.moment(days=300)), _stamp(last_contact),
        ))
        _dated(p, before, last_contact)
    return out


def _contact_form(p: Planter, n: int) -> Sequence[tuple[object, ...]]:
    where, out = _where("contact_form"), []
    for i in range(n):
        before, created = Counter(p.truth.counts), p.moment()
        email = p.put(where, "email", "EMAIL_ADDRESS", p.email())
        template = _MESSAGE_TEMPLATES[i % len(_MESSAGE_TEMPLATES)]
        out.append((i + 1, p.name("DK"), email, fill(template, p, where, "message"),
                    _stamp(created)))
        _dated(p, before, created)
    return out


def _orders(p: Planter, n: int) -> Sequence[tuple[object, ...]]:
    where, neg, out = _where("orders"), negative_makers(p), []
    for i in range(n):
        before, ordered = Counter(p.truth.counts), p.moment()
        card = p.put(where, "card_number", "CREDIT_CARD", p.card()) if i % 2 == 0 else None
        out.append((
            i + 1, 1 + (i * 7) % n, f"ORD-2024-{100000 + i}", int(neg["cpr_shaped"]()), card,
            neg["masked"](), round(p.rng.uniform(10, 5000), 2), neg["tracking"](),
            ordered.date().isoformat(),
        ))
        _dated(p, before, ordered.replace(hour=0, minute=0, second=0))
    return out
