"""The files of the demo estate: csv, tsv, json, jsonl, txt, log, log.gz, md and a binary file.

Free text is made from one-line templates: ``{cpr}`` becomes a planted CPR number, ``{cvr}`` a
hard negative, ``{name_dk}`` a Faker name. Each identifier sits on its own line next to its own
label, as people write them; filler lines (Faker sentences, no digits) separate the templates.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from scanner.demo import FILES_DIR, Planter
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

_SLOT = re.compile(r"\{(\w+)\}")


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

    return _SLOT.sub(one, template)


def filler(p: Planter, cc: str = "DK") -> str:
    """A sentence with no digits and no identifiers."""
    return str(p.fake[cc].sentence(nb_words=10))


def write_files(root: Path, p: Planter, rows: int) -> None:
    """Write every demo file under ``root`` (the estate's ``files/`` folder)."""
    for sub in ("crm", "hr", "web", "support", "misc"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    _kunder_dk(root, p, rows)
    _kunder_se(root, p, rows)
    _leads_tsv(root, p, rows // 2)
    _ansatte_json(root, p, rows)
    _henkilot_jsonl(root, p, rows)
    _notes(root, p, rows * 2)
    _tickets(root, p, rows)
    (root / "web" / "access.log").write_text(_log_lines(p, "web/access.log", rows * 3), "utf-8")
    text = _log_lines(p, "web/access-2024-04.log.gz", rows * 2)
    (root / "web" / "access-2024-04.log.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    (root / "misc" / "README.md").write_text(_readme(p), "utf-8")
    (root / "misc" / "logo.png").write_bytes(_png(p))


def _rel(name: str) -> str:
    return f"{FILES_DIR}/{name}"


def _csv(path: Path, header: list[str], rows: list[list[object]], delimiter: str = ",") -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), "utf-8")


def _kunder_dk(root: Path, p: Planter, n: int) -> None:
    where, neg = _rel("crm/kunder_dk.csv"), negative_makers(p)
    rows = []
    for i in range(n):
        phone = p.phone("DK") if p.chance(0.6) else cf.phone(p.rng, "DK", style="compact")
        order = neg["cpr_shaped"]() if i % 3 == 0 else neg["order"]()
        rows.append([
            f"K{100000 + i}", p.name("DK"), p.put(where, "cpr", "DK_CPR", p.national_id("DK")[1]),
            p.put(where, "email", "EMAIL_ADDRESS", p.email()),
            p.put(where, "telefon", "PHONE_NUMBER", phone),
            p.put(where, "iban", "IBAN_CODE", p.iban("DK")),
            p.fake["DK"].address().replace("\n", ", "), neg["cvr"](), order, neg["iso"](),
        ])
    header = ["kunde_id", "navn", "cpr", "email", "telefon", "iban", "adresse", "cvr", "ordrenr",
              "oprettet"]
    _csv(root / "crm" / "kunder_dk.csv", header, rows)


def _kunder_se(root: Path, p: Planter, n: int) -> None:
    where, neg = _rel("crm/kunder_se.csv"), negative_makers(p)
    rows = []
    for i in range(n):
        rows.append([
            p.name("SE"), p.put(where, "personnummer", "SE_PERSONNUMMER", p.national_id("SE")[1]),
            p.put(where, "epost", "EMAIL_ADDRESS", p.email("SE")),
            p.put(where, "mobil", "PHONE_NUMBER", p.phone("SE")),
            p.neg("postcode", f"{p.rng.randrange(100, 999)} {p.rng.randrange(10, 99)}"),
            neg["order"](), p.moment().date().isoformat(),
        ])
    header = ["namn", "personnummer", "epost", "mobil", "postnummer", "kundnummer", "registrerad"]
    _csv(root / "crm" / "kunder_se.csv", header, rows, delimiter=";")


def _leads_tsv(root: Path, p: Planter, n: int) -> None:
    where = _rel("crm/leads.tsv")
    rows = [[p.name("NO"), p.put(where, "epost", "EMAIL_ADDRESS", p.email("NO")),
             p.put(where, "telefon", "PHONE_NUMBER", p.phone("NO")), filler(p, "NO")]
            for _ in range(n)]
    _csv(root / "crm" / "leads.tsv", ["navn", "epost", "telefon", "notat"], rows, "\t")


def _ansatte_json(root: Path, p: Planter, n: int) -> None:
    where, base = _rel("hr/ansatte_no.json"), "$.ansatte[*]"
    staff = []
    for i in range(n):
        mobil: object = p.phone("NO")
        if p.chance(0.2):
            mobil = int(cf.phone(p.rng, "NO", style="compact"))
        p.put(where, f"{base}.kontakt.mobil", "PHONE_NUMBER", str(mobil))
        staff.append({
            "navn": p.name("NO"),
            "fodselsnummer": p.put(where, f"{base}.fodselsnummer", "NO_FODSELSNUMMER",
                                   p.national_id("NO")[1]),
            "kontakt": {"epost": p.put(where, f"{base}.kontakt.epost", "EMAIL_ADDRESS",
                                       p.email("NO")), "mobil": mobil},
            "iban": p.put(where, f"{base}.iban", "IBAN_CODE", p.iban("NO")),
            "ansatt_dato": p.moment().date().isoformat(), "ansattnr": 1000 + i,
        })
    doc = {"firma": {"navn": p.fake["NO"].company(), "orgnr": negative_makers(p)["orgnr"]()},
           "ansatte": staff}
    (root / "hr" / "ansatte_no.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2),
                                                 "utf-8")


def _henkilot_jsonl(root: Path, p: Planter, n: int) -> None:
    where, neg = _rel("hr/henkilot_fi.jsonl"), negative_makers(p)
    lines = []
    for _ in range(n):
        record = {
            "nimi": p.name("FI"),
            "henkilotunnus": p.put(where, "$.henkilotunnus", "FI_HETU", p.national_id("FI")[1]),
            "yhteys": {"sahkoposti": p.put(where, "$.yhteys.sahkoposti", "EMAIL_ADDRESS",
                                           p.email("FI")),
                       "puhelin": p.put(where, "$.yhteys.puhelin", "PHONE_NUMBER",
                                        p.phone("FI", False))},
            "iban": p.put(where, "$.iban", "IBAN_CODE", p.iban("FI")),
            "luotu": int(neg["ms_ts"]()), "id": neg["uuid"](),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    (root / "hr" / "henkilot_fi.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def _notes(root: Path, p: Planter, n: int) -> None:
    where = _rel("support/notes.txt")
    lines = []
    for i in range(n):
        lines.append(fill(TEMPLATES[i % len(TEMPLATES)], p, where, None))
        if i % 3 == 0:
            lines.append(filler(p))
    (root / "support" / "notes.txt").write_text("\n".join(lines) + "\n", "utf-8")


def _tickets(root: Path, p: Planter, n: int) -> None:
    where, neg = _rel("support/tickets.json"), negative_makers(p)
    tickets = [{
        "id": f"T-{1000 + i}",
        "fra": p.put(where, "$.tickets[*].fra", "EMAIL_ADDRESS", p.email()),
        "tekst": fill(TEMPLATES[(i * 7) % len(TEMPLATES)], p, where, "$.tickets[*].tekst"),
        "oprettet": neg["iso"](),
    } for i in range(n)]
    (root / "support" / "tickets.json").write_text(
        json.dumps({"tickets": tickets}, ensure_ascii=False, indent=1), "utf-8")


_LOG_TEMPLATES = (
    '{iso} {ip4} - - "GET /shop/item HTTP/1.1" 200 5120 "{ua}" req={uuid} user={email}',
    "{iso} WARN auth failed from {ip6} session={uuid}",
    "{iso} INFO dhcp lease mac={mac} ip={ip4}",
    "{iso} DEBUG snmp oid={oid} value={version}",
    '{iso} {ip4} - - "GET /static/{retina} HTTP/1.1" 304 0 "-"',
    "{iso} INFO job done ts={ms_ts}",
)


def _log_lines(p: Planter, name: str, n: int) -> str:
    where, neg = _rel(name), negative_makers(p)

    def one(m: re.Match[str]) -> str:
        slot = m.group(1)
        if slot == "ip4":
            return p.put(where, None, "IP_ADDRESS", cf.ipv4(p.rng, private=p.chance(0.5)))
        if slot == "ip6":
            form = p.rng.choice(["compressed", "full", "unpadded", "upper"])
            return p.put(where, None, "IP_ADDRESS", cf.ipv6(p.rng, form))
        if slot == "email":
            return p.put(where, None, "EMAIL_ADDRESS", p.email())
        return neg[slot]()

    lines = [_SLOT.sub(one, _LOG_TEMPLATES[i % len(_LOG_TEMPLATES)]) for i in range(n)]
    return "\n".join(lines) + "\n"


def _readme(p: Planter) -> str:
    neg = negative_makers(p)
    return (f"# Lagersystem {neg['version']()}\n\nBuild {neg['uuid']()}, EAN {neg['ean']()}, "
            f"pris 1.234,50 kr, opdateret {neg['iso']()}.\n\n![logo]({neg['retina']()})\n")


def _png(p: Planter) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(p.rng.randrange(256) for _ in range(512))
