"""The engine's public surface: backends, filters, pickling, offsets under non-Latin-1 text."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from scanner.engine import Engine
from scanner.engine.prefilter import hyperscan_available
from scanner.model import Piece
from scanner.settings import load_settings
from tests.engine.toys import Check4, toys

TOYS = toys()
SETTINGS = load_settings()


def test_backend_choice() -> None:
    assert Engine(replace(SETTINGS, prefilter="re"), TOYS).backend == "re"
    assert Engine(replace(SETTINGS, prefilter="auto"), TOYS).backend == "re"
    with pytest.raises(ValueError, match="prefilter"):
        Engine(replace(SETTINGS, prefilter="pcre"), TOYS)


def test_pickle_round_trip_compiles_lazily() -> None:
    engine = Engine(replace(SETTINGS, prefilter="hyperscan"), TOYS)
    text = "kode 1236 and foox"
    before = engine.scan_text(text)
    blob = pickle.dumps(engine)
    assert len(blob) < 10_000
    clone = pickle.loads(blob)
    assert clone._hs is not None and clone._hs._db is None  # compiled on first use
    assert clone.scan_text(text) == before
    assert clone.backend == "hyperscan"


def test_recognizer_lookup() -> None:
    engine = Engine(SETTINGS, TOYS)
    assert isinstance(engine.recognizer("TOY_CHECK4"), Check4)
    with pytest.raises(KeyError):
        engine.recognizer("NOPE")


def test_threshold_and_only_filters() -> None:
    text = "1236 foox"  # Check4 at 0.5, Word at 0.58
    assert {d.entity_type for d in Engine(SETTINGS, TOYS).scan_text(text)} == {
        "TOY_CHECK4", "TOY_WORD",
    }
    strict = Engine(replace(SETTINGS, entity_min_score={"TOY_CHECK4": 0.6}), TOYS)
    assert [d.entity_type for d in strict.scan_text(text)] == ["TOY_WORD"]
    only = Engine(replace(SETTINGS, only=("TOY_WORD",)), TOYS)
    assert [d.entity_type for d in only.scan_text(text)] == ["TOY_WORD"]
    assert [m.entity_type for m in only.scan_piece(Piece(text))] == ["TOY_WORD"]


def test_only_filters_after_overlap_resolution() -> None:
    # "12 34 56 78" is a Check8 (0.5); "12 34" inside it would be a Check4 (0.5, shorter): it
    # loses the overlap and must not reappear when only Check4 is asked for.
    text = "12 34 56 78"
    assert [d.entity_type for d in Engine(SETTINGS, TOYS).scan_text(text)] == ["TOY_CHECK8"]
    only = Engine(replace(SETTINGS, only=("TOY_CHECK4",)), TOYS)
    assert only.scan_text(text) == []


@pytest.mark.parametrize("prefilter", ["hyperscan", "re"])
def test_offsets_under_non_latin1_text(prefilter: str) -> None:
    engine = Engine(replace(SETTINGS, prefilter=prefilter), TOYS)
    text = "中文😀 kode: 1236 <€> {日本} ÿ\u2028foox"
    got = [(d.entity_type, text[d.start : d.end]) for d in engine.scan_text(text)]
    assert got == [
        ("TOY_CHECK4", "1236"), ("TOY_BRACKET", "<€>"), ("TOY_BRACKET", "{日本}"),
        ("TOY_WORD", "foox"),
    ]


def test_empty_text() -> None:
    engine = Engine(SETTINGS, TOYS)
    assert engine.scan_text("") == []
    assert engine.scan_piece(Piece("")) == []


def test_hyperscan_wheel_is_installed_where_it_exists() -> None:
    """Hyperscan is a dependency on x86_64/aarch64: a missing wheel must fail here, not skip."""
    import platform

    if platform.machine() in ("x86_64", "aarch64"):
        assert hyperscan_available()
