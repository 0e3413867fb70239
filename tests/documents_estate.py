"""A folder of generated documents with planted identifiers and hard negatives, and its truth.

Truth is keyed like the inventory: (file name, field, entity type) -> planted count. Hard
negatives (a date cell, a CVR column, an amount, order numbers, a split-looking number in HTML)
are planted too and must produce no finding. Used by the e2e and canary tests.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nid
from tests.extract.docfiles import (
    encrypt_pdf,
    make_docx,
    make_ods,
    make_odt,
    make_pdf,
    make_xls,
    make_xlsx,
    rewrite_zip,
)

Key = tuple[str, str | None, str]
SHEET_HEADER = ["Navn", "CPR", "Telefon", "E-mail", "CVR", "Beløb", "Oprettet"]


class Values:
    """Synthetic identifiers from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def cpr(self, dashed: bool = True, early_day: bool = False) -> str:
        born = nid.birth_date(self.rng)
        if early_day:
            born = born.replace(day=self.rng.randint(1, 9))
        return nid.dk_cpr(self.rng, dashed=dashed, born=born)

    def phone(self) -> str:
        return cf.phone(self.rng, "DK", style="compact")

    def email(self) -> str:
        return cf.email(self.rng)

    def cvr(self) -> int:
        return int(cf.cvr(self.rng))

    def date(self) -> datetime.datetime:
        return datetime.datetime(2015, 1, 1) + datetime.timedelta(days=self.rng.randrange(3000))

    def amount(self) -> float:
        return round(self.rng.uniform(1000, 99999), 2)


def sheet_rows(v: Values, n: int, numeric: bool) -> tuple[list[list[object]], list[int]]:
    """Rows under SHEET_HEADER; with ``numeric`` every third CPR is a number with a leading
    zero (written through a 0000000000 mask) and phones are numbers. Returns the rows and the
    row indexes (1-based, after the header) whose CPR needs the mask."""
    rows: list[list[object]] = [list(SHEET_HEADER)]
    masked = []
    for i in range(n):
        cpr: object = v.cpr(dashed=i % 2 == 0)
        if numeric and i % 3 == 0:
            cpr = int(v.cpr(dashed=False, early_day=True))
            masked.append(i + 1)
        phone: object = int(v.phone()) if numeric else v.phone()
        rows.append([f"Kunde {i}", cpr, phone, v.email(), v.cvr(), v.amount(), v.date()])
    return rows, masked


def build(root: Path, seed: int = 11, rows: int = 12) -> Counter[Key]:
    """Write every document format under ``root``; return the planted truth."""
    root.mkdir(parents=True, exist_ok=True)
    v = Values(seed)
    truth: Counter[Key] = Counter()
    _spreadsheets(root, v, rows, truth)
    _word(root, v, truth)
    _pdfs(root, v, truth)
    _parquet(root, v, rows, truth)
    _markup(root, v, truth)
    return truth


def _plant_sheet(truth: Counter[Key], name: str, n: int) -> None:
    truth[(name, "CPR", "DK_CPR")] += n
    truth[(name, "Telefon", "PHONE_NUMBER")] += n
    truth[(name, "E-mail", "EMAIL_ADDRESS")] += n


def _spreadsheets(root: Path, v: Values, n: int, truth: Counter[Key]) -> None:
    kunder, masked = sheet_rows(v, n, numeric=True)
    second, _ = sheet_rows(v, n // 2, numeric=False)
    formats = {("Kunder", f"B{r + 1}"): "0000000000" for r in masked}
    (root / "kunder.xlsx").write_bytes(make_xlsx({"Kunder": kunder, "Leverandører": second},
                                                 formats))
    _plant_sheet(truth, "kunder.xlsx", n + n // 2)  # one field per header across both sheets
    xls_rows, xls_masked = sheet_rows(v, n, numeric=True)
    masks = {("Ark1", r, 1): "0000000000" for r in xls_masked}
    (root / "gammel.xls").write_bytes(make_xls({"Ark1": xls_rows}, masks))
    _plant_sheet(truth, "gammel.xls", n)
    ods_rows, _ = sheet_rows(v, n, numeric=False)
    (root / "kunder.ods").write_bytes(make_ods({"Ark1": ods_rows}))
    _plant_sheet(truth, "kunder.ods", n)


def _letter(v: Values) -> tuple[list[str], list[list[str]], dict[str, str]]:
    paragraphs = [
        "Kære kunde,",
        f"Vi har registreret dit CPR-nr. {v.cpr()} i vores system.",
        f"Fakturanr. {cf.order_number(v.rng)} og CVR {cf.cvr(v.rng)} er vores egne.",
        f"Beløbet {v.amount():.2f} kr. er betalt den {v.date():%d-%m-%Y}.",
    ]
    table = [["Navn", "Telefon"], ["Anna", f"Tlf. {v.phone()}"], ["Bo", f"Tlf. {v.phone()}"]]
    extra = {"header": f"Kontakt: {v.email()}", "footer": f"IBAN {cf.iban(v.rng, 'DK')}",
             "textbox": f"Betalt med kort {cf.card(v.rng, 'visa', ' ')}"}
    return paragraphs, table, extra


def _word(root: Path, v: Values, truth: Counter[Key]) -> None:
    paragraphs, table, extra = _letter(v)
    (root / "brev.docx").write_bytes(make_docx(paragraphs, table, **extra))
    for entity, count in (("DK_CPR", 1), ("PHONE_NUMBER", 2), ("EMAIL_ADDRESS", 1),
                          ("IBAN_CODE", 1), ("CREDIT_CARD", 1)):
        truth[("brev.docx", None, entity)] += count
    paragraphs, table, extra = _letter(v)
    (root / "brev.odt").write_bytes(make_odt([*paragraphs, extra["header"]], table))
    for entity, count in (("DK_CPR", 1), ("PHONE_NUMBER", 2), ("EMAIL_ADDRESS", 1)):
        truth[("brev.odt", None, entity)] += count


def _pdfs(root: Path, v: Values, truth: Counter[Key]) -> None:
    pages = [[f"CPR-nr.: {v.cpr()}", f"Telefon: +45 {v.phone()}", "Ordrenr. 20240117"],
             [f"E-mail: {v.email()}", f"Mit CPR-nr. er {v.cpr(dashed=False)}"]]
    (root / "rapport.pdf").write_bytes(make_pdf(pages))
    truth[("rapport.pdf", None, "DK_CPR")] += 2
    truth[("rapport.pdf", None, "PHONE_NUMBER")] += 1
    truth[("rapport.pdf", None, "EMAIL_ADDRESS")] += 1
    secret = make_pdf([[f"CPR-nr.: {v.cpr()}"]])
    (root / "hemmelig.pdf").write_bytes(encrypt_pdf(secret))
    (root / "scannet.pdf").write_bytes(make_pdf([["x"], ["y"]], image_only=(0, 1)))


def _parquet(root: Path, v: Values, n: int, truth: Counter[Key]) -> None:
    table = pa.table({
        "cpr": [v.cpr(dashed=False) for _ in range(n)],
        "telefon": pa.array([int(v.phone()) for _ in range(n)], pa.int64()),
        "kunde": [{"kontakt": {"email": v.email()}} for _ in range(n)],
        "cvr": pa.array([v.cvr() for _ in range(n)], pa.int64()),
        "amount": [v.amount() for _ in range(n)],
        "created_at": [v.date() for _ in range(n)],
    })
    pq.write_table(table, root / "kunder.parquet", row_group_size=max(1, n // 3))
    truth[("kunder.parquet", "cpr", "DK_CPR")] += n
    truth[("kunder.parquet", "telefon", "PHONE_NUMBER")] += n
    truth[("kunder.parquet", "kunde.kontakt.email", "EMAIL_ADDRESS")] += n


def _markup(root: Path, v: Values, truth: Counter[Key]) -> None:
    cpr, email, phone = v.cpr(), v.email(), v.phone()
    # 1234<b></b>5678-style inline markup joins; cells separate (12345678 | 90 is no CPR).
    html = (f"<!DOCTYPE html><html><head><title>Kunder</title><script>var x = '{v.cpr()}';"
            f"</script><style>td {{ color: red }}</style></head><body>"
            f"<p>CPR-nr. {cpr[:4]}<b>{cpr[4:]}</b></p>"
            f"<table><tr><td>{cf.order_number(v.rng)}</td><td>90</td></tr>"
            f"<tr><td>Tlf.</td><td>{phone}</td></tr></table>"
            f"<p>Skriv til <a href=\"mailto:{email}\">kundeservice</a> &amp; få svar.</p>"
            "</body></html>")
    (root / "side.html").write_text(html, encoding="utf-8")
    truth[("side.html", None, "DK_CPR")] += 1
    truth[("side.html", None, "PHONE_NUMBER")] += 1
    truth[("side.html", None, "EMAIL_ADDRESS")] += 1
    xml = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<kunder>'
           + "".join(f'<kunde cpr="{v.cpr()}"><navn>Søren</navn><tlf>{v.phone()}</tlf>'
                     f"<ordrenr>{cf.order_number(v.rng)}</ordrenr></kunde>" for _ in range(3))
           + "</kunder>")
    (root / "eksport.xml").write_bytes(xml.encode("iso-8859-1"))
    truth[("eksport.xml", None, "DK_CPR")] += 3
    truth[("eksport.xml", None, "PHONE_NUMBER")] += 3


CANARY_FILES = {"xlsx": "canary.xlsx", "xls": "canary.xls", "ods": "canary.ods",
                "docx": "canary.docx", "odt": "canary.odt", "pdf": "canary.pdf",
                "parquet": "canary.parquet", "html": "canary.html", "xml": "canary.xml"}


def write_canary_documents(root: Path, lines: list[str], records: list[dict[str, str]]) -> None:
    """The canary's values in every document format (see tests/test_canary.py), plus damaged
    documents whose error paths must not leak them either."""
    from xml.sax.saxutils import escape

    header = list(records[0])
    rows: list[list[object]] = [list(header)] + [[rec[h] for h in header] for rec in records]
    (root / "canary.xlsx").write_bytes(make_xlsx({"Ark1": rows, "Ark2": rows}))
    (root / "canary.xls").write_bytes(make_xls({"Ark1": rows}))
    (root / "canary.ods").write_bytes(make_ods({"Ark1": rows}))
    docx = make_docx(lines[: len(lines) // 2], header=lines[-1], footer=lines[-2],
                     textbox=lines[-3], table=[[line] for line in lines[len(lines) // 2: -3]])
    (root / "canary.docx").write_bytes(docx)
    (root / "canary.odt").write_bytes(make_odt(lines))
    (root / "canary.pdf").write_bytes(make_pdf([lines[: len(lines) // 2],
                                                lines[len(lines) // 2:]]))
    pq.write_table(pa.table({h: [rec[h] for rec in records] for h in header}),
                   root / "canary.parquet")
    (root / "canary.html").write_text(
        "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in lines) + "</body></html>",
        encoding="utf-8")
    (root / "canary.xml").write_text(
        "<?xml version='1.0' encoding='UTF-8'?><people>" + "".join(
            "<person>" + "".join(f"<{h}>{escape(rec[h])}</{h}>" for h in header) + "</person>"
            for rec in records) + "</people>", encoding="utf-8")
    # Damaged documents holding the values: their error messages must not quote them.
    xlsx = (root / "canary.xlsx").read_bytes()
    (root / "damaged.xlsx").write_bytes(xlsx[: len(xlsx) * 2 // 3])
    (root / "damaged.docx").write_bytes(rewrite_zip(docx, "word/document.xml",
                                                    lambda xml: xml[: len(xml) * 2 // 3]))
    pdf = (root / "canary.pdf").read_bytes()
    start = pdf.index(b"stream\n") + 7
    (root / "damaged.pdf").write_bytes(pdf[:start] + b"\x00" + pdf[start + 1:])
    (root / "damaged.xml").write_text("<people><cpr>" + escape(records[0]["cpr"])
                                      + "</cpr><x></people>", encoding="utf-8")
    (root / "renamed.docx").write_text("\n".join(lines), encoding="utf-8")
