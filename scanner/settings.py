"""One frozen, typed settings object, merged once: packaged defaults -> --config file -> CLI flags.

Every stage receives the ``Settings`` (or the part of it it needs) explicitly; nothing reads
configuration from globals. Unknown keys and bad values are errors that name the file and the key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class ConfigError(ValueError):
    """A configuration file or flag is wrong; the message names the file and key."""


@dataclass(frozen=True)
class Settings:
    """Everything a scan needs to know, after merging defaults, config file and flags."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    sample_rows: int = 10_000  # rows per table / CSV (0 = no limit)
    full: bool = False  # read every row (tables and CSV files)
    only: tuple[str, ...] = ()  # entity types to report (empty = all)
    min_score: float = 0.4
    exclude: tuple[str, ...] = ()  # glob patterns on paths (relative to the root, or absolute)
    quiet: bool = False
    # Engine / extraction sizing.
    chunk_chars: int = 1 << 20  # characters per text piece handed to the engine
    split_bytes: int = 64 << 20  # text files larger than this are split across workers
    max_line_chars: int = 1 << 20  # lines longer than this are cut into overlapping chunks
    csv_batch_rows: int = 2_000  # rows per CSV/SQL column piece
    prefilter: str = "auto"  # auto | hyperscan | re
    # Safety limits for containers (archives, mail) and slow files; 0 = no limit. A hit is
    # recorded on the location (error_type names the limit), never silent.
    max_archive_depth: int = 5  # containers inside containers (a.zip!/b.zip!/c.csv is 2)
    max_archive_bytes: int = 4 << 30  # decompressed bytes per file on disk, nesting included
    max_archive_members: int = 100_000  # members per file on disk, nesting included
    max_compression_ratio: int = 200  # decompressed/compressed bytes of a member or stream
    max_file_seconds: int = 1800  # wall time per file (members included); not for tables
    max_mail_bytes: int = 64 << 20  # a bigger .eml/.msg is read as plain text, not parsed
    # Per-entity score thresholds override min_score: {"PHONE_NUMBER": 0.5}.
    entity_min_score: Mapping[str, float] = field(default_factory=dict)
    # Extra context words per entity, added to the recognisers' own.
    extra_context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Column names that are read as record dates (row age), in order of preference.
    date_columns: tuple[str, ...] = (
        "last_contact", "updated_at", "modified_at", "last_modified", "ended_at",
        "created_at", "created", "date", "dato", "datum",
    )
    # Databases: schema.table[.column] patterns to read (empty = all; ``exclude`` applies too).
    include: tuple[str, ...] = ()
    include_views: bool = False  # views and materialized views are read only when asked
    table_timeout: int = 300  # seconds per table (server-side statement timeout + client deadline)
    connect_timeout: int = 10  # seconds to open a database connection
    # Full scans of tables with more rows than this are split by primary-key range across
    # workers (0 = never split).
    table_split_rows: int = 250_000
    # Record-date column per table, overriding ``date_columns``: {"public.kunder": "seen_at"}.
    table_date_columns: Mapping[str, str] = field(default_factory=dict)
    # Database password used when the URL has none (never written to scan.json or logs).
    db_password: str = field(default="", repr=False)

    def threshold(self, entity: str) -> float:
        """The minimum score for ``entity``."""
        return float(self.entity_min_score.get(entity, self.min_score))


_FIELD_NAMES = {f.name for f in fields(Settings)}
_TUPLE_FIELDS = {"only", "exclude", "date_columns", "include"}
SECRET_FIELDS = frozenset({"db_password"})  # shown as "***" in scan.json


def public_settings(settings: Settings) -> dict[str, Any]:
    """The settings as a plain mapping for scan.json, secrets replaced by ``***``."""
    data = asdict(settings)
    for key in SECRET_FIELDS:
        if data.get(key):
            data[key] = "***"
    return data


def packaged_defaults() -> dict[str, Any]:
    """The packaged defaults file (``configs/defaults.yaml``) as a mapping."""
    text = resources.files("configs").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return _load_mapping(text, "configs/defaults.yaml")


def _load_mapping(text: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: top level must be a mapping")
    return data


def _coerce(key: str, value: Any, origin: str) -> Any:
    if key not in _FIELD_NAMES:
        raise ConfigError(f"{origin}: unknown key '{key}'")
    default = getattr(Settings(), key)
    if key in _TUPLE_FIELDS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: '{key}' must be a list of strings")
        return tuple(value)
    if key == "extra_context":
        if not isinstance(value, dict):
            raise ConfigError(f"{origin}: '{key}' must map entity names to word lists")
        return {str(k): tuple(str(w).lower() for w in v) for k, v in value.items()}
    if key == "table_date_columns":
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ConfigError(f"{origin}: '{key}' must map schema.table to a column name")
        return dict(value)
    if key == "entity_min_score":
        if not isinstance(value, dict):
            raise ConfigError(f"{origin}: '{key}' must map entity names to scores")
        return {str(k): _coerce("min_score", v, origin) for k, v in value.items()}
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{origin}: '{key}' must be true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{origin}: '{key}' must be a non-negative integer")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ConfigError(f"{origin}: '{key}' must be a number between 0 and 1")
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{origin}: '{key}' must be a string")
        return value
    return value


def merge(base: Settings, overrides: Mapping[str, Any], origin: str) -> Settings:
    """Return ``base`` with ``overrides`` applied; every key is validated against ``origin``."""
    changes = {key: _coerce(key, value, origin) for key, value in overrides.items()}
    if changes.get("prefilter", "auto") not in ("auto", "hyperscan", "re"):
        raise ConfigError(f"{origin}: 'prefilter' must be auto, hyperscan or re")
    for key in ("workers", "table_timeout", "connect_timeout"):
        if key in changes and changes[key] < 1:
            raise ConfigError(f"{origin}: '{key}' must be at least 1")
    return replace(base, **changes)


def load_settings(
    config_file: str | os.PathLike[str] | None = None,
    flags: Mapping[str, Any] | None = None,
) -> Settings:
    """Merge packaged defaults, an optional config file and CLI flags into one Settings."""
    settings = merge(Settings(), packaged_defaults(), "configs/defaults.yaml")
    if config_file is not None:
        path = Path(config_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
        settings = merge(settings, _load_mapping(text, str(path)), str(path))
    if flags:
        settings = merge(settings, {k: v for k, v in flags.items() if v is not None}, "flag")
    return settings
