"""The Parquet schemas of the inventory (a contract: columns are added, never renamed).

``findings/`` holds one row per (location, field, entity_type); ``locations/`` one row per location
visited. Both carry the schema version in their Parquet metadata under ``pii_scan.schema_version``
so readers can tell which columns to expect.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"
VERSION_KEY = b"pii_scan.schema_version"
SCAN_ID_KEY = b"pii_scan.scan_id"

_TS = pa.timestamp("us", tz="UTC")

FINDINGS_FIELDS: tuple[pa.Field, ...] = (
    pa.field("scan_id", pa.string(), nullable=False),
    pa.field("source_type", pa.string(), nullable=False),
    pa.field("location", pa.string(), nullable=False),
    pa.field("field", pa.string()),  # null for free text
    pa.field("entity_type", pa.string(), nullable=False),
    pa.field("match_count", pa.int64(), nullable=False),
    pa.field("units_with_match", pa.int64(), nullable=False),
    # Lines/rows read; for a table column (or JSON path in one) the rows in which the field had
    # a value (not NULL/blank), so units_with_match / units_scanned is the share of values.
    pa.field("units_scanned", pa.int64(), nullable=False),
    pa.field("max_score", pa.float64(), nullable=False),
    pa.field("samples_masked", pa.list_(pa.string())),
    pa.field("last_modified", _TS),
    pa.field("oldest_record", _TS),
    pa.field("newest_record", _TS),
    # Extras (not in the minimum contract).
    pa.field("date_column", pa.string()),
    pa.field("total_units", pa.int64()),
    pa.field("total_units_estimated", pa.bool_()),
    pa.field("sampled", pa.bool_()),
)

LOCATIONS_FIELDS: tuple[pa.Field, ...] = (
    pa.field("scan_id", pa.string(), nullable=False),
    pa.field("location", pa.string(), nullable=False),
    pa.field("source_type", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),  # ok | error | skipped
    pa.field("error_type", pa.string()),
    pa.field("error_message", pa.string()),
    pa.field("bytes", pa.int64()),
    pa.field("units_scanned", pa.int64(), nullable=False),
    pa.field("sampled", pa.bool_(), nullable=False),
    pa.field("last_modified", _TS),
    pa.field("duration_s", pa.float64(), nullable=False),
    # Extras.
    pa.field("total_units", pa.int64()),
    pa.field("total_units_estimated", pa.bool_()),
    pa.field("date_column", pa.string()),
    pa.field("finding_count", pa.int64()),
    pa.field("match_count", pa.int64()),
    # Tables: columns not read and why ("photo (BYTEA): binary"); null when none.
    pa.field("skipped_fields", pa.list_(pa.string())),
    # Archive members and mail attachments: the location they are in (``a.zip`` for
    # ``a.zip!/b.csv``, ``a.zip!/b.zip`` for ``a.zip!/b.zip!/c.txt``); null for a file on disk.
    pa.field("container", pa.string()),
    # status error, but what was read before the fault is kept (a table that hit its time
    # limit, a truncated file): its units and findings count.
    pa.field("partial", pa.bool_()),
)


def _schema(fields: tuple[pa.Field, ...], scan_id: str) -> pa.Schema:
    return pa.schema(
        list(fields), metadata={VERSION_KEY: SCHEMA_VERSION.encode(), SCAN_ID_KEY: scan_id.encode()}
    )


def findings_schema(scan_id: str = "") -> pa.Schema:
    """Schema of ``findings/`` with the version (and scan id) in its metadata."""
    return _schema(FINDINGS_FIELDS, scan_id)


def locations_schema(scan_id: str = "") -> pa.Schema:
    """Schema of ``locations/`` with the version (and scan id) in its metadata."""
    return _schema(LOCATIONS_FIELDS, scan_id)
