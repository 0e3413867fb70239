"""Nearest-label rules, number boundaries and the cheap hints of ``recognizers.labels``."""

from __future__ import annotations

import random

import pytest

from recognizers.context import ContextView, is_key_field
from recognizers.credit_card import NordicCreditCardRecognizer
from recognizers.labels import (
    NEGATIVE,
    NEGATIVE_WORDS,
    POSITIVE,
    UNKNOWN,
    Hint,
    LabelRules,
    is_number_label,
    number_boundary_ok,
)
from recognizers.phone import LABELS, NordicPhoneRecognizer
from scanner.engine.context import ExtendedContext


@pytest.mark.parametrize(
    ("word", "after", "expected"),
    [
        ("cvr", None, True),
        ("ordrenr", None, True),
        ("ordren", None, True),
        ("bilagsnummer", None, True),
        ("kundenr", None, True),
        ("kunde", "nr", True),
        ("kunde", None, False),
        ("kundeservice", None, False),
        ("kontor", None, False),
        ("lotte", None, False),
    ],
)
def test_number_labels(word: str, after: str | None, expected: bool) -> None:
    assert is_number_label(word, after, NEGATIVE_WORDS) is expected


@pytest.mark.parametrize(
    ("before", "after", "field", "expected"),
    [
        ("Kunde Jens, tlf. ", "", None, POSITIVE),
        ("tlf. 12345678, CVR ", "", None, NEGATIVE),
        ("CVR 44135647, tlf. ", "", None, POSITIVE),
        ("Tlf. 12345678 / ", "", None, POSITIVE),
        ("Ring til kundeservice på ", "", None, POSITIVE),
        ("Ordre sendt til kunden i dag, ", "", None, UNKNOWN),
        ("", " (mobil)", None, POSITIVE),
        ("", "", "customerPhone", POSITIVE),
        ("", "", "cvr", NEGATIVE),
        ("tlf.\n", "", None, POSITIVE),
        ("id;navn;tlf\n", "", None, UNKNOWN),
        ("Tlf. 33 12 45 67\n", "", None, UNKNOWN),
        ("CPR ", "", "telefon", NEGATIVE),
    ],
)
def test_phone_label_verdict(before: str, after: str, field: str | None, expected: int) -> None:
    assert LABELS.verdict(ContextView(before, after, field)) == expected


@pytest.mark.parametrize(
    ("text", "grouped", "ok"),
    [
        ("tlf. [12345678]", False, True),
        ("Gecko/[20100101]", False, False),
        ("[12345678],50 kr", False, False),
        ("a,[12345678],2100", False, True),
        ("[12 34 56 78] 90", True, False),
        ("99 [12 34 56 78]", True, False),
        ("tlf [12345678] 87654321", False, True),
        ("x[12345678]", False, False),
        ("[12345678]@sms.dk", False, False),
    ],
)
def test_number_boundaries(text: str, grouped: bool, ok: bool) -> None:
    start, end = text.index("["), text.index("]") - 1
    plain = text.replace("[", "").replace("]", "")
    assert number_boundary_ok(plain, start, end, grouped) is ok


def test_hint_is_a_superset_of_the_verdict() -> None:
    rules = LabelRules(lambda w: w.startswith(("kort", "card")))
    hint = Hint(("kort", "card") + NEGATIVE_WORDS)
    vocabulary = "kort kortet card ordre ordrenr cvr kunde kunden tak hej med i på til nr".split()
    rng = random.Random(1)
    for _ in range(2000):
        before = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 6))) + " "
        context = ContextView(before, "", None)
        if rules.verdict(context) != UNKNOWN:
            assert hint.found(context), before


def test_extra_context_words_count_as_labels() -> None:
    # settings.extra_context: the engine's ExtendedContext reads "hotline" as the phone word.
    phone, card = NordicPhoneRecognizer(), NordicCreditCardRecognizer()
    assert phone.evaluate("23456789", ContextView("hotline: ", "", None)) is None
    assert phone.evaluate("23456789", ExtendedContext("hotline: ", "", None, ("hotline",), "tlf"))
    extended = ExtendedContext("plastik ", "", None, ("plastik",), "kort")
    assert card.evaluate("4111111111111111", extended) == 1.0


@pytest.mark.parametrize(("field", "key"), [
    ("id", True), ("ID", True), ("_id", True), ("$.kunder[*].id", True), ("orders.uuid", True),
    ("user_id", False), ("national_id", False), ("cpr", False), (None, False), ("idag", False),
    ("$.id.tlf", False),
])
def test_key_fields_are_named_by_their_last_segment(field, key) -> None:
    assert is_key_field(field) is key
