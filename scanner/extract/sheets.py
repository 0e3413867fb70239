"""Spreadsheet rows to pieces, shared by the xlsx, xls and ods extractors.

- Every sheet is read; its first non-empty row is the header (``csv.header_fields`` rules: a
  row that looks like data is not a header, then fields are ``[0]``, ``[1]``...). The field is
  the header text alone, not qualified by the sheet: a header shared by two sheets is one field.
- Unit = data row, numbered across the whole workbook (sheet 2 continues after sheet 1), so a
  unit index is unique within the location. Empty rows are not rows (as blank CSV lines).
- Sampling: ``sample_rows`` data rows per sheet unless ``full``; ``sampled`` says rows were left.
- Cells: numbers as plain digits (a phone or CPR stored as a number must look as on paper; an
  integer whose number format is a digit mask such as ``0000000000`` or ``000000-0000`` is
  written through that mask, so a CPR with a leading zero keeps it); dates as ISO dates
  (``2024-05-01``; with a time only when it has one), never serial numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Any

from scanner.extract.base import FileContext
from scanner.extract.chunk import column_pieces
from scanner.extract.delimited import header_fields
from scanner.extract.values import render, render_float
from scanner.model import Piece

# A number format that is only a digit mask with literal separators: 0 = digit (zero-padded),
# # = optional digit, and space - / ( ) literals, also quoted or escaped. Not "." (a decimal
# point) nor ",": those are number formats, not masks.
_MASK = re.compile(r'^(?:[0#]|[ \-/()]|\\[ \-/()]|"[ \-/()]*")+$')
_MASK_TOKEN = re.compile(r'\\(.)|"([^"]*)"|(.)')


def cell_text(value: Any, number_format: str | None = None) -> str:
    """One spreadsheet cell as a single line of text (see the module docstring)."""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        masked = apply_digit_mask(value, number_format) if number_format else None
        return masked if masked is not None else str(value)
    if isinstance(value, float):
        return render_float(value)
    return render(value)


def apply_digit_mask(number: int, number_format: str) -> str | None:
    """``number`` written through a digit-mask number format, or None if it is not one.

    Excel fills the mask's digit placeholders from the right; digits beyond the mask go in front
    (as Excel shows them). ``0`` pads with zeros, ``#`` shows nothing when there is no digit.
    """
    fmt = number_format.split(";", 1)[0]
    if number < 0 or "0" not in fmt or not _MASK.match(fmt):
        return None
    tokens: list[tuple[bool, str]] = []  # (is placeholder, text)
    for escaped, quoted, char in _MASK_TOKEN.findall(fmt):
        if char in ("0", "#"):
            tokens.append((True, char))
        else:
            tokens.append((False, escaped or quoted or char))
    digits = str(number)
    out: list[str] = []
    pos = len(digits)
    for is_digit, text in reversed(tokens):
        if not is_digit:
            out.append(text)
        elif pos > 0:
            pos -= 1
            out.append(digits[pos])
        elif text == "0":
            out.append("0")
    return digits[:pos] + "".join(reversed(out)).strip()


class SheetWriter:
    """Turn the rows of each sheet of one workbook into column pieces.

    ``sheet(rows)`` reads one whole sheet; a streaming reader may instead call ``rows`` for
    each part of a sheet and ``end_sheet`` after its last row.
    """

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.units = 0  # data rows done in the workbook (global unit counter)
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._fields: list[str] | None = None
        self._batch: list[list[str]] = []
        self._done = 0  # data rows of this sheet taken
        self._stopped = False  # the sample is full: the rest of the sheet is not read

    def sheet(self, rows: Iterable[list[str]]) -> Iterator[Piece]:
        """Yield the pieces of one whole sheet."""
        yield from self.rows(rows)
        yield from self.end_sheet()

    def rows(self, rows: Iterable[list[str]]) -> Iterator[Piece]:
        """Take rows of the current sheet (rendered cells; trailing blanks allowed)."""
        settings = self.ctx.settings
        limit = settings.sample_rows if settings.sample_rows and not settings.full else None
        for row in rows:
            if self._stopped:
                return
            while row and not row[-1].strip():
                row = row[:-1]
            if not row:
                continue
            if self._fields is None:
                found = header_fields(row)
                self._fields = found if found is not None else []
                if found is not None:
                    continue
            if limit is not None and self._done >= limit:
                self.ctx.outcome.sampled = True
                self._stopped = True
                return
            self._batch.append(row)
            self._done += 1
            if len(self._batch) >= settings.csv_batch_rows:
                yield from self._flush()

    def end_sheet(self) -> Iterator[Piece]:
        """Flush the current sheet; the next row starts a new sheet (with its own header)."""
        yield from self._flush()
        self._new_sheet()

    def _flush(self) -> Iterator[Piece]:
        batch, self._batch = self._batch, []
        if not batch:
            return
        settings = self.ctx.settings
        fields = self._fields if self._fields is not None else []
        width = max(len(row) for row in batch)
        while len(fields) < width:
            fields.append(f"[{len(fields)}]")
        for index in range(width):
            cells = [row[index] if index < len(row) else "" for row in batch]
            yield from column_pieces(fields[index], cells, self.units, settings.chunk_chars,
                                     settings.max_line_chars)
        self.units += len(batch)
        self.ctx.outcome.units_scanned = self.units
