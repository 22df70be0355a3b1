"""The evaluation suite: every labelled set in ../shared/data that the project measures itself on.

    python evaluation/run_suite.py                    # everything (about 35 min on 2 CPU cores)
    python evaluation/run_suite.py --limit 100        # a smoke run: first 100 items of each set
    python evaluation/run_suite.py --only scifact-open,healthver-dev

Each run writes ``evaluation/results/<run>/`` (metrics.json, report.md, plots; predictions.jsonl,
which holds third-party text, is not committed), then the suite writes ``suite.json`` and
``suite.md`` there and replaces the table between the ``suite`` markers of
``evaluation/RESULTS.md`` (not with ``--limit``, whose numbers are not comparable).

SciFact: all 809 train claims are checked in open mode over the 5,183-abstract corpus, and the
metrics are reported separately for the development three quarters (claims whose
``sha256(str(id)) mod 4 != 0``) and the held-out quarter (``== 0``).  With ``--limit`` the corpus
is cut to the documents of the selected claims plus 300 others, so the numbers are not comparable.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "evaluation" / "results"
sys.path.insert(0, str(ROOT / "evaluation"))
from suite_pairs import PAIR_RUNS, pairs_table, run_pairs  # noqa: E402

MARK_BEGIN, MARK_END = "<!-- suite:begin -->", "<!-- suite:end -->"


@dataclass(frozen=True)
class Run:
    name: str
    kind: str  # claims | retrieval | nli | detect | decompose | standalone
    data: str
    fmt: str = "auto"
    mode: str = "gold"
    corpus: str | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


SUITE = (
    Run("scifact-retrieval", "retrieval", "scifact/claims_train.jsonl", "scifact", "open", "scifact/corpus.jsonl",
        "505 train claims with evidence, abstract level; dense, BM25 and the default hybrid"),
    Run("scifact-open", "claims", "scifact/claims_train.jsonl", "scifact", "open", "scifact/corpus.jsonl",
        "809 train claims, retrieval over the 5,183 abstracts"),
    Run("climate-fever-claims", "claims", "climate-fever/climate-fever.jsonl", "climate-fever", "gold",
        note="1,381 claims against their 5 sentences; 154 DISPUTED left out"),
    Run("covidfact-unseen", "claims", "covidfact/COVIDFACT_dataset.jsonl", "covidfact", "gold",
        note="COVID-Fact claims absent from RTE-covidfact train and dev (those are trained / calibrated on); no NEI",
        extra={"keep": "covidfact-unseen"}),
    Run("numbers-own", "claims", str(ROOT / "data" / "numbers" / "pairs.jsonl"), "jsonl", "gold",
        note="the project's own number/date/name test set (data/numbers)"),
    Run("calibration-dev", "claims", "", "dev-split", "gold",
        note="the calibration dev split (factcheck.training.mix.dev_pairs): ECE in-sample"),
    Run("averitec-dev", "claims", "averitec/dev.json", "averitec", "gold",
        note="QA answers as evidence; 38 Conflicting left out"),
    *(Run(name, "pairs", source, note=note) for name, source, note in PAIR_RUNS),
    Run("snli-test", "nli", "snli/test.jsonl", note="NLI model alone"),
    Run("sick-sample", "nli", "nli-samples-lifelong-icl/sick/test.jsonl", note="100-pair sample"),
    Run("rte-sample", "nli", "nli-samples-lifelong-icl/rte/test.jsonl", note="100-pair sample, 2-way"),
    Run("cb-sample", "nli", "nli-samples-lifelong-icl/cb/test.jsonl", note="56-pair sample"),
    Run("claimbuster-test", "detect", "claimbuster-checkthat/two_class/test.json", note="702 sentences"),
    Run("checkthat19-test", "detect", "claimbuster-checkthat/clef19/CT19-T1-Test.csv", note="7,080 debate lines"),
    Run("factcheck-bench-decomposition", "decompose", "factcheck-bench/factcheck-GPT-benchmark.jsonl",
        note="94 answers with gold atomic claims"),
    Run("standalone-own", "standalone", str(ROOT / "data" / "standalone"),
        note="own set, 30 articles, 446 sentences (dev 01-12 and 19-27 developed on, held-out 13-18 and 28-30 not)"),
    Run("factcheck-bench-sentences", "detect", "factcheck-bench/subtasks/subtask1_sentence_checkworthiness.jsonl",
        note="311 ChatGPT sentences"),
)  # fmt: skip


def held_out(claim_id: str) -> bool:
    """The fixed held-out quarter of SciFact train."""
    from factcheck.splits import quarter

    return quarter(claim_id) == 0


def _summary(metrics: dict) -> dict:
    keep = {k: metrics[k] for k in ("n", "accuracy", "macro_f1", "strict_score") if k in metrics}
    if "calibration" in metrics:
        keep["ece"] = metrics["calibration"]["ece"]
    if "two_way" in metrics:
        keep["two_way_accuracy"] = metrics["two_way"]["accuracy"]
    if "retrieval" in metrics:
        keep.update({k: metrics["retrieval"][k] for k in ("recall@5", "ndcg@10")})
    for name, b in (metrics.get("baselines") or {}).items():
        if b:
            keep[f"{name}_accuracy"] = b["accuracy"]
            keep[f"{name}_macro_f1"] = b["macro_f1"]
    keep["claims_per_second"] = metrics["throughput"]["claims_per_second"]
    return keep


def _write(name: str, result, out: Path) -> None:
    from factcheck.evaluation import write_outputs

    write_outputs(result, out / name)


def _covidfact_seen(data: Path) -> set[str]:
    """Claims of the COVID-Fact RTE splits the model was trained (train) or calibrated (dev) on."""
    from factcheck.sources.science import covidfact

    return {p.hypothesis for split in ("train", "dev") for p in covidfact(data, split)}


def _read(run: Run, data: Path):
    """The run's claim set, filtered to what was never trained or calibrated on."""
    from factcheck.evaluation import ClaimSet, read_claims
    from factcheck.evaluation.readers import LabelledClaim
    from factcheck.splits import quarter
    from factcheck.training.mix import dev_pairs

    if run.fmt == "dev-split":
        gold = {"entailment": "SUPPORTED", "contradiction": "REFUTED", "neutral": "NOT_ENOUGH_INFO"}
        claims = [LabelledClaim(f"dev-{i}", p.hypothesis, gold[p.label], evidence_text=(p.premise,), group=p.hypothesis)
                  for i, p in enumerate(dev_pairs(data))]  # fmt: skip
        return ClaimSet(claims, name="calibration dev split", format="dev-split")
    claim_set = read_claims(data / run.data, fmt=run.fmt)
    keep = run.extra.get("keep")
    if keep == "quarter0":
        claim_set.claims = [c for c in claim_set.claims if quarter(c.claim.strip()) == 0]
    elif keep == "covidfact-unseen":
        seen = _covidfact_seen(data)
        claim_set.claims = [c for c in claim_set.claims if c.claim.strip() not in seen]
    return claim_set


def run_claims(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    from factcheck import FactChecker
    from factcheck.evaluation import ClaimSet, evaluate_claims

    claim_set = _read(run, data)
    if limit:
        claim_set.claims = claim_set.claims[:limit]
    if run.mode == "gold":
        checker = checkers.setdefault("gold", FactChecker(None))
        result = evaluate_claims(claim_set, checker, mode="gold", baselines=True)
        _write(run.name, result, out)
        return [(run.name, result.metrics)]
    checker = _open_checker(run, data, claim_set, limit, checkers)
    rows = []
    parts = {"dev": [c for c in claim_set.claims if not held_out(c.id)],
             "heldout": [c for c in claim_set.claims if held_out(c.id)]}  # fmt: skip
    for part, claims in parts.items():
        if not claims:
            continue
        subset = ClaimSet(
            claims, claim_set.excluded, f"{claim_set.name} ({part})", claim_set.format, claim_set.fingerprint
        )
        result = evaluate_claims(subset, checker, mode="open", baselines=True)
        name = f"{run.name}-{part}"
        _write(name, result, out)
        rows.append((name, result.metrics))
    return rows


def _open_checker(run: Run, data: Path, claim_set, limit: int | None, checkers: dict):
    from factcheck import FactChecker
    from factcheck.corpus import read_corpus
    from factcheck.embed import Embedder
    from factcheck.index import build_index

    corpus = data / run.corpus
    if not limit:
        return FactChecker.from_corpus(corpus)
    docs = read_corpus(corpus).documents
    wanted = {e for c in claim_set.claims for e in c.evidence_ids}
    others = [d for d in docs if d.id not in wanted][:300]
    small = [d for d in docs if d.id in wanted] + others
    folder = Path(tempfile.mkdtemp(prefix="factcheck-suite-")) / "index"
    embedder = Embedder()
    index = build_index(small, folder, embedder=embedder, corpus_info={"path": str(corpus), "limited_to": len(small)})
    return FactChecker(index, embedder=embedder)


def _retrieval_index(run: Run, data: Path, limit: int | None, queries, embedder):
    from factcheck.corpus import read_corpus
    from factcheck.index import build_index, index_for_corpus

    corpus = data / run.corpus
    if not limit:
        return index_for_corpus(corpus, embedder=embedder)
    docs = read_corpus(corpus).documents
    wanted = {d for q in queries for d in q.relevant}
    small = [d for d in docs if d.id in wanted] + [d for d in docs if d.id not in wanted][:300]
    folder = Path(tempfile.mkdtemp(prefix="factcheck-suite-")) / "index"
    return build_index(small, folder, embedder=embedder, corpus_info={"path": str(corpus), "limited_to": len(small)})


def run_retrieval(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    """Dense, BM25 and the default hybrid retriever on claims with gold evidence (no reranker: see
    evaluation/RESULTS.md, "Issue 6", for the reranker and its cost)."""
    from factcheck.corpus import read_corpus
    from factcheck.embed import Embedder
    from factcheck.evaluation.retrieval import evaluate_retrieval, read_retrieval_queries
    from factcheck.retrieve import Retriever

    queries = read_retrieval_queries(data / run.data).queries[:limit] if limit else None
    queries = queries or read_retrieval_queries(data / run.data).queries
    embedder = Embedder()
    index = _retrieval_index(run, data, limit, queries, embedder)
    documents = {d.id: d for d in read_corpus(data / run.corpus).documents}
    rows = []
    for mode in ("dense", "bm25", "hybrid"):
        metrics = evaluate_retrieval(queries, Retriever(index, embedder, mode=mode), documents=documents)
        name = f"{run.name}-{mode}"
        (out / name).mkdir(parents=True, exist_ok=True)
        (out / name / "metrics.json").write_text(
            json.dumps({"dataset": run.data, **metrics}, indent=2) + "\n", encoding="utf-8"
        )
        rows.append((name, metrics))
    return rows


def run_nli(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    from factcheck.evaluation.nli_eval import evaluate_nli, read_nli_items
    from factcheck.nli import NLIScorer

    items, binary = read_nli_items(data / run.data, limit=limit)
    scorer = checkers.setdefault("nli", NLIScorer())
    metrics = {"dataset": run.data, **evaluate_nli(items, scorer, binary=binary)}
    (out / run.name).mkdir(parents=True, exist_ok=True)
    (out / run.name / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return [(run.name, metrics)]


def run_detect(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    from factcheck.claims import ClaimDetector
    from factcheck.evaluation.claim_detection import evaluate_detection, read_sentences

    metrics = evaluate_detection(read_sentences(data / run.data), checkers.setdefault("detector", ClaimDetector()),
                                 limit=limit)  # fmt: skip
    predictions = metrics.pop("predictions")
    folder = out / run.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(
        json.dumps({"dataset": run.data, **metrics}, indent=2) + "\n", encoding="utf-8"
    )
    with (folder / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for row in predictions:
            handle.write(json.dumps(row) + "\n")
    return [(run.name, metrics)]


def run_decompose(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    from factcheck.claims import ClaimDetector
    from factcheck.evaluation.decomposition import evaluate_decomposition

    metrics = evaluate_decomposition(data / run.data, checkers.setdefault("detector", ClaimDetector()), limit=limit)
    folder = out / run.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(
        json.dumps({"dataset": run.data, **metrics}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    metrics.pop("examples", None)
    return [(run.name, metrics)]


def run_standalone(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    from factcheck.evaluation.standalone import evaluate_standalone

    metrics = evaluate_standalone(run.data)
    folder = out / run.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    metrics = {k: v for k, v in metrics.items() if not k.startswith(("errors", "misses"))}
    metrics["f1"] = metrics["all"]["split_f1"]
    return [(run.name, metrics)]


#: The Factcheck-Bench decomposition claim F1 before issue 13 (evaluation/RESULTS.md, issue 5).
PREVIOUS_DECOMPOSITION_F1 = 0.467


def run_pair_set(run: Run, data: Path, out: Path, limit: int | None, checkers: dict) -> list[tuple[str, dict]]:
    return [(run.name, run_pairs(run.name, run.data, data, out, limit, checkers))]


RUNNERS = {
    "pairs": run_pair_set,
    "claims": run_claims,
    "retrieval": run_retrieval,
    "nli": run_nli,
    "detect": run_detect,
    "decompose": run_decompose,
    "standalone": run_standalone,
}


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def markdown_table(rows: list[dict]) -> str:
    lines = [
        "Verification (claims): open mode retrieves from the corpus; gold mode verifies against the gold evidence.",
        "",
        "| run | mode | n | accuracy | macro-F1 | 2-way acc | majority acc / F1 | claim-only acc / F1 | ECE | strict | nDCG@10 | claims/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r["kind"] != "claims":
            continue
        m = r["summary"]
        lines.append(
            f"| {r['name']} | {r['mode']} | {m['n']} | {_fmt(m['accuracy'])} | {_fmt(m['macro_f1'])} | "
            f"{_fmt(m.get('two_way_accuracy'))} | "
            f"{_fmt(m.get('majority_accuracy'))} / {_fmt(m.get('majority_macro_f1'))} | "
            f"{_fmt(m.get('claim_only_accuracy'))} / {_fmt(m.get('claim_only_macro_f1'))} | {_fmt(m.get('ece'))} | "
            f"{_fmt(m.get('strict_score'))} | {_fmt(m.get('ndcg@10'))} | {_fmt(m.get('claims_per_second'))} |"
        )
    lines += ["", "Retrieval (claims with gold evidence; documents ranked by their best passage; all claims / held-out quarter):", "",
              "| run | n | recall@1 | recall@5 | recall@20 | MRR | nDCG@10 | rationale recall@5 | claims/s |",
              "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        if r["kind"] == "retrieval":
            a, h = r["metrics"]["all"], r["metrics"].get("heldout_quarter", {})

            def pair(key, a=a, h=h):
                return f"{_fmt(a.get(key))} / {_fmt(h.get(key))}"

            lines.append(
                f"| {r['name']} | {a['claims']} / {h.get('claims', 0)} | {pair('recall@1')} | {pair('recall@5')} | "
                f"{pair('recall@20')} | {pair('mrr')} | {pair('ndcg@10')} | {pair('rationale_recall@5')} | "
                f"{_fmt(r['metrics']['throughput']['claims_per_second'])} |"
            )
    lines += ["", "NLI model alone (argmax; 2-way sets: entailment vs the rest):", "",
              "| run | n | accuracy | pairs/s |", "|---|---|---|---|"]  # fmt: skip
    for r in rows:
        if r["kind"] == "nli":
            m = r["metrics"]
            lines.append(f"| {r['name']} | {m['n']} | {_fmt(m['accuracy'])} | {_fmt(m['pairs_per_second'])} |")
    lines += ["", "Claim detection (check-worthy class; baselines: every sentence check-worthy, and the "
              "rule-only detector):", "",
              "| run | n | precision | recall | F1 | all-positive F1 | rules-only F1 | texts/s |",
              "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        if r["kind"] == "detect":
            m = r["metrics"]
            rules = m["baselines"].get("rules_only", {}).get("f1")
            lines.append(
                f"| {r['name']} | {m['n']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {_fmt(m['f1'])} | "
                f"{_fmt(m['baselines']['all_checkworthy']['f1'])} | {_fmt(rules)} | "
                f"{_fmt(m['throughput']['texts_per_second'])} |"
            )
    decomposed = [r for r in rows if r["kind"] == "decompose"]
    if decomposed:
        lines += ["", "Decomposition against gold atomic claims (factcheck.evaluation.decomposition; baseline: "
                  "one claim per check-worthy sentence, as written):", "",
                  "| run | answers | gold claims | claims | claim P | claim R | claim F1 | mean sim. | "
                  "unresolved-pronoun share | baseline claims / F1 / pronoun share |",
                  "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in decomposed:
            m = r["metrics"]
            b = m["baseline_sentences"]
            lines.append(
                f"| {r['name']} | {m['items']} | {m['gold_claims']} | {m['predicted_claims']} | "
                f"{_fmt(m['claim_precision'])} | {_fmt(m['claim_recall'])} | {_fmt(m['claim_f1'])} | "
                f"{_fmt(m['mean_similarity'])} | {_fmt(m['pronoun_share'])} | "
                f"{b['predicted_claims']} / {_fmt(b['claim_f1'])} / {_fmt(b['pronoun_share'])} |"
            )
        lines += ["", f"Decomposition claim F1 before issue 13: {PREVIOUS_DECOMPOSITION_F1}."]
    own = [r for r in rows if r["kind"] == "standalone"]
    if own:
        lines += ["", "Standalone claims on the own set (factcheck.evaluation.standalone; dev was developed on, "
                  "held-out was not):", "",
                  "| run | part | sentences | resolutions | rewrite precision | needed | rewrite recall | "
                  "missed but flagged | split P | split R | split F1 |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in own:
            for part in ("dev", "heldout", "all"):
                m = r["metrics"][part]
                lines.append(
                    f"| {r['name']} | {part} | {m['sentences']} | {m['resolutions']} | {_fmt(m['rewrite_precision'])} | "
                    f"{m['needed_mentions']} | {_fmt(m['rewrite_recall'])} | {_fmt(m['missed_flagged'])} | "
                    f"{_fmt(m['split_precision'])} | {_fmt(m['split_recall'])} | {_fmt(m['split_f1'])} |"
                )
    return "\n".join(lines) + "\n"


def update_results_md(table: str, header: str) -> None:
    path = ROOT / "evaluation" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    block = f"{MARK_BEGIN}\n{header}\n\n{table}{MARK_END}"
    if MARK_BEGIN in text and MARK_END in text:
        text = re.sub(re.escape(MARK_BEGIN) + r".*?" + re.escape(MARK_END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Evaluation suite\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the factcheck evaluation suite over ../shared/data.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--limit", type=int, default=None, help="first N items of every set (smoke run)")
    parser.add_argument("--only", default=None, help="comma-separated run names")
    parser.add_argument("--no-update", action="store_true", help="do not rewrite evaluation/RESULTS.md")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not args.data.is_dir():
        print(f"third-party data not found at {args.data}; nothing to evaluate", file=sys.stderr)
        return 2
    selected = [r for r in SUITE if not args.only or r.name in args.only.split(",")]
    out = args.out if not args.limit else args.out.parent / "results-limited"
    started = time.perf_counter()
    rows, checkers = [], {}
    for run in selected:
        t0 = time.perf_counter()
        for name, metrics in RUNNERS[run.kind](run, args.data, out, args.limit, checkers):
            seconds = time.perf_counter() - t0
            summary = _summary(metrics) if run.kind == "claims" else {}
            rows.append({"name": name, "kind": run.kind, "mode": run.mode, "data": run.data, "note": run.note,
                         "summary": summary, "metrics": {k: v for k, v in metrics.items() if k != "config"},
                         "seconds": round(seconds, 1)})  # fmt: skip
            headline = summary.get("macro_f1", metrics.get("accuracy", metrics.get("f1", metrics.get("claim_f1"))))
            if run.kind == "retrieval":
                headline = metrics["all"]["ndcg@10"]
            if run.kind == "pairs":
                headline = metrics["verdict"]["macro_f1"]
            print(f"{name:32s} {seconds:7.1f}s  {headline if headline is None else round(headline, 4)}", flush=True)
    wall = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    (out / "suite.json").write_text(json.dumps({"wall_seconds": round(wall, 1), "limit": args.limit, "runs": rows},
                                               indent=2, default=str) + "\n", encoding="utf-8")  # fmt: skip
    table = markdown_table(rows) + pairs_table(rows)
    (out / "suite.md").write_text(table, encoding="utf-8")
    print(table)
    print(f"suite wall time: {wall / 60:.1f} min")
    if not args.limit and not args.no_update and not args.only:
        header = f"Produced by `python evaluation/run_suite.py` in {wall / 60:.1f} min on this machine (2 CPU cores)."
        update_results_md(table, header)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
