"""PHONE_NUMBER: international (``+CC`` / ``00CC``) and, with a phone label, national numbers.

Specification: ITU-T E.164 (country code + national significant number, at most 15 digits),
validated with ``phonenumbers`` (Google libphonenumber metadata: per-country lengths and ranges).

Rules:

* ``+CC ...``: phonenumbers must find a country and a *possible* length for it; a *valid* number
  (a range in use) scores higher. ``+`` is unambiguous, so it needs no context.
* ``00CC ...``: the same, but a compact ``00...`` run also needs a valid number or a phone label,
  and a valid EAN-13 (UPC codes start with ``00``) is never a phone.
* National forms (``12 34 56 78``, ``070-123 45 67``, ``412 34 567``, bare ``12345678``) only count
  with a phone label: a phone word before the number on its line, a phone word right after it, or a
  field (column / key) named for phones. 7-12 digits when they start with a trunk ``0``, else 8-10
  (DK/NO numbers have 8; 10 covers US-style and CPR-shaped numbers written after a phone word).
  The number is then parsed for DK, SE, NO and FI in turn (the Nordic regions this tool is for; the
  region is not reported, so the order only costs time): valid in any of them scores higher than
  merely having a phone label. A language hint is not needed because the region is not reported.
* Vetoes: the *nearest* label is a CPR / national-ID word, a company-number word (CVR, org.nr.) or
  another number's label (order, invoice, customer no.) - e.g. ``CVR 44135647``,
  ``Ordrenr. 12345678``. A phone word further away does not rescue it; a phone word nearer does
  ("Kunde Jens, tlf. 12 34 56 78"). Dates (``12.05.2023``), times (``08.00-16.00``),
  thousands-grouped amounts (``1.234.567``) and numbers followed by a currency are not phones.
* Boundaries: a digit run inside a longer number (``Gecko/20100101``, ``12345678,50``, a group of
  a longer grouped run, the middle of an IBAN) is not a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers
from stdnum import ean

from recognizers import keywords as kw
from recognizers.base import NordicRecognizer
from recognizers.context import WINDOW_BEFORE, ContextView, words

# --- shared number helpers (also used by the card and IBAN recognisers) -----------------------

#: Characters that glue a digit run to a neighbouring digit run ("12.34", "2023-05", "12:30").
JOINERS = ".-/:"
#: Characters that may never touch a number candidate.
_STICKY = "_@#*+&=$%\\"
_DECIMAL_TAIL = re.compile(r",[0-9]{1,2}(?![0-9])")


def number_boundary_ok(
    text: str, start: int, end: int, grouped: bool, open_right: bool = False
) -> bool:
    """False when ``text[start:end]`` is glued to letters, digits or a longer (grouped) number.

    A joiner (``.-/:``) between the candidate and another digit always glues; so does a space when
    the candidate is itself grouped (``12 34 56 78 90`` is one run, not ``12 34 56 78``), except
    on the right when ``open_right`` (the caller scores such a truncated candidate itself). A comma
    glues only as a decimal comma on the right (``12345678,50``): ``a,12345678,2100`` is CSV.
    """
    joiners = JOINERS + " " if grouped else JOINERS
    if start > 0:
        ch = text[start - 1]
        if ch.isalnum() or ch in _STICKY or ch == "/":
            return False
        if ch in joiners and start > 1 and text[start - 2].isdigit():
            return False
    if end < len(text):
        ch = text[end]
        if ch.isalnum() or ch in _STICKY:
            return False
        if ch in (JOINERS if open_right else joiners) and text[end + 1 : end + 2].isdigit():
            return False
        if ch == "," and _DECIMAL_TAIL.match(text, end):
            return False
    return True


# Words after a label prefix that still make it a label: "ordre" + "nr", "bilag" + "snummer",
# definite forms ("ordren", "fakturaen"). "kundeservice" or "kontor" are not labels.
_LABEL_TAIL = re.compile(
    r"(?:s?(?:nr|nummer|nummeret|numret|numre|number|numbers|no|num|id|nro|numero|kode|code)"
    r"|en|et|n|e|s)?"
)
_NUMBER_TAIL = re.compile(r"s?(?:nr|nummer|nummeret|numret|number|no|num|id|nro|numero)")
#: Person nouns among the "other number" words: labels only as "kundenr", "kunde nr.", ...
_PERSON_PREFIXES = ("kunde", "kund", "customer", "medlem", "member", "konto", "account")
_NUMBER_WORDS = frozenset({"nr", "no", "nummer", "nummeret", "numret", "number", "num", "id"})
NEGATIVE_WORDS: tuple[str, ...] = kw.OTHER_NUMBER_WORDS + kw.COMPANY_NUMBER_WORDS
ID_WORDS: tuple[str, ...] = (
    kw.DK_CPR_WORDS + kw.SE_PNR_WORDS + kw.NO_FNR_WORDS + kw.FI_HETU_WORDS
)


@lru_cache(maxsize=16)
def _label_patterns(prefixes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(other-number label, person-noun label with a number tail) for one prefix tuple."""

    def alternation(found: list[str]) -> str:
        return "|".join(sorted(map(re.escape, found), key=len, reverse=True)) or "(?!)"

    person = [p for p in prefixes if p in _PERSON_PREFIXES]
    other = [p for p in prefixes if p not in _PERSON_PREFIXES]
    return (
        re.compile(f"(?:{alternation(other)})(?:{_LABEL_TAIL.pattern})"),
        re.compile(f"(?:{alternation(person)})({_NUMBER_TAIL.pattern})?"),
    )


def is_number_label(word: str, next_word: str | None, prefixes: tuple[str, ...]) -> bool:
    """True when ``word`` labels some other kind of number (``ordrenr``, ``CVR``, ``kunde nr``).

    Person nouns (``kunde``, ``member``, ``konto``) only count with a number tail or a number word
    after them: "Kunde Jens, tlf. ..." is a person, "kundenr." and "kunde nr." are labels.
    """
    other, person = _label_patterns(prefixes)
    if other.fullmatch(word):
        return True
    found = person.fullmatch(word)
    if found is None:
        return False
    return found.group(1) is not None or next_word in _NUMBER_WORDS


def line_before(context: ContextView) -> tuple[str, str]:
    """(text on the candidate's line before it, the part of that after the line's last digit)."""
    before = context.before_text
    cut = before.rfind("\n") + 1
    if cut == 0 and len(before) == WINDOW_BEFORE and before[:1].isalpha():
        cut = before.find(" ") + 1  # a word cut by the window edge is no label
    line = before[cut:]
    last = max(line.rfind(d) for d in "0123456789")
    return line, line[last + 1 :] if last >= 0 else line


POSITIVE, NEGATIVE, UNKNOWN = 1, -1, 0


@lru_cache(maxsize=32)
def word_start_pattern(prefixes: tuple[str, ...], anywhere: bool = False) -> re.Pattern[str]:
    """A regex finding any of ``prefixes`` (lower case) at a word start, or ``anywhere``.

    Searched in lower-cased text: a case-sensitive alternation is several times faster in ``re``.
    """
    alternation = "|".join(sorted(set(map(re.escape, prefixes)), key=len, reverse=True))
    start = "" if anywhere else r"(?<![^\W\d_])"
    return re.compile(f"{start}(?:{alternation})")


def mentions(context: ContextView, pattern: re.Pattern[str]) -> bool:
    """Cheap pre-check: does ``pattern`` occur in the windows or the field name at all?

    A superset test for :func:`label_verdict`: when it is False no word there can be a label,
    so callers skip tokenising (most candidates have no label at all).
    """
    return bool(
        pattern.search(context.before_text.lower())
        or pattern.search(context.after_text.lower())
        or (context.field_words and pattern.search(" ".join(context.field_words)))
    )


def classify_labels(
    seq: tuple[str, ...], is_positive: Callable[[str], bool], negative: tuple[str, ...]
) -> int:
    """Nearest label in ``seq`` (nearest last): POSITIVE, NEGATIVE (other number, ID), UNKNOWN."""
    for i in range(len(seq) - 1, -1, -1):
        word = seq[i]
        if is_positive(word):
            return POSITIVE
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if is_number_label(word, nxt, negative) or word.startswith(ID_WORDS):
            return NEGATIVE
    return UNKNOWN


def label_verdict(
    context: ContextView, is_positive: Callable[[str], bool], negative: tuple[str, ...]
) -> int:
    """The label that speaks for a candidate: its line (nearest first), else field, else after.

    1. words on the candidate's line after the last digit there (a label before another number
       belongs to that number); 2. the field name; 3. the rest of the line before (so
       "tlf. 12345678 / 87654321" labels both); 4. the first two words after it on its line.
    """
    line, segment = line_before(context)
    verdict = classify_labels(words(segment), is_positive, negative)
    if verdict == UNKNOWN and context.field_words:
        verdict = classify_labels(context.field_words, is_positive, negative)
    if verdict == UNKNOWN and segment != line:
        verdict = classify_labels(words(line)[-6:], is_positive, negative)
    if verdict == UNKNOWN:
        after = context.after_text.split("\n", 1)[0]
        if any(is_positive(w) for w in words(after)[:2]):
            verdict = POSITIVE
    return verdict


def has_word(context: ContextView, prefixes: tuple[str, ...], hint: re.Pattern[str]) -> bool:
    """``context.has(prefixes)``, skipping the tokenising when ``hint`` finds nothing at all."""
    return mentions(context, hint) and context.has(prefixes)


# --- phone rules -------------------------------------------------------------------------------

_PHONE_STEMS = ("telefon", "phone", "mobil", "puhelin")


_PHONE_HINT = word_start_pattern(kw.PHONE_WORDS + _PHONE_STEMS, anywhere=True)
_ANY_LABEL_HINT = word_start_pattern(
    kw.PHONE_WORDS + _PHONE_STEMS + NEGATIVE_WORDS + ID_WORDS, anywhere=True
)


def is_phone_word(word: str) -> bool:
    """A phone label: starts with a phone word, or is a compound ending in one (``hemtelefon``)."""
    return word.startswith(kw.PHONE_WORDS) or any(stem in word for stem in _PHONE_STEMS)


_NORDIC = ("DK", "SE", "NO", "FI")
_NON_DIGIT = re.compile(r"[^0-9]")
_DATE = re.compile(
    r"\(?(?:[0-3]?[0-9][./-][01]?[0-9][./-](?:[0-9]{2}|[12][0-9]{3})|[12][0-9]{3}-[01][0-9]-[0-3][0-9])"
)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_TIME_RANGE = re.compile(r"[0-2]?[0-9][.:][0-5][0-9] ?- ?[0-2]?[0-9][.:][0-5][0-9]")
_CURRENCY = frozenset(
    "kr kroner kronor krónur dkk sek nok eur euro euros usd gbp mio mia".split()
)
_SEP = r"(?:[ .\-/]|[ ]?\(0\)[ ]?|[ ]?\(|\)[ ]?|[ ]-[ ])"
_INTL = r"(?:\+|00)[1-9][0-9]{0,14}"
_MORE_GROUPS = re.compile(r"[ .\-][0-9]")

# Scores (see module docstring). Context: a phone label (line, field, or right after).
PLUS_VALID, PLUS_POSSIBLE = 0.8, 0.5
DOUBLE_ZERO_VALID, DOUBLE_ZERO_POSSIBLE, DOUBLE_ZERO_COMPACT = 0.7, 0.45, 0.5
NATIONAL_VALID, NATIONAL_POSSIBLE = 0.85, 0.6
CONTEXT_BONUS = 0.15
#: A candidate that stops before more digit groups ("+45 12345678 2100") is only a fallback.
TRUNCATED_PENALTY = 0.35


@lru_cache(maxsize=8192)
def international_validity(e164_digits: str) -> int:
    """2 = valid E.164 number, 1 = possible length for its country, 0 = neither."""
    try:
        number = phonenumbers.parse("+" + e164_digits, None)
    except phonenumbers.NumberParseException:
        return 0
    if phonenumbers.is_valid_number(number):
        return 2
    return 1 if phonenumbers.is_possible_number(number) else 0


@lru_cache(maxsize=8192)
def national_validity(digits: str) -> int:
    """2 = valid national number in DK, SE, NO or FI; 1 = possible there; 0 = neither."""
    best = 0
    for region in _NORDIC:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return 2
        if best == 0 and phonenumbers.is_possible_number(number):
            best = 1
    return best


def _not_a_phone_shape(value: str, context: ContextView) -> bool:
    """Dates, time ranges, thousands-grouped amounts and amounts followed by a currency."""
    if _DATE.fullmatch(value) or _THOUSANDS.fullmatch(value) or _TIME_RANGE.fullmatch(value):
        return True
    after = context.after_words[:1]
    return bool(after) and after[0] in _CURRENCY


class PhoneRecognizer(NordicRecognizer):
    """Phone numbers: E.164 with ``+``/``00`` anywhere, national forms under a phone label."""

    ENTITY = "PHONE_NUMBER"
    SHAPES = (
        # International, with exactly k further digit groups (k = 0..6): every split is offered so
        # that "+45 12345678 2100" still yields "+45 12345678" (the longer one fails validation).
        _INTL,
        *(rf"{_INTL}(?:{_SEP}[0-9]{{1,10}}){{{k}}}" for k in range(1, 7)),
        # National: grouped (2-5 digit head, optional area-code parentheses) and compact.
        r"\(?[0-9]{2,5}\)?(?:[ .\-][0-9]{2,8}){1,5}",
        r"[0-9]{7,12}",
    )
    MAX_LENGTH = 40
    CONTEXT = kw.PHONE_WORDS
    NEGATIVE_CONTEXT = NEGATIVE_WORDS + ID_WORDS

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """International candidates may stop before another group (see SHAPES); others may not."""
        value = text[start:end]
        international = value.startswith(("+", "00"))
        return number_boundary_ok(text, start, end, not value.isdigit(), international)

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a phone-shaped candidate; ``None`` when invalid, unlabelled or vetoed."""
        digits = _NON_DIGIT.sub("", value)
        if value.startswith("+") or value.startswith("00"):
            return self._international(value, digits, context)
        return self._national(value, digits, context)

    def _international(self, value: str, digits: str, context: ContextView) -> float | None:
        plus = value.startswith("+")
        e164 = digits if plus else digits[2:]
        if not 7 <= len(e164) <= 15:
            return None
        compact = value.isdigit()
        if compact and len(digits) == 13 and ean.is_valid(digits):
            return None
        validity = international_validity(e164)
        if validity == 0:
            return None
        truncated = bool(_MORE_GROUPS.match(context.after_text))
        if truncated and validity < 2:
            return None
        label = UNKNOWN
        if mentions(context, _ANY_LABEL_HINT):
            label = label_verdict(context, is_phone_word, NEGATIVE_WORDS)
        if plus:
            score = PLUS_VALID if validity == 2 else PLUS_POSSIBLE
        elif label == NEGATIVE:
            return None
        elif not compact:
            score = DOUBLE_ZERO_VALID if validity == 2 else DOUBLE_ZERO_POSSIBLE
        elif validity == 2 or label == POSITIVE:
            score = DOUBLE_ZERO_COMPACT if validity == 2 else DOUBLE_ZERO_POSSIBLE
        else:
            return None
        if label == POSITIVE:
            score += CONTEXT_BONUS
        if truncated:
            score -= TRUNCATED_PENALTY
        return min(score, 1.0)

    def _national(self, value: str, digits: str, context: ContextView) -> float | None:
        n = len(digits)
        if not (7 <= n <= 12 if digits.startswith("0") else 8 <= n <= 10):
            return None
        # Cheapest first: most bare numbers in bulk data have no phone word anywhere near.
        if not mentions(context, _PHONE_HINT) or _not_a_phone_shape(value, context):
            return None
        if label_verdict(context, is_phone_word, NEGATIVE_WORDS) != POSITIVE:
            return None
        validity = national_validity(digits)
        if validity == 2:
            return NATIONAL_VALID
        return NATIONAL_POSSIBLE
