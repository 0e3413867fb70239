"""Spreadsheets (xlsx, xls, ods): header text as the field, units across sheets, cell rendering."""

from __future__ import annotations

import datetime
import io

import pytest

from scanner.extract.sheets import apply_digit_mask, cell_text
from tests.extract.conftest import by_field, run
from tests.extract.docfiles import make_ods, make_xls, make_xlsx, rewrite_zip

HEADER = ["Navn", "CPR", "Telefon", "Oprettet", "Beløb"]
DAY = datetime.datetime(2019, 5, 1)


def fields_by_name(pieces):
    return {f: lines for f, lines in by_field(pieces).items()}


@pytest.mark.parametrize(("number", "fmt", "expected"), [
    (101901234, "0000000000", "0101901234"),
    (101901234, "000000-0000", "010190-1234"),
    (12345678, "00 00 00 00", "12 34 56 78"),
    (12345678, "General", None),
    (12345678, "0.00", None),  # decimals: not a digit mask
    (123, "#,##0", None),
    (12345678901, "0000000000", "12345678901"),  # more digits than the mask: all kept
    (5, '"Nr. "000', None),  # literal text with letters is not a mask
    (101901234, '000000\\-0000', "010190-1234"),
    (-5, "0000", None),
])
def test_digit_mask(number: int, fmt: str, expected: str | None) -> None:
    assert apply_digit_mask(number, fmt) == expected


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (12345678, None, "12345678"),
    (12345678.0, "General", "12345678"),  # a phone stored as a float: never 1.2345678E7
    (1.2345678e7, None, "12345678"),
    (1234.5, None, "1234.5"),
    (datetime.datetime(2019, 5, 1), None, "2019-05-01"),  # a date cell: ISO, not a serial
    (datetime.datetime(2019, 5, 1, 10, 30), None, "2019-05-01T10:30:00"),
    (datetime.date(2019, 5, 1), None, "2019-05-01"),
    (True, None, ""),
    (None, None, ""),
    ("a\nb", None, "a b"),
])
def test_cell_text(value, fmt, text) -> None:
    assert cell_text(value, fmt) == text


def test_xlsx_every_sheet_header_is_the_field_units_run_across_sheets() -> None:
    data = make_xlsx({
        "Kunder": [HEADER, ["Anna", "010190-1234", 12345678, DAY, 1234.5],
                   ["Bo", 101901234, 23456789.0, DAY, 99.0]],
        "Leverandører": [["Firma", "CPR"], ["X", "020290-2345"]],
    }, {("Kunder", "B3"): "0000000000"})
    pieces, outcome = run("kunder.xlsx", data)
    fields = fields_by_name(pieces)
    assert fields["CPR"] == ["010190-1234", "0101901234", "020290-2345"]  # one field, 2 sheets
    assert fields["Telefon"] == ["12345678", "23456789"]
    assert fields["Oprettet"] == ["2019-05-01", "2019-05-01"]
    assert fields["Beløb"] == ["1234.5", "99"]
    assert fields["Firma"] == ["", "", "X"]  # sheet 2's rows are units 2.. of the workbook
    assert outcome.units_scanned == 3 and outcome.status == "ok" and not outcome.sampled


def test_xlsx_sampling_per_sheet_and_full() -> None:
    rows = [["Telefon"]] + [[f"1234{i:04d}"] for i in range(10)]
    data = make_xlsx({"A": rows, "B": rows})
    pieces, outcome = run("s.xlsx", data, sample_rows=4)
    assert outcome.units_scanned == 8 and outcome.sampled
    assert len(by_field(pieces)["Telefon"]) == 8
    _, outcome = run("s.xlsx", data, sample_rows=4, full=True)
    assert outcome.units_scanned == 20 and not outcome.sampled


def test_xlsx_without_header_blank_rows_and_batches() -> None:
    rows = [["12345678", "anna@example.dk"], [], [None, None], ["23456789", None]]
    pieces, outcome = run("n.xlsx", make_xlsx({"A": rows}), csv_batch_rows=1)
    assert by_field(pieces) == {"[0]": ["12345678", "23456789"], "[1]": ["anna@example.dk"]}
    assert outcome.units_scanned == 2
    assert all(p.text.count("\n") == 0 for p in pieces)  # one row per batch


def test_xlsx_xlsm_name_and_streaming_input() -> None:
    data = make_xlsx({"A": [["CPR"], ["010190-1234"]]})

    class OnlyRead:  # a non-seekable stream (an archive member, an object-store body)
        def __init__(self) -> None:
            self._b = io.BytesIO(data)

        def read(self, n: int = -1) -> bytes:
            return self._b.read(min(n, 100) if n and n > 0 else 100)

    from scanner.extract import extract
    from scanner.model import ExtractOutcome
    from scanner.settings import Settings
    from tests.extract.conftest import make_unit
    outcome = ExtractOutcome()
    pieces = list(extract(make_unit("m.xlsm"), OnlyRead(), Settings(), outcome))  # type: ignore
    assert by_field(pieces) == {"CPR": ["010190-1234"]}
    assert outcome.bytes_read == len(data)


def test_xlsx_bad_input() -> None:
    pieces, outcome = run("fake.xlsx", b"Navn;CPR\nAnna;010190-1234\n")
    assert (outcome.status, outcome.error_type) == ("error", "not_a_xlsx") and not pieces
    assert "010190" not in (outcome.error_message or "")
    data = make_xlsx({"A": [["CPR"], ["010190-1234"]]})
    _, outcome = run("cut.xlsx", data[: len(data) // 2])
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_xlsx")


def test_xlsx_damaged_second_sheet_keeps_the_first() -> None:
    data = make_xlsx({"A": [["CPR"], ["010190-1234"]], "B": [["CPR"], ["020290-2345"]]})
    broken = rewrite_zip(data, "xl/worksheets/sheet2.xml", lambda xml: xml[: len(xml) // 2])
    pieces, outcome = run("half.xlsx", broken)
    assert by_field(pieces)["CPR"][0] == "010190-1234"
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_xlsx")


def test_encrypted_office_file_is_skipped() -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("secret.xlsx", "secret.docx"):
        pieces, outcome = run(name, ole2)
        assert (outcome.status, outcome.error_type) == ("skipped", "encrypted") and not pieces


def test_xls_numbers_masks_dates_and_sheets() -> None:
    data = make_xls({"Ark1": [HEADER, ["Anna", 101901234, 12345678, DAY.date(), 10.5]],
                     "Ark2": [["CPR"], ["020290-2345"]]}, {("Ark1", 1, 1): "000000-0000"})
    pieces, outcome = run("gammel.xls", data)
    fields = fields_by_name(pieces)
    assert fields["CPR"] == ["010190-1234", "020290-2345"]
    assert fields["Telefon"] == ["12345678"]
    assert fields["Oprettet"] == ["2019-05-01"]
    assert fields["Beløb"] == ["10.5"]
    assert outcome.units_scanned == 2 and outcome.status == "ok"


def test_xls_bad_input() -> None:
    data = make_xls({"A": [["CPR"], ["010190-1234"]]})
    _, outcome = run("cut.xls", data[:1000])
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_xls")
    _, outcome = run("tab.xls", b"Navn\tCPR\nAnna\t010190-1234\n")  # an "xls" that is text
    assert outcome.status == "ok"


def test_ods_values_repeats_and_dates() -> None:
    data = make_ods({"Ark1": [HEADER, ["Anna", "010190-1234", 12345678, DAY.date(), 1.5]],
                     "Ark2": [["CPR", "Telefon"], ["020290-2345", 23456789]]})
    pieces, outcome = run("k.ods", data)
    fields = fields_by_name(pieces)
    assert fields["CPR"] == ["010190-1234", "020290-2345"]
    assert fields["Telefon"] == ["12345678", "23456789"]
    assert fields["Oprettet"] == ["2019-05-01"]
    assert fields["Beløb"] == ["1.5"]
    assert outcome.units_scanned == 2  # the million trailing blank rows cost nothing


def test_ods_leading_zero_shown_and_repeated_rows() -> None:
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis'
        b':names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument'
        b':xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        b"<office:body><office:spreadsheet><table:table table:name=\"A\">"
        b"<table:table-row><table:table-cell office:value-type=\"string\"><text:p>CPR</text:p>"
        b"</table:table-cell></table:table-row>"
        b'<table:table-row table:number-rows-repeated="3"><table:table-cell '
        b'office:value-type="float" office:value="101901234"><text:p>0101901234</text:p>'
        b"</table:table-cell></table:table-row>"
        b"</table:table></office:spreadsheet></office:body></office:document-content>")
    data = rewrite_zip(make_ods({"A": [["x"]]}), "content.xml", lambda _: content)
    pieces, outcome = run("r.ods", data)
    assert by_field(pieces) == {"CPR": ["0101901234"] * 3} and outcome.units_scanned == 3


def test_ods_bad_input() -> None:
    _, outcome = run("x.ods", b"just text")
    assert outcome.error_type == "not_a_ods"
    data = make_ods({"A": [["CPR"], ["010190-1234"]]})
    broken = rewrite_zip(data, "content.xml", lambda xml: xml[: len(xml) - 200])
    _, outcome = run("x.ods", broken)
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_ods")
