from __future__ import annotations

import io
import json

import pytest

from scanner.extract import extract, jsondoc
from scanner.model import ExtractOutcome
from scanner.settings import Settings
from tests.extract.conftest import by_field, make_unit, run


def _customers(fake, n):
    return [{"navn": fake.name(), "kontakt": {"email": fake.email(), "tlf": [fake.phone_number()]},
             "aktiv": True, "score": 1.5e7} for _ in range(n)]


def test_object_with_record_array_paths_and_units(fake):
    kunder = _customers(fake, 20)
    doc = {"firma": "Acme", "kunder": kunder}
    pieces, outcome = run("export.json", json.dumps(doc, indent=2).encode())
    cols = by_field(pieces)
    assert cols["$.kunder[*].kontakt.email"] == [k["kontakt"]["email"] for k in kunder]
    assert cols["$.kunder[*].kontakt.tlf[*]"][5] == kunder[5]["kontakt"]["tlf"][0]
    assert cols["$.kunder[*].score"][0] == "15000000"
    assert cols["$.firma"] == ["Acme"]
    assert "$.kunder[*].aktiv" not in cols  # booleans carry no text
    assert outcome.units_scanned == 20 and outcome.status == "ok"


def test_top_level_array_unit_is_record_index(fake):
    kunder = _customers(fake, 5)
    pieces, outcome = run("a.json", json.dumps(kunder).encode())
    email = [p for p in pieces if p.field == "$[*].kontakt.email"]
    assert len(email) == 1 and email[0].first_unit == 0
    assert email[0].text.split("\n")[3] == kunder[3]["kontakt"]["email"]
    assert outcome.units_scanned == 5


def test_multiple_values_in_one_unit_share_a_line():
    pieces, _ = run("t.json", b'[{"tlf": ["11 22 33 44", "55 66 77 88"]}, {"tlf": ["99"]}]')
    assert by_field(pieces)["$[*].tlf[*]"] == ["11 22 33 44 | 55 66 77 88", "99"]


def test_data_like_keys_are_not_field_names():
    pieces, _ = run("k.json", b'{"brugere": {"jens@x.dk": {"cpr": "0101901234"}}, "odd key": 1}')
    cols = by_field(pieces)
    assert cols["$.brugere.*~"] == ["jens@x.dk"]
    assert cols["$.brugere.*.cpr"] == ["0101901234"]
    assert cols["$['odd key']"] == ["1"]
    assert not any("jens@" in str(f) for f in cols)


def test_malformed_json_keeps_values_before_the_damage():
    data = (b'{"kunder": [{"email": "a@x.dk"}, {"email": "b@x.dk"}, {"email": oops}, '
            b'{"email": "d@x.dk"}]}')
    pieces, outcome = run("bad.json", data)
    assert by_field(pieces)["$.kunder[*].email"] == ["a@x.dk", "b@x.dk"]
    assert (outcome.status, outcome.error_type) == ("error", "malformed_json")
    assert "oops" not in (outcome.error_message or "")
    assert "character" in (outcome.error_message or "")


def test_truncated_json_keeps_prefix():
    doc = json.dumps([{"email": f"p{i}@x.dk"} for i in range(100)]).encode()
    pieces, outcome = run("t.json", doc[: len(doc) // 2])
    emails = by_field(pieces)["$[*].email"]
    assert emails[:10] == [f"p{i}@x.dk" for i in range(10)]
    assert len(emails) >= 40
    assert outcome.error_type == "malformed_json"


def test_empty_and_whitespace_json_are_ok():
    for data in (b"", b"  \n "):
        pieces, outcome = run("e.json", data)
        assert pieces == [] and outcome.status == "ok" and outcome.units_scanned == 0


def test_big_document_is_streamed_structurally(monkeypatch):
    """With a tiny fast-path buffer the structural walk must give the same pieces."""
    kunder = [{"e": f"p{i}@x.dk", "t": [i, i + 1.25]} for i in range(500)]
    doc = {"meta": {"n": 3}, "kunder": kunder}
    data = json.dumps(doc).encode()
    fast, fast_outcome = run("d.json", data)
    monkeypatch.setattr(jsondoc, "FAST_CHARS", 64)

    def small_blocks(blocks, stats):
        from scanner.extract.decode import iter_text as real

        for text in real(blocks, stats):
            for i in range(0, len(text), 100):
                yield text[i : i + 100]

    monkeypatch.setattr("scanner.extract.iter_text", small_blocks)
    walked = []
    container = jsondoc._Parser._container

    def counting(self, *args):
        walked.append(args[0])
        yield from container(self, *args)

    monkeypatch.setattr(jsondoc._Parser, "_container", counting)
    slow, slow_outcome = run("d.json", data)
    assert walked[:2] == ["{", "["]  # the document and the kunder array were walked
    assert by_field(slow) == by_field(fast)
    assert slow_outcome.units_scanned == fast_outcome.units_scanned == 500


def test_number_at_block_edge_is_not_cut(monkeypatch):
    def tiny_blocks(blocks, stats):
        for block in blocks:
            text = block.decode()
            for i in range(0, len(text), 3):
                yield text[i : i + 3]

    monkeypatch.setattr("scanner.extract.iter_text", tiny_blocks)
    pieces, outcome = run("n.json", b'[1234567890, "abcdefgh", 12.5, true, null]')
    assert by_field(pieces)["$[*]"] == ["1234567890", "abcdefgh", "12.5"]
    assert outcome.status == "ok"


def test_huge_string_value_is_bounded():
    data = json.dumps({"blob": "x" * 300_000}).encode()
    outcome = ExtractOutcome()
    settings = Settings(chunk_chars=50_000)
    pieces = list(extract(make_unit("b.json"), io.BytesIO(data), settings, outcome))
    assert sum(p.owned_end - p.owned_start for p in pieces) == 300_000  # type: ignore[operator]
    assert all(len(p.text) <= 50_000 + 1024 for p in pieces)


def test_json_lines_paths_units_and_bad_lines(fake):
    lines = [json.dumps({"user": {"email": fake.email(), "id": i}}) for i in range(6)]
    lines[2] = '{"user": {"email": "broken@x.dk"'
    lines.insert(4, "")
    data = ("\n".join(lines) + "\n").encode()
    pieces, outcome = run("events.jsonl", data)
    cols = by_field(pieces)
    assert cols["$.user.email"][0] == json.loads(lines[0])["user"]["email"]
    assert cols["$.user.email"][5] == json.loads(lines[5])["user"]["email"]
    assert cols["$.user.email"][2] == "" and cols["$.user.email"][4] == ""
    assert cols[None][2] == '{"user": {"email": "broken@x.dk"'  # bad line scanned as text
    assert outcome.status == "ok"
    assert outcome.error_type == "malformed_json_lines"
    assert "1 of 6" in (outcome.error_message or "")
    assert "broken" not in (outcome.error_message or "")
    assert outcome.units_scanned == 6


@pytest.mark.parametrize("name", ["x.ndjson", "x.json"])
def test_ndjson_and_json_lines_named_json(name):
    pieces, outcome = run(name, b'{"a": "1"}\n{"a": "2"}\n')
    assert by_field(pieces) == {"$.a": ["1", "2"]}
    assert outcome.status == "ok"
