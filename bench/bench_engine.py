"""Engine benchmark: pii-scan's engine (hyperscan, re) vs Presidio (with our recognisers, vanilla).

One command runs every contestant on the same generated input and prints MB/s on free text,
short strings/s on SQL-like cells, peak RSS, ratios against vanilla Presidio and detection counts
per entity side by side::

    python -m bench.bench_engine            # full size (~2-3 minutes on one core)
    python -m bench.bench_engine --quick    # smoke run (~20 s)

Presidio runs ~0.15 MB/s and ~1.5k strings/s, so it gets a prefix of the input sized to run for
10-20 s; pii-scan gets the whole (larger) input for stable figures. Rates are per byte / per
string, so they compare; detection counts are all taken on the shared prefix.

Each contestant runs in a fresh subprocess (``--in-process`` to run them in this one) so that its
peak RSS (``ru_maxrss``) is its own; the inputs are generated once here and handed over in a
pickle. Rates use the process CPU time of the timed loop (robust on a shared machine; the
loops are single-threaded, so this is "one core"); wall-clock rates are in ``--json``.
Nothing goes online: HOME and the caches point at a temp dir, sockets are disabled in the
workers, and Presidio's e-mail recogniser is made offline before it is built.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import contestants as cs
from bench import inputs, report
from bench.sizes import add_size_flags, chosen_size

SIZES: dict[str, dict[str, float]] = {
    # ours_mb / ours_cells: pii-scan's input; presidio_*: the shared prefix Presidio gets.
    "full": {"ours_mb": 32, "presidio_mb": 2, "ours_cells": 400_000, "presidio_cells": 16_000},
    "quick": {"ours_mb": 4, "presidio_mb": 0.25, "ours_cells": 40_000, "presidio_cells": 2_000},
}
DOC_BYTES = 16_384
MB = 1 << 20


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _timed(fn: Any, arg: Any, repeat: int) -> tuple[Counter[str], float, float]:
    """Run ``fn(arg)`` up to ``repeat`` times; the counts and the median CPU and wall seconds.

    Passes stop early once 20 s were spent: a slow contestant's one long pass is stable already.
    """
    cpu: list[float] = []
    wall: list[float] = []
    counts: Counter[str] = Counter()
    while len(cpu) < repeat and sum(wall) < 20:
        c0, w0 = time.process_time(), time.perf_counter()
        counts = fn(arg)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return counts, sorted(cpu)[len(cpu) // 2], sorted(wall)[len(wall) // 2]


def run_contestant(name: str, data: dict[str, Any], repeat: int) -> dict[str, Any]:
    """Build one contestant, time it on free text and cells, count on the shared prefix."""
    guard = cs.make_offline() if name.startswith("presidio") else "n/a"
    docs: list[str] = data["docs"]
    table: inputs.Cells = data["cells"]
    prefix_docs, prefix_cells = docs[: data["prefix_docs"]], table.head(data["prefix_cells"])
    is_presidio = name.startswith("presidio")
    run_docs = prefix_docs if is_presidio else docs
    run_cells = prefix_cells if is_presidio else table
    rss_base = _rss_kb()
    t0 = time.perf_counter()
    contestant = cs.Contestant(name)
    build_s = time.perf_counter() - t0
    contestant.free(docs[:1])  # warm-up: lazy compiles and caches outside the timed loop
    contestant.cells(table.head(200))
    reps = 1 if is_presidio else repeat
    free_counts, free_cpu, free_wall = _timed(contestant.free, run_docs, reps)
    cell_counts, cell_cpu, cell_wall = _timed(contestant.cells, run_cells, reps)
    if not is_presidio:  # counts on the prefix Presidio saw, untimed
        free_counts, cell_counts = contestant.free(prefix_docs), contestant.cells(prefix_cells)
    return {
        "name": name, "build_s": build_s, "offline_guard": guard,
        "free_bytes": sum(len(d.encode("utf-8")) for d in run_docs),
        "free_cpu_s": free_cpu, "free_wall_s": free_wall,
        "cells_n": len(run_cells.rows) * len(run_cells.columns),
        "cells_cpu_s": cell_cpu, "cells_wall_s": cell_wall,
        "counts_free": dict(free_counts), "counts_cells": dict(cell_counts),
        "rss_base_kb": rss_base,
        "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "network_attempts": len(cs.NETWORK_ATTEMPTS),
        "missing_recognizers": [] if name == cs.VANILLA else cs.recognizers()[1],
    }


def _worker(name: str, path: str, repeat: int, profile: bool) -> None:
    cs.block_network()
    with open(path, "rb") as fh:
        data = pickle.load(fh)
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        result = prof.runcall(run_contestant, name, data, 1)
        stats = pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime")
        stats.print_stats(30)
    else:
        result = run_contestant(name, data, repeat)
    print(json.dumps(result))


def _spawn(name: str, path: str, repeat: int, profile: bool) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.bench_engine", "--worker", name, "--inputs", path,
           "--repeat", str(repeat)] + (["--profile"] if profile else [])
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True,
                          stderr=None if profile else subprocess.PIPE,
                          cwd=Path(__file__).resolve().parent.parent)
    if proc.returncode != 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or [""]
        return {"name": name, "error": f"worker exited {proc.returncode}: {tail[0][:200]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_inputs(size: dict[str, float], seed: int) -> dict[str, Any]:
    """Free-text documents and a cell table for pii-scan, and the prefix sizes for Presidio."""
    text = inputs.free_text(int(size["ours_mb"] * MB), seed, doc_bytes=DOC_BYTES)
    table = inputs.cells(int(size["ours_cells"]), seed)
    prefix = inputs.free_text(int(size["presidio_mb"] * MB), seed, doc_bytes=DOC_BYTES)
    assert text.docs[: len(prefix.docs)] == prefix.docs, "generator lost its prefix property"
    return {
        "docs": text.docs, "cells": table, "prefix_docs": len(prefix.docs),
        "prefix_cells": int(size["presidio_cells"]),
        "planted_free": dict(Counter(prefix.planted)), "negatives_free": prefix.negatives,
        "planted_cells": dict(table.head(int(size["presidio_cells"])).planted),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse flags, generate inputs, run every contestant, print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_flags(ap, SIZES, float)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default=",".join(cs.NAMES), help="comma-separated contestants")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes for pii-scan (median)")
    ap.add_argument("--in-process", action="store_true",
                    help="run all contestants in this process (peak RSS is then cumulative)")
    ap.add_argument("--profile", action="store_true",
                    help="cProfile each contestant (top 30 by own time, on stderr)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--inputs", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.inputs, args.repeat, args.profile)
        return 0

    home = cs.isolate_home()
    size = chosen_size(args, SIZES)
    t0 = time.perf_counter()
    data = make_inputs(size, args.seed)
    gen_s = time.perf_counter() - t0
    wanted = [n for n in cs.NAMES if n in args.only.split(",")]
    if args.in_process:  # vanilla first: once our recognisers are imported, Presidio's default
        # registry finds our same-named classes (IbanRecognizer, ...) and fails to build them
        wanted.sort(key=lambda n: n != cs.VANILLA)
    missing: dict[str, str | None] = {}
    results: list[dict[str, Any]] = []
    with tempfile.NamedTemporaryFile(suffix=".pickle") as tmp:
        pickle.dump(data, tmp)
        tmp.flush()
        for name in wanted:
            if name != cs.VANILLA and not missing:
                missing = cs.availability()
            if missing.get(name):
                results.append({"name": name, "error": f"not available: {missing[name]}"})
            elif args.in_process:
                cs.block_network()
                results.append(run_contestant(name, data, args.repeat))
            else:
                results.append(_spawn(name, tmp.name, args.repeat, args.profile))
            print(f"  done: {name}", file=sys.stderr, flush=True)
    results.sort(key=lambda r: cs.NAMES.index(r["name"]))
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    shutil.rmtree(home, ignore_errors=True)
    meta = {"size": args.size, "sizes": size, "seed": args.seed, "gen_s": gen_s,
            "command": "python -m bench.bench_engine " + " ".join(argv or sys.argv[1:]),
            "isolated": not args.in_process, "home_written": written,
            "threshold": cs.min_score(), "id_origin": inputs.pools(args.seed).id_origin,
            **{k: v for k, v in data.items() if k.startswith(
                ("planted", "negatives", "prefix"))}}
    print(report.engine_tables(meta, results))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
