"""Legacy Excel workbooks (.xls, BIFF in an OLE2 file) with xlrd.

xlrd reads the workbook from a memory map of the (possibly spooled) file, one sheet at a time
(``on_demand``: a sheet is loaded, read and unloaded before the next). The format itself caps a
sheet at 65,536 rows, which bounds memory. Number formats are read so a CPR stored as a number
keeps a leading zero written by its mask (see ``sheets``); date cells become ISO dates.

Bad input: ``not_a_xls`` (no OLE2 signature), ``corrupt_xls`` (xlrd cannot read it), skipped
``encrypted`` (a password-protected workbook). xlrd's own warnings go nowhere: they are never
printed (the scan's stdout is the summary).
"""

from __future__ import annotations

import io
import mmap
from collections.abc import Iterator
from typing import IO, Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.errors import ExtractError
from scanner.extract.sheets import SheetWriter, cell_text
from scanner.model import Piece

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMAT = "xls"


def extract_xls(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield column pieces for every sheet of a legacy workbook."""
    import xlrd  # imported here: only .xls files need it

    if fp.read(8) != OLE2_MAGIC:
        raise ExtractError("not_a_xls", "not a xls file: no OLE2 signature")
    fp.seek(0)
    data = _contents(fp)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=True,
                                  logfile=io.StringIO())
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct/index errors...
        _close(data)
        if "encrypted" in str(exc).lower():
            set_error(ctx.outcome, "skipped", errors.ENCRYPTED,
                      "password-protected xls workbook: not read")
            return
        raise ExtractError("corrupt_xls", f"corrupt or truncated xls file "
                                          f"({exc.__class__.__name__})") from None
    writer = SheetWriter(ctx)
    try:
        for index in range(book.nsheets):
            yield from writer.sheet(_rows(book, index))
    finally:
        book.release_resources()
        _close(data)


def _contents(fp: IO[bytes]) -> Any:
    try:
        return mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, io.UnsupportedOperation):
        return fp.read()


def _close(data: Any) -> None:
    if isinstance(data, mmap.mmap):
        try:
            data.close()
        except BufferError:  # xlrd still holds a view: the map goes with the last reference
            pass


def _rows(book: Any, index: int) -> Iterator[list[str]]:
    import xlrd

    try:
        sheet = book.sheet_by_index(index)
    except Exception as exc:
        raise ExtractError("corrupt_xls", f"corrupt xls sheet ({exc.__class__.__name__}); "
                                          "sheets before it were scanned") from None
    formats = _number_formats(book)
    for r in range(sheet.nrows):
        row = []
        for cell in sheet.row(r):
            value: Any = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate_as_datetime(value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    pass
            elif cell.ctype in (xlrd.XL_CELL_BOOLEAN, xlrd.XL_CELL_ERROR):
                value = None
            row.append(cell_text(value, formats.get(cell.xf_index)))
        yield row
    book.unload_sheet(index)


def _number_formats(book: Any) -> dict[int, str]:
    """xf index -> number format string (empty when formatting info is missing)."""
    out: dict[int, str] = {}
    for index, xf in enumerate(getattr(book, "xf_list", [])):
        fmt = book.format_map.get(xf.format_key)
        if fmt is not None:
            out[index] = fmt.format_str
    return out
