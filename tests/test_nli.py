from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck.errors import ModelError
from factcheck.models import SHIPPED_NLI_DIR, resolve_model
from factcheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL, NLI_LABELS, NLIScorer, label_columns
from factcheck.training.nli import TRAIN_LABELS


def test_nli_output_column_order_is_pinned():
    assert NLI_LABELS == ("entailment", "neutral", "contradiction")
    assert (ENTAILMENT, NEUTRAL, CONTRADICTION) == (0, 1, 2)
    assert TRAIN_LABELS == ("contradiction", "entailment", "neutral")


def test_nli_label_columns_map_names_from_config():
    assert label_columns({0: "contradiction", 1: "entailment", 2: "neutral"}) == [2, 0, 1]
    assert label_columns({"0": "ENTAILMENT", "1": "NEUTRAL", "2": "CONTRADICTION"}) == [0, 1, 2]
    assert label_columns({0: "supported", 1: "unsupported"}) == [0, 1]
    with pytest.raises(ModelError, match="label_map"):
        label_columns({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_nli_scorer_maps_the_head_to_fixed_columns(tiny_bert):
    scorer = NLIScorer(str(tiny_bert), batch_size=2)
    probs = scorer(["A man sleeps.", "Two dogs run.", "x"], ["A man is awake.", "Animals move.", "y"])
    assert probs.shape == (3, 3)
    np.testing.assert_allclose(probs.sum(1), 1.0, rtol=1e-5)
    assert (probs.argmax(1) == ENTAILMENT).all()  # the tiny head is biased to its "entailment" index 2


def test_nli_scorer_windows_long_evidence(tiny_bert):
    scorer = NLIScorer(str(tiny_bert), max_length=40)
    premise = " ".join(f"Sentence {i} talks about Pyongyang and Moscow." for i in range(30))
    out = scorer.score([premise, "Short premise."], ["Putin visited.", "Putin visited."])
    assert out.probs.shape == (2, 3)
    long_window = out.windows[0]
    assert 0 <= long_window.start < long_window.end <= len(premise)
    assert long_window.end - long_window.start < len(premise)
    assert out.windows[1].of("Short premise.") == "Short premise."


def test_nli_scorer_label_map_for_unnamed_heads(tiny_bert, tmp_path):
    import shutil

    folder = tmp_path / "unnamed"
    shutil.copytree(tiny_bert, folder)
    config = json.loads((folder / "config.json").read_text())
    config["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    config["label2id"] = {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2}
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="label_map"):
        NLIScorer(str(folder))(["a"], ["b"])
    scorer = NLIScorer(
        str(folder), label_map={"LABEL_0": "neutral", "LABEL_1": "contradiction", "LABEL_2": "entailment"}
    )
    assert scorer(["a b c"], ["b"]).argmax() == ENTAILMENT


def test_nli_batch_size_defaults_and_fp32_probabilities_do_not_depend_on_it(tiny_bert):
    from factcheck.config import DEFAULT_NLI_BATCH_SIZE, DEFAULT_NLI_BATCH_SIZE_ACCELERATOR, DEFAULT_NLI_BATCH_SIZE_INT8

    assert NLIScorer(str(tiny_bert)).batch_size == DEFAULT_NLI_BATCH_SIZE
    assert NLIScorer(str(tiny_bert), device="cuda").batch_size == DEFAULT_NLI_BATCH_SIZE_ACCELERATOR  # not loaded
    assert NLIScorer(str(tiny_bert), precision="int8").batch_size == DEFAULT_NLI_BATCH_SIZE_INT8
    premises = ["Putin visited Pyongyang in June 2024.", "a", "The treaty was signed in 2000 " * 6]
    hypotheses = ["Putin went to North Korea.", "b", "A treaty was signed."]
    one = NLIScorer(str(tiny_bert), batch_size=1)(premises * 3, hypotheses * 3)
    assert np.allclose(NLIScorer(str(tiny_bert))(premises * 3, hypotheses * 3), one, atol=1e-5)


def test_nli_scorer_rejects_mismatched_inputs(tiny_bert):
    scorer = NLIScorer(str(tiny_bert))
    with pytest.raises(ValueError):
        scorer(["a"], ["b", "c"])
    assert scorer([], []).shape == (0, 3)


def test_models_resolution_errors(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        resolve_model("./no/such/model", kind="nli")
    with pytest.raises(ModelError, match="unknown nli model"):
        resolve_model("not-a-model", kind="nli")
    (tmp_path / "m").mkdir()
    with pytest.raises(ModelError, match=r"no config\.json"):
        resolve_model(str(tmp_path / "m"), kind="nli")
    hub = resolve_model("cross-encoder/nli-deberta-v3-base", kind="nli")
    assert not hub.is_local and hub.fingerprint == "hub:cross-encoder/nli-deberta-v3-base"


def test_nli_shipped_model_is_package_data_within_budget():
    weights = SHIPPED_NLI_DIR / "model.safetensors"
    assert weights.is_file(), "the shipped NLI model is missing"
    assert weights.stat().st_size <= 60 * 1024 * 1024
    config = json.loads((SHIPPED_NLI_DIR / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(3)] == list(TRAIN_LABELS)
    card = (SHIPPED_NLI_DIR / "README.md").read_text()
    for needed in ("SNLI", "CC BY-SA 4.0", "Apache-2.0", "accuracy", "seed"):
        assert needed in card
    record = json.loads((SHIPPED_NLI_DIR / "training.json").read_text())
    assert record["eval_metrics"]["n"] > 9000
    # calibrated on the dev split, and the card says so
    calibration = json.loads((SHIPPED_NLI_DIR / "calibration.json").read_text())
    assert calibration["temperature"] > 0 and set(calibration["maps"]) <= {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"}
    assert "Calibration" in card and "Climate-FEVER" in card  # the card names what was never trained on


@pytest.mark.slow
def test_nli_shipped_model_reads_obvious_pairs():
    scorer = NLIScorer()
    probs = scorer(
        [
            "A man is sleeping on a couch.",
            "A woman is playing a violin on stage.",
            "Two children are swimming in a pool.",
        ],
        [
            "A man is running a marathon.",
            "A woman is playing an instrument.",
            "The children are sleeping in their beds.",
        ],
    )
    assert probs.argmax(1).tolist() == [CONTRADICTION, ENTAILMENT, CONTRADICTION]
