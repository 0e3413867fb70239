"""XML as text: element text and attribute values, one per line, field null.

Streamed through expat (the standard library's ``pyexpat``), fed block by block, so memory is
bounded by a block and one element's text. Expat decodes the declared encoding and entities.

- Every element boundary separates (XML has no inline tags): ``<a>1234</a><b>5678</b>`` gives
  two lines, never ``12345678``.
- A leaf element's text is written ``name: text`` and an attribute ``name: value``: in a data
  export the element name is the only label a value has (``<tlf>12345678</tlf>``), so it is
  kept as context, as a CSV header or a JSON key is. Text of mixed content is written as is.
  Namespace declarations are not data and are left out.
- Safety: a document that declares entities (a DTD with ``<!ENTITY``) is not read further
  (billion-laughs and external-entity attacks); external entities are never fetched.
- Malformed XML: status error ``malformed_xml`` with line and column; the text before the
  error keeps its findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.decode import Readable, iter_blocks
from scanner.extract.text import extract_text
from scanner.model import Piece

MAX_TEXT_CHARS = 1 << 16  # an element's text beyond this is written out in parts


class _EntityDeclared(Exception):
    pass


def extract_xml(stream: Readable, ctx: FileContext) -> Iterator[Piece]:
    """Yield the text of an XML document (see module doc)."""
    walker = _Walker()
    yield from extract_text(walker.run(stream), ctx)
    if walker.error is not None:
        set_error(ctx.outcome, "error", errors.MALFORMED_XML, walker.error)


class _Walker:
    def __init__(self) -> None:
        self.error: str | None = None
        self._out: list[str] = []
        self._stack: list[list[Any]] = []  # [local name, text parts, text chars, has children]

    def run(self, stream: Readable) -> Iterator[str]:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.EntityDeclHandler = self._entity
        parser.buffer_text = True
        try:
            for block in iter_blocks(stream):
                parser.Parse(block, False)
                yield self._take()
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            self.error = (f"malformed XML at line {exc.lineno}, column {exc.offset} "
                          f"({expat.ErrorString(exc.code)}); text before it was scanned")
        except _EntityDeclared:
            self.error = ("XML declares entities: not read further (entity expansion is "
                          "refused for safety); text before the declaration was scanned")
        self._flush_open()
        yield self._take()

    def _take(self) -> str:
        text = "".join(self._out)
        self._out = []
        return text

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if self._stack:
            parent = self._stack[-1]
            parent[3] = True
            self._flush(parent, labelled=False)
        local = name.rsplit(":", 1)[-1]
        for key, value in attrs.items():
            if value.strip() and not key.startswith("xmlns"):
                self._line(f"{key.rsplit(':', 1)[-1]}: {value}")
        self._stack.append([local, [], 0, False])

    def _end(self, name: str) -> None:
        if self._stack:
            top = self._stack.pop()
            self._flush(top, labelled=not top[3])

    def _text(self, data: str) -> None:
        if not self._stack:
            return
        top = self._stack[-1]
        top[1].append(data)
        top[2] += len(data)
        if top[2] > MAX_TEXT_CHARS:
            self._flush(top, labelled=False)

    def _entity(self, *args: Any) -> None:
        raise _EntityDeclared

    def _flush(self, entry: list[Any], labelled: bool) -> None:
        text = "".join(entry[1]).strip()
        entry[1], entry[2] = [], 0
        if text:
            self._line(f"{entry[0]}: {text}" if labelled else text)

    def _flush_open(self) -> None:
        while self._stack:
            self._flush(self._stack.pop(), labelled=False)

    def _line(self, text: str) -> None:
        self._out.append(text.replace("\r", " ").replace("\n", " "))
        self._out.append("\n")
