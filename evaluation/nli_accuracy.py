"""Accuracy of an NLI model, through factcheck's scorer, on a labelled NLI JSONL file.

    python evaluation/nli_accuracy.py ../shared/data/snli/test.jsonl [--model factcheck-nli] [--limit N]

Prints accuracy, per-class recall and pairs/s as JSON.  Reads third-party data from outside the
repository; nothing of it is written here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from factcheck.nli import NLI_LABELS, NLIScorer
from factcheck.training.nli import read_nli_jsonl


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--model", default="factcheck-nli")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    pairs = read_nli_jsonl(args.data, limit=args.limit)
    scorer = NLIScorer(args.model, batch_size=args.batch_size, max_length=128)
    scorer([pairs[0].premise], [pairs[0].hypothesis])  # load outside the timed part
    started = time.perf_counter()
    probs = scorer([p.premise for p in pairs], [p.hypothesis for p in pairs])
    seconds = time.perf_counter() - started
    pred = [NLI_LABELS[i] for i in probs.argmax(1)]
    gold = [p.label for p in pairs]
    out = {
        "model": args.model,
        "data": args.data,
        "n": len(pairs),
        "accuracy": round(float(np.mean([g == p for g, p in zip(gold, pred, strict=True)])), 4),
        **{
            f"recall_{lab}": round(float(np.mean([p == lab for g, p in zip(gold, pred, strict=True) if g == lab])), 4)
            for lab in NLI_LABELS
        },
        "pairs_per_second": round(len(pairs) / seconds, 1),
    }
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
