"""EMAIL_ADDRESS: ``local@domain.tld`` whose domain ends in a real public suffix.

Specification: RFC 5321 section 4.1.2 / 4.5.3.1 (Mailbox = Local-part "@" Domain; local part at most
64 octets, domain at most 255, labels 1-63 letters/digits/hyphens not starting or ending with a
hyphen) and RFC 5322 section 3.4.1 (dot-atom local parts). The domain needs at least two labels and
its last label must be a top-level domain of the Public Suffix List (ICANN section, bundled
snapshot, never fetched: :mod:`recognizers.offline`): ``user@localhost`` and ``a@b.invalidtld``
are not addresses. Only the TLD is required to be real, not a registrable name under a longer
public suffix: ``a@b.se`` is accepted although ``b.se`` is itself on the list (Swedish county
domains), because such short synthetic addresses are common in test data and mail headers.

Deliberate subset: the local part uses letters (ASCII and Latin-1: ``søren``, ``rené``,
``åsa``, as RFC 6531 allows), digits and ``. _ % + -`` (plus-addressing works), not the rarer
RFC 5322 ``atext`` symbols (``' = / { } | ~ ! # $ & * ? ^```) nor quoted strings, because in
running text those symbols are far more often the surrounding syntax (``email='a@b.dk'``,
``?to=a@b.dk``) than part of an address. Domains are matched in ASCII, punycode (``xn--...``)
and Latin-1 letters (``møller.dk``); the TLD must be a real one. Not addresses: retina file names
(``logo@2x.png``; ``.png`` is no TLD, and a ``2x``/``3x`` name under a real TLD such as
``icon@2x.app`` is treated as a file name too), ``@handle`` (no local part), ``pkg@1.2.3``.
A sentence written on without a space (``jens@firma.dk.Mvh Jens``) ends the address at its TLD.
"""

from __future__ import annotations

import re
from functools import lru_cache

from recognizers.base import NordicRecognizer
from recognizers.context import ContextView, words
from recognizers.labels import Hint, has_word
from recognizers.offline import top_level_domains

EMAIL_WORDS: tuple[str, ...] = (
    "mail", "email", "epost", "e-post", "sähköposti", "sahkoposti", "from", "to", "cc", "bcc",
    "reply", "fra", "från", "til", "till", "kontakt", "contact", "adresse", "address",
)
_HINT = Hint(EMAIL_WORDS)
#: Latin-1 letters (no × ÷): Nordic and other Western names in local parts and IDN domains.
_LATIN1 = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"


_ALNUM = rf"[A-Za-z0-9{_LATIN1}]"
#: A DNS label (RFC 1035 letters/digits/hyphens, Latin-1 letters for IDNs): alphanumeric runs
#: joined by hyphens, so it neither starts nor ends with one. Possessive runs: no backtracking
#: inside a label; its length (at most 63) is checked apart.
_LABEL_RX = rf"{_ALNUM}++(?:-++{_ALNUM}++)*+"
#: ``local@labels.second.last``: labels hold no ``.`` or ``@``, so the split is at the last
#: ``@`` (as ``rpartition``) and the domain's labels are found without ambiguity.
_ADDRESS = re.compile(
    rf"(.{{1,64}})@(?:{_LABEL_RX}\.)*({_LABEL_RX})\.({_LABEL_RX})", re.DOTALL
)
_RETINA = re.compile(r"[1-9][xX]")
#: Answers of :func:`is_valid_address`: ``candidate_end`` and ``evaluate`` ask about the same
#: candidate, and addresses repeat within a column. A plain dict emptied when full: a miss
#: costs two dict operations, where an ``lru_cache`` miss with eviction costs more than the
#: check itself (bulk data holds mostly distinct addresses).
_known: dict[str, bool] = {}
_KNOWN_MAX = 16_384


def is_valid_address(value: str) -> bool:
    """True for ``local@domain`` within RFC 5321 limits whose last label is a real TLD."""
    found = _known.get(value)
    if found is None:
        found = _valid(value)
        if len(_known) >= _KNOWN_MAX:
            _known.clear()
        _known[value] = found
    return found


def _valid(value: str) -> bool:
    m = _ADDRESS.fullmatch(value)
    if m is None:
        return False
    local = m.group(1)
    if local[0] == "." or local[-1] == "." or ".." in local:
        return False
    domain = len(value) - len(local) - 1
    if domain > 253 or m.group(3).lower() not in top_level_domains():
        return False
    if domain > 63 and any(len(label) > 63 for label in value[-domain:].split(".")):
        return False
    # Retina asset names: the name under the TLD is "2x", "3x" ("icon@2x.app").
    return _RETINA.fullmatch(m.group(2)) is None


#: Mail headers (RFC 5322 section 3.6.4, RFC 2392) whose values are ``<id-left@id-right>``
#: message or content identifiers: address-shaped, but naming a message, not a person.
_ID_HEADERS = ("message-id", "msg-id", "msgid", "in-reply-to", "references", "content-id")
_ID_HEADER = re.compile(
    r"(?:^|[\s,;\"'])(?:resent-|x-|original-)?(?:"
    + "|".join(h.replace("-", "-?") for h in _ID_HEADERS)
    + r")\s*[:=]",
    re.IGNORECASE,
)
#: Field labels naming such identifiers; not ``references`` alone (an applicant's referees).
_ID_FIELDS = frozenset(
    words(h.replace("-", " ")) for h in _ID_HEADERS if h != "references"
) | {("message", "id")}


@lru_cache(maxsize=1024)
def _id_field(label: tuple[str, ...]) -> bool:
    """A field label ending in an ID header's words (``message_id``, ``mail.inReplyTo``)."""
    return any(label[-n:] in _ID_FIELDS for n in (1, 2, 3) if len(label) >= n)


def _message_id(context: ContextView) -> bool:
    """The candidate is a message identifier: in angle brackets after an ID header on its
    line, or under a field named for one (``message_id``, ``$.headers.inReplyTo``)."""
    before = context.before_text
    if before.endswith("<") and context.after_text.startswith(">"):
        if _ID_HEADER.search(before, before.rfind("\n") + 1) is not None:
            return True
    return _id_field(context.field_label_words)


class NordicEmailRecognizer(NordicRecognizer):
    """E-mail addresses with a real public suffix; structurally certain when valid."""

    ENTITY = "EMAIL_ADDRESS"
    # Local part (1-64, dots checked in evaluate), "@", domain (1-253, ends in a letter/digit).
    # Bounded so that the engine can size its overlap; Hyperscan scans it without start-of-match
    # tracking (too large with SOM) and the engine re-runs ``re`` in the region that ends there.
    SHAPES = (
        rf"[A-Za-z0-9_%+\-{_LATIN1}][A-Za-z0-9_%+\-.{_LATIN1}]{{0,63}}"
        rf"@[A-Za-z0-9{_LATIN1}](?:[A-Za-z0-9.\-{_LATIN1}]{{0,251}}[A-Za-z0-9{_LATIN1}])?",
    )
    MAX_LENGTH = 64 + 1 + 253
    LEFT_BOUNDARY = rf"[A-Za-z0-9_%+\-.@{_LATIN1}]"
    RIGHT_BOUNDARY = rf"[A-Za-z0-9_%+\-@{_LATIN1}]"
    CONTEXT = EMAIL_WORDS

    def candidate_end(self, text: str, start: int, end: int) -> int | None:
        """The address without a sentence glued on after a full stop (``jens@firma.dk.Mvh``).

        When the whole match is no address, the domain is cut at the last dot that is followed
        by an upper-case letter and leaves a real TLD: written without a space, the next
        sentence's first word would otherwise hide the address. A valid match is kept whole.
        """
        value = text[start:end]
        if is_valid_address(value):
            return end
        at = value.rfind("@")
        dot = value.rfind(".")
        while dot > at + 1:
            if value[dot + 1 : dot + 2].isupper() and is_valid_address(value[:dot]):
                return start + dot
            dot = value.rfind(".", at + 1, dot)
        return end

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """0.95 for a valid address (1.0 with a mail word nearby); ``None`` otherwise.

        A message identifier is no address: ``Message-ID: <CAF1x@mail.gmail.com>`` (and
        In-Reply-To, References, Content-ID), or any value of a field named so.
        """
        if not is_valid_address(value) or _message_id(context):
            return None
        return 1.0 if has_word(context, EMAIL_WORDS, _HINT) else 0.95

    def mask(self, value: str) -> str:
        """First letter of the local part, then ``***@domain``."""
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}***@{domain}"
