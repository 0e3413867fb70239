"""JSON Lines / NDJSON: one record per line, field = path within the record (``$.user.email``).

Unit = line number (0-based, blank lines included in the numbering but not counted as
records). A line that is not valid JSON is counted and its text is still scanned as free
text (field None, same unit), so nothing is lost: the location stays ok with error_type
``malformed_json_lines``, the count and the first bad line number in the message.
``units_scanned`` = lines read (records + malformed lines).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.decode import iter_lines
from scanner.extract.jsonpath import PathBatchers, Walker
from scanner.model import Piece


def extract_jsonl(texts: Iterator[str], ctx: FileContext) -> Iterator[Piece]:
    """Yield pieces per path over all records; malformed lines are scanned as text."""
    batchers = PathBatchers(ctx.settings)
    walker = Walker()
    bad = 0
    first_bad = -1
    scanned = 0
    for lineno, line in enumerate(iter_lines(texts)):
        stripped = line.strip()
        if not stripped:
            continue
        scanned += 1
        try:
            record = json.loads(stripped)
        except (ValueError, RecursionError):
            bad += 1
            first_bad = lineno if first_bad < 0 else first_bad
            yield from batchers.add(None, lineno, stripped)
            continue
        walker.unit = lineno
        leaves: list[tuple[str, int, str]] = []
        walker.collect(record, "$", True, leaves)
        yield from batchers.add_all(leaves)
        ctx.outcome.units_scanned = scanned
    yield from batchers.flush()
    ctx.outcome.units_scanned = scanned
    if bad:
        set_error(ctx.outcome, ctx.outcome.status, errors.MALFORMED_JSON_LINES,
                  f"{bad} of {scanned} lines are not valid JSON (first: line {first_bad + 1}); "
                  "they were scanned as free text")
