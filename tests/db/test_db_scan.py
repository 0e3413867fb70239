"""A default scan of each seeded server (CLI, two workers): column verdicts, coverage, row age."""

from __future__ import annotations

import json
from datetime import UTC

import pytest

from tests.db import seed
from tests.db.helpers import Db, Scan

pytestmark = pytest.mark.db

COLUMN_VERDICTS = [
    ("customers", "shop", "cpr", "DK_CPR"),
    ("customers", "shop", "cpr_tal", "DK_CPR"),  # NUMERIC column: rendered as plain digits
    ("customers", "shop", "email", "EMAIL_ADDRESS"),
    ("customers", "shop", "telefon", "PHONE_NUMBER"),
    ("customers", "shop", "iban", "IBAN_CODE"),
    ("orders", "shop", "kortnr", "CREDIT_CARD"),
    ("audit_log", "shop", "ip", "IP_ADDRESS"),
    ("companies", "crm", "telefon", "PHONE_NUMBER"),  # INTEGER column named for phones
    ("profiles", "shop", "data$.kontakt.email", "EMAIL_ADDRESS"),  # JSON key path
    ("profiles", "shop", "data$.kontakt.telefon", "PHONE_NUMBER"),
]


def test_exit_code_and_one_error_row(db: Db, scan_of: Scan) -> None:
    assert scan_of.result.code == 1  # secret_notes is not readable: a partial scan
    failed = {loc: row for loc, row in scan_of.locations.items() if row["status"] != "ok"}
    assert set(failed) == {db.location("secret_notes")}
    assert failed[db.location("secret_notes")]["error_type"] == "permission_denied"
    assert db.location("slow_events") not in scan_of.locations  # views are off by default
    assert all(loc.startswith(db.base + "/") for loc in scan_of.locations)


@pytest.mark.parametrize("table, schema, field, entity", COLUMN_VERDICTS)
def test_column_verdicts(db: Db, scan_of: Scan, table: str, schema: str, field: str,
                         entity: str) -> None:
    row = scan_of.finding(db.location(table, schema), field, entity)
    assert row["source_type"] == "sql"
    assert row["units_with_match"] == row["units_scanned"] > 0  # every value is one
    assert row["max_score"] >= 0.4 and 1 <= len(row["samples_masked"]) <= 3


def test_share_counts_non_null_values(db: Db, scan_of: Scan) -> None:
    email = scan_of.finding(db.location("customers"), "email", "EMAIL_ADDRESS")
    planted = db.truth.nonnull[("customers", "email")]
    assert planted < seed.CUSTOMERS  # every 5th e-mail is NULL ...
    assert email["units_scanned"] == email["units_with_match"] == planted  # ... and not counted
    location = scan_of.locations[db.location("customers")]
    assert location["units_scanned"] == location["total_units"] == seed.CUSTOMERS


def test_hard_negatives_give_no_finding(db: Db, scan_of: Scan) -> None:
    companies = scan_of.fields(db.location("companies", "crm"))
    assert not any(field == "cvr" for field, _ in companies)  # CVR numbers are not phones
    orders = scan_of.fields(db.location("orders"))
    assert ("kortnr", "CREDIT_CARD") in orders
    assert not any(field in ("kort_maskeret", "ordrenr") for field, _ in orders)


def test_skipped_columns_are_recorded(db: Db, scan_of: Scan) -> None:
    skipped = scan_of.locations[db.location("customers")]["skipped_fields"]
    assert [s.split(" ")[0] for s in skipped] == ["foto", "aktiv"]
    assert skipped[0].endswith(": binary") and skipped[1].endswith(": boolean")


def test_row_age_from_last_contact(db: Db, scan_of: Scan) -> None:
    contacts = [d.replace(tzinfo=UTC) for d in db.truth.last_contact]
    for field, entity in [("cpr", "DK_CPR"), ("iban", "IBAN_CODE")]:
        row = scan_of.finding(db.location("customers"), field, entity)
        assert row["date_column"] == "last_contact"
        assert (row["oldest_record"], row["newest_record"]) == (min(contacts), max(contacts))
    assert scan_of.locations[db.location("customers")]["date_column"] == "last_contact"
    ip = scan_of.finding(db.location("audit_log"), "ip", "IP_ADDRESS")
    assert ip["date_column"] == "logged_at" and ip["oldest_record"] is not None


def test_coverage_of_a_sampled_table(db: Db, scan_of: Scan) -> None:
    location = scan_of.locations[db.location("events")]
    assert location["sampled"] is True and location["total_units_estimated"] is False
    assert (location["units_scanned"], location["total_units"]) == (10_000, seed.EVENT_ROWS)
    row = scan_of.finding(db.location("events"), "besked", "EMAIL_ADDRESS")
    assert (row["units_scanned"], row["total_units"], row["sampled"]) == (
        10_000, seed.EVENT_ROWS, True)


def test_postgres_arrays_are_text(pg_db: Db, default_scans: dict[str, Scan]) -> None:
    row = default_scans["postgresql"].finding(pg_db.location("customers"), "aliases",
                                              "EMAIL_ADDRESS")
    assert row["match_count"] == 2 * seed.CUSTOMERS and row["units_with_match"] == seed.CUSTOMERS


def test_no_raw_value_anywhere(db: Db, scan_of: Scan) -> None:
    data, _ = seed.rows()
    planted = [c[key] for c in data["customers"] for key in ("cpr", "email", "iban") if c[key]]
    planted += [o["kortnr"] for o in data["orders"]] + [e["besked"].split()[2]
                                                         for e in data["events"][:500]]
    written = b"".join(p.read_bytes() for p in scan_of.out.rglob("*") if p.is_file())
    output = scan_of.result.out + scan_of.result.err
    leaked = [v for v in planted if v.encode() in written or v in output]
    assert not leaked, leaked[:3]


def test_no_password_anywhere(db: Db, scan_of: Scan) -> None:
    written = b"".join(p.read_bytes() for p in scan_of.out.rglob("*") if p.is_file())
    for secret in (seed.SCANNER_PASSWORD, "admin-pw-synthetic"):
        assert secret.encode() not in written
        assert secret not in scan_of.result.out + scan_of.result.err
    meta = json.loads((scan_of.out / "scan.json").read_text())
    assert meta["sources"] == [db.url.replace(":" + seed.SCANNER_PASSWORD, "")]
