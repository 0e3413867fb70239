"""Logging for pii-scan: stderr, one format, level from ``--log-level`` or ``PII_SCAN_LOG_LEVEL``.

House rule: log messages name locations, counts, types and sizes, never a value read from data.
Worker processes get the same level (the executor passes it on).
"""

from __future__ import annotations

import logging
import os
import sys

LEVEL_ENV = "PII_SCAN_LOG_LEVEL"
LEVELS = ("debug", "info", "warning", "error")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level: str | None = None, quiet: bool = False) -> int:
    """Send the ``scanner`` and ``recognizers`` loggers to stderr; return the level set."""
    name = (level or os.environ.get(LEVEL_ENV) or ("error" if quiet else "warning")).lower()
    numeric = getattr(logging, name.upper(), logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    for logger_name in ("scanner", "recognizers"):
        logger = logging.getLogger(logger_name)
        logger.handlers[:] = [handler]
        logger.setLevel(numeric)
        logger.propagate = False
    return int(numeric)
