"""Speed of the main paths, warm (models loaded, index built), with peak memory.

    python evaluation/bench_speed.py [--repeat 3]

Prints claims/s of ``FactChecker.check`` on the sample and seed articles, claims/s of the
evaluation runner (open mode on the sample claim set, gold mode on Climate-FEVER pairs when
../shared/data is present), pairs/s of the NLI scorer, and the process's peak resident memory.
Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = ROOT.parent / "shared"


def _median_rate(fn, items: int, repeat: int) -> float:
    rates = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        rates.append(items / (time.perf_counter() - started))
    return statistics.median(rates)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from factcheck import FactChecker
    from factcheck.evaluation import evaluate_claims, read_claims

    rows: list[tuple[str, str, float, float]] = []
    started = time.perf_counter()
    checker = FactChecker.from_corpus(SAMPLE / "corpus", cache_dir=tempfile.mkdtemp(prefix="fc-bench-"))
    article = (SAMPLE / "article.txt").read_text(encoding="utf-8")
    first = checker.check(article)  # loads spaCy and both models
    print(f"cold start (index sample corpus, load models, first check): {time.perf_counter() - started:.1f} s")
    n = len(first.verdicts)
    rows.append(
        ("check: sample article", "claims/s", _median_rate(lambda: checker.check(article), n, args.repeat), _rss_mb())
    )
    seed = SHARED / "seeds" / "000_67f97ffaf357c057.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        n = len(checker.check(text).verdicts)
        rows.append(
            ("check: seed article", "claims/s", _median_rate(lambda: checker.check(text), n, args.repeat), _rss_mb())
        )
    claims = read_claims(SAMPLE / "claims.jsonl")
    rows.append(("evaluate: sample claims, open", "claims/s",
                 _median_rate(lambda: evaluate_claims(claims, checker, mode="open"), len(claims.claims), args.repeat),
                 _rss_mb()))  # fmt: skip
    pairs_file = SHARED / "data" / "climate-fever" / "climate-fever.jsonl"
    if pairs_file.exists():
        pairs = read_claims(pairs_file, fmt="climate-fever-pairs")
        pairs.claims = pairs.claims[:300]
        gold = FactChecker(None, embedder=checker.embedder, nli=checker.nli)
        rows.append(("evaluate: 300 Climate-FEVER pairs, gold", "claims/s",
                     _median_rate(lambda: evaluate_claims(pairs, gold, mode="gold"), 300, args.repeat), _rss_mb()))  # fmt: skip
    premises = [p.text for p in checker.index.passages()][:40]
    hypotheses = [v.claim.text for v in first.verdicts]
    grid = [(p, h) for p in premises for h in hypotheses][:500]
    rows.append(("NLI scorer, batch 32", "pairs/s",
                 _median_rate(lambda: checker.nli([p for p, _ in grid], [h for _, h in grid]), len(grid), args.repeat),
                 _rss_mb()))  # fmt: skip
    print(f"\n{'path':44s} {'rate':>10s}  {'unit':9s} {'peak RSS so far':>16s}")
    for name, unit, rate, rss in rows:
        print(f"{name:44s} {rate:10.2f}  {unit:9s} {rss:13.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
