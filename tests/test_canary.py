"""Canary: plant known values in every format, scan with debug logs, grep every byte written.

Searched: every file under the output directory as raw bytes, the Parquet tables decoded to text,
stdout and stderr of the scan (debug logs of the parent and of the worker processes). Each value is
looked for in every written form: as planted, upper and lower case, JSON-escaped, without
separators, digits only, and grouped by four.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scanner.demo import Planter
from scanner.synthetic import contact_financial as cf
from tests.canary_containers import CONTAINER_LOCATIONS, write_containers
from tests.documents_estate import CANARY_FILES, write_canary_documents
from tests.test_bad_input_pipeline import pii_scan

LABELS = {  # entity -> (text label, column / key name)
    "DK_CPR": ("Mit CPR-nr. er", "cpr"),
    "SE_PERSONNUMMER": ("Mitt personnummer är", "personnummer"),
    "NO_FODSELSNUMMER": ("Mitt fødselsnummer er", "fodselsnummer"),
    "FI_HETU": ("Henkilötunnus", "henkilotunnus"),
    "IBAN_CODE": ("IBAN", "iban"),
    "CREDIT_CARD": ("Betalt med kort", "kortnummer"),
    "EMAIL_ADDRESS": ("E-mail:", "email"),
    "PHONE_NUMBER": ("Ring på tlf.", "telefon"),
    "IP_ADDRESS": ("Login fra IP", "ip"),
}
FORMATS = ("txt", "log", "csv", "json", "jsonl", "gz", "sqlite", *CANARY_FILES)


def canary_values() -> dict[str, list[str]]:
    """Two values of every entity type, in different written forms."""
    p, r = Planter(seed=4242), None
    r = p.rng
    return {
        "DK_CPR": [p.national_id("DK")[1] for _ in range(2)],
        "SE_PERSONNUMMER": [p.national_id("SE")[1] for _ in range(2)],
        "NO_FODSELSNUMMER": [p.national_id("NO")[1] for _ in range(2)],
        "FI_HETU": [p.national_id("FI")[1] for _ in range(2)],
        "IBAN_CODE": [cf.iban(r, "DK", grouped=True), cf.iban(r, "DE")],
        "CREDIT_CARD": [cf.card(r, "visa", " "), cf.card(r, "mastercard", "-")],
        "EMAIL_ADDRESS": [p.email(), p.email("SE")],
        "PHONE_NUMBER": [cf.phone(r, "DK"), cf.phone(r, "SE", international=False)],
        "IP_ADDRESS": [cf.ipv4(r, private=True), cf.ipv6(r, "full")],
    }


def forms(value: str) -> set[str]:
    """Every way the value (or its identifying core) may have been written out."""
    compact = re.sub(r"[\s\-+]", "", value)
    digits = re.sub(r"\D", "", value)
    out = {value, value.upper(), value.lower(), json.dumps(value)[1:-1], compact,
           compact.lower(), " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))}
    if len(digits) >= 8 and "." not in value and ":" not in value:
        out.add(digits)
        if len(digits) == 12:  # Swedish long form: the 10-digit short form too
            out.add(digits[2:])
    return {f for f in out if len(f) >= 7}


def write_estate(root: Path, values: dict[str, list[str]]) -> None:
    root.mkdir()
    lines = [f"{LABELS[e][0]} {v} ." for e, vs in values.items() for v in vs]
    text = "\n".join(lines) + "\n"
    (root / "canary.txt").write_text(text)
    (root / "canary.log").write_text("".join(f"2024-05-01T10:00:{i:02d}Z INFO {line}\n"
                                             for i, line in enumerate(lines)))
    (root / "canary.txt.gz").write_bytes(gzip.compress(text.encode()))
    records = [{LABELS[e][1]: vs[i] for e, vs in values.items()} for i in range(2)]
    header = list(records[0])
    (root / "canary.csv").write_text(
        ",".join(header) + "\n" + "".join(",".join(f'"{rec[h]}"' for h in header) + "\n"
                                          for rec in records))
    (root / "canary.json").write_text(json.dumps({"people": records}, ensure_ascii=False))
    (root / "canary.jsonl").write_text("".join(json.dumps(rec) + "\n" for rec in records))
    # Error paths carry values too: a truncated gzip and malformed JSON after the values.
    (root / "damaged.txt.gz").write_bytes(gzip.compress(text.encode() * 200)[:-40])
    (root / "damaged.json").write_text(json.dumps({"people": records})[:-3] + ", ")
    write_canary_documents(root, lines, records)
    write_containers(root, text, records, values)
    con = sqlite3.connect(root.parent / "canary.db")
    con.execute(f"CREATE TABLE people ({', '.join(h + ' TEXT' for h in header)})")
    con.executemany(f"INSERT INTO people VALUES ({', '.join('?' * len(header))})",
                    [tuple(rec[h] for h in header) for rec in records])
    con.commit()
    con.close()


def written_text(out: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of everything the scan wrote, Parquet also decoded to text."""
    blobs = []
    for path in sorted(out.rglob("*")):
        if path.is_file():
            blobs.append((str(path), path.read_bytes()))
            if path.suffix == ".parquet":
                table = pq.read_table(path)
                blobs.append((f"{path} (decoded)", repr(table.to_pylist()).encode()
                              + str(table.schema).encode()))
    return blobs


@pytest.fixture(scope="module")
def canary_scan(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("canary")
    values = canary_values()
    write_estate(base / "estate", values)
    out = base / "out"
    proc = pii_scan("scan", str(base / "estate"), f"sqlite:///{base / 'canary.db'}", "--out",
                    str(out), "--workers", "2", "--log-level", "debug")
    stdout, stderr = proc.communicate(timeout=300)
    return values, out, proc.returncode, stdout, stderr


def test_every_value_was_found(canary_scan) -> None:
    values, out, code, _, stderr = canary_scan
    assert code == 1, stderr  # the damaged files
    findings = pq.read_table(next((out / "findings").glob("*.parquet"))).to_pylist()
    by_location: dict[str, set[str]] = {}
    for row in findings:
        by_location.setdefault(row["location"].rsplit("/", 1)[-1], set()).add(row["entity_type"])
    names = {"txt": "canary.txt", "log": "canary.log", "csv": "canary.csv", "json": "canary.json",
             "jsonl": "canary.jsonl", "gz": "canary.txt.gz", "sqlite": "main.people",
             **CANARY_FILES}
    for fmt in FORMATS:
        assert by_location[names[fmt]] == set(values), fmt
    estate = "file://" + str((out.parent / "estate").absolute()) + "/"
    in_containers: dict[str, set[str]] = {}
    for row in findings:
        rel = row["location"].removeprefix(estate)
        in_containers.setdefault(rel, set()).add(row["entity_type"])
    for rel in CONTAINER_LOCATIONS:
        assert in_containers.get(rel) == set(values), rel
    assert "DEBUG" in stderr  # logs were on, at debug level


def test_no_value_in_any_byte_written(canary_scan) -> None:
    values, out, _, stdout, stderr = canary_scan
    blobs = written_text(out) + [("stdout", stdout.encode()), ("stderr", stderr.encode())]
    leaks = []
    for entity, vs in values.items():
        for value in vs:
            for form in forms(value):
                for name, blob in blobs:
                    if form.encode() in blob or form.lower().encode() in blob.lower():
                        leaks.append((entity, name))
    assert not leaks, leaks
