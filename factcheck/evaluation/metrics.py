"""The evaluation harness's metrics: those of :mod:`factcheck.metrics`, which scoring code shares."""

from factcheck.metrics import (
    LABELS,
    binary_report,
    brier_score,
    classification_report,
    confusion_matrix,
    coverage_accuracy,
    doc_recall_at_k,
    expected_calibration_error,
    mrr,
    ndcg_at_k,
    recall_at_k,
    reliability_bins,
)

__all__ = [
    "LABELS",
    "binary_report",
    "brier_score",
    "classification_report",
    "confusion_matrix",
    "coverage_accuracy",
    "doc_recall_at_k",
    "expected_calibration_error",
    "mrr",
    "ndcg_at_k",
    "recall_at_k",
    "reliability_bins",
]
