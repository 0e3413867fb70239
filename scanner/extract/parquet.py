"""Parquet files: each column is a field, read in record batches (memory bounded by a batch).

- Streamed with ``pyarrow.parquet.ParquetFile.iter_batches`` (``csv_batch_rows`` rows at a
  time; pyarrow reads one row group's column chunks for them), so a file of any size is read in
  bounded memory. ``total_units`` is the row count from the footer.
- Fields: a flat column is its name; a struct column is flattened to dotted paths
  (``kunde.kontakt.email``); a list or map column is one field (``emails[*]``) whose values
  in a row are joined with `` | `` (its leaves, in order).
- Unit = row (0-based); ``sample_rows`` rows unless ``full``, like CSV and SQL tables.
- Record dates: a column named in ``date_columns`` (case-insensitive) gives each row its date
  (``oldest_record`` / ``newest_record``), as for SQL tables.
- Values: numbers as plain digits, timestamps and dates in ISO form, binary as UTF-8 when it is
  text (see ``values.render``). Bad input: ``corrupt_parquet`` (rows before it are kept).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from scanner.extract.base import FileContext
from scanner.extract.chunk import JOIN_SEP, column_pieces
from scanner.extract.errors import ExtractError
from scanner.extract.values import parse_date, render
from scanner.model import Piece

FORMAT = "parquet"


def extract_parquet(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield one piece per column per record batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    settings, outcome = ctx.settings, ctx.outcome
    try:
        pf = pq.ParquetFile(fp)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise _corrupt(exc, "file") from None
    outcome.total_units = pf.metadata.num_rows
    limit = settings.sample_rows if settings.sample_rows and not settings.full else None
    date_name = _date_column(pf.schema_arrow.names, settings.date_columns)
    outcome.date_column = date_name
    unit = 0
    batches = pf.iter_batches(batch_size=max(1, settings.csv_batch_rows))
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise _corrupt(exc, "row group") from None
        if batch is None:
            break
        if limit is not None and unit + batch.num_rows > limit:
            batch = batch.slice(0, limit - unit)
            outcome.sampled = True
        yield from _batch_pieces(batch, unit, date_name, ctx)
        unit += batch.num_rows
        outcome.units_scanned = unit
        if limit is not None and unit >= limit:
            outcome.sampled = outcome.sampled or unit < pf.metadata.num_rows
            break


def _corrupt(exc: BaseException, what: str) -> ExtractError:
    return ExtractError("corrupt_parquet", f"corrupt or truncated Parquet {what} "
                                           f"({exc.__class__.__name__}); rows before it "
                                           "were scanned")


def _date_column(names: list[str], wanted: tuple[str, ...]) -> str | None:
    lower = {name.lower(): name for name in names}
    for name in wanted:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def _batch_pieces(batch: Any, unit: int, date_name: str | None, ctx: FileContext
                  ) -> Iterator[Piece]:
    settings = ctx.settings
    dates = None
    if date_name is not None:
        dates = [parse_date(v) for v in batch.column(date_name).to_pylist()]
    for field, column in _leaves(batch.schema.names, batch.columns):
        cells = [_cell(value) for value in column.to_pylist()]
        yield from column_pieces(field, cells, unit, settings.chunk_chars,
                                 settings.max_line_chars, dates, records=True)


def _leaves(names: list[str], columns: list[Any]) -> Iterator[tuple[str, Any]]:
    """(dotted path, array) of every non-struct column; struct children flattened."""
    import pyarrow as pa

    for name, column in zip(names, columns, strict=True):
        kind = column.type
        if pa.types.is_struct(kind):
            children = [kind.field(i).name for i in range(kind.num_fields)]
            arrays = column.flatten()
            yield from _leaves([f"{name}.{child}" for child in children], arrays)
        elif pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_map(kind):
            yield f"{name}[*]", column
        else:
            yield name, column


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple | dict):
        return JOIN_SEP.join(text for text in _flatten(value) if text)
    return render(value)


def _flatten(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)
    else:
        yield render(value)
