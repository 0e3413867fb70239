"""Shared helpers for engine tests: engine variants, the real recognisers, generated texts."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from recognizers.base import NordicRecognizer
from scanner.engine import Engine
from scanner.engine.prefilter import hyperscan_available
from scanner.settings import Settings, load_settings


def real_recognizers() -> tuple[NordicRecognizer, ...]:
    """The shipped recognisers."""
    from recognizers.registry import default_recognizers

    return default_recognizers()


def variants(
    recognizers: Sequence[NordicRecognizer] | None,
    settings: Settings | None = None,
    hyperscan: bool = False,
) -> dict[str, Engine]:
    """Engines that must all agree: the default backend, and (``hyperscan``) the Hyperscan one
    with whole texts and tiny prefilter windows.

    Hyperscan is only asked for with the toy recognisers: the installed wheel (vectorscan 5.4.12)
    drops match reports for some real shapes, which is why ``auto`` does not use it
    (``scanner.engine.core.choose_backend``).
    """
    base = settings or load_settings()
    out = {"re": Engine(replace(base, prefilter="re"), recognizers)}
    if hyperscan and hyperscan_available():
        out["hyperscan"] = Engine(replace(base, prefilter="hyperscan"), recognizers)
        for chunk in (7, 33):
            out[f"hyperscan-chunk{chunk}"] = Engine(
                replace(base, prefilter="hyperscan", chunk_chars=chunk), recognizers
            )
    return out


# --- realistic texts for the real recognisers ---------------------------------------------------

_FILLER = (
    "Kunden", "ringede", "om", "fakturaen", "og", "bad", "om", "svar", "tlf.", "CPR-nr.", "mobil",
    "ordrenr.", "bilagsnr.", "Personnummer:", "fødselsnummer", "hetu", "IBAN", "kort", "e-mail:",
    "IP", "CVR", "order", "phone", "Gecko/20100101", "v1.2.3.4.5", "1.3.6.1.4.1.311", "12:30",
    "2024-01-31", "kr.", "49,95", "€", "Ωmega", "日本語", "naïve", "  ", "\n", "\t", "|", ";",
)


def _luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def identifier(rng: random.Random) -> str:
    """A random identifier-like token: valid ones, near-misses and bare digit runs."""
    from scanner.synthetic import national_ids as ids

    digits = "0123456789"
    kind = rng.randrange(12)
    if kind == 0:
        return ids.dk_cpr(rng, mod11=rng.random() < 0.7, dashed=rng.random() < 0.5)
    if kind == 1:
        return ids.se_personnummer(rng, long_form=rng.random() < 0.3, dashed=rng.random() < 0.6)
    if kind == 2:
        return ids.no_fodselsnummer(rng, d_number=rng.random() < 0.2)
    if kind == 3:
        return ids.fi_hetu(rng)
    if kind == 4:
        card = _luhn_complete("4" + "".join(rng.choice(digits) for _ in range(14)))
        return card if rng.random() < 0.5 else " ".join(card[i : i + 4] for i in range(0, 16, 4))
    if kind == 5:
        return rng.choice(("DK50 0040 0440 1162 43", "GB82WEST12345698765432", "NO9386011117947",
                           "FI2112345600000785", "SE4550000000058398257466", "DK5000400440116244"))
    if kind == 6:
        return rng.choice(("anna.hansen", "LARS+news", "x", "ole_b")) + "@" + rng.choice(
            ("example.dk", "post.tele.se", "firma.NO", "logo.png", "2x.png", "sub.mail.fi"))
    if kind == 7:
        return rng.choice(("+45 ", "0045", "+46 70-", "+47 ", "+358 40 ", "")) + " ".join(
            "".join(rng.choice(digits) for _ in range(2)) for _ in range(4))
    if kind == 8:
        return ".".join(str(rng.randrange(300)) for _ in range(rng.choice((4, 4, 5))))
    if kind == 9:
        return rng.choice(("2001:db8::1", "fe80::1ff:fe23:4567:890a", "::1", "1:2:3:4:5:6:7:8",
                           "00:1A:2B:3C:4D:5E"))
    return "".join(rng.choice(digits) for _ in range(rng.randint(4, 20)))


def realistic_text(rng: random.Random, tokens: int) -> str:
    """Words, separators and identifiers mixed at random (seeded)."""
    parts = []
    for _ in range(tokens):
        parts.append(identifier(rng) if rng.random() < 0.35 else rng.choice(_FILLER))
        parts.append(rng.choice((" ", " ", " ", ", ", "\n", ": ", "-", "", "/", "\xa0")))
    return "".join(parts)
