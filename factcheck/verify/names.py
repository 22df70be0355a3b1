"""Names: whether a window mentions the claim's parties, and when it names another in their place.

A country may be written as itself, its capital, its demonym or its seat of government
("Russia", "Moscow", "Russian", "the Kremlin": :mod:`factcheck.gazetteer`): these are one party,
never a swap.  A *name conflict* is a window about the claim's event (:mod:`factcheck.verify.events`)
that lacks a name of the claim, covers most of the claim's other words, and names another party of
the same kind that the claim does not: "China vetoed the renewal of the panel" against "Russia
vetoed the renewal of the panel".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from factcheck.config import VerifyRules
from factcheck.gazetteer import names_of, same_party
from factcheck.lexical import content_set, coverage
from factcheck.verify.views import ClaimView, Name, WindowView


def mentioned(name: Name, wv: WindowView, *, passage: bool = True) -> bool:
    """Whether the window (or, with ``passage``, its passage or title) mentions ``name``.

    A country counts as mentioned by any of its names; a person or organisation by any word of its
    name or its acronym ("Putin" for "Vladimir Putin", "WHO" for "World Health Organization").
    """
    if name.country and any(same_party(name.country, c) for c in wv.countries):
        return True
    tokens = wv.evidence_tokens | wv.passage.title_tokens
    if passage:
        tokens = tokens | wv.passage.tokens
    if name.country and any(alias <= tokens for alias in _alias_tokens(name.country)):
        return True
    return bool(name.tokens & tokens)


@cache
def _alias_tokens(country: str) -> tuple[frozenset[str], ...]:
    """Content tokens of each name of ``country`` ("United Arab Emirates" → {unit, arab, emir})."""
    return tuple(t for t in (content_set(n) for n in names_of(country)) if t)


@dataclass(frozen=True, slots=True)
class NameConflict:
    claim_name: Name
    window_name: Name


def name_conflict(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> NameConflict | None:
    """A name of the claim that the window replaces by another of the same kind, or ``None``.

    The window must contain most of the claim's other words, mention the claim's name nowhere in
    its passage (under no alias), and name a party of the same kind that the claim does not mention
    under any alias ("Neil Armstrong and Michael Collins reached the surface" against "Neil
    Armstrong and Buzz Aldrin spent two hours outside").
    """
    if not cv.entities or not wv.entities:
        return None
    claim_countries = cv.countries
    for name in cv.entities:
        if mentioned(name, wv):
            continue
        rest = cv.tokens - name.tokens
        if not rest or coverage(rest, wv.evidence_tokens) < rules.min_coverage_for_name_conflict:
            continue
        for other in wv.entities:
            if other.group != name.group or other.tokens & cv.tokens:
                continue
            if other.country and any(same_party(other.country, c) for c in {*claim_countries, name.country} if c):
                continue  # the same party under another name (Moscow, the Kremlin, the Soviet Union)
            if name.country and not other.country and other.group == "country":
                continue  # a town the gazetteer does not know may lie in the claim's country (Copiapó, Chile)
            return NameConflict(name, other)
    return None
