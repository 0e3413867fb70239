"""zip archives: every file entry is a member location ``a.zip!/dir/b.csv``, read by its own
format (a nested zip yields members again, up to ``max_archive_depth``).

Nothing is extracted to disk: members are streamed from the archive (zipfile opens each one
as a decompressing stream). The archive itself needs random access: a local file is read in
place, anything else (a member, a decompressed stream) is spooled by ``spool.seekable``.

- Names: see ``names`` (UTF-8 flag, Info-ZIP Unicode Path field, else a smart code page).
- Dates: the extended-timestamp field (0x5455, UTC) when present, else the DOS time (which
  has no zone) read as UTC.
- Encrypted members (flag bit 0, ZipCrypto or AES): skipped ``encrypted``; compression methods
  zipfile lacks (Deflate64, PPMd...): skipped ``unsupported_compression``; a member whose
  declared sizes are beyond ``max_compression_ratio``: skipped ``compression_ratio_limit``
  before a byte of it is inflated (and the reader checks the real ratio as it goes).
- A damaged central directory (``corrupt_zip``): the members are recovered from their local
  headers, front to back, up to the damage (stored and deflated members, as a download cut
  short leaves them), so members before the damage keep their findings. The same front-to-back
  reading serves a zip whose directory declares more than 4x ``max_archive_members`` entries
  (zipfile would hold the whole directory in memory first): the first members are read, then
  ``archive_member_limit``.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import IO, Any, cast

from scanner.extract import errors
from scanner.extract.base import FileContext
from scanner.extract.container import depth_allows, make_member, may_list
from scanner.extract.decode import Readable
from scanner.extract.errors import ExtractError
from scanner.extract.limits import ratio_exceeded, ratio_message
from scanner.extract.names import zip_member_name
from scanner.extract.spool import seekable
from scanner.model import STATUS_SKIPPED, Member, Piece

SUPPORTED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                               zipfile.ZIP_LZMA})
_EXT_TIME = 0x5455
_ENCRYPTED = 0x1
_DESCRIPTOR = 0x8
_UTF8 = 0x800
_LOCAL = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_OPEN_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, struct.error)


def extract_zip(stream: Readable, ctx: FileContext) -> Iterator[Piece | Member]:
    """Yield one member per file entry of the zip archive in ``stream``."""
    if not depth_allows(ctx):
        return
    with seekable(stream, ctx) as fp:
        if _too_many_entries(fp, ctx):  # its directory alone would fill memory: read the front
            found = yield from _recover(fp, ctx)
            raise ExtractError(errors.ARCHIVE_MEMBER_LIMIT, f"the zip declares far more "
                               f"members than max_archive_members; the first {found} were read "
                               "from their local headers") from None
        try:
            archive = zipfile.ZipFile(fp)
        except _OPEN_DAMAGE as exc:
            found = yield from _recover(fp, ctx)
            raise ExtractError(errors.CORRUPT_ZIP, f"zip central directory unreadable "
                               f"({type(exc).__name__}); {found} members were recovered from "
                               "their local headers") from None
        if _directory_of_an_inner_zip(fp, archive):
            archive.close()
            found = yield from _recover(fp, ctx)
            raise ExtractError(errors.CORRUPT_ZIP, "zip central directory missing (the one found "
                               f"belongs to a stored inner zip); {found} members were recovered "
                               "from their local headers") from None
        with archive:
            for info in archive.infolist():
                if info.is_dir() or _is_symlink(info):
                    continue
                if not may_list(ctx):
                    return
                yield _member(archive, info, ctx)
                ctx.outcome.units_scanned += 1


def _directory_of_an_inner_zip(fp: IO[bytes], archive: zipfile.ZipFile) -> bool:
    """True when the file starts with a member but the directory found lists none there.

    A zip cut short loses its own directory; if its last member is a zip stored uncompressed,
    zipfile finds *that* zip's directory at the end and would list the inner members only (the
    outer ones silently lost). A whole zip's first member starts at offset 0; a self-extracting
    archive (data before the zip) does not start with a member header.
    """
    infos = archive.infolist()
    fp.seek(0)
    starts_with_member = fp.read(4) == b"PK\x03\x04"
    return starts_with_member and (not infos or min(i.header_offset for i in infos) > 0)


def _too_many_entries(fp: IO[bytes], ctx: FileContext) -> bool:
    """True if the end-of-central-directory record declares over 4x ``max_archive_members``
    entries (zipfile would load every one of them before the first could be read)."""
    limit = ctx.settings.max_archive_members
    end_record = getattr(zipfile, "_EndRecData", None)  # private, stable since Python 2
    if not limit or end_record is None:
        return False
    try:
        end = end_record(fp)
    except (OSError, ValueError, struct.error):
        return False
    finally:
        fp.seek(0)
    return bool(end) and int(end[4]) > 4 * limit  # index 4: _ECD_ENTRIES_TOTAL


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: FileContext) -> Member:
    skip = _skip_reason(info.flag_bits, info.compress_type, info.file_size, info.compress_size,
                        ctx)
    return make_member(ctx, zip_member_name(info), partial(archive.open, info),
                       size=info.file_size, packed_size=info.compress_size,
                       last_modified=_modified(info), skip=skip)


def _skip_reason(flags: int, method: int, size: int, packed: int, ctx: FileContext
                 ) -> tuple[str, str, str] | None:
    if flags & _ENCRYPTED:
        return (STATUS_SKIPPED, errors.ENCRYPTED, "encrypted zip member (password-protected): "
                "not read")
    if method not in SUPPORTED_METHODS:
        return (STATUS_SKIPPED, errors.UNSUPPORTED_COMPRESSION,
                f"zip compression method {method} is not supported: not read")
    if ratio_exceeded(size, packed, ctx.settings):
        return (STATUS_SKIPPED, errors.COMPRESSION_RATIO_LIMIT,
                "declared sizes " + ratio_message(ctx.settings).replace("the rest was", "so it "
                                                                         "was"))
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _modified(info: zipfile.ZipInfo) -> datetime | None:
    stamp = _extended_mtime(info.extra)
    if stamp is not None:
        try:
            return datetime.fromtimestamp(stamp, UTC)
        except (OverflowError, OSError, ValueError):
            pass
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _extended_mtime(extra: bytes) -> int | None:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if tag == _EXT_TIME and len(body) >= 5 and body[0] & 1:
            return int(struct.unpack_from("<i", body, 1)[0])
    return None


# -- recovery from local headers (the central directory is damaged or missing) ---------------


def _recover(fp: IO[bytes], ctx: FileContext) -> Generator[Member, None, int]:
    """Members found by walking local headers from the start; returns how many were found."""
    found = 0
    pos = 0
    while True:
        fp.seek(pos)
        header = fp.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL:
            return found
        (_, _, flags, method, mtime, mdate, _, packed, size, nlen, elen) = \
            _LOCAL_HEADER.unpack(header)
        raw_name, extra = fp.read(nlen), fp.read(elen)
        start = pos + _LOCAL_HEADER.size + nlen + elen
        info = zipfile.ZipInfo(raw_name.decode("utf-8" if flags & _UTF8 else "cp437", "replace"))
        info.flag_bits, info.extra = flags, extra
        info.date_time = _dos_time(mdate, mtime)
        sized = not flags & _DESCRIPTOR
        if not info.is_dir():
            if not may_list(ctx):
                return found
            skip = _skip_reason(flags, method, size, packed, ctx) if sized else None
            if skip is None and method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                skip = (STATUS_SKIPPED, errors.UNSUPPORTED_COMPRESSION,
                        f"zip method {method} cannot be recovered without the central directory")
            if skip is None and not sized and method != zipfile.ZIP_DEFLATED:
                skip = (STATUS_SKIPPED, errors.CORRUPT_ZIP, "stored member of unknown size "
                        "and no central directory: not read")
            opener = cast(Callable[[], IO[bytes]],
                          partial(_LocalEntry, fp, start, packed if sized else None, method))
            found += 1
            ctx.outcome.units_scanned += 1
            yield make_member(ctx, zip_member_name(info), opener, size=size if sized else None,
                              packed_size=packed if sized else None,
                              last_modified=_modified(info), skip=skip)
        if sized:
            pos = start + packed
        else:
            nxt = _find_next_header(fp, start)
            if nxt is None:
                return found
            pos = nxt


def _dos_time(mdate: int, mtime: int) -> tuple[int, int, int, int, int, int]:
    return ((mdate >> 9) + 1980, (mdate >> 5) & 0xF, mdate & 0x1F,
            mtime >> 11, (mtime >> 5) & 0x3F, (mtime & 0x1F) * 2)


def _find_next_header(fp: IO[bytes], start: int, block: int = 1 << 20) -> int | None:
    pos = start
    tail = b""
    while True:
        fp.seek(pos)
        data = fp.read(block)
        if not data:
            return None
        hay = tail + data
        hit = hay.find(_LOCAL)
        if hit >= 0:
            return pos - len(tail) + hit
        tail = hay[-3:]
        pos += len(data)


class _LocalEntry:
    """The data of one member found by its local header: stored or deflated, read in steps
    from the shared archive file (members are read one at a time, so seeking is safe)."""

    def __init__(self, fp: IO[bytes], start: int, packed: int | None, method: int) -> None:
        self._fp = fp
        self._pos = start
        self._left = packed
        self._inflate: Any = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None

    def read(self, size: int = -1, /) -> bytes:
        want = size if size is not None and size > 0 else 1 << 16
        out = b""
        while not out:
            raw = self._raw(max(want, 1 << 14))
            if self._inflate is None:
                return raw
            if not raw:
                if not self._inflate.eof:
                    raise EOFError("member data ends early")
                return b""
            out = self._inflate.decompress(raw, want)
            if self._inflate.unconsumed_tail:
                self._pos -= len(self._inflate.unconsumed_tail)
                if self._left is not None:
                    self._left += len(self._inflate.unconsumed_tail)
            if self._inflate.eof:
                self._left = 0
        return out

    def _raw(self, size: int) -> bytes:
        if self._left is not None:
            size = min(size, self._left)
        if size <= 0:
            return b""
        self._fp.seek(self._pos)
        data = self._fp.read(size)
        if not data and self._left:
            raise EOFError("member data ends early")
        self._pos += len(data)
        if self._left is not None:
            self._left -= len(data)
        return data

    def close(self) -> None:
        """Nothing to release: the archive file belongs to the container."""

    def __enter__(self) -> _LocalEntry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

