"""OpenDocument spreadsheets (.ods): ``content.xml`` streamed row by row with lxml.

Rows and cells carry repeat counts (``number-rows-repeated``, ``number-columns-repeated``):
repeated blank rows and trailing blank cells (LibreOffice writes a million of them) cost
nothing; a repeated row with content is that many rows. Cell values: numbers from
``office:value`` as plain digits, except that an integer whose displayed text is the same
digits zero-padded (a CPR with a leading zero, ``010190-1234``) is taken as displayed; dates
from ``office:date-value`` as ISO dates; text cells as their paragraphs. Fields, units and
sampling: see ``sheets``. Bad input: ``not_a_ods`` / ``corrupt_ods`` (see ``package``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO

from lxml import etree

from scanner.extract.base import FileContext
from scanner.extract.opendoc import OFFICE, TABLE, P, is_encrypted, paragraph_text, skip_encrypted
from scanner.extract.package import DAMAGE, corrupt, iter_elements, open_package, release
from scanner.extract.sheets import SheetWriter, cell_text
from scanner.model import Piece

FORMAT = "ods"
MAX_COLUMNS = 16384
MAX_ROW_REPEAT = 1 << 20
_TABLE = f"{{{TABLE}}}table"
_ROW = f"{{{TABLE}}}table-row"
_CELLS = (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell")
_ROWS_REPEATED = f"{{{TABLE}}}number-rows-repeated"
_COLS_REPEATED = f"{{{TABLE}}}number-columns-repeated"
_TYPE = f"{{{OFFICE}}}value-type"
_VALUE = f"{{{OFFICE}}}value"
_DATE = f"{{{OFFICE}}}date-value"
_NUMERIC = {"float", "percentage", "currency"}
_DIGIT_MASK = re.compile(r"[\d \-./()]+")


def extract_ods(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield column pieces for every table (sheet) of a spreadsheet."""
    with open_package(fp, FORMAT) as zf:
        if is_encrypted(zf):
            skip_encrypted(ctx, FORMAT)
            return
        writer = SheetWriter(ctx)
        rows: list[list[str]] = []
        try:
            for event, elem in iter_elements(zf, "content.xml", (_TABLE, _ROW)):
                if elem.tag == _ROW and event == "end":
                    rows.extend(_expand(elem))
                    release(elem)
                    if len(rows) >= ctx.settings.csv_batch_rows:
                        yield from writer.rows(rows)
                        rows = []
                elif elem.tag == _TABLE and event == "end":
                    yield from writer.rows(rows)
                    rows = []
                    yield from writer.end_sheet()
                    release(elem)
        except DAMAGE as exc:
            yield from writer.rows(rows)
            yield from writer.end_sheet()
            raise corrupt(FORMAT, exc) from None


def _expand(row: etree._Element) -> list[list[str]]:
    cells = _cells(row)
    if not cells:
        return []
    repeat = _int(row.get(_ROWS_REPEATED), MAX_ROW_REPEAT)
    return [cells] * repeat


def _cells(row: etree._Element) -> list[str]:
    out: list[str] = []
    blanks = 0
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        repeat = _int(cell.get(_COLS_REPEATED), MAX_COLUMNS)
        text = _cell_value(cell)
        if not text.strip():
            blanks += repeat
            continue
        if len(out) + blanks + repeat > MAX_COLUMNS:
            break
        out.extend([""] * blanks)
        out.extend([text] * repeat)
        blanks = 0
    return out


def _cell_value(cell: etree._Element) -> str:
    shown = " ".join(paragraph_text(p) for p in cell if p.tag == P)
    kind = cell.get(_TYPE)
    if kind in _NUMERIC:
        try:
            number = float(cell.get(_VALUE, ""))
        except ValueError:
            return cell_text(shown)
        if number.is_integer() and _DIGIT_MASK.fullmatch(shown):
            digits = re.sub(r"\D", "", shown)
            if digits.lstrip("0") == str(abs(int(number))).lstrip("0"):
                return cell_text(shown)
        return cell_text(number)
    if kind == "date":
        try:
            return cell_text(datetime.fromisoformat(cell.get(_DATE, "")))
        except ValueError:
            return cell_text(shown)
    if kind == "boolean":
        return ""
    return cell_text(shown)


def _int(value: str | None, cap: int) -> int:
    try:
        return max(1, min(int(value or "1"), cap))
    except ValueError:
        return 1
