"""Hybrid retrieval: dense (sentence embeddings) and BM25, fused, optionally reranked.

Two fusions of the per-retriever top ``candidates``:

* ``weighted``: each retriever's scores are min-max normalised over its own candidates
  (best = 1, worst candidate = 0; a passage a retriever did not return counts 0 for it), and the
  fused score is ``dense_weight * dense + (1 - dense_weight) * bm25``;
* ``rrf`` (default), reciprocal rank fusion (Cormack et al., 2009): ``sum over retrievers of
  1 / (rrf_k + rank)``, rank counted from 1 within each retriever's candidates.

The weight and ``rrf_k`` were tuned on SciFact train (the three quarters not held out; see
``evaluation/RESULTS.md``).  An optional reranker (:class:`NLIReranker`) rescores the fused top
``rerank_depth`` passages.

Results are arrays shaped ``(n_queries, k)``: passage positions in the index (``-1`` pads rows
with fewer than ``k`` hits) and scores.

>>> retriever = Retriever(index, Embedder())                       # doctest: +SKIP
>>> results = retriever(["Putin visited Pyongyang in June 2024."], k=5)  # doctest: +SKIP
>>> results.ids.shape                                               # doctest: +SKIP
(1, 5)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from factcheck.config import (
    DEFAULT_CANDIDATES,
    DEFAULT_DENSE_WEIGHT,
    DEFAULT_FUSION,
    DEFAULT_RERANK_DEPTH,
    DEFAULT_RERANK_WEIGHT,
    DEFAULT_RRF_K,
    DEFAULT_TOP_K,
)
from factcheck.errors import ConfigError
from factcheck.index.store import Index, embedding_text
from factcheck.text import clean
from factcheck.types import Passage

RetrievalMode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["weighted", "rrf"]


@dataclass(frozen=True, slots=True)
class RetrievalResults:
    """Top-k passage positions and scores per query, both ``(n_queries, k)``."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def row(self, i: int) -> list[tuple[int, float]]:
        return [(int(j), float(s)) for j, s in zip(self.ids[i], self.scores[i], strict=True) if j >= 0]


def _pack(rows: list[list[tuple[int, float]]], k: int) -> tuple[np.ndarray, np.ndarray]:
    ids = np.full((len(rows), k), -1, dtype=np.int64)
    scores = np.full((len(rows), k), -np.inf, dtype=np.float32)
    for q, row in enumerate(rows):
        best = sorted(row, key=lambda item: (-item[1], item[0]))[:k]
        for j, (pid, score) in enumerate(best):
            ids[q, j] = pid
            scores[q, j] = score
    return ids, scores


def reciprocal_rank_fusion(
    rankings: Sequence[np.ndarray], k: int, *, rrf_k: int = DEFAULT_RRF_K
) -> tuple[np.ndarray, np.ndarray]:
    """Fuse several ``(n_queries, m)`` id rankings (``-1`` = empty slot) into ``(n_queries, k)``."""
    if not rankings:
        raise ValueError("need at least one ranking to fuse")
    rows = []
    for q in range(rankings[0].shape[0]):
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, pid in enumerate(ranking[q], 1):
                if pid >= 0:
                    fused[int(pid)] = fused.get(int(pid), 0.0) + 1.0 / (rrf_k + rank)
        rows.append(list(fused.items()))
    return _pack(rows, k)


def minmax_normalise(ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Scores of each row mapped to [0, 1] over its valid entries (``ids >= 0``): best 1, worst 0.

    A row whose valid scores are all equal maps them to 1; invalid entries become 0.
    """
    valid = ids >= 0
    s = np.where(valid, scores, np.nan).astype(np.float64)
    with np.errstate(all="ignore"):
        hi = np.nanmax(s, axis=1, keepdims=True)
        lo = np.nanmin(s, axis=1, keepdims=True)
        span = hi - lo
        out = np.where(span > 0, (s - lo) / np.where(span > 0, span, 1.0), 1.0)
    return np.where(valid, out, 0.0).astype(np.float32)


def weighted_fusion(
    rankings: Sequence[tuple[np.ndarray, np.ndarray]], weights: Sequence[float], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Fuse ``(ids, scores)`` rankings by a weighted sum of min-max normalised scores.

    Each ranking is normalised over its own valid entries (:func:`minmax_normalise`); an id that a
    ranking does not contain contributes 0 for it.  Returns ``(n_queries, k)`` ids and scores.
    """
    if not rankings or len(rankings) != len(weights):
        raise ValueError(f"need one weight per ranking, got {len(rankings)} rankings and {len(weights)} weights")
    normalised = [(ids, minmax_normalise(ids, scores)) for ids, scores in rankings]
    rows = []
    for q in range(rankings[0][0].shape[0]):
        fused: dict[int, float] = {}
        for (ids, norm), w in zip(normalised, weights, strict=True):
            for pid, s in zip(ids[q], norm[q], strict=True):
                if pid >= 0:
                    fused[int(pid)] = fused.get(int(pid), 0.0) + w * float(s)
        rows.append(list(fused.items()))
    return _pack(rows, k)


class Reranker(Protocol):
    """Rescores candidate passages: ``relevance(queries, passages)`` gives one row of scores in
    [0, 1] per query, aligned with that query's passages."""

    name: str

    def relevance(self, queries: Sequence[str], passages: Sequence[Sequence[Passage]]) -> list[np.ndarray]: ...


class NLIReranker:
    """Relevance from an NLI cross-encoder: ``p(entailment) + p(contradiction)`` of (passage, claim).

    A passage that entails or contradicts the claim bears on it; a neutral one does not.  The
    passage is read with its document title, as the embedder reads it.
    """

    name = "nli"

    def __init__(self, nli=None, *, precision: str = "fp32") -> None:
        if nli is None or isinstance(nli, str):
            from factcheck.nli import NLIScorer

            nli = NLIScorer(*((nli,) if nli else ()), precision=precision)
        self.nli = nli

    def relevance(self, queries: Sequence[str], passages: Sequence[Sequence[Passage]]) -> list[np.ndarray]:
        premises = [embedding_text(p) for row in passages for p in row]
        hypotheses = [q for q, row in zip(queries, passages, strict=True) for _ in row]
        from factcheck.nli import NEUTRAL

        probs = np.asarray(self.nli(premises, hypotheses), dtype=np.float32) if premises else np.zeros((0, 3))
        rel = 1.0 - probs[:, NEUTRAL] if len(probs) else np.zeros(0, dtype=np.float32)
        out, start = [], 0
        for row in passages:
            out.append(np.clip(rel[start : start + len(row)], 0.0, 1.0).astype(np.float32))
            start += len(row)
        return out


class Retriever:
    """Retrieves passages of an :class:`~factcheck.index.Index` for claims.

    ``mode`` picks dense, BM25 or their fusion (default); ``fusion`` picks reciprocal rank fusion
    (default) or weighted score fusion.  With a ``reranker``, the fused top ``rerank_depth``
    passages are rescored by ``(1 - rerank_weight) * fused + rerank_weight * relevance`` (fused
    scores min-max normalised over those passages).
    """

    def __init__(
        self,
        index: Index,
        embedder,
        *,
        mode: RetrievalMode = "hybrid",
        candidates: int = DEFAULT_CANDIDATES,
        fusion: Fusion = DEFAULT_FUSION,  # type: ignore[assignment]
        dense_weight: float = DEFAULT_DENSE_WEIGHT,
        rrf_k: int = DEFAULT_RRF_K,
        reranker: Reranker | None = None,
        rerank_depth: int = DEFAULT_RERANK_DEPTH,
        rerank_weight: float = DEFAULT_RERANK_WEIGHT,
        memo=None,
    ) -> None:
        if mode not in ("hybrid", "dense", "bm25"):
            raise ConfigError(f"unknown retrieval mode {mode!r}; use hybrid, dense or bm25")
        if fusion not in ("weighted", "rrf"):
            raise ConfigError(f"unknown fusion {fusion!r}; use weighted or rrf")
        if candidates < 1 or rrf_k < 0:
            raise ConfigError(f"candidates must be >= 1 and rrf_k >= 0, got {candidates}, {rrf_k}")
        if not 0.0 <= dense_weight <= 1.0 or not 0.0 <= rerank_weight <= 1.0:
            raise ConfigError(f"dense_weight and rerank_weight must be in [0, 1], got {dense_weight}, {rerank_weight}")
        if rerank_depth < 1:
            raise ConfigError(f"rerank_depth must be >= 1, got {rerank_depth}")
        self.index = index
        self.embedder = embedder
        self.mode = mode
        self.candidates = candidates
        self.fusion = fusion
        self.dense_weight = dense_weight
        self.rrf_k = rrf_k
        self.reranker = reranker
        self.rerank_depth = rerank_depth
        self.rerank_weight = rerank_weight
        #: ``memo(embedder, texts) -> vectors`` (a verifier's
        #: :class:`~factcheck.verify.windows.SentenceVectors`): queries embedded once for retrieval
        #: and the verifier's relevance scores alike.
        self.memo = memo

    @property
    def config(self) -> dict:
        """The settings, for reports and metrics files."""
        return {
            "mode": self.mode,
            "candidates": self.candidates,
            "fusion": self.fusion if self.mode == "hybrid" else None,
            "dense_weight": self.dense_weight if self.mode == "hybrid" and self.fusion == "weighted" else None,
            "rrf_k": self.rrf_k if self.mode == "hybrid" and self.fusion == "rrf" else None,
            "reranker": self.reranker.name if self.reranker else None,
            "rerank_depth": self.rerank_depth if self.reranker else None,
            "rerank_weight": self.rerank_weight if self.reranker else None,
        }

    def first_stage(self, queries: Sequence[str], k: int) -> RetrievalResults:
        """Dense, BM25 or fused retrieval without the reranker."""
        texts = [clean(q) for q in queries]
        if not texts:
            empty = np.zeros((0, k))
            return RetrievalResults(empty.astype(np.int64), empty.astype(np.float32))
        depth = max(k, self.candidates)
        if self.mode == "bm25":
            ids, scores = self.index.bm25_search(texts, k)
            return RetrievalResults(ids, scores)
        vectors = self.memo(self.embedder, texts) if self.memo is not None else self.embedder.encode(texts)
        dense = self.index.dense_search(vectors, depth)
        if self.mode == "dense":
            return RetrievalResults(dense[0][:, :k], dense[1][:, :k])
        bm25 = self.index.bm25_search(texts, depth)
        if self.fusion == "rrf":
            ids, scores = reciprocal_rank_fusion([dense[0], bm25[0]], k, rrf_k=self.rrf_k)
        else:
            ids, scores = weighted_fusion([dense, bm25], [self.dense_weight, 1.0 - self.dense_weight], k)
        return RetrievalResults(ids, scores)

    def __call__(self, queries: Sequence[str], k: int = DEFAULT_TOP_K) -> RetrievalResults:
        if k < 1:
            raise ConfigError(f"k must be >= 1, got {k}")
        if self.reranker is None:
            return self.first_stage(queries, k)
        first = self.first_stage(queries, max(k, self.rerank_depth))
        return self.rerank(queries, first, k)

    def rerank(self, queries: Sequence[str], first: RetrievalResults, k: int) -> RetrievalResults:
        """Rescore the top ``rerank_depth`` of ``first`` with the reranker; the rest keep their order below."""
        assert self.reranker is not None
        depth = self.rerank_depth
        head_ids, head_scores = first.ids[:, :depth], first.scores[:, :depth]
        passages = [[self.index.passage(int(j)) for j in row if j >= 0] for row in head_ids]
        relevance = self.reranker.relevance([clean(q) for q in queries], passages)
        fused = minmax_normalise(head_ids, head_scores)
        rows = []
        for q in range(len(queries)):
            valid = head_ids[q] >= 0
            rel = np.zeros(depth, dtype=np.float32)
            rel[np.flatnonzero(valid)] = relevance[q]
            score = (1.0 - self.rerank_weight) * fused[q] + self.rerank_weight * rel
            row = [(int(j), float(s)) for j, s in zip(head_ids[q], score, strict=True) if j >= 0]
            # Passages below the reranked head keep their first-stage order, below every reranked one.
            tail = [int(j) for j in first.ids[q, depth:] if j >= 0]
            row += [(j, -1.0 - r) for r, j in enumerate(tail)]
            rows.append(row)
        ids, scores = _pack(rows, k)
        return RetrievalResults(ids, scores)

    def passages(self, results: RetrievalResults, i: int) -> list[tuple[Passage, float]]:
        return [(self.index.passage(pid), score) for pid, score in results.row(i)]


def documents_of(index: Index, results: RetrievalResults, i: int) -> list[str]:
    """Document ids of query ``i``'s passages, best first, each once (a document ranks by its best passage)."""
    seen: dict[str, None] = {}
    for pid, _ in results.row(i):
        seen.setdefault(index.passage(pid).doc_id, None)
    return list(seen)
