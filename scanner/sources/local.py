"""Local files: a folder (walked recursively), a single file, or a ``file://`` URI.

Decisions:
- The root is resolved (``realpath``) first; locations are ``Path.as_uri()`` of real paths.
- The walk uses ``os.scandir``, sorted by name (deterministic), hidden files included.
- Symlinks are never followed out of the root. A link to a file inside the root is scanned
  once, under the target's path (a link and its target, or two links, give one unit); a link
  to a directory inside the root is not followed (its target is walked where it lives, which
  also makes loops harmless). A link pointing outside is recorded as skipped
  ``symlink_outside_root``; a dangling one as skipped ``broken_symlink``; a loop ``symlink_loop``.
- FIFOs, sockets and devices are recorded as skipped ``special_file`` and never opened.
- ``--exclude`` globs (fnmatch, ``*`` also matches ``/``) are matched against the path relative
  to the root, the absolute path and the bare name; an excluded directory is not entered.
- A directory that cannot be listed becomes a LocationError row and the walk goes on.
- Plain-text files (by extension, and a cheap look at their first bytes: no NUL, no UTF-16/32
  BOM, not gzip/bzip2/xz/zip) larger than ``split_bytes`` are split into several units with the same
  location and byte ranges ``[range_start, range_end)``; ``extra`` holds part / parts.
- A SQLite database in the folder (a ``.db``/``.sqlite``/``.sqlite3``/``.db3``/``.s3db``/``.sl3``
  file that starts with the SQLite header) is scanned as a database: its tables are units of the
  SQL source, exactly as for a ``sqlite:///`` URI (read-only, locations
  ``sqlite:////abs/app.db/main.customers``). Other SQLite files are found by content later and
  recorded as skipped with that hint; checking every file's header here would cost one more open
  per file while listing.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from scanner.model import (
    SOURCE_FILE,
    STATUS_SKIPPED,
    LocationError,
    ScanUnit,
)
from scanner.settings import Settings
from scanner.sources.base import Source, SourceError, SourceUriError

SPLITTABLE_SUFFIXES = frozenset({".txt", ".log", ".md", ".text", ".out", ".err"})
_NOT_SPLITTABLE_HEADS = (b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"PK\x03\x04",
                         b"BZh", b"\xfd7zXZ")  # compressed or archives: never split as text
_SCHEME_PREFIX = "file:"


def path_from_uri(uri: str) -> Path:
    """The local path a URI or plain path names (``file://`` URIs percent-decoded)."""
    if not uri.lower().startswith(_SCHEME_PREFIX):
        return Path(uri).expanduser()
    parts = urlsplit(uri)
    if parts.netloc not in ("", "localhost"):
        raise SourceUriError(f"file URI with a remote host is not supported: {parts.netloc}")
    return Path(url2pathname(unquote(parts.path)))


def _error(path: str, error_type: str, message: str, status: str = "error") -> LocationError:
    return LocationError(Path(path).as_uri(), SOURCE_FILE, error_type, message, status)


def _os_error(path: str, exc: OSError, what: str) -> LocationError:
    kinds = {errno.EACCES: "permission_denied", errno.EPERM: "permission_denied",
             errno.ENOENT: "not_found", errno.ELOOP: "symlink_loop"}
    kind = kinds.get(exc.errno or 0, "os_error")
    return _error(path, kind, f"{what}: {exc.strerror or exc.__class__.__name__}")


class LocalSource(Source):
    """Files on a local (or mounted) file system."""

    scheme = "local"
    source_type = SOURCE_FILE

    @classmethod
    def claims(cls, uri: str) -> bool:
        """A path without a URI scheme (a one-letter "scheme" is a drive), or ``file:``."""
        head, sep, _ = uri.partition(":")
        if not uri.strip():
            return False
        if uri.lower().startswith(_SCHEME_PREFIX):
            return urlsplit(uri).netloc in ("", "localhost")
        is_scheme = sep and len(head) > 1 and head.replace("+", "").replace("-", "").isalnum()
        return not is_scheme or "/" in head

    def list_units(self, uri: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
        """Units for the file or every file under the folder ``uri`` names."""
        given = os.path.abspath(path_from_uri(uri))
        try:
            st = os.stat(given)
        except OSError as exc:
            yield _os_error(given, exc, "cannot read the path")
            return
        root = os.path.realpath(given)
        walk = _Walk(root, uri, settings)
        if stat.S_ISDIR(st.st_mode):
            yield from walk.directory()
        elif not walk.excluded(root):
            yield from walk.entry_units(root, st)

    @contextmanager
    def open_unit(self, unit: ScanUnit, settings: Settings) -> Iterator[BinaryIO]:
        """Open the file read-only; never blocks on a FIFO, never follows a new symlink."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(unit.key, flags)
        except OSError as exc:
            error = _os_error(unit.key, exc, "cannot open the file")
            if error.error_type == "not_found":
                raise SourceError("not_found", "the file vanished before it was read") from None
            raise SourceError(error.error_type, error.error_message) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise SourceError("special_file", "not a regular file (fifo, socket or device)")
        with os.fdopen(fd, "rb") as handle:
            yield handle


class _Walk:
    """One walk of a root: exclude matching, symlink policy, unit making."""

    def __init__(self, root: str, uri: str, settings: Settings) -> None:
        self.root = root
        self.uri = uri
        self.settings = settings
        self.seen: set[str] = set()  # real paths already made into units

    def excluded(self, path: str) -> bool:
        patterns = self.settings.exclude
        if not patterns:
            return False
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        names = (rel, path, os.path.basename(path))
        return any(fnmatch.fnmatchcase(name, pat) for pat in patterns for name in names)

    def excluded_on_the_way(self, path: str) -> bool:
        """Excluded itself or below an excluded directory (for symlink targets)."""
        while self.inside(path) and path != self.root:
            if self.excluded(path):
                return True
            path = os.path.dirname(path)
        return False

    def inside(self, path: str) -> bool:
        return path == self.root or path.startswith(self.root.rstrip(os.sep) + os.sep)

    def directory(self) -> Iterator[ScanUnit | LocationError]:
        stack = [self.root]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                yield _os_error(folder, exc, "cannot list the directory")
                continue
            subdirs = []
            for entry in entries:
                if self.excluded(entry.path):
                    continue
                try:
                    if entry.is_symlink():
                        yield from self.symlink(entry.path)
                    elif entry.is_dir(follow_symlinks=False):
                        subdirs.append(entry.path)
                    else:
                        yield from self.entry_units(entry.path, entry.stat(follow_symlinks=False))
                except OSError as exc:
                    yield _os_error(entry.path, exc, "cannot read the entry")
            stack.extend(reversed(subdirs))

    def symlink(self, link: str) -> Iterator[ScanUnit | LocationError]:
        try:
            st = os.stat(link)
        except OSError as exc:
            kind = "symlink_loop" if exc.errno == errno.ELOOP else "broken_symlink"
            yield _error(link, kind, "symbolic link cannot be resolved", STATUS_SKIPPED)
            return
        target = os.path.realpath(link)
        if not self.inside(target):
            yield _error(link, "symlink_outside_root",
                         "symbolic link points outside the scanned folder", STATUS_SKIPPED)
        elif not stat.S_ISDIR(st.st_mode) and not self.excluded_on_the_way(target):
            yield from self.entry_units(target, st)

    def entry_units(self, path: str, st: os.stat_result) -> Iterator[ScanUnit | LocationError]:
        if not stat.S_ISREG(st.st_mode):
            yield _error(path, "special_file", "not a regular file (fifo, socket or device)",
                         STATUS_SKIPPED)
            return
        if path in self.seen:
            return
        self.seen.add(path)
        if is_sqlite_file(path):
            yield from sqlite_units(path, self.settings)
            return
        yield from file_units(path, st, self.uri, self.settings)


SQLITE_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3", ".db3", ".s3db", ".sl3"})
_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: str) -> bool:
    """A file with a SQLite suffix and header (unreadable ones are left to the file path)."""
    if os.path.splitext(path)[1].lower() not in SQLITE_SUFFIXES:
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def sqlite_units(path: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
    """The tables of a SQLite file found in a folder, as the SQL source lists them."""
    from sqlalchemy.engine import URL  # SQLAlchemy and the SQL source: only when needed

    from scanner.sources.sql import SqlSource

    # URL.create escapes what a file name may hold and a URL may not ("?", "#", "%").
    uri = URL.create("sqlite", database=path).render_as_string(hide_password=False)
    yield from SqlSource().list_units(uri, settings)


def file_units(path: str, st: os.stat_result, uri: str, settings: Settings) -> Iterator[ScanUnit]:
    """One unit for a file, or several byte ranges of a big plain-text file."""
    base = ScanUnit(
        location=Path(path).as_uri(),
        source_type=SOURCE_FILE,
        scheme=LocalSource.scheme,
        key=path,
        source_uri=uri,
        size=st.st_size,
        last_modified=datetime.fromtimestamp(st.st_mtime, tz=UTC),
    )
    split = settings.split_bytes
    if not split or st.st_size <= split or not splittable(path):
        yield base
        return
    parts = -(-st.st_size // split)
    for part in range(parts):
        yield ScanUnit(
            location=base.location, source_type=base.source_type, scheme=base.scheme,
            key=path, source_uri=uri, size=st.st_size, last_modified=base.last_modified,
            extra={"part": part, "parts": parts},
            range_start=part * split, range_end=min(st.st_size, (part + 1) * split),
        )


def splittable(path: str) -> bool:
    """Plain text that can be cut at byte-level line ends: by extension and a look at the head."""
    name = os.path.basename(path).lower()
    suffix = Path(name).suffix
    if suffix not in SPLITTABLE_SUFFIXES and ".log" not in name:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"\x00" not in head and not head.startswith(_NOT_SPLITTABLE_HEADS)
