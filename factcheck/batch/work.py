"""Checking a group of articles with one loaded :class:`~factcheck.pipeline.FactChecker`.

The same stages as ``FactChecker.check``, in the same order, but over many articles at once:
each article is parsed and its claims extracted by the checker's detector; then the claims of
the whole group go through the checker's retriever and verifier together, at most
``claim_batch`` claims per call, so that evidence windows are embedded once for all of them and
their NLI pairs fill the model's batches.  Claims are verified with their own article's
publication date as the reference: a call only mixes articles of the same date.

An article that cannot be checked (an :class:`~factcheck.errors.InputError` or
:class:`~factcheck.errors.DataError`: an empty or unparseable article) is returned as ``skipped``
with the reason; other library errors (a model or index that cannot be used) stop the batch; an
unexpected error in a stage is narrowed down to the articles that raise it, which are returned as
``failed`` (and logged with their traceback), while the rest of the group is checked.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, Literal

from factcheck.batch.inputs import ArticleInput
from factcheck.config import DEFAULT_BATCH_CLAIMS
from factcheck.errors import DataError, FactCheckError, InputError
from factcheck.text import ParsedArticle, parse_article
from factcheck.types import Claim, Report, Verdict

logger = logging.getLogger(__name__)

Status = Literal["checked", "skipped", "failed"]
#: Errors that concern one article (it is skipped); any other FactCheckError (a model or index that
#: cannot be used) stops the batch.
ARTICLE_ERRORS = (InputError, DataError)


def groups_of(articles: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    """Consecutive groups of ``size`` articles, the unit both engines check.

    A group's claims are batched together through embedding and NLI, and a forward pass over a
    differently composed batch can move a score in its last bits; so the engines form the groups
    the same way, here, and never regroup them.
    """
    iterator = iter(articles)
    while group := list(islice(iterator, size)):
        yield group


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    """What became of one article of a batch: its report, or why it has none.

    An outcome that travelled between processes (:meth:`from_row`) carries its record and verdict
    lines instead of the :class:`~factcheck.types.Report` they were made from.
    """

    id: str
    status: Status
    source: str | None = None
    reason: str | None = None
    report: Report | None = None
    summary: Mapping[str, Any] | None = None
    lines: str | None = None

    def record(self) -> dict[str, Any]:
        """The article's line in ``articles.jsonl`` (checked) or its entry in ``summary.json``."""
        if self.summary is not None:
            return dict(self.summary)
        if self.report is None:
            return {"id": self.id, "status": self.status, "source": self.source, "reason": self.reason}
        article = self.report.article
        return {
            "id": self.id,
            "status": self.status,
            "source": self.source,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "claims": len(self.report.verdicts),
            "flagged": len(self.report.flagged),
            **self.report.counts(),
        }

    def verdict_lines(self) -> str:
        """One JSON line per verdict, each with the article id (``check --format jsonl``)."""
        if self.lines is not None:
            return self.lines
        return self.report.to_jsonl() if self.report is not None else ""

    def to_row(self) -> dict[str, str]:
        """Flat strings (a Ray Data row); :meth:`from_row` reads it back."""
        return {
            "id": self.id,
            "status": self.status,
            "source": self.source or "",
            "reason": self.reason or "",
            "record": json.dumps(self.record(), ensure_ascii=False, default=str),
            "verdicts": self.verdict_lines(),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ArticleOutcome:
        return cls(
            id=str(row["id"]),
            status=str(row["status"]),  # type: ignore[arg-type]
            source=str(row["source"]) or None,
            reason=str(row["reason"]) or None,
            summary=json.loads(str(row["record"])),
            lines=str(row["verdicts"]),
        )


def check_articles(
    checker, articles: Sequence[ArticleInput], *, claim_batch: int = DEFAULT_BATCH_CLAIMS
) -> list[ArticleOutcome]:
    """Check ``articles`` with ``checker`` (its detector, retriever and verifier); one outcome each, in order."""
    if checker.retriever is None:
        from factcheck.errors import ConfigError

        raise ConfigError("the checker has no index; build it with FactChecker.from_corpus() or from_index()")
    outcomes: dict[int, ArticleOutcome] = {}
    parsed: dict[int, ParsedArticle] = {}
    for i, item in enumerate(articles):
        try:
            parsed[i] = parse_article(
                item.text, id=item.id, title=item.title, published=item.published, source=item.source, fmt=item.fmt
            )
        except ARTICLE_ERRORS as exc:
            outcomes[i] = ArticleOutcome(item.id, "skipped", item.source, reason=str(exc))
        except FactCheckError:
            raise
        except Exception as exc:
            outcomes[i] = _failed(item, exc)
    claims = _isolated(lambda idx: checker.detector([parsed[i] for i in idx]), list(parsed), articles, outcomes)
    verdicts = _isolated(
        lambda idx: _verify(checker, [claims[i] for i in idx], [parsed[i].article.published for i in idx], claim_batch),
        list(claims),
        articles,
        outcomes,
    )
    config = checker.describe()
    for i, found in verdicts.items():
        report = Report(parsed[i].article, tuple(found), config, {})
        outcomes[i] = ArticleOutcome(articles[i].id, "checked", articles[i].source, report=report)
    return [outcomes[i] for i in range(len(articles))]


def _verify(
    checker, claims: Sequence[Sequence[Claim]], references: Sequence[date | None], claim_batch: int
) -> list[list[Verdict]]:
    """Verdicts of every article's claims; the claims of articles with the same date are verified together."""
    by_reference: dict[date | None, list[tuple[int, int]]] = {}
    for a, (found, ref) in enumerate(zip(claims, references, strict=True)):
        by_reference.setdefault(ref, []).extend((a, c) for c in range(len(found)))
    out: list[list[Verdict | None]] = [[None] * len(found) for found in claims]
    top_k = checker.verify_config.top_k
    for ref, keys in by_reference.items():
        for start in range(0, len(keys), claim_batch):
            step = keys[start : start + claim_batch]
            batch = [claims[a][c] for a, c in step]
            results = checker.retriever([claim.text for claim in batch], top_k)
            candidates = [checker.retriever.passages(results, j) for j in range(len(batch))]
            for (a, c), verdict in zip(step, checker.verifier(batch, candidates, reference=ref), strict=True):
                out[a][c] = verdict
    return [[v for v in found if v is not None] for found in out]


def _isolated(
    stage: Callable[[list[int]], list[Any]],
    indices: list[int],
    articles: Sequence[ArticleInput],
    outcomes: dict[int, ArticleOutcome],
) -> dict[int, Any]:
    """``stage`` over all ``indices`` at once; if it raises, over each article alone, recording those that fail."""
    if not indices:
        return {}
    if len(indices) > 1:
        try:
            return dict(zip(indices, stage(indices), strict=True))
        except ARTICLE_ERRORS:
            pass
        except FactCheckError:
            raise
        except Exception as exc:
            logger.warning("%s in a group of %d articles; checking them one by one", type(exc).__name__, len(indices))
    done: dict[int, Any] = {}
    for i in indices:
        try:
            done[i] = stage([i])[0]
        except ARTICLE_ERRORS as exc:
            outcomes[i] = ArticleOutcome(articles[i].id, "skipped", articles[i].source, reason=str(exc))
        except FactCheckError:
            raise
        except Exception as exc:
            outcomes[i] = _failed(articles[i], exc)
    return done


def _failed(item: ArticleInput, exc: Exception) -> ArticleOutcome:
    logger.error("article %s failed: %s: %s", item.id, type(exc).__name__, exc, exc_info=exc)
    return ArticleOutcome(item.id, "failed", item.source, reason=f"internal error: {type(exc).__name__}: {exc}")
