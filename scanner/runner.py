"""Run a whole scan: list every URI, scan the units (executor), collect, write the inventory.

The CLI and the demo both call :func:`run_scan`; it returns a :class:`ScanReport` and never prints.
Ctrl-C during listing or scanning stops the scan, writes what finished as a complete inventory
whose ``scan.json`` says ``"status": "interrupted"``, and re-raises nothing: the report says so.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from scanner.build_info import build_summary, stale_modules
from scanner.executor import run_units
from scanner.inventory import Collector, UnitResult, check_out_dir, totals, write_inventory
from scanner.inventory.schema import SCHEMA_VERSION
from scanner.location_mask import LocationMasker
from scanner.model import STATUS_ERROR, LocationError, ScanUnit
from scanner.settings import Settings, public_settings
from scanner.sources import SourceUriError, list_units, redact_uri

log = logging.getLogger(__name__)

STATUS_COMPLETE = "complete"
STATUS_INTERRUPTED = "interrupted"


class Progress(Protocol):
    """Where progress goes (the CLI's tqdm bar); counts and sizes only, never values."""

    def start(self, locations: int, nbytes: int) -> None:
        """Listing is done: this many locations and bytes will be scanned."""

    def advance(self, nbytes: int, locations_done: int) -> None:
        """One unit finished: ``nbytes`` more read; ``locations_done`` locations fully done."""

    def close(self) -> None:
        """The scan is over."""


@dataclass
class ScanReport:
    """The outcome of a scan, for the summary and the exit code."""

    scan_id: str
    out_dir: Path
    status: str
    results: list[UnitResult]
    totals: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Locations with status error."""
        return sum(1 for r in self.results if r.location.status == STATUS_ERROR)


def new_scan_id() -> str:
    """A sortable, unique scan id: UTC time plus random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def run_scan(uris: Sequence[str], settings: Settings, out_dir: str | Path,
             progress: Progress | None = None) -> ScanReport:
    """Scan ``uris`` into the inventory at ``out_dir``; Ctrl-C gives an interrupted inventory.

    Raises InventoryDirError (before scanning) when ``out_dir`` holds data that is not ours. The
    inventory directory is added to the exclusions, so scanning a folder that contains it never
    reads an earlier inventory.
    """
    check_out_dir(out_dir)
    out = str(Path(out_dir).absolute())
    settings = replace(settings, exclude=(*settings.exclude, out, out + "/*"))
    scan_id, started, t0 = new_scan_id(), datetime.now(UTC), time.perf_counter()
    for name in stale_modules():  # a compiled module older than its source runs old code
        log.warning("compiled module %s is older than its source: rebuild with "
                    "'pip install -e .' (or set PII_SCAN_PURE=1 and reinstall)", name)
    collector = Collector()
    show = LocationMasker(settings)  # identifiers in file and member names are masked
    status = STATUS_COMPLETE
    try:
        units = _list_all(uris, settings, collector, show)
        _scan_all(units, settings, collector, progress, show)
    except KeyboardInterrupt:
        status = STATUS_INTERRUPTED
        log.warning("interrupted: writing what finished")
    finally:
        if progress is not None:
            progress.close()
    results = collector.results()
    elapsed = time.perf_counter() - t0
    meta = _scan_meta(scan_id, started, status, uris, settings, totals(results, elapsed), show)
    path = write_inventory(out_dir, scan_id, results, meta, show)
    return ScanReport(scan_id, path, status, results, meta["totals"], meta)


def _list_all(uris: Sequence[str], settings: Settings, collector: Collector,
              show: LocationMasker) -> list[ScanUnit]:
    """Every unit of every URI, each once: overlapping URIs (a folder and a sub-folder, a
    folder and ``sqlite:///`` of a database inside it, a URI given twice) are not scanned twice,
    which would count their findings twice."""
    units: list[ScanUnit] = []
    seen: set[tuple[str, int | None, int | None, str]] = set()
    for uri in uris:
        try:
            for item in list_units(uri, settings):
                if isinstance(item, LocationError):
                    if (item.location, None, None, "") not in seen:
                        seen.add((item.location, None, None, ""))
                        collector.add_error(item.location, item.source_type, item.error_type,
                                            item.error_message, item.status)
                    continue
                # A unit is a location or one part of it (a byte range, a key range of a table).
                key = (item.location, item.range_start, item.range_end, repr(item.extra))
                if key in seen:
                    continue
                seen.add(key)
                collector.expect(item.location)
                units.append(item)
        except (KeyboardInterrupt, SourceUriError):
            raise  # a bad URI is a usage error (the CLI checks URIs before it gets here)
        except Exception as exc:  # listing failed part-way: record it, keep what was listed
            log.error("listing %s failed: %s", show(redact_uri(uri)), type(exc).__name__)
            collector.add_error(redact_uri(uri), "unknown", "list_failed", type(exc).__name__)
    return units


def _scan_all(units: list[ScanUnit], settings: Settings, collector: Collector,
              progress: Progress | None, show: LocationMasker) -> None:
    remaining = Counter(u.location for u in units)
    if progress is not None:
        progress.start(len(remaining), sum(_unit_bytes(u) for u in units))
    done = 0
    results = run_units(units, settings)
    try:
        for unit, result in results:
            collector.add(result)
            remaining[unit.location] -= 1
            done += remaining[unit.location] == 0
            if log.isEnabledFor(logging.DEBUG):
                log.debug("done %s (%s, %d findings)", show(unit.location),
                          result.location.status, len(result.findings))
            if progress is not None:
                progress.advance(_unit_bytes(unit), done)
    finally:
        results.close()  # Ctrl-C between two results: end the pool now, not at garbage collection


def _unit_bytes(unit: ScanUnit) -> int:
    if unit.range_start is not None and unit.range_end is not None:
        return unit.range_end - unit.range_start
    return unit.size or 0


def _scan_meta(scan_id: str, started: datetime, status: str, uris: Sequence[str],
               settings: Settings, scan_totals: dict[str, Any],
               show: LocationMasker) -> dict[str, Any]:
    return {
        "scan_id": scan_id,
        "tool": "pii-scan",
        "tool_version": _version(),
        "engine_build": build_summary(),  # compiled | pure | mixed | stale (scanner.build_info)
        "schema_version": SCHEMA_VERSION,
        "started": started.isoformat(),
        "ended": datetime.now(UTC).isoformat(),
        "status": status,
        "sources": [show(redact_uri(u)) for u in uris],
        "settings": _jsonable(_shown_settings(public_settings(settings), show)),
        "totals": scan_totals,
    }


def _shown_settings(public: dict[str, Any], show: LocationMasker) -> dict[str, Any]:
    """Exclusion patterns as written (``--exclude '*/010190-1234*'`` names an identifier)."""
    patterns = public.get("exclude") or ()
    return {**public, "exclude": [show(str(p)) for p in patterns]}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _version() -> str:
    try:
        return metadata.version("pii-scan")
    except metadata.PackageNotFoundError:
        return "0+unknown"
