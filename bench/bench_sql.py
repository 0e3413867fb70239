"""Database benchmark: rows/s and values/s from PostgreSQL and MariaDB, read and scanned.

    python -m bench.bench_sql             # 1 M-row table, 100-table database (~5-10 min)
    python -m bench.bench_sql --quick     # 100 k rows, 20 tables (about a minute)

Each server is started on a free loopback port (``tests/db/servers.py``, the test fixtures'
recipe) and filled server-side (``generate_series`` / MariaDB's ``seq_1_to_N``):

* ``bench.big``: ``ROWS`` rows, 5 columns (id, navn, email, telefon, note): an e-mail and a phone
  number in every row, so the engine has real work in 2 of 5 columns.
* ``bench.t000`` ... : ``TABLES`` tables of ``TABLE_ROWS`` rows with the same columns.

Figures (wall clock, including the worker pool's start-up for scans):

* ``read``: the source and table extractor alone (no detection): rows/s the database delivers
  through pii-scan's reader (server-side cursor, batches), full and sampled.
* ``scan``: ``run_scan`` end to end (read, detect, inventory) with 1 and 2 workers, ``--full``
  and the default sample (10,000 rows). ``--full`` splits the table by primary-key range
  (``table_split_rows``, 250,000) so both workers read it; a sample is one unit (one worker).
* ``tables``: a sampled scan (``--sample-rows 1000``) of the ``TABLES``-table database.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import table
from scanner.extract import extract
from scanner.model import ExtractOutcome, ScanUnit
from scanner.runner import run_scan
from scanner.settings import Settings
from scanner.sources import list_units, open_unit
from scanner.sources.sql import dispose_engines
from tests.db.servers import Server, start_mariadb, start_postgres

SIZES = {"full": {"rows": 1_000_000, "tables": 100, "table_rows": 10_000, "split": 250_000},
         "quick": {"rows": 100_000, "tables": 20, "table_rows": 2_000, "split": 25_000}}
COLUMNS = 5
TARGET_ROWS_S = 100_000

_PG_ROW = ("g, 'Kunde ' || g, 'kunde' || g || '@firma' || (g % 97) || '.dk', "
           "'+45 ' || (20000000 + g % 79999999), 'ordre ' || g || ' leveret'")
_MARIA_ROW = ("seq, CONCAT('Kunde ', seq), CONCAT('kunde', seq, '@firma', seq % 97, '.dk'), "
              "CONCAT('+45 ', 20000000 + seq % 79999999), CONCAT('ordre ', seq, ' leveret')")
_DDL = "(id BIGINT PRIMARY KEY, navn TEXT, email TEXT, telefon TEXT, note TEXT)"


def fill(server: Server, size: dict[str, int]) -> str:
    """Create the bench tables; returns the URL the scanner uses."""
    pg = server.kind == "postgresql"
    engine = server.admin_engine("postgres" if pg else "")
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE SCHEMA bench" if pg else "CREATE DATABASE bench")
        for name, rows in [("big", size["rows"])] + [
                (f"t{i:03d}", size["table_rows"]) for i in range(size["tables"])]:
            conn.exec_driver_sql(f"CREATE TABLE bench.{name} {_DDL}")
            source = (f"SELECT {_PG_ROW} FROM generate_series(1, {rows}) g" if pg
                      else f"SELECT {_MARIA_ROW} FROM bench.seq_1_to_{rows}")
            conn.exec_driver_sql(f"INSERT INTO bench.{name} {source}".replace("%", "%%"))
        if pg:
            conn.exec_driver_sql("VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE TABLE bench.big")
    engine.dispose()
    return server.admin_url("postgres" if pg else "bench")


def read_only(url: str, include: str, settings: Settings) -> dict[str, Any]:
    """Rows/s through the reader and table extractor alone (no engine)."""
    conf = dataclasses.replace(settings, include=(include,), table_split_rows=0)
    (unit,) = [u for u in list_units(url, conf) if isinstance(u, ScanUnit)]
    started = time.perf_counter()
    outcome = ExtractOutcome()
    with open_unit(unit, conf) as rows:
        for _ in extract(unit, rows, conf, outcome):
            pass
    elapsed = time.perf_counter() - started
    return {"rows": outcome.units_scanned, "s": elapsed}


def scan(url: str, settings: Settings, workdir: Path) -> dict[str, Any]:
    """``run_scan`` end to end; rows = rows read over every table."""
    out = Path(tempfile.mkdtemp(dir=workdir))
    started = time.perf_counter()
    report = run_scan([url], settings, out / "inv")
    elapsed = time.perf_counter() - started
    rows = sum(r.location.units_scanned for r in report.results)
    failed = report.failed
    shutil.rmtree(out, ignore_errors=True)
    return {"rows": rows, "s": elapsed, "locations": len(report.results), "failed": failed}


def measure(server: Server, url: str, size: dict[str, int], workdir: Path) -> list[dict[str, Any]]:
    """Every figure for one server."""
    results: list[dict[str, Any]] = []

    def add(figure: str, workers: int | None, mode: str, res: dict[str, Any]) -> None:
        res.update(server=server.kind, figure=figure, workers=workers, mode=mode)
        results.append(res)
        print(f"  {server.kind} {figure} {mode} workers={workers}: {res['rows']:,} rows "
              f"in {res['s']:.2f} s", flush=True)

    base = Settings(workers=1)
    add("read big", None, "full", read_only(url, "bench.big", Settings(full=True)))
    add("read big", None, "sample 10000", read_only(url, "bench.big", base))
    for mode, extra in (("full", {"full": True}), ("sample 10000", {})):
        for workers in (1, 2):
            conf = dataclasses.replace(Settings(workers=workers, include=("bench.big",),
                                                quiet=True, table_split_rows=size["split"]),
                                       **extra)
            add("scan big", workers, mode, scan(url, conf, workdir))
    for workers in (1, 2):
        conf = Settings(workers=workers, include=("bench.t*",), sample_rows=1000, quiet=True)
        add(f"scan {size['tables']} tables", workers, "sample 1000", scan(url, conf, workdir))
    return results


def render(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    rows = []
    for r in results:
        rate = r["rows"] / r["s"] if r["s"] else 0.0
        per_core = rate / (r["workers"] or 1)
        rows.append([r["server"], r["figure"], r["mode"], r["workers"] or "-", r["rows"],
                     round(r["s"], 2), rate, rate * COLUMNS, per_core])
    header = ["server", "figure", "rows read", "workers", "rows", "seconds", "rows/s",
              "values/s", "rows/s per worker"]
    return (f"{meta['size']}: {meta['rows']:,}-row table, {meta['tables']} tables of "
            f"{meta['table_rows']:,} rows; {COLUMNS} columns\n\n" + table(header, rows))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table (and write JSON when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, smoke run")
    parser.add_argument("--only", default="postgresql,mariadb", help="servers to run")
    parser.add_argument("--json", metavar="FILE", help="write the raw results here")
    args = parser.parse_args(argv)
    size_name = "quick" if args.quick else "full"
    size = SIZES[size_name]
    workdir = Path(tempfile.mkdtemp(prefix="pii-bench-sql-"))
    results: list[dict[str, Any]] = []
    try:
        for kind in args.only.split(","):
            server = start_postgres() if kind == "postgresql" else start_mariadb()
            try:
                started = time.perf_counter()
                url = fill(server, size)
                print(f"{kind}: filled in {time.perf_counter() - started:.1f} s", flush=True)
                results += measure(server, url, size, workdir)
            finally:
                dispose_engines()
                server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    meta = {"size": size_name, **size}
    print()
    print(render(results, meta))
    if args.json:
        Path(args.json).write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
