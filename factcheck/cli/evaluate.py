"""``factcheck evaluate`` and ``evaluate-retrieval``/``-claims``/``-nli``: metrics on labelled sets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

import factcheck.cli.shell as shell
from factcheck.cli.shell import EmbedderArg, EvalMode, NliArg, PrecisionArg, QuietArg, VerboseArg, app


@app.command()
def evaluate(
    claims_file: Annotated[
        str, typer.Argument(metavar="CLAIMS", help="Labelled claims (JSONL, CSV, a public set's file, or hub:NAME).")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto, jsonl, csv, scifact, fever, fever-symmetric, climate-fever, climate-fever-pairs, healthver, "
            "covidfact, averitec or hf.",
        ),
    ] = "auto",
    mode: Annotated[
        EvalMode, typer.Option(help="gold: verify against gold evidence; open: retrieve first.")
    ] = EvalMode.open,
    corpus: Annotated[Path | None, typer.Option(help="Reference corpus (folder, .jsonl or .csv).")] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder built by `factcheck index`.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate only the first N claims.")] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write metrics.json, predictions.jsonl, report.md and plots here.")
    ] = None,
    split: Annotated[str | None, typer.Option(help="Split of a hub dataset (--format hf).")] = None,
    baselines: Annotated[bool, typer.Option(help="Also score the majority and claim-only baselines.")] = False,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=100)] = 5,
    nli: NliArg = "factcheck-nli",
    precision: PrecisionArg = "fp32",
    embedder: EmbedderArg = None,
    verbose: VerboseArg = False,
    quiet: QuietArg = False,
) -> None:
    """Score the checker on a labelled claim set: accuracy, macro-F1, per class, calibration, retrieval."""
    shell.set_quiet(quiet)
    shell.setup(verbose)
    with shell.errors():
        from factcheck.evaluation import evaluate_claims, read_claims, write_outputs

        claim_set = read_claims(claims_file, fmt=fmt, split=split)
        documents = None
        if corpus is not None and mode is EvalMode.gold:
            from factcheck.corpus import read_corpus

            documents = {d.id: d.text for d in read_corpus(corpus).documents}
        with shell.progress() as progress:
            if mode is EvalMode.open:
                checker = shell.checker(
                    corpus, index, embedder=embedder, nli=shell.nli(nli, precision), top_k=top_k, progress=progress
                )
            else:
                from factcheck.config import VerifyConfig
                from factcheck.pipeline import FactChecker

                checker = FactChecker(
                    None,
                    nli=shell.nli(nli, precision),
                    verify=VerifyConfig(top_k=top_k),
                    **({"embedder": embedder} if embedder else {}),
                )
            result = evaluate_claims(
                claim_set,
                checker,
                mode=mode.value,
                documents=documents,
                limit=limit,
                progress=progress,
                baselines=baselines,
            )
        _print_metrics(
            result.metrics,
            title=f"{claim_set.name} ({claim_set.format}): {result.metrics['n']} claims, {mode.value} mode",
        )
        err = shell.stderr()
        for warning, n in result.warnings.items():
            err.print(f"warning: {n} {warning}", highlight=False)
        if out is not None:
            for path in write_outputs(result, out):
                err.print(f"wrote {path}", highlight=False)


def _print_metrics(m: dict, *, title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for col in ("label", "precision", "recall", "F1", "support"):
        table.add_column(col)
    for label, row in m["per_class"].items():
        table.add_row(label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"]))
    console = shell.stdout()
    console.print(table)
    line = f"accuracy {m['accuracy']:.4f}   macro-F1 {m['macro_f1']:.4f}"
    if "strict_score" in m:
        line += f"   strict {m['strict_score']:.4f}"
    cal = m.get("calibration")
    if cal:
        line += f"   ECE {cal['ece']:.4f}   Brier {cal['brier']:.4f}"
    console.print(f"{line}   {m['throughput']['claims_per_second']} claims/s", highlight=False)
    if "retrieval" in m:
        console.print(
            "retrieval: " + ", ".join(f"{k} {v:.3f}" for k, v in m["retrieval"].items() if isinstance(v, float)),
            highlight=False,
        )
    for name, b in (m.get("baselines") or {}).items():
        if b:
            console.print(
                f"baseline {name}: accuracy {b['accuracy']:.4f}, macro-F1 {b['macro_f1']:.4f}", highlight=False
            )
    if m.get("excluded"):
        console.print(f"left out (label not mapped): {m['excluded']}", highlight=False)


class RetrievalModeOpt(StrEnum):
    hybrid = "hybrid"
    dense = "dense"
    bm25 = "bm25"


class FusionOpt(StrEnum):
    weighted = "weighted"
    rrf = "rrf"


@app.command("evaluate-retrieval")
def evaluate_retrieval_cmd(
    claims_file: Annotated[
        Path, typer.Argument(metavar="CLAIMS", help="SciFact claims_*.jsonl, or JSONL with id, claim, relevant.")
    ],
    corpus: Annotated[
        Path | None, typer.Option(help="Reference corpus (index cached); gives rationale-sentence recall.")
    ] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder built by `factcheck index`.")] = None,
    mode: Annotated[RetrievalModeOpt, typer.Option(help="Retriever: hybrid, dense or bm25.")] = RetrievalModeOpt.hybrid,
    fusion: Annotated[FusionOpt, typer.Option(help="Hybrid fusion: rrf or weighted scores.")] = FusionOpt.rrf,
    dense_weight: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Weighted fusion: share of the dense score.")
    ] = None,
    rrf_k: Annotated[int | None, typer.Option(min=0, help="RRF constant.")] = None,
    rerank: Annotated[bool, typer.Option(help="Rerank the fused top passages with the NLI model.")] = False,
    rerank_depth: Annotated[int | None, typer.Option(min=1, help="Passages the reranker rescores.")] = None,
    rerank_weight: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Share of the reranker.")] = None,
    nli: Annotated[str, typer.Option(help="NLI model of the reranker.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="Reranker precision: fp32, or int8 (CPU, faster).")] = "fp32",
    query_precision: Annotated[
        str, typer.Option("--query-precision", help="Query encoder: fp32, or int8 (CPU, about 4x faster).")
    ] = "fp32",
    embedder: EmbedderArg = None,
    depth: Annotated[int, typer.Option(min=20, help="Passages retrieved per claim.")] = 100,
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate only the first N claims.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write metrics.json here (a folder).")] = None,
    verbose: VerboseArg = False,
) -> None:
    """Score retrieval on claims with gold evidence: recall@1/5/20, MRR, nDCG@10, rationale recall."""
    import json

    shell.setup(verbose)
    with shell.errors():
        from factcheck import config as cfg
        from factcheck.embed import Embedder
        from factcheck.evaluation.retrieval import evaluate_retrieval, read_retrieval_queries
        from factcheck.index import Index, index_for_corpus
        from factcheck.retrieve import NLIReranker, Retriever

        if corpus is None and index is None:
            raise shell.fail("give --corpus PATH, --index DIR or both")
        queries = read_retrieval_queries(claims_file)
        documents = None
        with shell.progress() as progress:
            if index is not None:
                opened = Index.open(index)
                emb = Embedder(embedder or opened.embedder_name)
                opened = Index.open(index, embedder_fingerprint=emb.fingerprint, embedder_name=emb.name)
            else:
                emb = Embedder(embedder or cfg.DEFAULT_EMBEDDER)
                assert corpus is not None
                opened = index_for_corpus(corpus, embedder=emb, progress=progress)
            if corpus is not None:
                from factcheck.corpus import read_corpus

                documents = {d.id: d for d in read_corpus(corpus).documents}
            # queries may use the int8 encoder: same weights, so its vectors match the index's
            query_emb = emb if query_precision == "fp32" else Embedder(emb.name, precision=query_precision)
            retriever = Retriever(
                opened,
                query_emb,
                mode=mode.value,  # type: ignore[arg-type]
                fusion=fusion.value,  # type: ignore[arg-type]
                dense_weight=cfg.DEFAULT_DENSE_WEIGHT if dense_weight is None else dense_weight,
                rrf_k=cfg.DEFAULT_RRF_K if rrf_k is None else rrf_k,
                reranker=NLIReranker(nli, precision=precision) if rerank else None,
                rerank_depth=rerank_depth or cfg.DEFAULT_RERANK_DEPTH,
                rerank_weight=cfg.DEFAULT_RERANK_WEIGHT if rerank_weight is None else rerank_weight,
            )
            selected = queries.queries[:limit] if limit else queries.queries
            metrics = evaluate_retrieval(selected, retriever, documents=documents, depth=depth, progress=progress)
        metrics = {"claims_file": str(claims_file), "skipped": dict(queries.skipped), **metrics}
        _print_retrieval(metrics)
        if out is not None:
            from factcheck.outputs import prepare_output_folder

            shell.emit_json(json.dumps(metrics, indent=2), prepare_output_folder(out) / "metrics.json")
            shell.stderr().print(f"wrote {out / 'metrics.json'}", highlight=False)


def _print_retrieval(m: dict) -> None:
    from rich.table import Table

    names = [k for k in m["all"] if k != "claims"]
    short = {"recall@": "R@", "rationale_recall@": "ratR@", "ndcg@10": "nDCG@10", "mrr": "MRR"}

    def label(name: str) -> str:
        for long, abbrev in short.items():
            if name.startswith(long):
                return abbrev + name[len(long) :]
        return name

    table = Table(title=f"retrieval: {', '.join(f'{k}={v}' for k, v in m['retriever'].items() if v is not None)}")
    table.add_column("claims")
    for name in names:
        table.add_column(label(name))
    for group in ("all", "tuning_quarters", "heldout_quarter"):
        if group in m:
            row = m[group]
            table.add_row(f"{group} ({row['claims']})", *(f"{row[n]:.4f}" for n in names))
    console = shell.stdout()
    console.print(table)
    console.print(
        f"R@k: recall of the relevant documents in the top k; ratR@k: rationale sentences inside the top k passages. "
        f"{m['throughput']['claims_per_second']} claims/s over {m['passages']} passages",
        highlight=False,
    )


@app.command("evaluate-claims")
def evaluate_claims_cmd(
    data: Annotated[Path, typer.Argument(help="Sentences labelled check-worthy or not.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="auto, claimbuster, clef19, clef20-tweets, clef20-debates, factcheck-bench or jsonl."
        ),
    ] = "auto",
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Check-worthiness threshold.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate only the first N sentences.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write metrics.json and predictions.jsonl here.")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="Rule-based scorer only (the baseline).")] = False,
    verbose: VerboseArg = False,
) -> None:
    """Score claim detection against check-worthiness labels (precision, recall, F1)."""
    import json

    shell.setup(verbose)
    with shell.errors():
        from factcheck.claims import ClaimDetector
        from factcheck.evaluation.claim_detection import evaluate_detection, read_sentences

        sentences = read_sentences(data, fmt=fmt)
        detector = ClaimDetector(threshold, head="rules" if rules else None)
        m = evaluate_detection(sentences, detector, limit=limit)
        console = shell.stdout()
        console.print(
            f"{data.name}: {m['n']} texts ({m['positives']} check-worthy), threshold {m['threshold']}\n"
            f"precision {m['precision']:.4f}   recall {m['recall']:.4f}   F1 {m['f1']:.4f}   accuracy {m['accuracy']:.4f}   "
            f"{m['throughput']['texts_per_second']} texts/s",
            highlight=False,
        )
        for name, b in m["baselines"].items():
            console.print(f"baseline {name}: F1 {b['f1']:.4f}, accuracy {b['accuracy']:.4f}", highlight=False)
        if out is not None:
            from factcheck.outputs import prepare_output_folder

            prepare_output_folder(out)
            predictions = m.pop("predictions")
            shell.emit_json(json.dumps({"dataset": data.name, **m}, indent=2), out / "metrics.json")
            shell.emit_json(
                "".join(json.dumps(row) + "\n" for row in predictions), out / "predictions.jsonl", lines=True
            )
            shell.stderr().print(f"wrote {out / 'metrics.json'} and {out / 'predictions.jsonl'}", highlight=False)


@app.command("evaluate-nli")
def evaluate_nli_cmd(
    data: Annotated[
        Path | None, typer.Argument(help="Premise-hypothesis pairs with NLI labels (JSONL); or use --source.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="A registered set of ../shared/data (factcheck.sources); repeatable."),
    ] = None,
    split: Annotated[str, typer.Option(help="With --source: heldout, dev or train.")] = "heldout",
    data_dir: Annotated[Path, typer.Option("--data", help="The third-party data folder.")] = Path("../shared/data"),
    nli: NliArg = "factcheck-nli",
    precision: PrecisionArg = "fp32",
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N pairs.")] = None,
    verbose: VerboseArg = False,
) -> None:
    """Accuracy of the NLI model alone on labelled premise-hypothesis pairs (argmax).

    With --source, sets with only supported/refuted pairs are scored forced 2-way (the stronger of
    entailment and contradiction), entailed-vs-not sets two-way, the rest 3-way.
    """
    import json

    shell.setup(verbose)
    with shell.errors():
        from factcheck.errors import ConfigError
        from factcheck.nli import NLIScorer

        if (data is None) == (not source):
            raise ConfigError("pass a pairs file or --source NAME (not both)")
        scorer = NLIScorer(nli, precision=precision)
        if data is not None:
            from factcheck.evaluation.nli_eval import evaluate_nli, read_nli_items

            items, binary = read_nli_items(data, limit=limit)
            result = {"data": str(data), "model": nli, **evaluate_nli(items, scorer, binary=binary)}
            shell.emit_json(json.dumps(result, indent=2), None)
            return
        from factcheck.evaluation.nli_eval import evaluate_source
        from factcheck.sources import read_pairs

        for name in source or ():
            pairs = read_pairs(name, data_dir, split)[:limit]  # type: ignore[arg-type]
            result = {"source": name, "split": split, "model": nli, **evaluate_source(pairs, scorer)}
            shell.emit_json(json.dumps(result), None, lines=True)


# ------------------------------------------------------------------------------------------------
# train-nli
# ------------------------------------------------------------------------------------------------
