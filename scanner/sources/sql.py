"""SQL databases through SQLAlchemy: PostgreSQL, MySQL/MariaDB, SQLite, any installed driver.

Decisions (details in ``sql_url``, ``sql_schema``, ``sql_dialects``, ``sql_read``,
``sql_split``, ``sql_engine``, ``sql_errors``):
- One unit per table (views only with ``include_views``) of every non-system schema
  (MySQL/MariaDB: of the URL's database when it names one). Location:
  ``<url without password>/<schema>.<table>``; a relative SQLite path is made absolute first
  (``sqlite:////abs/app.db/main.customers``).
- Listing reads only the catalog (columns, keys, row estimates): no table is read in the
  parent process. A worker opens a table: one read-only transaction, the row count (exact up
  to a million rows, else the flagged estimate), then a deterministic sample (unless ``full``
  or the table is small) or every row, streamed with a server-side cursor in batches of
  ``csv_batch_rows``. The transaction ends with the table, so no lock outlives it. A full scan
  of a big table with an integer primary key is split into key ranges read by several workers.
- Time limit: ``table_timeout`` seconds per table, enforced by the server (statement timeout)
  and between batches by the reader; a table that hits it is an error ``table_timeout``
  holding what was read before (the extractor keeps the pieces it already yielded).
- Connections: one engine per process and URL, with a pool of exactly one connection (checked
  with a ping before use, so a killed connection is replaced); SQLite opens the file
  read-only (``mode=ro``), never creating it. ``dispose_engines()`` closes them (also at exit).
- Errors are data: an unreachable server or bad credentials is one LocationError row for the
  URL; a missing (dropped) or forbidden table, a timeout or a killed connection is an error
  row for that table, and the scan goes on. Messages never hold a password or a value.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from scanner.model import SOURCE_SQL, STATUS_SKIPPED, LocationError, ScanUnit, TableRows
from scanner.settings import Settings
from scanner.sources import sql_errors
from scanner.sources.base import Source, SourceError
from scanner.sources.sql_dialects import dialect_for
from scanner.sources.sql_engine import dispose_engines, engine_for, release_engine
from scanner.sources.sql_read import Reader, close_quietly, end_transaction
from scanner.sources.sql_schema import TableFailure, TableInfo, discover
from scanner.sources.sql_split import key_ranges
from scanner.sources.sql_url import (
    malformed_user_info,
    parse,
    redact_text,
    render,
    resolve,
    secrets,
)

__all__ = ["SqlSource", "dispose_engines", "engine_for", "render", "resolve"]


class SqlSource(Source):
    """Tables of a database reachable through an SQLAlchemy URL."""

    scheme = "sql"
    source_type = SOURCE_SQL

    @classmethod
    def claims(cls, uri: str) -> bool:
        """Any URL SQLAlchemy parses and has a dialect for."""
        try:
            parse(uri).get_dialect()
        except Exception:
            return False
        return True

    @classmethod
    def redact(cls, uri: str) -> str:
        """The URL without password (and without query parameters that look secret)."""
        try:
            url = parse(uri)
        except Exception:
            return redact_text(uri)
        return redact_text(uri) if malformed_user_info(url) else render(url)

    def list_units(self, uri: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
        """One unit per wanted table of every schema."""
        url = resolve(uri)
        base = render(url).rstrip("/")
        if url.get_backend_name() == "sqlite" and not os.path.isfile(url.database or ""):
            yield LocationError(base, SOURCE_SQL, "not_found", "database file does not exist")
            return
        hidden = secrets(url, settings)
        try:
            conn = self.engine(url, settings).connect()
        except (sa.exc.SQLAlchemyError, ImportError) as exc:
            yield LocationError(base, SOURCE_SQL, *sql_errors.classify(exc, hidden, True))
            return
        try:
            yield from self._units(conn, uri, url, settings)
        finally:
            close_quietly(conn)
            release_engine(url, settings)  # the parent holds no connection while workers scan

    def _units(self, conn: Connection, uri: str, url: URL,
               settings: Settings) -> Iterator[ScanUnit | LocationError]:
        base, dialect, modified = render(url).rstrip("/"), dialect_for(url.get_backend_name()), \
            file_mtime(url)
        hidden = secrets(url, settings)
        try:
            inspector = sa.inspect(conn)
            schemas = dialect.schemas(conn, inspector, url.database)
        except sa.exc.SQLAlchemyError as exc:
            yield LocationError(base, SOURCE_SQL, *sql_errors.classify(exc, hidden))
            return
        for schema in schemas:
            try:
                tables = list(discover(conn, inspector, dialect, schema, settings))
            except sa.exc.SQLAlchemyError as exc:
                kind, message = sql_errors.classify(exc, hidden)
                where = base if kind in sql_errors.DATABASE_KINDS else f"{base}/{schema}"
                yield LocationError(where, SOURCE_SQL, kind, message)
                tables = []
            finally:
                end_transaction(conn)
            for info in tables:
                yield from self._table_units(conn, info, base, uri, modified, settings, hidden)

    def _table_units(self, conn: Connection, info: TableInfo | TableFailure, base: str, uri: str,
                     modified: datetime | None, settings: Settings,
                     hidden: tuple[str, ...]) -> Iterator[ScanUnit | LocationError]:
        """The unit of one table (several when a full scan is split), or its error row."""
        location = f"{base}/{info.schema}.{info.name}"
        if isinstance(info, TableFailure):
            yield LocationError(location, SOURCE_SQL, *sql_errors.classify(info.error, hidden))
            return
        if not info.columns:
            yield LocationError(location, SOURCE_SQL, "no_readable_columns",
                                "every column is binary, boolean or excluded: "
                                + "; ".join(info.skipped), STATUS_SKIPPED)
            return
        try:
            ranges = key_ranges(conn, info, settings)
        except sa.exc.SQLAlchemyError:  # e.g. no SELECT: the worker records the real error
            end_transaction(conn)
            ranges = None
        extra = info.extra()
        parts: list[dict[str, Any]] = [extra] if not ranges else [
            {**extra, "key_range": list(r), "part": [i, len(ranges)],
             "row_estimate": (info.row_estimate or 0) // len(ranges)}
            for i, r in enumerate(ranges)]
        for part in parts:
            yield ScanUnit(location=location, source_type=SOURCE_SQL, scheme=self.scheme,
                           key=f"{info.schema}.{info.name}", source_uri=uri,
                           last_modified=modified, extra=part)

    @contextmanager
    def open_unit(self, unit: ScanUnit, settings: Settings) -> Iterator[TableRows]:
        """Rows of one table (sampled unless ``full``), in batches of ``csv_batch_rows``."""
        url = resolve(unit.source_uri)
        hidden = secrets(url, settings)
        # The limit is the table's: a part of a split table gets its share of it, so the parts
        # together never query longer than ``table_timeout`` (sql_split).
        parts = (unit.extra.get("part") or (0, 1))[1]
        deadline = time.monotonic() + settings.table_timeout / max(1, parts)
        try:
            conn = self.engine(url, settings).connect()
        except (sa.exc.SQLAlchemyError, ImportError) as exc:
            raise SourceError(*sql_errors.classify(exc, hidden, True)) from None
        reader: Reader | None = None
        try:
            reader = Reader(conn, dialect_for(url.get_backend_name()), unit, settings, deadline,
                            hidden)
            try:
                rows = reader.open()
            except sa.exc.SQLAlchemyError as exc:
                kind, message = sql_errors.classify(exc, hidden)
                if kind == sql_errors.TABLE_TIMEOUT:
                    message = reader.timeout_message(0)
                raise SourceError(kind, message) from None
            yield rows
        finally:
            end_transaction(conn)
            if reader is not None:
                reader.finish()
            close_quietly(conn)

    def engine(self, url: URL, settings: Settings) -> Engine:
        """The engine for ``url`` (a seam for tests and subclasses; see :func:`engine_for`)."""
        return engine_for(url, settings)


def file_mtime(url: URL) -> datetime | None:
    """The modification time of a SQLite file (UTC), else None."""
    if url.get_backend_name() != "sqlite":
        return None
    try:
        return datetime.fromtimestamp(os.stat(url.database or "").st_mtime, tz=UTC)
    except OSError:
        return None
