"""Shared harness for the red-team vectors: case builders, independent verifiers, runner."""

from __future__ import annotations

import ipaddress
import re
import sys

import phonenumbers
from stdnum import iban as s_iban
from stdnum import luhn
from stdnum.dk import cpr as s_cpr
from stdnum.fi import hetu as s_hetu
from stdnum.no import fodselsnummer as s_fnr
from stdnum.se import personnummer as s_pnr

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))

CASES: list[dict] = []
_IDS: set[tuple[str, str]] = set()


def _add(entity: str, kind: str, cid: str, text: str, value: str | None, field, other):
    cid = "rt-" + cid
    assert (entity, cid) not in _IDS, cid
    _IDS.add((entity, cid))
    if value is not None:
        assert value in text, (cid, value, text)
    case = {"entity": entity, "kind": kind, "id": cid, "text": text}
    if value is not None:
        case["value"] = value
    if field is not None:
        case["field"] = field
    if other is not None:
        case["other"] = other
    CASES.append(case)


def M(entity, cid, text, value, field=None, verify=None):
    """A positive: ``value`` must be reported as ``entity``; verify independently first."""
    if verify is not None:
        assert verify(value), f"{cid}: generator produced an invalid positive"
    _add(entity, "match", cid, text, value, field, None)


def N(entity, cid, text, value=None, field=None, other=None):
    _add(entity, "no_match", cid, text, value, field, other)


# --- independent verifiers (stdnum / phonenumbers / ipaddress; never the recognisers) ---------

def v_cpr(v):
    d = v.replace("-", "")
    return s_cpr.is_valid(d)


def v_pnr(v):
    """Luhn on the written digits (stdnum.luhn); date/century by stdnum with day - 60 for a
    samordningsnummer (stdnum itself rejects those)."""
    d = re.sub(r"[-+]", "", v)
    if not luhn.is_valid(d[-10:]):
        return False
    day = int(d[-6:-4])
    if day > 60:
        d = d[:-6] + f"{day - 60:02d}" + d[-4:]
    if len(d) == 12:
        form = d[:8] + "-" + d[8:]
    else:
        form = d[:6] + ("+" if "+" in v else "-") + d[6:]
    try:
        import datetime
        return s_pnr.get_birth_date(form) <= datetime.date.today()
    except Exception:
        return False


def v_fnr(v):
    return s_fnr.is_valid(v.replace(" ", "").replace("-", ""))


def v_hetu(v):
    return s_hetu.is_valid(v.upper(), allow_temporary=True)


def v_iban(v):
    return s_iban.is_valid(v.replace(" ", "").upper())


def v_phone(v):
    s = v.strip()
    if s.startswith("00"):
        s = "+" + s[2:]
    return phonenumbers.is_valid_number(phonenumbers.parse(s, None))


def v_phone_nat(region):
    def check(v):
        return phonenumbers.is_valid_number(phonenumbers.parse(v, region))
    return check


def v_ip(v):
    try:
        ipaddress.ip_address(v)
    except ValueError:
        return False
    return True


def v_email(v):
    local, _, domain = v.rpartition("@")
    return bool(re.fullmatch(r"[A-Za-z0-9._%+\-]{1,64}", local)) and bool(
        re.fullmatch(r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}|"
                     r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+xn--[a-z0-9]+", domain)
    )


# --- runner ----------------------------------------------------------------------------------

def run(cases=None, verbose=True):
    from recognizers.reference import detect
    cases = CASES if cases is None else cases
    fails = []
    for c in cases:
        text, field = c["text"], c.get("field")
        found = [d for d in detect(text, field) if d.score >= 0.4]
        spans = {(d.start, d.end): (d.entity_type, round(d.score, 2)) for d in found}
        ent = c["entity"]
        ok = True
        if c["kind"] == "match":
            s = text.index(c["value"])
            got = spans.get((s, s + len(c["value"])))
            ok = got is not None and got[0] == ent
        elif "value" in c:
            s = text.index(c["value"])
            got = spans.get((s, s + len(c["value"])))
            ok = got is None or got[0] != ent
            if "other" in c:
                ok = ok and got is not None and got[0] == c["other"]
        else:
            ok = ent not in {v[0] for v in spans.values()}
        if not ok:
            fails.append(c)
            if verbose:
                print(f"FAIL {ent} {c['kind']} {c['id']}: {text!r} field={field!r} -> "
                      f"{ {text[a:b]: v for (a, b), v in spans.items()} }")
    print(f"{len(cases) - len(fails)}/{len(cases)} pass")
    return fails
