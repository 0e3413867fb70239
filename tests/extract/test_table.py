from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from scanner.extract import extract
from scanner.extract.table import cell, column_cells
from scanner.extract.values import parse_date, render
from scanner.model import ExtractOutcome, ScanUnit, TableRows
from scanner.settings import Settings

UNIT = ScanUnit(location="sqlite:////x.db/main.t", source_type="sql", scheme="sql", key="main.t")


@pytest.mark.parametrize("value,text", [
    (12345678, "12345678"), (12345678.0, "12345678"), (1.5e7, "15000000"), (0.1, "0.1"),
    (1e-7, "0.0000001"), (1e20, "100000000000000000000"), (Decimal("0101901234"), "101901234"),
    (None, ""), (True, ""), (b"\xff\x00", ""), (b"abc", "abc"), ("a\nb", "a b"),
    (float("nan"), ""), (date(2020, 1, 2), "2020-01-02"),
])
def test_render(value, text):
    assert render(value) == text


@pytest.mark.parametrize("value,expected", [
    ("2023-05-01", datetime(2023, 5, 1, tzinfo=UTC)),
    ("2023-05-01 12:30:00", datetime(2023, 5, 1, 12, 30, tzinfo=UTC)),
    ("2023-05-01T12:30:00+02:00", datetime(2023, 5, 1, 10, 30, tzinfo=UTC)),
    ("2023-05-01T12:30:00Z", datetime(2023, 5, 1, 12, 30, tzinfo=UTC)),
    ("01.05.2023", datetime(2023, 5, 1, tzinfo=UTC)),
    ("01-05-2023", datetime(2023, 5, 1, tzinfo=UTC)),
    (datetime(2023, 5, 1, 8), datetime(2023, 5, 1, 8, tzinfo=UTC)),
    (date(2023, 5, 1), datetime(2023, 5, 1, tzinfo=UTC)),
    (1682928000, datetime(2023, 5, 1, 8, tzinfo=UTC)),
    (1682928000000, datetime(2023, 5, 1, 8, tzinfo=UTC)),
    ("not a date", None), ("", None), (None, None), (42, None), (True, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_table_rows_to_pieces_with_dates():
    rows = [(i, f"p{i}@x.dk", None if i == 3 else 20000000 + i, f"2023-01-{i + 1:02d}")
            for i in range(7)]
    rows[5] = (5, "p5@x.dk", 20000005, "garbage")
    table = TableRows(columns=["id", "email", "phone", "created_at"],
                      batches=iter([rows[:4], rows[4:]]), date_column="created_at",
                      sampled=True, total_rows=100)
    outcome = ExtractOutcome()
    pieces = list(extract(UNIT, table, Settings(), outcome))
    phone = [p for p in pieces if p.field == "phone"]
    assert [p.first_unit for p in phone] == [0, 4]
    assert phone[0].text == "20000000\n20000001\n20000002\n"
    assert phone[1].unit_dates == [datetime(2023, 1, 5, tzinfo=UTC), None,
                                   datetime(2023, 1, 7, tzinfo=UTC)]
    assert (outcome.units_scanned, outcome.sampled, outcome.total_units) == (7, True, 100)
    assert outcome.date_column == "created_at"
    assert all(p.cells for p in pieces)  # rows are records: no context from neighbouring rows


def test_rows_are_scanned_as_records_of_their_own():
    """A phone word in one row's note labels nothing in the next row (another customer)."""
    from scanner.pipeline import engine_for

    rows = [(1, "ring på tlf."), (2, "33 12 45 67"), (3, "tlf. 33 12 45 68")]
    table = TableRows(columns=["id", "note"], batches=iter([rows]))
    engine = engine_for(Settings())
    found = [
        (m.unit, m.entity_type)
        for piece in extract(UNIT, table, Settings(), ExtractOutcome())
        for m in engine.scan_piece(piece)
    ]
    assert found == [(2, "PHONE_NUMBER")]


def test_table_read_error_from_source_is_recorded():
    class Boom(Exception):
        error_type = "corrupt_database"
        message = "DatabaseError: database disk image is malformed"

    def batches():
        yield [("a@x.dk",)]
        raise Boom()

    outcome = ExtractOutcome()
    table = TableRows(columns=["email"], batches=batches())
    pieces = list(extract(UNIT, table, Settings(), outcome))
    assert [p.text for p in pieces] == ["a@x.dk"]
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_database")


@pytest.mark.parametrize(
    "values",
    [
        ("a@b.dk", "12 34 56 78", "x"),
        ("a", None, "b"),
        ("line\nbreak", "cr\rhere", "crlf\r\nend"),
        (12345678, None, 0, -5),
        (True, 1, False),
        (1.0, 2, "3", None, b"bytes", Decimal("1.50")),
        ("", "", None),
    ],
)
def test_column_cells_equal_cell_by_cell(values: tuple[object, ...]) -> None:
    """The bulk path for one-type columns gives what ``cell`` gives value by value."""
    assert column_cells(values) == [cell(v) for v in values]
