"""Claim extraction speed on a 1,000-word article, warm, on this machine.

    python evaluation/bench_extract.py [--article PATH] [--words 1000] [--rounds 5]

The article is the seed article (``../shared/seeds/000_67f97ffaf357c057.txt``, when present)
followed by the bundled sample's body paragraphs, cut at the first paragraph that brings the text
to ``--words`` words; without the seed, or with ``--article``, that file's paragraphs are repeated
until the text is long enough (repeated sentences are re-scored like new ones).  Models are loaded and the extractor run
once before timing ("warm"); then each round parses and extracts from scratch.  Printed: the
median and best wall time per round, words per second, and the split between parsing (spaCy),
check-worthiness scoring, and decomposition + rewriting, side by side for the full extractor (its
head reading the int8 embedder, the default, and the fp32 one) and the rule-only one
(``ClaimDetector(head="rules", decompose=False, decontextualise=False)``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SEED = ROOT.parent / "shared" / "seeds" / "000_67f97ffaf357c057.txt"
SAMPLE = ROOT / "data" / "sample" / "article.txt"


def build_article(path: Path | None, words: int) -> tuple[str, str]:
    """(article text, description) of at least ``words`` words."""
    if path is None and SEED.exists():
        text = SEED.read_text(encoding="utf-8").rstrip()
        extra = [p for p in SAMPLE.read_text(encoding="utf-8").partition("\n\n")[2].split("\n\n") if p.strip()]
        for p in extra:
            if len(text.split()) >= words:
                break
            text += "\n\n" + p
        return text + "\n", "seed article + sample article paragraphs, no repetition"
    path = path or SAMPLE
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    out, count = [], 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return head + "\n\n" + "\n\n".join(out) + "\n", f"{path.name} paragraphs repeated"


def time_detector(detector, text: str, rounds: int) -> dict:
    from factcheck.text import parse_article

    detector([parse_article(text)])  # warm-up: loads spaCy, the embedder, the head
    walls = []
    claims = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        parsed = parse_article(text)
        claims = len(detector([parsed])[0])
        walls.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(walls), "best_s": min(walls), "claims": claims}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article", type=Path, default=None)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from factcheck.claims import ClaimDetector

    text, described = build_article(args.article, args.words)
    n_words = len(text.split())
    full = ClaimDetector()
    fp32 = ClaimDetector(precision="fp32")
    rules = ClaimDetector(head="rules", decompose=False, decontextualise=False)
    rows = [(f"full (head {full.precision} + split + rewriting)", time_detector(full, text, args.rounds))]
    rows.append(("full, head fp32", time_detector(fp32, text, args.rounds)))
    rows.append(("rules only, one claim per sentence", time_detector(rules, text, args.rounds)))
    print(f"article: {n_words} words ({described}); {args.rounds} warm rounds")
    print(f"{'extractor':42s} {'median s':>9s} {'best s':>8s} {'words/s':>8s} {'claims':>7s}")
    for name, r in rows:
        print(f"{name:42s} {r['median_s']:9.3f} {r['best_s']:8.3f} {n_words / r['median_s']:8.0f} {r['claims']:7d}")
    ratio = rows[0][1]["median_s"] / rows[-1][1]["median_s"]
    print(f"full / rules-only time: {ratio:.2f}x   target: full < 0.5 s (goal < 0.3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
