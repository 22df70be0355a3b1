"""Shared fixtures: a tiny hand-made corpus, fake stages plugged in like the real ones, and the
real models loaded once per session for the tests marked ``slow``."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "000_67f97ffaf357c057.txt"

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach for a model hub


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true", help="also run the tests marked long (their long versions)")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``long`` (10,000 generated texts per property, 100 kill trials: tens of
    minutes) run only with ``--long``; their fast versions run in every run."""
    if config.getoption("--long"):
        return
    skip = pytest.mark.skip(reason="the long version of a fast test: run with --long")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Cached indexes go to a per-session temporary folder, never to the user's cache."""
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path_factory.getbasetemp() / "factcheck-home"))


# ------------------------------------------------------------------------------------------------
# Fakes
# ------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "was", "is", "his", "her", "for", "at", "by", "with"}


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


class FakeEmbedder:
    """Hashed bag of words: deterministic, instant, similar texts get similar vectors."""

    name = "fake-bow"
    fingerprint = "fake:bow-64"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts, *, progress=None):
        self.calls += 1
        self.texts_encoded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in _words(text):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        if progress:
            progress(len(texts), len(texts))
        return out / norms


class KeywordNLI:
    """Entailment when every content word of the hypothesis is in the premise, contradiction when
    the premise says "not"/"never" about otherwise covered words, neutral otherwise."""

    name = "keyword-nli"
    fingerprint = "fake:keyword-nli"

    def __init__(self) -> None:
        self.pairs_scored = 0

    def __call__(self, premises, hypotheses):
        self.pairs_scored += len(premises)
        out = np.zeros((len(premises), 3), dtype=np.float32)
        for i, (p, h) in enumerate(zip(premises, hypotheses, strict=True)):
            pw, hw = set(_words(p)), set(_words(h))
            covered = len(hw & pw) / max(len(hw), 1)
            negated = bool({"not", "never", "no"} & (pw ^ hw))
            if covered >= 0.99 and not negated:
                out[i] = (0.9, 0.08, 0.02)
            elif covered >= 0.6 and negated:
                out[i] = (0.05, 0.1, 0.85)
            else:
                out[i] = (0.1, 0.8, 0.1)
        return out


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def keyword_nli() -> KeywordNLI:
    return KeywordNLI()


TINY_DOCS = {
    "visit-2000.md": "# Putin in Pyongyang, 2000\n\nVladimir Putin visited Pyongyang in July 2000. "
    "He met Kim Jong Il during the visit.\n",
    "visit-2024.md": "# Putin in Pyongyang, 2024\n\nVladimir Putin arrived in Pyongyang on 19 June 2024. "
    "It was his first visit in 24 years. Kim Jong Un greeted him at the airport.\n",
    "containers.txt": "US officials said North Korea shipped more than 10,000 containers of munitions to Russia "
    "since September 2023.\n",
    "weather.txt": "Pyongyang has cold winters and hot, humid summers. The Taedong River flows through the city.\n",
}


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TINY_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def fake_checker(tiny_corpus, fake_embedder, keyword_nli, tmp_path):
    from factcheck import FactChecker

    return FactChecker.from_corpus(tiny_corpus, embedder=fake_embedder, nli=keyword_nli, cache_dir=tmp_path / "cache")


# ------------------------------------------------------------------------------------------------
# Real models (slow tests)
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_checker(tmp_path_factory):
    """The default checker over the bundled sample corpus, built once per session."""
    from factcheck import FactChecker

    return FactChecker.from_corpus(SAMPLE / "corpus", cache_dir=tmp_path_factory.mktemp("real-cache"))


def seed_text() -> str:
    """The article the project was created from (../shared/seeds), or skip the test saying why."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"the seed article {SEED_ARTICLE} is not available (it lives outside the repository)")
    return SEED_ARTICLE.read_text(encoding="utf-8")


def shared(path: str) -> Path:
    """A file under ../shared/data, or skip the test saying why."""
    full = SHARED_DATA / path
    if not full.exists():
        pytest.skip(f"third-party data {full} is not available (it lives outside the repository)")
    return full


@pytest.fixture(scope="session")
def tiny_bert(tmp_path_factory) -> Path:
    """A randomly initialised 2-layer BERT with the shipped MiniLM tokenizer: a stand-in base
    model and NLI head for fast tests.  Its head is biased towards index 2 ("entailment")."""
    import shutil

    import torch
    from transformers import BertConfig, BertForSequenceClassification

    from factcheck.models import resolve_model

    folder = tmp_path_factory.mktemp("tiny-bert")
    minilm = Path(resolve_model("minilm", kind="embedder").location)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if (minilm / name).exists():
            shutil.copy(minilm / name, folder / name)
    config = BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=3,
        id2label={0: "neutral", 1: "contradiction", 2: "entailment"},
        label2id={"neutral": 0, "contradiction": 1, "entailment": 2},
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, 1.0, 4.0]))
    model.save_pretrained(folder)
    return folder
