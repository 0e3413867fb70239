"""The one small interface every source implements, and the errors sources raise."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO, ClassVar

from scanner.model import LocationError, ScanUnit, TableRows
from scanner.settings import Settings


class SourceUriError(ValueError):
    """A URI no source can read (unknown scheme, malformed URL); the message has no password."""


class SourceError(Exception):
    """A unit could not be opened; ``error_type`` is machine-readable, the message has no
    password and no content. Same shape as ``scanner.extract.errors.ExtractError``."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


class Source(ABC):
    """Where data lives: list scan units for a URI, and open one of them again (in a worker)."""

    scheme: ClassVar[str]
    source_type: ClassVar[str]

    @classmethod
    @abstractmethod
    def claims(cls, uri: str) -> bool:
        """True if this source reads ``uri`` (decided from the URI text alone, no I/O)."""

    @classmethod
    def redact(cls, uri: str) -> str:
        """``uri`` without a password (sources whose URIs hold none return it unchanged)."""
        return uri

    @abstractmethod
    def list_units(self, uri: str, settings: Settings) -> Iterator[ScanUnit | LocationError]:
        """Every unit under ``uri``; what cannot be listed is yielded as a LocationError."""

    @abstractmethod
    def open_unit(
        self, unit: ScanUnit, settings: Settings
    ) -> AbstractContextManager[BinaryIO | TableRows]:
        """Open a unit this source listed (raises SourceError when that fails)."""
