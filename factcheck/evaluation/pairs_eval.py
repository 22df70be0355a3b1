"""One labelled pair set, three readings: the NLI model alone, the learned verdict, the rule's verdict.

For the held-out quarter of a source (:mod:`factcheck.sources`), every pair is read

* by the **NLI model alone** (:func:`factcheck.evaluation.nli_eval.evaluate_source`: argmax;
  forced 2-way on supported/refuted-only sets);
* by the **verification stage** in gold mode (the claim against its evidence text), once: the
  window signals and features are computed a single time and then decided by each decider given
  (the learned decision stored with the model, and the fallback rule), so the two verdicts differ
  only in the decision.

For every reading: accuracy, macro-F1, and on sets without NOT_ENOUGH_INFO the forced choice
between SUPPORTED and REFUTED (:func:`factcheck.evaluation.runner._forced`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from factcheck.metrics import LABELS, classification_report

_GOLD = {"entailment": "SUPPORTED", "contradiction": "REFUTED", "neutral": "NOT_ENOUGH_INFO"}


def sample(pairs: Sequence, limit: int | None, *, seed: int = 42) -> list:
    """At most ``limit`` pairs, a seeded sample (all of them when ``limit`` is None)."""
    if limit is None or len(pairs) <= limit:
        return list(pairs)
    return random.Random(seed).sample(list(pairs), limit)


def verdict_metrics(gold: Sequence[str], verdicts: Sequence, two_way: bool) -> dict:
    from factcheck.evaluation.runner import _forced

    pred = [v.label.value for v in verdicts]
    report = classification_report(gold, pred, LABELS)
    out = {"accuracy": report["accuracy"], "macro_f1": report["macro_f1"],
           "refuted_precision": report["per_class"]["REFUTED"]["precision"],
           "false_alarms": sum(g != "REFUTED" and p == "REFUTED" for g, p in zip(gold, pred, strict=True)),
           "predicted": {label: pred.count(label) for label in LABELS}}  # fmt: skip
    if two_way:
        forced = [_forced(v) for v in verdicts]
        out["two_way_accuracy"] = classification_report(gold, forced, ("SUPPORTED", "REFUTED"))["accuracy"]
    return out


def evaluate_pair_set(
    pairs: Sequence, checker, deciders: Mapping[str, object], *, verdict_limit: int | None = 3000
) -> dict:
    """The three readings of ``pairs`` (module docstring); ``deciders`` by name."""
    from factcheck.evaluation.nli_eval import evaluate_source

    model = evaluate_source(list(pairs), checker.nli)
    chosen = sample(pairs, verdict_limit)
    gold = [_GOLD[p.label] for p in chosen]
    two_way = model["mode"] == "forced-2-way"
    analyses = checker.analyse_against([p.hypothesis for p in chosen], [[p.premise] for p in chosen])
    out = {"n": len(pairs), "mode": model["mode"], "model": model, "verdict_n": len(chosen)}
    for name, decider in deciders.items():
        verdicts = [checker.verifier.verdict(a, decider) for a in analyses]
        out[name] = verdict_metrics(gold, verdicts, two_way)
    return out
