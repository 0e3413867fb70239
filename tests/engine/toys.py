"""Small recognisers for engine tests, independent of the real ones.

They exercise what the engine must get right: overlapping shapes with optional separators,
boundary rejections, case-insensitive shapes, context and field words, a recogniser that raises,
shapes with negated classes (``\\S``, ``.``) that see non-Latin-1 characters, and collisions
between entity types (overlap resolution).
"""

from __future__ import annotations

import random

from recognizers.base import NordicRecognizer
from recognizers.context import ContextView


def _digits(value: str) -> list[int]:
    return [int(c) for c in value if c.isdigit()]


class Check4(NordicRecognizer):
    """Four digits, optionally ``12-34`` / ``12 34``; last digit = sum of the others mod 10."""

    ENTITY = "TOY_CHECK4"
    SHAPES = (r"\d{4}", r"\d{2}[ -]\d{2}")
    MAX_LENGTH = 5
    CONTEXT = ("kode", "code")
    NEGATIVE_CONTEXT = ("ordre",)

    def evaluate(self, value: str, context: ContextView) -> float | None:
        d = _digits(value)
        if sum(d[:3]) % 10 != d[3]:
            return None
        if context.near(self.NEGATIVE_CONTEXT):
            return None
        return 0.9 if context.has(self.CONTEXT) else 0.5


class Check8(NordicRecognizer):
    """Eight digits with optional separators between pairs; valid when the digit sum is even."""

    ENTITY = "TOY_CHECK8"
    SHAPES = (r"\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}",)
    MAX_LENGTH = 11
    CONTEXT = ("tlf",)

    def evaluate(self, value: str, context: ContextView) -> float | None:
        if sum(_digits(value)) % 2:
            return None
        return 0.8 if context.before_has(self.CONTEXT, last=2) else 0.5


class Word(NordicRecognizer):
    """A word of 3-8 letters ending in ``x`` (any case); longer words score higher."""

    ENTITY = "TOY_WORD"
    SHAPES = (r"[a-z]{2,7}x",)
    CASELESS = True
    MAX_LENGTH = 8
    LEFT_BOUNDARY = r"[A-Za-z]"
    RIGHT_BOUNDARY = r"[A-Za-z]"

    def evaluate(self, value: str, context: ContextView) -> float | None:
        if value.lower().startswith("q"):
            raise ValueError("toy validators may misbehave; the engine must drop the candidate")
        return 0.3 + 0.07 * len(value)


class Secret(NordicRecognizer):
    """``S`` + 3 digits, only under a field named for secrets."""

    ENTITY = "TOY_SECRET"
    SHAPES = (r"S\d{3}",)
    MAX_LENGTH = 4
    CONTEXT = ("secret", "hemmelig")

    def evaluate(self, value: str, context: ContextView) -> float | None:
        return 0.7 if context.field_has(self.CONTEXT) else None


class Bracket(NordicRecognizer):
    """``<`` + 1-3 non-space characters + ``>``, or ``{`` any two characters ``}``."""

    ENTITY = "TOY_BRACKET"
    SHAPES = (r"<\S{1,3}>", r"\{..\}")
    MAX_LENGTH = 5
    LEFT_BOUNDARY = r"<"
    RIGHT_BOUNDARY = r">"

    def evaluate(self, value: str, context: ContextView) -> float | None:
        return 0.45


def toys() -> tuple[NordicRecognizer, ...]:
    """One instance of every toy, in a fixed (registry-like) order."""
    return (Check4(), Check8(), Word(), Secret(), Bracket())


# --- generated texts ---------------------------------------------------------------------------

_WORDS = ("kode", "ordre", "tlf", "secret", "fox", "BOX", "qux", "mix", "Lorem", "ipsum", "æble",
          "søren", "Ωmega", "日本", "naïve", "straße")
_SEPARATORS = (" ", " ", " ", "-", "\n", ".", ",", ": ", "\t", "\xa0", "/", "", "<", ">", "{", "}")
_ODD = ("€", "中", "😀", "\u2028", "\x85", "?", "ÿ", "\x00")


def check4(rng: random.Random) -> str:
    """A valid Check4 value, sometimes separated."""
    d = [rng.randrange(10) for _ in range(3)]
    s = "".join(map(str, d)) + str(sum(d) % 10)
    return s if rng.random() < 0.6 else s[:2] + rng.choice(" -") + s[2:]


def check8(rng: random.Random) -> str:
    """A Check8-shaped value (valid or not), with random separators."""
    pairs = ["".join(str(rng.randrange(10)) for _ in range(2)) for _ in range(4)]
    return "".join(p + (rng.choice(("", " ", "-")) if i < 3 else "") for i, p in enumerate(pairs))


def token(rng: random.Random) -> str:
    """One random token: identifiers, digit runs, words, odd characters."""
    kind = rng.random()
    if kind < 0.2:
        return check4(rng)
    if kind < 0.35:
        return check8(rng)
    if kind < 0.5:
        return "".join(str(rng.randrange(10)) for _ in range(rng.randint(1, 14)))
    if kind < 0.75:
        return rng.choice(_WORDS)
    if kind < 0.85:
        return rng.choice(_ODD) + rng.choice(("", "x", "1", ">"))
    if kind < 0.92:
        return "S" + "".join(str(rng.randrange(10)) for _ in range(rng.randint(2, 4)))
    return "".join(rng.choice("abcxyzX") for _ in range(rng.randint(1, 10)))


def fuzz_text(rng: random.Random, tokens: int) -> str:
    """A random text of ``tokens`` tokens joined by random separators."""
    return "".join(token(rng) + rng.choice(_SEPARATORS) for _ in range(tokens))


class BigMail(NordicRecognizer):
    """An e-mail-like shape whose long bounded repeats Hyperscan cannot compile with SOM."""

    ENTITY = "TOY_MAIL"
    SHAPES = (
        r"[A-Za-z0-9_%+\-][A-Za-z0-9_%+\-.]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?",
    )
    MAX_LENGTH = 318
    LEFT_BOUNDARY = r"[A-Za-z0-9_%+.\-]"
    RIGHT_BOUNDARY = r"[A-Za-z0-9]"

    def evaluate(self, value: str, context: ContextView) -> float | None:
        return 0.6 if "." in value.split("@")[1] else None


class Bang(NordicRecognizer):
    """Three digits before ``!``: a look-ahead, which Hyperscan rejects (left to ``re``)."""

    ENTITY = "TOY_BANG"
    SHAPES = (r"[0-9]{3}(?=!)",)
    MAX_LENGTH = 3

    def evaluate(self, value: str, context: ContextView) -> float | None:
        return 0.5


def hard_toys() -> tuple[NordicRecognizer, ...]:
    """Toys plus shapes that need Hyperscan's fallbacks (end offsets only; plain ``re``)."""
    return (*toys(), BigMail(), Bang())


def mail_text(rng: random.Random, tokens: int) -> str:
    """Random text with e-mail-ish tokens and ``!``."""
    parts = []
    for _ in range(tokens):
        kind = rng.random()
        if kind < 0.3:
            local = "".join(rng.choice("ab.c_1+-") for _ in range(rng.randint(1, 12)))
            domain = "".join(rng.choice("xy.z-9") for _ in range(rng.randint(1, 12)))
            parts.append(f"{local}@{domain}")
        elif kind < 0.45:
            parts.append("".join(str(rng.randrange(10)) for _ in range(rng.randint(2, 6))) + "!")
        else:
            parts.append(token(rng))
        parts.append(rng.choice(_SEPARATORS))
    return "".join(parts)
