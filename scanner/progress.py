"""The progress bar: tqdm on stderr, only on a terminal and without ``--quiet``.

It shows bytes done of the total known from listing, MB/s and ETA, plus locations done; it never
shows a location name or a value (a file name can itself be personal data on a shared screen).
"""

from __future__ import annotations

import sys

from tqdm import tqdm


class TqdmProgress:
    """A :class:`scanner.runner.Progress` drawn with tqdm."""

    def __init__(self, mininterval: float = 0.2) -> None:
        self._bar: tqdm | None = None
        self._locations = 0
        self._mininterval = mininterval

    def start(self, locations: int, nbytes: int) -> None:
        """Open the bar once listing is done."""
        self._locations = locations
        self._bar = tqdm(total=nbytes, unit="B", unit_scale=True, unit_divisor=1000,
                         file=sys.stderr, desc="scanning", dynamic_ncols=True, leave=False,
                         mininterval=self._mininterval)
        self._bar.set_postfix_str(f"locations 0/{locations}")

    def advance(self, nbytes: int, locations_done: int) -> None:
        """Move the bar on after one unit."""
        if self._bar is not None:
            self._bar.set_postfix_str(f"locations {locations_done}/{self._locations}",
                                      refresh=False)
            self._bar.update(nbytes)

    def close(self) -> None:
        """Remove the bar (the summary follows on stdout)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def make_progress(quiet: bool) -> TqdmProgress | None:
    """A progress bar when stderr is a terminal and not quiet; else None."""
    if quiet or not sys.stderr.isatty():
        return None
    return TqdmProgress()
