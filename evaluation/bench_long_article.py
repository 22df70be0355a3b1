"""Claim extraction time on a long single-line article (issue 14: must < 60 s, goal < 15 s).

    python evaluation/bench_long_article.py [--chars 1000000] [--article PATH] [--rounds 1]

The article is ``--chars`` characters of real news text on one line: the bodies of the Fake News
Challenge train set (``../shared/data/fnc1/train_bodies.csv``, read in file order, each body's
whitespace collapsed to single spaces, bodies joined by a space), or of ``--article``.  Without
either, the sample article's paragraphs are repeated with their figures changed on every repeat,
so no sentence is seen twice.  One line means one paragraph: the whole text is a single block,
parsed in pieces (``factcheck.text.article_sentences``).

Models are loaded and the extractor run once on a short article first ("warm"); then each round
reads the long article from scratch with the shipped extractor (``ClaimDetector()``).  Printed:
wall time per round, split into article parsing (normalisation and blocks), sentences (spaCy:
timed by parsing the sentences once more after the round, so the timed extraction runs with no
other parse alive), and the rest of extraction (scoring, decomposition, rewriting), plus claims
found and characters per second.  Articles of ``DEFAULT_PARALLEL_PARSE_CHARS`` or more are parsed
by ``DEFAULT_PARSE_PROCESSES`` spaCy processes; ``--processes 1`` measures one process.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FNC_BODIES = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
SAMPLE = ROOT / "data" / "sample" / "article.txt"


def _from_texts(texts, chars: int) -> str:
    out: list[str] = []
    total = 0
    for text in texts:
        line = " ".join(text.split())
        if not line:
            continue
        out.append(line)
        total += len(line) + 1
        if total >= chars:
            break
    return " ".join(out)[:chars].rstrip()


def _fnc_bodies():
    csv.field_size_limit(10_000_000)
    with FNC_BODIES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["articleBody"]


def _varied_sample():
    body = SAMPLE.read_text(encoding="utf-8").partition("\n\n")[2]
    for step in itertools.count(1):
        yield re.sub(r"\d+", lambda m, step=step: str(int(m.group()) + step), body)


def build_article(path: Path | None, chars: int) -> tuple[str, str]:
    """(one-line article of ``chars`` characters, what it is made of)."""
    if path is not None:
        return _from_texts([path.read_text(encoding="utf-8")] * (1 + chars // 1000), chars), f"{path.name}"
    if FNC_BODIES.exists():
        return _from_texts(_fnc_bodies(), chars), "FNC-1 train bodies"
    return _from_texts(_varied_sample(), chars), "sample article paragraphs, figures changed on every repeat"


def run_once(detector, text: str) -> dict:
    """One round: the timed extraction first, with nothing else parsed alive; then, for the split
    only, the same sentences parsed again on their own (and dropped)."""
    from factcheck.text import article_sentences, parse_article

    t0 = time.perf_counter()
    parsed = parse_article(text)
    t1 = time.perf_counter()
    claims = detector([parsed])[0]
    t2 = time.perf_counter()
    sentences = article_sentences(parsed)
    t3 = time.perf_counter()
    row = {
        "total_s": t2 - t0,
        "article_s": t1 - t0,
        "spacy_s": t3 - t2,
        "rest_s": (t2 - t1) - (t3 - t2),
        "sentences": len(sentences),
        "claims": len(claims),
    }
    del sentences, claims
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--article", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--processes", type=int, default=None, help="spaCy processes (default: the config's)")
    args = parser.parse_args(argv)
    if args.processes is not None:
        import factcheck.text.sentences

        factcheck.text.sentences.DEFAULT_PARSE_PROCESSES = args.processes

    from factcheck.claims import ClaimDetector
    from factcheck.text import parse_article

    text, described = build_article(args.article, args.chars)
    assert "\n" not in text
    detector = ClaimDetector()
    detector([parse_article(SAMPLE.read_text(encoding="utf-8"))])  # warm-up: spaCy, embedder, head
    rows = [run_once(detector, text) for _ in range(args.rounds)]
    total = statistics.median(r["total_s"] for r in rows)
    last = rows[-1]
    print(f"article: {len(text):,} characters on one line, {len(text.encode('utf-8')):,} bytes ({described})")
    print(
        f"claim extraction: {total:.1f} s median of {args.rounds} (article parsing {last['article_s']:.1f} s, "
        f"spaCy sentences {last['spacy_s']:.1f} s, scoring + decomposition + rewriting {last['rest_s']:.1f} s); "
        f"{last['sentences']:,} sentences, {last['claims']:,} claims, {len(text) / total:,.0f} chars/s"
    )
    print("target: < 60 s (goal < 15 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
