"""Baselines run by the same metric code as the checker.

* **majority** — every item gets the most frequent gold label of the set;
* **claim only** — a classifier that sees the claim and never the evidence: TF-IDF word 1–2 grams
  and logistic regression, scored by 5-fold cross-validation on the set itself, with all items of
  one claim (``LabelledClaim.group``) in the same fold.  It measures how much of a set can be
  "solved" from the wording of the claims alone (the bias FEVER-Symmetric was built to remove).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from factcheck.errors import FactCheckError
from factcheck.evaluation.metrics import LABELS, classification_report
from factcheck.evaluation.readers import LabelledClaim


def majority_baseline(claims: Sequence[LabelledClaim]) -> dict:
    gold = [c.label for c in claims]
    label = Counter(gold).most_common(1)[0][0]
    report = classification_report(gold, [label] * len(gold), LABELS)
    return {"predicts": label, **report}


def claim_only_baseline(claims: Sequence[LabelledClaim], *, folds: int = 5, seed: int = 0) -> dict | None:
    """Cross-validated claim-only predictions; ``None`` when the set has one label or too few claims."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
        from sklearn.pipeline import make_pipeline
    except ImportError as exc:
        raise FactCheckError("the claim-only baseline needs scikit-learn: pip install scikit-learn") from exc
    gold = [c.label for c in claims]
    groups = [c.group or c.id for c in claims]
    if len(set(gold)) < 2 or len(set(groups)) < folds:
        return None
    texts = [c.claim for c in claims]
    pred = [""] * len(claims)
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, gold, groups):
        if len({gold[i] for i in train}) < 2:
            for i in test:
                pred[i] = gold[train[0]]
            continue
        model = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True), LogisticRegression(max_iter=2000, C=1.0)
        )
        model.fit([texts[i] for i in train], [gold[i] for i in train])
        for i, label in zip(test, model.predict([texts[i] for i in test]), strict=True):
            pred[i] = str(label)
    return {"folds": folds, **classification_report(gold, pred, LABELS)}
