"""How well extracted claims line up with gold atomic claims (Factcheck-Bench).

Factcheck-Bench (``factcheck-GPT-benchmark.jsonl``) gives, for each of 94 answers, every
sentence's gold atomic claims, written by annotators to stand alone.  The extractor reads each
answer as an article; its claims ``P`` are compared with the answer's gold claims ``G``.

**The measure.**  The similarity of two claims is the F1 of their content words (lower-cased,
stemmed, stop words and punctuation dropped; the BM25 tokeniser of :mod:`factcheck.index.bm25`).
Claims are matched one to one, greedily from the most similar pair down, and a pair counts when
its similarity is at least :data:`MATCH_THRESHOLD` (half the content words shared, both ways).
Then, pooled over all answers:

* **claim precision** = matched predicted claims / predicted claims (each claim we produce says
  one gold fact, not a fragment or a merge of several);
* **claim recall** = matched gold claims / gold claims (each gold fact has its own claim);
* **claim F1**, the **mean similarity** of the matched pairs, and the **count ratio** |P| / |G|
  (1.0: as many claims as the annotators wrote).

A sentence that states three facts and comes out as one claim matches at most one gold claim
(the merge is too long to reach the threshold against the others), so decomposition shows in
recall; fragments show in precision.  The same extractor with decomposition and rewriting switched
off (one claim per check-worthy sentence, as written) is reported alongside as the baseline, and
so is the share of claims that still contain an unresolved third-person pronoun
(he/she/it/they/his/her/its/their/him/them), a proxy for claims that do not stand alone.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import DataError
from factcheck.index.bm25 import tokenize

MATCH_THRESHOLD = 0.5
_PRONOUN = re.compile(r"\b(?:he|she|it|they|his|her|its|their|him|them)\b", re.I)


def read_benchmark(path: str | Path) -> list[tuple[str, list[str]]]:
    """(answer text, gold atomic claims) per item of ``factcheck-GPT-benchmark.jsonl``."""
    items = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        if "response" not in row or not isinstance(row.get("sentences"), dict):
            raise DataError(f"{path}: line {i + 1} is not a Factcheck-Bench item (needs response and sentences)")
        gold = [c for s in row["sentences"].values() for c in (s.get("claims") or []) if str(c).strip()]
        items.append((str(row["response"]), gold))
    if not items:
        raise DataError(f"{path}: no items")
    return items


def similarity(a: str, b: str) -> float:
    """F1 of the content words of ``a`` and ``b``."""
    ta, tb = set(tokenize(a)), set(tokenize(b))
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def match(predicted: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, most similar pairs first, at least :data:`MATCH_THRESHOLD`."""
    pairs = sorted(
        ((similarity(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)), reverse=True
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for sim, i, j in pairs:
        if sim < MATCH_THRESHOLD:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, sim))
    return out


def score(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> dict:
    """Pooled claim precision/recall/F1, mean matched similarity, count ratio, pronoun share."""
    n_p = sum(len(p) for p in predicted)
    n_g = sum(len(g) for g in gold)
    matches = [m for p, g in zip(predicted, gold, strict=True) for m in match(p, g)]
    precision = len(matches) / n_p if n_p else 0.0
    recall = len(matches) / n_g if n_g else 0.0
    return {
        "predicted_claims": n_p,
        "gold_claims": n_g,
        "matched": len(matches),
        "claim_precision": round(precision, 4),
        "claim_recall": round(recall, 4),
        "claim_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "mean_similarity": round(sum(m[2] for m in matches) / len(matches), 4) if matches else 0.0,
        "count_ratio": round(n_p / n_g, 4) if n_g else None,
        "pronoun_share": round(sum(bool(_PRONOUN.search(c)) for p in predicted for c in p) / n_p, 4) if n_p else 0.0,
    }


def evaluate_decomposition(path: str | Path, detector=None, *, limit: int | None = None) -> dict:
    """Score ``detector`` (default: the shipped :class:`~factcheck.claims.ClaimDetector`) and the
    same detector without decomposition or rewriting on Factcheck-Bench's gold atomic claims."""
    from factcheck.claims import ClaimDetector
    from factcheck.text import parse_article

    items = read_benchmark(path)[:limit] if limit else read_benchmark(path)
    detector = detector or ClaimDetector()
    plain = ClaimDetector(
        detector.threshold, embedder=detector._embedder, head=detector.head or "rules", decompose=False,
        decontextualise=False,
    )  # fmt: skip
    gold = [g for _, g in items]
    started = time.perf_counter()
    ours = [[c.text for c in detector([parse_article(text)])[0]] for text, _ in items]
    seconds = time.perf_counter() - started
    baseline = [[c.text for c in plain([parse_article(text)])[0]] for text, _ in items]
    return {
        "items": len(items),
        "match_threshold": MATCH_THRESHOLD,
        "threshold": detector.threshold,
        "method": detector.method,
        **score(ours, gold),
        "baseline_sentences": score(baseline, gold),
        "gold_pronoun_share": round(
            sum(bool(_PRONOUN.search(c)) for g in gold for c in g) / max(1, sum(map(len, gold))), 4
        ),
        "throughput": {"items": len(items), "seconds": round(seconds, 2)},
        "examples": [{"claims": p, "gold": g} for p, g in list(zip(ours, gold, strict=True))[:5]],
    }


__all__ = ["MATCH_THRESHOLD", "evaluate_decomposition", "match", "read_benchmark", "score", "similarity"]
