"""HTML as text: markup stripped so that a tag never glues two numbers together nor splits one.

Streamed through the standard library's ``html.parser`` (fed block by block; memory bounded by
the block), entities decoded, field null, unit = line of the resulting text.

The rule for tags: *inline* tags (``b i u s em strong span a font small sub sup mark code``
and the rest of ``INLINE``) join: ``12<b>34</b>5678`` is ``12345678``, as a reader sees it.
Every other tag separates: block-level tags and ``<br>`` end a line, table cells and unknown
tags insert a tab, so ``<td>12345678</td><td>90</td>`` is ``12345678<tab>90``. ``script``,
``style`` and ``template`` content is skipped (not text a person reads). Line breaks inside
text (source formatting) are spaces, except inside ``pre``/``textarea``. The address of a
``mailto:``/``tel:`` link is scanned too when the link text does not show it (a link
``<a href="mailto:x@y.dk">Skriv til os</a>`` holds personal data no reader sees).
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote

from scanner.extract.base import FileContext
from scanner.extract.text import extract_text
from scanner.model import Piece

INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
    "em", "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "option", "p",
    "pre", "section", "select", "summary", "table", "tbody", "textarea", "tfoot", "thead",
    "title", "tr", "ul",
})
SKIP = frozenset({"script", "style", "template"})
_KEEP_NEWLINES = frozenset({"pre", "textarea"})
_LINK_SCHEMES = ("mailto:", "tel:")


def extract_html(texts: Iterator[str], ctx: FileContext) -> Iterator[Piece]:
    """Strip the markup of an HTML document and cut its text into pieces (see module doc)."""
    yield from extract_text(_stripped(texts), ctx)


def _stripped(texts: Iterator[str]) -> Iterator[str]:
    parser = _Stripper()
    for block in texts:
        parser.feed(block)
        if parser.out:
            yield parser.take()
    parser.close()
    yield parser.take()


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0
        self._keep_newlines = 0
        self._link: str | None = None  # mailto/tel address of the open <a>
        self._link_text: list[str] = []
        self._at_line_start = True

    def take(self) -> str:
        text = "".join(self.out)
        self.out = []
        return text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
            return
        self._keep_newlines += tag in _KEEP_NEWLINES
        if tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            scheme = next((s for s in _LINK_SCHEMES if href.lower().startswith(s)), None)
            self._link = unquote(href[len(scheme):].split("?", 1)[0]) if scheme else None
            self._link_text = []
        self._separate(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SKIP:
            self._separate(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _KEEP_NEWLINES:
            self._keep_newlines = max(0, self._keep_newlines - 1)
        if tag == "a" and self._link:
            if self._link not in "".join(self._link_text):
                self._emit(f" {self._link} ")
            self._link = None
        self._separate(tag)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._keep_newlines:
            data = data.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        if self._link is not None:
            self._link_text.append(data)
        self._emit(data)

    def _separate(self, tag: str) -> None:
        if self._skip or tag in INLINE:
            return
        if tag in BLOCK:
            if not self._at_line_start:
                self.out.append("\n")
                self._at_line_start = True
        elif not self._at_line_start:
            self.out.append("\t")

    def _emit(self, text: str) -> None:
        if text:
            self.out.append(text)
            self._at_line_start = text.endswith("\n")
