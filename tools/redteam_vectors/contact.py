"""Red-team vectors: phone, IBAN, card, e-mail, IP (generated; positives verified independently)."""

from __future__ import annotations

import random

import phonenumbers
from stdnum import ean, luhn
from stdnum import iban as s_iban

from common import M, N, v_email, v_ip, v_phone, v_phone_nat
from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nat


def phone(rng):
    E = "PHONE_NUMBER"
    # --- international, every required country, +CC and 00CC ----------------------------------
    templates = {
        "DK": ["Ring på {v} i morgen.", "Tlf.: {v}", "Mobil {v}"],
        "SE": ["Ring mig på {v}, tack!", "Telefon: {v}", "Mobilnr {v}"],
        "NO": ["Ring meg på {v}.", "Telefon {v}", "Mobil: {v}"],
        "FI": ["Soita numeroon {v}.", "Puh. {v}", "Matkapuhelin: {v}"],
        "DE": ["Rufen Sie {v} an.", "Tel.: {v}", "Handy {v}"],
        "GB": ["Call us on {v} today.", "Phone: {v}", "Mobile: {v}"],
        "US": ["Call {v} for support.", "phone: {v}", "Cell: {v}"],
    }
    for cc, tpls in templates.items():
        for i, style in enumerate(("international", "e164", "00")):
            v = cf.phone(rng, cc, style=style)
            M(E, f"{cc.lower()}-{style}", tpls[i].format(v=v), v, verify=v_phone)
        # bare + form, no keyword
        v = cf.phone(rng, cc, style="international")
        M(E, f"{cc.lower()}-plus-no-keyword", f"Kontakt: Jens Hansen, {v}", v, verify=v_phone)
    # --- national forms after a keyword (DK / SE / NO / FI) -------------------------------------
    nat_cases = [
        ("DK", "dk-tlf-grouped", "Tlf. {v}", "national"),
        ("DK", "dk-mobil-compact", "Mobil: {v}", "compact"),
        ("DK", "dk-telefon-sentence", "Du kan ringe på telefon {v} mellem 9 og 16.", "national"),
        ("SE", "se-telefon-dashed", "Telefon: {v}", "national"),
        ("SE", "se-mobilnr-compact", "Mobilnr {v}", "compact"),
        ("SE", "se-tel-sentence", "Nå mig på tel. {v} efter lunch.", "national"),
        ("NO", "no-mobil-grouped", "Mobil: {v}", "national"),
        ("NO", "no-telefon-compact", "Telefon {v}", "compact"),
        ("FI", "fi-puh", "Puh. {v}", "national"),
        ("FI", "fi-puhelin-compact", "Puhelin: {v}", "compact"),
    ]
    for cc, cid, tpl, style in nat_cases:
        v = cf.phone(rng, cc, style=style)
        M(E, cid, tpl.format(v=v), v, verify=v_phone_nat(cc))
    # fixed national forms from the issue text
    M(E, "issue-form-12-34-56-78", "Tlf. 32 14 56 78", "32 14 56 78", verify=v_phone_nat("DK"))
    M(E, "issue-form-070", "Mobil: 070-123 45 67", "070-123 45 67", verify=v_phone_nat("SE"))
    M(E, "issue-form-412", "Mobil 412 34 567", "412 34 567", verify=v_phone_nat("NO"))
    M(E, "en-phone-national-dk", "Phone: 33 12 45 67", "33 12 45 67", verify=v_phone_nat("DK"))
    # --- fields (column / key names) -------------------------------------------------------------
    for cc, field, style in (("DK", "telefon", "compact"), ("DK", "mobilnr", "compact"),
                             ("DK", "Tlf.", "national"), ("SE", "phone_number", "national"),
                             ("NO", "$.kontakt.telefon", "compact"), ("FI", "puhelin", "compact"),
                             ("DK", "customerPhone", "e164"), ("GB", "phone_number", "e164")):
        v = cf.phone(rng, cc, style=style)
        check = v_phone if v.startswith("+") else v_phone_nat(cc)
        M(E, f"field-{field.strip('$.').replace('.', '-').lower()}-{cc.lower()}", v, v,
          field=field, verify=check)
    # --- structured text -------------------------------------------------------------------------
    v = cf.phone(rng, "DK", style="international")
    M(E, "csv-line", f"Jens Hansen;{v};jens@example.dk", v, verify=v_phone)
    v = cf.phone(rng, "SE", style="e164")
    M(E, "json-phone-number", f'{{"name": "Anna", "phone_number": "{v}"}}', v, verify=v_phone)
    v = cf.phone(rng, "DK", style="national")
    M(E, "json-telefon-national", f'{{"navn": "Jens", "telefon": "{v}"}}', v,
      verify=v_phone_nat("DK"))
    v = cf.phone(rng, "NO", style="e164")
    M(E, "log-sms", f"2024-01-15T10:23:45Z INFO sms sent to={v} status=delivered", v,
      verify=v_phone)
    v = cf.phone(rng, "DK", style="international")
    w = cf.phone(rng, "DK", style="national")
    sig = f"Med venlig hilsen\nJens Hansen\nTlf.: {v}\nMobil: {w}\nCVR 44135647"
    M(E, "signature-intl", sig, v, verify=v_phone)
    M(E, "signature-national", sig, w, verify=v_phone_nat("DK"))
    v = cf.phone(rng, "DK", style="national")
    M(E, "form-dump", f"Navn: Jens Hansen\nTelefon: {v}\nPostnr: 2100", v,
      verify=v_phone_nat("DK"))
    v = cf.phone(rng, "DK", style="national")
    M(E, "label-beats-customer", f"Kunde Jens Hansen, tlf. {v}", v, verify=v_phone_nat("DK"))
    v = cf.phone(rng, "SE", style="national")
    M(E, "phone-then-orgnr", f"Telefon {v}, org.nr 556036-0793", v, verify=v_phone_nat("SE"))
    # --- hard negatives --------------------------------------------------------------------------
    c = cf.cvr(rng)
    N(E, "cvr-label", f"CVR {c}")
    N(E, "cvr-nr-after-phone", f"Tlf. 33 12 45 67, CVR-nr.: {c}", c)
    N(E, "cvr-field", c, field="cvr")
    N(E, "cvr-json", f'{{"cvr": "{c}", "navn": "Firma ApS"}}')
    o = cf.no_orgnr(rng)
    N(E, "no-orgnr-grouped", f"Org.nr. {o}")
    o2 = cf.no_orgnr(rng, grouped=False)
    N(E, "no-orgnr-compact", f"Organisasjonsnummer: {o2} MVA")
    N(E, "orgnr-field", o2, field="orgnr")
    on = cf.order_number(rng)
    N(E, "ordrenr", f"Ordrenr. {on}")
    N(E, "ordrenr-field", on, field="ordrenr")
    N(E, "fakturanr-field", cf.order_number(rng), field="fakturanr")
    N(E, "fakturanr-after-phone", f"Tlf. 33 12 45 67 - fakturanr. {on}", on)
    N(E, "tracking", f"Sporingsnummer: {cf.order_number(rng, 10)}")
    N(E, "longer-digit-run", f"Tlf. {cf.order_number(rng, 16)}")
    N(E, "gecko", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0")
    N(E, "chrome-ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36")
    N(E, "ean13", f"EAN {cf.ean13(rng)}")
    N(E, "ean13-upc-00", f"Stregkode: {cf.ean13(rng, '00')}")
    e13 = cf.ean13(rng, "57")
    assert ean.is_valid(e13)
    N(E, "ean13-field-phone-product", e13, field="barcode")
    N(E, "postcodes", "Adresse: Vesterbrogade 1, 1620 København V / Box 123, 114 55 Stockholm "
                      "/ 0150 Oslo / 00100 Helsinki")
    N(E, "amount-dk", "Telefonregning: 1.234.567,89 kr")
    N(E, "amount-spaced", "Beløb 12 345 678 kr. betalt via telefon")
    N(E, "date-iso", "Ring den 2024-01-15 kl. 10")
    N(E, "date-dotted", "Ring den 15.01.2024")
    N(E, "date-slash", "Telefonmøde 15/01/2024")
    N(E, "time-range", "Telefontid: 08.00-16.00")
    v = nat.dk_cpr(rng)
    N(E, "cpr-label", f"CPR-nr.: {v}", v, other="DK_CPR")
    v = nat.dk_cpr(rng, dashed=False)
    N(E, "cpr-field", v, v, field="cpr_nr", other="DK_CPR")
    N(E, "ipv6", "Server 2001:db8:85a3::8a2e:370:7334 svarer ikke (tlf. support)")
    N(E, "ms-timestamp", f"tel_ts={cf.ms_timestamp(rng)}")
    N(E, "plus-bad-cc", "Tlf. +999 1234 5678")
    N(E, "plus-too-short", "Tlf. +45 1234")
    N(E, "national-no-keyword", "Se side 32 14 56 78 i kataloget")
    N(E, "uuid", f"session {cf.uuid4(rng)}")
    N(E, "iban-groups", f"Telefonbank: {cf.iban(rng, 'DK', grouped=True)}")


IBAN_TEMPLATES = (
    ("compact-iban-label", "IBAN: {v}", {}),
    ("grouped-sentence", "Betal venligst til {v} inden fredag.", {"grouped": True}),
    ("lower-compact", "iban {v}", {"lower": True}),
    ("grouped-followed-by-word", "Kontonummer {v} tilhører Jens.", {"grouped": True}),
    ("compact-comma", "Överför beloppet till {v}, tack.", {}),
    ("grouped-parenthesis", "Tilinumero ({v})", {"grouped": True}),
    ("compact-json", '{{"iban": "{v}", "bic": "DABADKKK"}}', {}),
    ("grouped-period-end", "Please transfer to {v}.", {"grouped": True}),
    ("lower-grouped", "konto: {v} ok", {"grouped": True, "lower": True}),
    ("compact-csv", "Jens Hansen;{v};DKK", {}),
    ("compact-followed-by-word", "{v} er min konto", {}),
    ("grouped-newline", "Bankoplysninger:\n{v}\nReg. 1234", {"grouped": True}),
)


def iban(rng):
    E = "IBAN_CODE"
    countries = cf.IBAN_COUNTRIES
    for i, cc in enumerate(countries):
        tid, tpl, kw = IBAN_TEMPLATES[i % len(IBAN_TEMPLATES)]
        v = cf.iban(rng, cc, **kw)
        if kw.get("lower") and not kw.get("grouped"):
            pass
        M(E, f"{cc.lower()}-{tid}", tpl.format(v=v), v,
          verify=lambda x: s_iban.is_valid(x.replace(" ", "").upper()))
    for field in ("iban", "kontonummer", "$.betaling.iban", "IBAN-nummer"):
        v = cf.iban(rng, rng.choice(("DK", "SE", "NO", "FI")))
        M(E, f"field-{field.strip('$.').replace('.', '-').lower()}", v, v, field=field,
          verify=lambda x: s_iban.is_valid(x))
    # --- near misses ---------------------------------------------------------------------------
    for cc in ("DK", "SE", "NO", "FI", "DE", "GB", "NL", "FR"):
        grouped = cc in ("SE", "FI", "GB", "FR")
        v = cf.bad_iban(rng, cc, grouped=grouped)
        assert not s_iban.is_valid(v.replace(" ", ""))
        N(E, f"bad-mod97-{cc.lower()}", f"IBAN: {v}", v)
    good = cf.iban(rng, "DK")
    N(E, "dk-too-long", f"IBAN: {good}7")
    N(E, "dk-too-short", f"IBAN: {good[:-1]}", good[:-1])
    N(E, "unknown-country", "IBAN: XX82WEST12345698765432")
    for _ in range(1000):  # NO: mod 97 holds, the national mod-11 check digit fails
        v = cf.bad_iban(rng, "NO")
        fixed = v[:2] + s_iban.calc_check_digits(v[:2] + "00" + v[4:]) + v[4:]
        if s_iban.mod_97_10.is_valid(fixed[4:] + fixed[:4]) and not s_iban.is_valid(fixed):
            break
    N(E, "no-national-check-fails", f"IBAN: {fixed}", fixed)


def card(rng):
    E = "CREDIT_CARD"

    def luhn_from(prefix, n):
        body = prefix + "".join(rng.choice("0123456789") for _ in range(n - len(prefix) - 1))
        return body + luhn.calc_check_digit(body)

    def group(d, sizes, sep):
        out, pos = [], 0
        for s in sizes:
            out.append(d[pos:pos + s])
            pos += s
        return sep.join(out)

    specs = [
        ("visa-13", "4", 13, None), ("visa-16", "4", 16, (4, 4, 4, 4)),
        ("visa-19", "4", 19, (4, 4, 4, 4, 3)),
        ("mc-51", "51", 16, (4, 4, 4, 4)), ("mc-55", "55", 16, (4, 4, 4, 4)),
        ("mc-2221", "2221", 16, (4, 4, 4, 4)), ("mc-2720", "2720", 16, (4, 4, 4, 4)),
        ("mc-2500", "25", 16, (4, 4, 4, 4)),
        ("amex-34", "34", 15, (4, 6, 5)), ("amex-37", "37", 15, (4, 6, 5)),
        ("maestro-12", "6759", 12, (4, 4, 4)), ("maestro-13", "5018", 13, None),
        ("maestro-15", "5020", 15, None), ("maestro-16", "6304", 16, (4, 4, 4, 4)),
        ("maestro-18", "5038", 18, None), ("maestro-19", "6761", 19, (4, 4, 4, 4, 3)),
        ("discover-6011", "6011", 16, (4, 4, 4, 4)), ("discover-644", "644", 16, (4, 4, 4, 4)),
        ("discover-65", "65", 16, (4, 4, 4, 4)), ("discover-622126", "622126", 16, None),
        ("discover-19", "6011", 19, None),
        ("jcb-3528", "3528", 16, (4, 4, 4, 4)), ("jcb-3589", "3589", 16, (4, 4, 4, 4)),
        ("diners-36-14", "36", 14, (4, 6, 4)), ("diners-300-14", "300", 14, None),
        ("diners-38-16", "38", 16, (4, 4, 4, 4)),
        ("dankort", "5019", 16, (4, 4, 4, 4)),
    ]
    ctx = ["Kortnummer: {v}", "Betalt med kort {v} i går.", "Kreditkort {v}",
           "Korttinumero: {v}", "Card number: {v} exp 12/27", "kortnr. {v}",
           '{{"card_number": "{v}", "exp": "12/27"}}', "{v}", "Ordren betales med {v}.",
           "Kortet {v} är spärrat.", "Visa {v}", "Maksukortti {v}"]
    for i, (fid, prefix, n, sizes) in enumerate(specs):
        d = luhn_from(prefix, n)
        forms = [("compact", d)]
        if sizes:
            forms += [("spaced", group(d, sizes, " ")), ("dashed", group(d, sizes, "-"))]
        for j, (form, v) in enumerate(forms):
            tpl = ctx[(i + j) % len(ctx)]
            M(E, f"{fid}-{form}", tpl.format(v=v), v,
              verify=lambda x: luhn.is_valid(x.replace(" ", "").replace("-", "")))
    for field in ("kortnummer", "card_number", "$.payment.cardNumber", "kreditkort"):
        d = luhn_from("4", 16)
        M(E, f"field-{field.strip('$.').replace('.', '-').lower()}", d, d, field=field,
          verify=luhn.is_valid)
    d = luhn_from("5", 16)
    while not "51" <= d[:2] <= "55":
        d = luhn_from("5", 16)
    v = group(d, (4, 4, 4, 4), " ")
    M(E, "csv-line", f"Jens Hansen;{v};12/27", v)
    M(E, "log-line", f"2024-01-15 10:23:45 WARN payment failed pan={d} code=05", d)
    # --- negatives -------------------------------------------------------------------------------
    for brand in ("visa", "mastercard", "amex", "diners"):
        v = cf.bad_luhn_card(rng, brand, sep=" ")
        N(E, f"bad-luhn-{brand}", f"Kortnummer: {v}", v)
    for style in ("stars", "x", "six-four"):
        N(E, f"masked-{style}", f"Kort: {cf.masked_card(rng, style)}")
    N(E, "masked-dashed", "Card: XXXX-XXXX-XXXX-4242")
    N(E, "ms-timestamp", f'{{"ts": {cf.ms_timestamp(rng)}, "card": null}}')
    N(E, "ms-timestamp-2033plus", "created 2100000000000 ok")
    for _ in range(5000):  # an IBAN whose digit groups contain a valid card
        v = cf.iban(rng, "DE", grouped=True)
        groups = v.split(" ")
        inner = "".join(groups[1:5])
        from recognizers.credit_card import is_valid_card
        if inner[0] in "23456" and luhn.is_valid(inner) and is_valid_card(inner):
            break
    N(E, "inside-iban-grouped", f"IBAN: {v}")
    N(E, "inside-iban-compact", f"IBAN {v.replace(' ', '')}")
    d = luhn_from("4", 16)
    N(E, "inside-longer-number", f"Ref 9{d}2")
    N(E, "imei-15-luhn", f"IMEI: {luhn_from('35', 15)}")
    N(E, "visa-17-luhn", f"Kort {luhn_from('4', 17)}")
    N(E, "mc-15-luhn", f"Kort {luhn_from('52', 15)}")
    N(E, "unknown-iin-9", f"Kort {luhn_from('9', 16)}")
    N(E, "tracking-sscc", f"Tracking: 00{luhn_from('3', 16)}")
    N(E, "uuid", f"id={cf.uuid4(rng)}")


def email(rng):
    E = "EMAIL_ADDRESS"
    pos = [
        ("plain-da", "Skriv til {v} for info.", "jens.hansen@firma.dk"),
        ("plus-addressing", "Tilmeldt med {v}", "anna+nyhedsbrev@example.se"),
        ("subdomain", "Kontakt: {v}", "kari.nordmann@mail.kommune.no"),
        ("deep-subdomain", "email {v}", "support@eu.mail.example.co.uk"),
        ("upper-case", "E-MAIL: {v}", "JENS.HANSEN@FIRMA.DK"),
        ("mixed-case", "E-post: {v}", "Anna.Svensson@Example.SE"),
        ("from-header", 'From: "Jens Hansen" <{v}>', "jens@example.dk"),
        ("to-header-list", "To: {v}, kari@example.no", "anna@example.se"),
        ("cc-header", "Cc: Maija <{v}>; other@example.fi", "maija.meikalainen@example.fi"),
        ("reply-to", "Reply-To: {v}", "no-reply@service.example.com"),
        ("period-end", "Send it to {v}.", "mikko@example.fi"),
        ("comma-after", "Adresser: {v}, b@c.dk", "a1@example.dk"),
        ("question-mark", "Er det {v}?", "per_hansen@example.dk"),
        ("exclamation", "Skriv til {v}!", "kundeservice@butik.dk"),
        ("parentheses", "Jens Hansen ({v})", "jh@example.dk"),
        ("semicolon", "{v};Jens;Hansen", "jens.h@example.dk"),
        ("colon-after", "{v}: bounced", "bounce@example.net"),
        ("mailto", '<a href="mailto:{v}">Skriv</a>', "info@example.dk"),
        ("mailto-query", "mailto:{v}?subject=Hej", "info@example.no"),
        ("json", '{{"email": "{v}", "navn": "Jens"}}', "jens@example.dk"),
        ("csv", "Jens;Hansen;{v};12345678", "jens.hansen@example.dk"),
        ("log-user", "2024-01-15 10:23:45 INFO login ok user={v} ip=10.0.0.5",
         "kari@example.no"),
        ("sv-sentence", "Min e-postadress är {v}.", "anna.svensson@example.se"),
        ("no-sentence", "E-posten min er {v}", "ola.nordmann@example.no"),
        ("fi-sentence", "Sähköposti: {v}", "matti.meikalainen@example.fi"),
        ("en-sentence", "You can reach me at {v} any time.", "john.smith@example.com"),
        ("hyphen-domain", "Mail: {v}", "info@mit-firma.dk"),
        ("digits-local", "{v}", "user2024@example.dk"),
        ("gtld", "Contact {v}", "hello@studio.design"),
        ("punycode", "Mail {v}", "info@xn--bcher-kva.dk"),
        ("single-letter-domain", "To: {v}", "a@b.se"),
        ("quoted", "email='{v}'", "jens@example.dk"),
        ("angle-brackets", "<{v}>", "anna@example.se"),
        ("underscore-dash", "{v}", "first_last-1@example.org"),
    ]
    for cid, tpl, v in pos:
        M(E, cid, tpl.format(v=v), v, verify=v_email)
    for field in ("email", "e-post", "sähköposti", "$.kunde.kontakt.email", "mail_address"):
        v = cf.email(rng)
        M(E, f"field-{field.strip('$.').replace('.', '-')}", v, v, field=field, verify=v_email)
    for i in range(4):
        v = cf.email(rng)
        M(E, f"generated-{i}", f"Afsender: {v}", v, verify=v_email)
    # --- negatives -------------------------------------------------------------------------------
    for i in range(3):
        N(E, f"retina-{i}", f'<img src="/img/{cf.retina_filename(rng)}">')
    N(E, "retina-3x-srcset", "srcset=\"logo@3x.webp 3x, logo@2x.webp 2x\"")
    N(E, "handle", "Følg os på @firmadk og @jens_hansen")
    N(E, "localhost", "user@localhost")
    N(E, "no-tld", "jens@firma")
    N(E, "fake-tld", "jens@firma.invalidtld")
    N(E, "version-pin", "pip install requests@2.31.0 node@18.17.1")
    N(E, "no-local", "@example.dk")
    N(E, "no-domain", "skriv til jens@ i morgen")


def ip(rng):
    E = "IP_ADDRESS"
    pos = [
        ("private-10", "Login fra {v}", "10.20.30.40"),
        ("private-172", "client_ip={v}", "172.16.254.1"),
        ("private-172-31", "host {v} svarer ikke", "172.31.0.9"),
        ("private-192", "IP-adresse: {v}", "192.168.1.20"),
        ("loopback", "listening on {v}:8080", "127.0.0.1"),
        ("public", "Forbindelse fra {v} afvist", "203.0.113.7"),
        ("octet-255", "gw {v}", "10.255.255.254"),
        ("apache-log", '{v} - - [15/Jan/2024:10:23:45 +0100] "GET / HTTP/1.1" 200 512',
         "198.51.100.23"),
        ("xff", "X-Forwarded-For: {v}, 10.0.0.1", "198.51.100.42"),
        ("received-header", "Received: from mail.example.dk ([{v}]) by mx", "192.0.2.44"),
        ("json", '{{"ip_address": "{v}", "user": "jens"}}', "192.168.100.5"),
        ("csv", "2024-01-15;jens;{v};ok", "10.1.2.3"),
        ("sv-sentence", "Inloggad från IP-adress {v} i går.", "192.0.2.10"),
        ("fi-sentence", "IP-osoite: {v}", "192.0.2.11"),
        ("no-sentence", "Pålogging fra {v}.", "192.0.2.12"),
        ("port", "connect {v}:443 ok", "203.0.113.99"),
        ("v6-full", "Klient {v}", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
        ("v6-unpadded", "src={v}", "2001:db8:0:0:0:ff00:42:8329"),
        ("v6-compressed", "IPv6: {v}", "2001:db8::ff00:42:8329"),
        ("v6-loopback", "bind {v} port 80", "::1"),
        ("v6-link-local", "gateway fe80::1 via eth0", "fe80::1"),
        ("v6-link-local-long", "peer {v}", "fe80::1ff:fe23:4567:890a"),
        ("v6-zone", "ping fe80::1%eth0", "fe80::1"),
        ("v6-mapped", "remote_addr={v}", "::ffff:192.0.2.128"),
        ("v6-brackets-port", "https://[{v}]:8443/login", "2001:db8::1"),
        ("v6-upper", "Adresse {v}", "2001:DB8:AC10:FE01::5"),
        ("v6-trailing-compress", "dst {v}", "2001:db8:1::"),
        ("v6-global", "login from {v}", "2a02:6b8::2:242"),
    ]
    for cid, tpl, v in pos:
        M(E, cid, tpl.format(v=v), v, verify=v_ip)
    for field in ("ip", "client_ip", "ip_address", "remote_addr", "$.request.clientIp"):
        v = cf.ipv4(rng, private=rng.random() < 0.5)
        M(E, f"field-{field.strip('$.').replace('.', '-').lower()}", v, v, field=field,
          verify=v_ip)
    for form in ("full", "unpadded", "compressed", "upper", "mapped"):
        v = cf.ipv6(rng, form)
        M(E, f"generated-v6-{form}", f"Client address {v} blocked", v, verify=v_ip)
    # --- negatives -------------------------------------------------------------------------------
    N(E, "oid-microsoft", "OID 1.3.6.1.4.1.311")
    N(E, "oid-generated", f"objectIdentifier: {cf.oid(rng)}")
    N(E, "octet-999", "host 999.10.1.1")
    N(E, "octet-256", "IP 256.1.1.1")
    N(E, "mac-colon", f"MAC {cf.mac(rng)}")
    N(E, "mac-dash", f"hw {cf.mac(rng, '-', True)}")
    N(E, "mac-cisco", "mac 001a.2b3c.4d5e")
    N(E, "time", "kl. 12:30:45")
    N(E, "time-ms", "10:23:45.123 INFO start")
    N(E, "version-run", f"version {cf.version_run(rng)}")
    N(E, "version-5-part", "build 1.2.3.4.5 released")
    N(E, "chrome-version", "Chrome/120.0.6099.109 Safari/537.36")
    N(E, "windows-build", "Windows 10.0.19045.3803")
    N(E, "dates", "2024-01-15, 15.01.2024, 15/01/2024")
    N(E, "amount", "1.234.567,89 kr")
    N(E, "uuid", f"id {cf.uuid4(rng)}")
    N(E, "double-colon-alone", "std::vector<int> a; b :: c")
    N(E, "leading-zero-octet", "IP 010.001.002.003")
    N(E, "eui64", "EUI-64 02:1a:2b:ff:fe:3c:4d:5e")


def build():
    phone(random.Random(309))
    iban(random.Random(305))
    card(random.Random(306))
    email(random.Random(307))
    ip(random.Random(308))
