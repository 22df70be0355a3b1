from __future__ import annotations

import json

import pytest
from safetensors import safe_open

from factcheck.errors import DataError
from factcheck.nli import NLIScorer
from factcheck.training.nli import TRAIN_LABELS, TrainConfig, read_nli_jsonl, train_nli


def _write_pairs(path, n):
    rows = []
    for i in range(n):
        label = ["entailment", "neutral", "contradiction", "-"][i % 4]
        rows.append(
            {"premise": f"A person number {i} walks a dog.", "hypothesis": f"Someone {i} is outside.", "label": label}
        )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_training_reader_skips_unlabelled_and_names_bad_lines(tmp_path):
    pairs = read_nli_jsonl(_write_pairs(tmp_path / "t.jsonl", 8))
    assert len(pairs) == 6 and {p.label for p in pairs} == set(TRAIN_LABELS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"premise": "a", "hypothesis": "b", "label": "entailment"}\n{"premise": "a", "hypothesis": "b", "label": "maybe"}\n'
    )
    with pytest.raises(DataError, match=r"bad\.jsonl:2: unknown NLI label 'maybe'"):
        read_nli_jsonl(bad)
    with pytest.raises(DataError, match="not found"):
        read_nli_jsonl(tmp_path / "missing.jsonl")


def test_training_recipe_writes_a_loadable_fp16_model_with_card(tmp_path, tiny_bert):
    train = _write_pairs(tmp_path / "train.jsonl", 40)
    result = train_nli(
        TrainConfig(
            train_files=(str(train),),
            eval_file=str(train),
            output_dir=str(tmp_path / "out"),
            base_model=str(tiny_bert),
            batch_size=8,
            seed=1,
            log_every=1,
        )
    )
    out = tmp_path / "out"
    assert result.steps == 4 and result.train_pairs == 30
    config = json.loads((out / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(3)] == list(TRAIN_LABELS)
    with safe_open(str(out / "model.safetensors"), "pt") as f:
        key = next(iter(f.keys()))
        assert str(f.get_tensor(key).dtype) == "torch.float16"
    record = json.loads((out / "training.json").read_text())
    assert record["config"]["seed"] == 1 and record["eval_metrics"]["n"] == 30
    card = (out / "README.md").read_text()
    assert "license: apache-2.0" in card and "seed | 1" in card
    probs = NLIScorer(str(out))(["A dog walks."], ["An animal moves."])
    assert probs.shape == (1, 3)
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_training_resumes_to_the_same_weights(tmp_path, tiny_bert):
    """A run stopped part-way and resumed from its checkpoint ends with the weights of an uninterrupted run."""
    import torch
    from safetensors.torch import load_file

    train = _write_pairs(tmp_path / "train.jsonl", 80)
    common = dict(train_files=(str(train),), base_model=str(tiny_bert), batch_size=8, seed=3, checkpoint_every=2,
                  save_dtype="float32")  # fmt: skip
    train_nli(TrainConfig(output_dir=str(tmp_path / "whole"), **common))
    part = train_nli(TrainConfig(output_dir=str(tmp_path / "parts"), stop_after=5, **common))
    assert part.steps == 5 and not (tmp_path / "parts").exists() and (tmp_path / "parts.ckpt").is_dir()
    with pytest.raises(DataError, match="another configuration"):
        train_nli(TrainConfig(output_dir=str(tmp_path / "parts"), **{**common, "seed": 4}), resume=True)
    done = train_nli(TrainConfig(output_dir=str(tmp_path / "parts"), **common), resume=True)
    assert done.steps == 8 and not (tmp_path / "parts.ckpt").exists()
    a, b = (
        load_file(str(tmp_path / "whole" / "model.safetensors")),
        load_file(str(tmp_path / "parts" / "model.safetensors")),
    )
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_training_debias_modes_train_and_unknown_mode_is_refused(tmp_path, tiny_bert):
    train = _write_pairs(tmp_path / "train.jsonl", 80)
    for mode in ("reweight", "poe"):
        result = train_nli(TrainConfig(train_files=(str(train),), output_dir=str(tmp_path / mode),
                                       base_model=str(tiny_bert), batch_size=8, debias=mode))  # fmt: skip
        assert result.steps == 8
        assert json.loads((tmp_path / mode / "training.json").read_text())["config"]["debias"] == mode
    with pytest.raises(DataError, match="unknown --debias"):
        train_nli(TrainConfig(train_files=(str(train),), output_dir=str(tmp_path / "x"), base_model=str(tiny_bert),
                              debias="magic"))  # fmt: skip


def test_model_card_tells_a_second_round_over_the_mix_from_a_first_on_snli():
    from factcheck.training.model_card import _lineage

    snli = {"config": {"epochs": 1.0, "seed": 42}, "train_pairs": 99890, "eval_metrics": {"accuracy": 0.835}}
    mixed = {"config": {"epochs": 1.0, "seed": 42, "mix_data": "../shared/data", "init_from": "runs/nli-v1"},
             "train_pairs": 79328, "eval_metrics": {"accuracy": 0.8306}}  # fmt: skip
    first = _lineage({"config": {"init_from": "runs/nli-v1"}, "init": snli})
    second = _lineage({"config": {"init_from": "weights/v3"}, "init": mixed})
    assert "SNLI pairs only" in first and "never trained on any fact-checking set" in first
    assert "already trained by this recipe on the mix" in second and "runs/nli-v1" in second
    assert "SNLI pairs only" not in second and "never trained" not in second
    # the first round's own command, to reproduce the start before the second round
    assert "--init runs/nli-v1" in second and "--mix-data ../shared/data" in second
    assert _lineage({"config": {}}) == ""
