"""Shared fixtures: one generated estate with planted truth, and one scan of it, per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.demo import Truth, estate_uris
from tests.estate import CliResult, make_estate, run_cli


@pytest.fixture(scope="session")
def estate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    """The e2e estate (root, truth), written once per session."""
    root = tmp_path_factory.mktemp("e2e") / "estate"
    return root, make_estate(root)


@pytest.fixture(scope="session")
def e2e_scan(estate: tuple[Path, Truth], tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, CliResult]:
    """The estate scanned once with default flags and one worker: (inventory dir, result)."""
    out = tmp_path_factory.mktemp("inv") / "inventory"
    result = run_cli("scan", *estate_uris(estate[0]), "--out", str(out), "--workers", "1")
    return out, result
