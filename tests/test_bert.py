"""The plain-torch BERT runtime (factcheck.bert) against transformers on the same folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from factcheck.bert import load_encoder, supported
from factcheck.errors import ModelError
from factcheck.models import resolve_model
from factcheck.nli import NLIScorer

SHIPPED_NLI = Path(resolve_model("factcheck-nli", kind="nli").location)

PREMISES = [
    "Putin visited Pyongyang in June 2024, his first trip to North Korea in 24 years.",
    "The Ever Given ran aground on 23 March 2021, blocking the canal for six days. " * 12,
    "Ünïcode, 東京 and emoji 🙂 — dashes “quotes” and\ttabs.",
    "",
]
HYPOTHESES = ["Putin's first visit in 24 years.", "The canal was blocked for a week.", "Tokyo", "An empty premise."]


def _hf(folder: Path, head: str):
    from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer

    cls = AutoModelForSequenceClassification if head == "classifier" else AutoModel
    return AutoTokenizer.from_pretrained(str(folder)), cls.from_pretrained(str(folder), dtype=torch.float32).eval()


@pytest.mark.parametrize("folder", [SHIPPED_NLI, "tiny"], ids=["shipped-nli", "tiny-bert"])
def test_classifier_logits_and_tokens_equal_transformers(folder, tiny_bert):
    folder = tiny_bert if folder == "tiny" else folder
    tok, model = load_encoder(folder, "classifier")
    hf_tok, hf_model = _hf(folder, "classifier")
    kwargs = dict(truncation=True, max_length=96, padding=True, return_tensors="pt")
    ours, theirs = tok(PREMISES, HYPOTHESES, **kwargs), hf_tok(PREMISES, HYPOTHESES, **kwargs)
    for key in ("input_ids", "token_type_ids", "attention_mask"):
        assert torch.equal(ours[key], theirs[key]), key
    with torch.inference_mode():
        assert torch.allclose(model(**ours).logits, hf_model(**theirs).logits, atol=1e-5)
    plain = dict(add_special_tokens=False, return_offsets_mapping=True)
    assert tok(PREMISES, **plain)["offset_mapping"] == hf_tok(PREMISES, verbose=False, **plain)["offset_mapping"]
    assert tok.model_max_length == hf_tok.model_max_length


def test_encoder_hidden_states_equal_transformers():
    folder = Path(resolve_model("minilm", kind="embedder").location)
    tok, model = load_encoder(folder, "encoder")
    _, hf_model = _hf(folder, "encoder")
    batch = tok(PREMISES, truncation=True, max_length=128, padding=True, return_tensors="pt")
    with torch.inference_mode():
        ours, theirs = model(**batch).last_hidden_state, hf_model(**batch).last_hidden_state
    assert torch.allclose(ours, theirs, atol=1e-5)


def test_other_architectures_are_left_to_transformers(tmp_path, tiny_bert):
    relative = tmp_path / "relative"
    shutil.copytree(tiny_bert, relative)
    config = json.loads((relative / "config.json").read_text())
    (relative / "config.json").write_text(json.dumps({**config, "position_embedding_type": "relative_key"}))
    assert supported(relative, "classifier") is None and load_encoder(relative, "classifier") is None
    roberta = tmp_path / "roberta"
    shutil.copytree(tiny_bert, roberta)
    (roberta / "config.json").write_text(json.dumps({**config, "model_type": "roberta"}))
    assert load_encoder(roberta, "encoder") is None
    assert supported(tiny_bert, "classifier") is not None


def test_weights_that_do_not_fit_the_config_are_a_model_error(tmp_path, tiny_bert):
    wrong = tmp_path / "wrong"
    shutil.copytree(tiny_bert, wrong)
    config = json.loads((wrong / "config.json").read_text())
    (wrong / "config.json").write_text(json.dumps({**config, "num_hidden_layers": 3}))
    with pytest.raises(ValueError, match="do not fit"):
        load_encoder(wrong, "classifier")
    with pytest.raises(ModelError, match="cannot load NLI model"):
        NLIScorer(str(wrong))(["a"], ["b"])


def test_shipped_models_score_without_importing_transformers():
    """The point of the runtime: a check's models load without transformers in the process."""
    code = (
        "import sys\n"
        "from factcheck.nli import NLIScorer\n"
        "from factcheck.embed import Embedder\n"
        "p = NLIScorer()(['A man is sleeping.'], ['A man is awake.'])\n"
        "v = Embedder().encode(['Putin visited Pyongyang.'])\n"
        "assert p.shape == (1, 3) and v.shape == (1, 384)\n"
        "print('transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_layers_built_for_loading_skip_their_random_initialisation_only():
    """The loaded model is the one its weights give (nothing of a random initialisation is left),
    and ``torch.nn.init`` is whole again afterwards, also when the weights do not fit."""
    from factcheck import bert

    before = {name: getattr(torch.nn.init, name) for name in bert._INITIALISERS}
    _, model = load_encoder(SHIPPED_NLI, "classifier")
    assert {name: getattr(torch.nn.init, name) for name in bert._INITIALISERS} == before
    with bert._no_init():
        layer = torch.nn.Linear(4, 4)
    assert torch.nn.init.kaiming_uniform_ is before["kaiming_uniform_"]
    torch.manual_seed(0)
    fresh = torch.nn.Linear(4, 4).weight.detach().clone()
    torch.manual_seed(0)
    again = torch.nn.Linear(4, 4).weight.detach()
    assert torch.equal(fresh, again)  # initialisation works again, as seeded
    assert layer.weight.shape == (4, 4)
    from safetensors.torch import load_file

    stored = load_file(str(SHIPPED_NLI / "model.safetensors"))
    key = next(k for k in stored if k.endswith("classifier.weight"))
    assert torch.equal(model.state_dict()[bert._rename(key)], stored[key].to(torch.float32))
