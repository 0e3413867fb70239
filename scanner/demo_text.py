"""Free-text templates of the demo estate, their placeholders, and the hard negatives.

A template line such as ``"... CPR-nr. er {cpr} ..."`` becomes text with a planted CPR number
(recorded in the truth); ``{cvr}`` becomes a hard negative (counted in ``truth.negatives``),
``{name_dk}`` a Faker name. Each identifier sits on its own line next to its own label, as people
write them; filler lines (Faker sentences, no digits) go between templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner.demo import Planter
from scanner.synthetic import contact_financial as cf

_IBAN_COUNTRIES = ("DK", "SE", "NO", "FI", "DE", "GB", "NL", "FR")

TEMPLATES: tuple[str, ...] = (
    "Hej, jeg hedder {name_dk}, mit CPR-nr. er {cpr} og I kan ringe på tlf. {phone_dk_nat}.",
    "Send venligst svar til {email} eller ring på mobil {phone_dk_intl}.",
    "Udbetalingen sker til IBAN {iban}. Venlig hilsen {name_dk}",
    "Jeg har betalt med kort {card} i går.",
    "Fra: {name_dk} <{email}>",
    "Fakturanr. {cpr_shaped} vedr. CVR {cvr} er betalt.",
    "Ordrenr. {order} er afsendt med sporing {tracking}.",
    "Kvittering: kortet {masked} blev trukket 1.234,50 kr.",
    "Hej! Mitt personnummer är {se_pnr} och jag nås på mobil {phone_se_nat}.",
    "Vänliga hälsningar, {name_se}, e-post {email}",
    "Mitt fødselsnummer er {no_fnr}, og telefon {phone_no_nat}.",
    "Organisasjonsnummer {orgnr} er registrert, EAN {ean} er på lager.",
    "Henkilötunnus {fi_hetu}, puhelin {phone_fi_intl}.",
    "Login from {ip} rejected for {email}.",
    "Build {uuid} on host {mac} with OID {oid}, version {version}.",
    "User agent: {ua}",
    "Asset {retina} served at {ms_ts} ({iso}).",
)

SLOT = re.compile(r"\{(\w+)\}")


def _slots(p: Planter) -> dict[str, tuple[str | None, Callable[[], str]]]:
    """Placeholder -> (entity, or ``None`` for a hard negative / plain text, value maker)."""
    r = p.rng
    return {
        "cpr": ("DK_CPR", lambda: p.national_id("DK")[1]),
        "se_pnr": ("SE_PERSONNUMMER", lambda: p.national_id("SE")[1]),
        "no_fnr": ("NO_FODSELSNUMMER", lambda: p.national_id("NO")[1]),
        "fi_hetu": ("FI_HETU", lambda: p.national_id("FI")[1]),
        "email": ("EMAIL_ADDRESS", p.email),
        "phone_dk_nat": ("PHONE_NUMBER", lambda: p.phone("DK", True)),
        "phone_dk_intl": ("PHONE_NUMBER", lambda: p.phone("DK", False)),
        "phone_se_nat": ("PHONE_NUMBER", lambda: p.phone("SE", True)),
        "phone_no_nat": ("PHONE_NUMBER", lambda: p.phone("NO", True)),
        "phone_fi_intl": ("PHONE_NUMBER", lambda: p.phone("FI", False)),
        "iban": ("IBAN_CODE", lambda: p.iban(r.choice(_IBAN_COUNTRIES))),
        "card": ("CREDIT_CARD", p.card),
        "ip": ("IP_ADDRESS", p.ip),
        "name_dk": (None, lambda: p.name("DK")),
        "name_se": (None, lambda: p.name("SE")),
        **{kind: (None, maker) for kind, maker in negative_makers(p).items()},
    }


def negative_makers(p: Planter) -> dict[str, Callable[[], str]]:
    """Hard-negative kind -> maker; every value made is counted in ``truth.negatives``."""
    r = p.rng
    makers: dict[str, Callable[[], str]] = {
        "cvr": lambda: cf.cvr(r), "orgnr": lambda: cf.no_orgnr(r),
        "order": lambda: cf.order_number(r), "cpr_shaped": p.cpr_shaped,
        "tracking": lambda: r.choice([_sscc(p), _s10(p)]),
        "masked": lambda: cf.masked_card(r, r.choice(["stars", "x", "bin"])),
        "ean": lambda: cf.ean13(r), "uuid": lambda: cf.uuid4(r),
        "mac": lambda: cf.mac(r, r.choice(":-"), p.chance(0.5)), "oid": lambda: cf.oid(r),
        "version": lambda: cf.version_run(r), "ua": lambda: cf.user_agent(r),
        "retina": lambda: cf.retina_filename(r), "ms_ts": lambda: cf.ms_timestamp(r),
        "iso": lambda: p.moment().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return {kind: _counted(p, kind, make) for kind, make in makers.items()}


def _counted(p: Planter, kind: str, make: Callable[[], str]) -> Callable[[], str]:
    return lambda: p.neg(kind, make())


def _sscc(p: Planter) -> str:
    return "00" + "".join(p.rng.choice("0123456789") for _ in range(18))


def _s10(p: Planter) -> str:
    return "RR" + "".join(p.rng.choice("0123456789") for _ in range(9)) + "DK"


def fill(template: str, p: Planter, where: str, fld: str | None) -> str:
    """``template`` with every placeholder replaced (identifiers recorded at where/fld)."""
    slots = _slots(p)

    def one(m: re.Match[str]) -> str:
        entity, make = slots[m.group(1)]
        value = make()
        return p.put(where, fld, entity, value) if entity else value

    return SLOT.sub(one, template)


def filler(p: Planter, cc: str = "DK") -> str:
    """A sentence with no digits and no identifiers."""
    return str(p.fake[cc].sentence(nb_words=10))
