"""Top-k selection over score matrices, padded with -1 where fewer than k items qualify."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def top_k(
    scores: np.ndarray, k: int, *, keep: Callable[[np.ndarray], np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices and scores of the ``k`` best columns of each row of ``scores`` (best first).

    ``keep`` marks scores that may be returned (e.g. BM25 scores above zero); the rest become -1
    with score ``-inf``.  Shapes are ``(n_rows, k)``.
    """
    n_rows, n_cols = scores.shape if scores.ndim == 2 else (0, 0)
    ids = np.full((n_rows, k), -1, dtype=np.int64)
    vals = np.full((n_rows, k), -np.inf, dtype=np.float32)
    if n_rows == 0 or n_cols == 0 or k <= 0:
        return ids, vals
    take = min(k, n_cols)
    part = (
        np.argpartition(-scores, take - 1, axis=1)[:, :take]
        if take < n_cols
        else np.tile(np.arange(n_cols), (n_rows, 1))
    )
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-part_scores, axis=1, kind="stable")
    best = np.take_along_axis(part, order, axis=1)
    best_scores = np.take_along_axis(part_scores, order, axis=1).astype(np.float32)
    if keep is not None:
        mask = keep(best_scores)
        best = np.where(mask, best, -1)
        best_scores = np.where(mask, best_scores, -np.inf).astype(np.float32)
    ids[:, :take] = best
    vals[:, :take] = best_scores
    return ids, vals
