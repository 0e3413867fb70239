"""Which build of the detection hot path is loaded: Cython-compiled, plain Python, or stale.

``setup.py`` compiles :data:`COMPILED_MODULES` with Cython (each one optional: without a C
compiler, or with ``PII_SCAN_PURE=1``, that module stays plain Python). The import system prefers
an extension module to the ``.py`` beside it, so an extension built before its source was edited
would silently run old code: :func:`stale_modules` finds those, and the CLI warns about them.

Standard library only: ``setup.py`` reads :data:`COMPILED_MODULES` from this file at build time,
before any dependency is installed.
"""

from __future__ import annotations

import importlib
import importlib.machinery
from pathlib import Path

#: The per-candidate hot path (trigger passes, shape walks, recogniser scoring), compiled unchanged.
COMPILED_MODULES: tuple[str, ...] = (
    "recognizers.base",
    "recognizers.context",
    "recognizers.credit_card",
    "recognizers.dk_cpr",
    "recognizers.email",
    "recognizers.fi_hetu",
    "recognizers.iban",
    "recognizers.ip_address",
    "recognizers.keywords",
    "recognizers.labels",
    "recognizers.no_fodselsnummer",
    "recognizers.nordic_id",
    "recognizers.phone",
    "recognizers.phone_validity",
    "recognizers.se_personnummer",
    "scanner.engine.candidates",
    "scanner.engine.context",
    "scanner.engine.core",
    "scanner.engine.prefilter",
    "scanner.engine.shape_facts",
    "scanner.engine.triggers",
    "scanner.extract.chunk",
    "scanner.extract.table",
    "scanner.inventory.aggregate",
    "scanner.model",
)

COMPILED, PURE, STALE = "compiled", "pure", "stale"


def module_build(name: str) -> str:
    """COMPILED, PURE or STALE (compiled, but its ``.py`` is newer) for one imported module."""
    module = importlib.import_module(name)
    loaded = Path(module.__file__ or "")
    if not loaded.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return PURE
    source = loaded.with_name(name.rsplit(".", 1)[-1] + ".py")
    if source.exists() and source.stat().st_mtime > loaded.stat().st_mtime:
        return STALE
    return COMPILED


def build_summary() -> str:
    """One word for ``scan.json`` and ``--version``: compiled, pure, stale or mixed."""
    found = {module_build(name) for name in COMPILED_MODULES}
    if STALE in found:
        return STALE
    return found.pop() if len(found) == 1 else "mixed"


def stale_modules() -> list[str]:
    """Compiled modules whose source was edited after the build (rebuild: ``pip install -e .``)."""
    return [name for name in COMPILED_MODULES if module_build(name) == STALE]
