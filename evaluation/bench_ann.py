"""Scale benchmark: a synthetic index of a million passages on one machine.

    python evaluation/bench_ann.py                          # 1,000,000 passages through factcheck's own index
    python evaluation/bench_ann.py --n 200000 --compare     # ANN libraries side by side on the same vectors

Vectors are synthetic but shaped like sentence embeddings: a hierarchical Gaussian mixture in 384
dimensions (a shared mean direction, 2,000 random topic centroids with 25 subtopics each, plus
noise), normalised to unit length, so that similarities are graded as in real embeddings (random
pairs ~0.1, same topic ~0.4, same subtopic ~0.6; on SciFact's MiniLM vectors a passage's 10th and
100th neighbours sit at 0.57 and 0.42 and random pairs at 0.10) rather than uniform noise, where
every neighbour is equally far.
Query vectors come from the same mixture (new points, not copies of stored ones).  Passage texts
are generated (a Zipf-distributed vocabulary of 30,000 made-up words plus a cluster topic word),
so BM25 indexes and scores real text.

Default mode builds a factcheck index with :func:`factcheck.index.build_index` (float16 vectors,
ANN above the threshold, BM25) in one process, then opens and queries it in a second process, so
that the peak memory (``ru_maxrss``) of building and of querying are measured separately.  It
prints build time, peak memory, single-query latency p50/p95 (k=20) for ANN, for exact brute
force and for the hybrid retriever, and recall@10 of ANN against exact search on the same vectors.

``--compare`` builds and queries each ANN library directly on the same vectors, each in its own
processes (usearch and faiss crash when loaded in one process).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DIM = 384
CENTROIDS = 2000  # topics
SUBTOPICS = 25  # per topic
# x = MEAN_W * mean + topic + SUB_W * subtopic + NOISE * gaussian, normalised.  Chosen so that, as in
# real MiniLM vectors, random pairs are not orthogonal (cosine ~0.1: embeddings share a common
# direction), same-topic pairs sit near 0.4 and same-subtopic pairs near 0.6.
MEAN_W, SUB_W, NOISE = 0.577, 0.816, 0.059
VOCAB = 30000


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM (reset by exec, so a child process does not
    inherit its parent's peak as ``ru_maxrss`` can), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@functools.cache
def _centres() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)

    def unit(a):
        return (a / np.linalg.norm(a, axis=-1, keepdims=True)).astype(np.float32)

    mean = unit(rng.normal(size=DIM))
    topics = unit(rng.normal(size=(CENTROIDS, DIM)))
    subtopics = unit(rng.normal(size=(CENTROIDS * SUBTOPICS, DIM)))
    return mean, topics, subtopics


def mixture(n: int, seed: int, *, start: int = 0) -> np.ndarray:
    """``n`` unit vectors from the hierarchical Gaussian mixture (centres fixed by seed 0)."""
    mean, topics, subtopics = _centres()
    rng = np.random.default_rng([seed, start])
    sub = rng.integers(0, CENTROIDS * SUBTOPICS, n)
    x = MEAN_W * mean + topics[sub // SUBTOPICS] + SUB_W * subtopics[sub]
    x += NOISE * rng.normal(size=(n, DIM)).astype(np.float32)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def write_vectors(path: Path, n: int) -> None:
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=(n, DIM))
    for s in range(0, n, 100_000):
        m = min(100_000, n - s)
        out[s : s + m] = mixture(m, 1, start=s)
    out.flush()


def latency(fn, queries: np.ndarray) -> tuple[float, float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q[None, :])
        times.append(time.perf_counter() - t)
    ms = np.array(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def recall_at(ids: np.ndarray, exact: np.ndarray, k: int = 10) -> float:
    return float(np.mean([len(set(a[:k]) & set(b[:k])) / k for a, b in zip(ids, exact, strict=True)]))


# ---------------------------------------------------------------------------------------------
# --compare: the libraries on the same vectors
# ---------------------------------------------------------------------------------------------


def _lib_build(work: Path, library: str) -> dict:
    from factcheck.index.ann import build_ann

    vectors = np.load(work / "vectors.npy", mmap_mode="r")
    folder = work / library
    folder.mkdir(exist_ok=True)
    t = time.perf_counter()
    info = build_ann(folder, vectors, library=library)
    info["build_seconds"] = round(time.perf_counter() - t, 1)
    (folder / "info.json").write_text(json.dumps(info))
    return {"build_s": info["build_seconds"], "build_peak_mb": round(peak_rss_mb())}


def _lib_query(work: Path, library: str, n_queries: int) -> dict:
    from factcheck.index.ann import load_ann

    vectors = np.load(work / "vectors.npy", mmap_mode="r")
    info = json.loads((work / library / "info.json").read_text())
    index = load_ann(work / library, info, vectors)
    queries = mixture(n_queries, 2)
    exact = np.load(work / "exact.npy")
    p50, p95 = latency(lambda q: index.search(q, 20), queries)
    ids, _ = index.search(queries, 10)
    size = sum(f.stat().st_size for f in (work / library).rglob("*") if f.is_file())
    return {
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "recall@10": round(recall_at(ids, exact[:, :10]), 4),
        "query_peak_mb": round(peak_rss_mb()),
        "file_mb": round(size / 2**20),
    }


def compare(n: int, n_queries: int, libraries: list[str], work: Path) -> None:
    from factcheck.index.store import exact_search

    print(f"vectors: {n:,} x {DIM} float16, hierarchical Gaussian mixture; {n_queries} queries", flush=True)
    write_vectors(work / "vectors.npy", n)
    vectors = np.load(work / "vectors.npy", mmap_mode="r")
    queries = mixture(n_queries, 2)
    t = time.perf_counter()
    exact, _ = exact_search(vectors, queries, 20)
    exact_ms = (time.perf_counter() - t) * 1000 / n_queries
    np.save(work / "exact.npy", exact)
    bp50, bp95 = latency(lambda q: exact_search(vectors, q, 20), queries[:50])
    print(
        f"brute force (numpy, float16 memory-mapped): p50 {bp50:.1f} ms, p95 {bp95:.1f} ms per query ({exact_ms:.1f} ms/query batched)"
    )
    rows = {}
    for lib in libraries:
        row = {}
        for phase in ("build", "query"):
            done = subprocess.run(
                [sys.executable, __file__, f"--_{phase}", lib, "--work", str(work), "--queries", str(n_queries)],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                row["error"] = (
                    done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
                )
                break
            row.update(json.loads(done.stdout.strip().splitlines()[-1]))
        rows[lib] = row
        print(lib, json.dumps(row), flush=True)
    print("\n| library | build s | build peak MB | query peak MB | files MB | p50 ms | p95 ms | recall@10 |")
    print("|---|---|---|---|---|---|---|---|")
    for lib, r in rows.items():
        if "error" in r:
            print(f"| {lib} | error: {r['error']} |")
            continue
        print(
            f"| {lib} | {r['build_s']} | {r['build_peak_mb']} | {r['query_peak_mb']} | {r['file_mb']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['recall@10']} |"
        )


# ---------------------------------------------------------------------------------------------
# Default: a factcheck index of synthetic passages
# ---------------------------------------------------------------------------------------------


class SyntheticEmbedder:
    """Mixture vectors in call order (deterministic for a given build); queries via :func:`mixture`."""

    name = "synthetic-mixture"
    fingerprint = "synthetic:mixture-384"
    dim = DIM

    def __init__(self) -> None:
        self.done = 0

    def encode(self, texts, *, progress=None):
        out = mixture(len(texts), 1, start=self.done)
        self.done += len(texts)
        return out


def documents(n: int):
    """``n`` generated documents of three sentences (8-15 Zipf-distributed words and a topic word each)."""
    from factcheck.corpus import Document

    rng = np.random.default_rng(7)
    words = np.array([f"{a}{b}{c}" for a in "bcdfgklmnprstvz" for b in "aeiou" for c in range(VOCAB // 75 + 1)])[:VOCAB]
    cdf = np.cumsum(1.0 / np.arange(1, VOCAB + 1))
    cdf /= cdf[-1]
    block = 10_000
    for start in range(0, n, block):
        m = min(block, n - start)
        lengths = rng.integers(8, 16, size=(m, 3))
        drawn = words[np.minimum(np.searchsorted(cdf, rng.random(int(lengths.sum()))), VOCAB - 1)]
        pos = 0
        for i in range(m):
            topic = f"topic{(start + i) % CENTROIDS}"
            sents = []
            for k in lengths[i]:
                sents.append(f"{topic.capitalize()} {' '.join(drawn[pos : pos + k])}.")
                pos += k
            yield Document(f"d{start + i}", " ".join(sents), title=f"Doc {start + i} {topic}")


def _build_index(work: Path, n: int, ann: str, threshold: int) -> dict:
    from factcheck.index import build_index

    t = time.perf_counter()
    docs = list(documents(n))
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    index = build_index(docs, work / "index", embedder=SyntheticEmbedder(), ann=ann, ann_threshold=threshold)
    return {
        "generate_s": round(gen_s, 1),
        "build_s": round(time.perf_counter() - t, 1),
        "build_peak_mb": round(peak_rss_mb()),
        "passages": len(index),
        "ann": index.manifest["ann"],
        "index_mb": round(sum(f.stat().st_size for f in (work / "index").rglob("*") if f.is_file()) / 2**20),
    }


def _query_index(work: Path, n_queries: int, efforts: list[int]) -> dict:
    from factcheck.index import Index
    from factcheck.retrieve import Retriever

    index = Index.open(work / "index")
    queries = mixture(n_queries, 2)
    after_open = peak_rss_mb()
    out: dict = {"open_peak_mb": round(after_open), "ann": index.ann.library if index.ann else None}
    sub = queries[: min(100, n_queries)]
    exact, _ = index.dense_search(sub, 10, exact=True)
    out["peak_after_exact_batch_mb"] = round(peak_rss_mb())
    if index.ann is not None:
        default_effort = index.ann.params.get("ef_search", index.ann.params.get("nprobe"))
        sweep = {}
        for effort in sorted({*efforts, default_effort}):
            index.ann.tune(effort)
            p50, p95 = latency(lambda q: index.dense_search(q, 20), queries)
            ids, _ = index.dense_search(sub, 10)
            sweep[effort] = {
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
                "recall@10": round(recall_at(ids, exact), 4),
            }
        index.ann.tune(default_effort)
        out["ann_sweep"] = sweep
        out.update({f"ann_{k}": v for k, v in sweep[default_effort].items()})
        out["recall@10"] = sweep[default_effort]["recall@10"]
        out["ann_peak_mb"] = round(peak_rss_mb())
    p50, p95 = latency(lambda q: index.dense_search(q, 20, exact=True), sub[:30])
    out.update(
        {"exact_p50_ms": round(p50, 1), "exact_p95_ms": round(p95, 1), "peak_after_exact_mb": round(peak_rss_mb())}
    )

    class QueryEmbedder:
        name, fingerprint = SyntheticEmbedder.name, SyntheticEmbedder.fingerprint

        def __init__(self):
            self.i = 0

        def encode(self, texts, *, progress=None):
            v = queries[self.i % len(queries)][None, :]
            self.i += 1
            return v

    rng = np.random.default_rng(3)
    texts = [
        f"topic{rng.integers(0, CENTROIDS)} " + " ".join(index.passage(int(j)).text.split()[1:6])
        for j in rng.integers(0, len(index), 200)
    ]
    retriever = Retriever(index, QueryEmbedder())
    retriever(texts[:3], 20)  # warm
    times = []
    for t in texts:
        s = time.perf_counter()
        retriever([t], 20)
        times.append((time.perf_counter() - s) * 1000)
    out.update(
        {
            "hybrid_p50_ms": round(float(np.percentile(times, 50)), 1),
            "hybrid_p95_ms": round(float(np.percentile(times, 95)), 1),
            "query_peak_mb": round(peak_rss_mb()),
        }
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="passages")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--compare", action="store_true", help="compare the ANN libraries on the same vectors")
    parser.add_argument("--libraries", default="usearch,hnswlib,faiss")
    parser.add_argument("--ann", default="auto", help="library for the factcheck index (default: auto)")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep the built index in this folder; reuse it if it is there"
    )
    parser.add_argument("--efforts", default="64,96,200,400", help="ANN search efforts (ef_search / nprobe) to sweep")
    parser.add_argument("--_build", dest="phase_build", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--_query", dest="phase_query", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--_index-build", dest="index_build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_index-query", dest="index_query", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.phase_build:
        print(json.dumps(_lib_build(args.work, args.phase_build)))
        return
    if args.phase_query:
        print(json.dumps(_lib_query(args.work, args.phase_query, args.queries)))
        return
    if args.index_build:
        print(json.dumps(_build_index(args.work, args.n, args.ann, 1)))
        return
    if args.index_query:
        print(json.dumps(_query_index(args.work, args.queries, [int(e) for e in args.efforts.split(",")])))
        return
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-ann-", dir=args.work) as tmp:
        work = args.keep if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}", flush=True)
        if args.compare:
            compare(args.n, args.queries, args.libraries.split(","), work)
            return
        results = {}
        for phase in ("build", "query"):
            if phase == "build" and args.keep and (work / "index" / "manifest.json").is_file():
                print(f"reusing the index in {work / 'index'} (build figures are from the run that built it)")
                continue
            cmd = [sys.executable, __file__, f"--_index-{phase}", "--work", str(work), "--n", str(args.n)]
            cmd += ["--queries", str(args.queries), "--ann", args.ann, "--efforts", args.efforts]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{phase} failed:\n{done.stderr[-3000:]}")
            results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
            print(phase, json.dumps(results[phase]), flush=True)
        q = results["query"]
        b = results.get("build")
        if b:
            print(f"\n{b['passages']:,} passages (vectors: hierarchical Gaussian mixture; text generated)")
            print(
                f"build: {b['build_s']} s (+{b['generate_s']} s generating), peak memory {b['build_peak_mb']} MB, "
                f"index {b['index_mb']} MB on disk"
            )
        print(f"query process: peak memory {q['query_peak_mb']} MB (after open {q['open_peak_mb']} MB)")
        if q.get("ann"):
            for effort, r in q["ann_sweep"].items():
                print(
                    f"ANN ({q['ann']}) effort {effort}, k=20: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms; recall@10 vs exact {r['recall@10']}"
                )
        print(f"exact brute force k=20: p50 {q['exact_p50_ms']} ms, p95 {q['exact_p95_ms']} ms")
        print(
            f"hybrid retriever (dense + BM25 + fusion) k=20: p50 {q['hybrid_p50_ms']} ms, p95 {q['hybrid_p95_ms']} ms"
        )
        if q.get("ann"):
            print(f"ratio exact/ANN p95: {q['exact_p95_ms'] / q['ann_p95_ms']:.0f}x")


if __name__ == "__main__":
    main()
