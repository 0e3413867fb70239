"""Context around a candidate: the words near it and the name of the field it sits in.

Context words are matched on word *prefixes* so that Nordic compounds and inflections count:
``personnummeret`` matches ``personnummer``, ``telefonnr`` matches ``telefon``. Words are runs
of letters (digits and punctuation split them), lower-cased,
so ``CPR-nr.`` gives ``cpr`` and ``nr``.

Field names (CSV headers, JSON key paths, SQL columns) are split the same way and additionally on
camelCase, so ``customerPhone`` gives ``customer`` and ``phone`` and ``$.kunder[*].kontakt.email``
gives ``kunder``, ``kontakt``, ``email``.

This module is shared by the fast engine and by the Presidio-facing ``analyze`` so both score a
candidate identically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import repeat
from typing import TypeVar

T = TypeVar("T")

#: Characters of text looked at before / after a candidate for context words.
WINDOW_BEFORE = 48
WINDOW_AFTER = 24

_WORD = re.compile(r"[^\W\d_]+")
#: For Latin-1 text: every byte that ``_WORD`` does not match becomes a space, so splitting on
#: whitespace gives the same words, about three times faster than ``re``.
_LATIN1_SPACES = bytes(b if _WORD.fullmatch(chr(b)) else 32 for b in range(256))
_CAMEL = re.compile(r"(?<=[a-zæøåäö])(?=[A-ZÆØÅÄÖ])")


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Return the lower-cased letter runs of ``text``.

    Memoised: the recognisers that score one span tokenise the same windows.
    """
    low = text.lower()
    try:
        data = low.encode("latin-1")
    except UnicodeEncodeError:
        return tuple(_WORD.findall(low))
    return tuple(data.translate(_LATIN1_SPACES).decode("latin-1").split())


@lru_cache(maxsize=4096)
def field_words(field: str | None) -> tuple[str, ...]:
    """Split a field name (header, JSON path, column) into lower-cased words."""
    if not field:
        return ()
    return words(_CAMEL.sub(" ", field))


#: Number words: a field-path segment made only of them (``$.faktura.nummer``) belongs to its
#: parent's label.
NUMBER_WORDS = frozenset({"nr", "no", "nummer", "nummeret", "numret", "number", "num", "id"})
#: Separators of the segments of a key path (``$.kunder[*].kontakt.email``, ``data$.tlf``, XML).
_PATH_SEPARATORS = re.compile(r"[.$/\[\]*]+")


@lru_cache(maxsize=4096)
def field_label_words(field: str | None) -> tuple[str, ...]:
    """The words of a field name that label its values: its last key-path segment's.

    A parent key names the container, not the value: in ``$.tickets[*].tekst`` or
    ``$.orders[*].note`` the value is a text, whatever "tickets" and "orders" say, while in
    ``$.ordre.kunde.cpr`` it is a CPR. A last segment of number words only (``$.faktura.nummer``,
    ``ordre.id``) takes its parent's words too. A plain column or header is one segment.
    """
    if not field:
        return ()
    segments = _segments(field)
    if len(segments) <= 1:
        return field_words(field)
    found: tuple[str, ...] = ()
    for segment in reversed(segments):
        found = field_words(segment) + found
        if not NUMBER_WORDS.issuperset(found):
            break
    return found


#: Field names that are a record's own key: a column or key path whose last segment is just
#: ``id`` (``id``, ``$.kunder[*].id``, ``_id``) holds surrogate keys, never a person's
#: identifier, phone or card. ``user_id`` or ``national_id`` are read word by word instead.
KEY_FIELDS = frozenset({("id",), ("uuid",), ("guid",), ("pk",)})


@lru_cache(maxsize=4096)
def is_key_field(field: str | None) -> bool:
    """True when the last key-path segment of ``field`` is a key name (:data:`KEY_FIELDS`)."""
    segments = _segments(field) if field else []
    return bool(segments) and field_words(segments[-1]) in KEY_FIELDS


def _segments(field: str) -> list[str]:
    """The key-path segments of a field name (``$.kunder[*].id`` -> ``kunder``, ``id``)."""
    return [segment for segment in _PATH_SEPARATORS.split(field) if segment]


#: A line that is only a label: a few words and punctuation, no digits, no field separators.
_LABEL_LINE = re.compile(r"[^\W\d_][^\d;,\t|\n]{0,31}")


def label_above(before: str, line_start: int, mid_line: bool | None = None) -> str:
    """The line above ``before[line_start:]`` when it is a bare label, else ``""``.

    In a form laid out vertically the label stands alone on the line above its value
    ("Telefon:\n33 12 45 67", "Bilagsnr.\n010190-1233"). A line with digits or field separators
    (a CSV header "id;navn;tlf") or more than three words is not such a label. ``mid_line``:
    the window ``before`` starts inside a line (``ContextView.starts_mid_line``); unknown
    (None), a full window is taken to.
    """
    if line_start < 2 or before[line_start - 1] != "\n":
        return ""
    begin = before.rfind("\n", 0, line_start - 1) + 1
    if mid_line is None:
        mid_line = len(before) >= WINDOW_BEFORE
    if begin == 0 and mid_line:
        return ""  # the line starts before the window: a cut line is no label
    above = before[begin : line_start - 1].strip()
    if not _LABEL_LINE.fullmatch(above) or len(words(above)) > 3:
        return ""
    return above


@lru_cache(maxsize=4096)
def _field_has(field: str, prefixes: tuple[str, ...]) -> bool:
    """``any_prefix(field_words(field), prefixes)``, memoised: every value of a column asks it."""
    return any_prefix(field_words(field), prefixes)


def field_has(field: str, prefixes: tuple[str, ...]) -> bool:
    """True when a word of the field name starts with one of ``prefixes`` (memoised)."""
    return _field_has(field, prefixes)


def any_prefix(candidates: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    """True when any word in ``candidates`` starts with any of ``prefixes``."""
    return any(map(str.startswith, candidates, repeat(prefixes))) if prefixes else False


class ContextView:
    """The context of one candidate, tokenised lazily (most candidates never need it)."""

    __slots__ = (
        "_before", "_after", "_field", "_edge", "_before_words", "_after_words", "derived"
    )

    def __init__(
        self, before: str, after: str, field: str | None = None, edge: str | None = None
    ) -> None:
        self._before = before
        self._after = after
        self._field = field
        #: The character just before the window (``""`` at the start of the text or cell);
        #: None when unknown, then a full window is taken to start inside a word and a line.
        self._edge = edge
        self._before_words: tuple[str, ...] | None = None
        self._after_words: tuple[str, ...] | None = None
        #: Facts that recognisers derive from this view and share (the engine hands one view
        #: to every recogniser that scores the span, and to every value of a column with equal
        #: windows, giving that view a dict here): key -> value, e.g. the window's language.
        #: A fact must depend on the view alone, never on the value.
        self.derived: dict[object, object] | None = None

    @classmethod
    def around(
        cls, text: str, start: int, end: int, field: str | None = None
    ) -> ContextView:
        """Build the context of ``text[start:end]`` using the standard windows."""
        low = max(0, start - WINDOW_BEFORE)
        return cls(
            text[low:start], text[end : end + WINDOW_AFTER], field, text[low - 1] if low else ""
        )

    @property
    def before_text(self) -> str:
        """Raw text just before the candidate (within the window)."""
        return self._before

    @property
    def after_text(self) -> str:
        """Raw text just after the candidate (within the window)."""
        return self._after

    @property
    def before_words(self) -> tuple[str, ...]:
        """Words in the window before the candidate, nearest last."""
        if self._before_words is None:
            found = words(self._before)
            if found and self.starts_mid_word:  # a word cut by the window edge must not count
                found = found[1:]
            self._before_words = found
        return self._before_words

    def kept(self, key: object, compute: Callable[[ContextView], T]) -> T:
        """``compute(self)``, kept under ``key`` when this view has ``derived`` facts (a view the
        engine shares among spans with equal windows). ``compute`` must read the view only."""
        derived = self.derived
        if derived is None:
            return compute(self)
        known = derived.get(key)
        if known is None:
            known = derived[key] = compute(self)
        return known  # type: ignore[return-value]

    @property
    def starts_mid_word(self) -> bool:
        """The window's first word goes on before it (is cut by the window edge)."""
        if not self._before[:1].isalpha():
            return False
        if self._edge is None:
            return len(self._before) == WINDOW_BEFORE
        return self._edge.isalpha()

    @property
    def starts_mid_line(self) -> bool:
        """The window starts inside a line (its first line is not whole)."""
        if self._edge is None:
            return len(self._before) >= WINDOW_BEFORE
        return self._edge not in ("", "\n")

    @property
    def edge(self) -> str | None:
        """The character just before the window (``""`` at a text's start; None: unknown)."""
        return self._edge

    @property
    def after_words(self) -> tuple[str, ...]:
        """Words in the window after the candidate, nearest first."""
        if self._after_words is None:
            self._after_words = words(self._after)
        return self._after_words

    @property
    def field_words(self) -> tuple[str, ...]:
        """Words of the field name the candidate sits under (empty for free text)."""
        return field_words(self._field)

    @property
    def field_label_words(self) -> tuple[str, ...]:
        """Words of the field name that label the value (:func:`field_label_words`)."""
        return field_label_words(self._field)

    @property
    def field_is_key(self) -> bool:
        """The field is a record's key (:func:`is_key_field`)."""
        return is_key_field(self._field)

    def field_has(self, prefixes: tuple[str, ...]) -> bool:
        """True when the field name has a word starting with one of ``prefixes``."""
        if type(self) is ContextView:  # a subclass may read the field's words differently
            return _field_has(self._field, prefixes) if self._field else False
        return any_prefix(self.field_words, prefixes)

    def before_has(self, prefixes: tuple[str, ...], last: int | None = None) -> bool:
        """True when a word before the candidate (optionally only the ``last`` N) matches."""
        found = self.before_words if last is None else self.before_words[-last:]
        return any_prefix(found, prefixes)

    def after_has(self, prefixes: tuple[str, ...], first: int | None = None) -> bool:
        """True when a word after the candidate (optionally only the ``first`` N) matches."""
        found = self.after_words if first is None else self.after_words[:first]
        return any_prefix(found, prefixes)

    def near(self, prefixes: tuple[str, ...]) -> bool:
        """True when a word in either window matches one of ``prefixes``."""
        return self.before_has(prefixes) or self.after_has(prefixes)

    def has(self, prefixes: tuple[str, ...]) -> bool:
        """True when the field name or either window has a matching word."""
        return self.field_has(prefixes) or self.near(prefixes)
