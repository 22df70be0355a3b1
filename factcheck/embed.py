"""Sentence embeddings for dense retrieval (sentence-transformers models, loaded once per process).

A local model folder of the plain layout (transformer, mean or CLS pooling, normalisation; the
shipped all-MiniLM-L6-v2 is one) is run with ``transformers`` alone
(:mod:`factcheck.sentence_encoder`), which saves importing sentence-transformers at start-up;
every other model, and every hub id, is loaded by sentence-transformers.

>>> emb = Embedder()                      # the shipped all-MiniLM-L6-v2
>>> emb.encode(["Putin visited Pyongyang."]).shape
(1, 384)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from factcheck.config import DEFAULT_EMBED_BATCH_SIZE, DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR, DEFAULT_EMBEDDER
from factcheck.errors import ModelError
from factcheck.models import ModelRef, resolve_model

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@cache
def _load_sentence_transformer(location: str, device: str | None) -> SentenceTransformer:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise ModelError("sentence-transformers is not installed: pip install sentence-transformers") from exc
    try:
        from factcheck.models import quiet_loading

        with quiet_loading():
            return SentenceTransformer(
                location, device=device or "cpu", trust_remote_code=False, model_kwargs={"use_safetensors": True}
            )
    except OSError as exc:
        raise ModelError(
            f"cannot load embedder {location!r}: {exc}. Offline? Pass a local folder or the alias 'minilm'."
        ) from exc
    except (ValueError, KeyError, RuntimeError) as exc:  # damaged weights, a config of another kind of model
        raise ModelError(
            f"cannot load embedder {location!r} ({type(exc).__name__}: {str(exc)[:200]}); is it a complete "
            "sentence-transformers or Hugging Face model folder with safetensors weights?"
        ) from exc


@cache
def _load_int8(location: str) -> SentenceTransformer:
    """A dynamically quantised (int8 linear layers) copy of the embedder, for CPU query encoding."""
    import copy
    import warnings

    import torch

    base = _load_sentence_transformer(location, "cpu")
    try:
        with warnings.catch_warnings():  # torch marks its eager quantisation API as deprecated
            warnings.simplefilter("ignore", (DeprecationWarning, UserWarning))
            return torch.ao.quantization.quantize_dynamic(copy.deepcopy(base), {torch.nn.Linear}, dtype=torch.qint8)
    except (AttributeError, ImportError, RuntimeError) as exc:
        raise ModelError(f"int8 precision is not available with torch {torch.__version__}: {exc}") from exc


@cache
def _load(location: str, device: str | None, int8: bool):
    """The encoder of ``location``: the plain one when the folder allows it (its int8 twin made
    from the loaded fp32 weights), else sentence-transformers."""
    from factcheck.sentence_encoder import PlainEncoder, plain_encoder

    try:
        if int8:
            base = _load(location, None, False)
            return base.quantised() if isinstance(base, PlainEncoder) else _load_int8(location)
        plain = plain_encoder(location, device=device)
    except OSError as exc:
        raise ModelError(f"cannot load embedder {location!r}: {exc}") from exc
    except (ValueError, KeyError, RuntimeError, AttributeError, ImportError) as exc:
        raise ModelError(
            f"cannot load embedder {location!r} ({type(exc).__name__}: {str(exc)[:200]}); is it a complete "
            "sentence-transformers or Hugging Face model folder with safetensors weights?"
        ) from exc
    return plain if plain is not None else _load_sentence_transformer(location, device)


class Embedder:
    """Encodes texts into L2-normalised float32 vectors."""

    def __init__(
        self,
        model: str = DEFAULT_EMBEDDER,
        *,
        batch_size: int | None = None,
        device: str | None = None,
        precision: str = "fp32",
    ) -> None:
        if precision not in ("fp32", "int8"):
            raise ModelError(f"unknown embedder precision {precision!r}; use fp32 or int8")
        if precision == "int8" and device not in (None, "cpu"):
            raise ModelError("int8 precision is for CPU inference; use fp32 on an accelerator")
        self.ref: ModelRef = resolve_model(model, kind="embedder")
        #: ``None``: :data:`~factcheck.config.DEFAULT_EMBED_BATCH_SIZE` on a CPU, the accelerator's
        #: default elsewhere.
        self.batch_size = batch_size or (
            DEFAULT_EMBED_BATCH_SIZE if device in (None, "cpu") else DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR
        )
        self.device = device
        #: ``int8``: dynamically quantised linear layers, for encoding queries on a CPU.  The
        #: vectors stay comparable with an fp32-built index (same weights, same fingerprint);
        #: their retrieval cost and loss are measured in evaluation/RESULTS.md (issue 6).
        self.precision = precision

    @property
    def name(self) -> str:
        return self.ref.name

    def at_precision(self, precision: str, *, batch_size: int | None = None) -> Embedder:
        """This embedder in ``precision`` (and ``batch_size``, when given): itself when it already
        is, or on an accelerator (where only fp32 runs), else a twin of the same weights (same
        fingerprint)."""
        batch_size = batch_size or self.batch_size
        on_cpu = self.device in (None, "cpu")
        if (precision == self.precision or not on_cpu) and batch_size == self.batch_size:
            return self
        precision = precision if on_cpu else self.precision
        return Embedder(self.ref.location, batch_size=batch_size, device=self.device, precision=precision)

    @property
    def fingerprint(self) -> str:
        return self.ref.fingerprint

    @property
    def model(self) -> SentenceTransformer:
        """The loaded encoder: a :class:`~factcheck.sentence_encoder.PlainEncoder` or a ``SentenceTransformer``."""
        return _load(self.ref.location, self.device, self.precision == "int8")

    @property
    def dim(self) -> int:
        getter = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None, chunk: int = 1024) -> np.ndarray:
        """Vectors of shape ``(len(texts), dim)``, unit length, float32."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), chunk):
            batch = list(texts[start : start + chunk])
            out[start : start + len(batch)] = self.model.encode(
                batch,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            if progress is not None:
                progress(start + len(batch), len(texts))
        return out

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)
