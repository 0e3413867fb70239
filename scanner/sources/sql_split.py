"""Full scans of big tables split by primary-key range, so several workers read one table.

A table is split when the scan is ``full``, ``table_split_rows`` > 0, the table (not a view)
has a one-column integer primary key, and its catalog estimate is above ``table_split_rows``.
The key span ``[MIN, MAX]`` (two index lookups, at listing) is cut into equal ranges of about
``table_split_rows`` rows each (at most ``MAX_PARTS``); the first range is open below and the
last open above, so rows added after listing are still read. Every part is a unit with the
table's location and ``extra["key_range"] = [low, high)`` (None = open) and its share of the row
estimate; the collector merges the parts into one ``locations`` row (counts add up, the worst
status wins). The time limit is the table's: each of N parts may query for ``table_timeout / N``
seconds, so the parts together stay within it whichever workers read them.
"""

from __future__ import annotations

import math
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from scanner.settings import Settings
from scanner.sources.sql_schema import TableInfo

MAX_PARTS = 64

KeyRange = tuple[int | None, int | None]


def key_ranges(conn: Connection, info: TableInfo, settings: Settings) -> list[KeyRange] | None:
    """The ``[low, high)`` ranges to read ``info`` in, or None to read it as one unit."""
    split = settings.table_split_rows
    estimate = info.row_estimate
    if not (settings.full and split > 0 and info.kind == "table" and info.integer_key
            and estimate is not None and estimate > split):
        return None
    key: Any = sa.column(info.key_columns[0])
    table = sa.table(info.name, key, schema=info.schema)
    low, high = conn.execute(sa.select(sa.func.min(key), sa.func.max(key)).select_from(table)).one()
    if low is None or high is None or high <= low:
        return None
    parts = min(MAX_PARTS, math.ceil(estimate / split))
    width = math.ceil((int(high) - int(low) + 1) / parts)
    bounds = [int(low) + i * width for i in range(1, parts)]
    return list(zip([None, *bounds], [*bounds, None], strict=True))


def key_filter(extra: dict[str, Any]) -> list[Any]:
    """WHERE conditions of a part (empty for a whole table)."""
    key_range = extra.get("key_range")
    if not key_range:
        return []
    key: Any = sa.column(extra["key_columns"][0])
    low, high = key_range
    return ([key >= low] if low is not None else []) + ([key < high] if high is not None else [])
