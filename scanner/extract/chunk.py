"""Bounded pieces: cut a text stream at line ends, and batch cell values under one field.

Every piece an extractor yields goes through here, which is what keeps memory and piece size
bounded whatever the input: a piece owns at most ``chunk_chars`` characters and carries at
most ``OVERLAP_CHARS`` of its neighbours on each side (so ``len(text) <= chunk_chars + 2 *
OVERLAP_CHARS``).

Cut rule: a piece owns the window ``[own, own + chunk_chars)`` up to and including the *last*
line end in it. A window without a line end (one line longer than the window) is cut after
``min(chunk_chars, max_line_chars)`` characters, so a 50 MB single line becomes overlapping
chunks whose owned ranges cover every character exactly once; ``first_unit`` stays that line
for all of them (text before ``owned_start`` may begin mid-line: it is still "line 0").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from scanner.model import Piece

OVERLAP_CHARS = 512  # context shared with each neighbour; longer than any identifier + window
JOIN_SEP = " | "  # between several values of one field in one unit (JSON arrays)


class Chunker:
    """Cut a stream of text (fed in blocks of any size) into bounded, overlapping Pieces."""

    def __init__(
        self,
        chunk_chars: int,
        max_line_chars: int,
        field: str | None = None,
        first_unit: int = 0,
        overlap: int = OVERLAP_CHARS,
    ) -> None:
        self.field = field
        self._size = max(1, chunk_chars)
        self._line_cut = max(1, min(self._size, max_line_chars or self._size))
        self._overlap = overlap
        self._buf = ""  # text kept: up to `overlap` chars before the owned start, then unowned
        self._own = 0  # owned start, as an index into _buf
        self._buf_unit = first_unit  # unit (line) in which _buf[0] lies

    def feed(self, text: str) -> Iterator[Piece]:
        """Add text; yield every piece that is complete (its window and trailing overlap)."""
        self._buf += text
        while len(self._buf) - self._own >= self._size + self._overlap:
            yield self._emit(self._cut())

    def finish(self) -> Iterator[Piece]:
        """Yield the remaining pieces at the end of the stream."""
        while self._own < len(self._buf):
            cut = self._cut() if len(self._buf) - self._own > self._size else len(self._buf)
            yield self._emit(cut)

    def _cut(self) -> int:
        end = self._own + self._size
        newline = self._buf.rfind("\n", self._own, end)
        if newline >= 0:
            return newline + 1
        return self._own + self._line_cut

    def _emit(self, cut: int) -> Piece:
        buf = self._buf
        start = max(0, self._own - self._overlap)
        stop = min(len(buf), cut + self._overlap)
        piece = Piece(
            text=buf[start:stop],
            field=self.field,
            first_unit=self._buf_unit + buf.count("\n", 0, start),
            owned_start=self._own - start,
            owned_end=cut - start,
        )
        drop = max(0, cut - self._overlap)
        self._buf_unit += buf.count("\n", 0, drop)
        self._buf = buf[drop:]
        self._own = cut - drop
        return piece


def clean_cell(value: str) -> str:
    """A cell as one line: newlines inside it become spaces so unit numbering stays exact."""
    if "\n" in value or "\r" in value:
        return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return value


def column_pieces(
    field: str | None,
    cells: list[str],
    first_unit: int,
    chunk_chars: int,
    max_line_chars: int,
    dates: list[datetime | None] | None = None,
    records: bool = False,
) -> Iterator[Piece]:
    """Pieces for one column batch: cell k (already one line) is unit ``first_unit + k``.

    A batch that is all blank yields nothing. A batch longer than ``chunk_chars`` (huge cells)
    goes through the Chunker; ``unit_dates`` is sliced to match each piece's lines. ``records``:
    the rows are independent records (a database table): pieces are ``Piece.cells``.
    """
    text = "\n".join(cells)
    if not text.strip():
        return
    if len(text) <= chunk_chars:
        yield Piece(text=text, field=field, first_unit=first_unit, unit_dates=dates,
                    cells=records)
        return
    chunker = Chunker(chunk_chars, max_line_chars, field=field, first_unit=first_unit)
    for piece in _chain(chunker.feed(text), chunker.finish()):
        piece.cells = records
        if dates is not None:
            offset = piece.first_unit - first_unit
            piece.unit_dates = dates[offset : offset + piece.text.count("\n") + 1]
        yield piece


def _chain(*parts: Iterator[Piece]) -> Iterator[Piece]:
    for part in parts:
        yield from part


class FieldBatcher:
    """Collect values of one field by unit (JSON paths); emit column pieces in batches.

    Several values in the same unit share one line (joined by ``JOIN_SEP``). Units must come in
    non-decreasing order; small gaps are filled with empty lines, a big gap starts a new piece.
    """

    MAX_GAP = 64

    def __init__(self, field: str | None, batch_rows: int, chunk_chars: int, max_line_chars: int):
        self.field = field
        self._batch_rows = max(1, batch_rows)
        self._chunk_chars = chunk_chars
        self._max_line_chars = max_line_chars
        self._lines: list[str] = []
        self._first = 0
        self._last = -1
        self._chars = 0

    def add(self, unit: int, value: str) -> list[Piece]:
        """Add one value of ``unit``; returns pieces when the batch is full (a plain call,
        not a generator: this runs once per JSON value)."""
        pieces: list[Piece] = []
        value = clean_cell(value)
        if self._lines and unit == self._last:
            last = self._lines[-1]
            self._lines[-1] = last + JOIN_SEP + value if last else value
        else:
            if self._lines and not 0 < unit - self._last <= self.MAX_GAP + 1:
                pieces.extend(self.flush())
            if self._lines:
                self._lines.extend([""] * (unit - self._last - 1))
            else:
                self._first = unit
            self._lines.append(value)
            self._last = unit
        self._chars += len(value) + 1
        if len(self._lines) >= self._batch_rows or self._chars >= self._chunk_chars:
            pieces.extend(self.flush())
        return pieces

    def flush(self) -> Iterator[Piece]:
        """Yield the pieces of what has been collected and start a new batch."""
        if self._lines:
            lines, first = self._lines, self._first
            self._lines, self._chars = [], 0
            yield from column_pieces(
                self.field, lines, first, self._chunk_chars, self._max_line_chars
            )
