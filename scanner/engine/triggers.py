"""The trigger prefilter: a few fast ``re`` passes that say where each shape *can* match.

Every shape is put in a *family* from facts read off its parsed regex
(:mod:`scanner.engine.shape_facts`); each family has a cheap trigger that finds regions holding
every match of its shapes (the contract of :mod:`scanner.engine.candidates`):

* **number** - every character is a digit or one of `` .-+/()`` (the set ``K``), a match starts
  with a digit, ``(`` or ``+``, and one shorter than 5 characters starts with ``+`` or ``00``
  (national IDs, card numbers, phone numbers, IPv4). A match lies in a maximal run of ``K``. The
  trigger ``[0-9+(]K{4,}`` finds, in each run, the suffix from the first such character that has
  at least five characters left: it holds every match of 5+ characters; ``\\+K{1,3}`` and
  ``00K{0,2}`` hold the shorter ones. A run starts at no character glued to one that every
  number-family recogniser rejects on its left (letters, digits: ``kunde123456``, ``INV2023001``):
  no match can start there, so the trigger looks past it (``_glued_class``). Within a run, a
  shape is only walked when the run can hold one of its matches (a :class:`Gate`: enough
  characters, digits, dots, a long enough digit run, the opening ``+[1-9]`` / ``00[1-9]``).
* **digit-led** - the first five or more characters are digits, the rest may be anything (FI
  HETU): a match starts in a number-trigger run and ends at most its width later.
* **anchor** - a character every match contains (``@`` for e-mail, ``:`` for IPv6) and a finite
  alphabet: a match lies in the run of alphabet characters around an anchor, at most its width
  from it. Runs with fewer anchors than every match has are skipped.
* **letters** - P letters then a digit (IBAN): a match starts P characters before such a digit
  and lies within its width from there.
* anything else is walked over the whole text (correct, only slower; logged once).

Nothing here is a heuristic: a region set that misses a match would change results. The
equivalence tests (tests/engine) compare this backend with the reference detector.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

from scanner.engine import shape_facts as facts
from scanner.engine.prefilter import Region, Shape

log = logging.getLogger(__name__)

K_CHARS = frozenset("0123456789 .-+/()")
_K = r"[0-9 .\-+/()]"
_RUN_FIRST, _RUN_REST = "[0-9+(]", rf"{_K}{{4,}}"
_NUMBER_RUN = re.compile(_RUN_FIRST + _RUN_REST)
_SHORT_PLUS = re.compile(rf"\+{_K}{{1,3}}")
_SHORT_ZERO = re.compile(rf"00{_K}{{0,2}}")
_NUMBER_FIRST = frozenset("0123456789+(")
_NON_DIGITS = str.maketrans(dict.fromkeys(map(ord, " .-+/()"), " "))
#: A number run's *signature*: digits 1-9 read as ``9``, the rest kept. Runs with the same
#: signature have the same length, dots and digit runs, so the gates select the same shapes.
_SIGNATURE = str.maketrans(dict.fromkeys(map(ord, "12345678"), "9"))
_SIGNATURE_SAME = frozenset("123456789")
_MIN_RUN = 5  # the number trigger's shortest run
_DIGIT_LED_MIN = 5  # leading digits a digit-led shape needs (then it starts in a number run)
_ANCHOR_PREFERENCE = "@:#%&=~;!"  # rare characters first
_MEMO_SIZE, _MEMO_KEY_MAX = 16_384, 64  # bounds of the signature memo
#: Latin-1 bytes -> "a" (ASCII letter), "0" (digit) or "." (anything else), for letter triggers.
_CLASSES = bytes(
    ord("a") if chr(b) in string.ascii_letters else ord("0") if chr(b).isdigit() and b < 128
    else ord(".")
    for b in range(256)
)


#: A number run: (start offset in the text, its signature).
Run = tuple[int, str]


@dataclass(frozen=True, slots=True)
class Gate:
    """What a number run must have for a shape to match in it (all lower bounds)."""

    length: int
    dots: int
    run: int  # longest digit run
    start: int  # index into the prefilter's opening patterns, -1 for none
    exact: bool = False  # the shape itself decides on a run's signature (see ``_SIGNATURE``)


@dataclass(frozen=True, slots=True)
class Anchor:
    """An anchor-family shape: its anchor character, how many, its alphabet and width."""

    char: str
    count: int
    alphabet: frozenset[str]
    width: int


def classify(shape: Shape, openings: list[tuple[frozenset[str], str]]) -> tuple[str, object]:
    """(family, parameters) of one shape: ``number``, ``digit-led``, ``anchor``, ``letters``,
    or ``text`` (whole-text walk). ``openings`` collects distinct opening patterns of gates."""
    seq = facts.parse(shape.rx.pattern, shape.caseless)
    low = seq.getwidth()[0]
    width = shape.width
    if width is None or low < 1:
        return "text", None
    alpha = facts.alphabet(seq, shape.caseless)
    firsts, empty = facts.first_chars(seq, shape.caseless)
    lead = facts.lead_digits(seq, shape.caseless)
    if alpha is not None and alpha <= K_CHARS and firsts and not empty:
        literals = facts.leading_literals(seq, shape.caseless)
        # A match shorter than a number run starts with "+" or "00" and has 2+ characters,
        # so that ``_SHORT_PLUS`` / ``_SHORT_ZERO`` find it.
        short_ok = low >= _MIN_RUN or (
            low >= 2
            and literals is not None
            and all(lit.startswith(("+", "00")) for lit in literals)
        )
        if firsts <= _NUMBER_FIRST and short_ok:
            return "number", _gate(seq, shape.caseless, low, lead, openings)
    if lead >= _DIGIT_LED_MIN:
        return "digit-led", Gate(lead, 0, lead, -1)
    if alpha is not None:
        for char in _ANCHOR_PREFERENCE:
            count = facts.min_count(seq, frozenset(char), shape.caseless)
            if count:
                return "anchor", Anchor(char, count, alpha, width)
    prefix = facts.letter_prefix(seq, shape.caseless)
    if prefix is not None:
        return "letters", prefix
    return "text", None


def _gate(
    seq: facts.Seq, caseless: bool, low: int, lead: int, openings: list[tuple[frozenset[str], str]]
) -> Gate:
    dots = facts.min_count(seq, frozenset("."), caseless)
    start = -1
    opening = facts.start_class(seq, caseless)
    if opening is not None:
        literals, chars = opening
        rx = "(?:" + "|".join(map(re.escape, sorted(literals))) + ")" + _class(chars)
        if (literals, rx) not in openings:
            openings.append((literals, rx))
        start = openings.index((literals, rx))
    exact = facts.blind_to(seq, caseless, _SIGNATURE_SAME)
    return Gate(low, dots, lead, -1 if exact else start, exact)


class TriggerPrefilter:
    """Regions per shape from the trigger passes (see the module docstring)."""

    name = "re"

    def __init__(self, shapes: Sequence[Shape]) -> None:
        self.shapes = tuple(shapes)
        openings: list[tuple[frozenset[str], str]] = []
        self.family: dict[int, tuple[str, object]] = {
            i: classify(shape, openings) for i, shape in enumerate(self.shapes)
        }
        self._openings = tuple(
            (tuple(lit.translate(_SIGNATURE) for lit in literals), re.compile(rx).search)
            for literals, rx in openings
        )
        gated = [(i, g) for i, (f, g) in self.family.items() if f in ("number", "digit-led")]
        self._number_run = _number_run_rx(_glued_class([self.shapes[i] for i, _ in gated]))
        self._gates = tuple((i, g) for i, g in gated if isinstance(g, Gate))
        self._led_width = {
            i: self.shapes[i].width or 0 for i, (f, _) in self.family.items() if f == "digit-led"
        }
        self._short = tuple(
            i for i, g in self._gates if i not in self._led_width and g.length < _MIN_RUN
        )
        by_char: dict[str, list[tuple[int, Anchor]]] = {}
        for i, (f, a) in self.family.items():
            if f == "anchor" and isinstance(a, Anchor):
                by_char.setdefault(a.char, []).append((i, a))
        # One pass per anchor character, over the union of the shapes' alphabets and their
        # widest width: a superset of each shape's own regions.
        self._anchors = tuple(
            (
                Anchor(
                    char,
                    min(a.count for _, a in group),
                    frozenset().union(*(a.alphabet for _, a in group)),
                    max(a.width for _, a in group),
                ),
                tuple((i, a.count) for i, a in group),
            )
            for char, group in by_char.items()
        )
        letters: dict[tuple[int, frozenset[str], bytes], list[int]] = {}
        for i, (f, p) in self.family.items():
            if f == "letters" and isinstance(p, tuple):
                count, alphabet = p
                rejected = _rejected_classes(self.shapes[i]) if alphabet == facts.LETTERS else b""
                letters.setdefault((count, alphabet, rejected), []).append(i)
        self._letters = tuple((p, w, r, tuple(ids)) for (p, w, r), ids in letters.items())
        #: Shapes walked over the whole text.
        self.unscanned = tuple(i for i, (f, _) in self.family.items() if f == "text")
        for i in self.unscanned:
            log.warning("shape %d has no trigger family: walked over the whole text", i)
        #: Signature -> (shapes selected, (opening test, shapes it adds) pairs).
        self._gate_memo: dict[
            str, tuple[str, tuple[int, ...], tuple[int, ...], tuple[Any, ...]]
        ] = {}
        #: Shapes walked run by run on signatures (see :meth:`scan`).
        self.run_walked = frozenset(
            i for i, g in self._gates
            if g.exact and i not in self._short and i not in self._led_width
        )

    def regions(self, text: str) -> dict[int, list[Region]]:
        """Sorted disjoint regions per shape (shapes without any region are left out)."""
        found, groups = self.scan(text)
        for selection, items in groups:
            for i in selection:
                found.setdefault(i, []).extend((start, start + len(key)) for start, key in items)
        return {i: sorted(spans) for i, spans in found.items()}

    def scan(
        self, text: str
    ) -> tuple[dict[int, list[Region]], list[tuple[tuple[int, ...], list[Run]]]]:
        """(regions per shape, groups of number runs for the *run-walked* shapes).

        A run-walked shape (``run_walked``) treats the digits 1-9 alike and its regions are
        exactly the number runs: its walk in a run only depends on the run's signature (plus the
        recogniser's boundary rule), so :func:`scanner.engine.candidates.walk_runs` replays
        ``re`` searches on the signature from a table kept per signature. Runs come in groups:
        (shapes selected, runs), each run in one group, in text order within a group.
        """
        found: dict[int, list[Region]] = {}
        groups: list[tuple[tuple[int, ...], list[Run]]] = []
        if self._gates:
            self._number_regions(text, found, groups)
        for anchor, members in self._anchors:
            around = _anchor_regions(text, anchor)
            for i, count in members:
                spans = [(s, e) for s, e, n in around if n >= count]
                if spans:
                    found[i] = spans
        if self._letters:
            self._letter_regions(text, found)
        return found, groups

    def _number_regions(
        self,
        text: str,
        found: dict[int, list[Region]],
        groups: list[tuple[tuple[int, ...], list[Run]]],
    ) -> None:
        memo = self._gate_memo
        signature = _SIGNATURE
        by_walked: dict[tuple[int, ...], list[Run]] = {}
        by_selection: dict[tuple[int, ...], list[Region]] = {}
        for m in self._number_run.finditer(text):
            run = m.group()
            key = run.translate(signature)
            entry = memo.get(key)
            if entry is None:
                entry = (key, *self._select(key))
                if len(key) <= _MEMO_KEY_MAX:  # long runs are rarely seen twice: not kept
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    memo[key] = entry
            key, walked, selection, tests = entry
            if walked:
                items = by_walked.get(walked)
                if items is None:
                    by_walked[walked] = [(m.start(), key)]
                else:
                    items.append((m.start(), key))
            if tests:
                extra = [i for search, shapes in tests if search(run) for i in shapes]
                if extra:
                    selection = tuple(sorted(selection + tuple(extra)))
            if selection:
                spans = by_selection.get(selection)
                if spans is None:
                    by_selection[selection] = [m.span()]
                else:
                    spans.append(m.span())
        groups.extend(by_walked.items())
        self._expand(text, by_selection, found)

    def _expand(
        self,
        text: str,
        by_selection: dict[tuple[int, ...], list[Region]],
        found: dict[int, list[Region]],
    ) -> None:
        per_shape: dict[int, list[list[Region]]] = {}
        for selection, spans in by_selection.items():
            for i in selection:
                per_shape.setdefault(i, []).append(spans)
        short: list[Region] = []
        if self._short:
            short = [m.span() for m in _SHORT_PLUS.finditer(text)]
            short += [m.span() for m in _SHORT_ZERO.finditer(text)]
        # Shapes selected by the same runs share one list.
        done: dict[tuple[int, ...], list[Region]] = {}
        for i, lists in per_shape.items():
            width = self._led_width.get(i)
            key = (-1 if width is None else width, i in self._short, *map(id, lists))
            regions = done.get(key)
            if regions is None:
                joined = chain.from_iterable(lists)
                if width is not None:
                    regions = _merge([(s, e + width) for s, e in joined])
                elif i in self._short:
                    regions = _merge([*joined, *short])
                else:  # disjoint number runs: only the lists need interleaving
                    regions = lists[0] if len(lists) == 1 else sorted(joined)
                done[key] = regions
            found[i] = regions
        for i in self._short:
            if i not in found and short:
                found[i] = _merge(list(short))

    def _select(
        self, signature: str
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[Any, ...]]:
        """Shapes a run with this signature may hold: (run-walked ones, the others, and those
        that also need an opening: (opening test, shapes) pairs)."""
        length, dots = len(signature), signature.count(".")
        run = max(map(len, signature.translate(_NON_DIGITS).split()), default=0)
        out: list[int] = []
        conditional: dict[int, list[int]] = {}
        for i, g in self._gates:
            if length < g.length or dots < g.dots or run < g.run:
                continue
            if g.exact:
                # The shape treats 1-9 alike: it matches in a run iff it matches its signature.
                if self.shapes[i].rx.search(signature) is not None:
                    out.append(i)
                continue
            if g.start < 0:
                out.append(i)
                continue
            literals, _ = self._openings[g.start]
            if any(lit in signature for lit in literals):
                conditional.setdefault(g.start, []).append(i)
        tests = tuple((self._openings[k][1], tuple(ids)) for k, ids in conditional.items())
        walked = tuple(i for i in sorted(out) if i in self.run_walked)
        return walked, tuple(i for i in sorted(out) if i not in self.run_walked), tests

    def _letter_regions(self, text: str, found: dict[int, list[Region]]) -> None:
        data = text.encode("latin-1", "replace").translate(_CLASSES)
        for p, letters, rejected, ids in self._letters:
            if letters == facts.LETTERS:
                # ``bytes.find`` (far faster than ``re`` on a literal). A hit glued to a
                # character the recogniser rejects on the left (letters inside a word:
                # "kunde12@...") can hold no candidate: skipped.
                needle = b"a" * p + b"0"
                hits = []
                pos = data.find(needle)
                while pos >= 0:
                    if pos == 0 or data[pos - 1] not in rejected:
                        hits.append(pos)
                    pos = data.find(needle, pos + 1)
            else:
                rx = re.compile(rf"[0-9](?<={_class(letters)}{{{p}}}[0-9])")
                hits = [m.start() - p for m in rx.finditer(text)]
            for i in ids:
                width = self.shapes[i].width or 0
                if hits:
                    found[i] = _merge([(h, h + width) for h in hits])


def _glued_class(shapes: Sequence[Shape]) -> str:
    """Characters every one of ``shapes`` rejects just before a match (``Shape.left_rejected``),
    as a regex class body; ``""`` when there is none.

    The number trigger starts no run right after one: a match starting there would be rejected
    by its recogniser's boundary rule, and the reference walk, rejecting it, goes on at the next
    position, which is where the trigger's run then starts.
    """
    if not shapes:
        return ""
    common = frozenset.intersection(*(shape.left_rejected for shape in shapes))
    return "".join(re.escape(ch) for ch in sorted(common))


@lru_cache(maxsize=4)
def _number_run_rx(glued: str) -> re.Pattern[str]:
    """``_NUMBER_RUN`` starting at no character glued to one of ``glued``. The look-behind
    comes after the first character: a pattern that opens with its character set lets ``re``
    skip to candidate positions in C (opening with the look-behind is four times slower)."""
    if not glued:
        return _NUMBER_RUN
    return re.compile(f"{_RUN_FIRST}(?<![{glued}].){_RUN_REST}")


def _rejected_classes(shape: Shape) -> bytes:
    """The letter-trigger classes (``a``, ``0``) every character of which the shape's recogniser
    rejects just before a match (see ``Shape.left_rejected``); only those may drop a hit."""
    members = {b"a": string.ascii_letters, b"0": string.digits}
    return b"".join(
        cls for cls, chars in members.items() if shape.left_rejected.issuperset(chars)
    )


@lru_cache(maxsize=16)
def _anchor_rx(char: str, alphabet: frozenset[str]) -> re.Pattern[str]:
    return re.compile(re.escape(char) + _class(alphabet) + "*")


@lru_cache(maxsize=16)
def _run_rx(alphabet: frozenset[str]) -> re.Pattern[str]:
    return re.compile(_class(alphabet) + "*")


def _anchor_regions(text: str, anchor: Anchor) -> list[tuple[int, int, int]]:
    """(start, end, anchors) of the alphabet run around each run's first anchor.

    A match holds at least ``count`` anchors, all of them at or after the run's first anchor,
    so a run with fewer is skipped; it starts at most ``width`` before that anchor. The run's
    left part is measured in C: an alphabet run matched leftwards in the reversed text.
    """
    alpha, char = anchor.alphabet, anchor.char
    out: list[tuple[int, int, int]] = []
    size = len(text)
    backwards = ""
    run = _run_rx(alpha).match
    for m in _anchor_rx(char, alpha).finditer(text):
        start, end = m.span()
        count = m.group().count(char) if anchor.count > 1 else 1
        if count < anchor.count:
            continue
        low = max(0, start - anchor.width)
        if not backwards:
            backwards = text[::-1]
        left_run = run(backwards, size - start, size - low)
        left = start - (left_run.end() - (size - start)) if left_run is not None else start
        out.append((left, end, count))
    return out


def _class(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _merge(spans: list[Region]) -> list[Region]:
    """``spans`` as sorted disjoint regions (overlapping or touching ones joined)."""
    spans.sort()
    out: list[Region] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
