"""Write the inventory atomically: ``findings/``, ``locations/`` (Parquet) and ``scan.json``.

Everything is written into ``DIR/.tmp-<scan_id>/`` first. Then the swap, in this order:

1. an existing ``DIR/scan.json`` is moved aside (from here on DIR does not look complete),
2. the old ``findings/`` and ``locations/`` are moved aside, the new ones renamed into place,
3. the new ``scan.json`` is renamed into place last (``os.replace``), then the old parts deleted.

So the rule for readers is simple: **an inventory is complete when ``scan.json`` exists**, and its
``scan_id`` matches the ``scan_id`` column of the Parquet files. A scan killed at any moment leaves
either the old complete inventory, or one without ``scan.json``, never a half-written one that looks
complete. Leftover ``.tmp-*`` / ``.old-*`` directories of killed scans are hidden (dataset readers
skip dot-files) and are removed by the next successful write.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scanner.inventory.aggregate import UnitResult
from scanner.inventory.collect import Shown, as_is, finding_rows, location_rows
from scanner.inventory.schema import findings_schema, locations_schema

FINDINGS_DIR = "findings"
LOCATIONS_DIR = "locations"
SCAN_JSON = "scan.json"
_PART = "part-0.parquet"


class InventoryDirError(ValueError):
    """The output directory holds something that is not a pii-scan inventory."""


def check_out_dir(out_dir: str | os.PathLike[str]) -> None:
    """Refuse an output directory whose ``findings/`` or ``locations/`` is not ours to replace.

    They may be replaced when they hold only Parquet files (an earlier inventory, complete or
    left by a killed scan); anything else there is someone's data and stays untouched.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InventoryDirError(f"{out}: exists and is not a directory")
    for name in (FINDINGS_DIR, LOCATIONS_DIR):
        part = out / name
        if part.is_symlink() or (part.exists() and not part.is_dir()):
            raise InventoryDirError(f"{part}: exists and is not an inventory directory")
        if part.is_dir() and any(not p.name.endswith(".parquet") for p in part.iterdir()):
            raise InventoryDirError(f"{part}: holds files that are not Parquet; not replacing it")


def write_inventory(
    out_dir: str | os.PathLike[str], scan_id: str, results: list[UnitResult],
    scan_meta: dict[str, Any], show: Shown | None = None,
) -> Path:
    """Write the inventory of ``results`` into ``out_dir`` (replacing any there); return it.

    ``show`` turns a location into what the inventory displays (the runner masks identifiers
    in file and member names); by default locations are written as they are.
    """
    out = Path(out_dir).absolute()
    check_out_dir(out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".tmp-{scan_id}"
    if tmp.exists():
        shutil.rmtree(tmp)
    _write_parts(tmp, scan_id, results, show or as_is)
    _write_json(tmp / SCAN_JSON, scan_meta)
    _swap_into_place(out, tmp, scan_id)
    return out


def _write_parts(tmp: Path, scan_id: str, results: list[UnitResult], show: Shown) -> None:
    tables = {
        FINDINGS_DIR: pa.Table.from_pylist(finding_rows(results, scan_id, show),
                                           schema=findings_schema(scan_id)),
        LOCATIONS_DIR: pa.Table.from_pylist(location_rows(results, scan_id, show),
                                            schema=locations_schema(scan_id)),
    }
    for name, table in tables.items():
        (tmp / name).mkdir(parents=True)
        pq.write_table(table, tmp / name / _PART, compression="zstd")
        _fsync_path(tmp / name / _PART)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, sort_keys=False, default=str)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)


def _swap_into_place(out: Path, tmp: Path, scan_id: str) -> None:
    old = out / f".old-{scan_id}"
    old.mkdir(exist_ok=True)
    for name in (SCAN_JSON, FINDINGS_DIR, LOCATIONS_DIR):  # scan.json first: "not complete"
        if (out / name).exists():
            os.replace(out / name, old / name)
    _fsync_path(out)
    for name in (FINDINGS_DIR, LOCATIONS_DIR, SCAN_JSON):  # scan.json last: "complete"
        os.replace(tmp / name, out / name)
    _fsync_path(out)
    for leftover in out.iterdir():
        if leftover.is_dir() and leftover.name.startswith((".tmp-", ".old-")):
            shutil.rmtree(leftover, ignore_errors=True)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_scan_json(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Load ``scan.json`` of an inventory (raises FileNotFoundError when it is not complete)."""
    with (Path(out_dir) / SCAN_JSON).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
