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
# Documents (spreadsheets, word processing, PDF, Parquet, markup). ``not_a_<format>``: the
# name says the format but the bytes are something else; ``corrupt_<format>``: the right kind
# of file, damaged or truncated (pieces yielded before the damage are kept).
ENCRYPTED = "encrypted"  # status skipped: password-protected (PDF, Office, ...)
NO_TEXT_LAYER = "no_text_layer"  # status skipped: a PDF whose pages have no text (scans)
PAGES_WITHOUT_TEXT = "pages_without_text"  # status ok: some PDF pages had no text layer
MALFORMED_XML = "malformed_xml"  # status error: XML not well-formed (text before it is kept)

# Containers (zip, tar, gz/bz2/xz streams, e-mail) and their safety limits. A limit hit has
# status error when part of the location was read (that part keeps its findings) and status
# skipped when none of it was.
TRUNCATED_BZIP2 = "truncated_bzip2"  # status error: like truncated_gzip
CORRUPT_BZIP2 = "corrupt_bzip2"
TRUNCATED_XZ = "truncated_xz"
CORRUPT_XZ = "corrupt_xz"
CORRUPT_ZIP = "corrupt_zip"  # bad central directory; members found before the damage are kept
CORRUPT_TAR = "corrupt_tar"  # a bad header; members before it are kept
TRUNCATED_TAR = "truncated_tar"  # the archive ends inside a member or without its end marker
CORRUPT_MEMBER = "corrupt_member"  # a member's own data is damaged (bad CRC, bad deflate data)
UNSUPPORTED_COMPRESSION = "unsupported_compression"  # status skipped: a zip method we lack
MALFORMED_MIME = "malformed_mime"  # status error: broken MIME structure (parts read are kept)
CORRUPT_MSG = "corrupt_msg"  # an Outlook .msg that cannot be read
MSG_SUPPORT_MISSING = "msg_support_missing"  # the optional extract-msg is not installed
UNSAFE_MEMBER_PATH = "unsafe_member_path"  # status ok: absolute or ``..`` path (never extracted)
MAIL_TOO_LARGE = "mail_too_large"  # status error: over max_mail_bytes, read as plain text
ARCHIVE_DEPTH_LIMIT = "archive_depth_limit"  # status skipped: nested deeper than allowed
ARCHIVE_BYTES_LIMIT = "archive_bytes_limit"  # max_archive_bytes reached
ARCHIVE_MEMBER_LIMIT = "archive_member_limit"  # max_archive_members reached
COMPRESSION_RATIO_LIMIT = "compression_ratio_limit"  # zip-bomb guard
TIME_LIMIT = "time_limit"  # max_file_seconds reached


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
