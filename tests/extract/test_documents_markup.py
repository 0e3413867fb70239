"""HTML and XML as text, and how document formats are detected."""

from __future__ import annotations

import pytest

from scanner.extract import detect as formats
from scanner.extract.detect import detect
from tests.extract.conftest import run
from tests.extract.docfiles import make_docx, make_ods, make_odt, make_pdf, make_xlsx


def text_of(pieces) -> str:
    assert all(p.field is None for p in pieces)
    return "".join(p.text for p in pieces)


def html(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("body", "lines"), [
    ("<table><tr><td>12345678</td><td>90</td></tr></table>", ["12345678\t\t90"]),
    ("<p>1234<b></b>5678</p>", ["12345678"]),  # inline tags join: they never split a number
    ("<p>CPR <span>0101</span><em>90</em>-1234</p>", ["CPR 010190-1234"]),
    ("<p>12345678</p><p>90</p>", ["12345678", "90"]),  # blocks separate
    ("<div>a<br>b</div>", ["a", "b"]),
    ("<p>12345678<img src=x.png>90</p>", ["12345678\t90"]),  # unknown/void tags separate
    ("<p>A &amp; B &lt;c&gt; &#230;&oslash;</p>", ["A & B <c> æø"]),
    ("<p>x</p><script>var cpr = '0101901234';</script><style>p{}</style><p>y</p>", ["x", "y"]),
    ("<p>linje\n  fortsat</p><pre>a\nb</pre>", ["linje   fortsat", "a", "b"]),
    ('<p><a href="mailto:anna@example.dk">Skriv</a></p>', ["Skriv anna@example.dk"]),
    ('<p><a href="mailto:anna@example.dk">anna@example.dk</a></p>', ["anna@example.dk"]),
    ('<p><a href="tel:+4512345678">Ring</a></p>', ["Ring +4512345678"]),
])
def test_html_markup_rule(body: str, lines: list[str]) -> None:
    pieces, outcome = run("p.html", html(body))
    assert [line.strip() for line in text_of(pieces).splitlines() if line.strip()] == lines
    assert outcome.status == "ok"


def test_html_streamed_in_small_blocks() -> None:
    from scanner.extract.htmltext import _stripped
    body = "".join(f"<tr><td>Tlf.</td><td>1234<b>{i:04d}</b></td></tr>" for i in range(200))
    doc = html(f"<table>{body}</table>").decode()
    blocks = iter([doc[i:i + 7] for i in range(0, len(doc), 7)])  # tags cut across blocks
    lines = [line.strip() for line in "".join(_stripped(blocks)).splitlines() if line.strip()]
    assert lines == [f"Tlf.\t\t1234{i:04d}" for i in range(200)]


def test_xml_leaves_labelled_attributes_and_encoding() -> None:
    doc = ('<?xml version="1.0" encoding="ISO-8859-1"?><kunder xmlns="urn:x" xmlns:a="urn:a">'
           '<kunde a:cpr="0101901234"><navn>Søren</navn><tlf>12345678</tlf><tlf>90</tlf>'
           "<note>Hej <b>med</b> dig</note></kunde></kunder>").encode("iso-8859-1")
    pieces, outcome = run("e.xml", doc)
    assert text_of(pieces).splitlines() == [
        "cpr: 0101901234", "navn: Søren", "tlf: 12345678", "tlf: 90", "Hej", "b: med", "dig"]
    assert outcome.status == "ok" and outcome.units_scanned == 7


def test_xml_malformed_keeps_text_before() -> None:
    pieces, outcome = run("m.xml", b"<a><tlf>12345678</tlf><b>1</c></a>")
    assert (outcome.status, outcome.error_type) == ("error", "malformed_xml")
    assert "line 1" in (outcome.error_message or "")
    assert text_of(pieces).splitlines()[0] == "tlf: 12345678"


def test_xml_entity_declarations_are_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>')
    pieces, outcome = run("bomb.xml", bomb)
    assert (outcome.status, outcome.error_type) == ("error", "malformed_xml") and not pieces


@pytest.mark.parametrize(("name", "kind"), [
    ("a.xlsx", formats.XLSX), ("a.xlsm", formats.XLSX), ("a.docx", formats.DOCX),
    ("a.odt", formats.ODT), ("a.ods", formats.ODS), ("a.zip", formats.ZIP),
])
def test_zip_magic_by_name(name: str, kind: str) -> None:
    assert detect(b"PK\x03\x04" + b"\x00" * 60, name).kind == kind


def test_detect_by_content() -> None:
    assert detect(make_pdf([["x"]])[:8192], "noname").kind == formats.PDF
    assert detect(b"PAR1\x15\x04", "data.bin").kind == formats.PARQUET
    assert detect(make_odt(["x"])[:8192], "renamed.zip").kind == formats.ODT  # its mimetype
    assert detect(make_ods({"A": [["x"]]})[:8192], "noname").kind == formats.ODS
    assert detect(make_xlsx({"A": [["x"]]})[:8192], "a.xlsx").kind == formats.XLSX
    assert detect(make_docx(["x"])[:8192], "a.docx").kind == formats.DOCX
    assert detect(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "a.xls").kind == formats.XLS
    assert detect(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "a.xlsx").kind == \
        formats.ENCRYPTED_OFFICE
    assert detect(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "a.doc").kind == \
        formats.BINARY
    assert detect(b"<?xml version='1.0'?><a/>", "export").kind == formats.XML
    assert detect(b"\n <!DOCTYPE html><html>", "page").kind == formats.HTML
    assert detect(b"<html><table>", "report.xls").kind == formats.HTML  # Excel's HTML "xls"
    assert detect(b"<?xml version='1.0'?><a/>", "notes.txt").kind == formats.TEXT
    assert detect(b"Navn;CPR\n", "a.docx").kind == formats.DOCX  # -> not_a_docx when read
