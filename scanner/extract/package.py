"""ZIP-based document packages (xlsx, docx, odt, ods): open them, stream their XML parts.

Error types: ``not_a_<fmt>`` when the bytes are not a ZIP package at all (a renamed text file),
``corrupt_<fmt>`` when the package or one of its parts is damaged (bad central directory,
truncated member, bad deflate data, XML that is not well-formed). Messages name the format
and the kind of damage, never content. XML is parsed by lxml ``iterparse`` without entity
resolution or network access, element by element, so memory is bounded by one paragraph or
row, not the part.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from lxml import etree

from scanner.extract.errors import ExtractError

# What reading a damaged package raises (zipfile, zlib, lxml, openpyxl's own checks).
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, etree.LxmlError, ValueError,
          IndexError, TypeError, AttributeError, OSError, NotImplementedError,
          SyntaxError)  # xml.etree ParseError (openpyxl) is a SyntaxError


def not_a(fmt: str) -> ExtractError:
    """The error for a file whose name says ``fmt`` but whose bytes are not a ZIP package."""
    return ExtractError(f"not_a_{fmt}", f"not a {fmt} file: the content is not a ZIP package")


def corrupt(fmt: str, exc: BaseException, what: str = "package") -> ExtractError:
    """The error for a damaged ``fmt`` package; only the exception's class is named."""
    return ExtractError(f"corrupt_{fmt}", f"corrupt or truncated {fmt} {what} "
                                          f"({exc.__class__.__name__}); content before it "
                                          "was scanned")


def open_package(fp: IO[bytes], fmt: str) -> zipfile.ZipFile:
    """Open ``fp`` as a ZIP package, raising a classified ExtractError."""
    head = fp.read(4)
    fp.seek(0)
    if head != b"PK\x03\x04":
        raise not_a(fmt)
    try:
        return zipfile.ZipFile(fp)
    except DAMAGE as exc:
        raise corrupt(fmt, exc) from None


def iter_elements(zf: zipfile.ZipFile, part: str, tags: tuple[str, ...]
                  ) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``(event, element)`` for ``tags`` ("start"/"end") of one XML part."""
    with zf.open(part) as stream:
        yield from etree.iterparse(stream, events=("start", "end"), tag=tags,
                                   resolve_entities=False, no_network=True, huge_tree=True,
                                   load_dtd=False, recover=False)


def release(elem: etree._Element) -> None:
    """Free a finished element and the finished siblings before it (bounded memory)."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]
