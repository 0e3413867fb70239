"""Per-format benchmark for containers: e-mail and zip of CSVs against plain CSV files holding
the same content, and peak memory on a big zip::

    python -m bench.bench_formats            # full size (64 MiB of CSV content, 1 GiB zip)
    python -m bench.bench_formats --quick    # smoke run (8 MiB, 64 MiB zip)

* ``formats``: the same CSV content (rows from ``bench.files``' seeded pools: names, e-mails,
  phones, CPR numbers, hard negatives) written three ways: plain ``.csv`` files, one ``.zip``
  whose members are those files (deflate), and ``.eml`` mails that carry them as base64 CSV
  attachments with a short text body. Each is scanned with ``--workers 1`` (one core) end to
  end; the table gives MB/s of *source bytes* (what is on disk) and of *extracted text* (the
  CSV bytes inside), and the ratio to plain CSV. Net of start-up (one tiny file's scan).
* ``bigzip``: one zip of ``big_mb`` MiB of CSV content (members of 16 MiB, deflate level 1,
  written in seconds) scanned once with ``/proc`` sampling of the process tree: peak PSS/RSS.
  Members are streamed, never extracted, so memory must not grow with the archive.

Inputs are generated under ``--workdir`` (default /tmp/pii-scan-bench) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from bench import files, proctree
from bench.bench_e2e import Runner, pii_scan
from bench.report import table
from bench.sizes import add_size_flags, chosen_size

MB = 1 << 20
SIZES: dict[str, dict[str, int]] = {
    "full": {"content_mb": 64, "big_mb": 1024, "runs": 3},
    "quick": {"content_mb": 8, "big_mb": 64, "runs": 1},
}
MEMBER_MB = 16
FILE_MB = 2


def _csv_block(mb: int, seed: int, start: int = 0) -> bytes:
    """``mb`` MiB of CSV rows (with header) from the seeded pools, numbered from ``start``."""
    lines = files._line_pools(seed)["csv"]
    out = [files.CSV_HEADER]
    size, k = len(files.CSV_HEADER), start
    while size < mb * MB:
        line = b"%d;" % k + lines[k % len(lines)] + b"\n"
        out.append(line)
        size += len(line)
        k += 1
    return b"".join(out)


def build_inputs(workdir: Path, mb: int, seed: int) -> dict[str, Path]:
    """The same CSV content as plain files, one zip, and mails with attachments."""
    def plain(dest: Path) -> None:
        for n in range(max(1, mb // FILE_MB)):
            (dest / f"kunder{n:03d}.csv").write_bytes(_csv_block(FILE_MB, seed, n * 100_000))

    plain_dir = files._cached(workdir / f"fmt-plain-{mb}mb-s{seed}", f"plain {mb} {seed}", plain)
    members = sorted(plain_dir.glob("*.csv"))

    def archive(dest: Path) -> None:
        with zipfile.ZipFile(dest / "kunder.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for path in members:
                zf.write(path, f"eksport/{path.name}")

    def mails(dest: Path) -> None:
        for n, path in enumerate(members):
            msg = EmailMessage()
            msg["From"] = f"Afsender {n} <afsender{n}@example.dk>"
            msg["To"] = "modtager@example.se"
            msg["Subject"] = f"Eksport {n}"
            msg.set_content(f"Hej,\nhermed eksporten. Ring på tlf. +45 20 30 40 {n % 90 + 10}.\n")
            msg.add_attachment(path.read_bytes(), maintype="text", subtype="csv",
                               filename=path.name)
            (dest / f"mail{n:03d}.eml").write_bytes(msg.as_bytes())

    return {
        "csv (plain files)": plain_dir,
        "zip of CSVs": files._cached(workdir / f"fmt-zip-{mb}mb-s{seed}", f"zip {mb} {seed}",
                                     archive),
        "eml with CSV attachments": files._cached(workdir / f"fmt-eml-{mb}mb-s{seed}",
                                                  f"eml {mb} {seed}", mails),
    }


def big_zip(workdir: Path, mb: int, seed: int) -> Path:
    """One zip of ``mb`` MiB of CSV content: 16 MiB members, deflate level 1 (fast to write)."""
    def build(dest: Path) -> None:
        block = _csv_block(MEMBER_MB, seed)
        with zipfile.ZipFile(dest / "big.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for n in range(max(1, mb // MEMBER_MB)):
                zf.writestr(f"del{n // 16:02d}/kunder{n:04d}.csv", block)

    return files._cached(workdir / f"fmt-bigzip-{mb}mb-s{seed}", f"bigzip {mb} {seed}",
                         build) / "big.zip"


def scan(run: Runner, target: Path, sample: bool = False) -> dict[str, Any]:
    """``pii-scan scan TARGET --workers 1 --full`` (every CSV row: nothing sampled away)."""
    run.n += 1
    out = run.workdir / "out" / f"fmt{run.n:03d}"
    log = run.workdir / "logs" / f"fmt{run.n:03d}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = pii_scan() + ["scan", str(target), "--out", str(out), "--workers", "1", "--full",
                        "--quiet"]
    result = proctree.run(cmd, log, env=run.env, sample=sample)
    result["log"] = str(log)
    summary = [ln for ln in log.read_text(errors="replace").splitlines() if "Locations:" in ln]
    result["summary"] = summary[-1].strip() if summary else ""
    return result


def _bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_formats(run: Runner, inputs: dict[str, Path], content: int, runs: int
                  ) -> dict[str, Any]:
    """Scan each form of the content with one worker; MB/s of source and of extracted text."""
    tiny = files.tiny_file(run.workdir)
    startup = statistics.median(scan(run, tiny)["wall_s"] for _ in range(max(2, runs)))
    out: dict[str, Any] = {"startup_s": startup, "content": content, "rows": {}}
    for name, path in inputs.items():
        scans = [scan(run, path) for _ in range(runs)]
        wall = statistics.median(s["wall_s"] for s in scans)
        net = max(1e-9, wall - startup)
        source = _bytes(path)
        out["rows"][name] = {"source": source, "wall_s": wall, "runs": scans,
                             "source_mbs": source / MB / net, "text_mbs": content / MB / net,
                             "rc": max(s["rc"] for s in scans)}
    return out


def bench_bigzip(run: Runner, path: Path, content_mb: int) -> dict[str, Any]:
    """One sampled scan of the big zip."""
    r = scan(run, path, sample=True)
    r.update(bytes=path.stat().st_size, content=content_mb * MB,
             mbs=content_mb / r["wall_s"])
    return r


def render(res: dict[str, Any], meta: dict[str, Any]) -> str:
    """The results as tables (MB = MiB)."""
    parts = [f"pii-scan per-format benchmark: {meta['command']} (MB = MiB, --workers 1)"]
    if f := res.get("formats"):
        base = f["rows"].get("csv (plain files)", {}).get("text_mbs")
        rows = [(name, f"{r['source'] / MB:.1f}", f"{r['wall_s']:.1f}", f"{r['source_mbs']:.2f}",
                 f"{r['text_mbs']:.2f}", f"{r['text_mbs'] / base:.2f}x" if base else "",
                 r["rc"]) for name, r in f["rows"].items()]
        parts.append(f"Same {f['content'] / MB:.0f} MiB of CSV content three ways; rates net of "
                     f"{f['startup_s']:.1f} s start-up")
        parts.append(table(("form", "source MiB", "wall s", "source MB/s", "extracted MB/s",
                            "vs plain", "rc"), rows))
    if b := res.get("bigzip"):
        parts.append(table(("big zip", "measured"), [
            ("content / zip file", f"{b['content'] / MB:.0f} / {b['bytes'] / MB:.0f} MiB"),
            ("peak PSS of process tree", f"{b['peak_tree_pss_kb'] / 1024:.0f} MiB"),
            ("peak RSS sum of tree / largest process",
             f"{b['peak_tree_rss_kb'] / 1024:.0f} / {b['max_rss_kb'] / 1024:.0f} MiB"),
            ("wall, extracted MB/s", f"{b['wall_s']:.0f} s, {b['mbs']:.2f} MB/s"),
            ("exit code; summary", f"{b['rc']}; {b['summary']}"),
        ]))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the inputs, run the benchmarks, print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_flags(ap, SIZES)
    ap.add_argument("--only", default="formats,bigzip", help="subset of formats,bigzip")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/pii-scan-bench"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    size = chosen_size(args, SIZES)
    only = set(args.only.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    run = Runner(args.workdir)
    res: dict[str, Any] = {}
    if "formats" in only:
        inputs = build_inputs(args.workdir, size["content_mb"], args.seed)
        content = _bytes(inputs["csv (plain files)"])
        res["formats"] = bench_formats(run, inputs, content, size["runs"])
    if "bigzip" in only:
        path = big_zip(args.workdir, size["big_mb"], args.seed)
        res["bigzip"] = bench_bigzip(run, path, max(1, size["big_mb"] // MEMBER_MB) * MEMBER_MB)
    meta = {"command": "python -m bench.bench_formats " + " ".join(argv or sys.argv[1:]),
            "sizes": size, "workdir": str(args.workdir)}
    print(render(res, meta))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": res}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
