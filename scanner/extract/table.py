"""Table rows (an SQL table, opened by a source) to pieces: one per column per row batch.

Unit = row index (0-based, in the order the source returned the rows; for a sampled table
that is the index within the sample). Every row read counts in ``units_scanned``, also rows
whose value in a column is NULL: a NULL is an empty line, so row numbering stays exact.
When the table has a date column, each piece carries the parsed record date of its rows in
``unit_dates`` (UTC; None where the value is missing or not a date).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract.chunk import column_pieces
from scanner.extract.values import parse_date, render
from scanner.model import ExtractOutcome, Piece, TableRows
from scanner.settings import Settings


def extract_table(
    rows: TableRows, settings: Settings, outcome: ExtractOutcome
) -> Iterator[Piece]:
    """Yield one piece per column per batch of rows; fill units, sampling and date column."""
    outcome.sampled = rows.sampled
    outcome.total_units = rows.total_rows
    outcome.total_units_estimated = rows.total_rows_estimated
    outcome.date_column = rows.date_column
    date_index = rows.columns.index(rows.date_column) if rows.date_column in rows.columns else None
    unit = 0
    for batch in rows.batches:
        if not batch:
            continue
        dates = [parse_date(row[date_index]) for row in batch] if date_index is not None else None
        for index, column in enumerate(rows.columns):
            cells = [render(row[index]) for row in batch]
            yield from column_pieces(
                column, cells, unit, settings.chunk_chars, settings.max_line_chars, dates
            )
        unit += len(batch)
        outcome.units_scanned = unit
