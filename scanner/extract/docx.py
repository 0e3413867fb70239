"""Word documents (docx, docm, dotx, dotm): paragraphs as lines, field null.

The package's XML parts are streamed with lxml ``iterparse`` (see ``package``) rather than
loaded through python-docx's document model, which holds every part of the package in memory;
this keeps memory bounded by one paragraph whatever the document size. Read, in order: the
main document (body paragraphs, table cells, text boxes: ``w:txbxContent`` paragraphs are
paragraphs like any other), then headers, footers, footnotes, endnotes and comments.

- Unit = a paragraph with text (a table cell holds paragraphs, so cells never glue together);
  runs inside a paragraph are joined as they are (formatting never splits a number);
  ``w:tab`` is a tab, ``w:br``/``w:cr`` a line break.
- Tracked deletions (``w:delText``) are read: the text is still in the file.
- ``mc:Fallback`` content is skipped: Word writes each text box twice (the DrawingML choice
  and a VML fallback), and counting it twice would double its findings.

Bad input: ``not_a_docx`` (not a ZIP package: e.g. a renamed text file), ``corrupt_docx``
(damaged package or XML; paragraphs before the damage keep their findings). A password-
protected document is an OLE2 file and is skipped as ``encrypted`` by ``detect``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO

from lxml import etree

from scanner.extract.base import FileContext
from scanner.extract.errors import ExtractError
from scanner.extract.lines import LineSink
from scanner.extract.package import DAMAGE, corrupt, iter_elements, open_package, release
from scanner.model import Piece

FORMAT = "docx"
_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
               "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK = f"{{{_MC}}}Fallback"
_TEXT = {f"{{{ns}}}{tag}": "" for ns in _NAMESPACES for tag in ("t", "delText")}
_SPECIAL = {f"{{{ns}}}{tag}": char for ns in _NAMESPACES
            for tag, char in (("tab", "\t"), ("br", "\n"), ("cr", "\n"),
                              ("noBreakHyphen", "-"))}
_PARAGRAPHS = {f"{{{ns}}}p" for ns in _NAMESPACES}
_TAGS = (*_TEXT, *_SPECIAL, *_PARAGRAPHS, _FALLBACK)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SIDE_PARTS = re.compile(r"(header|footer)\d*\.xml|(footnotes|endnotes|comments)\.xml")


def extract_docx(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield the text of a Word document, paragraph by paragraph."""
    with open_package(fp, FORMAT) as zf:
        sink = LineSink(ctx)
        try:
            for part in _parts(zf):
                yield from _paragraphs(zf, part, sink)
        except ExtractError:
            yield from sink.finish()
            raise
        except DAMAGE as exc:
            yield from sink.finish()
            raise corrupt(FORMAT, exc) from None
        yield from sink.finish()


def _parts(zf: zipfile.ZipFile) -> list[str]:
    """The main document part (from the package relationships), then the side parts."""
    main = _main_part(zf)
    folder = str(PurePosixPath(main).parent)
    names = set(zf.namelist())
    if main not in names:
        raise ExtractError("corrupt_docx", "corrupt docx package: no main document part")
    side = sorted(n for n in names if str(PurePosixPath(n).parent) == folder
                  and _SIDE_PARTS.fullmatch(PurePosixPath(n).name))
    return [main, *side]


def _main_part(zf: zipfile.ZipFile) -> str:
    try:
        rels = etree.fromstring(zf.read("_rels/.rels"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _paragraphs(zf: zipfile.ZipFile, part: str, sink: LineSink) -> Iterator[Piece]:
    stack: list[list[str]] = []  # open paragraphs (a text box paragraph nests in a run)
    fallback = 0
    for event, elem in iter_elements(zf, part, _TAGS):
        tag = elem.tag
        if tag == _FALLBACK:
            fallback += 1 if event == "start" else -1
        elif tag in _PARAGRAPHS:
            if event == "start":
                stack.append([])
                continue
            line = "".join(stack.pop()) if stack else ""
            if fallback == 0 and line.strip():
                yield from sink.add(line)
            release(elem)
        elif event == "end" and stack and fallback == 0:
            stack[-1].append(elem.text or "" if tag in _TEXT else _SPECIAL[tag])
