"""Cell pieces (``Piece.cells``): every line is detected as a text of its own.

The engine scans a column batch as one text, for speed; with ``cells`` its result must equal the
reference detector run on each line alone, at that line's offset. This holds only if no shape
matches across a line end and no boundary rule reads past one: the fuzz below checks both on the
real recognisers with lines built to put identifiers, labels and separators at line edges.
"""

from __future__ import annotations

import random

import pytest

from recognizers.base import Detection
from recognizers.reference import detect
from scanner.engine import Engine
from scanner.model import Piece
from scanner.settings import load_settings
from tests.engine.helpers import identifier, real_recognizers, realistic_text

FIELDS = (None, "telefon", "cpr", "email", "note", "ordrenr", "kunde$.kontakt.tlf")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_settings())


def per_line(text: str, field: str | None) -> list[Detection]:
    """The reference on each line alone, shifted to the line's offset in ``text``."""
    out: list[Detection] = []
    offset = 0
    for line in text.split("\n"):
        out += [
            Detection(d.entity_type, d.start + offset, d.end + offset, d.score)
            for d in detect(line, field, real_recognizers())
        ]
        offset += len(line) + 1
    return out


def cell(rng: random.Random) -> str:
    """One cell: a bare identifier, a labelled one, or a few words with identifiers."""
    kind = rng.randrange(5)
    if kind == 4:  # a fragment that would glue to, or label, a number on the next line
        return rng.choice(("12", "12 ", "12-", "0151", "(030)", "DK50 0040", "+45", "kr.", "tlf",
                           "4111 1111", "10.0.0", "anna@", "1:2:3", "010190-", "Telefon:", " "))
    if kind == 0:
        return identifier(rng)
    if kind == 1:
        label = rng.choice(("tlf.", "CPR-nr.", "Ordre nr.", "kr.", "mobil:", "IBAN", "", "(030)"))
        return f"{label} {identifier(rng)}".strip()
    if kind == 2:
        return f"{identifier(rng)} {rng.choice(('DKK', 'kr', '12/25', '2100', 'tlf', ''))}"
    return realistic_text(rng, rng.randint(1, 12)).replace("\n", " ")


@pytest.mark.parametrize("seed", range(0, 300, 30))
def test_cells_equal_reference_per_line(engine: Engine, seed: int) -> None:
    for s in range(seed, seed + 30):
        rng = random.Random(s)
        text = "\n".join(cell(rng) for _ in range(rng.randint(1, 25)))
        field = rng.choice(FIELDS)
        assert engine.detect(text, field, cells=True) == per_line(text, field), repr(text)


def test_neighbouring_rows_give_no_context(engine: Engine) -> None:
    """A label in the row above labels nothing: rows are other records."""
    labelled = "tlf. 33 12 45 67\nTelefon:\n33 12 45 68"
    found = engine.detect(labelled, "note", cells=True)
    assert [(d.start, d.end) for d in found] == [(5, 16)]
    # The same text as running text (a form laid out vertically): the label above counts.
    assert [(d.start, d.end) for d in engine.detect(labelled, "note")] == [(5, 16), (26, 37)]


def test_a_value_scores_the_same_whatever_its_neighbours(engine: Engine) -> None:
    value = "0101901233"  # no phone or ID word in the column name: the score is the value's own
    alone = engine.detect(value, "kode", cells=True)
    for above in ("CPR-nr. 1111111118", "Ordre nr. 12345", "", "fødselsdag og personnummer"):
        found = engine.detect(f"{above}\n{value}", "kode", cells=True)
        mine = [d for d in found if d.start == len(above) + 1]
        assert [(d.entity_type, d.score) for d in mine] == [
            (d.entity_type, d.score) for d in alone
        ], above


def test_scan_piece_reads_cells(engine: Engine) -> None:
    text = "ring på tlf.\n33 12 45 67"
    as_cells = engine.scan_piece(Piece(text=text, field="note", cells=True))
    as_text = engine.scan_piece(Piece(text=text, field="note"))
    assert as_cells == [] and [m.unit for m in as_text] == [1]
