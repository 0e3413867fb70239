"""Canary files for containers (zip, nested zip, tar.gz, bz2, xz, eml, msg) and their damaged
forms, each holding every canary value; used by tests/test_canary.py."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tests.extract.containers import make_zip
from tests.extract.msgfile import Msg, make_msg

# Locations (relative to the estate) that must hold every entity type.
CONTAINER_LOCATIONS = (
    "canary.zip!/people.csv",
    "canary.zip!/inner.zip!/notes.txt",
    "canary.tar.gz!/export/people.jsonl",
    "canary.txt.bz2",
    "canary.txt.xz",
    "canary.eml",
    "canary.eml!/people.csv",
    "canary.msg",
    "canary.msg!/people.csv",
)


def _csv(records: list[dict[str, str]]) -> str:
    header = list(records[0])
    return ",".join(header) + "\n" + "".join(
        ",".join(f'"{rec[h]}"' for h in header) + "\n" for rec in records)


def _tar(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def write_containers(root: Path, text: str, records: list[dict[str, str]],
                     values: dict[str, Any]) -> None:
    """Write the container canaries (and damaged ones: their values must not leak either)."""
    csv = _csv(records)
    jsonl = "".join(json.dumps(rec) + "\n" for rec in records)
    inner = make_zip({"notes.txt": text})
    (root / "canary.zip").write_bytes(make_zip({"people.csv": csv, "inner.zip": inner}))
    (root / "canary.tar.gz").write_bytes(gzip.compress(_tar({"export/people.jsonl":
                                                             jsonl.encode()})))
    (root / "canary.txt.bz2").write_bytes(bz2.compress(text.encode()))
    (root / "canary.txt.xz").write_bytes(lzma.compress(text.encode()))
    (root / "canary.eml").write_bytes(_mail(text, csv, values).as_bytes())
    (root / "canary.msg").write_bytes(make_msg(Msg(
        subject="canary", sender_email=values["EMAIL_ADDRESS"][1], body=text,
        attachments=[("people.csv", csv.encode())])))
    # Damaged containers: a zip with a broken central directory, malformed MIME, a cut tar.gz.
    broken = bytearray(make_zip({"people.csv": csv}))
    cd = broken.find(b"PK\x01\x02")
    broken[cd : cd + 4] = b"XXXX"
    (root / "damaged.zip").write_bytes(bytes(broken))
    mime = _mail(text, csv, values).as_bytes()
    (root / "damaged.eml").write_bytes(mime[: mime.rfind(b"--")] + b"\n=?bad?=\n")
    tgz = gzip.compress(_tar({"a.txt": text.encode() * 50}))
    (root / "damaged.tar.gz").write_bytes(tgz[:-30])


def _mail(text: str, csv: str, values: dict[str, Any]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"Canary <{values['EMAIL_ADDRESS'][0]}>"
    msg["To"] = values["EMAIL_ADDRESS"][1]
    msg["Subject"] = "canary"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative("<p>" + text.replace("\n", "<br>") + "</p>", subtype="html")
    msg.add_attachment(csv.encode(), maintype="text", subtype="csv", filename="people.csv")
    return msg
