"""The document formats' entries for the extractor tables (one module per format beside it).

Formats that need random access (ZIP packages, OLE2, PDF, Parquet) get a seekable file through
``spool.with_seekable``; XML is read from the byte stream (expat decodes it); HTML is a text
format (decoded like any text file, then stripped).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract import detect as formats
from scanner.extract import errors
from scanner.extract.base import FileContext, StreamExtractor, TextExtractor, set_error
from scanner.extract.decode import Readable
from scanner.extract.docx import extract_docx
from scanner.extract.htmltext import extract_html
from scanner.extract.ods import extract_ods
from scanner.extract.odt import extract_odt
from scanner.extract.parquet import extract_parquet
from scanner.extract.pdf import extract_pdf
from scanner.extract.spool import with_seekable
from scanner.extract.xls import extract_xls
from scanner.extract.xlsx import extract_xlsx
from scanner.extract.xmltext import extract_xml
from scanner.model import Piece


def skip_encrypted_office(stream: Readable, ctx: FileContext) -> Iterator[Piece]:
    """An OLE2 file named like an Office Open XML package: that is how Office stores a
    password-protected xlsx/docx (the package is encrypted inside an OLE2 container)."""
    set_error(ctx.outcome, "skipped", errors.ENCRYPTED,
              "password-protected Office document (encrypted package): not read")
    return iter(())


DOCUMENT_EXTRACTORS: dict[str, StreamExtractor] = {
    formats.XLSX: with_seekable(extract_xlsx),
    formats.XLS: with_seekable(extract_xls),
    formats.ODS: with_seekable(extract_ods),
    formats.DOCX: with_seekable(extract_docx),
    formats.ODT: with_seekable(extract_odt),
    formats.PDF: with_seekable(extract_pdf),
    formats.PARQUET: with_seekable(extract_parquet),
    formats.XML: extract_xml,
    formats.ENCRYPTED_OFFICE: skip_encrypted_office,
}
DOCUMENT_TEXT_EXTRACTORS: dict[str, TextExtractor] = {
    formats.HTML: extract_html,
}
