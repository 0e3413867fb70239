"""Deterministic benchmark inputs: free text and short cells (files on disk: ``bench.files``).

Everything is seeded: the same (size, seed) gives the same bytes on every machine, so a figure in
RESULTS.md can be reproduced. Faker is slow per call, so values are drawn once into pools (a few
thousand of each kind) and texts are assembled from the pools with a seeded ``random.Random``;
assembly runs at several MB/s.

Free text: prose in Danish, Swedish, Norwegian and English with about one planted item per
``GAP`` bytes; an item is an identifier of one of the nine entity types (70 %) or a hard negative
(30 %: order/invoice numbers, CVR, timestamps, epoch milliseconds, UUIDs, versions, OIDs,
user agents, masked cards, MACs, tracking numbers).

Short cells: the values of an SQL table (names, postcode+city, e-mails, phones, CPRs, amounts,
dates, order ids), 8-30 characters each, with the column names a scanner would see.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from faker import Faker

from bench import ids, prose

GAP = 200  # mean bytes between planted items in free text
IDENTIFIER_SHARE = 0.7  # the rest of the planted items are hard negatives
POOL = 3000  # values drawn per kind


@dataclass
class FreeText:
    """Documents of prose and what was planted in them."""

    docs: list[str]
    planted: Counter[str] = field(default_factory=Counter)
    negatives: int = 0

    @property
    def nbytes(self) -> int:
        """Size in UTF-8 bytes (what the rates are computed on)."""
        return sum(len(d.encode("utf-8")) for d in self.docs)


@dataclass
class Cells:
    """A table as short strings: ``rows`` of values under ``columns``."""

    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    planted: Counter[str] = field(default_factory=Counter)

    def flat(self) -> list[str]:
        """Every cell, row by row (how Presidio is fed: one analyze() per string)."""
        return [v for row in self.rows for v in row]

    def column(self, index: int) -> list[str]:
        """All values of one column (how the pipeline batches an SQL/CSV column)."""
        return [row[index] for row in self.rows]

    def head(self, n_cells: int) -> Cells:
        """The first rows holding about ``n_cells`` cells (the same table, smaller)."""
        n_rows = max(1, n_cells // len(self.columns))
        rows = self.rows[:n_rows]
        planted: Counter[str] = Counter()
        for col, entity in CELL_ENTITIES.items():
            planted[entity] = sum(1 for r in rows if r[self.columns.index(col)])
        return Cells(self.columns, rows, planted)


class Pools:
    """Pre-drawn values for one seed: filler sentences, identifiers, negatives, cell values."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        fakers = {lang: Faker(loc) for lang, loc in prose.LOCALES.items()}
        for i, fk in enumerate(fakers.values()):
            fk.seed_instance(seed * 31 + i)
        self.filler = {lang: _filler(fk, lang, rng) for lang, fk in fakers.items()}
        gens, self.id_origin = ids.generators()
        self.values = {e: [g(rng) for _ in range(POOL)] for e, g in gens.items()}
        self.negatives = [g(rng) for g in ids.NEGATIVES.values() for _ in range(POOL // 10)]
        dk = fakers["da"]
        self.names = [dk.name() for _ in range(POOL)] + [fakers["sv"].name() for _ in range(POOL)]
        self.cities = [f"{dk.postcode()} {dk.city()}" for _ in range(POOL)]


def _filler(fk: Faker, lang: str, rng: random.Random) -> list[str]:
    out = []
    for _ in range(POOL // 2):
        template = rng.choice(prose.FILLER[lang])
        out.append(template.format(
            name=fk.name(), city=fk.city(), company=fk.company(), street=fk.street_address()))
        if lang in ("da", "en"):  # Faker has real word lists for these two only
            out.append(fk.sentence(nb_words=rng.randint(6, 14)))
    return out


@lru_cache(maxsize=4)
def pools(seed: int) -> Pools:
    """The pools for ``seed`` (built once per process: Faker costs a second or two)."""
    return Pools(seed)


def free_text(total_bytes: int, seed: int = 0, doc_bytes: int = 16_384) -> FreeText:
    """Documents of about ``doc_bytes`` each, ``total_bytes`` in all (UTF-8, approximately)."""
    pool = pools(seed)
    rng = random.Random(seed ^ 0x5EED)
    out = FreeText(docs=[])
    langs = tuple(prose.LOCALES)
    entities = ids.ENTITIES
    done = 0
    while done < total_bytes:
        lang = rng.choice(langs)
        filler = pool.filler[lang]
        parts: list[str] = []
        size = since = 0
        gap = rng.randint(GAP // 2, GAP * 3 // 2)
        while size < doc_bytes:
            piece = rng.choice(filler)
            if since >= gap:
                gap, since = rng.randint(GAP // 2, GAP * 3 // 2), 0
                if rng.random() < IDENTIFIER_SHARE:
                    entity = rng.choice(entities)
                    phrases = prose.PHRASES[entity]
                    form = rng.choice(phrases.get(lang) or phrases["en"])
                    piece = form.format(v=rng.choice(pool.values[entity])) + ". " + piece
                    out.planted[entity] += 1
                else:
                    piece = rng.choice(pool.negatives) + ": " + piece
                    out.negatives += 1
            parts.append(piece)
            parts.append("\n" if rng.random() < 0.2 else " ")
            size += len(piece) + 1
            since += len(piece) + 1
        doc = "".join(parts)
        out.docs.append(doc)
        done += len(doc)
    return out


CELL_COLUMNS: tuple[str, ...] = (
    "navn", "postnr_by", "email", "telefon", "cpr_nr", "beloeb", "oprettet", "ordre_id",
)
#: Columns whose every value is an identifier of that type (the planted truth for cells).
CELL_ENTITIES: dict[str, str] = {
    "email": "EMAIL_ADDRESS", "telefon": "PHONE_NUMBER", "cpr_nr": "DK_CPR",
}


def cells(n_cells: int, seed: int = 0) -> Cells:
    """A table of ``n_cells`` short strings (8 columns), deterministic for ``seed``."""
    pool = pools(seed)
    rng = random.Random(seed ^ 0xCE11)
    n_rows = max(1, n_cells // len(CELL_COLUMNS))
    emails, phones, cprs = (pool.values[e] for e in ("EMAIL_ADDRESS", "PHONE_NUMBER", "DK_CPR"))
    rows = []
    for i in range(n_rows):
        phone = rng.choice(phones)
        if rng.random() < 0.3:  # a bare national number: a phone only because of the column
            phone = f"{rng.randint(2, 9)}{rng.randint(0, 9_999_999):07d}"
        rows.append((
            rng.choice(pool.names),
            rng.choice(pool.cities),
            rng.choice(emails),
            phone,
            rng.choice(cprs),
            f"kr. {rng.randint(1, 99)}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}",
            f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            f"ORD-{rng.randint(2015, 2024)}-{i:07d}" if i % 2 else str(4_000_000_000 + i),
        ))
    table = Cells(CELL_COLUMNS, rows)
    return table.head(len(rows) * len(CELL_COLUMNS))
