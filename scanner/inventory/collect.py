"""Collect unit results in the parent process: merge the ranges of one location, build rows, totals.

Big text files arrive as several units (byte ranges) of one location; the collector merges them
into one ``locations`` row and one ``findings`` row per (field, entity_type). A location whose
ranges did not all arrive (the scan was interrupted) is written as an error of type
``interrupted`` with what was found so far, so it never looks completely scanned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from scanner.inventory.aggregate import LocationResult, UnitResult
from scanner.model import STATUS_ERROR, STATUS_OK, STATUS_SKIPPED

INTERRUPTED = "interrupted"


class Collector:
    """Merge results per location, in the order locations were first seen."""

    def __init__(self) -> None:
        self._results: dict[str, UnitResult] = {}
        self._expected: Counter[str] = Counter()
        self._received: Counter[str] = Counter()

    def expect(self, location: str) -> None:
        """Register one unit (range) of ``location`` that is going to be scanned."""
        self._expected[location] += 1

    def add(self, result: UnitResult) -> None:
        """Fold in one unit's result (and, as locations of their own, its members')."""
        members, result.members = result.members, []
        for member in members:
            self.add(member)
        loc = result.location.location
        self._received[loc] += 1
        mine = self._results.get(loc)
        if mine is None:
            self._results[loc] = result
        else:
            mine.merge(result)

    def add_error(self, location: str, source_type: str, error_type: str, message: str,
                  status: str = STATUS_ERROR) -> None:
        """Record a location that failed before it could be scanned (listing, opening)."""
        row = LocationResult(location, source_type, status, error_type, message)
        self.add(UnitResult(row, []))

    def results(self) -> list[UnitResult]:
        """Every location so far; ones with missing ranges are marked interrupted."""
        for loc, result in self._results.items():
            if self._received[loc] < self._expected[loc] and result.location.status == STATUS_OK:
                result.location.status = STATUS_ERROR
                result.location.error_type = INTERRUPTED
                result.location.error_message = (
                    f"scan interrupted: {self._received[loc]} of {self._expected[loc]} parts read"
                )
        return list(self._results.values())


def _sorted(results: list[UnitResult]) -> list[UnitResult]:
    """Results by location (a stable order whatever order workers finished in)."""
    return sorted(results, key=lambda r: r.location.location)


#: What a location is written as (identity, or the runner's name masking).
Shown = Callable[[str | None], str | None]


def as_is(location: str | None) -> str | None:
    """The default :data:`Shown`: a location written as it is."""
    return location


def finding_rows(
    results: list[UnitResult], scan_id: str, show: Shown = as_is
) -> list[dict[str, Any]]:
    """One row per (location, field, entity_type), in the ``findings`` schema, sorted."""
    rows = []
    for result in _sorted(results):
        loc = result.location
        for f in sorted(result.findings, key=lambda f: (f.field or "", f.entity_type)):
            rows.append({
                "scan_id": scan_id, "source_type": loc.source_type,
                "location": show(loc.location),
                # A column, header or key can itself be an identifier (a CSV header "10.0.0.5").
                "field": show(f.field), "entity_type": f.entity_type,
                "match_count": f.match_count,
                "units_with_match": f.units_with_match,
                "units_scanned": loc.values_per_field.get(f.field or "", loc.units_scanned),
                "max_score": float(f.max_score), "samples_masked": list(f.samples),
                "last_modified": loc.last_modified, "oldest_record": f.oldest,
                "newest_record": f.newest, "date_column": loc.date_column,
                "total_units": loc.total_units, "total_units_estimated": loc.total_units_estimated,
                "sampled": loc.sampled,
            })
    return rows


def location_rows(
    results: list[UnitResult], scan_id: str, show: Shown = as_is
) -> list[dict[str, Any]]:
    """One row per location visited, in the ``locations`` schema, sorted by location."""
    rows = []
    for result in _sorted(results):
        loc = result.location
        rows.append({
            "scan_id": scan_id, "location": show(loc.location), "source_type": loc.source_type,
            "status": loc.status, "error_type": loc.error_type,
            "error_message": loc.error_message, "bytes": loc.bytes,
            "units_scanned": loc.units_scanned, "sampled": loc.sampled,
            "last_modified": loc.last_modified, "duration_s": float(loc.duration_s),
            "total_units": loc.total_units, "total_units_estimated": loc.total_units_estimated,
            "date_column": loc.date_column, "finding_count": len(result.findings),
            "match_count": sum(f.match_count for f in result.findings),
            "skipped_fields": list(loc.skipped_fields) or None,
            "container": show(loc.container),
            "partial": loc.status == STATUS_ERROR and (loc.units_scanned > 0
                                                       or bool(result.findings)),
        })
    return rows


def totals(results: list[UnitResult], elapsed_s: float) -> dict[str, Any]:
    """Scan totals for ``scan.json`` and the summary (counts only, never values)."""
    by_status = Counter(r.location.status for r in results)
    matches: Counter[str] = Counter()
    for r in results:
        for f in r.findings:
            matches[f.entity_type] += f.match_count
    # Throughput counts what was read: a skipped (binary) file was only sniffed. Members are
    # inside a file already counted (their decompressed bytes would count twice).
    nbytes = sum(r.location.bytes or 0 for r in results
                 if r.location.status != STATUS_SKIPPED and r.location.container is None)
    return {
        "locations": len(results),
        "locations_by_status": {s: by_status.get(s, 0) for s in (STATUS_OK, STATUS_ERROR,
                                                                 STATUS_SKIPPED)},
        "locations_with_findings": sum(1 for r in results if r.findings),
        "matches_by_entity": dict(sorted(matches.items())),
        "bytes": nbytes,
        "elapsed_s": round(elapsed_s, 3),
        "mb_per_s": round(nbytes / 1e6 / elapsed_s, 3) if elapsed_s > 0 else 0.0,
    }
