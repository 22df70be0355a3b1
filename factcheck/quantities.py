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
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

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
    "litres": "l",
    "liters": "l",
    "barrels": "barrel",
    "hectares": "ha",
    "acres": "acre",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "kph": "km/h",
    "km/h": "km/h",
    "mph": "mph",
    "degrees": "degree",
    "calories": "kcal",
}
_DURATION_UNITS = {
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
}
_STOP_NOUN = frozenset(
    [
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

_RE_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b"
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
    rf"|(?:(?P<bound2>{_BOUND})\s+)?(?P<num2>{_NUM})(?P<scale2>{_SCALE})?\s+(?P<cur>(?:US\s)?dollars?|euros?|pounds?|"
    r"roubles?|rubles?|won|yuan|yen|USD|EUR|GBP|RUB)\b",
    re.I,
)
_RE_PERCENT = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<num>{_NUM}|{_WORDNUM})\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I
)
_RE_NUMBER = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?(?P<num>(?<![\w.,:]){_NUM}(?![\w:])|\b{_WORDNUM}\b)(?P<scale>{_SCALE})?"
    r"(?:\s+(?P<words>(?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*))?",
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
_RE_A_DURATION = re.compile(r"\b(?P<n>a|an|one|half a)\s+(?P<unit>decade|century|year|month|week|day)\b", re.I)


# ------------------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------------------


def _number(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[raw])
    if "-" in raw:
        tens, _, unit = raw.partition("-")
        if tens in _WORD_NUMBERS and unit in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[tens] + _WORD_NUMBERS[unit])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


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
    """Collects non-overlapping matches, first come first kept (patterns run most specific first)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []
        self.items: list[Quantity] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

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
        self.taken.append((start, end))
        self.items.append(Quantity(self.text[start:end], Span(start, end), value, unit, kind, bound))
        return True


def _month_number(raw: str) -> int:
    return MONTHS[raw.rstrip(".").lower()]


def parse_quantities(text: str, *, reference: date | None = None) -> list[Quantity]:
    """All quantities in ``text``, ordered by position, spans into ``text``.

    ``reference`` (usually the article's publication date) resolves relative times:
    "last year", "this year", "since September".
    """
    c = _Collector(text)
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
            start = m.start("m")
            c.add(start, m.end(), f"{year:04d}-{month:02d}", None, "date")
    for m in _RE_MONEY.finditer(text):
        num = _number(m.group("num") or m.group("num2"))
        if num is None:
            continue
        scale = _scale(m.group("scale") or m.group("scale2"))
        if m.group("sym"):
            unit = _CURRENCY_SYMBOLS.get(m.group("sym").upper(), _CURRENCY_SYMBOLS.get(m.group("sym"), "USD"))
        else:
            unit = _CURRENCY_WORDS.get(m.group("cur").lower().replace("us ", ""), m.group("cur").upper())
        c.add(m.start(), m.end(), num * scale, unit, "money", _bound(m.group("bound") or m.group("bound2")))
    for m in _RE_PERCENT.finditer(text):
        num = _number(m.group("num"))
        if num is not None:
            c.add(m.start(), m.end(), num, "%", "percent", _bound(m.group("bound")))
    for m in _RE_A_DURATION.finditer(text):
        n = 0.5 if m.group("n").lower() == "half a" else 1.0
        c.add(m.start(), m.end(), n, m.group("unit").lower(), "duration")
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
    for m in _RE_NUMBER.finditer(text):
        num = _number(m.group("num"))
        if num is None:
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
            value = int(re.match(r"\d+", raw).group())
        head, used = _head_noun(m.group("words"))
        end = m.start("words") + used if head else m.end("ord")
        c.add(m.start(), end, float(value), head, "ordinal")
    return sorted(c.items, key=lambda q: q.span.start)


def _match_unit(words: str, table: dict[str, str]) -> tuple[str, int] | None:
    low = words.lower()
    for phrase in sorted(table, key=len, reverse=True):
        if low == phrase or low.startswith(phrase + " ") or low.startswith(phrase + ","):
            return table[phrase], len(phrase)
    return None


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


def _interval(q: Quantity) -> tuple[float, float]:
    v = float(q.value)  # type: ignore[arg-type]
    if q.kind == "duration" and q.unit in _IN_YEARS:
        v *= _IN_YEARS[q.unit]
    tol = abs(v) * (ABOUT_TOLERANCE if q.bound == "about" else EXACT_TOLERANCE)
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


def same_dimension(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing, so their values can be compared."""
    if a.kind != b.kind:
        return False
    if a.kind in {"date", "percent", "duration"}:
        return True
    if a.kind == "ordinal":
        return a.unit is not None and a.unit == b.unit
    return a.unit is not None and a.unit == b.unit


def compare(a: Quantity, b: Quantity) -> Agreement:
    """Do ``a`` and ``b`` agree, given their bounds?  ``incomparable`` when they measure different things."""
    if not same_dimension(a, b) or a.value is None or b.value is None:
        return "incomparable"
    if a.kind == "date":
        ia, ib = _date_interval(str(a.value)), _date_interval(str(b.value))
        if ia is None or ib is None:
            return "incomparable"
        return "consistent" if ia[0] <= ib[1] and ib[0] <= ia[1] else "conflict"
    lo_a, hi_a = _interval(a)
    lo_b, hi_b = _interval(b)
    return "consistent" if lo_a <= hi_b and lo_b <= hi_a else "conflict"


def describe(q: Quantity) -> str:
    """Short human form used in reasons ("over 10,000 container", "2000")."""
    if q.kind == "date":
        return str(q.value)
    bound = {"over": "over ", "under": "under ", "about": "about ", "exact": ""}[q.bound]
    value = q.value
    if isinstance(value, float):
        value = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    unit = f" {q.unit}" if q.unit and q.unit != "%" else ("%" if q.unit == "%" else "")
    return f"{bound}{value}{unit}"
