"""The executor: in-process for one worker, a pool otherwise, crashes isolated, Ctrl-C stops it."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from scanner import executor, pipeline
from scanner.inventory import UnitResult
from scanner.model import ScanUnit
from scanner.settings import load_settings
from scanner.sources import list_units

EMAIL = "someone.else@example.se"


def _units(d: Path, names: list[str], lines: int = 3) -> list[ScanUnit]:
    d.mkdir(exist_ok=True)
    for name in names:
        (d / name).write_text(f"skriv til {EMAIL}\n" * lines)
    units = [u for u in list_units(str(d), load_settings()) if isinstance(u, ScanUnit)]
    assert len(units) == len(names)
    return units


def _by_name(results) -> dict[str, UnitResult]:
    return {unit.location.rsplit("/", 1)[-1]: result for unit, result in results}


def test_one_worker_runs_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = _units(tmp_path / "d", ["a.txt", "b.txt"])

    def no_pool(*args, **kwargs):
        raise AssertionError("no pool for --workers 1")

    monkeypatch.setattr(executor, "ProcessPoolExecutor", no_pool)
    results = list(executor.run_units(units, load_settings(flags={"workers": 1})))
    assert [u.location for u, _ in results] == [u.location for u in units]
    assert all(r.findings[0].match_count == 3 for _, r in results)


def test_pool_returns_every_result(tmp_path: Path) -> None:
    names = [f"f{i}.txt" for i in range(7)]
    results = _by_name(executor.run_units(_units(tmp_path / "d", names),
                                          load_settings(flags={"workers": 2})))
    assert set(results) == set(names)
    assert all(r.location.status == "ok" and r.findings[0].match_count == 3
               for r in results.values())


def test_crashing_units_are_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = [f"f{i}.txt" for i in range(6)] + ["victim-1.txt", "victim-2.txt"]
    monkeypatch.setenv(pipeline.CRASH_ENV, "victim")
    results = _by_name(executor.run_units(_units(tmp_path / "d", names),
                                          load_settings(flags={"workers": 2})))
    assert set(results) == set(names)
    for name, result in results.items():
        if name.startswith("victim"):
            assert (result.location.status, result.location.error_type) == (
                "error", executor.WORKER_CRASHED)
            assert not result.findings
        else:
            assert result.location.status == "ok" and result.findings[0].match_count == 3


def test_keyboard_interrupt_stops_the_pool(tmp_path: Path) -> None:
    names = [f"f{i:02d}.txt" for i in range(40)]
    units = _units(tmp_path / "d", names, lines=20_000)
    gen = executor.run_units(units, load_settings(flags={"workers": 2}))
    next(gen)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        gen.throw(KeyboardInterrupt)
    assert time.monotonic() - started < 10  # busy workers were ended, not waited for


def test_unit_result_pickles(tmp_path: Path) -> None:
    [unit] = _units(tmp_path / "d", ["a.txt"])
    result = pipeline.scan_unit(unit, load_settings())
    again = pickle.loads(pickle.dumps(result))
    assert again.location.location == unit.location
    assert again.findings[0].samples == result.findings[0].samples
    assert EMAIL not in repr(again)


def test_safe_message_scrubs_values() -> None:
    engine = pipeline.engine_for(load_settings())
    exc = ValueError(f"invalid literal for int(): '0101901234' near {EMAIL} cpr 010190-1234 x")
    message = pipeline.safe_message(exc, engine)
    for value in ("0101901234", "010190-1234", EMAIL, "someone"):
        assert value not in message
    assert message.startswith("invalid literal for int()")
    assert pipeline.safe_message(PermissionError(13, "Permission denied", "/x/cpr-0101901234"))\
        == "Permission denied"


def test_scan_unit_turns_any_exception_into_an_error_row(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    [unit] = _units(tmp_path / "d", ["a.txt"])

    def exploding(unit, opened, settings, outcome):
        yield from ()
        raise RuntimeError(f"bug while reading {EMAIL}")

    monkeypatch.setattr(pipeline, "extract", exploding)
    result = pipeline.scan_unit(unit, load_settings())
    assert (result.location.status, result.location.error_type) == ("error", "RuntimeError")
    assert EMAIL not in (result.location.error_message or "")

    def interrupted(unit, opened, settings, outcome):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(pipeline, "extract", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.scan_unit(unit, load_settings())


def _session_processes(session: int) -> list[int]:
    """PIDs of the live processes in ``session`` (Linux ``/proc``; zombies do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def test_workers_end_when_the_scan_is_killed(tmp_path: Path) -> None:
    """SIGKILL of the scanning process (OOM killer, scheduler timeout) ends its workers too."""
    import os
    import signal
    import subprocess
    import sys

    _units(tmp_path / "d", ["hangs-1.txt", "hangs-2.txt", "ok.txt"])
    env = dict(os.environ, **{pipeline.CRASH_ENV: "hang:hangs-"})
    scan = subprocess.Popen(
        [sys.executable, "-m", "scanner.cli", "scan", str(tmp_path / "d"), "--workers", "2",
         "--out", str(tmp_path / "out")],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_session_processes(scan.pid)) < 3:  # the scan and two workers, at least
            assert scan.poll() is None, "the scan ended although two units hang"
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.1)
        time.sleep(1)  # the workers are inside the hanging units now
        os.kill(scan.pid, signal.SIGKILL)
        scan.wait()
        deadline = time.monotonic() + 20
        while _session_processes(scan.pid):
            assert time.monotonic() < deadline, f"orphans: {_session_processes(scan.pid)}"
            time.sleep(0.1)
    finally:
        for pid in _session_processes(scan.pid):
            os.kill(pid, signal.SIGKILL)
