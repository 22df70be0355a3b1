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

Printed: build seconds, query throughput (claims/s), nDCG@10 at the abstract level for claims whose
evidence abstracts are all in the selected documents, and the ratios peer/factcheck (build time) and
factcheck/peer (throughput).  Needs the ``eval`` extra (``rank-bm25``) and ../shared/data/scifact.
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


def peer_pipeline(docs: list[dict], claims: list[str], model) -> dict:
    from rank_bm25 import BM25Okapi
    from sentence_transformers import util

    tok = re.compile(r"\w+")
    texts = [f"{d['title']}. {' '.join(d['abstract'])}" for d in docs]
    ids = [str(d["doc_id"]) for d in docs]
    t = time.perf_counter()
    corpus_emb = model.encode(texts, batch_size=BATCH, convert_to_tensor=True, normalize_embeddings=True)
    bm25 = BM25Okapi([tok.findall(x.lower()) for x in texts])
    build = time.perf_counter() - t
    t = time.perf_counter()
    ranked = []
    for s in range(0, len(claims), BATCH):
        batch = claims[s : s + BATCH]
        q_emb = model.encode(batch, batch_size=BATCH, convert_to_tensor=True, normalize_embeddings=True)
        hits = util.semantic_search(q_emb, corpus_emb, top_k=100)
        for claim, dense in zip(batch, hits, strict=True):
            scores = bm25.get_scores(tok.findall(claim.lower()))
            sparse = np.argsort(-scores)[:100]
            fused: dict[int, float] = {}
            for rank, h in enumerate(dense, 1):
                fused[h["corpus_id"]] = fused.get(h["corpus_id"], 0.0) + 1 / (60 + rank)
            for rank, j in enumerate(sparse, 1):
                fused[int(j)] = fused.get(int(j), 0.0) + 1 / (60 + rank)
            ranked.append([ids[j] for j, _ in sorted(fused.items(), key=lambda x: -x[1])[:20]])
    return {"build_s": build, "query_s": time.perf_counter() - t, "ranked": ranked, "units": len(texts)}


def project_pipeline(docs: list[dict], claims: list[str], embedder, work: Path) -> dict:
    from factcheck.corpus import documents_from_records
    from factcheck.index import build_index
    from factcheck.retrieve import Retriever, documents_of

    documents = documents_from_records(docs, name="scifact").documents
    t = time.perf_counter()
    index = build_index(documents, work / "index", embedder=embedder)
    build = time.perf_counter() - t
    retriever = Retriever(index, embedder)
    t = time.perf_counter()
    ranked = []
    for s in range(0, len(claims), BATCH):
        results = retriever(claims[s : s + BATCH], 60)
        ranked.extend(documents_of(index, results, i)[:20] for i in range(len(results)))
    return {"build_s": build, "query_s": time.perf_counter() - t, "ranked": ranked, "units": len(index)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="use the first N abstracts (default: all 5,183)")
    parser.add_argument("--data", type=Path, default=DATA)
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
    peer = peer_pipeline(docs, claims, model)
    print(f"peer: {peer['units']} abstracts, build {peer['build_s']:.1f} s, query {peer['query_s']:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-peer-") as tmp:
        project = project_pipeline(docs, claims, embedder, Path(tmp))
    print(f"factcheck: {project['units']} passages, build {project['build_s']:.1f} s, query {project['query_s']:.1f} s")
    print("\n| pipeline | indexed units | build s | claims/s | nDCG@10 |")
    print("|---|---|---|---|---|")
    for name, r in (("peer (semantic_search + rank_bm25, RRF)", peer), ("factcheck (default hybrid)", project)):
        print(
            f"| {name} | {r['units']} | {r['build_s']:.1f} | {len(claims) / r['query_s']:.1f} | "
            f"{ndcg_at_k(r['ranked'], relevant, 10):.4f} |"
        )
    print(f"\nbuild time ratio peer/factcheck: {peer['build_s'] / project['build_s']:.2f}x")
    print(f"query throughput ratio factcheck/peer: {peer['query_s'] / project['query_s']:.2f}x")


if __name__ == "__main__":
    main()
