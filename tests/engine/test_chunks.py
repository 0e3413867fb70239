"""Window edges, piece ownership and unit (line) numbers."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from recognizers.reference import detect
from scanner.engine import Engine
from scanner.engine.core import line_numbers
from scanner.engine.prefilter import hyperscan_available
from scanner.model import Piece
from scanner.settings import load_settings
from tests.engine.toys import fuzz_text, toys

TOYS = toys()
SETTINGS = load_settings()
CHUNK = 32
PREFILTERS = ("hyperscan", "re") if hyperscan_available() else ("re",)


@pytest.mark.parametrize("prefilter", PREFILTERS)
@pytest.mark.parametrize("edge", [CHUNK, 2 * CHUNK, 5 * CHUNK])
def test_identifier_across_every_edge_offset(prefilter: str, edge: int) -> None:
    chunked = Engine(replace(SETTINGS, prefilter=prefilter, chunk_chars=CHUNK), TOYS)
    whole = Engine(replace(SETTINGS, prefilter=prefilter, chunk_chars=10**9), TOYS)
    value = " kode 12-36"  # context word + a separated Check4 value (score 0.9 with context)
    for start in range(edge - len(value) - 3, edge + 3):
        text = ("y " * start)[:start] + value + " and more filler " * 4
        found = chunked.scan_text(text)
        assert found == whole.scan_text(text) == detect(text, None, TOYS)
        assert [(d.entity_type, d.start, d.end, d.score) for d in found] == [
            ("TOY_CHECK4", start + 6, start + len(value), 0.9)
        ], f"planted at {start}"


@pytest.mark.parametrize("prefilter", PREFILTERS)
def test_random_texts_with_every_window_size(prefilter: str) -> None:
    rng = random.Random(7)
    texts = [fuzz_text(rng, 60) for _ in range(20)]
    for chunk in (1, 2, 3, 5, 11, 17, 64):
        engine = Engine(replace(SETTINGS, prefilter=prefilter, chunk_chars=chunk), TOYS)
        for text in texts:
            assert engine.detect(text) == detect(text, None, TOYS), (chunk, text)


def test_units_are_lines_of_the_piece() -> None:
    engine = Engine(replace(SETTINGS, chunk_chars=40), TOYS)
    rows = ["nothing here", "kode 1236", "", "foo 9999 bar 1236", "ÆØÅ€ 12-36", "1236"]
    piece = Piece(text="\n".join(rows), field="col", first_unit=1000)
    got = [(m.unit, piece.text[m.start : m.end]) for m in engine.scan_piece(piece)]
    assert got == [(1001, "1236"), (1003, "1236"), (1004, "12-36"), (1005, "1236")]


def test_line_numbers_match_naive_count() -> None:
    rng = random.Random(3)
    text = fuzz_text(rng, 2000)
    starts = sorted(rng.sample(range(len(text)), 300))
    assert line_numbers(text, starts) == [text.count("\n", 0, s) for s in starts]


def test_many_short_rows_units() -> None:
    engine = Engine(SETTINGS, TOYS)
    rows = ["row " + "ab" * (i % 5) if i % 7 else "1236" for i in range(2000)]
    matches = engine.scan_piece(Piece(text="\n".join(rows), first_unit=5))
    assert [m.unit for m in matches] == [5 + i for i in range(2000) if i % 7 == 0]


def _pieces(text: str, size: int, overlap: int) -> list[tuple[Piece, int]]:
    """Split like an extractor would: owned ranges of ``size`` with ``overlap`` on each side."""
    out = []
    for low in range(0, len(text), size):
        start = max(0, low - overlap)
        end = min(len(text), low + size + overlap)
        piece = Piece(
            text=text[start:end],
            first_unit=text.count("\n", 0, start),
            owned_start=low - start,
            owned_end=min(len(text), low + size) - start,
        )
        out.append((piece, start))
    return out


@pytest.mark.parametrize("size", [50, 97, 400])
def test_pieces_with_overlap_find_each_match_once(size: int) -> None:
    engine = Engine(SETTINGS, TOYS)
    rng = random.Random(size)
    text = "\n".join(fuzz_text(rng, 8) for _ in range(150))
    expected = [
        (d.entity_type, d.start, d.end, d.score, text.count("\n", 0, d.start))
        for d in engine.scan_text(text)
    ]
    got = []
    for piece, offset in _pieces(text, size, engine.overlap_chars):
        for m in engine.scan_piece(piece):
            assert piece.owned_start <= m.start < piece.owned_end
            got.append((m.entity_type, m.start + offset, m.end + offset, m.score, m.unit))
    assert sorted(got) == sorted(expected)


def test_owned_end_none_means_end_of_text() -> None:
    engine = Engine(SETTINGS, TOYS)
    piece = Piece(text="1236 x 1236", owned_start=1)
    assert [m.start for m in engine.scan_piece(piece)] == [7]


def test_pieces_with_overlap_real_recognisers() -> None:
    from tests.engine.helpers import real_recognizers, realistic_text

    real_recognizers()  # skips while the real recognisers are incomplete
    engine = Engine(SETTINGS)
    rng = random.Random(11)
    text = "\n".join(realistic_text(rng, 12) for _ in range(300))
    expected = [
        (d.entity_type, d.start, d.end, d.score, text.count("\n", 0, d.start))
        for d in engine.scan_text(text)
    ]
    assert len(expected) > 100
    for size in (500, 1733):
        got = []
        for piece, offset in _pieces(text, size, engine.overlap_chars):
            got += [
                (m.entity_type, m.start + offset, m.end + offset, m.score, m.unit)
                for m in engine.scan_piece(piece)
            ]
        assert sorted(got) == sorted(expected)
