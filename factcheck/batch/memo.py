"""An embedder that encodes each distinct text once per process.

In a batch, the claims of many articles retrieve the same passages, and the verifier embeds the
same evidence windows again for every claim group; :class:`MemoEmbedder` hands back the vector
it computed the first time.  It keeps the wrapped embedder's name and fingerprint, so an index
built with the embedder opens with the memo, and the vectors are the embedder's own (a vector
computed in another batch can differ from a fresh one in the last float bits only).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np


class MemoEmbedder:
    """Wraps an embedder (``encode``/``name``/``fingerprint``); at most ``capacity`` vectors are kept (LRU)."""

    def __init__(self, embedder, *, capacity: int = 50_000) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.embedder = embedder
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.embedder.name

    @property
    def fingerprint(self) -> str:
        return self.embedder.fingerprint

    @property
    def dim(self) -> int:
        return int(self.embedder.dim)

    def __getattr__(self, name: str):
        # precision, batch_size, model, ...: whatever else the wrapped embedder offers
        if name == "embedder":
            raise AttributeError(name)
        return getattr(self.embedder, name)

    def encode(self, texts: Sequence[str], *, progress=None) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        if missing:
            fresh = np.asarray(self.embedder.encode(missing), dtype=np.float32)
            for text, vector in zip(missing, fresh, strict=True):
                self._vectors[text] = vector
        out = np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        for text in texts:
            self._vectors.move_to_end(text)
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
        if progress is not None:
            progress(len(texts), len(texts))
        return out

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)
