"""Member names: decode them right, and turn them into safe member locations.

Decoding (zip): a name with flag bit 11 is UTF-8 (APPNOTE 4.4.4). Without it, an Info-ZIP
Unicode Path extra field (0x7075) whose CRC matches the stored name wins; else the raw bytes
are tried as UTF-8 (macOS, 7-Zip and many libraries write UTF-8 without setting the flag); else
the best of cp437 (what the spec says), cp850 (Windows "OEM" code page in the Nordics and
western Europe: it has ø/Ø where cp437 has ¢/¥) and cp1252 (tools that write the "ANSI" code
page) is chosen by how natural the result looks: Nordic letters score high, other letters
medium, symbols and box drawing negative; ties go to cp437. Tar names are UTF-8 (POSIX pax) or
raw bytes; raw bytes that are not UTF-8 are read as cp1252.

Locations: ``<container>!/<path>`` with the path percent-encoded the way ``Path.as_uri()``
encodes a file path (so ``!`` in a real name is ``%21`` and ``!/`` only ever separates levels).
Member paths are data, never file-system paths: a leading ``/`` and ``.``/``..`` segments are
percent-encoded (``/etc/x`` -> ``%2Fetc/x``, ``../x`` -> ``%2E%2E/x``) so no URI resolver can
climb out of the container, and nothing is ever written under such a name.
"""

from __future__ import annotations

import struct
import unicodedata
import zipfile
import zlib
from urllib.parse import quote

_UTF8_FLAG = 0x800
_UNICODE_PATH_EXTRA = 0x7075
_NORDIC = frozenset("æøåäöüéèáÆØÅÄÖÜÉÈÁðþÐÞ")
_LEGACY_CODECS = ("cp437", "cp850", "cp1252")


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """The decoded path of a zip entry (see the module docstring for the rules)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")  # zipfile decoded the raw bytes as cp437: undo it
    unicode_path = _unicode_path_extra(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    return decode_legacy(raw)


def decode_legacy(raw: bytes) -> str:
    """Bytes of a name without a declared encoding: UTF-8 if valid, else the likeliest code page."""
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = raw.decode("cp437"), None
    for codec in _LEGACY_CODECS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _naturalness(text)
        if best_score is None or score > best_score:
            best, best_score = text, score
    return best


def _naturalness(text: str) -> int:
    score = 0
    for ch in text:
        if ch.isascii():
            continue
        if ch in _NORDIC:
            score += 3
        elif unicodedata.category(ch).startswith("L"):
            score += 1
        else:
            score -= 3
    return score


def _unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path field that matches ``raw_name``, else None."""
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if tag != _UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        (crc,) = struct.unpack_from("<I", body, 1)
        if crc != zlib.crc32(raw_name):
            return None  # the name was changed after the field was written: the field is stale
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def tar_member_name(name: str) -> str:
    """A tar member name read with ``surrogateescape``: bytes that were not UTF-8 as cp1252."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return decode_legacy(name.encode("utf-8", "surrogateescape"))


def base_name(path: str) -> str:
    """The last segment of a member path (``/`` or ``\\`` separated), for format hints."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def is_unsafe(path: str) -> bool:
    """True for an absolute path or one with ``..`` segments (a path-traversal attempt)."""
    norm = path.replace("\\", "/")
    return norm.startswith("/") or (len(norm) > 1 and norm[1] == ":") or ".." in norm.split("/")


def member_location(container: str, path: str) -> str:
    """``container!/path``, the path percent-encoded and defused (see the module docstring)."""
    segments = path.split("/")
    out = []
    for k, seg in enumerate(segments):
        if k == 0 and seg == "" and len(segments) > 1:
            out.append("%2F")  # absolute: keep that it was, never as a real root
            continue
        if seg in (".", ".."):
            out.append("%2E" * len(seg))
            continue
        out.append(quote(seg, safe=""))
    joined = "/".join(out)
    if joined.startswith("%2F/"):
        joined = "%2F" + joined[4:]
    return f"{container}!/{joined}"
