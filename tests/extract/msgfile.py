"""Write minimal Outlook .msg files (OLE2 + MAPI property streams) for tests, with the OLE
writer that ships in extract-msg. Only what a reader needs: class, subject, sender, recipients,
body, attachments (bytes or an embedded message)."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

from extract_msg.ole_writer import OleWriter

_ATTACH_BY_VALUE = 1
_ATTACH_EMBEDDED = 5


@dataclass
class Msg:
    subject: str = ""
    sender_name: str = ""
    sender_email: str = ""
    to: list[tuple[str, str]] = field(default_factory=list)  # (name, address)
    body: str = ""
    attachments: list[tuple[str, bytes | Msg]] = field(default_factory=list)


def _u(text: str) -> bytes:
    return text.encode("utf-16-le")


def _int_prop(tag: int, value: int) -> bytes:
    return struct.pack("<HHII", 0x0003, tag, 6, value) + b"\0" * 4


def _write(w: OleWriter, msg: Msg, prefix: str, top: bool) -> None:
    counts = struct.pack("<IIII", len(msg.to), len(msg.attachments), len(msg.to),
                         len(msg.attachments))
    head = b"\0" * 8 + counts + (b"\0" * 8 if top else b"")
    w.addEntry(prefix + "__properties_version1.0", head)
    streams = {"001A": "IPM.Note", "0037": msg.subject, "0C1A": msg.sender_name,
               "0C1F": msg.sender_email, "1000": msg.body,
               "0E04": "; ".join(f"{n} <{a}>" for n, a in msg.to)}
    for tag, text in streams.items():
        if text:
            w.addEntry(f"{prefix}__substg1.0_{tag}001F", _u(text))
    if top:
        w.addEntry("__nameid_version1.0", storage=True)
        for tag in ("00020102", "00030102", "00040102"):
            w.addEntry(f"__nameid_version1.0/__substg1.0_{tag}", b"")
    for k, (name, address) in enumerate(msg.to):
        r = f"{prefix}__recip_version1.0_#{k:08X}"
        w.addEntry(r, storage=True)
        w.addEntry(r + "/__properties_version1.0", b"\0" * 8 + _int_prop(0x0C15, 1))
        w.addEntry(r + "/__substg1.0_39FE001F", _u(address))
        w.addEntry(r + "/__substg1.0_3001001F", _u(name))
    for k, (name, content) in enumerate(msg.attachments):
        a = f"{prefix}__attach_version1.0_#{k:08X}"
        w.addEntry(a, storage=True)
        method = _ATTACH_EMBEDDED if isinstance(content, Msg) else _ATTACH_BY_VALUE
        w.addEntry(a + "/__properties_version1.0", b"\0" * 8 + _int_prop(0x3705, method))
        w.addEntry(a + "/__substg1.0_3707001F", _u(name))
        if isinstance(content, Msg):
            w.addEntry(a + "/__substg1.0_3701000D", storage=True)
            _write(w, content, a + "/__substg1.0_3701000D/", top=False)
        else:
            w.addEntry(a + "/__substg1.0_37010102", content)


def make_msg(msg: Msg) -> bytes:
    writer = OleWriter()
    _write(writer, msg, "", top=True)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
