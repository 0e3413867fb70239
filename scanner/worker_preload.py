"""Imported once by the ``forkserver`` process before it forks pool workers.

Only used when workers cannot be forked from the scanning process itself (see
``scanner.executor``). Importing the recognisers and loading their data costs over a second; done
here, every worker forked from the server inherits it ready-made instead of paying it again (a
Hyperscan prefilter, when asked for, caches its compiled database by shapes, which do not depend
on settings). Failing here is harmless: each worker then builds what it needs itself.
"""

from __future__ import annotations

import logging

from scanner.engine import Engine
from scanner.settings import Settings

try:
    Engine(Settings(workers=1)).scan_text("warm up")
except Exception:  # the worker will build (and report) it again
    logging.getLogger(__name__).debug("preloading the engine failed", exc_info=True)
