"""What every file extractor receives besides its text: the settings and the outcome to fill."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scanner.extract.decode import DecodeStats, Readable
from scanner.model import ExtractOutcome, Member, Piece
from scanner.settings import Settings


@dataclass
class FileContext:
    """One file being extracted: its name (format hints), settings, outcome, decode stats.

    Containers also need where they are: ``location`` (members are named after it), ``depth``
    (containers above this one) and ``scope`` (the limits budget shared by the whole file on
    disk, a ``scanner.extract.limits.Scope``; None outside ``extract``).
    """

    name: str
    settings: Settings
    outcome: ExtractOutcome
    stats: DecodeStats = field(default_factory=DecodeStats)
    location: str = ""
    depth: int = 0
    scope: Any = None


# A text-format extractor: decoded text blocks in, bounded pieces out; fills ctx.outcome.
TextExtractor = Callable[[Iterator[str], FileContext], Iterator[Piece]]
# A byte-stream extractor (containers: zip, tar, eml, msg): bytes in, pieces and/or members out.
StreamExtractor = Callable[[Readable, FileContext], Iterator[Piece | Member]]


def set_error(outcome: ExtractOutcome, status: str, error_type: str, message: str) -> None:
    """Record a problem on the outcome without losing an earlier one.

    An error (status "error") replaces a note (status ok/skipped) and a later error replaces an
    earlier one (the outer cause wins: a truncated gzip explains the malformed JSON inside);
    a note never replaces anything. Every message is kept, joined with "; ".
    """
    if outcome.error_type is None:
        outcome.status, outcome.error_type, outcome.error_message = status, error_type, message
        return
    if status == "error":
        outcome.status, outcome.error_type = status, error_type
        outcome.error_message = f"{message}; {outcome.error_message}"
    else:
        outcome.error_message = f"{outcome.error_message}; {message}"
