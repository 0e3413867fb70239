"""Discovery: the tables (views when asked) of one schema, which columns to read, and how.

Decisions:
- Tables of every kind the inspector lists (PostgreSQL: ordinary, partitioned, foreign;
  partitions are read through their parent); views and materialized views only with
  ``include_views``. Names are sorted, so listing order is stable.
- Columns: every column is read except binary ones (BLOB, BYTEA, VARBINARY, BIT) and booleans,
  which are reported in ``skipped`` as ``"name (TYPE): reason"``, like columns left out by the
  patterns (reason ``excluded``). Numbers are read: phone, CVR and CPR numbers live in them.
  JSON columns (reflected JSON/JSONB, MariaDB's ``json_valid`` LONGTEXT) are marked, so the
  extractor walks their key paths.
- Patterns (``include`` / ``exclude``; fnmatch, case-insensitive): the number of dots says what a
  pattern is matched against: none, the table name (any schema); one, ``schema.table``; two,
  ``schema.table.column``. A table is read when no exclude pattern matches it and, if there are
  include patterns, one matches the table or one of its columns (then only the matching
  columns are read). Exclude patterns with a ``/`` are paths and ignored here; note that a
  path glob such as ``*.log`` also matches tables named ``log``.
- Record-date column: ``table_date_columns["schema.table"]`` if that column exists, else the
  first of ``date_columns`` present (case-insensitive), else a DATE/DATETIME/TIMESTAMP column
  named ``*_at``, ``*date*``, ``*dato*``, ``*datum*``. It is read even when excluded from
  scanning (it is then selected after the scanned columns).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

import sqlalchemy as sa
from sqlalchemy import types as satypes
from sqlalchemy.engine import Connection
from sqlalchemy.engine.reflection import ObjectKind

from scanner.settings import Settings
from scanner.sources.sql_dialects import Generic

BINARY_TYPES = (satypes.LargeBinary, satypes._Binary)
BINARY_TYPE_NAMES = frozenset({"BIT", "VARBIT", "BIT_VARYING"})
DATE_TYPES = (satypes.Date, satypes.DateTime)
DATE_NAME = re.compile(r"(_at$|date|dato|datum)", re.IGNORECASE)
#: Date-column names too generic to trust on a column that is not date-typed.
GENERIC = frozenset({"date", "dato", "datum"})


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One table as discovered: what to read and how (plain data for ``ScanUnit.extra``)."""

    schema: str
    name: str
    kind: str  # table | view
    columns: tuple[str, ...]  # read and scanned, in table order
    json_columns: tuple[str, ...]
    skipped: tuple[str, ...]  # "name (TYPE): reason"
    date_column: str | None
    key_columns: tuple[str, ...]
    row_estimate: int | None
    integer_key: bool = False  # a one-column integer primary key (full scans can be split)

    def extra(self) -> dict[str, Any]:
        """The ``ScanUnit.extra`` of this table."""
        return {"schema": self.schema, "table": self.name, "kind": self.kind,
                "columns": list(self.columns), "json_columns": list(self.json_columns),
                "skipped_columns": list(self.skipped), "date_column": self.date_column,
                "key_columns": list(self.key_columns), "row_estimate": self.row_estimate,
                "integer_key": self.integer_key}


@dataclass(frozen=True, slots=True)
class TableFailure:
    """A table or view whose columns could not be read from the catalog."""

    schema: str
    name: str
    error: Exception


def discover(conn: Connection, inspector: Any, dialect: Generic, schema: str,
             settings: Settings) -> Iterator[TableInfo | TableFailure]:
    """Every wanted table (and view) of ``schema`` with its columns; raises SQLAlchemyError
    when the schema itself cannot be read."""
    estimates = dialect.table_stats(conn, schema)
    not_here = dialect.skipped_tables(conn, schema)

    def wanted(name: str) -> bool:
        return name not in not_here and table_wanted(schema, name, settings)

    for label in ("table", "view") if settings.include_views else ("table",):
        columns, keys, failures = _reflect(conn, inspector, schema, label, wanted)
        yield from failures
        json_by_table = dialect.json_columns(conn, schema, columns)
        for name, cols in sorted(columns.items()):
            yield _table_info(schema, name, label, cols, settings,
                              json_by_table.get(name, set()), keys.get(name, ()),
                              estimates.get(name))


Reflected = tuple[dict[str, list[dict[str, Any]]], dict[str, tuple[str, ...]], list[TableFailure]]


def _reflect(conn: Connection, inspector: Any, schema: str, label: str,
             wanted: Callable[[str], bool]) -> Reflected:
    """Columns and primary keys of every wanted table (or view) of ``schema``: all at once,
    or, when that fails (e.g. MariaDB hides one view's definition), one by one, so a single
    unreadable object becomes a TableFailure instead of losing the schema."""
    kind = ObjectKind.TABLE if label == "table" else ObjectKind.ANY_VIEW
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # unknown types (xml) read as text
        try:
            columns = {name: cols for (_, name), cols in
                       _multi_columns(inspector, schema, kind).items() if wanted(name)}
            keys = {name: tuple(pk.get("constrained_columns") or ()) for (_, name), pk in
                    inspector.get_multi_pk_constraint(schema=schema, kind=kind).items()
                    } if label == "table" else {}
            return columns, keys, []
        except sa.exc.SQLAlchemyError:
            conn.rollback()
        return _reflect_each(conn, inspector, schema, label, wanted)


def _multi_columns(inspector: Any, schema: str, kind: Any) -> dict[Any, Any]:
    try:
        return dict(inspector.get_multi_columns(schema=schema, kind=kind))
    except NotImplementedError:  # no materialized views in this dialect
        return dict(inspector.get_multi_columns(schema=schema, kind=ObjectKind.VIEW))


def _reflect_each(conn: Connection, inspector: Any, schema: str, label: str,
                  wanted: Callable[[str], bool]) -> Reflected:
    if label == "table":
        names = list(inspector.get_table_names(schema=schema))
    else:
        names = list(inspector.get_view_names(schema=schema))
        try:
            names += inspector.get_materialized_view_names(schema=schema)
        except NotImplementedError:
            pass
    columns: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    failures: list[TableFailure] = []
    for name in filter(wanted, names):
        try:
            columns[name] = inspector.get_columns(name, schema=schema)
            if label == "table":
                pk = inspector.get_pk_constraint(name, schema=schema)
                keys[name] = tuple(pk.get("constrained_columns") or ())
        except sa.exc.SQLAlchemyError as exc:
            conn.rollback()
            columns.pop(name, None)
            failures.append(TableFailure(schema, name, exc))
    return columns, keys, failures


def _table_info(schema: str, name: str, kind: str, columns: list[dict[str, Any]],
                settings: Settings, json_names: set[str], key_columns: tuple[str, ...],
                estimate: int | None) -> TableInfo:
    picked, json_columns, skipped = [], [], []
    for column in columns:
        col, col_type = str(column["name"]), column["type"]
        reason = skip_reason(col_type)
        if reason is None and not column_wanted(schema, name, col, settings):
            reason = "excluded"
        if reason is not None:
            skipped.append(f"{col} ({type_name(col_type)}): {reason}")
            continue
        picked.append(col)
        if isinstance(col_type, satypes.JSON) or col in json_names:
            json_columns.append(col)
    types = {str(c["name"]): c["type"] for c in columns}
    integer_key = len(key_columns) == 1 and isinstance(types.get(key_columns[0]), satypes.Integer)
    return TableInfo(schema, name, kind, tuple(picked), tuple(json_columns), tuple(skipped),
                     date_column(columns, settings, f"{schema}.{name}"), key_columns, estimate,
                     integer_key)


def skip_reason(col_type: Any) -> str | None:
    """Why a column of this type is not read (None: it is read). MySQL's BOOLEAN is
    ``TINYINT(1)``."""
    type_name = type(col_type).__name__
    if isinstance(col_type, BINARY_TYPES) or type_name in BINARY_TYPE_NAMES:
        return "binary"
    if isinstance(col_type, satypes.Boolean) or (
            type_name == "TINYINT" and getattr(col_type, "display_width", None) == 1):
        return "boolean"
    return None


def type_name(col_type: Any) -> str:
    """The SQL type as text (its class name when it cannot be rendered generically)."""
    try:
        return str(col_type)
    except Exception:
        return type(col_type).__name__


def _level(pattern: str) -> int:
    return min(pattern.count("."), 2)


def _matches(pattern: str, schema: str, table: str, column: str | None = None) -> bool:
    level, pattern = _level(pattern), pattern.lower()
    if level == 0:
        return fnmatchcase(table.lower(), pattern)
    if level == 1:
        return fnmatchcase(f"{schema}.{table}".lower(), pattern)
    return column is not None and fnmatchcase(f"{schema}.{table}.{column}".lower(), pattern)


def _sql_excludes(settings: Settings) -> list[str]:
    return [p for p in settings.exclude if "/" not in p]


def table_wanted(schema: str, table: str, settings: Settings) -> bool:
    """False when an exclude pattern matches the table, or include patterns leave it out.

    A table with only column-level include patterns is wanted here; its columns are checked
    one by one by :func:`column_wanted` (a table none of whose columns is wanted is dropped).
    """
    if any(_level(p) < 2 and _matches(p, schema, table) for p in _sql_excludes(settings)):
        return False
    if not settings.include:
        return True
    return any(_level(p) < 2 and _matches(p, schema, table) for p in settings.include) or any(
        _level(p) == 2 and _matches(p.rsplit(".", 1)[0], schema, table) for p in settings.include)


def column_wanted(schema: str, table: str, column: str, settings: Settings) -> bool:
    """True when the column is read: not excluded, and included (or no include patterns)."""
    if any(_level(p) == 2 and _matches(p, schema, table, column)
           for p in _sql_excludes(settings)):
        return False
    if not settings.include:
        return True
    return any(_matches(p, schema, table, column) for p in settings.include)


def date_column(columns: list[dict[str, Any]], settings: Settings, key: str) -> str | None:
    """The record-date column: the one configured for the table; else the first configured name
    (``date_columns``, in order: ``last_contact`` before ``created_at``), where a bare generic
    name (``date``, ``dato``, ``datum``) counts only on a date-typed column; else a date-typed
    column with a date-like name (``*_at``, ``..._dato``); else a generic name of another type.
    So ``last_contact TEXT`` (SQLite keeps dates as text) is chosen, while ``date TEXT`` holding
    "n/a" does not hide ``changed_at TIMESTAMP``."""
    by_name = {str(c["name"]).lower(): c for c in columns}
    per_table = {k.lower(): v for k, v in settings.table_date_columns.items()}
    configured = per_table.get(key.lower())
    if configured and configured.lower() in by_name:
        return str(by_name[configured.lower()]["name"])
    named = [by_name[w.lower()] for w in settings.date_columns if w.lower() in by_name]
    for column in named:
        if isinstance(column["type"], DATE_TYPES) or str(column["name"]).lower() not in GENERIC:
            return str(column["name"])
    for column in columns:
        if isinstance(column["type"], DATE_TYPES) and DATE_NAME.search(str(column["name"])):
            return str(column["name"])
    return str(named[0]["name"]) if named else None
