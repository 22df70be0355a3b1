"""Hybrid retrieval: dense (sentence embeddings) and BM25, fused by reciprocal rank.

Reciprocal rank fusion (Cormack et al., 2009): a passage's fused score is
``sum over retrievers of 1 / (rrf_k + rank)``, rank counted from 1 within each retriever's top
``candidates``.  It needs no score calibration between the two retrievers.

Results are arrays shaped ``(n_queries, k)``: passage positions in the index (``-1`` pads rows
with fewer than ``k`` hits) and scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from factcheck.config import DEFAULT_CANDIDATES, DEFAULT_RRF_K, DEFAULT_TOP_K
from factcheck.errors import ConfigError
from factcheck.index.store import Index
from factcheck.text import clean
from factcheck.types import Passage

RetrievalMode = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True, slots=True)
class RetrievalResults:
    """Top-k passage positions and scores per query, both ``(n_queries, k)``."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def row(self, i: int) -> list[tuple[int, float]]:
        return [(int(j), float(s)) for j, s in zip(self.ids[i], self.scores[i], strict=True) if j >= 0]


def reciprocal_rank_fusion(
    rankings: Sequence[np.ndarray], k: int, *, rrf_k: int = DEFAULT_RRF_K
) -> tuple[np.ndarray, np.ndarray]:
    """Fuse several ``(n_queries, m)`` id rankings (``-1`` = empty slot) into ``(n_queries, k)``."""
    if not rankings:
        raise ValueError("need at least one ranking to fuse")
    n = rankings[0].shape[0]
    ids = np.full((n, k), -1, dtype=np.int64)
    scores = np.full((n, k), -np.inf, dtype=np.float32)
    for q in range(n):
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, pid in enumerate(ranking[q], 1):
                if pid >= 0:
                    fused[int(pid)] = fused.get(int(pid), 0.0) + 1.0 / (rrf_k + rank)
        best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        for j, (pid, score) in enumerate(best):
            ids[q, j] = pid
            scores[q, j] = score
    return ids, scores


class Retriever:
    """Retrieves passages of an :class:`~factcheck.index.Index` for claims.

    ``mode`` picks dense, BM25 or their reciprocal-rank fusion (default).
    """

    def __init__(
        self,
        index: Index,
        embedder,
        *,
        mode: RetrievalMode = "hybrid",
        candidates: int = DEFAULT_CANDIDATES,
        rrf_k: int = DEFAULT_RRF_K,
    ) -> None:
        if mode not in ("hybrid", "dense", "bm25"):
            raise ConfigError(f"unknown retrieval mode {mode!r}; use hybrid, dense or bm25")
        if candidates < 1 or rrf_k < 0:
            raise ConfigError(f"candidates must be >= 1 and rrf_k >= 0, got {candidates}, {rrf_k}")
        self.index = index
        self.embedder = embedder
        self.mode = mode
        self.candidates = candidates
        self.rrf_k = rrf_k

    def __call__(self, queries: Sequence[str], k: int = DEFAULT_TOP_K) -> RetrievalResults:
        if k < 1:
            raise ConfigError(f"k must be >= 1, got {k}")
        texts = [clean(q) for q in queries]
        if not texts:
            empty = np.zeros((0, k))
            return RetrievalResults(empty.astype(np.int64), empty.astype(np.float32))
        depth = max(k, self.candidates)
        rankings = []
        if self.mode in ("dense", "hybrid"):
            dense_ids, dense_scores = self.index.dense_search(self.embedder.encode(texts), depth)
            if self.mode == "dense":
                ids, scores = dense_ids[:, :k], dense_scores[:, :k]
                return RetrievalResults(ids, scores)
            rankings.append(dense_ids)
        bm25_ids, bm25_scores = self.index.bm25_search(texts, depth)
        if self.mode == "bm25":
            return RetrievalResults(bm25_ids[:, :k], bm25_scores[:, :k])
        rankings.append(bm25_ids)
        ids, scores = reciprocal_rank_fusion(rankings, k, rrf_k=self.rrf_k)
        return RetrievalResults(ids, scores)

    def passages(self, results: RetrievalResults, i: int) -> list[tuple[Passage, float]]:
        return [(self.index.passage(pid), score) for pid, score in results.row(i)]
