"""``factcheck serve``: the local web app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import factcheck.cli.shell as shell
from factcheck.cli.shell import EmbedderArg, NliArg, PrecisionArg, QuietArg, VerboseArg, app


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
    nli: NliArg = "factcheck-nli",
    precision: PrecisionArg = "fp32",
    embedder: EmbedderArg = None,
    verbose: VerboseArg = False,
    quiet: QuietArg = False,
) -> None:
    """Serve a local web app: paste an article, read its report; POST /api/check for the JSON."""
    shell.set_quiet(quiet)
    shell.setup(verbose)
    with shell.errors():
        from factcheck.serve import check_port, require_extra, run

        require_extra()
        check_port(host, port)
        with shell.progress() as progress:
            checker = shell.checker(
                corpus, index, embedder=embedder, nli=shell.nli(nli, precision), top_k=top_k, progress=progress
            )
        err = shell.stderr()

        def ready(seconds: float) -> None:
            if not shell.is_quiet():
                err.print(
                    f"models loaded and warmed up in {seconds:.1f}s; open http://{host}:{port}/ (Ctrl+C stops)",
                    highlight=False,
                    soft_wrap=True,
                )

        run(checker, host=host, port=port, max_bytes=max_bytes, quiet=shell.is_quiet(), on_ready=ready)
