"""Imported once by the ``forkserver`` process before it forks pool workers.

Building the engine's prefilter (compiling the Hyperscan database, loading recogniser data) costs
a few seconds; done here, every worker forked from the server inherits it ready-made instead of
paying it again (the prefilter caches compiled databases by their shapes, which do not depend on
settings). Failing here is harmless: each worker then builds what it needs itself.
"""

from __future__ import annotations

import logging

from scanner.engine import Engine
from scanner.settings import Settings

try:
    Engine(Settings(workers=1)).scan_text("warm up")
except Exception:  # the worker will build (and report) it again
    logging.getLogger(__name__).debug("preloading the engine failed", exc_info=True)
