"""Per-claim features: the window signals of one claim summarised as a fixed vector.

These are what the decision (:mod:`factcheck.verify.decide`) reads.  Every feature is computed by
the rules already (no new parsing); their names are stored with a trained decision model so a
model and the code that feeds it can never disagree silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.verify.signals import WindowSignals
from factcheck.verify.views import ClaimView

FEATURES: tuple[str, ...] = (
    "entail_max",  # strongest NLI entailment of any kept window
    "entail_relevance",  # relevance of that window
    "entail_second",  # strongest entailment from another passage
    "support_max",  # strongest rule support (figures may raise it, conflicts cut it)
    "contra_event_max",  # strongest NLI contradiction of a relevant window about the same event
    "contra_any_max",  # strongest NLI contradiction of any window (about the event or not)
    "contra_second",  # strongest same-event contradiction from another passage
    "refute_max",  # strongest rule refutation (0 when no window about the event disagrees)
    "neutral_of_best",  # NLI neutral of the best-entailing window
    "figure_conflict",  # a strictly aligned figure disagrees (1/0)
    "figure_conflict_distinctive",  # ... and the claim's figure is precise
    "figure_conflict_alignment",  # how well that figure's sentence covers the claim
    "figures_confirmed",  # share of the claim's figures some relevant window agrees with
    "figures_support",  # every figure agrees with a window naming all the claim's names (1/0)
    "name_conflict",  # a window about the event names another party in the claim's place (1/0)
    "negation_mismatch",  # the most contradicting same-event window differs from the claim in negation
    "relevance_max",
    "relevance_top3",
    "same_event_share",  # share of kept windows about the claim's event
    "entail_passages",  # passages with entailment >= 0.5 (capped at 3, divided by 3)
    "contra_passages",  # same-event passages with contradiction >= 0.5 (same)
    "claim_has_figures",
    "claim_negated",
    "no_evidence",
)


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    values: tuple[float, ...]

    def as_array(self) -> np.ndarray:
        return np.asarray(self.values, dtype=np.float64)

    def as_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.values, strict=True))


def _best_per_passage(signals: Sequence[WindowSignals], key) -> list[float]:
    best: dict[str, float] = {}
    for s in signals:
        assert s.candidate.view is not None
        pid = s.candidate.view.passage.passage.id
        best[pid] = max(best.get(pid, 0.0), key(s))
    return sorted(best.values(), reverse=True)


def claim_features(cv: ClaimView, signals: Sequence[WindowSignals]) -> ClaimFeatures:
    """The feature vector of one claim from the signals of its windows (order of :data:`FEATURES`)."""
    if not signals:
        values = dict.fromkeys(FEATURES, 0.0)
        values.update(claim_has_figures=float(bool(cv.quantities)), claim_negated=float(cv.negated), no_evidence=1.0)
        return ClaimFeatures(tuple(values[f] for f in FEATURES))
    best_e = max(signals, key=lambda s: (s.entailment, -s.candidate.rank))
    event = [s for s in signals if s.same_event and s.refute > 0]
    entail = _best_per_passage(signals, lambda s: s.entailment)
    contra = _best_per_passage(event, lambda s: s.contradiction)
    conflicts = [s for s in signals if s.check.status == "conflict" and s.refute > 0]
    confirmed = {x.claim_index for s in signals for x in s.comparisons if x.agreement == "consistent"}
    best_c = max(event, key=lambda s: s.contradiction, default=None)
    relevances = sorted((s.candidate.relevance for s in signals), reverse=True)
    values = {
        "entail_max": best_e.entailment,
        "entail_relevance": best_e.candidate.relevance,
        "entail_second": entail[1] if len(entail) > 1 else 0.0,
        "support_max": max(s.support for s in signals),
        "contra_event_max": best_c.contradiction if best_c else 0.0,
        "contra_any_max": max(s.contradiction for s in signals),
        "contra_second": contra[1] if len(contra) > 1 else 0.0,
        "refute_max": max(s.refute for s in signals),
        "neutral_of_best": best_e.probs[1],
        "figure_conflict": float(bool(conflicts)),
        "figure_conflict_distinctive": float(any(s.conflict_is_distinctive for s in conflicts)),
        "figure_conflict_alignment": max((_alignment(s) for s in conflicts), default=0.0),
        "figures_confirmed": len(confirmed) / len(cv.quantities) if cv.quantities else 0.0,
        "figures_support": float(any(s.figures_support for s in signals)),
        "name_conflict": float(any(s.name_conflict is not None for s in signals)),
        "negation_mismatch": float(best_c.negation_mismatch) if best_c else 0.0,
        "relevance_max": relevances[0],
        "relevance_top3": float(np.mean(relevances[:3])),
        "same_event_share": sum(s.same_event for s in signals) / len(signals),
        "entail_passages": min(3, sum(v >= 0.5 for v in entail)) / 3,
        "contra_passages": min(3, sum(v >= 0.5 for v in contra)) / 3,
        "claim_has_figures": float(bool(cv.quantities)),
        "claim_negated": float(cv.negated),
        "no_evidence": 0.0,
    }
    return ClaimFeatures(tuple(float(values[f]) for f in FEATURES))


def _alignment(s: WindowSignals) -> float:
    """How well the sentence of the window's conflicting figure covers the claim."""
    conflicting = [c.alignment for c in s.comparisons if c.agreement == "conflict" and c.strict]
    return max(conflicting, default=0.0)
