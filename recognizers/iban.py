"""IBAN_CODE: International Bank Account Numbers of every country in the IBAN registry.

Specification: ISO 13616-1 and the SWIFT IBAN Registry (country code, two ISO 7064 mod 97-10 check
digits, then a BBAN whose length and character classes are fixed per country). The registry
(``stdnum/iban.dat``, generated from the SWIFT registry) and the checks come from python-stdnum:
``stdnum.iban.validate`` checks the country's BBAN structure, mod 97-10, and the national check
digits where stdnum has them (Belgium, Spain, Montenegro, Norway).

Two forms: compact (``DK5000400440116243``) and grouped by four with single spaces
(``DK50 0040 0440 1162 43``). The shapes are generic and cheap to prefilter (two letters, two
digits, then as many BBAN characters as the shortest to the longest registry IBAN has, compact or
in groups of four); the recogniser's ``candidate_end`` then cuts the match to the exact length
the registry gives the country at its start (and drops it when the country is not in the
registry or the characters do not fit that length). Because each country's length is exact, a
grouped IBAN followed by a word ("DK50 0040 0440 1162 43 til") ends where the registry says,
never inside the word. Lower case is accepted (scored a little lower). Mixed groupings
(``DK50 00400440116243``) are not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from stdnum import iban as stdnum_iban

from recognizers.base import NordicRecognizer
from recognizers.context import ContextView
from recognizers.labels import Hint, has_word

_STRUCT = re.compile(r"([1-9][0-9]*)!([nac])")
IBAN_WORDS: tuple[str, ...] = (
    "iban", "konto", "account", "bank", "tilinumero", "tili", "bic", "swift", "overfør",
    "overföring", "overføring", "betal", "payment", "girokonto",
)
_HINT = Hint(IBAN_WORDS)


@lru_cache(maxsize=1)
def registry_lengths() -> dict[str, int]:
    """Country code -> IBAN length, from python-stdnum's copy of the SWIFT IBAN registry."""
    text = resources.files("stdnum").joinpath("iban.dat").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, rest = line.partition(" ")
        bban = re.search(r'bban="([^"]*)"', rest)
        if len(code) == 2 and bban:
            out[code] = 4 + sum(int(n) for n, _ in _STRUCT.findall(bban.group(1)))
    return out


def _shapes() -> tuple[str, str]:
    """Generic compact and grouped shapes covering every registry length (see module docstring).

    Every exact registry form is a match of one of them, so the prefilter regions hold it.
    """
    lengths = registry_lengths().values()
    low, high = min(lengths) - 4, max(lengths) - 4
    compact = f"[A-Z]{{2}}[0-9]{{2}}[A-Z0-9]{{{low},{high}}}"
    groups = f"(?: [A-Z0-9]{{4}}){{{low // 4},{high // 4}}}"
    grouped = f"[A-Z]{{2}}[0-9]{{2}}{groups}(?: [A-Z0-9]{{1,3}})?"
    return compact, grouped


@lru_cache(maxsize=64)
def _exact_forms(length: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The compact and grouped form of an IBAN of ``length``, after its country code."""
    groups, rest = divmod(length - 4, 4)
    tail = f" [A-Za-z0-9]{{{rest}}}" if rest else ""
    return (
        re.compile(f"[0-9]{{2}}[A-Za-z0-9]{{{length - 4}}}", re.ASCII),
        re.compile(f"[0-9]{{2}}(?: [A-Za-z0-9]{{4}}){{{groups}}}{tail}", re.ASCII),
    )


@lru_cache(maxsize=4096)
def is_valid_iban(compact: str) -> bool:
    """True for a valid upper-case compact IBAN (registry format, mod 97-10, national check)."""
    return stdnum_iban.is_valid(compact)


class NordicIbanRecognizer(NordicRecognizer):
    """IBANs, compact or grouped by four, of every registry country; valid ones are certain."""

    ENTITY = "IBAN_CODE"
    SHAPES = _shapes()
    CASELESS = True
    MAX_LENGTH = 42  # 34 characters + 8 spaces
    LEFT_BOUNDARY = r"[0-9A-Za-z]"
    RIGHT_BOUNDARY = r"[0-9A-Za-z]"
    CONTEXT = IBAN_WORDS

    def candidate_end(self, text: str, start: int, end: int) -> int | None:
        """End of the IBAN of the registry length of the country at ``start`` (None: none)."""
        length = registry_lengths().get(text[start : start + 2].upper())
        if length is None:
            return None
        compact, grouped = _exact_forms(length)
        rx = grouped if text[start + 4 : start + 5] == " " else compact
        found = rx.match(text, start + 2)
        return found.end() if found else None

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """1.0 / 0.95 for a valid IBAN (with / without context), a bit less in lower case."""
        compact = value.replace(" ", "")
        upper = compact.upper()
        if not is_valid_iban(upper):
            return None
        score = 0.95 if compact[:2] == upper[:2] else 0.9
        if has_word(context, IBAN_WORDS, _HINT):
            score += 0.05
        return score
