"""A generated estate with planted truth, and how to compare an inventory with it (e2e tests).

The estate is the demo's (``scanner.demo.build_estate``) at a larger size, so each entity type has
well over 100 planted values and a precision or recall of 0.99 means at most one miss per 100.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from scanner.demo import DB_NAME, Key, Truth, build_estate

E2E_SEED = 7
E2E_ROWS = 160


def make_estate(root: Path, rows: int = E2E_ROWS, seed: int = E2E_SEED) -> Truth:
    """Write the estate under ``root`` and return its truth."""
    return build_estate(root, seed=seed, rows=rows)


def read_findings(out: Path) -> list[dict[str, Any]]:
    """Every row of ``out/findings``."""
    return ds.dataset(out / "findings").to_table().to_pylist()  # type: ignore[no-any-return]


def read_locations(out: Path) -> dict[str, dict[str, Any]]:
    """``out/locations`` keyed by location."""
    return {r["location"]: r for r in ds.dataset(out / "locations").to_table().to_pylist()}


def relative(location: str, root: Path) -> str:
    """An inventory location as a truth key: relative to the estate root."""
    prefix = "file://" + str(root.absolute()) + "/"
    if location.startswith(prefix):
        return location[len(prefix):]
    marker = "/" + DB_NAME + "/"
    if location.startswith("sqlite:") and marker in location:
        return DB_NAME + "/" + location.split(marker, 1)[1]
    return location


def found_counts(rows: list[dict[str, Any]], root: Path) -> Counter[Key]:
    """match_count per truth key."""
    out: Counter[Key] = Counter()
    for r in rows:
        out[(relative(r["location"], root), r["field"], r["entity_type"])] += r["match_count"]
    return out


@dataclass
class Score:
    """Count-level true/false positives and negatives of one entity type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(found: Counter[Key], planted: Counter[Key]) -> dict[str, Score]:
    """Per entity type, comparing counts per (location, field, entity) key."""
    scores: dict[str, Score] = {}
    for key in set(found) | set(planted):
        s = scores.setdefault(key[2], Score())
        f, p = found.get(key, 0), planted.get(key, 0)
        s.tp += min(f, p)
        s.fp += max(0, f - p)
        s.fn += max(0, p - f)
    return scores


def mismatches(found: Counter[Key], planted: Counter[Key]) -> list[tuple[Key, int, int]]:
    """Keys whose found count differs from the planted count (for failure messages)."""
    return sorted(
        ((k, found.get(k, 0), planted.get(k, 0)) for k in set(found) | set(planted)
         if found.get(k, 0) != planted.get(k, 0)),
        key=lambda t: (t[0][0], str(t[0][1]), t[0][2]),
    )


@dataclass
class CliResult:
    """Exit code and captured output of one in-process ``pii-scan`` run."""

    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliResult:
    """Run ``pii-scan ARGS`` in this process (``scanner.cli.main``), capturing stdout/stderr."""
    import contextlib
    import io

    from scanner.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())
