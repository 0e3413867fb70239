"""The short text summary printed at the end of a scan (counts only, never values)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def render(totals: dict[str, Any], out_dir: Path, status: str, scan_id: str) -> str:
    """Summary lines: locations by outcome, matches per entity type, time, throughput, where."""
    by_status = totals.get("locations_by_status", {})
    head = "Scan complete"
    if status != "complete":
        head = "Scan INTERRUPTED (the inventory holds what finished)"
    lines = [
        f"{head}. Scan id {scan_id}",
        f"Locations: {totals.get('locations', 0)} visited: {by_status.get('ok', 0)} scanned, "
        f"{totals.get('locations_with_findings', 0)} with personal data, "
        f"{by_status.get('error', 0)} failed, {by_status.get('skipped', 0)} skipped",
    ]
    matches: dict[str, int] = totals.get("matches_by_entity", {})
    if matches:
        width = max(len(name) for name in matches)
        lines.append(f"Matches by type ({sum(matches.values()):,} in all):")
        lines += [f"  {name:<{width}}  {count:>10,}" for name, count in matches.items()]
    else:
        lines.append("Matches by type: none")
    lines.append(
        f"Elapsed {totals.get('elapsed_s', 0.0):.1f} s, {totals.get('bytes', 0) / 1e6:.1f} MB, "
        f"{totals.get('mb_per_s', 0.0):.1f} MB/s"
    )
    lines.append(f"Inventory: {out_dir} (findings/, locations/, scan.json)")
    return "\n".join(lines)
