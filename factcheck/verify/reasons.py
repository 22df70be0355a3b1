"""The one-line reason of a verdict, in words a fact-checker can act on.

A reason names the source and quotes the sentence that decided, and for figures gives both
values ("The claim says 26,000 metric tons; munitions-us says 260,000 metric tons: "…"").
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.lexical import coverage
from factcheck.types import Label
from factcheck.verify.signals import WindowSignals
from factcheck.verify.views import ClaimView

#: What a window that puts another in the claim's place says, by kind of swap (:class:`~factcheck.verify.names.NameConflict`).
_SWAPPED = {
    "name": "The claim names {mine} where {where} names {theirs}",
    "place": "The claim gives the place as {mine}; {where} gives {theirs}",
    "speaker": "The claim gives the quotation to {mine}; {where} gives it to {theirs}",
    "post": "The claim gives the post to {mine}; {where} gives it to {theirs}",
    "rank": "The claim gives {mine} a higher post than {where} does ({theirs})",
}
#: Longest quotation in a reason (characters).
MAX_QUOTE = 220


def _source(s: WindowSignals) -> str:
    assert s.candidate.view is not None
    passage = s.candidate.view.passage.passage
    return f'"{passage.title}" ({passage.doc_id})' if passage.title else f'"{passage.doc_id}"'


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[: MAX_QUOTE - 1].rstrip()}…”" if len(text) > MAX_QUOTE else f"“{text}”"


def best_sentence(cv: ClaimView, s: WindowSignals, position: int | None = None) -> str:
    """The window's sentence holding ``position`` (model-text offset), or the one most about the claim."""
    view = s.candidate.view
    assert view is not None
    if position is not None:
        k = view.sentence_of(position)
    else:
        k = max(range(len(view.sentences)), key=lambda i: coverage(cv.tokens, view.sentence_tokens[i]))
    return view.sentences[k].of(view.norm.text)


def _figure_position(s: WindowSignals) -> int | None:
    """Model-text offset of the evidence figure of a window's quantity check."""
    view = s.candidate.view
    eq = s.check.evidence_quantity
    if view is None or eq is None:
        return None
    for q, anchored in zip(view.quantities, view.anchored, strict=True):
        if anchored.span == eq.span:
            return q.span.start
    return None


def _name_position(s: WindowSignals, name: str) -> int | None:
    """Model-text offset of the first sentence of a window that writes ``name`` (the sentence
    that puts it in the claim's place), or ``None``."""
    view = s.candidate.view
    at = view.norm.text.find(name) if view is not None else -1
    return at if at >= 0 else None


def reason(
    cv: ClaimView,
    label: Label,
    decider: WindowSignals | None,
    signals: Sequence[WindowSignals],
    closest: WindowSignals | None = None,
) -> str:
    """The reason of a verdict with ``label`` decided by window ``decider`` (``closest``: the most
    relevant window when none was relevant enough to weigh)."""
    if decider is None:
        if closest is None:
            return "No passage of the corpus is relevant to this claim."
        return (
            "No passage of the corpus is relevant to this claim; the closest, in "
            f"{_source(closest)} (relevance {closest.candidate.relevance:.2f}), was not weighed: "
            f"{_quote(best_sentence(cv, closest))}"
        )
    where = _source(decider)
    if label is Label.SUPPORTED:
        if decider.figures_support and decider.entailment < decider.support:
            return f"{where} gives the same figures and names: {_quote(best_sentence(cv, decider, _figure_position(decider)))}"
        return f"{where} says so: {_quote(best_sentence(cv, decider))}"
    if label is Label.REFUTED:
        if decider.check.status == "conflict":
            note = decider.check.note[:1].upper() + decider.check.note[1:]
            return f"{note} in {where}: {_quote(best_sentence(cv, decider, _figure_position(decider)))}"
        if decider.name_conflict is not None:
            mine, theirs = decider.name_conflict.claim_name.text, decider.name_conflict.window_name.text
            said = _SWAPPED[decider.name_conflict.kind].format(mine=mine, where=where, theirs=theirs)
            return f"{said}: {_quote(best_sentence(cv, decider, _name_position(decider, theirs)))}"
        return f"{where} contradicts it: {_quote(best_sentence(cv, decider))}"
    other = [s for s in signals if s.contradiction >= 0.5 and not s.same_event]
    if other:
        return (
            f"No source confirms or contradicts this claim; {_source(other[0])} seems to disagree "
            "but reports another event, so it is not taken as a contradiction."
        )
    return f"No source confirms or contradicts this claim; the closest passage is in {where}."
