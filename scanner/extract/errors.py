"""Errors an extractor may raise, and the error types it records.

Messages never contain file content: they name what went wrong and where (a row, a line, a byte
offset), never the value that was being read. ``extract`` turns every one of these (and the OS
errors of reading) into ``ExtractOutcome`` fields, so the pipeline rarely sees them raised.
"""

from __future__ import annotations

# error_type values recorded in ExtractOutcome (and so in the ``locations`` table).
BINARY = "binary"  # status skipped: not a text format we read (reason in the message)
INVALID_UTF8 = "invalid_utf8"  # status ok: lines that are not UTF-8 were decoded as cp1252
MALFORMED_JSON = "malformed_json"  # status error: pieces before the damage are kept
MALFORMED_JSON_LINES = "malformed_json_lines"  # status ok: bad lines scanned as free text
RAGGED_ROWS = "ragged_rows"  # status ok: rows with more/fewer cells than the header
CSV_ERROR = "csv_error"  # status error: the CSV reader gave up (rows before it are kept)
TRUNCATED_GZIP = "truncated_gzip"  # status error: the stream ended early (prefix kept)
CORRUPT_GZIP = "corrupt_gzip"  # status error: bad header or deflate data
VALUE_TOO_LARGE = "value_too_large"  # status error: a single JSON value beyond the hard cap
PERMISSION_DENIED = "permission_denied"
NOT_FOUND = "not_found"
READ_FAILED = "read_failed"


class ExtractError(Exception):
    """A classified extraction failure: ``error_type`` plus a message without file content."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def os_error_type(exc: OSError) -> str:
    """Map an OSError raised while reading to an error_type."""
    if isinstance(exc, PermissionError):
        return PERMISSION_DENIED
    if isinstance(exc, FileNotFoundError):
        return NOT_FOUND
    return READ_FAILED


def os_error_message(exc: OSError) -> str:
    """A message for an OSError: the OS reason only (no path, no content)."""
    return f"read failed: {exc.strerror or exc.__class__.__name__}"
