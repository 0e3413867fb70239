"""Count what the engine found, per (field, entity_type) of one location; keep no raw value.

The aggregator is the last place a raw identifier exists: it reads a match's value from the piece
only to mask it (through the recogniser's ``mask``) and keeps the masked sample, never the value.
Results of the byte ranges of one big file arrive separately and are merged into one location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import UTC, date, datetime

from scanner.model import STATUS_ERROR, STATUS_OK, STATUS_SKIPPED, Match, Piece

MAX_SAMPLES = 3
#: Masking attempts per finding before giving up on more distinct samples (masks often collide).
_MAX_MASK_TRIES = 32

#: (entity_type, raw value) -> masked sample.
Masker = Callable[[str, str], str]


@dataclass(slots=True)
class FindingAgg:
    """Counts for one (field, entity_type) of a location. Holds masked samples only."""

    field: str | None
    entity_type: str
    match_count: int = 0
    units_with_match: int = 0
    max_score: float = 0.0
    samples: list[str] = dc_field(default_factory=list)
    oldest: datetime | None = None
    newest: datetime | None = None
    last_unit: int = -1  # last unit counted in units_with_match (units arrive in order)
    mask_tries: int = 0

    def add_date(self, when: datetime | None) -> None:
        """Widen [oldest, newest] to include ``when``."""
        if when is None:
            return
        if self.oldest is None or when < self.oldest:
            self.oldest = when
        if self.newest is None or when > self.newest:
            self.newest = when

    def add_sample(self, masked: str) -> None:
        """Keep ``masked`` if it is new and there is room."""
        if len(self.samples) < MAX_SAMPLES and masked not in self.samples:
            self.samples.append(masked)

    def merge(self, other: FindingAgg) -> None:
        """Fold the counts of the same (field, entity) from another range of the location."""
        self.match_count += other.match_count
        self.units_with_match += other.units_with_match
        self.max_score = max(self.max_score, other.max_score)
        for sample in other.samples:
            self.add_sample(sample)
        self.add_date(other.oldest)
        self.add_date(other.newest)


@dataclass(slots=True)
class LocationResult:
    """What one location (or one range of it) came to: the future ``locations`` row."""

    location: str
    source_type: str
    status: str = STATUS_OK
    error_type: str | None = None
    error_message: str | None = None
    bytes: int | None = None
    units_scanned: int = 0
    sampled: bool = False
    last_modified: datetime | None = None
    duration_s: float = 0.0
    total_units: int | None = None
    total_units_estimated: bool = False
    date_column: str | None = None
    values_per_field: dict[str, int] = dc_field(default_factory=dict)  # tables: non-null units
    skipped_fields: list[str] = dc_field(default_factory=list)  # columns not read, with reason
    container: str | None = None  # for an archive member / attachment: the location it is in

    def merge(self, other: LocationResult) -> None:
        """Fold another range of the same location in: sums, worst status, first error."""
        self.bytes = _sum_opt(self.bytes, other.bytes)
        self.units_scanned += other.units_scanned
        self.sampled = self.sampled or other.sampled
        self.duration_s += other.duration_s
        self.total_units = _sum_opt(self.total_units, other.total_units)
        self.total_units_estimated = self.total_units_estimated or other.total_units_estimated
        self.date_column = self.date_column or other.date_column
        for name, count in other.values_per_field.items():
            self.values_per_field[name] = self.values_per_field.get(name, 0) + count
        self.skipped_fields.extend(f for f in other.skipped_fields if f not in self.skipped_fields)
        if _STATUS_RANK[other.status] > _STATUS_RANK[self.status]:
            self.status = other.status
        if self.error_type is None and other.error_type is not None:
            self.error_type, self.error_message = other.error_type, other.error_message


_STATUS_RANK = {STATUS_OK: 0, STATUS_SKIPPED: 1, STATUS_ERROR: 2}


def _sum_opt(a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return a if b is None else b
    return a + b


@dataclass(slots=True)
class UnitResult:
    """Everything one scan unit produced: plain, picklable, masked data only.

    ``members``: the results of the members of a container (archive members, attachments, and
    their members), each a location of its own; the collector flattens them.
    """

    location: LocationResult
    findings: list[FindingAgg]
    range_start: int | None = None
    range_end: int | None = None
    members: list[UnitResult] = dc_field(default_factory=list)

    def merge(self, other: UnitResult) -> None:
        """Fold the result of another range of the same location into this one."""
        self.location.merge(other.location)
        by_key = {(f.field, f.entity_type): f for f in self.findings}
        for finding in other.findings:
            mine = by_key.get((finding.field, finding.entity_type))
            if mine is None:
                self.findings.append(finding)
                by_key[(finding.field, finding.entity_type)] = finding
            else:
                mine.merge(finding)


def as_utc(value: object) -> datetime | None:
    """A record date as an aware UTC datetime (naive values are taken as UTC); else None."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


class Aggregator:
    """Fold the matches of every piece of one unit into per-(field, entity) counts."""

    def __init__(self, mask: Masker) -> None:
        self._mask = mask
        self._findings: dict[tuple[str | None, str], FindingAgg] = {}

    def add(self, piece: Piece, matches: Iterable[Match]) -> None:
        """Count ``matches`` found in ``piece``; raw values are masked here and dropped.

        Per match in a column of millions of values, so the finding is looked up again only
        when the entity type changes (every match of a piece shares its field).
        """
        field = piece.field
        findings = self._findings
        dated = piece.unit_dates is not None
        agg: FindingAgg | None = None
        for match in matches:
            entity = match.entity_type
            if agg is None or agg.entity_type != entity:
                agg = findings.get((field, entity))
                if agg is None:
                    agg = findings[(field, entity)] = FindingAgg(field, entity)
            agg.match_count += 1
            unit = match.unit
            if unit != agg.last_unit:
                agg.units_with_match += 1
                agg.last_unit = unit
            if match.score > agg.max_score:
                agg.max_score = match.score
            if agg.mask_tries < _MAX_MASK_TRIES and len(agg.samples) < MAX_SAMPLES:
                agg.mask_tries += 1
                agg.add_sample(self._mask(entity, piece.text[match.start : match.end]))
            if dated:
                agg.add_date(_unit_date(piece, unit))

    def findings(self) -> list[FindingAgg]:
        """The counts so far, in first-seen order."""
        return list(self._findings.values())


def _unit_date(piece: Piece, unit: int) -> datetime | None:
    dates = piece.unit_dates or []
    index = unit - piece.first_unit
    return as_utc(dates[index]) if 0 <= index < len(dates) else None
