"""Bad input becomes a ``locations`` row, the scan goes on; Ctrl-C and worker crashes lose nothing.

Permission denied is provoked honestly although the tests run as root: the scan runs in a child
process whose capability bounding set lacks CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so the kernel
applies ordinary file permissions to it (a mode-000 file gives EACCES).
"""

from __future__ import annotations

import ctypes
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scanner import runner
from scanner.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL
from scanner.pipeline import CRASH_ENV
from tests.estate import read_findings, read_locations, run_cli

EMAIL = "planted.person@example.dk"
PII_SCAN = Path(sys.executable).with_name("pii-scan")


def pii_scan(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    """Start the real console script in a child process."""
    command = [str(PII_SCAN)] if PII_SCAN.exists() else [sys.executable, "-m", "scanner.cli"]
    return subprocess.Popen([*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, **(env or {})}, **kwargs)


def _by_name(out: Path) -> dict[str, dict]:
    return {loc.rsplit("/", 1)[-1]: row for loc, row in read_locations(out).items()}


def _found_names(out: Path) -> set[str]:
    return {r["location"].rsplit("/", 1)[-1] for r in read_findings(out)}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "latin1.txt").write_bytes(f"Gr\xf8n k\xe6de \xff\xfe mail {EMAIL}\n".encode("latin-1"))
    gz = gzip.compress(("line with " + EMAIL + "\n").encode() * 5000)
    (d / "truncated.log.gz").write_bytes(gz[: len(gz) // 2])
    (d / "malformed.json").write_text('{"kunder": [{"email": "' + EMAIL + '"}, {"email": ')
    (d / "ragged.csv").write_text(f"navn,email\nA,{EMAIL}\nB\nC,{EMAIL},extra,cells\n")
    (d / "good.txt").write_text(f"skriv til {EMAIL}\n")
    with (d / "one-line.txt").open("wb") as fh:  # 50 MB without a newline, one planted value
        block = b"lorem ipsum dolor sit amet " * 40_000
        while fh.tell() < 50_000_000:
            fh.write(block)
        fh.write(f" {EMAIL} ".encode())
    return d


@pytest.fixture(scope="module")
def bad_scan(bad_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("bad-out") / "inv"
    corrupt = bad_folder.parent / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run_cli("scan", str(bad_folder), f"sqlite:///{corrupt}", "--out", str(out),
                     "--workers", "2")
    return out, result.code


def test_each_bad_file_is_a_clear_row_and_the_scan_goes_on(bad_scan: tuple[Path, int]) -> None:
    out, code = bad_scan
    rows = _by_name(out)
    assert code == EXIT_PARTIAL
    empty, latin1 = rows["empty.txt"], rows["latin1.txt"]
    assert empty["status"] in ("ok", "skipped") and empty["units_scanned"] == 0
    assert (latin1["status"], latin1["error_type"]) == ("ok", "invalid_utf8")
    assert (rows["truncated.log.gz"]["status"], rows["truncated.log.gz"]["error_type"]) == (
        "error", "truncated_gzip")
    assert (rows["malformed.json"]["status"], rows["malformed.json"]["error_type"]) == (
        "error", "malformed_json")
    assert rows["ragged.csv"]["error_type"] == "ragged_rows"
    assert rows["one-line.txt"]["status"] == "ok"
    corrupt = next(r for loc, r in read_locations(out).items() if "corrupt.db" in loc)
    assert corrupt["status"] == "error" and corrupt["error_type"]
    for row in rows.values():
        if row["status"] != "ok":
            assert row["error_message"] and EMAIL not in row["error_message"]


def test_partial_results_are_kept(bad_scan: tuple[Path, int]) -> None:
    found = _found_names(bad_scan[0])
    # Values before the damage are found; the good file and the 50 MB line are complete.
    assert {"latin1.txt", "truncated.log.gz", "malformed.json", "ragged.csv", "good.txt",
            "one-line.txt"} <= found
    counts = {r["location"].rsplit("/", 1)[-1]: r["match_count"]
              for r in read_findings(bad_scan[0])}
    assert counts["one-line.txt"] == 1 and counts["ragged.csv"] == 2


def test_file_vanishing_between_listing_and_scanning(tmp_path: Path, monkeypatch) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "stays.txt").write_text(f"mail {EMAIL}\n")
    (d / "vanishes.txt").write_text(f"mail {EMAIL}\n")
    real_list = runner.list_units

    def list_then_delete(uri, settings):
        units = list(real_list(uri, settings))
        (d / "vanishes.txt").unlink()
        return iter(units)

    monkeypatch.setattr(runner, "list_units", list_then_delete)
    result = run_cli("scan", str(d), "--out", str(tmp_path / "o"), "--workers", "1")
    rows = _by_name(tmp_path / "o")
    assert result.code == EXIT_PARTIAL
    assert (rows["vanishes.txt"]["status"], rows["vanishes.txt"]["error_type"]) == (
        "error", "not_found")
    assert rows["stays.txt"]["status"] == "ok" and _found_names(tmp_path / "o") == {"stays.txt"}


def _without_dac_override() -> None:  # runs in the child before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_permission_denied(tmp_path: Path) -> None:
    d = tmp_path / "d"
    (d / "locked-dir").mkdir(parents=True)
    (d / "locked-dir" / "inner.txt").write_text(f"mail {EMAIL}\n")
    (d / "locked.txt").write_text(f"mail {EMAIL}\n")
    (d / "open.txt").write_text(f"mail {EMAIL}\n")
    (d / "locked.txt").chmod(0)
    (d / "locked-dir").chmod(0)
    try:
        proc = pii_scan("scan", str(d), "--out", str(tmp_path / "o"), "--workers", "1",
                        preexec_fn=_without_dac_override)
        _, err = proc.communicate(timeout=120)
    finally:
        (d / "locked-dir").chmod(0o755)
    assert proc.returncode == EXIT_PARTIAL, err
    rows = _by_name(tmp_path / "o")
    assert (rows["locked.txt"]["status"], rows["locked.txt"]["error_type"]) == (
        "error", "permission_denied")
    assert rows["locked-dir"]["error_type"] == "permission_denied"
    assert rows["open.txt"]["status"] == "ok" and _found_names(tmp_path / "o") == {"open.txt"}


def _many_files(d: Path, n: int, size: int) -> None:
    d.mkdir()
    text = (f"kontakt {EMAIL} og lidt tekst uden tal\n" * (size // 40)).encode()
    for i in range(n):
        (d / f"f{i:03d}.txt").write_bytes(text)


def test_worker_crash_loses_no_other_result(tmp_path: Path) -> None:
    d = tmp_path / "d"
    _many_files(d, 12, 2000)
    (d / "crash-here.txt").write_text(f"mail {EMAIL}\n")
    proc = pii_scan("scan", str(d), "--out", str(tmp_path / "o"), "--workers", "2",
                    env={CRASH_ENV: "crash-here"})
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == EXIT_PARTIAL, err
    rows = _by_name(tmp_path / "o")
    assert (rows["crash-here.txt"]["status"], rows["crash-here.txt"]["error_type"]) == (
        "error", "worker_crashed")
    assert _found_names(tmp_path / "o") == {f"f{i:03d}.txt" for i in range(12)}
    assert all(rows[f"f{i:03d}.txt"]["status"] == "ok" for i in range(12))


def test_crash_hook_is_inert_in_process(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "crash-here.txt").write_text(f"mail {EMAIL}\n")
    proc = pii_scan("scan", str(d), "--out", str(tmp_path / "o"), "--workers", "1",
                    env={CRASH_ENV: "crash-here"})
    proc.communicate(timeout=120)
    assert proc.returncode == EXIT_OK


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_writes_an_interrupted_inventory(tmp_path: Path, signum: int) -> None:
    d = tmp_path / "d"
    _many_files(d, 400, 400_000)  # ~160 MB: far more than a few seconds of scanning
    out = tmp_path / "o"
    proc = pii_scan("scan", str(d), "--out", str(out), "--workers", "2", "--log-level", "debug")
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until the first location is done
        line = proc.stderr.readline()
        if " done file://" in line or not line:
            break
    time.sleep(0.5)
    proc.send_signal(signum)
    stdout, _ = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_INTERRUPTED
    assert "INTERRUPTED" in stdout
    scan = json.loads((out / "scan.json").read_text())
    assert scan["status"] == "interrupted"
    rows = read_locations(out)
    assert 0 < len(rows) < 400
    assert all(r["status"] == "ok" for r in rows.values())
    assert len(read_findings(out)) == len(rows)  # every finished file kept its finding
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_sqlite_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "text.db"
    db.write_text("this is not a database at all\n" * 100)
    good = tmp_path / "good.db"
    con = sqlite3.connect(good)
    con.execute("CREATE TABLE t (email TEXT)")
    con.execute("INSERT INTO t VALUES (?)", (EMAIL,))
    con.commit()
    con.close()
    result = run_cli("scan", f"sqlite:///{db}", f"sqlite:///{good}", "--out", str(tmp_path / "o"),
                     "--workers", "1")
    assert result.code == EXIT_PARTIAL
    rows = read_locations(tmp_path / "o")
    bad = [r for loc, r in rows.items() if "text.db" in loc]
    assert bad and all(r["status"] == "error" for r in bad)
    assert any(r["location"].endswith("good.db/main.t") for r in read_findings(tmp_path / "o"))
