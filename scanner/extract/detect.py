"""Which extractor reads a file: magic bytes first, then the extension, then "is it text?".

Content wins over the name: a ``.csv`` that is really a ZIP is read as a zip archive, a
``.log`` that is gzip/bzip2/xz-compressed is decompressed. ZIP and OLE2 magic are refined by
the extension (``PACKAGE_EXTENSIONS``, ``OLE_EXTENSIONS``: xlsx/docx/msg...); a ZIP with any
other name is an archive. Among text formats the extension decides (a log line
starting with ``[`` must not be parsed as JSON), except that a ``.json`` file holding one JSON
value per line is read as JSON Lines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.extract.decode import bom_encoding

GZIP = "gzip"
BZIP2 = "bzip2"
XZ = "xz"
ZIP = "zip"
TAR = "tar"
EML = "eml"
MSG = "msg"
TEXT = "text"
CSV = "csv"
TSV = "tsv"
JSON = "json"
JSONL = "jsonl"
BINARY = "binary"
# Documents (scanner.extract.documents).
XLSX = "xlsx"
XLS = "xls"
ODS = "ods"
DOCX = "docx"
ODT = "odt"
PDF = "pdf"
PARQUET = "parquet"
HTML = "html"
XML = "xml"
ENCRYPTED_OFFICE = "encrypted_office"  # an OOXML name on an OLE2 file: password-protected
OLE2 = "OLE2 document (doc/xls/msg)"
ZIP_MAGIC = "ZIP archive (zip/docx/xlsx/odt)"

# Single-file compressors: the compressed file is the location, its content is read for what
# it is (a .tar.gz holds a tar: its members become locations).
COMPRESSED = frozenset({GZIP, BZIP2, XZ})
# Formats whose extractor yields members (scanner.model.Member) besides pieces.
CONTAINERS = frozenset({ZIP, TAR, EML, MSG})
# ZIP magic: these extensions name a document package (xlsx, docx, odt...); any other name is
# a zip archive whose members are scanned one by one.
PACKAGE_EXTENSIONS: dict[str, str] = {
    ".xlsx": XLSX, ".xlsm": XLSX, ".xltx": XLSX, ".xltm": XLSX,
    ".docx": DOCX, ".docm": DOCX, ".dotx": DOCX, ".dotm": DOCX,
    ".ods": ODS, ".ots": ODS, ".odt": ODT, ".ott": ODT,
}
# An OpenDocument package says what it is in its first member, "mimetype", stored uncompressed.
_ODF_MIMETYPES = ((b"application/vnd.oasis.opendocument.spreadsheet", ODS),
                  (b"application/vnd.oasis.opendocument.text", ODT))
# OLE2 magic: these extensions name a format we read; any other OLE2 file is skipped as binary.
OLE_EXTENSIONS: dict[str, str] = {
    ".msg": MSG, ".xls": XLS, ".xlt": XLS,
    **{ext: ENCRYPTED_OFFICE for ext, kind in PACKAGE_EXTENSIONS.items() if kind in (XLSX, DOCX)},
}

# Magic bytes: known formats, and binary ones named in the skip reason (recorded, not ignored).
# Short, text-like magics (MZ) are left to the NUL-byte test so a text file is never lost
# (bzip2 is recognised by its 10-byte block magic below, never by "BZh" alone).
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x1f\x8b", GZIP),
    (0, b"%PDF-", PDF),
    (0, b"PK\x03\x04", ZIP_MAGIC),
    (0, b"PK\x05\x06", ZIP_MAGIC),  # an empty zip: scanned as one (no members)
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE2),
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF8", "GIF image"),
    (0, b"SQLite format 3\x00", "SQLite database (scan it with a sqlite:/// URI)"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"PAR1", PARQUET),
    (0, b"\xfd7zXZ\x00", XZ),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (257, b"ustar", TAR),
)

EXTENSIONS: dict[str, str] = {
    ".csv": CSV,
    ".tsv": TSV,
    ".tab": TSV,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".gz": GZIP,
    ".tgz": GZIP,
    ".bz2": BZIP2,
    ".tbz2": BZIP2,
    ".xz": XZ,
    ".txz": XZ,
    ".tar": TAR,
    ".eml": EML,
    ".pdf": PDF,
    ".parquet": PARQUET,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".xml": XML,
    **PACKAGE_EXTENSIONS,  # without the ZIP magic: the extractor says "not a docx" etc.
}
# Extensions that say "plain text" (a .txt holding markup is still read as text).
_TEXT_SUFFIXES = frozenset({".txt", ".log", ".md", ".text"})
# bzip2: "BZh" + block size digit + the block magic (pi) or the end-of-stream magic (sqrt pi):
# ten bytes, so a text file starting with "BZh" is never taken for one.
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")


@dataclass(frozen=True)
class Detected:
    """The chosen format, and for BINARY the reason (what the bytes look like)."""

    kind: str
    reason: str = ""


def detect(head: bytes, name: str) -> Detected:
    """Choose the format of a file from its first bytes and its name."""
    suffix = PurePosixPath(name).suffix.lower()
    for offset, magic, what in MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return _by_magic(what, suffix, head)
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in _BZIP2_BLOCKS:
        return Detected(BZIP2)
    kind = EXTENSIONS.get(suffix, TEXT)
    if kind in COMPRESSED:  # named .gz/.bz2/.xz but not compressed: read it for what it is
        kind = EXTENSIONS.get(PurePosixPath(PurePosixPath(name).stem).suffix.lower(), TEXT)
        kind = TEXT if kind in COMPRESSED or kind == TAR else kind
    if kind == TAR:  # named .tar without the ustar magic (old v7 tar): the tar reader decides
        return Detected(TAR)
    if bom_encoding(head) is None and b"\x00" in head:
        return Detected(BINARY, "binary content (NUL bytes, no UTF-16/32 byte-order mark)")
    if kind == TEXT and suffix not in _TEXT_SUFFIXES:
        kind = _sniff_markup(head) or _sniff_mail(head) or kind
    if kind == JSON and _looks_like_json_lines(head):
        return Detected(JSONL)
    return Detected(kind)


def _by_magic(what: str, suffix: str, head: bytes) -> Detected:
    if what in COMPRESSED or what == TAR:
        return Detected(what)
    if what in (PDF, PARQUET):
        return Detected(what)
    if what == ZIP_MAGIC:
        return Detected(PACKAGE_EXTENSIONS.get(suffix) or _odf_kind(head) or ZIP)
    if what == OLE2 and suffix in OLE_EXTENSIONS:
        return Detected(OLE_EXTENSIONS[suffix])
    return Detected(BINARY, what)


def _odf_kind(head: bytes) -> str | None:
    """ODS/ODT from the stored "mimetype" member at the start of a ZIP, else None."""
    if head[30:38] != b"mimetype":
        return None
    for mimetype, kind in _ODF_MIMETYPES:
        if head[38:38 + len(mimetype)] == mimetype:
            return kind
    return None


def _sniff_markup(head: bytes) -> str | None:
    """XML or HTML by the first bytes of a file whose name does not say (UTF-8/ASCII heads)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return HTML
    if start.startswith(b"<?xml"):
        return HTML if b"<html" in head[:1024].lower() else XML
    return None


_HEADER_LINE = re.compile(rb"([A-Za-z0-9-]{1,76}):[ \t]")
_MAIL_HEADERS = frozenset({b"from", b"to", b"subject", b"date", b"message-id", b"received",
                           b"mime-version", b"return-path", b"delivered-to", b"cc"})


def _sniff_mail(head: bytes) -> str | None:
    """A saved mail without a ``.eml`` name (Maildir files, exports): the file starts with a
    header block (every line a ``Name: value`` header or a folded continuation) that names at
    least three of the usual mail headers."""
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    lines = block.splitlines()
    if len(lines) < 3:
        return None
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        names.add(match.group(1).lower())
    return EML if len(names & _MAIL_HEADERS) >= 3 else None


def _looks_like_json_lines(head: bytes) -> bool:
    """True if the first line is a whole JSON value and another value starts on a later line."""
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(lines) < 2 or not lines[1].lstrip().startswith((b"{", b"[")):
        return False
    try:
        json.loads(lines[0].decode("utf-8", errors="replace"))
    except ValueError:
        return False
    return True
