"""What every pii-scan recogniser is: one entity type, its shapes, validity rule and context.

A recogniser serves two callers with one piece of logic:

* the fast engine (``scanner.engine``) compiles every recogniser's ``SHAPES`` into one prefilter
  (Hyperscan, or ``re``), then asks :meth:`NordicRecognizer.boundary_ok` and
  :meth:`NordicRecognizer.evaluate` about each candidate only;
* Presidio's ``AnalyzerEngine`` calls :meth:`NordicRecognizer.analyze`, which runs the plain-``re``
  reference detector (:mod:`recognizers.reference`) with the same shapes, boundaries, scoring and
  overlap resolution. The equivalence test asserts both give the same spans and types.

Rules for ``SHAPES`` (they are compiled by Hyperscan *and* by ``re``): no look-around, no
back-references, no anchors, no lazy quantifiers, no ``\\b``; ASCII only (the engine scans a
Latin-1 view of the text, non-Latin-1 characters replaced one-for-one by ``?``). A shape finds
*candidates*; the exact span of a candidate is :meth:`candidate_end` (the shape's match unless a
recogniser narrows it), whether the characters around it are allowed is :meth:`boundary_ok`,
whether it is a real identifier is :meth:`evaluate`.

Raw values exist only as arguments of these methods; nothing here logs or stores them.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING, ClassVar, NamedTuple

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer, RecognizerResult
else:  # the same classes, without importing Presidio's NLP stack at start-up
    from recognizers.presidio_core import EntityRecognizer, RecognizerResult

from recognizers.context import ContextView


class Detection(NamedTuple):
    """One detected span: which entity, where, and how sure (0..1). Never holds the value.

    A named tuple rather than a dataclass: the engine makes one per scored candidate, and a
    tuple is about twice as cheap to build.
    """

    entity_type: str
    start: int
    end: int
    score: float


def mask_keep_tail(value: str, keep: int = 4) -> str:
    """Mask every letter/digit but the last few, keeping separators so the shape stays visible.

    At most ``keep`` characters stay readable and never more than a third of them, so a short value
    (an IPv4 address, a short phone number) does not stay nearly whole.
    """
    alnum = sum(ch.isalnum() for ch in value)
    visible = min(keep, alnum // 3)
    out: list[str] = []
    for ch in reversed(value):
        if ch.isalnum():
            if visible > 0:
                out.append(ch)
                visible -= 1
            else:
                out.append("*")
        else:
            out.append(ch)
    return "".join(reversed(out))


#: Characters a derived ``rejected_neighbours`` considers: letters, digits, number-run separators.
_NEIGHBOUR_CANDIDATES = string.ascii_letters + string.digits + " .-+/()_@%"
#: The alphanumerics, for declarations.
ALNUM = string.ascii_letters + string.digits


class NordicRecognizer(EntityRecognizer):
    """Base class: subclasses set the class attributes and implement :meth:`evaluate`."""

    #: Entity name (a contract: DK_CPR, SE_PERSONNUMMER, ...).
    ENTITY: ClassVar[str]
    #: Candidate regexes (see module docstring for the allowed subset).
    SHAPES: ClassVar[tuple[str, ...]]
    #: Compile shapes case-insensitively.
    CASELESS: ClassVar[bool] = False
    #: Longest possible candidate, in characters; the engine sizes chunk overlap from it.
    MAX_LENGTH: ClassVar[int] = 64
    #: Characters that must not touch a candidate on the left / right (a regex character class).
    LEFT_BOUNDARY: ClassVar[str] = r"[0-9]"
    RIGHT_BOUNDARY: ClassVar[str] = r"[0-9]"
    #: Context word prefixes (all four languages) that raise the score.
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    #: Context word prefixes that say "this is some other number" (order no., invoice no., ...).
    NEGATIVE_CONTEXT: ClassVar[tuple[str, ...]] = ()
    #: Indices into SHAPES whose candidates :meth:`evaluate` scores only under a field name with a
    #: CONTEXT word (``context.field_has(CONTEXT)``; e.g. an ID stored as a number without its
    #: leading zero). The engine does not walk them elsewhere; a registry test checks the claim.
    FIELD_ONLY_SHAPES: ClassVar[tuple[int, ...]] = ()
    #: (left, right): ASCII characters that make :meth:`boundary_ok` reject any candidate they
    #: touch on that side (a digit: a piece of a longer number; a letter: part of a word). The
    #: engine's triggers and walks then drop such candidates without calling it. Derived from
    #: the boundary classes for the default rule; an override declares it, and
    #: tests/recognizers/test_registry.py checks every declared character on random text.
    REJECTED_NEIGHBOURS: ClassVar[tuple[str, str] | None] = None

    _left_rx: ClassVar[re.Pattern[str]]
    _right_rx: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._left_rx = re.compile(cls.LEFT_BOUNDARY)
        cls._right_rx = re.compile(cls.RIGHT_BOUNDARY)

    @classmethod
    def rejected_neighbours(cls) -> tuple[frozenset[str], frozenset[str]]:
        """:attr:`REJECTED_NEIGHBOURS` as sets, derived when not declared (empty: unknown)."""
        if cls.REJECTED_NEIGHBOURS is not None:
            left, right = cls.REJECTED_NEIGHBOURS
            return frozenset(left), frozenset(right)
        if cls.boundary_ok is not NordicRecognizer.boundary_ok:
            return frozenset(), frozenset()
        return (
            frozenset(c for c in _NEIGHBOUR_CANDIDATES if cls._left_rx.match(c)),
            frozenset(c for c in _NEIGHBOUR_CANDIDATES if cls._right_rx.match(c)),
        )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
            context=list(self.CONTEXT),
        )

    # --- logic shared by the fast engine and Presidio --------------------------------------

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """True when the characters just outside ``text[start:end]`` allow a match here.

        The default rejects a candidate glued to a ``LEFT_BOUNDARY``/``RIGHT_BOUNDARY`` character,
        e.g. a digit run inside a longer number. Override for richer rules; never raise.
        """
        if start > 0 and self._left_rx.match(text[start - 1]):
            return False
        if end < len(text) and self._right_rx.match(text[end]):
            return False
        return True

    def candidate_end(self, text: str, start: int, end: int) -> int | None:
        """The exact end of the candidate a shape matched at ``text[start:end]``.

        The default is ``end``. A recogniser whose shapes are deliberately generic (cheap to
        prefilter) narrows the match here to the span it really has at ``start`` (IBAN: the
        country's registry length), or returns ``None`` when no candidate starts at ``start``.
        The walk then goes on as after a rejected boundary. Never raise.
        """
        return end

    def hopeless(self, signature: str) -> bool:
        """True when :meth:`evaluate` rejects the value whatever its context.

        Asked by the engine about a value inside a number run, given as its *signature* (the
        digits 1-8 read as ``9``; ``0``, ``9`` and separators kept), so it may only use what a
        signature keeps: length, digit count, separators, zeros. Such a candidate is not scored
        (the walk still treats it as a candidate). Default: never. Never raise.
        """
        return False

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a candidate that fits a shape: ``None`` rejects it, a float in (0, 1] keeps it.

        Implementations check validity (checksums, dates, registries) and use ``context``
        (words nearby, the field name) to raise or veto. They never raise and never log ``value``.
        """
        raise NotImplementedError

    def mask(self, value: str) -> str:
        """Return a sample safe to store: shape plus at most the last 4 characters."""
        return mask_keep_tail(value)

    # --- Presidio interface ----------------------------------------------------------------

    def load(self) -> None:
        """Nothing to load: recognisers are pure code and packaged data (works offline)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: object = None
    ) -> list[RecognizerResult]:
        """Presidio entry point: the reference detector's results for this entity."""
        from recognizers.reference import detect  # local: reference imports the registry

        if entities and self.ENTITY not in entities:
            return []
        return [
            RecognizerResult(
                entity_type=d.entity_type,
                start=d.start,
                end=d.end,
                score=d.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    # Context is already part of our score; Presidio must not add to it again.
                    RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                },
            )
            for d in detect(text)
            if d.entity_type == self.ENTITY
        ]
