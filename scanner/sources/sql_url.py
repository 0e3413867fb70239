"""Database URLs: parse, pick the installed driver, add the password, render without secrets.

- ``postgresql://`` (and the old ``postgres://``) connect through psycopg 3
  (``postgresql+psycopg``); ``mysql://`` / ``mariadb://`` through PyMySQL. A URL that names its
  driver (``mysql+mysqldb://``, ``mssql+pyodbc://``) is used as given.
- Password, first found: the URL's; the ``db_password`` setting (config file);
  ``PII_SCAN_DB_PASSWORD``; ``MYSQL_PWD`` for MySQL/MariaDB (libpq reads ``PGPASSWORD`` and
  ``~/.pgpass`` itself). It is added only to the URL handed to the driver.
- Locations and messages use :func:`render`: the URL the user gave (scheme as written, relative
  SQLite paths made absolute), without password and without secret-looking query parameters.
"""

from __future__ import annotations

import os
import re

from sqlalchemy.engine import URL, make_url

from scanner.settings import Settings
from scanner.sources.base import SourceUriError

PASSWORD_ENV = "PII_SCAN_DB_PASSWORD"
SECRET_QUERY_KEYS = re.compile(r"pass|pwd|secret|token|key", re.IGNORECASE)
# Scheme without a driver -> the driver this project installs for it.
DEFAULT_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}
BACKEND_PASSWORD_ENV = {"mysql": "MYSQL_PWD", "mariadb": "MYSQL_PWD"}


def parse(uri: str) -> URL:
    """``uri`` as a SQLAlchemy URL (``postgres://`` read as ``postgresql://``); may raise."""
    url = make_url(uri)
    if url.drivername == "postgres" or url.drivername.startswith("postgres+"):
        url = url.set(drivername="postgresql" + url.drivername[len("postgres"):])
    return url


def resolve(uri: str) -> URL:
    """Parse ``uri``; a relative SQLite path becomes absolute. SourceUriError if invalid."""
    try:
        url = parse(uri)
    except Exception:
        raise SourceUriError(f"not a database URL: {redact_text(uri)}") from None
    if malformed_user_info(url):
        raise SourceUriError(
            f"not a valid database URL: {redact_text(uri)} (a password with '@' or '/' must be "
            "percent-encoded: %40, %2F; or give it in PII_SCAN_DB_PASSWORD)"
        )
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise SourceUriError("a SQLite URL needs a database file path")
        url = url.set(database=os.path.abspath(url.database))
    return url


def connect_url(url: URL, settings: Settings) -> URL:
    """The URL handed to SQLAlchemy: the project's driver, and the password if one is known."""
    driver = DEFAULT_DRIVERS.get(url.drivername)
    if driver is not None:
        url = url.set(drivername=driver)
    password = password_for(url, settings)
    return url.set(password=password) if password else url


def password_for(url: URL, settings: Settings) -> str | None:
    """The password to use for ``url`` (see the module docstring for the order)."""
    if url.password:
        return str(url.password)
    if settings.db_password:
        return settings.db_password
    env = os.environ.get(PASSWORD_ENV) or os.environ.get(
        BACKEND_PASSWORD_ENV.get(url.get_backend_name(), ""), "")
    return env or None


def secrets(url: URL, settings: Settings) -> tuple[str, ...]:
    """Every password that could appear in a driver's message (to be scrubbed)."""
    found = {password_for(url, settings), settings.db_password, os.environ.get(PASSWORD_ENV),
             os.environ.get("PGPASSWORD"), os.environ.get("MYSQL_PWD")}
    return tuple(sorted((s for s in found if s), key=len, reverse=True))


def render(url: URL) -> str:
    """A URL as text without password or secret-looking query parameters."""
    query = {k: v for k, v in url.query.items() if not SECRET_QUERY_KEYS.search(k)}
    return url.set(query=query)._replace(password=None).render_as_string(hide_password=False)


def redact_text(uri: str) -> str:
    """Best effort for text that may not parse as a URL: drop ``:password`` from the user info.

    The user info ends at the *last* ``@`` before the query, so a password with an unencoded
    ``@`` or ``/`` (``user:se@cr/et@host``) is dropped whole, not cut where a parser would stop.
    """
    begin = uri.find("://")
    if begin < 0:
        return uri
    begin += 3
    query = uri.find("?", begin)
    at = uri.rfind("@", begin, len(uri) if query < 0 else query)
    if at < 0:
        return uri
    user = uri[begin:at].split(":", 1)[0]
    return uri[:begin] + user + uri[at:]


def malformed_user_info(url: URL) -> bool:
    """True when the user info held an unencoded ``@`` (the parser put part of it in the host)."""
    return "@" in (url.host or "") or "@" in (url.database or "")
