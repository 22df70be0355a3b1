from __future__ import annotations

import dataclasses
import json

import pytest

from factcheck.types import Article, Claim, Evidence, Label, NLIScores, Passage, Quantity, Report, Span, Verdict


def _claim(text="Putin visited in 2000.", start=0, article_id="a1"):
    span = Span(start, start + len(text))
    return Claim("c1", article_id, text, span, text, span, "temporal")


def test_types_span_rejects_bad_offsets():
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)
    assert Span(2, 5).of("abcdefg") == "cde"
    with pytest.raises(ValueError):
        Span(2, 50).of("short")


def test_types_are_frozen():
    claim = _claim()
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.text = "changed"  # type: ignore[misc]


def test_types_claim_checks_sentence_length_and_containment():
    with pytest.raises(ValueError, match="does not match its span"):
        Claim("c1", "a", "x y z w", Span(0, 3), "abcdef", Span(0, 5))
    with pytest.raises(ValueError, match="outside its sentence"):
        Claim("c1", "a", "x y z w", Span(0, 9), "abcdef", Span(0, 6))
    with pytest.raises(ValueError, match="checkworthiness"):
        Claim("c1", "a", "x y z w", Span(0, 6), "abcdef", Span(0, 6), checkworthiness=1.5)


def test_types_quantity_and_passage_text_must_fit_span():
    with pytest.raises(ValueError):
        Quantity("24 years", Span(0, 3), 24.0, "year", "duration")
    with pytest.raises(ValueError):
        Passage("p", "d", "text", Span(10, 20))


def test_types_evidence_window_must_lie_in_passage():
    passage = Passage("d#0", "d", "Hello there.", Span(100, 112))
    Evidence(passage, 1.0, 1, Span(100, 106), "Hello ")
    with pytest.raises(ValueError):
        Evidence(passage, 1.0, 1, Span(90, 96), "xxxxxx")


def test_types_nli_scores_must_be_probabilities():
    NLIScores(0.2, 0.3, 0.5)
    with pytest.raises(ValueError):
        NLIScores(0.9, 0.3, 0.5)


def test_types_report_checks_claim_offsets_against_article():
    text = "Intro. Putin visited in 2000."
    article = Article("a1", text)
    good = Verdict(_claim(start=7), Label.SUPPORTED, 0.9)
    Report(article, (good,))
    bad = Verdict(_claim(start=3), Label.SUPPORTED, 0.9)
    with pytest.raises(ValueError, match="does not match the article text"):
        Report(article, (bad,))
    other = Verdict(_claim(start=7, article_id="zzz"), Label.SUPPORTED, 0.9)
    with pytest.raises(ValueError, match="belongs to article"):
        Report(article, (other,))


def test_types_report_json_shape_and_flagging():
    text = "Intro. Putin visited in 2000."
    passage = Passage("doc#0", "doc", "Putin visited Pyongyang in July 2000.", Span(0, 37), "Doc")
    ev = Evidence(passage, 0.03, 1, Span(0, 37), passage.text, NLIScores(0.1, 0.1, 0.8))
    verdict = Verdict(_claim(start=7), Label.REFUTED, 0.8, (ev,), "contradicted")
    report = Report(Article("a1", text), (verdict,))
    data = json.loads(report.to_json())
    assert data["summary"] == {"claims": 1, "flagged": 1, "SUPPORTED": 0, "REFUTED": 1, "NOT_ENOUGH_INFO": 0}
    v = data["verdicts"][0]
    assert v["label"] == "REFUTED"
    assert v["claim"]["span"] == [7, 29] and text[7:29] == v["claim"]["sentence"]
    assert {"text", "sentence", "span", "kind", "quantities"} <= set(v["claim"])
    assert {"doc_id", "text", "span", "scores"} <= set(v["evidence"][0])
    assert v["evidence"][0]["scores"]["contradiction"] == 0.8
    lines = report.to_jsonl().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["article_id"] == "a1"
    assert report.flagged == (verdict,)
    assert Verdict(_claim(start=7), "SUPPORTED", 0.5).label is Label.SUPPORTED
