"""The Ray engine: batch checking on a pool of Ray actors (Ray Data), on one machine or a cluster.

Connects to the cluster named by ``RAY_ADDRESS`` when it is set, and starts a local Ray
otherwise.  The groups of articles the runner formed (:func:`factcheck.batch.work.groups_of`, the same as
the local engine's) are handed to Ray Data (``ray.data.from_items``), one row per group and at
most ``options.window`` articles at a time, and checked by ``map_batches`` over an actor pool
(``ActorPoolStrategy``): each actor builds the checker once in its constructor, then checks one
group per call with :func:`factcheck.batch.work.check_articles`, the very function of the local
engine.  A group is never split or merged by Ray's blocks, so the NLI and embedding batches are
composed as they are locally and both engines give the same verdicts.  Results stream back to the
driver, which writes them.

On a cluster every node needs factcheck installed (``pip install 'factcheck[ray]'``) and the
index folder at the same path (a shared file system).  Ray is an optional dependency: without it
``--engine ray`` is a :class:`~factcheck.errors.ConfigError` saying how to install it.
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from factcheck.batch.inputs import ArticleInput
from factcheck.batch.work import ArticleOutcome, check_articles
from factcheck.config import (
    DEFAULT_BATCH_CLAIMS,
    DEFAULT_RAY_CPUS_PER_ACTOR,
    DEFAULT_RAY_WINDOW,
)
from factcheck.errors import ConfigError

logger = logging.getLogger(__name__)

INSTALL_HINT = "--engine ray needs Ray: pip install 'factcheck[ray]'"
#: Seconds to wait for the cluster at RAY_ADDRESS to answer before giving up.
CONNECT_TIMEOUT = 5.0


@dataclass(frozen=True, slots=True)
class RayOptions:
    """The actor pool: ``actors`` (default: as many as the cluster's CPUs, or GPUs, hold) and each one's share."""

    actors: int | None = None
    cpus_per_actor: float = DEFAULT_RAY_CPUS_PER_ACTOR
    gpus_per_actor: float = 0.0
    window: int = DEFAULT_RAY_WINDOW

    def __post_init__(self) -> None:
        if self.actors is not None and self.actors < 1:
            raise ConfigError(f"actors must be >= 1, got {self.actors}")
        if self.cpus_per_actor <= 0 or self.gpus_per_actor < 0:
            raise ConfigError(
                f"cpus per actor must be > 0 and gpus per actor >= 0, got {self.cpus_per_actor} and {self.gpus_per_actor}"
            )
        if self.window < 1:
            raise ConfigError(f"window must be >= 1, got {self.window}")

    def pool_size(self, resources: dict[str, float]) -> int:
        """The number of actors: ``actors``, else what the cluster's resources hold (at least one)."""
        if self.actors is not None:
            return self.actors
        if self.gpus_per_actor > 0:
            return max(1, math.floor(resources.get("GPU", 0) / self.gpus_per_actor))
        return max(1, math.floor(resources.get("CPU", 1) / self.cpus_per_actor))

    def map_args(self, resources: dict[str, float]) -> dict[str, Any]:
        """The resource arguments of ``Dataset.map_batches`` for this pool."""
        import ray.data

        args: dict[str, Any] = {
            "compute": ray.data.ActorPoolStrategy(size=self.pool_size(resources)),
            "num_cpus": self.cpus_per_actor,
        }
        if self.gpus_per_actor > 0:
            args["num_gpus"] = self.gpus_per_actor
        return args


def require_ray():
    """The ``ray`` module, or a ConfigError saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    return ray


@contextmanager
def ray_session(*, verbose: bool = False):
    """Ray connected for the duration: the cluster at ``RAY_ADDRESS``, an already started Ray, or a local one."""
    ray = require_ray()
    started = False
    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS") or None
        if address:
            _probe(address)
        try:
            ray.init(
                address=address,
                include_dashboard=False,
                logging_level=logging.INFO if verbose else logging.WARNING,
                log_to_driver=verbose,
            )
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
            if not address:
                raise ConfigError(f"cannot start a local Ray: {exc}") from None
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(_unreachable(address, why)) from None
        started = True
    context = ray.data.DataContext.get_current()
    saved = context.enable_progress_bars
    context.enable_progress_bars = False  # the caller shows its own progress
    quiet = logging.getLogger("ray.data")
    level = quiet.level
    if not verbose:
        quiet.setLevel(logging.ERROR)
    try:
        yield ray
    finally:
        context.enable_progress_bars = saved
        quiet.setLevel(level)
        if started:
            ray.shutdown()


def _unreachable(address: str, why: str) -> str:
    return (
        f"cannot reach the Ray cluster at RAY_ADDRESS={address} ({why}); start it (`ray start --head`), "
        "fix RAY_ADDRESS, or unset it to run on a local Ray"
    )


def _probe(address: str) -> None:
    """Fail fast (one line) when ``host:port`` of ``address`` does not accept connections; Ray itself retries for minutes."""
    if address in ("auto", "local"):
        return
    hostport = address.split("://", 1)[-1].rsplit("/", 1)[0]
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"RAY_ADDRESS={address} is not an address like 10.0.0.5:6379, ray://head:10001 or auto")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT):
            pass
    except OSError as exc:
        raise ConfigError(_unreachable(address, exc.strerror or type(exc).__name__)) from None


class _CheckActor:
    """A Ray Data callable class: builds the checker once per actor, checks one group per call."""

    def __init__(self, factory: Callable[[], Any], claim_batch: int) -> None:
        self.checker = factory()
        self.claim_batch = claim_batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        outcomes = []
        for encoded in batch["group"]:  # one group per row
            articles = [ArticleInput.from_row(row) for row in json.loads(str(encoded))]
            outcomes += [o.to_row() for o in check_articles(self.checker, articles, claim_batch=self.claim_batch)]
        return {key: [o[key] for o in outcomes] for key in ("id", "status", "source", "reason", "record", "verdicts")}


def _window(groups: Iterator[list[ArticleInput]], articles: int) -> list[list[ArticleInput]]:
    """The next groups, whole, up to about ``articles`` articles (at least one group)."""
    out: list[list[ArticleInput]] = []
    count = 0
    for group in groups:
        out.append(group)
        count += len(group)
        if count >= articles:
            break
    return out


def check_on_ray(
    factory: Callable[[], Any],
    groups: Iterable[list[ArticleInput]],
    *,
    options: RayOptions = RayOptions(),
    claim_batch: int = DEFAULT_BATCH_CLAIMS,
    verbose: bool = False,
) -> Iterator[list[ArticleOutcome]]:
    """Outcomes of every group of articles as the actors finish them (in no fixed order), a block at a time."""
    if options.gpus_per_actor > 0 and hasattr(factory, "on_device"):
        factory = factory.on_device("cuda")
    iterator = iter(groups)
    with ray_session(verbose=verbose) as ray:
        map_args = options.map_args(ray.cluster_resources())
        while window := _window(iterator, options.window):
            rows = [{"group": json.dumps([a.to_row() for a in group], ensure_ascii=False)} for group in window]
            dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
            checked = dataset.map_batches(
                _CheckActor,
                fn_constructor_kwargs={"factory": factory, "claim_batch": claim_batch},
                batch_size=1,
                batch_format="numpy",
                **map_args,
            )
            for block in checked.iter_batches(batch_size=None, batch_format="numpy"):
                columns = {key: list(values) for key, values in block.items()}
                yield [
                    ArticleOutcome.from_row(dict(zip(columns, row, strict=True)))
                    for row in zip(*columns.values(), strict=True)
                ]
