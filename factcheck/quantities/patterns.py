"""The regular expressions figures are found by, built from the words of :mod:`~factcheck.quantities.vocabulary`."""

from __future__ import annotations

import re

from factcheck.quantities.vocabulary import _BOUND_WORDS
from factcheck.text import MONTHS

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
#: A year before 1500 ("work began in 1183"), read as one only after a word of time, since four
#: digits alone are as often a count there; counts of a thousand or more are written with commas.
_RE_OLD_YEAR = re.compile(
    r"\b(?:in|since|from|until|till|around|circa|before|after)\s+(?P<y>1[0-4]\d\d)\b(?![\d%:]|[,.]\d|\s*(?:percent|per cent))",
    re.I,
)
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
#: "a year and a half", "an hour and a half", "three years and a half"
_RE_UNIT_AND_A_HALF = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?\b(?P<num>an?|one|{_NUM}|{_WORDNUM})\s+{_DURATION_WORD}\s+and\s+a\s+half\b(?!-)", re.I
)
#: A time of day: "at about 7:50 pm", "7.50pm", "at 00:11", "19:50 GMT" (hours and minutes; a
#: bare "7 pm" too).  Not a race time ("2:00:35": :data:`_RE_CLOCK`) nor a score or ratio.
_ZONE_NAMES = "GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|KST|AEST|AEDT|ET|PT"
_TIME_ZONES = _ZONE_NAMES + r"|local\s+time"
#: The zone named in a time's text ("19:50 GMT"); none is local time.
_RE_ZONE = re.compile(rf"\b({_ZONE_NAMES})\b")
_RE_TIME_OF_DAY = re.compile(
    rf"(?:(?P<bound>{_BOUND}|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?(?![\d:])"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?![a-z]))?"
    rf"(?:\s+(?P<zone>{_TIME_ZONES})\b)?",
    re.I,
)
#: A race time or clock duration: "2:00:35", "2 hours 0 minutes 35 seconds", "3 hours and 12 minutes".
_RE_CLOCK = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])")
_RE_HMS = re.compile(
    r"\b(?P<h>\d{1,3})\s*(?:hours?|hrs?|h)\b,?\s*(?:and\s+)?(?P<m>\d{1,2})\s*(?:minutes?|mins?|min)\b"
    r"(?:,?\s*(?:and\s+)?(?P<s>\d{1,2})\s*(?:seconds?|secs?|s)\b)?",
    re.I,
)
#: "11 minutes and 22 seconds", "about 3 mins 40 secs": one duration.
_RE_MS = re.compile(
    rf"(?:(?P<bound>{_BOUND})\s+)?\b(?P<m>\d{{1,3}})\s*(?:minutes?|mins?)\b,?\s*(?:and\s+)?(?P<s>\d{{1,2}})\s*(?:seconds?|secs?)\b",
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
