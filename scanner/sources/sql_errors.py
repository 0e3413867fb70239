"""Database errors as data: a machine-readable ``error_type`` and a message with no secret.

Kinds (the ``error_type`` of a ``locations`` row):

| kind | when | PostgreSQL | MySQL/MariaDB |
|---|---|---|---|
| ``driver_missing`` | the URL's DBAPI module is not installed | | |
| ``connect_failed`` | server unreachable, refused, timed out | 08xxx (connect) | 2002-2005 |
| ``auth_failed`` | wrong user or password | 28000, 28P01 | 1045, 1698 |
| ``not_found`` | database or table missing (dropped mid-scan) | 3D000, 42P01 | 1049, 1146 |
| ``permission_denied`` | no SELECT on the table / database | 42501 | 1044, 1142, 1143 |
| ``table_timeout`` | the table time limit was reached | 57014 | 1969, 3024 |
| ``connection_lost`` | connection killed mid-table | 57P01-03, 08xxx | 2006, 2013, 1927 |
| ``corrupt_database`` | SQLite file is not a database | | |
| ``query_failed`` | anything else | | |

The message is the driver's first line with every known password replaced by ``***`` and any
token that could be a value (5+ digits, an ``@``) replaced by ``<redacted>``; never the SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

DRIVER_MISSING = "driver_missing"
CONNECT_FAILED = "connect_failed"
AUTH_FAILED = "auth_failed"
NOT_FOUND = "not_found"
PERMISSION_DENIED = "permission_denied"
TABLE_TIMEOUT = "table_timeout"
CONNECTION_LOST = "connection_lost"
CORRUPT_DATABASE = "corrupt_database"
QUERY_FAILED = "query_failed"

_PG_STATES = {
    "28000": AUTH_FAILED, "28P01": AUTH_FAILED, "3D000": NOT_FOUND, "42P01": NOT_FOUND,
    "42501": PERMISSION_DENIED, "57014": TABLE_TIMEOUT, "57P01": CONNECTION_LOST,
    "57P02": CONNECTION_LOST, "57P03": CONNECTION_LOST,
}
_MYSQL_CODES = {
    1045: AUTH_FAILED, 1698: AUTH_FAILED, 1049: NOT_FOUND, 1146: NOT_FOUND,
    1044: PERMISSION_DENIED, 1142: PERMISSION_DENIED, 1143: PERMISSION_DENIED,
    1969: TABLE_TIMEOUT, 3024: TABLE_TIMEOUT, 2002: CONNECT_FAILED, 2003: CONNECT_FAILED,
    2005: CONNECT_FAILED, 2006: CONNECTION_LOST, 2013: CONNECTION_LOST, 1927: CONNECTION_LOST,
    4031: CONNECTION_LOST, 1317: CONNECTION_LOST,
}
# Kinds about the whole database (recorded at the URL, not at a schema or table).
DATABASE_KINDS = frozenset({CORRUPT_DATABASE, CONNECT_FAILED, AUTH_FAILED, CONNECTION_LOST,
                            DRIVER_MISSING})
# Kinds that say something precise even when they happen while connecting.
_CONNECT_KEEPS = frozenset({AUTH_FAILED, NOT_FOUND, PERMISSION_DENIED, DRIVER_MISSING})
_TEXT_RULES = (
    (re.compile(r"not a database|malformed|corrupt", re.I), CORRUPT_DATABASE),
    (re.compile(r"password authentication failed|access denied for user", re.I), AUTH_FAILED),
    (re.compile(r"permission denied|command denied", re.I), PERMISSION_DENIED),
    (re.compile(r"does not exist|doesn't exist|no such table", re.I), NOT_FOUND),
    (re.compile(r"statement timeout|max_statement_time|execution time exceeded", re.I),
     TABLE_TIMEOUT),
    (re.compile(r"terminating connection|server closed the connection|lost connection|"
                r"connection (?:was )?killed|consuming input failed|connection is closed|"
                r"gone away", re.I), CONNECTION_LOST),
    (re.compile(r"unable to open|could not connect|connection refused|connection failed|"
                r"can't connect|timeout expired|name or service not known", re.I),
     CONNECT_FAILED),
)
_RISKY = re.compile(r"\S*(?:\d\S*){5,}|\S*@\S*")
MAX_MESSAGE = 240


def classify(
    exc: BaseException, secrets: Iterable[str] = (), connecting: bool = False
) -> tuple[str, str]:
    """``(error_type, message)`` for a driver / SQLAlchemy / import error."""
    orig = getattr(exc, "orig", None) or exc
    text = scrub(_first_line(orig), secrets)
    kind = _kind(orig, text)
    if connecting and kind not in _CONNECT_KEEPS:
        kind = CONNECT_FAILED
    return kind, f"{orig.__class__.__name__}: {text}"[:MAX_MESSAGE]


def _kind(orig: BaseException, text: str) -> str:
    if isinstance(orig, ImportError):
        return DRIVER_MISSING
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(state, str):
        if state in _PG_STATES:
            return _PG_STATES[state]
        if state.startswith("08"):
            return CONNECTION_LOST
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int) and args[0] in _MYSQL_CODES:
        return _MYSQL_CODES[args[0]]
    for pattern, kind in _TEXT_RULES:
        if pattern.search(text):
            return kind
    return QUERY_FAILED


def _first_line(exc: BaseException) -> str:
    args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
    if len(args) >= 2 and isinstance(args[0], int):  # PyMySQL: (code, message)
        text = str(args[1])
    else:
        text = str(exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without passwords and without tokens that could be raw values."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _RISKY.sub("<redacted>", text)
