"""Plain text (txt, log, md, anything that decodes as text): lines cut into bounded pieces.

``units_scanned`` is the number of lines. For a unit that covers a byte range of a big file
(``range_start``/``range_end``), the caller hands in only the lines that start in that range,
and unit numbers are *relative to the range*: line 0 is the range's first whole line.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract.base import FileContext
from scanner.extract.chunk import Chunker
from scanner.model import Piece


def extract_text(texts: Iterator[str], ctx: FileContext) -> Iterator[Piece]:
    """Pieces of at most ``chunk_chars`` (plus overlap) cut at line ends; free text: no field."""
    settings, outcome = ctx.settings, ctx.outcome
    chunker = Chunker(settings.chunk_chars, settings.max_line_chars)
    newlines = 0
    open_line = False  # the text so far ends inside a line
    for text in texts:
        if not text:
            continue
        newlines += text.count("\n")
        open_line = text[-1] != "\n"
        outcome.units_scanned = newlines + open_line
        yield from chunker.feed(text)
    yield from chunker.finish()
