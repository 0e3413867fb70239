"""Extractors: turn an opened scan unit (bytes or table rows) into bounded pieces of text.

``extract`` chooses the extractor by content (magic bytes first, then the extension, then "does
it decode as text"), from the table ``TEXT_EXTRACTORS``. It does not raise for bad input:
every failure becomes ``outcome.status`` / ``error_type`` / ``error_message`` (messages never
hold file content) and the pieces yielded before it stay valid. Decisions:

- 0-byte file: status ok, 0 units (nothing to scan is not an error).
- Binary file: status skipped, error_type ``binary``, the reason (format or "NUL bytes").
- Invalid UTF-8: those lines are read as cp1252; status ok, error_type ``invalid_utf8``.
- A unit with a byte range (a big text file split by the source) is read as plain text, from
  the first line that starts in the range to the end of the last one (see ``range_blocks``);
  its unit numbers are relative to the range.
Only exceptions of unknown kind (bugs) escape; OS errors and errors carrying an
``error_type`` attribute (``ExtractError``, a source's error from a row iterator) are recorded.

Containers (zip, tar, eml, msg; table ``STREAM_EXTRACTORS``) yield ``Member`` values between
their pieces. The pipeline scans each member at once as its own location through
``extract_member``, which dispatches it through the same format table as a file on disk (a
CSV in a zip keeps its fields, a zip in a zip yields members again) under the safety limits of
the file it came from (``limits.Scope``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from scanner.extract import detect as formats
from scanner.extract import errors
from scanner.extract.base import FileContext, StreamExtractor, TextExtractor, set_error
from scanner.extract.decode import Readable, iter_blocks, iter_text
from scanner.extract.delimited import extract_csv
from scanner.extract.documents import DOCUMENT_EXTRACTORS, DOCUMENT_TEXT_EXTRACTORS
from scanner.extract.errors import ExtractError
from scanner.extract.gz import extract_gzip
from scanner.extract.jsondoc import extract_json
from scanner.extract.jsonlines import extract_jsonl
from scanner.extract.limits import DAMAGE, LimitedReader, Scope, timed
from scanner.extract.mail import extract_eml
from scanner.extract.outlook import extract_msg
from scanner.extract.streams import CountingReader, PrefixReader, range_blocks, read_head
from scanner.extract.table import extract_table
from scanner.extract.tararchive import extract_tar
from scanner.extract.text import extract_text
from scanner.extract.ziparchive import extract_zip
from scanner.model import (
    STATUS_ERROR,
    STATUS_OK,
    ExtractOutcome,
    Member,
    Piece,
    ScanUnit,
    TableRows,
)
from scanner.settings import Settings

__all__ = ["STREAM_EXTRACTORS", "ExtractError", "TEXT_EXTRACTORS", "extract", "extract_member"]

TEXT_EXTRACTORS: dict[str, TextExtractor] = {
    formats.TEXT: extract_text,
    formats.CSV: extract_csv,
    formats.TSV: partial(extract_csv, tsv=True),
    formats.JSON: extract_json,
    formats.JSONL: extract_jsonl,
    **DOCUMENT_TEXT_EXTRACTORS,  # html
}
# Formats read from the byte stream itself; containers among them yield members.
STREAM_EXTRACTORS: dict[str, StreamExtractor] = {
    formats.ZIP: extract_zip,
    formats.TAR: extract_tar,
    formats.EML: extract_eml,
    formats.MSG: extract_msg,
    **DOCUMENT_EXTRACTORS,  # spreadsheets, word processing, PDF, Parquet, XML
}
MAX_GZIP_DEPTH = 3  # compression layers (x.gz.gz.gz) in one location


def extract(
    unit: ScanUnit,
    opened: BinaryIO | TableRows,
    settings: Settings,
    outcome: ExtractOutcome,
) -> Iterator[Piece | Member]:
    """Yield the pieces (and members) of one opened unit; fill ``outcome`` as it goes."""
    if isinstance(opened, TableRows):
        yield from _guarded(extract_table(opened, settings, outcome), outcome)
        return
    scope = Scope(settings)
    ctx = FileContext(name=unit_name(unit), settings=settings, outcome=outcome,
                      location=unit.location, scope=scope)
    pieces: Iterator[Piece | Member]
    if unit.range_start is not None:
        end = unit.range_end if unit.range_end is not None else (unit.size or 0)
        pieces = extract_text(iter_text(_counted(opened, unit.range_start, end, outcome),
                                        ctx.stats), ctx)
    else:
        pieces = _dispatch(CountingReader(opened, outcome), ctx.name, ctx, 0)
    yield from _guarded(timed(pieces, scope, outcome), outcome)
    _note_decoding(ctx)


def extract_member(member: Member, settings: Settings, outcome: ExtractOutcome
                   ) -> Iterator[Piece | Member]:
    """Yield the pieces (and members) of a container's member; fill its own ``outcome``."""
    if member.note is not None:
        set_error(outcome, STATUS_OK, *member.note)
    if member.skip is not None or member.open is None:
        set_error(outcome, *(member.skip or ("skipped", "not_read", "member not read")))
        return
    scope = member.scope if member.scope is not None else Scope(settings)
    ctx = FileContext(name=member.name, settings=settings, outcome=outcome,
                      location=member.location, depth=member.depth, scope=scope)
    try:
        raw = member.open()
    except DAMAGE as exc:
        set_error(outcome, STATUS_ERROR, errors.CORRUPT_MEMBER,
                  f"member cannot be opened ({type(exc).__name__})")
        return
    with raw:
        reader = LimitedReader(raw, scope, member.packed_size)
        pieces = _dispatch(CountingReader(reader, outcome), member.name, ctx, 0)
        yield from _guarded(timed(pieces, scope, outcome), outcome)
        if reader.error is not None:
            set_error(outcome, STATUS_ERROR, *reader.error)
    _note_decoding(ctx)


def _note_decoding(ctx: FileContext) -> None:
    if ctx.stats.cp1252_lines:
        set_error(ctx.outcome, ctx.outcome.status, errors.INVALID_UTF8,
                  f"{ctx.stats.cp1252_lines} lines were not valid UTF-8 and were read as cp1252")


def unit_name(unit: ScanUnit) -> str:
    """The file name of a unit (format hints come from it), from its location URI."""
    name = PurePosixPath(unquote(urlsplit(unit.location).path)).name
    return name or PurePosixPath(unit.key).name


def _counted(fp: Any, start: int, end: int, outcome: ExtractOutcome) -> Iterator[bytes]:
    for block in range_blocks(fp, start, end):
        outcome.bytes_read += len(block)
        yield block


def _dispatch(stream: Readable, name: str, ctx: FileContext, depth: int
              ) -> Iterator[Piece | Member]:
    head = read_head(stream)
    if not head:
        return
    found = formats.detect(head, name)
    stream = PrefixReader(head, stream)
    if found.kind in formats.COMPRESSED:
        if depth >= MAX_GZIP_DEPTH:
            set_error(ctx.outcome, "skipped", errors.BINARY,
                      f"compressed more than {MAX_GZIP_DEPTH} times over")
            return
        yield from extract_gzip(stream, head, ctx, depth, _dispatch, found.kind)
        return
    if found.kind == formats.BINARY:
        set_error(ctx.outcome, "skipped", errors.BINARY, f"not a text format: {found.reason}")
        return
    if found.kind in STREAM_EXTRACTORS:
        yield from STREAM_EXTRACTORS[found.kind](stream, ctx)
        return
    yield from TEXT_EXTRACTORS[found.kind](iter_text(iter_blocks(stream), ctx.stats), ctx)


def _guarded(pieces: Iterator[Any], outcome: ExtractOutcome) -> Iterator[Any]:
    try:
        yield from pieces
    except ExtractError as exc:
        set_error(outcome, "error", exc.error_type, exc.message)
    except OSError as exc:
        set_error(outcome, "error", errors.os_error_type(exc), errors.os_error_message(exc))
    except Exception as exc:
        error_type = getattr(exc, "error_type", None)
        if not isinstance(error_type, str):
            raise
        set_error(outcome, "error", error_type, str(getattr(exc, "message", "") or error_type))
