"""What differs between database servers: session safety, timeouts, row counts, sampling.

One small class per dialect, chosen by SQLAlchemy backend name from ``DIALECTS`` (any other
backend gets :class:`Generic`). Decisions:

- **Read-only sessions.** PostgreSQL: ``default_transaction_read_only=on`` in the connection's
  startup options, and ``SET TRANSACTION READ ONLY`` at the start of every table. MySQL/MariaDB:
  ``SET SESSION TRANSACTION READ ONLY`` when the connection is made. SQLite: the file is opened
  with ``mode=ro``. A write through the scanner's connection fails on the server.
- **No lingering locks.** One transaction per table, ended (rolled back) when the table is done;
  PostgreSQL ``lock_timeout`` / MySQL ``lock_wait_timeout`` of ``LOCK_WAIT_S`` so the scan never
  queues behind a DDL lock for long, and PostgreSQL ``idle_in_transaction_session_timeout``.
- **Time limit per table** (``table_timeout``): before each statement the remaining time is set
  server-side (PostgreSQL ``SET LOCAL statement_timeout``, MariaDB ``max_statement_time``, MySQL
  ``max_execution_time``); the reader also checks a client-side deadline between batches
  (PostgreSQL streams through a cursor whose every FETCH is a new statement).
- **Row count**: the catalog estimate (PostgreSQL: the lower of ``pg_class.reltuples`` and the
  collector's ``n_live_tup``, so a mass delete before ANALYZE is seen; MySQL/MariaDB:
  ``information_schema.TABLES``) from listing; the worker counts exactly (``COUNT(*)``) when
  the estimate is missing or at most ``EXACT_COUNT_MAX`` rows, else the estimate is used and
  flagged.
- **Deterministic sample** of ``limit`` rows spread over the whole table:
  PostgreSQL ``TABLESAMPLE BERNOULLI`` (``SYSTEM`` above ``BERNOULLI_MAX`` rows: page-level, reads
  only the sampled pages) with ``REPEATABLE (SEED)`` for ``sample_target(limit)`` rows (four
  standard deviations over ``limit``, so the sample is rarely short), ordered by a hash of the
  row's ctid and cut at ``limit`` (views: ``ORDER BY md5(row::text)``);
  MySQL/MariaDB ``ORDER BY CRC32(primary key)`` (all columns without one) ``LIMIT``; SQLite the
  rowid hash order; other backends the first ``limit`` rows. The same table gives the same rows
  on every run as long as its data (PostgreSQL: its physical layout) is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from scanner.settings import Settings

SEED = 20240917  # any constant: it fixes which rows a sample holds
BERNOULLI_MAX = 5_000_000
EXACT_COUNT_MAX = 1_000_000
LOCK_WAIT_S = 5
HASH_MULTIPLIER = 2654435761  # Knuth's multiplicative hash: spreads consecutive rowids


def sample_target(limit: int) -> float:
    """Rows to ask TABLESAMPLE for so that at least ``limit`` come back (binomial: +4 sd)."""
    return limit + 4 * limit**0.5 + 10


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What a reader needs to build a SELECT for one table."""

    schema: str | None
    name: str
    columns: tuple[str, ...]  # selected, in order (scanned columns, then the date column)
    key_columns: tuple[str, ...] = ()  # primary key, for hash sampling
    kind: str = "table"  # table | view

    def table(self) -> Any:
        """The table as a lightweight SQLAlchemy construct (identifiers quoted as needed)."""
        return sa.table(self.name, *[sa.column(c) for c in self.columns], schema=self.schema)


class Generic:
    """Any SQLAlchemy backend: no session settings, head-of-table sample."""

    name: ClassVar[str] = "generic"
    system_schemas: ClassVar[frozenset[str]] = frozenset({"information_schema"})

    def connect_args(self, settings: Settings) -> dict[str, Any]:
        """Driver arguments (timeouts, session options)."""
        return {}

    def install(self, engine: Engine, settings: Settings) -> None:
        """Hook session set-up (read-only) into every new connection of ``engine``."""

    def start_table(self, conn: Connection) -> None:
        """First statements of a table's transaction."""

    def set_timeout(self, conn: Connection, seconds: float) -> None:
        """Limit the next statements to ``seconds`` on the server, where supported."""

    def clear_timeout(self, conn: Connection) -> None:
        """Lift a session-level limit when the table is done (the connection is reused)."""

    def schemas(self, conn: Connection, inspector: Any, database: str | None) -> list[str]:
        """Schemas to scan."""
        names = [s for s in inspector.get_schema_names() if not self.is_system(s)]
        return names or [inspector.default_schema_name]

    def is_system(self, schema: str) -> bool:
        """True for catalog schemas that never hold user data."""
        return schema.lower() in self.system_schemas

    def table_stats(self, conn: Connection, schema: str) -> dict[str, int | None]:
        """Row estimates by table name (absent: unknown)."""
        return {}

    def skipped_tables(self, conn: Connection, schema: str) -> set[str]:
        """Tables listed by the inspector that are read through another (partitions)."""
        return set()

    def json_columns(self, conn: Connection, schema: str,
                     columns: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
        """JSON columns the reflected types do not show (MariaDB), by table name."""
        return {}

    def sample(self, conn: Connection, spec: TableSpec, limit: int, total: int) -> Any:
        """A SELECT of about ``limit`` rows out of ``total``, the same on every run."""
        table = spec.table()
        return sa.select(*table.c).limit(limit)

    def abandon(self, result: Any) -> None:
        """Let go of a streamed result whose connection failed mid-read."""


class SQLite(Generic):
    """SQLite: rowid hash sample (head of table for WITHOUT ROWID tables)."""

    name = "sqlite"
    system_schemas = frozenset()

    def schemas(self, conn: Connection, inspector: Any, database: str | None) -> list[str]:
        """Main and attached databases."""
        return list(inspector.get_schema_names())

    def sample(self, conn: Connection, spec: TableSpec, limit: int, total: int) -> Any:
        """The ``limit`` rows with the smallest rowid hash, in rowid order."""
        table = spec.table()
        if not _has_rowid(conn, table):
            return sa.select(*table.c).limit(limit)
        rowid: Any = sa.literal_column("rowid")
        inner = (
            sa.select(rowid.label("pii_scan_rowid"), *table.c)
            .order_by((rowid * HASH_MULTIPLIER) % 4294967296, rowid)
            .limit(limit)
            .subquery()
        )
        return sa.select(*[inner.c[c] for c in spec.columns]).order_by(inner.c["pii_scan_rowid"])


def _has_rowid(conn: Connection, table: Any) -> bool:
    """False for a WITHOUT ROWID table (the probe fails; SQLite reads need no savepoint)."""
    try:
        conn.execute(sa.select(sa.literal_column("rowid")).select_from(table).limit(1))
    except sa.exc.SQLAlchemyError:
        conn.rollback()
        return False
    return True


class PostgreSQL(Generic):
    """PostgreSQL (psycopg 3)."""

    name = "postgresql"
    system_schemas = frozenset({"information_schema", "pg_catalog", "pg_toast"})

    def connect_args(self, settings: Settings) -> dict[str, Any]:
        """libpq: connect timeout, keepalives, read-only session and lock/idle limits."""
        idle_ms = (settings.table_timeout + 60) * 1000
        options = (f"-c default_transaction_read_only=on -c lock_timeout={LOCK_WAIT_S * 1000} "
                   f"-c statement_timeout={settings.table_timeout * 1000} "
                   f"-c idle_in_transaction_session_timeout={idle_ms}")
        return {"connect_timeout": max(2, settings.connect_timeout), "options": options,
                "application_name": "pii-scan", "keepalives": 1, "keepalives_idle": 30,
                "keepalives_interval": 10, "keepalives_count": 3}

    def start_table(self, conn: Connection) -> None:
        """``SET TRANSACTION READ ONLY`` (the session default is read-only already)."""
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")

    def set_timeout(self, conn: Connection, seconds: float) -> None:
        """``SET LOCAL statement_timeout`` (for the rest of this table's transaction)."""
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}")

    def is_system(self, schema: str) -> bool:
        """Catalogs, TOAST and temporary schemas."""
        lowered = schema.lower()
        return lowered in self.system_schemas or lowered.startswith(("pg_toast", "pg_temp"))

    def table_stats(self, conn: Connection, schema: str) -> dict[str, int | None]:
        """Row estimate: the lower of ``pg_class.reltuples`` (-1: never analysed) and the
        statistics collector's live-row count ``n_live_tup``.

        ``reltuples`` changes only at VACUUM/ANALYZE: after a mass delete (retention clean-up)
        it still says 1.2 M for a table of 30 k, the sample would be planned from it and come
        back far short. ``n_live_tup`` follows inserts and deletes as they commit. The lower
        one is taken because an estimate at or below ``EXACT_COUNT_MAX`` is followed by an
        exact count anyway: too low costs a count, too high a short sample.
        """
        rows = conn.execute(sa.text(
            "SELECT c.relname, c.reltuples, s.n_live_tup FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid "
            "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'm', 'f')"), {"schema": schema})
        stats: dict[str, int | None] = {}
        for name, reltuples, live in rows:
            known = [int(v) for v in (reltuples, live) if v is not None and v >= 0]
            stats[str(name)] = min(known) if known else None
        return stats

    def skipped_tables(self, conn: Connection, schema: str) -> set[str]:
        """Partitions: read once, through their partitioned parent table."""
        rows = conn.execute(sa.text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relispartition"), {"schema": schema})
        return {str(name) for (name,) in rows}

    def sample(self, conn: Connection, spec: TableSpec, limit: int, total: int) -> Any:
        """TABLESAMPLE ... REPEATABLE, hash-ordered and cut at ``limit``; views hash all rows."""
        table = spec.table()
        if spec.kind != "table":
            alias = table.alias("pii_scan_s")
            row_hash = sa.func.md5(sa.cast(sa.literal_column("pii_scan_s"), sa.Text))
            return sa.select(*alias.c).order_by(row_hash).limit(limit)
        percent = min(100.0, 100.0 * sample_target(limit) / max(total, 1))
        method = sa.func.bernoulli if total <= BERNOULLI_MAX else sa.func.system
        sampled = sa.tablesample(table, method(round(percent, 6)), name="pii_scan_s",
                                 seed=sa.literal_column(str(SEED)))
        ctid_hash = sa.func.hashtext(sa.cast(sa.literal_column("pii_scan_s.ctid"), sa.Text))
        return sa.select(*sampled.c).order_by(ctid_hash).limit(limit)


class MySQL(Generic):
    """MySQL and MariaDB (PyMySQL)."""

    name = "mysql"
    system_schemas = frozenset({"information_schema", "mysql", "performance_schema", "sys"})

    def connect_args(self, settings: Settings) -> dict[str, Any]:
        """PyMySQL: ``connect_timeout`` bounds the TCP connect and, as the read/write timeout
        until the connection is made, the handshake too (a server that accepts and stays silent
        would otherwise hold the scan)."""
        timeout = settings.connect_timeout
        return {"connect_timeout": timeout, "read_timeout": timeout, "write_timeout": timeout}

    def install(self, engine: Engine, settings: Settings) -> None:
        """On every new connection: ``SET SESSION TRANSACTION READ ONLY``, a short lock wait,
        and socket timeouts raised past the table limit (a dead server still ends the read)."""
        io_timeout = settings.table_timeout + 60

        @sa.event.listens_for(engine, "connect")
        def _read_only(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET SESSION TRANSACTION READ ONLY")
                cursor.execute(f"SET SESSION lock_wait_timeout = {LOCK_WAIT_S}")
            # PyMySQL applies these (checked before every socket read/write); it has no public
            # way to change them after connecting.
            for name in ("_read_timeout", "_write_timeout"):
                if hasattr(dbapi_connection, name):
                    setattr(dbapi_connection, name, io_timeout)

    def set_timeout(self, conn: Connection, seconds: float) -> None:
        """MariaDB ``max_statement_time`` (s), MySQL ``max_execution_time`` (ms, SELECT only)."""
        if getattr(conn.dialect, "is_mariadb", False):
            conn.exec_driver_sql(f"SET SESSION max_statement_time = {max(0.001, seconds):.3f}")
        else:
            conn.exec_driver_sql(f"SET SESSION max_execution_time = {max(1, int(seconds * 1000))}")

    def abandon(self, result: Any) -> None:
        """PyMySQL's streaming result drains the rest of itself when closed or collected, which
        raises on a connection that died (noise on stderr at exit): mark it drained."""
        raw = getattr(getattr(result, "cursor", None), "_result", None)
        if raw is not None and getattr(raw.connection, "_rfile", None) is None:
            raw.unbuffered_active = False

    def clear_timeout(self, conn: Connection) -> None:
        """Back to no limit (a tiny leftover would cancel the pool's next ping)."""
        variable = "max_statement_time" if getattr(conn.dialect, "is_mariadb", False) \
            else "max_execution_time"
        conn.exec_driver_sql(f"SET SESSION {variable} = 0")

    def schemas(self, conn: Connection, inspector: Any, database: str | None) -> list[str]:
        """The URL's database when it names one, else every non-system database."""
        if database:
            return [database]
        return [s for s in inspector.get_schema_names() if not self.is_system(s)]

    def table_stats(self, conn: Connection, schema: str) -> dict[str, int | None]:
        """``information_schema.TABLES.TABLE_ROWS`` (InnoDB: an estimate)."""
        rows = conn.execute(sa.text(
            "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
            "WHERE TABLE_SCHEMA = :schema"), {"schema": schema})
        return {str(name): (int(est) if est is not None else None) for name, est in rows}

    def json_columns(self, conn: Connection, schema: str,
                     columns: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
        """MariaDB stores JSON as LONGTEXT with a ``json_valid(col)`` check, which reflection
        does not report: read it from ``SHOW CREATE TABLE`` of tables with a LONGTEXT column."""
        if not getattr(conn.dialect, "is_mariadb", False):
            return {}
        quote = conn.dialect.identifier_preparer.quote_identifier
        found: dict[str, set[str]] = {}
        for table, cols in columns.items():
            if not any(type(c["type"]).__name__ == "LONGTEXT" for c in cols):
                continue
            statement = f"SHOW CREATE TABLE {quote(schema)}.{quote(table)}"
            row = conn.exec_driver_sql(statement.replace("%", "%%")).first()
            names = {m.replace("``", "`") for m in _JSON_VALID.findall(str(row[1]) if row else "")}
            if names:
                found[table] = names
        return found

    def sample(self, conn: Connection, spec: TableSpec, limit: int, total: int) -> Any:
        """``ORDER BY CRC32(key) LIMIT``: a hash sample over the whole table."""
        table = spec.table()
        keys: list[Any] = [sa.column(k) for k in spec.key_columns] or list(table.c)
        hashed = keys[0] if len(keys) == 1 else sa.func.concat_ws("\x1f", *keys)
        return sa.select(*table.c).order_by(sa.func.crc32(hashed), *keys).limit(limit)


_JSON_VALID = re.compile(r"json_valid\(`((?:[^`]|``)+)`\)", re.IGNORECASE)

DIALECTS: dict[str, Generic] = {
    "postgresql": PostgreSQL(),
    "mysql": MySQL(),
    "mariadb": MySQL(),
    "sqlite": SQLite(),
}


def dialect_for(backend: str) -> Generic:
    """The dialect strategy for a SQLAlchemy backend name."""
    return DIALECTS.get(backend, Generic())
