from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scanner.extract import extract
from scanner.model import ExtractOutcome, LocationError, ScanUnit
from scanner.settings import Settings
from scanner.sources import (
    SourceError,
    SourceUriError,
    list_units,
    open_unit,
    redact_uri,
    scheme_for,
)


def units(uri, **settings) -> list[ScanUnit | LocationError]:
    return list(list_units(str(uri), Settings(**settings)))


def locations(items) -> dict[str, ScanUnit | LocationError]:
    return {item.location: item for item in items}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text("hej\n")
    (root / ".hidden.csv").write_text("email\na@x.dk\n")
    (root / "sub" / "b.log").write_text("log\n")
    (root / "sub" / "deeper" / "c.json").write_text("{}")
    (root / "sub" / "skip.bak").write_text("x")
    (root / "navn med æ og #.txt").write_text("x")
    return root


@pytest.mark.parametrize("uri,key", [
    ("data/folder", "local"), ("/abs/file.csv", "local"), ("file:///abs/x.txt", "local"),
    ("sqlite:///rel.db", "sql"), ("sqlite:////abs/app.db", "sql"),
    ("postgresql://u:pw@h/db", "sql"), ("mysql+pymysql://u:pw@h/db", "sql"),
])
def test_scheme_for(uri, key):
    assert scheme_for(uri) == key


@pytest.mark.parametrize("uri", ["s3://bucket/key", "nosuchdialect://u:hunter2@h/db",
                                 "sqlite:rel.db", "", "file://otherhost/x"])
def test_unknown_uri_raises_without_password(uri):
    with pytest.raises(SourceUriError) as err:
        scheme_for(uri)
    assert isinstance(err.value, ValueError)
    assert "hunter2" not in str(err.value)


def test_redact_uri():
    assert redact_uri("postgresql://u:hunter2@h:5432/db") == "postgresql://u@h:5432/db"
    assert "hunter2" not in redact_uri("mysql+pymysql://u@h/db?password=hunter2&charset=utf8")
    assert redact_uri("/some/path") == "/some/path"
    assert "hunter2" not in redact_uri("weird://u:hunter2@h/x")


def test_walk_lists_every_file_with_metadata(tree: Path):
    items = units(tree)
    assert all(isinstance(i, ScanUnit) for i in items)
    names = sorted(Path(i.key).name for i in items)  # type: ignore[union-attr]
    assert names == sorted([".hidden.csv", "a.txt", "b.log", "c.json", "skip.bak",
                            "navn med æ og #.txt"])
    unit = locations(items)[(tree / "a.txt").resolve().as_uri()]
    assert isinstance(unit, ScanUnit)
    assert unit.source_type == "file" and unit.scheme == "local" and unit.size == 4
    assert unit.last_modified is not None and unit.last_modified.tzinfo is not None
    mtime = datetime.fromtimestamp((tree / "a.txt").stat().st_mtime, tz=UTC)
    assert unit.last_modified == mtime
    odd = [i.location for i in items if "navn" in i.location]
    assert odd == [(tree / "navn med æ og #.txt").resolve().as_uri()]
    assert "%23" in odd[0] and "%C3%A6" in odd[0]


def test_walk_is_deterministic(tree: Path):
    assert [i.location for i in units(tree)] == [i.location for i in units(tree)]


def test_single_file_and_file_uri(tree: Path):
    target = tree / "navn med æ og #.txt"
    by_path = units(target)
    by_uri = units(target.resolve().as_uri())
    assert [u.location for u in by_path] == [u.location for u in by_uri]
    assert len(by_path) == 1


def test_missing_path_is_a_location_error(tmp_path: Path):
    (item,) = units(tmp_path / "nope")
    assert isinstance(item, LocationError) and item.error_type == "not_found"


def test_excludes_relative_absolute_and_name(tree: Path):
    names = lambda items: sorted(Path(i.key).name for i in items)  # noqa: E731
    assert "skip.bak" not in names(units(tree, exclude=("*.bak",)))
    assert names(units(tree, exclude=("sub",))) == sorted([".hidden.csv", "a.txt",
                                                          "navn med æ og #.txt"])
    assert "c.json" not in names(units(tree, exclude=("sub/deeper/*",)))
    absolute = str((tree / "a.txt").resolve())
    assert "a.txt" not in names(units(tree, exclude=(absolute,)))


def test_symlinks(tree: Path, tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n")
    os.symlink(tree / "a.txt", tree / "link_to_a.txt")
    os.symlink(tree / "sub", tree / "link_to_sub")
    os.symlink(tree, tree / "sub" / "loop")
    os.symlink(outside, tree / "escape.txt")
    os.symlink(tree / "gone.txt", tree / "dangling.txt")
    os.symlink(tree / "self1", tree / "self2")
    os.symlink(tree / "self2", tree / "self1")
    items = units(tree)
    files = [i for i in items if isinstance(i, ScanUnit)]
    assert sorted(Path(u.key).name for u in files).count("a.txt") == 1  # scanned once
    assert all("link_to" not in u.location for u in files)
    assert len(files) == 6  # nothing walked twice through link_to_sub or the loop
    errors = {Path(e.location).name: e for e in items if isinstance(e, LocationError)}
    assert errors["escape.txt"].error_type == "symlink_outside_root"
    assert errors["escape.txt"].status == "skipped"
    assert errors["dangling.txt"].error_type == "broken_symlink"
    assert {errors["self1"].error_type, errors["self2"].error_type} == {"symlink_loop"}


def test_symlink_does_not_bypass_an_excluded_directory(tree: Path):
    os.symlink(tree / "sub" / "b.log", tree / "b_link.log")
    items = units(tree, exclude=("sub",))
    assert not any("b.log" in i.location for i in items)


def test_fifo_is_skipped_and_never_blocks(tree: Path):
    fifo = tree / "pipe"
    os.mkfifo(fifo)
    (item,) = [i for i in units(tree) if "pipe" in i.location]
    assert isinstance(item, LocationError)
    assert (item.status, item.error_type) == ("skipped", "special_file")
    fake = ScanUnit(location=fifo.as_uri(), source_type="file", scheme="local", key=str(fifo))
    with pytest.raises(SourceError) as err:
        with open_unit(fake, Settings()):
            pass
    assert err.value.error_type == "special_file"


def test_vanished_file(tree: Path):
    (unit,) = [u for u in units(tree) if u.location.endswith("a.txt")]
    (tree / "a.txt").unlink()
    with pytest.raises(SourceError) as err:
        with open_unit(unit, Settings()):  # type: ignore[arg-type]
            pass
    assert err.value.error_type == "not_found"


def test_open_and_extract(tree: Path):
    (unit,) = [u for u in units(tree) if u.location.endswith(".hidden.csv")]
    outcome = ExtractOutcome()
    with open_unit(unit, Settings()) as handle:  # type: ignore[arg-type]
        pieces = list(extract(unit, handle, Settings(), outcome))  # type: ignore[arg-type]
    assert [(p.field, p.text) for p in pieces] == [("email", "a@x.dk")]


def _lines_file(path: Path) -> bytes:
    parts = []
    for i in range(400):
        length = 3000 if i % 37 == 0 else (i * 7) % 120  # some lines longer than a range
        parts.append(f"{i}:" + "x" * length + "\n")
    data = "".join(parts).encode() + b"last line without newline"
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("split", [997, 1000, 4096, 25_000])
def test_big_text_file_split_ranges_cover_every_line_once(tmp_path: Path, split: int):
    data = _lines_file(tmp_path / "big.log")
    settings = Settings(split_bytes=split)
    parts = [u for u in list_units(str(tmp_path / "big.log"), settings)]
    assert len(parts) == -(-len(data) // split)
    assert all(isinstance(u, ScanUnit) and u.location == parts[0].location for u in parts)
    read = []
    total_lines = 0
    for unit in parts:
        assert isinstance(unit, ScanUnit) and unit.range_start is not None
        outcome = ExtractOutcome()
        with open_unit(unit, settings) as handle:
            pieces = list(extract(unit, handle, settings, outcome))  # type: ignore[arg-type]
        read.append("".join(p.text[p.owned_start : p.owned_end] for p in pieces))
        total_lines += outcome.units_scanned
        assert all(p.first_unit >= 0 for p in pieces)
    assert "".join(read).encode() == data
    assert total_lines == data.count(b"\n") + 1


def test_split_only_plain_text(tmp_path: Path):
    (tmp_path / "big.csv").write_bytes(b"a,b\n" * 1000)
    (tmp_path / "big.txt").write_bytes("x\n".encode("utf-16") * 1000)
    (tmp_path / "ok.txt").write_bytes(b"line\n" * 1000)
    items = units(tmp_path, split_bytes=1000)
    count = {Path(u.key).name: 0 for u in items}  # type: ignore[union-attr]
    for u in items:
        count[Path(u.key).name] += 1  # type: ignore[union-attr]
    assert count == {"big.csv": 1, "big.txt": 1, "ok.txt": 5}


_AS_NOBODY = textwrap.dedent("""
    import json, os, sys
    from scanner.extract import extract
    from scanner.model import ExtractOutcome, LocationError
    from scanner.settings import Settings
    from scanner.sources import SourceError, list_units, open_unit
    import scanner.sources.local, fnmatch, errno, stat  # everything loaded before dropping root
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    out = []
    for item in list_units(sys.argv[1], Settings()):
        if isinstance(item, LocationError):
            out.append(["list", os.path.basename(item.location), item.error_type])
            continue
        try:
            with open_unit(item, Settings()) as handle:
                outcome = ExtractOutcome()
                list(extract(item, handle, Settings(), outcome))
                out.append(["read", os.path.basename(item.key), outcome.status])
        except SourceError as exc:
            out.append(["open", os.path.basename(item.key), exc.error_type])
    print(json.dumps(out))
""")


def test_permission_denied_as_unprivileged_user():
    """Root ignores permissions: the walk runs as 'nobody' in a child process."""
    base = Path(tempfile.mkdtemp(prefix="pii-perm-", dir="/tmp"))
    try:
        base.chmod(0o755)
        (base / "ok.txt").write_text("hej\n")
        (base / "secret.txt").write_text("010190-1234\n")
        (base / "secret.txt").chmod(0o000)
        (base / "locked").mkdir()
        (base / "locked" / "inner.txt").write_text("x\n")
        (base / "locked").chmod(0o000)
        (base / "after").mkdir(mode=0o755)
        (base / "after" / "z.txt").write_text("z\n")
        (base / "after" / "z.txt").chmod(0o644)
        (base / "ok.txt").chmod(0o644)
        result = subprocess.run([sys.executable, "-c", _AS_NOBODY, str(base)], cwd="/",
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        rows = json.loads(result.stdout)
    finally:
        (base / "locked").chmod(0o755)
        subprocess.run(["rm", "-rf", str(base)], check=False)
    assert ["list", "locked", "permission_denied"] in rows
    assert ["open", "secret.txt", "permission_denied"] in rows
    assert ["read", "ok.txt", "ok"] in rows
    assert ["read", "z.txt", "ok"] in rows  # the walk went on after the locked directory


def _sqlite(path: Path, rows: list[tuple[str, str]]) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE kunder (navn TEXT, email TEXT)")
    con.executemany("INSERT INTO kunder VALUES (?, ?)", rows)
    con.commit()
    con.close()


def test_sqlite_files_in_a_folder_are_listed_as_databases(tmp_path: Path):
    root = tmp_path / "share"
    (root / "app data").mkdir(parents=True)
    _sqlite(root / "app data" / "crm #1?.db", [("Jens", "jens@firma.dk")])
    _sqlite(root / "cache.sqlite3", [("Mette", "mette@firma.dk")])
    _sqlite(root / "unknown.bin", [("Ole", "ole@firma.dk")])  # not a SQLite suffix: a file
    (root / "broken.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    (root / "text.db").write_text("not a database\n")  # a .db that is no SQLite file: a file
    items = locations(units(str(root)))
    db = f"sqlite:///{(root / 'app data').absolute()}/crm %231%3F.db/main.kunder"
    assert isinstance(items[db], ScanUnit), sorted(items)
    assert items[db].source_type == "sql"
    assert isinstance(items[f"sqlite:///{(root / 'cache.sqlite3').absolute()}/main.kunder"],
                      ScanUnit)
    assert items[(root / "unknown.bin").absolute().as_uri()].source_type == "file"
    assert items[(root / "text.db").absolute().as_uri()].source_type == "file"
    broken = [i for loc, i in items.items() if "broken.db" in loc]
    assert len(broken) == 1 and isinstance(broken[0], LocationError), broken


def test_a_sqlite_file_in_a_folder_is_scanned_like_a_sqlite_uri(tmp_path: Path):
    from scanner.runner import run_scan

    root = tmp_path / "share"
    root.mkdir()
    _sqlite(root / "app.db", [("Jens", "jens@firma.dk"), ("Mette", "mette@firma.dk")])
    from_folder = run_scan([str(root)], Settings(workers=1), tmp_path / "a")
    from_uri = run_scan([f"sqlite:///{root / 'app.db'}"], Settings(workers=1), tmp_path / "b")

    def found(report):
        return sorted((f.field, f.entity_type, f.match_count, f.units_with_match)
                      for r in report.results for f in r.findings)

    assert found(from_folder) == found(from_uri) == [("email", "EMAIL_ADDRESS", 2, 2)]
    assert [r.location.location for r in from_folder.results] == [
        r.location.location for r in from_uri.results]


def test_overlapping_uris_scan_each_location_once(tmp_path: Path):
    from scanner.runner import run_scan

    root = tmp_path / "share"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("skriv til jens@firma.dk\n")
    _sqlite(root / "app.db", [("Jens", "jens@firma.dk"), ("Mette", "mette@firma.dk")])
    uris = [str(root), str(root / "sub"), f"sqlite:///{root / 'app.db'}", str(root)]
    report = run_scan(uris, Settings(workers=1), tmp_path / "out")
    counts = sorted((r.location.location.rsplit("/", 1)[-1], f.match_count)
                    for r in report.results for f in r.findings)
    assert counts == [("a.txt", 1), ("main.kunder", 2)]
    assert len(report.results) == 2
