from __future__ import annotations

import io
import json
import os
import random
import struct
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as ids
from tests.extract.containers import encrypt_flag, make_zip, raw_name_zip, walk


@pytest.fixture
def rng() -> random.Random:
    return random.Random(404)


def test_members_are_locations_with_their_own_fields(rng):
    cpr, mail, tel = ids.dk_cpr(rng), cf.email(rng), cf.phone(rng, "DK")
    data = make_zip({
        "kunder/liste.csv": f"navn,email,cpr\nJens,{mail},{cpr}\nAnna,,\n",
        "eksport.json": json.dumps({"kunder": [{"kontakt": {"tlf": tel}}]}),
        "noter.txt": f"Ring på tlf. {tel}\n",
        "tom/": "",
    })
    nodes = walk("a.zip", data)
    assert set(nodes) == {"a.zip", "a.zip!/kunder/liste.csv", "a.zip!/eksport.json",
                          "a.zip!/noter.txt"}
    assert nodes["a.zip"].pieces == []
    assert nodes["a.zip"].row == ("ok", None) and nodes["a.zip"].outcome.units_scanned == 3
    assert nodes["a.zip!/kunder/liste.csv"].fields == {"navn": ["Jens", "Anna"],
                                                       "email": [mail, ""], "cpr": [cpr, ""]}
    assert nodes["a.zip!/eksport.json"].fields == {"$.kunder[*].kontakt.tlf": [tel]}
    assert nodes["a.zip!/noter.txt"].lines == [f"Ring på tlf. {tel}"]
    member = nodes["a.zip!/kunder/liste.csv"].member
    assert member is not None and member.name == "liste.csv" and member.depth == 1
    assert member.size == len(f"navn,email,cpr\nJens,{mail},{cpr}\nAnna,,\n")


def test_stored_and_bzip2_and_lzma_members():
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        nodes = walk("m.zip", make_zip({"a.txt": "hej x@example.dk\n"}, method))
        assert nodes["m.zip!/a.txt"].lines == ["hej x@example.dk"], method


@pytest.mark.parametrize("raw,expected,flag", [
    ("æøå.csv".encode(), "æøå.csv", True),  # flag bit 11: UTF-8
    (b"\x91\x86.txt", "æå.txt", False),  # cp437 (spec): æ å
    (b"G\x94teborg \x84.txt", "Göteborg ä.txt", False),  # cp437 ö ä
    (b"S\x9bren \x9d.txt", "Søren Ø.txt", False),  # cp850 (Nordic OEM): ø Ø, cp437 has ¢ ¥
    ("Malmö å.txt".encode(), "Malmö å.txt", False),  # UTF-8 without the flag (macOS, 7-Zip)
    (b"\xe6bler \xf8l.txt", "æbler øl.txt", False),  # cp1252 ("ANSI") names
])
def test_non_ascii_member_names(raw, expected, flag):
    nodes = walk("n.zip", raw_name_zip([raw], utf8_flag=flag))
    (loc,) = [k for k in nodes if "!/" in k]
    node = nodes[loc]
    assert node.member is not None and node.member.name == expected
    from urllib.parse import quote
    assert loc == "n.zip!/" + quote(expected)


def test_info_zip_unicode_path_field_wins():
    raw = b"S\x9bren.txt"
    utf8 = "Sørén.txt".encode()
    field = struct.pack("<HHB", 0x7075, 5 + len(utf8), 1)
    field += struct.pack("<I", __import__("zlib").crc32(raw)) + utf8
    nodes = walk("u.zip", raw_name_zip([raw], extra=field))
    (member,) = [n.member for n in nodes.values() if n.member]
    assert member.name == "Sørén.txt"


def test_nested_zips_three_deep(rng):
    mail = cf.email(rng)
    inner = make_zip({"c.txt": f"mail {mail}\n"})
    middle = make_zip({"c.zip": inner, "ved siden af.txt": "intet\n"})
    outer = make_zip({"b.zip": middle})
    nodes = walk("a.zip", make_zip({"a.zip": outer}))
    deep = "a.zip!/a.zip!/b.zip!/c.zip!/c.txt"
    assert nodes[deep].lines == [f"mail {mail}"]
    assert nodes[deep].member.depth == 4
    assert "a.zip!/a.zip!/b.zip!/ved%20siden%20af.txt" in nodes
    assert all(n.row == ("ok", None) for n in nodes.values())


def test_depth_limit_is_recorded_on_the_archive_not_read():
    inner = make_zip({"c.txt": "x@example.dk\n"})
    data = make_zip({"b.zip": make_zip({"c.zip": inner})})
    nodes = walk("a.zip", data, max_archive_depth=2)
    assert "a.zip!/b.zip!/c.zip" in nodes
    assert not any(k.endswith("c.txt") for k in nodes)
    node = nodes["a.zip!/b.zip!/c.zip"]
    assert node.row == ("skipped", "archive_depth_limit")
    assert "max_archive_depth" in node.outcome.error_message
    assert nodes["a.zip!/b.zip"].row == ("ok", None)


def test_zip_bomb_by_declared_ratio_is_not_inflated():
    data = make_zip({"bomb.txt": b"0" * (20 << 20), "ok.txt": "fine x@example.dk\n"})
    assert len(data) < 200_000
    nodes = walk("bomb.zip", data)
    bomb = nodes["bomb.zip!/bomb.txt"]
    assert bomb.row == ("skipped", "compression_ratio_limit")
    assert bomb.pieces == [] and bomb.outcome.bytes_read == 0
    assert nodes["bomb.zip!/ok.txt"].lines == ["fine x@example.dk"]


def test_small_very_compressible_members_are_fine():
    nodes = walk("z.zip", make_zip({"blank.txt": b" " * 500_000 + b"x@example.dk\n"}))
    assert nodes["z.zip!/blank.txt"].row == ("ok", None)


def test_member_limit_counts_and_stops():
    data = make_zip({f"f{k:02d}.txt": f"{k}\n" for k in range(10)})
    nodes = walk("many.zip", data, max_archive_members=4)
    assert sorted(k for k in nodes if "!/" in k) == [f"many.zip!/f{k:02d}.txt" for k in range(4)]
    assert nodes["many.zip"].row == ("error", "archive_member_limit")
    assert "max_archive_members" in nodes["many.zip"].outcome.error_message


def test_nested_members_count_against_the_outer_file():
    inner = make_zip({f"i{k}.txt": "x\n" for k in range(5)})
    nodes = walk("o.zip", make_zip({"a.zip": inner, "b.txt": "y\n"}), max_archive_members=4)
    members = [k for k in nodes if "!/" in k]
    assert len(members) == 4  # a.zip + 3 of its members; b.txt is not listed
    assert nodes["o.zip!/a.zip"].row == ("error", "archive_member_limit")
    assert nodes["o.zip"].row == ("error", "archive_member_limit")


def test_byte_budget_cuts_a_member_and_stops_the_archive():
    big = "".join(f"linje {k} x{k}@example.dk\n" for k in range(20_000))
    data = make_zip({"a.txt": big, "b.txt": "later@example.dk\n"})
    nodes = walk("b.zip", data, max_archive_bytes=100_000)
    cut = nodes["b.zip!/a.txt"]
    assert cut.row == ("error", "archive_bytes_limit")
    assert 0 < len(cut.text) and big.startswith(cut.text[:1000])
    assert "b.zip!/b.txt" not in nodes
    assert nodes["b.zip"].row == ("error", "archive_bytes_limit")


def test_path_traversal_names_stay_in_memory(tmp_path, monkeypatch):
    tag = uuid.uuid4().hex
    evil_rel = f"../../pii-scan-evil-{tag}.txt"
    evil_abs = f"/tmp/pii-scan-evil-{tag}.txt"
    data = make_zip({evil_rel: "a@example.dk\n", evil_abs: "b@example.dk\n",
                     "./ok/../x.txt": "c@example.dk\n"})
    work = tmp_path / "cwd" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    before = {p for p in Path(tmp_path).rglob("*")}
    nodes = walk("evil.zip", data)
    rel = f"evil.zip!/%2E%2E/%2E%2E/pii-scan-evil-{tag}.txt"
    absl = f"evil.zip!/%2Ftmp/pii-scan-evil-{tag}.txt"
    assert nodes[rel].lines == ["a@example.dk"]
    assert nodes[absl].lines == ["b@example.dk"]
    assert nodes[rel].row == ("ok", "unsafe_member_path")
    assert nodes["evil.zip!/%2E/ok/%2E%2E/x.txt"].row == ("ok", "unsafe_member_path")
    assert not os.path.exists(evil_abs)
    assert not (tmp_path / f"pii-scan-evil-{tag}.txt").exists()
    assert {p for p in Path(tmp_path).rglob("*")} == before
    assert not any(tag in name for name in os.listdir("/tmp"))


def test_encrypted_member_is_skipped_with_reason():
    data = encrypt_flag(make_zip({"secret.csv": "cpr\n010203-1234\n"}))
    nodes = walk("enc.zip", data)
    node = nodes["enc.zip!/secret.csv"]
    assert node.row == ("skipped", "encrypted") and node.pieces == []
    assert "password" in node.outcome.error_message
    assert nodes["enc.zip"].row == ("ok", None)


def test_bad_central_directory_recovers_members_from_local_headers(rng):
    mails = [cf.email(rng) for _ in range(3)]
    data = bytearray(make_zip({f"m{k}.csv": f"email\n{m}\n" for k, m in enumerate(mails)}))
    cd = data.find(b"PK\x01\x02")
    data[cd : cd + 4] = b"XXXX"
    nodes = walk("cd.zip", bytes(data))
    assert nodes["cd.zip"].row == ("error", "corrupt_zip")
    assert "3 members were recovered" in nodes["cd.zip"].outcome.error_message
    for k, m in enumerate(mails):
        assert nodes[f"cd.zip!/m{k}.csv"].fields == {"email": [m]}


def test_truncated_zip_keeps_members_before_the_cut():
    first = "".join(f"p{k}@example.dk\n" for k in range(50))
    rnd = random.Random(3)
    second = "".join(f"{rnd.getrandbits(64):x} q{k}@example.dk\n" for k in range(20_000))
    data = make_zip({"first.txt": first, "second.txt": second})
    nodes = walk("cut.zip", data[: len(data) // 2])
    assert nodes["cut.zip"].row == ("error", "corrupt_zip")
    assert nodes["cut.zip!/first.txt"].text == first
    cut = nodes["cut.zip!/second.txt"]
    assert cut.row == ("error", "corrupt_member")
    assert len(cut.text) > 1000 and second.startswith(cut.text[:1000])


def test_truncated_zip_ending_in_a_stored_zip_is_not_read_as_that_zip(rng):
    mails = [cf.email(rng) for _ in range(3)]
    inner = make_zip({"c.txt": "intet her\n"})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, m in enumerate(mails):
            zf.writestr(f"m{k}.csv", f"email\n{m}\n")
        zf.writestr(zipfile.ZipInfo("b.zip"), inner, compress_type=zipfile.ZIP_STORED)
    data = buf.getvalue()
    # Cut inside the outer directory: the last directory left in the file is the inner zip's.
    cut = data[: data.rfind(b"PK\x01\x02") + 10]
    nodes = walk("bad.zip", cut)
    assert nodes["bad.zip"].row == ("error", "corrupt_zip")
    for k, m in enumerate(mails):  # the outer members are recovered, not silently lost
        assert nodes[f"bad.zip!/m{k}.csv"].fields == {"email": [m]}


def test_member_with_bad_crc_is_an_error_but_its_neighbours_are_fine():
    data = bytearray(make_zip({"a.txt": "aaaa x@example.dk\n", "b.txt": "b@example.dk\n"},
                              zipfile.ZIP_STORED))
    pos = data.find(b"aaaa")
    data[pos : pos + 4] = b"bbbb"
    nodes = walk("crc.zip", bytes(data))
    assert nodes["crc.zip!/a.txt"].row == ("error", "corrupt_member")
    assert nodes["crc.zip!/b.txt"].row == ("ok", None)
    assert nodes["crc.zip"].row == ("ok", None)


def test_empty_zip_and_not_a_zip():
    nodes = walk("e.zip", make_zip({}))
    assert list(nodes) == ["e.zip"] and nodes["e.zip"].row == ("ok", None)
    nodes = walk("x.zip", b"PK\x03\x04" + b"garbage " * 20)
    assert nodes["x.zip"].row == ("error", "corrupt_zip")


def test_member_dates_utc_from_extended_timestamp_else_dos_time():
    buf = io.BytesIO()
    stamp = 1_600_000_000
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("t.txt", date_time=(2001, 2, 3, 4, 5, 6))
        info.extra = struct.pack("<HHBi", 0x5455, 5, 1, stamp)
        zf.writestr(info, "x\n")
        zf.writestr(zipfile.ZipInfo("d.txt", date_time=(2001, 2, 3, 4, 5, 6)), "y\n")
    nodes = walk("t.zip", buf.getvalue())
    assert nodes["t.zip!/t.txt"].member.last_modified == datetime.fromtimestamp(stamp, UTC)
    assert nodes["t.zip!/d.txt"].member.last_modified == datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_a_zip_named_csv_is_read_as_a_zip():
    nodes = walk("export.csv", make_zip({"inner.csv": "email\nx@example.dk\n"}))
    assert nodes["export.csv!/inner.csv"].fields == {"email": ["x@example.dk"]}


def test_member_names_with_bang_and_percent_are_encoded():
    nodes = walk("q.zip", make_zip({"a!/b%20c.txt": "x\n"}))
    assert "q.zip!/a%21/b%2520c.txt" in nodes


def test_a_zip_declaring_huge_numbers_of_members_is_read_from_the_front():
    data = make_zip({f"f{k:03d}.txt": f"{k} x@example.dk\n" for k in range(60)})
    nodes = walk("lots.zip", data, max_archive_members=10)
    assert nodes["lots.zip"].row == ("error", "archive_member_limit")
    members = sorted(k for k in nodes if "!/" in k)
    assert members == [f"lots.zip!/f{k:03d}.txt" for k in range(10)]
    assert nodes["lots.zip!/f003.txt"].lines == ["3 x@example.dk"]
