"""The articles of a batch, read lazily from a folder of article files or a JSONL file.

* A folder: every ``.txt``, ``.md``/``.markdown`` and ``.html``/``.htm`` file under it, read
  recursively in path order (hidden files and folders are ignored); the article id is the path
  relative to the folder without its suffix, as for a corpus.  HTML files are read as HTML,
  Markdown files as Markdown, the rest sniffed (see :func:`factcheck.text.parse_article`).
* A JSONL file (``.jsonl``, ``.ndjson``, ``.json``): one article per line with ``id``, ``text``
  and optional ``published`` (``YYYY-MM-DD``, or an ISO date-time) and ``title``.

An article that cannot be checked does not stop the batch: it is yielded as a :class:`Skipped`
with its reason (an empty or binary file, text that is not UTF-8, a file that is not an article,
a line that is not JSON, a record without ``id`` or ``text``, a bad ``published`` date, an id seen
before).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from factcheck.corpus import TEXT_SUFFIXES
from factcheck.errors import InputError
from factcheck.text import decode_bytes

InputKind = Literal["folder", "jsonl"]
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article to check: its text and what the input says about it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    fmt: str = "auto"

    def to_row(self) -> dict[str, Any]:
        """A flat record of strings (for Ray Data); :meth:`from_row` reads it back."""
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title or "",
            "published": self.published.isoformat() if self.published else "",
            "source": self.source or "",
            "fmt": self.fmt,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ArticleInput:
        published = str(row.get("published") or "")
        return cls(
            id=str(row["id"]),
            text=str(row["text"]),
            title=str(row.get("title") or "") or None,
            published=date.fromisoformat(published) if published else None,
            source=str(row.get("source") or "") or None,
            fmt=str(row.get("fmt") or "auto"),
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article of the input that was not checked, and why."""

    id: str
    source: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "source": self.source, "reason": self.reason}


def input_kind(path: Path) -> InputKind:
    """``folder`` or ``jsonl``; anything else is an :class:`InputError` saying what is accepted."""
    if not path.exists():
        raise InputError(f"batch input {path} does not exist; give a folder of articles or a .jsonl file")
    if path.is_dir():
        return "folder"
    if path.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    raise InputError(
        f"cannot read batch input {path}: give a folder of .txt/.md/.html articles or a .jsonl file "
        "with id, text and optional published and title per line"
    )


def count_inputs(path: str | os.PathLike[str]) -> int:
    """How many records :func:`iter_inputs` will yield (files, or non-blank lines), without parsing them."""
    p = Path(path).expanduser()
    if input_kind(p) == "folder":
        return sum(1 for _ in _folder_files(p))
    with p.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def iter_inputs(path: str | os.PathLike[str]) -> Iterator[ArticleInput | Skipped]:
    """Every article of the input in order, or a :class:`Skipped` saying why it cannot be checked."""
    p = Path(path).expanduser()
    records = _iter_folder(p) if input_kind(p) == "folder" else _iter_jsonl(p)
    first_seen: dict[str, str] = {}
    for record in records:
        if isinstance(record, ArticleInput):
            if record.id in first_seen:
                where = record.source or record.id
                yield Skipped(record.id, where, f"duplicate article id (first at {first_seen[record.id]})")
                continue
            first_seen[record.id] = record.source or record.id
        yield record


def _folder_files(folder: Path) -> Iterator[Path]:
    files = (
        f
        for f in folder.rglob("*")
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts)
    )
    yield from sorted(files)


def _iter_folder(folder: Path) -> Iterator[ArticleInput | Skipped]:
    for file in _folder_files(folder):
        rel = file.relative_to(folder).as_posix()
        suffix = file.suffix.lower()
        article_id = rel[: -len(file.suffix)] if file.suffix else rel
        if suffix not in TEXT_SUFFIXES:
            yield Skipped(article_id, rel, f"not an article file (expected {', '.join(TEXT_SUFFIXES)})")
            continue
        try:
            text = decode_bytes(file.read_bytes(), name=rel)
        except InputError as exc:
            yield Skipped(article_id, rel, str(exc))
            continue
        except OSError as exc:
            yield Skipped(article_id, rel, f"cannot read {rel}: {exc.strerror or exc}")
            continue
        fmt = "html" if suffix in _HTML_SUFFIXES else "markdown" if suffix in _MARKDOWN_SUFFIXES else "auto"
        yield ArticleInput(article_id, text, source=rel, fmt=fmt)


def _iter_jsonl(path: Path) -> Iterator[ArticleInput | Skipped]:
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            yield _jsonl_record(raw, f"{path.name}:{lineno}")


def _jsonl_record(raw: bytes, where: str) -> ArticleInput | Skipped:
    try:
        line = decode_bytes(raw, name=f"line {where}")
        row = json.loads(line)
    except InputError as exc:
        return Skipped(f"line {where}", where, str(exc))
    except json.JSONDecodeError as exc:
        return Skipped(f"line {where}", where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(row, dict):
        return Skipped(f"line {where}", where, f"expected a JSON object with id and text, got {type(row).__name__}")
    raw_id = row.get("id")
    if raw_id is None or isinstance(raw_id, (dict, list, bool)) or str(raw_id).strip() == "":
        return Skipped(f"line {where}", where, "record has no id (a string or number)")
    article_id = str(raw_id)
    text = row.get("text")
    if not isinstance(text, str):
        return Skipped(article_id, where, "record has no text (a string)")
    if not text.strip():
        return Skipped(article_id, where, "article text is empty")
    if "\x00" in text[:8192]:
        return Skipped(article_id, where, "article text looks binary (it contains NUL characters)")
    try:
        published = _published(row.get("published"))
    except ValueError as exc:
        return Skipped(article_id, where, str(exc))
    title = row.get("title")
    return ArticleInput(
        article_id,
        text,
        title=str(title) if title not in (None, "") else None,
        published=published,
        source=where,
        fmt="auto",
    )


def _published(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise ValueError(f"published must be a date like 2024-06-19, got {value!r}")
