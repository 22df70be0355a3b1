"""factcheck's index and retriever against a plain peer pipeline, in one run, on the SciFact corpus.

    python evaluation/bench_peer.py                       # the whole corpus (about 20 min on 2 CPU cores)
    python evaluation/bench_peer.py --docs 1000           # the first 1,000 abstracts

The peer is what one writes without factcheck: ``SentenceTransformer.encode`` over each abstract
(title + text) with ``sentence_transformers.util.semantic_search`` for dense retrieval, ``rank_bm25``
(``BM25Okapi`` over lower-cased word tokens) for BM25, and reciprocal rank fusion of the two top-100
lists.  factcheck builds its index (3-sentence passages with titles, float16 vectors, bm25s) with
:func:`factcheck.index.build_index` and retrieves with its default hybrid
:class:`~factcheck.retrieve.Retriever`.  Both use the same shipped all-MiniLM-L6-v2 weights, the
same batch size and the same threads, and answer the same claims (SciFact train) in batches of 64.

Printed: build seconds; query throughput (claims/s) end to end and for the search stage alone (the
same query vectors handed to both, so the shared MiniLM query encoding is left out), as the median
of alternating rounds; nDCG@10 at the abstract level for claims whose evidence abstracts are all in
the selected documents; and the ratios peer/factcheck (build time) and factcheck/peer (throughput).  Needs the ``eval`` extra (``rank-bm25``) and ../shared/data/scifact.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "scifact"
BATCH = 64


class Peer:
    """The plain pipeline: abstracts embedded with sentence-transformers, rank_bm25, RRF of the two top-100s."""

    def __init__(self, docs: list[dict], model) -> None:
        from rank_bm25 import BM25Okapi

        self.tok = re.compile(r"\w+")
        self.model = model
        texts = [f"{d['title']}. {' '.join(d['abstract'])}" for d in docs]
        self.ids = [str(d["doc_id"]) for d in docs]
        self.units = len(texts)
        self.emb = model.encode(texts, batch_size=BATCH, convert_to_tensor=True, normalize_embeddings=True)
        self.bm25 = BM25Okapi([self.tok.findall(x.lower()) for x in texts])

    def encode(self, claims: list[str]):
        return self.model.encode(claims, batch_size=BATCH, convert_to_tensor=True, normalize_embeddings=True)

    def search(self, claims: list[str], q_emb) -> list[list[str]]:
        from sentence_transformers import util

        ranked = []
        for claim, dense in zip(claims, util.semantic_search(q_emb, self.emb, top_k=100), strict=True):
            sparse = np.argsort(-self.bm25.get_scores(self.tok.findall(claim.lower())))[:100]
            fused: dict[int, float] = {}
            for rank, h in enumerate(dense, 1):
                fused[h["corpus_id"]] = fused.get(h["corpus_id"], 0.0) + 1 / (60 + rank)
            for rank, j in enumerate(sparse, 1):
                fused[int(j)] = fused.get(int(j), 0.0) + 1 / (60 + rank)
            ranked.append([self.ids[j] for j, _ in sorted(fused.items(), key=lambda x: -x[1])[:20]])
        return ranked


class Project:
    """factcheck's index and default hybrid retriever (queries encoded by ``query_embedder``)."""

    def __init__(self, docs: list[dict], embedder, work: Path, query_embedder=None) -> None:
        from factcheck.corpus import documents_from_records
        from factcheck.index import build_index

        self.embedder = embedder
        self.query_embedder = query_embedder or embedder
        self.index = build_index(
            documents_from_records(docs, name="scifact").documents, work / "index", embedder=embedder
        )
        self.units = len(self.index)

    def with_queries(self, query_embedder) -> Project:
        """The same index, queries encoded by another embedder (e.g. the int8 one)."""
        other = object.__new__(Project)
        other.embedder, other.index, other.units = self.embedder, self.index, self.units
        other.query_embedder = query_embedder
        return other

    def encode(self, claims: list[str]):
        return self.query_embedder.encode(claims)

    def search(self, claims: list[str], q_emb) -> list[list[str]]:
        from factcheck.retrieve import Retriever, documents_of

        class Given:  # hands the retriever the query vectors computed by encode()
            name, fingerprint = self.embedder.name, self.embedder.fingerprint

            def encode(self, texts, *, progress=None):
                return q_emb

        retriever = Retriever(self.index, Given())
        results = retriever(claims, 60)
        return [documents_of(self.index, results, i)[:20] for i in range(len(results))]


def timed_queries(pipeline, claims: list[str]) -> tuple[float, float, list[list[str]]]:
    """Seconds for all claims in batches: end to end (encode + search), and the search stage alone."""
    total = search = 0.0
    ranked: list[list[str]] = []
    for s in range(0, len(claims), BATCH):
        batch = claims[s : s + BATCH]
        t0 = time.perf_counter()
        q = pipeline.encode(batch)
        t1 = time.perf_counter()
        ranked += pipeline.search(batch, q)
        t2 = time.perf_counter()
        total += t2 - t0
        search += t2 - t1
    return total, search, ranked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="use the first N abstracts (default: all 5,183)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=3, help="alternating query rounds (median reported)")
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    from factcheck.embed import Embedder
    from factcheck.evaluation.metrics import ndcg_at_k

    corpus = [json.loads(line) for line in (args.data / "corpus.jsonl").open(encoding="utf-8")]
    docs = corpus[: args.docs] if args.docs else corpus
    known = {str(d["doc_id"]) for d in docs}
    rows = [json.loads(line) for line in (args.data / "claims_train.jsonl").open(encoding="utf-8")]
    claims = [r["claim"] for r in rows]
    relevant = [set(r["evidence"]) if set(r["evidence"]) <= known else set() for r in rows]
    embedder = Embedder()
    model = embedder.model  # the same SentenceTransformer object for both pipelines
    print(
        f"{len(docs)} abstracts, {len(claims)} claims ({sum(map(bool, relevant))} with all evidence in the "
        f"selection); {torch.get_num_threads()} torch threads, batch {BATCH}",
        flush=True,
    )
    model.encode(["warm up"] * 8)
    t = time.perf_counter()
    peer = Peer(docs, model)
    peer_build = time.perf_counter() - t
    print(f"peer: {peer.units} abstracts, build {peer_build:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-peer-") as tmp:
        t = time.perf_counter()
        project = Project(docs, embedder, Path(tmp))
        project_build = time.perf_counter() - t
        print(f"factcheck: {project.units} passages, build {project_build:.1f} s", flush=True)
        # Query rounds alternate between the pipelines so that load from other processes hits both alike.
        int8 = project.with_queries(Embedder(precision="int8"))
        int8.encode(["warm up"] * 8)
        pipelines = (("peer", peer), ("factcheck", project), ("factcheck-int8", int8))
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in pipelines}
        ranked: dict[str, list[list[str]]] = {}
        for _ in range(args.rounds):
            for name, pipeline in pipelines:
                total, search, ranked[name] = timed_queries(pipeline, claims)
                runs[name].append((total, search))
                print(f"{name}: query {total:.1f} s (search stage {search:.2f} s)", flush=True)
    n = len(claims)
    rate = {k: n / float(np.median([r[0] for r in v])) for k, v in runs.items()}
    search_rate = {k: n / float(np.median([r[1] for r in v])) for k, v in runs.items()}
    builds = {"peer": peer_build, "factcheck": project_build, "factcheck-int8": project_build}
    units = {"peer": peer.units, "factcheck": project.units, "factcheck-int8": project.units}
    print(f"\nmedian of {args.rounds} alternating query rounds; {n} claims in batches of {BATCH}")
    print("| pipeline | indexed units | build s | claims/s end to end | claims/s search stage | nDCG@10 |")
    print("|---|---|---|---|---|---|")
    for name, label in (
        ("peer", "peer (semantic_search + rank_bm25, RRF)"),
        ("factcheck", "factcheck (default hybrid)"),
        ("factcheck-int8", "factcheck, int8 query encoder (`--query-precision int8`)"),
    ):
        print(
            f"| {label} | {units[name]} | {builds[name]:.1f} | {rate[name]:.1f} | {search_rate[name]:.1f} | "
            f"{ndcg_at_k(ranked[name], relevant, 10):.4f} |"
        )
    print(f"\nbuild time ratio peer/factcheck: {builds['peer'] / builds['factcheck']:.2f}x")
    print(f"query throughput ratio factcheck/peer, end to end: {rate['factcheck'] / rate['peer']:.2f}x")
    print(
        "query throughput ratio factcheck (int8 query encoder)/peer, end to end: "
        f"{rate['factcheck-int8'] / rate['peer']:.2f}x"
    )
    print(
        f"query throughput ratio factcheck/peer, search stage (query encoding excluded): "
        f"{search_rate['factcheck'] / search_rate['peer']:.2f}x"
    )


if __name__ == "__main__":
    main()
