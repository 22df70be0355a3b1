"""BERT-family encoders run in plain torch, for inference, without importing transformers.

Importing ``transformers``' BERT classes costs about two seconds on two CPU cores (its modelling
utilities pull in torch.distributed, SciPy and the loss functions of every task), more than
scoring the claims of an article.  The shipped models (the NLI cross-encoder and
all-MiniLM-L6-v2) are plain BERT encoders: :func:`load_encoder` reads such a folder
(``config.json`` with ``model_type: bert``, absolute positions; ``model.safetensors``;
``tokenizer.json``) with torch, safetensors and tokenizers alone.  Any other folder returns
``None`` and the caller loads it with transformers as before.  Outputs equal transformers' up to
float rounding (``tests/test_bert.py`` compares both on the shipped weights).

The tokenizer and model expose the small part of transformers' interface that
:mod:`factcheck.nli` and :mod:`factcheck.sentence_encoder` call: ``tokenizer(texts, pairs, ...)``
returning ``input_ids`` / ``attention_mask`` / ``token_type_ids`` (and ``offset_mapping``), and
``model(**batch)`` returning ``.last_hidden_state`` or ``.logits``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

#: Activations this module implements, by their ``hidden_act`` name in ``config.json``.
_ACTIVATIONS = ("gelu", "relu", "gelu_new", "gelu_pytorch_tanh")
#: Architectures whose encoder this module runs.
_ARCHITECTURES = frozenset({"BertModel", "BertForSequenceClassification"})


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def supported(folder: str | Path, head: str) -> dict | None:
    """The folder's ``config.json`` when this module can run it with ``head``, else ``None``."""
    folder = Path(folder)
    config = _json(folder / "config.json")
    if config.get("model_type") != "bert" or config.get("position_embedding_type", "absolute") != "absolute":
        return None
    if config.get("hidden_act", "gelu") not in _ACTIVATIONS or config.get("is_decoder"):
        return None
    archs = config.get("architectures") or ["BertModel"]
    if head == "classifier" and (archs[0] != "BertForSequenceClassification" or not config.get("id2label")):
        return None
    if head == "classifier" and config.get("problem_type") not in (None, "single_label_classification"):
        return None
    if head == "encoder" and archs[0] not in _ARCHITECTURES:
        return None
    if not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
        return None
    return config


class Tokenizer:
    """A ``tokenizer.json`` with the call interface of a transformers fast tokenizer (its subset used here)."""

    def __init__(self, path: Path, model_max_length: int | None) -> None:
        from tokenizers import Tokenizer as Backend

        self._backend = Backend.from_file(str(path))
        pad = self._backend.padding or {}  # the file's padding token, before its settings are cleared
        self._pad = (int(pad.get("pad_id", 0)), int(pad.get("pad_type_id", 0)), str(pad.get("pad_token", "[PAD]")))
        self._backend.no_truncation()
        self._backend.no_padding()
        self.model_max_length = model_max_length
        self._lock = threading.Lock()  # truncation and padding are settings of the shared backend

    def __call__(
        self,
        text: Sequence[str],
        text_pair: Sequence[str] | None = None,
        *,
        add_special_tokens: bool = True,
        truncation: bool = False,
        max_length: int | None = None,
        padding: bool = False,
        return_tensors: str | None = None,
        return_offsets_mapping: bool = False,
        verbose: bool = True,  # accepted for transformers' signature; nothing is logged here
    ) -> Batch:
        inputs = list(zip(text, text_pair, strict=True)) if text_pair is not None else list(text)
        with self._lock:
            limit = max_length or self.model_max_length
            if truncation and limit:
                self._backend.enable_truncation(limit, strategy="longest_first")
            if padding:
                pad_id, pad_type_id, pad_token = self._pad
                self._backend.enable_padding(pad_id=pad_id, pad_type_id=pad_type_id, pad_token=pad_token)
            try:
                encodings = self._backend.encode_batch(inputs, add_special_tokens=add_special_tokens)
            finally:
                self._backend.no_truncation()
                self._backend.no_padding()
        out: dict[str, Any] = {
            "input_ids": [e.ids for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
        }
        if return_offsets_mapping:
            out["offset_mapping"] = [e.offsets for e in encodings]
        if return_tensors == "pt":
            import torch

            out = {k: torch.tensor(v, dtype=torch.long) for k, v in out.items() if k != "offset_mapping"}
        return Batch(out)


class Batch(dict):
    """What the tokenizer returns: a dict that moves its tensors with ``.to(device)``."""

    def to(self, device: str) -> Batch:
        return Batch({k: v.to(device) for k, v in self.items()})


@dataclass
class Output:
    last_hidden_state: Any = None
    logits: Any = None


def _build(config: dict, head: str):
    """The torch module of ``config``: a BERT encoder, with the classification head when asked."""
    import torch
    from torch import nn
    from torch.nn import functional

    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    eps = float(config.get("layer_norm_eps", 1e-12))
    act = config.get("hidden_act", "gelu")
    approximate = "tanh" if act in ("gelu_new", "gelu_pytorch_tanh") else "none"

    def activation(x):
        return functional.relu(x) if act == "relu" else functional.gelu(x, approximate=approximate)

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
            self.attn_out, self.attn_norm = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=eps)
            self.up = nn.Linear(hidden, int(config["intermediate_size"]))
            self.down = nn.Linear(int(config["intermediate_size"]), hidden)
            self.out_norm = nn.LayerNorm(hidden, eps=eps)

        def forward(self, x, mask):
            b, n, _ = x.shape

            def split(t):
                return t.view(b, n, heads, hidden // heads).transpose(1, 2)

            ctx = functional.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)),
                                                 attn_mask=mask)  # fmt: skip
            x = self.attn_norm(x + self.attn_out(ctx.transpose(1, 2).reshape(b, n, hidden)))
            return self.out_norm(x + self.down(activation(self.up(x))))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = SimpleNamespace(**config)
            self.words = nn.Embedding(int(config["vocab_size"]), hidden)
            self.positions = nn.Embedding(int(config["max_position_embeddings"]), hidden)
            self.types = nn.Embedding(int(config.get("type_vocab_size", 2)), hidden)
            self.norm = nn.LayerNorm(hidden, eps=eps)
            self.layers = nn.ModuleList(Layer() for _ in range(int(config["num_hidden_layers"])))
            if head == "classifier":
                self.pooler = nn.Linear(hidden, hidden)
                self.classifier = nn.Linear(hidden, len(config["id2label"]))

        def forward(self, input_ids, attention_mask=None, token_type_ids=None):
            n = input_ids.shape[1]
            if token_type_ids is None:
                token_type_ids = torch.zeros_like(input_ids)
            positions = torch.arange(n, device=input_ids.device).unsqueeze(0)
            x = self.norm(self.words(input_ids) + self.types(token_type_ids) + self.positions(positions))
            mask = None
            if attention_mask is not None:  # additive: 0 where attended, the dtype's minimum where padded
                keep = attention_mask[:, None, None, :].to(torch.bool)
                mask = torch.zeros(keep.shape, dtype=x.dtype, device=x.device).masked_fill(
                    ~keep, torch.finfo(x.dtype).min
                )
            for layer in self.layers:
                x = layer(x, mask)
            if head != "classifier":
                return Output(last_hidden_state=x)
            return Output(last_hidden_state=x, logits=self.classifier(torch.tanh(self.pooler(x[:, 0]))))

    return Encoder()


#: transformers' parameter names (after any ``bert.`` prefix) → this module's.
_RENAMES = (
    ("embeddings.word_embeddings.", "words."),
    ("embeddings.position_embeddings.", "positions."),
    ("embeddings.token_type_embeddings.", "types."),
    ("embeddings.LayerNorm.", "norm."),
    ("attention.self.query.", "query."),
    ("attention.self.key.", "key."),
    ("attention.self.value.", "value."),
    ("attention.output.dense.", "attn_out."),
    ("attention.output.LayerNorm.", "attn_norm."),
    ("intermediate.dense.", "up."),
    ("output.dense.", "down."),
    ("output.LayerNorm.", "out_norm."),
    ("encoder.layer.", "layers."),
    ("pooler.dense.", "pooler."),
)


def _rename(key: str) -> str:
    key = key.removeprefix("bert.").replace(".gamma", ".weight").replace(".beta", ".bias")
    for old, new in _RENAMES:
        key = key.replace(old, new)
    return key


#: The initialisers of ``torch.nn.init`` that the layers of :func:`_build` call in their constructors.
_INITIALISERS = ("normal_", "uniform_", "kaiming_uniform_", "ones_", "zeros_", "trunc_normal_")
_INIT_LOCK = threading.Lock()


@contextmanager
def _no_init():
    """Layers built inside keep uninitialised parameters: their random initialisation (a third of
    a model's load time on a CPU) would be overwritten by the loaded weights anyway."""
    from torch.nn import init

    with _INIT_LOCK:  # one load at a time patches the module (concurrent loads of a server)
        saved = {name: getattr(init, name) for name in _INITIALISERS}
        for name in _INITIALISERS:
            setattr(init, name, lambda tensor, *args, **kwargs: tensor)
        try:
            yield
        finally:
            for name, fn in saved.items():
                setattr(init, name, fn)


def load_encoder(folder: str | Path, head: str, *, device: str | None = None):
    """``(tokenizer, model)`` for a plain BERT folder (see the module docstring), else ``None``.

    ``head`` is ``"encoder"`` (hidden states, for sentence embeddings) or ``"classifier"`` (the
    sequence-classification head's logits).  Raises ``ValueError`` when the weights do not fit the
    configuration (a damaged or mislabelled folder).
    """
    import torch
    from safetensors.torch import load_file

    folder = Path(folder)
    config = supported(folder, head)
    if config is None:
        return None
    with _no_init():  # every parameter is overwritten below (the meta device costs ~1 s more at first build)
        model = _build(config, head)
    weights = {_rename(k): v for k, v in load_file(str(folder / "model.safetensors")).items()}
    weights = {k: v for k, v in weights.items() if not k.endswith("position_ids")}
    if head != "classifier":
        weights = {k: v for k, v in weights.items() if not k.startswith(("pooler.", "classifier."))}
    expected = model.state_dict()
    missing, unexpected = sorted(set(expected) - set(weights)), sorted(set(weights) - set(expected))
    if missing or unexpected:
        raise ValueError(
            f"{folder}: weights do not fit a BERT {head} (missing {missing[:3]}, unexpected {unexpected[:3]})"
        )
    model.load_state_dict({k: v.to(torch.float32) for k, v in weights.items()})
    model.eval()
    if device:
        model.to(device)
    limit = _json(folder / "tokenizer_config.json").get("model_max_length")
    limit = int(limit) if isinstance(limit, int | float) and limit < 1e9 else None
    return Tokenizer(folder / "tokenizer.json", limit), model


__all__ = ["Tokenizer", "load_encoder", "supported"]
