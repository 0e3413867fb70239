"""Safety limits of one file on disk and everything inside it (the zip-bomb guards).

One :class:`Scope` is made per scanned file; every member of it (archive members, attachments,
members of nested archives) shares it, so the limits hold for the file as a whole:

- ``max_archive_bytes``: member bytes read, all levels together (nested archives included);
- ``max_archive_members``: members listed, all levels together;
- ``max_file_seconds``: wall time from the start of the file;
- ``max_compression_ratio``: per member and per decompressed stream, decompressed bytes over
  compressed bytes, checked once ``RATIO_GRACE_BYTES`` came out (small, very compressible
  members are normal);
- ``max_archive_depth``: checked by the containers against ``FileContext.depth``.

A member stream that hits a limit ends (like a truncated file: what was read is scanned) and
its reader keeps the error for the member's row; a per-file limit (bytes, members, time) also
stops the scope, and each container above then records it on its own row and lists no more
members. Nothing is ever silent: each location that was cut short says which limit did it.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from typing import Any

from scanner.extract import errors
from scanner.extract.decode import Readable
from scanner.extract.errors import ExtractError
from scanner.model import ExtractOutcome, Member, Piece
from scanner.settings import Settings

RATIO_GRACE_BYTES = 1 << 20
_MIB = 1 << 20


class Scope:
    """The limits budget of one file on disk, shared by all its members."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.bytes = 0
        self.members = 0
        seconds = settings.max_file_seconds
        self.deadline = time.monotonic() + seconds if seconds else None
        self.stopped: tuple[str, str] | None = None  # (error_type, message) of a per-file limit

    def stop(self, error_type: str, message: str) -> None:
        """Record the first per-file limit hit; containers stop listing members."""
        if self.stopped is None:
            self.stopped = (error_type, message)

    def expired(self) -> bool:
        """True (and the scope stopped) once the file's time is up."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.stop(errors.TIME_LIMIT, f"stopped after the time limit of "
                      f"{self.settings.max_file_seconds} s per file (max_file_seconds)")
        return self.stopped is not None and self.stopped[0] == errors.TIME_LIMIT

    def admit_member(self) -> bool:
        """Count one more member; False (and the scope stopped) past ``max_archive_members``."""
        limit = self.settings.max_archive_members
        if limit and self.members >= limit:
            self.stop(errors.ARCHIVE_MEMBER_LIMIT, f"more than {limit} members in this file "
                      "(max_archive_members): the rest were not read")
            return False
        self.members += 1
        return True

    def charge(self, nbytes: int) -> bool:
        """Add ``nbytes`` of member content; False (and the scope stopped) past the budget."""
        self.bytes += nbytes
        limit = self.settings.max_archive_bytes
        if limit and self.bytes > limit:
            self.stop(errors.ARCHIVE_BYTES_LIMIT, f"more than {limit // _MIB} MiB of members "
                      "read from this file (max_archive_bytes): the rest were not read")
            return False
        return True


def ratio_exceeded(out_bytes: int, in_bytes: int | None, settings: Settings) -> bool:
    """True if ``out_bytes`` decompressed from ``in_bytes`` is beyond the ratio limit."""
    ratio = settings.max_compression_ratio
    if not ratio or in_bytes is None or out_bytes <= RATIO_GRACE_BYTES:
        return False
    return out_bytes > ratio * max(in_bytes, 1)


def ratio_message(settings: Settings) -> str:
    """The message of a ratio limit hit (no sizes of content, just the limit)."""
    return (f"decompressed more than {settings.max_compression_ratio} times its compressed "
            "size (max_compression_ratio, zip-bomb guard): the rest was not read")


# What reading a damaged member raises: zipfile.BadZipFile (bad CRC, bad local header),
# tarfile.ReadError, zlib/bz2/lzma errors, EOFError for truncated data.
def _damage_types() -> tuple[type[BaseException], ...]:
    import lzma
    import tarfile
    import zipfile

    return (zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError, EOFError,
            OSError, ValueError)


DAMAGE = _damage_types()


class LimitedReader:
    """A member's stream under the file's limits: ends (and keeps ``error``) on a limit hit,
    on damage, or when the time is up, instead of raising, so what came before is scanned."""

    def __init__(self, raw: Readable, scope: Scope, packed_size: int | None = None) -> None:
        self._raw = raw
        self._scope = scope
        self._packed = packed_size
        self.read_bytes = 0
        self.error: tuple[str, str] | None = None

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes of the member; b"" at its end or after a limit or damage."""
        if self.error is not None:
            return b""
        if self._scope.expired():
            self.error = self._scope.stopped
            return b""
        try:
            data = self._raw.read(size)
        except DAMAGE as exc:
            self.error = (errors.CORRUPT_MEMBER, f"member data damaged ({type(exc).__name__}); "
                          "content before it was scanned")
            return b""
        self.read_bytes += len(data)
        settings = self._scope.settings
        if ratio_exceeded(self.read_bytes, self._packed, settings):
            self.error = (errors.COMPRESSION_RATIO_LIMIT, ratio_message(settings))
            return b""
        if not self._scope.charge(len(data)):
            self.error = self._scope.stopped
            return b""
        return data


def timed(items: Iterator[Any], scope: Scope | None, outcome: ExtractOutcome
          ) -> Iterator[Piece | Member]:
    """Pass ``items`` through until the file's time is up; then record it and stop."""
    if scope is None or scope.deadline is None:
        yield from items
        return
    try:
        for item in items:
            yield item
            if scope.expired():
                assert scope.stopped is not None
                if outcome.error_type == scope.stopped[0]:
                    return  # a container already recorded it on this location
                raise ExtractError(*scope.stopped)
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
