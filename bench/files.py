"""Benchmark inputs on disk: a folder of mixed files, free-text files, one big text file.

Writing must not take longer than scanning, so lines are drawn once from the seeded pools of
``bench.inputs`` and then *reused*: every file is a run of pool lines starting at a random offset,
each line prefixed with a running number so no two lines of a file are identical. The big file
repeats one ~4 MB block whose per-line sequence numbers are filled with one C-level ``%``
formatting per block, so 2 GB are written in seconds, bounded by the disk.

Generated trees are cached under the work directory with a stamp file holding their parameters;
a second run with the same parameters reuses them.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from bench import inputs

MB = 1 << 20
KINDS: tuple[str, ...] = ("txt", "log", "csv", "jsonl")
CSV_HEADER = b"id;navn;email;telefon;cpr_nr;postnr_by;beloeb;note\n"


def _cached(dest: Path, stamp: str, build: Callable[[Path], None]) -> Path:
    marker = dest.with_name(dest.name + ".complete")  # outside the tree: it must not be scanned
    if marker.exists() and marker.read_text() == stamp:
        return dest
    marker.unlink(missing_ok=True)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    build(dest)
    marker.write_text(stamp)
    return dest


def _line_pools(seed: int, n: int = 20_000) -> dict[str, list[bytes]]:
    """Lines per kind (no trailing newline); each kind mixes identifiers and hard negatives."""
    pool = inputs.pools(seed)
    rng = random.Random(seed ^ 0xF11E)
    v = pool.values

    def pick(entity: str) -> str:
        return rng.choice(v[entity])

    text = inputs.free_text(3 * MB, seed)
    prose_lines = [ln.strip() for doc in text.docs for ln in doc.split("\n") if ln.strip()]
    logs, rows, records = [], [], []
    for i in range(n):
        neg = rng.choice(pool.negatives)
        logs.append(
            f"2024-05-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z INFO "
            f"auth user={pick('EMAIL_ADDRESS')} src={pick('IP_ADDRESS')} ref={neg} ok")
        rows.append(";".join((
            rng.choice(pool.names), pick("EMAIL_ADDRESS"), pick("PHONE_NUMBER"),
            pick("DK_CPR"), rng.choice(pool.cities), f"{rng.randint(10, 99_999)},00",
            rng.choice(pool.filler["da"]).replace(";", ","))))
        records.append(json.dumps({
            "kunde": {"navn": rng.choice(pool.names), "email": pick("EMAIL_ADDRESS"),
                      "tlf": pick("PHONE_NUMBER"), "personnummer": pick("SE_PERSONNUMMER")},
            "betaling": {"iban": pick("IBAN_CODE"), "kort": pick("CREDIT_CARD")},
            "ref": neg, "note": rng.choice(pool.filler["sv"]),
        }, ensure_ascii=False))
    return {
        "txt": [ln.encode() for ln in prose_lines],
        "log": [ln.encode() for ln in logs],
        "csv": [ln.encode() for ln in rows],
        "jsonl": [ln.encode() for ln in records],
    }


def _numbered(kind: str, seq: int, line: bytes) -> bytes:
    if kind == "jsonl":
        return b'{"id": %d, ' % seq + line[1:] + b"\n"
    if kind == "csv":
        return b"%d;" % seq + line + b"\n"
    if kind == "log":
        return line + b" seq=%d\n" % seq
    return line + b"\n"


def _write_file(path: Path, kind: str, lines: list[bytes], size: int, rng: random.Random) -> int:
    out = [CSV_HEADER] if kind == "csv" else []
    written = len(out[0]) if out else 0
    i = rng.randrange(len(lines))
    seq = 1
    while written < size:
        line = _numbered(kind, seq, lines[i % len(lines)])
        out.append(line)
        written += len(line)
        i += 1
        seq += 1
    path.write_bytes(b"".join(out))
    return written


def folder(workdir: Path, mb: int, seed: int = 0) -> Path:
    """A tree of about ``mb`` MiB of txt/log/csv/jsonl files, 4 KiB to 8 MiB each (log-uniform)."""
    def build(dest: Path) -> None:
        pools = _line_pools(seed)
        rng = random.Random(seed ^ 0xF0)
        total, n = 0, 0
        while total < mb * MB:
            kind = KINDS[n % len(KINDS)]
            size = min(int(math.exp(rng.uniform(math.log(4096), math.log(8 * MB)))),
                       mb * MB - total + 1)
            sub = dest / f"dept{n % 7}" / f"batch{n // 50:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            total += _write_file(sub / f"file{n:05d}.{kind}", kind, pools[kind], size, rng)
            n += 1

    return _cached(workdir / f"folder-{mb}mb-s{seed}", f"folder {mb} {seed}", build)


def text_files(workdir: Path, mb: int, seed: int = 0, file_mb: int = 8) -> Path:
    """``mb`` MiB of free text (``bench.inputs.free_text``) as ``.txt`` files of ``file_mb``."""
    def build(dest: Path) -> None:
        text = inputs.free_text(mb * MB, seed, doc_bytes=64 * 1024)
        chunk: list[str] = []
        size, n = 0, 0
        for doc in text.docs + [""]:
            if doc:
                chunk.append(doc)
                size += len(doc)
            if size >= file_mb * MB or (not doc and chunk):
                (dest / f"notes{n:03d}.txt").write_text("\n".join(chunk), encoding="utf-8")
                chunk, size, n = [], 0, n + 1

    return _cached(workdir / f"text-{mb}mb-s{seed}", f"text {mb} {seed}", build)


def tiny_file(workdir: Path, seed: int = 0) -> Path:
    """One ~16 KiB text file: scanning it measures the CLI's fixed start-up cost."""
    def build(dest: Path) -> None:
        (dest / "tiny.txt").write_text(inputs.free_text(1, seed).docs[0], encoding="utf-8")

    return _cached(workdir / f"tiny-s{seed}", f"tiny {seed}", build) / "tiny.txt"


def big_file(workdir: Path, mb: int, seed: int = 0) -> Path:
    """One ``.log`` file of ``mb`` MiB: a ~4 MiB block of log and prose lines, renumbered."""
    def build(dest: Path) -> None:
        pools = _line_pools(seed)
        rng = random.Random(seed ^ 0xB16)
        lines = [rng.choice(pools["log"] if rng.random() < 0.5 else pools["txt"])
                 for _ in range(30_000)]
        template = b"".join(b"%010d " + ln.replace(b"%", b"%%") + b"\n" for ln in lines)
        with open(dest / "big.log", "wb") as fh:
            written, seq = 0, 0
            while written < mb * MB:
                block = template % tuple(range(seq, seq + len(lines)))
                block = block[: mb * MB - written]
                fh.write(block)
                written += len(block)
                seq += len(lines)

    return _cached(workdir / f"big-{mb}mb-s{seed}", f"big {mb} {seed}", build) / "big.log"

