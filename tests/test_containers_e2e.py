"""Archives and mail end to end through the CLI: planted identifiers and hard negatives in zip,
nested zip, tar.gz, bz2/xz, .eml and .msg members; every (location, field, entity) count must
match exactly, so a member reported under its container or a wrong field is a failure."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

import pytest

from scanner.cli import EXIT_PARTIAL
from scanner.demo import Planter
from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nid
from tests.estate import found_counts, read_findings, read_locations, relative, run_cli
from tests.extract.containers import encrypt_flag, make_zip
from tests.extract.msgfile import Msg, make_msg

ROWS = 40


class Estate:
    """Writes container files whose planted truth is keyed by member location."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.p = Planter(seed=8080)
        self.r = self.p.rng

    def csv(self, where: str, rows: int = ROWS) -> str:
        lines = ["navn,email,cpr,kortnummer,cvr,ordrenr"]
        for _ in range(rows):
            lines.append(",".join([
                self.p.name("DK"),
                self.p.put(where, "email", "EMAIL_ADDRESS", self.p.email()),
                self.p.put(where, "cpr", "DK_CPR", nid.dk_cpr(self.r, born=self.p.born())),
                self.p.put(where, "kortnummer", "CREDIT_CARD", cf.card(self.r, "visa", " ")),
                self.p.neg("cvr", cf.cvr(self.r)),
                self.p.neg("order", cf.order_number(self.r)),
            ]))
        return "\n".join(lines) + "\n"

    def text(self, where: str, rows: int = ROWS) -> str:
        out, negatives = [], []
        put, neg, r = self.p.put, self.p.neg, self.r
        for _ in range(rows):
            tel = put(where, None, "PHONE_NUMBER", cf.phone(r, "DK"))
            iban = put(where, None, "IBAN_CODE", cf.iban(r, "DK", grouped=True))
            out.append(f"Kunden ringede fra {tel} og oplyste IBAN {iban}.")
            negatives.append(f"Fakturanr. {neg('order', cf.order_number(r))},"
                             f" kort {neg('masked', cf.masked_card(r))}")
        return "\n".join(out + negatives) + "\n"

    def json_doc(self, where: str) -> str:
        import json
        people = [{"kontakt": {"email": self.p.put(where, "$.kunder[*].kontakt.email",
                                                   "EMAIL_ADDRESS", self.p.email("SE"))},
                   "ts": self.p.neg("timestamp", cf.ms_timestamp(self.r))} for _ in range(ROWS)]
        return json.dumps({"kunder": people})

    def write(self) -> None:
        self.root.mkdir()
        self.zip_family()
        self.tar_and_compressed()
        self.mail()
        self.damaged()

    def zip_family(self) -> None:
        z = "kunder.zip!/"
        nordic = "eksport/kunder%20%C3%A6%C3%B8%C3%A5.csv"  # "kunder æøå.csv", percent-encoded
        members = {"eksport/kunder æøå.csv": self.csv(z + nordic),
                   "eksport/data.json": self.json_doc(z + "eksport/data.json"),
                   "noter/Malmö.txt": self.text(z + "noter/Malm%C3%B6.txt")}
        deep = make_zip({"c.txt": self.text(z + "a.zip!/b.zip!/c.txt", 5)})
        members["a.zip"] = make_zip({"a.csv": self.csv(z + "a.zip!/a.csv", 5), "b.zip": deep})
        (self.root / "kunder.zip").write_bytes(make_zip(members))

    def tar_and_compressed(self) -> None:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tf:
            for name in ("backup/kunder.csv", "backup/log.txt"):
                where = "backup.tar.gz!/" + name
                content = self.csv(where) if name.endswith(".csv") else self.text(where)
                data = content.encode()
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        (self.root / "backup.tar.gz").write_bytes(buf.getvalue())
        csv = self.csv("kunder.csv.bz2").encode()
        (self.root / "kunder.csv.bz2").write_bytes(bz2.compress(csv))
        (self.root / "noter.txt.xz").write_bytes(lzma.compress(self.text("noter.txt.xz").encode()))

    def mail(self) -> None:
        msg = EmailMessage()
        sender = self.p.put("ordre.eml", "From", "EMAIL_ADDRESS", self.p.email())
        msg["From"] = f"Jens <{sender}>"
        msg["To"] = self.p.put("ordre.eml", "To", "EMAIL_ADDRESS", self.p.email("NO"))
        msg["Subject"] = "Ordre"
        cpr = self.p.put("ordre.eml", None, "DK_CPR", nid.dk_cpr(self.r, born=self.p.born()))
        order = self.p.neg("order", cf.order_number(self.r))
        msg.set_content(f"Hej, mit CPR-nr. er {cpr}.\nBilagsnr. {order}\n",
                        cte="quoted-printable")
        msg.add_attachment(self.csv("ordre.eml!/ordreliste.csv", 10).encode(), maintype="text",
                           subtype="csv", filename="ordreliste.csv")
        (self.root / "ordre.eml").write_bytes(msg.as_bytes())
        sender = self.p.put("outlook.msg", "From", "EMAIL_ADDRESS", self.p.email())
        body_mail = self.p.put("outlook.msg", None, "EMAIL_ADDRESS", self.p.email())
        (self.root / "outlook.msg").write_bytes(make_msg(Msg(
            subject="Liste", sender_email=sender, body=f"Skriv til {body_mail}\n",
            attachments=[("liste.csv", self.csv("outlook.msg!/liste.csv", 8).encode())])))

    def damaged(self) -> None:
        secret = make_zip({"hemmelig.csv": "cpr\n" + nid.dk_cpr(self.r) + "\n"})
        (self.root / "krypteret.zip").write_bytes(encrypt_flag(secret))
        bomb = make_zip({"bomb.txt": b"0" * (30 << 20),
                         "ok.csv": self.csv("bombe.zip!/ok.csv", 5)})
        (self.root / "bombe.zip").write_bytes(bomb)
        good = bytearray(make_zip({"m.csv": self.csv("cd.zip!/m.csv", 5)}))
        cd = good.find(b"PK\x01\x02")
        good[cd : cd + 4] = b"XXXX"
        (self.root / "cd.zip").write_bytes(bytes(good))
        evil = make_zip({"../../evil.csv": self.csv("evil.zip!/%2E%2E/%2E%2E/evil.csv", 3)})
        (self.root / "evil.zip").write_bytes(evil)
        members = {f"m{k}.txt": _noise(k) for k in range(4)}
        members["m1.txt"] = self.text("cut.tar.gz!/m1.txt", 10) + _noise(9)
        tar = gzip.compress(_tar(members))
        # cut inside m3: m0..m2 are whole; m3 is partial and holds no planted value
        (self.root / "cut.tar.gz").write_bytes(tar[: int(len(tar) * 0.9)])


def _noise(seed: int) -> str:
    import random
    rnd = random.Random(seed)
    letters = str.maketrans("0123456789abcdef", "ghijklmnopqrstuv")  # no digit runs
    return "".join(f"linje {rnd.getrandbits(64):x}\n".translate(letters) for _ in range(20_000))


def _tar(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, content in members.items():
            data = content.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("containers")
    estate = Estate(base / "estate")
    estate.write()
    out = base / "out"
    result = run_cli("scan", str(estate.root), "--out", str(out), "--workers", "2", "--quiet")
    return estate, out, result


def test_every_count_matches_per_location_and_field(scanned):
    estate, out, result = scanned
    assert result.code == EXIT_PARTIAL, result.stderr  # the damaged files
    found = found_counts(read_findings(out), estate.root)
    planted = estate.p.truth.counts
    diff = {k: (found.get(k, 0), planted.get(k, 0)) for k in set(found) | set(planted)
            if found.get(k, 0) != planted.get(k, 0)}
    assert not diff, sorted(diff.items())
    assert sum(planted.values()) > 500


def test_location_rows_of_containers_and_members(scanned):
    estate, out, _ = scanned
    rows = {relative(k, estate.root): v for k, v in read_locations(out).items()}
    status = {k: (v["status"], v["error_type"]) for k, v in rows.items()}
    assert status["kunder.zip"] == ("ok", None)
    assert status["kunder.zip!/a.zip!/b.zip!/c.txt"] == ("ok", None)
    assert rows["kunder.zip!/a.zip!/b.zip!/c.txt"]["container"].endswith("kunder.zip!/a.zip!/b.zip")
    assert rows["kunder.zip"]["container"] is None
    assert rows["backup.tar.gz!/backup/kunder.csv"]["source_type"] == "file"
    assert status["krypteret.zip!/hemmelig.csv"] == ("skipped", "encrypted")
    assert status["bombe.zip!/bomb.txt"] == ("skipped", "compression_ratio_limit")
    assert status["cd.zip"] == ("error", "corrupt_zip")
    assert status["cd.zip!/m.csv"] == ("ok", None)
    assert status["evil.zip!/%2E%2E/%2E%2E/evil.csv"] == ("ok", "unsafe_member_path")
    assert status["cut.tar.gz"][0] == "error"
    assert status["cut.tar.gz!/m1.txt"] == ("ok", None)
    assert status["ordre.eml!/ordreliste.csv"] == ("ok", None)
    assert rows["ordre.eml!/ordreliste.csv"]["units_scanned"] == 10
    assert not (estate.root.parent / "evil.csv").exists()
    assert not (estate.root.parent.parent / "evil.csv").exists()


def test_summary_counts_members_as_locations(scanned):
    estate, out, result = scanned
    import json
    meta = json.loads((out / "scan.json").read_text())
    rows = read_locations(out)
    assert meta["totals"]["locations"] == len(rows)
    on_disk = sum(1 for p in estate.root.iterdir())
    assert len([r for r in rows.values() if r["container"] is None]) == on_disk
    assert meta["settings"]["max_archive_depth"] == 5


def test_depth_and_member_limits_from_a_config_file(scanned, tmp_path):
    estate, _, _ = scanned
    config = tmp_path / "limits.yaml"
    config.write_text("max_archive_depth: 2\nmax_archive_members: 3\n")
    out = tmp_path / "out"
    run_cli("scan", str(estate.root / "kunder.zip"), "--out", str(out), "--config", str(config),
            "--quiet")
    rows = {relative(k, estate.root): (v["status"], v["error_type"])
            for k, v in read_locations(out).items()}
    assert rows["kunder.zip"] == ("error", "archive_member_limit")
    assert len([k for k in rows if "!/" in k]) == 3
    counts = Counter(found_counts(read_findings(out), estate.root))
    assert all(k[0].count("!/") <= 2 for k in counts)
