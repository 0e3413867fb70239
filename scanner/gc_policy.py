"""The cyclic garbage collector's settings for a scanning process."""

from __future__ import annotations

import gc


def tune_gc() -> None:
    """Make the cyclic garbage collector cheap for a scanning process (every one calls this).

    Scanning allocates many short-lived objects (spans, contexts, detections) while the process
    holds many long-lived ones (modules, recogniser data, the engine's memo tables); with the
    default thresholds the collector keeps re-walking the latter (~12 % of scan time). Objects
    alive now are frozen out of collection and young collections run less often.
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
