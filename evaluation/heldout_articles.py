"""Score the checker on the held-out articles (``data/heldout_articles``): planted errors caught.

Each article directory holds ``article.txt``, a ``corpus/`` of reference documents and
``labels.jsonl`` (one labelled quote per line: ``true`` or ``planted``).  For each article a checker
is built from its corpus (the models are loaded once and shared; indexes go to a temporary
directory), the article is checked, and each quote is matched to the extracted claims whose article
span overlaps the quote's span.  Claim spans (``verdict.claim.span``) index the article text exactly
as it was given to ``check``, so quotes are located in the raw ``article.txt``.

A planted quote counts as caught when an overlapping claim is REFUTED; a true quote with an
overlapping REFUTED claim counts as a true claim called REFUTED; a quote that no claim overlaps is
unmatched (reported on its own, never counted as caught).

    python evaluation/heldout_articles.py [--data data/heldout_articles] [--only SLUG[,SLUG...]] [--out FILE]

Exits with status 2 and a message when a labels file is malformed or a quote does not occur exactly
once in its article.  A measuring set only: never tune on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "heldout_articles"


class LabelError(ValueError):
    """A labels file is malformed or a quote is not found exactly once in its article."""


@dataclass(frozen=True)
class LabelledQuote:
    id: str
    quote: str
    label: str  # "true" | "planted"
    start: int
    end: int
    note: str = ""


def load_labels(article_dir: Path) -> tuple[str, list[LabelledQuote]]:
    """The article text and its labelled quotes, each located exactly once in the text."""
    text = (article_dir / "article.txt").read_text(encoding="utf-8")
    out: list[LabelledQuote] = []
    for n, line in enumerate((article_dir / "labels.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(f"{article_dir.name}/labels.jsonl line {n}: not JSON ({exc})") from exc
        quote, label = row.get("quote"), row.get("label")
        if not isinstance(quote, str) or not quote or label not in ("true", "planted"):
            raise LabelError(f"{article_dir.name}/labels.jsonl line {n}: needs a quote and a label true|planted")
        count = text.count(quote)
        if count != 1:
            raise LabelError(
                f"{article_dir.name}: quote {row.get('id')!r} occurs {count} times in article.txt (need 1)"
            )
        start = text.index(quote)
        out.append(LabelledQuote(str(row.get("id", n)), quote, label, start, start + len(quote), row.get("note", "")))
    return text, out


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def match_quotes(quotes: Sequence[LabelledQuote], claims: Iterable[tuple[int, int, str]]) -> list[dict]:
    """For each quote, the labels of the claims ``(start, end, label)`` whose span overlaps it."""
    claims = list(claims)
    rows = []
    for q in quotes:
        labels = [lab for start, end, lab in claims if overlaps(q.start, q.end, start, end)]
        rows.append(
            {
                "id": q.id,
                "label": q.label,
                "matched": bool(labels),
                "claim_labels": labels,
                "refuted": "REFUTED" in labels,
            }
        )
    return rows


def summarise(rows: Sequence[dict]) -> dict:
    """Planted caught (overlapping REFUTED claim), true called REFUTED, and unmatched quotes."""
    planted = [r for r in rows if r["label"] == "planted"]
    true = [r for r in rows if r["label"] == "true"]
    caught = sum(r["refuted"] for r in planted)
    false_refuted = sum(r["refuted"] for r in true)
    return {
        "labels": len(rows),
        "planted": len(planted),
        "planted_caught": caught,
        "planted_caught_share": round(caught / len(planted), 4) if planted else None,
        "true": len(true),
        "true_refuted": false_refuted,
        "true_refuted_share": round(false_refuted / len(true), 4) if true else None,
        "unmatched": sum(not r["matched"] for r in rows),
        "unmatched_planted": sum(not r["matched"] for r in planted),
        "unmatched_true": sum(not r["matched"] for r in true),
    }


def article_dirs(data: Path, only: str | None) -> list[Path]:
    """The article directories under ``data``; ``only`` is one slug or a comma-separated list."""
    if not data.is_dir():
        raise LabelError(f"no directory {data}")
    dirs = sorted(p for p in data.iterdir() if (p / "article.txt").is_file())
    if only is not None:
        wanted = [name.strip() for name in only.split(",") if name.strip()]
        missing = [name for name in wanted if name not in {p.name for p in dirs}]
        if missing or not wanted:
            raise LabelError(f"no article {', '.join(missing) or repr(only)} under {data}")
        dirs = [p for p in dirs if p.name in wanted]
    if not dirs:
        raise LabelError(f"no article directories (with an article.txt) under {data}")
    return dirs


def _line(name: str, s: dict) -> str:
    return (
        f"{name:<24} planted caught {s['planted_caught']}/{s['planted']}  "
        f"true REFUTED {s['true_refuted']}/{s['true']}  unmatched {s['unmatched']} "
        f"(planted {s['unmatched_planted']}, true {s['unmatched_true']})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="held-out articles directory")
    parser.add_argument(
        "--only", default=None, help="score only this article (directory name; several: comma-separated)"
    )
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = parser.parse_args(argv)

    try:
        dirs = article_dirs(args.data, args.only)
        loaded = [(d, *load_labels(d)) for d in dirs]
    except (LabelError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    sys.path.insert(0, str(ROOT))  # this checkout's factcheck, not another installed copy
    from factcheck.pipeline import FactChecker

    all_rows: list[dict] = []
    articles: list[dict] = []
    first: FactChecker | None = None
    with tempfile.TemporaryDirectory(prefix="heldout-articles-") as cache:
        for d, text, quotes in loaded:
            shared = {} if first is None else {"embedder": first.embedder, "nli": first.nli}
            checker = FactChecker.from_corpus(d / "corpus", cache_dir=Path(cache) / d.name, **shared)
            first = first or checker
            report = checker.check(text, id=d.name)
            if report.article.text != text:  # the offsets contract: spans index the text as given
                raise RuntimeError(f"{d.name}: the report's article text differs from article.txt")
            claims = [(v.claim.span.start, v.claim.span.end, v.label.value) for v in report.verdicts]
            rows = match_quotes(quotes, claims)
            for r in rows:
                r["article"] = d.name
            summary = summarise(rows)
            print(_line(d.name, summary), flush=True)
            articles.append({"article": d.name, "claims": len(claims), "counts": report.counts(), **summary})
            all_rows.extend(rows)

    total = summarise(all_rows)
    print(_line("TOTAL", total))
    print(
        f"planted caught: {total['planted_caught']}/{total['planted']} ({total['planted_caught_share']:.1%}); "
        f"true called REFUTED: {total['true_refuted']}/{total['true']} ({total['true_refuted_share']:.1%}); "
        f"unmatched quotes: {total['unmatched']}"
    )
    if args.out is not None:
        doc = {"total": total, "articles": articles, "quotes": all_rows}
        args.out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
