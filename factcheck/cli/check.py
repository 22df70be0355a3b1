"""``factcheck check``, ``check-batch`` and ``claims``: an article in, a report or its claims out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import factcheck.cli.shell as shell
from factcheck.cli.shell import (
    INPUT_FORMAT_HELP,
    ActorsArg,
    ClaimsFormat,
    CpusArg,
    EmbedderArg,
    EngineArg,
    EngineOpt,
    GpusArg,
    InputFormat,
    NliArg,
    OutputFormat,
    PrecisionArg,
    QuietArg,
    VerboseArg,
    app,
)


@app.command()
def check(
    article: Annotated[str, typer.Argument(help="Article file (.txt/.md/.html), or - to read standard input.")],
    corpus: Annotated[
        Path | None, typer.Option(help="Reference corpus: folder, .jsonl or .csv (index cached).")
    ] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder built by `factcheck index`.")] = None,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=100, help="Passages retrieved per claim.")] = 5,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the output to this file.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Table: list supported claims too.")] = False,
    nli: NliArg = "factcheck-nli",
    precision: PrecisionArg = "fp32",
    embedder: EmbedderArg = None,
    published: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD) if it has no dateline.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when claims are flagged.")] = False,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help=INPUT_FORMAT_HELP)] = InputFormat.auto,
    publisher: Annotated[str | None, typer.Option(help="ClaimReview: who publishes the reviews (author name).")] = None,
    publisher_url: Annotated[
        str | None, typer.Option("--publisher-url", help="ClaimReview: the publisher's URL.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="ClaimReview: the page the reviews are published on (each gets #claim-ID).")
    ] = None,
    article_url: Annotated[str | None, typer.Option("--article-url", help="ClaimReview: the article's URL.")] = None,
    verbose: VerboseArg = False,
    quiet: QuietArg = False,
) -> None:
    """Check every claim of ARTICLE; exit 1 when any claim is refuted or unsupported."""
    shell.set_quiet(quiet)
    shell.setup(verbose)
    with shell.errors():
        text, source, article_format = shell.read_article(article, input_format)
        pub = shell.parse_date(published)
        shell.check_article(text, source, article_format, pub)
        with shell.progress() as progress:
            checker = shell.checker(
                corpus, index, embedder=embedder, nli=shell.nli(nli, precision), top_k=top_k, progress=progress
            )
            fields = {"source": source, "fmt": article_format, **({"published": pub} if pub else {})}
            report = checker.check(text, progress=progress, **fields)
        if fmt is OutputFormat.table and output is None:
            _print_report_table(report, show_all=show_all)
        elif fmt is OutputFormat.claimreview:
            shell.emit_json(_claimreview(report, publisher, publisher_url, url, article_url), output)
        elif fmt in (OutputFormat.json, OutputFormat.jsonl):
            from factcheck.report import render

            shell.emit_json(render(report, fmt.value), output, lines=fmt is OutputFormat.jsonl)
        else:
            from factcheck.report import render

            shell.emit(render(report, "markdown" if fmt is OutputFormat.table else fmt.value), output)
        if not report.verdicts:
            shell.warn_no_claims(source)
    if report.flagged and not exit_zero:
        raise typer.Exit(shell.EXIT_FLAGGED)


def _claimreview(report, publisher: str | None, publisher_url: str | None, url: str | None, article_url: str | None):
    from factcheck.errors import ConfigError
    from factcheck.report import Publisher, to_claimreview

    if publisher_url and not publisher:
        raise ConfigError("--publisher-url needs --publisher NAME (the publisher's name)")
    if url is None and not shell.is_quiet():
        shell.stderr().print(
            "note: without --url the reviews lack the url that search engines require", highlight=False, soft_wrap=True
        )
    author = Publisher(publisher, publisher_url) if publisher else None
    return to_claimreview(report, publisher=author, url=url, article_url=article_url)


def _print_report_table(report, *, show_all: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    console = shell.stdout()
    styles = {"SUPPORTED": "green", "REFUTED": "bold red", "NOT_ENOUGH_INFO": "yellow"}
    verdicts = report.verdicts if show_all else report.flagged
    title = "Claims" if show_all else "Flagged claims"
    table = Table(
        title=Text(f"{title} — {report.article.title or report.article.source or report.article.id}"),
        show_lines=True,
        expand=True,
    )
    table.add_column("#", no_wrap=True)
    table.add_column("claim", ratio=4)
    table.add_column("verdict", no_wrap=True)
    table.add_column("conf.", no_wrap=True)
    table.add_column("best evidence / reason", ratio=5)
    for v in verdicts:
        ev = v.evidence[0] if v.evidence else None
        evidence = f"[{ev.doc_id}] {ev.window_text}\n— {v.reason}" if ev else v.reason
        table.add_row(
            v.claim.id, v.claim.text, Text(v.label.value, style=styles[v.label.value]), f"{v.confidence:.2f}", evidence
        )
    if verdicts:
        console.print(table)
    counts = report.counts()
    console.print(
        f"{len(report.verdicts)} claims: {counts['SUPPORTED']} supported, {counts['REFUTED']} refuted, "
        f"{counts['NOT_ENOUGH_INFO']} not enough info — {len(report.flagged)} flagged "
        f"({report.timings.get('total', 0):.1f}s)",
        highlight=False,
    )


# ------------------------------------------------------------------------------------------------
# check-batch
# ------------------------------------------------------------------------------------------------


@app.command("check-batch")
def check_batch_cmd(
    source: Annotated[
        Path, typer.Argument(metavar="INPUT", help="Folder of articles, or JSONL: id, text, optional published, title.")
    ],
    out: Annotated[Path, typer.Option(help="Output folder: verdicts.jsonl, articles.jsonl, summary.json.")],
    corpus: Annotated[
        Path | None, typer.Option(help="Reference corpus: folder, .jsonl or .csv (index cached).")
    ] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder built by `factcheck index`.")] = None,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=100, help="Passages retrieved per claim.")] = 5,
    nli: NliArg = "factcheck-nli",
    precision: PrecisionArg = "fp32",
    embedder: EmbedderArg = None,
    group_size: Annotated[
        int, typer.Option("--group-size", min=1, help="Articles checked (and written) together.")
    ] = 16,  # factcheck.config.DEFAULT_BATCH_ARTICLES
    engine: EngineArg = EngineOpt.local,
    actors: ActorsArg = None,
    cpus_per_actor: CpusArg = 1.0,  # factcheck.config.DEFAULT_RAY_CPUS_PER_ACTOR
    gpus_per_actor: GpusArg = 0.0,
    verbose: VerboseArg = False,
) -> None:
    """Check every article of INPUT, loading the models once; a rerun skips the articles already in --out."""
    shell.setup(verbose)
    with shell.errors():
        from factcheck.batch import CheckerSpec, check_batch

        if (corpus is None) == (index is None):
            raise shell.fail("give exactly one of --corpus PATH or --index DIR")
        ray_options = shell.ray_options(engine, actors, cpus_per_actor, gpus_per_actor)
        with shell.engine(ray_options, verbose), shell.progress() as progress:
            if corpus is not None:
                index = _corpus_index(corpus, embedder, ray_options, verbose=verbose, progress=progress)
            spec = CheckerSpec(str(index), embedder=embedder, nli=nli, precision=precision, top_k=top_k)
            summary = check_batch(
                source,
                out,
                checker=spec,
                engine=engine.value,  # type: ignore[arg-type]
                group_size=group_size,
                ray_options=ray_options,
                progress=progress,
            )
        _print_batch_summary(summary, out)
    if summary["articles"]["failed"]:
        raise shell.fail(
            f"{summary['articles']['failed']} articles failed with an internal error; see {out / 'summary.json'}",
            shell.EXIT_INTERNAL,
        )


def _corpus_index(corpus: Path, embedder: str | None, ray_options, *, verbose: bool, progress) -> Path:
    """The cached index of ``corpus`` (built now if needed, on Ray with ``ray_options``)."""
    from factcheck.config import DEFAULT_EMBEDDER
    from factcheck.embed import Embedder
    from factcheck.index import index_for_corpus

    emb = Embedder(embedder or DEFAULT_EMBEDDER)
    if ray_options is not None:
        from factcheck.batch.ray_embed import RayEmbedder

        emb = RayEmbedder(emb, ray_options, verbose=verbose)
    return index_for_corpus(corpus, embedder=emb, progress=progress).path


def _print_batch_summary(summary: dict, out: Path) -> None:
    a, labels = summary["articles"], summary["labels"]
    err = shell.stderr()
    for entry in summary["skipped"][:10]:
        err.print(f"skipped {entry['source'] or entry['id']}: {entry['reason']}", highlight=False, soft_wrap=True)
    if len(summary["skipped"]) > 10:
        err.print(f"... and {len(summary['skipped']) - 10} more skipped (see {out / 'summary.json'})", highlight=False)
    rate = summary["articles_per_second"]
    err.print(
        f"{a['checked']} articles checked ({a['checked_this_run']} in this run, {a['already_done']} already done), "
        f"{a['skipped']} skipped, {a['failed']} failed: {summary['claims']} claims, {labels['SUPPORTED']} supported, "
        f"{labels['REFUTED']} refuted, {labels['NOT_ENOUGH_INFO']} not enough info; "
        f"{summary['seconds']:.1f}s{f', {rate:.3f} articles/s' if rate else ''}; wrote {out / 'verdicts.jsonl'}",
        highlight=False,
        soft_wrap=True,
    )


# ------------------------------------------------------------------------------------------------
# claims
# ------------------------------------------------------------------------------------------------


@app.command()
def claims(
    article: Annotated[str, typer.Argument(help="Article file (.txt/.md/.html), or - to read standard input.")],
    fmt: Annotated[ClaimsFormat, typer.Option("--format", help="Output format.")] = ClaimsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the output to this file.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Check-worthiness threshold (a sentence that states a figure, date or duration is kept below it).",
        ),
    ] = None,
    published: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD) if it has no dateline.")] = None,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help=INPUT_FORMAT_HELP)] = InputFormat.auto,
    rules: Annotated[
        bool, typer.Option("--rules", help="Score check-worthiness by rule only (no trained head).")
    ] = False,
    no_split: Annotated[
        bool, typer.Option("--no-split", help="One claim per sentence, as written (no decomposition or rewriting).")
    ] = False,
    verbose: VerboseArg = False,
) -> None:
    """List the checkable claims of ARTICLE: one fact each, readable on their own (`text`), with the
    original wording (`sentence`), offsets into the input (`span`), kind, check-worthiness and quantities."""
    import json

    shell.setup(verbose)
    with shell.errors():
        from factcheck.claims import ClaimDetector, extract_claims

        text, source, article_format = shell.read_article(article, input_format)
        pub = shell.parse_date(published)
        shell.check_article(text, source, article_format, pub)
        detector = ClaimDetector(
            threshold, head="rules" if rules else None, decompose=not no_split, decontextualise=not no_split
        )
        parsed, found = extract_claims(
            text,
            detector=detector,
            source=source,
            fmt=article_format,
            **({"published": pub} if pub else {}),
        )
        if not found:
            shell.warn_no_claims(source)
        if fmt is ClaimsFormat.jsonl:
            shell.emit_json(
                "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in found), output, lines=True
            )
        elif fmt is ClaimsFormat.json:
            shell.emit_json(
                json.dumps(
                    {"article": parsed.article.to_dict(include_text=False), "claims": [c.to_dict() for c in found]},
                    indent=2,
                    ensure_ascii=False,
                ),
                output,
            )
        else:
            import io

            from rich.table import Table
            from rich.text import Text

            table = Table(
                title=Text(f"{len(found)} claims — {parsed.article.title or source}"), show_lines=True, expand=True
            )
            table.add_column("id", no_wrap=True)
            table.add_column("kind", no_wrap=True)
            table.add_column("score", no_wrap=True)
            table.add_column("claim", ratio=3)
            table.add_column("quantities", ratio=1)
            for c in found:
                table.add_row(
                    c.id,
                    c.kind,
                    f"{c.checkworthiness:.2f}",
                    c.text,
                    "; ".join(f"{q.text} ({q.kind})" for q in c.quantities),
                )
            if output is not None:
                buffer = io.StringIO()
                shell.stdout(file=buffer, width=160).print(table)
                shell.emit(buffer.getvalue(), output)
            else:
                shell.stdout().print(table)


# ------------------------------------------------------------------------------------------------
# index
# ------------------------------------------------------------------------------------------------
