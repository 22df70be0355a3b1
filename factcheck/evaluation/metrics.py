"""Classification and retrieval metrics, written out so they can be checked against scikit-learn."""

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
