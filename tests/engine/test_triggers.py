"""The trigger prefilter's regions hold every match of every shape (its whole contract).

One exception is allowed: a match just after a character its recogniser always rejects on the
left (``Shape.left_rejected``, from the recogniser's ``rejected_neighbours``) can never be a
candidate, so a trigger may leave it out.
"""

from __future__ import annotations

import random
import re

import pytest

from recognizers.context import _WORD, words
from scanner.engine.prefilter import shapes_of
from scanner.engine.triggers import _SIGNATURE, TriggerPrefilter
from tests.engine.helpers import real_recognizers, realistic_text
from tests.engine.toys import toys

# Characters that make shapes match, nearly match and break: digits, every separator the number
# shapes use, letters the IBAN/HETU/IPv6 shapes use, and the anchors.
_ALPHABET = "0123456789" * 6 + " .-+/()" * 3 + ":@_%xXaAfFkKdDsEeY" + "\n,;#æ€日"


def _every_match(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Every (start, end) where the shape matches, at every start (not only leftmost)."""
    out = []
    for start in range(len(text)):
        m = rx.match(text, start)
        if m is not None:
            out.append(m.span())
    return out


def _contained(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def _noise(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(n))


@pytest.mark.parametrize("seed", range(12))
def test_regions_hold_every_match_of_real_shapes(seed: int) -> None:
    shapes = shapes_of(real_recognizers())
    prefilter = TriggerPrefilter(shapes)
    rng = random.Random(seed)
    for _ in range(40):
        text = _noise(rng, rng.randint(1, 80)) + realistic_text(rng, 6) + _noise(rng, 40)
        found, groups = prefilter.scan(text)
        for selection, items in groups:
            for i in selection:
                found.setdefault(i, []).extend((s, s + len(key)) for s, key in items)
        for i, shape in enumerate(shapes):
            if i in prefilter.unscanned:
                continue
            for span in _every_match(shape.rx, text):
                start = span[0]
                glued = start > 0 and text[start - 1] in shape.left_rejected
                if not glued:
                    assert _contained(span, found.get(i, [])), (i, shape.rx.pattern, text, span)


def test_glued_letter_hits_are_skipped_and_free_ones_kept() -> None:
    """The IBAN trigger skips letter pairs inside a word, never one after a space."""
    shapes = shapes_of(real_recognizers())
    prefilter = TriggerPrefilter(shapes)
    iban = [i for i, s in enumerate(shapes) if prefilter.family[i][0] == "letters"]
    assert iban
    text = "kunde12@firma45.dk DK50 0040 0440 1162 43"
    found, _ = prefilter.scan(text)
    for i in iban:
        starts = [s for s, _ in found.get(i, [])]
        assert text.index("DK50") in starts
        assert text.index("de12") not in starts and text.index("ma45") not in starts


def test_number_runs_glued_to_letters_start_where_a_match_could() -> None:
    """``kunde123456`` holds no number candidate; ``ref 12 345678`` one after the space."""
    shapes = shapes_of(real_recognizers())
    prefilter = TriggerPrefilter(shapes)
    text = "kunde123456789@firma.dk INV2023001234 ref12 345678 tlf 33124567"
    found, groups = prefilter.scan(text)
    starts = {s for spans in found.values() for s, _ in spans}
    starts |= {s for _, items in groups for s, _ in items}
    assert text.index("33124567") in starts and text.index("ref12 345678") + 6 in starts
    for glued in ("123456789", "2023001234", "12 345678"):
        assert text.index(glued) not in starts, glued


def test_every_real_shape_has_a_trigger_family() -> None:
    prefilter = TriggerPrefilter(shapes_of(real_recognizers()))
    assert prefilter.unscanned == ()


def test_run_walked_shapes_match_the_same_on_signatures() -> None:
    shapes = shapes_of(real_recognizers())
    prefilter = TriggerPrefilter(shapes)
    rng = random.Random(5)
    for _ in range(300):
        run = "".join(rng.choice("0123456789 .-+/()") for _ in range(rng.randint(5, 30)))
        key = run.translate(_SIGNATURE)
        for i in prefilter.run_walked:
            rx = shapes[i].rx
            for pos in range(len(run)):
                got, want = rx.search(key, pos), rx.search(run, pos)
                assert (got and got.span()) == (want and want.span()), (rx.pattern, run, pos)


def test_toy_shapes_fall_back_to_whole_text_when_no_family_fits() -> None:
    prefilter = TriggerPrefilter(shapes_of(toys()))
    assert set(prefilter.family) == set(range(len(prefilter.shapes)))


def test_latin1_words_equal_the_unicode_tokeniser() -> None:
    rng = random.Random(1)
    chars = [chr(c) for c in range(256)] + ["Ω", "日", "ſ", "K"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 60)))
        assert words.__wrapped__(text) == tuple(_WORD.findall(text.lower())), repr(text)
