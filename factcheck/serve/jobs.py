"""The desk: one loaded checker that runs checks one at a time, for the API and the page.

``/api/check`` answers a check synchronously; the page submits a *job* instead and polls its
progress (stage, claims verified out of how many), then loads the finished report.  Both go
through :class:`Desk`, which holds the checker (models and index loaded once, at start) and a
lock, so checks never run concurrently on the same models.  Finished jobs are kept in memory,
the most recent :data:`KEEP_JOBS` only.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from factcheck.types import Report

KEEP_JOBS = 32
JobStatus = Literal["queued", "running", "done", "error"]
#: What the warm-up checks: a claim with a figure, so that every model is loaded and run once.
WARM_UP_CLAIM = "Vladimir Putin visited Pyongyang in July 2000."


@dataclass(frozen=True, slots=True)
class CheckInput:
    """One article to check, as the API receives it."""

    text: str
    published: date | None = None
    fmt: str = "auto"
    title: str | None = None
    source: str | None = None

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fmt": self.fmt, "source": self.source or "<request>"}
        if self.published is not None:
            out["published"] = self.published
        if self.title:
            out["title"] = self.title
        return out


@dataclass(slots=True)
class Job:
    id: str
    request: CheckInput
    status: JobStatus = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    submitted: float = field(default_factory=time.monotonic)
    finished: float | None = None
    error: str | None = None
    report: Report | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    def to_dict(self) -> dict[str, Any]:
        end = self.finished if self.finished is not None else time.monotonic()
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "elapsed": round(end - self.submitted, 3),
            "error": self.error,
        }
        if self.report is not None:
            out["summary"] = {"claims": len(self.report.verdicts), "flagged": len(self.report.flagged)}
            out["summary"].update(self.report.counts())
            out["links"] = {"html": f"/api/jobs/{self.id}/report.html", "json": f"/api/jobs/{self.id}/report.json"}
        return out


class Desk:
    """A checker shared by every request; checks run one at a time (see the module doc)."""

    def __init__(self, checker: Any, *, keep: int = KEEP_JOBS) -> None:
        self.checker = checker
        self.keep = keep
        self.checks = 0
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-job")

    def warm_up(self) -> float:
        """Load and run every model once (spaCy, the embedder, the check-worthiness head, NLI); seconds taken."""
        started = time.perf_counter()
        with self._lock:
            self.checker.extract(WARM_UP_CLAIM)
            self.checker.check_claims([WARM_UP_CLAIM])
        return time.perf_counter() - started

    def check(self, request: CheckInput, progress: Callable[[str, int, int], None] | None = None) -> Report:
        """Check one article now (waits for any check in progress)."""
        with self._lock:
            report = self.checker.check(request.text, progress=progress, **request.fields())
            self.checks += 1
            return report

    def submit(self, request: CheckInput, on_error: Callable[[BaseException], str]) -> Job:
        """Queue a check; ``on_error`` turns an exception into the message the job reports."""
        job = Job(uuid.uuid4().hex[:16], request)
        with self._jobs_lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, on_error)
        return job

    def _run(self, job: Job, on_error: Callable[[BaseException], str]) -> None:
        job.status, job.stage = "running", "finding claims"
        try:
            job.report = self.check(job.request, progress=job.progress)
            job.status, job.stage = "done", "done"
        except BaseException as exc:  # reported to the page, never lost in a worker thread
            job.status, job.stage, job.error = "error", "failed", on_error(exc)
        finally:
            job.finished = time.monotonic()

    def job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
