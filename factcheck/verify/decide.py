"""The decision: from a claim's features and window signals to a label and a confidence.

Two deciders share one interface, ``decider(features, signals) -> Decision``:

:class:`LearnedDecision` (the default when the NLI model folder holds ``decision.json``)
    A multinomial logistic regression over the features of :mod:`factcheck.verify.features`,
    trained by ``factcheck train-decision`` (:mod:`factcheck.training.decision`) on the fact-checking
    sets run through the real pipeline, and stored as JSON (feature names, standardisation,
    coefficients, temperature): inspectable, no pickle.  Its probabilities are the confidence.
:class:`RuleDecision` (the fallback, and the rule the learned model is measured against)
    With S the strongest support and R the strongest refutation over the windows: SUPPORTED if
    S >= ``support_threshold`` and S >= R (confidence S); else REFUTED if R >= ``refute_threshold``
    (confidence R); else NOT_ENOUGH_INFO (confidence 1 - max(S, R)).  The confidence is then mapped
    through the calibration stored with the NLI model (:mod:`factcheck.calibration`).

One override holds for both and is not learned: **a claim is REFUTED only when some window about
its event refutes it** (a figure conflict under a strict alignment, a name conflict, or an NLI
contradiction of a relevant window about the same event; see :mod:`factcheck.verify.signals`).
Without one, the probability of REFUTED goes to NOT_ENOUGH_INFO: when unsure, abstain.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factcheck.types import Label
from factcheck.verify.features import FEATURES, ClaimFeatures
from factcheck.verify.signals import WindowSignals

FILENAME = "decision.json"
#: Order of the probabilities of a :class:`LearnedDecision`.
LABELS: tuple[Label, Label, Label] = (Label.SUPPORTED, Label.REFUTED, Label.NOT_ENOUGH_INFO)


@dataclass(frozen=True, slots=True)
class Decision:
    label: Label
    confidence: float
    decider: WindowSignals | None
    support: float  # strongest support / refutation signals (reported in the verdict)
    refute: float
    probabilities: dict[str, float] | None = None


def _best(signals: Sequence[WindowSignals], key) -> WindowSignals | None:
    return max(signals, key=lambda s: (key(s), -s.candidate.rank), default=None)


def _decider_of(label: Label, signals: Sequence[WindowSignals]) -> WindowSignals | None:
    best_s = _best(signals, lambda s: s.support)
    best_r = _best(signals, lambda s: s.refute)
    if label is Label.SUPPORTED:
        return best_s
    if label is Label.REFUTED:
        return best_r
    if best_s is None or best_r is None:
        return best_s or best_r
    return best_s if best_s.support >= best_r.refute else best_r


class RuleDecision:
    """The fallback rule of the module docstring."""

    name = "rule"

    def __init__(self, support_threshold: float, refute_threshold: float, calibration=None) -> None:
        self.support_threshold = support_threshold
        self.refute_threshold = refute_threshold
        self.calibration = calibration

    def __call__(self, features: ClaimFeatures, signals: Sequence[WindowSignals]) -> Decision:
        s = max((w.support for w in signals), default=0.0)
        r = max((w.refute for w in signals), default=0.0)
        if signals and s >= self.support_threshold and s >= r:
            label, confidence = Label.SUPPORTED, s
        elif r >= self.refute_threshold and r > 0:
            label, confidence = Label.REFUTED, r
        else:
            label, confidence = Label.NOT_ENOUGH_INFO, 1.0 - max(s, r)
        if self.calibration is not None:
            confidence = self.calibration.confidence(label.value, confidence)
        return Decision(label, float(min(1.0, max(0.0, confidence))), _decider_of(label, signals), s, r)

    def describe(self) -> dict:
        return {"kind": "rule", "support_threshold": self.support_threshold, "refute_threshold": self.refute_threshold}


@dataclass(frozen=True)
class LearnedDecision:
    """A multinomial logistic regression over :data:`~factcheck.verify.features.FEATURES`."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (3, n_features), rows in LABELS order
    intercept: np.ndarray  # (3,)
    temperature: float = 1.0
    info: dict = field(default_factory=dict)

    name = "learned"

    def __post_init__(self) -> None:
        if tuple(self.features) != FEATURES:
            raise ValueError(
                "decision model was trained on other features than this version computes; "
                "retrain it with `factcheck train-decision`"
            )
        if self.coef.shape != (len(LABELS), len(self.features)) or self.intercept.shape != (len(LABELS),):
            raise ValueError(
                f"decision model has coefficients of shape {self.coef.shape}, expected (3, {len(FEATURES)})"
            )
        if not math.isfinite(self.temperature) or self.temperature <= 0:
            raise ValueError(f"decision model temperature must be positive, got {self.temperature}")

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """``(n, 3)`` probabilities (SUPPORTED, REFUTED, NOT_ENOUGH_INFO) for feature rows ``x``."""
        z = (np.atleast_2d(x) - self.mean) / self.scale
        logits = (z @ self.coef.T + self.intercept) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def __call__(self, features: ClaimFeatures, signals: Sequence[WindowSignals]) -> Decision:
        p = self.probabilities(features.as_array())[0]
        r = max((w.refute for w in signals), default=0.0)
        if r <= 0:  # the override: nothing about the claim's event refutes it
            p = np.array([p[0], 0.0, p[1] + p[2]])
        k = int(np.argmax(p))
        label = LABELS[k]
        s = max((w.support for w in signals), default=0.0)
        probs = {lab.value: round(float(v), 4) for lab, v in zip(LABELS, p, strict=True)}
        return Decision(label, float(p[k]), _decider_of(label, signals), s, r, probs)

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "kind": "logistic-regression",
            "labels": [label.value for label in LABELS],
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "temperature": self.temperature,
            "info": self.info,
        }

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / FILENAME
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def from_dict(cls, raw: dict) -> LearnedDecision:
        if raw.get("kind") != "logistic-regression" or raw.get("labels") != [label.value for label in LABELS]:
            raise ValueError("not a factcheck decision model (kind logistic-regression, labels S/R/NEI)")
        return cls(
            tuple(raw["features"]),
            np.asarray(raw["mean"], dtype=np.float64),
            np.asarray(raw["scale"], dtype=np.float64),
            np.asarray(raw["coef"], dtype=np.float64),
            np.asarray(raw["intercept"], dtype=np.float64),
            float(raw.get("temperature", 1.0)),
            dict(raw.get("info", {})),
        )

    @classmethod
    def load(cls, folder: str | Path) -> LearnedDecision | None:
        """The decision model stored with an NLI model, or ``None`` when it has none."""
        path = Path(folder) / FILENAME
        if not path.is_file():
            return None
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def describe(self) -> dict:
        return {"kind": "learned", "info": {k: self.info.get(k) for k in ("trained_on", "dev", "weights_sha256")}}
