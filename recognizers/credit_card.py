"""CREDIT_CARD: payment card numbers (PANs) - Luhn plus the brand's current IIN range and length.

Specification: ISO/IEC 7812-1 (issuer identification number, 8-19 digit PAN, Luhn check digit),
the Luhn check from python-stdnum (``stdnum.luhn``), and the IIN ranges / lengths the networks
publish (summarised at https://en.wikipedia.org/wiki/Payment_card_number#Issuer_identification_number_(IIN)):

=============  ===========================================  ===========
brand          IIN prefixes                                 lengths
=============  ===========================================  ===========
Visa           4                                            13, 16, 19
Mastercard     51-55, 2221-2720                             16
Amex           34, 37                                       15
Discover       6011, 644-649, 65, 622126-622925              16-19
JCB            3528-3589                                    16-19
Diners Club    36; 300-305, 3095, 38-39                     14-19
Maestro        5018, 5020, 5038, 5893, 6304, 6759, 6761-6763 12-19
Dankort        5019 (Nordic debit)                          16
UnionPay       62                                           16-19
=============  ===========================================  ===========

Shapes: compact (12-19 digits, first digit 2-6, so 13-digit millisecond timestamps - which start
with 1 until 2033 - are not even candidates), groups of four (4-4-4 up to 4-4-4-4-3, spaces or
dashes, the same separator throughout), Amex 4-6-5 and Diners 4-6-4. Not cards: Luhn failures,
masked numbers (``**** **** **** 1234``, ``4111 XXXX XXXX 1111``), digits inside an IBAN or a
longer number, numbers whose nearest label names another kind of number (order, tracking,
customer no.), and compact 13-digit runs that are valid EAN-13 barcodes unless a card word
labels them (EAN-13s of German and UK goods start like Visa-13 and Maestro numbers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import ean, luhn

from recognizers.base import ALNUM, NordicRecognizer
from recognizers.context import ContextView
from recognizers.labels import (
    ID_WORDS,
    KEY_FIELD_WORDS,
    NEGATIVE,
    NEGATIVE_WORDS,
    POSITIVE,
    Hint,
    LabelRules,
    after_head_group,
    number_boundary_ok,
)

#: (low, high, lengths): IIN prefix ranges compared on the first len(low) digits.
IIN_RANGES: tuple[tuple[str, str, frozenset[int]], ...] = (
    ("4", "4", frozenset({13, 16, 19})),
    ("51", "55", frozenset({16})),
    ("2221", "2720", frozenset({16})),
    ("34", "34", frozenset({15})),
    ("37", "37", frozenset({15})),
    ("6011", "6011", frozenset(range(16, 20))),
    ("644", "649", frozenset(range(16, 20))),
    ("65", "65", frozenset(range(16, 20))),
    ("622126", "622925", frozenset(range(16, 20))),
    ("3528", "3589", frozenset(range(16, 20))),
    ("36", "36", frozenset(range(14, 20))),
    ("300", "305", frozenset(range(14, 20))),
    ("3095", "3095", frozenset(range(14, 20))),
    ("38", "39", frozenset(range(14, 20))),
    ("5018", "5018", frozenset(range(12, 20))),
    ("5019", "5019", frozenset({16})),
    ("5020", "5020", frozenset(range(12, 20))),
    ("5038", "5038", frozenset(range(12, 20))),
    ("5893", "5893", frozenset(range(12, 20))),
    ("6304", "6304", frozenset(range(12, 20))),
    ("6759", "6759", frozenset(range(12, 20))),
    ("6761", "6763", frozenset(range(12, 20))),
    ("62", "62", frozenset(range(16, 20))),
)

CARD_WORDS: tuple[str, ...] = (
    "kort", "card", "kreditkort", "betalkort", "betalingskort", "visa", "mastercard", "master",
    "amex", "american", "maestro", "dankort", "discover", "jcb", "diners", "pan", "cc",
    "kortti", "luottokortti", "maksukortti", "creditcard", "debit", "kredit", "credit",
)

#: Any card word, other-number label or ID word: without one, no label can speak (fast path).
_LABEL_HINT = Hint(CARD_WORDS + NEGATIVE_WORDS + ID_WORDS + KEY_FIELD_WORDS)
_LABELS = LabelRules(lambda word: word.startswith(CARD_WORDS))
_SEPARATORS = re.compile(r"[ \-]")
_IBAN_HEAD = re.compile(r"[A-Za-z]{2}[0-9]{2}(?: [A-Za-z0-9]{4})* $")
_EXPIRY_AFTER = re.compile(r" [0-9]{2}/[0-9]{2}")


def brand_accepts(digits: str) -> bool:
    """True when some brand's IIN range starts ``digits`` and allows its length."""
    n = len(digits)
    for low, high, lengths in IIN_RANGES:
        if n in lengths and low <= digits[: len(low)] <= high:
            return True
    return False


@lru_cache(maxsize=4096)
def is_valid_card(digits: str) -> bool:
    """True for a 12-19 digit PAN with a known IIN range, a length that brand issues, and Luhn."""
    return 12 <= len(digits) <= 19 and brand_accepts(digits) and luhn.is_valid(digits)


class NordicCreditCardRecognizer(NordicRecognizer):
    """Payment card numbers; valid Luhn + IIN + length, grouping and card words raise the score."""

    ENTITY = "CREDIT_CARD"
    SHAPES = (
        r"[2-6][0-9]{11,18}",
        r"[2-6][0-9]{3}(?:[ \-][0-9]{4}){2}(?:[ \-][0-9]{1,4})?",
        r"[2-6][0-9]{3}(?:[ \-][0-9]{4}){3}[ \-][0-9]{1,3}",
        r"3[0-9]{3}[ \-][0-9]{6}[ \-][0-9]{4,5}",
    )
    MAX_LENGTH = 23
    REJECTED_NEIGHBOURS = (ALNUM + "+/", ALNUM + "+")  # every branch: number_boundary_ok
    CONTEXT = CARD_WORDS
    NEGATIVE_CONTEXT = NEGATIVE_WORDS

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """No digits/letters/masks around it; not a group of an IBAN or a longer grouped run."""
        grouped = not text[start:end].isdigit()
        if grouped and _IBAN_HEAD.search(text, max(0, start - 40), start):
            return False
        if not grouped and after_head_group(text, start):  # "1234 4111111111111111": one number
            return False
        if number_boundary_ok(text, start, end, grouped):
            return True
        # "4111 1111 1111 1111 12/25": an expiry date after the number is not part of it.
        return (
            grouped
            and _EXPIRY_AFTER.match(text, end) is not None
            and number_boundary_ok(text, start, end, False)
        )

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a card-shaped candidate; ``None``: Luhn/IIN failure or another number's label."""
        separators = set(_SEPARATORS.findall(value))
        if len(separators) > 1:
            return None
        digits = _SEPARATORS.sub("", value)
        if not is_valid_card(digits):
            return None
        # A compact 13-digit run that is a valid EAN-13 is a barcode unless a card word says
        # otherwise: German and UK EAN-13s start 40-44 / 50 (Visa 13, Maestro 5018/5020/5038)
        # and one in ten of them also passes Luhn.
        barcode = not separators and len(digits) == 13 and ean.is_valid(digits)
        if not _LABEL_HINT.found(context):
            return None if barcode else 0.75 if separators else 0.6
        verdict = _LABELS.verdict(context)
        if verdict == NEGATIVE:
            return None
        if verdict == POSITIVE or context.has(CARD_WORDS):
            return 1.0
        return None if barcode else 0.75 if separators else 0.6
