"""Helpers for container tests: build archives and mails in memory, and walk what ``extract``
yields the way the pipeline does (members recursively, each with its own outcome)."""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile
from dataclasses import dataclass, field
from typing import Any

from scanner.extract import extract, extract_member
from scanner.model import ExtractOutcome, Member, Piece
from scanner.settings import Settings
from tests.extract.conftest import by_field, make_unit

ROOT = "file:///data/"


@dataclass
class Node:
    """One location the walk met: its pieces, outcome and (for a member) the Member value."""

    pieces: list[Piece] = field(default_factory=list)
    outcome: ExtractOutcome = field(default_factory=ExtractOutcome)
    member: Member | None = None

    @property
    def fields(self) -> dict[str | None, list[str]]:
        return by_field(self.pieces) if self.pieces else {}

    @property
    def text(self) -> str:
        """The free text, each piece's owned part once (no overlap)."""
        return "".join(p.text[p.owned_start:p.owned_end] for p in self.pieces)

    def values(self, field: str) -> list[str]:
        """The texts of the pieces under ``field`` (mail headers: one piece per header)."""
        return [p.text for p in self.pieces if p.field == field]

    @property
    def lines(self) -> list[str]:
        """Non-empty lines of the free text (field null)."""
        return [line for p in self.pieces if p.field is None for line in p.text.split("\n")
                if line]

    @property
    def row(self) -> tuple[str, str | None]:
        return self.outcome.status, self.outcome.error_type


def walk(name: str, data: bytes, **settings: Any) -> dict[str, Node]:
    """Every location of the file ``name`` with content ``data``, keyed by location relative to
    ``file:///data/`` (``a.zip``, ``a.zip!/b.csv``)."""
    conf = Settings(**settings)
    nodes: dict[str, Node] = {}

    def consume(items: Any, location: str, node: Node) -> None:
        for item in items:
            if isinstance(item, Member):
                child = Node(member=item)
                consume(extract_member(item, conf, child.outcome), item.location, child)
            else:
                node.pieces.append(item)
        nodes[location.removeprefix(ROOT)] = node

    top = Node()
    consume(extract(make_unit(name), io.BytesIO(data), conf, top.outcome), ROOT + name, top)
    return nodes


def make_zip(members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def make_tar(members: dict[str, bytes | str], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, content in members.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def raw_name_zip(raw_names: list[bytes], content: bytes = b"x\n", utf8_flag: bool = False,
                 extra: bytes = b"") -> bytes:
    """A zip whose member names are the given raw bytes (zipfile would re-encode them):
    written with same-length ASCII placeholders, then patched in place."""
    placeholders = [f"{k:0{len(raw)}d}"[-len(raw):] for k, raw in enumerate(raw_names)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for ph in placeholders:
            info = zipfile.ZipInfo(ph, date_time=(2020, 1, 2, 3, 4, 6))
            info.extra = extra
            zf.writestr(info, content)
    data = buf.getvalue()
    for ph, raw in zip(placeholders, raw_names, strict=True):
        data = data.replace(ph.encode(), raw)
    if utf8_flag:
        data = _set_flag(data, 0x800)
    return data


def _set_flag(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = out.find(sig)
        while pos >= 0:
            (flags,) = struct.unpack_from("<H", out, pos + offset)
            struct.pack_into("<H", out, pos + offset, flags | bit)
            pos = out.find(sig, pos + 4)
    return bytes(out)


def encrypt_flag(data: bytes) -> bytes:
    """Mark every member encrypted (flag bit 0), as ZipCrypto/AES writers do."""
    return _set_flag(data, 0x1)
