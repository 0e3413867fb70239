"""SQL databases through SQLAlchemy (SQLite in this issue; written generically).

Decisions:
- Every table (not views) of every schema the inspector lists (SQLite: ``PRAGMA
  database_list``, i.e. main and attached databases; ``sqlite_*`` internals are not tables
  to the inspector). Location: ``<url without password>/<schema>.<table>``; a relative SQLite
  path is made absolute first (``sqlite:////abs/app.db/main.customers``).
- Columns: every column except binary (BLOB/LargeBinary) and boolean ones, which are listed in
  ``extra["skipped_columns"]`` ("name (TYPE)"). INTEGER/REAL columns are read: they hold phone,
  CVR and CPR numbers. Values are selected without type processing (raw driver values), so a
  malformed DATETIME text cannot break the read.
- ``extra``: row_count (exact COUNT(*)), schema, table, columns, skipped_columns, date_column.
- Sampling (unless ``full``, when row_count > sample_rows > 0): SQLite takes the
  ``sample_rows`` rows with the smallest ``(rowid * 2654435761) % 2^32`` (ties by rowid), a
  deterministic hash sample spread over the whole table, returned in rowid order; a table
  without rowid, and other dialects, read the first ``sample_rows`` rows. ``sampled`` and
  ``total_rows`` say so.
- Date column: the first of ``settings.date_columns`` present (case-insensitive), else a
  DATE/DATETIME/TIMESTAMP column named ``*_at``, ``*date*``, ``*dato*``, ``*datum*``.
- SQLite is opened read-only (``file:...?mode=ro`` URI; a missing file is not created).
- Errors: ``not_found``, ``connect_failed``, ``corrupt_database``, ``query_failed`` as
  LocationError rows from ``list_units`` or SourceError from ``open_unit``; messages never
  hold the password.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import types as satypes
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import NullPool

from scanner.model import SOURCE_SQL, LocationError, ScanUnit, TableRows
from scanner.settings import Settings
from scanner.sources.base import Source, SourceError, SourceUriError

SKIP_TYPES = (satypes.LargeBinary, satypes._Binary, satypes.Boolean)
DATE_TYPES = (satypes.Date, satypes.DateTime)
DATE_NAME = re.compile(r"(_at$|date|dato|datum)", re.IGNORECASE)
SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "performance_schema", "mysql",
                            "sys"})
SECRET_QUERY_KEYS = re.compile(r"pass|pwd|secret|token|key", re.IGNORECASE)
HASH_MULTIPLIER = 2654435761  # Knuth's multiplicative hash: spreads consecutive rowids


class SqlSource(Source):
    """Tables of a database reachable through an SQLAlchemy URL."""

    scheme = "sql"
    source_type = SOURCE_SQL

    @classmethod
    def claims(cls, uri: str) -> bool:
        """Any URL SQLAlchemy parses and has a dialect for."""
        try:
            make_url(uri).get_dialect()
        except Exception:
            return False
        return True

    @classmethod
    def redact(cls, uri: str) -> str:
        """The URL without password (and without query parameters that look secret)."""
        try:
            return render(make_url(uri))
        except Exception:
            return re.sub(r"(//[^/@:]*):[^/@]*@", r"\1@", uri)

    def list_units(self, uri: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
        """One unit per table of every schema."""
        url = resolve(uri)
        base = render(url)
        if url.get_backend_name() == "sqlite" and not os.path.isfile(url.database or ""):
            yield LocationError(base, SOURCE_SQL, "not_found", "database file does not exist")
            return
        engine = self.engine(url)
        try:
            with engine.connect() as conn:
                inspector = sa.inspect(conn)
                schemas = [s for s in inspector.get_schema_names()
                           if s.lower() not in SYSTEM_SCHEMAS]
                for schema in schemas:
                    yield from self._schema_units(conn, inspector, schema, uri, url, settings)
        except sa.exc.SQLAlchemyError as exc:
            yield LocationError(base, SOURCE_SQL, *classify(exc, url))
        finally:
            engine.dispose()

    def _schema_units(
        self, conn: Connection, inspector: Any, schema: str, uri: str, url: URL,
        settings: Settings,
    ) -> Iterator[ScanUnit | LocationError]:
        modified = file_mtime(url)
        for table in inspector.get_table_names(schema=schema):
            location = f"{render(url)}/{schema}.{table}"
            try:
                columns = inspector.get_columns(table, schema=schema)
                count = conn.execute(
                    sa.select(sa.func.count()).select_from(sa.table(table, schema=schema))
                ).scalar_one()
            except sa.exc.SQLAlchemyError as exc:
                conn.rollback()
                yield LocationError(location, SOURCE_SQL, *classify(exc, url))
                continue
            scanned = [c["name"] for c in columns if not isinstance(c["type"], SKIP_TYPES)]
            skipped = [f"{c['name']} ({c['type']})" for c in columns
                       if isinstance(c["type"], SKIP_TYPES)]
            yield ScanUnit(
                location=location, source_type=SOURCE_SQL, scheme=self.scheme,
                key=f"{schema}.{table}", source_uri=uri, last_modified=modified,
                extra={"row_count": int(count), "schema": schema, "table": table,
                       "columns": scanned, "skipped_columns": skipped,
                       "date_column": date_column(columns, settings)},
            )

    @contextmanager
    def open_unit(self, unit: ScanUnit, settings: Settings) -> Iterator[TableRows]:
        """Rows of one table (sampled unless ``full``), in batches of ``csv_batch_rows``."""
        url = resolve(unit.source_uri)
        engine = self.engine(url)
        try:
            conn = engine.connect()
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise SourceError(*classify(exc, url)) from None
        try:
            yield self._rows(conn, unit, settings, url)
        finally:
            conn.close()
            engine.dispose()

    def _rows(self, conn: Connection, unit: ScanUnit, settings: Settings, url: URL) -> TableRows:
        extra = unit.extra
        columns: list[str] = list(extra["columns"])
        total = int(extra["row_count"])
        limit = settings.sample_rows
        sampled = not settings.full and 0 < limit < total
        try:
            result = conn.execute(select_rows(conn, extra, columns, limit if sampled else None))
        except sa.exc.SQLAlchemyError as exc:
            raise SourceError(*classify(exc, url)) from None
        return TableRows(
            columns=columns,
            batches=batches(result, settings.csv_batch_rows, url),
            date_column=extra.get("date_column"),
            sampled=sampled,
            total_rows=total,
        )

    def engine(self, url: URL) -> Engine:
        """An engine for ``url``; SQLite read-only through its URI filename syntax."""
        if url.get_backend_name() == "sqlite":
            target = Path(url.database or "").as_uri() + "?mode=ro"
            return sa.create_engine(
                "sqlite://", poolclass=NullPool,
                creator=lambda: sqlite3.connect(target, uri=True, check_same_thread=False),
            )
        return sa.create_engine(url, poolclass=NullPool)


def resolve(uri: str) -> URL:
    """Parse ``uri``; a relative SQLite path becomes absolute. SourceUriError if invalid."""
    try:
        url = make_url(uri)
    except Exception:
        raise SourceUriError(f"not a database URL: {SqlSource.redact(uri)}") from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise SourceUriError("a SQLite URL needs a database file path")
        url = url.set(database=os.path.abspath(url.database))
    return url


def render(url: URL) -> str:
    """A URL as text without password or secret-looking query parameters."""
    query = {k: v for k, v in url.query.items() if not SECRET_QUERY_KEYS.search(k)}
    return url.set(query=query)._replace(password=None).render_as_string(hide_password=False)


def file_mtime(url: URL) -> datetime | None:
    """The modification time of a SQLite file (UTC), else None."""
    if url.get_backend_name() != "sqlite":
        return None
    try:
        return datetime.fromtimestamp(os.stat(url.database or "").st_mtime, tz=UTC)
    except OSError:
        return None


def date_column(columns: list[dict[str, Any]], settings: Settings) -> str | None:
    """The record-date column: a configured name first, then a date-typed, date-named one."""
    by_name = {str(c["name"]).lower(): str(c["name"]) for c in columns}
    for wanted in settings.date_columns:
        if wanted.lower() in by_name:
            return by_name[wanted.lower()]
    for column in columns:
        if isinstance(column["type"], DATE_TYPES) and DATE_NAME.search(str(column["name"])):
            return str(column["name"])
    return None


def select_rows(
    conn: Connection, extra: dict[str, Any], columns: list[str], limit: int | None
) -> Any:
    """The SELECT for a table: every row, or a deterministic sample of ``limit`` rows."""
    table = sa.table(extra["table"], *[sa.column(c) for c in columns], schema=extra["schema"])
    if limit is None:
        return sa.select(*table.c)
    if conn.dialect.name != "sqlite" or not has_rowid(conn, extra):
        return sa.select(*table.c).limit(limit)
    rowid: Any = sa.literal_column("rowid")
    inner = (
        sa.select(rowid.label("pii_scan_rowid"), *table.c)
        .order_by((rowid * HASH_MULTIPLIER) % 4294967296, rowid)
        .limit(limit)
        .subquery()
    )
    return sa.select(*[inner.c[c] for c in columns]).order_by(inner.c["pii_scan_rowid"])


def has_rowid(conn: Connection, extra: dict[str, Any]) -> bool:
    """False for a SQLite WITHOUT ROWID table."""
    table = sa.table(extra["table"], schema=extra["schema"])
    try:
        conn.execute(sa.select(sa.literal_column("rowid")).select_from(table).limit(1))
    except sa.exc.SQLAlchemyError:
        conn.rollback()
        return False
    return True


def batches(result: Any, size: int, url: URL) -> Iterator[list[tuple[Any, ...]]]:
    """Row batches; a failure while reading becomes a SourceError (extract records it)."""
    try:
        while True:
            rows = result.fetchmany(max(1, size))
            if not rows:
                return
            yield [tuple(row) for row in rows]
    except sa.exc.SQLAlchemyError as exc:
        raise SourceError(*classify(exc, url)) from None


def classify(exc: BaseException, url: URL) -> tuple[str, str]:
    """error_type and a message (driver's first line, password removed, no statement)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).splitlines()[0] if str(orig) else orig.__class__.__name__
    if url.password:
        text = text.replace(str(url.password), "***")
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        kind = "corrupt_database"
    elif isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) and (
        "unable to open" in lowered or "connect" in lowered or "could not" in lowered
    ):
        kind = "connect_failed"
    else:
        kind = "query_failed"
    return kind, f"{orig.__class__.__name__}: {text[:200]}"
