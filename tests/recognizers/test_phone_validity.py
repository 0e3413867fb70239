"""The compiled phone validity equals ``phonenumbers`` (parse + is_valid / is_possible).

Numbers: every calling code's example numbers of every type (valid by construction), the same
with one digit changed, one digit short or long (mostly invalid or merely possible), and random
digits of every NSN length; national numbers for the Nordic regions and a few others, with and
without a trunk 0, the international prefix or the calling code in front.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE, PhoneNumberType

from recognizers import phone_validity as pv

_TYPES = (
    PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER, PhoneNumberType.UAN,
    PhoneNumberType.VOICEMAIL,
)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _international_numbers(code: int, regions: list[str], rng: random.Random) -> list[str]:
    numbers: list[str] = []
    prefix = str(code)
    for region in regions:
        if region == "001":
            continue
        for kind in _TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            full = prefix + phonenumbers.national_significant_number(example)
            numbers += [full, full[:-1], full + _digits(rng, 1)]
            for _ in range(4):
                i = rng.randrange(len(prefix), len(full))
                numbers.append(full[:i] + _digits(rng, 1) + full[i + 1 :])
    for length in range(2, 16):
        numbers += [prefix + _digits(rng, length) for _ in range(6)]
    return numbers


@pytest.mark.parametrize("code", sorted(COUNTRY_CODE_TO_REGION_CODE))
def test_international_validity_equals_the_library(code: int) -> None:
    rng = random.Random(code)
    for digits in _international_numbers(code, COUNTRY_CODE_TO_REGION_CODE[code], rng):
        assert pv.international_validity(digits) == pv.library_validity(digits), digits


def test_the_fast_path_answers_most_numbers_itself() -> None:
    """Not a speed test: proves the compiled path is exercised, not the fallback everywhere."""
    rng = random.Random(7)
    numbers = [n for code in (45, 46, 47, 358, 49, 44, 1) for n in
               _international_numbers(code, COUNTRY_CODE_TO_REGION_CODE[code], rng)]
    answered = [n for n in numbers if pv._fast(n) is not None]
    assert len(answered) > 0.8 * len(numbers)
    assert {pv.VALID, pv.POSSIBLE, pv.INVALID} <= {pv._fast(n) for n in answered}


def test_unknown_calling_codes_and_junk_are_invalid() -> None:
    assert pv.international_validity("8091234567") == pv.library_validity("8091234567")
    assert pv.international_validity("2801234567") == pv.INVALID  # 28x is unassigned
    assert pv.international_validity("0451234567") == pv.library_validity("0451234567")


@pytest.mark.parametrize("region", ["DK", "SE", "NO", "FI", "DE", "GB", "US"])
def test_national_validity_equals_the_library(region: str) -> None:
    rng = random.Random(region)
    code = str(phonenumbers.country_code_for_region(region))
    numbers: list[str] = []
    for kind in _TYPES:
        example = phonenumbers.example_number_for_type(region, kind)
        if example is not None:
            nsn = phonenumbers.national_significant_number(example)
            numbers += [nsn, "0" + nsn, "00" + code + nsn, code + nsn, nsn[:-1], nsn + "5"]
    for length in range(5, 14):
        for _ in range(40):
            digits = _digits(rng, length)
            numbers += [digits, "0" + digits[1:], "00" + digits[2:], code + digits[len(code):]]
    for digits in numbers:
        assert pv.national_validity(digits, region) == pv.library_national_validity(
            digits, region
        ), digits
