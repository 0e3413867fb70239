"""tar archives (plain; tar.gz/tgz, tar.bz2 and tar.xz arrive here already decompressed by the
compressor layer): every regular file is a member location ``a.tar.gz!/dir/b.csv``.

The archive is read as a stream, front to back, once (``tarfile`` stream mode): nothing is
extracted, no seeking, and memory stays flat however many members there are (each header is
dropped once its member is done). Links, directories and devices carry no content and are
passed over. Names: pax headers are UTF-8; old headers with bytes that are not UTF-8 are read
as cp1252. Dates: the member's mtime (UTC).

Damage: ``tarfile`` treats a missing end-of-archive marker, a cut header and even a bad header
checksum in mid-archive as a normal end. Here they are errors on the archive's row
(``truncated_tar`` / ``corrupt_tar``); a member whose data is cut short gets ``corrupt_member``.
Members before the damage keep their findings.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.container import depth_allows, make_member, may_list
from scanner.extract.decode import Readable
from scanner.extract.errors import ExtractError
from scanner.extract.names import tar_member_name
from scanner.model import STATUS_ERROR, Member, Piece

_tar: Any = tarfile  # its header errors are real but not in the stubs


class _Header(tarfile.TarInfo):
    """TarInfo that tells its archive why reading stopped (``tarfile`` hides it)."""

    @classmethod
    def fromtarfile(cls, tarfile_: Any) -> Any:  # noqa: D102 - tarfile's own hook
        try:
            return super().fromtarfile(tarfile_)
        except (_tar.EmptyHeaderError, _tar.TruncatedHeaderError):
            tarfile_.pii_end = errors.TRUNCATED_TAR
            raise
        except _tar.InvalidHeaderError:
            tarfile_.pii_end = errors.CORRUPT_TAR
            raise


def extract_tar(stream: Readable, ctx: FileContext) -> Iterator[Piece | Member]:
    """Yield one member per regular file of the tar archive in ``stream``."""
    if not depth_allows(ctx):
        return
    try:
        archive = tarfile.open(fileobj=stream, mode="r|", tarinfo=_Header,  # type: ignore[call-overload]
                               encoding="utf-8", errors="surrogateescape")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ExtractError(errors.CORRUPT_TAR, f"not a readable tar archive "
                           f"({type(exc).__name__})") from None
    with archive:
        while True:
            info = _next(archive)
            archive.members.clear()  # stream mode never looks back: keep memory flat
            if info is None:
                break
            if not info.isreg():
                continue
            if not may_list(ctx):
                return
            yield _member(archive, info, ctx)
            ctx.outcome.units_scanned += 1
    end = getattr(archive, "pii_end", None)
    if end is not None:
        what = "ends early" if end == errors.TRUNCATED_TAR else "has a bad header"
        set_error(ctx.outcome, STATUS_ERROR, end,
                  f"tar archive {what}; members before it were scanned")


def _next(archive: Any) -> tarfile.TarInfo | None:
    try:
        info: tarfile.TarInfo | None = archive.next()
        return info
    except (tarfile.ReadError, EOFError, OSError) as exc:
        raise ExtractError(errors.TRUNCATED_TAR, f"tar archive ends or breaks inside a member "
                           f"({type(exc).__name__}); members before it were scanned") from None


def _member(archive: tarfile.TarFile, info: tarfile.TarInfo, ctx: FileContext) -> Member:
    def opener() -> IO[bytes]:
        handle = archive.extractfile(info)
        if handle is None:  # not a regular file after all
            raise OSError("no data")
        return handle

    try:
        when: datetime | None = datetime.fromtimestamp(info.mtime, UTC)
    except (OverflowError, OSError, ValueError):
        when = None
    return make_member(ctx, tar_member_name(info.name), opener, size=info.size,
                       last_modified=when)
