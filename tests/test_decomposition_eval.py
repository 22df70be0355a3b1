from __future__ import annotations

import json

import pytest

from factcheck.errors import DataError
from factcheck.evaluation.decomposition import MATCH_THRESHOLD, match, read_benchmark, score, similarity


def test_similarity_is_content_word_f1():
    assert similarity("Putin visited Pyongyang in 2000.", "In 2000, Putin visited Pyongyang") == 1.0
    assert similarity("Putin visited Pyongyang.", "Kim travelled to Moscow.") == 0.0
    assert 0.0 < similarity("Putin visited Pyongyang", "Putin visited Beijing") < 1.0


def test_matching_is_one_to_one_and_thresholded():
    gold = ["Jack Dorsey co-founded Twitter in 2006", "Jack Dorsey served as CEO of Twitter until 2008"]
    merged = ["Jack Dorsey co-founded Twitter in 2006 and served as CEO until 2008"]
    split = ["Jack Dorsey co-founded Twitter in 2006.", "Jack Dorsey served as the CEO of Twitter until 2008."]
    assert len(match(merged, gold)) <= 1
    assert len(match(split, gold)) == 2
    assert all(sim >= MATCH_THRESHOLD for _, _, sim in match(split, gold))
    m_split, m_merged = score([split], [gold]), score([merged], [gold])
    assert m_split["claim_recall"] == 1.0 and m_split["claim_f1"] > m_merged["claim_f1"]
    assert score([["He founded it in 2006."]], [gold])["pronoun_share"] == 1.0


def test_read_benchmark_rejects_other_files(tmp_path):
    good = tmp_path / "b.jsonl"
    good.write_text(
        json.dumps({"response": "A. B.", "sentences": {"s1": {"claims": ["A"]}, "s2": {"claims": []}}}) + "\n"
    )
    assert read_benchmark(good) == [("A. B.", ["A"])]
    bad = tmp_path / "c.jsonl"
    bad.write_text(json.dumps({"claim": "x"}) + "\n")
    with pytest.raises(DataError, match="Factcheck-Bench"):
        read_benchmark(bad)
