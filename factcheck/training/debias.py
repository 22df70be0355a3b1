"""Debiasing against claim-only cues: a hypothesis-only bias model and how training uses it.

Fact-checking sets leak their labels through the claim alone ("not", "only", "never" → refuted;
FEVER-Symmetric was built to expose this).  The bias model is a logistic regression over TF-IDF
word uni- and bigrams of the **hypothesis only**; its probabilities for every training pair are
out-of-fold (5 folds), so a pair is never scored by a model that saw it.  Training then uses one
of (Clark et al. 2019; Utama et al. 2020):

``reweight``
    each pair's loss is weighted by ``1 - p_bias(gold)`` (normalised to mean 1): pairs the
    claim alone gives away count less;
``poe``
    product of experts: the loss is the cross-entropy of ``log_softmax(logits) + log p_bias``,
    so the model is pushed to explain what the bias cannot.  At inference the model runs alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

import numpy as np

from factcheck.sources.base import NLI_LABELS_TRAIN, NLIPair

logger = logging.getLogger(__name__)

Debias = Literal["none", "reweight", "poe"]
DEBIAS_MODES: tuple[str, ...] = ("none", "reweight", "poe")


def bias_probabilities(pairs: Sequence[NLIPair], *, seed: int = 42, folds: int = 5) -> np.ndarray:
    """Out-of-fold claim-only probabilities, shape ``(len(pairs), 3)`` in :data:`NLI_LABELS_TRAIN` order."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    y = np.array([NLI_LABELS_TRAIN.index(p.label) for p in pairs])
    texts = [p.hypothesis for p in pairs]
    out = np.zeros((len(pairs), len(NLI_LABELS_TRAIN)))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y):
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=200000)
        x_train = vec.fit_transform([texts[i] for i in train])
        clf = LogisticRegression(C=1.0, max_iter=1000).fit(x_train, y[train])
        proba = clf.predict_proba(vec.transform([texts[i] for i in test]))
        out[np.ix_(test, clf.classes_)] = proba
    gold = out[np.arange(len(pairs)), y]
    logger.info("claim-only bias model: out-of-fold accuracy %.3f, mean p(gold) %.3f",
                float((out.argmax(1) == y).mean()), float(gold.mean()))  # fmt: skip
    return np.clip(out, 1e-4, 1.0)


def example_weights(pairs: Sequence[NLIPair], bias: np.ndarray) -> np.ndarray:
    """``1 - p_bias(gold)``, normalised to mean 1 (the ``reweight`` mode)."""
    y = np.array([NLI_LABELS_TRAIN.index(p.label) for p in pairs])
    w = 1.0 - bias[np.arange(len(pairs)), y]
    return w / max(w.mean(), 1e-9)
