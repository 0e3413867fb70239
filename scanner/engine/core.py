"""The fast detection engine: one prefilter pass per text, recogniser logic on candidates only.

Results equal :func:`recognizers.reference.detect` (then threshold and ``only`` filters); see
:mod:`scanner.engine.candidates` for why. The default prefilter is the ``re`` trigger prefilter
(:mod:`scanner.engine.triggers`): a few passes over the text find where each shape can match, and
the reference's own walk runs there. The Hyperscan prefilter (``prefilter: hyperscan``, not used
by ``auto``, see :func:`choose_backend`) scans long texts in windows of ``settings.chunk_chars``
plus an overlap. Either way the exact ``re`` walk, boundary checks and context windows run on the
whole ``str`` with absolute offsets, so a match on a window edge is found once, with the same
context and score as without windows; results are proportional to matches.

Pieces cut from a larger text (by an extractor) should carry ``Engine.overlap_chars`` characters
of neighbouring text on each side of their owned range: then each match is reported by exactly
one piece, with the score it has in the whole text (tested in ``tests/engine/test_chunks.py``).
Not thread-safe: one Engine per thread or process (Hyperscan scratch space is per database).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recognizers.base import Detection, NordicRecognizer
from recognizers.context import WINDOW_AFTER, WINDOW_BEFORE, ContextView, field_has
from recognizers.reference import registry_order
from recognizers.registry import default_recognizers
from recognizers.typography import plain_text
from scanner.engine.candidates import resolve, walk_runs, walk_shape
from scanner.engine.context import Scorer
from scanner.engine.prefilter import (
    HyperscanPrefilter,
    hyperscan_available,
    shapes_of,
)
from scanner.engine.triggers import TriggerPrefilter
from scanner.model import Match, Piece
from scanner.settings import Settings

PREFILTERS = ("auto", "hyperscan", "re")
#: ``tuple.__new__``: builds a named tuple from its fields without the generated ``__new__``
#: (a Python function; two objects per match in the hot loop).
_new = tuple.__new__


def choose_backend(prefilter: str) -> str:
    """Resolve ``settings.prefilter`` to the backend used: ``hyperscan`` or ``re``.

    ``auto`` is the ``re`` trigger prefilter (:mod:`scanner.engine.triggers`), exact by
    construction and as fast. The Hyperscan wheel (vectorscan 5.4.12) silently drops match reports
    for some of the real shapes (e.g. ``(?:\\+|00)[1-9][0-9]{0,14}`` on
    ``"+66R-nr., bilagsnr.+64? v1.2.3.4.5\\nmobil ??? hetu ???\\nCVR 061180-135R "`` reports no
    end at 22), so it is only used when asked for explicitly.
    """
    if prefilter not in PREFILTERS:
        raise ValueError(f"prefilter must be one of {', '.join(PREFILTERS)}, not {prefilter!r}")
    if prefilter in ("re", "auto"):
        return "re"
    if not hyperscan_available():
        raise ValueError("prefilter 'hyperscan' requested but hyperscan is not installed")
    return "hyperscan"


class Engine:
    """Detects personal data in pieces of text; cheap to pickle and to build per worker process."""

    def __init__(
        self, settings: Settings, recognizers: Sequence[NordicRecognizer] | None = None
    ) -> None:
        self.settings = settings
        self._given = tuple(recognizers) if recognizers is not None else None
        self.backend = choose_backend(settings.prefilter)
        self.recognizers = self._given if self._given is not None else default_recognizers()
        self._by_entity = {rec.ENTITY: rec for rec in self.recognizers}
        self._order = registry_order(self.recognizers)
        unknown = sorted(set(settings.extra_context) - set(self._by_entity))
        if unknown:
            raise ValueError(f"extra_context names unknown entity types: {', '.join(unknown)}")
        self._scorers = tuple(
            Scorer(rec, tuple(settings.extra_context.get(rec.ENTITY, ())))
            for rec in self.recognizers
        )
        #: Recognisers scored exactly as the reference does (no extra context words).
        self._plain = tuple(s.recognizer if s.plain else None for s in self._scorers)
        self._entities = tuple(rec.ENTITY for rec in self.recognizers)
        self._boundary = tuple(rec.boundary_ok for rec in self.recognizers)
        self._rejected = tuple(type(rec).rejected_neighbours() for rec in self.recognizers)
        self._hopeless = tuple(
            rec.hopeless if type(rec).hopeless is not NordicRecognizer.hopeless else None
            for rec in self.recognizers
        )
        self._exact = tuple(
            rec.candidate_end
            if type(rec).candidate_end is not NordicRecognizer.candidate_end
            else None
            for rec in self.recognizers
        )
        self._shapes = shapes_of(self.recognizers)
        widths = [s.width for s in self._shapes if s.width is not None]
        #: Longest candidate any shape can produce (MAX_LENGTH, or a longer finite shape width).
        self.max_candidate = max([type(r).MAX_LENGTH for r in self.recognizers] + widths + [1])
        #: Characters a piece needs on each side of its owned range so that every owned match is
        #: found whole, sees its full context, and overlaps resolve as in the whole text.
        self.overlap_chars = 2 * self.max_candidate + WINDOW_BEFORE + WINDOW_AFTER + 2
        self._hs = HyperscanPrefilter(self._shapes) if self.backend == "hyperscan" else None
        self._triggers = TriggerPrefilter(self._shapes) if self.backend == "re" else None
        #: Per shape: signature -> position -> match span (see ``walk_runs``).
        self._tables: dict[int, dict[str, list[tuple[int, int, bool, bool] | None]]] = {
            i: {} for i in range(len(self._shapes))
        }
        #: Global shape index -> its recogniser's CONTEXT, for shapes that only score under a
        #: field named with those words (``FIELD_ONLY_SHAPES``; plain scoring only).
        self._field_only: dict[int, tuple[str, ...]] = {}
        first = 0
        for index, rec in enumerate(self.recognizers):
            count = sum(1 for shape in self._shapes if shape.recognizer == index)
            if self._plain[index] is not None:
                for local in type(rec).FIELD_ONLY_SHAPES:
                    self._field_only[first + local] = type(rec).CONTEXT
            first += count
        self._skips: dict[str | None, frozenset[int]] = {}
        self._threshold = {e: settings.threshold(e) for e in self._by_entity}
        self._only = frozenset(settings.only)

    def __getstate__(self) -> dict[str, Any]:
        # Default recognisers are rebuilt in the worker; the Hyperscan database is compiled there.
        return {"settings": self.settings, "recognizers": self._given}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"], state["recognizers"])  # type: ignore[misc]

    def recognizer(self, entity: str) -> NordicRecognizer:
        """The recogniser for ``entity`` (masking in the aggregator); KeyError when unknown."""
        return self._by_entity[entity]

    # --- public scanning ---------------------------------------------------------------------

    def scan_text(self, text: str, field: str | None = None) -> list[Detection]:
        """Detections in ``text`` of any length: the reference result, threshold/only filtered."""
        return [d for d in self.detect(text, field) if self._reported(d)]

    def scan_piece(self, piece: Piece) -> list[Match]:
        """Matches the piece owns (``owned_start <= start < owned_end``), filtered, with units."""
        text = piece.text
        owned_end = len(text) if piece.owned_end is None else piece.owned_end
        low = piece.owned_start
        threshold = self._threshold
        only = self._only
        kept = [
            d
            for d in self.detect(text, piece.field, piece.cells)  # (entity, start, end, score)
            if low <= d[1] < owned_end
            and d[3] >= threshold[d[0]]
            and (not only or d[0] in only)
        ]
        first = piece.first_unit
        return [
            _new(Match, (d[0], d[1], d[2], d[3], first + line))
            for d, line in zip(kept, line_numbers(text, [d[1] for d in kept]), strict=True)
        ]

    def detect(
        self, text: str, field: str | None = None, cells: bool = False
    ) -> list[Detection]:
        """Every detection in ``text`` with overlaps resolved, before threshold and ``only``.

        Typographic spaces and dashes read as ASCII ones, as in the reference detector.
        ``cells`` (``Piece.cells``): every line is a text of its own, i.e. the result is the
        reference's on each line, at the line's offset. No shape matches across a line end and
        no boundary rule reads past one (``tests/engine/test_cells.py``), so only the context
        windows differ: they stop at the line's ends. Equal windows give one shared view, so a
        column's bare values (empty windows) read their context once.
        """
        text = plain_text(text)
        by_span: dict[tuple[int, int], list[int]] = {}
        for index, spans in enumerate(self._candidates(text, field)):
            for span in spans:
                indices = by_span.get(span)
                if indices is None:
                    by_span[span] = [index]
                elif indices[-1] != index:
                    indices.append(index)
        # One context view per span, shared by the recognisers that score it. The plain case is
        # ``evaluate_span`` inlined (the hot loop of every scan): same rejection and clamping.
        found: list[Detection] = []
        append = found.append
        scorers = self._scorers
        plain = self._plain
        entities = self._entities
        views: dict[tuple[str, str, str], ContextView] = {}
        bare: ContextView | None = None  # the view of a whole line (cells): empty windows
        size = len(text)
        for (start, end), indices in by_span.items():
            low = start - WINDOW_BEFORE if start > WINDOW_BEFORE else 0
            if not cells:
                view = ContextView(
                    text[low:start], text[end : end + WINDOW_AFTER], field,
                    text[low - 1] if low else "",
                )
            elif (start == 0 or text[start - 1] == "\n") and (end == size or text[end] == "\n"):
                if bare is None:
                    bare = _shared_view("", "", "", field)
                view = bare
            else:  # the windows stop at the cell: its line
                line = text.rfind("\n", low, start) + 1
                if line:
                    low = line
                high = text.find("\n", end, end + WINDOW_AFTER)
                edge = "" if line or not low else text[low - 1]
                window = (text[low:start], text[end : end + WINDOW_AFTER if high < 0 else high],
                          edge)
                shared = views.get(window)
                if shared is None:
                    shared = views[window] = _shared_view(*window, field=field)
                view = shared
            value = text[start:end]
            for index in indices:
                rec = plain[index]
                if rec is None:
                    det = scorers[index].score(text, start, end, field, view)
                    if det is not None:
                        append(det)
                    continue
                try:
                    score = rec.evaluate(value, view)
                except Exception:  # as in evaluate_span: a raising recogniser rejects
                    continue
                if score is not None and score > 0:
                    append(_new(Detection, (entities[index], start, end, min(1.0, float(score)))))
        return resolve(found, self._order)

    # --- internals ---------------------------------------------------------------------------

    def _reported(self, det: Detection) -> bool:
        if self._only and det.entity_type not in self._only:
            return False
        return det.score >= self._threshold[det.entity_type]

    def _skipped(self, field: str | None) -> frozenset[int]:
        """Field-only shapes that cannot score under ``field`` (memoised per field name)."""
        found = self._skips.get(field)
        if found is None:
            found = frozenset(
                i for i, words in self._field_only.items()
                if not (field and field_has(field, words))
            )
            if len(self._skips) >= 4096:
                self._skips.clear()
            self._skips[field] = found
        return found

    def _candidates(self, text: str, field: str | None = None) -> list[list[tuple[int, int]]]:
        """Boundary-ok candidate spans per recogniser, as the reference walk finds them (less
        the candidates of field-only shapes that cannot score under ``field``)."""
        spans: list[list[tuple[int, int]]] = [[] for _ in self.recognizers]
        size = len(text)
        skip = self._skipped(field) if self._field_only else frozenset()
        by_re: Sequence[int] = range(len(self._shapes))
        if self._hs is not None:
            self._prefilter_hyperscan(text, spans)
            by_re = self._hs.unscanned
        elif self._triggers is not None:
            found, groups = self._triggers.scan(text)
            for i, regions in found.items():
                if i in skip:
                    continue
                shape = self._shapes[i]
                rec = shape.recognizer
                walk_shape(
                    shape.rx, self._boundary[rec], text, regions, 0, size, spans[rec],
                    self._exact[rec],
                )
            for selection, items in groups:  # every run walked alone: order does not matter
                for i in selection:
                    if i in skip:
                        continue
                    shape = self._shapes[i]
                    rec = shape.recognizer
                    if self._exact[rec] is None:
                        walk_runs(
                            shape.rx, self._tables[i], self._boundary[rec], text, items,
                            spans[rec], self._rejected[rec], self._hopeless[rec],
                        )
                    else:  # a recogniser that narrows its matches: the plain walk, run by run
                        regions = [(start, start + len(key)) for start, key in items]
                        walk_shape(
                            shape.rx, self._boundary[rec], text, regions, 0, size, spans[rec],
                            self._exact[rec],
                        )
            by_re = self._triggers.unscanned
        for i in by_re:
            if i in skip:
                continue
            shape = self._shapes[i]
            rec = shape.recognizer
            walk_shape(
                shape.rx, self._boundary[rec], text, ((0, size),), 0, size, spans[rec],
                self._exact[rec],
            )
        return spans

    def _prefilter_hyperscan(self, text: str, spans: list[list[tuple[int, int]]]) -> None:
        assert self._hs is not None
        self._hs.compile()
        size = len(text)
        chunk = self.settings.chunk_chars or size or 1
        margin = self.max_candidate + 1
        positions: dict[int, int] = {}
        for low in range(0, size, chunk):
            high = min(size, low + chunk)
            data = text[low : high + margin].encode("latin-1", "replace")
            for i, regions in self._hs.regions(data, low).items():
                shape = self._shapes[i]
                rec = shape.recognizer
                positions[i] = walk_shape(
                    shape.rx, self._boundary[rec], text, regions, positions.get(i, 0), high,
                    spans[rec], self._exact[rec],
                )


def _shared_view(before: str, after: str, edge: str, field: str | None) -> ContextView:
    """A view that several spans read: it keeps what recognisers derive from it (``derived``)."""
    view = ContextView(before, after, field, edge)
    view.derived = {}
    return view


def line_numbers(text: str, starts: Sequence[int]) -> list[int]:
    """The 0-based line of each offset in ``starts`` (ascending): ``\\n`` counted before it.

    One ``str.count`` per match over the gap since the previous one: linear in the text, in C.
    """
    lines: list[int] = []
    line = previous = 0
    for start in starts:
        line += text.count("\n", previous, start)
        previous = start
        lines.append(line)
    return lines
