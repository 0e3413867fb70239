"""E-mail (.eml, RFC 5322/MIME) with the standard library's ``email`` package, modern policy.

What belongs to the ``.eml`` location itself: the address and subject headers (From, Sender,
Reply-To, To, Cc, Bcc, Subject; RFC 2047 decoded), each under its header name as the field,
and the text body (quoted-printable/base64 and the charset decoded; an HTML body as its text,
markup stripped) with field null. In a ``multipart/alternative`` only one version is read (the
plain text when there is one), so one address is not counted twice. Units: one per header,
then one per body line.

Every attachment (and every non-body part: inline images, calendars...) is a member location
``x.eml!/ordreliste.csv``, read by its own format, so a CSV attachment keeps its fields; a
forwarded message (``message/rfc822``) is a member ``x.eml!/message-1.eml`` with its own
headers, body and attachments. Member names: the part's filename (made unique within the
mail), else ``part-N.<ext>`` from its content type. Member dates: the mail's ``Date``.

The parser holds the whole message in memory, so a mail over ``max_mail_bytes`` is not parsed:
it is read as plain text (headers and any unencoded body are still scanned) and recorded as
``mail_too_large``. The standard parser never gives up on bad MIME; the structural defects it
notes (missing boundaries, bad base64, a header block that never ends) make the row an error
``malformed_mime`` after everything it could read was scanned.
"""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Iterator
from datetime import UTC, datetime
from email import errors as mail_errors
from email import policy
from email.message import Message
from email.parser import BytesParser
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.chunk import Chunker, clean_cell
from scanner.extract.container import depth_allows, make_member, may_list, unique_name
from scanner.extract.decode import Readable, iter_blocks, iter_text
from scanner.extract.htmltext import _stripped as html_text
from scanner.extract.streams import read_head
from scanner.extract.text import extract_text
from scanner.model import STATUS_ERROR, Member, Piece

HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject")
STRUCTURAL_DEFECTS = (
    mail_errors.NoBoundaryInMultipartDefect, mail_errors.StartBoundaryNotFoundDefect,
    mail_errors.CloseBoundaryNotFoundDefect, mail_errors.MultipartInvariantViolationDefect,
    mail_errors.MissingHeaderBodySeparatorDefect, mail_errors.FirstHeaderLineIsContinuationDefect,
    mail_errors.InvalidMultipartContentTransferEncodingDefect,
    mail_errors.InvalidBase64PaddingDefect, mail_errors.InvalidBase64CharactersDefect,
    mail_errors.InvalidBase64LengthDefect,
)


def extract_eml(stream: Readable, ctx: FileContext) -> Iterator[Piece | Member]:
    """Yield the headers and body of a mail as pieces, its attachments as members."""
    limit = ctx.settings.max_mail_bytes
    data = read_head(stream, limit + 1) if limit else b"".join(iter_blocks(stream))
    if limit and len(data) > limit:
        blocks = iter_text(_chain(data, stream), ctx.stats)
        yield from extract_text(blocks, ctx)
        set_error(ctx.outcome, STATUS_ERROR, errors.MAIL_TOO_LARGE,
                  f"mail larger than {limit >> 20} MiB (max_mail_bytes): read as plain text, "
                  "attachments not decoded")
        return
    message = BytesParser(policy=policy.default).parsebytes(data)
    del data
    yield from MailReader(ctx, message).read()


def _chain(first: bytes, rest: Readable) -> Iterator[bytes]:
    yield first
    yield from iter_blocks(rest)


class MailReader:
    """One parsed message: its text as pieces, its other parts as members."""

    def __init__(self, ctx: FileContext, message: Message) -> None:
        self.ctx = ctx
        self.message = message
        self.unit = 0
        self.chunker: Chunker | None = None
        self.names: set[str] = set()
        self.parts = 0
        self.defects: list[str] = []
        self.sent = _sent(message)
        self.members_allowed: bool | None = None

    def read(self) -> Iterator[Piece | Member]:
        """Headers, then every part in order; defects recorded at the end."""
        yield from self._headers()
        settings = self.ctx.settings
        self.chunker = Chunker(settings.chunk_chars, settings.max_line_chars, None, self.unit)
        yield from self._part(self.message)
        yield from self.chunker.finish()
        self.ctx.outcome.units_scanned = self.unit
        if self.defects:
            kinds = ", ".join(sorted(set(self.defects)))
            set_error(self.ctx.outcome, STATUS_ERROR, errors.MALFORMED_MIME,
                      f"malformed MIME structure ({kinds}); the parts that could be read "
                      "were scanned")

    def _headers(self) -> Iterator[Piece]:
        for name in HEADERS:
            for value in self.message.get_all(name, []):
                text = clean_cell(_header_text(value))
                if text:
                    yield Piece(text=text, field=name, first_unit=self.unit)
                    self.unit += 1

    def _part(self, part: Message) -> Iterator[Piece | Member]:
        self._note_defects(part)
        if part.get_content_type() in ("message/rfc822", "message/global"):
            yield from self._attachment(part)  # a forwarded mail: a location of its own
            return
        if part.is_multipart():
            children = part.get_payload()
            if not isinstance(children, list):
                return
            if part.get_content_subtype() == "alternative":
                children = _preferred(children)
            for child in children:
                if isinstance(child, Message):
                    yield from self._part(child)
            return
        if _is_body(part):
            yield from self._body(part)
        else:
            yield from self._attachment(part)

    def _body(self, part: Message) -> Iterator[Piece]:
        text = _text_content(part)
        if part.get_content_subtype() == "html":
            text = "".join(html_text(iter([text])))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.endswith("\n"):
            text += "\n"
        self.unit += text.count("\n")
        assert self.chunker is not None
        yield from self.chunker.feed(text)

    def _attachment(self, part: Message) -> Iterator[Member]:
        if self.members_allowed is None:
            self.members_allowed = depth_allows(self.ctx, STATUS_ERROR)
        if not self.members_allowed or not may_list(self.ctx):
            self.members_allowed = False
            return
        self.parts += 1
        data = _part_bytes(part)
        yield make_member(self.ctx, self._name(part), partial(io.BytesIO, data), size=len(data),
                          last_modified=self.sent)

    def _name(self, part: Message) -> str:
        name = PurePosixPath((part.get_filename() or "").replace("\\", "/")).name
        if not name:
            if part.get_content_maintype() == "message":
                ext = ".eml"
            else:
                ext = mimetypes.guess_extension(part.get_content_type()) or ".bin"
            name = f"{'message' if ext == '.eml' else 'part'}-{self.parts}{ext}"
        return unique_name(name, self.names)

    def _note_defects(self, part: Message) -> None:
        for defect in getattr(part, "defects", []):
            if isinstance(defect, STRUCTURAL_DEFECTS):
                self.defects.append(type(defect).__name__)


def _preferred(children: list[Any]) -> list[Any]:
    """Of the versions in a multipart/alternative, the plain text one (else all non-text)."""
    plain = [c for c in children if c.get_content_type() == "text/plain" and _is_body(c)]
    if plain:
        return plain[:1]
    return children[-1:]


def _is_body(part: Message) -> bool:
    if part.get_content_type() not in ("text/plain", "text/html"):
        return False
    return part.get_content_disposition() != "attachment" and not part.get_filename()


def _text_content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, ValueError, AttributeError):
        pass  # an unknown or lying charset: fall back to the bytes
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _part_bytes(part: Message) -> bytes:
    """The decoded content of an attachment (text as UTF-8, a message as RFC 5322 bytes)."""
    if part.get_content_type() in ("message/rfc822", "message/global"):
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            try:
                return bytes(inner[0].as_bytes(policy=policy.default))
            except (LookupError, ValueError, TypeError, UnicodeError):
                return bytes(inner[0].as_bytes(policy=policy.compat32))
    if part.get_content_maintype() == "text":
        return _text_content(part).encode("utf-8")
    raw = part.get_payload(decode=True)
    return raw if isinstance(raw, bytes) else b""


def _header_text(value: Any) -> str:
    try:
        return str(value)
    except (LookupError, ValueError, UnicodeError):
        return ""


def _sent(message: Message) -> datetime | None:
    header = message.get("Date")
    when = getattr(header, "datetime", None)
    if not isinstance(when, datetime):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)

