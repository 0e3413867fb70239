"""What every container extractor (zip, tar, eml, msg) shares: the depth check, the member
budget, and how a member value is made (safe location, decoded name, limits scope)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import IO

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.limits import Scope
from scanner.extract.names import base_name, is_unsafe, member_location
from scanner.model import STATUS_ERROR, STATUS_SKIPPED, Member


def depth_allows(ctx: FileContext, status: str = STATUS_SKIPPED) -> bool:
    """False (recorded on the container) if its members would be nested too deep.

    ``status`` is skipped for an archive (nothing of it was read) and error for a mail whose
    own headers and body were read but whose attachments were not.
    """
    limit = ctx.settings.max_archive_depth
    if limit and ctx.depth >= limit:
        set_error(ctx.outcome, status, errors.ARCHIVE_DEPTH_LIMIT,
                  f"nested more than {limit} containers deep (max_archive_depth): "
                  "its members were not read")
        return False
    return True


def may_list(ctx: FileContext) -> bool:
    """Ask before yielding one more member: False (recorded on the container) once a limit of
    the file (members, bytes, time) is reached."""
    scope: Scope | None = ctx.scope
    if scope is None:
        return True
    scope.expired()
    if scope.stopped is None and scope.admit_member():
        return True
    assert scope.stopped is not None
    set_error(ctx.outcome, STATUS_ERROR, *scope.stopped)
    return False


def make_member(
    ctx: FileContext,
    path: str,
    opener: Callable[[], IO[bytes]] | None,
    *,
    size: int | None = None,
    packed_size: int | None = None,
    last_modified: datetime | None = None,
    skip: tuple[str, str, str] | None = None,
) -> Member:
    """A member of the container ``ctx`` reads, at ``path`` inside it (archives count their
    members in ``units_scanned``; that is up to the container)."""
    note = None
    if is_unsafe(path):
        note = (errors.UNSAFE_MEMBER_PATH, "member path is absolute or climbs out with '..': "
                "read in memory only, its location percent-encoded")
    return Member(
        location=member_location(ctx.location, path), name=base_name(path), open=opener,
        size=size, packed_size=packed_size, last_modified=last_modified, depth=ctx.depth + 1,
        skip=skip, note=note, scope=ctx.scope,
    )


def unique_name(name: str, used: set[str]) -> str:
    """``name``, or ``stem-2.ext``, ``stem-3.ext``... if an earlier member of the same container
    already has it (two attachments called ``scan.pdf`` are two locations)."""
    unique, k = name, 1
    while unique in used:
        k += 1
        stem, dot, suffix = name.rpartition(".")
        unique = f"{stem}-{k}.{suffix}" if dot and stem else f"{name}-{k}"
    used.add(unique)
    return unique
