"""The output folder of a batch, written as it goes and resumable.

``DIR/verdicts.jsonl``
    one verdict per line, each with its ``article_id`` (the lines of ``check --format jsonl``);
``DIR/articles.jsonl``
    one line per checked article: id, source, title, date, claim and label counts, and
    ``verdicts_end``, the size of ``verdicts.jsonl`` once that article's verdicts were written;
``DIR/summary.json``
    the run: input, engine, the checker's configuration, totals, the skipped and failed articles
    with their reasons, timings (rewritten atomically at the start, after each group and at the end).

An article's verdict lines are flushed to disk before its line in ``articles.jsonl`` is written,
so ``articles.jsonl`` only names articles whose verdicts are complete.  Reopening the folder
(:meth:`BatchOutput.open`) cuts a partial last line off ``articles.jsonl`` and cuts
``verdicts.jsonl`` back to the last article listed there: a run killed at any point loses at most
the group it was writing, and a rerun checks exactly the articles not listed.  A folder written
with another configuration (index, models, thresholds) is refused rather than mixed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.batch.work import ArticleOutcome
from factcheck.errors import ConfigError, DataError

VERDICTS = "verdicts.jsonl"
ARTICLES = "articles.jsonl"
SUMMARY = "summary.json"
LOCK = ".lock"


class BatchOutput:
    """Appends outcomes to the output folder; knows which articles it already holds."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder).expanduser()
        self.done: set[str] = set()
        #: Totals over every article in the folder (this run and earlier ones).
        self.totals: Counter[str] = Counter()
        self._verdicts = self._articles = self._lock = None

    # -- opening and recovery ------------------------------------------------------------------
    def open(self, config_key: dict[str, Any]) -> BatchOutput:
        """Lock the folder, check it holds results of the same configuration, recover a cut-off run."""
        if self.folder.exists() and not self.folder.is_dir():
            raise ConfigError(f"--out {self.folder} is a file; give a folder for the batch results")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        previous = read_summary(self.folder)
        if previous is not None and previous.get("config_key") != config_key:
            self.close()
            raise ConfigError(
                f"{self.folder} holds the results of a batch with another configuration (index, models or "
                "thresholds); give another --out folder, or delete this one to start over"
            )
        end = self._recover_articles()
        self._verdicts = _open_truncated(self.folder / VERDICTS, end)
        self._articles = (self.folder / ARTICLES).open("ab")
        return self

    def _acquire_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        handle = (self.folder / LOCK).open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise ConfigError(
                f"another batch is writing to {self.folder}; wait for it to finish or give another --out folder"
            ) from None
        self._lock = handle

    def _recover_articles(self) -> int:
        """Read ``articles.jsonl`` (cutting a partial last line); the verdict bytes it accounts for."""
        path = self.folder / ARTICLES
        if not path.exists():
            return 0
        data = path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) < len(data):
            with path.open("r+b") as handle:
                handle.truncate(len(complete))
        end = 0
        for lineno, line in enumerate(complete.splitlines(), 1):
            try:
                row = json.loads(line)
                article_id, end = str(row["id"]), int(row["verdicts_end"])
            except (ValueError, KeyError, TypeError):
                raise DataError(
                    f"{path}:{lineno} is damaged; delete {self.folder} (or that line and everything after it) and rerun"
                ) from None
            self.done.add(article_id)
            self._count(row)
        return end

    # -- writing -------------------------------------------------------------------------
    def write(self, outcomes: Sequence[ArticleOutcome]) -> None:
        """Append the checked ones among ``outcomes``: verdicts first (flushed to disk), then their article lines."""
        assert self._verdicts is not None and self._articles is not None, "open() the output first"
        rows = []
        for outcome in outcomes:
            if outcome.status != "checked" or outcome.id in self.done:
                continue
            self._verdicts.write(outcome.verdict_lines().encode("utf-8"))
            rows.append({**outcome.record(), "verdicts_end": self._verdicts.tell()})
        if not rows:
            return
        _sync(self._verdicts)
        self._articles.write(b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in rows))
        _sync(self._articles)
        for row in rows:
            self.done.add(str(row["id"]))
            self._count(row)

    def write_summary(self, summary: dict[str, Any]) -> None:
        """Replace ``summary.json`` atomically."""
        path = self.folder / SUMMARY
        tmp = path.with_name(f".{SUMMARY}.tmp")
        tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        tmp.replace(path)

    def _count(self, row: dict[str, Any]) -> None:
        self.totals["articles"] += 1
        for key in ("claims", "flagged", "SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"):
            self.totals[key] += int(row.get(key, 0))

    def close(self) -> None:
        for name in ("_verdicts", "_articles", "_lock"):
            handle = getattr(self, name)
            if handle is not None:
                with contextlib.suppress(OSError):
                    handle.close()
                setattr(self, name, None)

    def __enter__(self) -> BatchOutput:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_summary(folder: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The ``summary.json`` of an output folder, or None when there is none (or it cannot be read)."""
    path = Path(folder).expanduser() / SUMMARY
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _open_truncated(path: Path, end: int):
    """``path`` opened for appending after cutting it to ``end`` bytes (what the article lines account for)."""
    size = path.stat().st_size if path.exists() else 0
    if size < end:
        raise DataError(
            f"{path} is shorter ({size} bytes) than {ARTICLES} says ({end}); delete {path.parent} and rerun"
        )
    if size > end:
        os.truncate(path, end)
    return path.open("ab")


def _sync(handle) -> None:
    handle.flush()
    with contextlib.suppress(OSError):
        os.fsync(handle.fileno())
