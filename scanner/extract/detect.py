"""Which extractor reads a file: magic bytes first, then the extension, then "is it text?".

Content wins over the name: a ``.csv`` that is really a ZIP is skipped as binary, a ``.log``
that is gzip-compressed is decompressed. Among text formats the extension decides (a log line
starting with ``[`` must not be parsed as JSON), except that a ``.json`` file holding one JSON
value per line is read as JSON Lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.extract.decode import bom_encoding

GZIP = "gzip"
TEXT = "text"
CSV = "csv"
TSV = "tsv"
JSON = "json"
JSONL = "jsonl"
BINARY = "binary"

# Known binary formats, named in the skip reason. Container formats (zip, tar, office) get
# their own extractors in a later issue; until then they are recorded as skipped, not ignored.
# Short, text-like magics (MZ, BZh) are left to the NUL-byte test so a text file is never lost.
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x1f\x8b", GZIP),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive (zip/docx/xlsx/odt)"),
    (0, b"PK\x05\x06", "ZIP archive (empty)"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (doc/xls/msg)"),
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF8", "GIF image"),
    (0, b"SQLite format 3\x00", "SQLite database (scan it with a sqlite:/// URI)"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"PAR1", "Parquet file"),
    (0, b"\xfd7zXZ\x00", "xz stream"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (257, b"ustar", "tar archive"),
)

EXTENSIONS: dict[str, str] = {
    ".csv": CSV,
    ".tsv": TSV,
    ".tab": TSV,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".gz": GZIP,
}


@dataclass(frozen=True)
class Detected:
    """The chosen format, and for BINARY the reason (what the bytes look like)."""

    kind: str
    reason: str = ""


def detect(head: bytes, name: str) -> Detected:
    """Choose the format of a file from its first bytes and its name."""
    for offset, magic, what in MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return Detected(GZIP) if what == GZIP else Detected(BINARY, what)
    kind = EXTENSIONS.get(PurePosixPath(name).suffix.lower(), TEXT)
    if kind == GZIP:  # named .gz but not gzip content: read it for what it is
        kind = EXTENSIONS.get(PurePosixPath(name[:-3]).suffix.lower(), TEXT)
    if bom_encoding(head) is None and b"\x00" in head:
        return Detected(BINARY, "binary content (NUL bytes, no UTF-16/32 byte-order mark)")
    if kind == JSON and _looks_like_json_lines(head):
        return Detected(JSONL)
    return Detected(kind)


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
