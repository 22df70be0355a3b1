"""Reading figures out of text (:func:`parse_quantities`), the date of "the previous X" that
"the first X in N years" implies (:func:`previous_events`), and moving figures to another text
(:func:`anchor`)."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Sequence
from datetime import date

from factcheck.quantities.patterns import (
    _FRACTION_DENOMINATORS,
    _PART_OF_NAME,
    _RATE_BEFORE,
    _RE_A_DURATION,
    _RE_AGE,
    _RE_AND_A_HALF,
    _RE_BOUND_BEFORE,
    _RE_CLASS,
    _RE_CLOCK,
    _RE_DAY_MONTH,
    _RE_DECADE,
    _RE_FRACTION,
    _RE_FULL_DATE,
    _RE_HMS,
    _RE_MAGNITUDE,
    _RE_MONEY,
    _RE_MONTH_ALONE,
    _RE_MONTH_YEAR,
    _RE_MS,
    _RE_NUMBER,
    _RE_OLD_YEAR,
    _RE_ORDINAL,
    _RE_PERCENT,
    _RE_RELATIVE_YEAR,
    _RE_TEMPERATURE,
    _RE_TIME_OF_DAY,
    _RE_UNIT_AND_A_HALF,
    _RE_VAGUE,
    _RE_YEAR,
)
from factcheck.quantities.reading import (
    _RE_TIMES,
    _bound,
    _Collector,
    _head_noun,
    _hyphenated_noun,
    _int,
    _month_number,
    _scale,
    _valid_year,
    fold,
    singular,
    written_number,
)
from factcheck.quantities.vocabulary import (
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DURATION_UNITS,
    _IN_YEARS,
    _MEASURE_UNITS,
    _ORDINALS,
    _STOP_NOUN,
    _VAGUE,
    _WORD_NUMBERS,
    _match_unit,
)
from factcheck.text import MONTHS, Normalised
from factcheck.types import Bound, Quantity, Span

# ------------------------------------------------------------------------------------------------
# Parsing
# ------------------------------------------------------------------------------------------------


def parse_quantities(text: str, *, reference: date | None = None) -> list[Quantity]:
    """All quantities in ``text``, ordered by position, spans into ``text``.

    ``reference`` (usually the article's publication date) resolves relative times:
    "last year", "this year", "since September".  Never raises; linear in ``len(text)``.
    """
    source, text = text, fold(text)  # matching reads the folded text; quantities quote the source
    c = _Collector(source)
    _dates(c, text, reference)
    _sums_and_times(c, text)
    _times_of_day(c, text)
    _shares_and_spans(c, text)
    _years(c, text)
    _counts(c, text)
    items = _share_units(text, sorted(c.items, key=lambda q: q.span.start))
    if reference is not None:
        items = sorted(items + previous_events(source, items, reference), key=lambda q: q.span.start)
    return items


def _dates(c: _Collector, text: str, reference: date | None) -> None:
    """Full dates, days and months (their year from ``reference`` when it is given), decades and
    relative years ("last year", only with ``reference``)."""
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
        if m.group("m").lower().rstrip(".") == "may" and m.group("prep").lower() not in {"since", "in", "until", "by"}:
            continue  # "may" is usually the verb
        if reference is None:  # "in June", its year unknown: compared by its month only
            c.add(m.start("m"), m.end(), None, None, "date")
            continue
        year = reference.year if month <= reference.month else reference.year - 1
        if _valid_year(year):
            c.add(m.start("m"), m.end(), f"{year:04d}-{month:02d}", None, "date")


def _times_of_day(c: _Collector, text: str) -> None:
    """Times of day, as minutes after midnight: "at about 7:50 pm" (1190, about), "at 00:11" (11),
    "19:50 GMT" (its zone kept in the text).  An hour needs its minutes after a colon or "am"/"pm":
    "7.50" is a sum, "7" a count."""
    for m in _RE_TIME_OF_DAY.finditer(text):
        hour, minutes, ampm = int(m.group("h")), m.group("m"), m.group("ampm")
        colon = minutes is not None and text[m.start("m") - 1] == ":"
        if not (ampm or colon) or (ampm and not 1 <= hour <= 12):
            continue
        if minutes is None and ampm.isupper():
            continue  # "No 10 PM Rishi Sunak": a prime minister, not ten at night
        value = hour * 60 + int(minutes or 0)
        if ampm:
            value = value % 720 + (720 if ampm.lower().startswith("p") else 0)
        raw = (m.group("bound") or "").lower()
        if raw.startswith(("shortly", "just")):  # "shortly after 7 a.m.": from 7 on
            bound: Bound = "over" if raw.endswith("after") else "under"
        else:
            bound = _bound(raw or None)
        start = m.start("bound") if m.group("bound") else m.start("h")
        c.add(start, m.end(), float(value), None, "time", bound)


def _sums_and_times(c: _Collector, text: str) -> None:
    """Sums of money, temperatures, race and clock times, "two and a half hours", ages, classes."""
    for m in _RE_MONEY.finditer(text):
        num = written_number(m.group("num") or m.group("num2"))
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
        num = written_number(m.group("num"))
        if num is not None:
            unit = "°F" if m.group("scale").lower().startswith("f") else "°C"
            c.add(m.start(), m.end(), num, unit, "measure", _bound(m.group("bound")))
    for m in _RE_CLOCK.finditer(text):
        secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
        c.add(m.start(), m.end(), float(secs), "second", "duration")
    for m in _RE_HMS.finditer(text):
        secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s") or 0)
        c.add(m.start(), m.end(), float(secs), "second", "duration")
    for m in _RE_MS.finditer(text):
        secs = int(m.group("m")) * 60 + int(m.group("s"))
        c.add(m.start(), m.end(), float(secs), "second", "duration", _bound(m.group("bound")))
    for m in (*_RE_AND_A_HALF.finditer(text), *_RE_UNIT_AND_A_HALF.finditer(text)):
        word = m.group("num").lower()  # "two and a half hours", "a year and a half"
        num = 1.0 if word in ("a", "an") else written_number(word)
        if num is not None:
            unit = _DURATION_UNITS.get(m.group("unit").lower(), "century")
            c.add(m.start(), m.end(), num + 0.5, unit, "duration", _bound(m.group("bound")))
    for m in _RE_AGE.finditer(text):
        c.add(m.start(), m.end(), float(m.group("num") or m.group("num2")), "age", "count")
    for m in _RE_CLASS.finditer(text):
        c.add(m.start(), m.end(), float(m.group("num")), m.group("label").lower(), "count")


def _shares_and_spans(c: _Collector, text: str) -> None:
    """Fractions and percentages, and a unit of time alone ("a decade", "half an hour"; not a rate)."""
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
        num = written_number(m.group("num"))
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


def _years(c: _Collector, text: str) -> None:
    """Years written alone, unless the word after makes them a count or a length ("2000 soldiers")."""
    for m in (*_RE_YEAR.finditer(text), *_RE_OLD_YEAR.finditer(text)):
        after = text[m.end("y") : m.end("y") + 30]
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
        c.add(m.start("y"), m.end("y"), m.group("y"), None, "date")


def _counts(c: _Collector, text: str) -> None:
    """Vague counts ("thousands of"), earthquake magnitudes, numbers with their unit noun, ordinals."""
    for m in _RE_VAGUE.finditer(text):
        head, used = _head_noun(m.group("words"))
        end = m.start("words") + used if head else m.end("vague")
        c.add(m.start(), end, _VAGUE[m.group("vague").lower()], head, "count", "over")
    for m in _RE_MAGNITUDE.finditer(text):  # earthquakes: "a 7.8-magnitude quake", "magnitude 7.8"
        magnitude = written_number(m.group("a") or m.group("b"))
        if magnitude is not None:
            c.add(m.start(), m.end(), magnitude, "magnitude", "measure")
    for m in _RE_NUMBER.finditer(text):
        num = written_number(m.group("num"))
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
        hyphenated = text[num_end : num_end + 1] == "-" and not _RE_TIMES.match(words)
        head, used = _hyphenated_noun(words) if hyphenated else _head_noun(words)
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


def anchor(quantity: Quantity, normalised: Normalised, *, offset: int = 0) -> Quantity:
    """Move a quantity parsed from ``normalised.text`` onto the source text (shifted by ``offset``).

    The returned quantity's ``span`` indexes the source, and its ``text`` is the source slice.
    """
    local = normalised.source_span(quantity.span)
    span = local.shift(offset)
    return Quantity(local.of(normalised.source), span, quantity.value, quantity.unit, quantity.kind, quantity.bound)
