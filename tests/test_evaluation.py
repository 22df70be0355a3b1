from __future__ import annotations

import json
import math
import random

import pytest

from factcheck.errors import DataError
from factcheck.evaluation import (
    classification_report,
    confusion_matrix,
    evaluate_claims,
    mrr,
    ndcg_at_k,
    read_claims,
    recall_at_k,
    write_outputs,
)
from factcheck.evaluation.metrics import LABELS

from .conftest import SAMPLE


def test_evaluation_metrics_agree_with_scikit_learn():
    sklearn = pytest.importorskip("sklearn.metrics")
    rng = random.Random(3)
    for _ in range(20):
        n = rng.randint(1, 60)
        gold = [rng.choice(LABELS) for _ in range(n)]
        pred = [rng.choice(LABELS[: rng.randint(1, 3)]) for _ in range(n)]
        ours = classification_report(gold, pred)
        assert ours["accuracy"] == pytest.approx(sklearn.accuracy_score(gold, pred))
        present = sorted(set(gold) | set(pred), key=LABELS.index)
        assert ours["macro_f1"] == pytest.approx(
            sklearn.f1_score(gold, pred, labels=present, average="macro", zero_division=0)
        )
        p, r, f, s = sklearn.precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
        for i, label in enumerate(LABELS):
            row = ours["per_class"][label]
            assert (row["precision"], row["recall"], row["f1"], row["support"]) == pytest.approx(
                (p[i], r[i], f[i], s[i])
            )
        assert confusion_matrix(gold, pred) == sklearn.confusion_matrix(gold, pred, labels=list(LABELS)).tolist()


def test_evaluation_ranking_metrics_by_hand():
    ranked = [["a", "b", "c"], ["x", "y", "z"], ["q"]]
    relevant = [{"b"}, {"z", "y"}, set()]
    assert recall_at_k(ranked, relevant, 1) == 0.0
    assert recall_at_k(ranked, relevant, 2) == 1.0
    assert mrr(ranked, relevant) == pytest.approx((1 / 2 + 1 / 2) / 2)
    ideal2 = 1 + 1 / math.log2(3)
    expected = ((1 / math.log2(3)) / 1 + (1 / math.log2(3) + 1 / math.log2(4)) / ideal2) / 2
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(expected)
    assert math.isnan(mrr([["a"]], [set()]))


def test_evaluation_reads_the_sample_claims_and_maps_labels(tmp_path):
    claims = read_claims(SAMPLE / "claims.jsonl")
    assert len(claims.claims) == 30
    assert {c.label for c in claims.claims} == set(LABELS)
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": 1, "claim": "a", "label": "SUPPORTS"},
                {"id": 2, "claim": "b", "label": "Refuted"},
                {"id": 3, "claim": "c", "label": "NOT ENOUGH INFO"},
                {"id": 4, "claim": "d", "label": "DISPUTED"},
                {"id": 5, "claim": "e", "label": "contradiction", "evidence_text": "x"},
            ]
        )
    )
    read = read_claims(path)
    assert [c.label for c in read.claims] == ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO", "REFUTED"]
    assert read.excluded == {"DISPUTED": 1} and read.claims[-1].evidence_text == ("x",)
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("id,claim,label,evidence\n1,Alpha,supported,doc1;doc2\n")
    assert read_claims(csv_path).claims[0].evidence_ids == ("doc1", "doc2")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "claim": "a", "label": "maybe"}\n', "unknown label 'maybe'; accepted labels"),
        ('{"id": 1, "claim": "a"}\n', "missing field"),
        ("not json\n", "not valid JSON"),
        ("\n", "empty"),
        ('{"id": 1, "claim": "a", "label": "true"}\n{"id": 1, "claim": "b", "label": "true"}\n', "duplicate claim ids"),
    ],
)
def test_evaluation_bad_claim_files(tmp_path, content, message):
    from factcheck.errors import FactCheckError

    path = tmp_path / "c.jsonl"
    path.write_text(content)
    with pytest.raises(FactCheckError, match=message):
        read_claims(path)
    assert issubclass(DataError, FactCheckError)


def test_evaluation_runner_open_and_gold(fake_checker, tmp_path, caplog):
    path = tmp_path / "claims.jsonl"
    rows = [
        {
            "id": "1",
            "claim": "Vladimir Putin visited Pyongyang in July 2000.",
            "label": "SUPPORTED",
            "evidence": ["visit-2000"],
        },
        {
            "id": "2",
            "claim": "North Korea shipped more than 100,000 containers of munitions to Russia.",
            "label": "REFUTED",
            "evidence": ["containers"],
        },
        {
            "id": "3",
            "claim": "Kim Jong Un plans a trip to Beijing in 2025.",
            "label": "NOT_ENOUGH_INFO",
            "evidence": [],
        },
        {"id": "4", "claim": "Putin met Kim Jong Il.", "label": "SUPPORTED", "evidence": ["no-such-doc"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    claim_set = read_claims(path)
    result = evaluate_claims(claim_set, fake_checker, mode="open")
    m = result.metrics
    assert m["n"] == 4 and 0.0 <= m["accuracy"] <= 1.0
    assert m["retrieval"]["queries_with_gold"] == 3 and m["retrieval"]["recall@5"] >= 2 / 3
    assert result.warnings == {"evidence ids not in the corpus": 1}
    assert [p["predicted"] for p in result.predictions][:3] == ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"]
    paths = write_outputs(result, tmp_path / "out")
    assert json.loads(paths[0].read_text())["macro_f1"] == m["macro_f1"]
    assert len(paths[1].read_text().splitlines()) == 4 and "Confusion matrix" in paths[2].read_text()
    docs = {p.doc_id: p.text for p in fake_checker.index.passages()}
    gold = evaluate_claims(claim_set, fake_checker, mode="gold", documents=docs, limit=3)
    assert [p["predicted"] for p in gold.predictions] == ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"]
