"""Append the red-team vectors to tests/recognizers/cases/*.yml (idempotent: replaces rt- blocks)."""

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))

from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

import common  # noqa: E402
import contact  # noqa: E402
import extra  # noqa: E402
import hardneg  # noqa: E402
import ids  # noqa: E402

ids.build()
contact.build()
extra.build()
hardneg.build()
fails = common.run(verbose=True)
assert not fails

CASES = Path(__file__).resolve().parents[2] / "tests" / "recognizers" / "cases"
BEGIN = "# --- rt: red-team vectors (independent tester; generated, positives verified with " \
        "stdnum / phonenumbers / ipaddress) ---"
END = "# --- end rt ---"


def dump(cases):
    out = []
    for c in cases:
        item = {k: c[k] for k in ("id", "text", "value", "field", "other") if k in c}
        out.append(item)
    text = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    return f"{BEGIN}\n{text}{END}\n"


def strip_block(text):
    while BEGIN in text:
        a = text.index(BEGIN)
        b = text.index(END, a) + len(END) + 1
        text = text[:a] + text[b:]
    return text


by_entity = {}
for c in common.CASES:
    by_entity.setdefault(c["entity"], {"match": [], "no_match": []})[c["kind"]].append(c)

for entity, kinds in by_entity.items():
    path = CASES / f"{entity}.yml"
    original = path.read_text(encoding="utf-8")
    before = yaml.safe_load(original)
    text = strip_block(original)
    lines = text.split("\n")
    idx = lines.index("no_match:")
    head = "\n".join(lines[:idx]).rstrip("\n") + "\n"
    tail = "\n".join(lines[idx:]).rstrip("\n") + "\n"
    new = head + dump(kinds["match"]) + tail + dump(kinds["no_match"])
    data = yaml.safe_load(new)
    # the original cases are untouched and ours round-trip exactly
    old_ids = {c["id"] for c in (before.get("match") or []) + (before.get("no_match") or [])
               if not c["id"].startswith("rt-")}
    new_ids = [c["id"] for c in (data.get("match") or []) + (data.get("no_match") or [])]
    assert len(new_ids) == len(set(new_ids)), entity
    assert old_ids <= set(new_ids)
    mine = [c for c in data["match"] if c["id"].startswith("rt-")]
    assert [c["text"] for c in mine] == [c["text"] for c in kinds["match"]]
    mine = [c for c in data["no_match"] if c["id"].startswith("rt-")]
    assert [c.get("value") for c in mine] == [c.get("value") for c in kinds["no_match"]]
    path.write_text(new, encoding="utf-8")
    print(entity, len(kinds["match"]), len(kinds["no_match"]))
