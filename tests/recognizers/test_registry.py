"""Meta-test over the registry: every recogniser is complete, documented and Presidio-safe."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from recognizers.base import ALNUM, NordicRecognizer
from recognizers.registry import default_recognizers, entity_names, recognizer_types

CONTRACT_ENTITIES = {
    "DK_CPR", "SE_PERSONNUMMER", "NO_FODSELSNUMMER", "FI_HETU", "IBAN_CODE", "CREDIT_CARD",
    "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS",
}
CASES_DIR = Path(__file__).parent / "cases"


def test_registry_covers_exactly_the_contract_entities() -> None:
    assert set(entity_names()) == CONTRACT_ENTITIES
    assert len(entity_names()) == len(CONTRACT_ENTITIES)


@pytest.mark.parametrize("cls", recognizer_types(), ids=lambda c: c.__name__)
def test_recogniser_is_complete(cls: type[NordicRecognizer]) -> None:
    assert issubclass(cls, NordicRecognizer)
    assert cls.__doc__ and len(cls.__doc__.strip()) > 20, "docstring must say what rule it follows"
    module_doc = sys.modules[cls.__module__].__doc__ or ""
    assert len(module_doc.strip()) > 40, "module docstring must cite its specification"
    assert cls.SHAPES and all(isinstance(s, str) and s for s in cls.SHAPES)
    for shape in cls.SHAPES:  # the subset both Hyperscan and re accept (see recognizers/base.py)
        assert not re.search(r"\(\?[<=!]|\\b|\\[1-9]|[*+?}]\?", shape), shape
    assert cls.CONTEXT, "every recogniser has context words"
    case_file = CASES_DIR / f"{cls.ENTITY}.yml"
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    assert data["entity"] == cls.ENTITY
    assert len(data.get("match") or []) >= 10 and len(data.get("no_match") or []) >= 10


def test_class_names_do_not_shadow_presidio_predefined_recognisers() -> None:
    """Presidio's registry finds predefined recognisers by class name among all subclasses.

    A class of ours with the same name as one of Presidio's breaks a vanilla AnalyzerEngine built in
    the same process, so build one after importing all of ours.
    """
    code = (
        "import recognizers.registry as r; r.default_recognizers();"
        "from recognizers.offline import make_presidio_offline; make_presidio_offline();"
        "from presidio_analyzer import AnalyzerEngine;"
        "from presidio_analyzer.nlp_engine import NlpEngineProvider;"
        "nlp = NlpEngineProvider(nlp_configuration={'nlp_engine_name': 'no_op',"
        " 'models': [{'lang_code': 'en', 'model_name': 'no_op'}]}).create_engine();"
        "e = AnalyzerEngine(nlp_engine=nlp, supported_languages=['en']);"
        "names = {type(x).__name__ for x in e.registry.recognizers};"
        "assert 'CreditCardRecognizer' in names, names;"
        "assert not any(n.startswith('Nordic') for n in names), names;"
        "print('ok')"
    )
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")



_GLUE_ALPHABET = "0123456789" * 3 + " .-/:+()@,_xXeE\n"


@pytest.mark.parametrize("recognizer", default_recognizers(), ids=lambda r: r.ENTITY)
def test_declared_rejected_neighbours_are_rejected(recognizer: NordicRecognizer) -> None:
    """``rejected_neighbours`` lets the engine skip ``boundary_ok``: it must really reject."""
    left, right = type(recognizer).rejected_neighbours()
    assert set(ALNUM) <= left & right  # every recogniser here reads numbers and words whole
    rng = random.Random(recognizer.ENTITY)
    for side, chars in (("left", sorted(left)), ("right", sorted(right))):
        for char in chars:
            for _ in range(300):
                text = [rng.choice(_GLUE_ALPHABET) for _ in range(rng.randint(4, 40))]
                start = rng.randrange(1, len(text) - 2)
                end = rng.randrange(start + 1, len(text))
                if side == "left":
                    text[start - 1] = char
                else:
                    text[end] = char
                joined = "".join(text)
                assert not recognizer.boundary_ok(joined, start, end), (side, joined, start, end)


@pytest.mark.parametrize("recognizer", default_recognizers(), ids=lambda r: r.ENTITY)
def test_field_only_shapes_score_only_under_their_field(recognizer: NordicRecognizer) -> None:
    """``FIELD_ONLY_SHAPES`` lets the engine skip walking those shapes elsewhere: it must hold.

    Every value such a shape matches (many of them valid identifiers once padded) is scored
    None without one of the recogniser's CONTEXT words in the field, whatever the windows say.
    """
    from recognizers.context import ContextView

    cls = type(recognizer)
    rng = random.Random(recognizer.ENTITY + "field-only")
    windows = ("", "\n", "CPR: ", "personnummer ", "fnr ", "tlf ", "kunde 12 ", "\n010190-1233\n")
    for local in cls.FIELD_ONLY_SHAPES:
        shape = re.compile(cls.SHAPES[local])
        tried = 0
        while tried < 2000:
            value = "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 11)))
            if not shape.fullmatch(value):
                continue
            tried += 1
            before, after = rng.choice(windows), rng.choice(windows)
            for field in (None, "note", "kunde_id", "telefon", "cvr"):
                view = ContextView(before, after, field)
                assert recognizer.evaluate(value, view) is None, (value, before, after, field)
    if cls.FIELD_ONLY_SHAPES:  # ... and does score under its own field (the claim is not empty)
        assert any(
            recognizer.evaluate(value, ContextView("", "", cls.CONTEXT[0])) is not None
            for value in ("101901233", "405068073", "5038598831")
            if any(re.fullmatch(cls.SHAPES[i], value) for i in cls.FIELD_ONLY_SHAPES)
        )
