"""SE_PERSONNUMMER: the Swedish personal identity number and co-ordination number.

Specification: Skatteverket SKV 704 ("Personnummer") and SKV 707 ("Samordningsnummer");
Folkbokföringslagen (1991:481) § 18. Forms: ``YYMMDD-NNNN``; ``YYMMDD+NNNN`` from the year the
holder turns 100; ``YYYYMMDD-NNNN`` / ``YYYYMMDDNNNN``; compact ``YYMMDDNNNN``. The last digit is
a Luhn check over the ten short-form digits (mandatory). A samordningsnummer adds 60 to the day.

python-stdnum (``stdnum.se.personnummer``) supplies the century rule and the date check, and
``stdnum.luhn`` the checksum; stdnum rejects samordningsnummer (it reads day 61-91 as a date), so
the day is moved back by 60 before asking it, and it does not reject future birth dates, so that
is checked here.
"""

from __future__ import annotations

import datetime

from stdnum import luhn
from stdnum.se import personnummer as stdnum_pnr

from recognizers import keywords as kw
from recognizers import nordic_id as nid
from recognizers.context import ContextView


@nid.daily_cache
def is_valid_personnummer(number: str) -> bool:
    """True for a personnummer/samordningsnummer in any of the five written forms.

    ``number`` is 10 or 12 digits, or 6/8 digits + ``-``/``+`` + 4 digits (``+`` short form only).
    """
    if len(number) in (11, 13):
        sep, digits = number[-5], number[:-5] + number[-4:]
        if sep not in "-+" or (sep == "+" and len(number) == 13):
            return False
    elif len(number) in (10, 12):
        sep, digits = "-", number
    else:
        return False
    if not digits.isdigit() or (len(digits) == 12 and digits[:2] not in ("18", "19", "20")):
        return False
    date = digits[-10:-4]  # YYMMDD
    day = int(date[4:6])
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    if not (1 <= day <= 31 and "01" <= date[2:4] <= "12"):
        return False
    if not luhn.is_valid(digits[-10:]):
        return False
    plain = f"{digits[:-8]}{date[2:4]}{day:02d}{sep}{digits[-4:]}"
    try:
        born = stdnum_pnr.get_birth_date(plain)
    except Exception:  # stdnum raises InvalidComponent on an impossible date
        return False
    return born <= datetime.date.today()


class NordicSePersonnummerRecognizer(nid.NationalIdRecognizer):
    """Swedish personnummer and samordningsnummer (Luhn mandatory)."""

    ENTITY = "SE_PERSONNUMMER"
    # The third shape: a number of a year 00-09 stored as a number (``stored_as_number``).
    SHAPES = (r"[0-9]{6}[-+]?[0-9]{4}", r"[0-9]{8}-?[0-9]{4}", r"[1-9][0-9]{8}")
    FIELD_ONLY_SHAPES = (2,)
    MAX_LENGTH = 13
    CONTEXT = kw.SE_PNR_WORDS

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a candidate: ``None`` unless date and Luhn hold and no other label is nearest."""
        if len(value) == 9:
            value = nid.stored_as_number(value, context, self.CONTEXT, 10) or ""
        if not is_valid_personnummer(value):
            return None
        adjust = nid.context_score(context, "SE", nid.SV)
        if adjust is None:
            return None
        # The dashed long form is Swedish only; a bare 12-digit run may be a timestamp.
        base = nid.DISTINCT_BASE if len(value) == 13 else nid.CHECKSUM_BASE
        return min(1.0, base + adjust)
