"""Accuracy of the NLI scorer itself on premise–hypothesis pairs (no retrieval, no verdict rule).

Reads JSONL with the premise under ``premise``/``sentence1``/``sentence_A``/``evidence`` and the
hypothesis under ``hypothesis``/``sentence2``/``sentence_B``/``claim``; labels ``entailment``,
``neutral``, ``contradiction`` (or SUPPORTS/NOT ENOUGH INFO/REFUTES), or RTE's binary
``True``/``False`` and ``entailment``/``not_entailment``.  Binary sets are scored two-way:
entailment against the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.errors import DataError
from factcheck.jsonl import iter_records
from factcheck.nli import NLI_LABELS

_PREMISE = ("premise", "sentence1", "sentence_A", "evidence")
_HYPOTHESIS = ("hypothesis", "sentence2", "sentence_B", "claim")
_THREE_WAY = {
    "entailment": "entailment", "supports": "entailment", "supported": "entailment",
    "neutral": "neutral", "not enough info": "neutral", "not_enough_info": "neutral",
    "contradiction": "contradiction", "refutes": "contradiction", "refuted": "contradiction",
}  # fmt: skip
_TWO_WAY = {
    "true": "entailment",
    "false": "not_entailment",
    "entailment": "entailment",
    "not_entailment": "not_entailment",
}


@dataclass(frozen=True, slots=True)
class NLIItem:
    premise: str
    hypothesis: str
    label: str  # entailment / neutral / contradiction, or entailment / not_entailment


def read_nli_items(path: str | os.PathLike[str], *, limit: int | None = None) -> tuple[list[NLIItem], bool]:
    """Items and whether the set is binary (entailment vs not)."""
    items: list[NLIItem] = []
    binary = None
    for where, row in iter_records(Path(path)):
        premise = next((row[k] for k in _PREMISE if k in row), None)
        hypothesis = next((row[k] for k in _HYPOTHESIS if k in row), None)
        raw = str(row.get("label", row.get("gold_label", ""))).strip().lower()
        if premise is None or hypothesis is None or not raw:
            raise DataError(f"{where}: expected a premise ({'/'.join(_PREMISE)}), a hypothesis and a label")
        if raw == "-":
            continue
        is_binary = raw in {"true", "false", "not_entailment"}
        label = _TWO_WAY.get(raw) if is_binary else _THREE_WAY.get(raw)
        if label is None:
            raise DataError(
                f"{where}: unknown NLI label {raw!r}; accepted: {', '.join(sorted({*_THREE_WAY, *_TWO_WAY}))}"
            )
        binary = is_binary if binary is None else (binary or is_binary)
        items.append(NLIItem(str(premise), str(hypothesis), label))
        if limit is not None and len(items) >= limit:
            break
    if not items:
        raise DataError(f"{path} holds no labelled NLI pairs")
    if binary:  # a binary set may write its positive class as "entailment": read every label two-way
        items = [
            NLIItem(i.premise, i.hypothesis, "entailment" if i.label == "entailment" else "not_entailment")
            for i in items
        ]
    return items, bool(binary)


def evaluate_nli(items: Sequence[NLIItem], scorer, *, binary: bool = False) -> dict:
    """Accuracy and per-class recall of ``scorer``'s argmax (entailment vs the rest when ``binary``)."""
    started = time.perf_counter()
    probs = scorer([i.premise for i in items], [i.hypothesis for i in items])
    seconds = time.perf_counter() - started
    if binary:
        pred = ["entailment" if p[0] >= 0.5 else "not_entailment" for p in probs]
        labels = ("entailment", "not_entailment")
    else:
        pred = [NLI_LABELS[k] for k in np.asarray(probs).argmax(1)]
        labels = NLI_LABELS
    gold = [i.label for i in items]
    out = {"n": len(items), "binary": binary,
           "accuracy": float(np.mean([g == p for g, p in zip(gold, pred, strict=True)]))}  # fmt: skip
    for label in labels:
        hits = [p == label for g, p in zip(gold, pred, strict=True) if g == label]
        if hits:
            out[f"recall_{label}"] = float(np.mean(hits))
    out["pairs_per_second"] = round(len(items) / seconds, 1) if seconds else None
    return out


def scoring_mode(pairs) -> str:
    """How a source's pairs are scored from the model's argmax.

    ``3-way`` (entailment / neutral / contradiction); ``forced-2-way`` for sets with only
    supported and refuted pairs (the stronger of entailment and contradiction decides); ``binary``
    for entailed-vs-not sets (entailment is the argmax, or not).
    """
    labels = {p.label for p in pairs}
    if any(getattr(p, "binary", False) for p in pairs) and not labels - {"entailment", "neutral"}:
        return "binary"
    if not labels - {"entailment", "contradiction"}:
        return "forced-2-way"
    return "3-way"


def evaluate_source(pairs, scorer) -> dict:
    """Accuracy, macro-F1 and per-class recall of ``scorer`` on source pairs (:mod:`factcheck.sources`).

    Probabilities come in :data:`factcheck.nli.NLI_LABELS` order (entailment, neutral, contradiction).
    """
    from factcheck.evaluation.metrics import classification_report

    mode = scoring_mode(pairs)
    started = time.perf_counter()
    probs = np.asarray(scorer([p.premise for p in pairs], [p.hypothesis for p in pairs]))
    seconds = time.perf_counter() - started
    if mode == "forced-2-way":
        pred = ["entailment" if e >= c else "contradiction" for e, _, c in probs]
    elif mode == "binary":
        pred = ["entailment" if row.argmax() == 0 else "neutral" for row in probs]
    else:
        pred = [NLI_LABELS[k] for k in probs.argmax(1)]
    gold = [p.label for p in pairs]
    report = classification_report(gold, pred, labels=NLI_LABELS)
    out = {"n": len(pairs), "mode": mode, "accuracy": report["accuracy"], "macro_f1": report["macro_f1"]}
    for label in sorted(set(gold)):
        hits = [g == q for g, q in zip(gold, pred, strict=True) if g == label]
        out[f"recall_{label}"] = float(np.mean(hits))
    out["pairs_per_second"] = round(len(pairs) / seconds, 1) if seconds else None
    return out
