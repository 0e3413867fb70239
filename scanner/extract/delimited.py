"""CSV / TSV: sniffed dialect, header text as the field, one piece per column per row batch.

- Dialect: ``csv.Sniffer`` on the first lines (delimiters , ; tab |); ``.tsv``/``.tab`` are
  tab-separated; when sniffing fails (ragged rows), the candidate found most often in the
  first line; none of them: one column.
- Header: the first row, unless a cell of it looks like data (an e-mail, 4+ digits in a row,
  over 64 characters): then there is no header, fields are ``[0]``, ``[1]``... and the first
  row is data. An empty or repeated header cell ``x`` at index i becomes ``[i]`` / ``x[i]``.
- Unit = data row index (0-based; blank lines are not rows). ``--sample-rows N`` reads the
  first N data rows unless ``--full`` (``sampled`` says whether rows were left).
- Ragged rows: missing cells are empty; extra cells go to fields ``[i]`` (their column index).
  Nothing is lost: status stays ok, error_type ``ragged_rows`` with the count.
- A row the csv module cannot parse stops the file: status error, ``csv_error``, rows before
  it are kept. Messages never quote a cell (the csv module's own messages are not used).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.chunk import clean_cell, column_pieces
from scanner.extract.decode import iter_lines
from scanner.extract.values import looks_like_value
from scanner.model import Piece

SNIFF_CHARS = 16384
SNIFF_LINES = 50
DELIMITERS = ",;\t|"
FIELD_LIMIT = 16 << 20  # the csv module's per-cell limit (default 128 KiB) raised to 16 MiB


def extract_csv(texts: Iterator[str], ctx: FileContext, tsv: bool = False) -> Iterator[Piece]:
    """Read a delimited file as columns."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    lines = iter_lines(texts)
    sample = _take_sample(lines)
    dialect = _dialect("".join(sample), tsv)
    reader = (row for row in csv.reader(chain(sample, lines), dialect) if row)
    yield from _Columns(ctx).run(reader)


def _take_sample(lines: Iterator[str]) -> list[str]:
    sample: list[str] = []
    size = 0
    for line in lines:
        sample.append(line)
        size += len(line)
        if size >= SNIFF_CHARS or len(sample) >= SNIFF_LINES:
            break
    return sample


def _dialect(sample: str, tsv: bool) -> type[csv.Dialect] | csv.Dialect:
    if tsv:
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:  # e.g. ragged rows: the sniffer wants the same count on every line
        pass
    first_line = sample.split("\n", 1)[0]
    best = max(DELIMITERS, key=lambda d: (first_line.count(d), sample.count(d)))
    if not first_line.count(best):
        return csv.excel

    class Fallback(csv.excel):
        delimiter = best

    return Fallback


def header_fields(first: list[str]) -> list[str] | None:
    """Field names from a header row, or None if the row looks like data."""
    if any(looks_like_value(cell) for cell in first):
        return None
    fields: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(first):
        name = cell.strip()
        if not name:
            name = f"[{index}]"
        elif name in seen:
            name = f"{name}[{index}]"
        seen.add(name)
        fields.append(name)
    return fields


class _Columns:
    """Batch rows and turn each batch into one piece per column."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.fields: list[str] = []
        self.width = 0  # cells per row: the header's, or the first data row's
        self.rows_done = 0
        self.ragged = 0

    def run(self, reader: Iterator[list[str]]) -> Iterator[Piece]:
        settings, outcome = self.ctx.settings, self.ctx.outcome
        limit = settings.sample_rows if settings.sample_rows and not settings.full else None
        batch: list[list[str]] = []
        try:
            first = next(reader, None)
            if first is None:
                return
            fields = header_fields(first)
            self.fields = fields if fields is not None else []
            self.width = len(first)
            rows = reader if fields is not None else chain([first], reader)
            for row in rows:
                if limit is not None and self.rows_done + len(batch) >= limit:
                    outcome.sampled = True
                    break
                batch.append(row)
                if len(batch) >= settings.csv_batch_rows:
                    yield from self._flush(batch)
                    batch = []
        except csv.Error:
            bad = self.rows_done + len(batch) + 1
            set_error(outcome, "error", errors.CSV_ERROR,
                      f"CSV parse error in data row {bad}; rows before it were scanned")
        yield from self._flush(batch)
        if self.ragged:
            set_error(outcome, outcome.status, errors.RAGGED_ROWS,
                      f"{self.ragged} rows have a different number of cells than the "
                      f"header ({self.width} columns); extra cells are under [index]")

    def _flush(self, batch: list[list[str]]) -> Iterator[Piece]:
        if not batch:
            return
        settings = self.ctx.settings
        self.ragged += sum(1 for row in batch if len(row) != self.width)
        needed = max(len(row) for row in batch)
        while len(self.fields) < needed:
            self.fields.append(f"[{len(self.fields)}]")
        for index, field in enumerate(self.fields):
            cells = [clean_cell(row[index]) if index < len(row) else "" for row in batch]
            yield from column_pieces(
                field, cells, self.rows_done, settings.chunk_chars, settings.max_line_chars
            )
        self.rows_done += len(batch)
        self.ctx.outcome.units_scanned = self.rows_done
