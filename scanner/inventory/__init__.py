"""Aggregate matches per (location, field, entity_type) and write the Parquet inventory."""

from scanner.inventory.aggregate import Aggregator, FindingAgg, LocationResult, UnitResult
from scanner.inventory.collect import Collector, totals
from scanner.inventory.writer import (
    InventoryDirError,
    check_out_dir,
    read_scan_json,
    write_inventory,
)

__all__ = [
    "Aggregator", "Collector", "FindingAgg", "InventoryDirError", "LocationResult", "UnitResult",
    "check_out_dir", "read_scan_json", "totals", "write_inventory",
]
