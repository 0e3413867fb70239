"""The reference detector: plain ``re``, one text at a time, no chunking.

It defines what a detection *is*: every shape match whose boundaries are allowed and that the
recogniser's ``evaluate`` keeps, then overlaps resolved so that one span gets one type. Presidio's
``analyze`` uses it directly; the fast engine must give the same answer (equivalence test).

Overlap rule (documented in README, "One span, one type"): among overlapping detections keep the
highest score; on equal score the longer span; then the earlier start; then registry order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from recognizers.base import Detection, NordicRecognizer
from recognizers.context import ContextView
from recognizers.registry import default_recognizers
from recognizers.typography import plain_text

_COMPILED: dict[type[NordicRecognizer], tuple[re.Pattern[str], ...]] = {}


def compiled_shapes(recognizer_type: type[NordicRecognizer]) -> tuple[re.Pattern[str], ...]:
    """The recogniser's shapes compiled for ``re`` (compiled once per class)."""
    if recognizer_type not in _COMPILED:
        flags = re.IGNORECASE if recognizer_type.CASELESS else 0
        _COMPILED[recognizer_type] = tuple(
            re.compile(shape, flags | re.ASCII) for shape in recognizer_type.SHAPES
        )
    return _COMPILED[recognizer_type]


def candidate_spans(recognizer: NordicRecognizer, text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of shape matches with allowed boundaries, per shape, left to right.

    A match's end is first narrowed by ``candidate_end`` (the match itself for most recognisers).
    After a match that has no candidate or whose boundaries are not allowed the search resumes
    one character later (not after the match), so a bad candidate never hides a good one that
    overlaps it.
    """
    for rx in compiled_shapes(type(recognizer)):
        pos = 0
        while (m := rx.search(text, pos)) is not None:
            start, end = m.span()
            exact = recognizer.candidate_end(text, start, end)
            if exact is not None and recognizer.boundary_ok(text, start, exact):
                end = exact
                yield start, end
                pos = end
            else:
                pos = start + 1


def resolve_overlaps(
    detections: Sequence[Detection], order: dict[str, int] | None = None
) -> list[Detection]:
    """Keep one detection per overlapping group (see module docstring), sorted by start."""
    rank = order or {}
    ranked = sorted(
        set(detections),
        key=lambda d: (-d.score, -(d.end - d.start), d.start, rank.get(d.entity_type, 99)),
    )
    kept: list[Detection] = []
    for det in ranked:
        if all(det.end <= k.start or det.start >= k.end for k in kept):
            kept.append(det)
    kept.sort(key=lambda d: (d.start, d.end))
    return kept


def registry_order(recognizers: Sequence[NordicRecognizer]) -> dict[str, int]:
    """Entity name -> position, the last tie-break of overlap resolution."""
    return {r.ENTITY: i for i, r in enumerate(recognizers)}


def evaluate_span(
    recognizer: NordicRecognizer,
    text: str,
    start: int,
    end: int,
    field: str | None,
    context: ContextView | None = None,
) -> Detection | None:
    """Ask the recogniser about one candidate; a raising recogniser counts as a rejection.

    ``context`` may be passed in (it must be ``ContextView.around(text, start, end, field)``):
    the engine shares one view among the recognisers that score the same span, so that what
    a view computes lazily (its words) is computed once.
    """
    if context is None:
        context = ContextView.around(text, start, end, field)
    try:
        score = recognizer.evaluate(text[start:end], context)
    except Exception:  # validators must never raise; if one does, the candidate is dropped
        return None
    if score is None or score <= 0:
        return None
    return Detection(recognizer.ENTITY, start, end, min(1.0, float(score)))


def detect(
    text: str,
    field: str | None = None,
    recognizers: Sequence[NordicRecognizer] | None = None,
) -> list[Detection]:
    """All detections in ``text`` (optionally under a field name), overlaps resolved.

    Typographic spaces and dashes read as ASCII ones (:func:`recognizers.typography.plain_text`).
    """
    active = tuple(recognizers) if recognizers is not None else default_recognizers()
    return list(_detect_cached(plain_text(text), field, active))


@lru_cache(maxsize=16)
def _detect_cached(
    text: str, field: str | None, active: tuple[NordicRecognizer, ...]
) -> tuple[Detection, ...]:
    # Cached because Presidio calls every registered recogniser's analyze() on the same text.
    found = [
        det
        for rec in active
        for start, end in candidate_spans(rec, text)
        if (det := evaluate_span(rec, text, start, end, field)) is not None
    ]
    return tuple(resolve_overlaps(found, registry_order(active)))
