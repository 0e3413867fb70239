"""Word processing (docx, odt): every paragraph a line, field null, bad input classified."""

from __future__ import annotations

from tests.extract.conftest import run
from tests.extract.docfiles import make_docx, make_odt, rewrite_zip


def text_of(pieces) -> str:
    assert all(p.field is None for p in pieces)
    return "".join(p.text for p in pieces)


def test_docx_body_tables_headers_footers_textbox_once() -> None:
    data = make_docx(["Kære Anna", "Dit CPR-nr. er 010190-1234"],
                     table=[["12345678", "90"], ["Tlf.", "+45 12 34 56 78"]],
                     header="Kontakt anna@example.dk", footer="Side 1",
                     textbox="Betalt med kort 4111 1111 1111 1111")
    pieces, outcome = run("brev.docx", data)
    lines = text_of(pieces).splitlines()
    assert lines[:2] == ["Kære Anna", "Dit CPR-nr. er 010190-1234"]
    assert lines[2:6] == ["12345678", "90", "Tlf.", "+45 12 34 56 78"]  # cells never glue
    assert lines.count("Betalt med kort 4111 1111 1111 1111") == 1  # VML fallback skipped
    assert "Kontakt anna@example.dk" in lines and "Side 1" in lines
    assert outcome.units_scanned == len(lines) and outcome.status == "ok"


def test_docx_runs_join_tabs_and_deleted_text() -> None:
    body = (b'<w:p><w:r><w:t>CPR </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>0101</w:t></w:r>'
            b'<w:r><w:t>90-1234</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>'
            b'<w:p><w:del><w:r><w:delText>slettet 020290-2345</w:delText></w:r></w:del></w:p>')
    data = rewrite_zip(make_docx(["placeholder"]), "word/document.xml",
                       lambda xml: xml.replace(b"<w:sectPr", body + b"<w:sectPr", 1))
    lines = text_of(run("r.docx", data)[0]).splitlines()
    assert "CPR 010190-1234\tx" in lines and "slettet 020290-2345" in lines


def test_docx_not_a_docx_and_corrupt() -> None:
    pieces, outcome = run("renamed.docx", b"Dit CPR-nr. er 010190-1234\n")
    assert (outcome.status, outcome.error_type) == ("error", "not_a_docx") and not pieces
    assert "010190" not in (outcome.error_message or "")
    data = make_docx(["CPR-nr. 010190-1234"])
    _, outcome = run("cut.docx", data[: len(data) - 300])
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_docx")


def test_docx_damaged_xml_keeps_paragraphs_before() -> None:
    data = make_docx([f"Linje {i} CPR-nr. 010190-1234" for i in range(50)])
    broken = rewrite_zip(data, "word/document.xml", lambda xml: xml[: len(xml) * 2 // 3])
    pieces, outcome = run("half.docx", broken)
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_docx")
    lines = text_of(pieces).splitlines()
    assert 10 < len(lines) < 50 and lines[0] == "Linje 0 CPR-nr. 010190-1234"
    assert outcome.units_scanned == len(lines)


def test_odt_paragraphs_tables_spans_and_spaces() -> None:
    data = make_odt(["Kære Anna", "Dit CPR-nr. er 010190-1234"],
                    table=[["12345678", "90"], ["Tlf.", "12 34 56 78"]])
    lines = text_of(run("brev.odt", data)[0]).splitlines()
    assert lines == ["Kære Anna", "Dit CPR-nr. er 010190-1234", "12345678", "90", "Tlf.",
                     "12 34 56 78"]


def test_odt_inline_spans_join_note_numbers_do_not() -> None:
    body = (b'<text:p>CPR <text:span>0101</text:span>90-1234<text:s text:c="2"/>slut'
            b'<text:note><text:note-citation>7</text:note-citation><text:note-body><text:p>'
            b"Fodnote</text:p></text:note-body></text:note></text:p>")
    data = rewrite_zip(make_odt(["placeholder"]), "content.xml",
                       lambda xml: xml.replace(b"<text:p>placeholder</text:p>", body))
    lines = text_of(run("n.odt", data)[0]).splitlines()
    assert lines == ["Fodnote", "CPR 010190-1234  slut"]


def test_odt_bad_input() -> None:
    _, outcome = run("x.odt", b"plain text")
    assert (outcome.status, outcome.error_type) == ("error", "not_a_odt")
    data = make_odt([f"Linje {i}" for i in range(40)])
    broken = rewrite_zip(data, "content.xml", lambda xml: xml[: len(xml) * 2 // 3])
    pieces, outcome = run("x.odt", broken)
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_odt")
    assert text_of(pieces).startswith("Linje 0\n")


def test_password_protected_opendocument_is_skipped() -> None:
    from tests.extract.docfiles import make_ods

    def encrypt(manifest: bytes) -> bytes:  # what a password-protected file's manifest says
        return manifest.replace(b"</manifest:manifest>", (
            b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
            b'"text/xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>'))

    for name, data in (("x.odt", make_odt(["CPR-nr. 010190-1234"])),
                       ("x.ods", make_ods({"A": [["CPR"], ["010190-1234"]]}))):
        locked = rewrite_zip(data, "META-INF/manifest.xml", encrypt)
        pieces, outcome = run(name, locked)
        assert (outcome.status, outcome.error_type) == ("skipped", "encrypted") and not pieces
