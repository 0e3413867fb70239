"""Single-file compressors (gzip, bzip2, xz): the compressed file is the location; its content
is decompressed as a stream and read by the extractor for the inner format (inner name = outer
name without ``.gz``/``.bz2``/``.xz``, or the name stored in the gzip header, then the inner
content's magic bytes as usual). A ``.tar.gz`` is such a file holding a tar: the tar's members
become member locations of the ``.tar.gz``.

A truncated stream ends like a normal one for the inner extractor (so everything decoded
before the damage is scanned and flushed); afterwards the location gets status error,
``truncated_gzip`` / ``truncated_bzip2`` / ``truncated_xz``. Bad header, bad compressed data or
a CRC mismatch: ``corrupt_<format>``. A stream that decompresses to more than
``max_compression_ratio`` times what it read (after the first MiB) is a compression bomb: it
ends there with ``compression_ratio_limit``.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.decode import Readable
from scanner.extract.errors import ExtractError
from scanner.extract.limits import ratio_exceeded, ratio_message
from scanner.model import Member, Piece
from scanner.settings import Settings

# Inner dispatch (stream, inner name, ctx, depth) -> pieces, given by the package to avoid a
# circular import.
Dispatch = Callable[[Readable, str, FileContext, int], Iterator[Piece | Member]]
STEP_BYTES = 1 << 16
_FNAME = 0x08
_FEXTRA = 0x04
# kind -> (opener, truncated error type, corrupt error type, suffixes of the compressed name)
_CODECS: dict[str, tuple[Callable[[Any], Any], str, str, tuple[str, ...]]] = {
    "gzip": (lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"), errors.TRUNCATED_GZIP,
             errors.CORRUPT_GZIP, (".gz", ".gzip")),
    "bzip2": (lambda raw: bz2.BZ2File(raw, mode="rb"), errors.TRUNCATED_BZIP2,
              errors.CORRUPT_BZIP2, (".bz2", ".bz")),
    "xz": (lambda raw: lzma.LZMAFile(raw, mode="rb"), errors.TRUNCATED_XZ, errors.CORRUPT_XZ,
           (".xz", ".lzma")),
}
_TAR_SUFFIXES = {".tgz": ".tar", ".tbz2": ".tar", ".tbz": ".tar", ".txz": ".tar"}


class _Counted:
    """Count the compressed bytes the decompressor pulls (for the ratio guard)."""

    def __init__(self, raw: Readable) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data


class SafeGzipReader:
    """A decompressed stream (gzip by default) whose damage ends it (recorded) instead of
    raising; with ``settings`` it also ends at the compression-ratio limit."""

    def __init__(self, raw: Readable, kind: str = "gzip", settings: Settings | None = None
                 ) -> None:
        opener, self._truncated, self._corrupt, _ = _CODECS[kind]
        self._kind = kind
        self._raw = _Counted(raw)
        self._gz = opener(self._raw)
        self._settings = settings
        self._out = 0
        self.error: tuple[str, str] | None = None

    def read(self, size: int = -1, /) -> bytes:
        """Decompressed bytes; b"" at the end or after damage.

        Reads with ``read1`` in small steps: ``GzipFile.read(n)`` would drop everything it had
        decompressed in the call that hits the damage.
        """
        want = size if size is not None and size >= 0 else 1 << 62
        parts: list[bytes] = []
        got = 0
        try:
            while got < want and not self.error:
                data = self._gz.read1(min(want - got, STEP_BYTES))
                if not data:
                    break
                parts.append(data)
                got += len(data)
                self._out += len(data)
                if self._settings and ratio_exceeded(self._out, self._raw.count, self._settings):
                    self.error = (errors.COMPRESSION_RATIO_LIMIT, f"{self._kind} stream "
                                  + ratio_message(self._settings))
        except EOFError:
            self.error = (self._truncated, f"{self._kind} stream ends early (truncated); "
                          "content before it was scanned")
        except (gzip.BadGzipFile, zlib.error, lzma.LZMAError, OSError) as exc:
            self.error = (self._corrupt,
                          f"corrupt {self._kind} data ({exc.__class__.__name__}); "
                          "content before it was scanned")
        return b"".join(parts)


def inner_name(outer: str, head: bytes) -> str:
    """The member's name: ``x.csv.gz`` -> ``x.csv``; else the header's FNAME; else outer."""
    path = PurePosixPath(outer)
    suffix = path.suffix.lower()
    if suffix in _TAR_SUFFIXES:
        return path.stem + ".tar"
    compressed = {s for codec in _CODECS.values() for s in codec[3]}
    stem = path.stem if suffix in compressed else path.name
    if PurePosixPath(stem).suffix:
        return stem
    stored = _header_name(head) if head[:2] == b"\x1f\x8b" else None
    return stored or stem


def _header_name(head: bytes) -> str | None:
    if len(head) < 10 or not head[3] & _FNAME:
        return None
    pos = 10
    if head[3] & _FEXTRA:
        if len(head) < 12:
            return None
        pos += 2 + int.from_bytes(head[10:12], "little")
    end = head.find(b"\x00", pos)
    if end < 0:
        return None
    return PurePosixPath(head[pos:end].decode("latin-1")).name or None


def extract_gzip(
    raw: Readable, head: bytes, ctx: FileContext, depth: int, dispatch: Dispatch,
    kind: str = "gzip",
) -> Iterator[Piece | Member]:
    """Decompress ``raw`` (whose first bytes are ``head``) and extract the inner content."""
    stream = SafeGzipReader(raw, kind, ctx.settings)
    try:
        yield from dispatch(stream, inner_name(ctx.name, head), ctx, depth + 1)
    except ExtractError as exc:  # the inner format broke because the stream ended early:
        if stream.error is None:  # record both, the compressor's cause last (it wins)
            raise
        set_error(ctx.outcome, "error", exc.error_type, exc.message)
    if stream.error:
        set_error(ctx.outcome, "error", *stream.error)
