"""PHONE_NUMBER: international (``+CC`` / ``00CC``) and, with a phone label, national numbers.

Specification: ITU-T E.164 (country code + national significant number, at most 15 digits),
validated with ``phonenumbers`` (Google libphonenumber metadata: per-country lengths and ranges).

Rules:

* ``+CC ...``: phonenumbers must find a country and a *possible* length for it; a *valid* number
  (a range in use) scores higher. ``+`` is unambiguous, so it needs no context.
* ``00CC ...``: the same, but a compact ``00...`` run also needs a valid number or a phone label,
  and a valid EAN-13 (UPC codes start with ``00``) is a phone only under a phone label.
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
* Labels and boundaries are :mod:`recognizers.labels` (shared with the card and IP recognisers).
* Boundaries: a digit run inside a longer number (``Gecko/20100101``, ``12345678,50``, a group of
  a longer grouped run, the compact tail of ``0151 12345678``, the middle of an IBAN) is not a
  candidate; ``=`` does not glue (``to=+4512345678`` in a ``key=value`` log line).
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import ean

from recognizers import keywords as kw
from recognizers import phone_validity
from recognizers.base import ALNUM, NordicRecognizer
from recognizers.context import ContextView
from recognizers.labels import (
    ID_WORDS,
    KEY_FIELD_WORDS,
    NEGATIVE,
    NEGATIVE_WORDS,
    POSITIVE,
    UNKNOWN,
    Hint,
    LabelRules,
    after_head_group,
    is_phone_compound,
    number_boundary_ok,
)

_ABBREVIATION = re.compile(
    "(?:" + "|".join(kw.PHONE_ABBREVIATIONS) + ")(?:nr|no|nummer|numret|number|num)?"
)


def is_phone_word(word: str) -> bool:
    """A phone label: starts with a phone word, is a short one (``tlf``, ``tlfnr``), or is a
    compound containing one (``arbejdstelefon``)."""
    return (
        word.startswith(kw.PHONE_PREFIXES)
        or _ABBREVIATION.fullmatch(word) is not None
        or is_phone_compound(word)
    )


LABELS = LabelRules(is_phone_word)
_PHONE_HINT = Hint(kw.PHONE_WORDS + kw.PHONE_STEMS, anywhere=True)
_ANY_LABEL_HINT = Hint(
    kw.PHONE_WORDS + kw.PHONE_STEMS + NEGATIVE_WORDS + ID_WORDS + KEY_FIELD_WORDS, anywhere=True
)
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
    return phone_validity.international_validity(e164_digits)


@lru_cache(maxsize=8192)
def national_validity(digits: str) -> int:
    """2 = valid national number in DK, SE, NO or FI; 1 = possible there; 0 = neither."""
    best = 0
    for region in _NORDIC:
        verdict = phone_validity.national_validity(digits, region)
        if verdict == 2:
            return 2
        best = max(best, verdict)
    return best


#: A price right after the number: ``12 345,-``, ``12 345:-``, ``12 345 €`` (currency words are
#: ``_CURRENCY``).
_PRICE_TAIL = re.compile(r"[ \xa0]?(?:[,.:]-|[€$£])")
#: Currency and price words and signs that make the number right after them an amount:
#: ``DKK 32 14 25 55``, ``kr. 12345678``, ``pris: 32142555``, ``€ 32142555``, ``Saldo +46...``.
_PRICE_WORDS = _CURRENCY | frozenset(
    "pris price beløb belopp beløp amount summa sum total saldo balance".split()
)
_PRICE_SIGNS = "€$£"
_FIRST_WORD = re.compile(r"[^\W\d_]+")
#: A signed decimal number: a coordinate or an amount (``+10.752245``, ``+55.676100``).
_SIGNED_DECIMAL = re.compile(r"\+[0-9]{1,3}\.[0-9]{4,}")


def _price_before(before: str) -> bool:
    """A price word or sign ends ``before`` (then only spaces, ``:``, ``;``, ``=``).

    Read backwards by hand: a regex anchored at the end still tries every start position.
    """
    tail = before[-12:].rstrip(" \t\xa0:;=")
    if not tail:
        return False
    if tail[-1] in _PRICE_SIGNS:
        return True
    if tail[-1] == ".":
        tail = tail[:-1]
    i = len(tail)
    while i > 0 and tail[i - 1].isalpha():
        i -= 1
    return i < len(tail) and tail[i:].lower() in _PRICE_WORDS


_AMOUNT = "phone.amount"  # the ContextView.derived key of _amount's answer


def _amount(context: ContextView) -> bool:
    """A currency or price word or sign right before or after the number, or a price tail
    (``,-``, ``:-``): the number is an amount. Kept on a view with ``derived`` facts (see
    ``LabelRules.verdict``): it depends on nothing else."""
    return context.kept(_AMOUNT, _amount_in)


def _amount_in(context: ContextView) -> bool:
    after = context.after_text
    if _PRICE_TAIL.match(after) or _price_before(context.before_text):
        return True
    # The first word after it on its line (a value in a column: the next line is another cell).
    line_end = after.find("\n")
    first = _FIRST_WORD.search(after, 0, len(after) if line_end < 0 else line_end)
    return first is not None and first.group().lower() in _CURRENCY


def _not_a_phone_shape(value: str, context: ContextView) -> bool:
    """Dates, time ranges, thousands-grouped amounts, and amounts (:func:`_amount`)."""
    if _DATE.fullmatch(value) or _THOUSANDS.fullmatch(value) or _TIME_RANGE.fullmatch(value):
        return True
    return _amount(context)


class NordicPhoneRecognizer(NordicRecognizer):
    """Phone numbers: E.164 with ``+``/``00`` anywhere, national forms under a phone label."""

    ENTITY = "PHONE_NUMBER"
    SHAPES = (
        # International, with exactly k further digit groups (k = 0..6): every split is offered so
        # that "+45 12345678 2100" still yields "+45 12345678" (the longer one fails validation).
        # Without further groups only 7+ digits can be a number (E.164 minimum, as in evaluate):
        # "+45" before "12 34 56 78" is no candidate of its own.
        r"(?:\+|00)[1-9][0-9]{6,14}",
        *(rf"{_INTL}(?:{_SEP}[0-9]{{1,10}}){{{k}}}" for k in range(1, 7)),
        # National: grouped (2-5 digit head, optional area-code parentheses) and compact.
        r"\(?[0-9]{2,5}\)?(?:[ .\-][0-9]{2,8}){1,5}",
        r"[0-9]{7,12}",
    )
    MAX_LENGTH = 40
    CONTEXT = kw.PHONE_WORDS
    REJECTED_NEIGHBOURS = (ALNUM + "+/", ALNUM + "+")  # labels.number_boundary_ok
    NEGATIVE_CONTEXT = NEGATIVE_WORDS + ID_WORDS

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """International candidates may stop before another group (see SHAPES); others may not."""
        if start and text[start - 1].isalnum():  # the common rejection, decided before slicing
            return False
        value = text[start:end]
        international = value.startswith(("+", "00"))
        if not international and value.isdigit() and after_head_group(text, start):
            return False
        return number_boundary_ok(text, start, end, not value.isdigit(), international)

    def hopeless(self, signature: str) -> bool:
        """A digit count no phone number has (the length checks that open ``evaluate``)."""
        digits = _NON_DIGIT.sub("", signature)
        if signature.startswith("+"):
            return not 7 <= len(digits) <= 15
        if signature.startswith("00"):
            return not 7 <= len(digits) - 2 <= 15
        n = len(digits)
        return not (7 <= n <= 12 if digits.startswith("0") else 8 <= n <= 10)

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
        # UPC-A codes written as EAN-13 start with 00: a valid one is a barcode unless a phone
        # label names it ("Tlf. 0046701234567" is a phone whatever its EAN check digit says).
        barcode = compact and len(digits) == 13 and ean.is_valid(digits)
        validity = international_validity(e164)
        if validity == 0:
            return None
        if _SIGNED_DECIMAL.fullmatch(value) or _amount(context):
            return None  # "+10.752245" (a coordinate), "Saldo +46123456", "+4612345678;DKK"
        truncated = bool(_MORE_GROUPS.match(context.after_text))
        if truncated and validity < 2:
            return None
        label = UNKNOWN
        if _ANY_LABEL_HINT.found(context):
            label = LABELS.verdict(context)
        if barcode and label != POSITIVE:
            return None
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
        if not _PHONE_HINT.found(context) or _not_a_phone_shape(value, context):
            return None
        if LABELS.verdict(context) != POSITIVE:
            return None
        validity = national_validity(digits)
        if validity == 2:
            return NATIONAL_VALID
        return NATIONAL_POSSIBLE
