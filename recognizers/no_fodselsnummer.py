"""NO_FODSELSNUMMER: the Norwegian national identity number (fødselsnummer, D-nummer, H-nummer).

Specification: Skatteetaten / Folkeregisteret, "Fødselsnummer" (forskrift til folkeregisterloven
§ 2-2-1): 11 digits ``DDMMYYIIIKK``; the individual number ``III`` with the year gives the century;
``KK`` are two modulus-11 check digits (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2), both
mandatory. A D-nummer adds 40 to the day, an H-nummer (health services) 40 to the month. Written
compact or as ``DDMMYY IIIKK`` (the stdnum presentation format); a dash there is accepted too.

All of it is python-stdnum's ``stdnum.no.fodselsnummer`` (the steps of its ``validate``: check
digits, D/H-numbers, century, real date, not in the future); FH-numbers (day >= 80, no birth
date) are rejected there.
"""

from __future__ import annotations

import datetime

from stdnum.no import fodselsnummer as stdnum_fnr

from recognizers import keywords as kw
from recognizers import nordic_id as nid
from recognizers.context import ContextView


@nid.daily_cache
def is_valid_fodselsnummer(digits: str) -> bool:
    """True when eleven digits are a fødselsnummer, D-nummer or H-nummer."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    # Cheap range checks first (day 01-31, +40 for D-numbers; month 01-12, +40 for H-numbers).
    day, month = digits[0:2], digits[2:4]
    if not ("01" <= day <= "31" or "41" <= day <= "71"):
        return False
    if not ("01" <= month <= "12" or "41" <= month <= "52"):
        return False
    # stdnum's validate() in its own order, minus the two clean() calls on already-clean digits.
    if digits[9] != stdnum_fnr.calc_check_digit1(digits):
        return False
    if digits[10] != stdnum_fnr.calc_check_digit2(digits):
        return False
    try:
        return stdnum_fnr.get_birth_date(digits) <= datetime.date.today()
    except Exception:  # stdnum raises InvalidComponent: impossible date, FH-number, no century
        return False


class NordicNoFodselsnummerRecognizer(nid.NationalIdRecognizer):
    """Norwegian fødselsnummer / D-nummer / H-nummer (two check digits mandatory)."""

    ENTITY = "NO_FODSELSNUMMER"
    # The second shape: a number of day 01-09 stored as a number (``stored_as_number``).
    SHAPES = (r"[0-9]{6}[ -]?[0-9]{5}", r"[1-9][0-9]{9}")
    FIELD_ONLY_SHAPES = (1,)
    MAX_LENGTH = 12
    CONTEXT = kw.NO_FNR_WORDS

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """Reject digit runs glued to letters/digits or inside longer (space-grouped) numbers."""
        if not super().boundary_ok(text, start, end):
            return False
        if end - start < 11 or text[start + 6] != " ":
            return True
        # "DDMMYY IIIKK" is a group of two; as part of a longer grouped run (an Amex card
        # "3782 822463 10005") it is not a fødselsnummer.
        left = start > 1 and text[start - 1] == " " and text[start - 2].isdigit()
        right = text[end : end + 1] == " " and text[end + 1 : end + 2].isdigit()
        return not (left or right)

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a candidate: ``None`` unless both check digits and the date hold."""
        if len(value) == 10:
            digits = nid.stored_as_number(value, context, self.CONTEXT, 11) or ""
        else:
            digits = value if len(value) == 11 else value[:6] + value[7:]
        if not is_valid_fodselsnummer(digits):
            return None
        adjust = nid.context_score(context, "NO", None)
        if adjust is None:
            return None
        return min(1.0, nid.DISTINCT_BASE + adjust)
