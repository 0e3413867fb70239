"""OpenDocument text (.odt): paragraphs and headings as lines, field null.

``content.xml`` (body, tables, text boxes, notes, comments) then ``styles.xml`` (headers and
footers of the page styles), streamed with lxml (see ``package``): memory is bounded by one
paragraph. Unit = a paragraph or heading with text; spans inside it are joined as written (see
``opendoc.paragraph_text``), so formatting never splits a number and table cells, which hold
their own paragraphs, never glue together. Bad input: ``not_a_odt`` / ``corrupt_odt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from scanner.extract.base import FileContext
from scanner.extract.lines import LineSink
from scanner.extract.opendoc import H, P, is_encrypted, paragraph_text, skip_encrypted
from scanner.extract.package import DAMAGE, corrupt, iter_elements, open_package, release
from scanner.model import Piece

FORMAT = "odt"
PARTS = ("content.xml", "styles.xml")


def extract_odt(fp: IO[bytes], ctx: FileContext) -> Iterator[Piece]:
    """Yield the text of an OpenDocument text file, paragraph by paragraph."""
    with open_package(fp, FORMAT) as zf:
        if is_encrypted(zf):
            skip_encrypted(ctx, FORMAT)
            return
        sink = LineSink(ctx)
        names = set(zf.namelist())
        try:
            if "content.xml" not in names:
                raise KeyError("content.xml")
            for part in PARTS:
                if part not in names:
                    continue
                for _event, elem in iter_elements(zf, part, (P, H)):
                    if _event == "end":
                        line = paragraph_text(elem)
                        if line.strip():
                            yield from sink.add(line)
                        release(elem)
        except DAMAGE as exc:
            yield from sink.finish()
            raise corrupt(FORMAT, exc) from None
        yield from sink.finish()
