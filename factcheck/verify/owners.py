"""Whose figure: a claim that gives one party's figure to another party of the same sentence.

"Iwate prefecture alone accounted for more than half of the dead" against "Miyagi Prefecture
suffered worst, with about 9,500 deaths, or more than half of the total, followed by Iwate with
about 4,700 and Fukushima with about 1,600": the share agrees, but the sentence gives it to
Miyagi, and names Iwate only after it, with a figure of its own.  That is a name conflict (the
claim's party swapped for the figure's owner), not a confirmation.

Only where the sentence lists names with figures: the claim's name is in the sentence only after
the agreeing figure, and another figure follows it there; the figure's owner is the nearest
capitalised name before the figure that the claim does not name, unless the tagger reads one of
the two as a place and the other as a person or organisation.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.lexical import content_set
from factcheck.verify.names import NameConflict, group_of, names_in, place_for_party
from factcheck.verify.segments import LISTED, Comparison, norm_start
from factcheck.verify.views import ClaimView, Name, WindowView


def owner_swap(cv: ClaimView, wv: WindowView, comparisons: Sequence[Comparison]) -> NameConflict | None:
    """The claim's name a window sentence puts after the claim's figure, with the name it gives
    the figure to (module docstring)."""
    for c in comparisons:
        if c.agreement != "consistent" or not c.strict or cv.quantities[c.claim_index].kind not in LISTED:
            continue
        at = norm_start(wv, c.evidence_quantity)
        holder = wv.sentences[wv.sentence_of(at)]
        sentence, at = holder.of(wv.norm.text), at - holder.start
        named = [(start, other, content_set(other)) for start, _, other in names_in(sentence)]
        for start, text, tokens in named:
            if start < at or not tokens or not tokens <= cv.tokens or group_of(tokens, wv.entities) is None:
                continue  # (a name the claim says, which the tagger reads as a name here: "Iwate" opens the claim)
            if any(s < at and theirs & tokens for s, _, theirs in named):
                continue  # the sentence names it before the figure too
            if not any(holder.start + start < q.span.start < holder.end and q.kind in LISTED for q in wv.quantities):
                continue  # not listed with a figure of its own
            owner = _owner(cv, wv, tokens, [(s, o) for s, o, _ in named if s < at])
            if owner is not None:
                return NameConflict(Name(text, "name", tokens), Name(owner, "name", content_set(owner)))
    return None


def _owner(cv: ClaimView, wv: WindowView, tokens: frozenset[str], before: list[tuple[int, str]]) -> str | None:
    """The nearest name before the figure that the claim does not name, of the claim name's kind
    where the tagger knows both (a place for a place, a person or organisation for either)."""
    for _, other in sorted(before, reverse=True):
        theirs = content_set(other)
        if not theirs - cv.tokens:  # (a name the claim gives too: not another owner)
            continue
        if place_for_party(group_of(tokens, cv.entities), group_of(theirs, wv.entities)):
            return None
        return other
    return None


__all__ = ["owner_swap"]
