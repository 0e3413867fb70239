"""Locations as the inventory shows them: identifiers in path, file and member names masked.

A file called ``010190-1234 Jens Hansen.pdf`` or a zip member ``kunder/jens@firma.dk.csv`` would
put a raw identifier into the ``location`` column, the logs and ``scan.json``. Before anything
is written, each location is read as text by the engine (percent-decoded first: in
``Jens%20Hansen%20010190-1234.pdf`` the ``20`` of ``%20`` would glue to the number) and every
detection is replaced, in place, by the recogniser's own masked form (``******-*234``),
percent-encoded like the rest of the location. Everything else in the location stays as it was,
so a reviewer still finds the file by its folder and the unmasked part of its name.

Masking can make two locations read the same (``0101901234.txt`` and ``0202901234.txt`` both show
as ``******1234.txt``); they stay separate rows, as they are separate locations. Internally the
scan keys locations by their real names: only what is written goes through here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from urllib.parse import quote

from recognizers.base import Detection
from scanner.engine import Engine
from scanner.pipeline import engine_for
from scanner.settings import Settings

_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
#: The last one or two file-name extensions of a path segment (``.csv``, ``.csv.gz``).
_EXTENSIONS = re.compile(r"(?:\.[A-Za-z0-9]{1,8}){1,2}(?=$|[/!?#])")
#: Characters a mask may keep as they are (``*`` and the shape's separators are URI-safe).
_MASK_SAFE = "*@+:,;=-._~"
_MEMO_MAX = 100_000


def decode_with_spans(location: str) -> tuple[str, list[tuple[int, int]]]:
    """The percent-decoded location and, per decoded character, its span in ``location``.

    Percent-encoded bytes are decoded as UTF-8 (invalid bytes become U+FFFD); a character made
    of several encoded bytes spans all of them.
    """
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for run in _PERCENT_RUN.finditer(location):
        for i in range(pos, run.start()):
            chars.append(location[i])
            spans.append((i, i + 1))
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        first = run.start()
        raw = bytes.fromhex(run.group().replace("%", ""))
        for k, byte in enumerate(raw):
            end = run.start() + 3 * (k + 1)
            decoded = decoder.decode(bytes([byte]))
            for ch in decoded:
                chars.append(ch)
                spans.append((first, end))
            if decoded:
                first = end
        for ch in decoder.decode(b"", final=True):
            chars.append(ch)
            spans.append((first, run.end()))
        pos = run.end()
    for i in range(pos, len(location)):
        chars.append(location[i])
        spans.append((i, i + 1))
    return "".join(chars), spans


def _spaced(text: str, positions: list[int]) -> str:
    chars = list(text)
    for i in positions:
        chars[i] = " "
    return "".join(chars)


class LocationMasker:
    """``masker(location)``: the location with every identifier in it masked (memoised)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = replace(settings, only=())  # every type counts, whatever ``--only`` says
        self._memo: dict[str, str] = {}
        self._built: Engine | None = None

    @property
    def _engine(self) -> Engine:
        # Built on first use (the process's engine when ``--only`` is not given), then kept.
        if self._built is None:
            self._built = engine_for(self._settings)
        return self._built

    def __call__(self, location: str | None) -> str | None:
        """The location as written out; ``None`` stays ``None``."""
        if location is None:
            return None
        shown = self._memo.get(location)
        if shown is None:
            shown = self._mask(location)
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[location] = shown
        return shown

    def _mask(self, location: str) -> str:
        # Only the path is read: the authority (``user@host:port`` of a database URL) names
        # a server, and its address is infrastructure, not a person's.
        scheme = location.find("://")
        if scheme >= 0:
            path = location.find("/", scheme + 3)
            if path < 0:
                return location
            return location[:path] + self._mask_path(location[path:])
        return self._mask_path(location)

    def _mask_path(self, location: str) -> str:
        decoded, spans = decode_with_spans(location)
        detections = self._detections(decoded)
        if not detections:
            return location
        parts: list[str] = []
        done = 0
        for det in detections:
            start, end = spans[det.start][0], spans[det.end - 1][1]
            if start < done:
                continue
            masked = self._engine.recognizer(det.entity_type).mask(decoded[det.start : det.end])
            parts += [location[done:start], quote(masked, safe=_MASK_SAFE)]
            done = end
        parts.append(location[done:])
        return "".join(parts)

    def _detections(self, decoded: str) -> list[Detection]:
        """Detections in the location text, also with its extension dots read as spaces (and
        separator dots after a letter; ``/`` and ``!`` always).

        ``jens@firma.dk.csv`` is an address only without ``.csv`` (``csv`` is no TLD), and
        ``10.0.0.1.log`` an IP address only without ``.log``; the variants have the same length,
        so their spans line up. Overlaps keep the earlier, then the longer detection.
        """
        # Path and member separators read as spaces: "/" would glue to a number ("/4111…" is a
        # path, not a card, to the recognisers), as would "!" of "a.zip!/…".
        decoded = _spaced(decoded, [i for i, ch in enumerate(decoded) if ch in "/!"])
        found = list(self._engine.scan_text(decoded))
        # "schema.table" and "name.10.0.0.5": a dot after a letter may join a name to the value.
        joins = [i for i in range(1, len(decoded))
                 if decoded[i] == "." and decoded[i - 1].isalpha()]
        if joins:
            found += self._engine.scan_text(_spaced(decoded, joins))
        last: list[int] = []  # extension dots, per segment: the last one, then the one before
        before: list[int] = []
        for m in _EXTENSIONS.finditer(decoded):
            dots = [m.start() + i for i, ch in enumerate(m.group()) if ch == "."]
            last.append(dots[-1])
            before += dots[:-1]
        if last:
            variant = _spaced(decoded, last)
            found += self._engine.scan_text(variant)
            if before:
                found += self._engine.scan_text(_spaced(variant, before))
        found.sort(key=lambda d: (d.start, -(d.end - d.start)))
        kept: list[Detection] = []
        for det in found:
            if not kept or det.start >= kept[-1].end:
                kept.append(det)
        return kept
