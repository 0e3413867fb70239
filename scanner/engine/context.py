"""Scoring one candidate, with the user's extra context words (``settings.extra_context``).

Without extra words the engine calls :func:`recognizers.reference.evaluate_span` itself, so the
score is the reference score by construction.

With extra words for an entity, the recogniser sees a :class:`ExtendedContext`: every context
word (before, after, or in the field name) that starts with one of the extra prefixes reads as the
recogniser's own first context word (``CONTEXT[0]``, e.g. ``cpr``), at the same position. The
recogniser's ``evaluate`` needs no change and counts the extra word exactly as it counts its own,
whichever of ``has`` / ``near`` / ``before_has(last=N)`` it uses. Recognisers that do not consult
context words (no ``CONTEXT``) are unaffected.
"""

from __future__ import annotations

from recognizers.base import Detection, NordicRecognizer
from recognizers.context import ContextView
from recognizers.reference import evaluate_span


class ExtendedContext(ContextView):
    """A :class:`ContextView` in which words with an extra prefix read as ``alias``."""

    __slots__ = ("_extra", "_alias")

    def __init__(
        self,
        before: str,
        after: str,
        field: str | None,
        extra: tuple[str, ...],
        alias: str,
        edge: str | None = None,
    ) -> None:
        super().__init__(before, after, field, edge)
        self._extra = extra
        self._alias = alias

    def _aliased(self, found: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._alias if w.startswith(self._extra) else w for w in found)

    @property
    def before_words(self) -> tuple[str, ...]:
        """Words before the candidate, extra words read as the alias."""
        return self._aliased(ContextView.before_words.fget(self))  # type: ignore[attr-defined]

    @property
    def after_words(self) -> tuple[str, ...]:
        """Words after the candidate, extra words read as the alias."""
        return self._aliased(ContextView.after_words.fget(self))  # type: ignore[attr-defined]

    @property
    def field_words(self) -> tuple[str, ...]:
        """Words of the field name, extra words read as the alias."""
        return self._aliased(ContextView.field_words.fget(self))  # type: ignore[attr-defined]

    @property
    def field_label_words(self) -> tuple[str, ...]:
        """Label words of the field name, extra words read as the alias."""
        return self._aliased(
            ContextView.field_label_words.fget(self)  # type: ignore[attr-defined]
        )


class Scorer:
    """Scores candidates of one recogniser: the reference scoring plus optional extra words."""

    __slots__ = ("recognizer", "_extra", "_alias")

    def __init__(self, recognizer: NordicRecognizer, extra: tuple[str, ...] = ()) -> None:
        self.recognizer = recognizer
        words = tuple(w.lower() for w in extra if w)
        own = type(recognizer).CONTEXT
        # Without own context words the recogniser ignores context: extra words cannot matter.
        self._extra = words if own else ()
        self._alias = own[0] if own else ""

    @property
    def plain(self) -> bool:
        """True when this is the reference scoring itself (no extra context words apply)."""
        return not self._extra

    def score(
        self, text: str, start: int, end: int, field: str | None, shared: ContextView | None = None
    ) -> Detection | None:
        """The detection for ``text[start:end]`` (None when the recogniser rejects it).

        ``shared`` is the span's plain view (``ContextView.around``, or a cell's windows, which
        stop at its line's ends), reused across recognisers.
        """
        if not self._extra:
            return evaluate_span(self.recognizer, text, start, end, field, shared)
        if shared is None:
            shared = ContextView.around(text, start, end, field)
        context = ExtendedContext(
            shared.before_text,
            shared.after_text,
            field,
            self._extra,
            self._alias,
            shared.edge,
        )
        rec = self.recognizer
        try:  # same contract as evaluate_span: a raising recogniser rejects the candidate
            score = rec.evaluate(text[start:end], context)
        except Exception:
            return None
        if score is None or score <= 0:
            return None
        return Detection(rec.ENTITY, start, end, min(1.0, float(score)))
