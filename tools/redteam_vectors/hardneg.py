"""Hard negatives from the issue, each run against every entity it could be mistaken for."""

from __future__ import annotations

import random

from common import N
from scanner.synthetic import contact_financial as cf


def build():
    rng = random.Random(320)
    ms = cf.ms_timestamp(rng)
    texts = {
        "uuid": f"request_id={cf.uuid4(rng)} status=200",
        "uuid-upper": f"GUID {{{cf.uuid4(rng).upper()}}}",
        "ua-firefox": cf.user_agent(rng),
        "ua-chrome": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                     "Gecko) Chrome/120.0.6099.109 Safari/537.36",
        "oid": f"OID {cf.oid(rng)}",
        "mac": f"MAC-adresse: {cf.mac(rng)} / {cf.mac(rng, '-', True)}",
        "retina": f'<img src="{cf.retina_filename(rng)}" srcset="{cf.retina_filename(rng)} 2x">',
        "ean13": f"Varenummer EAN {cf.ean13(rng)}",
        "postcodes": "2100 København Ø, 114 55 Stockholm, 0150 Oslo, 00100 Helsinki",
        "amount": "I alt: 1.234.567,89 kr (moms 246.913,58 kr)",
        "dates": "Oprettet 2024-01-15, ændret 15.01.2024, udløber 15/01/2024",
        "times": "Åbent 08:00-16:00, kl. 12:30:45, 10.23.45",
        "version": "pii-scan 1.2.3, libfoo 10.4.12.7.1, build 2024.01.15.3",
        "ms-timestamp": f'{{"ts": {ms}, "event": "click"}}',
        "masked-card": "Kort: **** **** **** 4242",
        "cvr": f"CVR-nr. {cf.cvr(rng)}",
        "no-orgnr": f"Org.nr. {cf.no_orgnr(rng)} MVA",
        "order": f"Ordrenr. {cf.order_number(rng)}, fakturanr. {cf.order_number(rng, 10)}",
        "tracking": f"Sporingsnummer {cf.order_number(rng, 10)} (PostNord)",
    }
    targets = {
        "DK_CPR": ("uuid", "ua-firefox", "dates", "ms-timestamp", "cvr", "no-orgnr", "order",
                   "tracking", "ean13", "amount"),
        "SE_PERSONNUMMER": ("uuid", "dates", "ms-timestamp", "order", "ean13", "tracking"),
        "NO_FODSELSNUMMER": ("uuid", "ms-timestamp", "order", "ean13", "no-orgnr"),
        "FI_HETU": ("uuid", "uuid-upper", "dates", "order"),
        "PHONE_NUMBER": ("uuid", "ua-firefox", "ua-chrome", "oid", "mac", "ean13", "postcodes",
                         "amount", "dates", "times", "version", "ms-timestamp", "masked-card",
                         "cvr", "no-orgnr", "order", "tracking"),
        "CREDIT_CARD": ("uuid", "ua-chrome", "ean13", "amount", "ms-timestamp", "masked-card",
                        "order", "tracking", "oid"),
        "IBAN_CODE": ("uuid-upper", "ua-chrome", "mac"),
        "EMAIL_ADDRESS": ("retina", "ua-firefox", "version", "uuid"),
        "IP_ADDRESS": ("oid", "mac", "times", "version", "ua-chrome", "ua-firefox", "dates",
                       "amount", "uuid"),
    }
    for entity, keys in targets.items():
        for key in keys:
            N(entity, f"hardneg-{key}", texts[key])
