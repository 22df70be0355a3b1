"""Reading JSON Lines files with errors that name the file and line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.errors import DataError, InputError
from factcheck.text import decode_bytes


def iter_records(
    path: str | os.PathLike[str], *, error: type[DataError] = DataError
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``("FILE:LINE", object)`` for every non-blank line of a UTF-8 JSONL file.

    A line that is not JSON, or not a JSON object, raises ``error`` naming the file and line; a file
    that cannot be read as UTF-8 text raises ``error`` too.
    """
    p = Path(path)
    try:
        text = decode_bytes(p.read_bytes(), name=str(p))
    except InputError as exc:
        raise error(str(exc)) from None
    except OSError as exc:
        raise error(f"cannot read {p}: {exc.strerror or exc}") from None
    # split on line feeds only: str.splitlines() also splits inside a JSON string holding U+2028
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{p}:{lineno}"
        try:
            row = json.loads(line, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise error(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line") from None
        except (ValueError, RecursionError) as exc:  # NaN/Infinity, or nesting deeper than the parser goes
            raise error(f"{where}: not valid JSON ({exc}); fix or remove the line") from None
        if not isinstance(row, dict):
            raise error(f"{where}: expected a JSON object per line, got {type(row).__name__}")
        yield where, row


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")
