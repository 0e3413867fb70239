"""Builders for document fixtures (generated in the tests, never checked in)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: Sequence[Sequence[str]], compress: bool = True,
             image_only: Sequence[int] = ()) -> bytes:
    """A PDF with one text line per string (Helvetica, WinAnsi); pages in ``image_only`` get
    a small inline image and no text (like a scan)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        if i in image_only:
            content = (b"q 200 0 0 200 50 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID "
                       b"\x00\xff\xff\x00 EI Q")
        else:
            ops = [b"BT /F1 11 Tf 14 TL 50 780 Td"]
            for line in lines:
                ops.append(b"(%s) Tj T*" % _escape(line))
            ops.append(b"ET")
            content = b"\n".join(ops)
        if compress:
            data = zlib.compress(content)
            stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
                len(data), data)
        else:
            stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                       % (font_id, page_ids[i] + 1))
        objects.append(stream)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def encrypt_pdf(data: bytes, user_password: str = "hemmelig") -> bytes:
    """``data`` encrypted with pypdf (RC4-128 needs no extra crypto library)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_xlsx(sheets: dict[str, list[list[Any]]], formats: dict[tuple[str, str], str] | None
              = None) -> bytes:
    """A workbook: sheet name -> rows; ``formats`` (sheet, cell) -> number format."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for (sheet_name, cell), fmt in (formats or {}).items():
            if sheet_name == name:
                sheet[cell].number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_xls(sheets: dict[str, list[list[Any]]], masks: dict[tuple[str, int, int], str]
             | None = None) -> bytes:
    """A legacy workbook (xlwt); ``masks`` (sheet, row, col) -> number format."""
    import xlwt

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                fmt = (masks or {}).get((name, r, c))
                if fmt:
                    sheet.write(r, c, value, xlwt.easyxf(num_format_str=fmt))
                elif isinstance(value, date | datetime):
                    sheet.write(r, c, value, date_style)
                elif value is not None:
                    sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_ods(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An OpenDocument spreadsheet (odfpy); ints/floats as float cells, dates as date cells."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                if isinstance(value, bool) or value is None:
                    cell = TableCell()
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif isinstance(value, date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.strftime("%d-%m-%y")))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        # LibreOffice's trailing filler: a million blank rows of a thousand blank cells.
        filler = TableRow(numberrowsrepeated=1048000)
        filler.addElement(TableCell(numbercolumnsrepeated=1024))
        table.addElement(filler)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (),
              header: str = "", footer: str = "", textbox: str = "") -> bytes:
    """A Word document (python-docx); ``textbox`` is injected as a DrawingML text box with a
    VML fallback copy, as Word writes it."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    return _add_textbox(data, textbox) if textbox else data


_TEXTBOX = (
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
    'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps='
    '"http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
    '</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:'
    'schemas-microsoft-com:vml"><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
)


def _add_textbox(data: bytes, text: str) -> bytes:
    return rewrite_zip(data, "word/document.xml", lambda xml: xml.replace(
        b"<w:sectPr", _TEXTBOX.format(text=text).encode() + b"<w:sectPr", 1))


def rewrite_zip(data: bytes, member: str, change: Any) -> bytes:
    """Copy a ZIP package with one member's bytes changed by ``change``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def make_odt(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    """An OpenDocument text (odfpy)."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentText()
    for text in paragraphs:
        doc.text.addElement(P(text=text))
    if table:
        grid = Table()
        grid.addElement(TableColumn(numbercolumnsrepeated=len(table[0])))
        for row in table:
            tr = TableRow()
            for text in row:
                cell = TableCell()
                cell.addElement(P(text=text))
                tr.addElement(cell)
            grid.addElement(tr)
        doc.text.addElement(grid)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
