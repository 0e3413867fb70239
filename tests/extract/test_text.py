from __future__ import annotations

import codecs
import io
import random

import pytest

from scanner.extract import extract
from scanner.extract.chunk import OVERLAP_CHARS, Chunker
from scanner.model import ExtractOutcome
from scanner.settings import Settings
from tests.extract.conftest import make_unit, owned_text, run


def test_plain_text_is_one_piece_with_lines_as_units(fake):
    lines = [f"{fake.name()} {fake.email()} tlf. {fake.phone_number()}" for _ in range(50)]
    text = "\n".join(lines) + "\n"
    pieces, outcome = run("notes.txt", text.encode())
    assert outcome.status == "ok" and outcome.error_type is None
    assert outcome.units_scanned == 50
    assert outcome.bytes_read == len(text.encode())
    assert [p.field for p in pieces] == [None]
    assert owned_text(pieces, text) == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks(codec):
    text = "Navn: Søren Ærø\nBy: Malmö\n"
    data = text.encode(codec)
    if codec.startswith("utf-16"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    pieces, outcome = run("x.txt", data)
    assert outcome.status == "ok" and outcome.error_type is None
    assert "".join(p.text for p in pieces) == text
    assert outcome.units_scanned == 2


def test_cp1252_fallback_is_read_and_recorded():
    data = "Kunde: Jens\nAdresse: Ærø 12\n".encode("cp1252") + "Malmö\n".encode()
    pieces, outcome = run("legacy.txt", data)
    assert "".join(p.text for p in pieces) == "Kunde: Jens\nAdresse: Ærø 12\nMalmö\n"
    assert outcome.status == "ok"
    assert outcome.error_type == "invalid_utf8"
    assert "1 lines" in (outcome.error_message or "")
    assert "Ærø" not in (outcome.error_message or "")


def test_binary_file_is_skipped_with_reason():
    pieces, outcome = run("blob.txt", b"\x00\x01\x02secret 010190-1234")
    assert pieces == []
    assert (outcome.status, outcome.error_type) == ("skipped", "binary")
    assert "NUL" in (outcome.error_message or "")
    assert "010190" not in (outcome.error_message or "")


@pytest.mark.parametrize("head,what", [(b"\x7fELF\x02\x01", "ELF"),
                                       (b"7z\xbc\xaf\x27\x1c\x00", "7-Zip"),
                                       (b"\x89PNG\r\n\x1a\n\x00", "PNG")])
def test_known_binary_formats_are_named(head, what):
    _, outcome = run("file.csv", head + b"a,b\n1,2\n")
    assert outcome.status == "skipped" and what in (outcome.error_message or "")


def test_empty_file_is_ok_with_no_units():
    pieces, outcome = run("empty.log", b"")
    assert pieces == []
    assert (outcome.status, outcome.units_scanned, outcome.error_type) == ("ok", 0, None)


def test_last_line_without_newline_counts():
    _, outcome = run("x.log", b"a\nb\nc")
    assert outcome.units_scanned == 3


def test_many_lines_are_cut_at_line_ends_and_bounded():
    rnd = random.Random(7)
    lines = ["".join(rnd.choice("abcdef 0123456789") for _ in range(rnd.randint(0, 300)))
             for _ in range(3000)]
    text = "\n".join(lines) + "\n"
    pieces, outcome = run("app.log", text.encode(), chunk_chars=10_000)
    assert len(pieces) > 30
    assert owned_text(pieces, text) == text
    for piece in pieces:
        assert len(piece.text) <= 10_000 + 2 * OVERLAP_CHARS
        owned = piece.text[piece.owned_start : piece.owned_end]
        assert owned.endswith("\n") or piece is pieces[-1]
    assert outcome.units_scanned == 3000


def test_50mb_single_line_gives_bounded_pieces_covering_every_char_once():
    rnd = random.Random(1)
    alphabet = "abcdefghij 0123456789@.-"
    block = "".join(rnd.choice(alphabet) for _ in range(1 << 16))
    text = block * 800  # 52 MB, one line, no newline at the end
    data = text.encode()
    outcome = ExtractOutcome()
    settings = Settings()
    pieces = list(extract(make_unit("one.log"), io.BytesIO(data), settings, outcome))
    assert len(pieces) >= 50
    assert max(len(p.text) for p in pieces) <= settings.chunk_chars + 2 * OVERLAP_CHARS
    assert all(p.first_unit == 0 for p in pieces)
    assert all(p.owned_start >= OVERLAP_CHARS or i == 0 for i, p in enumerate(pieces))
    assert owned_text(pieces, text) == text
    assert outcome.units_scanned == 1 and outcome.bytes_read == len(data)


def test_long_line_cut_uses_max_line_chars():
    text = "x" * 10_000 + "\nshort\n"
    chunker = Chunker(chunk_chars=8_000, max_line_chars=3_000)
    pieces = list(chunker.feed(text)) + list(chunker.finish())
    assert owned_text(pieces, text) == text
    owned = [p.owned_end - p.owned_start for p in pieces]  # type: ignore[operator]
    # the window from 0 has no line end: cut after max_line_chars; the rest fits one piece
    assert owned == [3_000, 7_007]


def test_chunker_fed_in_small_blocks_matches_whole():
    rnd = random.Random(3)
    text = "".join(rnd.choice("ab\n") for _ in range(20_000))
    whole = Chunker(1000, 1000)
    expected = [(p.text, p.first_unit, p.owned_start, p.owned_end)
                for p in [*whole.feed(text), *whole.finish()]]
    fed = Chunker(1000, 1000)
    got = []
    for i in range(0, len(text), 77):
        got.extend(fed.feed(text[i : i + 77]))
    got.extend(fed.finish())
    assert [(p.text, p.first_unit, p.owned_start, p.owned_end) for p in got] == expected
    assert owned_text(got, text) == text


def test_read_error_becomes_outcome():
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise PermissionError(13, "Permission denied")

    outcome = ExtractOutcome()
    pieces = list(extract(make_unit("x.txt"), Broken(), Settings(), outcome))  # type: ignore[arg-type]
    assert pieces == []
    assert (outcome.status, outcome.error_type) == ("error", "permission_denied")
