"""Synthetic contact and financial identifiers (IBAN, card, phone, e-mail, IP) and hard negatives.

Every generator takes a ``random.Random`` so output is reproducible from a seed. Valid values are
built from the specification with python-stdnum / phonenumbers / ``ipaddress`` doing the checks
(never with the recognisers, so tests compare two independent readings of the spec). Values are
synthetic: valid by construction, not taken from any register.

Hard negatives are values a careless scanner reports as personal data: masked cards, CVR and
Norwegian organisation numbers, order numbers, EAN-13 codes, millisecond timestamps, UUIDs, MAC
addresses, OIDs, browser user agents (``Gecko/20100101``) and retina file names (``logo@2x.png``).
"""

from __future__ import annotations

import ipaddress
import random
import re
import string
from functools import cache
from importlib import resources
from typing import Any

import phonenumbers
from stdnum import ean, luhn
from stdnum import iban as stdnum_iban
from stdnum.dk import cvr as stdnum_cvr
from stdnum.no import orgnr as stdnum_orgnr

# --- IBAN ----------------------------------------------------------------------------------------

_STRUCT = re.compile(r"([1-9][0-9]*)!([nac])")
_CHARS = {
    "n": string.digits,
    "a": string.ascii_uppercase,
    "c": string.digits + string.ascii_uppercase,
}


@cache
def iban_formats() -> dict[str, tuple[tuple[int, str], ...]]:
    """Country -> BBAN structure ((count, class), ...) from python-stdnum's IBAN registry copy."""
    text = resources.files("stdnum").joinpath("iban.dat").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        found = re.match(r'([A-Z]{2}) .*bban="([^"]*)"', line)
        if found:
            out[found.group(1)] = tuple((int(n), k) for n, k in _STRUCT.findall(found.group(2)))
    return out


#: Every country of the IBAN registry (as python-stdnum knows it).
IBAN_COUNTRIES: tuple[str, ...] = tuple(sorted(iban_formats()))


def group4(value: str) -> str:
    """``DK5000400440116243`` -> ``DK50 0040 0440 1162 43`` (the IBAN paper format)."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def iban(
    rng: random.Random, country: str = "DK", grouped: bool = False, lower: bool = False
) -> str:
    """A valid IBAN of ``country`` (mod 97-10 and, where stdnum checks them, national digits)."""
    structure = iban_formats()[country]
    for _ in range(5000):  # national check digits (BE, ES, NO, ME) are met by rejection sampling
        bban = "".join(rng.choice(_CHARS[kind]) for count, kind in structure for _ in range(count))
        value = country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban
        if stdnum_iban.is_valid(value):
            break
    else:  # pragma: no cover - would mean the registry and stdnum disagree
        raise RuntimeError(f"no valid IBAN found for {country}")
    value = group4(value) if grouped else value
    return value.lower() if lower else value


def bad_iban(rng: random.Random, country: str = "DK", grouped: bool = False) -> str:
    """An IBAN-shaped value that fails mod 97-10 (one BBAN digit changed)."""
    value = iban(rng, country)
    digits = [i for i in range(4, len(value)) if value[i].isdigit()]
    pos = rng.choice(digits)
    value = value[:pos] + str((int(value[pos]) + rng.randrange(1, 10)) % 10) + value[pos + 1 :]
    return group4(value) if grouped else value


# --- payment cards -------------------------------------------------------------------------------

#: brand -> (IIN ranges as (low, high) of equal width, default length, grouping of that length)
CARD_BRANDS: dict[str, tuple[tuple[tuple[int, int], ...], int, tuple[int, ...]]] = {
    "visa": (((4, 4),), 16, (4, 4, 4, 4)),
    "mastercard": (((51, 55), (2221, 2720)), 16, (4, 4, 4, 4)),
    "amex": (((34, 34), (37, 37)), 15, (4, 6, 5)),
    "discover": (((6011, 6011), (644, 649), (65, 65)), 16, (4, 4, 4, 4)),
    "jcb": (((3528, 3589),), 16, (4, 4, 4, 4)),
    "diners": (((36, 36),), 14, (4, 6, 4)),
    "diners16": (((300, 305), (38, 39)), 16, (4, 4, 4, 4)),
    "maestro": (((5018, 5018), (5020, 5020), (5038, 5038), (6304, 6304), (6759, 6759),
                 (6761, 6763)), 16, (4, 4, 4, 4)),
    "dankort": (((5019, 5019),), 16, (4, 4, 4, 4)),
}


def _group(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    out, pos = [], 0
    for size in sizes:
        out.append(digits[pos : pos + size])
        pos += size
    if pos < len(digits):
        out.append(digits[pos:])
    return sep.join(out)


def card(rng: random.Random, brand: str = "visa", sep: str = "", length: int | None = None) -> str:
    """A Luhn-valid card number of ``brand``; ``sep`` (" " or "-") groups it the brand's way."""
    ranges, default_length, grouping = CARD_BRANDS[brand]
    low, high = rng.choice(ranges)
    prefix = str(rng.randint(low, high))
    n = length or default_length
    body = prefix + "".join(rng.choice(string.digits) for _ in range(n - len(prefix) - 1))
    digits = body + luhn.calc_check_digit(body)
    if not sep:
        return digits
    sizes = grouping if n == default_length else (4,) * (n // 4)
    return _group(digits, sizes, sep)


def bad_luhn_card(rng: random.Random, brand: str = "visa", sep: str = "") -> str:
    """A card-shaped number whose last digit breaks the Luhn check."""
    value = card(rng, brand, sep)
    last = str((int(value[-1]) + rng.randrange(1, 10)) % 10)
    return value[:-1] + last


def masked_card(rng: random.Random, style: str = "stars") -> str:
    """A masked card as receipts print it: ``**** **** **** 1234``, ``4111 XXXX XXXX 1111`` ..."""
    digits = card(rng, rng.choice(["visa", "mastercard"]))
    if style == "stars":
        return "**** **** **** " + digits[-4:]
    if style == "x":
        return f"{digits[:4]} XXXX XXXX {digits[-4:]}"
    return digits[:6] + "******" + digits[-4:]


# --- phone numbers -------------------------------------------------------------------------------

_PHONE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)


def _phone_number(rng: random.Random, country: str) -> phonenumbers.PhoneNumber:
    """A valid number of ``country``: the metadata's example with its tail randomised."""
    for _ in range(1000):
        kind = rng.choice(_PHONE_TYPES)
        example = phonenumbers.example_number_for_type(country, kind)
        if example is None:
            continue
        nsn = str(example.national_number)
        keep = min(3, len(nsn) - 4)
        candidate = nsn[:keep] + "".join(rng.choice(string.digits) for _ in nsn[keep:])
        number = phonenumbers.parse(candidate, country)
        if phonenumbers.is_valid_number(number):
            return number
    raise RuntimeError(f"no valid phone number found for {country}")  # pragma: no cover


def phone(
    rng: random.Random, country: str = "DK", international: bool = True, style: str | None = None
) -> str:
    """A valid phone number, formatted as people write it.

    ``style``: ``international`` (``+45 12 34 56 78``, the default when ``international``),
    ``e164`` (``+4512345678``), ``00`` (``0045 12 34 56 78``), ``national`` (``12 34 56 78``,
    ``070-123 45 67``, ``412 34 567``: the default otherwise) or ``compact`` (national digits).
    """
    number = _phone_number(rng, country)
    style = style or ("international" if international else "national")
    fmt = phonenumbers.PhoneNumberFormat
    if style == "e164":
        return phonenumbers.format_number(number, fmt.E164)
    if style == "00":
        return "00" + phonenumbers.format_number(number, fmt.INTERNATIONAL)[1:]
    if style == "international":
        return phonenumbers.format_number(number, fmt.INTERNATIONAL)
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    return re.sub(r"[^0-9]", "", national) if style == "compact" else national


# --- e-mail --------------------------------------------------------------------------------------

_TLDS = ("dk", "se", "no", "fi", "com", "net", "org", "eu", "io", "co.uk", "de", "is")
_SYLLABLES = ("an", "be", "da", "er", "fi", "gu", "han", "ja", "ka", "la", "mi", "ni", "ol", "per",
              "ri", "sen", "to", "ul", "ve", "yl")


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "ü": "u", "é": "e"})
    return re.sub(r"[^a-z0-9.]", "", text.lower().translate(table)).strip(".")


def email(rng: random.Random, faker: Any = None) -> str:
    """A syntactically valid address with a real TLD (names from ``faker`` when given)."""
    if faker is not None:
        local = _ascii(f"{faker.first_name()}.{faker.last_name()}") or _word(rng)
    else:
        local = _word(rng, rng.randint(1, 3))
        if rng.random() < 0.5:
            local += "." + _word(rng)
    local = re.sub(r"\.{2,}", ".", local)
    if rng.random() < 0.2:
        local += "+" + _word(rng, 1)
    domain = _word(rng, rng.randint(1, 3))
    if rng.random() < 0.2:
        domain = rng.choice(("mail", "post", "kontor")) + "." + domain
    return f"{local}@{domain}.{rng.choice(_TLDS)}"


# --- IP addresses --------------------------------------------------------------------------------

_PRIVATE_V4 = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
)


def ipv4(rng: random.Random, private: bool = False) -> str:
    """A dotted-quad IPv4 address (from an RFC 1918 range when ``private``)."""
    if private:
        net = rng.choice(_PRIVATE_V4)
        return str(net[rng.randrange(1, net.num_addresses - 1)])
    return str(ipaddress.IPv4Address(rng.randrange(1 << 24, 224 << 24)))


def ipv6(rng: random.Random, form: str = "compressed") -> str:
    """An IPv6 address (2001:db8::/32 documentation range) in one RFC 4291 text form.

    ``form``: ``compressed`` (RFC 5952), ``full`` (every group four digits), ``unpadded`` (eight
    groups, leading zeros dropped, no ``::``), ``upper`` (compressed, upper case) or ``mapped``
    (``::ffff:192.0.2.1``).
    """
    if form == "mapped":
        return "::ffff:" + ipv4(rng)
    groups = [0x2001, 0x0DB8] + [rng.choice((0, rng.randrange(1 << 16))) for _ in range(6)]
    if form == "compressed" and 0 not in groups:
        groups[rng.randrange(3, 6)] = 0
        groups[rng.randrange(6, 8)] = 0
    address = ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))
    if form == "full":
        return address.exploded
    if form == "unpadded":
        return ":".join(f"{g:x}" for g in groups)
    return address.compressed.upper() if form == "upper" else address.compressed


# --- hard negatives ------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice(string.digits) for _ in range(n - 1))


def cvr(rng: random.Random) -> str:
    """A Danish CVR number (8 digits, modulus 11 valid): a company, never a phone."""
    while True:
        value = _digits(rng, 8)
        if stdnum_cvr.is_valid(value):
            return value


def no_orgnr(rng: random.Random, grouped: bool = True) -> str:
    """A Norwegian organisation number (9 digits, mod 11), ``923 609 016`` when ``grouped``."""
    while True:
        value = _digits(rng, 9, "89")
        if stdnum_orgnr.is_valid(value):
            return f"{value[:3]} {value[3:6]} {value[6:]}" if grouped else value


def order_number(rng: random.Random, length: int = 8) -> str:
    """A plain order / invoice number."""
    return _digits(rng, length)


def ean13(rng: random.Random, prefix: str = "57") -> str:
    """A valid EAN-13 product code (``57`` = GS1 Denmark, ``00`` = a UPC-A code)."""
    body = prefix + "".join(rng.choice(string.digits) for _ in range(12 - len(prefix)))
    return body + ean.calc_check_digit(body)


def ms_timestamp(rng: random.Random) -> str:
    """A 13-digit Unix timestamp in milliseconds (2001-2033)."""
    return str(rng.randrange(1_000_000_000_000, 2_000_000_000_000))


def uuid4(rng: random.Random) -> str:
    """A random (version 4) UUID string."""
    value = f"{rng.getrandbits(128):032x}"
    value = value[:12] + "4" + value[13:16] + rng.choice("89ab") + value[17:]
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def mac(rng: random.Random, sep: str = ":", upper: bool = False) -> str:
    """A 48-bit MAC address, ``00:1a:2b:3c:4d:5e`` or ``00-1A-2B-3C-4D-5E``."""
    value = sep.join(f"{rng.randrange(256):02x}" for _ in range(6))
    return value.upper() if upper else value


def oid(rng: random.Random) -> str:
    """An ASN.1 object identifier under the IANA enterprise arc (``1.3.6.1.4.1.311.21.7``)."""
    tail = ".".join(str(rng.randrange(1, 60000)) for _ in range(rng.randint(1, 4)))
    return f"1.3.6.1.4.1.{tail}"


def version_run(rng: random.Random) -> str:
    """A five-part version number (``1.2.3.4.5``): dotted, but no IPv4 address."""
    return ".".join(str(rng.randrange(0, 20)) for _ in range(5))


def user_agent(rng: random.Random) -> str:
    """A Firefox user-agent string (``Gecko/20100101`` is a fixed token, not a phone)."""
    version = rng.randrange(90, 130)
    system = rng.choice(("Windows NT 10.0; Win64; x64", "X11; Linux x86_64",
                         "Macintosh; Intel Mac OS X 10.15"))
    return f"Mozilla/5.0 ({system}; rv:{version}.0) Gecko/20100101 Firefox/{version}.0"


def retina_filename(rng: random.Random) -> str:
    """An image asset name with a pixel-density suffix (``logo@2x.png``)."""
    name = rng.choice(("logo", "icon", "banner", "avatar", "hero", "btn-close"))
    return f"{name}@{rng.choice('23')}x.{rng.choice(('png', 'jpg', 'webp', 'gif'))}"
