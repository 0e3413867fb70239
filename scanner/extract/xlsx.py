"""Excel workbooks (xlsx, xlsm, xltx, xltm) with openpyxl in read-only (streaming) mode.

Every worksheet is read row by row (openpyxl parses the sheet XML as it goes; only the shared
string table is held whole). Cached formula results are read, not formulas (``data_only``).
Fields, units, sampling and cell rendering: see ``sheets``. A date-formatted cell arrives as a
date and is written as an ISO date, so it is never mistaken for a CPR.

Bad input: not a ZIP package -> ``not_a_xlsx``; a damaged package or sheet -> ``corrupt_xlsx``
(rows yielded before the damage keep their findings). A password-protected workbook is an OLE2
file, not a ZIP: ``detect`` routes it to skipped ``encrypted`` before it gets here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from scanner.extract.base import FileContext
from scanner.extract.errors import ExtractError
from scanner.extract.package import DAMAGE, corrupt, not_a
from scanner.extract.sheets import SheetWriter, cell_text
from scanner.model import Piece

FORMAT = "xlsx"


def extract_xlsx(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield column pieces for every worksheet of a workbook."""
    from openpyxl import load_workbook  # imported here: a heavy import only xlsx files need
    from openpyxl.utils.exceptions import InvalidFileException

    if fp.read(4) != b"PK\x03\x04":
        raise not_a(FORMAT)
    fp.seek(0)
    try:
        book = load_workbook(fp, read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, *DAMAGE) as exc:
        raise corrupt(FORMAT, exc) from None
    writer = SheetWriter(ctx)
    try:
        for sheet in book.worksheets:
            yield from writer.sheet(_rows(sheet))
    finally:
        book.close()


def _rows(sheet: Any) -> Iterator[list[str]]:
    if hasattr(sheet, "reset_dimensions"):  # the stored dimension may be wrong: read every row
        sheet.reset_dimensions()
    try:
        for row in sheet.iter_rows():
            yield [cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row]
    except ExtractError:
        raise
    except DAMAGE as exc:
        raise corrupt(FORMAT, exc, "sheet") from None
