"""Typographic spaces and dashes read as ASCII, offsets unchanged (recognizers.typography)."""

from __future__ import annotations

import random

from recognizers.typography import plain_text

TYPOGRAPHIC = "\u00a0\u2007\u2009\u202f\u2011\u2013\u2212"


def test_ascii_text_is_returned_unchanged() -> None:
    text = "Tlf. 12 34 56 78, CPR 010190-1233"
    assert plain_text(text) is text


def test_each_typographic_character_becomes_a_space_or_a_hyphen() -> None:
    assert plain_text("+45\u00a032\u202f14\u200925\u200755") == "+45 32 14 25 55"
    assert plain_text("010190\u20111233 010190\u20131233 1\u22122") == "010190-1233 010190-1233 1-2"


def test_length_newlines_and_other_characters_are_kept() -> None:
    rng = random.Random(7)
    alphabet = "abcæøåäö019 -\n" + TYPOGRAPHIC
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        plain = plain_text(text)
        assert len(plain) == len(text)
        for original, read in zip(text, plain, strict=True):
            if original in TYPOGRAPHIC:
                assert read in " -"
            else:
                assert read == original
