"""Labels and boundaries shared by the contact and financial recognisers (phone, card, IP, ...).

*Nearest label*: a number is what the label nearest to it says ("Kunde Jens, tlf. 12 34 56 78" is a
phone; "tlf. 12345678, CVR 44135647" has a phone and a company number). :class:`LabelRules` reads,
in order: the words on the candidate's line after the last digit there (a label before another
number belongs to that number), the field name, the rest of the line, and the first two words
after the candidate. A veto counts within the last three words, and in running text only across
number words and copulas ("Ordre nr. X" and "order number is X" are vetoed, "Ordren betales med X"
is not); an own label counts within five. Words are matched as prefixes
(:mod:`recognizers.context`).

Labels of *other* numbers (``keywords.OTHER_NUMBER_WORDS``, ``COMPANY_NUMBER_WORDS``) count only in
a label form: the prefix alone or followed by a number word or a definite ending (``ordre``,
``ordrenr``, ``bilagsnummer``, ``ordren``), so ``kundeservice`` and ``kontor`` are not labels.
Person nouns (``kunde``, ``member``, ``konto``) need a number tail or a following number word
(``kundenr``, ``kunde nr.``). National-ID words (CPR, personnummer, ...) always veto.

Nothing here sees more than the context windows; nothing stores or logs a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from recognizers import keywords as kw
from recognizers.context import (
    KEY_FIELDS,
    NUMBER_WORDS,
    ContextView,
    label_above,
    words,
)

POSITIVE, NEGATIVE, UNKNOWN = 1, -1, 0
#: How many words before a candidate a label may stand: other-number labels, own labels.
NEGATIVE_REACH, POSITIVE_REACH = 3, 5

#: Labels of other kinds of numbers: orders, invoices, vouchers, company registration numbers.
NEGATIVE_WORDS: tuple[str, ...] = kw.OTHER_NUMBER_WORDS + kw.COMPANY_NUMBER_WORDS
#: National-ID words: a number labelled so is never a phone, card or IP address.
ID_WORDS: tuple[str, ...] = kw.DK_CPR_WORDS + kw.SE_PNR_WORDS + kw.NO_FNR_WORDS + kw.FI_HETU_WORDS

# --- boundaries ----------------------------------------------------------------------------------

#: Characters that glue a digit run to a neighbouring digit run ("12.34", "2023-05", "12:30").
JOINERS = ".-/:"
#: Characters that may never touch a number candidate (on the right: ``&`` ends a URL query
#: value, so it may). ``=`` is no glue: ``key=value`` log lines (``to=+4512345678``,
#: ``pan=4111...``) put identifiers right after it.
_STICKY_LEFT = "_@#*+&$%\\"
_STICKY_RIGHT = "_@#*+$%\\"
_DECIMAL_TAIL = re.compile(r",[0-9]{1,2}(?![0-9])")


def number_boundary_ok(
    text: str, start: int, end: int, grouped: bool, open_right: bool = False
) -> bool:
    """False when ``text[start:end]`` is glued to letters, digits or a longer (grouped) number.

    A joiner (``.-/:``) between the candidate and another digit always glues; so does a space when
    the candidate is itself grouped (``12 34 56 78 90`` is one run, not ``12 34 56 78``), except
    on the right when ``open_right`` (the caller scores such a truncated candidate itself). A comma
    glues only as a decimal comma on the right (``12345678,50``): ``a,12345678,2100`` is CSV.
    A ``/`` on the left always glues (``Gecko/20100101``, paths, dates).
    """
    joiners = JOINERS + " " if grouped else JOINERS
    if start > 0:
        ch = text[start - 1]
        if ch.isalnum() or ch in _STICKY_LEFT or ch == "/":
            return False
        if ch in joiners and start > 1 and text[start - 2].isdigit():
            return False
    if end < len(text):
        ch = text[end]
        if ch.isalnum() or ch in _STICKY_RIGHT:
            return False
        if ch in (JOINERS if open_right else joiners) and text[end + 1 : end + 2].isdigit():
            return False
        if ch == "," and _DECIMAL_TAIL.match(text, end):
            return False
    return True


def is_phone_compound(word: str) -> bool:
    """``word`` holds a phone word inside it (``arbejdstelefon``, ``hemtelefon``, ``cellphone``)."""
    return any(stem in word for stem in kw.PHONE_STEMS)


def after_head_group(text: str, start: int) -> bool:
    """True when ``text[start:]`` follows a 2-5 digit head group and a space (``0151 12345678``,
    ``(030) 12345678``): the compact run is the last group of one longer number, not a number.
    """
    i = start - 1
    if i < 2 or text[i] != " ":
        return False
    if text[i - 1] == ")":
        i -= 1
    j = i
    while j > 0 and text[j - 1].isdigit():
        j -= 1
    if not 2 <= i - j <= 5:
        return False
    if j > 0 and text[j - 1] == "(":
        j -= 1
    # The head group must open the number (not be the tail of "33124567 030 ...").
    return not (j > 1 and text[j - 1] in " .-/" and text[j - 2].isdigit())


# --- labels --------------------------------------------------------------------------------------

_LABEL_TAIL = (
    r"(?:s?(?:nr|nummer|nummeret|numret|numre|number|numbers|no|num|id|nro|numero|kode|code)"
    r"|en|et|n|e|s)?"
)
_NUMBER_TAIL = r"s?(?:nr|nummer|nummeret|numret|number|no|num|id|nro|numero)"
_PERSON_PREFIXES = frozenset({
    "kunde", "kund", "customer", "medlem", "member", "konto", "account", "asiakas", "patient",
    "potilas", "user", "bruger", "bruker", "användare", "anvandare", "käyttäjä", "kayttaja",
})
#: The words of key fields (``context.KEY_FIELDS``), for the :class:`Hint` of a recogniser that
#: asks :meth:`LabelRules.verdict` (a key field's verdict is NEGATIVE).
KEY_FIELD_WORDS: tuple[str, ...] = tuple(key for (key,) in sorted(KEY_FIELDS))
_DIGIT = re.compile(r"[0-9]")
_ALNUM = re.compile(r"[^\W_]")
#: Words that may stand between another number's label and that number: number words and the
#: copulas of the five languages ("Fakturanummeret er X", "Tilausnumero on X"), and the ``at`` of
#: snake-case keys in running text (``created_at=X``: ``created`` labels X).
BRIDGE_WORDS = NUMBER_WORDS | frozenset(
    {"numero", "nro", "er", "var", "är", "on", "oli", "is", "was", "ist", "lyder", "at"}
)


@lru_cache(maxsize=16)
def _label_patterns(prefixes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(other-number label, person noun with an optional number tail) for one prefix tuple."""

    def alternation(found: list[str]) -> str:
        return "|".join(sorted(map(re.escape, found), key=len, reverse=True)) or "(?!)"

    person = [p for p in prefixes if p in _PERSON_PREFIXES]
    other = [p for p in prefixes if p not in _PERSON_PREFIXES]
    return (
        re.compile(f"(?:{alternation(other)}){_LABEL_TAIL}"),
        re.compile(f"(?:{alternation(person)})({_NUMBER_TAIL})?"),
    )


def is_number_label(word: str, next_word: str | None, prefixes: tuple[str, ...]) -> bool:
    """True when ``word`` labels some other kind of number (``ordrenr``, ``CVR``, ``kunde nr``)."""
    other, person = _label_patterns(prefixes)
    if other.fullmatch(word):
        return True
    found = person.fullmatch(word)
    if found is None:
        return False
    return found.group(1) is not None or next_word in NUMBER_WORDS


def line_before(context: ContextView) -> tuple[str, str]:
    """(text on the candidate's line before it, the part of that after the line's last digit).

    When the candidate opens its line (nothing but punctuation before it) and the line above is a
    bare label (:func:`recognizers.context.label_above`), that label is the part read first.
    """
    before = context.before_text
    cut = before.rfind("\n") + 1
    if cut == 0 and context.starts_mid_word:
        cut = before.find(" ") + 1  # a word cut by the window edge is no label
    line = before[cut:]
    found = _DIGIT.search(line[::-1])
    segment = line[len(line) - found.start() :] if found else line
    if cut and not _ALNUM.search(line):
        above = label_above(before, cut, context.starts_mid_line)
        if above:
            segment = above + "\n" + line
    return line, segment


class LabelRules:
    """Which words label *this* recogniser's numbers, which label other numbers; the verdict.

    Word classifications are memoised (a pure function of the word; the memo is bounded).
    """

    def __init__(
        self, is_positive: Callable[[str], bool], negative: tuple[str, ...] = NEGATIVE_WORDS
    ) -> None:
        self._is_positive = is_positive
        self._negative = negative
        self._memo: dict[tuple[str, bool], int] = {}

    def word_class(self, word: str, number_word_follows: bool = False) -> int:
        """POSITIVE, NEGATIVE or UNKNOWN for one lower-case word."""
        key = (word, number_word_follows)
        found = self._memo.get(key)
        if found is None:
            if self._is_positive(word):
                found = POSITIVE
            elif word.startswith(ID_WORDS) or is_number_label(
                word, "nr" if number_word_follows else None, self._negative
            ):
                found = NEGATIVE
            else:
                found = UNKNOWN
            if len(self._memo) >= 50_000:
                self._memo.clear()
            self._memo[key] = found
        return found

    def nearest(self, seq: tuple[str, ...], bridged: bool = True) -> int:
        """The class of the nearest label in ``seq`` (nearest last), UNKNOWN when none.

        A veto counts within the last ``NEGATIVE_REACH`` words, an own label within the last
        ``POSITIVE_REACH`` ("Ring til kundeservice på 70 12 34 56": ``ring`` is four words back).
        In running text (``bridged``) a veto counts only when the words between it and the number
        are number words or a copula ("Ordre nr. X", "Your order number is X"): in "Ordren
        betales med X" or "Order from 10.0.0.5" the label names something else. A field name is
        a label as a whole (``ordrenr_intern``), so it is read without that condition.
        """
        follows = False
        clear = True  # every word so far (between this one and the number) is a bridge word
        for distance, word in enumerate(reversed(seq[-POSITIVE_REACH:])):
            found = self.word_class(word, follows)
            if found == POSITIVE or (
                found == NEGATIVE and distance < NEGATIVE_REACH and (clear or not bridged)
            ):
                return found
            follows = word in NUMBER_WORDS
            clear = clear and word in BRIDGE_WORDS
        return UNKNOWN

    def verdict(self, context: ContextView) -> int:
        """The label that speaks for a candidate (see the module docstring for the order).

        Kept on a view that has ``derived`` facts (the engine gives one to the view it shares
        among the values of a column that have equal windows); the verdict depends on nothing
        but the view.
        """
        return context.kept(self, self._verdict)

    def _verdict(self, context: ContextView) -> int:
        if context.before_words:
            line, segment = line_before(context)
            found = self.nearest(_last_words(context, segment))
        else:  # no words before (values in a column): no label on the line or above it
            line = segment = ""
            found = UNKNOWN
        if found == UNKNOWN and context.field_label_words:
            found = (
                NEGATIVE if context.field_is_key
                else self.nearest(context.field_label_words, bridged=False)
            )
        if found == UNKNOWN and segment != line:
            found = self.nearest(_last_words(context, line))
        if found == UNKNOWN:
            count = len(words(context.after_text.split("\n", 1)[0]))
            if count and any(
                self.word_class(w) == POSITIVE for w in context.after_words[: min(count, 2)]
            ):
                found = POSITIVE
        return found


def _last_words(context: ContextView, tail: str) -> tuple[str, ...]:
    """The words of ``tail`` (a suffix of the before-window) as the context reports them.

    Taken from ``context.before_words`` rather than re-tokenised, so that a context that reads
    user-configured extra words as the recogniser's own (the engine's ``ExtendedContext``) is
    honoured here too.
    """
    count = len(words(tail))
    return context.before_words[-count:] if count else ()


# --- cheap pre-checks ----------------------------------------------------------------------------


def prefix_pattern(prefixes: Iterable[str]) -> str:
    """A regex that matches where any of ``prefixes`` starts, as a trie: ``(?:t(?:el|lf)|fax)``.

    ``re`` tries an alternation's branches one by one at every position; factored by first
    letters, a position is ruled out by one character test instead of one per word (a
    150-word list searched in about a fifth of the time). A word that extends a shorter one is
    left out: the shorter one already matches there.
    """
    trie: dict[str, Any] = {}
    for word in sorted(set(prefixes), key=len):
        node = trie
        for ch in word:
            if "" in node:  # a shorter word ends here: this one adds nothing
                break
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie) or "(?!)"


class Hint:
    """A cheap superset test run before :meth:`LabelRules.verdict` or ``context.has``: could any
    word near the candidate (windows or field name) start with one of ``prefixes``?

    Most candidates have no label at all, and tokenising plus prefix matching costs more than the
    rest of their evaluation. Short lists (or ``anywhere=True``: the prefix may sit inside a word,
    ``arbejdstelefon``) are one regex over the lower-cased raw text - a case-sensitive
    alternation is several times faster in ``re`` than a caseless one. Long lists compare the
    first one to three letters of each word against sets, which beats an 80-way alternation.
    """

    __slots__ = ("_regex", "_heads", "_misses", "_fields")

    def __init__(self, prefixes: tuple[str, ...], anywhere: bool = False) -> None:
        unique = sorted(set(prefixes), key=len, reverse=True)
        self._regex: re.Pattern[str] | None = None
        self._heads: tuple[frozenset[str], ...] = ()
        #: Words known to start with none of the prefixes (a word's answer never changes; most
        #: words are misses, so a window of known misses is one set operation).
        self._misses: set[str] = set()
        #: Field name words -> whether they hold a prefix (field names repeat per column).
        self._fields: dict[tuple[str, ...], bool] = {}
        if anywhere or len(unique) <= 24:
            start = "" if anywhere else r"(?<![^\W\d_])"
            self._regex = re.compile(start + prefix_pattern(unique))
        else:
            by_length: tuple[set[str], ...] = (set(), set(), set())
            for prefix in unique:
                n = min(len(prefix), 3)
                by_length[n - 1].add(prefix[:n])
            self._heads = tuple(frozenset(found) for found in by_length)

    def _word(self, word: str) -> bool:
        one, two, three = self._heads
        return word[:3] in three or word[:2] in two or word[:1] in one

    def _field_hit(self, field: tuple[str, ...]) -> bool:
        """The field-name part of :meth:`found` (one answer per field name)."""
        if len(self._fields) >= 4096:
            self._fields.clear()
        if self._regex is not None:
            return bool(self._regex.search(" ".join(field)))
        return any(self._word(word) for word in field)

    def found(self, context: ContextView) -> bool:
        """True when one of the prefixes may occur before/after the candidate or in its field.

        Always True for a ContextView subclass: it may read other words as context words (the
        engine's ``ExtendedContext`` for ``settings.extra_context``), which raw text cannot show.
        """
        if type(context) is not ContextView:
            return True
        field = context.field_words
        if field:  # first: a column's field answers for every value in it, and is memoised
            hit = self._fields.get(field)
            if hit is None:
                hit = self._fields[field] = self._field_hit(field)
            if hit:
                return True
        if self._regex is not None:
            rx = self._regex
            return bool(
                rx.search(context.before_text.lower()) or rx.search(context.after_text.lower())
            )
        misses = self._misses
        for seq in (context.before_words, context.after_words):
            if misses.issuperset(seq):
                continue
            for word in seq:
                if word not in misses:
                    if self._word(word):
                        return True
                    if len(misses) >= 65_536:
                        misses.clear()
                    misses.add(word)
        return False


def has_word(context: ContextView, prefixes: tuple[str, ...], hint: Hint) -> bool:
    """``context.has(prefixes)``, skipping the tokenising when ``hint`` finds nothing at all."""
    if context.field_has(prefixes):  # memoised per field name: decides a labelled column
        return True
    return hint.found(context) and context.near(prefixes)
