"""The explicit list of recognisers pii-scan ships.

A new entity type is one module plus one line here.

The meta-test in ``tests/recognizers`` walks this list: every recogniser has a contract entity name,
a docstring citing its rule, and a case file with positives and negatives.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from recognizers.base import NordicRecognizer

#: (module, class) of every shipped recogniser, in a fixed order (ties in overlap resolution
#: fall back to this order, so it is part of the behaviour).
RECOGNIZER_CLASSES: tuple[tuple[str, str], ...] = (
    ("recognizers.dk_cpr", "NordicDkCprRecognizer"),
    ("recognizers.se_personnummer", "NordicSePersonnummerRecognizer"),
    ("recognizers.no_fodselsnummer", "NordicNoFodselsnummerRecognizer"),
    ("recognizers.fi_hetu", "NordicFiHetuRecognizer"),
    ("recognizers.iban", "NordicIbanRecognizer"),
    ("recognizers.credit_card", "NordicCreditCardRecognizer"),
    ("recognizers.email", "NordicEmailRecognizer"),
    ("recognizers.phone", "NordicPhoneRecognizer"),
    ("recognizers.ip_address", "NordicIpAddressRecognizer"),
)


def recognizer_types() -> list[type[NordicRecognizer]]:
    """Import and return every recogniser class, in registry order."""
    return [getattr(import_module(mod), cls) for mod, cls in RECOGNIZER_CLASSES]


@cache
def default_recognizers() -> tuple[NordicRecognizer, ...]:
    """One shared instance of every recogniser (they are stateless)."""
    return tuple(cls() for cls in recognizer_types())


def entity_names() -> tuple[str, ...]:
    """The contract entity names, in registry order."""
    return tuple(cls.ENTITY for cls in recognizer_types())
