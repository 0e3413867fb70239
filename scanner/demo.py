"""``pii-scan demo``: a deterministic synthetic estate, its planted truth, and a scan of it.

The estate (``DIR/estate``) is a folder of csv/json/jsonl/txt/log/gz/md files plus a binary file
(``files/``) and a SQLite database (``app.db``: customers, contact_form and orders tables with date
columns). Names and addresses come from Faker (da_DK, sv_SE, no_NO, fi_FI) with a fixed seed,
identifiers from the checksum-valid generators in :mod:`scanner.synthetic`, so every run writes
the same bytes. Hard negatives (CVR and org. numbers, order and invoice numbers, tracking numbers,
masked cards, timestamps, UUIDs, user agents, OIDs, MACs, EAN codes, retina file names) sit next to
the identifiers. Every identifier written is recorded in a :class:`Truth`, which the end-to-end
tests compare with the inventory.

Planted values are unambiguous by construction: national IDs are written under their own
country's label, and Danish and Swedish birth years are chosen so that a CPR is never also a valid
Swedish date (and vice versa), because a truly ambiguous number has no single right answer.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

from scanner.runner import Progress, ScanReport, run_scan
from scanner.settings import Settings
from scanner.synthetic import contact_financial as cf
from scanner.synthetic import national_ids as nid

DEFAULT_SEED = 20240501
DEFAULT_ROWS = 40
FILES_DIR = "files"
DB_NAME = "app.db"
#: Written into the estate root; an existing directory without it is never deleted.
MARKER = ".pii-scan-demo-estate"
#: Files and the database get this mtime, so two runs give identical inventories.
FIXED_MTIME = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC).timestamp()
_LOCALES = {"DK": "da_DK", "SE": "sv_SE", "NO": "no_NO", "FI": "fi_FI"}
# Birth years whose two digits are > 31: a CPR (DDMMYY) is then no valid Swedish YYMMDD and a
# Swedish number no valid CPR, whatever the checksums say.
_FIRST_BORN, _LAST_BORN = dt.date(1932, 1, 1), dt.date(1999, 12, 31)

Key = tuple[str, "str | None", str]  # (location relative to the estate, field, entity type)


@dataclass
class Truth:
    """What was planted: counts per (location, field, entity), record-date ranges, negatives."""

    counts: Counter[Key] = field(default_factory=Counter)
    dates: dict[Key, tuple[dt.datetime, dt.datetime]] = field(default_factory=dict)
    negatives: Counter[str] = field(default_factory=Counter)  # hard-negative kind -> count
    values: list[str] = field(default_factory=list)  # every planted value (canary tests)

    def by_entity(self) -> Counter[str]:
        """Planted count per entity type."""
        out: Counter[str] = Counter()
        for (_, _, entity), n in self.counts.items():
            out[entity] += n
        return out

    def add_date(self, key: Key, when: dt.datetime) -> None:
        """Widen the planted record-date range of ``key``."""
        low, high = self.dates.get(key, (when, when))
        self.dates[key] = (min(low, when), max(high, when))


class Planter:
    """Makes synthetic values and records each identifier it hands out in the truth."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)
        self.truth = Truth()
        self.fake: dict[str, Faker] = {}
        for i, (cc, locale) in enumerate(_LOCALES.items()):
            self.fake[cc] = Faker(locale)
            self.fake[cc].seed_instance(seed + i)

    def put(self, where: str, fld: str | None, entity: str, value: str) -> str:
        """Record ``value`` as one planted ``entity`` at (where, fld) and return it."""
        self.truth.counts[(where, fld, entity)] += 1
        self.truth.values.append(value)
        return value

    def neg(self, kind: str, value: str) -> str:
        """Record a hard negative of ``kind`` (expected to give no finding) and return it."""
        self.truth.negatives[kind] += 1
        return value

    def chance(self, p: float) -> bool:
        """True with probability ``p`` (deterministic from the seed)."""
        return self.rng.random() < p

    def born(self) -> dt.date:
        """A birth date with an unambiguous two-digit year (see module docstring)."""
        return nid.birth_date(self.rng, _FIRST_BORN, _LAST_BORN)

    def name(self, cc: str) -> str:
        """A person's name from the country's Faker locale."""
        return str(self.fake[cc].name())

    def national_id(self, cc: str) -> tuple[str, str]:
        """(entity, value) of a valid national ID of ``cc`` in a random written form."""
        r, born = self.rng, self.born()
        if cc == "DK":
            value = nid.dk_cpr(r, mod11=self.chance(0.8), dashed=self.chance(0.7), born=born)
            return "DK_CPR", value
        if cc == "SE":
            value = nid.se_personnummer(r, samordning=self.chance(0.1),
                                        long_form=self.chance(0.3), born=born)
            return "SE_PERSONNUMMER", value
        if cc == "NO":
            return "NO_FODSELSNUMMER", nid.no_fodselsnummer(r, d_number=self.chance(0.1), born=born)
        return "FI_HETU", nid.fi_hetu(r, new_sign=self.chance(0.2), born=born)

    def phone(self, cc: str, national: bool | None = None) -> str:
        """A valid phone number of ``cc``, national or international form."""
        national = self.chance(0.5) if national is None else national
        return cf.phone(self.rng, cc, international=not national)

    def email(self, cc: str = "DK") -> str:
        """An e-mail address built from a Faker name of ``cc``."""
        return cf.email(self.rng, self.fake[cc])

    def iban(self, cc: str) -> str:
        """A valid IBAN of ``cc``, grouped or compact."""
        return cf.iban(self.rng, cc, grouped=self.chance(0.5))

    def card(self) -> str:
        """A Luhn-valid card of a random brand, compact, spaced or dashed."""
        brand = self.rng.choice(["visa", "mastercard", "amex", "maestro", "dankort"])
        return cf.card(self.rng, brand, sep=self.rng.choice(["", " ", "-"]))

    def ip(self) -> str:
        """An IPv4 (private or public) or IPv6 address in one of its text forms."""
        if self.chance(0.7):
            return cf.ipv4(self.rng, private=self.chance(0.5))
        return cf.ipv6(self.rng, self.rng.choice(["compressed", "full", "unpadded"]))

    def moment(self, start: dt.date = dt.date(2019, 1, 1), days: int = 1800) -> dt.datetime:
        """A UTC timestamp (whole seconds) within ``days`` after ``start``."""
        base = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
        return base + dt.timedelta(seconds=self.rng.randrange(days * 86400))

    def cpr_shaped(self) -> str:
        """A CPR-shaped number (real date) used as an order or invoice number: a hard negative."""
        return nid.dk_cpr(self.rng, dashed=False, born=self.born())


def build_estate(root: str | Path, seed: int = DEFAULT_SEED, rows: int = DEFAULT_ROWS) -> Truth:
    """(Re)write the synthetic estate under ``root``; return what was planted.

    Raises FileExistsError when ``root`` exists, is not empty and is not an earlier demo estate.
    """
    from scanner import demo_files, demo_sqlite  # the writers import this module

    root = Path(root)
    if root.exists() and any(root.iterdir()) and not (root / MARKER).exists():
        raise FileExistsError(f"{root} exists and is not a pii-scan demo estate; not replacing it")
    if root.exists():
        shutil.rmtree(root)
    (root / FILES_DIR).mkdir(parents=True)
    (root / MARKER).write_text("Synthetic data written by `pii-scan demo`; safe to delete.\n")
    planter = Planter(seed)
    demo_files.write_files(root / FILES_DIR, planter, rows)
    demo_sqlite.write_database(root / DB_NAME, planter, rows)
    for path in [root / DB_NAME, *(root / FILES_DIR).rglob("*")]:
        if path.is_file():
            os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return planter.truth


def planted_truth(seed: int = DEFAULT_SEED, rows: int = DEFAULT_ROWS) -> Truth:
    """The truth of the estate ``build_estate(…, seed, rows)`` writes (built in a temp dir)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pii-scan-truth-") as tmp:
        return build_estate(Path(tmp) / "estate", seed, rows)


def estate_uris(root: str | Path) -> list[str]:
    """The URIs that scan the whole estate: the folder and the SQLite database."""
    root = Path(root).absolute()
    return [str(root / FILES_DIR), f"sqlite:///{root / DB_NAME}"]


def run_demo(out: str | Path, settings: Settings, progress: Progress | None = None) -> ScanReport:
    """Write the estate under ``out/estate`` and scan it into ``out/inventory``."""
    estate = Path(out).absolute() / "estate"
    build_estate(estate)
    return run_scan(estate_uris(estate), settings, estate.parent / "inventory", progress)
