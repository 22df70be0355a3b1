"""Recipe of the learned verdict decision (:class:`factcheck.verify.decide.LearnedDecision`).

    factcheck train-decision factcheck/weights/nli-minilm-l6 --data ../shared/data

1. **Pairs.**  For every source of :data:`SOURCES`: up to ``per_source`` pairs of its *train* split
   (quarters 2-3, :mod:`factcheck.splits`) to fit on, and the dev split of
   :func:`factcheck.training.mix.dev_pairs` (quarter 1, never trained on) to choose and calibrate
   on.  entailment → SUPPORTED, contradiction → REFUTED, neutral → NOT_ENOUGH_INFO.
2. **Features.**  Every pair goes through the real verification stage in gold mode (the claim
   against its evidence text, cut into windows, scored by the NLI model, figures and names
   compared): :meth:`factcheck.pipeline.FactChecker.analyse_against`.
3. **Fit.**  A multinomial logistic regression on standardised features, each source weighing the
   same, for each C of :data:`C_GRID`; the C with the best mean of per-source macro-F1 on dev wins.
4. **Calibrate.**  One temperature on dev (minimum negative log-likelihood), so that the verdict's
   confidence is the probability the model gives its label.
5. **Save** ``decision.json`` next to the NLI weights, with the counts, C, dev figures (and the
   rule's on the same pairs), and the NLI weights' hash: retrain whenever the NLI model changes.

Seeded; no pickle.  The held-out quarters are never read.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.sources import NLIPair, read_pairs
from factcheck.types import Label

logger = logging.getLogger(__name__)

#: Sources the decision is fitted on (train split) and chosen on (dev split).
SOURCES = ("vitaminc", "fm2", "check-covid", "scifact", "healthver", "covidfact", "factcheck-bench", "wice",
           "sufficient-facts", "fnc1", "mnli", "scitail")  # fmt: skip
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
_GOLD = {"entailment": Label.SUPPORTED, "contradiction": Label.REFUTED, "neutral": Label.NOT_ENOUGH_INFO}


@dataclass(frozen=True)
class FeatureSet:
    x: np.ndarray
    y: np.ndarray  # indices into factcheck.verify.decide.LABELS
    groups: list[str]
    rule: list[Label]  # the fallback rule's label for each pair (the baseline)


def train_pairs(data: Path, *, per_source: int, seed: int) -> list[NLIPair]:
    """A seeded sample of each source's train split (FNC-1: its rarer stances kept)."""
    rng = random.Random(seed)
    out: list[NLIPair] = []
    for name in SOURCES:
        pairs = read_pairs(name, data, "train")
        by_label: dict[str, list[NLIPair]] = defaultdict(list)
        for p in pairs:
            by_label[p.label].append(p)
        share = max(1, per_source // max(1, len(by_label)))
        chosen = [
            p for label in sorted(by_label) for p in rng.sample(by_label[label], min(share, len(by_label[label])))
        ]
        out += [NLIPair(p.premise, p.hypothesis, p.label, name, p.key, p.binary) for p in chosen]
    return out


def featurise(checker, pairs: Sequence[NLIPair], rule) -> FeatureSet:
    """Features of every pair through the real verification stage (gold mode)."""
    from factcheck.verify.decide import LABELS

    analyses = checker.analyse_against([p.hypothesis for p in pairs], [[p.premise] for p in pairs])
    x = np.stack([a.features.as_array() for a in analyses])
    y = np.array([LABELS.index(_GOLD[p.label]) for p in pairs])
    rule_labels = [rule(a.features, a.signals).label for a in analyses]
    return FeatureSet(x, y, [p.source for p in pairs], rule_labels)


def _weights(groups: Sequence[str]) -> np.ndarray:
    counts = Counter(groups)
    w = np.array([1.0 / counts[g] for g in groups])
    return w * len(w) / w.sum()


def mean_source_macro_f1(gold: Sequence[Label], pred: Sequence[Label], groups: Sequence[str]) -> tuple[float, dict]:
    from factcheck.metrics import classification_report

    per: dict[str, float] = {}
    for g in sorted(set(groups)):
        idx = [i for i, x in enumerate(groups) if x == g]
        per[g] = classification_report([gold[i].value for i in idx], [pred[i].value for i in idx])["macro_f1"]
    return float(np.mean(list(per.values()))), per


def _decide(model, fs: FeatureSet) -> list[Label]:
    """Labels of the learned decision on a feature set (with its override: no refuting signal, no REFUTED)."""
    from factcheck.verify.decide import LABELS
    from factcheck.verify.features import FEATURES

    p = model.probabilities(fs.x)
    refute = fs.x[:, FEATURES.index("refute_max")]
    p[refute <= 0, 2] += p[refute <= 0, 1]
    p[refute <= 0, 1] = 0.0
    return [LABELS[k] for k in p.argmax(1)]


def _fit(fs: FeatureSet, c: float, seed: int):
    from sklearn.linear_model import LogisticRegression

    from factcheck.verify.decide import LearnedDecision
    from factcheck.verify.features import FEATURES

    mean = fs.x.mean(0)
    scale = fs.x.std(0)
    scale[scale < 1e-6] = 1.0
    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    clf.fit((fs.x - mean) / scale, fs.y, sample_weight=_weights(fs.groups))
    order = [list(clf.classes_).index(k) for k in range(3)]
    return LearnedDecision(FEATURES, mean, scale, clf.coef_[order], clf.intercept_[order])


def _temperature(model, fs: FeatureSet) -> float:
    best = (float("inf"), 1.0)
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 60)):
        trial = type(model)(model.features, model.mean, model.scale, model.coef, model.intercept, float(t))
        p = trial.probabilities(fs.x)[np.arange(len(fs.y)), fs.y]
        nll = float(-np.mean(np.log(np.clip(p, 1e-9, 1.0)) * _weights(fs.groups)))
        best = min(best, (nll, float(t)))
    return best[1]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def train_decision(model_dir: str, data: str | Path, *, per_source: int = 600, seed: int = 42, save: bool = True):
    """Fit, choose, calibrate and save the decision model of ``model_dir`` (module docstring)."""
    from dataclasses import replace

    from factcheck.config import VerifyConfig
    from factcheck.nli import NLIScorer
    from factcheck.pipeline import FactChecker
    from factcheck.training.mix import dev_pairs
    from factcheck.verify.decide import LABELS, RuleDecision

    data = Path(data)
    scorer = NLIScorer(model_dir)
    checker = FactChecker(None, nli=scorer, verify=VerifyConfig(decision="rule"))
    rule: RuleDecision = checker.verifier.decision  # type: ignore[assignment]
    fit_pairs = train_pairs(data, per_source=per_source, seed=seed)
    dev = [p for p in dev_pairs(data, seed=seed) if p.source in SOURCES]
    logger.info("decision: featurising %d train and %d dev pairs", len(fit_pairs), len(dev))
    fit_set, dev_set = featurise(checker, fit_pairs, rule), featurise(checker, dev, rule)
    dev_gold = [LABELS[k] for k in dev_set.y]
    trials = []
    for c in C_GRID:
        model = _fit(fit_set, c, seed)
        score, _ = mean_source_macro_f1(dev_gold, _decide(model, dev_set), dev_set.groups)
        trials.append((score, c, model))
        logger.info("decision: C=%g dev mean per-source macro-F1 %.4f", c, score)
    score, c, model = max(trials, key=lambda t: (t[0], -t[1]))
    model = replace(model, temperature=_temperature(model, dev_set))
    _, per_source_f1 = mean_source_macro_f1(dev_gold, _decide(model, dev_set), dev_set.groups)
    rule_score, rule_per = mean_source_macro_f1(dev_gold, dev_set.rule, dev_set.groups)
    folder = Path(scorer.ref.location)
    model = replace(model, info={
        "trained_on": {"split": "train (quarters 2-3)", "per_source": per_source, "pairs": len(fit_pairs),
                       "counts": dict(Counter(fit_set.groups))},
        "dev": {"pairs": len(dev), "C": c, "C_grid": list(C_GRID), "temperature": model.temperature,
                "mean_source_macro_f1": round(score, 4), "per_source": {k: round(v, 4) for k, v in per_source_f1.items()},
                "rule_mean_source_macro_f1": round(rule_score, 4), "rule_per_source": {k: round(v, 4) for k, v in rule_per.items()}},
        "weights_sha256": _sha(folder / "model.safetensors"),
        "seed": seed,
    })  # fmt: skip
    if save:
        logger.info("wrote %s", model.save(folder))
    return model
