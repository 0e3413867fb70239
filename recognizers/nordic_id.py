"""What the four Nordic national-ID recognisers share: boundaries, labels, language and scores.

DK CPR, SE personnummer, NO fødselsnummer and FI HETU have overlapping shapes (``DDMMYY-SSSS`` is a
dashed CPR, a Swedish ``YYMMDD-NNNN`` and a Finnish ``DDMMYY-ZZZQ`` with a digit check character),
so one span may be valid for several countries. The reference detector keeps the highest score
(:mod:`recognizers.reference`); this module makes the scores say which country it is, in order:

1. **checksum** - each recogniser's base score reflects how much its validity rule proves (SE Luhn,
   FI mod-31, NO two mod-11 digits are mandatory; DK's mod-11 is optional and adds ``DK_MOD11``);
2. **context** - a country's own label (nearest label, field name, or anywhere in the window) adds
   ``OWN_CONTEXT``; another country's *specific* label (``cpr``, ``hetu``, ``fnr``...) subtracts
   ``FOREIGN_CONTEXT``; a label for some other kind of number (order, invoice, phone, CVR...)
   vetoes, but only when it is the *nearest* label (last few words of the line, else the field
   name);
3. **language** - Danish / Swedish / Finnish marker words (and æ/ø vs ä/ö) in the window or field
   name add ``LANGUAGE`` to the recogniser of that language.

The table of examples lives in docs/recognizers.md ("National identity numbers and collisions").
Nothing here stores or logs a candidate's value.
"""

from __future__ import annotations

import datetime
import functools
import re
import time
from collections.abc import Callable
from itertools import repeat

from recognizers import keywords as kw
from recognizers.base import ALNUM, NordicRecognizer
from recognizers.context import NUMBER_WORDS, ContextView, label_above, words
from recognizers.labels import (
    BRIDGE_WORDS,
    after_head_group,
    is_number_label,
    is_phone_compound,
)


def daily_cache(check: Callable[[str], bool]) -> Callable[[str], bool]:
    """Memoise a validity rule that depends on today's date ("not born in the future").

    Results are kept per (value, date), bounded: a value seen again the same day costs a lookup
    instead of python-stdnum's parsing; after midnight it is checked afresh.
    """
    cached = functools.lru_cache(maxsize=16_384)(lambda value, _day: check(value))

    @functools.wraps(check)
    def wrapper(value: str) -> bool:
        return bool(cached(value, _today()))

    return wrapper


_day: list[object] = [0.0, None]  # [next local midnight as a timestamp, today's date]


def _today() -> datetime.date:
    """``datetime.date.today()``, re-read only when the clock passes midnight (it is hot)."""
    now = time.time()
    if now >= _day[0] or _day[1] is None:  # type: ignore[operator]
        today = datetime.date.today()
        midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
        _day[:] = [midnight.timestamp(), today]
    return _day[1]  # type: ignore[return-value]


# --- scores (shared so that resolution across the four types is consistent) ----------------
#: Base score of a DK candidate with a real date but no modulus-11 (issued since 2007).
DK_BASE = 0.45
#: Added when the CPR also passes the (optional) modulus-11 check.
DK_MOD11 = 0.1
#: Base score of a Luhn-valid SE number (10 digits), a FI code with a digit-only tail, ...
CHECKSUM_BASE = 0.5
#: ... and of shapes no other country shares (SE long form, NO 11 digits, FI with letters).
DISTINCT_BASE = 0.6
OWN_CONTEXT = 0.35
FOREIGN_CONTEXT = 0.3
LANGUAGE = 0.1

#: Nearest-label search: at most this many words before the candidate, on its own line, after
#: the last digit (a label before another number belongs to that number).
NEAREST_WORDS = 3

DA, SV, FI = "da", "sv", "fi"

_ID_TUPLES = {
    "DK": kw.DK_CPR_WORDS,
    "SE": kw.SE_PNR_WORDS,
    "NO": kw.NO_FNR_WORDS,
    "FI": kw.FI_HETU_WORDS,
}
_SHARED = frozenset(
    w for t in _ID_TUPLES.values() for w in t if sum(w in o for o in _ID_TUPLES.values()) > 1
)


def _specific(country: str) -> tuple[str, ...]:
    return tuple(w for w in _ID_TUPLES[country] if w not in _SHARED)


#: Country -> words of the *other* countries that name their identifier only.
FOREIGN_WORDS: dict[str, tuple[str, ...]] = {
    c: tuple(w for o in _ID_TUPLES if o != c for w in _specific(o)) for c in _ID_TUPLES
}

#: Labels of other numbers. Bare person nouns among them (``kunde``, ``member``) only count when a
#: number word follows them ("Kunde Jens Hansen, 010190-1233" is not vetoed, "kunde nr." is).
NEGATIVE_WORDS: tuple[str, ...] = (
    kw.OTHER_NUMBER_WORDS + kw.COMPANY_NUMBER_WORDS + kw.PHONE_WORDS
    # Danish SE-nr., reg.nr., J.nr.; epoch timestamps and their keys (a ten-digit Unix time such
    # as 17012345xx reads as a real CPR date; JWT claims iat/exp/nbf, expires_at, lastSeen).
    + ("senr", "regnr", "jnr", "timestamp", "ts", "epoch", "unix", "time", "created", "updated",
       "modified", "iat", "exp", "nbf", "expires", "expiry", "sent", "login", "seen")
)


@functools.lru_cache(maxsize=65_536)
def _other_number_label(word: str, number_word_follows: bool) -> bool:
    """``word`` labels another kind of number: one of ``NEGATIVE_WORDS`` as a whole word with
    an optional number or inflection tail (``bilagsnr``, ``fakturanummeret``; a bare person
    noun only before a number word: "kunde nr."), or a phone compound (``arbejdstelefon``).
    Whole words, not prefixes: the names ``Lotte``, ``Ringsted`` and ``Orderud`` and the words
    ``kontoret`` and ``kundeservice`` label nothing."""
    if is_phone_compound(word):
        return True
    return is_number_label(word, "nr" if number_word_follows else None, NEGATIVE_WORDS)

# Marker words of the languages whose identifiers collide (exact words, not prefixes; words the
# languages share, such as "hej", "med", "har", "kunden", "nummer", are left out on purpose).
_MARKERS: dict[str, frozenset[str]] = {
    DA: frozenset(
        "og af er ikke jeg til fra hvad hvor også skal bliver venlig venlige venligst hilsen "
        "hilsner kunde kunderne nummeret personnummeret vedrørende vedr bemærk fødselsdato født "
        "oplysninger medarbejder medarbejderen ansat ansatte borger borgeren adresse navn "
        "efternavn fornavn tak mange hedder sendt modtaget betaling vil være været dansk danske "
        "danmark kommune danish denmark".split()
    ),
    SV: frozenset(
        "och av är inte jag till från för vad också ska blir vänlig vänliga vänligen hälsningar "
        "hälsning kund kunderna numret personnumret angående ang observera födelsedatum "
        "uppgifter anställd anställda medarbetare adress namn efternamn förnamn tack många heter "
        "skickat skickade betalning vill vara varit svensk svenska sverige kommun att ett mig "
        "dig hur när där här finns skatteverket försäkringskassan svenskt swedish sweden".split()
    ),
    FI: frozenset(
        "ja ei ole olen ovat oli hei kiitos terveisin ystävällisin asiakas asiakkaan nimi "
        "osoite puhelin syntymäaika että tai hän minun sinun numero suomi suomen kela "
        "verohallinto henkilötunnus henkilötunnuksen finnish finland".split()
    ),
}
_LANGS = tuple(_MARKERS)
_MARKER_LANGS: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang in _LANGS if w in _MARKERS[lang]) for m in _MARKERS.values() for w in m
}
#: Letters that hint at a language family (æ/ø Danish-Norwegian, ä/ö Swedish-Finnish); they count
#: in the text window only (field names are often transliterated).
_LETTER_LANGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("æ", (DA,)), ("ø", (DA,)), ("ä", (SV, FI)), ("ö", (SV, FI)),
)

# Hyphenated or dotted labels the word splitter cuts ("D-nummer" -> "d", "nummer", "H-nummer",
# "Reg.nr.", "J.nr.", "pers.nr."): glued back together.
_JOIN_HEADS = frozenset({"d", "h", "se", "y", "reg", "j", "pers"})
_JOIN_TAILS = ("num", "nr", "tunnus")
#: English labels of several words, read as one word of the country tuples (keywords).
_PHRASES: dict[tuple[str, ...], str] = {
    ("civil", "registration"): "civilregistration",
    ("personal", "identity", "number"): "personalidentitynumber",
    ("personal", "identity", "code"): "personalidentitycode",
    ("national", "identity"): "nationalidentity",
    ("birth", "number"): "birthnumber",
}
_PHRASE_HEADS = frozenset(phrase[0] for phrase in _PHRASES)
_GLUE_HEADS = _JOIN_HEADS | _PHRASE_HEADS


#: A text up to its last newline or digit (greedy, so matching is linear).
_UP_TO_LAST = re.compile(r".*[\n0-9]", re.DOTALL)


def boundary_ok(text: str, start: int, end: int) -> bool:
    """False when the candidate is glued to letters/digits or is part of a longer number.

    ``12-010190-1233``, ``2020/0101901233``, ``0101901233.5`` and ``+0101901233`` are pieces of
    something else; ``CPR:0101901233,`` and ``(010190-1233)`` are fine. A compact run right
    after a 2-5 digit head group and a space is that number's last group (a Danish bank account
    ``8179 1712553241``: reg. no. and account), as for phones (``labels.after_head_group``).
    """
    if start > 0:
        ch = text[start - 1]
        if ch.isalnum() or ch == "+":
            return False
        if ch in "-./" and start > 1 and text[start - 2].isdigit():
            return False
        if (
            ch == " "
            and start > 2
            and (text[start - 2].isdigit() or text[start - 2] == ")")
            and text[start:end].isdigit()
            and after_head_group(text, start)
        ):
            return False
    if end < len(text):
        ch = text[end]
        if ch.isalnum():
            return False
        if ch in "-./" and end + 1 < len(text) and text[end + 1].isdigit():
            return False
    return True


@functools.lru_cache(maxsize=16_384)
def _label_words(seq: tuple[str, ...]) -> tuple[str, ...]:
    """``seq`` with cut labels glued (``d`` + ``nummer``) and English phrases made one word."""
    if not _GLUE_HEADS.intersection(seq):
        return seq
    if _PHRASE_HEADS.intersection(seq):
        seq = _phrases(seq)
    out: list[str] = []
    for word in seq:
        if out and out[-1] in _JOIN_HEADS and word.startswith(_JOIN_TAILS):
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


def _phrases(seq: tuple[str, ...]) -> tuple[str, ...]:
    """English labels of several words (``_PHRASES``) as one word."""
    out: list[str] = []
    i = 0
    while i < len(seq):
        for size in (3, 2):
            phrase = _PHRASES.get(seq[i : i + size]) if seq[i] in _PHRASE_HEADS else None
            if phrase is not None:
                out.append(phrase)
                i += size
                break
        else:
            out.append(seq[i])
            i += 1
    return tuple(out)


def _classify(
    seq: tuple[str, ...], own: tuple[str, ...], foreign: tuple[str, ...], bridged: bool = True
) -> int:
    """Nearest label in ``seq`` (nearest last): 1 own, -1 other number, -2 foreign ID, 0 none.

    With ``bridged`` (running text) another number's label vetoes only when the words between it
    and the candidate are number words or copulas (``labels.BRIDGE_WORDS``): "Bilagsnr. er X"
    is a voucher number, "Journal: Jens Hansen (X)" is not.
    """
    clear = True
    for i in range(len(seq) - 1, -1, -1):
        word = seq[i]
        if word.startswith(own):
            return 1
        if _other_number_label(word, i + 1 < len(seq) and seq[i + 1] in NUMBER_WORDS):
            if clear or not bridged:
                return -1
        elif word.startswith(foreign):
            return -2
        clear = clear and word in BRIDGE_WORDS
    return 0


def nearest_line_text(context: ContextView) -> str:
    """Text before the candidate on its own line, after the last digit there.

    When the candidate opens its line (nothing but punctuation before it) and the line above is a
    bare label (:func:`recognizers.context.label_above`), that label counts too.
    """
    before = context.before_text
    head = _UP_TO_LAST.match(before)
    if head is None:
        return before
    tail = before[head.end() :]
    if before[head.end() - 1] == "\n" and not any(ch.isalnum() for ch in tail):
        above = label_above(before, head.end(), context.starts_mid_line)
        if above:
            return above + "\n" + tail
    return tail


@functools.lru_cache(maxsize=1024)
def _field_verdict(field_words: tuple[str, ...], country: str) -> int:
    """:func:`_classify` of a field name's words (a pure function of them: memoised)."""
    return _classify(
        _label_words(field_words), _ID_TUPLES[country], FOREIGN_WORDS[country], bridged=False
    )


def context_adjustment(context: ContextView, country: str) -> float | None:
    """Score added for labels around a valid candidate, or ``None`` when a label vetoes it."""
    own, foreign = _ID_TUPLES[country], FOREIGN_WORDS[country]
    # The words of the nearest text are a suffix of ``before_words`` (letter runs either way);
    # taking them from there keeps the engine's extra-context aliasing in effect, and drops a
    # word cut by the window edge. No words before: no nearest label (values in a column).
    before = context.before_words
    if before:
        k = len(words(nearest_line_text(context)))
        nearest = _label_words(before[-k:] if k else ())[-NEAREST_WORDS:]
        verdict = _classify(nearest, own, foreign)
    else:
        verdict = 0
    if verdict == 0:
        field = context.field_label_words
        if field:  # a key field (``id``, ``$.kunder[*].id``) names another number
            verdict = -1 if context.field_is_key else _field_verdict(field, country)
    if verdict == -1:
        return None
    if verdict == 0:
        window = _label_words(before + context.after_words)
        if any(map(str.startswith, window, repeat(own))):
            verdict = 1
        elif any(map(str.startswith, window, repeat(foreign))):
            verdict = -2
    if verdict == 1:
        return OWN_CONTEXT
    return -FOREIGN_CONTEXT if verdict == -2 else 0.0


@functools.lru_cache(maxsize=1024)
def _field_languages(field_words: tuple[str, ...]) -> tuple[str, ...]:
    """The marker-word votes of a field name's words (memoised: field names repeat)."""
    get = _MARKER_LANGS.get
    return tuple(lang for word in field_words for lang in get(word, ()))


def language(context: ContextView) -> str | None:
    """The collision language (da, sv, fi) the window and field name are written in, if clear.

    Kept on the view: the DK and SE recognisers both ask it about the same 10-digit span.
    """
    derived = context.derived
    if derived is None:
        derived = context.derived = {}
    elif "language" in derived:
        return derived["language"]  # type: ignore[return-value]
    found = derived["language"] = _language(context)
    return found


def _language(context: ContextView) -> str | None:
    get = _MARKER_LANGS.get
    hits = [
        lang
        for seq in (context.before_words, context.after_words)
        for word in seq
        for lang in get(word, ())
    ]
    hits.extend(_field_languages(context.field_words))
    before, after = context.before_text, context.after_text
    if not (before.isascii() and after.isascii()):  # isascii is O(1): most windows are ASCII
        raw = before + after
        for letter, langs in _LETTER_LANGS:
            if letter in raw:
                hits.extend(langs)
    if not hits:
        return None
    votes = [hits.count(lang) for lang in _LANGS]
    best = max(votes)
    return _LANGS[votes.index(best)] if votes.count(best) == 1 else None


def stored_as_number(
    value: str, context: ContextView, own: tuple[str, ...], width: int
) -> str | None:
    """The identifier a number column stored without its leading zero, zero-padded; else None.

    A CPR born on day 01-09 kept in an INTEGER/BIGINT/NUMERIC column is nine digits
    (``101901233`` for ``010190-1233``), so is a Swedish number of a year 00-09, and a
    fødselsnummer of day 01-09 is ten. Read so only when ``value`` is one digit short of
    ``width`` and alone in its cell (its line), under a field named for the identifier.
    """
    if len(value) != width - 1 or not value.isdigit() or not context.field_has(own):
        return None
    before, after = context.before_text, context.after_text
    if (before and before[-1] != "\n") or (after and after[0] != "\n"):
        return None
    return "0" + value


def context_score(context: ContextView, country: str, lang: str | None) -> float | None:
    """Context plus language adjustment for one country (``None`` = vetoed)."""
    adjust = context_adjustment(context, country)
    if adjust is None:
        return None
    if lang is not None and language(context) == lang:
        adjust += LANGUAGE
    return adjust


class NationalIdRecognizer(NordicRecognizer):
    """What the four national-ID recognisers share: digit-run boundaries and the veto words.

    Subclasses set ENTITY, SHAPES, MAX_LENGTH and CONTEXT and implement ``evaluate``.
    """

    LEFT_BOUNDARY = r"[0-9A-Za-z+]"
    RIGHT_BOUNDARY = r"[0-9A-Za-z]"
    NEGATIVE_CONTEXT = NEGATIVE_WORDS
    REJECTED_NEIGHBOURS = (ALNUM + "+", ALNUM)  # see boundary_ok

    def boundary_ok(self, text: str, start: int, end: int) -> bool:
        """Reject digit runs glued to letters/digits or inside longer numbers."""
        return boundary_ok(text, start, end)
