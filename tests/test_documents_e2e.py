"""End to end through the CLI: every document format, per-location and per-field counts.

The estate (tests/documents_estate.py) plants identifiers in xlsx (two sheets sharing headers),
xls, ods, docx, odt, PDF, Parquet, HTML and XML, next to hard negatives (date cells, a CVR
column, amounts, order and invoice numbers). Counts must match the truth exactly: a wrong field,
a finding on a negative, or a value missed is a failure. A folder of damaged files must give one
``locations`` row each with the right error type, and the scan goes on.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scanner.cli import main
from tests import documents_estate
from tests.estate import read_findings, read_locations
from tests.extract.docfiles import make_odt, make_pdf, make_xlsx, rewrite_zip

BAD = {  # file -> (status, error_type)
    "cut.xlsx": ("error", "corrupt_xlsx"),
    "renamed.docx": ("error", "not_a_docx"),
    "cut.odt": ("error", "corrupt_odt"),
    "cut.pdf": ("error", "corrupt_pdf"),
    "cut.parquet": ("error", "corrupt_parquet"),
    "broken.xml": ("error", "malformed_xml"),
    "hemmelig.xlsx": ("skipped", "encrypted"),
    "cut.xls": ("error", "corrupt_xls"),
}


def write_bad(root: Path) -> None:
    root.mkdir()
    xlsx = make_xlsx({"A": [["CPR"], ["010190-1234"]]})
    (root / "cut.xlsx").write_bytes(xlsx[: len(xlsx) // 2])
    (root / "renamed.docx").write_text("Dit CPR-nr. er 010190-1234\n")
    odt = make_odt([f"Linje {i}: CPR-nr. 010190-1234" for i in range(30)])
    (root / "cut.odt").write_bytes(rewrite_zip(odt, "content.xml", lambda x: x[: len(x) // 2]))
    pdf = make_pdf([["CPR-nr. 010190-1234"]])
    (root / "cut.pdf").write_bytes(pdf[: len(pdf) // 2])
    whole = io.BytesIO()
    pq.write_table(pa.table({"cpr": ["0101901234"] * 5}), whole)
    (root / "cut.parquet").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    (root / "broken.xml").write_text("<a><tlf>12345678</tlf><b></a>")
    (root / "hemmelig.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    (root / "cut.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\1" * 1000)


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("docs")
    truth = documents_estate.build(base / "estate")
    (base / "estate" / "kunder.xlsx.gz").write_bytes(
        gzip.compress((base / "estate" / "kunder.xlsx").read_bytes()))
    for key, count in list(truth.items()):
        if key[0] == "kunder.xlsx":
            truth[("kunder.xlsx.gz", key[1], key[2])] = count
    write_bad(base / "bad")
    out = base / "out"
    code = main(["scan", str(base / "estate"), str(base / "bad"), "--out", str(out),
                 "--workers", "1", "--quiet"])
    return truth, out, code


def name_of(location: str) -> str:
    return location.rsplit("/", 1)[-1]


def test_counts_per_location_and_field(scan) -> None:
    truth, out, _ = scan
    found: Counter[tuple[str, str | None, str]] = Counter()
    for row in read_findings(out):
        found[(name_of(row["location"]), row["field"], row["entity_type"])] += row["match_count"]
    good = {k: v for k, v in found.items() if k[0] not in BAD}
    assert good == dict(truth)


def test_negatives_never_found(scan) -> None:
    _, out, _ = scan
    fields = {(name_of(r["location"]), r["field"]) for r in read_findings(out)}
    for name in ("kunder.xlsx", "gammel.xls", "kunder.ods"):
        for negative in ("CVR", "Beløb", "Oprettet", "Navn"):
            assert (name, negative) not in fields
    for negative in ("cvr", "amount", "created_at"):
        assert ("kunder.parquet", negative) not in fields


def test_location_rows(scan) -> None:
    _, out, code = scan
    rows = {name_of(loc): r for loc, r in read_locations(out).items()}
    assert code == 1  # damaged files failed; everything else was scanned
    for name, expected in BAD.items():
        assert (rows[name]["status"], rows[name]["error_type"]) == expected, name
        assert "010190" not in (rows[name]["error_message"] or "")
    assert (rows["hemmelig.pdf"]["status"], rows["hemmelig.pdf"]["error_type"]) == \
        ("skipped", "encrypted")
    assert (rows["scannet.pdf"]["status"], rows["scannet.pdf"]["error_type"]) == \
        ("skipped", "no_text_layer")
    for name in ("kunder.xlsx", "kunder.xlsx.gz", "gammel.xls", "kunder.ods", "brev.docx",
                 "brev.odt", "rapport.pdf", "kunder.parquet", "side.html", "eksport.xml"):
        assert rows[name]["status"] == "ok" and rows[name]["error_type"] is None, name
    assert rows["kunder.xlsx"]["units_scanned"] == 18  # both sheets' rows
    assert rows["kunder.parquet"]["units_scanned"] == 12


def test_damage_keeps_what_was_read(scan) -> None:
    _, out, _ = scan
    found = {(name_of(r["location"]), r["entity_type"]): r["match_count"]
             for r in read_findings(out)}
    assert found.get(("cut.odt", "DK_CPR"), 0) > 0  # paragraphs before the damage
    assert found.get(("broken.xml", "PHONE_NUMBER"), 0) == 1
