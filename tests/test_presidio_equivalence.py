"""Presidio's AnalyzerEngine with our recognisers registered finds what the fast engine finds.

Every case-file text without a ``field`` runs through both, at the packaged default threshold;
the entity types and spans must be identical. Presidio runs offline: the whole comparison runs in
a child process with ``HOME`` / ``XDG_CACHE_HOME`` pointed at an empty temporary directory and
every socket connection or DNS lookup refused and recorded; afterwards the directory must still
be empty and no connection may have been attempted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.recognizers.test_cases import CASES

ROOT = Path(__file__).resolve().parents[1]
PLAIN = [(e, k, c) for e, k, c in CASES if not c.get("field")]

CHILD = r"""
import json, socket, sys

attempts = []
def _refuse(*args, **kwargs):
    attempts.append(repr(args[:2]))
    raise OSError("network disabled in this test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from recognizers.registry import default_recognizers
from scanner.engine import Engine
from scanner.settings import load_settings
from tests.recognizers.test_cases import CASES

settings = load_settings()
nlp = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
}).create_engine()
registry = RecognizerRegistry(supported_languages=["en"])
for recognizer in default_recognizers():
    registry.add_recognizer(recognizer)
analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
engine = Engine(settings)

out = {}
for entity, kind, case in CASES:
    if case.get("field"):
        continue
    text = case["text"]
    presidio = analyzer.analyze(text=text, language="en", score_threshold=settings.min_score)
    out[f"{entity}-{kind}-{case['id']}"] = {
        "presidio": sorted([r.entity_type, r.start, r.end] for r in presidio),
        "engine": sorted([d.entity_type, d.start, d.end] for d in engine.scan_text(text)),
    }
json.dump({"results": out, "network_attempts": attempts}, sys.stdout)
"""


@pytest.fixture(scope="module")
def child_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout), home


def test_cases_exist() -> None:
    assert CASES, "case files are missing"
    assert PLAIN, "at least some case texts have no field"


@pytest.mark.parametrize(
    ("entity", "kind", "case"), PLAIN, ids=[f"{e}-{k}-{c['id']}" for e, k, c in PLAIN]
)
def test_same_types_and_spans(child_run, entity: str, kind: str, case: dict) -> None:
    result = child_run[0]["results"][f"{entity}-{kind}-{case['id']}"]
    assert result["presidio"] == result["engine"]


def test_presidio_ran_our_recognisers(child_run) -> None:
    results = child_run[0]["results"]
    assert sum(bool(r["presidio"]) for r in results.values()) >= len(results) // 3


def test_presidio_writes_nothing_under_home(child_run) -> None:
    home: Path = child_run[1]
    written = [str(p.relative_to(home)) for p in home.rglob("*")]
    assert written == [], f"files written under HOME / XDG_CACHE_HOME: {written}"


def test_presidio_needs_no_network(child_run) -> None:
    assert child_run[0]["network_attempts"] == []
