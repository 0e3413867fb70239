"""Aggregator, collector and writer: counts, masking, merging of ranges, atomic Parquet output."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from scanner.inventory import Aggregator, Collector, UnitResult, totals, write_inventory
from scanner.inventory.aggregate import LocationResult, as_utc
from scanner.inventory.schema import SCHEMA_VERSION, VERSION_KEY
from scanner.model import Match, Piece


def fake_mask(entity: str, value: str) -> str:
    return "*" * (len(value) - 1) + value[-1:]


def _matches(text: str, needle: str, entity: str, score: float = 0.9) -> list[Match]:
    out, pos = [], 0
    while (i := text.find(needle, pos)) >= 0:
        out.append(Match(entity, i, i + len(needle), score, text.count("\n", 0, i)))
        pos = i + 1
    return out


def test_counts_units_scores_and_samples() -> None:
    agg = Aggregator(fake_mask)
    text = "aa X1 X1\nbb\nX2 cc\nX3 X4 X5\n"
    piece = Piece(text=text, field="notes", first_unit=0)
    matches = sorted(
        [m for n in ("X1", "X2", "X3", "X4", "X5") for m in _matches(text, n, "T")],
        key=lambda m: m.start,
    )
    matches[0] = Match("T", matches[0].start, matches[0].end, 0.5, matches[0].unit)
    agg.add(piece, matches)
    [finding] = agg.findings()
    assert (finding.field, finding.entity_type) == ("notes", "T")
    assert finding.match_count == 6
    assert finding.units_with_match == 3  # lines 0, 2, 3
    assert finding.max_score == pytest.approx(0.9)
    assert finding.samples == ["*1", "*2", "*3"]  # distinct masked strings, at most 3


def test_unit_dates_give_oldest_and_newest() -> None:
    agg = Aggregator(fake_mask)
    dates = [datetime(2020, 1, 1), None, datetime(2018, 5, 1, tzinfo=UTC), datetime(2023, 2, 3)]
    piece = Piece(text="V\nV\nx\nV", field="email", first_unit=100, unit_dates=dates)
    agg.add(piece, [Match("E", 0, 1, 1.0, 100), Match("E", 2, 3, 1.0, 101),
                    Match("E", 6, 7, 1.0, 103)])
    [f] = agg.findings()
    assert f.oldest == datetime(2020, 1, 1, tzinfo=UTC)
    assert f.newest == datetime(2023, 2, 3, tzinfo=UTC)


def test_as_utc_accepts_strings_dates_and_rejects_junk() -> None:
    assert as_utc("2021-03-04 05:06:07") == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert as_utc("not a date") is None
    assert as_utc(12) is None


def test_aggregator_never_keeps_raw_values() -> None:
    agg = Aggregator(lambda e, v: "<masked>")
    agg.add(Piece(text="secret-0101901234"), [Match("DK_CPR", 7, 17, 1.0, 0)])
    [f] = agg.findings()
    assert "0101901234" not in repr(f)


def _result(loc: str, count: int, units: int, status: str = "ok", nbytes: int = 10,
            samples: tuple[str, ...] = ("a",)) -> UnitResult:
    agg = Aggregator(fake_mask)
    res = UnitResult(LocationResult(loc, "file", status, bytes=nbytes, units_scanned=units), [])
    if count:
        text = "\n".join(["AB"] * count)
        agg.add(Piece(text=text), _matches(text, "AB", "EMAIL_ADDRESS"))
        res.findings = agg.findings()
        res.findings[0].samples = list(samples)
    return res


def test_ranges_of_one_location_merge() -> None:
    col = Collector()
    for _ in range(3):
        col.expect("file:///big.log")
    col.add(_result("file:///big.log", 2, 5, samples=("a", "b")))
    col.add(_result("file:///big.log", 3, 7, status="error", samples=("b", "c", "d")))
    col.add(_result("file:///big.log", 0, 1))
    [res] = col.results()
    assert res.location.units_scanned == 13
    assert res.location.bytes == 30
    assert res.location.status == "error"
    [f] = res.findings
    assert (f.match_count, f.units_with_match) == (5, 5)
    assert f.samples == ["a", "b", "c"]


def test_missing_ranges_mark_location_interrupted() -> None:
    col = Collector()
    col.expect("file:///big.log")
    col.expect("file:///big.log")
    col.add(_result("file:///big.log", 1, 1))
    [res] = col.results()
    assert (res.location.status, res.location.error_type) == ("error", "interrupted")


def test_totals() -> None:
    results = [_result("file:///a", 2, 2), _result("file:///b", 0, 1, status="skipped"),
               _result("file:///c", 0, 0, status="error")]
    t = totals(results, 2.0)
    assert t["locations_by_status"] == {"ok": 1, "error": 1, "skipped": 1}
    assert t["locations_with_findings"] == 1
    assert t["matches_by_entity"] == {"EMAIL_ADDRESS": 2}
    assert t["bytes"] == 20 and t["mb_per_s"] == pytest.approx(20 / 1e6 / 2, abs=1e-3)


def test_writer_output_is_readable_versioned_and_atomic(tmp_path) -> None:
    out = tmp_path / "inv"
    results = [_result("file:///a.csv", 2, 2), _result("file:///b.txt", 0, 3)]
    results[0].location.last_modified = datetime(2024, 1, 2, tzinfo=UTC)
    write_inventory(out, "scan-1", results, {"scan_id": "scan-1", "status": "complete"})
    findings = ds.dataset(out / "findings").to_table()
    assert findings.num_rows == 1
    row = findings.to_pylist()[0]
    assert row["location"] == "file:///a.csv" and row["match_count"] == 2
    assert row["last_modified"] == datetime(2024, 1, 2, tzinfo=UTC)
    assert str(findings.schema.field("last_modified").type) == "timestamp[us, tz=UTC]"
    assert str(findings.schema.field("samples_masked").type) == "list<element: string>"
    locations = ds.dataset(out / "locations").to_table()
    assert sorted(locations.column("location").to_pylist()) == ["file:///a.csv", "file:///b.txt"]
    meta = pq.read_schema(next((out / "findings").glob("*.parquet"))).metadata
    assert meta[VERSION_KEY] == SCHEMA_VERSION.encode()
    # A second scan replaces the first one whole; no temp directories are left behind.
    write_inventory(out, "scan-2", [], {"scan_id": "scan-2", "status": "complete"})
    assert ds.dataset(out / "findings").to_table().num_rows == 0
    assert json.loads((out / "scan.json").read_text())["scan_id"] == "scan-2"
    assert sorted(p.name for p in out.iterdir()) == ["findings", "locations", "scan.json"]


def test_killed_write_never_looks_complete(tmp_path, monkeypatch) -> None:
    out = tmp_path / "inv"
    write_inventory(out, "old", [_result("file:///a", 1, 1)], {"scan_id": "old"})
    import scanner.inventory.writer as writer

    real_replace = writer.os.replace
    calls = []

    def dying_replace(src, dst):
        calls.append(dst)
        if str(dst).endswith("findings") and "old" not in str(dst) and len(calls) > 3:
            raise KeyboardInterrupt  # killed in the middle of the swap
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        write_inventory(out, "new", [], {"scan_id": "new"})
    assert not (out / "scan.json").exists()  # the half-swapped inventory does not look complete
