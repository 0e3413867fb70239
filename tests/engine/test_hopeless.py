"""``hopeless`` (asked on a value's signature) only ever names values ``evaluate`` rejects."""

from __future__ import annotations

import random

import pytest

from recognizers.base import NordicRecognizer
from recognizers.context import ContextView
from recognizers.reference import compiled_shapes
from recognizers.registry import default_recognizers
from scanner.engine.triggers import _SIGNATURE

_RUN_CHARS = "0123456789" * 4 + " .-+/()" + "00"
_CONTEXTS = [
    ("", "", None),
    ("Ring på tlf. ", " i dag", None),
    ("Mobil: ", "", "telefon"),
    ("\n", "\n", "mobilnr"),
    ("CPR-nr. ", "", "cpr"),
]


@pytest.mark.parametrize(
    "recognizer",
    [r for r in default_recognizers() if type(r).hopeless is not NordicRecognizer.hopeless],
    ids=lambda r: r.ENTITY,
)
def test_hopeless_values_are_rejected_in_every_context(recognizer: NordicRecognizer) -> None:
    rng = random.Random(recognizer.ENTITY)
    shapes = compiled_shapes(type(recognizer))
    hopeless_seen = scored_seen = 0
    for _ in range(4000):
        run = "".join(rng.choice(_RUN_CHARS) for _ in range(rng.randint(3, 24)))
        for rx in shapes:
            for m in rx.finditer(run):
                value = m.group()
                if not recognizer.hopeless(value.translate(_SIGNATURE)):
                    scored_seen += 1
                    continue
                hopeless_seen += 1
                for before, after, field in _CONTEXTS:
                    assert recognizer.evaluate(value, ContextView(before, after, field)) is None
    assert hopeless_seen > 100 and scored_seen > 100  # both sides were exercised
