"""End to end through the real CLI: a generated estate with planted truth -> Parquet inventory.

Precision and recall are measured per entity type at count level: for every (location, field,
entity_type) the inventory's ``match_count`` is compared with the number of values planted there,
so a value found under the wrong field or file counts as both a miss and a false positive.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from recognizers.registry import entity_names
from scanner.demo import Truth, estate_uris
from tests.estate import (
    CliResult,
    found_counts,
    mismatches,
    read_findings,
    read_locations,
    relative,
    run_cli,
    score,
)

_VOLATILE = {"scan_id", "duration_s"}


def _rows_by_key(out: Path, root: Path) -> dict[tuple[str, str | None, str], dict]:
    return {(relative(r["location"], root), r["field"], r["entity_type"]): r
            for r in read_findings(out)}


def _stable(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k not in _VOLATILE))
                  for r in rows)


def test_exit_code_and_summary(e2e_scan: tuple[Path, CliResult]) -> None:
    out, result = e2e_scan
    assert result.code == 0, result.err
    assert "Locations: 14 visited: 13 scanned" in result.out
    assert "1 skipped" in result.out and "0 failed" in result.out
    assert str(out) in result.out
    scan = json.loads((out / "scan.json").read_text())
    assert scan["status"] == "complete"
    assert scan["totals"]["locations_by_status"] == {"ok": 13, "error": 0, "skipped": 1}


def test_precision_and_recall_per_type(estate: tuple[Path, Truth],
                                       e2e_scan: tuple[Path, CliResult]) -> None:
    root, truth = estate
    found = found_counts(read_findings(e2e_scan[0]), root)
    scores = score(found, truth.counts)
    assert set(truth.by_entity()) == set(entity_names())  # every type is planted ...
    assert min(truth.by_entity().values()) >= 100  # ... often enough for 0.99 to mean something
    hard_negatives = ("cvr", "orgnr", "order", "cpr_shaped", "tracking", "masked", "ms_ts", "iso",
                      "uuid", "ua", "oid", "mac", "retina", "ean", "version", "postcode")
    assert all(truth.negatives[kind] >= 10 for kind in hard_negatives), truth.negatives
    bad = {e: (round(s.precision, 4), round(s.recall, 4)) for e, s in scores.items()
           if s.precision < 0.99 or s.recall < 0.99}
    assert not bad, (bad, mismatches(found, truth.counts)[:20])


def test_attribution_to_location_and_field(estate: tuple[Path, Truth],
                                           e2e_scan: tuple[Path, CliResult]) -> None:
    root, truth = estate
    rows = _rows_by_key(e2e_scan[0], root)
    dk = "files/crm/kunder_dk.csv"
    assert rows[(dk, "cpr", "DK_CPR")]["match_count"] == truth.counts[(dk, "cpr", "DK_CPR")]
    assert rows[(dk, "telefon", "PHONE_NUMBER")]["units_with_match"] == 160
    fields_dk = {f for (loc, f, _) in rows if loc == dk}
    assert fields_dk == {"cpr", "email", "telefon", "iban"}  # not cvr, ordrenr, oprettet
    no = "files/hr/ansatte_no.json"
    assert (no, "$.ansatte[*].fodselsnummer", "NO_FODSELSNUMMER") in rows
    assert (no, "$.ansatte[*].kontakt.mobil", "PHONE_NUMBER") in rows
    fi = "files/hr/henkilot_fi.jsonl"
    assert rows[(fi, "$.henkilotunnus", "FI_HETU")]["match_count"] == 160
    gz = "files/web/access-2024-04.log.gz"
    assert rows[(gz, None, "IP_ADDRESS")]["match_count"] == truth.counts[(gz, None, "IP_ADDRESS")]
    notes = rows[("files/support/notes.txt", None, "DK_CPR")]
    assert notes["units_scanned"] > notes["units_with_match"] > 0
    assert all(r["source_type"] == "file" for (loc, _, _), r in rows.items()
               if loc.startswith("files/"))


def test_sqlite_tables(estate: tuple[Path, Truth], e2e_scan: tuple[Path, CliResult]) -> None:
    root, truth = estate
    rows = _rows_by_key(e2e_scan[0], root)
    customers = "app.db/main.customers"
    phone = rows[(customers, "phone", "PHONE_NUMBER")]  # an INTEGER column
    assert phone["match_count"] == 160 and phone["units_with_match"] == 160
    assert phone["source_type"] == "sql"
    assert not any(loc == customers and f == "cvr" for (loc, f, _) in rows)  # INTEGER, not phones
    assert not any(f in ("invoice_no", "card_masked", "tracking_no", "order_no")
                   for (_, f, _) in rows)
    email = rows[(customers, "email", "EMAIL_ADDRESS")]
    counts = (email["match_count"], email["units_with_match"], email["units_scanned"])
    assert counts == (128, 128, 128)  # units_scanned of a column: its non-NULL values (32 NULL)
    for key in [(customers, "email", "EMAIL_ADDRESS"), (customers, "cpr", "DK_CPR"),
                ("app.db/main.contact_form", "message", "PHONE_NUMBER"),
                ("app.db/main.orders", "card_number", "CREDIT_CARD")]:
        oldest, newest = truth.dates[key]
        assert (rows[key]["oldest_record"], rows[key]["newest_record"]) == (oldest, newest), key
    assert rows[(customers, "cpr", "DK_CPR")]["date_column"] == "last_contact"
    assert rows[("files/crm/kunder_dk.csv", "cpr", "DK_CPR")]["oldest_record"] is None
    location = next(r for r in read_locations(e2e_scan[0]).values()
                    if r["location"].endswith("/main.customers"))
    assert location["location"] == f"sqlite:///{root.absolute()}/app.db/main.customers"


def test_locations_and_samples(estate: tuple[Path, Truth],
                               e2e_scan: tuple[Path, CliResult]) -> None:
    root, truth = estate
    locations = {relative(k, root): v for k, v in read_locations(e2e_scan[0]).items()}
    assert locations["files/misc/logo.png"]["status"] == "skipped"
    assert locations["files/misc/logo.png"]["error_type"] == "binary"
    assert locations["files/misc/README.md"]["status"] == "ok"  # visited, nothing found
    assert locations["files/crm/kunder_dk.csv"]["units_scanned"] == 160
    assert locations["files/crm/kunder_dk.csv"]["bytes"] == (root / "files/crm/kunder_dk.csv"
                                                             ).stat().st_size
    planted = set(truth.values)
    for row in read_findings(e2e_scan[0]):
        assert 1 <= len(row["samples_masked"]) <= 3
        assert len(set(row["samples_masked"])) == len(row["samples_masked"])
        assert not planted.intersection(row["samples_masked"])
        assert row["last_modified"] is not None and row["last_modified"].tzinfo is not None


def _scan(root: Path, out: Path, *flags: str) -> tuple[CliResult, list[dict]]:
    result = run_cli("scan", *estate_uris(root), "--out", str(out), *flags)
    assert result.code == 0, result.err
    return result, read_findings(out)


def test_workers_two_equal_one(estate, e2e_scan, tmp_path) -> None:
    _, rows2 = _scan(estate[0], tmp_path / "w2", "--workers", "2")
    assert _stable(rows2) == _stable(read_findings(e2e_scan[0]))


def test_split_ranges_of_a_big_file_merge_into_one_location(estate, tmp_path) -> None:
    root, truth = estate
    config = tmp_path / "small-split.yaml"
    config.write_text("split_bytes: 8192\n")
    _, rows = _scan(root, tmp_path / "split", "--workers", "2", "--config", str(config))
    found = found_counts(rows, root)
    log = "files/web/access.log"
    assert (root / "files/web/access.log").stat().st_size > 4 * 8192
    for entity in ("IP_ADDRESS", "EMAIL_ADDRESS"):
        assert found[(log, None, entity)] == truth.counts[(log, None, entity)]
    locations = read_locations(tmp_path / "split")
    row = next(v for k, v in locations.items() if k.endswith("/web/access.log"))
    assert row["units_scanned"] == 480 and row["status"] == "ok"
    assert row["bytes"] == (root / log).stat().st_size


def test_only(estate, e2e_scan, tmp_path) -> None:
    _, rows = _scan(estate[0], tmp_path / "only", "--workers", "1",
                    "--only", "EMAIL_ADDRESS,iban_code")
    assert {r["entity_type"] for r in rows} == {"EMAIL_ADDRESS", "IBAN_CODE"}
    full = [r for r in read_findings(e2e_scan[0]) if r["entity_type"] in
            ("EMAIL_ADDRESS", "IBAN_CODE")]
    assert _stable(rows) == _stable(full)


def test_min_score(estate, e2e_scan, tmp_path) -> None:
    _, rows = _scan(estate[0], tmp_path / "min", "--workers", "1", "--min-score", "0.9")
    assert rows and all(r["max_score"] >= 0.9 for r in rows)
    before = Counter({r["entity_type"]: r["match_count"] for r in read_findings(e2e_scan[0])})
    after = Counter({r["entity_type"]: r["match_count"] for r in rows})
    assert sum(after.values()) < sum(before.values())


def test_exclude(estate, tmp_path) -> None:
    root = estate[0]
    result, rows = _scan(root, tmp_path / "ex", "--workers", "1",
                         "--exclude", "*.log", "*.gz", "crm/*")
    locations = [relative(loc, root) for loc in read_locations(tmp_path / "ex")]
    assert not any(loc.endswith((".log", ".gz")) or "/crm/" in loc for loc in locations)
    assert "files/hr/ansatte_no.json" in locations


@pytest.mark.parametrize("flags, units, sampled", [
    (("--sample-rows", "25"), 25, True), (("--full", "--sample-rows", "0"), None, None),
    (("--full",), 160, False),
])
def test_sampling_flags(estate, tmp_path, flags, units, sampled) -> None:
    root = estate[0]
    result = run_cli("scan", *estate_uris(root), "--out", str(tmp_path / "s"), "--workers", "1",
                     *flags)
    if units is None:  # --full and --sample-rows exclude each other: a usage error
        assert result.code == 2 and "not allowed with" in result.err
        return
    assert result.code == 0
    locations = {relative(k, root): v for k, v in read_locations(tmp_path / "s").items()}
    for name in ("app.db/main.customers", "files/crm/kunder_dk.csv"):
        assert (locations[name]["units_scanned"], locations[name]["sampled"]) == (units, sampled)
    assert locations["app.db/main.customers"]["total_units"] == 160
