from __future__ import annotations

import gzip
import io
import json
import random

from scanner.extract.gz import inner_name
from tests.extract.conftest import by_field, run


def _noise_lines(n: int) -> str:
    rnd = random.Random(5)
    return "".join(f"{i} {rnd.getrandbits(64):x} user{i}@example.dk\n" for i in range(n))


def test_gzip_text_is_read_under_the_gz_location():
    text = _noise_lines(200)
    pieces, outcome = run("app.log.gz", gzip.compress(text.encode()))
    assert "".join(p.text for p in pieces) == text
    assert outcome.status == "ok" and outcome.units_scanned == 200
    assert 0 < outcome.bytes_read < len(text)  # compressed bytes


def test_gzip_inner_format_from_name_csv_and_jsonl():
    pieces, _ = run("kunder.csv.gz", gzip.compress(b"navn,email\nJens,j@x.dk\n"))
    assert by_field(pieces) == {"navn": ["Jens"], "email": ["j@x.dk"]}
    pieces, _ = run("ev.jsonl.gz", gzip.compress(b'{"u": "a"}\n{"u": "b"}\n'))
    assert by_field(pieces) == {"$.u": ["a", "b"]}


def test_gzip_inner_name_from_header():
    buf = io.BytesIO()
    with gzip.GzipFile(filename="dump.json", mode="wb", fileobj=buf) as gz:
        gz.write(json.dumps({"email": "a@x.dk"}).encode())
    assert inner_name("blob.gz", buf.getvalue()[:100]) == "dump.json"
    pieces, _ = run("blob.gz", buf.getvalue())
    assert by_field(pieces) == {"$.email": ["a@x.dk"]}


def test_truncated_gzip_keeps_what_was_read():
    text = _noise_lines(20_000)
    data = gzip.compress(text.encode())
    pieces, outcome = run("big.log.gz", data[: len(data) // 2])
    got = "".join(p.text for p in pieces)
    assert len(got) > len(text) // 3
    assert text.startswith(got)
    assert (outcome.status, outcome.error_type) == ("error", "truncated_gzip")


def test_truncated_gzip_csv_flushes_buffered_rows():
    rows = "".join(f"{i},p{i}@x.dk\n" for i in range(5000))
    data = gzip.compress(("id,email\n" + rows).encode())
    pieces, outcome = run("k.csv.gz", data[: int(len(data) * 0.6)])
    emails = by_field(pieces)["email"]
    assert len(emails) > 1000 and emails[0] == "p0@x.dk"
    assert outcome.error_type == "truncated_gzip"
    assert outcome.units_scanned >= len(emails) - 1


def test_corrupt_gzip():
    data = bytearray(gzip.compress(_noise_lines(2000).encode()))
    data[200:260] = b"\xff" * 60
    _, outcome = run("c.txt.gz", bytes(data))
    assert (outcome.status, outcome.error_type) == ("error", "corrupt_gzip")


def test_gzip_of_binary_is_skipped():
    _, outcome = run("x.gz", gzip.compress(b"\x89PNG\r\n\x1a\n \x00\x01"))  # (PDFs are read)
    assert (outcome.status, outcome.error_type) == ("skipped", "binary")


def test_empty_gzip_member():
    pieces, outcome = run("e.txt.gz", gzip.compress(b""))
    assert pieces == [] and outcome.status == "ok"
