"""Embedding passages on a Ray actor pool (Ray Data), for ``factcheck index --engine ray``.

:class:`RayEmbedder` stands in for an embedder in :func:`factcheck.index.build_index`: it has
the wrapped embedder's name, fingerprint and dimension, so the index it builds has the same
manifest and cache key as a local build, and its vectors come from the same model (equal to the
local ones within float16 storage rounding: only the padding of the batches differs).  Texts go
to Ray Data (``from_items``) at most ``window`` at a time; ``map_batches`` runs an actor class
that loads the model once in its constructor and encodes ``batch_size`` passages per call; the
vectors stream back with their positions (:meth:`RayEmbedder.encode_stream`), in no fixed order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from factcheck.batch.ray_engine import RayOptions, ray_session
from factcheck.config import DEFAULT_RAY_EMBED_BATCH, DEFAULT_RAY_EMBED_WINDOW
from factcheck.errors import ConfigError


class _EmbedActor:
    """A Ray Data callable class: the embedder loads once per actor; each call encodes one batch."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def __call__(self, batch: dict[str, Any]) -> dict[str, np.ndarray]:
        vectors = np.asarray(self.embedder.encode([str(t) for t in batch["text"]]), dtype=np.float32)
        return {"row": np.asarray(batch["row"], dtype=np.int64), "vector": vectors}


class RayEmbedder:
    """Encodes texts on a Ray actor pool with the wrapped ``embedder`` (see the module docstring)."""

    def __init__(
        self,
        embedder,
        options: RayOptions = RayOptions(),
        *,
        batch_size: int = DEFAULT_RAY_EMBED_BATCH,
        window: int = DEFAULT_RAY_EMBED_WINDOW,
        verbose: bool = False,
    ) -> None:
        if batch_size < 1 or window < 1:
            raise ConfigError(f"batch_size and window must be >= 1, got {batch_size} and {window}")
        self.embedder = embedder
        self.options = options
        self.batch_size = batch_size
        self.window = window
        self.verbose = verbose

    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def fingerprint(self) -> str:
        return self.embedder.fingerprint

    @property
    def dim(self) -> int:
        return int(self.embedder.dim)

    def _remote_embedder(self):
        """The embedder each actor gets: on a GPU actor, the same model on CUDA."""
        if self.options.gpus_per_actor > 0:
            from factcheck.embed import Embedder

            if isinstance(self.embedder, Embedder):
                return Embedder(self.embedder.name, device="cuda")  # with the accelerator's batch size
        return self.embedder

    def encode_stream(self, texts: Sequence[str]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(positions, vectors)`` pairs covering every text once, as the actors finish them."""
        if not texts:
            return
        remote = self._remote_embedder()
        with ray_session(verbose=self.verbose) as ray:
            map_args = self.options.map_args(ray.cluster_resources())
            for start in range(0, len(texts), self.window):
                part = texts[start : start + self.window]
                items = [{"row": row, "text": text} for row, text in enumerate(part, start)]
                dataset = ray.data.from_items(items, override_num_blocks=math.ceil(len(items) / self.batch_size))
                vectors = dataset.map_batches(
                    _EmbedActor,
                    fn_constructor_kwargs={"embedder": remote},
                    batch_size=self.batch_size,
                    batch_format="numpy",
                    **map_args,
                )
                for block in vectors.iter_batches(batch_size=None, batch_format="numpy"):
                    yield np.asarray(block["row"], dtype=np.int64), np.asarray(block["vector"], dtype=np.float32)

    def encode(self, texts: Sequence[str], *, progress=None) -> np.ndarray:
        """Vectors of shape ``(len(texts), dim)`` in the order of ``texts``."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        done = 0
        for positions, vectors in self.encode_stream(texts):
            out[positions] = vectors
            done += len(positions)
            if progress is not None:
                progress(done, len(texts))
        return out
