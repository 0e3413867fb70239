"""Parquet: each column a field (struct paths, lists), batches, sampling, record dates."""

from __future__ import annotations

import datetime
import io

import pyarrow as pa
import pyarrow.parquet as pq

from tests.extract.conftest import by_field, run


def parquet_bytes(table: pa.Table, row_group_size: int | None = None) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out, row_group_size=row_group_size)
    return out.getvalue()


TABLE = pa.table({
    "cpr": ["0101901234", None, "0202902345"],
    "telefon": pa.array([12345678, 23456789, 34567890], pa.int64()),
    "kunde": [{"kontakt": {"email": "a@example.dk"}}, {"kontakt": {"email": "b@example.dk"}},
              {"kontakt": None}],
    "emails": [["x@example.dk", "y@example.dk"], [], None],
    "beløb": [1.5, 12345678.0, None],
    "created_at": [datetime.datetime(2020, 1, 1), datetime.datetime(2021, 6, 1), None],
})


def test_columns_are_fields_structs_flattened_lists_joined() -> None:
    pieces, outcome = run("k.parquet", parquet_bytes(TABLE, row_group_size=2), csv_batch_rows=2)
    fields = by_field(pieces)
    assert fields["cpr"] == ["0101901234", "", "0202902345"]
    assert fields["telefon"] == ["12345678", "23456789", "34567890"]  # digits, never 1.2E7
    assert fields["kunde.kontakt.email"] == ["a@example.dk", "b@example.dk"]
    assert fields["emails[*]"] == ["x@example.dk | y@example.dk", ""]
    assert fields["beløb"] == ["1.5", "12345678"]
    assert outcome.units_scanned == 3 and outcome.total_units == 3 and not outcome.sampled
    assert outcome.date_column == "created_at"
    dated = next(p for p in pieces if p.field == "cpr" and p.first_unit == 0)
    assert dated.unit_dates is not None and dated.unit_dates[1].year == 2021
    assert all(p.cells for p in pieces)  # rows are records: detected one cell at a time


def test_sampling_and_full() -> None:
    table = pa.table({"telefon": [f"1234{i:04d}" for i in range(50)]})
    data = parquet_bytes(table, row_group_size=7)
    pieces, outcome = run("s.parquet", data, sample_rows=10, csv_batch_rows=4)
    assert len(by_field(pieces)["telefon"]) == 10
    assert outcome.units_scanned == 10 and outcome.sampled
    _, outcome = run("s.parquet", data, sample_rows=10, full=True)
    assert outcome.units_scanned == 50 and not outcome.sampled


def test_corrupt_parquet() -> None:
    data = parquet_bytes(TABLE)
    for bad in (data[: len(data) // 2], b"PAR1" + b"\x00" * 100):
        pieces, outcome = run("bad.parquet", bad)
        assert (outcome.status, outcome.error_type) == ("error", "corrupt_parquet")
        assert not pieces
