"""The command line: flags -> settings, exit codes, the summary, the progress bar, the demo."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scanner import cli, progress
from scanner.demo import FIXED_MTIME
from tests.estate import CliResult, read_findings, read_locations, run_cli


def test_exit_code_constants() -> None:
    assert (cli.EXIT_OK, cli.EXIT_PARTIAL, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED) == (0, 1, 2, 130)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    (d / "a.txt").write_text("mail: someone@example.dk\n")
    return d


@pytest.mark.parametrize("args, message", [
    (["scan"], "the following arguments are required"),
    (["scan", "X"], "--out"),
    (["scan", "X", "--out", "o", "--workers", "0"], "--workers"),
    (["scan", "X", "--out", "o", "--min-score", "high"], "--min-score"),
    (["scan", "X", "--out", "o", "--full", "--sample-rows", "5"], "not allowed with"),
    (["scan", "X", "--out", "o", "--bogus"], "unrecognized arguments"),
    (["frobnicate"], "invalid choice"),
    ([], "the following arguments are required"),
])
def test_usage_errors_exit_2(args: list[str], message: str, folder: Path) -> None:
    args = [str(folder) if a == "X" else a for a in args]
    result = run_cli(*args)
    assert result.code == cli.EXIT_USAGE
    assert message in result.err


def test_help_exits_0() -> None:
    assert run_cli("scan", "--help").code == 0


def _usage(result: CliResult, *needles: str) -> None:
    assert result.code == cli.EXIT_USAGE, result
    for needle in needles:
        assert needle in result.err
    assert "Scan complete" not in result.out


def test_unknown_only_type(folder: Path, tmp_path: Path) -> None:
    result = run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--only", "DK_CPR,PASSPORT")
    _usage(result, "PASSPORT", "DK_CPR")  # names the bad one and lists the known ones
    assert not (tmp_path / "o").exists()


def test_min_score_out_of_range(folder: Path, tmp_path: Path) -> None:
    _usage(run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--min-score", "1.5"),
           "min_score")


def test_bad_config_key_names_file_and_key(folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("min_score: 0.5\nsample_rowz: 10\n")
    _usage(run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--config", str(config)),
           str(config), "sample_rowz")


def test_bad_config_value_and_missing_file(folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("only: [DK_CPR, NOPE]\n")
    _usage(run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--config", str(config)),
           "NOPE")
    _usage(run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--config",
                   str(tmp_path / "missing.yaml")), "missing.yaml")


def test_nonexistent_path_and_unknown_scheme(tmp_path: Path) -> None:
    _usage(run_cli("scan", str(tmp_path / "nope"), "--out", str(tmp_path / "o")), "nope")
    _usage(run_cli("scan", "ftp://host/dir", "--out", str(tmp_path / "o")), "ftp://host/dir")
    assert not (tmp_path / "o").exists()


def test_flags_become_settings(folder: Path) -> None:
    args = cli.build_parser().parse_args([
        "scan", str(folder), "--out", "o", "--workers", "3", "--sample-rows", "7", "--only",
        "email_address, IP_ADDRESS", "--min-score", "0.6", "--exclude", "*.log", "--exclude",
        "tmp/*", "x/*", "--quiet",
    ])
    settings = cli.settings_from_args(args)
    assert (settings.workers, settings.sample_rows, settings.full) == (3, 7, False)
    assert settings.only == ("EMAIL_ADDRESS", "IP_ADDRESS")
    assert settings.min_score == 0.6 and settings.quiet
    assert settings.exclude == ("*.log", "tmp/*", "x/*")


def test_config_file_then_flags(folder: Path, tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("min_score: 0.7\nsample_rows: 3\n")
    args = cli.build_parser().parse_args(
        ["scan", str(folder), "--out", "o", "--config", str(config), "--sample-rows", "9"])
    settings = cli.settings_from_args(args)
    assert (settings.min_score, settings.sample_rows) == (0.7, 9)

    # The flag is the row choice: it overrides "full: true" in the file, and --full overrides a
    # sample size there.
    config.write_text("full: true\n")
    args = cli.build_parser().parse_args(
        ["scan", str(folder), "--out", "o", "--config", str(config), "--sample-rows", "5"])
    assert (cli.settings_from_args(args).full, cli.settings_from_args(args).sample_rows) == (
        False, 5)
    config.write_text("sample_rows: 5\n")
    args = cli.build_parser().parse_args(
        ["scan", str(folder), "--out", "o", "--config", str(config), "--full"])
    assert cli.settings_from_args(args).full


def test_summary_and_scan_json(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = run_cli("scan", f"file://{folder}", "--out", str(out), "--workers", "1")
    assert result.code == cli.EXIT_OK
    lines = result.out.splitlines()
    assert lines[0].startswith("Scan complete")
    assert "1 visited: 1 scanned, 1 with personal data, 0 failed, 0 skipped" in lines[1]
    assert any(line.split() == ["EMAIL_ADDRESS", "1"] for line in lines)
    assert any("MB/s" in line and "Elapsed" in line for line in lines)
    assert f"Inventory: {out}" in result.out
    scan = json.loads((out / "scan.json").read_text())
    assert scan["sources"] == [f"file://{folder}"]
    assert scan["settings"]["workers"] == 1 and scan["status"] == "complete"
    assert scan["totals"]["matches_by_entity"] == {"EMAIL_ADDRESS": 1}
    assert {"started", "ended", "tool_version", "scan_id"} <= set(scan)


def test_failed_location_exits_1(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.json").write_text('{"a": [1, 2,')
    result = run_cli("scan", str(folder), "--out", str(tmp_path / "o"), "--workers", "1")
    assert result.code == cli.EXIT_PARTIAL
    assert "1 failed" in result.out


def test_password_never_written(tmp_path: Path) -> None:
    result = run_cli("scan", "sqlite+pysqlite://user:hunter2secret@/" + str(tmp_path / "x.db"),
                     "--out", str(tmp_path / "o"), "--workers", "1")
    assert "hunter2secret" not in result.out + result.err
    for path in (tmp_path / "o").rglob("*"):
        if path.is_file():
            assert b"hunter2secret" not in path.read_bytes()


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert progress.make_progress(quiet=False) is None  # pytest's stderr is no terminal

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(progress.sys, "stderr", fake)
    assert progress.make_progress(quiet=True) is None
    assert isinstance(progress.make_progress(quiet=False), progress.TqdmProgress)
    bar = progress.TqdmProgress(mininterval=0)
    bar.start(locations=4, nbytes=4_000_000)
    bar.advance(2_000_000, 1)
    bar.close()
    text = fake.getvalue()
    assert "locations 1/4" in text and "2.00M/4.00M" in text and "B/s" in text


def test_demo_is_deterministic(tmp_path: Path) -> None:
    runs = []
    for name in ("one", "two"):
        result = run_cli("demo", "--out", str(tmp_path / name), "--workers", "1")
        assert result.code == 0, result.err
        assert "Scan complete" in result.out
        inv = tmp_path / name / "inventory"
        rows = read_findings(inv)
        for row in rows:
            row.pop("scan_id")
            row["location"] = row["location"].replace(str(tmp_path / name), "")
            assert row["last_modified"].timestamp() == FIXED_MTIME
        runs.append(sorted(rows, key=lambda r: (r["location"], str(r["field"]),
                                                 r["entity_type"])))
        assert len(read_locations(inv)) == 14
    assert runs[0] == runs[1]
    assert len(runs[0]) > 40


def test_demo_never_replaces_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "estate").mkdir()
    (tmp_path / "estate" / "precious.txt").write_text("not ours")
    _usage(run_cli("demo", "--out", str(tmp_path), "--workers", "1"), "not a pii-scan demo")
    assert (tmp_path / "estate" / "precious.txt").exists()


def test_out_dir_with_foreign_data_is_refused_before_scanning(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "findings").mkdir(parents=True)
    (out / "findings" / "notes.docx").write_text("someone's file")
    _usage(run_cli("scan", str(folder), "--out", str(out)), "not Parquet")
    assert (out / "findings" / "notes.docx").exists() and not (out / "scan.json").exists()


def test_inventory_inside_the_scanned_folder_is_not_scanned(folder: Path) -> None:
    out = folder / "inventory"
    for _ in range(2):
        assert run_cli("scan", str(folder), "--out", str(out), "--workers", "1").code == 0
    assert [loc.rsplit("/", 1)[-1] for loc in read_locations(out)] == ["a.txt"]


def test_quiet_prints_no_summary(tmp_path, capsys):
    from scanner.cli import main

    (tmp_path / "a.txt").write_text("nothing personal here\n", encoding="utf-8")
    assert main(["scan", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["scan", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out2")]) == 0
    assert "Locations" in capsys.readouterr().out
