"""SQL databases through SQLAlchemy: PostgreSQL, MySQL/MariaDB, SQLite, any installed driver.

Decisions (details in ``sql_url``, ``sql_schema``, ``sql_dialects``, ``sql_errors``):
- One unit per table (views only with ``include_views``) of every non-system schema
  (MySQL/MariaDB: of the URL's database when it names one). Location:
  ``<url without password>/<schema>.<table>``; a relative SQLite path is made absolute first
  (``sqlite:////abs/app.db/main.customers``).
- Listing reads only the catalog (columns, keys, row estimates): no table is read in the
  parent process. A worker opens a table: one read-only transaction, the row count (exact up
  to a million rows, else the flagged estimate), then a deterministic sample (unless ``full``
  or the table is small) or every row, streamed with a server-side cursor in batches of
  ``csv_batch_rows``. The transaction ends with the table, so no lock outlives it.
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

import atexit
import multiprocessing.util
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import NullPool

from scanner.model import SOURCE_SQL, STATUS_SKIPPED, LocationError, ScanUnit, TableRows
from scanner.settings import Settings
from scanner.sources import sql_errors
from scanner.sources.base import Source, SourceError
from scanner.sources.sql_dialects import EXACT_COUNT_MAX, Generic, TableSpec, dialect_for
from scanner.sources.sql_schema import TableFailure, TableInfo, discover
from scanner.sources.sql_split import key_filter, key_ranges
from scanner.sources.sql_url import connect_url, parse, redact_text, render, resolve, secrets

__all__ = ["SqlSource", "dispose_engines", "engine_for", "render", "resolve"]

_engines: dict[tuple[str, int, int], Engine] = {}


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
            return render(parse(uri))
        except Exception:
            return redact_text(uri)

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
            _close(conn)
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
                _end(conn)
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
            _end(conn)
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
        deadline = time.monotonic() + settings.table_timeout
        try:
            conn = self.engine(url, settings).connect()
        except (sa.exc.SQLAlchemyError, ImportError) as exc:
            raise SourceError(*sql_errors.classify(exc, hidden, True)) from None
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
            _end(conn)
            _close(conn)


    def engine(self, url: URL, settings: Settings) -> Engine:
        """The engine for ``url`` (a seam for tests and subclasses; see :func:`engine_for`)."""
        return engine_for(url, settings)


class Reader:
    """Opens one table on a connection: transaction, row count, SELECT, batches."""

    def __init__(self, conn: Connection, dialect: Generic, unit: ScanUnit, settings: Settings,
                 deadline: float, hidden: tuple[str, ...]) -> None:
        self.conn, self.dialect, self.settings = conn, dialect, settings
        self.extra, self.deadline, self.hidden = unit.extra, deadline, hidden
        date = self.extra.get("date_column")
        columns = tuple(self.extra["columns"])
        selected = columns + ((date,) if date and date not in columns else ())
        self.spec = TableSpec(self.extra["schema"], self.extra["table"], selected,
                              tuple(self.extra.get("key_columns") or ()),
                              self.extra.get("kind", "table"))

    def open(self) -> TableRows:
        """Start the transaction, count, and execute the SELECT (streamed)."""
        self.dialect.start_table(self.conn)
        limit = self.settings.sample_rows
        if self.spec.kind == "table":
            total, estimated = self.row_count()
            sampled = not self.settings.full and 0 < limit < total
        else:  # a view is a query: counting it costs as much as reading it
            total, estimated = None, False
            sampled = not self.settings.full and limit > 0
        if sampled:
            query = self.dialect.sample(self.conn, self.spec, limit, total or 0)
        else:
            query = sa.select(*self.spec.table().c).where(*key_filter(self.extra))
        self.dialect.set_timeout(self.conn, self.remaining())
        batch = max(1, self.settings.csv_batch_rows)
        result = self.conn.execute(query, execution_options={"yield_per": batch})
        return TableRows(
            columns=list(self.extra["columns"]), batches=self.batches(result, batch),
            date_column=self.extra.get("date_column"), sampled=sampled, total_rows=total,
            total_rows_estimated=estimated,
            json_columns=tuple(self.extra.get("json_columns") or ()),
            skipped_columns=tuple(self.extra.get("skipped_columns") or ()),
        )

    def remaining(self) -> float:
        """Seconds left of this table's time limit."""
        return self.deadline - time.monotonic()

    def row_count(self) -> tuple[int, bool]:
        """(rows, estimated): exact unless the catalog estimate is above EXACT_COUNT_MAX."""
        estimate = self.extra.get("row_estimate")
        if estimate is not None and estimate > EXACT_COUNT_MAX:
            return int(estimate), True
        self.dialect.set_timeout(self.conn, self.remaining())
        count = self.conn.execute(sa.select(sa.func.count()).select_from(self.spec.table())
                                  .where(*key_filter(self.extra))).scalar_one()
        return int(count), False

    def batches(self, result: Any, size: int) -> Iterator[list[Any]]:
        """Row batches; a driver error or the deadline becomes a SourceError mid-stream."""
        read = 0
        try:
            for rows in result.partitions(size):
                read += len(rows)
                yield rows
                if len(rows) == size and self.remaining() <= 0:
                    raise SourceError(sql_errors.TABLE_TIMEOUT, self.timeout_message(read))
        except sa.exc.SQLAlchemyError as exc:
            self.dialect.abandon(result)
            kind, message = sql_errors.classify(exc, self.hidden)
            if kind == sql_errors.TABLE_TIMEOUT:
                message = self.timeout_message(read)
            raise SourceError(kind, message) from None
        finally:
            result.close()

    def timeout_message(self, read: int) -> str:
        """The message of a table that hit its time limit."""
        return (f"table time limit of {self.settings.table_timeout} s reached after {read} "
                "rows; the rows read before it were scanned")


def engine_for(url: URL, settings: Settings) -> Engine:
    """This process's engine for ``url`` (one pooled connection); SQLite read-only, not kept
    (it has no connection worth keeping)."""
    if url.get_backend_name() == "sqlite":
        return _create_engine(url, settings)
    key = _engine_key(url, settings)
    engine = _engines.get(key)
    if engine is None:
        _register_cleanup()
        engine = _engines[key] = _create_engine(connect_url(url, settings), settings)
    return engine


def _engine_key(url: URL, settings: Settings) -> tuple[str, int, int]:
    target = connect_url(url, settings).render_as_string(hide_password=False)
    return target, settings.connect_timeout, settings.table_timeout


def _create_engine(url: URL, settings: Settings) -> Engine:
    if url.get_backend_name() == "sqlite":
        target = Path(url.database or "").as_uri() + "?mode=ro"
        return sa.create_engine(
            "sqlite://", poolclass=NullPool,
            creator=lambda: sqlite3.connect(target, uri=True, check_same_thread=False),
        )
    dialect = dialect_for(url.get_backend_name())
    engine = sa.create_engine(
        url, pool_size=1, max_overflow=0, pool_pre_ping=True,
        pool_timeout=settings.connect_timeout, connect_args=dialect.connect_args(settings),
    )
    dialect.install(engine, settings)
    return engine


def release_engine(url: URL, settings: Settings) -> None:
    """Close the pooled connection of ``url`` in this process (after listing)."""
    engine = _engines.pop(_engine_key(url, settings), None)
    if engine is not None:
        engine.dispose()


def dispose_engines() -> None:
    """Close every pooled connection of this process (at exit; tests call it too)."""
    while _engines:
        _engines.popitem()[1].dispose()


_cleanup_pid: int | None = None


def _register_cleanup() -> None:
    """Dispose at exit, once per process: atexit, and multiprocessing's finalizers for pool
    workers (they leave through ``os._exit``, which skips atexit)."""
    global _cleanup_pid
    if _cleanup_pid != os.getpid():
        _cleanup_pid = os.getpid()
        atexit.register(dispose_engines)
        multiprocessing.util.Finalize(None, dispose_engines, exitpriority=0)


def _end(conn: Connection) -> None:
    """End the current transaction (releases every lock); a dead connection is ignored."""
    try:
        conn.rollback()
    except sa.exc.SQLAlchemyError:
        pass


def _close(conn: Connection) -> None:
    try:
        conn.close()
    except sa.exc.SQLAlchemyError:
        pass


def file_mtime(url: URL) -> datetime | None:
    """The modification time of a SQLite file (UTC), else None."""
    if url.get_backend_name() != "sqlite":
        return None
    try:
        return datetime.fromtimestamp(os.stat(url.database or "").st_mtime, tz=UTC)
    except OSError:
        return None
