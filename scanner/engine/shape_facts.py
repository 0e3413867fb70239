"""Facts about a shape read from its parsed regex: alphabet, first characters, widths, counts.

The trigger prefilter (:mod:`scanner.engine.triggers`) decides where a shape *can* match from
these facts, so each one is a conservative bound that holds for *every* match of the shape:
``alphabet`` contains every character a match can hold, ``min_count`` is at most the number of
characters of a set in any match, ``lead_digits`` is at most the number of leading digits of any
match, and so on. A construct the analysis does not know (anchors, look-around, back-references,
``.``, negated or Unicode classes) makes the fact unknown (``None``), never optimistic; the shape
then goes to a more general family, in the last resort to a whole-text walk.

Shapes are compiled with ``re.ASCII`` (and ``re.IGNORECASE`` when caseless), so classes are ASCII.
"""

from __future__ import annotations

import string
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

DIGITS = frozenset(string.digits)
LETTERS = frozenset(string.ascii_letters)
_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)

Seq = Any  # a parsed (sub)pattern: a sequence of (opcode, argument) items
Chars = frozenset[str]


def parse(pattern: str, caseless: bool) -> Seq:
    """The parsed form of ``pattern`` (as ``re`` parses it for the reference detector)."""
    import re

    flags = re.ASCII | (re.IGNORECASE if caseless else 0)
    return sre_parse.parse(pattern, flags)


def atom_chars(op: Any, av: Any, caseless: bool) -> Chars | None:
    """The characters one atom (literal or class) matches; None when unknown or unbounded."""
    chars: set[str] = set()
    if op is sre_c.LITERAL:
        chars.add(chr(av))
    elif op is sre_c.IN:
        for item_op, item_av in av:
            if item_op is sre_c.LITERAL:
                chars.add(chr(item_av))
            elif item_op is sre_c.RANGE:
                chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
            elif item_op is sre_c.CATEGORY and item_av is sre_c.CATEGORY_DIGIT:
                chars.update(DIGITS)
            else:  # NEGATE, \w, \s, ...: too wide to reason about
                return None
    else:
        return None
    if caseless:
        chars.update({c.swapcase() for c in chars if c in LETTERS})
    return frozenset(chars)


def _children(op: Any, av: Any) -> list[Seq] | None:
    """Sub-sequences of a compound item (repeat body, group, branch alternatives)."""
    if op in _REPEATS:
        return [av[2]]
    if op is sre_c.SUBPATTERN:
        return [av[-1]]
    if op is sre_c.ATOMIC_GROUP:
        return [av]
    if op is sre_c.BRANCH:
        return list(av[1])
    return None


def alphabet(seq: Seq, caseless: bool) -> Chars | None:
    """Every character any match can contain; None when some part is unknown."""
    out: set[str] = set()
    for op, av in seq:
        children = _children(op, av)
        if children is None:
            chars = atom_chars(op, av, caseless)
            if chars is None:
                return None
            out |= chars
            continue
        for child in children:
            found = alphabet(child, caseless)
            if found is None:
                return None
            out |= found
    return frozenset(out)


def blind_to(seq: Seq, caseless: bool, same: Chars) -> bool:
    """True when no atom of the shape tells the characters of ``same`` apart.

    Then a string matches the shape exactly when its copy with every character of ``same``
    replaced by one of them does (each atom accepts all of ``same`` or none of it).
    """
    for op, av in seq:
        children = _children(op, av)
        if children is None:
            chars = atom_chars(op, av, caseless)
            if chars is None or (chars & same and not same <= chars):
                return False
        elif not all(blind_to(child, caseless, same) for child in children):
            return False
    return True


def min_count(seq: Seq, targets: Chars, caseless: bool) -> int:
    """Fewest characters from ``targets`` any match contains (0 when unknown)."""
    total = 0
    for op, av in seq:
        if op in _REPEATS:
            total += av[0] * min_count(av[2], targets, caseless)
        elif op is sre_c.BRANCH:
            total += min(min_count(alt, targets, caseless) for alt in av[1])
        elif op is sre_c.SUBPATTERN:
            total += min_count(av[-1], targets, caseless)
        elif op is sre_c.ATOMIC_GROUP:
            total += min_count(av, targets, caseless)
        else:
            chars = atom_chars(op, av, caseless)
            total += 1 if chars is not None and chars <= targets else 0
    return total


def first_chars(seq: Seq, caseless: bool) -> tuple[Chars | None, bool]:
    """(characters a match can start with or None when unknown, whether it can be empty)."""
    out: set[str] = set()
    for op, av in seq:
        if op in _REPEATS:
            chars, empty = first_chars(av[2], caseless)
            empty = empty or av[0] == 0
        elif op is sre_c.BRANCH:
            chars, empty = frozenset(), False
            for alt in av[1]:
                alt_chars, alt_empty = first_chars(alt, caseless)
                chars = None if chars is None or alt_chars is None else chars | alt_chars
                empty = empty or alt_empty
        elif op is sre_c.SUBPATTERN:
            chars, empty = first_chars(av[-1], caseless)
        elif op is sre_c.ATOMIC_GROUP:
            chars, empty = first_chars(av, caseless)
        else:
            chars, empty = atom_chars(op, av, caseless), False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def lead_digits(seq: Seq, caseless: bool) -> int:
    """How many leading characters of every match are digits (a lower bound)."""
    total = 0
    for op, av in seq:
        if op in _REPEATS:
            body = list(av[2])
            if len(body) != 1 or _children(*body[0]) is not None:
                return total
            body_op, body_av = body[0]
            chars = atom_chars(body_op, body_av, caseless)
            if chars is None or not chars <= DIGITS:
                return total
            total += av[0]
            if av[0] != av[1]:
                return total
        else:
            chars = atom_chars(op, av, caseless) if _children(op, av) is None else None
            if chars is None or not chars <= DIGITS:
                return total
            total += 1
    return total


def leading_literals(seq: Seq, caseless: bool) -> frozenset[str] | None:
    """Literal strings one of which every match starts with (``+`` / ``00``); None if unknown."""
    items = list(seq)
    if caseless or not items:
        return None
    op, av = items[0]
    if op is sre_c.SUBPATTERN:
        return leading_literals(av[-1], caseless)
    alternatives = list(av[1]) if op is sre_c.BRANCH else [items]
    found: set[str] = set()
    for alt in alternatives:
        prefix = ""
        for item_op, item_av in alt:
            if item_op is not sre_c.LITERAL:
                break
            prefix += chr(item_av)
        if not prefix:
            return None
        found.add(prefix)
    return frozenset(found)


def start_class(seq: Seq, caseless: bool) -> tuple[frozenset[str], Chars] | None:
    """(literals, chars) when every match is one of ``literals`` then a character of ``chars``.

    Only for a shape that opens with a choice of plain literal strings (``(?:\\+|00)[1-9]``).
    """
    items = list(seq)
    if caseless or len(items) < 2:
        return None
    (op, av), (next_op, next_av) = items[0], items[1]
    alternatives = list(av[1]) if op is sre_c.BRANCH else [[items[0]]]
    literals = set()
    for alt in alternatives:
        if not alt or any(item_op is not sre_c.LITERAL for item_op, _ in alt):
            return None
        literals.add("".join(chr(item_av) for _, item_av in alt))
    chars = atom_chars(next_op, next_av, caseless)
    if chars is None:
        return None
    return frozenset(literals), chars


def letter_prefix(seq: Seq, caseless: bool) -> tuple[int, Chars] | None:
    """(P, letters) when every match is P letters from ``letters`` and then a digit (IBAN)."""
    width, letters = 0, frozenset[str]()
    for op, av in seq:
        if op in _REPEATS and av[0] == av[1] and len(list(av[2])) == 1:
            count, (body_op, body_av) = av[0], list(av[2])[0]
        elif _children(op, av) is None:
            count, body_op, body_av = 1, op, av
        else:
            return None
        chars = atom_chars(body_op, body_av, caseless)
        if chars is None:
            return None
        if chars <= LETTERS:
            width, letters = width + count, letters | chars
            continue
        return (width, letters) if width and count and chars <= DIGITS else None
    return None
