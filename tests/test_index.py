from __future__ import annotations

import json
import math
from collections import Counter

import numpy as np
import pytest

from factcheck.config import INDEX_FORMAT_VERSION
from factcheck.corpus import read_corpus
from factcheck.errors import CorpusError, InvalidIndexError
from factcheck.index import Index, build_index, index_for_corpus
from factcheck.index.bm25 import BM25Index, tokenize
from factcheck.index.topk import top_k
from factcheck.retrieve import Retriever, reciprocal_rank_fusion


def _build(tiny_corpus, fake_embedder, out):
    return build_index(read_corpus(tiny_corpus).documents, out, embedder=fake_embedder)


def test_index_build_and_open_round_trip(tiny_corpus, fake_embedder, tmp_path):
    index = _build(tiny_corpus, fake_embedder, tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text())
    assert manifest["format_version"] == INDEX_FORMAT_VERSION and manifest["embedder"]["fingerprint"] == "fake:bow-64"
    assert manifest["corpus"]["documents"] == 4 and manifest["corpus"]["passages"] == len(index)
    reopened = Index.open(tmp_path / "idx", embedder_fingerprint="fake:bow-64")
    assert isinstance(reopened.vectors, np.memmap)
    assert [p.id for p in reopened.passages()] == [p.id for p in index.passages()]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folders left


def test_index_refuses_other_embedder_and_format(tiny_corpus, fake_embedder, tmp_path):
    _build(tiny_corpus, fake_embedder, tmp_path / "idx")
    with pytest.raises(InvalidIndexError, match="built with embedder 'fake-bow'"):
        Index.open(tmp_path / "idx", embedder_fingerprint="sha256:other", embedder_name="minilm")
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(InvalidIndexError, match="format version 99"):
        Index.open(tmp_path / "idx")
    with pytest.raises(InvalidIndexError, match="does not exist"):
        Index.open(tmp_path / "missing")
    (tmp_path / "plain").mkdir()
    with pytest.raises(InvalidIndexError, match="not a factcheck index"):
        Index.open(tmp_path / "plain")


def test_index_failed_rebuild_keeps_the_old_index(tiny_corpus, fake_embedder, tmp_path):
    old = _build(tiny_corpus, fake_embedder, tmp_path / "idx")

    class Exploding:
        name, fingerprint = "boom", "fake:boom"

        def encode(self, texts, progress=None):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        build_index(read_corpus(tiny_corpus).documents, tmp_path / "idx", embedder=Exploding())
    again = Index.open(tmp_path / "idx", embedder_fingerprint="fake:bow-64")
    assert len(again) == len(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "idx"]


def test_index_refuses_to_overwrite_a_foreign_folder(tiny_corpus, fake_embedder, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("precious")
    with pytest.raises(InvalidIndexError, match="not a factcheck index"):
        _build(tiny_corpus, fake_embedder, tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "precious"


def test_index_cache_never_reembeds_an_unchanged_corpus(tiny_corpus, fake_embedder, tmp_path):
    first = index_for_corpus(tiny_corpus, embedder=fake_embedder, cache_dir=tmp_path / "cache")
    encoded = fake_embedder.texts_encoded
    second = index_for_corpus(tiny_corpus, embedder=fake_embedder, cache_dir=tmp_path / "cache")
    assert fake_embedder.texts_encoded == encoded and second.path == first.path
    (tiny_corpus / "new.txt").write_text("A new document about Vladivostok.", encoding="utf-8")
    third = index_for_corpus(tiny_corpus, embedder=fake_embedder, cache_dir=tmp_path / "cache")
    assert third.path != first.path and fake_embedder.texts_encoded > encoded


def test_index_empty_corpus_leaves_nothing_behind(tmp_path, fake_embedder):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError):
        index_for_corpus(tmp_path / "empty", embedder=fake_embedder, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("manifest.json"))


def test_index_dense_search_blocks_agree_with_one_pass(tiny_corpus, fake_embedder, tmp_path):
    index = _build(tiny_corpus, fake_embedder, tmp_path / "idx")
    queries = fake_embedder.encode(["Putin Pyongyang 2000", "containers munitions", "river climate"])
    full = index.dense_search(queries, 3)
    blocked = index.dense_search(queries, 3, block=2)
    np.testing.assert_array_equal(full[0], blocked[0])
    np.testing.assert_allclose(full[1], blocked[1], rtol=1e-6)


def test_index_top_k_pads_with_minus_one():
    ids, scores = top_k(np.array([[0.1, 0.9, 0.5]]), 5)
    assert ids.tolist() == [[1, 2, 0, -1, -1]]
    assert np.isneginf(scores[0, 3:]).all()
    ids, _ = top_k(np.array([[0.0, 2.0, 0.0]]), 2, keep=lambda s: s > 0)
    assert ids.tolist() == [[1, -1]]


def _lucene_bm25(docs: list[list[str]], query: list[str], k1=1.2, b=0.75) -> np.ndarray:
    """Independent BM25 written from the formula of Lucene >= 8 (no (k1 + 1) factor in the numerator)."""
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df = Counter(t for d in docs for t in set(d))
    scores = np.zeros(n)
    for i, d in enumerate(docs):
        tf = Counter(d)
        for t in set(query):
            if t not in tf:
                continue
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            scores[i] += idf * tf[t] / (tf[t] + k1 * (1 - b + b * len(d) / avgdl))
    return scores


def test_bm25_scores_match_the_formula():
    texts = [
        "Putin visited Pyongyang in 2000 and again in 2024.",
        "Kim Jong Un visited Russia in 2023.",
        "Containers of munitions were shipped to Russia.",
        "The Taedong River flows through Pyongyang.",
        "Putin and Kim signed a treaty in Pyongyang, Pyongyang.",
    ]
    index = BM25Index.build(texts)
    for query in ("Putin Pyongyang visit", "Russia munitions 2023", "treaty"):
        expected = _lucene_bm25([tokenize(t) for t in texts], tokenize(query))
        np.testing.assert_allclose(index.scores(query), expected, rtol=1e-5)
    assert not index.scores("zebra unicorn").any()


@pytest.mark.parametrize("mmap", [True, False])
def test_bm25_saved_index_scores_as_bm25s_does_without_importing_it(tmp_path, mmap):
    import random
    import subprocess
    import sys

    rng = random.Random(7)
    words = "putin kim pyongyang russia treaty visit munitions river summit 2000 2024 10,000".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(60)]
    built = BM25Index.build(texts)
    built.save(tmp_path)
    loaded = BM25Index.load(tmp_path, mmap=mmap)
    assert type(loaded._retriever).__name__ == "_SavedScores" and loaded.size == 60
    queries = ["putin putin visit", "treaty of 2024", "zebra", "river summit kim russia", ""]
    for query in queries:  # repeated tokens count twice, unknown ones not at all, as in bm25s
        np.testing.assert_allclose(loaded.scores(query), built.scores(query), rtol=1e-6)
    (ids, scores), (built_ids, built_scores) = loaded.search(queries, 5), built.search(queries, 5)
    assert np.array_equal(ids, built_ids) and np.allclose(scores, built_scores)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from factcheck.index.bm25 import BM25Index\n"
        f"print(BM25Index.load(Path({str(tmp_path)!r})).search(['putin visit'], 3)[0].tolist(), 'bm25s' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-1] == "False"


def test_bm25_stop_words_are_bm25s_english_list():
    from bm25s.stopwords import STOPWORDS_EN

    from factcheck.index.bm25 import _stopwords

    assert _stopwords() == frozenset(STOPWORDS_EN)


def test_retrieve_rrf_matches_hand_computation():
    dense = np.array([[3, 1, 2]])
    bm25 = np.array([[1, 4, -1]])
    ids, scores = reciprocal_rank_fusion([dense, bm25], 4, rrf_k=60)
    expected = {3: 1 / 61, 1: 1 / 62 + 1 / 61, 2: 1 / 63, 4: 1 / 62}
    ranked = sorted(expected, key=lambda k: -expected[k])
    assert ids[0].tolist() == ranked
    np.testing.assert_allclose(scores[0], [expected[k] for k in ranked], rtol=1e-6)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_retrieve_modes_find_the_relevant_document(tiny_corpus, fake_embedder, tmp_path, mode):
    index = _build(tiny_corpus, fake_embedder, tmp_path / "idx")
    retriever = Retriever(index, fake_embedder, mode=mode)
    results = retriever(
        ["North Korea shipped 10,000 containers of munitions", "Putin visited Pyongyang in July 2000"], 3
    )
    assert results.ids.shape == (2, 3)
    assert index.passage(int(results.ids[0, 0])).doc_id == "containers"
    assert index.passage(int(results.ids[1, 0])).doc_id == "visit-2000"


def test_embedder_precision_is_validated():
    from factcheck.embed import Embedder
    from factcheck.errors import ModelError

    with pytest.raises(ModelError, match="precision"):
        Embedder(precision="int4")
    with pytest.raises(ModelError, match="CPU"):
        Embedder(precision="int8", device="cuda")


@pytest.mark.slow
def test_int8_query_vectors_stay_close_to_fp32():
    import numpy as np

    from factcheck.embed import Embedder

    texts = ["Putin visited Pyongyang in June 2024.", "The treaty includes a mutual defence clause."]
    fp32, int8 = Embedder().encode(texts), Embedder(precision="int8").encode(texts)
    assert int8.shape == fp32.shape and np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
    assert (fp32 * int8).sum(1).min() > 0.85
