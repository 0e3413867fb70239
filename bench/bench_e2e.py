"""End-to-end benchmark: ``pii-scan scan`` as a user runs it, through sources and extractors.

Three figures, each against its target from issue 3, section 7::

    python -m bench.bench_e2e             # full size (200 MB folder, 2 GB file, 100 MB text)
    python -m bench.bench_e2e --quick     # smoke run (20 MB, 200 MB, 20 MB)

* ``workers``: MB/s on a generated folder of txt/log/csv/jsonl files with ``--workers 1`` and
  ``--workers 2``, run alternately (1, 2, 1, 2, ...) so machine drift hits both; the ratio is
  taken pair by pair and the median quoted. Target: 2 workers >= 1.8x one worker.
* ``rss``: the peak memory of the whole process tree while scanning one big text file (see
  ``bench.proctree``: PSS sum of the tree, RSS sum, largest single process). Target < 400 MB.
* ``free``: MB/s of free-text ``.txt`` files with ``--workers 1`` (one core) end to end, also
  net of start-up (the time to scan one tiny file). Target >= 10 MB/s.

Inputs are generated under ``--workdir`` (default /tmp/pii-scan-bench) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import files, proctree
from bench.report import table
from bench.sizes import add_size_flags, chosen_size

MB = 1 << 20
SIZES: dict[str, dict[str, int]] = {
    "full": {"folder_mb": 200, "big_mb": 2048, "text_mb": 100, "runs": 3},
    "quick": {"folder_mb": 20, "big_mb": 200, "text_mb": 20, "runs": 1},
}
TARGET_WORKERS_X, TARGET_RSS_MB, TARGET_FREE_MBS = 1.8, 400, 10.0


def pii_scan() -> list[str]:
    """The console script of this environment (the one next to this interpreter first)."""
    local = Path(sys.executable).with_name("pii-scan")
    found = str(local) if local.exists() else shutil.which("pii-scan")
    if not found:
        raise SystemExit("pii-scan is not installed in this environment (pip install -e .)")
    return [found]


class Runner:
    """Runs ``pii-scan scan`` with a private HOME and a fresh --out per run; keeps the logs."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.home = Path(tempfile.mkdtemp(prefix="pii-bench-home-"))
        self.env = dict(os.environ, HOME=str(self.home), XDG_CACHE_HOME=str(self.home / ".cache"),
                        TLDEXTRACT_CACHE_TIMEOUT="0.01")
        self.n = 0

    def scan(self, target: Path, workers: int, sample: bool = False) -> dict[str, Any]:
        """One scan of ``target``; its measurements plus the log path."""
        self.n += 1
        out = self.workdir / "out" / f"run{self.n:03d}"
        shutil.rmtree(out, ignore_errors=True)
        log = self.workdir / "logs" / f"run{self.n:03d}-w{workers}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        cmd = pii_scan() + ["scan", str(target), "--out", str(out), "--workers", str(workers),
                            "--quiet"]
        result = proctree.run(cmd, log, env=self.env, sample=sample)
        result.update(log=str(log), workers=workers)
        if result["rc"] not in (0, 1):
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            print(f"  scan failed (rc {result['rc']}): {' / '.join(tail)}", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
        return result


def _bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and p.name[0] != ".")


def bench_workers(run: Runner, folder: Path, tiny: Path, runs: int) -> dict[str, Any]:
    """Alternate --workers 1 / 2 on the folder; median MB/s each and median pairwise ratio."""
    size = _bytes(folder)
    run.scan(tiny, 2)  # warm-up: .pyc files, the interpreter (the folder is in the page cache)
    pairs = [(run.scan(folder, 1), run.scan(folder, 2)) for _ in range(runs)]
    ratios = [a["wall_s"] / b["wall_s"] for a, b in pairs]
    return {
        "bytes": size, "runs": [r for p in pairs for r in p],
        "w1_mbs": statistics.median(size / MB / a["wall_s"] for a, _ in pairs),
        "w2_mbs": statistics.median(size / MB / b["wall_s"] for _, b in pairs),
        "ratio": statistics.median(ratios), "ratios": ratios,
    }


def bench_rss(run: Runner, big: Path, workers: int) -> dict[str, Any]:
    """One scan of the big file with /proc sampling of the whole tree."""
    r = run.scan(big, workers, sample=True)
    r.update(bytes=big.stat().st_size, mbs=big.stat().st_size / MB / r["wall_s"])
    return r


def bench_free(run: Runner, text_dir: Path, tiny: Path, runs: int) -> dict[str, Any]:
    """Free-text files with one worker; start-up measured on one tiny file."""
    size = _bytes(text_dir)
    starts = [run.scan(tiny, 1) for _ in range(max(2, runs))]
    startup = statistics.median(s["wall_s"] for s in starts)
    startup_cpu = statistics.median(s["cpu_s"] for s in starts)
    scans = [run.scan(text_dir, 1) for _ in range(runs)]
    wall = statistics.median(s["wall_s"] for s in scans)
    cpu = statistics.median(s["cpu_s"] for s in scans)
    return {"bytes": size, "runs": scans, "startup_s": startup, "startup_cpu_s": startup_cpu,
            "wall_s": wall, "cpu_s": cpu, "mbs": size / MB / wall,
            "mbs_net": size / MB / max(1e-9, wall - startup),
            "mbs_net_cpu": size / MB / max(1e-9, cpu - startup_cpu)}


def render(res: dict[str, Any], meta: dict[str, Any]) -> str:
    """The results as one table with the targets and verdicts."""
    rows: list[tuple[Any, ...]] = []

    def verdict(ok: bool) -> str:
        return "meets" if ok else "MISSES"

    if w := res.get("workers"):
        rows.append((f"folder {w['bytes'] / MB:.0f} MiB, --workers 1", f"{w['w1_mbs']:.1f} MB/s",
                     "", ""))
        rows.append((f"folder {w['bytes'] / MB:.0f} MiB, --workers 2", f"{w['w2_mbs']:.1f} MB/s",
                     "", ""))
        rows.append(("workers 2 / workers 1 (median of pairs)", f"{w['ratio']:.2f}x",
                     f">= {TARGET_WORKERS_X}x", verdict(w["ratio"] >= TARGET_WORKERS_X)))
    if r := res.get("rss"):
        pss = r["peak_tree_pss_kb"] / 1024
        rows.append((f"big file {r['bytes'] / MB:.0f} MiB, --workers {r['workers']}: peak PSS of "
                     "tree", f"{pss:.0f} MiB", f"< {TARGET_RSS_MB} MB",
                     verdict(pss * 1.048576 < TARGET_RSS_MB)))
        rows.append(("  same run: peak RSS sum of tree / largest process",
                     f"{r['peak_tree_rss_kb'] / 1024:.0f} / {r['max_rss_kb'] / 1024:.0f} MiB",
                     "", ""))
        rows.append(("  same run: throughput", f"{r['mbs']:.1f} MB/s", "", ""))
    if f := res.get("free"):
        rows.append((f"free text {f['bytes'] / MB:.0f} MiB, --workers 1 (wall)",
                     f"{f['mbs']:.1f} MB/s", f">= {TARGET_FREE_MBS} MB/s",
                     verdict(f["mbs"] >= TARGET_FREE_MBS)))
        rows.append((f"  net of start-up ({f['startup_s']:.1f} s wall, {f['startup_cpu_s']:.1f} s "
                     "CPU): per wall / per CPU second", f"{f['mbs_net']:.1f} / "
                     f"{f['mbs_net_cpu']:.1f} MB/s", "", ""))
    failed = [r for part in res.values() for r in part.get("runs", [part]) if r.get("rc") not in
              (0, 1, None)]
    head = f"pii-scan end-to-end benchmark: {meta['command']} (MB = MiB here)"
    tail = f"\nWARNING: {len(failed)} scans failed, see {meta['workdir']}/logs" if failed else ""
    return head + "\n\n" + table(("figure", "measured", "target", "verdict"), rows) + tail


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the inputs, run the selected benchmarks, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_flags(ap, SIZES)
    ap.add_argument("--only", default="workers,rss,free", help="subset of workers,rss,free")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/pii-scan-bench"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rss-workers", type=int, default=2, help="--workers for the big-file run")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    size = chosen_size(args, SIZES)
    only = set(args.only.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    run = Runner(args.workdir)
    res: dict[str, Any] = {}
    tiny = files.tiny_file(args.workdir, args.seed)
    if "workers" in only:
        folder = files.folder(args.workdir, size["folder_mb"], args.seed)
        res["workers"] = bench_workers(run, folder, tiny, size["runs"])
    if "rss" in only:
        big = files.big_file(args.workdir, size["big_mb"], args.seed)
        res["rss"] = bench_rss(run, big, args.rss_workers)
    if "free" in only:
        text_dir = files.text_files(args.workdir, size["text_mb"], args.seed)
        res["free"] = bench_free(run, text_dir, tiny, size["runs"])
    written = [str(p) for p in run.home.rglob("*")]
    shutil.rmtree(run.home, ignore_errors=True)
    meta = {"command": "python -m bench.bench_e2e " + " ".join(argv or sys.argv[1:]),
            "sizes": size, "workdir": str(args.workdir), "home_written": written}
    print(render(res, meta))
    if written:
        print(f"WARNING: the scans wrote under HOME: {written[:5]}")
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": res}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
