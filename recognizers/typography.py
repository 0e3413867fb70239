"""Typographic spaces and dashes read as ASCII space and hyphen, character for character.

Word processors, PDF and HTML exports write numbers with no-break spaces (``+45\\u00a032 14 25
55``, ``4111\\u00a01111 …``, ``&nbsp;``), narrow no-break or thin spaces as digit-group separators
(``12\\u202f345\\u202f678``), and non-breaking hyphens or en dashes where a hyphen was typed
(``010190\\u20111233``, ``010190\\u20131233``). The recognisers' shapes are ASCII; both detection
paths (the engine and the reference detector behind Presidio) read the text through
:func:`plain_text` first. It replaces one character by one character, so every offset stays that
of the original text, and inventory samples are masked from the original characters.
"""

from __future__ import annotations

import re

#: Each typographic character -> its ASCII reading.
_ASCII_READING: dict[str, str] = {
    **dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"),
}
_TYPOGRAPHIC = re.compile("[" + "".join(_ASCII_READING) + "]")


def _ascii(found: re.Match[str]) -> str:
    return _ASCII_READING[found.group()]


def plain_text(text: str) -> str:
    """``text`` with typographic spaces and dashes replaced by ASCII ones (same length).

    ASCII text is returned as it is without a scan (``str.isascii`` is a flag check). Otherwise
    each character is looked for with ``in``: a fast byte search for U+00A0, and no search at all
    for the others in Latin-1 text (a string holds no character wider than its storage kind),
    which is what Nordic text mostly is; a substitution runs only where such characters occur.
    """
    if text.isascii():
        return text
    for char in _ASCII_READING:
        if char in text:
            return _TYPOGRAPHIC.sub(_ascii, text)
    return text
