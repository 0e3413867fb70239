"""Table rows with JSON, arrays and a date column that is read but not scanned."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from scanner.extract import extract
from scanner.model import ExtractOutcome, ScanUnit, TableRows
from scanner.settings import Settings

UNIT = ScanUnit(location="postgresql://db/x/shop.t", source_type="sql", scheme="sql", key="shop.t")


def _run(table: TableRows) -> tuple[dict[str | None, list[str]], ExtractOutcome, list]:
    outcome = ExtractOutcome()
    pieces = list(extract(UNIT, table, Settings(), outcome))
    by_field: dict[str | None, list[str]] = {}
    for piece in pieces:
        by_field.setdefault(piece.field, []).extend(piece.text.split("\n"))
    return by_field, outcome, pieces


def test_json_key_paths_are_fields() -> None:
    rows = [
        (1, {"kontakt": {"email": "a@x.dk", "tlf": 12345678}, "tags": ["a", "b"]}),
        (2, json.dumps({"kontakt": {"email": "b@x.dk"}})),  # MariaDB: JSON as text
        (3, None),
        (4, "not json at all"),
        (5, {"jens@x.dk": {"alder": 40}}),  # a key that is data is not a field name
    ]
    table = TableRows(columns=["id", "doc"], batches=iter([rows]), json_columns=("doc",))
    fields, outcome, _ = _run(table)
    assert fields["doc$.kontakt.email"] == ["a@x.dk", "b@x.dk", "", "", ""]
    assert fields["doc$.kontakt.tlf"][0] == "12345678"
    assert fields["doc$.tags[*]"][0] == "a | b"
    assert fields["doc"][3] == "not json at all"
    assert fields["doc$.*~"][4] == "jens@x.dk" and fields["doc$.*.alder"][4] == "40"
    assert outcome.values_per_field["doc$.kontakt.email"] == 2
    assert outcome.values_per_field["id"] == 5 and outcome.units_scanned == 5


def test_arrays_nulls_and_counts() -> None:
    rows = [(["a@x.dk", "b@x.dk"], 1), ([], 2), (None, 3), ([["c@x.dk"], None], 4)]
    table = TableRows(columns=["aliases", "n"], batches=iter([rows[:2], rows[2:]]),
                      skipped_columns=("foto (BYTEA): binary",))
    fields, outcome, _ = _run(table)
    assert fields["aliases"] == ["a@x.dk | b@x.dk", "", "", "c@x.dk"]
    assert outcome.values_per_field == {"aliases": 2, "n": 4}
    assert outcome.skipped_fields == ["foto (BYTEA): binary"]


def test_date_column_after_the_scanned_columns() -> None:
    rows = [("a@x.dk", datetime(2020, 5, 1)), ("b@x.dk", "2021-01-02")]
    table = TableRows(columns=["email"], batches=iter([rows]), date_column="last_contact")
    fields, outcome, pieces = _run(table)
    assert set(fields) == {"email"}  # the date column is read for row age, not scanned
    assert pieces[0].unit_dates == [datetime(2020, 5, 1, tzinfo=UTC),
                                    datetime(2021, 1, 2, tzinfo=UTC)]
    assert outcome.date_column == "last_contact"
