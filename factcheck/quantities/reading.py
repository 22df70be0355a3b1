"""Reading the pieces of a figure: numbers as written, unit nouns, bounds, month names, and the
collector that keeps the first of overlapping matches (:mod:`factcheck.quantities.parse` runs the
patterns)."""

from __future__ import annotations

import bisect
import math
import re
from datetime import MAXYEAR, MINYEAR

from factcheck.config import MAX_NUMBER_DIGITS
from factcheck.quantities.vocabulary import (
    _BOUND_WORDS,
    _IRREGULAR_PLURALS,
    _MEASURE_UNITS,
    _SCALES,
    _STOP_NOUN,
    _TEMPERATURES,
    _WORD_NUMBERS,
    CONVERSIONS,
)
from factcheck.text import MONTHS
from factcheck.types import Bound, Quantity, QuantityKind, Span

#: The letters outside ASCII that case-insensitive matching equates with ASCII letters: text is
#: read through this table (one character for one, so offsets do not move) before matching.
_ASCII_FOLD = str.maketrans({"\u017f": "s", "\u212a": "K", "\u0130": "I", "\u0131": "i"})


def fold(text: str) -> str:
    """``text`` with the non-ASCII letters that match ASCII ones case-insensitively replaced by them."""
    return text.translate(_ASCII_FOLD)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def written_number(raw: str) -> float | None:
    """The value of a written number; ``None`` when it is not one, too long or not finite."""
    raw = raw.strip().lower()
    if raw in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[raw])
    if "-" in raw:
        tens, _, unit = raw.partition("-")
        if tens in _WORD_NUMBERS and unit in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[tens] + _WORD_NUMBERS[unit])
    digits = raw.replace(",", "")
    if len(digits) > MAX_NUMBER_DIGITS + 1:  # + 1: a decimal point
        return None
    try:
        return _finite(float(digits))
    except ValueError:
        return None


def _int(raw: str) -> int | None:
    """A short digit string as an int (``None`` past :data:`MAX_NUMBER_DIGITS` digits)."""
    return int(raw) if raw.isdigit() and len(raw) <= MAX_NUMBER_DIGITS else None


def _valid_year(year: int) -> bool:
    return MINYEAR <= year <= MAXYEAR


def _scale(raw: str | None) -> float:
    return _SCALES.get(raw.strip().lower(), 1.0) if raw else 1.0


def _bound(raw: str | None) -> Bound:
    return _BOUND_WORDS.get(raw.lower(), "exact") if raw else "exact"


def singular(word: str) -> str:
    """Crude English singular for unit nouns ("containers" → "container", "casualties" → "casualty")."""
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


#: Singular → plural for the irregular ones (the first plural listed for a singular wins).
_PLURALS = {one: many for many, one in reversed(list(_IRREGULAR_PLURALS.items()))}


def plural(noun: str) -> str:
    """The English plural of a unit noun, :func:`singular`'s inverse ("year" → "years", "city" →
    "cities", "inch" → "inches", "child" → "children", "staff" → "staff")."""
    if noun in _PLURALS:
        return _PLURALS[noun]
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def _head_noun(words: str | None) -> tuple[str | None, int]:
    """Unit noun of a count ("shipping containers from" → "container") and the chars it spans."""
    if not words:
        return None, 0
    tokens = list(re.finditer(r"[A-Za-z][\w-]*", words))
    head: str | None = None
    end = 0
    for tok in tokens:
        low = tok.group().lower()
        if low in _STOP_NOUN or low in MONTHS:
            break
        head, end = low, tok.end()
        if low in _IRREGULAR_PLURALS:
            break
        if low.endswith("s") and len(low) > 3 and not low.endswith("ss"):
            break  # a plural noun closes the phrase ("containers", "soldiers")
    if head is None:
        return None, 0
    return singular(head), end


#: "a 20-time champion", "a five-fold rise": a multiplier, not a count of times.
_RE_TIMES = re.compile(r"(?:time|fold)\b", re.I)


def _hyphenated_noun(words: str) -> tuple[str | None, int]:
    """Unit noun of a count written as a compound adjective: "five-layer sunshield" counts layers,
    "six-wheeled rover" wheels, "three-judge panel" judges (not sunshields, rovers or panels)."""
    m = re.match(r"[A-Za-z]+", words)
    if m is None:
        return None, 0
    low = m.group().lower()
    if low in _STOP_NOUN or low in MONTHS:
        return None, 0
    if low.endswith("ed") and len(low) > 5:
        low = low[:-2]  # "wheeled" → "wheel"
    return singular(low), m.end()


class _Collector:
    """Collects non-overlapping matches, first come first kept (patterns run most specific first).

    The spans taken are kept sorted (they never overlap), so whether a span is free is a binary
    search, not a scan of every earlier match.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.items: list[Quantity] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        return i == len(self._starts) or self._starts[i] >= end

    def add(
        self,
        start: int,
        end: int,
        value: float | str | None,
        unit: str | None,
        kind: QuantityKind,
        bound: Bound = "exact",
    ) -> bool:
        while end > start and self.text[end - 1] in " ,.;:":
            end -= 1
        if end <= start or not self.free(start, end):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self.items.append(Quantity(self.text[start:end], Span(start, end), value, unit, kind, bound))
        return True


def is_unit_word(word: str) -> bool:
    """Whether ``word`` names a unit of measure ("GeV", "km", "megawatts")."""
    return word.lower() in _MEASURE_UNITS or word in CONVERSIONS or word in _TEMPERATURES


def _month_number(raw: str) -> int:
    return MONTHS[fold(raw).rstrip(".").lower()]
