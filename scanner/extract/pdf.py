"""PDF: the text layer, page by page, with pypdf; field null, unit = line of extracted text.

- Memory: pypdf reads objects on demand from the (seekable) file; the reader also caches what it
  decoded, so a new reader is opened every ``PAGES_PER_READER`` pages to drop that cache.
- Encrypted: a PDF that opens with the empty user password (owner-password-only "protection")
  is read; any other is status skipped, ``encrypted``.
- No text layer (scans, images only): every page empty -> status skipped, ``no_text_layer``;
  some pages empty -> status ok with the note ``pages_without_text`` and the count.
- Damage: a file pypdf cannot open (not a PDF, a broken xref it cannot rebuild, a truncated
  file: its cross-reference table is at the end) is ``corrupt_pdf``, nothing read. A file pypdf
  opens only by repairing it (wrong xref offsets, a bad ``startxref``) is read, and still ends
  with status error ``corrupt_pdf`` saying it was repaired: the findings are kept, and the
  report shows that the file is damaged and may have lost text. A page that fails (or whose
  streams are damaged and give no text) is counted and the next page is read; the location
  ends with status error ``corrupt_pdf`` naming how many pages were lost.
- pypdf's own log records quote bytes of the file, so while a PDF is read they are not passed
  on: they are only counted (a record while opening = a repair; while reading a page that
  gives no text = a damaged page; from pypdf's
  reader module = a repaired structure).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.errors import ExtractError
from scanner.extract.lines import LineSink
from scanner.model import Piece

PAGES_PER_READER = 1000  # a 3000-page PDF peaks at 76 MB either way; reopening costs time
CORRUPT_PDF = "corrupt_pdf"


class _Encrypted(Exception):
    pass


def extract_pdf(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield the text of every page of a PDF."""
    with _quiet_pypdf() as warnings:
        reader = _open(fp)
        if reader is None:
            set_error(ctx.outcome, "skipped", errors.ENCRYPTED,
                      "encrypted PDF (needs a password): not read")
            return
        pages = _page_count(reader)
        sink = LineSink(ctx)
        empty = failed = 0
        for index in range(pages):
            if index and index % PAGES_PER_READER == 0:
                reader = _open(fp) or reader
            before = warnings.count
            text = _page_text(reader, index)
            if text is None or (not text.strip() and warnings.count > before):
                failed += 1
            elif not text.strip():
                empty += 1
            else:
                yield from sink.add(text.rstrip("\n"))
        yield from sink.finish()
    _record(ctx, pages, empty, failed, warnings.structure)


def _record(ctx: FileContext, pages: int, empty: int, failed: int, repaired: int) -> None:
    if repaired:
        set_error(ctx.outcome, "error", CORRUPT_PDF,
                  f"damaged PDF structure ({repaired} problems repaired by the reader); "
                  f"{pages - failed - empty} of {pages} pages gave text and were scanned")
    if failed:
        set_error(ctx.outcome, "error", CORRUPT_PDF,
                  f"{failed} of {pages} PDF pages could not be read; the others were scanned")
    elif empty == pages:
        set_error(ctx.outcome, "skipped", errors.NO_TEXT_LAYER,
                  f"PDF without a text layer ({pages} pages, none with text; scanned images "
                  "need OCR)")
    elif empty:
        set_error(ctx.outcome, "ok", errors.PAGES_WITHOUT_TEXT,
                  f"{empty} of {pages} PDF pages have no text layer")


def _open(fp: IO[bytes]) -> Any:
    """A reader positioned on a decrypted document, None if it needs a password."""
    from pypdf import PdfReader

    fp.seek(0)
    try:
        reader = PdfReader(fp, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return reader
    except ExtractError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged input (PdfReadError, ...)
        if _is_password_error(exc):
            return None
        raise ExtractError(CORRUPT_PDF, f"corrupt or truncated PDF "
                                        f"({exc.__class__.__name__}); not read") from None


def _is_password_error(exc: Exception) -> bool:
    name = exc.__class__.__name__
    return name in ("FileNotDecryptedError", "WrongPasswordError", "DependencyError")


def _page_count(reader: Any) -> int:
    try:
        return len(reader.pages)
    except Exception as exc:
        if _is_password_error(exc):
            raise ExtractError(errors.ENCRYPTED, "encrypted PDF: not read") from None
        raise ExtractError(CORRUPT_PDF, f"corrupt PDF page tree "
                                        f"({exc.__class__.__name__}); not read") from None


def _page_text(reader: Any, index: int) -> str | None:
    try:
        return str(reader.pages[index].extract_text())
    except RecursionError:
        return None
    except Exception:  # one damaged page must not lose the others
        return None


class _Counter(logging.Handler):
    """Counts pypdf's warnings and drops them (their text may quote the file)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.structure = 0  # from the reader proper: xref and object-offset repairs

    def emit(self, record: logging.LogRecord) -> None:
        """Count, never print."""
        self.count += 1
        if record.name == "pypdf._reader":
            self.structure += 1


@contextmanager
def _quiet_pypdf() -> Iterator[_Counter]:
    logger = logging.getLogger("pypdf")
    propagate, handlers = logger.propagate, logger.handlers[:]
    counter = _Counter()
    logger.propagate = False
    logger.handlers[:] = [counter]
    try:
        yield counter
    finally:
        logger.propagate, logger.handlers[:] = propagate, handlers
