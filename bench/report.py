"""Plain-text tables for the benchmark results (what ends up in RESULTS.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.contestants import VANILLA
from bench.ids import ENTITIES

MB = 1 << 20
TARGET_FREE_X = 50  # free text: >= 50x vanilla Presidio
TARGET_CELLS_X = 100  # short cells: >= 100x vanilla Presidio


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table (readable as plain text too), numbers right-aligned."""
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        padded = (c.rjust(w) if n and i else c.ljust(w)
                  for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        lines.append("| " + " | ".join(padded) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3g}" if value < 10 else f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _rates(r: dict[str, Any]) -> tuple[float | None, float | None]:
    if "error" in r:
        return None, None
    free = r["free_bytes"] / MB / r["free_cpu_s"] if r["free_cpu_s"] else None
    cells = r["cells_n"] / r["cells_cpu_s"] if r["cells_cpu_s"] else None
    return free, cells


def _x(value: float | None, base: float | None) -> str:
    return f"{value / base:,.0f}x" if value and base else "-"


def engine_tables(meta: dict[str, Any], results: list[dict[str, Any]]) -> str:
    """Speed table, then detection counts (free text, cells), then target verdicts and notes."""
    base_free, base_cells = next(
        (_rates(r) for r in results if r["name"] == VANILLA), (None, None))
    speed = []
    for r in results:
        if "error" in r:
            speed.append((r["name"], "n/a", "", "", "", "", ""))
            continue
        free, cells = _rates(r)
        speed.append((
            r["name"], free, _x(free, base_free), cells, _x(cells, base_cells),
            r["build_s"], f"{r['rss_peak_kb'] / 1024:.0f} ({r['rss_base_kb'] / 1024:.0f})",
        ))
    size = meta["sizes"]
    out = [
        f"pii-scan engine benchmark: {meta['command']}",
        f"inputs (seed {meta['seed']}, generated in {meta['gen_s']:.1f} s): free text "
        f"{size['ours_mb']:g} MiB in 16 KiB documents (Presidio: the first {size['presidio_mb']:g}"
        f" MiB); cells {int(size['ours_cells']):,} (Presidio: the first "
        f"{int(size['presidio_cells']):,}), 8 SQL-like columns; identifier generators: "
        f"{meta['id_origin']}",
        "rates: per CPU second of the timed loop (single-threaded = one core)"
        + ("" if meta["isolated"] else "; peak RSS cumulative (--in-process)"),
        "",
        table(("contestant", "free text MB/s", "x vanilla", "cells/s", "x vanilla",
               "build s", "peak RSS MiB (after inputs)"), speed),
        "",
        "pii-scan cells: 2,000 values of one column joined with '\\n' into one Piece whose field "
        "is the column name (how the pipeline feeds SQL/CSV columns); Presidio: one analyze() "
        "per cell.",
        "",
    ]
    for kind, planted in (("free", meta["planted_free"]), ("cells", meta["planted_cells"])):
        out.append(f"detections ({kind}, shared prefix, score >= {meta['threshold']}):")
        out.append(_counts_table(results, f"counts_{kind}", planted))
        out.append("")
    if kind_note := _notes(meta, results):
        out.extend(kind_note)
    out.append(_verdicts(results, base_free, base_cells))
    return "\n".join(out)


def _counts_table(results: list[dict[str, Any]], key: str, planted: dict[str, int]) -> str:
    ok = [r for r in results if "error" not in r]
    seen = {e for r in ok for e in r[key]}
    rows_order = list(ENTITIES) + sorted(seen - set(ENTITIES))
    rows = [(e, planted.get(e, 0) or None, *(r[key].get(e, 0) for r in ok)) for e in rows_order]
    rows.append(("total", sum(planted.values()), *(sum(r[key].values()) for r in ok)))
    return table(("entity", "planted", *(r["name"] for r in ok)), rows)


def _notes(meta: dict[str, Any], results: list[dict[str, Any]]) -> list[str]:
    notes = [f"{r['name']}: {r['error']}" for r in results if "error" in r]
    for r in results:
        if r.get("missing_recognizers"):
            notes.append(f"PARTIAL: {r['name']} ran without these recognisers (not importable "
                         "yet): " + ", ".join(r["missing_recognizers"]))
    notes += [f"free text also holds {meta['negatives_free']:,} planted hard negatives "
             "(order/invoice no., CVR, timestamps, UUIDs, versions, OIDs, MACs, masked cards, ...)"]
    by_name = {r["name"]: r for r in results if "error" not in r}
    checks = (("pii-scan/hyperscan", "pii-scan/re", "counts_free"),
              ("pii-scan/hyperscan", "pii-scan/re", "counts_cells"),
              ("pii-scan/hyperscan", "presidio+ours", "counts_free"))
    for a, b, key in checks:
        if a in by_name and b in by_name:
            same = by_name[a][key] == by_name[b][key]
            notes.append(f"consistency: {a} vs {b} on {key.split('_')[1]}: "
                         + ("same counts" if same else "COUNTS DIFFER"))
    notes.append("(presidio+ours on cells may differ: Presidio sees no column name)")
    if meta["home_written"]:
        notes.append(f"WARNING: files were written under the temp HOME: {meta['home_written'][:5]}")
    attempts = sum(r.get("network_attempts", 0) for r in results)
    notes.append(f"offline: {attempts} network attempts blocked; "
                 f"{len(meta['home_written'])} files written under the temp HOME; guard: "
                 + ", ".join(sorted({r.get('offline_guard', '?') for r in results
                                     if r['name'].startswith('presidio') and 'error' not in r})))
    return notes + [""]


def _verdicts(results: list[dict[str, Any]], base_free: float | None,
              base_cells: float | None) -> str:
    lines = ["targets (one core): free text >= 50x vanilla Presidio, cells >= 100x"]
    for r in results:
        if "error" in r or not r["name"].startswith("pii-scan"):
            continue
        free, cells = _rates(r)
        for what, value, base, target in (("free text", free, base_free, TARGET_FREE_X),
                                          ("cells", cells, base_cells, TARGET_CELLS_X)):
            if value and base:
                verdict = "meets" if value / base >= target else "MISSES"
                lines.append(f"  {r['name']}: {what} {value / base:,.0f}x -> {verdict} {target}x")
    return "\n".join(lines)
