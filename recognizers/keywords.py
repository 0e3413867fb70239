"""Context word prefixes, in Danish, Swedish, Norwegian, Finnish and English, shared by recognisers.

They live in one module because recognisers consult each other's words: a number after "tlf." is
not a CPR, a number after "CPR" is not a phone. Entries are lower-case word *prefixes* (see
:mod:`recognizers.context`): ``telefon`` also matches ``telefonnr`` and ``telefonnummer``.
Owners: each recogniser module owns its own tuple here; extend, don't duplicate.
"""

from __future__ import annotations

#: Words that say "a CPR number follows" (Danish, plus the generic Nordic term). A word listed in
#: more than one of the four national-ID tuples (``personnummer``) counts for each of those
#: countries; the others are country-specific (see ``recognizers.nordic_id``).
DK_CPR_WORDS: tuple[str, ...] = (
    "cpr", "personnummer", "personnumre", "personnr", "persnr", "cprnr", "sundhedskort",
    "sygesikring",
    "civilregistration",  # English "civil registration number" (phrases: nordic_id._PHRASES)
)
#: Swedish personal identity number words (``personnumret``/``personnumren``: the Swedish
#: definite forms; the Danish-Norwegian plural ``personnumre`` is not Swedish).
SE_PNR_WORDS: tuple[str, ...] = (
    "personnummer", "personnumret", "personnumren", "personnr", "persnr", "pnr",
    "samordningsnummer", "samordningsnumret", "samordningsnumren", "samordningsnr",
    "identitetsnummer", "identitetsnumret",
    "personalidentitynumber",  # English "personal identity number"
)
#: Norwegian national identity number words (fødselsnummer, D-nummer).
NO_FNR_WORDS: tuple[str, ...] = (
    "fødselsnummer", "fødselsnumre", "fødselsnr", "fodselsnummer", "fodselsnumre", "fodselsnr",
    "fnr", "personnummer", "personnumre", "personnr", "persnr", "dnummer", "dnr", "hnummer",
    "identitetsnummer",
    "nationalidentity", "birthnumber",  # English "national identity number", "birth number"
)
#: Finnish personal identity code words (Finnish and Finland-Swedish).
FI_HETU_WORDS: tuple[str, ...] = (
    "henkilötunnus", "henkilotunnus", "hetu", "sotu", "personbeteckning", "henkilö", "henkilo",
    "personalidentitycode",  # English "personal identity code"
)
#: Words that say "a phone number follows", as word prefixes (``telefonnummeret``, ``mobilnr``).
PHONE_PREFIXES: tuple[str, ...] = (
    "telefon", "telephone", "telefax", "mobil", "mobile", "phone", "puhelin", "matkapuhelin",
    "msisdn", "mobiili", "kännykkä",
)
#: Short phone words that count only as whole words, optionally with a number tail (``tlf``,
#: ``tlfnr``, ``tfn``): as prefixes they would label ``Telia``, ``Telenor``, ``Ringsted``,
#: ``Cellulose``, ``Mobbing``, ``Faxe``. ``ring`` and its verb forms: "ring til os på ...".
PHONE_ABBREVIATIONS: tuple[str, ...] = (
    "tlf", "tel", "telf", "tfn", "fax", "faks", "sms", "gsm", "cell", "mob", "puh",
    "ring", "ringe", "ringer", "ringa", "ringes",
)
#: Compounds with a phone word inside ("arbejdstelefon", "hemtelefon", "cellphone").
PHONE_STEMS: tuple[str, ...] = ("telefon", "phone", "mobil", "puhelin")
#: Every phone word (``CONTEXT`` of the phone recogniser; other-number labels elsewhere).
PHONE_WORDS: tuple[str, ...] = PHONE_PREFIXES + PHONE_ABBREVIATIONS
#: Words that say "some other kind of number follows" (vouchers, cases, invoices, orders, ...).
OTHER_NUMBER_WORDS: tuple[str, ...] = (
    "bilag", "journal", "faktura", "ordre", "order", "invoice", "sag", "ärende", "arende",
    "kvitto", "kvittering", "receipt", "tracking", "sporing", "spårning", "kolli", "forsendelse",
    "shipment", "reference", "ref", "ordernr", "varenr", "artikel", "article", "sku", "ean",
    "lager", "konto", "account", "kunde", "customer", "kund", "medlem", "member", "lot", "batch",
    # A user's number is a login or a database key (``user_id``, ``brugerid``, ``bruker nr``).
    "user", "bruger", "bruker", "användare", "anvandare", "käyttäjä", "kayttaja",
    "serie", "serial", "transaktion", "transaction",
    # Order, case, voucher, policy, claim, contract and booking numbers in the other languages.
    "bestilling", "beställning", "bestallning", "verifikation", "voucher", "sak", "case", "dnr",
    "vare", "police", "policy", "forsikring", "försäkring", "skade", "ticket", "booking",
    "bokning", "reservation", "abonnement", "kontrakt", "contract", "aftale", "avtal",
    "projekt", "project",
    # Payment references: OCR, KID, FIK, giro, Finnish viite (Luhn or mod 10 by construction,
    # so they pass card and ID checksums), and the reference fields of payment slips.
    "ocr", "kid", "fik", "giro", "bankgiro", "plusgiro", "clearing", "viite", "referens",
    "referanse", "meddelande", "regning", "lasku", "tilaus", "tilinumero", "diarie",
    # Employee, product, parcel and purchasing numbers.
    "personalnummer", "personalnr", "medarbejder", "anställning", "ansatt", "employee", "løn",
    "lon", "työntekijä", "produkt", "product", "art", "item", "part", "model", "barcode", "gtin",
    "pakke", "parcel", "awb", "container", "sendung", "levering", "følgeseddel", "folgeseddel",
    "rekvisition", "tilbud", "quote", "po", "kreditnota", "recept", "løbe", "lobe",
    # Person nouns (a label only with a number tail or word: "asiakasnumero", "Patient-ID").
    "asiakas", "patient", "potilas",
)
#: Company registration numbers: never phones or CPRs.
COMPANY_NUMBER_WORDS: tuple[str, ...] = (
    "cvr", "se-nr", "orgnr", "organisasjonsnummer", "organisationsnummer", "org", "foretaks",
    "mva", "moms", "vat", "ytunnus", "y-tunnus", "business",
)
