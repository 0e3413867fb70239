"""Identifiers in folder, file and archive-member names never reach the inventory or the logs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scanner.location_mask import LocationMasker, decode_with_spans
from scanner.settings import Settings
from tests.test_bad_input_pipeline import pii_scan
from tests.test_canary import canary_values, forms, written_text


@pytest.fixture(scope="module")
def masker() -> LocationMasker:
    return LocationMasker(Settings())


def test_decoding_keeps_each_characters_span() -> None:
    text, spans = decode_with_spans("a%C3%A6b%20c")
    assert text == "aæb c"
    assert spans == [(0, 1), (1, 7), (7, 8), (8, 11), (11, 12)]


def test_names_are_masked_in_place(masker: LocationMasker) -> None:
    values = canary_values()
    cpr, email, ip = values["DK_CPR"][0], values["EMAIL_ADDRESS"][0], values["IP_ADDRESS"][0]
    cases = {
        f"file:///data/kunder/{cpr}.txt": cpr,
        f"file:///data/{email}.csv.gz": email,
        f"file:///data/a.zip!/ud/{email}.csv": email,
        f"file:///logs/{ip}.log": ip,
        "file:///data/Jens%20Hansen%20" + cpr + ".pdf": cpr,
    }
    for location, value in cases.items():
        shown = masker(location)
        assert shown is not None
        assert not any(form in shown for form in forms(value)), (location, shown)
        assert shown.startswith(location.split(value)[0][:12])  # the rest stays readable
        assert shown.endswith(location.rsplit(".", 1)[-1])


def test_locations_without_identifiers_are_unchanged(masker: LocationMasker) -> None:
    for location in ["file:///srv/rapporter/2023/salg-2023-11.csv",
                     "sqlite:////tmp/app.db/main.customers",
                     "postgresql://scanner@db.internal:5432/crm/public.kunder",
                     "file:///srv/%C3%A6bler/v1.2.3.4.5/app.tar.gz!/bin/run.sh"]:
        assert masker(location) == location
    assert masker(None) is None


def test_scan_never_writes_identifiers_from_names(tmp_path: Path) -> None:
    values = canary_values()
    cpr, cpr2 = values["DK_CPR"]
    email, phone = values["EMAIL_ADDRESS"][0], values["PHONE_NUMBER"][0]
    estate = tmp_path / "estate"
    (estate / f"kunde {cpr2}").mkdir(parents=True)
    (estate / f"kunde {cpr2}" / "noter.txt").write_text("intet her\n")
    (estate / f"{cpr}.txt").write_text("intet her\n")
    (estate / f"{email}.csv").write_text("navn\nJens\n")
    (estate / f"tlf {phone}.log").write_text("ingen data\n")
    with zipfile.ZipFile(estate / "arkiv.zip", "w") as zf:
        zf.writestr(f"ud/{email}.txt", "intet\n")
    out = tmp_path / "out"
    proc = pii_scan("scan", str(estate), "--out", str(out), "--workers", "2",
                    "--log-level", "debug")
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    locations = pq.read_table(next((out / "locations").glob("*.parquet"))).to_pylist()
    assert len(locations) == 6  # four files, the zip and its member: none merged by masking
    assert {row["status"] for row in locations} == {"ok"}
    written = written_text(out) + [("stdout", stdout.encode()), ("stderr", stderr.encode())]
    for value in (cpr, cpr2, email, phone):
        for form in forms(value):
            for name, blob in written:
                assert form.encode() not in blob, (value, form, name)
    sources = json.loads((out / "scan.json").read_text())["sources"]
    assert sources == [str(estate)]


def test_server_addresses_in_database_urls_stay(masker: LocationMasker) -> None:
    location = "postgresql://scanner@10.20.30.40:5432/crm/public.kunder"
    assert masker(location) == location


def test_bare_numbers_in_names_fields_table_names_and_patterns_are_masked(tmp_path: Path) -> None:
    import sqlite3

    values = canary_values()
    card, cpr, email, ip = (values["CREDIT_CARD"][0], values["DK_CPR"][0],
                            values["EMAIL_ADDRESS"][0], values["IP_ADDRESS"][0])
    digits = "".join(ch for ch in card if ch.isdigit())
    estate = tmp_path / "estate"
    (estate / "fn").mkdir(parents=True)
    (estate / "fn" / f"{digits}.txt").write_text("intet her\n")  # no context word: "/" glued
    with zipfile.ZipFile(estate / "arkiv.zip", "w") as zf:
        zf.writestr(f"{digits}.txt", "intet\n")
    with sqlite3.connect(estate / "k.db") as conn:  # a table named after an IP, columns after ids
        conn.execute(f'CREATE TABLE "{ip}" (id INTEGER PRIMARY KEY, "{email}" TEXT, "{cpr}" TEXT)')
        conn.execute(f'INSERT INTO "{ip}" VALUES (1, ?, ?)', (f"CPR {cpr}", email))
    out = tmp_path / "out"
    proc = pii_scan("scan", str(estate), "--out", str(out), "--exclude", f"*/{cpr}*",
                    "--log-level", "debug")
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    findings = pq.read_table(next((out / "findings").glob("*.parquet"))).to_pylist()
    assert {row["entity_type"] for row in findings} == {"DK_CPR", "EMAIL_ADDRESS"}
    written = written_text(out) + [("stdout", stdout.encode()), ("stderr", stderr.encode())]
    for value in (digits, cpr, email, ip):
        for form in forms(value):
            for name, blob in written:
                assert form.encode() not in blob, (value, form, name)
    missing = pii_scan("scan", str(tmp_path / "nothere" / f"{cpr}.txt"), "--out",
                       str(tmp_path / "out2"))
    _, stderr = missing.communicate(timeout=300)
    assert missing.returncode == 2 and "no such file or directory" in stderr
    assert not any(form in stderr for form in forms(cpr)), stderr
