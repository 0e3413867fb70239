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
from operator import attrgetter
from re import Match, Pattern

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
    if candidate_end is None and stop >= len(text):
        return _walk_plain(search, boundary_ok, text, regions, pos, out)
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


def _walk_plain(
    search: Callable[..., Match[str] | None],
    boundary_ok: BoundaryOk,
    text: str,
    regions: Iterable[Region],
    pos: int,
    out: list[tuple[int, int]],
) -> int:
    """:func:`walk_shape` to the end of the text, without ``candidate_end`` (the hot case)."""
    append = out.append
    for region_start, region_end in regions:
        if region_end <= pos:
            continue
        p = region_start if region_start > pos else pos
        m = search(text, p, region_end)
        while m is not None:
            start, end = m.span()
            if boundary_ok(text, start, end):
                append((start, end))
                p = end
            else:
                p = start + 1
            m = search(text, p, region_end)
        pos = p
    return pos


_START_END = attrgetter("start", "end")
_UNSEEN = (-1, -1, False, False)
#: Bounds of a ``walk_runs`` table: signatures kept, and the longest signature kept.
_TABLE_SIZE = 8192
_TABLE_KEY_MAX = 48


def walk_runs(
    rx: Pattern[str],
    table: dict[str, list[tuple[int, int, bool, bool] | None]],
    boundary_ok: BoundaryOk,
    text: str,
    runs: Iterable[tuple[int, str]],
    out: list[tuple[int, int]],
    rejected: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    hopeless: Callable[[str], bool] | None = None,
) -> None:
    """:func:`walk_shape` over number runs, for a shape that treats the digits 1-9 alike.

    Such a shape's ``rx.search`` inside a run gives the same offsets on the run's *signature*
    (:mod:`scanner.engine.triggers`), so the searches are replayed from ``table`` (signature ->
    position -> (start, end, glued) or None), filled on first use. ``glued``: inside the run, the
    match touches a character its recogniser always rejects there (``rejected``: left and right
    sets, the recogniser's ``rejected_neighbours``; a digit, in long digit runs most matches),
    so ``boundary_ok`` is not asked; otherwise only ``boundary_ok`` looks at the text. A match the
    recogniser calls ``hopeless`` on its signature is walked as a candidate (the walk moves past
    it) but not output: its score would be None whatever the context. The table belongs to one
    shape, hence to one recogniser, one pair of sets and one ``hopeless``.
    """
    search = rx.search
    append = out.append
    for base, key in runs:
        spans = table.get(key)
        if spans is None:
            spans = [_UNSEEN] * (len(key) + 1)
            if len(key) <= _TABLE_KEY_MAX:  # long runs are rarely seen twice: not kept
                if len(table) >= _TABLE_SIZE:
                    table.clear()
                table[key] = spans
        p = 0
        while True:
            hit = spans[p]
            if hit is _UNSEEN:
                m = search(key, p)
                hit = spans[p] = (
                    _table_entry(key, m, rejected, hopeless) if m is not None else None
                )
            if hit is None:
                break
            start, end, glued, scored = hit
            if glued:
                p = start + 1
            elif boundary_ok(text, base + start, base + end):
                if scored:
                    append((base + start, base + end))
                p = end
            else:
                p = start + 1


def _table_entry(
    key: str,
    m: Match[str],
    rejected: tuple[frozenset[str], frozenset[str]],
    hopeless: Callable[[str], bool] | None,
) -> tuple[int, int, bool, bool]:
    """(start, end, glued, worth scoring) of a match in a run's signature."""
    start, end = m.span()
    left, right = rejected
    glued = (start > 0 and key[start - 1] in left) or (end < len(key) and key[end] in right)
    return start, end, glued, hopeless is None or not hopeless(key[start:end])


def resolve(detections: list[Detection], order: dict[str, int]) -> list[Detection]:
    """The reference overlap rule, applied per group of overlapping detections; sorted by start."""
    detections.sort(key=_START_END)
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
