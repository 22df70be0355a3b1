"""Per-window signals: what one evidence window says about one claim.

For each kept window of a claim (:mod:`factcheck.verify.windows`) with its NLI probabilities:

* **figures** — the aligned comparisons (:mod:`factcheck.verify.align`); a claim figure that some
  relevant window agrees with is *confirmed*; a window whose strictly aligned figures disagree with
  an unconfirmed claim figure has a *figure conflict*;
* **same event** — whether the window reports the claim's event (:mod:`factcheck.verify.events`);
* **name conflict** — a window about the event that names another party in the claim's place
  (:mod:`factcheck.verify.names`; a name in the claim name's slot from the relevance at which a
  figure conflict refutes), or gives the claim's quotation to another person
  (:mod:`factcheck.verify.quotes`), or the claim's post to another person
  (:mod:`factcheck.verify.roles`; these two from that relevance too), or gives the claim's
  figure to another name of a sentence that lists names with figures
  (:mod:`factcheck.verify.owners`; from that relevance too),
  or another place where the claim puts something (from that relevance too, when the NLI model
  leans to a contradiction; :func:`factcheck.verify.names.place_swap`);
* **rule signals** ``support`` and ``refute``: support = p(entailment), cut to
  ``support_under_conflict`` under a figure or name conflict, raised to ``quantity_support_score``
  when every figure of the claim agrees with a window that names all its names and that the NLI
  model does not read as a contradiction; refute = p(contradiction) only in a relevant window about
  the same event, naming the claim's parties in its own sentences (not only elsewhere in its
  passage), whose figures do not agree with the claim's (unless one text is negated and the
  other not), raised to ``quantity_conflict_score`` under a figure conflict and to
  ``name_conflict_score`` under a name conflict.

A window may refute only when it is about the claim's event (or its figures conflict under a
strict alignment): everything else is at most NOT_ENOUGH_INFO.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.config import VerifyConfig
from factcheck.lexical import coverage
from factcheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL
from factcheck.quantities import CHECKED_KINDS, compare, describe, is_previous_event
from factcheck.types import Quantity, QuantityCheck
from factcheck.verify.align import Comparison, compare_quantities, distinctive, figures_all_agree, precision
from factcheck.verify.events import same_event, time_compatible
from factcheck.verify.names import NameConflict, name_conflict, place_swap, slot_swap, tail_swap
from factcheck.verify.owners import owner_swap
from factcheck.verify.quotes import speaker_swap
from factcheck.verify.roles import role_swap
from factcheck.verify.succession import succession_swap
from factcheck.verify.views import ClaimView
from factcheck.verify.windows import Candidate


@dataclass(frozen=True, slots=True)
class WindowSignals:
    candidate: Candidate
    probs: tuple[float, float, float]  # entailment, neutral, contradiction
    comparisons: tuple[Comparison, ...]
    check: QuantityCheck
    same_event: bool
    name_conflict: NameConflict | None
    negation_mismatch: bool
    figures_support: bool
    support: float
    refute: float

    @property
    def entailment(self) -> float:
        return self.probs[0]

    @property
    def contradiction(self) -> float:
        return self.probs[2]

    @property
    def conflict_is_distinctive(self) -> bool:
        return (
            self.check.status == "conflict"
            and self.check.claim_quantity is not None
            and distinctive(self.check.claim_quantity)
        )


def vouches(c: Comparison, claim_quantity: Quantity) -> bool:
    """Whether an agreeing comparison vouches for the claim figure: a date only when the evidence
    gives it at least as precisely ("2019" in a title does not vouch for "16 April 2019", which
    "15 April 2019" contradicts)."""
    if c.agreement != "consistent":
        return False
    return claim_quantity.kind != "date" or precision(c.evidence_quantity) >= precision(claim_quantity)


def window_check(cv: ClaimView, comparisons: Sequence[Comparison], confirmed: set[int]) -> QuantityCheck:
    """Conflict if a claim figure confirmed nowhere disagrees with a strictly aligned figure here;
    else consistent if some claim figure agrees with this window; else unrelated."""
    agreeing = {c.claim_index for c in comparisons if vouches(c, cv.quantities[c.claim_index])}
    clash = [
        c
        for c in comparisons
        if c.agreement == "conflict" and c.strict and c.claim_index not in confirmed and c.claim_index not in agreeing
    ]
    if clash:
        best = max(clash, key=lambda c: c.alignment)
        cq = cv.quantities[best.claim_index]
        note = f"the claim says {describe(cq)}; the source says {describe(best.evidence_quantity)}"
        return QuantityCheck("conflict", cq, best.evidence_quantity, note)
    agree = [c for c in comparisons if c.agreement == "consistent"]
    if agree:
        best = max(agree, key=lambda c: c.alignment)
        note = f"the source gives the same figure: {describe(best.evidence_quantity)}"
        return QuantityCheck("consistent", cv.quantities[best.claim_index], best.evidence_quantity, note)
    return QuantityCheck("unrelated")


def _names_all_given(cv: ClaimView, c: Candidate) -> bool:
    if not cv.names:
        return True
    assert c.view is not None
    need = min(1.0, (len(cv.names) - 1) / len(cv.names) if len(cv.names) >= 3 else 1.0)
    return coverage(cv.names, c.view.evidence_tokens | c.view.passage.title_tokens) >= need


def _unconfirmed(cv: ClaimView, confirmed: set[int]) -> list[Quantity]:
    """The claim's own figures (dates, sums, rates, measures, durations; not counts, whose unit
    words name kinds within kinds: "29 gold medals" of "65 medals") that no relevant window
    vouches for."""
    return [q for k, q in enumerate(cv.quantities) if k not in confirmed and not is_previous_event(q)
            and q.kind in CHECKED_KINDS]  # fmt: skip


def gives_other_figure(own: Sequence[Quantity], unconfirmed: Sequence[Quantity], c: Candidate) -> bool:
    """Whether the window gives, for one of the claim's unconfirmed figures, figures of its kind
    none of which agrees with any figure the claim gives (``own``: "arrived on 6 August 2014" for
    "woke in January 2014 and reached it on 6 September"; not for "... on 6 August"): its
    entailment may be the model reading past the figure, so it does not vouch for the claim."""
    assert c.view is not None
    for q in unconfirmed:
        theirs = [w for w in c.view.quantities if compare(q, w) != "incomparable"]
        if theirs and not any(compare(x, w) == "consistent" for x in own for w in theirs):
            return True
    return False


def _swapped(
    cv: ClaimView, c: Candidate, cfg: VerifyConfig, relevant: bool, contradicts: bool, comps: Sequence[Comparison]
) -> NameConflict | None:
    """The party, speaker or post holder the window puts in the claim's place, if it reports the
    claim's event otherwise: names from the relevance an NLI contradiction needs, another name in
    the claim name's slot and a quotation from the relevance a figure conflict needs (they are as
    precise: a split claim, "Tim Barrow hand-delivered her letter to Jean-Claude Juncker", is
    less like its window than the sentence it came from), the owner of an agreeing figure in a
    sentence that lists names with figures (``comps``: the window's comparisons), a post at any
    relevance (a short claim of a post sits low in relevance); failing these, another place
    (:func:`~factcheck.verify.names.place_swap`) from the figure relevance where the model
    ``contradicts`` (leans to contradiction over entailment) and no date of the window is of
    another year."""
    assert c.view is not None
    rules = cfg.rules
    swapped = (name_conflict(cv, c.view, rules) or tail_swap(cv, c.view, rules)) if relevant else None
    if swapped is None and c.relevance >= cfg.min_relevance:
        swapped = (
            slot_swap(cv, c.view, rules)
            or speaker_swap(cv, c.view, rules)
            or owner_swap(cv, c.view, comps)
            or succession_swap(cv, c.view)
        )
    if swapped is None:
        swapped = role_swap(cv, c.view)
    if swapped is not None and not same_event(cv, c.view, rules, except_name=swapped.claim_name):
        swapped = None
    if swapped is None and c.relevance >= cfg.min_relevance and contradicts and time_compatible(cv, c.view):
        # a place is as precise as a figure, and often all that a short sentence about the claim's
        # subject gives, so it is not held to the event's words; the model must read the window
        # as a contradiction
        swapped = place_swap(cv, c.view)
    return swapped


def window_comparisons(cv: ClaimView, kept: Sequence[Candidate], cfg: VerifyConfig) -> list[tuple[Comparison, ...]]:
    """The aligned figure comparisons of each kept window of one claim."""
    out = []
    for c in kept:
        assert c.view is not None
        out.append(tuple(compare_quantities(cv, c.view, c.relevance, cfg.rules)))
    return out


def confirmed_figures(
    cv: ClaimView, kept: Sequence[Candidate], comparisons: Sequence[Sequence[Comparison]], cfg: VerifyConfig
) -> set[int]:
    """The claim figures that some relevant window agrees with: sources that disagree with a
    confirmed figure do not refute the claim."""
    return {
        x.claim_index
        for c, comps in zip(kept, comparisons, strict=True)
        if c.relevance >= cfg.min_relevance
        for x in comps
        if vouches(x, cv.quantities[x.claim_index])
    }


def claim_signals(
    cv: ClaimView,
    kept: Sequence[Candidate],
    probs: np.ndarray,
    cfg: VerifyConfig,
    comparisons: Sequence[Sequence[Comparison]] | None = None,
) -> list[WindowSignals]:
    """The signals of every kept window of one claim (``probs``: their NLI rows, in order;
    ``comparisons``: their figure comparisons, computed here when not given)."""
    rules = cfg.rules
    refute_relevance = max(cfg.min_relevance, cfg.contradiction_relevance)
    if comparisons is None:
        comparisons = window_comparisons(cv, kept, cfg)
    confirmed = confirmed_figures(cv, kept, comparisons, cfg)
    unconfirmed = _unconfirmed(cv, confirmed) if rules.unconfirmed_figure_caps_support else []
    own = [q for q in cv.quantities if not is_previous_event(q)]  # not an earlier occurrence's
    out = []
    for c, comps, row in zip(kept, comparisons, probs, strict=True):
        assert c.view is not None
        p = (float(row[ENTAILMENT]), float(row[NEUTRAL]), float(row[CONTRADICTION]))
        check = window_check(cv, comps, confirmed)
        about = same_event(cv, c.view, rules)
        mismatch = cv.negated != c.view.negated
        agrees = check.status == "consistent" and not mismatch
        relevant = c.relevance >= refute_relevance
        told = relevant and about and not agrees and same_event(cv, c.view, rules, in_window=True)
        support, refute = p[0], (p[2] if told else 0.0)
        swapped = _swapped(cv, c, cfg, relevant, p[2] > p[0], comps)
        figures = False
        if check.status == "conflict":
            support = min(support, rules.support_under_conflict)
            if c.relevance >= cfg.min_relevance:
                refute = max(refute, rules.quantity_conflict_score)
        elif swapped is not None:
            support = min(support, rules.support_under_conflict)
            refute = max(refute, rules.name_conflict_score)
        elif (
            agrees
            and c.relevance >= cfg.min_relevance
            and p[2] < rules.max_contradiction_for_figure_support
            and figures_all_agree(cv.quantities, list(comps))
            and _names_all_given(cv, c)
        ):
            support, figures = max(support, rules.quantity_support_score), True
        elif unconfirmed and gives_other_figure(own, unconfirmed, c):
            support = min(support, rules.support_under_conflict)
        elif support > rules.support_under_conflict and place_swap(cv, c.view) is not None:
            # the window puts the claim's other names in another place, and its passage never names
            # the claim's: whatever the model reads, the window does not vouch for the place
            support = rules.support_under_conflict
        out.append(WindowSignals(c, p, comps, check, about, swapped, mismatch, figures, support, refute))
    return out
