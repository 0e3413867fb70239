"""Presidio's ``EntityRecognizer`` and ``RecognizerResult``, without importing its NLP stack.

``import presidio_analyzer`` runs the package ``__init__``, which imports the analyzer engine, the
NLP engines and spaCy: about 0.9 s before the first byte is scanned, in every ``pii-scan`` run.
Our recognisers only need the two base classes, which live in small modules of their own. This
module imports those modules under a temporary, empty ``presidio_analyzer`` package object (the
real package's location, its ``__init__`` not run) and then removes that placeholder, so that a
later ``import presidio_analyzer`` (the Presidio adapter, the equivalence tests) runs the real
``__init__``, which finds the already imported modules: the classes are the same objects, and
``isinstance`` checks in Presidio's registry hold.

If Presidio's layout ever differs, the plain import is used (slower start-up, same behaviour).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

_PACKAGE = "presidio_analyzer"
#: Submodules in dependency order, and the name each one lends to the package namespace
#: (they import each other as ``from presidio_analyzer import X``).
_CORE = (
    ("analysis_explanation", "AnalysisExplanation"),
    ("recognizer_result", "RecognizerResult"),
    ("score_thresholds", None),
    ("entity_recognizer", "EntityRecognizer"),
)


def _import_core() -> tuple[Any, Any]:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{_PACKAGE} is not an installed package")
    placeholder: ModuleType = importlib.util.module_from_spec(spec)
    before = set(sys.modules)
    sys.modules[_PACKAGE] = placeholder
    try:
        for name, exported in _CORE:
            module = importlib.import_module(f"{_PACKAGE}.{name}")
            if exported is not None:
                setattr(placeholder, exported, getattr(module, exported))
        return placeholder.EntityRecognizer, placeholder.RecognizerResult
    except Exception:
        for name in set(sys.modules) - before:  # leave no half-imported Presidio behind
            del sys.modules[name]
        raise
    finally:
        if sys.modules.get(_PACKAGE) is placeholder:
            del sys.modules[_PACKAGE]


def load() -> tuple[Any, Any]:
    """(EntityRecognizer, RecognizerResult), importing as little of Presidio as possible."""
    if _PACKAGE not in sys.modules:
        try:
            return _import_core()
        except Exception:  # noqa: BLE001 - any surprise means: use the plain import
            pass
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    return EntityRecognizer, RecognizerResult


EntityRecognizer, RecognizerResult = load()
