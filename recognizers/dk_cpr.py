"""DK_CPR: the Danish CPR number, ``DDMMYY-SSSS`` or ``DDMMYYSSSS``.

Specification: CPR-kontoret, "Personnummeret i CPR-systemet" (cpr.dk): the first six digits are
the birth date; the 7th digit with the year gives the century (0-3: 19xx; 4, 9: 20xx if YY <= 36
else 19xx; 5-8: 20xx if YY <= 57 else 18xx); the weighted modulus-11 check (weights 4 3 2 7 6 5 4
3 2 1) is no longer guaranteed: numbers without it have been issued since 2007, so it raises the
score and never rejects. Date and century come from python-stdnum (``stdnum.dk.cpr``, whose
``validate`` checks the date, the century rule and "not in the future", and deliberately not the
checksum); the modulus 11 is ``stdnum.dk.cpr.checksum``.

Collisions with SE/FI shapes are settled by scores, see :mod:`recognizers.nordic_id`.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from stdnum.dk import cpr as stdnum_cpr

from recognizers import keywords as kw
from recognizers import nordic_id as nid
from recognizers.context import ContextView


@nid.daily_cache
def is_valid_cpr(digits: str) -> bool:
    """True when ten digits are a CPR number: real date, century rule, not in the future."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    # Cheap range checks first: most candidates in bulk text fail here.
    if not ("01" <= digits[2:4] <= "12" and "01" <= digits[0:2] <= "31"):
        return False
    try:
        return stdnum_cpr.get_birth_date(digits) <= datetime.date.today()
    except Exception:  # stdnum raises InvalidComponent on an impossible date
        return False


@lru_cache(maxsize=16_384)
def has_mod11(digits: str) -> bool:
    """True when the CPR passes the historic modulus-11 check (optional since 2007)."""
    return stdnum_cpr.checksum(digits) == 0


class NordicDkCprRecognizer(nid.NationalIdRecognizer):
    """Danish CPR numbers; modulus 11 and CPR context raise the score."""

    ENTITY = "DK_CPR"
    # The second shape: a CPR of day 01-09 stored as a number (``nordic_id.stored_as_number``).
    SHAPES = (r"[0-9]{6}-?[0-9]{4}", r"[1-9][0-9]{8}")
    FIELD_ONLY_SHAPES = (1,)
    MAX_LENGTH = 11
    CONTEXT = kw.DK_CPR_WORDS

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a CPR-shaped candidate (``None``: impossible date or another number's label)."""
        if len(value) == 9:
            digits = nid.stored_as_number(value, context, self.CONTEXT, 10) or ""
        else:
            digits = value if len(value) == 10 else value[:6] + value[7:]
        if not is_valid_cpr(digits):
            return None
        adjust = nid.context_score(context, "DK", nid.DA)
        if adjust is None:
            return None
        score = nid.DK_BASE + adjust
        if has_mod11(digits):
            score += nid.DK_MOD11
        return min(1.0, score)
