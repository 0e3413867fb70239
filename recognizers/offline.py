"""The public suffix list, offline: read from tldextract's bundled snapshot, never fetched.

E-mail validation needs to know whether ``example.dk`` ends in a real top-level domain and has a
registrable name under its public suffix (``co.uk`` alone is not a mail domain). The Public Suffix
List (https://publicsuffix.org/list/, format: https://github.com/publicsuffix/list/wiki/Format)
ships inside the ``tldextract`` wheel as ``.tld_set_snapshot``; this module reads it once into
frozensets. Only the ICANN section is used: private-section entries (``blogspot.com``) are
registrable names under a real suffix, which is what an e-mail domain needs anyway.

Presidio's own ``EmailRecognizer`` calls the module-level ``tldextract.extract``, whose default
extractor downloads the list and caches it under ``~/.cache``. :func:`make_presidio_offline`
points that module's ``tldextract`` name at :func:`offline_extractor` instead, so vanilla Presidio
(benchmarks, equivalence tests) never touches the network or the home directory either.
"""

from __future__ import annotations

import pkgutil
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

_ICANN_END = "// ===END ICANN DOMAINS==="


def _ascii_label(label: str) -> str | None:
    """The A-label (punycode) of one PSL label; ``*`` stays; ``None`` if it cannot be encoded."""
    if label.isascii():
        return label.lower()
    try:
        return label.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


@cache
def _rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(plain rules, wildcard parents, exceptions) of the ICANN section, in A-label form."""
    raw = pkgutil.get_data("tldextract", ".tld_set_snapshot") or b""
    text = raw.decode("utf-8").split(_ICANN_END, 1)[0]
    plain: set[str] = set()
    wild: set[str] = set()
    exceptions: set[str] = set()
    for line in text.splitlines():
        rule = line.strip()
        if not rule or rule.startswith("//"):
            continue
        target = plain
        if rule.startswith("!"):
            target, rule = exceptions, rule[1:]
        elif rule.startswith("*."):
            target, rule = wild, rule[2:]
        labels = [_ascii_label(part) for part in rule.split(".")]
        if all(labels):
            target.add(".".join(labels))  # type: ignore[arg-type]
    return frozenset(plain), frozenset(wild), frozenset(exceptions)


@cache
def top_level_domains() -> frozenset[str]:
    """Every top-level domain of the bundled public suffix list, lower case, A-label form."""
    plain, wild, _ = _rules()
    return frozenset(rule.rsplit(".", 1)[-1] for rule in plain | wild)


def public_suffix_labels(labels: tuple[str, ...]) -> int:
    """How many trailing labels of a lower-case domain form its public suffix (0 = unknown TLD).

    Implements the PSL algorithm: the longest matching rule wins, ``*.x`` matches one label under
    ``x``, an exception rule ``!a.x`` makes ``a.x`` registrable (its suffix is ``x``).
    """
    plain, wild, exceptions = _rules()
    best = 0
    for n in range(1, len(labels) + 1):
        candidate = ".".join(labels[-n:])
        if candidate in exceptions:
            return n - 1
        if candidate in plain:
            best = n
        if n > 1 and ".".join(labels[-n + 1 :]) in wild:
            best = n
    return best


@lru_cache(maxsize=4096)
def is_registrable_domain(domain: str) -> bool:
    """True when ``domain`` ends in a listed public suffix and has a name under it.

    ``example.dk`` and ``mail.example.co.uk`` are; ``co.uk``, ``localhost`` and
    ``example.invalidtld`` are not. The argument is a host name (lower or mixed case).
    """
    labels = tuple(domain.lower().split("."))
    if len(labels) < 2 or not all(labels):
        return False
    suffix = public_suffix_labels(labels)
    return 0 < suffix < len(labels)


@cache
def offline_extractor() -> Any:
    """A ``tldextract.TLDExtract`` that uses only the bundled snapshot and writes no cache.

    ``suffix_list_urls=()`` means nothing is fetched, ``cache_dir=None`` means nothing is written;
    the snapshot fallback then supplies the list.
    """
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def make_presidio_offline() -> bool:
    """Make vanilla Presidio's e-mail recogniser use :func:`offline_extractor`.

    Presidio's ``email_recognizer`` module calls ``tldextract.extract(...)`` through its
    module-level ``tldextract`` name; that name is replaced by a namespace whose ``extract`` is the
    offline extractor. Idempotent. Returns False when Presidio's module layout is not the one
    expected (nothing patched), True otherwise.
    """
    try:
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    except ImportError:  # older/newer layout: nothing to patch
        return False
    if not hasattr(email_recognizer, "tldextract"):
        return False
    extractor = offline_extractor()
    email_recognizer.tldextract = SimpleNamespace(  # type: ignore[assignment]
        extract=extractor, TLDExtract=type(extractor)
    )
    return True
