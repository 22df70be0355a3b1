"""``factcheck train-nli``, ``train-checkworthiness``, ``calibrate`` and ``train-decision``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import factcheck.cli.shell as shell
from factcheck.cli.shell import app
from factcheck.config import DEFAULT_MAX_FALSE_ALARMS


@app.command("train-nli")
def train_nli_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the trained model.")],
    train: Annotated[
        list[Path] | None, typer.Option("--train", help="NLI JSONL (premise, hypothesis, label); repeatable.")
    ] = None,
    mix_data: Annotated[
        Path | None,
        typer.Option("--mix-data", help="../shared/data: add the fact-checking mix (factcheck.training.mix)."),
    ] = None,
    init: Annotated[
        str | None, typer.Option("--init", help="Continue from an NLI model (alias or folder) instead of --base.")
    ] = None,
    snli_pairs: Annotated[int, typer.Option("--snli-pairs", min=0, help="SNLI pairs in the mix.")] = 20000,
    synthetic_pairs: Annotated[
        int, typer.Option("--synthetic-pairs", min=0, help="Single-sentence edit pairs in the mix.")
    ] = 6000,
    contrastive_pairs: Annotated[
        int, typer.Option("--contrastive-pairs", min=0, help="Contrastive-twin pairs in the mix.")
    ] = 12000,
    nei_pairs: Annotated[int, typer.Option("--nei-pairs", min=0, help="NOT_ENOUGH_INFO-by-deletion pairs.")] = 4000,
    alias_pairs: Annotated[int, typer.Option("--alias-pairs", min=0, help="Alias / rounded-figure pairs.")] = 4000,
    components: Annotated[
        str, typer.Option("--components", help="Rule-made parts of the mix, comma-separated.")
    ] = "contrastive,nei,alias,synthetic",
    real_limit: Annotated[
        int | None, typer.Option("--real-limit", min=1, help="Sample the mix down to N real pairs (ablations).")
    ] = None,
    debias: Annotated[str, typer.Option(help="Claim-only debiasing: none, reweight or poe.")] = "none",
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from its checkpoint.")] = False,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Also log progress to this file.")] = None,
    checkpoint_every: Annotated[
        int, typer.Option("--checkpoint-every", min=0, help="Steps between checkpoints.")
    ] = 500,
    stop_after: Annotated[
        int | None, typer.Option("--stop-after", min=1, help="Stop after N steps; continue later with --resume.")
    ] = None,
    max_length: Annotated[int, typer.Option("--max-length", min=32)] = 128,
    eval_file: Annotated[Path | None, typer.Option("--eval", help="Held-out NLI JSONL for accuracy.")] = None,
    base: Annotated[str, typer.Option(help="Base encoder: alias or local folder.")] = "minilm",
    epochs: Annotated[float, typer.Option(min=0.01)] = 1.0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
    lr: Annotated[float, typer.Option(min=0.0)] = 5e-5,
    seed: Annotated[int, typer.Option()] = 42,
    max_train_pairs: Annotated[int | None, typer.Option(min=1)] = None,
    max_eval_pairs: Annotated[int | None, typer.Option(min=1)] = None,
) -> None:
    """Fine-tune the NLI cross-encoder (the recipe of the shipped model)."""
    shell.setup(True)
    with shell.errors():
        from factcheck.training.nli import TrainConfig, train_nli

        result = train_nli(
            TrainConfig(
                train_files=tuple(str(p) for p in train or ()),
                output_dir=str(output),
                mix_data=str(mix_data) if mix_data else None,
                init_from=init,
                snli_pairs=snli_pairs,
                synthetic_pairs=synthetic_pairs,
                contrastive_pairs=contrastive_pairs,
                nei_pairs=nei_pairs,
                alias_pairs=alias_pairs,
                components=tuple(c.strip() for c in components.split(",") if c.strip()),
                real_limit=real_limit,
                debias=debias,
                log_file=str(log_file) if log_file else None,
                checkpoint_every=checkpoint_every,
                stop_after=stop_after,
                max_length=max_length,
                eval_file=str(eval_file) if eval_file else None,
                base_model=base,
                epochs=epochs,
                batch_size=batch_size,
                learning_rate=lr,
                seed=seed,
                max_train_pairs=max_train_pairs,
                max_eval_pairs=max_eval_pairs,
            ),
            resume=resume,
        )
        acc = result.metrics.get("accuracy")
        typer.echo(
            f"saved {result.output_dir} after {result.steps} steps"
            + (f"; eval accuracy {acc:.4f}" if acc is not None else "")
        )


@app.command("train-checkworthiness")
def train_checkworthiness_cmd(
    train: Annotated[
        Path, typer.Option("--train", help="ClaimBuster two_class train.json, or JSONL with text and label.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for head.json and its model card.")],
    embedder: Annotated[str, typer.Option(help="Sentence embedder the head reads.")] = "minilm",
    seed: Annotated[int, typer.Option()] = 42,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = True,
) -> None:
    """Train the check-worthiness head (the recipe of the shipped one; test data is never read)."""
    shell.setup(verbose)
    with shell.errors():
        from factcheck.training.checkworthy import train_checkworthiness

        head = train_checkworthiness(train, output, embedder=embedder, seed=seed)
        chosen = head.meta["chosen"]
        typer.echo(
            f"wrote {output / 'head.json'}: C={chosen['C']}, cross-validated F1 {chosen['cv_f1']:.4f} "
            f"at threshold {chosen['threshold']:.2f}"
        )


@app.command("calibrate")
def calibrate_cmd(
    model: Annotated[
        str, typer.Argument(help="NLI model folder (or alias) to calibrate; calibration.json goes there.")
    ],
    data: Annotated[Path, typer.Option(help="The third-party data folder (../shared/data).")] = Path("../shared/data"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the calibration, do not write it.")] = False,
    max_false_alarms: Annotated[
        float,
        typer.Option(
            "--max-false-alarms",
            min=0.0,
            max=1.0,
            help="Only thresholds that call at most this share of the dev pairs that are not contradictions "
            "REFUTED (1 lifts the budget).",
        ),
    ] = DEFAULT_MAX_FALSE_ALARMS,
) -> None:
    """Fit the temperature, verdict thresholds and confidence maps on the dev split."""
    import json

    shell.setup(True)
    with shell.errors():
        from factcheck.training.calibrate import calibrate

        cal = calibrate(model, data, save=not dry_run, max_false_alarms=max_false_alarms)
        shell.emit_json(json.dumps({"temperature": cal.temperature, **cal.info}, indent=2), None)


@app.command("train-decision")
def train_decision_cmd(
    model: Annotated[str, typer.Argument(help="NLI model folder (or alias); decision.json goes there.")],
    data: Annotated[Path, typer.Option(help="The third-party data folder (../shared/data).")] = Path("../shared/data"),
    per_source: Annotated[int, typer.Option("--per-source", min=10, help="Train pairs per source.")] = 600,
    seed: Annotated[int, typer.Option()] = 42,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the decision model, do not write it.")] = False,
) -> None:
    """Train the verdict decision on the fact-checking sets run through verification (retrain after the NLI model)."""
    import json

    shell.setup(True)
    with shell.errors():
        from factcheck.training.decision import train_decision

        decision = train_decision(model, data, per_source=per_source, seed=seed, save=not dry_run)
        typer.echo(json.dumps(decision.info, indent=2))


# ------------------------------------------------------------------------------------------------
# serve
# ------------------------------------------------------------------------------------------------
