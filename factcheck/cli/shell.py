"""What every ``factcheck`` command shares: the app, exit codes, option types, error handling,
quiet mode, reading articles, writing outputs and building the checker.

Commands live in their own modules (:mod:`factcheck.cli.check`, ``index``, ``evaluate``,
``train``, ``serve``) and call these helpers through this module (``shell.checker``), so that a
test can replace one in a single place.
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


ENGINE_HELP = "local (this process) or ray (a Ray actor pool; RAY_ADDRESS names a cluster, else Ray starts locally)."
EngineArg = Annotated[EngineOpt, typer.Option(help=ENGINE_HELP)]
ActorsArg = Annotated[
    int | None, typer.Option(min=1, help="Ray: actors in the pool (default: what the cluster holds).")
]
CpusArg = Annotated[float, typer.Option("--cpus-per-actor", min=0.01, help="Ray: CPUs per actor.")]
GpusArg = Annotated[float, typer.Option("--gpus-per-actor", min=0.0, help="Ray: GPUs per actor (models on CUDA).")]


def engine(ray_options, verbose: bool):
    """Connected to Ray for the whole command when it runs on Ray (an unreachable cluster fails first)."""
    if ray_options is None:
        from contextlib import nullcontext

        return nullcontext()
    from factcheck.batch.ray_engine import ray_session

    return ray_session(verbose=verbose)


def ray_options(engine: EngineOpt, actors: int | None, cpus: float, gpus: float):
    """Ray's actor-pool options, or None for the local engine (a ConfigError when Ray is not installed)."""
    if engine is not EngineOpt.ray:
        return None
    from factcheck.batch.ray_engine import INSTALL_HINT, RayOptions, require_ray
    from factcheck.errors import ConfigError

    try:
        require_ray()
    except ConfigError:
        raise fail(INSTALL_HINT) from None
    return RayOptions(actors=actors, cpus_per_actor=cpus, gpus_per_actor=gpus)


def quiet_libraries() -> None:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # transformers itself is not imported here (it costs seconds and the shipped models run
    # without it); every load through it is wrapped in factcheck.models.quiet_loading.


def stderr():
    """Standard error for messages: text printed literally, nothing at all under --quiet."""
    from factcheck.terminal import console

    return console(stderr=True, soft_wrap=True, quiet=is_quiet())


def stdout(**kwargs):
    from factcheck.terminal import console

    return console(**kwargs)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``error: MESSAGE`` as one line, the message as written (never read as markup)."""
    from factcheck.terminal import print_error

    print_error(message)
    return typer.Exit(code)


@contextmanager
def errors():
    """Turn library errors into one line on stderr and exit code 2; anything else into exit 3.

    An :class:`OSError` that no library code mapped (a full disk or a permission met deep in a
    dependency) is a problem of the user's files, not a bug: it exits 2 naming the path.
    """
    from factcheck.errors import FactCheckError, os_error

    try:
        yield
    except FactCheckError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:  # `factcheck claims ... | head`: the reader has gone
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        raise fail(str(os_error(exc, action="accessing"))) from None
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        raise fail(
            f"internal error: {type(exc).__name__}: {exc} (rerun with FACTCHECK_DEBUG=1 for a traceback)", EXIT_INTERNAL
        ) from None


_STATE = {"quiet": False}  # reset by the app callback on every invocation (start)


def start(quiet: bool) -> None:
    """The state of one invocation: quiet or not (the app callback calls this first)."""
    _STATE["quiet"] = quiet


def is_quiet() -> bool:
    return _STATE["quiet"] or os.environ.get("FACTCHECK_QUIET", "") not in ("", "0")


def set_quiet(quiet: bool) -> None:
    if quiet:
        _STATE["quiet"] = True


@contextmanager
def progress():
    """Progress of long steps on stderr (factcheck.progress): bars on a terminal, lines otherwise, none when quiet."""
    from factcheck.progress import ProgressReporter

    with ProgressReporter(mode="off" if is_quiet() else "auto") as reporter:
        yield reporter


_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def read_article(path: str, input_format: str = "auto") -> tuple[str, str, str]:
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


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from factcheck.errors import ConfigError

        raise ConfigError(f"--published must be a date like 2024-06-19, got {value!r}") from None


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` whole or not at all (standard output when None)."""
    from factcheck.outputs import write_output

    write_output(text, output)


def emit_json(text: str, output: Path | None, *, lines: bool = False) -> None:
    """Emit JSON (or JSON Lines) that a strict parser reads: no NaN or Infinity."""
    from factcheck.outputs import strict_json, strict_jsonl

    emit(strict_jsonl(text) if lines else strict_json(text, indent=2), output)


def check_article(text: str, source: str, fmt: str, published) -> None:
    """Refuse, before any model loads, an article with no body text to check (only headings,
    symbols or emoji); the message says what was read."""
    from factcheck.text import body_problem, parse_article

    problem = body_problem(
        parse_article(text, source=source, fmt=fmt, **({"published": published} if published else {}))
    )
    if problem:
        from factcheck.errors import InputError

        raise InputError(f"{source} has no body text to check ({problem}); give an article with sentences")


def warn_no_claims(source: str) -> None:
    from factcheck.terminal import print_warning

    print_warning(f"no checkable claims found in {source} (no sentence states a figure, date, event or quote)")


def setup(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR if is_quiet() else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    quiet_libraries()


def nli(name: str, precision: str):
    from factcheck.nli import NLIScorer

    return NLIScorer(name, precision=precision)


def checker(
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
        raise fail("give exactly one of --corpus PATH or --index DIR")
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


QUIET_HELP = "No progress or notes on stderr (errors still show); also FACTCHECK_QUIET=1."
#: Options several commands share, declared once.
NliArg = Annotated[str, typer.Option(help="NLI model: alias, local folder or hub id.")]
PrecisionArg = Annotated[str, typer.Option(help="NLI inference precision: fp32, or int8 (CPU, faster).")]
EmbedderArg = Annotated[str | None, typer.Option(help="Embedder (default: the shipped MiniLM, or the index's).")]
VerboseArg = Annotated[bool, typer.Option("--verbose", "-v")]
QuietArg = Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)]
INPUT_FORMAT_HELP = (
    "What ARTICLE is: auto (.html/.htm files and HTML-looking text are HTML), text, markdown or html. "
    "For HTML, spans index the HTML as given."
)
