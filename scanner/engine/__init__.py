"""The fast detection engine (see :mod:`scanner.engine.core`)."""

from scanner.engine.core import Engine

__all__ = ["Engine"]
