"""The plain sentence encoder: the same vectors as sentence-transformers, without importing it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.sentence_encoder import PlainEncoder, plain_encoder

TEXTS = [
    "Putin visited Pyongyang in June 2024.",
    "The treaty includes a mutual defence clause.",
    "a",
    "word " * 300,  # longer than max_seq_length: truncated the same way
]


def _st_folder(tiny_bert: Path, out: Path, *, pooling: str = "mean", normalise: bool = True, extra=None) -> Path:
    """A sentence-transformers folder around the tiny BERT of conftest."""
    from transformers import BertModel

    out.mkdir()
    BertModel.from_pretrained(tiny_bert).save_pretrained(out)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if (tiny_bert / name).exists():
            shutil.copy(tiny_bert / name, out / name)
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]
    if normalise:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
    modules += extra or []
    (out / "modules.json").write_text(json.dumps(modules))
    (out / "1_Pooling").mkdir()
    modes = {"pooling_mode_cls_token": pooling == "cls", "pooling_mode_mean_tokens": pooling == "mean",
             "pooling_mode_max_tokens": pooling == "max"}  # fmt: skip
    (out / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 32, **modes}))
    (out / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64, "do_lower_case": False}))
    return out


@pytest.mark.parametrize(("pooling", "normalise"), [("mean", True), ("cls", False)])
def test_plain_encoder_gives_sentence_transformers_vectors(tiny_bert, tmp_path, pooling, normalise):
    from sentence_transformers import SentenceTransformer

    folder = _st_folder(tiny_bert, tmp_path / "st", pooling=pooling, normalise=normalise)
    plain = plain_encoder(str(folder))
    assert isinstance(plain, PlainEncoder)
    ours = plain.encode(TEXTS, batch_size=2)
    theirs = SentenceTransformer(str(folder), device="cpu").encode(TEXTS, batch_size=2, convert_to_numpy=True)
    assert ours.shape == theirs.shape == (len(TEXTS), plain.get_sentence_embedding_dimension())
    assert np.allclose(ours, theirs, atol=1e-5)


def test_other_layouts_go_to_sentence_transformers(tiny_bert, tmp_path):
    dense = {"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"}
    assert plain_encoder(str(_st_folder(tiny_bert, tmp_path / "dense", extra=[dense]))) is None
    assert plain_encoder(str(_st_folder(tiny_bert, tmp_path / "max", pooling="max"))) is None
    prompted = _st_folder(tiny_bert, tmp_path / "prompts")
    (prompted / "config_sentence_transformers.json").write_text(json.dumps({"prompts": {"query": "query: "}}))
    assert plain_encoder(str(prompted)) is None
    assert plain_encoder(str(tiny_bert)) is None  # no modules.json: a bare transformers folder
    assert plain_encoder(str(tmp_path / "missing")) is None
    assert plain_encoder("sentence-transformers/all-MiniLM-L6-v2") is None  # a hub id


def test_check_path_does_not_import_sentence_transformers():
    """The shipped embedder runs without sentence-transformers (its import costs seconds)."""
    code = (
        "import sys; from factcheck.embed import Embedder; e = Embedder(); v = e.encode(['Putin visited Pyongyang.']);"
        "assert v.shape == (1, 384), v.shape; assert 'sentence_transformers' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=300)


def test_fp32_vectors_do_not_depend_on_the_batch(tiny_bert, tmp_path):
    # the CPU default batch is small (DEFAULT_EMBED_BATCH_SIZE): that must not change a vector
    plain = plain_encoder(str(_st_folder(tiny_bert, tmp_path / "st")))
    alone = np.stack([plain.encode([t])[0] for t in TEXTS])
    assert np.allclose(plain.encode(TEXTS, batch_size=8), alone, atol=1e-5)
    assert np.allclose(plain.encode(TEXTS, batch_size=64), alone, atol=1e-5)


def test_embedder_batch_size_defaults_by_device(tiny_bert, tmp_path):
    from factcheck.config import DEFAULT_EMBED_BATCH_SIZE, DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR
    from factcheck.embed import Embedder

    folder = str(_st_folder(tiny_bert, tmp_path / "st"))
    cpu = Embedder(folder)
    assert cpu.batch_size == DEFAULT_EMBED_BATCH_SIZE < DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR
    assert Embedder(folder, device="cuda").batch_size == DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR  # nothing loaded yet
    assert Embedder(folder, batch_size=3).batch_size == 3
    assert cpu.at_precision("fp32") is cpu
    twin = cpu.at_precision("int8", batch_size=64)
    assert (twin.precision, twin.batch_size, twin.fingerprint) == ("int8", 64, cpu.fingerprint)
    same_size = cpu.at_precision("fp32", batch_size=64)
    assert (same_size.precision, same_size.batch_size) == ("fp32", 64)


def test_check_worthiness_head_reads_its_own_batch_size(tiny_bert, tmp_path):
    from factcheck.claims import ClaimDetector
    from factcheck.config import DEFAULT_CHECKWORTHINESS_BATCH_SIZE
    from factcheck.embed import Embedder

    detector = ClaimDetector(embedder=Embedder(str(_st_folder(tiny_bert, tmp_path / "st"))), head="rules")
    assert detector.embedder.batch_size == DEFAULT_CHECKWORTHINESS_BATCH_SIZE
    assert detector.embedder.precision == detector.precision
