"""A sentence-transformers model folder read without sentence-transformers, for inference.

Importing ``sentence_transformers`` costs a few seconds on two CPU cores (it pulls in
scikit-learn, SciPy and its training stack), more than the rest of a ``factcheck check`` start.
Most embedders, all-MiniLM-L6-v2 and all-mpnet-base-v2 among them, are a transformer, a pooling
layer and optionally a normalisation, which take a few lines to run.  :func:`plain_encoder` loads
such a folder (a plain BERT with torch alone, :mod:`factcheck.bert`; any other transformer with
``transformers``) and returns an encoder with the subset of
``SentenceTransformer``'s interface that :class:`factcheck.embed.Embedder` uses; any other folder
(other modules, prompts, max or weighted pooling) returns ``None`` and is loaded by
sentence-transformers as before.  The vectors are the same up to float rounding (tests pin it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
#: Pooling modes this module implements; any other set to true sends the folder to sentence-transformers.
_POOLING_MODES = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}


def _json(path: Path) -> dict | list | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Layout(NamedTuple):
    pooling: str  # "mean" or "cls"
    normalise: bool
    max_seq_length: int | None
    lower_case: bool


def _layout(folder: Path) -> Layout | None:
    """How a plain folder pools and cuts its inputs, else ``None``."""
    modules = _json(folder / "modules.json")
    if not isinstance(modules, list) or not modules:
        return None
    types = [m.get("type") for m in modules if isinstance(m, dict)]
    if len(types) != len(modules) or types[0] != _TRANSFORMER or modules[0].get("path", "") not in ("", "."):
        return None
    rest = types[1:]
    if rest not in ([_POOLING], [_POOLING, _NORMALIZE]):
        return None
    pooling_cfg = _json(folder / modules[1].get("path", "") / "config.json")
    if not isinstance(pooling_cfg, dict):
        return None
    on = [k for k, v in pooling_cfg.items() if k.startswith("pooling_mode_") and v is True]
    if len(on) != 1 or on[0] not in _POOLING_MODES or pooling_cfg.get("include_prompt", True) is not True:
        return None
    st_cfg = _json(folder / "config_sentence_transformers.json") or {}
    if not isinstance(st_cfg, dict) or st_cfg.get("prompts") or st_cfg.get("default_prompt_name"):
        return None
    bert_cfg = _json(folder / "sentence_bert_config.json") or {}
    if not isinstance(bert_cfg, dict):
        return None
    max_len = bert_cfg.get("max_seq_length")
    return Layout(
        _POOLING_MODES[on[0]], rest[-1] == _NORMALIZE, int(max_len) if max_len else None,
        bool(bert_cfg.get("do_lower_case", False)),
    )  # fmt: skip


class PlainEncoder:
    """Transformer + mean or CLS pooling (+ L2 normalisation) with ``transformers`` only."""

    def __init__(self, tokenizer, model, layout: Layout, *, device: str | None = None) -> None:
        self.tokenizer, self.model, self.layout, self.device = tokenizer, model, layout, device
        limit = getattr(model.config, "max_position_embeddings", 512) or 512
        self.max_length = min(layout.max_seq_length or limit, limit)

    @classmethod
    def load(cls, folder: str | Path, layout: Layout, *, device: str | None = None) -> PlainEncoder:
        from factcheck.bert import load_encoder

        light = load_encoder(folder, "encoder")  # a plain BERT runs without importing transformers
        if light is not None:
            tokenizer, model = light
        else:
            import torch
            from transformers import AutoModel, AutoTokenizer

            from factcheck.models import quiet_loading

            with quiet_loading():
                tokenizer = AutoTokenizer.from_pretrained(str(folder))
                model = AutoModel.from_pretrained(str(folder), dtype=torch.float32, trust_remote_code=False)
        model.eval()
        if device:
            model.to(device)
        return cls(tokenizer, model, layout, device=device)

    def quantised(self) -> PlainEncoder:
        """An int8 twin (dynamically quantised linear layers, CPU) of these weights, read from memory."""
        import copy
        import warnings

        import torch

        with warnings.catch_warnings():  # torch marks its eager quantisation API as deprecated
            warnings.simplefilter("ignore", (DeprecationWarning, UserWarning))
            model = torch.ao.quantization.quantize_dynamic(
                copy.deepcopy(self.model).cpu(), {torch.nn.Linear}, dtype=torch.qint8
            )
        return PlainEncoder(self.tokenizer, model, self.layout)

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.model.config.hidden_size)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32, normalize_embeddings: bool = False,
               **_ignored) -> np.ndarray:  # fmt: skip
        """``(len(texts), dim)`` float32 vectors, longest texts batched together as sentence-transformers does."""
        import torch

        texts = [t.lower() for t in texts] if self.layout.lower_case else list(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.get_sentence_embedding_dimension()), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                     max_length=self.max_length, return_tensors="pt")  # fmt: skip
                if self.device:
                    enc = enc.to(self.device)
                hidden = self.model(**enc).last_hidden_state
                if self.layout.pooling == "cls":
                    vectors = hidden[:, 0]
                else:
                    mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                    vectors = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                if self.layout.normalise or normalize_embeddings:
                    vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
                out[idx] = vectors.float().cpu().numpy()
        return out


def plain_encoder(location: str, *, device: str | None = None) -> PlainEncoder | None:
    """A :class:`PlainEncoder` for a local sentence-transformers folder of the plain layout, else ``None``."""
    folder = Path(location)
    if not folder.is_dir():
        return None
    layout = _layout(folder)
    if layout is None or not any((folder / name).is_file() for name in ("model.safetensors", "pytorch_model.bin")):
        return None
    return PlainEncoder.load(folder, layout, device=device)


__all__ = ["Layout", "PlainEncoder", "plain_encoder"]
