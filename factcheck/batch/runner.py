"""``check_batch``: check every article of a folder or JSONL file into an output folder.

>>> spec = CheckerSpec(index="index/")                                   # doctest: +SKIP
>>> summary = check_batch("articles.jsonl", "results/", checker=spec)    # doctest: +SKIP
>>> summary["articles"]["checked"], summary["labels"]                    # doctest: +SKIP

The checker is built once (once per actor on Ray) from ``checker``, a picklable factory such as
:class:`CheckerSpec`.  Articles are checked a group at a time (:func:`factcheck.batch.work.check_articles`)
by the local engine, in this process, or by a pool of Ray actors (``engine="ray"``,
:mod:`factcheck.batch.ray_engine`); either way every finished group is written to the output
folder (:mod:`factcheck.batch.output`) before the next is taken, and articles the folder already
holds are not checked again.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from factcheck.batch.inputs import ArticleInput, Skipped, count_inputs, iter_inputs
from factcheck.batch.output import BatchOutput
from factcheck.batch.work import ArticleOutcome, check_articles, groups_of
from factcheck.config import DEFAULT_BATCH_ARTICLES, DEFAULT_BATCH_CLAIMS, DEFAULT_NLI_MODEL, DEFAULT_TOP_K
from factcheck.errors import ConfigError

Engine = Literal["local", "ray"]
Progress = Callable[[str, int, int], None]
ENGINES = ("local", "ray")
#: A run whose first this-many articles all fail with an internal error stops: the checker is broken.
FAILURES_BEFORE_ABORT = 10
#: Seconds between rewrites of summary.json during a run.
SUMMARY_EVERY = 30.0


@dataclass(frozen=True, slots=True)
class CheckerSpec:
    """How to build the checker of a batch: an index folder and model names (picklable for Ray actors)."""

    index: str
    embedder: str | None = None  # default: the embedder the index was built with
    nli: str = DEFAULT_NLI_MODEL
    precision: str = "fp32"
    top_k: int = DEFAULT_TOP_K
    claim_threshold: float | None = None
    device: str | None = None  # "cuda" on a GPU actor

    def __call__(self):
        """A :class:`~factcheck.pipeline.FactChecker` whose embedder encodes each distinct text once."""
        from factcheck.batch.memo import MemoEmbedder
        from factcheck.config import VerifyConfig
        from factcheck.embed import Embedder
        from factcheck.index import read_manifest
        from factcheck.nli import NLIScorer
        from factcheck.pipeline import FactChecker

        name = self.embedder or str(read_manifest(Path(self.index).expanduser())["embedder"]["name"])
        return FactChecker.from_index(
            self.index,
            embedder=MemoEmbedder(Embedder(name, device=self.device)),
            nli=NLIScorer(self.nli, precision=self.precision, device=self.device),
            verify=VerifyConfig(top_k=self.top_k),
            claim_threshold=self.claim_threshold,
        )

    def on_device(self, device: str | None) -> CheckerSpec:
        return replace(self, device=device)


def config_key(description: dict[str, Any]) -> dict[str, Any]:
    """What must match for two runs to share an output folder: the checker's description without paths."""
    key = {k: v for k, v in description.items() if k != "index"}
    index = description.get("index") or {}
    key["index"] = {k: v for k, v in index.items() if k != "path"}
    return json.loads(json.dumps(key, default=str))  # as summary.json holds it


def check_batch(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    checker: Callable[[], Any],
    engine: Engine = "local",
    group_size: int = DEFAULT_BATCH_ARTICLES,
    claim_batch: int = DEFAULT_BATCH_CLAIMS,
    ray_options=None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Check every article of ``source`` into the folder ``out``; returns the run's summary (``summary.json``).

    ``checker`` builds the :class:`~factcheck.pipeline.FactChecker` (called once here, and once per
    actor on Ray).  ``ray_options`` (:class:`factcheck.batch.ray_engine.RayOptions`) sizes the actor
    pool of the Ray engine.
    """
    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if group_size < 1 or claim_batch < 1:
        raise ConfigError(f"group_size and claim_batch must be >= 1, got {group_size} and {claim_batch}")
    with contextlib.ExitStack() as stack:
        if engine == "ray":  # connect first: an unreachable cluster fails before any work
            from factcheck.batch.ray_engine import RayOptions, ray_session

            ray = stack.enter_context(ray_session())
            ray_options = ray_options or RayOptions()
            pool = ray_options.pool_size(ray.cluster_resources())
            engine_info = {"name": "ray", "actors": pool, "cpus_per_actor": ray_options.cpus_per_actor,
                           "gpus_per_actor": ray_options.gpus_per_actor}  # fmt: skip
        else:
            engine_info = {"name": "local"}
        return _check_batch(source, out, checker, engine_info, group_size, claim_batch, ray_options, progress)


def _check_batch(source, out, checker, engine_info, group_size, claim_batch, ray_options, progress) -> dict[str, Any]:
    started = time.perf_counter()
    engine = engine_info["name"]
    total = count_inputs(source)
    local = checker()
    description = local.describe()
    run = _Run(Path(source), BatchOutput(out), description, engine_info, total, progress)
    with run.output.open(config_key(description)):
        run.start()
        try:
            groups = groups_of(run.pending(iter_inputs(source)), group_size)  # the same groups on either engine
            if engine == "local":
                checked: Iterable[list[ArticleOutcome]] = (
                    check_articles(local, group, claim_batch=claim_batch) for group in groups
                )
            else:
                from factcheck.batch.ray_engine import RayOptions, check_on_ray

                del local  # the actors build their own
                checked = check_on_ray(checker, groups, options=ray_options or RayOptions(), claim_batch=claim_batch)
            with contextlib.closing(iter(checked)) as stream:  # closing the Ray engine's stream shuts Ray down
                for outcomes in stream:
                    run.add(outcomes)
        except BaseException:
            run.finish("interrupted", time.perf_counter() - started)
            raise
        return run.finish("complete", time.perf_counter() - started)


class _Run:
    """The bookkeeping of one run: what was skipped, resumed, failed, and the summary it writes."""

    def __init__(self, source: Path, output: BatchOutput, description: dict, engine: str, total: int, progress) -> None:
        self.source, self.output, self.description, self.engine = source, output, description, engine
        self.total, self.progress = total, progress
        self.handled = self.resumed = self.checked = 0
        self.skipped: list[dict[str, Any]] = []
        self.failed: list[dict[str, Any]] = []
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._last_summary = 0.0

    def start(self) -> None:
        self.output.write_summary(self.summary("running", 0.0))
        self._last_summary = time.monotonic()
        self._advance(0)

    def pending(self, records: Iterator[ArticleInput | Skipped]) -> Iterator[ArticleInput]:
        """The articles still to check; records skipped at reading and articles already written are counted."""
        for record in records:
            if isinstance(record, Skipped):
                self.skipped.append(record.to_dict())
                self._advance(1)
            elif record.id in self.output.done:
                self.resumed += 1
                self._advance(1)
            else:
                yield record

    def add(self, outcomes: list[ArticleOutcome]) -> None:
        self.output.write(outcomes)
        for outcome in outcomes:
            if outcome.status == "checked":
                self.checked += 1
            elif outcome.status == "skipped":
                self.skipped.append(_entry(outcome))
            else:
                self.failed.append(_entry(outcome))
        if self.checked == 0 and len(self.failed) >= FAILURES_BEFORE_ABORT:
            raise RuntimeError(f"the first {len(self.failed)} articles all failed: {self.failed[0]['reason']}")
        self._advance(len(outcomes))
        if time.monotonic() - self._last_summary >= SUMMARY_EVERY:
            self.output.write_summary(self.summary("running", 0.0))
            self._last_summary = time.monotonic()

    def _advance(self, n: int) -> None:
        self.handled += n
        if self.progress is not None:
            self.progress("checking articles", self.handled, self.total)

    def finish(self, status: str, seconds: float) -> dict[str, Any]:
        summary = self.summary(status, seconds)
        self.output.write_summary(summary)
        return summary

    def summary(self, status: str, seconds: float) -> dict[str, Any]:
        totals = self.output.totals
        return {
            "status": status,
            "input": str(self.source),
            "engine": self.engine["name"],
            **({"ray": {k: v for k, v in self.engine.items() if k != "name"}} if self.engine["name"] == "ray" else {}),
            "started": self.started_at,
            "articles": {
                "in_input": self.total,
                "checked": totals["articles"],
                "checked_this_run": self.checked,
                "already_done": self.resumed,
                "skipped": len(self.skipped),
                "failed": len(self.failed),
            },
            "claims": totals["claims"],
            "flagged": totals["flagged"],
            "labels": {k: totals[k] for k in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")},
            "skipped": self.skipped,
            "failed": self.failed,
            "seconds": round(seconds, 2),
            "articles_per_second": round(self.checked / seconds, 4) if seconds > 0 else None,
            "config": self.description,
            "config_key": config_key(self.description),
        }


def _entry(outcome: ArticleOutcome) -> dict[str, Any]:
    return {"id": outcome.id, "source": outcome.source, "reason": outcome.reason}


__all__ = ["ENGINES", "CheckerSpec", "Engine", "check_batch", "config_key"]
