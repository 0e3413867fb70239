"""Scan one unit: source -> extractor -> engine -> aggregator, and turn any failure into data.

``scan_unit`` is what a worker process runs. It returns a :class:`UnitResult`: plain, picklable,
masked data (finding counts + the ``locations`` row). A container (zip, tar, mail) yields
``Member`` values among its pieces: each is scanned at once, recursively, as a location of its
own (own aggregator, outcome and row, ``source_type`` of the file it is in), and comes back in
``UnitResult.members`` (a flat list, nested members included). An exception inside one member
becomes that member's error row and the container goes on with the next member. Every
exception of the unit becomes an error row whose ``error_type`` is the extractor's error type or
the exception class, and whose message is scrubbed of anything that could be a raw value; what
was counted before the error is kept.
KeyboardInterrupt is re-raised.

Test hook (documented, used by tests/test_bad_input_pipeline.py and tests/test_executor.py): when
the environment variable ``PII_SCAN_TEST_CRASH_ON`` is set (in the parent, when the pool is made)
and is a substring of a unit's location, a *pool worker* scanning that unit dies at once with
``os._exit`` (simulating a segfault or the OOM killer); with the prefix ``hang:`` (``hang:x.csv``)
it hangs instead (a unit that never ends). It never fires in the main process (``--workers 1``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator

from scanner.engine import Engine
from scanner.extract import extract, extract_member
from scanner.extract.errors import ExtractError
from scanner.gc_policy import tune_gc
from scanner.inventory.aggregate import Aggregator, LocationResult, Masker, UnitResult
from scanner.model import STATUS_ERROR, ExtractOutcome, Member, Piece, ScanUnit
from scanner.settings import Settings
from scanner.sources import open_unit

__all__ = ["CRASH_ENV", "UnitResult", "engine_for", "mark_worker", "safe_message", "scan_unit"]

CRASH_ENV = "PII_SCAN_TEST_CRASH_ON"
_MAX_MESSAGE = 300

_crash_on: str | None = None  # set in pool workers only (test hook)
_engine_cache: tuple[Settings, Engine] | None = None


def mark_worker(crash_on: str | None = None) -> None:
    """Tell this process it is a pool worker; ``crash_on`` arms the crash test hook."""
    global _crash_on
    _crash_on = crash_on or None


def engine_for(settings: Settings) -> Engine:
    """The engine for ``settings``, built once per process (building compiles the prefilter)."""
    global _engine_cache
    if _engine_cache is None or _engine_cache[0] != settings:
        engine = Engine(settings)
        engine.scan_text("warm up")  # loads recogniser data now, not inside the first unit's time
        _engine_cache = (settings, engine)
        tune_gc()
    return _engine_cache[1]


def scan_unit(unit: ScanUnit, settings: Settings, engine: Engine | None = None) -> UnitResult:
    """Scan one unit; return its counts and location row. Raises only KeyboardInterrupt."""
    started = time.perf_counter()
    outcome = ExtractOutcome()
    aggregator: Aggregator | None = None
    members: list[UnitResult] = []
    try:
        _crash_hook(unit)
        engine = engine or engine_for(settings)
        aggregator = Aggregator(_masker(engine))
        with open_unit(unit, settings) as opened:
            items = extract(unit, opened, settings, outcome)
            _consume(items, aggregator, engine, settings, _Members(unit.source_type, members))
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # errors are data: one bad location never stops the scan
        _record(outcome, exc, engine)
    findings = aggregator.findings() if aggregator is not None else []
    row = location_result(unit, outcome, time.perf_counter() - started)
    return UnitResult(row, findings, unit.range_start, unit.range_end, members=members)


class _Members:
    """Where the member results of one unit go, and the source type they inherit."""

    def __init__(self, source_type: str, results: list[UnitResult]) -> None:
        self.source_type = source_type
        self.results = results


def _consume(items: Iterator[Piece | Member], aggregator: Aggregator, engine: Engine,
             settings: Settings, sink: _Members) -> None:
    """Count the pieces of one location; scan each member as a location of its own."""
    try:
        for item in items:
            if isinstance(item, Member):
                _scan_member(item, settings, engine, sink)
            else:
                aggregator.add(item, engine.scan_piece(item))
    finally:  # a container stopped by an error closes its archive/stream now, not at GC time
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _scan_member(member: Member, settings: Settings, engine: Engine, sink: _Members) -> None:
    started = time.perf_counter()
    outcome = ExtractOutcome()
    aggregator = Aggregator(_masker(engine))
    try:
        _consume(extract_member(member, settings, outcome), aggregator, engine, settings, sink)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # one bad member never stops its container
        _record(outcome, exc, engine)
    nbytes = member.size if member.size is not None else outcome.bytes_read or None
    row = LocationResult(
        location=member.location, source_type=sink.source_type, status=outcome.status,
        error_type=outcome.error_type, error_message=outcome.error_message, bytes=nbytes,
        units_scanned=outcome.units_scanned, sampled=outcome.sampled,
        last_modified=member.last_modified, duration_s=time.perf_counter() - started,
        date_column=outcome.date_column, values_per_field=outcome.values_per_field,
        container=member.location.rsplit("!/", 1)[0],
    )
    sink.results.append(UnitResult(row, aggregator.findings()))


def _record(outcome: ExtractOutcome, exc: Exception, engine: Engine | None) -> None:
    outcome.status = STATUS_ERROR
    outcome.error_type = error_type(exc)
    outcome.error_message = safe_message(exc, engine)


def location_result(unit: ScanUnit, outcome: ExtractOutcome, duration_s: float) -> LocationResult:
    """The ``locations`` row of one unit from what the extractor reported."""
    if unit.range_start is not None and unit.range_end is not None:
        nbytes: int | None = unit.range_end - unit.range_start
    else:
        nbytes = unit.size if unit.size is not None else outcome.bytes_read or None
    return LocationResult(
        location=unit.location, source_type=unit.source_type, status=outcome.status,
        error_type=outcome.error_type, error_message=outcome.error_message, bytes=nbytes,
        units_scanned=outcome.units_scanned, sampled=outcome.sampled,
        last_modified=unit.last_modified, duration_s=duration_s,
        total_units=outcome.total_units, total_units_estimated=outcome.total_units_estimated,
        date_column=outcome.date_column, values_per_field=outcome.values_per_field,
        skipped_fields=outcome.skipped_fields,
    )


def _masker(engine: Engine) -> Masker:
    def mask(entity: str, value: str) -> str:
        return str(engine.recognizer(entity).mask(value))

    return mask


def _crash_hook(unit: ScanUnit) -> None:
    if _crash_on is None:
        return
    hang = _crash_on.startswith("hang:")
    if _crash_on.removeprefix("hang:") in unit.location:
        if hang:
            time.sleep(3600)
        os._exit(70)


def error_type(exc: BaseException) -> str:
    """Short machine-readable kind of an error: the extractor's type, or a name for OS errors."""
    kind = getattr(exc, "error_type", None)  # ExtractError, the sources' SourceError
    if isinstance(exc, ExtractError) or isinstance(kind, str):
        return str(kind)
    if isinstance(exc, PermissionError):
        return "permission_denied"
    if isinstance(exc, FileNotFoundError):
        return "not_found"
    return type(exc).__name__


# Anything quoted, any token with 5+ digits or an '@', and long hex/base64-ish runs may be (part
# of) a raw value: exception messages of parsers and drivers often echo the offending input.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|b'[^']*'")
_RISKY_TOKEN = re.compile(r"\S*(?:\d\S*){5,}|\S*@\S*|[A-Za-z0-9+/=_-]{24,}")


def safe_message(exc: BaseException, engine: Engine | None = None) -> str:
    """A human-readable message for ``exc`` that cannot carry a raw value.

    OS errors keep only their ``strerror``; other messages lose quoted text, digit-heavy tokens and
    anything the engine detects, and are cut to a bounded length.
    """
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    text = " ".join(str(exc).split())[:_MAX_MESSAGE * 4]
    if engine is not None:
        text = _mask_detections(text, engine)
    text = _QUOTED.sub("'…'", text)
    text = _RISKY_TOKEN.sub("<redacted>", text)
    return (text[:_MAX_MESSAGE] or type(exc).__name__).strip()


def _mask_detections(text: str, engine: Engine) -> str:
    try:
        matches = sorted(engine.scan_piece(Piece(text=text)), key=lambda m: m.start, reverse=True)
    except Exception:  # scrubbing must never fail the error path; the regex scrub still applies
        return text
    for m in matches:
        text = text[: m.start] + "<redacted>" + text[m.end :]
    return text
