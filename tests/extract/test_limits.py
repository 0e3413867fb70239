from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from scanner import pipeline
from scanner.extract import limits
from scanner.model import ScanUnit
from scanner.settings import ConfigError, Settings, load_settings
from tests.extract.containers import make_zip, walk


def test_limits_are_configurable_with_documented_defaults(tmp_path: Path):
    s = load_settings()
    assert (s.max_archive_depth, s.max_archive_bytes, s.max_archive_members,
            s.max_compression_ratio, s.max_file_seconds, s.max_mail_bytes) == (
        5, 4 << 30, 100_000, 200, 1800, 64 << 20)
    conf = tmp_path / "c.yaml"
    conf.write_text("max_archive_depth: 1\nmax_file_seconds: 0\n")
    s = load_settings(conf)
    assert s.max_archive_depth == 1 and s.max_file_seconds == 0
    conf.write_text("max_archive_members: -3\n")
    with pytest.raises(ConfigError, match="max_archive_members"):
        load_settings(conf)


def test_zero_means_no_limit():
    inner = make_zip({"c.txt": "x\n"})
    data = make_zip({f"b{k}.zip": inner for k in range(3)})
    nodes = walk("a.zip", data, max_archive_depth=0, max_archive_members=0,
                 max_archive_bytes=0, max_compression_ratio=0, max_file_seconds=0)
    assert all(n.row == ("ok", None) for n in nodes.values()) and len(nodes) == 7


@pytest.fixture
def fast_clock(monkeypatch: pytest.MonkeyPatch):
    """Every look at the clock is ten seconds later."""
    ticks = itertools.count(0, 10)
    monkeypatch.setattr(limits.time, "monotonic", lambda: float(next(ticks)))


def test_time_limit_stops_the_file_and_says_so(fast_clock):
    data = make_zip({f"m{k:02d}.txt": f"{k} x@example.dk\n" for k in range(30)})
    nodes = walk("slow.zip", data, max_file_seconds=100)
    members = [k for k in nodes if "!/" in k]
    assert 0 < len(members) < 30
    assert nodes["slow.zip"].row == ("error", "time_limit")
    assert "max_file_seconds" in nodes["slow.zip"].outcome.error_message
    assert any(nodes[k].row == ("error", "time_limit") for k in members)


def test_time_limit_on_a_plain_file(fast_clock):
    text = "".join(f"line {k}\n" for k in range(400_000))
    nodes = walk("big.txt", text.encode(), max_file_seconds=30, chunk_chars=1 << 14)
    assert nodes["big.txt"].row == ("error", "time_limit")
    assert 0 < len(nodes["big.txt"].text) < len(text)


def test_scope_budget_is_shared_and_first_hit_wins():
    scope = limits.Scope(Settings(max_archive_bytes=10, max_archive_members=1))
    assert scope.admit_member() and not scope.admit_member()
    assert scope.stopped[0] == "archive_member_limit"
    assert not scope.charge(50)
    assert scope.stopped[0] == "archive_member_limit"


def test_a_crashing_member_does_not_stop_its_container(tmp_path: Path, monkeypatch):
    from scanner.extract import STREAM_EXTRACTORS
    from scanner.extract import detect as formats

    real = STREAM_EXTRACTORS[formats.EML]

    def boom(stream, ctx):
        raise RuntimeError("a bug with a value 010203-1234 in its message")
        yield  # pragma: no cover

    monkeypatch.setitem(STREAM_EXTRACTORS, formats.EML, boom)
    path = tmp_path / "a.zip"
    path.write_bytes(make_zip({"a.eml": "From: x\n\nhej\n", "b.txt": "b@example.dk\n"}))
    unit = ScanUnit(location=path.as_uri(), source_type="file", scheme="local", key=str(path),
                    size=path.stat().st_size)
    result = pipeline.scan_unit(unit, Settings(workers=1))
    rows = {r.location.location.rsplit("!/", 1)[-1]: r for r in result.members}
    assert rows["a.eml"].location.status == "error"
    assert rows["a.eml"].location.error_type == "RuntimeError"
    assert "010203" not in rows["a.eml"].location.error_message
    assert rows["b.txt"].findings[0].entity_type == "EMAIL_ADDRESS"
    assert result.location.status == "ok" and result.location.units_scanned == 2
    assert all(r.location.container == path.as_uri() for r in result.members)
    assert real is not boom


@pytest.mark.parametrize("path,location", [
    ("a/b.csv", "X!/a/b.csv"),
    ("../../etc/passwd", "X!/%2E%2E/%2E%2E/etc/passwd"),
    ("/etc/passwd", "X!/%2Fetc/passwd"),
    ("C:\\Users\\x.txt", "X!/C%3A%5CUsers%5Cx.txt"),
    ("a/./b", "X!/a/%2E/b"),
    ("æ ø#?.txt", "X!/%C3%A6%20%C3%B8%23%3F.txt"),
])
def test_member_locations_are_percent_encoded_and_defused(path, location):
    from scanner.extract.names import base_name, is_unsafe, member_location

    assert member_location("X", path) == location
    assert is_unsafe(path) == (".." in path or path.startswith("/") or ":" in path)
    assert "/" not in base_name(path) and "\\" not in base_name(path)
