"""Per-format speed of the document extractors: xlsx, docx, pdf against plain text.

    python -m bench.bench_formats_docs            # 40,000 records per format
    python -m bench.bench_formats_docs --quick    # 2,000 records (smoke run)

The same seeded records (name, CPR, phone, e-mail, IBAN, amount) are written as a plain text
file, an xlsx workbook (one column per field), a docx (one paragraph per record) and a PDF (one
line per record, 50 per page). Each file is then read in this process, one core, through
``scanner.extract.extract`` (format detection, spooling, extractor) alone and through extract +
the detection engine (what a worker does). Figures: MB/s of *source* bytes (the file on disk)
and MB/s of *extracted* text (what the engine sees), detections found, and the peak RSS of the
process. Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import table
from scanner.engine import Engine
from scanner.extract import extract
from scanner.model import ExtractOutcome, Piece, ScanUnit
from scanner.settings import Settings
from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nid
from tests.extract.docfiles import make_docx, make_pdf, make_xlsx

MB = 1 << 20
HEADER = ["Navn", "CPR", "Telefon", "E-mail", "IBAN", "Beløb"]


def records(n: int, seed: int = 5) -> list[list[str]]:
    """``n`` synthetic records (every value a string)."""
    rng = random.Random(seed)
    return [[f"Kunde {i}", nid.dk_cpr(rng), cf.phone(rng, "DK"), cf.email(rng),
             cf.iban(rng, "DK", grouped=True), f"{rng.uniform(10, 99999):.2f}"]
            for i in range(n)]


def lines_of(rows: list[list[str]]) -> list[str]:
    """One line of running text per record, with the labels a letter would have."""
    return [f"{r[0]}: CPR-nr. {r[1]}, tlf. {r[2]}, e-mail {r[3]}, IBAN {r[4]}, beløb {r[5]} kr."
            for r in rows]


def write_inputs(folder: Path, n: int) -> dict[str, Path]:
    """The four files of the same content."""
    rows = records(n)
    lines = lines_of(rows)
    paths = {fmt: folder / f"records.{fmt}" for fmt in ("txt", "xlsx", "docx", "pdf")}
    paths["txt"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths["xlsx"].write_bytes(make_xlsx({"Kunder": [HEADER, *rows]}))
    paths["docx"].write_bytes(make_docx(lines))
    paths["pdf"].write_bytes(make_pdf([lines[i:i + 50] for i in range(0, len(lines), 50)]))
    return paths


def _pieces(path: Path, settings: Settings) -> tuple[list[Piece], ExtractOutcome]:
    unit = ScanUnit(location=path.as_uri(), source_type="file", scheme="local", key=str(path),
                    size=path.stat().st_size)
    outcome = ExtractOutcome()
    with open(path, "rb") as fp:
        return list(extract(unit, fp, settings, outcome)), outcome


def measure(path: Path, settings: Settings, engine: Engine, repeat: int) -> dict[str, Any]:
    """Best-of-``repeat`` seconds for extract alone and extract + engine."""
    best_extract = best_total = float("inf")
    text_chars = matches = units = 0
    status = ""
    for _ in range(repeat):
        start = time.perf_counter()
        pieces, outcome = _pieces(path, settings)
        best_extract = min(best_extract, time.perf_counter() - start)
        start = time.perf_counter()
        unit = ScanUnit(location=path.as_uri(), source_type="file", scheme="local",
                        key=str(path), size=path.stat().st_size)
        found = 0
        with open(path, "rb") as fp:
            for piece in extract(unit, fp, settings, ExtractOutcome()):
                found += len(engine.scan_piece(piece))
        best_total = min(best_total, time.perf_counter() - start)
        text_chars = sum(len(p.text[p.owned_start:p.owned_end]) for p in pieces)
        matches, units, status = found, outcome.units_scanned, outcome.status
    size = path.stat().st_size
    return {"bytes": size, "text_mb": text_chars / MB, "extract_s": best_extract,
            "total_s": best_total, "matches": matches, "units": units, "status": status}


def main(argv: list[str] | None = None) -> int:
    """Write the inputs, measure every format, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 records: a smoke run")
    parser.add_argument("--records", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    n = args.records or (2_000 if args.quick else 40_000)
    repeat = args.repeat or (1 if args.quick else 3)
    settings = Settings(workers=1, full=True)
    engine = Engine(settings)
    engine.scan_text("warm up")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="pii-bench-docs-") as tmp:
        start = time.perf_counter()
        paths = write_inputs(Path(tmp), n)
        print(f"inputs: {n} records per format, written in {time.perf_counter() - start:.1f} s")
        for fmt, path in paths.items():
            results[fmt] = measure(path, settings, engine, repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = results["txt"]
    rows = []
    for fmt, r in results.items():
        rows.append([
            fmt, f"{r['bytes'] / MB:.1f}", f"{r['text_mb']:.1f}",
            f"{r['bytes'] / MB / r['extract_s']:.1f}", f"{r['text_mb'] / r['extract_s']:.1f}",
            f"{r['bytes'] / MB / r['total_s']:.1f}", f"{r['text_mb'] / r['total_s']:.1f}",
            f"{base['total_s'] / r['total_s']:.2f}", str(r["matches"]), r["status"],
        ])
    print(table(["format", "source MB", "text MB", "extract src MB/s", "extract text MB/s",
                 "+engine src MB/s", "+engine text MB/s", "speed vs txt", "detections",
                 "status"], rows))
    print(f"peak RSS of this process: {rss_mb:.0f} MB (one core, best of {repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
