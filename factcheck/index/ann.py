"""Approximate nearest-neighbour (ANN) search for large indexes; optional (``pip install factcheck[ann]``).

An index with at least :data:`~factcheck.config.DEFAULT_ANN_THRESHOLD` passages gets an ANN
index in ``INDEX_DIR/ann/`` when one of the supported libraries is installed; below the threshold,
or when no library is installed (at build or at query time), dense search is exact brute force
over the memory-mapped vectors, with a logged warning in the latter case.

Libraries (inner product over the unit-length vectors):

* ``hnswlib`` (preferred) — HNSW, float32 vectors held in memory;
* ``usearch`` — HNSW with float16 vectors, memory-mapped when opened (``view``);
* ``faiss`` — IVF with 8-bit scalar-quantised vectors (``IVF{lists},SQ8``): builds in seconds,
  lower recall at the same latency.

On 200,000 synthetic vectors (evaluation/RESULTS.md, ef_search 96) hnswlib had recall@10 1.000
and p95 0.6 ms, usearch 0.993 and 1.6 ms (and built 1.7x slower), faiss 0.933 and 5.6 ms (built
in 6 s).

``auto`` picks the first installed of :data:`PREFERENCE`, ordered by the measurements recorded in
``evaluation/RESULTS.md`` (``evaluation/bench_ann.py``).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import ConfigError

logger = logging.getLogger(__name__)

LIBRARIES = ("usearch", "hnswlib", "faiss")
#: Order in which ``auto`` tries the libraries (see evaluation/RESULTS.md, "ANN libraries").
PREFERENCE = ("hnswlib", "usearch", "faiss")
_MODULES = {"usearch": "usearch", "hnswlib": "hnswlib", "faiss": "faiss"}

#: HNSW parameters (usearch and hnswlib): graph degree, construction and search beam widths.
#: ef_search is a query-time setting (the value here applies to every index when it is opened): on
#: 1,000,000 synthetic passages hnswlib reached recall@10 0.939 / 0.978 / 0.988 / 0.989 at
#: ef_search 96 / 200 / 400 / 800, p95 8.8 / 9.3 / 9.5 / 11.8 ms (evaluation/RESULTS.md).
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 128
HNSW_EF_SEARCH = 400
#: FAISS IVF: vectors per list (lists = n / this, at least 1) and the share of lists probed.
IVF_PER_LIST = 256
IVF_NPROBE = 32


def available(library: str) -> bool:
    return importlib.util.find_spec(_MODULES[library]) is not None


def choose(library: str | None) -> str | None:
    """The library to use for ``library`` ("auto" or a name); None when auto finds none installed."""
    if library is None:
        return None
    if library == "auto":
        return next((lib for lib in PREFERENCE if available(lib)), None)
    if library not in LIBRARIES:
        raise ConfigError(f"unknown ANN library {library!r}; use auto, none, {', '.join(LIBRARIES)}")
    if not available(library):
        raise ConfigError(f"ANN library {library!r} is not installed: pip install {library} (or factcheck[ann])")
    return library


def _threads() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _blocks(vectors: np.ndarray, size: int = 65536):
    for start in range(0, len(vectors), size):
        yield (
            start,
            np.asarray(vectors[start : start + size], dtype=np.float32) / (127.0 if vectors.dtype == np.int8 else 1.0),
        )


def build_ann(folder: Path, vectors: np.ndarray, *, library: str | None = "auto") -> dict[str, Any] | None:
    """Build an ANN index of ``vectors`` into ``folder / "ann"``; returns its manifest entry.

    Returns None (and logs a warning) when ``library`` is "auto" and none is installed.
    """
    lib = choose(library)
    if lib is None:
        logger.warning(
            "no ANN library installed (pip install factcheck[ann]); the index of %d passages will use exact "
            "brute-force search",
            len(vectors),
        )
        return None
    out = folder / "ann"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    n, dim = vectors.shape
    params: dict[str, Any]
    if lib == "usearch":
        from usearch.index import Index as UIndex

        index = UIndex(
            ndim=dim, metric="ip", dtype="f16", connectivity=HNSW_M, expansion_add=HNSW_EF_CONSTRUCTION,
            expansion_search=HNSW_EF_SEARCH,
        )  # fmt: skip
        for start, block in _blocks(vectors):
            index.add(np.arange(start, start + len(block), dtype=np.uint64), block, threads=_threads())
        index.save(str(out / "usearch.index"))
        params = {"M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "ef_search": HNSW_EF_SEARCH, "dtype": "f16"}
    elif lib == "hnswlib":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=dim)
        index.init_index(max_elements=n, ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
        index.set_num_threads(_threads())
        for start, block in _blocks(vectors):
            index.add_items(block, np.arange(start, start + len(block)))
        index.save_index(str(out / "hnswlib.bin"))
        params = {"M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "ef_search": HNSW_EF_SEARCH}
    else:
        import faiss

        lists = max(1, n // IVF_PER_LIST)
        index = faiss.index_factory(dim, f"IVF{lists},SQ8", faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, size=min(n, max(lists * 40, 10000)), replace=False))
        index.train(np.asarray(vectors[sample], dtype=np.float32) / (127.0 if vectors.dtype == np.int8 else 1.0))
        for _, block in _blocks(vectors):
            index.add(block)
        faiss.write_index(index, str(out / "faiss.index"))
        params = {"factory": f"IVF{lists},SQ8", "nprobe": min(IVF_NPROBE, lists)}
    return {
        "library": lib,
        "params": params,
        "size": int(n),
        "build_seconds": round(time.perf_counter() - started, 2),
    }


class ANNIndex:
    """A loaded ANN index: ``search(queries, k)`` gives ``(n_queries, k)`` positions and inner products."""

    def __init__(self, library: str, index, size: int, params: dict[str, Any]) -> None:
        self.library = library
        self._index = index
        self.size = size
        self.params = params

    def tune(self, effort: int) -> None:
        """Set the search effort: HNSW ``ef_search`` (usearch, hnswlib) or IVF ``nprobe`` (faiss)."""
        if effort < 1:
            raise ConfigError(f"ANN search effort must be >= 1, got {effort}")
        if self.library == "faiss":
            import faiss

            self.params["nprobe"] = effort
            faiss.extract_index_ivf(self._index).nprobe = effort
        else:
            self.params["ef_search"] = effort
            if self.library == "usearch":
                self._index.expansion_search = effort

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        q = np.ascontiguousarray(queries, dtype=np.float32)
        ids = np.full((len(q), k), -1, dtype=np.int64)
        scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        if len(q) == 0 or k <= 0:
            return ids, scores
        k_eff = min(k, self.size)
        if self.library == "usearch":
            found = self._index.search(q, k_eff, threads=_threads())
            if hasattr(found, "counts"):  # BatchMatches
                keys = np.asarray(found.keys, dtype=np.int64).reshape(len(q), -1)
                dist = np.asarray(found.distances, dtype=np.float32).reshape(len(q), -1)
                counts = np.asarray(found.counts).reshape(-1)
            else:  # one query: Matches
                keys = np.asarray(found.keys, dtype=np.int64).reshape(1, -1)
                dist = np.asarray(found.distances, dtype=np.float32).reshape(1, -1)
                counts = np.array([keys.shape[1]])
            for i in range(len(q)):
                c = int(counts[i])
                ids[i, :c] = keys[i, :c]
                scores[i, :c] = 1.0 - dist[i, :c]  # usearch "ip" distance is 1 - inner product
        elif self.library == "hnswlib":
            self._index.set_ef(max(self.params.get("ef_search", HNSW_EF_SEARCH), k_eff))
            labels, dist = self._index.knn_query(q, k=k_eff)
            ids[:, :k_eff] = labels
            scores[:, :k_eff] = 1.0 - dist  # hnswlib "ip" distance is 1 - inner product
        else:
            dist, labels = self._index.search(q, k_eff)
            ids[:, :k_eff] = labels
            scores[:, :k_eff] = np.where(labels >= 0, dist, -np.inf)
        return ids, scores


def load_ann(folder: Path, info: dict[str, Any], vectors: np.ndarray) -> ANNIndex | None:
    """Open the ANN index recorded in a manifest; None (brute force, with a warning) if its library is missing."""
    lib = info.get("library")
    if lib not in LIBRARIES:
        logger.warning("index %s names an unknown ANN library %r; using exact search", folder, lib)
        return None
    if not available(lib):
        logger.warning(
            "index %s has a %s ANN index but %s is not installed (pip install factcheck[ann]); using exact "
            "brute-force search over %d passages",
            folder,
            lib,
            lib,
            len(vectors),
        )
        return None
    path = folder / "ann"
    params = dict(info.get("params") or {})
    if lib != "faiss":
        params["ef_search"] = HNSW_EF_SEARCH  # query-time: today's default, not the one at build time
    if lib == "usearch":
        from usearch.index import Index as UIndex

        index = UIndex.restore(str(path / "usearch.index"), view=True)
        index.expansion_search = int(params.get("ef_search", HNSW_EF_SEARCH))
    elif lib == "hnswlib":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=int(vectors.shape[1]))
        index.load_index(str(path / "hnswlib.bin"), max_elements=int(info["size"]))
        index.set_num_threads(_threads())
    else:
        import faiss

        index = faiss.read_index(str(path / "faiss.index"), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
        faiss.extract_index_ivf(index).nprobe = int(params.get("nprobe", IVF_NPROBE))
    if int(info.get("size", -1)) != len(vectors):
        logger.warning(
            "ANN index of %s covers %s of %d passages; using exact search", folder, info.get("size"), len(vectors)
        )
        return None
    return ANNIndex(lib, index, int(info["size"]), params)
