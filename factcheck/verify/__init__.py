"""From retrieved passages to a verdict per claim.

The stage, for a batch of claims and each claim's top-k retrieved passages:

1. **Windows** (:mod:`~factcheck.verify.windows`): each passage is cut into windows of one and of
   up to ``window_sentences`` consecutive sentences; each window is normalised once per check.
2. **Relevance**: cosine similarity of window and claim embeddings; a claim keeps its
   ``max_windows_per_claim`` most relevant windows above ``min_scored_relevance`` (up to
   ``max_windows_before_refuting`` when one of them refutes it: steps 3-5 run again on the rest).
3. **Views** (:mod:`~factcheck.verify.views`): every kept window is read once — figures, names
   (one NER pass over all of them), content words, negation — and so is every claim.
4. **NLI**: every kept (window, claim) pair of the batch in one call of the NLI model.
5. **Signals** (:mod:`~factcheck.verify.signals`): figure alignment (:mod:`~factcheck.verify.align`;
   a figure no rule aligns, by asking the NLI model about the claim rewritten with the window's
   figure, :mod:`~factcheck.verify.substitute`, all such pairs of the batch in one more call),
   same-event test (:mod:`~factcheck.verify.events`), name conflicts (:mod:`~factcheck.verify.names`;
   a figure given to another name of its sentence, :mod:`~factcheck.verify.owners`; another
   successor or predecessor, :mod:`~factcheck.verify.succession`), and the
   rule's support and refute signals per window.
6. **Decision** (:mod:`~factcheck.verify.decide`): the claim's features
   (:mod:`~factcheck.verify.features`) go to the learned decision stored with the NLI model, or to
   the fallback rule; a claim is REFUTED only when a window about its event refutes it.
7. **Reason and evidence** (:mod:`~factcheck.verify.reasons`): the deciding window first, then the
   best window of each other passage.

Every threshold is in :class:`factcheck.config.VerifyRules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from factcheck.config import DEFAULT_SENTENCE_MEMO, VerifyConfig
from factcheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL
from factcheck.stages import PairScorer, TextEncoder
from factcheck.types import Claim, Evidence, NLIScores, Passage, Verdict
from factcheck.verify.decide import Decision, LearnedDecision, RuleDecision
from factcheck.verify.features import FEATURES, ClaimFeatures, claim_features
from factcheck.verify.names import as_the_window_names
from factcheck.verify.reasons import reason
from factcheck.verify.signals import WindowSignals, claim_signals, confirmed_figures, window_comparisons
from factcheck.verify.substitute import answers, probes
from factcheck.verify.views import ClaimView, claim_view, entities_of
from factcheck.verify.windows import (
    Candidate,
    SentenceVectors,
    closest_window,
    cut_windows,
    most_relevant,
    passage_windows,
    read_windows,
    score_relevance,
)

__all__ = ["FEATURES", "Analysis", "LearnedDecision", "RuleDecision", "Verifier", "passage_windows"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything verification computed for one claim, before the decision."""

    view: ClaimView
    signals: tuple[WindowSignals, ...]
    features: ClaimFeatures
    #: When no window is relevant enough to be weighed, the most relevant one, read and scored all
    #: the same: never a reason for a verdict, but shown as the closest passage, and what the NLI
    #: model reads in it is the verdict's lean when forced to choose (``evaluation.runner._forced``).
    closest: WindowSignals | None = None


def _rule_thresholds(config: VerifyConfig, calibration) -> tuple[float, float]:
    """The fallback rule's thresholds: the configured ones, else those calibrated for the model."""
    from factcheck.config import DEFAULT_REFUTE_THRESHOLD, DEFAULT_SUPPORT_THRESHOLD

    chosen = (getattr(calibration, "info", None) or {}).get("thresholds") or {}
    support = config.support_threshold
    refute = config.refute_threshold
    support = support if support is not None else float(chosen.get("support", DEFAULT_SUPPORT_THRESHOLD))
    refute = refute if refute is not None else float(chosen.get("refute", DEFAULT_REFUTE_THRESHOLD))
    return support, refute


def _model_folder(nli) -> Path | None:
    ref = getattr(nli, "ref", None)
    if ref is None or not getattr(ref, "is_local", False):
        return None
    return Path(ref.location)


class Verifier:
    """Turns claims and their retrieved passages into verdicts (steps in the module docstring).

    ``decision``: a decider (``LearnedDecision``/``RuleDecision``); by default the learned decision
    stored with the NLI model when ``config.decision == "learned"`` and it has one, else the rule.
    """

    def __init__(
        self,
        nli: PairScorer,
        embedder: TextEncoder,
        config: VerifyConfig = VerifyConfig(),
        calibration=None,
        decision=None,
        sentence_memo: int = DEFAULT_SENTENCE_MEMO,
    ) -> None:
        self.nli = nli
        self.embedder = embedder
        self.config = config
        #: Confidence maps of :mod:`factcheck.calibration` for the rule; by default the NLI model's.
        self.calibration = calibration if calibration is not None else getattr(nli, "calibration", None)
        if decision is None and config.decision == "learned" and (folder := _model_folder(nli)) is not None:
            decision = LearnedDecision.load(folder)
        self.decision = decision or RuleDecision(*_rule_thresholds(config, self.calibration), self.calibration)
        #: Evidence sentences' embeddings, kept across checks (``DEFAULT_SENTENCE_MEMO`` of them).
        self.sentence_vectors = SentenceVectors(sentence_memo)

    def describe(self) -> dict:
        return self.decision.describe()

    def analyse(self, claims: Sequence[Claim], candidates: Sequence[Sequence[tuple[Passage, float]]]) -> list[Analysis]:
        """Views, window signals and features of every claim (steps 1-5)."""
        if len(claims) != len(candidates):
            raise ValueError(f"{len(claims)} claims but {len(candidates)} candidate lists")
        cfg = self.config
        missing = [i for i, c in enumerate(claims) if not c.entities]
        found = dict(zip(missing, entities_of([claims[i].text for i in missing]), strict=True))
        views = [
            claim_view(c, found[i] if i in found else [(e.text, e.label) for e in c.entities])
            for i, c in enumerate(claims)
        ]
        per_claim = cut_windows(candidates, cfg)
        score_relevance(self.embedder, [v.text for v in views], per_claim, self.sentence_vectors)
        ranked = [most_relevant(wins, cfg) for wins in per_claim]
        first = cfg.rules.max_windows_per_claim
        closest = [closest_window(wins) if not r else None for r, wins in zip(ranked, per_claim, strict=True)]
        scored = [r[:first] or ([c] if c is not None else []) for r, c in zip(ranked, closest, strict=True)]
        read: dict = {}  # window views of this check, by window
        probs = self._read(views, scored, read)
        asked: dict = {}  # NLI rows of the rewrites of this check, by (window, rewrite)
        signals = self._signals(views, scored, probs, asked)
        # Before an alarm, the wider evidence: the claims some window refutes read the rest of theirs.
        again = [i for i, sig in enumerate(signals) if len(ranked[i]) > first and any(s.refute > 0 for s in sig)]
        more = self._read([views[i] for i in again], [ranked[i][first:] for i in again], read)
        for i, extra in zip(again, more, strict=True):
            scored[i] = ranked[i]
            probs[i] = np.concatenate([probs[i], extra])
        for i, sig in zip(again, self._signals([views[i] for i in again], [scored[i] for i in again],
                                                [probs[i] for i in again], asked), strict=True):  # fmt: skip
            signals[i] = sig
        out = []
        for view, sig, near in zip(views, signals, closest, strict=True):
            if near is not None:
                out.append(Analysis(view, (), claim_features(view, []), sig[0]))
            else:
                out.append(Analysis(view, tuple(sig), claim_features(view, sig)))
        return out

    def _signals(
        self, views: Sequence[ClaimView], windows: Sequence[list[Candidate]], probs: Sequence[np.ndarray], memo: dict
    ) -> list[list[WindowSignals]]:
        """The window signals of each claim, with the figures that only a rewrite of the claim
        aligns (:mod:`~factcheck.verify.substitute`): their NLI pairs in one batch, each asked once
        per check (``memo``: the rows asked so far, by window and rewrite)."""
        cfg = self.config
        comparisons = [window_comparisons(v, w, cfg) for v, w in zip(views, windows, strict=True)]
        asked = [
            (ci, probe)
            for ci, (v, w, comps) in enumerate(zip(views, windows, comparisons, strict=True))
            for probe in probes(v, w, comps, confirmed_figures(v, w, comps, cfg), cfg)
        ]
        if asked:
            rows = self._rewrites_read([(windows[ci][probe.window], probe.hypothesis) for ci, probe in asked], memo)
            for (ci, w), conflict in answers(asked, [probs[ci][probe.window] for ci, probe in asked], rows, cfg.rules):
                comparisons[ci][w] += (conflict,)
        return [
            claim_signals(*args, cfg, comps) for *args, comps in zip(views, windows, probs, comparisons, strict=True)
        ]

    def _rewrites_read(self, pairs: Sequence[tuple[Candidate, str]], memo: dict) -> np.ndarray:
        """The NLI rows of (window, rewritten claim) pairs, each pair read once per check."""
        keys = [(c.raw.key, hypothesis) for c, hypothesis in pairs]
        texts = {k: c.view.model_text for k, (c, _) in zip(keys, pairs, strict=True)}  # type: ignore[union-attr]
        new = [k for k in dict.fromkeys(keys) if k not in memo]
        if new:
            rows = np.asarray(self.nli([texts[k] for k in new], [hypothesis for _, hypothesis in new]))
            memo.update(zip(new, rows, strict=True))
        return np.asarray([memo[k] for k in keys])

    def _read(self, views: Sequence[ClaimView], windows: Sequence[list[Candidate]], read: dict) -> list[np.ndarray]:
        """Views of the windows (built once per check, kept in ``read``) and the NLI rows of every
        (window, claim) pair, all claims in one batch; one ``(len(windows[i]), 3)`` array per claim."""
        read_windows(list(windows), entities_of, read)
        pairs = [(c, ci) for ci, wins in enumerate(windows) for c in wins]
        probs = np.zeros((0, 3))
        if pairs:
            assert all(c.view is not None for c, _ in pairs)
            hypotheses = [as_the_window_names(views[ci], c.view) for c, ci in pairs]
            probs = np.asarray(self.nli([c.view.model_text for c, _ in pairs], hypotheses))
        bounds = np.cumsum([0, *(len(w) for w in windows)])
        return [probs[bounds[i] : bounds[i + 1]] for i in range(len(windows))]

    def __call__(
        self,
        claims: Sequence[Claim],
        candidates: Sequence[Sequence[tuple[Passage, float]]],
        *,
        reference: date | None = None,
    ) -> list[Verdict]:
        return [self.verdict(a) for a in self.analyse(claims, candidates)]

    def verdict(self, analysis: Analysis, decision=None) -> Verdict:
        """The decision on one analysed claim, with its reason and evidence (``decision``: another
        decider than the verifier's own, e.g. to compare the learned decision with the rule)."""
        decided: Decision = (decision or self.decision)(analysis.features, analysis.signals)
        why = reason(analysis.view, decided.label, decided.decider, analysis.signals, analysis.closest)
        evidence = self._evidence(decided.decider, analysis.signals)
        if not evidence and analysis.closest is not None:
            evidence = (_evidence_of(analysis.closest),)
        return Verdict(
            analysis.view.claim, decided.label, decided.confidence, evidence, why,
            support=decided.support, refute=decided.refute, probabilities=decided.probabilities,
        )  # fmt: skip

    def _evidence(self, decider: WindowSignals | None, signals: Sequence[WindowSignals]) -> tuple[Evidence, ...]:
        ranked = sorted(signals, key=lambda s: (-max(s.support, s.refute), s.candidate.rank))
        chosen: list[WindowSignals] = [decider] if decider is not None else []
        seen = {_passage_id(decider.candidate)} if decider is not None else set()
        for s in ranked:
            if len(chosen) >= self.config.rules.max_evidence:
                break
            if _passage_id(s.candidate) not in seen:
                seen.add(_passage_id(s.candidate))
                chosen.append(s)
        return tuple(_evidence_of(s) for s in chosen)


def _passage_id(c: Candidate) -> str:
    return c.raw.passage.id


def _evidence_of(s: WindowSignals) -> Evidence:
    c = s.candidate
    p = s.probs
    return Evidence(
        passage=c.raw.passage,
        retrieval_score=c.retrieval_score,
        rank=c.rank,
        window=c.raw.span,
        window_text=c.raw.text,
        nli=NLIScores(p[0], p[1], p[2]),
        quantity_check=s.check,
        relevance=c.relevance,
    )


# the label order of the NLI rows this stage reads (factcheck.nli)
assert (ENTAILMENT, NEUTRAL, CONTRADICTION) == (0, 1, 2)
