"""Red-team vectors for the four national IDs (generated; positives verified with stdnum)."""

from __future__ import annotations

import datetime as dt
import random

from stdnum import luhn
from stdnum.dk import cpr as s_cpr
from stdnum.fi import hetu as s_hetu
from stdnum.no import kontonr as s_kontonr
from stdnum.se import personnummer as s_pnr

from common import M, N, v_cpr, v_fnr, v_hetu, v_pnr
from scanner.synthetic import national_ids as nat

D = dt.date
ALPH = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def se_reading(digits10: str) -> bool:
    """Would the ten digits also be a valid Swedish number (Luhn + date)?"""
    if not luhn.is_valid(digits10):
        return False
    for sep in "-+":
        try:
            if s_pnr.is_valid(digits10[:6] + sep + digits10[6:]):
                return True
        except Exception:
            pass
    day = int(digits10[4:6])
    return day > 60 and s_pnr.is_valid(digits10[:4] + f"{day - 60:02d}-" + digits10[6:])


def fi_reading(dashed: str) -> bool:
    return s_hetu.is_valid(dashed, allow_temporary=True)


def cpr(rng, *, mod11=True, dashed=True, born=None, pure=True):
    """A CPR; ``pure``: neither a valid SE reading nor (dashed) a valid HETU reading."""
    for _ in range(10000):
        v = nat.dk_cpr(rng, mod11=mod11, dashed=True, born=born)
        d = v.replace("-", "")
        if pure and (se_reading(d) or fi_reading(v)):
            continue
        return v if dashed else d
    raise RuntimeError


def cpr_digits(rng, born: dt.date, seventh: str, mod11=None):
    """A CPR with a chosen 7th digit (century rule tests); mod11 None = don't care."""
    for _ in range(10000):
        d = born.strftime("%d%m%y") + seventh + f"{rng.randrange(1000):03d}"
        if mod11 is not None and (s_cpr.checksum(d) == 0) != mod11:
            continue
        if se_reading(d) or fi_reading(d[:6] + "-" + d[6:]):
            continue
        return d
    raise RuntimeError


def dk(rng):
    E = "DK_CPR"
    # --- sentences in five languages -----------------------------------------------------
    v = cpr(rng)
    M(E, "da-sentence-mod11", f"Mit CPR-nummer er {v}, og jeg bor i Odense.", v, verify=v_cpr)
    v = cpr(rng, mod11=False)
    M(E, "da-sentence-no-mod11", f"Borgerens cpr.nr. er {v} ifølge kommunen.", v, verify=v_cpr)
    v = cpr(rng, dashed=False)
    M(E, "da-compact-cpr-colon", f"CPR: {v}", v, verify=v_cpr)
    v = cpr(rng, mod11=False, dashed=False)
    M(E, "da-compact-no-mod11-personnummeret",
      f"Personnummeret {v} er registreret i CPR.", v, verify=v_cpr)
    v = cpr(rng)
    M(E, "sv-text-danish-cpr", f"Hans danska CPR-nummer är {v}.", v, verify=v_cpr)
    v = cpr(rng)
    M(E, "no-text-danish-cpr", f"Hennes danske CPR-nummer er {v}, ikke et fødselsnummer.", v,
      verify=v_cpr)
    v = cpr(rng)
    M(E, "fi-text-danish-cpr", f"Tanskalainen CPR-numero: {v}", v, verify=v_cpr)
    v = cpr(rng, mod11=False)
    M(E, "en-sentence", f"Please confirm the Danish CPR number {v} before Friday.", v,
      verify=v_cpr)
    # --- structured text ---------------------------------------------------------------------
    v = cpr(rng, dashed=False)
    M(E, "csv-header-line", f"navn;cpr_nr;postnr\nJens Hansen;{v};8000", v, verify=v_cpr)
    v = cpr(rng)
    M(E, "json-snippet", f'{{"navn": "Mette Jensen", "cpr": "{v}", "by": "Aalborg"}}', v,
      verify=v_cpr)
    v = cpr(rng, dashed=False, mod11=False)
    M(E, "log-line", f"2024-01-15 10:23:45 INFO opslag cpr={v} bruger=sagsbeh7", v,
      verify=v_cpr)
    v = cpr(rng)
    M(E, "mail-body", "From: borger@example.dk\nSubject: Ansøgning\n\nHej, mit cpr er "
      f"{v}.\nMvh Jens", v, verify=v_cpr)
    v = cpr(rng)
    M(E, "form-dump", f"Navn: Jens Hansen\nCPR-nummer: {v}\nAdresse: Vestergade 1, 8000 Aarhus C",
      v, verify=v_cpr)
    v = cpr(rng)
    M(E, "parenthesised-cpr", f"Patient (CPR {v}) indlagt", v, verify=v_cpr)
    # --- field as context ----------------------------------------------------------------------
    for fid, field, dashed in (("cpr-nr", "cpr_nr", False), ("CPR-nummer", "CPR-nummer", True),
                               ("cprnummer-json", "$.borger.cprNummer", False),
                               ("personnr-mod11", "personnr", True)):
        v = cpr(rng, dashed=dashed, mod11=True)
        M(E, f"field-{fid}", v, v, field=field, verify=v_cpr)
    v = cpr(rng, dashed=False, mod11=False)
    M(E, "field-cpr-no-mod11", v, v, field="CPR", verify=v_cpr)
    # --- century rule (7th digit) --------------------------------------------------------------
    for fid, born, seventh in (
        ("7th-0-1900s", D(1962, 3, 14), "0"), ("7th-3-1900s", D(1907, 8, 2), "3"),
        ("7th-4-2000s", D(2015, 6, 30), "4"), ("7th-4-1900s", D(1953, 11, 11), "4"),
        ("7th-9-2000s", D(2021, 1, 5), "9"), ("7th-9-1900s", D(1999, 12, 24), "9"),
        ("7th-5-2000s", D(2008, 2, 17), "5"), ("7th-8-2000s", D(2019, 10, 1), "8"),
        ("7th-6-1800s", D(1887, 4, 9), "6"), ("7th-7-1800s", D(1858, 9, 21), "7"),
    ):
        d = cpr_digits(rng, born, seventh)
        v = d[:6] + "-" + d[6:]
        assert s_cpr.get_birth_date(d) == born, fid
        M(E, f"century-{fid}", f"CPR-nr. {v}", v, verify=v_cpr)
    # --- 29 February ---------------------------------------------------------------------------
    for fid, born, seventh in (("1996", D(1996, 2, 29), "1"), ("2000", D(2000, 2, 29), "4"),
                               ("2004", D(2004, 2, 29), "9"), ("1888", D(1888, 2, 29), "5")):
        d = cpr_digits(rng, born, seventh)
        M(E, f"leap-29feb-{fid}", f"CPR: {d}", d, verify=v_cpr)
    # 29-02-00 with 7th digit 0-3 is 1900, not a leap year.
    for fid, yy, seventh in (("1900", 0, "2"), ("1997", 97, "0"), ("2023", 23, "4"),
                             ("1800s-1899", 99, "5")):
        d = f"2902{yy:02d}{seventh}{rng.randrange(1000):03d}"
        assert not v_cpr(d)
        N(E, f"non-leap-29feb-{fid}", f"CPR: {d[:6]}-{d[6:]}", f"{d[:6]}-{d[6:]}")
    # --- impossible dates and the future -------------------------------------------------------
    for i, (dm, yy) in enumerate((("3204", 85), ("3104", 71), ("0013", 90), ("0003", 64),
                                 ("1500", 77), ("3109", 58))):
        d = f"{dm}{yy:02d}{rng.choice('0123')}{rng.randrange(1000):03d}"
        assert not v_cpr(d)
        N(E, f"impossible-date-{i}", f"CPR-nummer: {d}", d)
    for fid, yy, seventh in (("2036-7th-4", 36, "4"), ("2036-7th-9", 36, "9"),
                             ("2040-7th-5", 40, "5"), ("2057-7th-8", 57, "8")):
        d = f"3112{yy:02d}{seventh}{rng.randrange(1000):03d}"
        assert not v_cpr(d)
        N(E, f"future-{fid}", f"CPR: {d[:6]}-{d[6:]}", f"{d[:6]}-{d[6:]}")
    # --- non-CPR labels (other numbers) --------------------------------------------------------
    for fid, text in (("bilagsnr", "Bilagsnr. {v}"), ("journalnr", "Journalnr.: {v}"),
                      ("fakturanr", "Fakturanr. {v}"), ("ordrenr", "Ordrenr: {v}"),
                      ("sv-fakturanummer", "Fakturanummer {v}"),
                      ("no-fakturanr", "Fakturanr {v} forfaller 15.02."),
                      ("fi-laskun-numero", "Laskun numero: {v}"),
                      ("en-invoice-no", "Invoice no. {v}"), ("en-order", "Order #{v} shipped"),
                      ("sagsnr", "Sagsnr. {v} vedr. byggetilladelse")):
        v = cpr(rng, dashed=rng.random() < 0.5)
        N(E, f"label-{fid}", text.format(v=v), v)
    for fid, field in (("ordrenr", "ordrenr"), ("fakturanr", "fakturanr"),
                       ("json-ordre", "$.ordrer[*].ordrenr")):
        v = cpr(rng, dashed=False)
        N(E, f"field-{fid}", v, v, field=field)
    # --- unix timestamps: a 10-digit epoch is CPR-shaped; a valid date makes it one unless a
    # timestamp label says otherwise (the rule: CPR-shaped numbers in non-CPR context are not).
    for fid, text, field in (("json-ts", '{{"ts": {v}, "level": "info"}}', None),
                             ("json-timestamp", '{{"timestamp": {v}}}', None),
                             ("log-created", "created={v} user=jens", None),
                             ("field-created_at", "{v}", "created_at"),
                             ("field-epoch", "{v}", "epoch")):
        v = str(rng.randrange(1_700_000_000, 1_712_999_999))
        while not s_cpr.is_valid(v):
            v = str(rng.randrange(1_700_000_000, 1_712_999_999))
        N(E, f"unix-ts-{fid}", text.format(v=v), v, field=field)
    v = "1735689600"  # 2025-01-01T00:00:00Z: month 35, no date
    N(E, "unix-ts-no-date", f"1 {v} INFO started", v)
    ms = str(rng.randrange(1_700_000_000_000, 1_712_999_999_999))
    N(E, "ms-timestamp-13-digits", f'{{"ts": {ms}}}')
    N(E, "ms-timestamp-bare", f"event at {ms} ok")
    # --- inside longer runs --------------------------------------------------------------------
    v = cpr(rng, dashed=False)
    N(E, "inside-longer-number", f"Ref 99{v}17", v)
    v = cpr(rng)
    N(E, "prefixed-letters", f"ID: AB{v}", v)
    v = cpr(rng)
    N(E, "phone-label-not-cpr", f"Tlf. {v.replace('-', '')}", v.replace("-", ""))
    # --- collisions ----------------------------------------------------------------------------
    # Valid both as a CPR (with mod 11) and as a Swedish compact number: CPR context decides.
    for _ in range(20000):
        v = nat.dk_cpr(rng, mod11=True, dashed=True)
        if se_reading(v.replace("-", "")):
            break
    M(E, "collision-se-valid-cpr-label", f"CPR-nr.: {v}", v, verify=v_cpr)
    N(E, "collision-se-valid-swedish-label", f"Mitt personnummer är {v}, hälsningar Anna", v,
      other="SE_PERSONNUMMER")


def se(rng):
    E = "SE_PERSONNUMMER"

    def pnr(pure=True, **kw):
        for _ in range(2000):
            v = nat.se_personnummer(rng, **kw)
            d = v.replace("-", "").replace("+", "")[-10:]
            # avoid values that are also valid CPRs (date read DDMMYY): collisions are tested apart
            if not pure or not s_cpr.is_valid(d):
                return v
        raise RuntimeError(kw)

    v = pnr()
    M(E, "sv-sentence", f"Mitt personnummer är {v} och jag bor i Malmö.", v, verify=v_pnr)
    v = pnr(long_form=True)
    M(E, "long-dashed", f"Personnummer: {v}", v, verify=v_pnr)
    v = pnr(long_form=True, dashed=False)
    M(E, "long-compact-12", f"personnr {v}", v, verify=v_pnr)
    v = pnr(dashed=False)
    M(E, "compact-10-pnr", f"Pnr: {v}", v, verify=v_pnr)
    v = pnr(samordning=True)
    M(E, "samordningsnummer", f"Samordningsnummer: {v}", v, verify=v_pnr)
    v = pnr(samordning=True, long_form=True)
    M(E, "samordningsnummer-long", f"Hans samordningsnummer är {v}.", v, verify=v_pnr)
    v = pnr(pure=False, born=D(1921, 5, 17))
    assert "+" in v
    M(E, "plus-centenarian", f"Personnummer {v} (född 1921)", v, verify=v_pnr)
    v = pnr(pure=False, born=D(1918, 11, 3), dashed=False, long_form=True)
    M(E, "long-form-1918", f"personnummer: {v}", v, verify=v_pnr)
    v = pnr(born=D(2012, 7, 29))
    M(E, "born-2012", f"Barnets personnummer är {v}.", v, verify=v_pnr)
    v = pnr()
    M(E, "da-text-swedish-pnr", f"Hans svenske personnummer (Sverige) er {v}.", v,
      verify=v_pnr)
    v = pnr()
    M(E, "no-text-swedish-pnr", f"Svensk personnummer: {v}", v, verify=v_pnr)
    v = pnr()
    M(E, "fi-text-ruotsin-pnr", f"Ruotsin personnummer on {v}", v, verify=v_pnr)
    v = pnr(long_form=True)
    M(E, "en-sentence", f"The applicant's Swedish personal identity number is {v}.", v,
      verify=v_pnr)
    v = pnr()
    M(E, "csv-header-line", f"namn;personnummer;ort\nAnna Svensson;{v};Göteborg", v,
      verify=v_pnr)
    v = pnr(long_form=True, dashed=False)
    M(E, "json", f'{{"namn": "Anna Svensson", "personnummer": "{v}"}}', v, verify=v_pnr)
    v = pnr()
    M(E, "log", f"2024-01-15T10:23:45Z INFO uppslag pnr={v} handläggare=anna", v, verify=v_pnr)
    v = pnr()
    M(E, "form-dump", f"Namn: Anna Svensson\nPersonnummer: {v}\nAdress: Storgatan 1, 114 55",
      v, verify=v_pnr)
    v = pnr(long_form=True)
    M(E, "mail", f"Från: anna@example.se\nÄmne: Intyg\n\nHej! Mitt personnummer är {v}.", v,
      verify=v_pnr)
    for fid, field, kw in (("personnr", "personnr", {}), ("personnummer", "Personnummer",
                           {"long_form": True}), ("pnr-json", "$.kund.pnr", {"dashed": False}),
                           ("samordningsnr", "samordningsnr", {"samordning": True})):
        v = pnr(**kw)
        M(E, f"field-{fid}", v, v, field=field, verify=v_pnr)
    # bare long dashed form (Swedish only) without context
    v = pnr(long_form=True)
    M(E, "bare-long-dashed", f"Anna Svensson {v}", v, verify=v_pnr)
    # --- near misses ---------------------------------------------------------------------------
    v = nat.se_bad_luhn(rng)
    N(E, "bad-luhn", f"Personnummer: {v}", v)
    v = nat.se_bad_luhn(rng, long_form=True)
    N(E, "bad-luhn-long", f"Mitt personnummer är {v}", v)
    body = f"85{13:02d}14" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "month-13-luhn-ok", f"Personnummer: {v[:6]}-{v[6:]}", f"{v[:6]}-{v[6:]}")
    body = f"7902{29 + 60}" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "samordning-29feb-non-leap", f"Samordningsnummer: {v[:6]}-{v[6:]}", f"{v[:6]}-{v[6:]}")
    body = f"6104{31 + 60}" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "samordning-day-91-april", f"Samordningsnummer: {v[:6]}-{v[6:]}", f"{v[:6]}-{v[6:]}")
    body = "900115" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "future-long-2090", f"Personnummer: 20{v[:6]}-{v[6:]}", f"20{v[:6]}-{v[6:]}")
    body = "850115" + f"{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "century-17", f"Personnummer: 17{v}", f"17{v}")
    N(E, "plus-in-long-form", f"Personnummer: 19{v[:6]}+{v[6:]}", f"19{v[:6]}+{v[6:]}")
    for fid, text in (("fakturanummer", "Fakturanummer: {v}"), ("ordernr", "Ordernr {v}"),
                      ("ocr", "OCR-nummer: {v}"), ("bankgiro", "Bankgiro {v}"),
                      ("kundnummer", "Kundnummer: {v}"), ("en-invoice", "Invoice {v}"),
                      ("arende", "Ärendenr {v}")):
        v = pnr(dashed=rng.random() < 0.5)
        N(E, f"label-{fid}", text.format(v=v), v)
    v = pnr(dashed=False)
    N(E, "field-fakturanr", v, v, field="fakturanr")
    # Swedish organisationsnummer: Luhn, but the month digits are >= 20: never a date.
    body = f"55{rng.randrange(6000, 10000):04d}{rng.randrange(1000):03d}"
    v = body + luhn.calc_check_digit(body)
    N(E, "orgnr", f"Organisationsnummer: {v[:6]}-{v[6:]}", f"{v[:6]}-{v[6:]}")
    N(E, "orgnr-field", v, v, field="orgnr")
    # 12 digits inside a longer run
    v = pnr(long_form=True, dashed=False)
    N(E, "inside-longer-run", f"id 7{v}3", v)


def no(rng):
    E = "NO_FODSELSNUMMER"
    fnr = nat.no_fodselsnummer
    v = fnr(rng)
    M(E, "no-sentence", f"Mitt fødselsnummer er {v}, og jeg bor i Bergen.", v, verify=v_fnr)
    v = fnr(rng, spaced=True)
    M(E, "no-spaced", f"Fødselsnummer: {v}", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "fnr-abbrev", f"Fnr. {v}", v, verify=v_fnr)
    v = fnr(rng, d_number=True)
    M(E, "d-nummer", f"D-nummer: {v}", v, verify=v_fnr)
    v = fnr(rng, d_number=True, spaced=True)
    M(E, "d-nummer-spaced-no-label", f"Ola Nordmann, {v}", v, verify=v_fnr)
    v = fnr(rng, h_number=True)
    M(E, "h-nummer", f"H-nummer {v}", v, verify=v_fnr)
    v = fnr(rng, born=D(2009, 3, 12))
    M(E, "born-2009", f"Barnets fødselsnummer: {v}", v, verify=v_fnr)
    v = fnr(rng, born=D(1945, 12, 31))
    M(E, "born-1945", f"personnummer {v}", v, verify=v_fnr)
    v = fnr(rng, born=D(1896, 2, 29))
    M(E, "born-1896-leap", f"Fødselsnummer {v}", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "da-text", f"Hans norske fødselsnummer er {v}.", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "sv-text", f"Hennes norska personnummer är {v}.", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "fi-text", f"Norjalainen henkilötunnus (fødselsnummer): {v}", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "en-sentence", f"Norwegian national identity number: {v}", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "bare-11-digits", f"Kari Nordmann {v} Oslo", v, verify=v_fnr)
    v = fnr(rng)
    M(E, "csv-header-line", f"navn;fodselsnummer;kommune\nKari Nordmann;{v};Oslo", v,
      verify=v_fnr)
    v = fnr(rng)
    M(E, "json", f'{{"fodselsnummer": "{v}", "navn": "Ola"}}', v, verify=v_fnr)
    v = fnr(rng)
    M(E, "log", f"2024-01-15 10:23:45 WARN oppslag fnr={v} saksbehandler=kari", v,
      verify=v_fnr)
    v = fnr(rng, spaced=True)
    M(E, "form-dump", f"Navn: Kari Nordmann\nFødselsnummer: {v}\nTelefon: 412 34 567", v,
      verify=v_fnr)
    for fid, field in (("fodselsnummer", "fodselsnummer"), ("fnr", "fnr"),
                       ("personnr", "personnr"), ("json-path", "$.person.fodselsnr")):
        v = fnr(rng)
        M(E, f"field-{fid}", v, v, field=field, verify=v_fnr)
    # --- near misses ---------------------------------------------------------------------------
    v = nat.no_bad_checksum(rng)
    N(E, "bad-k1", f"Fødselsnummer: {v}", v)
    v = nat.no_bad_checksum(rng, second=True)
    N(E, "bad-k2", f"Fødselsnummer: {v}", v)
    v = nat.no_bad_checksum(rng, d_number=True)
    N(E, "d-nummer-bad-k1", f"D-nummer: {v}", v)
    # impossible date 31.04 with valid check digits
    from stdnum.no import fodselsnummer as s_fnr
    for fid, head in (("31-april", "310485"), ("30-feb", "300290"), ("29-feb-1999", "290299"),
                      ("d-number-day-72", "720185")):
        while True:
            body = head + f"{rng.randrange(0, 500):03d}"
            k1 = s_fnr.calc_check_digit1(body)
            k2 = s_fnr.calc_check_digit2(body + k1)
            if len(k1) == 1 and len(k2) == 1:
                break
        v = body + k1 + k2
        assert not v_fnr(v)
        N(E, f"impossible-{fid}", f"Fødselsnummer: {v}", v)
    while True:  # 2039 (individual number 500-999 with YY < 40): the future
        body = "151239" + f"{rng.randrange(500, 1000):03d}"
        k1 = s_fnr.calc_check_digit1(body)
        k2 = s_fnr.calc_check_digit2(body + k1)
        if len(k1) == 1 and len(k2) == 1:
            break
    N(E, "future-2039", f"Fødselsnummer: {body + k1 + k2}", body + k1 + k2)
    for fid, text in (("fakturanr", "Fakturanr. {v}"), ("ordrenr", "Ordrenr: {v}"),
                      ("kid", "KID-nummer: {v}"), ("kundenr", "Kundenr {v}")):
        v = fnr(rng)
        N(E, f"label-{fid}", text.format(v=v), v)
    # A Norwegian bank account number (11 digits, one mod-11 digit) labelled as such.
    while True:
        v = fnr(rng)
        if s_kontonr.is_valid(v):
            break
    N(E, "kontonummer-label", f"Kontonummer: {v}", v)
    v = fnr(rng)
    N(E, "field-fakturanr", v, v, field="fakturanr")
    v = fnr(rng)
    N(E, "inside-longer-number", f"Ref. 4{v}9", v)
    v = fnr(rng)
    N(E, "org-9-digits", "Org.nr. 923 609 016 og 923609016")


def fi(rng):
    E = "FI_HETU"

    def hetu(born, sign, lower=False):
        ind = rng.randint(2, 899)
        check = ALPH[int(f"{born:%d%m%y}{ind:03d}") % 31]
        v = f"{born:%d%m%y}{sign}{ind:03d}{check}"
        return v.lower() if lower else v

    signs = [("plus-1800s", D(1895, 6, 15), "+"), ("dash-1900s", D(1952, 10, 3), "-"),
             ("Y-1900s", D(1961, 1, 30), "Y"), ("X-1900s", D(1974, 4, 4), "X"),
             ("W-1900s", D(1980, 8, 19), "W"), ("V-1900s", D(1933, 3, 1), "V"),
             ("U-1900s", D(1999, 12, 31), "U"), ("A-2000s", D(2001, 9, 9), "A"),
             ("B-2000s", D(2003, 2, 28), "B"), ("C-2000s", D(2010, 5, 5), "C"),
             ("D-2000s", D(2016, 11, 20), "D"), ("E-2000s", D(2020, 2, 29), "E"),
             ("F-2000s", D(2024, 1, 15), "F")]
    templates = ["Henkilötunnus: {v}", "Hetu {v}", "Personbeteckning: {v}",
                 "Asiakkaan henkilötunnus on {v}.", "Min personbeteckning är {v}.",
                 "Finnish personal identity code (HETU): {v}", "{v}"]
    for i, (fid, born, sign) in enumerate(signs):
        v = hetu(born, sign)
        tpl = templates[i % len(templates)] if sign not in "-+" else "Henkilötunnus: {v}"
        M(E, f"sign-{fid}", tpl.format(v=v), v, verify=v_hetu)
    v = hetu(D(1988, 7, 7), "-", lower=True)
    M(E, "lower-case-check", f"hetu: {v}", v, verify=v_hetu)
    v = hetu(D(2005, 3, 3), "a", lower=True)
    M(E, "lower-case-sign-a", f"henkilötunnus {v}", v, verify=v_hetu)
    born = D(1977, 5, 5)
    ind = rng.randint(900, 999)
    v = f"{born:%d%m%y}-{ind:03d}{ALPH[int(f'{born:%d%m%y}{ind:03d}') % 31]}"
    M(E, "temporary-9xx", f"Väliaikainen henkilötunnus: {v}", v, verify=v_hetu)
    v = hetu(D(1966, 6, 6), "-")
    M(E, "da-text", f"Hendes finske personnummer (henkilötunnus) er {v}.", v, verify=v_hetu)
    v = hetu(D(1990, 9, 1), "-")
    M(E, "no-text", f"Finsk henkilötunnus: {v}", v, verify=v_hetu)
    v = hetu(D(2002, 12, 12), "A")
    M(E, "en-sentence", f"The Finnish personal identity code is {v}.", v, verify=v_hetu)
    v = hetu(D(1955, 5, 25), "-")
    M(E, "csv-header-line", f"nimi;hetu;kunta\nMatti Meikäläinen;{v};Espoo", v, verify=v_hetu)
    v = hetu(D(1984, 4, 14), "-")
    M(E, "json", f'{{"nimi": "Maija", "henkilotunnus": "{v}"}}', v, verify=v_hetu)
    v = hetu(D(1971, 1, 21), "-")
    M(E, "log", f"2024-01-15 10:23:45 INFO haku hetu={v} käsittelijä=maija", v, verify=v_hetu)
    v = hetu(D(2011, 11, 1), "A")
    M(E, "form-dump", f"Nimi: Maija Meikäläinen\nHenkilötunnus: {v}\nPuhelin: 040 123 4567", v,
      verify=v_hetu)
    for fid, field, sign, born in (("hetu", "hetu", "-", D(1969, 2, 2)),
                                   ("henkilotunnus", "henkilotunnus", "-", D(1993, 3, 13)),
                                   ("personbeteckning", "personbeteckning", "Y", D(1948, 8, 8)),
                                   ("json-path", "$.asiakas.hetu", "B", D(2007, 7, 17))):
        v = hetu(born, sign)
        M(E, f"field-{fid}", v, v, field=field, verify=v_hetu)
    # --- near misses ---------------------------------------------------------------------------
    v = nat.fi_bad_check(rng)
    N(E, "bad-check-char", f"Henkilötunnus: {v}", v)
    v = nat.fi_bad_check(rng, new_sign=True)
    N(E, "bad-check-new-sign", f"Hetu {v}", v)
    for fid, ind in (("individual-000", 0), ("individual-001", 1)):
        born = D(1980, 1, 1)
        v = f"{born:%d%m%y}-{ind:03d}{ALPH[int(f'{born:%d%m%y}{ind:03d}') % 31]}"
        N(E, fid, f"Henkilötunnus: {v}", v)
    body = "290299" + "123"  # 1999 is not a leap year
    v = f"290299-123{ALPH[int(body) % 31]}"
    N(E, "29feb-1999", f"Henkilötunnus: {v}", v)
    body = "290200" + "234"  # 1900 (sign -) is not a leap year; 2000 (sign A) is
    N(E, "29feb-1900-dash", f"Henkilötunnus: 290200-234{ALPH[int(body) % 31]}",
      f"290200-234{ALPH[int(body) % 31]}")
    M(E, "29feb-2000-A", f"Henkilötunnus: 290200A234{ALPH[int(body) % 31]}",
      f"290200A234{ALPH[int(body) % 31]}", verify=v_hetu)
    body = "010190" + "456"
    v = f"010190A456{ALPH[int(body) % 31]}"
    N(E, "future-2090", f"Henkilötunnus: {v}", v)
    body = "010190" + "123"
    v = f"010190G123{ALPH[int(body) % 31]}"
    N(E, "sign-G-invalid", f"Henkilötunnus: {v}")
    body = "311190" + "123"
    v = f"311190-123{ALPH[int(body) % 31]}"
    N(E, "31-november", f"Henkilötunnus: {v}", v)
    v = hetu(D(1975, 5, 5), "-")
    N(E, "label-laskunro", f"Laskun numero {v}", v)
    v = hetu(D(1975, 6, 5), "A")
    N(E, "glued-letters", f"ABC{v}", v)


def build():
    dk(random.Random(301))
    se(random.Random(302))
    no(random.Random(303))
    fi(random.Random(304))
