"""Check-worthiness from a trained head over the sentence embedder.

The head is a logistic regression over two inputs: the sentence's embedding by the project's
sentence embedder (all-MiniLM-L6-v2, the same model retrieval uses, so it is loaded once) and the
rule-based score of :func:`factcheck.claims.score_checkworthiness` (figures, names, events,
quotes, opinion markers).  It is trained by :mod:`factcheck.training.checkworthy` on the
ClaimBuster training sentences and stored as a small JSON file
(``factcheck/weights/checkworthy-minilm/head.json``, a few kilobytes) with its threshold, chosen
by cross-validation on the training data only, and its provenance.

Inference is a dot product: no scikit-learn needed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import ModelError

HEAD_FILE = "head.json"
DEFAULT_HEAD_DIR = Path(__file__).parent / "weights" / "checkworthy-minilm"


@dataclass(frozen=True)
class CheckworthinessHead:
    """``p(check-worthy) = sigmoid(w . embedding + v * rule_score + b)``."""

    coef: np.ndarray  # (dim,)
    rule_coef: float
    intercept: float
    threshold: float
    embedder: str
    embedder_fingerprint: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        return int(self.coef.shape[0])

    def score(self, vectors: np.ndarray, rule_scores: np.ndarray | None = None) -> np.ndarray:
        """Probabilities for ``(n, dim)`` embeddings (and their ``(n,)`` rule scores)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ModelError(f"check-worthiness head expects vectors of dimension {self.dim}, got {vectors.shape}")
        logits = vectors @ self.coef + self.intercept
        if rule_scores is not None:
            logits = logits + self.rule_coef * np.asarray(rule_scores, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-logits))

    # -- storage --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "factcheck-checkworthiness-head",
            "version": 1,
            "embedder": self.embedder,
            "embedder_fingerprint": self.embedder_fingerprint,
            "dim": self.dim,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "rule_coef": self.rule_coef,
            "coef": [round(float(x), 7) for x in self.coef],
            "meta": self.meta,
        }

    def save(self, folder: str | os.PathLike[str]) -> Path:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        path = out / HEAD_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, folder: str | os.PathLike[str] = DEFAULT_HEAD_DIR) -> CheckworthinessHead:
        path = Path(folder)
        if path.is_dir():
            path = path / HEAD_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != "factcheck-checkworthiness-head":
                raise ValueError("not a factcheck check-worthiness head")
            coef = np.asarray(raw["coef"], dtype=np.float32)
            if coef.shape != (int(raw["dim"]),):
                raise ValueError(f"coef has shape {coef.shape}, expected ({raw['dim']},)")
            return cls(
                coef=coef,
                rule_coef=float(raw["rule_coef"]),
                intercept=float(raw["intercept"]),
                threshold=float(raw["threshold"]),
                embedder=str(raw["embedder"]),
                embedder_fingerprint=str(raw["embedder_fingerprint"]),
                meta=dict(raw.get("meta", {})),
            )
        except FileNotFoundError as exc:
            raise ModelError(
                f"no check-worthiness head at {path}; train one with `factcheck train-checkworthiness`"
            ) from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: unreadable check-worthiness head ({exc})") from exc


__all__ = ["DEFAULT_HEAD_DIR", "CheckworthinessHead"]
