"""The prefilter: one pass over a text that says where each recogniser shape *can* match.

Shapes (:class:`Shape`, :func:`shapes_of`) are shared by every backend. The default backend is
:mod:`scanner.engine.triggers`; this module's Hyperscan backend is opt-in (``prefilter:
hyperscan``): the installed wheel (vectorscan 5.4.12) was found to drop reports for some real
shapes, which breaks the premise below (see ``scanner.engine.core.choose_backend``).

Two backends give the same answer by construction (see :mod:`scanner.engine.candidates`):

* ``hyperscan``: every shape of every recogniser is compiled into one block-mode database with
  ``HS_FLAG_SOM_LEFTMOST``. Hyperscan reports, per shape, every end offset with the leftmost start
  of a match ending there; merged, these ``[start, end)`` reports form *regions* that contain every
  ``re`` match of the shape. The exact ``re`` search then runs inside the regions only, so Python
  work is proportional to candidates, not bytes.
* ``re``: one region, the whole text, per shape: the walk of
  :func:`recognizers.reference.candidate_spans` itself.

Hyperscan scans bytes, so it scans ``text.encode("latin-1", "replace")``: one byte per character,
byte offsets equal ``str`` offsets (characters beyond Latin-1 become ``?``; shapes are ASCII, and
``?`` is matched by exactly the classes that match any non-ASCII character: ``.``, ``\\D``,
``\\W``, ``\\S``, negated sets). A shape Hyperscan cannot compile falls back to the ``re`` region.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from recognizers.base import NordicRecognizer
from recognizers.reference import compiled_shapes

log = logging.getLogger(__name__)

#: A region: shape matches can start and end inside ``[start, end)``.
Region = tuple[int, int]

_hs: Any
try:  # Hyperscan has wheels for x86_64/aarch64 Linux and macOS only.
    import hyperscan as _hs
except ImportError:  # pragma: no cover - exercised on platforms without the wheel
    _hs = None


def hyperscan_available() -> bool:
    """True when the Hyperscan module imports on this machine."""
    return _hs is not None


@dataclass(frozen=True, slots=True)
class Shape:
    """One shape of one recogniser, compiled for ``re`` exactly as the reference detector does."""

    recognizer: int  # index into the engine's recogniser tuple
    rx: re.Pattern[str]
    caseless: bool
    width: int | None  # longest possible match in characters; None = unbounded
    #: Characters that, just before a match, make the recogniser reject it whatever the match
    #: is (the left half of its ``rejected_neighbours``; empty = unknown).
    left_rejected: frozenset[str] = frozenset()


def shape_width(pattern: str) -> int | None:
    """Longest match of ``pattern`` in characters, or None when it is unbounded."""
    _, high = sre_parse.parse(pattern).getwidth()
    return None if high >= sre_parse.MAXREPEAT else int(high)


def shapes_of(recognizers: Sequence[NordicRecognizer]) -> tuple[Shape, ...]:
    """Every shape of every recogniser, in recogniser then shape order."""
    return tuple(
        Shape(
            index, rx, type(rec).CASELESS, shape_width(rx.pattern),
            type(rec).rejected_neighbours()[0],
        )
        for index, rec in enumerate(recognizers)
        for rx in compiled_shapes(type(rec))  # type: ignore[arg-type]  # classes hash fine
    )


def _hs_pattern(pattern: str) -> bytes:
    """``pattern`` for Hyperscan, which scans the Latin-1 bytes of the text: a non-ASCII Latin-1
    character becomes its ``\\xHH`` byte (UnicodeEncodeError beyond Latin-1: ``re`` walks it)."""
    pattern.encode("latin-1")
    return "".join(ch if ch < "\x80" else f"\\x{ord(ch):02x}" for ch in pattern).encode("ascii")


class HyperscanPrefilter:
    """All shapes in one Hyperscan database, compiled when first used in this process.

    Each shape is compiled with ``HS_FLAG_SOM_LEFTMOST`` when Hyperscan can track its start;
    otherwise (``Pattern is too large``, typically long bounded repeats) without it, and a report
    ending at ``e`` stands for the region ``[e - width, e)``, which holds every match ending there.
    A shape that compiles neither way (unbounded, or unsupported syntax) is left to ``re``.
    """

    name = "hyperscan"

    def __init__(self, shapes: Sequence[Shape]) -> None:
        self.shapes = tuple(shapes)
        self._db: Any = None
        #: Shape indices Hyperscan scans; the others are searched with ``re`` over the whole text.
        self.scanned: tuple[int, ...] = ()
        self.unscanned: tuple[int, ...] = ()
        #: Shapes scanned without start-of-match tracking: index -> width.
        self.end_only: dict[int, int] = {}

    def __getstate__(self) -> dict[str, Any]:
        # A Hyperscan database cannot be pickled: each worker process compiles its own, once.
        return {"shapes": self.shapes}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["shapes"])  # type: ignore[misc]

    def _flags(self, index: int, som: bool) -> int:
        assert _hs is not None
        flags = _hs.HS_FLAG_CASELESS if self.shapes[index].caseless else 0
        return int(flags | (_hs.HS_FLAG_SOM_LEFTMOST if som else 0))

    def _compile(self, indices: Sequence[int], som: Sequence[bool]) -> Any:
        assert _hs is not None
        db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
        db.compile(
            expressions=[_hs_pattern(self.shapes[i].rx.pattern) for i in indices],
            ids=list(indices),
            flags=[self._flags(i, s) for i, s in zip(indices, som, strict=True)],
        )
        return db

    def _mode(self, index: int) -> bool | None:
        """True: SOM; False: end offsets only; None: Hyperscan cannot take this shape."""
        assert _hs is not None
        reason: Exception | None = None
        for som in (True, False):
            if not som and self.shapes[index].width is None:
                break
            try:
                self._compile([index], [som])
                return som
            except (_hs.error, UnicodeEncodeError) as exc:
                reason = exc
        log.warning("shape %d searched with re: hyperscan rejects it (%s)", index, reason)
        return None

    def compile(self) -> None:
        """Compile the database (idempotent; shared by engines with the same shapes)."""
        if self._db is not None or _hs is None:
            return
        key = tuple((shape.rx.pattern, shape.caseless) for shape in self.shapes)
        if key not in _COMPILED:
            _COMPILED[key] = self._build()
        self._db, self.scanned, self.end_only = _COMPILED[key]
        self.unscanned = tuple(sorted(set(range(len(self.shapes))) - set(self.scanned)))

    def _build(self) -> tuple[Any, tuple[int, ...], dict[int, int]]:
        assert _hs is not None
        indices = list(range(len(self.shapes)))
        som = [True] * len(indices)
        try:
            db = self._compile(indices, som)
        except (_hs.error, UnicodeEncodeError):
            modes = {i: self._mode(i) for i in indices}
            indices = [i for i in indices if modes[i] is not None]
            som = [bool(modes[i]) for i in indices]
            db = self._compile(indices, som) if indices else False
        end_only = {
            i: int(self.shapes[i].width or 0) for i, s in zip(indices, som, strict=True) if not s
        }
        return db, tuple(indices), end_only

    def regions(self, data: bytes, base: int) -> dict[int, list[Region]]:
        """Merged match regions per scanned shape in ``data`` (offsets shifted by ``base``)."""
        self.compile()
        reports: list[list[tuple[int, int]]] = [[] for _ in self.shapes]
        if self._db:
            self._db.scan(data, match_event_handler=_collect, context=reports)
        for i, width in self.end_only.items():
            reports[i] = [(max(0, end - width), end) for _, end in reports[i]]
        return {i: _merge(found, base) for i, found in enumerate(reports) if found}


#: Compiled databases by shape content, per process: compiling the real shapes takes about a
#: second (the IBAN registry alternations), and a database is read-only once compiled.
_COMPILED: dict[tuple[tuple[str, bool], ...], tuple[Any, tuple[int, ...], dict[int, int]]] = {}


def _collect(shape: int, start: int, end: int, flags: int, reports: list[Any]) -> None:
    # Called once per report: kept minimal, the Python call itself is most of its cost.
    reports[shape].append((start, end))


def _merge(spans: list[Region], base: int) -> list[Region]:
    """Union of ``spans`` as sorted disjoint regions, shifted by ``base``."""
    spans.sort()  # reports arrive nearly in order: Timsort is close to linear here
    out: list[Region] = []
    region_start = region_end = -1
    for start, end in spans:
        if start <= region_end:
            if end > region_end:
                region_end = end
        else:
            if region_end >= 0:
                out.append((region_start + base, region_end + base))
            region_start, region_end = start, end
    out.append((region_start + base, region_end + base))
    return out
