"""Bytes to text, streaming: BOM detection, UTF-8 with a per-line cp1252 fallback.

Decision (documented for the ``locations`` table): a file without a BOM is read as UTF-8; a
line that is not valid UTF-8 is decoded as cp1252 instead (so ``Ærø`` written by an old Windows
program is read correctly) and counted. Nothing is dropped, so the location stays ``ok`` and
``error_type`` says ``invalid_utf8`` with the count. UTF-16/UTF-32 need a BOM (LE or BE); their
invalid sequences become U+FFFD. Text is cut into blocks at line ends (or at a UTF-8 character
boundary inside a very long line), so memory stays bounded by the block size.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

BLOCK_BYTES = 1 << 20

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Readable(Protocol):
    """Anything with ``read(n)`` returning bytes (a file, a gzip stream, a prefixed reader)."""

    def read(self, size: int = -1, /) -> bytes:  # pragma: no cover - protocol
        """Read up to ``size`` bytes; b"" at the end."""
        ...


@dataclass
class DecodeStats:
    """What decoding had to do: lines read through the cp1252 fallback."""

    cp1252_lines: int = 0
    encoding: str = "utf-8"


def bom_encoding(head: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``head``, or None."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    return None


def iter_blocks(stream: Readable, block: int = BLOCK_BYTES) -> Iterator[bytes]:
    """Read ``stream`` to the end in blocks."""
    while True:
        data = stream.read(block)
        if not data:
            return
        yield data


def iter_text(blocks: Iterable[bytes], stats: DecodeStats) -> Iterator[str]:
    """Decode byte blocks to text blocks; the codec comes from a BOM on the first block."""
    blocks = iter(blocks)
    first = next(blocks, b"")
    codec = bom_encoding(first)
    if codec in ("utf-16", "utf-32"):
        stats.encoding = codec or "utf-16"
        yield from _iter_bom_codec(first, blocks, stats.encoding)
        return
    if codec == "utf-8-sig":
        stats.encoding = codec
        first = first[len(codecs.BOM_UTF8) :]
    yield from _iter_utf8(first, blocks, stats)


def _iter_bom_codec(first: bytes, rest: Iterator[bytes], codec: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    yield decoder.decode(first)
    for data in rest:
        yield decoder.decode(data)
    yield decoder.decode(b"", final=True)


def _iter_utf8(first: bytes, rest: Iterator[bytes], stats: DecodeStats) -> Iterator[str]:
    carry = first
    for data in rest:
        data = carry + data
        cut = data.rfind(b"\n") + 1 or _char_boundary(data)
        carry = data[cut:]
        if cut:
            yield _decode(data[:cut], stats)
    if carry:
        yield _decode(carry, stats)


def _char_boundary(data: bytes) -> int:
    """An index near the end of ``data`` that does not split a UTF-8 sequence."""
    end = len(data)
    for back in range(1, min(4, end) + 1):
        if data[end - back] & 0xC0 != 0x80:  # a lead or ASCII byte: cut before it
            return end - back if data[end - back] >= 0xC0 else end
    return end


def _decode(segment: bytes, stats: DecodeStats) -> str:
    try:
        return segment.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = segment.split(b"\n")
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            stats.cp1252_lines += 1
            out.append(line.decode("cp1252", errors="replace"))
    return "\n".join(out)


def iter_lines(texts: Iterable[str]) -> Iterator[str]:
    """Split text blocks into lines that keep their ``\\n`` (only ``\\n`` ends a line)."""
    pending: list[str] = []  # pieces of a line not yet ended (a list: no quadratic joins)
    for text in texts:
        if "\n" not in text:
            pending.append(text)
            continue
        pending.append(text)
        parts = "".join(pending).split("\n")
        pending = [parts.pop()]
        for part in parts:
            yield part + "\n"
    tail = "".join(pending)
    if tail:
        yield tail
