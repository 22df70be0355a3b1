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

The package: :mod:`~factcheck.quantities.vocabulary` (number words, units, patterns),
:mod:`~factcheck.quantities.parse` (reading figures, the date "the first X in N years" implies,
moving figures to another text) and :mod:`~factcheck.quantities.compare` (agreement).
"""

from __future__ import annotations

from factcheck.quantities.compare import (
    ABOUT_TOLERANCE,
    CHECKED_KINDS,
    DECIMAL_TOLERANCE,
    EXACT_TOLERANCE,
    MAX_ROUNDING_TOLERANCE,
    OPEN_BOUND_FACTOR,
    Agreement,
    compare,
    compare_previous,
    day_month,
    describe,
    rounding_tolerance,
    same_dimension,
    years_between,
)
from factcheck.quantities.parse import PREVIOUS, anchor, is_previous_event, parse_quantities, previous_events
from factcheck.quantities.reading import fold, is_unit_word, singular, written_number
from factcheck.quantities.vocabulary import CONVERSIONS

__all__ = [
    "ABOUT_TOLERANCE",
    "CHECKED_KINDS",
    "CONVERSIONS",
    "DECIMAL_TOLERANCE",
    "EXACT_TOLERANCE",
    "MAX_ROUNDING_TOLERANCE",
    "OPEN_BOUND_FACTOR",
    "PREVIOUS",
    "Agreement",
    "anchor",
    "compare",
    "compare_previous",
    "day_month",
    "describe",
    "fold",
    "is_previous_event",
    "is_unit_word",
    "parse_quantities",
    "previous_events",
    "rounding_tolerance",
    "same_dimension",
    "singular",
    "written_number",
    "years_between",
]
