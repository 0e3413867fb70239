"""Small values that flow between the pipeline stages (see ARCHITECTURE.md).

Every stage imports its inputs and outputs from here and never from another stage, which is what
keeps ``sources``, ``extract``, ``engine`` and ``inventory`` independent of each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, NamedTuple

SOURCE_FILE = "file"
SOURCE_SQL = "sql"

STATUS_OK = "ok"
STATUS_ERROR = "error"
STATUS_SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class ScanUnit:
    """One location to scan: a file, an archive member (later), a table.

    Picklable (plain data) so it can be shipped to a worker process; the source that made it
    knows how to open it again from ``source_uri`` + ``key``.
    """

    location: str  # URI written to the inventory; never carries a password
    source_type: str  # SOURCE_FILE | SOURCE_SQL (later s3, smb)
    scheme: str  # key of the source table that made it ("local", "sql", ...)
    key: str  # what the source needs to reopen it: an absolute path, "schema.table", ...
    source_uri: str = ""  # the URI the user gave (may hold credentials: never written anywhere)
    size: int | None = None  # bytes when known
    last_modified: datetime | None = None  # UTC
    extra: dict[str, Any] = field(default_factory=dict)  # source-specific plain data
    # For big files: byte range [range_start, range_end) this unit covers; None = whole object.
    range_start: int | None = None
    range_end: int | None = None


@dataclass(slots=True)
class Piece:
    """A bounded piece of text under one field, ready for the engine.

    Units (lines of a text file, rows of a table or CSV) are the lines of ``text``: unit
    ``first_unit + k`` is the k-th line of ``text`` (``\\n``-separated). Extractors that batch
    cells (a CSV column, an SQL column) join the cells with ``\\n`` after replacing any newline
    inside a cell by a space, so offsets and unit numbers stay exact.

    A match counts for this piece only when ``owned_start <= match.start < owned_end``. Text before
    ``owned_start`` / after ``owned_end`` is overlap with the neighbouring piece: it is there so
    boundary checks and context windows see real neighbours, and so a match that straddles a
    chunk edge is found whole, exactly once.

    ``cells``: each line is a record's value of its own (an SQL or Parquet column). Detection
    then reads every line as a separate text: a value's context is its own cell and the field
    name, never the neighbouring rows, which are other records in an arbitrary order (so a
    value scores the same in a sample and in a full scan, whatever rows surround it).
    """

    text: str
    field: str | None = None
    first_unit: int = 0
    owned_start: int = 0
    owned_end: int | None = None  # None = len(text)
    # Optional record date per unit (row age for retention), indexed like units of this piece.
    unit_dates: list[datetime | None] | None = None
    cells: bool = False


class Match(NamedTuple):
    """One detection in a piece, as the aggregator sees it (still raw: stays in the worker).

    A named tuple (cheap to build: one per match) rather than a dataclass.
    """

    entity_type: str
    start: int
    end: int
    score: float
    unit: int  # global unit index (line/row) the match starts in


@dataclass(slots=True)
class ExtractOutcome:
    """What an extractor reports about a location besides its pieces (filled as it goes)."""

    units_scanned: int = 0
    bytes_read: int = 0
    sampled: bool = False
    status: str = STATUS_OK
    error_type: str | None = None
    error_message: str | None = None  # must never contain a raw value
    date_column: str | None = None  # which column gave oldest/newest_record, if any
    total_units: int | None = None  # e.g. a table's row count (estimate allowed)
    total_units_estimated: bool = False
    # Tables: units (rows) in which each field had a value (not NULL / blank), so a finding's
    # share is units_with_match / values_per_field[field]; empty for other formats.
    values_per_field: dict[str, int] = field(default_factory=dict)
    skipped_fields: list[str] = field(default_factory=list)  # "photo (BYTEA): binary"


@dataclass(frozen=True, slots=True)
class LocationError:
    """A location that could not even be listed or opened (e.g. a directory without permission).

    Sources yield it in place of a ScanUnit; the pipeline writes it as a ``locations`` row.
    """

    location: str
    source_type: str
    error_type: str  # machine-readable kind: permission_denied, not_found, ...
    error_message: str  # human-readable, never a raw value nor a password
    status: str = STATUS_ERROR


@dataclass(slots=True)
class Member:
    """A location inside a container (archive member, mail attachment), yielded by an extractor
    between its pieces.

    The pipeline scans a member at once, as a location of its own (own aggregator, outcome and
    ``locations`` row), before the container's extractor goes on: ``open`` is valid only then
    (a tar member's bytes pass by once). Members of a member are scanned the same way, so
    nesting needs nothing more. A member that must not be read (encrypted, over a limit) has
    ``open=None`` and ``skip`` = (status, error_type, message) for its row.
    """

    location: str  # container location + "!/" + percent-encoded member path
    name: str  # the member's file name (format hints), decoded, no directory
    open: Callable[[], IO[bytes]] | None = None  # a fresh stream of the member's bytes
    size: int | None = None  # uncompressed bytes when the container says so
    packed_size: int | None = None  # compressed bytes in the container (ratio guard)
    last_modified: datetime | None = None  # UTC, from the archive entry / the mail's Date
    depth: int = 1  # containers between the file and this member (a.zip!/b.zip!/c: 2)
    skip: tuple[str, str, str] | None = None  # (status, error_type, message): not read
    note: tuple[str, str] | None = None  # (error_type, message) kept on an ok row
    scope: Any = None  # the extractor's per-file state (limits budget); never pickled


@dataclass(slots=True)
class TableRows:
    """An opened table: column names, which column is the record date, and row batches.

    ``batches`` yields lists of row tuples (values in ``columns`` order, then the date column's
    value when ``date_column`` is not one of ``columns``: read for row age, not scanned); a
    source decides how rows were sampled and says so in ``sampled`` / ``total_rows``.
    """

    columns: list[str]
    batches: Any  # Iterator[list[tuple[Any, ...]]]
    date_column: str | None = None
    sampled: bool = False
    total_rows: int | None = None
    total_rows_estimated: bool = False
    json_columns: tuple[str, ...] = ()  # values are JSON: each key path is its own field
    skipped_columns: tuple[str, ...] = ()  # columns not read, with the reason
