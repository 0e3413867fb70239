"""OpenDocument (odt, ods) shared parts: namespaces and the text of a paragraph element.

ODF is plain XML in a ZIP package, so it is streamed with lxml (see ``package``) instead of
loading the whole document model: memory is bounded by one paragraph or table row.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

P = f"{{{TEXT}}}p"
H = f"{{{TEXT}}}h"
_S = f"{{{TEXT}}}s"
_TAB = f"{{{TEXT}}}tab"
_BREAK = f"{{{TEXT}}}line-break"
_C = f"{{{TEXT}}}c"
# Not part of the running text: the footnote number would glue onto the digits before it.
_SKIP = {f"{{{TEXT}}}note-citation", f"{{{OFFICE}}}annotation-end"}


def paragraph_text(elem: etree._Element) -> str:
    """The text of a paragraph: spans joined (inline), ``text:s`` as spaces, tabs, breaks.

    Paragraphs nested inside it (a text box, a note body, a comment) were emitted on their own
    and released before their parent ends, so they add nothing here.
    """
    parts: list[str] = []
    _walk(elem, parts)
    return "".join(parts)


def _walk(elem: etree._Element, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        tag = child.tag
        if tag == _S:
            parts.append(" " * _count(child.get(_C)))
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BREAK:
            parts.append("\n")
        elif tag not in _SKIP and isinstance(tag, str):
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail)


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1024))
    except ValueError:
        return 1


def is_encrypted(zf: zipfile.ZipFile) -> bool:
    """True if the package's manifest says its parts are encrypted (a password-protected
    document: content.xml is ciphertext, not XML)."""
    try:
        manifest = zf.read("META-INF/manifest.xml")
    except KeyError:
        return False
    return b"encryption-data" in manifest


def skip_encrypted(ctx: FileContext, fmt: str) -> None:
    """Record a password-protected OpenDocument file as skipped."""
    set_error(ctx.outcome, "skipped", errors.ENCRYPTED,
              f"password-protected {fmt} document: not read")
