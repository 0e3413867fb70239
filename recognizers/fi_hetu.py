"""FI_HETU: the Finnish personal identity code (henkilötunnus, personbeteckning).

Specification: Digital and Population Data Services Agency (DVV), "Personal identity code"
(Väestötietojärjestelmälaki 661/2009 § 11, amended by 1196/2022): ``DDMMYYCZZZQ`` where ``C`` is
the century sign (``+`` 1800s; ``-`` and, since 2023, ``Y X W V U`` 1900s; ``A`` and ``B C D E F``
2000s), ``ZZZ`` the individual number (002-899; 900-999 temporary codes) and ``Q`` the mod-31
check character over ``DDMMYYZZZ`` from ``0123456789ABCDEFHJKLMNPRSTUVWXY`` (mandatory).

python-stdnum (``stdnum.fi.hetu``, called with ``allow_temporary=True``: a temporary code still
identifies a person) checks the format, date, individual number and check character; the input is
upper-cased first, so a lower-case check character counts. stdnum does not reject future birth
dates; that check is here.
"""

from __future__ import annotations

import datetime

from stdnum.fi import hetu as stdnum_hetu

from recognizers import keywords as kw
from recognizers import nordic_id as nid
from recognizers.context import ContextView

_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_CENTURY.update(dict.fromkeys("ABCDEF", 2000))


@nid.daily_cache
def is_valid_hetu(code: str) -> bool:
    """True when an 11-character code is a valid HETU (any case) born no later than today."""
    if len(code) != 11 or not ("01" <= code[2:4] <= "12" and "01" <= code[0:2] <= "31"):
        return False
    code = code.upper()
    if not stdnum_hetu.is_valid(code, allow_temporary=True):
        return False
    born = datetime.date(_CENTURY[code[6]] + int(code[4:6]), int(code[2:4]), int(code[0:2]))
    return born <= datetime.date.today()


class NordicFiHetuRecognizer(nid.NationalIdRecognizer):
    """Finnish henkilötunnus with every century sign, old and 2023."""

    ENTITY = "FI_HETU"
    # Century sign then the check-character alphabet (no G I O Q Z); case-insensitive.
    SHAPES = (r"[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]",)
    CASELESS = True
    MAX_LENGTH = 11
    CONTEXT = kw.FI_HETU_WORDS

    def evaluate(self, value: str, context: ContextView) -> float | None:
        """Score a candidate: ``None`` unless date and mod-31 check character hold."""
        if not is_valid_hetu(value):
            return None
        adjust = nid.context_score(context, "FI", nid.FI)
        if adjust is None:
            return None
        if value[6] in "-+" and value[10].isdigit():
            # Digits only (dashed CPR / SE '+' shape): the checksum is all that tells them apart.
            base = nid.CHECKSUM_BASE - (0.05 if value[6] == "+" else 0.0)
        else:
            base = nid.DISTINCT_BASE
        return min(1.0, base + adjust)
