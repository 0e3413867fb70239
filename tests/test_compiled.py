"""The Cython build of the hot path (setup.py): loaded, current, and equal to plain Python.

The equivalence tests elsewhere compare the engine with the reference detector and Presidio, but
both of those call the same (compiled) recognisers, so they cannot see a difference between the
builds. Here one corpus (every case file, generated free text with fields, SQL-like columns) is
scanned in two processes: one importing the installed package, one importing a copy of its
sources without any extension module. Their detections must be identical.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.build_info import COMPILED, COMPILED_MODULES, PURE, module_build
from tests.engine.helpers import realistic_text
from tests.recognizers.test_cases import CASES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scanner", "recognizers", "configs")

#: Runs in a child process: scans the corpus in argv[2], prints detections as JSON lines.
PROBE = """
import json, sys
from scanner.build_info import build_summary
from scanner.engine import Engine
from scanner.settings import load_settings

build = build_summary()
assert build == sys.argv[1], f"expected the {sys.argv[1]} build, loaded {build}"
engine = Engine(load_settings())
with open(sys.argv[2], encoding="utf-8") as fh:
    corpus = json.load(fh)
for text, field in corpus:
    print(json.dumps([tuple(d) for d in engine.detect(text, field)]))
"""


def _corpus() -> list[tuple[str, str | None]]:
    rng = random.Random(20261123)
    corpus = [(case["text"], case.get("field")) for _, _, case in CASES]
    fields = (None, "telefon", "cpr_nr", "email", "kundenr", "note", "personnummer", "iban")
    corpus += [(realistic_text(rng, rng.randint(5, 400)), rng.choice(fields)) for _ in range(300)]
    # Columns as the pipeline feeds them: short values joined with newlines, under their name.
    for field in fields:
        values = [realistic_text(rng, rng.randint(1, 3)).replace("\n", " ") for _ in range(500)]
        corpus.append(("\n".join(values), field))
    return corpus


def _probe(build: str, corpus_file: Path, pythonpath: Path, cwd: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, build, str(corpus_file)],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.splitlines()


def test_every_hot_module_is_compiled_and_current() -> None:
    """The suite runs on the compiled build the README's commands install (a plain-Python
    install, PII_SCAN_PURE=1, fails here on purpose: the builds are compared below)."""
    builds = {name: module_build(name) for name in COMPILED_MODULES}
    wrong = {name: build for name, build in builds.items() if build != COMPILED}
    assert not wrong, f"not the current compiled build (rebuild: pip install -e .): {wrong}"


@pytest.mark.slow
def test_compiled_and_pure_builds_detect_the_same(tmp_path: Path) -> None:
    pure_root = tmp_path / "pure"
    for package in PACKAGES:  # the sources alone: no extension module, no bytecode
        shutil.copytree(
            ROOT / package, pure_root / package,
            ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"),
        )
    corpus = _corpus()
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps(corpus), encoding="utf-8")
    compiled = _probe(COMPILED, corpus_file, ROOT, ROOT)
    pure = _probe(PURE, corpus_file, pure_root, tmp_path)
    assert len(compiled) == len(pure) == len(corpus)
    found = sum(len(json.loads(line)) for line in compiled)
    assert found > len(corpus), "the corpus should hold many detections"
    for (text, field), a, b in zip(corpus, compiled, pure, strict=True):
        assert a == b, f"builds differ on field {field!r}, text of {len(text)} characters"


def test_an_edited_source_makes_its_compiled_module_stale_and_a_scan_warns(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    edited = copy / "scanner" / "model.py"
    later = max(p.stat().st_mtime for p in (copy / "scanner").glob("model.*")) + 60
    os.utime(edited, (later, later))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("nothing here\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "scanner.cli", "scan", str(tmp_path / "in"),
         "--out", str(tmp_path / "out"), "--workers", "1"],
        capture_output=True, text=True, cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "compiled module scanner.model is older than its source" in proc.stderr
    assert "scanner.engine.core" not in proc.stderr  # only the edited one
    meta = json.loads((tmp_path / "out" / "scan.json").read_text(encoding="utf-8"))
    assert meta["engine_build"] == "stale"
