"""IBAN_CODE: International Bank Account Numbers of every country in the IBAN registry.

Specification: ISO 13616-1 and the SWIFT IBAN Registry (country code, two ISO 7064 mod 97-10 check
digits, then a BBAN whose length and character classes are fixed per country). The registry
(``stdnum/iban.dat``, generated from the SWIFT registry) and the checks come from python-stdnum:
``stdnum.iban.validate`` checks the country's BBAN structure, mod 97-10, and the national check
digits where stdnum has them (Belgium, Spain, Montenegro, Norway).

The shapes are generated from the registry: one alternative per IBAN length, listing the countries
of that length, in compact form (``DK5000400440116243``) and grouped by four with single spaces
(``DK50 0040 0440 1162 43``). Because each country's length is exact, a grouped IBAN followed by
a word ("DK50 0040 0440 1162 43 til") ends where the registry says, never inside the word. Lower
case is accepted (scored a little lower). Mixed groupings (``DK50 00400440116243``) are not.
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
    by_length: dict[int, list[str]] = {}
    for code, length in sorted(registry_lengths().items()):
        by_length.setdefault(length, []).append(code)
    compact, grouped = [], []
    for length, codes in sorted(by_length.items()):
        head = f"(?:{'|'.join(codes)})[0-9]{{2}}"
        groups, rest = divmod(length - 4, 4)
        compact.append(f"{head}[A-Z0-9]{{{length - 4}}}")
        tail = f" [A-Z0-9]{{{rest}}}" if rest else ""
        grouped.append(f"{head}(?: [A-Z0-9]{{4}}){{{groups}}}{tail}")
    return f"(?:{'|'.join(compact)})", f"(?:{'|'.join(grouped)})"


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
