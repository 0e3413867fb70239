from __future__ import annotations

import base64
import quopri
import random
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as ids
from tests.extract.containers import make_zip, walk

SENT = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(2024)


def mail(rng: random.Random) -> tuple[EmailMessage, dict[str, str]]:
    v = {"from": cf.email(rng), "to": cf.email(rng), "cc": cf.email(rng),
         "reply": cf.email(rng), "cpr": ids.dk_cpr(rng), "tel": cf.phone(rng, "DK"),
         "csv_mail": cf.email(rng), "pnr": ids.se_personnummer(rng)}
    msg = EmailMessage()
    msg["From"] = f"Jens Hansen <{v['from']}>"
    msg["To"] = f"Åse Berg <{v['to']}>"
    msg["Cc"] = v["cc"]
    msg["Reply-To"] = v["reply"]
    msg["Subject"] = "Ordre nr. 4471 – bekræftelse"
    msg["Date"] = format_datetime(SENT)
    msg.set_content(f"Hej Åse,\nmit CPR-nr. er {v['cpr']}.\nRing på tlf. {v['tel']}\n",
                    cte="quoted-printable")
    msg.add_alternative(f"<p>Hej Åse,<br>mit CPR-nr. er <b>{v['cpr']}</b>.</p>", subtype="html")
    msg.add_attachment(f"navn,email\nJens,{v['csv_mail']}\n".encode(), maintype="text",
                       subtype="csv", filename="ordreliste.csv")
    return msg, v


def test_headers_body_and_csv_attachment(rng):
    msg, v = mail(rng)
    nodes = walk("x.eml", msg.as_bytes())
    assert set(nodes) == {"x.eml", "x.eml!/ordreliste.csv"}
    top = nodes["x.eml"]
    assert top.values("From") == [f"Jens Hansen <{v['from']}>"]
    assert top.values("To") == [f"Åse Berg <{v['to']}>"]
    assert top.values("Cc") == [v["cc"]] and top.values("Reply-To") == [v["reply"]]
    body = "\n".join(top.lines)
    assert body.count(v["cpr"]) == 1  # the plain version only, not the HTML alternative too
    assert f"Ring på tlf. {v['tel']}" in body
    assert nodes["x.eml!/ordreliste.csv"].fields == {"navn": ["Jens"], "email": [v["csv_mail"]]}
    member = nodes["x.eml!/ordreliste.csv"].member
    assert member.last_modified == SENT and member.name == "ordreliste.csv"
    assert top.row == ("ok", None)
    assert top.outcome.units_scanned == 5 + body.count("\n") + 1


def test_base64_iso_8859_1_body_and_html_only_mail(rng):
    cpr = ids.dk_cpr(rng)
    text = f"Kære Søren, dit personnummer er {cpr}\n".encode("iso-8859-1")
    raw = (b"From: a@example.dk\r\nTo: b@example.dk\r\nSubject: =?iso-8859-1?q?K=E6re_S=F8ren?=\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(text))
    nodes = walk("b.eml", raw)
    assert nodes["b.eml"].lines == [f"Kære Søren, dit personnummer er {cpr}"]
    assert nodes["b.eml"].values("Subject") == ["Kære Søren"]
    html = f"<html><body><p>Tlf.<b>12</b>345678 og CPR {cpr}</p><script>x=1</script>"
    raw = (b"From: a@example.dk\r\nContent-Type: text/html; charset=utf-8\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           + quopri.encodestring(html.encode()))
    nodes = walk("h.eml", raw)
    assert nodes["h.eml"].lines == [f"Tlf.12345678 og CPR {cpr}"]


def test_nested_message_is_a_member_with_its_own_headers_and_attachments(rng):
    inner, v = mail(rng)
    outer = EmailMessage()
    outer["From"] = "chef@example.dk"
    outer["Subject"] = "Fwd: ordre"
    outer.set_content("Se vedhæftede.\n")
    outer.add_attachment(inner)
    nodes = walk("fwd.eml", outer.as_bytes())
    assert set(nodes) == {"fwd.eml", "fwd.eml!/message-1.eml",
                          "fwd.eml!/message-1.eml!/ordreliste.csv"}
    assert nodes["fwd.eml"].values("From") == ["chef@example.dk"]
    assert v["cpr"] not in nodes["fwd.eml"].text
    nested = nodes["fwd.eml!/message-1.eml"]
    assert nested.values("From") == [f"Jens Hansen <{v['from']}>"]
    assert v["cpr"] in nested.text
    assert nodes["fwd.eml!/message-1.eml!/ordreliste.csv"].fields["email"] == [v["csv_mail"]]


def test_zip_attachment_and_duplicate_names(rng):
    msg = EmailMessage()
    msg["From"] = "a@example.dk"
    msg.set_content("x\n")
    msg.add_attachment(make_zip({"in.csv": "email\nz@example.dk\n"}), maintype="application",
                       subtype="zip", filename="eksport.zip")
    for k in range(2):
        msg.add_attachment(f"{k}\n".encode(), maintype="text", subtype="plain",
                           filename="note.txt")
    msg.add_attachment(b"\x89PNG\r\n\x1a\n\x00\x00", maintype="image", subtype="png")
    nodes = walk("z.eml", msg.as_bytes())
    assert nodes["z.eml!/eksport.zip!/in.csv"].fields == {"email": ["z@example.dk"]}
    assert {"z.eml!/note.txt", "z.eml!/note-2.txt", "z.eml!/part-4.png"} <= set(nodes)
    assert nodes["z.eml!/part-4.png"].row == ("skipped", "binary")


def test_malformed_mime_keeps_what_was_read(rng):
    mail_addr = cf.email(rng)
    raw = (b"From: a@example.dk\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
           b"--XYZ\r\nContent-Type: text/plain\r\n\r\nbody text\r\n"
           b"--XYZ\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; "
           b'filename="l.csv"\r\n\r\nemail\r\n' + mail_addr.encode() + b"\r\n"
           b"--XYZ\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"aGVq!!!\r\n")  # no closing boundary, bad base64
    nodes = walk("bad.eml", raw)
    assert nodes["bad.eml"].row == ("error", "malformed_mime")
    assert "CloseBoundaryNotFoundDefect" in nodes["bad.eml"].outcome.error_message
    assert nodes["bad.eml!/l.csv"].fields == {"email": [mail_addr]}
    assert "body text" in nodes["bad.eml"].text


def test_a_text_file_named_eml_is_malformed_but_scanned():
    nodes = walk("n.eml", b"just some notes, mail x@example.dk\n\nmore\n")
    assert "x@example.dk" in nodes["n.eml"].text
    assert nodes["n.eml"].row == ("error", "malformed_mime")


def test_mail_over_the_size_limit_is_read_as_text(rng):
    msg, v = mail(rng)
    nodes = walk("big.eml", msg.as_bytes(), max_mail_bytes=200)
    assert list(nodes) == ["big.eml"]
    assert nodes["big.eml"].row == ("error", "mail_too_large")
    assert v["from"] in nodes["big.eml"].text


def test_attachments_beyond_the_depth_limit_are_recorded(rng):
    msg, v = mail(rng)
    nodes = walk("d.zip", make_zip({"m.eml": msg.as_bytes()}), max_archive_depth=1)
    assert nodes["d.zip!/m.eml"].row == ("error", "archive_depth_limit")
    assert v["cpr"] in nodes["d.zip!/m.eml"].text  # its own body was read
    assert "d.zip!/m.eml!/ordreliste.csv" not in nodes


def test_a_maildir_file_without_extension_is_read_as_mail(rng):
    msg, v = mail(rng)
    nodes = walk("1700000000.M1P2.host:2,S", msg.as_bytes())
    assert nodes["1700000000.M1P2.host:2,S!/ordreliste.csv"].fields["email"] == [v["csv_mail"]]
    top = nodes["1700000000.M1P2.host:2,S"]
    assert top.values("Cc") == [v["cc"]]
    plain = walk("notes", b"Subject line: not a mail\nbut text x@example.dk\n")
    assert list(plain) == ["notes"] and plain["notes"].row == ("ok", None)
