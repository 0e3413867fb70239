"""Field names and extra context words reach the recognisers through the engine."""

from __future__ import annotations

from dataclasses import replace

import pytest

from recognizers.reference import detect
from scanner.engine import Engine
from scanner.model import Piece
from scanner.settings import load_settings
from tests.engine.toys import toys

TOYS = toys()
SETTINGS = load_settings()


@pytest.mark.parametrize("prefilter", ["hyperscan", "re"])
@pytest.mark.parametrize(
    ("field", "found"),
    [(None, False), ("notes", False), ("secret", True), ("customerSecret", True),
     ("$.kunder[*].hemmeligKode", True), ("SECRET_CODE", True)],
)
def test_field_reaches_recogniser(prefilter: str, field: str | None, found: bool) -> None:
    engine = Engine(replace(SETTINGS, prefilter=prefilter), TOYS)
    rows = "S123\nabc\nS456"
    matches = engine.scan_piece(Piece(text=rows, field=field, first_unit=10))
    secrets = [(m.unit, m.score) for m in matches if m.entity_type == "TOY_SECRET"]
    assert secrets == ([(10, 0.7), (12, 0.7)] if found else [])
    assert bool(engine.scan_text("S123", field)) == found


def test_extra_context_counts_like_own_words() -> None:
    plain = Engine(SETTINGS, TOYS)
    extra = Engine(replace(SETTINGS, extra_context={"TOY_CHECK4": ("pin",)}), TOYS)
    text = "PIN-nr: 1236"
    assert [d.score for d in plain.scan_text(text)] == [0.5]
    assert [d.score for d in extra.scan_text(text)] == [0.9]
    assert [d.score for d in extra.scan_text("1236", field="user_pin")] == [0.9]
    # The reference detector (and Presidio) keep the built-in words only.
    assert [d.score for d in detect(text, None, TOYS)] == [0.5]


def test_extra_context_keeps_word_positions() -> None:
    # Check8 only looks at the last two words before the value: an extra word stays where it is.
    extra = Engine(replace(SETTINGS, extra_context={"TOY_CHECK8": ("mobilnr",)}), TOYS)
    assert [d.score for d in extra.scan_text("mobilnr 12 34 56 78")] == [0.8]
    assert [d.score for d in extra.scan_text("mobilnr a b c 12 34 56 78")] == [0.5]


def test_extra_context_for_a_field_only_recogniser() -> None:
    extra = Engine(replace(SETTINGS, extra_context={"TOY_SECRET": ("hush",)}), TOYS)
    assert extra.scan_text("S123", field="hushHush")
    assert not extra.scan_text("S123", field="notes")


def test_extra_context_for_unknown_entity_is_an_error() -> None:
    with pytest.raises(ValueError, match="NOPE"):
        Engine(replace(SETTINGS, extra_context={"NOPE": ("x",)}), TOYS)


@pytest.mark.parametrize(("before", "whole"), [
    ("", True),  # the window starts at the text's start
    ("Kunden ringede. ", True),  # ... right after a space: its first word is whole
    ("Kunden ringede.\n", True),  # ... at a line's start
    ("Kunden ringedeX", False),  # ... inside a word: "Xtelefonnummer" is cut, no label
])
def test_a_label_at_the_window_edge_counts_unless_the_edge_cuts_it(
    before: str, whole: bool
) -> None:
    """The before-window is 48 characters; its first word is dropped only when it is cut."""
    head = "telefonnummer"
    text = before + head + " " * (48 - len(head)) + "33 12 45 67"
    start = len(text) - len("33 12 45 67")
    for found in (Engine(load_settings()).detect(text), detect(text)):
        phones = [d for d in found if d.entity_type == "PHONE_NUMBER" and d.start == start]
        assert bool(phones) is whole, before
