"""Helpers of the database tests: the seeded server, CLI scans and their inventory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scanner.settings import Settings
from tests.db import seed
from tests.db.servers import Server
from tests.estate import CliResult, read_findings, read_locations, run_cli


@dataclass
class Db:
    """A seeded server as the tests see it."""

    server: Server
    truth: seed.Truth
    url: str  # the scanner's URL: SELECT-only user, password in the URL

    @property
    def kind(self) -> str:
        """``postgresql`` or ``mariadb``."""
        return self.server.kind

    @property
    def base(self) -> str:
        """The location prefix (URL without password, no trailing slash)."""
        return seed.scanner_url(self.server, None).rstrip("/")

    def location(self, table: str, schema: str = "shop") -> str:
        """The inventory location of ``schema.table``."""
        return f"{self.base}/{schema}.{table}"


@dataclass
class Scan:
    """One CLI scan: its result, inventory directory, findings and locations."""

    result: CliResult
    out: Path
    findings: list[dict]
    locations: dict[str, dict]

    def finding(self, location: str, field: str, entity: str) -> dict:
        """The finding row of (location, field, entity); KeyError if absent."""
        for row in self.findings:
            if (row["location"], row["field"], row["entity_type"]) == (location, field, entity):
                return row
        raise KeyError((location, field, entity))

    def fields(self, location: str) -> set[tuple[str, str]]:
        """(field, entity_type) of every finding at ``location``."""
        return {(r["field"], r["entity_type"]) for r in self.findings if r["location"] == location}


def cli_scan(out: Path, *args: str) -> Scan:
    """Run ``pii-scan scan ARGS --out OUT --quiet`` and read the inventory."""
    result = run_cli("scan", *args, "--out", str(out), "--quiet")
    assert result.code in (0, 1), result.err
    return Scan(result, out, read_findings(out), read_locations(out))


def settings(**changes: object) -> Settings:
    """Settings for API-level tests (one worker, short timeouts)."""
    base: dict[str, object] = {"workers": 1, "connect_timeout": 5}
    base.update(changes)
    return Settings(**base)  # type: ignore[arg-type]
