"""Validity of an E.164 number, as ``phonenumbers`` decides it, without its per-call parsing cost.

``phonenumbers.parse`` + ``is_valid_number`` + ``is_possible_number`` cost ~20 µs per number
(string normalisation, extension stripping, metadata lookups, one regex per number type). In a
database column of phone numbers that is most of the scan. The verdict itself is a few regex
matches against the library's own metadata, so this module compiles, once per country code, the
same checks the library runs, from the same metadata, into one regex per region and length:

* country code: the first 1-3 digits that are a known calling code (``_extract_country_code``);
* validity: ``region_code_for_number`` (the first region of the calling code whose leading digits
  match, or where the number has a type) and then ``_number_type_helper != UNKNOWN`` there: the
  general description matches and at least one number type (with its possible lengths) matches;
* possibility: the library's own ``_test_number_length`` on the main region's metadata.

Where parsing could change the national number (a national prefix or carrier code the library
might strip, a leading zero, a non-geographic calling code, an unusual length) the library itself
answers. ``tests/recognizers/test_phone_validity.py`` checks this module against the library on
every calling code with example numbers of every type and random numbers of every length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonemetadata import REGION_CODE_FOR_NON_GEO_ENTITY
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE, ValidationResult

try:  # the library's own length test; a release without it makes every answer the library's
    from phonenumbers.phonenumberutil import _test_number_length
except ImportError:  # pragma: no cover - depends on the installed phonenumbers
    _test_number_length = None  # type: ignore[assignment]

VALID, POSSIBLE, INVALID = 2, 1, 0
#: NSN lengths the fast path handles; the library's own bounds are 2..17.
_MIN_NSN, _MAX_NSN = 3, 17
_POSSIBLE_RESULTS = (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY)
#: ``_number_type_helper``'s order; fixed line and mobile last (mobile is skipped when the
#: metadata says both share one pattern).
_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail", "fixed_line", "mobile",
)


@dataclass(frozen=True, slots=True)
class _Region:
    """One region's validity test: leading-digit selector and one regex per NSN length."""

    leading: re.Pattern[str] | None
    by_length: dict[int, re.Pattern[str]]

    def valid(self, nsn: str) -> bool:
        rx = self.by_length.get(len(nsn))
        return rx is not None and rx.fullmatch(nsn) is not None


@dataclass(frozen=True, slots=True)
class _CallingCode:
    """What the fast path needs for one calling code; ``None`` fields mean "ask the library"."""

    metadata: PhoneMetadata
    national_prefix: re.Pattern[str] | None
    regions: tuple[_Region, ...]


def _lengths(desc: object) -> tuple[int, ...]:
    return tuple(getattr(desc, "possible_length", None) or ())


def _pattern(desc: object) -> str | None:
    pattern = getattr(desc, "national_number_pattern", None) if desc is not None else None
    return pattern or None


def _region(metadata: PhoneMetadata) -> _Region | None:
    """Compile ``_number_type_helper(nsn, metadata) != UNKNOWN`` per NSN length."""
    general = _pattern(metadata.general_desc)
    if general is None:
        return None
    general_lengths = _lengths(metadata.general_desc)
    types = [getattr(metadata, name) for name in _TYPES]
    if metadata.same_mobile_and_fixed_line_pattern:
        types = types[:-1]
    by_length: dict[int, re.Pattern[str]] = {}
    for length in range(_MIN_NSN, _MAX_NSN + 1):
        if general_lengths and length not in general_lengths:
            continue
        alternatives = [
            f"(?:{pattern})"
            for desc in types
            if (pattern := _pattern(desc)) is not None
            and (not _lengths(desc) or length in _lengths(desc))
        ]
        if alternatives:
            by_length[length] = re.compile(f"(?=(?:{general})\\Z)(?:{'|'.join(alternatives)})")
    leading = re.compile(metadata.leading_digits) if metadata.leading_digits else None
    return _Region(leading, by_length)


@cache
def _calling_code(code: int) -> _CallingCode | None:
    """The compiled checks for ``code``; ``None`` when only the library can answer."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(code, ())
    if not regions or REGION_CODE_FOR_NON_GEO_ENTITY in regions:
        return None
    compiled: list[_Region] = []
    for region_code in regions:
        metadata = PhoneMetadata.metadata_for_region(region_code, None)
        region = _region(metadata) if metadata is not None else None
        if region is None:
            return None
        compiled.append(region)
    main = PhoneMetadata.metadata_for_region(regions[0], None)
    assert main is not None  # the first region was compiled above
    prefix = main.national_prefix_for_parsing
    return _CallingCode(main, re.compile(prefix) if prefix else None, tuple(compiled))


def _calling_code_widths() -> dict[str, tuple[int, int]]:
    """Every three-digit head -> (calling code, its width): :func:`_split` in one lookup."""
    table: dict[str, tuple[int, int]] = {}
    for head in map("{:03d}".format, range(1000)):
        for width in (1, 2, 3):
            code = int(head[:width])
            if code in COUNTRY_CODE_TO_REGION_CODE:
                table[head] = (code, width)
                break
    return table


_CALLING_CODE_WIDTHS = _calling_code_widths()


def _split(e164_digits: str) -> tuple[int, str] | None:
    """Calling code and NSN as ``_extract_country_code`` finds them; None when there is none."""
    if len(e164_digits) >= 3:
        found = _CALLING_CODE_WIDTHS.get(e164_digits[:3])
        if found is None:
            return None
        code, width = found
        return code, e164_digits[width:]
    for width in (1, 2, 3):
        code = int(e164_digits[:width])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            return code, e164_digits[width:]
    return None


def _fast(e164_digits: str) -> int | None:
    """The verdict from compiled metadata, or ``None`` when parsing might change the number."""
    if _test_number_length is None or not e164_digits.isdigit() or not e164_digits.isascii():
        return None
    if e164_digits[0] == "0":
        return None
    split = _split(e164_digits)
    if split is None:
        return INVALID  # parse() raises INVALID_COUNTRY_CODE
    code, nsn = split
    if not _MIN_NSN <= len(nsn) <= _MAX_NSN or nsn[0] == "0":
        return None
    calling = _calling_code(code)
    if calling is None:
        return None
    if calling.national_prefix is not None and calling.national_prefix.match(nsn):
        return None  # parse() may strip a national prefix or carrier code
    chosen: _Region | None = None
    for region in calling.regions if len(calling.regions) > 1 else ():
        if region.leading is not None:
            if region.leading.match(nsn):
                chosen = region
                break
        elif region.valid(nsn):
            chosen = region
            break
    else:
        chosen = calling.regions[0] if len(calling.regions) == 1 else None
    if chosen is not None and chosen.valid(nsn):
        return VALID
    return POSSIBLE if _possible_length(code, nsn, calling.metadata) else INVALID


#: (calling code, NSN length) -> the library's length test says possible. That test reads only
#: the number's length and the metadata (``tests/recognizers/test_phone_validity.py`` compares
#: random numbers of every length with the library), so one answer per length serves them all.
_POSSIBLE_BY_LENGTH: dict[tuple[int, int], bool] = {}


def _possible_length(code: int, nsn: str, metadata: PhoneMetadata) -> bool:
    key = (code, len(nsn))
    found = _POSSIBLE_BY_LENGTH.get(key)
    if found is None:
        assert _test_number_length is not None  # _fast returns early without it
        found = _POSSIBLE_BY_LENGTH[key] = (
            _test_number_length(nsn, metadata) in _POSSIBLE_RESULTS
        )
    return found


def _library_verdict(text: str, region: str | None) -> int:
    """The verdict straight from ``phonenumbers``: parse, then is_valid / is_possible."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return INVALID
    if phonenumbers.is_valid_number(number):
        return VALID
    return POSSIBLE if phonenumbers.is_possible_number(number) else INVALID


def library_validity(e164_digits: str) -> int:
    """The library's verdict on ``+`` followed by ``e164_digits``."""
    return _library_verdict("+" + e164_digits, None)


def international_validity(e164_digits: str) -> int:
    """2 = valid E.164 number, 1 = possible length for its country, 0 = neither."""
    verdict = _fast(e164_digits)
    return library_validity(e164_digits) if verdict is None else verdict


@cache
def _national_entry(region: str) -> tuple[str, re.Pattern[str] | None]:
    """(calling code digits, international dialling prefix) of a geographic region."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None:
        raise ValueError(f"unknown region {region!r}")
    idd = metadata.international_prefix
    return str(metadata.country_code), re.compile(idd) if idd else None


def library_national_validity(digits: str, region: str) -> int:
    """The library's verdict on ``digits`` dialled inside ``region``."""
    return _library_verdict(digits, region)


def national_validity(digits: str, region: str) -> int:
    """Like :func:`international_validity` for digits dialled inside ``region`` (``"DK"``).

    Parsing a national number only differs from parsing ``+CC`` + the number when it starts
    with the region's international dialling prefix or its own calling code (the library then
    tries to read a calling code), or with a national prefix (handled in :func:`_fast`): those
    go to the library.
    """
    code, idd = _national_entry(region)
    verdict = None
    if digits.isascii() and digits.isdigit() and not digits.startswith(code):
        if idd is None or not idd.match(digits):
            verdict = _fast(code + digits)
    return library_national_validity(digits, region) if verdict is None else verdict
