from __future__ import annotations

import random

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as ids
from tests.extract.containers import make_zip, walk
from tests.extract.msgfile import Msg, make_msg


def test_outlook_message_headers_body_and_attachments():
    rng = random.Random(11)
    v = {"from": cf.email(rng), "to": cf.email(rng), "cpr": ids.dk_cpr(rng),
         "csv": cf.email(rng), "inner": cf.email(rng), "fnr": ids.no_fodselsnummer(rng)}
    inner = Msg(subject="Videresendt", sender_email=v["inner"],
                body=f"fødselsnummer {v['fnr']}\n",
                attachments=[("liste.csv", f"email\n{v['csv']}\n".encode())])
    msg = Msg(subject="Ordre", sender_name="Jens Hansen", sender_email=v["from"],
              to=[("Anna Berg", v["to"])], body=f"Hej Anna\r\nmit CPR-nr. er {v['cpr']}\r\n",
              attachments=[("ordreliste.csv", f"navn,email\nJens,{v['csv']}\n".encode()),
                           ("Videresendt", inner)])
    nodes = walk("x.msg", make_msg(msg))
    assert set(nodes) == {"x.msg", "x.msg!/ordreliste.csv", "x.msg!/Videresendt.msg",
                          "x.msg!/Videresendt.msg!/liste.csv"}
    top = nodes["x.msg"]
    assert top.values("From") == [f"Jens Hansen {v['from']}"]
    assert top.values("To") == [f"Anna Berg <{v['to']}>"]
    assert top.lines == ["Hej Anna", f"mit CPR-nr. er {v['cpr']}"]
    assert top.row == ("ok", None)
    assert nodes["x.msg!/ordreliste.csv"].fields == {"navn": ["Jens"], "email": [v["csv"]]}
    fwd = nodes["x.msg!/Videresendt.msg"]
    assert fwd.values("From") == [v["inner"]] and fwd.lines == [f"fødselsnummer {v['fnr']}"]
    assert nodes["x.msg!/Videresendt.msg!/liste.csv"].fields == {"email": [v["csv"]]}


def test_msg_inside_a_zip():
    data = make_zip({"post/m.msg": make_msg(Msg(body="x@example.dk\n"))})
    assert walk("a.zip", data)["a.zip!/post/m.msg"].lines == ["x@example.dk"]


def test_corrupt_msg_and_other_ole_files():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert walk("bad.msg", ole)["bad.msg"].row == ("error", "corrupt_msg")
    truncated = make_msg(Msg(body="y\n" * 10_000))[:3000]
    assert walk("cut.msg", truncated)["cut.msg"].row == ("error", "corrupt_msg")


def test_msg_over_the_size_limit_is_skipped():
    nodes = walk("big.msg", make_msg(Msg(body="z\n")), max_mail_bytes=100)
    assert nodes["big.msg"].row == ("skipped", "mail_too_large")


def test_msg_without_the_optional_extra_is_skipped_with_a_reason(monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == "extract_msg" else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    nodes = walk("m.msg", make_msg(Msg(body="x@example.dk\n")))
    assert nodes["m.msg"].row == ("skipped", "msg_support_missing")
