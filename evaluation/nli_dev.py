"""The NLI model alone on the dev split or held-out quarter of every source, one row per source.

    python evaluation/nli_dev.py MODEL [MODEL ...] [--split dev|heldout] [--out FILE.json]

Each source is scored by :func:`factcheck.evaluation.nli_eval.evaluate_source` (3-way argmax;
forced 2-way for supported/refuted-only sets; entailed-vs-not for two-way NLI sets).  The dev
split is :func:`factcheck.training.mix.dev_pairs` (at most 600 pairs per source, never trained
on); the held-out quarter is every pair of quarter 0, plus the evaluation-only sets.  The last
column is the mean macro-F1 over sources, the figure the ablations are compared by.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

HELDOUT = ("vitaminc", "mnli", "fnc1", "fm2", "check-covid", "wice", "sufficient-facts", "scitail", "scifact",
           "healthver", "factcheck-bench", "rte", "averitec-train", "anli", "fever-symmetric-v0.2",
           "fever-symmetric-v0.1", "climate-fever-pairs")  # fmt: skip


def pairs_by_source(split: str, data: Path, sources: tuple[str, ...] = HELDOUT) -> dict[str, list]:
    from factcheck.sources import read_pairs
    from factcheck.training.mix import dev_pairs

    if split == "dev":
        out: dict[str, list] = defaultdict(list)
        for p in dev_pairs(data):
            out[p.source].append(p)
        return dict(out)
    return {name: read_pairs(name, data, "heldout") for name in sources}


def evaluate_model(model: str, groups: dict[str, list]) -> dict[str, dict]:
    from factcheck.evaluation.nli_eval import evaluate_source
    from factcheck.nli import NLIScorer

    scorer = NLIScorer(model)
    scorer.calibration = None  # the raw model: argmax is unchanged by temperature anyway
    return {name: evaluate_source(pairs, scorer) for name, pairs in groups.items() if pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    groups = pairs_by_source(args.split, args.data)
    results = {model: evaluate_model(model, groups) for model in args.models}
    names = sorted(groups)
    print("| model | " + " | ".join(names) + " | mean macro-F1 |")
    print("|---|" + "---|" * (len(names) + 1))
    for model, rows in results.items():
        f1 = [rows[n]["macro_f1"] for n in names if n in rows]
        cells = " | ".join(f"{rows[n]['accuracy']:.3f}/{rows[n]['macro_f1']:.3f}" if n in rows else "-" for n in names)
        print(f"| {model} | {cells} | {sum(f1) / len(f1):.4f} |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"split": args.split, "results": results}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
