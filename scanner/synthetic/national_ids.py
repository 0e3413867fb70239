"""Checksum-valid synthetic Nordic national identity numbers, and near-misses, for demo/tests/bench.

Every generator takes a ``random.Random`` so output is reproducible from a seed, and builds the
number from its specification with python-stdnum computing the check digits (never from the
recognisers, so the tests compare two independent readings of the spec). Birth dates default to
1930-2019: old enough to be real, never in the future. Values are synthetic: they are valid by
construction, not taken from any register, but a valid number may of course belong to somebody.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from stdnum import luhn
from stdnum.dk import cpr as stdnum_cpr
from stdnum.no import fodselsnummer as stdnum_fnr

FIRST_BIRTH = datetime.date(1930, 1, 1)
LAST_BIRTH = datetime.date(2019, 12, 31)

_CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_HETU_ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def birth_date(
    rng: random.Random,
    first: datetime.date = FIRST_BIRTH,
    last: datetime.date = LAST_BIRTH,
) -> datetime.date:
    """A uniformly random date in ``[first, last]``."""
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _cpr_century_digits(year: int) -> str:
    """7th digits that encode ``year``'s century under the CPR rule."""
    yy = year % 100
    if 1900 <= year <= 1999:
        return "0123" + ("49" if yy >= 37 else "")
    if 2000 <= year <= 2036:
        return "49" + ("5678" if yy <= 57 else "")
    if 2037 <= year <= 2057:
        return "5678"
    if 1858 <= year <= 1899:
        return "5678"
    raise ValueError("year outside the CPR range")


def dk_cpr(
    rng: random.Random,
    *,
    mod11: bool = True,
    dashed: bool = True,
    born: datetime.date | None = None,
) -> str:
    """A valid CPR number; ``mod11=False`` gives one that *fails* modulus 11 (post-2007 style)."""
    born = born or birth_date(rng)
    head = born.strftime("%d%m%y") + rng.choice(_cpr_century_digits(born.year))
    while True:
        digits = head + "".join(rng.choice("0123456789") for _ in range(3))
        if (stdnum_cpr.checksum(digits) == 0) == mod11:
            break
    return f"{digits[:6]}-{digits[6:]}" if dashed else digits


def se_personnummer(
    rng: random.Random,
    *,
    samordning: bool = False,
    long_form: bool = False,
    dashed: bool = True,
    born: datetime.date | None = None,
) -> str:
    """A valid personnummer (``samordning``: day + 60). Short form uses ``+`` for ages >= 100."""
    born = born or birth_date(rng)
    day = born.day + (60 if samordning else 0)
    body = f"{born:%y%m}{day:02d}" + "".join(rng.choice("0123456789") for _ in range(3))
    digits = body + luhn.calc_check_digit(body)
    if long_form:
        return f"{born.year // 100}{digits[:6]}{'-' if dashed else ''}{digits[6:]}"
    if not dashed:
        return digits
    today = datetime.date.today()
    sep = "+" if today.year - born.year >= 100 else "-"
    return f"{digits[:6]}{sep}{digits[6:]}"


def _fnr_individual(rng: random.Random, year: int) -> int:
    if 1900 <= year <= 1999:
        ranges = [(0, 499)] + ([(900, 999)] if year >= 1940 else [])
    elif 2000 <= year <= 2039:
        ranges = [(500, 999)]
    elif 1854 <= year <= 1899:
        ranges = [(500, 749)]
    else:
        raise ValueError("year outside the fødselsnummer range")
    low, high = rng.choice(ranges)
    return rng.randint(low, high)


def no_fodselsnummer(
    rng: random.Random,
    *,
    d_number: bool = False,
    h_number: bool = False,
    spaced: bool = False,
    born: datetime.date | None = None,
) -> str:
    """A valid fødselsnummer (``d_number``: day + 40; ``h_number``: month + 40)."""
    born = born or birth_date(rng)
    day = born.day + (40 if d_number else 0)
    month = born.month + (40 if h_number else 0)
    while True:
        body = f"{day:02d}{month:02d}{born:%y}{_fnr_individual(rng, born.year):03d}"
        k1 = stdnum_fnr.calc_check_digit1(body)
        k2 = stdnum_fnr.calc_check_digit2(body + k1)
        if len(k1) == 1 and len(k2) == 1:  # "10" cannot be written: that individual no. is unused
            break
    digits = body + k1 + k2
    return f"{digits[:6]} {digits[6:]}" if spaced else digits


def fi_hetu(
    rng: random.Random,
    *,
    new_sign: bool = False,
    lower: bool = False,
    born: datetime.date | None = None,
) -> str:
    """A valid HETU; ``new_sign`` uses the 2023 century signs (Y-U, B-F) instead of ``-``/``A``."""
    born = born or birth_date(rng)
    if born.year < 1900:
        sign = "+"
    elif born.year < 2000:
        sign = rng.choice("YXWVU") if new_sign else "-"
    else:
        sign = rng.choice("BCDEF") if new_sign else "A"
    individual = rng.randint(2, 899)
    check = _HETU_ALPHABET[int(f"{born:%d%m%y}{individual:03d}") % 31]
    code = f"{born:%d%m%y}{sign}{individual:03d}{check}"
    return code.lower() if lower else code


# --- near-misses: right shape, wrong number -------------------------------------------------


def _bump_last(value: str, alphabet: str = "0123456789") -> str:
    return value[:-1] + alphabet[(alphabet.index(value[-1].upper()) + 1) % len(alphabet)]


def se_bad_luhn(rng: random.Random, **kwargs: Any) -> str:
    """A personnummer whose Luhn digit is off by one (every other part valid)."""
    return _bump_last(se_personnummer(rng, **kwargs))


def no_bad_checksum(rng: random.Random, *, second: bool = False, **kwargs: Any) -> str:
    """A fødselsnummer with a wrong first (or, with ``second``, only a wrong second) check digit."""
    value = no_fodselsnummer(rng, **kwargs)
    if second:
        return _bump_last(value)
    return value[:-2] + str((int(value[-2]) + 1) % 10) + value[-1]


def fi_bad_check(rng: random.Random, **kwargs: Any) -> str:
    """A HETU whose check character is the next one in the mod-31 alphabet."""
    return _bump_last(fi_hetu(rng, **kwargs), _HETU_ALPHABET)


def dk_impossible_date(rng: random.Random, *, dashed: bool = True) -> str:
    """A CPR-shaped number with an impossible date (31 Feb/Apr, 29 Feb non-leap, month 13, 00)."""
    day_month, year = rng.choice(
        [("3102", None), ("3104", None), ("3111", None), ("2902", "non-leap"), ("1513", None),
         ("0013", None), ("0001", None), ("3209", None), ("3106", None)]
    )
    yy = rng.choice([y for y in range(100) if y % 4]) if year else rng.randrange(100)
    digits = f"{day_month}{yy:02d}{rng.choice('0123')}" + f"{rng.randrange(1000):03d}"
    return f"{digits[:6]}-{digits[6:]}" if dashed else digits


def dk_future(rng: random.Random, *, dashed: bool = True) -> str:
    """A CPR-shaped number whose date and century rule (7th digit 5-8: 20xx up to 2057) point to
    a birth date in the future; at least 2037, so that a case file using it stays valid for years.
    """
    first = max(datetime.date.today() + datetime.timedelta(days=30), datetime.date(2037, 1, 1))
    born = birth_date(rng, first, datetime.date(2057, 12, 31))
    digits = born.strftime("%d%m%y") + rng.choice("5678") + f"{rng.randrange(1000):03d}"
    return f"{digits[:6]}-{digits[6:]}" if dashed else digits
