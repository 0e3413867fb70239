from __future__ import annotations

import io

import pytest
from faker import Faker

from scanner.extract import extract
from scanner.model import ExtractOutcome, Piece, ScanUnit
from scanner.settings import Settings


def make_unit(name: str, **kw) -> ScanUnit:
    return ScanUnit(location=f"file:///data/{name}", source_type="file", scheme="local",
                    key=f"/data/{name}", **kw)


def run(name: str, data: bytes, **settings) -> tuple[list[Piece], ExtractOutcome]:
    outcome = ExtractOutcome()
    pieces = list(extract(make_unit(name), io.BytesIO(data), Settings(**settings), outcome))
    return pieces, outcome


def by_field(pieces: list[Piece]) -> dict[str | None, list[str]]:
    """Field -> values per unit, rebuilt from pieces (unit index -> line)."""
    out: dict[str | None, dict[int, str]] = {}
    for piece in pieces:
        for k, line in enumerate(piece.text.split("\n")):
            out.setdefault(piece.field, {})[piece.first_unit + k] = line
    return {f: [units.get(i, "") for i in range(max(units) + 1)] for f, units in out.items()}


def owned_text(pieces: list[Piece], original: str) -> str:
    """Check every piece against ``original`` and return the concatenated owned regions.

    Checks: owned regions are contiguous, the overlap text matches its neighbours, first_unit
    is the line number of the piece's first character, and pieces are bounded.
    """
    pos = 0
    parts = []
    for piece in pieces:
        end = len(piece.text) if piece.owned_end is None else piece.owned_end
        start = piece.owned_start
        text_start = pos - start
        assert original[text_start : text_start + len(piece.text)] == piece.text
        assert piece.first_unit == original.count("\n", 0, text_start)
        parts.append(piece.text[start:end])
        pos += end - start
    assert pos == len(original)
    return "".join(parts)


@pytest.fixture
def fake() -> Faker:
    faker = Faker(["da_DK", "sv_SE", "no_NO"])
    faker.seed_instance(1234)
    return faker
