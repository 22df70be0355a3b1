"""Run a checker over a labelled claim set and score it.

Modes:

* ``gold`` — each claim is verified against its own gold evidence (``evidence_text``, or the text
  of its ``evidence`` documents looked up in the corpus); no retrieval.  Claims without gold
  evidence are verified against nothing and come out NOT_ENOUGH_INFO.
* ``open`` — the real pipeline: retrieve from the corpus/index, then verify.  Retrieval is also
  scored at the document level (recall@k, MRR, nDCG@10) wherever gold evidence ids exist, and the
  FEVER-style strict score counts a claim right only when its label is right and, for a
  SUPPORTED/REFUTED claim, a gold evidence document is among the ``top_k`` documents retrieved.

The confidence of each verdict is scored as a probability that the predicted label is right:
expected calibration error (10 equal-width bins), Brier score and a coverage–accuracy curve.
"""

from __future__ import annotations

import contextlib
import json
import logging
import platform
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from factcheck.errors import ConfigError
from factcheck.evaluation.metrics import (
    LABELS,
    brier_score,
    classification_report,
    coverage_accuracy,
    expected_calibration_error,
    mrr,
    ndcg_at_k,
    recall_at_k,
    reliability_bins,
)
from factcheck.evaluation.readers import ClaimSet, LabelledClaim

logger = logging.getLogger(__name__)

Mode = Literal["gold", "open"]
Progress = Callable[[str, int, int], None]
RETRIEVAL_KS = (1, 5, 20)
#: Passages retrieved per claim for the retrieval metrics (documents are deduplicated from them).
RETRIEVAL_DEPTH = 60


@dataclass(slots=True)
class EvaluationResult:
    metrics: dict
    predictions: list[dict]
    warnings: Counter[str] = field(default_factory=Counter)


def _peak_memory_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("factcheck", "torch", "transformers", "sentence-transformers", "spacy", "bm25s", "numpy"):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


def score_predictions(gold: Sequence[str], pred: Sequence[str], confidence: Sequence[float]) -> dict:
    """Classification metrics plus calibration of the confidences."""
    correct = [g == p for g, p in zip(gold, pred, strict=True)]
    return {
        **classification_report(gold, pred, LABELS),
        "calibration": {
            "ece": expected_calibration_error(confidence, correct, 10),
            "brier": brier_score(confidence, correct),
            "bins": reliability_bins(confidence, correct, 10),
            "coverage_accuracy": coverage_accuracy(confidence, correct, 10),
        },
    }


def _forced(v) -> str:
    """The verdict's choice between SUPPORTED and REFUTED: the learned decision's likelier of the two;
    for the rule, its label when it decided, else (it abstained) the stronger of its refutation
    signal and its support, and when it has no refutation signal, what the NLI model reads in its
    evidence windows (strongest entailment against strongest contradiction).

    A refutation signal is zero unless a window is about the claim's event, so an abstention says
    "not sure", not "supported"; the forced choice then falls back on the model's own reading, of
    the closest passage when no window was relevant enough to weigh (the verdict's only evidence
    then)."""
    if v.probabilities is not None:
        p = v.probabilities
        return "SUPPORTED" if p.get("SUPPORTED", 0.0) >= p.get("REFUTED", 0.0) else "REFUTED"
    label = getattr(v.label, "value", v.label)
    if label in ("SUPPORTED", "REFUTED"):
        return label
    if v.refute > 0:
        return "SUPPORTED" if v.support >= v.refute else "REFUTED"
    scores = [e.nli for e in v.evidence if e.nli is not None]
    if not scores:
        return "SUPPORTED" if v.support >= v.refute else "REFUTED"
    entail = max(n.entailment for n in scores)
    contra = max(n.contradiction for n in scores)
    return "SUPPORTED" if entail >= contra else "REFUTED"


def evaluate_claims(
    claim_set: ClaimSet,
    checker,
    *,
    mode: Mode = "open",
    documents: dict[str, str] | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
    baselines: bool = False,
) -> EvaluationResult:
    """Verify every claim of ``claim_set`` with ``checker`` (a :class:`~factcheck.FactChecker`) and score it."""
    if mode not in ("gold", "open"):
        raise ConfigError(f"unknown mode {mode!r}; use gold or open")
    claims: list[LabelledClaim] = claim_set.claims[:limit] if limit else list(claim_set.claims)
    warnings = _evidence_warnings(claims, set(documents) if documents is not None else _index_doc_ids(checker))
    started = time.perf_counter()
    references = [date.fromisoformat(c.date) if c.date else None for c in claims]
    if mode == "open":
        verdicts, ranked_docs = _verify_open(claims, checker, references, progress)
    else:
        verdicts, ranked_docs = _verify_gold(claims, checker, documents, references, progress), []
    elapsed = time.perf_counter() - started

    gold = [c.label for c in claims]
    pred = [v.label.value for v in verdicts]
    metrics: dict = {
        "mode": mode,
        "dataset": claim_set.name,
        "format": claim_set.format,
        "data_fingerprint": claim_set.fingerprint,
        **score_predictions(gold, pred, [v.confidence for v in verdicts]),
    }
    if "NOT_ENOUGH_INFO" not in gold:
        # A set without NEI (FEVER-Symmetric, COVID-Fact) is usually scored two-way: the stronger of
        # the verdict's support and refutation signals decides, NOT_ENOUGH_INFO is not an option.
        forced = [_forced(v) for v in verdicts]
        metrics["two_way"] = classification_report(gold, forced, ("SUPPORTED", "REFUTED"))
    metrics["excluded"] = dict(claim_set.excluded)
    if ranked_docs:
        metrics.update(_retrieval_metrics(claims, pred, ranked_docs, checker.verify_config.top_k))
    if baselines:
        from factcheck.evaluation.baselines import claim_only_baseline, majority_baseline

        metrics["baselines"] = {"majority": majority_baseline(claims), "claim_only": claim_only_baseline(claims)}
    metrics["throughput"] = {
        "claims": len(claims),
        "seconds": round(elapsed, 2),
        "claims_per_second": round(len(claims) / elapsed, 3) if elapsed else None,
        "peak_memory_mb": round(_peak_memory_mb(), 1),
    }
    metrics["config"] = checker.describe()
    metrics["versions"] = library_versions()
    metrics["warnings"] = dict(warnings)
    return EvaluationResult(metrics, _prediction_rows(claims, verdicts, ranked_docs), warnings)


def _evidence_warnings(claims: Sequence[LabelledClaim], known: set[str] | None) -> Counter[str]:
    """Evidence ids that name no corpus document, for the claims that bring no evidence text."""
    warnings: Counter[str] = Counter()
    missing = sorted(
        {e for c in claims if not c.evidence_text for e in c.evidence_ids if known is not None and e not in known}
    )
    if missing:
        warnings["evidence ids not in the corpus"] = len(missing)
        logger.warning("%d evidence ids are not in the corpus, e.g. %s", len(missing), ", ".join(missing[:5]))
    return warnings


def _verify_open(claims: Sequence[LabelledClaim], checker, references, progress) -> tuple[list, list[list[str]]]:
    """Verdicts from the corpus, and each claim's retrieved documents in rank order."""
    if checker.retriever is None:
        raise ConfigError("open mode needs a corpus or an index (--corpus or --index)")
    rankings: list = []
    verdicts = checker.check_claims(
        [c.claim for c in claims], references=references, progress=progress, rankings=rankings, depth=RETRIEVAL_DEPTH
    )
    ranked_docs = []
    for ranked in rankings:
        docs: list[str] = []
        for passage, _ in ranked:
            if passage.doc_id not in docs:
                docs.append(passage.doc_id)
        ranked_docs.append(docs)
    return verdicts, ranked_docs


def _verify_gold(claims: Sequence[LabelledClaim], checker, documents, references, progress) -> list:
    """Verdicts against each claim's gold evidence (its text, or the documents its ids name)."""
    evidence = []
    for c in claims:
        texts = list(c.evidence_text)
        if not texts and documents is not None:
            texts = [documents[e] for e in c.evidence_ids if e in documents]
        evidence.append(texts)
    if not any(evidence):
        raise ConfigError("gold mode needs evidence text: an evidence_text field, or evidence ids and --corpus")
    return checker.check_against([c.claim for c in claims], evidence, references=references, progress=progress)


def _retrieval_metrics(claims: Sequence[LabelledClaim], pred: Sequence[str], ranked_docs, top_k: int) -> dict:
    """Retrieval scores of the open run, and the strict score (right label and a gold document
    in the top ``top_k``)."""
    relevant = [set(c.evidence_ids) for c in claims]
    strict = [
        p == c.label and (c.label == "NOT_ENOUGH_INFO" or bool(set(docs[:top_k]) & rel))
        for p, c, docs, rel in zip(pred, claims, ranked_docs, relevant, strict=True)
    ]
    return {
        "retrieval": {
            **{f"recall@{k}": recall_at_k(ranked_docs, relevant, k) for k in RETRIEVAL_KS},
            "mrr": mrr(ranked_docs, relevant),
            "ndcg@10": ndcg_at_k(ranked_docs, relevant, 10),
            "queries_with_gold": sum(bool(r) for r in relevant),
        },
        "strict_score": sum(strict) / len(strict) if strict else 0.0,
    }


def _prediction_rows(claims: Sequence[LabelledClaim], verdicts, ranked_docs) -> list[dict]:
    return [
        {
            "id": c.id,
            "claim": c.claim,
            "gold": c.label,
            "predicted": v.label.value,
            "confidence": round(v.confidence, 4),
            "reason": v.reason,
            "evidence": [e.doc_id for e in v.evidence],
            **({"retrieved": ranked_docs[i][:10]} if ranked_docs else {}),
        }
        for i, (c, v) in enumerate(zip(claims, verdicts, strict=True))
    ]


def _index_doc_ids(checker) -> set[str] | None:
    index = getattr(checker, "index", None)
    if index is None:
        return None
    return {index.passage(i).doc_id for i in range(len(index))}


def write_outputs(result: EvaluationResult, out_dir: str | Path, *, plots: bool = True) -> list[Path]:
    """Write ``metrics.json``, ``predictions.jsonl``, ``report.md`` and PNG plots into ``out_dir``."""
    from factcheck.outputs import prepare_output_folder, strict_json, strict_jsonl, write_output

    out = prepare_output_folder(Path(out_dir).expanduser())
    paths = [out / "metrics.json", out / "predictions.jsonl", out / "report.md"]
    write_output(strict_json(json.dumps(result.metrics, indent=2, default=str), indent=2), paths[0])
    write_output(
        strict_jsonl("".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in result.predictions)),
        paths[1],
    )
    write_output(markdown_report(result.metrics), paths[2])
    if plots:
        from factcheck.evaluation.plots import write_plots

        paths.extend(write_plots(result.metrics, out))
    return paths


def markdown_report(metrics: dict) -> str:
    lines = [
        f"# Evaluation: {metrics.get('dataset', '')} ({metrics['mode']} mode)",
        "",
        f"- claims: {metrics['n']}",
        f"- accuracy: {metrics['accuracy']:.4f}",
        f"- macro-F1: {metrics['macro_f1']:.4f}",
    ]
    if "strict_score" in metrics:
        lines.append(f"- FEVER-style strict score: {metrics['strict_score']:.4f}")
    if "two_way" in metrics:
        tw = metrics["two_way"]
        lines.append(f"- forced two-way (no NEI): accuracy {tw['accuracy']:.4f}, macro-F1 {tw['macro_f1']:.4f}")
    if "calibration" in metrics:
        cal = metrics["calibration"]
        lines.append(f"- calibration: ECE {cal['ece']:.4f}, Brier {cal['brier']:.4f}")
    lines += ["", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, row in metrics["per_class"].items():
        lines.append(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    cm = metrics["confusion_matrix"]
    lines += [
        "",
        "Confusion matrix (rows gold, columns predicted):",
        "",
        "| gold \\ pred | " + " | ".join(cm["labels"]) + " |",
        "|---" * (len(cm["labels"]) + 1) + "|",
    ]
    for label, row in zip(cm["labels"], cm["matrix"], strict=True):
        lines.append(f"| {label} | " + " | ".join(str(x) for x in row) + " |")
    if "retrieval" in metrics:
        lines += ["", "Retrieval (document level):", ""]
        lines += [f"- {k}: {v:.4f}" if isinstance(v, float) else f"- {k}: {v}" for k, v in metrics["retrieval"].items()]
    if metrics.get("baselines"):
        lines += ["", "Baselines (same metrics):", "", "| baseline | accuracy | macro-F1 |", "|---|---|---|"]
        for name, b in metrics["baselines"].items():
            if b:
                lines.append(f"| {name} | {b['accuracy']:.4f} | {b['macro_f1']:.4f} |")
    if metrics.get("excluded"):
        lines += ["", f"Left out (label not mapped): {metrics['excluded']}"]
    tp = metrics["throughput"]
    lines += ["", f"Throughput: {tp['claims_per_second']} claims/s; peak memory {tp['peak_memory_mb']} MB.", ""]
    return "\n".join(lines)
