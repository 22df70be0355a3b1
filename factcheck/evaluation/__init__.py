"""Evaluation against labelled claim sets: readers, metrics and the runner."""

from factcheck.evaluation.metrics import classification_report, confusion_matrix, mrr, ndcg_at_k, recall_at_k
from factcheck.evaluation.readers import LABEL_MAP, ClaimSet, LabelledClaim, read_claims
from factcheck.evaluation.runner import EvaluationResult, evaluate_claims, write_outputs

__all__ = [
    "LABEL_MAP",
    "ClaimSet",
    "EvaluationResult",
    "LabelledClaim",
    "classification_report",
    "confusion_matrix",
    "evaluate_claims",
    "mrr",
    "ndcg_at_k",
    "read_claims",
    "recall_at_k",
    "write_outputs",
]
