"""NLI scoring of (evidence, claim) pairs with a cross-encoder.

The scorer returns probabilities in the fixed column order :data:`NLI_LABELS`
(entailment, neutral, contradiction), whatever order the model's head uses: it reads the label
names from the model's ``config.json`` (``id2label``).  Two-way models (``entailment`` /
``not_entailment``, ``supported`` / ``unsupported``) map their negative class to neutral.

Evidence longer than the model's window is cut into overlapping token windows; each window is
scored and the pair takes the scores of the window with the strongest entailment, or of the
window with the strongest contradiction when that is stronger.

>>> scorer = NLIScorer()                      # the shipped model
>>> scorer(["A man is sleeping."], ["A man is awake."]).argmax(1)   # doctest: +SKIP
array([2])
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from factcheck.calibration import Calibration
from factcheck.config import (
    DEFAULT_NLI_BATCH_SIZE,
    DEFAULT_NLI_BATCH_SIZE_ACCELERATOR,
    DEFAULT_NLI_BATCH_SIZE_INT8,
    DEFAULT_NLI_MAX_LENGTH,
    DEFAULT_NLI_MODEL,
)
from factcheck.errors import ModelError
from factcheck.models import ModelRef, resolve_model
from factcheck.types import Span

logger = logging.getLogger(__name__)

#: Column order of every probability array the scorer returns.
NLI_LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")
ENTAILMENT, NEUTRAL, CONTRADICTION = 0, 1, 2

_NAME_TO_COLUMN = {
    "entailment": ENTAILMENT,
    "entails": ENTAILMENT,
    "entailed": ENTAILMENT,
    "supported": ENTAILMENT,
    "support": ENTAILMENT,
    "supports": ENTAILMENT,
    "consistent": ENTAILMENT,
    "true": ENTAILMENT,
    "neutral": NEUTRAL,
    "not_entailment": NEUTRAL,
    "not entailment": NEUTRAL,
    "unsupported": NEUTRAL,
    "not_enough_info": NEUTRAL,
    "nei": NEUTRAL,
    "inconsistent": NEUTRAL,
    "contradiction": CONTRADICTION,
    "contradicts": CONTRADICTION,
    "contradict": CONTRADICTION,
    "refuted": CONTRADICTION,
    "refutes": CONTRADICTION,
    "false": CONTRADICTION,
}


def label_columns(id2label: Mapping[Any, str]) -> list[int]:
    """For each head index of a model, the column of :data:`NLI_LABELS` it feeds.

    Raises :class:`ModelError` when the names cannot be mapped (e.g. ``LABEL_0``): pass
    ``label_map`` to :class:`NLIScorer` in that case.
    """
    columns = []
    for i in range(len(id2label)):
        name = str(id2label.get(i, id2label.get(str(i), ""))).strip().lower()
        if name not in _NAME_TO_COLUMN:
            raise ModelError(
                f"cannot tell what NLI label {name!r} (head index {i}) means; pass label_map, e.g. "
                "{'LABEL_0': 'contradiction', 'LABEL_1': 'entailment', 'LABEL_2': 'neutral'}"
            )
        columns.append(_NAME_TO_COLUMN[name])
    if ENTAILMENT not in columns:
        raise ModelError(f"model labels {dict(id2label)} have no entailment/supported class")
    return columns


#: Inference precisions: ``fp32`` (the weights as trained) and ``int8`` (dynamic quantisation of
#: every linear layer, CPU only; see evaluation/RESULTS.md for its speed and accuracy).
PRECISIONS = ("fp32", "int8")


@cache
def _load(location: str, device: str | None, precision: str = "fp32"):
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - core dependencies
        raise ModelError("the NLI scorer needs torch: pip install torch") from exc
    from factcheck.bert import load_encoder

    try:  # a plain BERT folder (the shipped model) runs without importing transformers
        light = load_encoder(location, "classifier")  # None for a hub id or another architecture
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"cannot load NLI model {location!r}: {exc}") from exc
    tokenizer, model = light if light is not None else _load_transformers(location)
    model.eval()
    if precision == "int8":
        if device and device != "cpu":
            raise ModelError("int8 precision is for CPU inference; use fp32 on an accelerator")
        import warnings

        try:
            with warnings.catch_warnings():  # torch marks its eager quantisation API as deprecated
                warnings.simplefilter("ignore", (DeprecationWarning, UserWarning))
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        except (AttributeError, ImportError, RuntimeError) as exc:
            raise ModelError(f"int8 precision is not available with torch {torch.__version__}: {exc}") from exc
    elif device:
        model.to(device)
    return tokenizer, model


def _load_transformers(location: str):
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as exc:  # pragma: no cover - core dependencies
        raise ModelError("the NLI scorer needs torch and transformers: pip install torch transformers") from exc
    try:
        from factcheck.models import quiet_loading

        with quiet_loading():  # no stray "Loading weights" bars in notebooks
            tokenizer = AutoTokenizer.from_pretrained(location)
            model = AutoModelForSequenceClassification.from_pretrained(
                location, dtype=torch.float32, trust_remote_code=False
            )
    except OSError as exc:
        raise ModelError(
            f"cannot load NLI model {location!r}: {exc}. Offline? Pass a local folder or 'factcheck-nli'."
        ) from exc
    return tokenizer, model


@dataclass(frozen=True, slots=True)
class NLIOutput:
    """Probabilities ``(n, 3)`` in :data:`NLI_LABELS` order and, per pair, the premise window used."""

    probs: np.ndarray
    windows: list[Span]


def default_batch_size(device: str | None, precision: str) -> int:
    """Pairs per forward pass: small on a CPU in fp32, larger on an accelerator or in int8."""
    if device not in (None, "cpu"):
        return DEFAULT_NLI_BATCH_SIZE_ACCELERATOR
    return DEFAULT_NLI_BATCH_SIZE_INT8 if precision == "int8" else DEFAULT_NLI_BATCH_SIZE


class NLIScorer:
    """Scores (premise, hypothesis) pairs; batch-first, loads its model once per process."""

    def __init__(
        self,
        model: str = DEFAULT_NLI_MODEL,
        *,
        batch_size: int | None = None,
        max_length: int = DEFAULT_NLI_MAX_LENGTH,
        device: str | None = None,
        label_map: Mapping[str, str] | None = None,
        precision: str = "fp32",
        temperature: float | None = None,
    ) -> None:
        if batch_size is None:
            batch_size = default_batch_size(device, precision)
        if batch_size < 1 or max_length < 32:
            raise ModelError(f"batch_size must be >= 1 and max_length >= 32, got {batch_size}, {max_length}")
        if precision not in PRECISIONS:
            raise ModelError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
        if temperature is not None and not temperature > 0:
            raise ModelError(f"temperature must be > 0, got {temperature}")
        self.ref: ModelRef = resolve_model(model, kind="nli")
        self.batch_size = batch_size
        self.max_length = max_length
        self.device = device
        self.precision = precision
        self._label_map = dict(label_map) if label_map else None
        self._columns: list[int] | None = None
        #: Calibration stored with a local model (``calibration.json``), see factcheck.calibration.
        self.calibration: Calibration | None = None
        if self.ref.is_local:
            try:
                self.calibration = Calibration.load(self.ref.location)
            except (ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"{self.ref.location}: unreadable calibration.json: {exc}") from exc
        #: Softmax temperature of the head: the argument, else the stored calibration's, else 1.
        self.temperature = temperature or (self.calibration.temperature if self.calibration else 1.0)

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def fingerprint(self) -> str:
        """The weights' fingerprint, plus the temperature and precision when they change the scores."""
        extra = f"+T{self.temperature:g}" if self.temperature != 1.0 else ""
        return self.ref.fingerprint + extra + ("+int8" if self.precision == "int8" else "")

    def _model(self):
        tokenizer, model = _load(self.ref.location, self.device, self.precision)
        if self._columns is None:
            id2label = dict(model.config.id2label)
            if self._label_map:
                id2label = {i: self._label_map.get(str(name), str(name)) for i, name in id2label.items()}
            self._columns = label_columns(id2label)
        return tokenizer, model

    @property
    def window(self) -> int:
        tokenizer, model = self._model()
        limit = getattr(model.config, "max_position_embeddings", 512) or 512
        return min(self.max_length, limit, tokenizer.model_max_length or limit)

    def __call__(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        return self.score(premises, hypotheses).probs

    def score(self, premises: Sequence[str], hypotheses: Sequence[str]) -> NLIOutput:
        """Score aligned pairs; long premises are windowed (see module docstring)."""
        if len(premises) != len(hypotheses):
            raise ValueError(f"got {len(premises)} premises but {len(hypotheses)} hypotheses")
        if not premises:
            return NLIOutput(np.zeros((0, 3), dtype=np.float32), [])
        tokenizer, _ = self._model()
        window = self.window
        # Split every pair into one or more (premise window, hypothesis) units.
        # One batched tokenizer call for each side (the fast tokenizer runs them in parallel).
        hyp_lengths = [len(ids) for ids in tokenizer(list(hypotheses), add_special_tokens=False)["input_ids"]]
        offsets = tokenizer(list(premises), add_special_tokens=False, return_offsets_mapping=True, verbose=False)[
            "offset_mapping"
        ]
        units: list[tuple[int, Span]] = []
        for i, premise in enumerate(premises):
            budget = max(window - hyp_lengths[i] - 3, 16)
            units.extend((i, span) for span in _premise_windows(offsets[i], len(premise), budget))
        probs = self._forward([premises[i][s.start : s.end] for i, s in units], [hypotheses[i] for i, _ in units])
        out = np.zeros((len(premises), 3), dtype=np.float32)
        chosen: list[Span | None] = [None] * len(premises)
        best_key = np.full(len(premises), -1.0)
        for (i, span), p in zip(units, probs, strict=True):
            key = max(p[ENTAILMENT], p[CONTRADICTION])
            if key > best_key[i]:
                best_key[i] = key
                out[i] = p
                chosen[i] = span
        return NLIOutput(out, [s if s is not None else Span(0, len(premises[i])) for i, s in enumerate(chosen)])

    def _forward(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        import torch

        tokenizer, model = self._model()
        columns = self._columns
        assert columns is not None
        order = sorted(range(len(premises)), key=lambda j: len(premises[j]) + len(hypotheses[j]))
        result = np.zeros((len(premises), 3), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                enc = tokenizer(
                    [premises[j] for j in idx],
                    [hypotheses[j] for j in idx],
                    truncation=True,
                    max_length=self.window,
                    padding=True,
                    return_tensors="pt",
                )
                if self.device:
                    enc = enc.to(self.device)
                logits = model(**enc).logits.float() / self.temperature
                head = torch.softmax(logits, dim=-1).cpu().numpy()
                mapped = np.zeros((len(idx), 3), dtype=np.float32)
                for h, col in enumerate(columns):
                    mapped[:, col] += head[:, h]
                result[idx] = mapped
        return result


def _premise_windows(offsets: Sequence[tuple[int, int]], length: int, budget: int) -> list[Span]:
    """Character spans of overlapping token windows of a premise that fit ``budget`` tokens.

    ``offsets`` are the premise's token offsets (``verbose=False`` when tokenizing: a premise may be
    longer than the model on purpose, it is cut here), ``length`` its length in characters.
    """
    if len(offsets) <= budget:
        return [Span(0, length)]
    stride = max(1, budget // 2)
    spans = []
    for start in range(0, len(offsets), stride):
        piece = offsets[start : start + budget]
        spans.append(Span(piece[0][0], piece[-1][1]))
        if start + budget >= len(offsets):
            break
    return spans
