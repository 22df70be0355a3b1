"""Defaults in one place.  Every index manifest and report records the config it was made with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError

#: Format of the on-disk index; bump when the layout changes.
INDEX_FORMAT_VERSION = 2

DEFAULT_EMBEDDER = "minilm"
DEFAULT_NLI_MODEL = "factcheck-nli"

# Claims.  ``None``: the threshold stored with the trained check-worthiness head (the highest
# whose out-of-fold recall on ClaimBuster train reaches 0.90; see factcheck/training/checkworthy.py).
DEFAULT_CHECKWORTHINESS_THRESHOLD: float | None = None
#: Threshold of the rule-only scorer (``ClaimDetector(head="rules")``).
DEFAULT_RULE_THRESHOLD = 0.45

# Chunking: passages are windows of whole sentences.
DEFAULT_WINDOW_SENTENCES = 3
DEFAULT_WINDOW_STRIDE = 3
DEFAULT_MAX_PASSAGE_CHARS = 1200

# Index storage: vectors as float16 halve the memory of float32 for the same ranking (int8 quarters
# it); see evaluation/RESULTS.md.  At DEFAULT_ANN_THRESHOLD passages and above, an approximate-
# nearest-neighbour index is built when its library is installed (factcheck.index.ann): exact
# search over 100,000 float16 vectors already takes ~0.3 s per single query on 2 CPU cores, an
# HNSW query well under 1 ms (evaluation/RESULTS.md, "ANN libraries").
DEFAULT_VECTOR_DTYPE = "float16"
DEFAULT_ANN_THRESHOLD = 100_000
#: Documents longer than this many characters are skipped with a counted warning.
DEFAULT_MAX_DOCUMENT_CHARS = 10_000_000

# Retrieval
DEFAULT_TOP_K = 5
DEFAULT_CANDIDATES = 100  # per retriever, before fusion
#: Fusion of the dense and BM25 rankings: "rrf" (reciprocal rank) or "weighted" (min-max normalised
#: scores, dense weight DEFAULT_DENSE_WEIGHT).  Weighted 0.6 had the best nDCG@10 on the tuning three
#: quarters of SciFact train (0.885 against 0.871 for RRF k=60), but on the held-out quarter the two
#: are within noise (0.892 / 0.888), and on the bundled sample article weighted fusion brings in a
#: passage the NLI model wrongly reads as a contradiction, so that a claim refuted by its figures is
#: reported as refuted for the wrong reason (tests/test_end_to_end.py).  RRF stays the default until
#: the verifier prefers a figure conflict over such a contradiction; see evaluation/RESULTS.md.
DEFAULT_FUSION = "rrf"
DEFAULT_DENSE_WEIGHT = 0.6
DEFAULT_RRF_K = 60
#: Passages the optional reranker rescores (the fused top ``DEFAULT_RERANK_DEPTH``).
DEFAULT_RERANK_DEPTH = 20
#: Share of the reranker's relevance in the reranked score (the rest is the fused score).
DEFAULT_RERANK_WEIGHT = 0.5
DEFAULT_EMBED_BATCH_SIZE = 64

# NLI
DEFAULT_NLI_BATCH_SIZE = 32
DEFAULT_NLI_MAX_LENGTH = 256

# Verdict rule (see factcheck.verify).  The support and refute thresholds were chosen for the
# shipped NLI model on its calibration dev split (best macro-F1 on a 0.15-0.95 grid; recorded in
# factcheck/weights/nli-minilm-l6/calibration.json by `factcheck calibrate`); the relevance gates
# on the development three quarters of SciFact train.  See evaluation/RESULTS.md.
DEFAULT_SUPPORT_THRESHOLD = 0.5
DEFAULT_REFUTE_THRESHOLD = 0.35
DEFAULT_MIN_RELEVANCE = 0.45  # windows less similar than this cannot refute at all
DEFAULT_CONTRADICTION_RELEVANCE = 0.65  # ... and need this much to refute by NLI contradiction alone


@dataclass(frozen=True, slots=True)
class ChunkConfig:
    window_sentences: int = DEFAULT_WINDOW_SENTENCES
    stride: int = DEFAULT_WINDOW_STRIDE
    max_chars: int = DEFAULT_MAX_PASSAGE_CHARS

    def __post_init__(self) -> None:
        if self.window_sentences < 1:
            raise ConfigError(f"window_sentences must be >= 1, got {self.window_sentences}")
        if not 1 <= self.stride <= self.window_sentences:
            raise ConfigError(
                f"stride must be between 1 and window_sentences ({self.window_sentences}), got {self.stride}"
            )
        if self.max_chars < 100:
            raise ConfigError(f"max_chars must be >= 100, got {self.max_chars}")


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    top_k: int = DEFAULT_TOP_K
    support_threshold: float = DEFAULT_SUPPORT_THRESHOLD
    refute_threshold: float = DEFAULT_REFUTE_THRESHOLD
    min_relevance: float = DEFAULT_MIN_RELEVANCE
    contradiction_relevance: float = DEFAULT_CONTRADICTION_RELEVANCE
    window_sentences: int = 2
    nli_batch_size: int = DEFAULT_NLI_BATCH_SIZE

    def __post_init__(self) -> None:
        if self.top_k < 1:
            raise ConfigError(f"top_k must be >= 1, got {self.top_k}")
        for name in ("support_threshold", "refute_threshold", "min_relevance", "contradiction_relevance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {value}")
        if self.window_sentences < 1:
            raise ConfigError(f"window_sentences must be >= 1, got {self.window_sentences}")


def as_dict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


# Batch checking (factcheck.batch).  Articles are parsed and their claims extracted a group at a
# time; the claims of a whole group go through retrieval and verification together, at most
# DEFAULT_BATCH_CLAIMS per call (windows deduplicated across them, NLI pairs batched together),
# and each finished group is written to the output before the next starts.
DEFAULT_BATCH_ARTICLES = 16
DEFAULT_BATCH_CLAIMS = 64
#: The Ray engine hands Ray Data at most this many articles per dataset, so the driver holds a
#: bounded amount of text (each window starts the actor pool anew: one model load per actor).
DEFAULT_RAY_WINDOW = 10_000
#: CPUs reserved per Ray actor (its torch threads); the actor count defaults to what the cluster holds.
DEFAULT_RAY_CPUS_PER_ACTOR = 1.0
#: Passages per Ray Data batch when embedding an index on Ray.
DEFAULT_RAY_EMBED_BATCH = 512
#: Passages handed to Ray Data per dataset when embedding an index on Ray (bounds the driver's memory).
DEFAULT_RAY_EMBED_WINDOW = 200_000
