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


def test_evaluation_calibration_metrics():
    from factcheck.evaluation.metrics import (
        binary_report,
        brier_score,
        coverage_accuracy,
        expected_calibration_error,
        reliability_bins,
    )

    sklearn = pytest.importorskip("sklearn.metrics")
    conf = [0.95, 0.9, 0.85, 0.6, 0.55, 0.3, 0.15, 0.05]
    correct = [True, True, False, True, False, False, True, False]
    assert brier_score(conf, correct) == pytest.approx(sklearn.brier_score_loss(correct, conf))
    # by hand: bins (0.9,1]: {0.95} acc 1; (0.8,0.9]: {0.9, 0.85} acc .5 conf .875; (0.5,0.6]: {0.6,0.55} acc .5 conf .575;
    # (0.2,0.3]: {0.3} acc 0; (0.1,0.2]: {0.15} acc 1; [0,0.1]: {0.05} acc 0
    expected = (abs(1 - 0.95) * 1 + abs(0.5 - 0.875) * 2 + abs(0.5 - 0.575) * 2 + 0.3 + abs(1 - 0.15) + 0.05) / 8
    assert expected_calibration_error(conf, correct, 10) == pytest.approx(expected)
    assert sum(b["count"] for b in reliability_bins(conf, correct, 10)) == 8
    curve = coverage_accuracy(conf, correct, 4)
    assert [p["accuracy"] for p in curve] == [1.0, 0.75, 0.5, 0.5]  # top 2, 4, 6, 8 by confidence
    gold = [True, False, True, True, False]
    pred = [True, True, False, True, False]
    p, r, f, _ = sklearn.precision_recall_fscore_support(gold, pred, average="binary")
    rep = binary_report(gold, pred)
    assert (rep["precision"], rep["recall"], rep["f1"]) == pytest.approx((p, r, f))


def test_evaluation_baselines_majority_and_claim_only():
    pytest.importorskip("sklearn")
    from factcheck.evaluation.baselines import claim_only_baseline, majority_baseline
    from factcheck.evaluation.readers import LabelledClaim

    claims = []
    for i in range(60):
        label = ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"][i % 3]
        cue = {"SUPPORTED": "indeed", "REFUTED": "never", "NOT_ENOUGH_INFO": "maybe"}[label]
        claims.append(LabelledClaim(str(i), f"The council {cue} approved plan {i}.", label, group=str(i // 2)))
    maj = majority_baseline(claims)
    assert maj["accuracy"] == pytest.approx(1 / 3)
    only = claim_only_baseline(claims)
    assert only["accuracy"] > 0.9  # the wording gives the label away
    assert claim_only_baseline(claims[:3]) is None  # too few groups for 5 folds


def test_evaluation_two_way_and_outputs_with_plots(fake_checker, tmp_path):
    from factcheck.evaluation import ClaimSet, LabelledClaim, write_outputs

    pytest.importorskip("matplotlib")
    claims = ClaimSet([
        LabelledClaim("1", "Vladimir Putin visited Pyongyang in July 2000.", "SUPPORTED", (), ("Vladimir Putin visited Pyongyang in July 2000.",)),
        LabelledClaim("2", "Putin visited Pyongyang in July 2004.", "REFUTED", (), ("Putin visited Pyongyang in July 2000.",)),
        LabelledClaim("3", "Kim rode a train.", "REFUTED", (), ("Cats purr.",)),
    ], name="t", format="jsonl")  # fmt: skip
    result = evaluate_claims(claims, fake_checker, mode="gold", baselines=False)
    m = result.metrics
    assert "two_way" in m and m["two_way"]["n"] == 3
    assert m["calibration"]["ece"] >= 0 and len(m["calibration"]["bins"]) == 10
    paths = write_outputs(result, tmp_path / "out")
    names = {p.name for p in paths}
    assert {"metrics.json", "predictions.jsonl", "report.md", "confusion_matrix.png", "reliability.png",
            "coverage_accuracy.png"} <= names  # fmt: skip
    assert all(p.stat().st_size > 0 for p in paths)


def test_evaluation_claim_detection_readers_and_scores(tmp_path):
    from factcheck.claims import ClaimDetector
    from factcheck.evaluation.claim_detection import evaluate_detection, read_sentences

    cb = tmp_path / "test.json"
    cb.write_text(json.dumps([
        {"sentence_id": 1, "label": 1, "text": "We cut taxes by 30 percent in 2019."},
        {"sentence_id": 2, "label": 0, "text": "Thank you very much."},
        {"sentence_id": 3, "label": 0, "text": "What do you think about that?"},
        {"sentence_id": 4, "label": 1, "text": "Unemployment fell to 3.5 percent last year."},
    ]))  # fmt: skip
    sentences = read_sentences(cb)
    m = evaluate_detection(sentences, ClaimDetector())
    assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0)
    assert m["baselines"]["all_checkworthy"]["f1"] == pytest.approx(2 / 3)
    clef = tmp_path / "ct.csv"
    clef.write_text(
        "line_number,speaker,text,label,file_name\n1,A,Good evening.,0,d.tsv\n2,B,We created 2 million jobs.,1,d.tsv\n"
    )
    assert [s.checkworthy for s in read_sentences(clef)] == [False, True]
    fb = tmp_path / "s1.jsonl"
    fb.write_text(
        '{"sentence": "X was born in 1898.", "checkworthy": "yes"}\n{"sentence": "I like it.", "checkworthy": "opinion"}\n'
    )
    assert [s.checkworthy for s in read_sentences(fb)] == [True, False]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": "perhaps"}\n')
    with pytest.raises(DataError, match="unknown check-worthiness label"):
        read_sentences(bad)


def test_evaluation_nli_pairs_two_and_three_way(tmp_path, tiny_bert):
    from factcheck.evaluation.nli_eval import evaluate_nli, read_nli_items
    from factcheck.nli import NLIScorer

    three = tmp_path / "m.jsonl"
    three.write_text('{"premise": "A dog runs.", "hypothesis": "An animal moves.", "label": "entailment"}\n'
                     '{"sentence_A": "A cat.", "sentence_B": "A dog.", "label": "contradiction"}\n')  # fmt: skip
    items, binary = read_nli_items(three)
    assert not binary and [i.label for i in items] == ["entailment", "contradiction"]
    m = evaluate_nli(items, NLIScorer(str(tiny_bert)), binary=binary)
    assert m["accuracy"] == 0.5  # the tiny model always says entailment
    two = tmp_path / "rte.jsonl"
    two.write_text(
        '{"premise": "a", "hypothesis": "b", "label": "True"}\n{"premise": "c", "hypothesis": "d", "label": "False"}\n'
    )
    items, binary = read_nli_items(two)
    assert binary and [i.label for i in items] == ["entailment", "not_entailment"]


def test_gold_mode_uses_each_claims_date(tmp_path, fake_embedder):
    """The own format's optional ``date`` lets "first visit in N years" be checked."""
    import json

    import numpy as np

    from factcheck.evaluation import evaluate_claims, read_claims
    from factcheck.pipeline import FactChecker

    class Neutral:
        name, fingerprint = "neutral", "fake:neutral"

        def __call__(self, premises, hypotheses):
            return np.tile(np.array([0.1, 0.8, 0.1], dtype=np.float32), (len(premises), 1))

    evidence = "Putin last made a visit to North Korea in July 2000."
    rows = [
        {"id": "a", "claim": "Putin made his first visit to North Korea in 14 years.", "label": "REFUTED",
         "evidence_text": evidence, "date": "2024-06-20"},
        {"id": "b", "claim": "Putin made his first visit to North Korea in 14 years.", "label": "REFUTED",
         "evidence_text": evidence},
    ]  # fmt: skip
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    claim_set = read_claims(path)
    assert claim_set.claims[0].date == "2024-06-20" and claim_set.claims[1].date is None
    result = evaluate_claims(claim_set, FactChecker(None, embedder=fake_embedder, nli=Neutral()), mode="gold")
    assert [p["predicted"] for p in result.predictions] == ["REFUTED", "NOT_ENOUGH_INFO"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**rows[0], "date": "20 June"}) + "\n")
    from factcheck.errors import DataError

    with pytest.raises(DataError, match="ISO date"):
        read_claims(bad)


def test_evaluation_forced_choice_of_an_abstention_reads_the_models_evidence():
    from factcheck.evaluation.runner import _forced
    from factcheck.pipeline import standalone_claim
    from factcheck.types import Evidence, Label, NLIScores, Passage, Span, Verdict

    text = "The wall was opened in 1989."
    passage = Passage("d#0", "d", text, Span(0, len(text)))

    def verdict(label, scores, support=0.0, refute=0.0):
        evidence = tuple(Evidence(passage, 1.0, 1, Span(0, len(text)), text, NLIScores(*s)) for s in scores)
        return Verdict(standalone_claim("The wall was opened in 1991."), label, 0.5, evidence, "", support, refute)

    # an abstention with no refutation signal: the model's strongest contradiction wins
    assert _forced(verdict(Label.NOT_ENOUGH_INFO, [(0.2, 0.1, 0.7), (0.3, 0.6, 0.1)], support=0.3)) == "REFUTED"
    assert _forced(verdict(Label.NOT_ENOUGH_INFO, [(0.5, 0.1, 0.4)], support=0.5)) == "SUPPORTED"
    # a refutation signal, or a decision, is the verdict's own choice
    assert _forced(verdict(Label.NOT_ENOUGH_INFO, [(0.1, 0.1, 0.8)], support=0.5, refute=0.3)) == "SUPPORTED"
    assert _forced(verdict(Label.SUPPORTED, [(0.1, 0.1, 0.8)], support=0.6)) == "SUPPORTED"
    assert _forced(verdict(Label.NOT_ENOUGH_INFO, [])) == "SUPPORTED"
