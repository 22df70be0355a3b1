"""Fit the calibration of an NLI model on the dev split and store it with the model.

    factcheck calibrate factcheck/weights/nli-minilm-l6 --data ../shared/data

Steps (dev split: :func:`factcheck.training.mix.dev_pairs`, never trained on):

1. the NLI model scores every dev pair; the temperature minimising their NLL is fitted;
2. every dev pair is verified as a claim against its evidence (gold mode) with that temperature;
3. the verdict thresholds (support, refute: below both, NOT_ENOUGH_INFO) are chosen on a grid to
   maximise the mean over dev sources of their macro-F1;
4. the per-label confidence maps are fitted (Platt scaling) on the verdicts under those thresholds.

The expected calibration error is reported raw, cross-fitted (two folds: each half mapped by
maps fitted on the other; the mean over 20 random halvings, and the first halving alone, as
before) and in-sample, for Platt and for isotonic maps; ``calibration.json`` records all of it, the chosen
thresholds and the dev counts.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from factcheck.calibration import Calibration, cross_fitted, cross_fitted_ece, fit_maps, fit_temperature
from factcheck.config import DEFAULT_MAX_FALSE_ALARMS
from factcheck.errors import DataError
from factcheck.metrics import classification_report, expected_calibration_error

logger = logging.getLogger(__name__)

_GOLD = {"entailment": "SUPPORTED", "contradiction": "REFUTED", "neutral": "NOT_ENOUGH_INFO"}
_GRID = tuple(round(x, 2) for x in np.arange(0.15, 0.951, 0.05))


def decide(s: float, r: float, support: float, refute: float) -> tuple[str, float]:
    """The verdict rule's decision and raw confidence from its support and refute signals."""
    if s >= support and s >= r:
        return "SUPPORTED", s
    if r >= refute:
        return "REFUTED", r
    return "NOT_ENOUGH_INFO", 1.0 - max(s, r)


def false_alarm_rate(pred: Sequence[str], gold: Sequence[str]) -> float:
    """Share of the pairs whose gold is not a contradiction that are called REFUTED."""
    others = [p for p, g in zip(pred, gold, strict=True) if g != "REFUTED"]
    return sum(p == "REFUTED" for p in others) / len(others) if others else 0.0


def choose_thresholds(
    signals: Sequence[tuple[float, float]],
    gold: Sequence[str],
    groups: Sequence[str] | None = None,
    *,
    max_false_alarms: float | None = None,
) -> tuple[float, float, float]:
    """Support and refute thresholds with the best dev objective (ties: the higher thresholds).

    The objective is the macro-F1, or with ``groups`` (a source name per pair) the **mean of the
    per-source macro-F1**, so that the largest source does not choose the thresholds alone.
    ``max_false_alarms``: only thresholds whose :func:`false_alarm_rate` stays within it are
    candidates (a false alarm costs a fact-checker more than an abstention); ``None``: any.
    """
    keys = list(groups) if groups is not None else ["all"] * len(gold)
    members: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        members.setdefault(k, []).append(i)
    best = (-1.0, 0.0, 0.0)
    for ts in _GRID:
        for tr in _GRID:
            pred = [decide(s, r, ts, tr)[0] for s, r in signals]
            if max_false_alarms is not None and false_alarm_rate(pred, gold) > max_false_alarms:
                continue
            f1 = float(np.mean([
                classification_report([gold[i] for i in idx], [pred[i] for i in idx])["macro_f1"]
                for idx in members.values()
            ]))  # fmt: skip
            if f1 >= best[0]:
                best = (f1, ts, tr)
    if best[0] < 0:
        raise DataError(
            f"no thresholds call at most {max_false_alarms} of the pairs that are not contradictions REFUTED"
        )
    return best[1], best[2], best[0]


def calibrate(
    model: str, data: str | Path, *, save: bool = True, max_false_alarms: float | None = DEFAULT_MAX_FALSE_ALARMS
) -> Calibration:
    from factcheck.nli import NLIScorer
    from factcheck.pipeline import FactChecker
    from factcheck.training.mix import dev_pairs

    pairs = dev_pairs(data)
    scorer = NLIScorer(model, temperature=1.0)
    scorer.calibration = None  # fit from the raw model, whatever is stored with it
    probs = scorer([p.premise for p in pairs], [p.hypothesis for p in pairs])
    column = {"entailment": 0, "neutral": 1, "contradiction": 2}  # factcheck.nli.NLI_LABELS
    y = np.array([column[p.label] for p in pairs])
    log_p = np.log(np.clip(probs, 1e-9, 1.0))
    temperature = fit_temperature(log_p, y)
    nli_acc = float((probs.argmax(1) == y).mean())
    nli_conf = probs.max(1)
    scaled = np.exp(log_p / temperature)
    scaled /= scaled.sum(1, keepdims=True)
    nli_ece_raw = expected_calibration_error(nli_conf.tolist(), (probs.argmax(1) == y).tolist())
    nli_ece_t = expected_calibration_error(scaled.max(1).tolist(), (scaled.argmax(1) == y).tolist())
    logger.info("dev NLI accuracy %.4f; temperature %.3f; NLI ECE %.4f -> %.4f", nli_acc, temperature, nli_ece_raw,
                nli_ece_t)  # fmt: skip

    scorer.temperature = temperature
    checker = FactChecker(None, nli=scorer)
    verdicts = checker.check_against([p.hypothesis for p in pairs], [[p.premise] for p in pairs])
    signals = [(v.support, v.refute) for v in verdicts]
    gold = [_GOLD[p.label] for p in pairs]
    groups = [p.source for p in pairs]
    support, refute, dev_f1 = choose_thresholds(signals, gold, groups, max_false_alarms=max_false_alarms)
    decided = [decide(s, r, support, refute) for s, r in signals]
    labels = [d[0] for d in decided]
    raw = [d[1] for d in decided]
    correct = [lab == g for lab, g in zip(labels, gold, strict=True)]
    maps = fit_maps(labels, raw, correct)
    after_cross = cross_fitted(labels, raw, correct)
    cal = Calibration(temperature, maps)
    after_in = [cal.confidence(lab, c) for lab, c in zip(labels, raw, strict=True)]
    info = {
        "dev_split": "factcheck.training.mix.dev_pairs",
        "dev_pairs": len(pairs),
        "dev_counts": {f"{k[0]}/{k[1]}": v for k, v in sorted(Counter((p.source, p.label) for p in pairs).items())},
        "nli_accuracy": round(nli_acc, 4),
        "nli_ece_raw": round(nli_ece_raw, 4),
        "nli_ece_temperature": round(nli_ece_t, 4),
        "thresholds": {"support": support, "refute": refute},
        "threshold_objective": "mean of per-source macro-F1 on the dev split"
        + ("" if max_false_alarms is None else f", false-alarm rate at most {max_false_alarms}"),
        "verdict_false_alarm_rate": round(false_alarm_rate(labels, gold), 4),
        "verdict_mean_source_macro_f1": round(dev_f1, 4),
        "verdict_macro_f1": round(classification_report(gold, labels)["macro_f1"], 4),
        "verdict_accuracy": round(float(np.mean(correct)), 4),
        "verdict_ece_raw": round(expected_calibration_error(raw, correct), 4),
        "verdict_ece_cross_fitted": round(expected_calibration_error(after_cross, correct), 4),
        "verdict_ece_cross_fitted_20_halvings": {
            method: dict(
                zip(
                    ("mean", "min", "max"),
                    (round(v, 4) for v in cross_fitted_ece(labels, raw, correct, method=method)),
                    strict=True,
                )
            )
            for method in ("platt", "isotonic")
        },
        "confidence_maps": "platt",
        "verdict_ece_in_sample": round(expected_calibration_error(after_in, correct), 4),
        "predicted": dict(Counter(labels)),
    }
    cal = Calibration(temperature, maps, info)
    if save:
        path = cal.save(scorer.ref.location)
        logger.info("wrote %s", path)
        if (path.parent / "training.json").is_file():  # the model card reports the calibration
            from factcheck.training.nli import write_model_card

            write_model_card(path.parent)
    return cal
