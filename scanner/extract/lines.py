"""Free text built line by line (paragraphs, PDF pages, markup text) into bounded pieces.

Document extractors produce many short lines; feeding each to the ``Chunker`` on its own would
copy its buffer every time, so lines are gathered into blocks of ``BLOCK_CHARS`` first. Unit =
line, numbered from 0 across the whole location; ``units_scanned`` is the number of lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract.base import FileContext
from scanner.extract.chunk import Chunker
from scanner.model import Piece

BLOCK_CHARS = 1 << 16


class LineSink:
    """Collect lines (field null) and cut them into pieces."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        settings = ctx.settings
        self._chunker = Chunker(settings.chunk_chars, settings.max_line_chars)
        self._parts: list[str] = []
        self._chars = 0
        self.lines = 0

    def add(self, text: str) -> list[Piece]:
        """Add ``text`` as one or more whole lines (a trailing newline is added); return the
        pieces that are complete (a plain call, not a generator: it runs once per line)."""
        self._parts.append(text)
        self._parts.append("\n")
        self._chars += len(text) + 1
        self.lines += text.count("\n") + 1
        self.ctx.outcome.units_scanned = self.lines
        if self._chars >= BLOCK_CHARS:
            return list(self._feed())
        return []

    def finish(self) -> Iterator[Piece]:
        """Yield everything still held (call once at the end, also after an error)."""
        yield from self._feed()
        yield from self._chunker.finish()

    def _feed(self) -> Iterator[Piece]:
        if self._parts:
            text = "".join(self._parts)
            self._parts, self._chars = [], 0
            yield from self._chunker.feed(text)
