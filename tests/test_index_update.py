"""Incremental index updates, safe replacement, vector storage, bad corpora and the ANN option."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck import cli
from factcheck.config import INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import read_corpus
from factcheck.errors import ConfigError, CorpusError, InvalidIndexError
from factcheck.index import Index, build_index, index_for_corpus
from factcheck.index import ann as ann_module
from factcheck.index.cache import corpus_info
from factcheck.index.store import INT8_SCALE, exact_search

from .conftest import ROOT, TINY_DOCS, FakeEmbedder


def _docs(folder):
    return read_corpus(folder).documents


def _info(folder):
    return corpus_info(folder, read_corpus(folder))


def _texts_of(index, doc_id):
    return [p.text for p in index.passages() if p.doc_id == doc_id]


def test_index_update_embeds_only_new_and_changed_documents(tiny_corpus, tmp_path):
    first_embedder = FakeEmbedder()
    old = build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=first_embedder, corpus_info=_info(tiny_corpus))
    old_vectors = {p.id: np.array(old.vectors[i]) for i, p in enumerate(old.passages())}
    (tiny_corpus / "weather.txt").write_text("Pyongyang had a record snowfall in January 2024.\n", encoding="utf-8")
    (tiny_corpus / "treaty.txt").write_text(
        "Putin and Kim signed a defence treaty on 19 June 2024.\n", encoding="utf-8"
    )
    (tiny_corpus / "containers.txt").unlink()
    embedder = FakeEmbedder()
    new = build_index(
        _docs(tiny_corpus), tmp_path / "idx", embedder=embedder, corpus_info=_info(tiny_corpus), update=True
    )
    stats = new.manifest["update"]
    assert (stats["reused_documents"], stats["embedded_documents"], stats["removed_documents"]) == (2, 2, 1)
    changed = len(_texts_of(new, "weather")) + len(_texts_of(new, "treaty"))
    assert embedder.texts_encoded == changed == stats["embedded_passages"]
    assert _texts_of(new, "weather") == ["Pyongyang had a record snowfall in January 2024."]
    assert not _texts_of(new, "containers")
    for i, p in enumerate(new.passages()):
        if p.doc_id.startswith("visit"):  # unchanged: the very same vector
            np.testing.assert_array_equal(np.array(new.vectors[i]), old_vectors[p.id])
    # the BM25 index covers the new text and no longer the deleted one
    ids, _ = new.bm25_search(["snowfall"], 3)
    assert new.passage(int(ids[0, 0])).doc_id == "weather"
    assert (new.bm25_search(["munitions"], 3)[0] == -1).all()
    # a second update with no change embeds nothing
    again = FakeEmbedder()
    build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=again, corpus_info=_info(tiny_corpus), update=True)
    assert again.texts_encoded == 0


def test_index_update_interrupted_leaves_the_old_index(tiny_corpus, fake_embedder, tmp_path):
    old = build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder)
    before = (tmp_path / "idx" / "manifest.json").read_text()
    (tiny_corpus / "new.txt").write_text("A new document about Vladivostok.", encoding="utf-8")

    class Interrupted(FakeEmbedder):
        def encode(self, texts, *, progress=None):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=Interrupted(), update=True)
    assert (tmp_path / "idx" / "manifest.json").read_text() == before
    reopened = Index.open(tmp_path / "idx")
    assert [p.id for p in reopened.passages()] == [p.id for p in old.passages()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "idx"]


def test_index_open_restores_an_index_moved_aside_by_an_interrupted_swap(tiny_corpus, fake_embedder, tmp_path):
    build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder)
    (tmp_path / "idx").rename(tmp_path / ".idx.old-abc123")  # the process died right after this step
    assert len(Index.open(tmp_path / "idx")) > 0
    assert not (tmp_path / ".idx.old-abc123").exists()


def test_index_update_refuses_other_settings_and_another_corpus_kind(tiny_corpus, fake_embedder, tmp_path):
    build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder, corpus_info=_info(tiny_corpus))
    with pytest.raises(InvalidIndexError, match="chunking"):
        build_index(
            _docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder, chunking=ChunkConfig(1, 1), update=True
        )

    class Other(FakeEmbedder):
        name, fingerprint = "other", "fake:other"

    with pytest.raises(InvalidIndexError, match="embedder 'fake-bow'"):
        build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=Other(), update=True)
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TINY_DOCS.items()))
    with pytest.raises(CorpusError, match=r"built from a folder corpus .* this corpus is a jsonl"):
        build_index(_docs(jsonl), tmp_path / "idx", embedder=fake_embedder, corpus_info=_info(jsonl), update=True)
    assert Index.open(tmp_path / "idx").manifest["corpus"]["kind"] == "folder"  # untouched


def test_index_format_1_is_refused_but_updated_without_reembedding(tiny_corpus, fake_embedder, tmp_path):
    build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder, dtype="float32")
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 1  # format 1: float32 vectors, no offset table
    manifest_path.write_text(json.dumps(manifest))
    (tmp_path / "idx" / "passages.offsets.npy").unlink()
    with pytest.raises(InvalidIndexError, match="--update"):
        Index.open(tmp_path / "idx")
    embedder = FakeEmbedder()
    updated = build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=embedder, update=True)
    assert embedder.texts_encoded == 0 and updated.manifest["format_version"] == INDEX_FORMAT_VERSION
    assert updated.vectors.dtype == np.float16


def test_index_cache_updates_incrementally_when_the_corpus_changes(tiny_corpus, tmp_path):
    embedder = FakeEmbedder()
    first = index_for_corpus(tiny_corpus, embedder=embedder, cache_dir=tmp_path / "cache")
    (tiny_corpus / "new.txt").write_text("A new document about Vladivostok.", encoding="utf-8")
    before = embedder.texts_encoded
    second = index_for_corpus(tiny_corpus, embedder=embedder, cache_dir=tmp_path / "cache")
    assert embedder.texts_encoded - before == 1 and second.path != first.path
    assert not first.path.exists()  # superseded entry removed
    assert second.manifest["update"]["reused_documents"] == 4


@pytest.mark.parametrize("dtype", ["float16", "int8", "float32"])
def test_index_vector_storage_keeps_the_ranking(tiny_corpus, fake_embedder, tmp_path, dtype):
    index = build_index(_docs(tiny_corpus), tmp_path / dtype, embedder=fake_embedder, dtype=dtype)
    assert index.vectors.dtype == np.dtype(dtype) and index.manifest["vectors"]["dtype"] == dtype
    exact = fake_embedder.encode([f"{p.title}. {p.text}" if p.title else p.text for p in index.passages()])
    stored = np.asarray(index.vectors, dtype=np.float32) / (INT8_SCALE if dtype == "int8" else 1.0)
    np.testing.assert_allclose(stored, exact, atol=0.5 / INT8_SCALE if dtype == "int8" else 1e-3)
    q = fake_embedder.encode(["Putin arrived in Pyongyang in June 2024"])
    ids, scores = index.dense_search(q, 3)
    assert ids[0, 0] == int(np.argmax(exact @ q[0]))
    assert scores[0, 0] == pytest.approx(float(np.max(exact @ q[0])), abs=0.02)
    with pytest.raises(ConfigError, match="vector dtype"):
        build_index(_docs(tiny_corpus), tmp_path / "bad", embedder=fake_embedder, dtype="float8")  # type: ignore[arg-type]


def test_exact_search_in_blocks_matches_one_block():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(1000, 16)).astype(np.float16)
    q = rng.normal(size=(3, 16)).astype(np.float32)
    one = exact_search(vectors, q, 7, block=10_000)
    blocked = exact_search(vectors, q, 7, block=64)
    np.testing.assert_array_equal(one[0], blocked[0])


# -- bad input -------------------------------------------------------------------------------------


def test_corpus_oversized_and_foreign_encoding_documents_are_counted(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ok.txt").write_text("Putin visited Pyongyang.", encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 4000, encoding="utf-8")
    (folder / "latin.txt").write_bytes("Café in Zürich.".encode("latin-1"))
    (folder / "utf16.txt").write_bytes("Putin in Pyongyang.".encode("utf-16"))
    read = read_corpus(folder, max_document_chars=10_000)
    assert [d.id for d in read.documents] == ["ok"]
    kinds = dict(read.warnings)
    assert kinds["binary or non-UTF-8 files"] == 2
    assert sum(n for k, n in kinds.items() if k.startswith("documents over 10,000 characters")) == 1
    jsonl = tmp_path / "latin.jsonl"
    jsonl.write_bytes('{"id": "1", "text": "Café"}\n'.encode("latin-1"))
    with pytest.raises(CorpusError, match="UTF-8"):
        read_corpus(jsonl)


def test_cli_index_update_and_bad_input(tiny_corpus, tmp_path, monkeypatch):
    embedder = FakeEmbedder()
    monkeypatch.setattr("factcheck.embed.Embedder", lambda *a, **k: embedder)
    runner = CliRunner()
    out = tmp_path / "idx"
    first = runner.invoke(cli.app, ["index", str(tiny_corpus), "-o", str(out), "--window", "2"])
    assert first.exit_code == 0, first.output
    (tiny_corpus / "new.txt").write_text("A new document about Vladivostok.", encoding="utf-8")
    before = embedder.texts_encoded
    second = runner.invoke(cli.app, ["index", str(tiny_corpus), "-o", str(out), "--window", "2", "--update"])
    assert second.exit_code == 0, second.output
    assert "embedded 1 new or changed documents, reused 4, removed 0" in second.output
    assert embedder.texts_encoded - before == 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["chunking"]["window_sentences"] == 2 and manifest["corpus"]["fingerprint"]
    dupes = tmp_path / "dupes.jsonl"
    dupes.write_text('{"id": "a", "text": "one"}\n{"id": "a", "text": "two"}\n')
    bad = runner.invoke(cli.app, ["index", str(dupes), "-o", str(out), "--update"])
    assert bad.exit_code == 2 and "duplicate document id" in bad.output
    assert json.loads((out / "manifest.json").read_text()) == manifest  # the old index, untouched


# -- ANN -----------------------------------------------------------------------------------------------


def _clustered(n, dim, seed=0):
    rng = np.random.default_rng(seed)
    centroids = rng.normal(size=(20, dim))
    x = centroids[rng.integers(0, 20, n)] + 0.5 * rng.normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _ann_search_recall(tmp_path, library):
    vectors = _clustered(3000, 32).astype(np.float16)
    info = ann_module.build_ann(tmp_path, vectors, library=library)
    assert info is not None and info["library"] == library and (tmp_path / "ann").is_dir()
    loaded = ann_module.load_ann(tmp_path, info, vectors)
    queries = _clustered(50, 32, seed=1)
    ids, scores = loaded.search(queries, 10)
    exact_ids, exact_scores = exact_search(vectors, queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact_ids, strict=True)])
    assert recall >= 0.9
    # scores are inner products (not distances) on the same scale as exact search
    assert np.mean(np.abs(scores[:, 0] - exact_scores[:, 0]) < 0.02) >= 0.9


@pytest.mark.parametrize("library", ann_module.LIBRARIES)
def test_ann_search_recalls_the_exact_neighbours(tmp_path, library):
    """Each library in its own process: usearch and faiss in one process crash (seen with usearch
    2.26 and faiss-cpu 1.15); the project only ever loads one of them."""
    if not ann_module.available(library):
        pytest.skip(f"{library} is not installed")
    code = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[1]); "
        "from tests.test_index_update import _ann_search_recall; "
        "_ann_search_recall(pathlib.Path(sys.argv[2]), sys.argv[3])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(tmp_path), library], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_ann_falls_back_to_brute_force_without_its_library(tiny_corpus, fake_embedder, tmp_path, monkeypatch, caplog):
    libs = [lib for lib in ann_module.PREFERENCE if ann_module.available(lib)]
    if not libs:
        pytest.skip("no ANN library installed (pip install factcheck[ann])")
    index = build_index(_docs(tiny_corpus), tmp_path / "idx", embedder=fake_embedder, ann_threshold=1)
    assert index.manifest["ann"]["library"] == libs[0] and index.ann is not None
    q = fake_embedder.encode(["Putin arrived in Pyongyang"])
    assert index.dense_search(q, 2)[0][0, 0] == index.dense_search(q, 2, exact=True)[0][0, 0]
    monkeypatch.setattr(ann_module, "available", lambda lib: False)
    with caplog.at_level(logging.WARNING):
        reopened = Index.open(tmp_path / "idx")
    assert reopened.ann is None and "not installed" in caplog.text
    np.testing.assert_array_equal(reopened.dense_search(q, 3)[0], index.dense_search(q, 3, exact=True)[0])
    # below the threshold, or with no library at all, no ANN index is built
    small = build_index(_docs(tiny_corpus), tmp_path / "small", embedder=fake_embedder, ann_threshold=10**6)
    assert small.manifest["ann"] is None
    none = build_index(_docs(tiny_corpus), tmp_path / "none", embedder=fake_embedder, ann_threshold=1)
    assert none.manifest["ann"] is None and "brute-force" in caplog.text
    with pytest.raises(ConfigError, match="not installed"):
        ann_module.choose("hnswlib")
