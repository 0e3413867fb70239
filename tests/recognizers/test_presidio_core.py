"""Importing the recognisers does not import Presidio's NLP stack, and Presidio still takes them."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_recognisers_load_without_the_presidio_package_init() -> None:
    out = _run("""
        import sys
        import recognizers.registry
        print("presidio_analyzer" in sys.modules, "spacy" in sys.modules)
    """)
    assert out == "False False"


def test_presidio_imported_later_accepts_our_recognisers() -> None:
    out = _run("""
        from recognizers.registry import default_recognizers
        from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        recs = default_recognizers()
        assert all(isinstance(r, EntityRecognizer) for r in recs)
        nlp = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
        }).create_engine()
        registry = RecognizerRegistry(supported_languages=["en"])
        for r in recs:
            registry.add_recognizer(r)
        engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
        found = engine.analyze(text="mail: a.b@example.com", language="en")
        print(sorted(r.entity_type for r in found))
    """)
    assert out == "['EMAIL_ADDRESS']"
