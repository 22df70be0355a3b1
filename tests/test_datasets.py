"""Adapters for the public labelled sets, on tiny hand-written records in each format."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import DataError
from factcheck.evaluation import read_claims
from factcheck.evaluation.readers import detokenize

from .conftest import shared


def _jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_datasets_scifact(tmp_path):
    path = _jsonl(tmp_path / "claims_train.jsonl", [
        {"id": 1, "claim": "A causes B.", "evidence": {"11": [{"sentences": [0], "label": "SUPPORT"}]}, "cited_doc_ids": [11]},
        {"id": 2, "claim": "C causes D.", "evidence": {"12": [{"sentences": [1], "label": "CONTRADICT"}]}, "cited_doc_ids": [12]},
        {"id": 3, "claim": "E causes F.", "evidence": {}, "cited_doc_ids": [13]},
    ])  # fmt: skip
    cs = read_claims(path)
    assert cs.format == "scifact"
    assert [(c.label, c.evidence_ids) for c in cs.claims] == [
        ("SUPPORTED", ("11",)),
        ("REFUTED", ("12",)),
        ("NOT_ENOUGH_INFO", ("13",)),
    ]


def test_datasets_climate_fever_claims_and_pairs(tmp_path):
    ev = [{"evidence_id": f"A:{i}", "evidence_label": lab, "article": "A", "evidence": f"Sentence {i}."}
          for i, lab in enumerate(["SUPPORTS", "NOT_ENOUGH_INFO", "REFUTES"])]  # fmt: skip
    path = _jsonl(tmp_path / "cf.jsonl", [
        {"claim_id": "0", "claim": "Seas rise.", "claim_label": "SUPPORTS", "evidences": ev},
        {"claim_id": "1", "claim": "Ice grows.", "claim_label": "DISPUTED", "evidences": ev},
    ])  # fmt: skip
    claims = read_claims(path)
    assert claims.format == "climate-fever" and len(claims.claims) == 1 and claims.excluded == {"DISPUTED": 1}
    assert claims.claims[0].evidence_text == ("Sentence 0.", "Sentence 1.", "Sentence 2.")
    pairs = read_claims(path, fmt="climate-fever-pairs")
    assert [c.label for c in pairs.claims] == ["SUPPORTED", "NOT_ENOUGH_INFO", "REFUTED"] * 2
    assert {c.group for c in pairs.claims} == {"0", "1"}


def test_datasets_fever_and_symmetric_detokenised(tmp_path):
    fever = _jsonl(tmp_path / "paper_dev.jsonl", [
        {"id": 7, "verifiable": "VERIFIABLE", "label": "SUPPORTS", "claim": "Paris is in France .",
         "evidence": [[[1, 2, "Paris", 0]], [[1, 3, "France", 4]]]},
        {"id": 8, "verifiable": "NOT VERIFIABLE", "label": "NOT ENOUGH INFO", "claim": "X .", "evidence": [[[1, None, None, None]]]},
    ])  # fmt: skip
    cs = read_claims(fever)
    assert (
        cs.format == "fever"
        and cs.claims[0].evidence_ids == ("France", "Paris")
        and cs.claims[0].claim == "Paris is in France."
    )
    sym = _jsonl(tmp_path / "sym.jsonl", [
        {"id": "1", "label": "REFUTES", "claim": "T is English-language .",
         "evidence_sentence": "T -LRB- born 1990 -RRB- is Spanish-language , owned by C ."},
    ])  # fmt: skip
    c = read_claims(sym).claims[0]
    assert c.label == "REFUTED" and c.evidence_text == ("T (born 1990) is Spanish-language, owned by C.",)
    assert detokenize("It 's `` fine '' .") == 'It\'s " fine ".'


def test_datasets_healthver_covidfact_averitec_vitaminc(tmp_path):
    hv = tmp_path / "healthver_dev.csv"
    hv.write_text(
        'id,evidence,claim,label,topic_ip,question\n1,"Vitamin D helps, a bit.",Vitamin D cures,Refutes,3,q\n'
    )
    assert [(c.label, c.evidence_text) for c in read_claims(hv).claims] == [("REFUTED", ("Vitamin D helps, a bit.",))]
    cf = _jsonl(
        tmp_path / "COVIDFACT_dataset.jsonl",
        [{"claim": "Masks work", "label": "SUPPORTED", "evidence": ["a.", "b."], "gold_source": "u", "flair": "f"}],
    )
    assert read_claims(cf).claims[0].evidence_text == ("a.", "b.")
    av = tmp_path / "dev.json"
    av.write_text(json.dumps([
        {"claim": "X said Y.", "label": "Refuted", "questions": [
            {"question": "Did X say Y?", "answers": [{"answer": "No", "answer_type": "Boolean", "boolean_explanation": "X denied it."}]},
            {"question": "Where?", "answers": [{"answer": "No answer could be found.", "answer_type": "Unanswerable"}]}]},
        {"claim": "Z.", "label": "Conflicting Evidence/Cherrypicking", "questions": []},
    ]))  # fmt: skip
    cs = read_claims(av)
    assert cs.format == "averitec" and cs.claims[0].evidence_text == ("Did X say Y? No. X denied it.",)
    assert cs.excluded == {"CONFLICTING EVIDENCE/CHERRYPICKING": 1}
    vc = _jsonl(
        tmp_path / "v.jsonl",
        [{"claim": "A rose.", "evidence": "A fell sharply in 2020 .", "label": "refutes", "id": "x"}],
    )
    assert read_claims(vc).format == "vitaminc"


def test_datasets_bad_inputs_are_named(tmp_path):
    mixed = _jsonl(tmp_path / "mixed.jsonl", [
        {"claim_id": "0", "claim": "a", "claim_label": "SUPPORTS", "evidences": []},
        {"id": "1", "claim": "b", "label": "SUPPORTS"},
    ])  # fmt: skip
    with pytest.raises(DataError, match=r"mixed\.jsonl:2: missing field.*mixing formats"):
        read_claims(mixed)
    odd = _jsonl(tmp_path / "odd.jsonl", [{"text": "a", "verdict": "b"}])
    with pytest.raises(DataError, match="cannot tell the format"):
        read_claims(odd)
    bad_label = _jsonl(tmp_path / "h.jsonl", [{"id": 1, "claim": "a", "label": "Mostly True"}])
    with pytest.raises(DataError, match=r"unknown label 'Mostly True'; accepted labels: .*SUPPORTS"):
        read_claims(bad_label)
    with pytest.raises(DataError, match="unknown claim set format"):
        read_claims(bad_label, fmt="liar")


def test_datasets_hf_local_file(tmp_path):
    pytest.importorskip("datasets")
    path = _jsonl(
        tmp_path / "own.jsonl",
        [{"id": "a", "claim": "One.", "label": "SUPPORTS"}, {"id": "b", "claim": "Two.", "label": "REFUTES"}],
    )
    cs = read_claims(path, fmt="hf")
    assert cs.format == "jsonl" and [c.label for c in cs.claims] == ["SUPPORTED", "REFUTED"]
    with pytest.raises(DataError, match="cannot load dataset"):
        read_claims("hub:nobody/no-such-dataset-here", fmt="hf")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("path", "fmt", "n", "excluded"),
    [
        ("scifact/claims_train.jsonl", "auto", 809, {}),
        ("climate-fever/climate-fever.jsonl", "auto", 1381, {"DISPUTED": 154}),
        ("climate-fever/climate-fever.jsonl", "climate-fever-pairs", 7675, {}),
        ("fever/paper_dev.jsonl", "auto", 9999, {}),
        ("fever-symmetric/symmetric_v0.2/fever_symmetric_dev.jsonl", "auto", 708, {}),
        ("fever-symmetric/symmetric_v0.1/fever_symmetric_generated.jsonl", "auto", 717, {}),
        ("healthver/healthver_dev.csv", "auto", 1917, {}),
        ("covidfact/COVIDFACT_dataset.jsonl", "auto", 4086, {}),
        ("averitec/dev.json", "auto", 462, {"CONFLICTING EVIDENCE/CHERRYPICKING": 38}),
    ],
)
def test_datasets_shared_sets_read_with_documented_counts(path, fmt, n, excluded):
    cs = read_claims(shared(path), fmt=fmt)
    assert len(cs.claims) == n and dict(cs.excluded) == excluded
