"""The ``factcheck`` command line: a thin shell over the library.

Exit codes (stable, for CI jobs):

* 0 — every checked claim is SUPPORTED (or the command succeeded);
* 1 — ``check`` flagged at least one claim (REFUTED or NOT_ENOUGH_INFO);
* 2 — bad usage or bad input (missing file, empty article, bad corpus, incompatible index, ...);
* 3 — an internal error (a bug: please report it with the output of ``FACTCHECK_DEBUG=1``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcheck.terminal import OneLineErrorsGroup

app = typer.Typer(
    cls=OneLineErrorsGroup,
    name="factcheck",
    help="Verify the factual claims of news articles against a reference corpus.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FLAGGED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    claimreview = "claimreview"


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"


class EvalMode(StrEnum):
    gold = "gold"
    open = "open"


class EngineOpt(StrEnum):
    local = "local"
    ray = "ray"


_ENGINE_HELP = "local (this process) or ray (a Ray actor pool; RAY_ADDRESS names a cluster, else Ray starts locally)."
EngineArg = Annotated[EngineOpt, typer.Option(help=_ENGINE_HELP)]
ActorsArg = Annotated[
    int | None, typer.Option(min=1, help="Ray: actors in the pool (default: what the cluster holds).")
]
CpusArg = Annotated[float, typer.Option("--cpus-per-actor", min=0.01, help="Ray: CPUs per actor.")]
GpusArg = Annotated[float, typer.Option("--gpus-per-actor", min=0.0, help="Ray: GPUs per actor (models on CUDA).")]


def _engine(ray_options, verbose: bool):
    """Connected to Ray for the whole command when it runs on Ray (an unreachable cluster fails first)."""
    if ray_options is None:
        from contextlib import nullcontext

        return nullcontext()
    from factcheck.batch.ray_engine import ray_session

    return ray_session(verbose=verbose)


def _ray_options(engine: EngineOpt, actors: int | None, cpus: float, gpus: float):
    """Ray's actor-pool options, or None for the local engine (a ConfigError when Ray is not installed)."""
    if engine is not EngineOpt.ray:
        return None
    from factcheck.batch.ray_engine import INSTALL_HINT, RayOptions, require_ray
    from factcheck.errors import ConfigError

    try:
        require_ray()
    except ConfigError:
        raise _fail(INSTALL_HINT) from None
    return RayOptions(actors=actors, cpus_per_actor=cpus, gpus_per_actor=gpus)


def _quiet_libraries() -> None:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # transformers itself is not imported here (it costs seconds and the shipped models run
    # without it); every load through it is wrapped in factcheck.models.quiet_loading.


def _stderr():
    """Standard error for messages: text printed literally, nothing at all under --quiet."""
    from factcheck.terminal import console

    return console(stderr=True, soft_wrap=True, quiet=_is_quiet())


def _stdout(**kwargs):
    from factcheck.terminal import console

    return console(**kwargs)


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``error: MESSAGE`` as one line, the message as written (never read as markup)."""
    from factcheck.terminal import print_error

    print_error(message)
    return typer.Exit(code)


@contextmanager
def _errors():
    """Turn library errors into one line on stderr and exit code 2; anything else into exit 3.

    An :class:`OSError` that no library code mapped (a full disk or a permission met deep in a
    dependency) is a problem of the user's files, not a bug: it exits 2 naming the path.
    """
    from factcheck.errors import FactCheckError, os_error

    try:
        yield
    except FactCheckError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:  # `factcheck claims ... | head`: the reader has gone
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        raise _fail(str(os_error(exc, action="accessing"))) from None
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        raise _fail(
            f"internal error: {type(exc).__name__}: {exc} (rerun with FACTCHECK_DEBUG=1 for a traceback)", EXIT_INTERNAL
        ) from None


_STATE = {"quiet": False}  # reset by the app callback on every invocation


def _is_quiet() -> bool:
    return _STATE["quiet"] or os.environ.get("FACTCHECK_QUIET", "") not in ("", "0")


def _set_quiet(quiet: bool) -> None:
    if quiet:
        _STATE["quiet"] = True


@contextmanager
def _progress():
    """Progress of long steps on stderr (factcheck.progress): bars on a terminal, lines otherwise, none when quiet."""
    from factcheck.progress import ProgressReporter

    with ProgressReporter(mode="off" if _is_quiet() else "auto") as reporter:
        yield reporter


_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def _read_article(path: str, input_format: str = "auto") -> tuple[str, str, str]:
    """The article's text, its name, and the format to parse it as (``fmt`` of ``parse_article``).

    With ``--input-format auto`` a ``.html``/``.htm`` file is HTML, a ``.md`` file Markdown, and
    anything else (``.txt``, standard input) is sniffed: HTML when it looks like HTML.
    """
    from factcheck.errors import InputError
    from factcheck.text import decode_bytes

    fmt = str(input_format)
    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), name="standard input"), "<stdin>", fmt
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(f"article file {p} does not exist")
    if p.is_dir():
        raise InputError(f"{p} is a folder; give an article file (or - for standard input)")
    if fmt == "auto":
        suffix = p.suffix.lower()
        fmt = "html" if suffix in _HTML_SUFFIXES else "markdown" if suffix in _MARKDOWN_SUFFIXES else "auto"
    return decode_bytes(p.read_bytes(), name=str(p)), str(p), fmt


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from factcheck.errors import ConfigError

        raise ConfigError(f"--published must be a date like 2024-06-19, got {value!r}") from None


def _emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` whole or not at all (standard output when None)."""
    from factcheck.outputs import write_output

    write_output(text, output)


def _emit_json(text: str, output: Path | None, *, lines: bool = False) -> None:
    """Emit JSON (or JSON Lines) that a strict parser reads: no NaN or Infinity."""
    from factcheck.outputs import strict_json, strict_jsonl

    _emit(strict_jsonl(text) if lines else strict_json(text, indent=2), output)


def _check_article(text: str, source: str, fmt: str, published) -> None:
    """Refuse, before any model loads, an article with no body text to check (only headings,
    symbols or emoji); the message says what was read."""
    from factcheck.text import body_problem, parse_article

    problem = body_problem(
        parse_article(text, source=source, fmt=fmt, **({"published": published} if published else {}))
    )
    if problem:
        from factcheck.errors import InputError

        raise InputError(f"{source} has no body text to check ({problem}); give an article with sentences")


def _warn_no_claims(source: str) -> None:
    from factcheck.terminal import print_warning

    print_warning(f"no checkable claims found in {source} (no sentence states a figure, date, event or quote)")


def _setup(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR if _is_quiet() else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _quiet_libraries()


def _nli(name: str, precision: str):
    from factcheck.nli import NLIScorer

    return NLIScorer(name, precision=precision)


def _checker(
    corpus: Path | None,
    index: Path | None,
    *,
    embedder: str | None,
    nli: str,
    top_k: int,
    progress=None,
    claim_threshold: float | None = None,
):
    from factcheck.config import DEFAULT_EMBEDDER, VerifyConfig
    from factcheck.pipeline import FactChecker

    if (corpus is None) == (index is None):
        raise _fail("give exactly one of --corpus PATH or --index DIR")
    kwargs = {
        "nli": nli,
        "verify": VerifyConfig(top_k=top_k),
        "claim_threshold": claim_threshold,
    }
    if corpus is not None:
        return FactChecker.from_corpus(corpus, embedder=embedder or DEFAULT_EMBEDDER, progress=progress, **kwargs)
    return FactChecker.from_index(index, embedder=embedder, **kwargs)


# ------------------------------------------------------------------------------------------------
# check
# ------------------------------------------------------------------------------------------------

_QUIET_HELP = "No progress or notes on stderr (errors still show); also FACTCHECK_QUIET=1."
_INPUT_FORMAT_HELP = (
    "What ARTICLE is: auto (.html/.htm files and HTML-looking text are HTML), text, markdown or html. "
    "For HTML, spans index the HTML as given."
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
    nli: Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")] = "fp32",
    embedder: Annotated[
        str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")
    ] = None,
    published: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD) if it has no dateline.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when claims are flagged.")] = False,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help=_INPUT_FORMAT_HELP)] = InputFormat.auto,
    publisher: Annotated[str | None, typer.Option(help="ClaimReview: who publishes the reviews (author name).")] = None,
    publisher_url: Annotated[
        str | None, typer.Option("--publisher-url", help="ClaimReview: the publisher's URL.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="ClaimReview: the page the reviews are published on (each gets #claim-ID).")
    ] = None,
    article_url: Annotated[str | None, typer.Option("--article-url", help="ClaimReview: the article's URL.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Check every claim of ARTICLE; exit 1 when any claim is refuted or unsupported."""
    _set_quiet(quiet)
    _setup(verbose)
    with _errors():
        text, source, article_format = _read_article(article, input_format)
        pub = _parse_date(published)
        _check_article(text, source, article_format, pub)
        with _progress() as progress:
            checker = _checker(
                corpus, index, embedder=embedder, nli=_nli(nli, precision), top_k=top_k, progress=progress
            )
            fields = {"source": source, "fmt": article_format, **({"published": pub} if pub else {})}
            report = checker.check(text, progress=progress, **fields)
        if fmt is OutputFormat.table and output is None:
            _print_report_table(report, show_all=show_all)
        elif fmt is OutputFormat.claimreview:
            _emit_json(_claimreview(report, publisher, publisher_url, url, article_url), output)
        elif fmt in (OutputFormat.json, OutputFormat.jsonl):
            from factcheck.report import render

            _emit_json(render(report, fmt.value), output, lines=fmt is OutputFormat.jsonl)
        else:
            from factcheck.report import render

            _emit(render(report, "markdown" if fmt is OutputFormat.table else fmt.value), output)
        if not report.verdicts:
            _warn_no_claims(source)
    if report.flagged and not exit_zero:
        raise typer.Exit(EXIT_FLAGGED)


def _claimreview(report, publisher: str | None, publisher_url: str | None, url: str | None, article_url: str | None):
    from factcheck.errors import ConfigError
    from factcheck.report import Publisher, to_claimreview

    if publisher_url and not publisher:
        raise ConfigError("--publisher-url needs --publisher NAME (the publisher's name)")
    if url is None and not _is_quiet():
        _stderr().print(
            "note: without --url the reviews lack the url that search engines require", highlight=False, soft_wrap=True
        )
    author = Publisher(publisher, publisher_url) if publisher else None
    return to_claimreview(report, publisher=author, url=url, article_url=article_url)


def _print_report_table(report, *, show_all: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _stdout()
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
    nli: Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")] = "fp32",
    embedder: Annotated[
        str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")
    ] = None,
    group_size: Annotated[
        int, typer.Option("--group-size", min=1, help="Articles checked (and written) together.")
    ] = 16,  # factcheck.config.DEFAULT_BATCH_ARTICLES
    engine: EngineArg = EngineOpt.local,
    actors: ActorsArg = None,
    cpus_per_actor: CpusArg = 1.0,  # factcheck.config.DEFAULT_RAY_CPUS_PER_ACTOR
    gpus_per_actor: GpusArg = 0.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Check every article of INPUT, loading the models once; a rerun skips the articles already in --out."""
    _setup(verbose)
    with _errors():
        from factcheck.batch import CheckerSpec, check_batch

        if (corpus is None) == (index is None):
            raise _fail("give exactly one of --corpus PATH or --index DIR")
        ray_options = _ray_options(engine, actors, cpus_per_actor, gpus_per_actor)
        with _engine(ray_options, verbose), _progress() as progress:
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
        raise _fail(
            f"{summary['articles']['failed']} articles failed with an internal error; see {out / 'summary.json'}",
            EXIT_INTERNAL,
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
    err = _stderr()
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
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Check-worthiness threshold.")] = None,
    published: Annotated[str | None, typer.Option(help="Article date (YYYY-MM-DD) if it has no dateline.")] = None,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help=_INPUT_FORMAT_HELP)] = InputFormat.auto,
    rules: Annotated[
        bool, typer.Option("--rules", help="Score check-worthiness by rule only (no trained head).")
    ] = False,
    no_split: Annotated[
        bool, typer.Option("--no-split", help="One claim per sentence, as written (no decomposition or rewriting).")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """List the checkable claims of ARTICLE: one fact each, readable on their own (`text`), with the
    original wording (`sentence`), offsets into the input (`span`), kind, check-worthiness and quantities."""
    import json

    _setup(verbose)
    with _errors():
        from factcheck.claims import ClaimDetector, extract_claims

        text, source, article_format = _read_article(article, input_format)
        pub = _parse_date(published)
        _check_article(text, source, article_format, pub)
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
            _warn_no_claims(source)
        if fmt is ClaimsFormat.jsonl:
            _emit_json("".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in found), output, lines=True)
        elif fmt is ClaimsFormat.json:
            _emit_json(
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
                _stdout(file=buffer, width=160).print(table)
                _emit(buffer.getvalue(), output)
            else:
                _stdout().print(table)


# ------------------------------------------------------------------------------------------------
# index
# ------------------------------------------------------------------------------------------------


class VectorDtypeOpt(StrEnum):
    float16 = "float16"
    float32 = "float32"
    int8 = "int8"


@app.command("index")
def index_cmd(
    corpus: Annotated[
        Path | None, typer.Argument(help="Folder of .txt/.md/.html files, a .jsonl or a .csv file.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Index folder to write (replaced atomically).")
    ] = None,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", help="Check every file of the index folder DIR against its checksums, and exit."),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Reuse the index at --output: embed only new or changed documents, drop deleted ones.",
        ),
    ] = False,
    embedder: Annotated[str, typer.Option(help="Embedder: alias, local folder or hub id.")] = "minilm",
    window: Annotated[int, typer.Option(min=1, help="Sentences per passage.")] = 3,
    stride: Annotated[
        int | None, typer.Option(min=1, help="Sentences between passage starts (default: window).")
    ] = None,
    dtype: Annotated[
        VectorDtypeOpt, typer.Option(help="Vector storage: float16 (default), float32 or int8.")
    ] = VectorDtypeOpt.float16,
    ann: Annotated[
        str,
        typer.Option(help="ANN index above --ann-threshold passages: auto, hnswlib, faiss, usearch or none."),
    ] = "auto",
    ann_threshold: Annotated[
        int, typer.Option(min=1, help="Passages from which the ANN index replaces brute force.")
    ] = 100_000,  # factcheck.config.DEFAULT_ANN_THRESHOLD
    max_document_chars: Annotated[
        int, typer.Option(min=1, help="Skip (and count) documents longer than this.")
    ] = 10_000_000,
    engine: EngineArg = EngineOpt.local,
    actors: ActorsArg = None,
    cpus_per_actor: CpusArg = 1.0,  # factcheck.config.DEFAULT_RAY_CPUS_PER_ACTOR
    gpus_per_actor: GpusArg = 0.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Build an on-disk index (dense vectors + BM25) of CORPUS, update it with --update, or check
    one with --verify DIR.  Builds of one folder take turns: a second waits for the first."""
    _set_quiet(quiet)
    _setup(verbose)
    with _errors():
        from factcheck.config import ChunkConfig
        from factcheck.corpus import read_corpus
        from factcheck.embed import Embedder
        from factcheck.errors import ConfigError
        from factcheck.index import build_index
        from factcheck.index.cache import corpus_info
        from factcheck.index.lock import index_lock

        if verify is not None:
            if corpus is not None or out is not None:
                raise ConfigError("--verify DIR checks an index; give it alone, without CORPUS or --output")
            return _verify_index(verify)
        if corpus is None or out is None:
            raise ConfigError("give CORPUS and --output DIR (or --verify DIR to check an index)")
        ray_options = _ray_options(engine, actors, cpus_per_actor, gpus_per_actor)
        emb = Embedder(embedder)
        if ray_options is not None:  # the same model, encoding on a Ray actor pool
            from factcheck.batch.ray_embed import RayEmbedder

            emb = RayEmbedder(emb, ray_options, verbose=verbose)
        chunking = ChunkConfig(window_sentences=window, stride=stride or window)
        # the corpus is read under the lock: no lost update
        with index_lock(out), _engine(ray_options, verbose), _progress() as progress:
            progress("reading corpus", 0, 1)
            read = read_corpus(corpus, max_document_chars=max_document_chars)
            progress("reading corpus", 1, 1)
            built = build_index(
                read.documents,
                out,
                embedder=emb,
                chunking=chunking,
                corpus_info=corpus_info(corpus, read),
                progress=progress,
                update=update,
                dtype=dtype.value,  # type: ignore[arg-type]
                ann=None if ann == "none" else ann,
                ann_threshold=ann_threshold,
            )
        skipped = f"; skipped {', '.join(read.summary())}" if read.warnings else ""
        stats = built.manifest["update"]
        done = (
            f"embedded {stats['embedded_documents']} new or changed documents, reused {stats['reused_documents']}, "
            f"removed {stats['removed_documents']}; "
            if update
            else ""
        )
        _stderr().print(
            f"indexed {len(read.documents)} documents as {len(built)} passages into {built.path} "
            f"({done}{built.manifest['build_seconds']:.1f}s){skipped}"
        )


def _verify_index(folder: Path) -> None:
    """`factcheck index --verify DIR`: hash every file; exit 2 naming the first damaged one."""
    import time

    from factcheck.index import read_manifest
    from factcheck.index.integrity import verify_index

    started = time.perf_counter()
    checked = verify_index(folder, read_manifest(folder), full=True)
    _stderr().print(
        f"index {folder} is intact: {checked['files']} files, {checked['bytes']:,} bytes hashed "
        f"({time.perf_counter() - started:.1f}s)"
    )


# ------------------------------------------------------------------------------------------------
# evaluate
# ------------------------------------------------------------------------------------------------


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
    nli: Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")] = "fp32",
    embedder: Annotated[
        str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Score the checker on a labelled claim set: accuracy, macro-F1, per class, calibration, retrieval."""
    _set_quiet(quiet)
    _setup(verbose)
    with _errors():
        from factcheck.evaluation import evaluate_claims, read_claims, write_outputs

        claim_set = read_claims(claims_file, fmt=fmt, split=split)
        documents = None
        if corpus is not None and mode is EvalMode.gold:
            from factcheck.corpus import read_corpus

            documents = {d.id: d.text for d in read_corpus(corpus).documents}
        with _progress() as progress:
            if mode is EvalMode.open:
                checker = _checker(
                    corpus, index, embedder=embedder, nli=_nli(nli, precision), top_k=top_k, progress=progress
                )
            else:
                from factcheck.config import VerifyConfig
                from factcheck.pipeline import FactChecker

                checker = FactChecker(
                    None,
                    nli=_nli(nli, precision),
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
        err = _stderr()
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
    console = _stdout()
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
    embedder: Annotated[
        str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")
    ] = None,
    depth: Annotated[int, typer.Option(min=20, help="Passages retrieved per claim.")] = 100,
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate only the first N claims.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write metrics.json here (a folder).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Score retrieval on claims with gold evidence: recall@1/5/20, MRR, nDCG@10, rationale recall."""
    import json

    _setup(verbose)
    with _errors():
        from factcheck import config as cfg
        from factcheck.embed import Embedder
        from factcheck.evaluation.retrieval import evaluate_retrieval, read_retrieval_queries
        from factcheck.index import Index, index_for_corpus
        from factcheck.retrieve import NLIReranker, Retriever

        if corpus is None and index is None:
            raise _fail("give --corpus PATH, --index DIR or both")
        queries = read_retrieval_queries(claims_file)
        documents = None
        with _progress() as progress:
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

            _emit_json(json.dumps(metrics, indent=2), prepare_output_folder(out) / "metrics.json")
            _stderr().print(f"wrote {out / 'metrics.json'}", highlight=False)


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
    console = _stdout()
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
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Score claim detection against check-worthiness labels (precision, recall, F1)."""
    import json

    _setup(verbose)
    with _errors():
        from factcheck.claims import ClaimDetector
        from factcheck.evaluation.claim_detection import evaluate_detection, read_sentences

        sentences = read_sentences(data, fmt=fmt)
        detector = ClaimDetector(threshold, head="rules" if rules else None)
        m = evaluate_detection(sentences, detector, limit=limit)
        console = _stdout()
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
            _emit_json(json.dumps({"dataset": data.name, **m}, indent=2), out / "metrics.json")
            _emit_json("".join(json.dumps(row) + "\n" for row in predictions), out / "predictions.jsonl", lines=True)
            _stderr().print(f"wrote {out / 'metrics.json'} and {out / 'predictions.jsonl'}", highlight=False)


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
    nli: Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")] = "fp32",
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N pairs.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Accuracy of the NLI model alone on labelled premise-hypothesis pairs (argmax).

    With --source, sets with only supported/refuted pairs are scored forced 2-way (the stronger of
    entailment and contradiction), entailed-vs-not sets two-way, the rest 3-way.
    """
    import json

    _setup(verbose)
    with _errors():
        from factcheck.errors import ConfigError
        from factcheck.nli import NLIScorer

        if (data is None) == (not source):
            raise ConfigError("pass a pairs file or --source NAME (not both)")
        scorer = NLIScorer(nli, precision=precision)
        if data is not None:
            from factcheck.evaluation.nli_eval import evaluate_nli, read_nli_items

            items, binary = read_nli_items(data, limit=limit)
            result = {"data": str(data), "model": nli, **evaluate_nli(items, scorer, binary=binary)}
            _emit_json(json.dumps(result, indent=2), None)
            return
        from factcheck.evaluation.nli_eval import evaluate_source
        from factcheck.sources import read_pairs

        for name in source or ():
            pairs = read_pairs(name, data_dir, split)[:limit]  # type: ignore[arg-type]
            result = {"source": name, "split": split, "model": nli, **evaluate_source(pairs, scorer)}
            _emit_json(json.dumps(result), None, lines=True)


# ------------------------------------------------------------------------------------------------
# train-nli
# ------------------------------------------------------------------------------------------------


@app.command("train-nli")
def train_nli_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the trained model.")],
    train: Annotated[
        list[Path] | None, typer.Option("--train", help="NLI JSONL (premise, hypothesis, label); repeatable.")
    ] = None,
    mix_data: Annotated[
        Path | None,
        typer.Option("--mix-data", help="../shared/data: add the fact-checking mix (factcheck.training.mix)."),
    ] = None,
    init: Annotated[
        str | None, typer.Option("--init", help="Continue from an NLI model (alias or folder) instead of --base.")
    ] = None,
    snli_pairs: Annotated[int, typer.Option("--snli-pairs", min=0, help="SNLI pairs in the mix.")] = 20000,
    synthetic_pairs: Annotated[
        int, typer.Option("--synthetic-pairs", min=0, help="Single-sentence edit pairs in the mix.")
    ] = 6000,
    contrastive_pairs: Annotated[
        int, typer.Option("--contrastive-pairs", min=0, help="Contrastive-twin pairs in the mix.")
    ] = 12000,
    nei_pairs: Annotated[int, typer.Option("--nei-pairs", min=0, help="NOT_ENOUGH_INFO-by-deletion pairs.")] = 4000,
    alias_pairs: Annotated[int, typer.Option("--alias-pairs", min=0, help="Alias / rounded-figure pairs.")] = 4000,
    components: Annotated[
        str, typer.Option("--components", help="Rule-made parts of the mix, comma-separated.")
    ] = "contrastive,nei,alias,synthetic",
    real_limit: Annotated[
        int | None, typer.Option("--real-limit", min=1, help="Sample the mix down to N real pairs (ablations).")
    ] = None,
    debias: Annotated[str, typer.Option(help="Claim-only debiasing: none, reweight or poe.")] = "none",
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from its checkpoint.")] = False,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Also log progress to this file.")] = None,
    checkpoint_every: Annotated[
        int, typer.Option("--checkpoint-every", min=0, help="Steps between checkpoints.")
    ] = 500,
    stop_after: Annotated[
        int | None, typer.Option("--stop-after", min=1, help="Stop after N steps; continue later with --resume.")
    ] = None,
    max_length: Annotated[int, typer.Option("--max-length", min=32)] = 128,
    eval_file: Annotated[Path | None, typer.Option("--eval", help="Held-out NLI JSONL for accuracy.")] = None,
    base: Annotated[str, typer.Option(help="Base encoder: alias or local folder.")] = "minilm",
    epochs: Annotated[float, typer.Option(min=0.01)] = 1.0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
    lr: Annotated[float, typer.Option(min=0.0)] = 5e-5,
    seed: Annotated[int, typer.Option()] = 42,
    max_train_pairs: Annotated[int | None, typer.Option(min=1)] = None,
    max_eval_pairs: Annotated[int | None, typer.Option(min=1)] = None,
) -> None:
    """Fine-tune the NLI cross-encoder (the recipe of the shipped model)."""
    _setup(True)
    with _errors():
        from factcheck.training.nli import TrainConfig, train_nli

        result = train_nli(
            TrainConfig(
                train_files=tuple(str(p) for p in train or ()),
                output_dir=str(output),
                mix_data=str(mix_data) if mix_data else None,
                init_from=init,
                snli_pairs=snli_pairs,
                synthetic_pairs=synthetic_pairs,
                contrastive_pairs=contrastive_pairs,
                nei_pairs=nei_pairs,
                alias_pairs=alias_pairs,
                components=tuple(c.strip() for c in components.split(",") if c.strip()),
                real_limit=real_limit,
                debias=debias,
                log_file=str(log_file) if log_file else None,
                checkpoint_every=checkpoint_every,
                stop_after=stop_after,
                max_length=max_length,
                eval_file=str(eval_file) if eval_file else None,
                base_model=base,
                epochs=epochs,
                batch_size=batch_size,
                learning_rate=lr,
                seed=seed,
                max_train_pairs=max_train_pairs,
                max_eval_pairs=max_eval_pairs,
            ),
            resume=resume,
        )
        acc = result.metrics.get("accuracy")
        typer.echo(
            f"saved {result.output_dir} after {result.steps} steps"
            + (f"; eval accuracy {acc:.4f}" if acc is not None else "")
        )


@app.command("train-checkworthiness")
def train_checkworthiness_cmd(
    train: Annotated[
        Path, typer.Option("--train", help="ClaimBuster two_class train.json, or JSONL with text and label.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for head.json and its model card.")],
    embedder: Annotated[str, typer.Option(help="Sentence embedder the head reads.")] = "minilm",
    seed: Annotated[int, typer.Option()] = 42,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = True,
) -> None:
    """Train the check-worthiness head (the recipe of the shipped one; test data is never read)."""
    _setup(verbose)
    with _errors():
        from factcheck.training.checkworthy import train_checkworthiness

        head = train_checkworthiness(train, output, embedder=embedder, seed=seed)
        chosen = head.meta["chosen"]
        typer.echo(
            f"wrote {output / 'head.json'}: C={chosen['C']}, cross-validated F1 {chosen['cv_f1']:.4f} "
            f"at threshold {chosen['threshold']:.2f}"
        )


@app.command("calibrate")
def calibrate_cmd(
    model: Annotated[
        str, typer.Argument(help="NLI model folder (or alias) to calibrate; calibration.json goes there.")
    ],
    data: Annotated[Path, typer.Option(help="The third-party data folder (../shared/data).")] = Path("../shared/data"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the calibration, do not write it.")] = False,
) -> None:
    """Fit the temperature, verdict thresholds and confidence maps on the dev split."""
    import json

    _setup(True)
    with _errors():
        from factcheck.training.calibrate import calibrate

        cal = calibrate(model, data, save=not dry_run)
        _emit_json(json.dumps({"temperature": cal.temperature, **cal.info}, indent=2), None)


@app.command("train-decision")
def train_decision_cmd(
    model: Annotated[str, typer.Argument(help="NLI model folder (or alias); decision.json goes there.")],
    data: Annotated[Path, typer.Option(help="The third-party data folder (../shared/data).")] = Path("../shared/data"),
    per_source: Annotated[int, typer.Option("--per-source", min=10, help="Train pairs per source.")] = 600,
    seed: Annotated[int, typer.Option()] = 42,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the decision model, do not write it.")] = False,
) -> None:
    """Train the verdict decision on the fact-checking sets run through verification (retrain after the NLI model)."""
    import json

    _setup(True)
    with _errors():
        from factcheck.training.decision import train_decision

        decision = train_decision(model, data, per_source=per_source, seed=seed, save=not dry_run)
        typer.echo(json.dumps(decision.info, indent=2))


# ------------------------------------------------------------------------------------------------
# serve
# ------------------------------------------------------------------------------------------------


@app.command()
def serve(
    corpus: Annotated[
        Path | None, typer.Option(help="Reference corpus: folder, .jsonl or .csv (index cached).")
    ] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder built by `factcheck index`.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless you mean otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1000, help="Largest request body accepted.")] = 2_000_000,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=100, help="Passages retrieved per claim.")] = 5,
    nli: Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")] = "factcheck-nli",
    precision: Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")] = "fp32",
    embedder: Annotated[
        str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Serve a local web app: paste an article, read its report; POST /api/check for the JSON."""
    _set_quiet(quiet)
    _setup(verbose)
    with _errors():
        from factcheck.serve import check_port, require_extra, run

        require_extra()
        check_port(host, port)
        with _progress() as progress:
            checker = _checker(
                corpus, index, embedder=embedder, nli=_nli(nli, precision), top_k=top_k, progress=progress
            )
        err = _stderr()

        def ready(seconds: float) -> None:
            if not _is_quiet():
                err.print(
                    f"models loaded and warmed up in {seconds:.1f}s; open http://{host}:{port}/ (Ctrl+C stops)",
                    highlight=False,
                    soft_wrap=True,
                )

        run(checker, host=host, port=port, max_bytes=max_bytes, quiet=_is_quiet(), on_ready=ready)


def _print_version(value: bool) -> None:
    if value:
        from factcheck import __version__

        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Verify the factual claims of news articles against a reference corpus."""
    _STATE["quiet"] = quiet


@app.command()
def version() -> None:
    """Print the factcheck version."""
    from factcheck import __version__

    typer.echo(__version__)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
