"""Run a command and measure it as a whole process tree: wall, CPU and peak memory.

Memory is measured two ways, because a multi-process scan has more than one process:

* ``max_rss_kb``: the largest single process of the tree (``wait4``'s ``ru_maxrss``, which covers
  the child and every descendant it reaped) - exact, taken by the kernel;
* ``peak_tree_pss_kb`` / ``peak_tree_rss_kb``: the sum over every live process of the tree,
  sampled every ``interval`` seconds from ``/proc``. PSS counts a page shared by N processes
  (a forked worker's copy-on-write pages) as 1/N in each, so the PSS sum is what the tree really
  holds; the RSS sum counts shared pages once per process (an upper bound). Sampling can miss a
  spike shorter than the interval.

CPU is ``ru_utime + ru_stime`` of the whole tree. Exact CPU and ``max_rss_kb`` need every
descendant to be reaped by someone in the tree: a ``forkserver`` pool's workers are children of the
fork server, which the scanner does not wait for (it exits as an orphan after its parent), so a
plain ``wait4`` on the scanner misses all worker CPU. The command therefore runs under a small
wrapper (``python -m bench.proctree``) that makes itself a *child subreaper* (``prctl``), so
orphans are re-parented to it; it reaps every one of them and reports ``RUSAGE_CHILDREN``.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:  # the process ended between listing and reading
        pass
    return out


def tree(pid: int) -> list[int]:
    """``pid`` and all its live descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(_children(p))
    return found


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, (0, 0) when it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def run(cmd: Sequence[str], log: Path, env: dict[str, str] | None = None,
        interval: float = 0.1, timeout: float = 3600, sample: bool = True) -> dict[str, Any]:
    """Run ``cmd`` (stdout+stderr to ``log``) and return its wall/CPU time and peak memory.

    ``sample=False`` skips the ``/proc`` sampling (it costs CPU that a timing run should not pay);
    ``max_rss_kb`` and the CPU time are still exact.
    """
    peak_rss = peak_pss = 0
    report = log.with_suffix(".rusage.json")
    wrapped = [sys.executable, "-m", "bench.proctree", str(report), "--", *cmd]
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=Path(__file__).resolve().parent.parent)
        while proc.poll() is None:
            if time.perf_counter() - t0 > timeout:
                proc.kill()
            if sample:
                mem = [_mem_kb(p) for p in tree(proc.pid) if p != proc.pid]
                peak_rss = max(peak_rss, sum(m[0] for m in mem))
                peak_pss = max(peak_pss, sum(m[1] for m in mem))
            time.sleep(interval if sample else 0.05)
    result: dict[str, Any] = json.loads(report.read_text())
    report.unlink()
    result.update(peak_tree_rss_kb=peak_rss, peak_tree_pss_kb=peak_pss)
    return result


def _wrap(report: str, cmd: list[str]) -> int:
    """Run ``cmd`` as a child subreaper, reap every descendant, write the tree's rusage."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphaned descendants come to us
    t0 = time.perf_counter()
    rc = subprocess.call(cmd)
    wall = time.perf_counter() - t0
    while True:  # the orphans (a fork server and its workers) are ours to reap now
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(report).write_text(json.dumps({
        "rc": rc, "wall_s": wall, "wall_all_s": time.perf_counter() - t0,
        "cpu_s": usage.ru_utime + usage.ru_stime, "max_rss_kb": usage.ru_maxrss,
    }))
    return 0


if __name__ == "__main__":
    sep = sys.argv.index("--")
    raise SystemExit(_wrap(sys.argv[1], sys.argv[sep + 1 :]))
