"""PDF: text layer page by page; encrypted / no text layer skipped; damage classified."""

from __future__ import annotations

import re

import pytest

from scanner.extract import pdf
from tests.extract.conftest import run
from tests.extract.docfiles import encrypt_pdf, make_pdf

PAGES = [["CPR-nr.: 010190-1234", "Telefon: +45 12 34 56 78"], ["E-mail: anna@example.dk"]]


def text_of(pieces) -> str:
    assert all(p.field is None for p in pieces)
    return "".join(p.text for p in pieces)


@pytest.mark.parametrize("compress", [True, False])
def test_text_layer_page_by_page(compress: bool) -> None:
    pieces, outcome = run("r.pdf", make_pdf(PAGES, compress=compress))
    assert text_of(pieces).splitlines() == [*PAGES[0], *PAGES[1]]
    assert (outcome.status, outcome.error_type, outcome.units_scanned) == ("ok", None, 3)


def test_many_pages_with_reader_recycling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PAGES_PER_READER", 3)
    pages = [[f"Side {i}"] for i in range(10)]
    pieces, outcome = run("m.pdf", make_pdf(pages))
    assert text_of(pieces).splitlines() == [f"Side {i}" for i in range(10)]


def test_encrypted_is_skipped_empty_password_is_read() -> None:
    pieces, outcome = run("e.pdf", encrypt_pdf(make_pdf(PAGES)))
    assert (outcome.status, outcome.error_type) == ("skipped", "encrypted") and not pieces
    pieces, outcome = run("o.pdf", encrypt_pdf(make_pdf(PAGES), user_password=""))
    assert outcome.status == "ok" and "010190-1234" in text_of(pieces)


def test_no_text_layer_and_partly_scanned() -> None:
    pieces, outcome = run("scan.pdf", make_pdf([["x"], ["y"]], image_only=(0, 1)))
    assert (outcome.status, outcome.error_type) == ("skipped", "no_text_layer") and not pieces
    pieces, outcome = run("half.pdf", make_pdf([["x"], ["Side to"]], image_only=(0,)))
    assert (outcome.status, outcome.error_type) == ("ok", "pages_without_text")
    assert text_of(pieces) == "Side to\n"


def test_truncated_and_not_a_pdf() -> None:
    data = make_pdf(PAGES)
    for bad in (data[: len(data) // 2], b"%PDF-1.4\nnonsense", b"not a pdf at all"):
        pieces, outcome = run("bad.pdf", bad)
        assert (outcome.status, outcome.error_type) == ("error", "corrupt_pdf") and not pieces


def test_broken_xref_is_repaired_and_reported() -> None:
    data = make_pdf(PAGES)
    shifted = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7),
                     data)
    pieces, outcome = run("xref.pdf", shifted)
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_pdf")
    assert "repaired" in (outcome.error_message or "")
    assert "010190-1234" in text_of(pieces)  # what was read keeps its findings


def test_damaged_page_does_not_lose_the_others() -> None:
    data = make_pdf(PAGES)
    start = data.index(b"stream\n", data.index(b"5 0 obj")) + 7
    damaged = data[:start] + b"\x00garbage" + data[start + 8:]
    pieces, outcome = run("page.pdf", damaged)
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_pdf")
    assert "1 of 2" in (outcome.error_message or "")
    assert text_of(pieces) == "E-mail: anna@example.dk\n"


def test_pypdf_messages_never_reach_the_log(caplog: pytest.LogCaptureFixture) -> None:
    data = make_pdf(PAGES)
    start = data.index(b"stream\n", data.index(b"5 0 obj")) + 7
    with caplog.at_level("DEBUG"):
        run("page.pdf", data[:start] + b"\x00garbage" + data[start + 8:])
        run("xref.pdf", data.replace(b"startxref\n", b"startxref\n9"))
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
