"""Many articles at once: ``check_batch`` with the local engine or on Ray Data, and index embedding on Ray.

>>> from factcheck.batch import CheckerSpec, check_batch               # doctest: +SKIP
>>> check_batch("articles.jsonl", "out/", checker=CheckerSpec("index/"))  # doctest: +SKIP

See :mod:`factcheck.batch.runner` (the run), :mod:`factcheck.batch.inputs` (what a batch reads),
:mod:`factcheck.batch.output` (what it writes, and how a rerun resumes),
:mod:`factcheck.batch.work` (checking one group of articles), :mod:`factcheck.batch.ray_engine`
and :mod:`factcheck.batch.ray_embed` (the Ray engine; Ray is the optional extra ``factcheck[ray]``).
"""

from __future__ import annotations

from factcheck.batch.inputs import ArticleInput, Skipped, iter_inputs
from factcheck.batch.memo import MemoEmbedder
from factcheck.batch.output import BatchOutput, read_summary
from factcheck.batch.ray_engine import RayOptions
from factcheck.batch.runner import ENGINES, CheckerSpec, Engine, check_batch
from factcheck.batch.work import ArticleOutcome, check_articles

__all__ = [
    "ENGINES",
    "ArticleInput",
    "ArticleOutcome",
    "BatchOutput",
    "CheckerSpec",
    "Engine",
    "MemoEmbedder",
    "RayOptions",
    "Skipped",
    "check_articles",
    "check_batch",
    "iter_inputs",
    "read_summary",
]
