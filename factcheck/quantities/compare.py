"""Whether two figures that speak of the same thing agree, given how precisely each is written."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Literal

from factcheck.quantities.parse import is_previous_event
from factcheck.quantities.patterns import _RE_DAY_MONTH, _RE_ZONE
from factcheck.quantities.reading import _month_number, fold, plural
from factcheck.quantities.vocabulary import _IN_YEARS, _TEMPERATURES, CONVERSIONS
from factcheck.text import MONTH_NAMES, long_date
from factcheck.types import Quantity

# ------------------------------------------------------------------------------------------------
# Comparison
# ------------------------------------------------------------------------------------------------

Agreement = Literal["consistent", "conflict", "incomparable"]


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


#: Relative tolerance for an exact figure (rounding in reporting: "260,000" vs "259,800").
EXACT_TOLERANCE = 0.02
#: Relative half-width for "about"/"around" figures.
ABOUT_TOLERANCE = 0.15


#: Pragmatic reading of open bounds: a reporter writes "more than 10,000" for a figure between
#: 10,000 and 15,000, not for 100,000 ("over v" = [v, 1.5 v]; "under v" = [v / 1.5, v]).
OPEN_BOUND_FACTOR = 1.5
#: Kinds of figure whose value a source states so that another can confirm or contradict it
#: (not counts, whose unit words name kinds within kinds: "29 gold medals" of "65 medals").
CHECKED_KINDS = frozenset({"date", "duration", "money", "percent", "measure", "time"})


#: Ceiling on the rounding tolerance an exact figure gets from the way it is written.
MAX_ROUNDING_TOLERANCE = 0.10
#: Floor for a figure written with decimals: its writer gave its precision ("9.69 seconds" is not
#: "9.63 seconds", which :data:`EXACT_TOLERANCE` would let through).
DECIMAL_TOLERANCE = 0.001
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


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
        # "the 1940s" is a decade; "the 1700s" is as often the whole century ("erected in the late
        # 1700s" for 1792), so a year of hundreds spans its century: it contradicts only outside it
        start = int(m.group(1))
        span = 99 if start % 100 == 0 else 9
        return date(start, 1, 1).toordinal(), date(start + span, 12, 31).toordinal()
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
    if a.kind == "time":  # in the same zone: "19:50" is not "19:50 GMT", which may be local 20:50
        return _zone(a) == _zone(b)
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
    if a.kind == b.kind == "date" and (a.value is None or b.value is None):
        return _compare_day_month(a, b)  # "13 May" against "13 April 2021", or against "13 April"
    if a.value is None or b.value is None:
        return "incomparable"
    loosely = loose and (
        (a.kind == b.kind == "count" and (a.unit is None or b.unit is None))
        or (a.kind == b.kind == "ordinal" and a.unit is not None and b.unit is not None)
    )
    if not same_dimension(a, b) and not loosely:
        return "incomparable"
    if a.kind == "time":
        return _compare_times(a, b)
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


#: Minutes a time of day given "about" or "roughly" may be off by either way, and "shortly after"
#: ("over") or "just before" ("under") one way; an exact one is off by less than a minute.
TIME_TOLERANCE_MINUTES = 15
TIME_ONE_WAY_MINUTES = 30


def _zone(q: Quantity) -> str | None:
    m = _RE_ZONE.search(q.text)
    return "UTC" if m and m.group(1) in {"GMT", "UTC"} else (m.group(1) if m else None)


def _time_range(q: Quantity) -> tuple[float, float]:
    """Minutes from and to, relative to the time given, that ``q`` allows."""
    return {
        "exact": (-0.5, 0.5),
        "about": (-TIME_TOLERANCE_MINUTES, TIME_TOLERANCE_MINUTES),
        "over": (0.0, TIME_ONE_WAY_MINUTES),
        "under": (-TIME_ONE_WAY_MINUTES, 0.0),
    }[q.bound]


def _compare_times(a: Quantity, b: Quantity) -> Agreement:
    """Two times of day agree when either falls in the range the other allows ("shortly after 7
    a.m." and "around 07:20"), counted around the clock ("23:55" and "00:05" are ten minutes apart)."""
    gap = (float(b.value) - float(a.value) + 720) % 1440 - 720  # b minus a, in -720..720
    (lo_a, hi_a), (lo_b, hi_b) = _time_range(a), _time_range(b)
    return "consistent" if lo_a <= gap <= hi_a or lo_b <= -gap <= hi_b else "conflict"


_RE_ISO_DAY = re.compile(r"\d{4}-(\d\d)-(\d\d)$")
_RE_ISO_MONTH = re.compile(r"\d{4}-(\d\d)(?:-\d\d)?$")


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


def month_of(q: Quantity) -> int | None:
    """The month of a date given with one: a resolved ISO month or day, a day without its year
    ("6 February"), or a month alone ("in June") whose year is unknown."""
    if q.value is not None:
        m = _RE_ISO_MONTH.match(str(q.value))
        return int(m.group(1)) if m else None
    dm = day_month(q)
    if dm is not None:
        return dm[0]
    with contextlib.suppress(KeyError):
        return _month_number(fold(q.text).strip().rstrip("."))
    return None


def _compare_day_month(a: Quantity, b: Quantity) -> Agreement:
    """A day without its year ("13 May") against a full date ("13 April 2021") or another day
    without its year: by month and day; a month without its year ("in June") against any date
    that gives a month: by month."""
    da, db = day_month(a), day_month(b)
    if da is not None and db is not None:
        return "consistent" if da == db else "conflict"
    ma, mb = month_of(a), month_of(b)
    if ma is None or mb is None:
        return "incomparable"  # a year alone gives no month
    return "consistent" if ma == mb else "conflict"


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
        return _written_date(q)
    if q.kind == "time" and isinstance(q.value, float):
        zone = _zone(q)
        when = f"{int(q.value) // 60:02d}:{int(q.value) % 60:02d}" + (f" {zone}" if zone else "")
        return {"over": "after ", "under": "before ", "about": "about ", "exact": ""}[q.bound] + when
    bound = {"over": "over ", "under": "under ", "about": "about ", "exact": ""}[q.bound]
    value = q.value
    if q.kind == "money" and isinstance(value, float):
        return bound + _written_money(value, q.unit)
    if isinstance(value, float):
        value = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    if q.unit == "%":
        unit = "%"
    elif q.unit:
        many = q.value != 1 and (q.kind in ("count", "duration") or q.unit in _UNIT_WORDS)
        unit = " " + (plural(q.unit) if many and q.unit.isalpha() and q.unit.islower() else q.unit)
    else:
        unit = ""
    return f"{bound}{value}{unit}"


#: Currency signs written before the sum ("£9.3 billion"); other currencies follow it ("9.3 billion CHF").
_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}


def _written_money(value: float, unit: str | None) -> str:
    """A sum as a reader writes it: "$44 billion", "£9.3 billion", "$54.20", "3,500 CHF"."""
    if value >= 1e6:
        scale, word = next((x, w) for x, w in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")) if value >= x)
        amount = f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    else:
        amount = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    sign = _CURRENCY_SIGNS.get(unit or "")
    if sign:
        return sign + amount
    return f"{amount} {unit}" if unit else amount


#: Measure units written as words, which take a plural ("3 miles"; not "3 km", "magnitude 9").
_UNIT_WORDS = frozenset({"degree", "inch", "mile", "tonne", "metre", "kilometre", "yard", "acre", "hectare"})


def _written_date(q: Quantity) -> str:
    """A date as a reader writes it ("2 February 2014", "March 2023", "the 1940s"); a day or month
    without its year as the text gives it."""
    value = str(q.value) if q.value is not None else ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if m is None:
        if re.fullmatch(r"\d{4}s", value):
            return f"the {q.text}" if q.text.endswith(value) else f"the {value}"  # "the late 1940s"
        return q.text
    year, month, day = m.groups()
    if month is None:
        return year
    if day:
        with contextlib.suppress(ValueError):  # a day the calendar does not have: as written
            return long_date(date(int(year), int(month), int(day)))
        return q.text
    return f"{MONTH_NAMES[int(month) - 1]} {year}"
