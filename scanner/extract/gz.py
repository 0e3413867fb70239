"""gzip: the ``.gz`` file is the location; its content is decompressed as a stream and read
by the extractor for the inner format (inner name = outer name without ``.gz``, or the name
stored in the gzip header, then the inner content's magic bytes as usual).

A truncated stream ends like a normal one for the inner extractor (so everything decoded
before the damage is scanned and flushed); afterwards the location gets status error,
``truncated_gzip``. Bad header, bad deflate data or a CRC mismatch: ``corrupt_gzip``.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.decode import Readable
from scanner.model import Piece

# Inner dispatch (stream, inner name, ctx, depth) -> pieces, given by the package to avoid a
# circular import.
Dispatch = Callable[[Readable, str, FileContext, int], Iterator[Piece]]
STEP_BYTES = 1 << 16
_FNAME = 0x08
_FEXTRA = 0x04


class SafeGzipReader:
    """A gzip stream whose damage ends the stream (recorded) instead of raising."""

    def __init__(self, raw: Readable) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[call-overload]
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
        except EOFError:
            self.error = (errors.TRUNCATED_GZIP,
                          "gzip stream ends early (truncated); content before it was scanned")
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            self.error = (errors.CORRUPT_GZIP,
                          f"corrupt gzip data ({exc.__class__.__name__}); "
                          "content before it was scanned")
        return b"".join(parts)


def inner_name(outer: str, head: bytes) -> str:
    """The member's name: ``x.csv.gz`` -> ``x.csv``; else the header's FNAME; else outer."""
    path = PurePosixPath(outer)
    suffix = path.suffix.lower()
    if suffix == ".tgz":
        return path.stem + ".tar"
    stem = path.stem if suffix in (".gz", ".gzip") else path.name
    if PurePosixPath(stem).suffix:
        return stem
    stored = _header_name(head)
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
    raw: Readable, head: bytes, ctx: FileContext, depth: int, dispatch: Dispatch
) -> Iterator[Piece]:
    """Decompress ``raw`` (whose first bytes are ``head``) and extract the inner content."""
    stream = SafeGzipReader(raw)
    yield from dispatch(stream, inner_name(ctx.name, head), ctx, depth + 1)
    if stream.error:
        set_error(ctx.outcome, "error", *stream.error)
