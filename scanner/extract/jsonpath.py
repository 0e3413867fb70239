"""JSON values to (path, unit, text) and batched pieces per path (shared by JSON and JSONL).

Paths: ``$.kunder[*].kontakt.email`` — every array index is ``[*]``; a key that is not a plain
name is written ``['first name']``. A key that looks like data (an e-mail, 4+ digits, over 64
characters: ``{"jens@x.dk": {...}}``, ids as keys) must not become a field name and would make
paths unbounded: it is written ``*`` in the path and the key text itself is scanned as a value
of the field ``<path>.*~`` (JSONPath-Plus notation for "property names").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from scanner.extract.chunk import FieldBatcher
from scanner.extract.values import looks_like_value, render
from scanner.model import Piece
from scanner.settings import Settings

_NAME = re.compile(r"[^\W\d]\w*\Z")
MAX_PATHS = 10_000  # distinct paths buffered before everything is flushed


@lru_cache(maxsize=4096)  # pure: keys repeat in every record
def key_segment(key: str) -> str | None:
    """The path segment for an object key, or None if the key looks like data."""
    if looks_like_value(key):
        return None
    if _NAME.match(key):
        return "." + key
    return "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']"


class Walker:
    """Flatten decoded JSON values into ``(path, unit, text)`` leaves.

    Records are the elements of the outermost array on a path (the top-level array, or
    ``kunder`` in ``{"kunder": [...]}``), numbered in document order across the whole file;
    ``unit`` is that number, or 0 for values outside any array. ``fixed_unit`` (JSONL) puts
    every value in one unit (the line) and makes no records.
    """

    def __init__(self) -> None:
        self.records = 0
        self.unit = 0
        self.values = 0

    def start_record(self) -> None:
        """Enter the next element of an outermost array."""
        self.unit = self.records
        self.records += 1

    def collect(
        self, value: Any, path: str, in_record: bool, out: list[tuple[str, int, str]]
    ) -> None:
        """Append the leaves of ``value`` (found at ``path``) to ``out``."""
        if isinstance(value, dict):
            for key, item in value.items():
                segment = key_segment(key)
                if segment is None:
                    self.leaf(path + ".*~", key, in_record, out)
                    segment = ".*"
                self.collect(item, path + segment, in_record, out)
        elif isinstance(value, list):
            for item in value:
                if not in_record:
                    self.start_record()
                self.collect(item, path + "[*]", True, out)
        else:
            self.leaf(path, value, in_record, out)

    def leaf(self, path: str, value: Any, in_record: bool, out: list[tuple[str, int, str]]):
        """Append one scalar (skipped if it has no text: null, booleans, "")."""
        text = render(value)
        if text:
            self.values += 1
            out.append((path, self.unit if in_record else 0, text))


class PathBatchers:
    """One FieldBatcher per path; memory bounded by flushing everything past a budget."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._batchers: dict[str | None, FieldBatcher] = {}
        self._chars = 0
        self._budget = max(4 * settings.chunk_chars, 1 << 22)

    def add(self, path: str | None, unit: int, text: str) -> list[Piece]:
        """Add one value under ``path`` (None = free text); returns completed pieces."""
        batcher = self._batchers.get(path)
        if batcher is None:
            s = self._settings
            batcher = FieldBatcher(path, s.csv_batch_rows, s.chunk_chars, s.max_line_chars)
            self._batchers[path] = batcher
        pieces = batcher.add(unit, text)
        self._chars += len(text)
        if self._chars > self._budget or len(self._batchers) > MAX_PATHS:
            pieces.extend(self.flush())
        return pieces

    def add_all(self, leaves: list[tuple[str, int, str]]) -> Iterator[Piece]:
        """Add collected leaves."""
        for path, unit, text in leaves:
            pieces = self.add(path, unit, text)
            if pieces:
                yield from pieces

    def flush(self) -> Iterator[Piece]:
        """Yield everything buffered."""
        batchers, self._batchers, self._chars = self._batchers, {}, 0
        for batcher in batchers.values():
            yield from batcher.flush()
