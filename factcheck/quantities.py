"""Numbers, units, dates, durations and ordinals: parse, normalise, compare.

>>> [(q.text, q.kind, q.value, q.unit, q.bound) for q in parse_quantities(
...     "Russia received over 10,000 shipping containers, about 260,000 metric tons, in 2023.")]
... # doctest: +NORMALIZE_WHITESPACE
[('over 10,000 shipping containers', 'count', 10000.0, 'container', 'over'),
 ('about 260,000 metric tons', 'measure', 260000.0, 'tonne', 'about'),
 ('2023', 'date', '2023', None, 'exact')]

Spans are into the string that was parsed; :func:`anchor` moves them to another text through a
:class:`factcheck.text.Normalised` map.  :func:`compare` says whether two quantities that speak of
the same thing agree.

:func:`parse_quantities` never raises on any text and runs in time linear in its length: numbers
longer than :data:`~factcheck.config.MAX_NUMBER_DIGITS` digits, or whose value is not finite, are
skipped; dates outside the calendar's years 1-9999 are skipped; the four non-ASCII letters that
Python's case-insensitive matching equates with ASCII ones ("ſ", "K", "İ", "ı") are read as those
letters, so a case-insensitive match always finds its entry in the lower-case tables.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import re
from collections.abc import Sequence
from datetime import MAXYEAR, MINYEAR, date
from functools import cache
from typing import Literal

from factcheck.config import MAX_NUMBER_DIGITS
from factcheck.text import MONTHS, Normalised
from factcheck.types import Bound, Quantity, QuantityKind, Span

# ------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a thousand": 1000,
    "a million": 1e6,
    "a billion": 1e9,
}
_VAGUE = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1000.0,
    "tens of thousands": 10000.0,
    "hundreds of thousands": 100000.0,
    "millions": 1e6,
    "billions": 1e9,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "won": "KRW",
    "yuan": "CNY",
    "yen": "JPY",
}
_MEASURE_UNITS = {
    "metric tons": "tonne",
    "metric tonnes": "tonne",
    "tonnes": "tonne",
    "tonne": "tonne",
    "tons": "tonne",
    "ton": "tonne",
    "kilograms": "kg",
    "kilogram": "kg",
    "kg": "kg",
    "grams": "g",
    "gram": "g",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "sq km": "km2",
    "km2": "km2",
    "square metres": "m2",
    "square meters": "m2",
    "miles": "mile",
    "mile": "mile",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "m": "m",
    "pounds of": "lb",
    "lb": "lb",
    "lbs": "lb",
    "litres": "l",
    "liters": "l",
    "barrels": "barrel",
    "hectares": "ha",
    "acres": "acre",
    "centimetres": "cm",
    "centimeters": "cm",
    "centimetre": "cm",
    "centimeter": "cm",
    "cm": "cm",
    "millimetres": "mm",
    "millimeters": "mm",
    "millimetre": "mm",
    "millimeter": "mm",
    "mm": "mm",
    "inches": "inch",
    "inch": "inch",
    "yards": "yard",
    "square miles": "sq mile",
    "sq miles": "sq mile",
    "milligrams": "mg",
    "milligram": "mg",
    "mg": "mg",
    "litre": "l",
    "liter": "l",
    "millilitres": "ml",
    "milliliters": "ml",
    "ml": "ml",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "kilowatts": "kW",
    "kw": "kW",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
    "kilowatt-hours": "kWh",
    "kwh": "kWh",
    "terawatt-hours": "TWh",
    "twh": "TWh",
    "electronvolts": "eV",
    "mev": "MeV",
    "megaelectronvolts": "MeV",
    "gev": "GeV",
    "gigaelectronvolts": "GeV",
    "tev": "TeV",
    "teraelectronvolts": "TeV",
    "kph": "km/h",
    "km/h": "km/h",
    "mph": "mph",
    "degrees": "degree",
    "calories": "kcal",
}
#: Measure units that convert into each other: unit -> (dimension, size in the base unit).
CONVERSIONS: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.001),
    "cm": ("length", 0.01),
    "m": ("length", 1.0),
    "km": ("length", 1000.0),
    "inch": ("length", 0.0254),
    "ft": ("length", 0.3048),
    "yard": ("length", 0.9144),
    "mile": ("length", 1609.344),
    "mg": ("mass", 1e-6),
    "g": ("mass", 0.001),
    "kg": ("mass", 1.0),
    "tonne": ("mass", 1000.0),
    "lb": ("mass", 0.45359237),
    "m2": ("area", 1.0),
    "ha": ("area", 1e4),
    "acre": ("area", 4046.856),
    "km2": ("area", 1e6),
    "sq mile": ("area", 2.589988e6),
    "ml": ("volume", 1e-6),
    "l": ("volume", 0.001),
    "m3": ("volume", 1.0),
    "barrel": ("volume", 0.158987),
    "kW": ("power", 1e3),
    "MW": ("power", 1e6),
    "GW": ("power", 1e9),
    "kWh": ("energy", 1.0),
    "TWh": ("energy", 1e9),
    "eV": ("particle energy", 1.0),
    "MeV": ("particle energy", 1e6),
    "GeV": ("particle energy", 1e9),
    "TeV": ("particle energy", 1e12),
    "magnitude": ("magnitude", 1.0),
    "km/h": ("speed", 1.0),
    "mph": ("speed", 1.609344),
}
_DURATION_UNITS = {
    "seconds": "second",
    "second": "second",
    "years": "year",
    "year": "year",
    "months": "month",
    "month": "month",
    "weeks": "week",
    "week": "week",
    "days": "day",
    "day": "day",
    "hours": "hour",
    "hour": "hour",
    "minutes": "minute",
    "minute": "minute",
    "decades": "decade",
    "decade": "decade",
    "centuries": "century",
    "century": "century",
}
_IN_YEARS = {
    "year": 1.0,
    "month": 1 / 12,
    "week": 7 / 365.25,
    "day": 1 / 365.25,
    "hour": 1 / 8766,
    "minute": 1 / 525960,
    "second": 1 / 31557600,
    "decade": 10.0,
    "century": 100.0,
}
_BOUND_WORDS: dict[str, Bound] = {
    "over": "over",
    "more than": "over",
    "above": "over",
    "at least": "over",
    "in excess of": "over",
    "upwards of": "over",
    "exceeding": "over",
    "no fewer than": "over",
    "no less than": "over",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "up to": "under",
    "at most": "under",
    "nearly": "under",
    "almost": "under",
    "just under": "under",
    "no more than": "under",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "ca.": "about",
    "~": "about",
    "reportedly": "exact",
    "well over": "over",
    "well under": "under",
}
_STOP_NOUN = frozenset(
    [
        "out",
        "of",
        "from",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "these",
        "those",
        "per",
        "each",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "since",
        "when",
        "while",
        "after",
        "before",
        "during",
        "into",
        "about",
        "over",
        "under",
        "between",
        "among",
        "across",
        "against",
        "without",
        "ago",
        "later",
        "earlier",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "them",
        "us",
        "me",
        "who",
        "whom",
    ]
)
_IRREGULAR_PLURALS = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "personnel": "personnel",
    "troops": "troop",
    "staff": "staff",
    "sheep": "sheep",
    "aircraft": "aircraft",
    "series": "series",
    "species": "species",
}

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozen|a hundred|a thousand|a million|a billion)"
)
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|mn|tn)\b|(?<=\d)(?:k|m|bn|b)\b)"
_BOUND = r"(?:" + "|".join(re.escape(w) for w in sorted(_BOUND_WORDS, key=len, reverse=True)) + r")"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
#: A number starts where no digit, point or comma precedes it: without this, every position of a
#: long run of digits would start a match that fails only after scanning the rest of the run.
_NUM_START = r"(?<![\d.,])"

_RE_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b"
)
_RE_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!,?\s*\d)"
)
_RE_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b")
_RE_DECADE = re.compile(r"\b(?:(?P<mod>early|mid|late)[- ](?:the\s+)?)?(?P<y>1[5-9]\d0|20\d0)'?s\b", re.I)
_RE_RELATIVE_YEAR = re.compile(r"\b(?P<which>last|this|next|previous|the previous|the following) year\b", re.I)
_RE_MONTH_ALONE = re.compile(
    rf"\b(?P<prep>since|in|from|until|by|last|this|early|late|mid-)\s*(?P<m>{_MONTH})(?!\s+\d)\b", re.I
)
_RE_YEAR = re.compile(rf"(?<![\d,.$€£:-])\b(?P<y>{_YEAR})\b(?![\d%:]|[,.]\d|\s*(?:percent|per cent))")
_RE_MONEY = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<sym>US\$|[$€£¥₩₽])\s?(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"|(?:(?P<bound2>{_BOUND})\s+)?(?P<num2>{_NUM_START}{_NUM})(?P<scale2>{_SCALE})?\s+(?P<cur>(?:US\s)?dollars?|euros?|pounds?|"
    r"roubles?|rubles?|won|yuan|yen|USD|EUR|GBP|RUB)\b",
    re.I,
)
_RE_PERCENT = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<num>{_NUM_START}{_NUM}|{_WORDNUM})\s?(?:%|percent\b|per cent\b|percentage points?\b)",
    re.I,
)
_RE_NUMBER = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<num>(?<![\w.,:]){_NUM}(?![\w:])|\b{_WORDNUM}\b)(?P<scale>{_SCALE})?"
    r"(?:(?:\s+|-)(?P<words>(?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*))?",
    re.I,
)
_RE_VAGUE = re.compile(
    r"\b(?P<vague>tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions|billions)\s+of\s+(?P<words>(?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)",
    re.I,
)
_RE_ORDINAL = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|"
    r"\d+(?:st|nd|rd|th))\s+(?P<words>(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)",
    re.I,
)
_RE_MAGNITUDE = re.compile(
    r"\b(?:(?P<a>\d+(?:\.\d+)?)[- ]magnitude|magnitude[- ](?:of\s+)?(?P<b>\d+(?:\.\d+)?))\b", re.I
)
#: "Apollo 11", "Ariane 5", "Windows 10": a number right after a capitalised word is part of a name.
_NOT_NAME_WORDS = (
    "in on at by since from of for with about around over under some nearly almost only just all the and but "
    "than to until after before between among within during per each every another top its their his her our "
    "these those this that which who when where while if as or nor so yet were was are is be been had has have "
    "said says more less fewer least most"
).split()
_PART_OF_NAME = re.compile(r"\b(?!(?i:" + "|".join([*MONTHS, *_NOT_NAME_WORDS]) + r")\b)[A-Z][a-z]+ $")
_RE_A_DURATION = re.compile(
    r"\b(?P<n>a|an|one|half an?)\s+(?P<unit>decade|century|year|month|week|day|hour|minute)\b", re.I
)
#: What makes "a year" a rate, not a duration: "12 million visitors a year", "twice a day", "$5 a day".
_RATE_BEFORE = re.compile(
    r"(?:\b(?:once|twice|times)|[$€£]\s?\d[\d,.]*(?:\s+(?:million|billion|thousand|m|bn))?"
    r"|\d[\d,.]*(?:\s+(?:million|billion|thousand))?(?:\s+[A-Za-z-]+){1,2}?)\s+$",
    re.I,
)
_RE_BOUND_BEFORE = re.compile(rf"\b(?P<bound>{_BOUND})\s+$", re.I)
_DURATION_WORD = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century)"
#: "two and a half hours", "1 and a half years"
_RE_AND_A_HALF = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?\b(?P<num>{_NUM}|{_WORDNUM})\s+and\s+a\s+half\s+{_DURATION_WORD}\b", re.I
)
#: A race time or clock duration: "2:00:35", "2 hours 0 minutes 35 seconds", "3 hours and 12 minutes".
_RE_CLOCK = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])")
_RE_HMS = re.compile(
    r"\b(?P<h>\d{1,3})\s*(?:hours?|hrs?|h)\b,?\s*(?:and\s+)?(?P<m>\d{1,2})\s*(?:minutes?|mins?|min)\b"
    r"(?:,?\s*(?:and\s+)?(?P<s>\d{1,2})\s*(?:seconds?|secs?|s)\b)?",
    re.I,
)
#: Temperatures: "49.6°C", "56.7 degrees Celsius", "134 °F".
_RE_TEMPERATURE = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<num>-?{_NUM_START}{_NUM})\s?(?:°\s?|º\s?|degrees?\s+)(?P<scale>Celsius|Fahrenheit|centigrade|C|F)\b",
    re.I,
)
#: Ages: "aged 21", "at the age of 21", "a 21-year-old".
_RE_AGE = re.compile(r"\b(?:aged|age of|ages of)\s+(?P<num>\d{1,3})\b|\b(?P<num2>\d{1,3})-year-old\b", re.I)
#: Numbered classes: "Category 3 hurricane", "Level 4", "Stage 2".
_RE_CLASS = re.compile(r"\b(?P<label>Category|Level|Grade|Stage|Phase|Class|Force|Tier)\s+(?P<num>\d{1,2})\b")
#: Fractions of a whole: "two-thirds of", "a fifth of", "one-quarter of", "half of".
_FRACTION_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
_RE_FRACTION = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?\b(?:(?P<num>a|one|two|three|four|nine)[- ](?P<den>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)"
    r"|(?P<half>half))(?=\s+(?:of|the|its|their)\b)",
    re.I,
)


# ------------------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------------------


#: The letters outside ASCII that case-insensitive matching equates with ASCII letters: text is
#: read through this table (one character for one, so offsets do not move) before matching.
_ASCII_FOLD = str.maketrans({"\u017f": "s", "\u212a": "K", "\u0130": "I", "\u0131": "i"})


def fold(text: str) -> str:
    """``text`` with the non-ASCII letters that match ASCII ones case-insensitively replaced by them."""
    return text.translate(_ASCII_FOLD)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _number(raw: str) -> float | None:
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


def parse_quantities(text: str, *, reference: date | None = None) -> list[Quantity]:
    """All quantities in ``text``, ordered by position, spans into ``text``.

    ``reference`` (usually the article's publication date) resolves relative times:
    "last year", "this year", "since September".  Never raises; linear in ``len(text)``.
    """
    source, text = text, fold(text)  # matching reads the folded text; quantities quote the source
    c = _Collector(source)
    for m in _RE_FULL_DATE.finditer(text):
        mon = m.group("m1") or m.group("m2")
        month = _month_number(mon) if mon else int(m.group("m3"))
        year = int(m.group("y1") or m.group("y2") or m.group("y3"))
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        try:
            iso = date(year, month, day).isoformat()
        except ValueError:
            continue
        c.add(m.start(), m.end(), iso, None, "date")
    for m in _RE_DAY_MONTH.finditer(text):  # "6 February": the year from the reference date, else unknown
        month = _month_number(m.group("m1") or m.group("m2"))
        day = int(m.group("d1") or m.group("d2"))
        value = None
        if reference is not None:
            year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
            with contextlib.suppress(ValueError):  # 29 February, or year 0
                value = date(year, month, day).isoformat()
        c.add(m.start(), m.end(), value, None, "date")
    for m in _RE_MONTH_YEAR.finditer(text):
        c.add(m.start(), m.end(), f"{int(m.group('y')):04d}-{_month_number(m.group('m')):02d}", None, "date")
    for m in _RE_DECADE.finditer(text):
        c.add(m.start(), m.end(), f"{m.group('y')}s", None, "date", "about" if m.group("mod") else "exact")
    if reference is not None:
        for m in _RE_RELATIVE_YEAR.finditer(text):
            which = m.group("which").lower()
            offset = (
                -1 if which in {"last", "previous", "the previous"} else 1 if which in {"next", "the following"} else 0
            )
            if _valid_year(reference.year + offset):
                c.add(m.start(), m.end(), str(reference.year + offset), None, "date")
        for m in _RE_MONTH_ALONE.finditer(text):
            month = _month_number(m.group("m"))
            if m.group("m").lower().rstrip(".") == "may" and m.group("prep").lower() not in {
                "since",
                "in",
                "until",
                "by",
            }:
                continue  # "may" is usually the verb
            year = reference.year if month <= reference.month else reference.year - 1
            if _valid_year(year):
                c.add(m.start("m"), m.end(), f"{year:04d}-{month:02d}", None, "date")
    for m in _RE_MONEY.finditer(text):
        num = _number(m.group("num") or m.group("num2"))
        if num is None:
            continue
        scale = _scale(m.group("scale") or m.group("scale2"))
        if not math.isfinite(num * scale):
            continue
        if m.group("sym"):
            unit = _CURRENCY_SYMBOLS.get(m.group("sym").upper(), _CURRENCY_SYMBOLS.get(m.group("sym"), "USD"))
        else:
            unit = _CURRENCY_WORDS.get(m.group("cur").lower().replace("us ", ""), m.group("cur").upper())
        c.add(m.start(), m.end(), num * scale, unit, "money", _bound(m.group("bound") or m.group("bound2")))
    for m in _RE_TEMPERATURE.finditer(text):
        num = _number(m.group("num"))
        if num is not None:
            unit = "°F" if m.group("scale").lower().startswith("f") else "°C"
            c.add(m.start(), m.end(), num, unit, "measure", _bound(m.group("bound")))
    for m in _RE_CLOCK.finditer(text):
        secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
        c.add(m.start(), m.end(), float(secs), "second", "duration")
    for m in _RE_HMS.finditer(text):
        secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s") or 0)
        c.add(m.start(), m.end(), float(secs), "second", "duration")
    for m in _RE_AND_A_HALF.finditer(text):
        num = _number(m.group("num"))
        if num is not None:
            unit = _DURATION_UNITS.get(m.group("unit").lower(), "century")
            c.add(m.start(), m.end(), num + 0.5, unit, "duration", _bound(m.group("bound")))
    for m in _RE_AGE.finditer(text):
        c.add(m.start(), m.end(), float(m.group("num") or m.group("num2")), "age", "count")
    for m in _RE_CLASS.finditer(text):
        c.add(m.start(), m.end(), float(m.group("num")), m.group("label").lower(), "count")
    for m in _RE_FRACTION.finditer(text):
        if m.group("half"):
            share = 0.5
        else:
            word = m.group("den").lower()
            den = 2 if word.startswith("hal") else _FRACTION_DENOMINATORS[word.rstrip("s")]
            share = (1.0 if m.group("num").lower() == "a" else float(_WORD_NUMBERS[m.group("num").lower()])) / den
        c.add(
            m.start(),
            m.end(),
            round(100 * share, 1),
            "%",
            "percent",
            _bound(m.group("bound")) if m.group("bound") else "about",
        )
    for m in _RE_PERCENT.finditer(text):
        num = _number(m.group("num"))
        if num is not None:
            c.add(m.start(), m.end(), num, "%", "percent", _bound(m.group("bound")))
    for m in _RE_A_DURATION.finditer(text):
        if m.group("n").lower() in ("a", "an") and _RATE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # a rate: "12 million visitors a year"
        n = 0.5 if m.group("n").lower().startswith("half") else 1.0
        start, bound = m.start(), "exact"
        before = _RE_BOUND_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before is not None:  # "well over a decade"
            start, bound = before.start(), _bound(before.group("bound"))
        c.add(start, m.end(), n, m.group("unit").lower(), "duration", bound)
    for m in _RE_YEAR.finditer(text):
        after = text[m.end() : m.end() + 30]
        unit_word = re.match(r"\s+([A-Za-z][\w-]*)", after)
        follower = unit_word.group(1).lower() if unit_word else ""
        if follower and (
            follower in _DURATION_UNITS
            or follower in _MEASURE_UNITS
            or (
                follower.endswith("s")
                and follower not in _STOP_NOUN
                and follower not in MONTHS
                and not follower.endswith("ss")
            )
        ):
            continue  # "2000 soldiers" is a count, "1500 years" a duration
        c.add(m.start(), m.end(), m.group("y"), None, "date")
    for m in _RE_VAGUE.finditer(text):
        head, used = _head_noun(m.group("words"))
        end = m.start("words") + used if head else m.end("vague")
        c.add(m.start(), end, _VAGUE[m.group("vague").lower()], head, "count", "over")
    for m in _RE_MAGNITUDE.finditer(text):  # earthquakes: "a 7.8-magnitude quake", "magnitude 7.8"
        magnitude = _number(m.group("a") or m.group("b"))
        if magnitude is not None:
            c.add(m.start(), m.end(), magnitude, "magnitude", "measure")
    for m in _RE_NUMBER.finditer(text):
        num = _number(m.group("num"))
        # a name before the number is a capitalised word and a space: look just behind, not from 0
        if num is None or (
            not m.group("bound") and _PART_OF_NAME.search(text, max(0, m.start() - _NAME_LOOKBEHIND), m.start())
        ):
            continue
        num *= _scale(m.group("scale"))
        bound = _bound(m.group("bound"))
        start = m.start("bound") if m.group("bound") else m.start("num")
        num_end = m.end("scale") if m.group("scale") else m.end("num")
        words = m.group("words") or ""
        measure = _match_unit(words, _MEASURE_UNITS)
        if measure:
            unit, used = measure
            c.add(start, m.start("words") + used, num, unit, "measure", bound)
            continue
        duration = _match_unit(words, _DURATION_UNITS)
        if duration:
            unit, used = duration
            c.add(start, m.start("words") + used, num, unit, "duration", bound)
            continue
        head, used = _head_noun(words)
        if head and head not in _DURATION_UNITS:
            c.add(start, m.start("words") + used, num, head, "count", bound)
        else:
            c.add(start, num_end, num, None, "count", bound)
    for m in _RE_ORDINAL.finditer(text):
        raw = m.group("ord").lower()
        value = _ORDINALS.get(raw)
        if value is None:
            value = _int(raw[:-2])  # "24th"
            if value is None:
                continue
        head, used = _head_noun(m.group("words"))
        end = m.start("words") + used if head else m.end("ord")
        c.add(m.start(), end, float(value), head, "ordinal")
    items = _share_units(text, sorted(c.items, key=lambda q: q.span.start))
    if reference is not None:
        items = sorted(items + previous_events(source, items, reference), key=lambda q: q.span.start)
    return items


#: How far before a number :data:`_PART_OF_NAME` looks for the capitalised word of a name.
_NAME_LOOKBEHIND = 64


_RE_OF_THE = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|a\s+total\s+of\s+)?$", re.I)


def _share_units(text: str, items: list[Quantity]) -> list[Quantity]:
    """ "240 of the 543 seats": the bare 240 counts seats too."""
    out = list(items)
    for i in range(len(out) - 1):
        q, nxt = out[i], out[i + 1]
        if (
            q.kind == "count"
            and q.unit is None
            and nxt.kind == "count"
            and nxt.unit
            and _RE_OF_THE.match(text[q.span.end : nxt.span.start])
        ):
            out[i] = Quantity(q.text, q.span, q.value, nxt.unit, q.kind, q.bound)
    return out


# ------------------------------------------------------------------------------------------------
# "First X in N years": the date of the previous X
# ------------------------------------------------------------------------------------------------

#: Unit prefix of a date derived from "first ... in N years": ``previous:<event>``.
PREVIOUS = "previous:"
#: "first [such] visit ... in|for [more than] " right before a duration in years or decades.
_RE_FIRST_BEFORE = re.compile(
    r"\b(?:the\s+)?first\b(?:\s+(?:such|ever|official|state|time|of\s+its\s+kind))*"
    r"(?:\s+(?P<event>[a-z][a-z-]+))?[^.;:!?]{0,80}?\s(?:in|for)\s+(?:(?:more than|over|nearly|almost|about|some)\s+)?$",
    re.I,
)
_NOT_EVENTS = frozenset("time in for to of by since at on from with as the a an such".split())
_YEAR_BOUND: dict[Bound, Bound] = {"exact": "exact", "about": "about", "over": "under", "under": "over"}


def previous_events(text: str, quantities: Sequence[Quantity], reference: date) -> list[Quantity]:
    """Dates implied by "the first visit in 24 years" (article dated 2024: the previous visit, 2000).

    The derived quantity is a ``date`` whose ``unit`` is ``previous:<event>`` ("previous:visit";
    "previous:" when the event is not named, as in "for the first time in 24 years"); its span
    runs from "first" to the end of the duration.  Its bound is that of the year: "more than 20
    years" puts the previous event *before* ``reference.year - 20`` (``under``).  It is compared
    only with dates that evidence gives for an earlier occurrence ("last visited in 2000",
    "the only previous visit, in 2000"), see :func:`factcheck.verify.compare_quantities`.
    """
    out: list[Quantity] = []
    folded = fold(text)
    for q in quantities:
        if q.kind != "duration" or q.unit not in ("year", "decade") or not isinstance(q.value, float):
            continue
        m = _RE_FIRST_BEFORE.search(folded, max(0, q.span.start - 120), q.span.start)
        if not m:
            continue
        years = q.value * _IN_YEARS[q.unit]
        if (
            not math.isfinite(years)
            or years != int(years)
            or years <= 0
            or not _valid_year(reference.year - int(years))
        ):
            continue
        event = (m.group("event") or "").lower()
        if event in _NOT_EVENTS:
            event = ""
        start = m.start() + (m.group(0).lower().startswith("the ") and 4)
        out.append(
            Quantity(
                text[start : q.span.end],
                Span(start, q.span.end),
                str(reference.year - int(years)),
                PREVIOUS + singular(event) if event else PREVIOUS,
                "date",
                _YEAR_BOUND[q.bound],
            )
        )
    return out


def is_previous_event(q: Quantity) -> bool:
    return q.kind == "date" and bool(q.unit) and q.unit.startswith(PREVIOUS)


def compare_previous(derived: Quantity, evidence: Quantity) -> Agreement:
    """A derived previous-event year against a date the evidence gives for that earlier event."""
    if not is_previous_event(derived) or evidence.kind != "date" or is_previous_event(evidence):
        return "incomparable"
    interval = _date_interval(str(evidence.value))
    if interval is None:
        return "incomparable"
    first, last = date.fromordinal(interval[0]).year, date.fromordinal(interval[1]).year
    year = int(str(derived.value))
    slack = 2 if derived.bound == "about" else 1
    if derived.bound == "under":
        ok = first <= year + slack
    elif derived.bound == "over":
        ok = last >= year - slack
    else:
        ok = first <= year + slack and last >= year - slack
    return "consistent" if ok else "conflict"


@cache
def _phrases_by_first_word(table_id: int) -> dict[str, tuple[str, ...]]:
    """The phrases of a unit table grouped by their first word, longest first."""
    table = _UNIT_TABLES[table_id]
    out: dict[str, list[str]] = {}
    for phrase in sorted(table, key=len, reverse=True):
        out.setdefault(phrase.split(" ", 1)[0].rstrip(","), []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _match_unit(words: str, table: dict[str, str]) -> tuple[str, int] | None:
    low = words.lower()
    first = re.split(r"[ ,]", low, maxsplit=1)[0]
    for phrase in _phrases_by_first_word(_UNIT_TABLE_IDS[id(table)]).get(first, ()):
        if low == phrase or low.startswith(phrase + " ") or low.startswith(phrase + ","):
            return table[phrase], len(phrase)
    return None


_UNIT_TABLES = (_MEASURE_UNITS, _DURATION_UNITS)
_UNIT_TABLE_IDS = {id(t): i for i, t in enumerate(_UNIT_TABLES)}


def anchor(quantity: Quantity, normalised: Normalised, *, offset: int = 0) -> Quantity:
    """Move a quantity parsed from ``normalised.text`` onto the source text (shifted by ``offset``).

    The returned quantity's ``span`` indexes the source, and its ``text`` is the source slice.
    """
    local = normalised.source_span(quantity.span)
    span = local.shift(offset)
    return Quantity(local.of(normalised.source), span, quantity.value, quantity.unit, quantity.kind, quantity.bound)


# ------------------------------------------------------------------------------------------------
# Comparison
# ------------------------------------------------------------------------------------------------

Agreement = Literal["consistent", "conflict", "incomparable"]

#: Relative tolerance for an exact figure (rounding in reporting: "260,000" vs "259,800").
EXACT_TOLERANCE = 0.02
#: Relative half-width for "about"/"around" figures.
ABOUT_TOLERANCE = 0.15


#: Pragmatic reading of open bounds: a reporter writes "more than 10,000" for a figure between
#: 10,000 and 15,000, not for 100,000 ("over v" = [v, 1.5 v]; "under v" = [v / 1.5, v]).
OPEN_BOUND_FACTOR = 1.5


#: Ceiling on the rounding tolerance an exact figure gets from the way it is written.
MAX_ROUNDING_TOLERANCE = 0.10
#: Floor for a figure written with decimals: its writer gave its precision ("9.69 seconds" is not
#: "9.63 seconds", which :data:`EXACT_TOLERANCE` would let through).
DECIMAL_TOLERANCE = 0.001
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


_TEMPERATURES = frozenset({"°C", "°F"})
#: Durations written to the second ("2:00:35", "2 hours 0 minutes 35 seconds") are exact.
_CLOCK_TEXT = re.compile(r"\d:\d\d|\d\s*(?:hours?|hrs?|h)\b.*\d", re.I)


def _last_digit(q: Quantity) -> float:
    """Size of the last written digit of ``q`` ("49.6" -> 0.1, "50" -> 10, "134" -> 1)."""
    m = _DIGITS.search(q.text)
    if not m:
        return 1.0
    raw = m.group().replace(",", "")
    if "." in raw:
        return 10.0 ** -len(raw.split(".", 1)[1])
    stripped = raw.rstrip("0")
    return 10.0 ** (len(raw) - len(stripped)) if stripped else 1.0


def rounding_tolerance(q: Quantity) -> float:
    """Relative half-width an exact figure gets from its last significant digit.

    "50%" may stand for 48.7 % (rounded to tens: 5 %), "8,848.86 m" for nothing but itself; never
    less than :data:`EXACT_TOLERANCE` (:data:`DECIMAL_TOLERANCE` for a figure written with
    decimals) nor more than :data:`MAX_ROUNDING_TOLERANCE`.
    """
    if q.kind == "duration" and q.unit == "second" and _CLOCK_TEXT.search(q.text):
        return 0.0005
    m = _DIGITS.search(q.text)
    if not m:
        return EXACT_TOLERANCE
    value = float(m.group().replace(",", "")) or 1.0
    floor = DECIMAL_TOLERANCE if "." in m.group() else EXACT_TOLERANCE
    return min(max(floor, 0.5 * _last_digit(q) / value), MAX_ROUNDING_TOLERANCE)


def _celsius(value: float, unit: str | None) -> float:
    return (value - 32.0) * 5.0 / 9.0 if unit == "°F" else value


def _interval(q: Quantity) -> tuple[float, float]:
    v = float(q.value)  # type: ignore[arg-type]
    if q.unit in _TEMPERATURES:
        # tolerance in the unit written, then both ends into Celsius (the scale is affine)
        tol = ABOUT_TOLERANCE * abs(v) if q.bound == "about" else max(0.5 * _last_digit(q), 0.05)
        lo, hi = v - tol, v + tol
        if q.bound == "over":
            hi = v + max(10.0, tol)
        elif q.bound == "under":
            lo = v - max(10.0, tol)
        return _celsius(lo, q.unit), _celsius(hi, q.unit)
    if q.kind == "duration" and q.unit in _IN_YEARS:
        v *= _IN_YEARS[q.unit]
    elif q.kind == "measure" and q.unit in CONVERSIONS:
        v *= CONVERSIONS[q.unit][1]
    tol = abs(v) * (ABOUT_TOLERANCE if q.bound == "about" else rounding_tolerance(q))
    if q.bound == "over":
        return (v - tol, v * OPEN_BOUND_FACTOR + tol)
    if q.bound == "under":
        return (v / OPEN_BOUND_FACTOR - tol, v + tol)
    return (v - tol, v + tol)


def _date_interval(value: str) -> tuple[int, int] | None:
    """A date string as an interval of ordinal days."""
    m = re.fullmatch(r"(\d{4})s", value)
    if m:
        start = int(m.group(1))
        return date(start, 1, 1).toordinal(), date(start + 9, 12, 31).toordinal()
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(parts[1])
        if len(parts) == 2:
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return date(year, month, 1).toordinal(), nxt.toordinal() - 1
        day = date(year, month, int(parts[2])).toordinal()
        return day, day
    except (ValueError, IndexError):
        return None


#: Nouns an ordinal may count interchangeably ("the fourth country" ~ "the fourth nation").
_ORDINAL_SYNONYMS = (
    frozenset({"country", "nation", "state"}),
    frozenset({"title", "crown", "cup", "championship", "trophy", "major", "win", "victory"}),
    frozenset({"term", "stint", "mandate"}),
    frozenset({"woman", "female"}),
    frozenset({"man", "male"}),
)


def _ordinal_group(unit: str) -> str:
    return next((min(group) for group in _ORDINAL_SYNONYMS if unit in group), unit)


def same_dimension(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing, so their values can be compared."""
    if a.kind != b.kind or is_previous_event(a) or is_previous_event(b):
        return False
    if a.kind in {"date", "percent", "duration"}:
        return True
    if a.kind == "measure" and a.unit in _TEMPERATURES and b.unit in _TEMPERATURES:
        return True
    if a.kind == "measure" and a.unit in CONVERSIONS and b.unit in CONVERSIONS:
        return CONVERSIONS[a.unit][0] == CONVERSIONS[b.unit][0]  # metres against feet
    if a.kind == "ordinal":
        return a.unit is not None and b.unit is not None and _ordinal_group(a.unit) == _ordinal_group(b.unit)
    return a.unit is not None and a.unit == b.unit


def compare(a: Quantity, b: Quantity, *, loose: bool = False) -> Agreement:
    """Do ``a`` and ``b`` agree, given their bounds?  ``incomparable`` when they measure different things.

    ``loose``: a count without a unit noun may stand for one with ("the toll exceeded 50,000" and
    "50,000 people died"), for callers that know both are about the same thing.
    """
    if a.kind == b.kind == "date" and (a.value is None) != (b.value is None):
        return _compare_day_month(a, b)
    if a.value is None or b.value is None:
        return "incomparable"
    loosely = loose and (
        (a.kind == b.kind == "count" and (a.unit is None or b.unit is None))
        or (a.kind == b.kind == "ordinal" and a.unit is not None and b.unit is not None)
    )
    if not same_dimension(a, b) and not loosely:
        return "incomparable"
    if a.kind == "date":
        ia, ib = _date_interval(str(a.value)), _date_interval(str(b.value))
        if ia is None or ib is None:
            return "incomparable"
        return "consistent" if ia[0] <= ib[1] and ib[0] <= ia[1] else "conflict"
    lo_a, hi_a = _interval(a)
    lo_b, hi_b = _interval(b)
    if a.unit in _TEMPERATURES or a.bound != "exact" or b.bound != "exact":
        # "about 700 m" is not "some 900 metres": a hedged figure agrees with a figure inside its
        # own range, not with any whose range merely touches it (two 15 % margins add up to 35 %)
        pa, pb = _point(a), _point(b)
        if a.unit not in _TEMPERATURES:
            return "consistent" if lo_b <= pa <= hi_b or lo_a <= pb <= hi_a else "conflict"
    return "consistent" if lo_a <= hi_b and lo_b <= hi_a else "conflict"


_RE_ISO_DAY = re.compile(r"\d{4}-(\d\d)-(\d\d)$")


def day_month(q: Quantity) -> tuple[int, int] | None:
    """(month, day) of a date written with both: a resolved ISO day, or "6 February" / "February 6"
    whose year is unknown."""
    if q.value is not None:
        m = _RE_ISO_DAY.match(str(q.value))
        return (int(m.group(1)), int(m.group(2))) if m else None
    m = _RE_DAY_MONTH.fullmatch(fold(q.text))
    if m is None:
        return None
    try:
        return _month_number(m.group("m1") or m.group("m2")), int(m.group("d1") or m.group("d2"))
    except (KeyError, ValueError):
        return None


def _compare_day_month(a: Quantity, b: Quantity) -> Agreement:
    """A day without its year ("13 May") against a full date ("13 April 2021"): by month and day."""
    da, db = day_month(a), day_month(b)
    if da is None or db is None:
        return "incomparable"
    return "consistent" if da == db else "conflict"


def _point(q: Quantity) -> float:
    """The figure itself in the unit :func:`_interval` compares in (the written value, converted)."""
    v = float(q.value)  # type: ignore[arg-type]
    if q.kind == "duration" and q.unit in _IN_YEARS:
        return v * _IN_YEARS[q.unit]
    if q.kind == "measure" and q.unit in CONVERSIONS:
        return v * CONVERSIONS[q.unit][1]
    return v


def years_between(a: Quantity, b: Quantity) -> float | None:
    """Years from date ``a`` to date ``b`` (midpoints of the days they cover), or ``None`` if either
    is not a resolved date.  Used to check "ending a rupture of about seven years" against
    "severed in January 2016" and "restored on 10 March 2023"."""
    if a.kind != "date" or b.kind != "date" or a.value is None or b.value is None:
        return None
    ia, ib = _date_interval(str(a.value)), _date_interval(str(b.value))
    if ia is None or ib is None:
        return None
    return abs((ib[0] + ib[1]) / 2 - (ia[0] + ia[1]) / 2) / 365.25


def describe(q: Quantity) -> str:
    """Short human form used in reasons ("over 10,000 container", "2000")."""
    if is_previous_event(q):
        when = {"under": "before ", "over": "after ", "about": "about ", "exact": ""}[q.bound]
        return f'"{q.text}" (so the previous one {when}{q.value})'
    if q.kind == "date":
        return str(q.value)
    bound = {"over": "over ", "under": "under ", "about": "about ", "exact": ""}[q.bound]
    value = q.value
    if isinstance(value, float):
        value = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    unit = f" {q.unit}" if q.unit and q.unit != "%" else ("%" if q.unit == "%" else "")
    return f"{bound}{value}{unit}"
