"""Table rows (an SQL table, opened by a source) to pieces: one per column per row batch.

Unit = row index (0-based, in the order the source returned the rows; for a sampled table
that is the index within the sample). Every row read counts in ``units_scanned``, also rows
whose value in a column is NULL: a NULL is an empty line, so row numbering stays exact.
``values_per_field`` counts, per field, the rows in which it had a value (not NULL, not
empty): the denominator of "share of values that are entity X".

Values: numbers as plain digits, arrays (PostgreSQL ``text[]``) as their elements joined by
``" | "``. A JSON column (``TableRows.json_columns``) is walked like a JSON document: every key
path is its own field, ``column$.kontakt.email`` (paths as in ``scanner.extract.jsonpath``),
and a text value that is not valid JSON is scanned under the column's own name; a dict in
another column is scanned as its JSON text. When the table has a date column, each piece
carries the parsed record date of its rows in ``unit_dates`` (UTC; None where the value is
missing or not a date).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from scanner.extract.chunk import JOIN_SEP, clean_cell, column_pieces
from scanner.extract.jsonpath import Walker
from scanner.extract.values import parse_date, render
from scanner.model import ExtractOutcome, Piece, TableRows
from scanner.settings import Settings

MAX_JSON_PATHS = 1_000  # distinct paths per JSON column and batch; more go under the column


def extract_table(
    rows: TableRows, settings: Settings, outcome: ExtractOutcome
) -> Iterator[Piece]:
    """Yield one piece per field per batch of rows; fill units, sampling and date column."""
    outcome.sampled = rows.sampled
    outcome.total_units = rows.total_rows
    outcome.total_units_estimated = rows.total_rows_estimated
    outcome.date_column = rows.date_column
    outcome.skipped_fields = list(rows.skipped_columns)
    json_columns = frozenset(rows.json_columns)
    date_index = _date_index(rows)
    unit = 0
    for batch in rows.batches:
        if not batch:
            continue
        by_column = list(zip(*batch, strict=True))
        dates = None
        if date_index is not None and date_index < len(by_column):
            dates = [parse_date(v) for v in by_column[date_index]]
        for name, values in zip(rows.columns, by_column, strict=False):
            if name in json_columns:
                fields = json_fields(name, values)
            else:
                fields = {name: column_cells(values)}
            for field, cells in fields.items():
                _count(outcome.values_per_field, field, cells)
                yield from column_pieces(field, cells, unit, settings.chunk_chars,
                                         settings.max_line_chars, dates,
                                         records=True)
        unit += len(batch)
        outcome.units_scanned = unit


def _date_index(rows: TableRows) -> int | None:
    """Where the record date is in a row: its column, or the value after the last column (a
    date column that is read for row age but not scanned)."""
    if rows.date_column is None:
        return None
    if rows.date_column in rows.columns:
        return rows.columns.index(rows.date_column)
    return len(rows.columns)


_NONE = type(None)


def column_cells(values: Sequence[Any]) -> list[str]:
    """``[cell(v) for v in values]``, with the common one-type columns done in bulk.

    A text column (NULLs allowed) without line breaks is its own text and an integer column is
    ``str`` of each value: the per-value type dispatch of :func:`cell` is most of the cost of
    reading a table.
    """
    kinds = set(map(type, values))
    if kinds <= {str, _NONE}:
        if _NONE in kinds:
            values = ["" if v is None else v for v in values]
        joined = "\n".join(values)
        if "\r" not in joined and joined.count("\n") == len(values) - 1:
            return list(values)
        return [clean_cell(v) for v in values]
    if kinds <= {int, _NONE}:  # type() is exact: bool (no text) is not int here
        return ["" if v is None else str(v) for v in values]
    return [cell(v) for v in values]


def cell(value: Any) -> str:
    """One value as a line of text; arrays are their elements joined, nested ones flattened."""
    if isinstance(value, list | tuple):
        return JOIN_SEP.join(text for text in (cell(v) for v in value) if text)
    if isinstance(value, dict):
        return render(json.dumps(value, ensure_ascii=False, default=str))
    return render(value)


def json_fields(name: str, values: Sequence[Any]) -> dict[str, list[str]]:
    """Cells per JSON path (``name$.a.b``) for one batch of a JSON column, one cell per row."""
    walker = Walker()
    fields: dict[str, list[str]] = {}
    for row, value in enumerate(values):
        leaves: list[tuple[str, int, str]] = []
        document = _document(value)
        if document is _NOT_JSON:
            text = cell(value)
            if text:
                leaves.append((name, row, text))
        elif document is not None:
            walker.unit = row
            walker.collect(document, name + "$", True, leaves)
        for path, _, text in leaves:
            cells = fields.get(path)
            if cells is None:
                if len(fields) >= MAX_JSON_PATHS:
                    path = name
                cells = fields.setdefault(path, [""] * len(values))
            cells[row] = cells[row] + JOIN_SEP + text if cells[row] else text
    return fields


_NOT_JSON = object()


def _document(value: Any) -> Any:
    """The decoded JSON of a cell; None for NULL; ``_NOT_JSON`` for text that is not JSON."""
    if value is None or isinstance(value, dict | list | int | float | bool):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        value = bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, str):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return _NOT_JSON
    return _NOT_JSON


def _count(counts: dict[str, int], field: str, cells: list[str]) -> None:
    filled = len(cells) - cells.count("")
    if filled:
        counts[field] = counts.get(field, 0) + filled
