"""The files of the demo estate: csv, tsv, json, jsonl, txt, log, log.gz, md and a binary file."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

from scanner.demo import FILES_DIR, Planter
from scanner.demo_text import SLOT, TEMPLATES, fill, filler, negative_makers
from scanner.synthetic import contact_financial as cf


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


def _csv(path: Path, header: list[str], rows: Sequence[Sequence[object]], delimiter: str = ","
         ) -> None:
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
    for _ in range(n):
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

    lines = [SLOT.sub(one, _LOG_TEMPLATES[i % len(_LOG_TEMPLATES)]) for i in range(n)]
    return "\n".join(lines) + "\n"


def _readme(p: Planter) -> str:
    neg = negative_makers(p)
    return (f"# Lagersystem {neg['version']()}\n\nBuild {neg['uuid']()}, EAN {neg['ean']()}, "
            f"pris 1.234,50 kr, opdateret {neg['iso']()}.\n\n![logo]({neg['retina']()})\n")


def _png(p: Planter) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(p.rng.randrange(256) for _ in range(512))
