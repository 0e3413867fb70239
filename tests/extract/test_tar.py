from __future__ import annotations

import bz2
import gzip
import io
import lzma
import random
import tarfile
from datetime import UTC, datetime

import pytest

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as ids
from tests.extract.containers import make_tar, make_zip, walk


@pytest.fixture
def rng() -> random.Random:
    return random.Random(77)


def _noise(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return "".join(f"{k} {rnd.getrandbits(64):x} u{k}@example.dk\n" for k in range(n))


@pytest.mark.parametrize("name,mode", [("a.tar", "w"), ("a.tar.gz", "w:gz"), ("a.tgz", "w:gz"),
                                       ("a.tar.bz2", "w:bz2"), ("a.tar.xz", "w:xz")])
def test_tar_members_are_locations_under_the_archive_file(rng, name, mode):
    cpr, mail = ids.dk_cpr(rng), cf.email(rng)
    data = make_tar({"eksport/kunder.csv": f"email,cpr\n{mail},{cpr}\n",
                     "log.txt": f"login {mail}\n"}, mode)
    nodes = walk(name, data)
    assert set(nodes) == {name, f"{name}!/eksport/kunder.csv", f"{name}!/log.txt"}
    assert nodes[f"{name}!/eksport/kunder.csv"].fields == {"email": [mail], "cpr": [cpr]}
    assert nodes[f"{name}!/log.txt"].lines == [f"login {mail}"]
    assert nodes[name].row == ("ok", None) and nodes[name].outcome.units_scanned == 2
    member = nodes[f"{name}!/log.txt"].member
    assert member.last_modified == datetime.fromtimestamp(1_700_000_000, UTC)


def test_tar_with_zip_member_and_non_files():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for kind, name in ((tarfile.DIRTYPE, "d"), (tarfile.SYMTYPE, "d/link")):
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = "elsewhere" if kind == tarfile.SYMTYPE else ""
            tf.addfile(info)
        data = make_zip({"in.txt": "x@example.dk\n"})
        info = tarfile.TarInfo("d/arkiv.zip")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    nodes = walk("t.tar", buf.getvalue())
    assert set(nodes) == {"t.tar", "t.tar!/d/arkiv.zip", "t.tar!/d/arkiv.zip!/in.txt"}
    assert nodes["t.tar!/d/arkiv.zip!/in.txt"].lines == ["x@example.dk"]


def test_non_ascii_tar_names_pax_and_legacy():
    data = make_tar({"Åse/øl.txt": "x\n"})  # pax (UTF-8)
    assert "t.tar!/%C3%85se/%C3%B8l.txt" in walk("t.tar", data)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT, encoding="cp1252") as tf:
        info = tarfile.TarInfo("Malmö.txt")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"x\n"))
    nodes = walk("g.tar", buf.getvalue())
    assert nodes["g.tar!/Malm%C3%B6.txt"].member.name == "Malmö.txt"


def test_truncated_tar_gz_keeps_members_before_the_damage():
    members = {f"m{k}.txt": _noise(3000, k) for k in range(6)}
    data = gzip.compress(make_tar(members))
    nodes = walk("cut.tar.gz", data[: int(len(data) * 0.55)])
    assert nodes["cut.tar.gz"].row[0] == "error"
    assert nodes["cut.tar.gz"].row[1] in ("truncated_gzip", "truncated_tar")
    full = [k for k in range(6) if nodes.get(f"cut.tar.gz!/m{k}.txt")
            and nodes[f"cut.tar.gz!/m{k}.txt"].row == ("ok", None)]
    assert full[:2] == [0, 1]
    for k in full:
        assert nodes[f"cut.tar.gz!/m{k}.txt"].text == members[f"m{k}.txt"]
    partial = [n for n in nodes.values() if n.row == ("error", "corrupt_member")]
    assert len(partial) == 1 and 0 < len(partial[0].text)


def test_plain_tar_cut_at_a_member_boundary_is_truncated_not_complete():
    members = {"a.txt": "a@example.dk\n", "b.txt": "b@example.dk\n"}
    data = make_tar(members)
    end_of_b = 512 * 4  # header a, data a, header b, data b
    nodes = walk("cut.tar", data[:end_of_b])
    assert nodes["cut.tar!/b.txt"].lines == ["b@example.dk"]
    assert nodes["cut.tar"].row == ("error", "truncated_tar")


def test_bad_tar_header_in_the_middle_is_corrupt():
    data = bytearray(make_tar({"a.txt": "a@example.dk\n", "b.txt": "b@example.dk\n"}))
    data[1024 + 148 : 1024 + 156] = b"99999999"  # checksum field of the second header
    nodes = walk("bad.tar", bytes(data))
    assert nodes["bad.tar!/a.txt"].lines == ["a@example.dk"]
    assert "bad.tar!/b.txt" not in nodes
    assert nodes["bad.tar"].row == ("error", "corrupt_tar")


def test_not_a_tar():
    nodes = walk("x.tar", b"hello, this is not a tar archive\n" * 40)
    assert nodes["x.tar"].row == ("error", "corrupt_tar")


def test_tar_gz_bomb_hits_the_ratio_guard_in_the_compressor():
    data = gzip.compress(make_tar({"zeros.txt": b"0" * (30 << 20)}), 9)
    assert len(data) < 100_000
    nodes = walk("bomb.tgz", data)
    assert nodes["bomb.tgz"].row == ("error", "compression_ratio_limit")
    assert nodes["bomb.tgz!/zeros.txt"].outcome.bytes_read < (2 << 20) * 200


@pytest.mark.parametrize("name,compress", [("notes.txt.bz2", bz2.compress),
                                           ("notes.txt.xz", lzma.compress),
                                           ("notes.txt.gz", gzip.compress)])
def test_single_file_compressors_are_the_location(rng, name, compress):
    tel = cf.phone(rng, "SE")
    nodes = walk(name, compress(f"Ring tlf. {tel}\n".encode()))
    assert list(nodes) == [name]
    assert nodes[name].lines == [f"Ring tlf. {tel}"]


def test_csv_bz2_keeps_its_fields(rng):
    mail = cf.email(rng)
    nodes = walk("kunder.csv.bz2", bz2.compress(f"navn,email\nJens,{mail}\n".encode()))
    assert nodes["kunder.csv.bz2"].fields == {"navn": ["Jens"], "email": [mail]}


@pytest.mark.parametrize("name,compress,error", [
    ("cut.log.bz2", bz2.compress, "truncated_bzip2"),
    ("cut.log.xz", lzma.compress, "truncated_xz")])
def test_truncated_bz2_and_xz_keep_the_prefix(name, compress, error):
    text = _noise(120_000)  # bzip2 decodes whole 900 kB blocks: several of them
    data = compress(text.encode())
    nodes = walk(name, data[: len(data) // 2])
    got = nodes[name].text
    assert nodes[name].row == ("error", error)
    assert len(got) > len(text) // 4 and text.startswith(got)


def test_corrupt_xz():
    data = bytearray(lzma.compress(_noise(5000).encode()))
    data[100:160] = b"\x00" * 60
    nodes = walk("c.log.xz", bytes(data))
    assert nodes["c.log.xz"].row == ("error", "corrupt_xz")


def test_bz2_bomb_stops_at_the_ratio_limit():
    data = bz2.compress(b"0" * (40 << 20))
    nodes = walk("zeros.txt.bz2", data)
    assert nodes["zeros.txt.bz2"].row == ("error", "compression_ratio_limit")
    assert len(nodes["zeros.txt.bz2"].text) < 40 << 20


def test_text_that_starts_with_bzh_is_text():
    nodes = walk("notes.txt", b"BZh9 is how a bzip2 stream starts\n")
    assert nodes["notes.txt"].lines == ["BZh9 is how a bzip2 stream starts"]
