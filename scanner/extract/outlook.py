"""Outlook .msg (OLE2 compound file) through ``extract-msg`` (PyPI ``extract-msg``, GPL-3.0).

Same shape as ``.eml`` (see ``mail``): sender, recipients and subject under their header
names, the body (plain text, else the HTML body as text) with field null, and every attachment
a member location ``x.msg!/ordreliste.csv`` read by its own format; an attached message
(embedded .msg) is a member ``x.msg!/message-1.msg`` with its own headers and attachments.

``extract-msg`` loads every attachment into memory when it opens a file, so a .msg over
``max_mail_bytes`` is skipped (``mail_too_large``) rather than opened. A file that is OLE2
but not a readable message: ``corrupt_msg``. Attachment kinds without bytes of their own
(web links, broken or custom attachments) are skipped members with the reason.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import PurePosixPath
from typing import IO, Any

from scanner.extract import errors
from scanner.extract.base import FileContext, set_error
from scanner.extract.chunk import Chunker, clean_cell
from scanner.extract.container import depth_allows, make_member, may_list, unique_name
from scanner.extract.decode import Readable
from scanner.extract.errors import ExtractError
from scanner.extract.htmltext import _stripped as html_text
from scanner.extract.spool import seekable
from scanner.model import STATUS_ERROR, STATUS_SKIPPED, Member, Piece

# Sender addresses live in properties extract-msg does not expose: PR_SENDER_EMAIL_ADDRESS,
# PR_SENT_REPRESENTING_EMAIL_ADDRESS and their SMTP forms.
_SENDER_STREAMS = ("__substg1.0_0C1F", "__substg1.0_0065", "__substg1.0_5D01",
                   "__substg1.0_5D02")


def extract_msg(stream: Readable, ctx: FileContext) -> Iterator[Piece | Member]:
    """Yield the headers and body of an Outlook message as pieces, its attachments as members."""
    if importlib.util.find_spec("extract_msg") is None:  # optional extra "outlook" (GPL-3.0)
        set_error(ctx.outcome, STATUS_SKIPPED, errors.MSG_SUPPORT_MISSING,
                  "Outlook .msg support is not installed (pip install 'pii-scan[outlook]')")
        return
    with seekable(stream, ctx) as fp:
        limit = ctx.settings.max_mail_bytes
        if limit and fp.seek(0, io.SEEK_END) > limit:
            set_error(ctx.outcome, STATUS_SKIPPED, errors.MAIL_TOO_LARGE,
                      f".msg file larger than {limit >> 20} MiB (max_mail_bytes): not read")
            return
        fp.seek(0)
        message = _open(fp)
        try:
            yield from _text(message, ctx)
            yield from _attachments(message, ctx)
        finally:
            message.close()


def _open(fp: IO[bytes]) -> Any:
    import extract_msg  # imported here: a heavy import only .msg files need

    # extract-msg logs what it could not parse, sometimes with content: never let it through.
    logging.getLogger("extract_msg").setLevel(logging.CRITICAL + 1)
    try:
        return extract_msg.openMsg(fp, strict=False, delayAttachments=False)
    except Exception as exc:  # the library raises anything from olefile's to its own errors
        raise ExtractError(errors.CORRUPT_MSG, f"not a readable Outlook message "
                           f"({type(exc).__name__})") from None


def _safe(getter: Any) -> Any:
    try:
        return getter()
    except Exception:  # a missing or damaged header property is simply not there
        return None


def _damaged(ctx: FileContext, getter: Any, what: str) -> Any:
    """``getter()``; if it fails the message is damaged there: recorded, None returned."""
    try:
        return getter()
    except Exception as exc:  # olefile / extract-msg raise many kinds on damaged files
        set_error(ctx.outcome, STATUS_ERROR, errors.CORRUPT_MSG,
                  f"Outlook message damaged: {what} unreadable ({type(exc).__name__}); "
                  "the rest was scanned")
        return None


def _text(message: Any, ctx: FileContext) -> Iterator[Piece]:
    senders = [_safe(partial(message.getStringStream, name)) for name in _SENDER_STREAMS]
    headers = [
        ("From", " ".join(str(v) for v in (_safe(lambda: message.sender), *senders) if v)),
        ("To", _safe(lambda: message.to)), ("Cc", _safe(lambda: message.cc)),
        ("Bcc", _safe(lambda: message.bcc)), ("Subject", _safe(lambda: message.subject)),
    ]
    unit = 0
    for name, value in headers:
        text = clean_cell(str(value)) if value else ""
        if text:
            yield Piece(text=text, field=name, first_unit=unit)
            unit += 1
    body = _damaged(ctx, lambda: message.body, "body")
    if not body:
        html = _damaged(ctx, lambda: message.htmlBody, "HTML body")
        if isinstance(html, bytes):
            body = "".join(html_text(iter([html.decode("utf-8", errors="replace")])))
    if body:
        body = str(body).replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"
        chunker = Chunker(ctx.settings.chunk_chars, ctx.settings.max_line_chars, None, unit)
        unit += body.count("\n")
        yield from chunker.feed(body)
        yield from chunker.finish()
    ctx.outcome.units_scanned = unit


def _attachments(message: Any, ctx: FileContext) -> Iterator[Member]:
    attachments = _damaged(ctx, lambda: message.attachments, "attachment list") or []
    if attachments and not depth_allows(ctx, STATUS_ERROR):
        return
    sent = _sent(message)
    names: set[str] = set()
    for k, att in enumerate(attachments, start=1):
        if not may_list(ctx):
            return
        data, kind = _data(att)
        name = unique_name(_name(att, k, kind), names)
        skip = None
        if isinstance(data, Exception):
            skip = (STATUS_ERROR, errors.CORRUPT_MSG, f"attachment unreadable "
                    f"({type(data).__name__})")
            data = None
        elif data is None:
            skip = (STATUS_SKIPPED, "unsupported_attachment",
                    f"Outlook attachment of kind {kind} has no content to read")
        opener = partial(io.BytesIO, data or b"")
        yield make_member(ctx, name, opener, size=len(data) if data else None,
                          last_modified=sent, skip=skip)


def _data(att: Any) -> tuple[bytes | Exception | None, str]:
    kind = getattr(getattr(att, "type", None), "name", "UNKNOWN")
    try:
        data = att.data
        if kind == "MSG" and data is not None:
            return bytes(data.exportBytes()), kind
    except Exception as exc:  # a damaged attachment: its own error row
        return exc, kind
    return (data if isinstance(data, bytes) else None), kind


def _name(att: Any, k: int, kind: str) -> str:
    raw = _safe(lambda: att.longFilename) or _safe(lambda: att.shortFilename) or ""
    name = PurePosixPath(str(raw).replace("\\", "/")).name
    if kind == "MSG":
        return name if name.lower().endswith(".msg") else f"{name or f'message-{k}'}.msg"
    return name or f"part-{k}.bin"


def _sent(message: Any) -> datetime | None:
    when = _safe(lambda: message.date)
    if not isinstance(when, datetime):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
