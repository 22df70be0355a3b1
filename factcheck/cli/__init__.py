"""The ``factcheck`` command line: a thin shell over the library.

Exit codes (stable, for CI jobs):

* 0 — every checked claim is SUPPORTED (or the command succeeded);
* 1 — ``check`` flagged at least one claim (REFUTED or NOT_ENOUGH_INFO);
* 2 — bad usage or bad input (missing file, empty article, bad corpus, incompatible index, ...);
* 3 — an internal error (a bug: please report it with the output of ``FACTCHECK_DEBUG=1``).

One module per group of commands; :mod:`factcheck.cli.shell` holds what they share.  Importing
the package registers every command, in the order ``factcheck --help`` lists them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli import shell
from factcheck.cli.shell import EXIT_FLAGGED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, QUIET_HELP, app

# isort: off
# Importing a command module registers its commands; this order is the order of `--help`.
from factcheck.cli import check, index, evaluate, train, serve  # noqa: F401
from factcheck.cli.index import index_cmd

# isort: on


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Verify the factual claims of news articles against a reference corpus."""
    shell.start(quiet)


@app.command()
def version() -> None:
    """Print the factcheck version."""
    from factcheck import __version__

    typer.echo(__version__)


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["EXIT_FLAGGED", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "app", "index_cmd", "main"]
