"""Read one table: a read-only transaction, the row count, a sample or every row, in batches.

See ``scanner.sources.sql`` for the decisions; the dialect specifics are in ``sql_dialects``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from scanner.model import ScanUnit, TableRows
from scanner.settings import Settings
from scanner.sources import sql_errors
from scanner.sources.base import SourceError
from scanner.sources.sql_dialects import EXACT_COUNT_MAX, Generic, TableSpec
from scanner.sources.sql_split import key_filter


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

    def finish(self) -> None:
        """After the table: lift session-level limits (the pooled connection is reused)."""
        try:
            self.dialect.clear_timeout(self.conn)
            end_transaction(self.conn)
        except sa.exc.SQLAlchemyError:
            end_transaction(self.conn)

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


def end_transaction(conn: Connection) -> None:
    """End the current transaction (releases every lock); a dead connection is ignored."""
    try:
        conn.rollback()
    except sa.exc.SQLAlchemyError:
        pass


def close_quietly(conn: Connection) -> None:
    """Close ``conn``; a dead connection is ignored."""
    try:
        conn.close()
    except sa.exc.SQLAlchemyError:
        pass
