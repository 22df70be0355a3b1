"""The check-worthiness head: storage, scoring, the training recipe's choices (no real embedder)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck.checkworthy import DEFAULT_HEAD_DIR, CheckworthinessHead
from factcheck.errors import InputError, ModelError


def _head(**kw) -> CheckworthinessHead:
    args = dict(
        coef=np.array([1.0, -1.0, 0.5], dtype=np.float32),
        rule_coef=2.0,
        intercept=-1.0,
        threshold=0.4,
        embedder="fake",
        embedder_fingerprint="fake:1",
    )
    args.update(kw)
    return CheckworthinessHead(**args)


def test_head_scores_are_a_logistic_of_embedding_and_rule():
    head = _head()
    v = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    p = head.score(v, np.array([0.5, 0.0]))
    expected = 1 / (1 + np.exp(-np.array([1.0 + 1.0 - 1.0, -1.0 - 1.0])))
    assert np.allclose(p, expected, atol=1e-6)
    with pytest.raises(ModelError, match="dimension 3"):
        head.score(np.zeros((1, 4)), np.zeros(1))


def test_head_round_trips_and_refuses_bad_files(tmp_path):
    head = _head(meta={"seed": 1})
    path = head.save(tmp_path / "h")
    back = CheckworthinessHead.load(tmp_path / "h")
    assert np.allclose(back.coef, head.coef) and back.threshold == 0.4 and back.meta == {"seed": 1}
    raw = json.loads(path.read_text())
    raw["coef"] = raw["coef"][:2]
    path.write_text(json.dumps(raw))
    with pytest.raises(ModelError, match="shape"):
        CheckworthinessHead.load(tmp_path / "h")
    with pytest.raises(ModelError, match="train-checkworthiness"):
        CheckworthinessHead.load(tmp_path / "missing")


def test_shipped_head_is_small_and_documented():
    head = CheckworthinessHead.load(DEFAULT_HEAD_DIR)
    assert head.dim == 384 and 0.0 < head.threshold < 1.0
    assert (DEFAULT_HEAD_DIR / "head.json").stat().st_size < 100_000
    card = (DEFAULT_HEAD_DIR / "README.md").read_text()
    assert "ClaimBuster" in card and f"{head.threshold:.2f}" in card
    assert head.meta["operating"]["cv_recall"] >= head.meta["operating"]["recall_target"]


def test_fit_head_chooses_the_recall_target_threshold():
    pytest.importorskip("sklearn")
    from factcheck.training.checkworthy import RECALL_TARGET, fit_head

    rng = np.random.default_rng(0)
    n = 400
    labels = (rng.random(n) < 0.3).astype(int)
    vectors = rng.normal(size=(n, 8)) + labels[:, None] * 0.8
    rules = labels * 0.3 + rng.random(n) * 0.5
    head = fit_head(vectors, rules, labels, seed=0, embedder="fake", embedder_fingerprint="fake:1")
    assert head.dim == 8
    op = head.meta["operating"]
    assert op["cv_recall"] >= RECALL_TARGET and op["threshold"] == head.threshold
    # the fitted head separates the classes it was trained on
    p = head.score(vectors.astype(np.float32), rules)
    assert p[labels == 1].mean() > p[labels == 0].mean() + 0.2


def test_read_sentences_checks_labels(tmp_path):
    from factcheck.training.checkworthy import read_sentences

    good = tmp_path / "s.json"
    good.write_text(json.dumps([{"text": "Putin visited in 2000.", "label": 1}, {"text": "Thanks.", "label": 0}]))
    texts, labels = read_sentences(good)
    assert texts == ["Putin visited in 2000.", "Thanks."] and labels.tolist() == [1, 0]
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "x", "label": 2}\n')
    with pytest.raises(InputError, match="label"):
        read_sentences(bad)
    one_class = tmp_path / "o.json"
    one_class.write_text(json.dumps([{"text": "a b", "label": 1}]))
    with pytest.raises(InputError, match="both labels"):
        read_sentences(one_class)
