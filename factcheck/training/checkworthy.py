"""Train the check-worthiness head (:mod:`factcheck.checkworthy`) on ClaimBuster's training sentences.

    factcheck train-checkworthiness --train ../shared/data/claimbuster-checkthat/two_class/train.json \\
        -o factcheck/weights/checkworthy-minilm

Recipe (seeded, deterministic on one machine):

1. every training sentence is embedded by the project's sentence embedder and scored by the
   rule-based detector (:meth:`factcheck.claims.ClaimDetector.rule_scores`);
2. a logistic regression (class-balanced, L2) is fitted on ``[embedding, rule score]``; its
   strength ``C`` is chosen by stratified 5-fold cross-validation on the training sentences only
   (best out-of-fold F1 of the check-worthy class);
3. the operating threshold is the highest one whose out-of-fold recall of check-worthy
   sentences reaches :data:`RECALL_TARGET` (a fact-checker must not miss claims; precision on news,
   where most body sentences are checkable, is far higher than on debates, where a quarter are);
   the best-F1 threshold for debate-like prevalence is recorded next to it;
4. the final head is fitted on all training sentences and written with both thresholds, the
   cross-validated scores and the data's provenance.  The test split is never read.

Input: ClaimBuster ``two_class`` JSON (``[{"sentence_id", "label", "text"}, ...]``, label 1 =
check-worthy factual sentence) or JSONL with ``text`` and ``label``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path

import numpy as np

from factcheck.checkworthy import CheckworthinessHead
from factcheck.errors import InputError

logger = logging.getLogger(__name__)

C_GRID = (0.3, 1.0, 3.0, 10.0)
#: Out-of-fold recall of check-worthy sentences the default threshold keeps.
RECALL_TARGET = 0.90
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.2, 0.81, 0.02))


def read_sentences(path: str | Path) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of a ClaimBuster JSON list or a JSONL file with ``text`` and ``label``."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    try:
        rows = json.loads(raw)
        if isinstance(rows, dict):
            rows = [rows]
    except json.JSONDecodeError:
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    texts, labels = [], []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or "text" not in row or "label" not in row:
            raise InputError(f"{path}: item {i} needs 'text' and 'label'")
        label = int(row["label"])
        if label not in (0, 1):
            raise InputError(f"{path}: item {i} has label {row['label']!r}; expected 0 or 1")
        if str(row["text"]).strip():
            texts.append(str(row["text"]))
            labels.append(label)
    if not texts or len(set(labels)) < 2:
        raise InputError(f"{path}: need sentences of both labels, got {len(texts)} sentences")
    return texts, np.asarray(labels, dtype=np.int64)


def _best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import f1_score

    scores = [(f1_score(y, p >= t), t) for t in THRESHOLD_GRID]
    f1, t = max(scores, key=lambda s: (s[0], -abs(s[1] - 0.5)))
    return float(t), float(f1)


def fit_head(
    vectors: np.ndarray,
    rule_scores: np.ndarray,
    labels: np.ndarray,
    *,
    seed: int = 42,
    embedder: str = "minilm",
    embedder_fingerprint: str = "",
    meta: dict | None = None,
) -> CheckworthinessHead:
    """Cross-validate ``C`` and the threshold, then fit on everything (step 2-3 of the recipe)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    x = np.hstack([np.asarray(vectors, dtype=np.float64), np.asarray(rule_scores, dtype=np.float64)[:, None]])
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    trials = []
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        oof = cross_val_predict(model, x, labels, cv=folds, method="predict_proba")[:, 1]
        threshold, f1 = _best_threshold(labels, oof)
        trials.append({"C": c, "threshold": threshold, "cv_f1": round(f1, 4)})
        logger.info("C=%s: cross-validated F1 %.4f at threshold %.2f", c, f1, threshold)
    best = max(trials, key=lambda t: t["cv_f1"])
    from sklearn.metrics import precision_score, recall_score

    model = LogisticRegression(C=best["C"], max_iter=5000, class_weight="balanced")
    oof = cross_val_predict(model, x, labels, cv=folds, method="predict_proba")[:, 1]
    reaching = [t for t in THRESHOLD_GRID if recall_score(labels, oof >= t) >= RECALL_TARGET]
    threshold = float(max(reaching) if reaching else min(THRESHOLD_GRID))
    operating = {
        "threshold": threshold,
        "recall_target": RECALL_TARGET,
        "cv_recall": round(float(recall_score(labels, oof >= threshold)), 4),
        "cv_precision": round(float(precision_score(labels, oof >= threshold)), 4),
    }
    logger.info(
        "operating threshold %.2f: out-of-fold recall %.4f, precision %.4f",
        threshold,
        operating["cv_recall"],
        operating["cv_precision"],
    )
    model.fit(x, labels)
    coef = model.coef_[0]
    return CheckworthinessHead(
        coef=coef[:-1].astype(np.float32),
        rule_coef=float(coef[-1]),
        intercept=float(model.intercept_[0]),
        threshold=float(threshold),
        embedder=embedder,
        embedder_fingerprint=embedder_fingerprint,
        meta={**(meta or {}), "cv": trials, "chosen": best, "operating": operating, "seed": seed},
    )


def train_checkworthiness(
    train: str | Path, output: str | Path, *, embedder: str = "minilm", seed: int = 42
) -> CheckworthinessHead:
    """The whole recipe: read, embed, score by rule, fit, write ``output/head.json`` and a model card."""
    from factcheck.claims import ClaimDetector
    from factcheck.embed import Embedder

    started = time.perf_counter()
    texts, labels = read_sentences(train)
    logger.info("%d training sentences (%d check-worthy)", len(texts), int(labels.sum()))
    emb = Embedder(embedder)
    vectors = emb.encode(texts)
    rules = np.asarray(ClaimDetector.rule_scores(texts), dtype=np.float32)
    digest = hashlib.sha256(Path(train).read_bytes()).hexdigest()[:16]
    head = fit_head(
        vectors,
        rules,
        labels,
        seed=seed,
        embedder=emb.name,
        embedder_fingerprint=emb.fingerprint,
        meta={
            "train": {
                "file": Path(train).name,
                "sha256_16": digest,
                "sentences": len(texts),
                "checkworthy": int(labels.sum()),
            },
            "minutes": None,
        },
    )
    head.meta["minutes"] = round((time.perf_counter() - started) / 60, 2)
    head.save(output)
    write_model_card(Path(output), head)
    return head


def write_model_card(folder: Path, head: CheckworthinessHead) -> Path:
    meta = head.meta
    train = meta.get("train", {})
    op = meta.get("operating", {})
    chosen = meta.get("chosen", {})
    rows = "\n".join(f"| {t['C']} | {t['threshold']:.2f} | {t['cv_f1']:.4f} |" for t in meta.get("cv", []))
    card = f"""# factcheck check-worthiness head

A logistic regression over the sentence embedding of `{head.embedder}` ({head.dim} dimensions) and
the rule-based check-worthiness score of `factcheck.claims`, giving p(check-worthy) for a sentence.
Used by `factcheck.claims.ClaimDetector`; trained by `factcheck train-checkworthiness`
(`factcheck/training/checkworthy.py`).

- Training data: ClaimBuster `two_class/{train.get("file")}` (Arslan et al., ICWSM 2020),
  {train.get("sentences")} US presidential debate sentences, {train.get("checkworthy")} check-worthy
  (sha256 prefix `{train.get("sha256_16")}`). The dataset is published on Zenodo (to our knowledge
  CC BY 4.0); no sentence of it is stored here, only {head.dim + 2} fitted numbers.
- Seed {meta.get("seed")}; class-balanced L2 logistic regression; C chosen by stratified 5-fold
  cross-validation on the training sentences (the test split was not read).
- Threshold: **{head.threshold:.2f}**, the highest whose out-of-fold recall of check-worthy sentences
  reaches {op.get("recall_target")} (recall {op.get("cv_recall")}, precision {op.get("cv_precision")} at
  ClaimBuster's 25 % prevalence). The best-F1 threshold for that prevalence is
  {chosen.get("threshold")} (out-of-fold F1 {chosen.get("cv_f1")}). Rule weight {head.rule_coef:.3f},
  intercept {head.intercept:.3f}.
- Training time: {meta.get("minutes")} min on the machine that trained it.

| C | best threshold | cross-validated F1 (check-worthy) |
|---|---|---|
{rows}

Evaluation (ClaimBuster test, CheckThat! 2019 test, Factcheck-Bench) is in `evaluation/RESULTS.md`.
"""
    path = folder / "README.md"
    path.write_text(card, encoding="utf-8")
    return path


__all__ = ["fit_head", "read_sentences", "train_checkworthiness"]
