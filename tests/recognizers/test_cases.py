"""One parametrised test over every case file in ``cases/`` (one file per entity type).

Case file format (YAML)::

    entity: DK_CPR
    match:                      # each: the value must be found as this entity
      - id: dashed-mod11        # test id suffix: DK_CPR-match-dashed-mod11
        text: "CPR-nr.: 010190-1233"
        value: "010190-1233"    # exact span expected (must occur in text)
        field: null             # optional field name (column header / JSON key) as context
    no_match:                   # each: this entity must not be reported
      - id: bilagsnr
        text: "Bilagsnr. 010190-1233"
        value: "010190-1233"    # optional: only this span must not be the entity; without it,
                                #           the entity must not be reported anywhere in text
        field: null
        other: PHONE_NUMBER     # optional: the span must be reported as this entity instead

Cases run through the reference detector at the packaged default threshold; the engine and
Presidio equivalence tests run the same files through the other paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from recognizers.reference import detect
from scanner.settings import load_settings

CASES_DIR = Path(__file__).parent / "cases"
MIN_SCORE = load_settings().min_score


def load_cases() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entity = data["entity"]
        for kind in ("match", "no_match"):
            for case in data.get(kind) or []:
                out.append((entity, kind, case))
    return out


CASES = load_cases()


def _span(text: str, value: str) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


@pytest.mark.parametrize(
    ("entity", "kind", "case"),
    CASES,
    ids=[f"{e}-{k}-{c['id']}" for e, k, c in CASES],
)
def test_case(entity: str, kind: str, case: dict) -> None:
    text, field = case["text"], case.get("field")
    found = [d for d in detect(text, field) if d.score >= MIN_SCORE]
    spans = {(d.start, d.end): d.entity_type for d in found}
    if kind == "match":
        span = _span(text, case["value"])
        assert spans.get(span) == entity, f"expected {entity} at {span}, got {spans}"
        return
    if "value" in case:
        span = _span(text, case["value"])
        assert spans.get(span) != entity, f"{entity} must not be reported at {span}"
        if "other" in case:
            assert spans.get(span) == case["other"], f"expected {case['other']} at {span}"
    else:
        assert entity not in spans.values(), f"{entity} must not be reported: {spans}"
