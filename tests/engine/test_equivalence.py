"""Hyperscan and ``re`` prefilters, whole texts and tiny windows: all equal the reference."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from recognizers.reference import detect
from scanner.engine import Engine
from scanner.settings import load_settings
from tests.engine.helpers import (
    real_recognizers,
    realistic_text,
    variants,
)
from tests.engine.toys import fuzz_text, hard_toys, mail_text, toys
from tests.recognizers.test_cases import CASES

MIN_SCORE = load_settings().min_score
TOYS = toys()
TOY_ENGINES = variants(TOYS, hyperscan=True)
FIELDS = (None, "secret_code", "kode", "customerSecret", "ordre")


def _assert_all_equal(engines, text, field, recognizers):
    expected = detect(text, field, recognizers)
    reported = [d for d in expected if d.score >= MIN_SCORE]
    for name, engine in engines.items():
        assert engine.detect(text, field) == expected, f"{name} differs on {text!r}"
        assert engine.scan_text(text, field) == reported, f"{name} scan_text differs"


@pytest.mark.parametrize("seed", range(0, 400, 20))
def test_toy_fuzz(seed: int) -> None:
    for s in range(seed, seed + 20):
        rng = random.Random(s)
        text = fuzz_text(rng, rng.randint(0, 120))
        _assert_all_equal(TOY_ENGINES, text, rng.choice(FIELDS), TOYS)


def test_toy_fuzz_long_text() -> None:
    rng = random.Random(20240601)
    text = fuzz_text(rng, 20_000)
    _assert_all_equal(TOY_ENGINES, text, None, TOYS)


def test_hyperscan_compiles_every_toy_shape() -> None:
    engine = TOY_ENGINES["hyperscan"]
    engine.scan_text("warm-up")
    assert engine._hs is not None and engine._hs.unscanned == ()


# --- the real recognisers -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_engines():
    recognizers = real_recognizers()
    return variants(None), recognizers


@pytest.mark.parametrize(
    ("entity", "kind", "case"), CASES, ids=[f"{e}-{k}-{c['id']}" for e, k, c in CASES]
)
def test_case_files(real_engines, entity: str, kind: str, case: dict) -> None:
    engines, recognizers = real_engines
    _assert_all_equal(engines, case["text"], case.get("field"), recognizers)


@pytest.mark.parametrize("seed", range(0, 200, 20))
def test_real_fuzz(real_engines, seed: int) -> None:
    engines, recognizers = real_engines
    for s in range(seed, seed + 20):
        rng = random.Random(s)
        text = realistic_text(rng, rng.randint(1, 60))
        field = rng.choice((None, "cpr", "telefon", "customerPhone", "ordrenr", "notes"))
        _assert_all_equal(engines, text, field, recognizers)


def test_hyperscan_compiles_every_real_shape() -> None:
    engine = Engine(replace(load_settings(), prefilter="hyperscan"))
    engine.scan_text("warm-up")
    assert engine._hs is not None and engine._hs.unscanned == ()


def test_real_shapes_are_bounded() -> None:
    """Window and piece overlap is sized from the longest possible candidate: it must exist.

    The engine takes the larger of ``MAX_LENGTH`` and each shape's finite width, so a shape
    wider than its ``MAX_LENGTH`` is safe; an unbounded shape (``+``, ``*``, ``{n,}``) is not: a
    candidate longer than the overlap could be cut at a window edge.
    """
    from recognizers.reference import compiled_shapes
    from scanner.engine.prefilter import shape_width

    unbounded = [
        (type(rec).__name__, rx.pattern)
        for rec in real_recognizers()
        for rx in compiled_shapes(type(rec))
        if shape_width(rx.pattern) is None
    ]
    assert not unbounded, f"unbounded shapes (use {{0,N}} instead of + / *): {unbounded}"


def test_hyperscan_fallback_modes_equal_reference() -> None:
    recognizers = hard_toys()
    engines = variants(recognizers, hyperscan=True)
    hs = engines["hyperscan"]
    hs.scan_text("warm-up")
    assert hs._hs is not None
    names = {i: type(recognizers[s.recognizer]).__name__ for i, s in enumerate(hs._shapes)}
    assert [names[i] for i in hs._hs.end_only] == ["BigMail"]
    assert [names[i] for i in hs._hs.unscanned] == ["Bang"]
    for seed in range(150):
        rng = random.Random(seed)
        _assert_all_equal(engines, mail_text(rng, rng.randint(1, 50)), None, recognizers)
