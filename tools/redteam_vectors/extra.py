"""Second round: harder vectors (formats people write, labels that belong to other numbers)."""

from __future__ import annotations

import random

import phonenumbers
from stdnum import luhn

from common import M, N, v_cpr, v_ip, v_phone, v_phone_nat
from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nat


def _fmt(num, kind):
    return phonenumbers.format_number(num, kind)


def phone(rng):
    E = "PHONE_NUMBER"
    F = phonenumbers.PhoneNumberFormat
    # (+45) 12 34 56 78: the Danish habit of bracketing the country code
    v = cf.phone(rng, "DK", style="international")
    w = "(" + v[:3] + ")" + v[3:]
    M(E, "dk-bracketed-cc", f"Tlf. {w}", w[1:], verify=v_phone)
    for cc, sep in (("DK", "-"), ("DK", "."), ("NO", " ")):
        num = phonenumbers.parse(cf.phone(rng, cc, style="e164"))
        nsn = str(num.national_number)
        v = f"+{num.country_code}{sep}" + sep.join(nsn[i:i + 2] for i in range(0, len(nsn), 2))
        M(E, f"{cc.lower()}-pairs-sep-{'dot' if sep == '.' else 'dash' if sep == '-' else 'sp'}",
          f"Mobil: {v}", v, verify=v_phone)
    for cc in ("SE", "FI", "DE", "GB"):
        num = phonenumbers.parse(cf.phone(rng, cc, style="e164"))
        national = _fmt(num, F.NATIONAL)
        assert national.startswith("0")
        v = f"+{num.country_code} (0){national[1:]}"
        M(E, f"{cc.lower()}-plus-paren-zero", f"Tel. {v}", v, verify=lambda x: True)
    v = cf.phone(rng, "US", style="international")
    M(E, "us-parens-area", f"Phone: +1 ({v[3:6]}) {v[7:]}", f"+1 ({v[3:6]}) {v[7:]}",
      verify=v_phone)
    v = cf.phone(rng, "DK", style="e164")
    M(E, "tel-uri", f'<a href="tel:{v}">Ring</a>', v, verify=v_phone)
    v = cf.phone(rng, "NO", style="e164")
    M(E, "query-string", f"https://example.no/sms?to={v}&msg=hei", v, verify=v_phone)
    v = cf.phone(rng, "SE", style="e164")
    M(E, "logfmt-phone", f"level=info msg=otp phone={v} ok=true", v, verify=v_phone)
    v = cf.phone(rng, "DK", style="00")
    M(E, "dk-00-dashed", f"Telefon: {v.replace(' ', '-', 1)}", v.replace(" ", "-", 1),
      verify=lambda x: v_phone(x.replace("-", " ")))
    # national forms with more labels
    for cid, tpl, cc, style in (
        ("telefonnummer", "Telefonnummer: {v}", "DK", "national"),
        ("tlf-nr", "Tlf.nr.: {v}", "DK", "compact"),
        ("mob-abbrev", "Mob. {v}", "NO", "national"),
        ("mobilnummer-sv", "Mitt mobilnummer är {v}.", "SE", "national"),
        ("matkapuhelin", "matkapuhelin {v}", "FI", "national"),
        ("en-mobile", "Mobile: {v}", "NO", "compact"),
        ("direct-after", "Kontakt {v} (telefon)", "DK", "national"),
        ("second-on-line", "Telefon: 33 12 45 67 / {v}", "DK", "national"),
    ):
        v = cf.phone(rng, cc, style=style)
        M(E, cid, tpl.format(v=v), v, verify=v_phone_nat(cc))
    from stdnum import ean
    for cc in ("SE", "US"):
        while True:
            v = "00" + cf.phone(rng, cc, style="e164")[1:]
            if len(v) == 13 and ean.is_valid(v):
                break
        M(E, f"{cc.lower()}-00-compact-also-ean13-labelled", f"Tlf. {v}", v,
          verify=v_phone)
        N(E, f"{cc.lower()}-00-compact-ean13-unlabelled-barcode", f"Stregkode {v}", v)
    # --- negatives ---------------------------------------------------------------------------
    c = cf.cvr(rng)
    N(E, "cvr-before-phone", f"CVR {c} - tlf. 33 12 45 67", c)
    N(E, "se-nr", f"SE-nr. {cf.cvr(rng)}")
    N(E, "order-number-is", f"Dit ordrenummer er {cf.order_number(rng)}. Ring på telefon ved fejl.")
    N(E, "mobile-amount", "Mobilabonnement 12.345.678 kr")
    N(E, "tel-decimal", "Telefon 12345678,50 kr")
    for cc in ("DE", "GB"):
        num = phonenumbers.parse(cf.phone(rng, cc, style="e164"))
        national = _fmt(num, F.NATIONAL)
        head, _, tail = national.partition(" ")
        tail = tail.replace(" ", "")
        v = f"{head} {tail}"
        assert phonenumbers.is_valid_number(phonenumbers.parse(v, cc))
        N(E, f"{cc.lower()}-national-tail-not-alone", f"Tel. {v}", tail)
    v = nat.dk_cpr(rng, dashed=False)
    N(E, "cpr-json-next-to-phone", f'{{"telefon": "33124567", "cpr": "{v}"}}', v,
      other="DK_CPR")


def card(rng):
    E = "CREDIT_CARD"

    def visa():
        body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
        return body + luhn.calc_check_digit(body)

    d = visa()
    v = " ".join(d[i:i + 4] for i in range(0, 16, 4))
    M(E, "order-sentence-da", f"Ordren betales med {v}.", v, verify=lambda x: True)
    d = visa()
    M(E, "invoice-line-en", f"Invoice 2024-001: paid with {d}", d, verify=luhn.is_valid)
    d = visa()
    M(E, "order-then-card-da", f"Ordre 48213 betalt med {d}", d, verify=luhn.is_valid)
    d = visa()
    v = "-".join(d[i:i + 4] for i in range(0, 16, 4))
    M(E, "expiry-after", f"Kort: {v} 12/27", v, verify=lambda x: True)
    d = visa()
    M(E, "logfmt-pan", f"event=charge pan={d} amount=100", d, verify=luhn.is_valid)
    d = visa()
    M(E, "query-card", f"/pay?card={d}&cvc=123", d, verify=luhn.is_valid)
    # negatives
    d = visa()
    N(E, "ordrenr-label", f"Ordrenr. {d}", d)
    d = visa()
    N(E, "order-number-is", f"Your order number is {d}", d)
    from stdnum import ean

    def ean_luhn(prefix, n=13):
        while True:
            b = prefix + "".join(rng.choice("0123456789") for _ in range(n - 1 - len(prefix)))
            v = b + ean.calc_check_digit(b)
            if luhn.is_valid(v):
                return v
    N(E, "ean13-de-visa-shaped", f"Artikel;{ean_luhn('40')};Schokolade;1,99 EUR")
    N(E, "ean13-uk-maestro-shaped", f"barcode {ean_luhn('5020')}")
    N(E, "ean13-bare", ean_luhn("42"))
    v = ean_luhn("4")
    M(E, "visa13-also-ean-with-card-word", f"Visa-kort: {v}", v, verify=luhn.is_valid)
    N(E, "masked-last4", "Kort nr. ****1234")
    N(E, "masked-first6", "Kort 411111XXXXXX1111")


def ip(rng):
    E = "IP_ADDRESS"
    M(E, "order-from-ip", "Order from 10.0.0.5 accepted", "10.0.0.5", verify=v_ip)
    M(E, "logfmt", "level=warn msg=\"login failed\" remote_ip=192.0.2.33 user=jens",
      "192.0.2.33", verify=v_ip)
    M(E, "ip-in-brackets-syslog", "sshd[1234]: Failed password for root from 203.0.113.5 "
      "port 52211 ssh2", "203.0.113.5", verify=v_ip)
    M(E, "v6-in-json", '{"client_ip": "2001:db8:4:5::1f"}', "2001:db8:4:5::1f", verify=v_ip)
    N(E, "oid-labelled", "OID 2.5.4.3 (commonName)")
    N(E, "snmp-oid", "snmpget -v2c public 1.3.6.1.2.1.1.5.0")
    N(E, "v6-two-double-colons", "addr 2001:db8::1::2 is invalid")
    N(E, "firmware-version", "Firmware 1.0.0.12 installeret")
    N(E, "in-addr-arpa", "PTR 4.3.2.1.in-addr.arpa")


def ids(rng):
    E = "DK_CPR"
    from ids import cpr
    v = cpr(rng)
    M(E, "journal-then-name", f"Journal: Jens Hansen ({v})", v, verify=v_cpr)
    v = cpr(rng)
    M(E, "invoice-to-person", f"Faktura til Jens Hansen, cpr.nr. {v}", v, verify=v_cpr)
    v = cpr(rng, dashed=False)
    N(E, "fakturanummeret-er", f"Fakturanummeret er {v}", v)
    v = cpr(rng)
    N(E, "bilag-nr", f"Bilag nr. {v}", v)
    v = nat.dk_cpr(rng)
    M(E, "logfmt-cpr", f"level=info action=lookup cpr={v.replace('-', '')}", v.replace("-", ""),
      verify=v_cpr)


def vertical(rng):
    """Forms laid out vertically: the label alone on the line above its value."""
    v = cf.phone(rng, "DK", style="national")
    M("PHONE_NUMBER", "vertical-label-above", f"Navn:\nJens Hansen\nTelefon:\n{v}\n", v,
      verify=v_phone_nat("DK"))
    v = cf.phone(rng, "SE", style="compact")
    M("PHONE_NUMBER", "vertical-label-above-sv", f"Mobilnummer\n{v}", v,
      verify=v_phone_nat("SE"))
    c = cf.cvr(rng)
    N("PHONE_NUMBER", "vertical-value-under-other-value", f"Tlf. 33 12 45 67\n{c}", c)
    o = cf.order_number(rng)
    N("PHONE_NUMBER", "csv-header-last-column-tlf", f"id;navn;tlf\n{o};Jens Hansen;33124567", o)
    v = nat.dk_cpr(rng)
    N("DK_CPR", "vertical-bilagsnr-above", f"Bilagsnr.:\n{v}", v)
    v = nat.dk_cpr(rng, dashed=False)
    N("DK_CPR", "vertical-fakturanr-above", f"Fakturanr.\n{v}\nBeløb: 100 kr", v)
    v = nat.dk_cpr(rng)
    M("DK_CPR", "vertical-cpr-above", f"Navn: Jens Hansen\nCPR-nr.:\n{v}", v, verify=v_cpr)


def ua(rng):
    E = "IP_ADDRESS"
    N(E, "chrome-reduced-ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
      "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")
    N(E, "edge-reduced-ua", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
      "(KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36 Edg/121.0.0.0")
    M(E, "url-host", "GET http://192.168.1.1:8080/index.html HTTP/1.1", "192.168.1.1",
      verify=v_ip)
    M(E, "ua-then-ip", '198.51.100.7 "Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36"',
      "198.51.100.7", verify=v_ip)


def prefixes_and_collisions(rng):
    """Context words as prefixes (compounds, inflections) and DK/FI collisions."""
    from stdnum.dk import cpr as s_cpr
    from stdnum.fi import hetu as s_hetu

    from common import v_hetu
    v = cf.phone(rng, "DK", style="national")
    M("PHONE_NUMBER", "prefix-telefonnr", f"Telefonnr: {v}", v, verify=v_phone_nat("DK"))
    v = cf.phone(rng, "DK", style="compact")
    M("PHONE_NUMBER", "compound-arbejdstelefon", f"Arbejdstelefon {v}", v,
      verify=v_phone_nat("DK"))
    v = cf.phone(rng, "SE", style="national")
    M("PHONE_NUMBER", "compound-mobiltelefon-sv", f"Mobiltelefon: {v}", v,
      verify=v_phone_nat("SE"))
    d = cf.card(rng, "visa")
    M("CREDIT_CARD", "prefix-kortnummeret", f"Kortnummeret er {d}", d, verify=luhn.is_valid)
    for _ in range(100000):
        v = nat.dk_cpr(rng, mod11=True)
        if s_hetu.is_valid(v, allow_temporary=True):
            break
    assert s_cpr.is_valid(v.replace("-", ""))
    M("FI_HETU", "collision-dk-valid-hetu-label", f"Henkilötunnus: {v}", v, verify=v_hetu)
    M("DK_CPR", "collision-fi-valid-cpr-label", f"CPR-nr.: {v}", v, verify=v_cpr)


def leap_days(rng):
    """29 February for SE and NO: leap years count, 1900 and odd years do not."""
    import datetime as dt

    from stdnum.no import fodselsnummer as s_fnr

    from common import v_fnr, v_pnr
    v = nat.se_personnummer(rng, long_form=True, born=dt.date(2000, 2, 29))
    M("SE_PERSONNUMMER", "leap-29feb-2000-long", f"Personnummer: {v}", v, verify=v_pnr)
    v = nat.se_personnummer(rng, born=dt.date(1996, 2, 29))
    M("SE_PERSONNUMMER", "leap-29feb-1996", f"Mitt personnummer är {v}", v, verify=v_pnr)
    body = "19990229" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body[2:])
    N("SE_PERSONNUMMER", "non-leap-29feb-1999-long", f"Personnummer: {v[:8]}-{v[8:]}",
      f"{v[:8]}-{v[8:]}")
    v = nat.no_fodselsnummer(rng, born=dt.date(2000, 2, 29))
    M("NO_FODSELSNUMMER", "leap-29feb-2000", f"Fødselsnummer: {v}", v, verify=v_fnr)
    while True:  # individual number < 500 with YY 00: born 1900, no 29 February
        body = "290200" + f"{rng.randrange(0, 500):03d}"
        k1 = s_fnr.calc_check_digit1(body)
        k2 = s_fnr.calc_check_digit2(body + k1)
        if len(k1) == 1 and len(k2) == 1:
            break
    assert not v_fnr(body + k1 + k2)
    N("NO_FODSELSNUMMER", "non-leap-29feb-1900", f"Fødselsnummer: {body + k1 + k2}",
      body + k1 + k2)


def build():
    phone(random.Random(311))
    card(random.Random(312))
    ip(random.Random(313))
    ids(random.Random(314))
    vertical(random.Random(315))
    ua(random.Random(316))
    prefixes_and_collisions(random.Random(317))
    leap_days(random.Random(318))
