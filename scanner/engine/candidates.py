"""From prefilter regions to detections, exactly as the reference detector would find them.

Why the two prefilter backends agree with :mod:`recognizers.reference`:

1. The reference walks each shape with ``rx.search(text, pos)``: after a candidate with allowed
   boundaries it resumes at its end, after a rejected one at ``start + 1``. :func:`walk_shape`
   runs the *same* walk, with the same compiled ``re`` pattern on the same ``str``, but only inside
   the regions the prefilter reported, using ``endpos`` = the region's end.
2. That is the same walk because a region set from Hyperscan contains every match: each match
   ``(s, e)`` has a report ``(s' <= s, e)``, so ``s`` lies in the merged region that holds
   ``[s', e)`` and ``e`` is at most that region's end. Searching ``text[:region_end]`` from
   ``p`` therefore finds the same leftmost start and (no anchors, no look-around in shapes) the same
   greedy end as searching the whole text, and there is no match between regions. A
   recogniser's ``candidate_end`` then narrows the match with the whole text in view, exactly
   as in the reference walk.
3. Overlaps are resolved with the reference's own :func:`~recognizers.reference.resolve_overlaps`
   applied to each group of mutually overlapping detections (:func:`resolve`): its greedy choice
   only ever compares overlapping detections, so per group equals all at once, in linear time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from re import Pattern

from recognizers.base import Detection
from recognizers.reference import resolve_overlaps
from scanner.engine.prefilter import Region

BoundaryOk = Callable[[str, int, int], bool]
CandidateEnd = Callable[[str, int, int], "int | None"]


def walk_shape(
    rx: Pattern[str],
    boundary_ok: BoundaryOk,
    text: str,
    regions: Iterable[Region],
    pos: int,
    stop: int,
    out: list[tuple[int, int]],
    candidate_end: CandidateEnd | None = None,
) -> int:
    """Append the reference walk's candidates starting in ``[pos, stop)``; return the next ``pos``.

    ``candidate_end`` is the recogniser's own when it overrides the default (which keeps the
    match's end): it narrows each match as the reference does. The returned position lets a
    caller continue the same walk over the next chunk of a long text.
    """
    search = rx.search
    for region_start, region_end in regions:
        if region_end <= pos:
            continue
        p = region_start if region_start > pos else pos
        while (m := search(text, p, region_end)) is not None:
            start, end = m.span()
            if start >= stop:
                return p
            if candidate_end is not None:
                exact = candidate_end(text, start, end)
                if exact is None:
                    p = start + 1
                    continue
                end = exact
            if boundary_ok(text, start, end):
                out.append((start, end))
                p = end
            else:
                p = start + 1
        pos = p
    return pos


def resolve(detections: list[Detection], order: dict[str, int]) -> list[Detection]:
    """The reference overlap rule, applied per group of overlapping detections; sorted by start."""
    detections.sort(key=lambda d: (d.start, d.end))
    kept: list[Detection] = []
    group: list[Detection] = []
    group_end = -1
    for det in detections:
        if group and det.start >= group_end:
            kept.extend(group if len(group) == 1 else resolve_overlaps(group, order))
            group = []
        if not group:
            group_end = det.end
        group.append(det)
        if det.end > group_end:
            group_end = det.end
    if group:
        kept.extend(group if len(group) == 1 else resolve_overlaps(group, order))
    return kept
