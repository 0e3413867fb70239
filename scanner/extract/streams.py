"""Small byte-stream wrappers: count what was read, give back a sniffed head, align ranges.

Extractors only ever call ``read(n)`` on what they get (never ``seek``), so the same code reads
a local file, a gzip member, and later an object-store stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.extract.decode import BLOCK_BYTES, Readable
from scanner.model import ExtractOutcome

HEAD_BYTES = 8192


class CountingReader:
    """Pass reads through and add their size to ``outcome.bytes_read`` as they happen."""

    def __init__(self, raw: Readable, outcome: ExtractOutcome) -> None:
        self._raw = raw
        self._outcome = outcome

    @property
    def raw(self) -> Readable:
        """The wrapped stream (the spooler looks through wrappers for a real, seekable file)."""
        return self._raw

    def read(self, size: int = -1, /) -> bytes:
        """Read from the wrapped stream."""
        data = self._raw.read(size)
        self._outcome.bytes_read += len(data)
        return data


class PrefixReader:
    """A stream whose first bytes (already read to sniff the format) are given back first."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self._head = head
        self._rest = rest

    @property
    def pending(self) -> bytes:
        """Head bytes not read yet."""
        return self._head

    @property
    def rest(self) -> Readable:
        """The stream the head was read from."""
        return self._rest

    def read(self, size: int = -1, /) -> bytes:
        """Read the head first, then the rest."""
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._rest.read(size)


def read_head(stream: Readable, size: int = HEAD_BYTES) -> bytes:
    """Read up to ``size`` bytes (several reads if the stream returns short ones)."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        data = stream.read(size - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def range_blocks(fp: Any, start: int, end: int, block: int = BLOCK_BYTES) -> Iterator[bytes]:
    """The bytes of the lines that *start* in ``[start, end)`` of a seekable file.

    A range that starts mid-line skips to the next line start; the last line is read to its
    end even past ``end``. So adjacent ranges read every line exactly once.
    """
    pos = start
    data = b""
    if start > 0:
        fp.seek(start - 1)
        if fp.read(1) != b"\n":
            while True:  # skip the rest of the line the previous range owns
                data = fp.read(block)
                if not data:
                    return
                newline = data.find(b"\n")
                if newline >= 0:
                    pos += newline + 1
                    data = data[newline + 1 :]
                    break
                pos += len(data)
    else:
        fp.seek(0)
    if pos >= end:
        return
    while True:
        if not data:
            data = fp.read(block)
            if not data:
                return
        if pos + len(data) >= end:
            newline = data.find(b"\n", max(0, end - 1 - pos))
            if newline >= 0:
                yield data[: newline + 1]
                return
        yield data
        pos += len(data)
        data = b""
