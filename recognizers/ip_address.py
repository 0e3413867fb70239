"""IP_ADDRESS: IPv4 dotted quads and IPv6 addresses in every textual form.

Specifications: RFC 791 / RFC 6943 section 3.1.1 (IPv4 dotted decimal), RFC 4291 section 2.2 (IPv6
text forms: full ``x:x:x:x:x:x:x:x``, leading zeros dropped, ``::`` compression, IPv4-embedded
``::ffff:192.0.2.1``) and RFC 5952 (the canonical compressed form). Validation is the standard
library's ``ipaddress`` module.

Decisions:

* IPv4 octets are 0-255 without leading zeros (``010.1.1.1`` is rejected, as ``ipaddress`` does:
  a leading zero reads as octal to many tools, and zero-padded dotted runs are mostly dates,
  versions or serials). Private, loopback and other special ranges count: they identify hosts.
* A dotted quad inside a longer dotted run is not an address: OIDs (``1.3.6.1.4.1.311``),
  versions (``1.2.3.4.5``); nor is one whose nearest label is "version"/"build" or another
  number's label, nor one right after a user-agent product token (``Chrome/120.0.0.0``).
* IPv6: full, unpadded and compressed forms, optionally ending in an IPv4 quad; a zone id
  (``%eth0``) is left outside the span. ``::`` alone (the unspecified address) is not reported: it
  is far more often code or punctuation. A compressed form without any decimal digit (``a::b``,
  ``dead::beef``) is not reported either (C++/Rust paths), nor is ``x::y`` with a hex letter in
  both parts (``f32::add``, ``f64::fade``; two-group addresses in use have an all-decimal part:
  ``fe80::1``, ``2001::db8``). Eight groups of exactly two hex digits is an EUI-64 / MAC-style
  identifier, not an address. MAC addresses (six groups) and times
  (``12:30:45``) never fit the shapes.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

from recognizers import keywords as kw
from recognizers.base import ALNUM, NordicRecognizer
from recognizers.context import ContextView
from recognizers.labels import (
    ID_WORDS,
    KEY_FIELD_WORDS,
    UNKNOWN,
    Hint,
    LabelRules,
    has_word,
)

_H = "[0-9A-Fa-f]{1,4}"
_V4 = r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"

IP_WORDS: tuple[str, ...] = (
    "ip", "ipv", "address", "adresse", "adress", "addr", "host", "server", "client", "klient",
    "remote", "src", "dst", "source", "destination", "gateway", "gw", "router", "dns", "peer",
    "login", "logget", "inloggad", "kirjautui", "osoite",
)
VERSION_WORDS: tuple[str, ...] = (
    "version", "versjon", "versio", "ver", "build", "release", "udgave", "oid", "snmp",
    "firmware",
)
_IP_HINT = Hint(IP_WORDS)
_NEGATIVE_HINT = Hint(VERSION_WORDS + kw.OTHER_NUMBER_WORDS + ID_WORDS + KEY_FIELD_WORDS)
_HEX_OR_COLON = re.compile(r"[0-9A-Fa-f:]")
_TWO_HEX_GROUPS = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){7}")
#: ``x::y`` with a letter in each part: a C++/Rust path (``f32::add``, ``u8::max``); an address
#: of two groups has an all-decimal one (``fe80::1``, ``2001::db8``).
_CODE_PATH = re.compile(r"[0-9A-Fa-f]*[A-Fa-f][0-9A-Fa-f]*::[0-9A-Fa-f]*[A-Fa-f][0-9A-Fa-f]*")


@lru_cache(maxsize=8192)
def is_valid_ipv4(value: str) -> bool:
    """True for a dotted quad with octets 0-255 and no leading zeros."""
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=8192)
def is_valid_ipv6(value: str) -> bool:
    """True for an IPv6 address in any RFC 4291 form, minus the module docstring's exclusions."""
    if value == "::" or _TWO_HEX_GROUPS.fullmatch(value):
        return False
    if "::" in value and not any(ch.isdigit() for ch in value):
        return False
    if "::" in value and "." not in value and _CODE_PATH.fullmatch(value):
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _after_product_token(text: str, slash: int) -> bool:
    """True when ``text[slash]`` ends a user-agent product token (``Chrome/``, ``Edg/``).

    Browsers now send reduced versions such as ``Chrome/120.0.0.0``: a dotted quad that is a
    version. A URL (``http://10.0.0.1``) or path (``/var/log/10.0.0.1``) is no product token:
    the token must start with a letter after a space, ``(``, ``;``, ``,`` or the text start.
    """
    i = slash
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.-"):
        i -= 1
    if i == slash or not text[i].isalpha():
        return False
    return i == 0 or text[i - 1] in " \t\n(;,"


def _version_label(word: str) -> bool:
    return word in VERSION_WORDS or (len(word) > 1 and word.startswith(VERSION_WORDS[:3]))


_LABELS = LabelRules(_version_label, kw.OTHER_NUMBER_WORDS)


class NordicIpAddressRecognizer(NordicRecognizer):
    """IPv4 and IPv6 addresses, validated by ``ipaddress``."""

    ENTITY = "IP_ADDRESS"
    SHAPES = (
        _V4,
        # Full form: eight groups.
        rf"{_H}(?::{_H}){{7}}",
        # Compressed: groups then "::" (or a leading "::"), then optional groups.
        rf"(?:(?:{_H}:){{1,7}}|:):(?:{_H}(?::{_H}){{0,6}})?",
        # IPv4-embedded: six groups, or a compressed head, then a dotted quad.
        rf"(?:(?:{_H}:){{6}}|(?:(?:{_H}:){{1,5}}|:):(?:{_H}:){{0,4}}){_V4}",
    )
    MAX_LENGTH = 45
    REJECTED_NEIGHBOURS = (ALNUM + ".", ALNUM)  # see boundary_ok
    CONTEXT = IP_WORDS
    NEGATIVE_CONTEXT = VERSION_WORDS

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """Not glued to letters/digits, never part of a longer dotted or colon run."""
        if start > 0:
            ch = text[start - 1]
            if ch.isalnum() or ch in "_.":
                return False
            # "src:10.0.0.1", "ip:2001:db8::1" are labels; "...:2001:db8::1" a longer colon run.
            if ch == ":" and ":" in text[start:end]:
                if _HEX_OR_COLON.match(text[start - 2 : start - 1]):
                    return False
            if ch == "/" and _after_product_token(text, start - 1):
                return False
        if end < len(text):
            ch = text[end]
            if ch.isalnum() or ch == "_":
                return False
            # "1.2.3.4.5" / "...:abcd" / "...::2" continue the run; "10.0.0.1:8080" is a port.
            if ch == "." or (ch == ":" and ":" in text[start:end]):
                after = text[end + 1 : end + 2]
                if after.isalnum() or (ch == ":" and after == ":"):
                    return False
        return True

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """0.6 (IPv4) / 0.7 (IPv6) valid, 0.9 with an IP word; ``None`` invalid or a version."""
        if ":" in value:
            if not is_valid_ipv6(value):
                return None
            score = 0.7
        else:
            if not is_valid_ipv4(value):
                return None
            score = 0.6
        if _NEGATIVE_HINT.found(context):
            if _LABELS.verdict(context) != UNKNOWN:  # a version/build or other number's label
                return None
        if has_word(context, IP_WORDS, _IP_HINT):
            score = 0.9
        return score
