"""Sources: where data lives. A URI picks a source from ``SOURCES``; it lists scan units and
opens them again (in worker processes, from ``unit.scheme`` / ``source_uri`` / ``key``).

Sources know nothing of formats; ``scanner.extract`` turns what they open into pieces.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO

from scanner.model import LocationError, ScanUnit, TableRows
from scanner.settings import Settings
from scanner.sources.base import Source, SourceError, SourceUriError
from scanner.sources.local import LocalSource
from scanner.sources.sql import SqlSource

__all__ = [
    "SOURCES", "LocalSource", "Source", "SourceError", "SourceUriError", "SqlSource",
    "list_units", "open_unit", "redact_uri", "scheme_for",
]

# Scheme key -> source class, asked in this order whether it claims a URI (local first:
# ``file:`` and plain paths; then any SQLAlchemy URL). Later: s3, smb.
SOURCES: dict[str, type[Source]] = {
    LocalSource.scheme: LocalSource,
    SqlSource.scheme: SqlSource,
}


def scheme_for(uri: str) -> str:
    """The key in SOURCES of the source that reads ``uri``; SourceUriError if none does."""
    for key, source in SOURCES.items():
        if source.claims(uri):
            return key
    raise SourceUriError(f"no source can read this URI: {redact_uri(uri)}")


def list_units(uri: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
    """Every scan unit under ``uri`` (and LocationError rows for what cannot be listed)."""
    return SOURCES[scheme_for(uri)]().list_units(uri, settings)


def open_unit(
    unit: ScanUnit, settings: Settings
) -> AbstractContextManager[BinaryIO | TableRows]:
    """Open a unit again (raises SourceError, with error_type, when that fails)."""
    return SOURCES[unit.scheme]().open_unit(unit, settings)


def redact_uri(uri: str) -> str:
    """``uri`` without its password: safe for locations, scan.json and messages."""
    for source in SOURCES.values():
        if source.claims(uri):
            return source.redact(uri)
    return SqlSource.redact(uri)
