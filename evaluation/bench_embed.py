"""Embedding speed against batch size, on the passages an index of the bundled corpora holds.

    python evaluation/bench_embed.py [--rounds 5] [--sizes 8,16,32,64] [--precision fp32]

The passages are those ``factcheck index`` would embed for every corpus under ``data/`` (the
sample's and the development articles'), chunked with the default ``ChunkConfig``.  The encoder
is loaded and run once before timing; then each round encodes all passages once per batch size,
the sizes in turn, so that every size sees the same machine load.  Printed: the median seconds
per size and its ratio to the largest size's, and passages per second.  The vectors of every size
are compared with the largest size's (cosine): fp32 vectors do not depend on the batch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpora() -> list[Path]:
    return [ROOT / "data" / "sample" / "corpus", *sorted((ROOT / "data" / "dev_articles").glob("*/corpus"))]


def passages() -> list[str]:
    from factcheck.config import ChunkConfig
    from factcheck.corpus import chunk_document, read_corpus

    out = []
    for folder in corpora():
        for doc in read_corpus(folder).documents:
            out += [p.text for p in chunk_document(doc, ChunkConfig())]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="8,16,32,64")
    parser.add_argument("--precision", choices=("fp32", "int8"), default="fp32")
    args = parser.parse_args(argv)

    from factcheck.embed import Embedder

    sizes = sorted({int(s) for s in args.sizes.split(",")})
    texts = passages()
    model = Embedder(precision=args.precision).model
    model.encode(texts[:32], batch_size=8)  # warm-up
    times: dict[int, list[float]] = {s: [] for s in sizes}
    vectors: dict[int, np.ndarray] = {}
    for _ in range(args.rounds):
        for size in sizes:
            started = time.perf_counter()
            vectors[size] = model.encode(texts, batch_size=size, normalize_embeddings=True)
            times[size].append(time.perf_counter() - started)
    ref = sizes[-1]
    print(f"{len(texts)} passages of {len(corpora())} corpora, {args.precision}, {args.rounds} rounds")
    print(f"{'batch':>6} {'median s':>9} {'vs ' + str(ref):>8} {'passages/s':>11} {'min cosine vs ' + str(ref):>20}")
    for size in sizes:
        median = statistics.median(times[size])
        cosine = float(np.min(np.sum(vectors[size] * vectors[ref], axis=1)))
        print(f"{size:>6} {median:>9.3f} {median / statistics.median(times[ref]):>7.2f}x "
              f"{len(texts) / median:>11.1f} {cosine:>20.6f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
