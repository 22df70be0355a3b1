"""NLI scorer speed and accuracy: the project's scorer (fp32 and int8) against CrossEncoder.predict.

    python evaluation/bench_nli.py                        # shipped model, 2,000 SNLI test pairs
    python evaluation/bench_nli.py --model DIR --pairs 1000 --data ../shared/data

All three paths score the same pairs with the same model and the same maximum length (256
tokens) and batch size, in one process, measured in alternation (``--rounds``, best round
kept) so that the ratios are side by side; the machine's noise moves all three alike.
Accuracy is the argmax against the gold labels; the int8 path must stay within one point of
fp32 (issue 4).  Pairs come from SNLI test, and, with ``--data``, also from the calibration dev
split of fact-checking pairs (longer premises).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pairs(data: Path, n: int):
    from factcheck.training.mix import dev_pairs
    from factcheck.training.nli import read_nli_jsonl

    snli = read_nli_jsonl(data / "snli" / "test.jsonl", limit=n)
    dev = dev_pairs(data)[: n // 2] if (data / "healthver").is_dir() else []
    return snli, dev


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="factcheck-nli")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not (args.data / "snli" / "test.jsonl").is_file():
        print(f"SNLI test not found under {args.data}; nothing to measure", file=sys.stderr)
        return 2

    import numpy as np
    import torch
    from sentence_transformers import CrossEncoder

    from factcheck.models import resolve_model
    from factcheck.nli import NLI_LABELS, NLIScorer

    location = resolve_model(args.model, kind="nli").location
    snli, dev = _pairs(args.data, args.pairs)
    sets = {"snli-test": snli, **({"fact-dev": dev} if dev else {})}
    column = {label: i for i, label in enumerate(NLI_LABELS)}

    fp32 = NLIScorer(location, batch_size=args.batch_size, max_length=256, temperature=1.0)
    int8 = NLIScorer(location, batch_size=args.batch_size, max_length=256, temperature=1.0, precision="int8")
    ce = CrossEncoder(location, max_length=256, device="cpu", model_kwargs={"dtype": torch.float32})
    ce_cols = [column[ce.model.config.id2label[i].lower()] for i in range(3)]

    def run_ce(pairs):
        logits = ce.predict([(p.premise, p.hypothesis) for p in pairs], batch_size=args.batch_size)
        out = np.zeros((len(pairs), 3))
        for h, col in enumerate(ce_cols):
            out[:, col] = logits[:, h]
        return out

    paths = {
        "CrossEncoder.predict (fp32)": run_ce,
        "factcheck NLIScorer fp32": lambda pairs: fp32([p.premise for p in pairs], [p.hypothesis for p in pairs]),
        "factcheck NLIScorer int8": lambda pairs: int8([p.premise for p in pairs], [p.hypothesis for p in pairs]),
    }
    for fn in paths.values():  # warm-up: load models, first batches
        fn(snli[:64])
    results: dict[str, dict] = {}
    for set_name, pairs in sets.items():
        gold = np.array([column[p.label] for p in pairs])
        for name in paths:
            results.setdefault(name, {})[set_name] = {"seconds": float("inf")}
        for _ in range(args.rounds):
            for name, fn in paths.items():
                t0 = time.perf_counter()
                scores = fn(pairs)
                seconds = time.perf_counter() - t0
                entry = results[name][set_name]
                if seconds < entry["seconds"]:
                    entry.update(seconds=seconds, accuracy=float((scores.argmax(1) == gold).mean()))
        for name in paths:
            entry = results[name][set_name]
            entry["pairs_per_s"] = len(pairs) / entry["seconds"]

    base = "CrossEncoder.predict (fp32)"
    print(f"model {location}; batch {args.batch_size}; max length 256; torch threads {torch.get_num_threads()}")
    print("| path | set | pairs | accuracy | pairs/s | speed vs CrossEncoder |")
    print("|---|---|---|---|---|---|")
    for name, per_set in results.items():
        for set_name, entry in per_set.items():
            ratio = entry["pairs_per_s"] / results[base][set_name]["pairs_per_s"]
            print(f"| {name} | {set_name} | {len(sets[set_name])} | {entry['accuracy']:.4f} | "
                  f"{entry['pairs_per_s']:.1f} | {ratio:.2f}x |")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    print(json.dumps(results, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
