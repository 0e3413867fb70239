from __future__ import annotations

import csv
import io

from tests.extract.conftest import by_field, run


def _csv(rows, delimiter=",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def test_header_is_field_and_rows_are_units(fake):
    people = [(fake.name(), fake.email(), fake.phone_number()) for _ in range(30)]
    pieces, outcome = run("kunder.csv", _csv([("navn", "email", "tlf"), *people]))
    assert outcome.status == "ok" and outcome.error_type is None
    assert outcome.units_scanned == 30
    cols = by_field(pieces)
    assert set(cols) == {"navn", "email", "tlf"}
    assert cols["email"] == [p[1] for p in people]
    assert cols["tlf"][17] == people[17][2]


def test_semicolon_dialect_and_quoted_newlines_keep_row_numbers():
    rows = [("navn", "note"), ("Jens", "linje 1\nlinje 2"), ("Ole", "x;y"), ("Kim", "z")]
    pieces, outcome = run("export.csv", _csv(rows, ";"))
    cols = by_field(pieces)
    assert cols["note"] == ["linje 1 linje 2", "x;y", "z"]
    assert cols["navn"] == ["Jens", "Ole", "Kim"]
    assert outcome.units_scanned == 3


def test_tsv_by_extension():
    pieces, _ = run("data.tsv", b"a\tb\n1,5\t2\n")
    assert by_field(pieces) == {"a": ["1,5"], "b": ["2"]}


def test_batches_have_exact_first_unit():
    rows = [("id", "email")] + [(str(i), f"p{i}@example.dk") for i in range(25)]
    pieces, outcome = run("x.csv", _csv(rows), csv_batch_rows=10)
    emails = [p for p in pieces if p.field == "email"]
    assert [p.first_unit for p in emails] == [0, 10, 20]
    assert emails[1].text.split("\n")[3] == "p13@example.dk"
    assert outcome.units_scanned == 25


def test_sample_rows_limits_unless_full():
    rows = [("email",)] + [(f"p{i}@example.dk",) for i in range(100)]
    _, sampled = run("x.csv", _csv(rows), sample_rows=40)
    assert (sampled.units_scanned, sampled.sampled) == (40, True)
    _, full = run("x.csv", _csv(rows), sample_rows=40, full=True)
    assert (full.units_scanned, full.sampled) == (100, False)
    _, exact = run("x.csv", _csv(rows), sample_rows=100)
    assert (exact.units_scanned, exact.sampled) == (100, False)


def test_ragged_rows_keep_every_cell():
    data = b"navn,email\nJens,j@x.dk\nOle,o@x.dk,12345678,extra\nKim\n"
    pieces, outcome = run("ragged.csv", data)
    cols = by_field(pieces)
    assert cols["navn"] == ["Jens", "Ole", "Kim"]
    assert cols["[2]"] == ["", "12345678", ""]
    assert cols["[3]"] == ["", "extra", ""]
    assert outcome.status == "ok"
    assert outcome.error_type == "ragged_rows"
    assert "2 rows" in (outcome.error_message or "")
    assert "12345678" not in (outcome.error_message or "")


def test_headerless_csv_does_not_turn_data_into_field_names():
    pieces, outcome = run("noheader.csv", b"Jens,jens@x.dk,010190-1234\nOle,o@x.dk,020290-2345\n")
    cols = by_field(pieces)
    assert set(cols) == {"[0]", "[1]", "[2]"}
    assert cols["[1]"] == ["jens@x.dk", "o@x.dk"]
    assert outcome.units_scanned == 2


def test_duplicate_and_empty_headers():
    pieces, _ = run("d.csv", b"email,,email\na@x.dk,b,c@x.dk\n")
    assert set(by_field(pieces)) == {"email", "[1]", "email[2]"}


def test_csv_error_keeps_rows_before_and_does_not_quote_content(monkeypatch):
    from scanner.extract import delimited

    secret = "010190-1234" * 200  # one cell over the (lowered) csv field limit
    data = f"a,b\n1,2\n3,4\n5,{secret}\n7,8\n".encode()
    old = csv.field_size_limit(1000)
    monkeypatch.setattr(delimited, "FIELD_LIMIT", 1000)
    try:
        pieces, outcome = run("bad.csv", data)
    finally:
        csv.field_size_limit(old)
    assert (outcome.status, outcome.error_type) == ("error", "csv_error")
    assert "010190" not in (outcome.error_message or "")
    assert "row 3" in (outcome.error_message or "")
    assert by_field(pieces)["a"] == ["1", "3"]
    assert outcome.units_scanned == 2


def test_cp1252_csv():
    data = "navn;by\nSøren;Ærø\n".encode("cp1252")
    pieces, outcome = run("old.csv", data)
    assert by_field(pieces) == {"navn": ["Søren"], "by": ["Ærø"]}
    assert outcome.error_type == "invalid_utf8"


def test_utf16_csv_with_bom():
    data = "navn\tby\nSøren\tÆrø\n".encode("utf-16")
    pieces, _ = run("excel.csv", data)
    assert by_field(pieces) == {"navn": ["Søren"], "by": ["Ærø"]}


def test_empty_csv():
    pieces, outcome = run("e.csv", b"")
    assert pieces == [] and outcome.status == "ok" and outcome.units_scanned == 0


def test_huge_cell_is_chunked_and_bounded():
    data = b"id,notes\n1," + b"z" * 50_000 + b"\n2,short\n"
    pieces, outcome = run("n.csv", data, chunk_chars=10_000)
    notes = [p for p in pieces if p.field == "notes"]
    assert len(notes) > 4
    assert all(len(p.text) <= 10_000 + 1024 for p in notes)
    assert outcome.units_scanned == 2
