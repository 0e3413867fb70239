"""JSON documents, streamed with the standard library only.

Each value is first decoded whole by ``json``'s C scanner from a sliding text buffer (fast);
a container that does not fit in ``FAST_CHARS`` of buffer (a 2 GB top-level array) is walked
structurally instead: brackets, keys and commas here, every element again through the fast
path. So memory is bounded by the largest *element*, not the file, and a value that straddles
the buffer end is never read short. A single string is allowed up to ``MAX_VALUE_CHARS``.

Malformed JSON: the values before the damage are kept (pieces already yielded plus the
batches still buffered), the location gets status error, ``malformed_json``, and a message
with the character offset and the parser's reason (never the text around it).
See ``jsonpath`` for paths and record (unit) numbering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.errors import ExtractError
from scanner.extract.jsonpath import PathBatchers, Walker, key_segment
from scanner.model import Piece

FAST_CHARS = 4 << 20
MAX_VALUE_CHARS = 64 << 20
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Malformed(Exception):
    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def extract_json(texts: Iterator[str], ctx: FileContext) -> Iterator[Piece]:
    """Yield pieces per JSON path; a malformed document keeps what was read before the damage."""
    parser = _Parser(texts)
    batchers = PathBatchers(ctx.settings)
    try:
        if parser.skip_ws():
            yield from parser.value("$", False, batchers)
            if parser.skip_ws():
                raise _Malformed(parser.offset, "extra data after the top-level value")
    except _Malformed as exc:
        set_error(ctx.outcome, "error", errors.MALFORMED_JSON,
                  f"malformed JSON at character {exc.offset}: {exc.reason}; "
                  "values before it were scanned")
    except ExtractError as exc:
        set_error(ctx.outcome, "error", exc.error_type, exc.message)
    except RecursionError:
        set_error(ctx.outcome, "error", errors.MALFORMED_JSON, "JSON nested too deeply")
    yield from batchers.flush()
    walker = parser.walker
    ctx.outcome.units_scanned = max(walker.records, 1 if walker.values else 0)


class _Parser:
    def __init__(self, texts: Iterator[str]) -> None:
        self._texts = texts
        self.buf = ""
        self.pos = 0
        self.base = 0  # absolute offset of buf[0]
        self.eof = False
        self.walker = Walker()

    @property
    def offset(self) -> int:
        return self.base + self.pos

    def more(self) -> bool:
        """Append the next text block (dropping what was consumed); False at the end."""
        for text in self._texts:
            if text:
                self.base += self.pos
                self.buf = self.buf[self.pos :] + text
                self.pos = 0
                return True
        self.eof = True
        return False

    def skip_ws(self) -> str:
        """Skip whitespace; the next character, or "" at the end of the text."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self, path: str, in_record: bool, out: PathBatchers) -> Iterator[Piece]:
        """Read one value at the current position (after skip_ws) and yield its pieces."""
        first = self.buf[self.pos]
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._incomplete(exc) and self._may_grow(first):
                    continue
                if first in "{[":  # too big, damaged or truncated: walk it to keep the rest
                    yield from self._container(first, path, in_record, out)
                    return
                if self._incomplete(exc) and not self.eof:
                    raise ExtractError(errors.VALUE_TOO_LARGE,
                                       f"a JSON value at character {self.offset} is larger "
                                       f"than {MAX_VALUE_CHARS} characters") from None
                raise _Malformed(self.base + exc.pos, exc.msg) from None
            if end == len(self.buf) and first not in '"{[' and not self.eof and self.more():
                continue  # a number or literal at the buffer end may go on in the next block
            self.pos = end
            leaves: list[tuple[str, int, str]] = []
            self.walker.collect(value, path, in_record, leaves)
            yield from out.add_all(leaves)
            return

    def _incomplete(self, exc: json.JSONDecodeError) -> bool:
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self.buf) - 6

    def _may_grow(self, first: str) -> bool:
        limit = FAST_CHARS if first in "{[" else MAX_VALUE_CHARS
        return len(self.buf) - self.pos < limit and not self.eof and self.more()

    def _container(
        self, first: str, path: str, in_record: bool, out: PathBatchers
    ) -> Iterator[Piece]:
        self.pos += 1
        closer = "}" if first == "{" else "]"
        char = self._next_char()
        if char == closer:
            self.pos += 1
            return
        while True:
            if first == "{":
                key = self._key()
                segment = key_segment(key)
                if segment is None:
                    leaves: list[tuple[str, int, str]] = []
                    self.walker.leaf(path + ".*~", key, in_record, leaves)
                    yield from out.add_all(leaves)
                    segment = ".*"
                self._next_char()
                yield from self.value(path + segment, in_record, out)
            else:
                if not in_record:
                    self.walker.start_record()
                yield from self.value(path + "[*]", True, out)
            char = self._expect_char(",", closer)
            if char == closer:
                return
            self._next_char()

    def _next_char(self) -> str:
        char = self.skip_ws()
        if not char:
            raise _Malformed(self.offset, "unexpected end of the document")
        return char

    def _expect_char(self, *allowed: str) -> str:
        char = self._next_char()
        if char not in allowed:
            raise _Malformed(self.offset, f"expecting one of {' '.join(allowed)}")
        self.pos += 1
        return char

    def _key(self) -> str:
        if self.buf[self.pos] != '"':
            raise _Malformed(self.offset, "expecting a property name in double quotes")
        while True:
            try:
                key, end = scanstring(self.buf, self.pos + 1)
            except json.JSONDecodeError as exc:
                if self._incomplete(exc) and self._may_grow('"'):
                    continue
                raise _Malformed(self.base + exc.pos, exc.msg) from None
            self.pos = end
            self._expect_char(":")
            return str(key)
