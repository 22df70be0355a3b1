"""The command line's side of the terminal: user text printed literally, every error on one line.

* :func:`console` gives a rich console that never reads markup or emoji codes in what it prints,
  so a path like ``data/[draft]/a.txt``, a claim with "[sic]" or an evidence cell starting with
  ``[doc-id]`` shows as written (styles are applied with :class:`rich.text.Text` only).
* :func:`print_error` prints ``error: MESSAGE`` as exactly one line: control characters in the
  message (a newline in a file name, an escape sequence) are shown escaped, never interpreted.
* :class:`OneLineErrorsGroup` makes click's usage errors (an unknown option, a value out of range)
  one line too, with the help command to run.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup


def console(*, stderr: bool = False, **kwargs: Any):
    """A rich console that prints text literally (no markup, no emoji codes, no highlighting)."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, **kwargs)


def one_line(text: str) -> str:
    """``text`` on one line: control characters (newlines, tabs, escapes) shown as escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def print_error(message: str) -> None:
    """``error: MESSAGE`` on standard error, one line, the message printed as written."""
    from rich.text import Text

    console(stderr=True, soft_wrap=True).print(Text.assemble(("error: ", "bold red"), one_line(str(message))))


def print_warning(message: str) -> None:
    """``warning: MESSAGE`` on standard error, one line."""
    from rich.text import Text

    console(stderr=True, soft_wrap=True).print(Text.assemble(("warning: ", "yellow"), one_line(str(message))))


def _exception_classes(name: str) -> tuple[type[BaseException], ...]:
    """``name`` from the click that typer uses: its own copy (typer >= 0.2x) or the click package."""
    found = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type) and cls not in found:
            found.append(cls)
    return tuple(found)


_NO_ARGS = _exception_classes("NoArgsIsHelpError")
_USAGE = _exception_classes("ClickException")
_ABORT = (typer.Abort, *_exception_classes("Abort"))


class OneLineErrorsGroup(TyperGroup):
    """A typer command group whose usage errors print as one ``error:`` line (exit code 2)."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except _NO_ARGS as exc:
            exc.show()  # type: ignore[attr-defined]  # a bare `factcheck`: the help text, as before
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except _USAGE as exc:
            ctx = getattr(exc, "ctx", None)
            where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            print_error(exc.format_message() + where)  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except _ABORT:
            print_error("interrupted")
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)
