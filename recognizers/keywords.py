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
    "cpr", "personnummer", "personnr", "cprnr", "sundhedskort", "sygesikring",
)
#: Swedish personal identity number words (``personnumret`` is the Swedish definite form).
SE_PNR_WORDS: tuple[str, ...] = (
    "personnummer", "personnumr", "personnr", "pnr", "samordningsnummer", "samordningsnumr",
    "samordningsnr", "identitetsnummer",
)
#: Norwegian national identity number words (fødselsnummer, D-nummer).
NO_FNR_WORDS: tuple[str, ...] = (
    "fødselsnummer", "fødselsnr", "fodselsnummer", "fodselsnr", "fnr", "personnummer",
    "personnr", "dnummer", "identitetsnummer",
)
#: Finnish personal identity code words (Finnish and Finland-Swedish).
FI_HETU_WORDS: tuple[str, ...] = (
    "henkilötunnus", "henkilotunnus", "hetu", "sotu", "personbeteckning", "henkilö", "henkilo",
)
#: Words that say "a phone number follows".
PHONE_WORDS: tuple[str, ...] = (
    "tlf", "telefon", "telephone", "tel", "mobil", "mobile", "phone", "fax", "sms", "ring",
    "puhelin", "matkapuhelin", "gsm", "cell",
    # Abbreviations and terms seen in signatures and exports ("mob.", "puh.", MSISDN columns).
    "mob", "puh", "msisdn", "telf", "mobiili", "kännykkä", "faks",
)
#: Words that say "some other kind of number follows" (vouchers, cases, invoices, orders, ...).
OTHER_NUMBER_WORDS: tuple[str, ...] = (
    "bilag", "journal", "faktura", "ordre", "order", "invoice", "sag", "ärende", "arende",
    "kvitto", "kvittering", "receipt", "tracking", "sporing", "spårning", "kolli", "forsendelse",
    "shipment", "reference", "ref", "ordernr", "varenr", "artikel", "article", "sku", "ean",
    "lager", "konto", "account", "kunde", "customer", "kund", "medlem", "member", "lot", "batch",
    "serie", "serial", "transaktion", "transaction",
)
#: Company registration numbers: never phones or CPRs.
COMPANY_NUMBER_WORDS: tuple[str, ...] = (
    "cvr", "se-nr", "orgnr", "organisasjonsnummer", "organisationsnummer", "org", "foretaks",
    "mva", "moms", "vat", "ytunnus", "y-tunnus", "business",
)
