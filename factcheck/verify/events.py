"""Whether an evidence window reports the claim's event, the condition for it to refute anything.

A window is about the same event when it mentions the claim's parties (under any alias), covers
most of the claim's words that say what happened (not the names, not generic words such as
"first" or "year"), and gives no date that places it at another time.  A passage about another
visit, another year or another country's veto is at most NOT_ENOUGH_INFO for the claim: it never
refutes it.  A figure conflict needs no more than its own alignment (:mod:`factcheck.verify.align`:
the sentence holding the figure is about the claim), so a wrong date of the right event still refutes.
"""

from __future__ import annotations

import re

from factcheck.config import VerifyRules
from factcheck.lexical import canonical, content_set, coverage
from factcheck.types import Quantity
from factcheck.verify.names import mentioned, renumbered
from factcheck.verify.views import ClaimView, Name, WindowView

#: Words that say nothing about what happened (stemmed like :func:`factcheck.lexical.content_set`).
GENERIC = content_set(
    """first last second third time times year years month months week weeks day days new old one two three
    four five six seven eight nine ten hundred thousand million billion percent per cent also other another
    many several most more less early late recent recently ago today yesterday decade decades century""".replace(
        "\n", " "
    )
)
_YEAR = re.compile(r"^(\d{4})")
_DECADE = re.compile(r"^(\d{3})0s$")


def _years(q: Quantity) -> set[int]:
    """The years a date quantity spans ("2000", "2024-06-19" → {2000}/{2024}; "1940s" → 1940..1949)."""
    if q.kind != "date" or q.value is None:
        return set()
    value = str(q.value)
    if m := _DECADE.match(value):
        start = int(m.group(1)) * 10
        return set(range(start, start + 10))
    if m := _YEAR.match(value):
        return {int(m.group(1))}
    return set()


def time_compatible(cv: ClaimView, wv: WindowView) -> bool:
    """False when both give dates and none of the window's years is one of the claim's."""
    claim_years = set().union(*(_years(q) for q in cv.quantities))
    window_years = set().union(*(_years(q) for q in wv.quantities))
    return not claim_years or not window_years or bool(claim_years & window_years)


def event_words(cv: ClaimView) -> frozenset[str]:
    """The claim's content words that say what happened: no names, no generic words."""
    names = frozenset().union(*(n.tokens for n in cv.entities)) if cv.entities else frozenset()
    return cv.tokens - names - cv.names - GENERIC


def same_event(
    cv: ClaimView, wv: WindowView, rules: VerifyRules, *, except_name: Name | None = None, in_window: bool = False
) -> bool:
    """Whether the window reports the claim's event (module docstring).

    ``except_name``: a party of the claim the window is allowed to lack (the one it may have
    swapped for another).  ``in_window``: the parties must be named in the window itself, not
    only elsewhere in its passage ("Great Britain came third with 29 golds" in a passage that
    names the United States says nothing about what the United States won).  Embedding
    similarity is not enough: an earthquake elsewhere is as similar to the claim's earthquake as
    a report of it.
    """
    parties = [
        n
        for n in cv.entities
        if n.group in ("person", "country", "organisation") and n is not except_name and not n.descriptor
    ]
    missing = sum(not mentioned(n, wv, passage=not in_window) for n in parties)
    if missing > (1 if len(parties) >= 3 else 0) or renumbered(cv.text, wv.norm.text):
        return False
    words = event_words(cv)
    if words and coverage(canonical(words), canonical(wv.tokens)) < rules.min_event_coverage:
        return False
    return time_compatible(cv, wv)
