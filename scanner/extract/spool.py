"""Random access for formats that need it (xlsx, docx, odt/ods, xls, PDF, Parquet).

Those formats keep their directory at the end of the file (ZIP central directory, PDF xref,
Parquet footer), so their readers need ``seek``. Extractors otherwise only ``read`` (see
``streams``), so the stream they get is made seekable here:

- A whole local file (the stream is the source's own OS file, read from offset 0) is used in
  place: no copy.
- Anything else (a gzip-decompressed stream, an archive member, an object-store body) is
  spooled first: in memory up to ``SPOOL_MEMORY_BYTES``, beyond that into an anonymous
  temporary file (``tempfile.SpooledTemporaryFile``: created with mode 0600 and unlinked at
  once on POSIX, so it is removed even if the worker is killed). Memory stays bounded; disk use
  is the size of the member. Size limits on members (zip bombs) are the container's job.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from scanner.extract.base import FileContext
from scanner.extract.decode import Readable
from scanner.extract.streams import CountingReader, PrefixReader
from scanner.model import Piece

SPOOL_MEMORY_BYTES = 32 << 20
COPY_BYTES = 1 << 20

# An extractor that needs a seekable binary file.
SeekableExtractor = Callable[[IO[bytes], FileContext], Iterator[Piece]]


@contextmanager
def seekable(stream: Readable, ctx: FileContext) -> Iterator[IO[bytes]]:
    """``stream`` as a seekable binary file positioned at 0 (the file itself, or a spool)."""
    direct = _os_file(stream)
    if direct is not None:
        start = direct.tell()
        direct.seek(0)
        yield direct
        ctx.outcome.bytes_read += max(0, os.fstat(direct.fileno()).st_size - start)
        return
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES) as spool:
        shutil.copyfileobj(stream, spool, COPY_BYTES)  # type: ignore[misc]
        spool.seek(0)
        yield spool  # type: ignore[misc]


def with_seekable(extractor: SeekableExtractor) -> Callable[[Readable, FileContext],
                                                             Iterator[Piece]]:
    """Wrap a seekable-file extractor so it takes any readable stream."""

    def run(stream: Readable, ctx: FileContext) -> Iterator[Piece]:
        with seekable(stream, ctx) as fp:
            yield from extractor(fp, ctx)

    run.__name__ = getattr(extractor, "__name__", "extract")
    run.__doc__ = extractor.__doc__
    return run


def _os_file(stream: Readable) -> Any:
    """The local file under ``PrefixReader(head, CountingReader(file))`` if it is a real OS
    file read from offset 0 (nothing but the head consumed), else None."""
    if not isinstance(stream, PrefixReader) or not isinstance(stream.rest, CountingReader):
        return None
    raw: Any = stream.rest.raw
    if not isinstance(raw, io.BufferedReader | io.FileIO):
        return None
    if not isinstance(getattr(raw, "raw", raw), io.FileIO):  # e.g. a tar member's reader
        return None
    try:
        if not raw.seekable() or raw.tell() != len(stream.pending):
            return None
    except (OSError, ValueError):
        return None
    return raw
