"""Classification, retrieval and calibration metrics, written out so they can be checked against scikit-learn.

Shared by scoring code (calibration, the decision recipe) and the evaluation harness, below both."""

from __future__ import annotations

import math
from collections.abc import Sequence

LABELS: tuple[str, str, str] = ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")


def confusion_matrix(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> list[list[int]]:
    """``m[i][j]`` = number of items with gold ``labels[i]`` predicted as ``labels[j]``."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    index = {label: i for i, label in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        m[index[g]][index[p]] += 1
    return m


def classification_report(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> dict:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support (zero when undefined).

    Macro-F1 averages over the labels that occur in ``gold`` or ``pred`` (as scikit-learn does
    with ``labels=None``).
    """
    m = confusion_matrix(gold, pred, labels)
    n = len(gold)
    per_class = {}
    present = []
    for i, label in enumerate(labels):
        tp = m[i][i]
        predicted = sum(m[r][i] for r in range(len(labels)))
        support = sum(m[i])
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
        if support or predicted:
            present.append(label)
    accuracy = sum(m[i][i] for i in range(len(labels))) / n if n else 0.0
    macro_f1 = sum(per_class[label]["f1"] for label in present) / len(present) if present else 0.0
    return {
        "n": n,
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "per_class": per_class,
        "confusion_matrix": {"labels": list(labels), "matrix": m},
    }


def recall_at_k(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str]], k: int) -> float:
    """Fraction of queries (with at least one relevant id) that have a relevant id in their top ``k``."""
    pairs = [(r, g) for r, g in zip(ranked, relevant, strict=True) if g]
    if not pairs:
        return float("nan")
    return sum(bool(set(r[:k]) & g) for r, g in pairs) / len(pairs)


def doc_recall_at_k(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str]], k: int) -> float:
    """Mean fraction of a query's relevant ids found in its top ``k`` (BEIR's recall@k).

    Queries without relevant ids are left out.  :func:`recall_at_k` instead counts a query as a hit
    when any relevant id is in its top ``k``.
    """
    pairs = [(r, g) for r, g in zip(ranked, relevant, strict=True) if g]
    if not pairs:
        return float("nan")
    return sum(len(set(r[:k]) & g) / len(g) for r, g in pairs) / len(pairs)


def mrr(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str]]) -> float:
    pairs = [(r, g) for r, g in zip(ranked, relevant, strict=True) if g]
    if not pairs:
        return float("nan")
    total = 0.0
    for r, g in pairs:
        total += next((1.0 / (i + 1) for i, doc in enumerate(r) if doc in g), 0.0)
    return total / len(pairs)


def ndcg_at_k(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str]], k: int = 10) -> float:
    """Binary-relevance nDCG@k averaged over queries with at least one relevant id."""
    pairs = [(r, g) for r, g in zip(ranked, relevant, strict=True) if g]
    if not pairs:
        return float("nan")
    total = 0.0
    for r, g in pairs:
        dcg = sum(1.0 / math.log2(i + 2) for i, doc in enumerate(r[:k]) if doc in g)
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(g), k)))
        total += dcg / ideal
    return total / len(pairs)


# ------------------------------------------------------------------------------------------------
# Calibration of the confidence of the predicted label
# ------------------------------------------------------------------------------------------------


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """ECE with equal-width bins over [0, 1]: sum over bins of |accuracy - mean confidence| x share."""
    if len(confidence) != len(correct):
        raise ValueError("confidence and correct differ in length")
    n = len(confidence)
    if n == 0:
        return float("nan")
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if (lo < c <= hi) or (b == 0 and c == 0.0)]
        if idx:
            acc = sum(bool(correct[i]) for i in idx) / len(idx)
            conf = sum(confidence[i] for i in idx) / len(idx)
            total += abs(acc - conf) * len(idx) / n
    return total


def reliability_bins(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> list[dict]:
    """Per-bin count, mean confidence and accuracy (the data of a reliability diagram)."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if (lo < c <= hi) or (b == 0 and c == 0.0)]
        out.append(
            {
                "low": lo,
                "high": hi,
                "count": len(idx),
                "confidence": sum(confidence[i] for i in idx) / len(idx) if idx else None,
                "accuracy": sum(bool(correct[i]) for i in idx) / len(idx) if idx else None,
            }
        )
    return out


def brier_score(confidence: Sequence[float], correct: Sequence[bool]) -> float:
    """Mean squared gap between the confidence of the predicted label and whether it was right."""
    if not confidence:
        return float("nan")
    return sum((c - float(bool(k))) ** 2 for c, k in zip(confidence, correct, strict=True)) / len(confidence)


def coverage_accuracy(confidence: Sequence[float], correct: Sequence[bool], points: int = 10) -> list[dict]:
    """Accuracy on the most confident fraction of items, for coverages 1/points .. 1."""
    order = sorted(range(len(confidence)), key=lambda i: -confidence[i])
    out = []
    for p in range(1, points + 1):
        k = max(1, round(len(order) * p / points)) if order else 0
        kept = order[:k]
        out.append(
            {
                "coverage": p / points,
                "accuracy": sum(bool(correct[i]) for i in kept) / len(kept) if kept else None,
                "min_confidence": confidence[kept[-1]] if kept else None,
            }
        )
    return out


def binary_report(gold: Sequence[bool], pred: Sequence[bool]) -> dict:
    """Precision, recall and F1 of the positive class, and accuracy."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum((not g) and p for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0
    return {
        "n": len(gold),
        "positives": sum(map(bool, gold)),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
    }
