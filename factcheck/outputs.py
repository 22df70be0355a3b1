"""Output files written whole or not at all, and JSON that any strict parser reads.

* :func:`write_output` writes a file through a temporary file in the same folder and renames it
  into place, so an interrupted or failed write (disk full, permission denied) leaves the old file
  or none, never half of one; its errors are :class:`~factcheck.errors.OutputError` naming the path.
* :func:`prepare_output_folder` creates a folder for several outputs, refusing a file in the way.
* :func:`strict_json` makes sure a JSON text has no ``NaN``/``Infinity`` (which Python writes
  and strict parsers refuse): non-finite numbers become ``null``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from factcheck.errors import OutputError, os_error


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def strict_json(text: str, *, indent: int | None = None) -> str:
    """``text`` if a strict JSON parser reads it, else the same JSON with non-finite numbers as null."""
    try:
        json.loads(text, parse_constant=_refuse_constant)
        return text
    except ValueError:
        value = _finite(json.loads(text))
        return json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False)


def strict_jsonl(text: str) -> str:
    """Each line of a JSON Lines text made strict (see :func:`strict_json`)."""
    lines = text.split("\n")
    return "\n".join(strict_json(line) if line.strip() else line for line in lines)


def prepare_output_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) for outputs; an existing file there is an error."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output folder {folder} is a file; give a folder path (it is created if missing)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, folder, action="creating the output folder") from None
    return folder


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` (a final newline added) to ``output``, or to standard output when None.

    The file appears whole or not at all: the text goes to a temporary file beside it, which is
    renamed over ``output`` once written and flushed; on any failure the temporary file is removed.
    """
    data = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    if output.is_dir():
        raise OutputError(f"output {output} is a folder; give a file path such as {output / 'report.json'}")
    parent = output.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"cannot write {output}: {parent} is a file, not a folder")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, parent, action="creating the folder of") from None
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
        tmp = None
    except OSError as exc:
        raise os_error(exc, output, action="writing") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
