"""Random-access formats get a seekable file: the local file itself, or a private spool."""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from pathlib import Path

import pytest

from scanner.extract import extract, spool
from scanner.extract.base import FileContext
from scanner.extract.streams import CountingReader, PrefixReader
from scanner.model import ExtractOutcome, ScanUnit
from scanner.settings import Settings
from tests.extract.conftest import by_field, run
from tests.extract.docfiles import make_pdf, make_xlsx

XLSX = make_xlsx({"A": [["CPR"], ["010190-1234"]]})


def ctx() -> FileContext:
    return FileContext(name="x", settings=Settings(), outcome=ExtractOutcome())


def test_local_file_is_used_in_place(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(XLSX)
    with open(path, "rb") as fp:
        outcome = ExtractOutcome()
        counted = CountingReader(fp, outcome)
        head = counted.read(100)
        stream = PrefixReader(head, counted)
        context = ctx()
        with spool.seekable(stream, context) as seekable:
            assert seekable is fp and seekable.tell() == 0
        assert context.outcome.bytes_read == len(XLSX) - 100


def test_other_streams_are_spooled_and_the_spill_file_is_removed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(spool, "SPOOL_MEMORY_BYTES", 1024)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stream = PrefixReader(XLSX[:10], io.BytesIO(XLSX[10:]))
    with spool.seekable(stream, ctx()) as seekable:
        assert seekable.read() == XLSX
        assert seekable._rolled  # type: ignore[attr-defined]  # beyond the limit: on disk
        assert os.listdir(tmp_path) == []  # anonymous: never has a name on disk
    assert os.listdir(tmp_path) == []


def test_document_inside_gzip_is_read_through_the_spool() -> None:
    pieces, outcome = run("kunder.xlsx.gz", gzip.compress(XLSX))
    assert by_field(pieces) == {"CPR": ["010190-1234"]} and outcome.status == "ok"
    pieces, outcome = run("r.pdf.gz", gzip.compress(make_pdf([["CPR-nr. 010190-1234"]])))
    assert "010190-1234" in pieces[0].text


def test_real_file_through_extract(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(XLSX)
    unit = ScanUnit(location=path.as_uri(), source_type="file", scheme="local", key=str(path),
                    size=len(XLSX))
    outcome = ExtractOutcome()
    with open(path, "rb") as fp:
        pieces = list(extract(unit, fp, Settings(), outcome))
    assert by_field(pieces) == {"CPR": ["010190-1234"]}
    assert outcome.bytes_read == len(XLSX)
