"""Checksum-valid identifiers and hard negatives for the benchmark inputs (synthetic, seeded).

The project's own generators (``scanner.synthetic.national_ids`` / ``contact_financial``) are
used when they import and expose a function per entity; the small fallbacks below keep the
benchmarks runnable without them and are only as careful as a throughput benchmark needs
(valid checksums and dates, real TLDs, numbers ``phonenumbers`` accepts).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.no import fodselsnummer

ENTITIES: tuple[str, ...] = (
    "DK_CPR", "SE_PERSONNUMMER", "NO_FODSELSNUMMER", "FI_HETU", "IBAN_CODE",
    "CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS",
)

Gen = Callable[[random.Random], str]


def _date(rng: random.Random, lo: int = 1940, hi: int = 1999) -> tuple[int, int, int]:
    return rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)


def dk_cpr(rng: random.Random) -> str:
    """A CPR of a person born 1940-1999 (7th digit 0-3), dashed or compact."""
    y, m, d = _date(rng)
    digits = f"{d:02d}{m:02d}{y % 100:02d}{rng.randint(0, 3)}{rng.randint(0, 999):03d}"
    return f"{digits[:6]}-{digits[6:]}" if rng.random() < 0.7 else digits


def se_personnummer(rng: random.Random) -> str:
    """A Swedish personnummer ``YYMMDD-NNNC`` (Luhn over the 9 digits)."""
    y, m, d = _date(rng)
    body = f"{y % 100:02d}{m:02d}{d:02d}{rng.randint(0, 999):03d}"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


def no_fodselsnummer(rng: random.Random) -> str:
    """A Norwegian fødselsnummer (two mod-11 check digits; retries numbers without one)."""
    while True:
        y, m, d = _date(rng, 1940, 1999)
        body = f"{d:02d}{m:02d}{y % 100:02d}{rng.randint(0, 499):03d}"
        k1 = fodselsnummer.calc_check_digit1(body)
        if len(k1) != 1:
            continue
        k2 = fodselsnummer.calc_check_digit2(body + k1)
        if len(k2) == 1:
            return body + k1 + k2


def fi_hetu(rng: random.Random) -> str:
    """A Finnish HETU ``DDMMYY-NNNC`` (mod-31 check character)."""
    y, m, d = _date(rng, 1940, 2010)
    sign = "-" if y < 2000 else "A"
    individual = rng.randint(2, 899)
    serial = int(f"{d:02d}{m:02d}{y % 100:02d}{individual:03d}")
    check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[serial % 31]
    return f"{d:02d}{m:02d}{y % 100:02d}{sign}{individual:03d}{check}"


_BBAN = {"DK": 14, "FI": 14, "DE": 18, "NL": None, "GB": None}


def iban(rng: random.Random) -> str:
    """An IBAN of DK/FI/DE/GB/NL passing mod-97 (and stdnum's national checks), grouped or not."""
    while True:
        country = rng.choice(tuple(_BBAN))
        if country == "GB":
            bban = "NWBK" + "".join(rng.choices("0123456789", k=14))
        elif country == "NL":
            bban = "ABNA" + "".join(rng.choices("0123456789", k=10))
        else:
            bban = "".join(rng.choices("0123456789", k=_BBAN[country] or 0))
        number = country + std_iban.calc_check_digits(country + "00" + bban) + bban
        if std_iban.is_valid(number):
            break
    if rng.random() < 0.6:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def credit_card(rng: random.Random) -> str:
    """A Luhn-valid Visa / Mastercard / Amex number, compact, spaced or dashed."""
    kind = rng.choice(("visa", "mc", "mc2", "amex"))
    prefix = {"visa": "4", "mc": str(rng.randint(51, 55)), "mc2": str(rng.randint(2221, 2720)),
              "amex": rng.choice(("34", "37"))}[kind]
    length = 15 if kind == "amex" else 16
    body = prefix + "".join(rng.choices("0123456789", k=length - len(prefix) - 1))
    number = body + luhn.calc_check_digit(body)
    sep = rng.choice(("", " ", "-"))
    if kind == "amex":
        return sep.join((number[:4], number[4:10], number[10:]))
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


_DOMAINS = ("gmail.com", "hotmail.dk", "outlook.com", "firma.dk", "post.tele.dk", "telia.se",
            "online.no", "kommune.dk", "example.fi", "yahoo.co.uk", "mail.de")
_LOCALS = ("jens", "anna.k", "mette.hansen", "lars+news", "ole_nielsen", "kirsi", "sven.e",
           "ingrid", "p.larsen", "kundeservice", "Maja.Berg", "info")


def email(rng: random.Random) -> str:
    """A plausible address on a real public suffix."""
    return f"{rng.choice(_LOCALS)}{rng.randint(1, 999)}@{rng.choice(_DOMAINS)}"


_PHONE_FORMS = {
    "DK": ("+45", 8, ("2", "3", "4", "5", "6", "7", "8", "9")),
    "SE": ("+46", 9, ("70", "72", "73", "76", "8")),
    "NO": ("+47", 8, ("4", "9")),
    "FI": ("+358", 9, ("40", "44", "50")),
    "DE": ("+49", 11, ("151", "160", "170")),
    "GB": ("+44", 10, ("7",)),
}


def phone(rng: random.Random) -> str:
    """An international number ``phonenumbers`` calls valid, in its international format."""
    while True:
        region = rng.choice(tuple(_PHONE_FORMS))
        cc, length, starts = _PHONE_FORMS[region]
        lead = rng.choice(starts)
        national = lead + "".join(rng.choices("0123456789", k=length - len(lead)))
        parsed = phonenumbers.parse(cc + national, None)
        if phonenumbers.is_valid_number(parsed):
            text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            return text if rng.random() < 0.8 else "00" + text[1:]


def ip_address(rng: random.Random) -> str:
    """An IPv4 address (public or private) or, one time in five, an IPv6 address."""
    if rng.random() < 0.2:
        groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
        return "2001:db8:" + ":".join(groups[2:]) if rng.random() < 0.5 else ":".join(groups)
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


FALLBACK: dict[str, Gen] = {
    "DK_CPR": dk_cpr, "SE_PERSONNUMMER": se_personnummer, "NO_FODSELSNUMMER": no_fodselsnummer,
    "FI_HETU": fi_hetu, "IBAN_CODE": iban, "CREDIT_CARD": credit_card,
    "EMAIL_ADDRESS": email, "PHONE_NUMBER": phone, "IP_ADDRESS": ip_address,
}


def _project() -> dict[str, Gen]:
    """Generators built on ``scanner.synthetic`` (varied formats), for the entities it covers."""
    try:
        from scanner.synthetic import contact_financial as cf
        from scanner.synthetic import national_ids as nid
    except Exception:  # not written yet, or broken: the fallbacks are good enough
        return {}
    brands = tuple(getattr(cf, "CARD_BRANDS", {"visa": None}))
    return {
        "DK_CPR": lambda r: nid.dk_cpr(r, mod11=r.random() < 0.8, dashed=r.random() < 0.7),
        "SE_PERSONNUMMER": lambda r: nid.se_personnummer(
            r, samordning=r.random() < 0.1, long_form=r.random() < 0.2),
        "NO_FODSELSNUMMER": lambda r: nid.no_fodselsnummer(r, d_number=r.random() < 0.1),
        "FI_HETU": lambda r: nid.fi_hetu(r),
        "IBAN_CODE": lambda r: cf.iban(
            r, country=r.choice(("DK", "SE", "NO", "FI", "DE", "GB", "NL", "FR")),
            grouped=r.random() < 0.6),
        "CREDIT_CARD": lambda r: cf.card(r, brand=r.choice(brands), sep=r.choice(("", " ", "-"))),
        "EMAIL_ADDRESS": lambda r: cf.email(r),
        "PHONE_NUMBER": lambda r: cf.phone(
            r, country=r.choice(("DK", "SE", "NO", "FI", "DE", "GB", "US"))),
        "IP_ADDRESS": lambda r: cf.ipv4(r, private=r.random() < 0.3) if r.random() < 0.8
        else cf.ipv6(r, form=r.choice(("compressed", "full", "unpadded"))),
    }


def generators() -> tuple[dict[str, Gen], str]:
    """One generator per entity, and where they come from (project, bench fallback, or mixed).

    The project's generators (``scanner.synthetic``) are preferred; one that is missing or fails a
    trial call is replaced by this module's fallback, so the benchmark runs either way.
    """
    found = {e: g for e, g in _project().items() if _works(g)}
    origin = ("project" if len(found) == len(ENTITIES)
              else "bench-fallback" if not found
              else f"project ({len(found)}/9 types) + bench-fallback")
    return {e: found.get(e, FALLBACK[e]) for e in ENTITIES}, origin


def _works(fn: Gen) -> bool:
    try:
        return all(isinstance(fn(random.Random(seed)), str) for seed in range(20))
    except Exception:
        return False


# --- hard negatives: right shape, wrong thing ------------------------------------------------

def _cvr(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        rest = sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
        if rest != 1:
            return "".join(map(str, digits)) + str((11 - rest) % 11)


NEGATIVES: dict[str, Callable[[random.Random], str]] = {
    "order": lambda r: f"ordrenr. {r.randint(10**7, 10**8 - 1)}",
    "invoice": lambda r: f"Faktura nr. {r.randint(10**9, 10**10 - 1)}",
    "cvr": lambda r: f"CVR {_cvr(r)}",
    "timestamp": lambda r: f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T"
                           f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z",
    "epoch_ms": lambda r: str(r.randint(1_600_000_000_000, 1_760_000_000_000)),
    "uuid": lambda r: str(uuid.UUID(int=r.getrandbits(128), version=4)),
    "version": lambda r: f"v{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}",
    "oid": lambda r: f"OID 1.3.6.1.4.1.311.{r.randint(1, 99)}.{r.randint(1, 9)}",
    "user_agent": lambda r: f"Mozilla/5.0 (X11; Linux x86_64; rv:{r.randint(90, 130)}.0) "
                            "Gecko/20100101 Firefox/120.0",
    "masked_card": lambda r: f"**** **** **** {r.randint(0, 9999):04d}",
    "mac": lambda r: ":".join(f"{r.randint(0, 255):02x}" for _ in range(6)),
    "tracking": lambda r: f"Sporing: 00370{r.randint(10**12, 10**13 - 1)}",
}
