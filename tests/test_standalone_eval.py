"""The own-set scorer of standalone claims (factcheck.evaluation.standalone)."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import DataError
from factcheck.evaluation.standalone import evaluate_standalone, read_own_set, referent_f1

from .conftest import ROOT


def _write(folder, part: str, name: str, paragraphs) -> None:
    (folder / part).mkdir(parents=True, exist_ok=True)
    article = {"id": name, "published": "2024-06-19", "title": "A test article", "paragraphs": paragraphs}
    (folder / part / f"{name}.json").write_text(json.dumps(article), encoding="utf-8")


def test_standalone_eval_referent_words_decide():
    assert referent_f1("Vladimir Putin's", "his", "Vladimir Putin") == 1.0
    assert referent_f1("last year (2023)", "last year", "2023") == 1.0
    assert referent_f1("Kim Jong Un", "he", "Kim Jong Il") < 0.8  # the wrong Kim is wrong


def test_standalone_eval_scores_resolutions_and_splits(tmp_path):
    _write(
        tmp_path,
        "dev",
        "a",
        [
            [
                {"text": "Russian President Vladimir Putin arrived in Pyongyang on Wednesday.",
                 "claims": ["Russian President Vladimir Putin arrived in Pyongyang on Wednesday (19 June 2024)."],
                 "resolve": {"Wednesday": "19 June 2024"}},
                {"text": "He signed a treaty with Kim Jong Un and visited a school.",
                 "claims": ["Vladimir Putin signed a treaty with Kim Jong Un.", "Vladimir Putin visited a school."],
                 "resolve": {"He": "Vladimir Putin"}},
            ]
        ],
    )  # fmt: skip
    _write(
        tmp_path,
        "heldout",
        "b",
        [
            [
                {"text": "Vladimir Putin met Kim Jong Un in Pyongyang in 2024.",
                 "claims": ["Vladimir Putin met Kim Jong Un in Pyongyang in 2024."]},
                {"text": "He thanked North Korea for its support.",
                 "claims": ["Vladimir Putin thanked North Korea for its support."],
                 "resolve": {"He": "Kim Jong Il"}},
            ]
        ],
    )  # fmt: skip
    result = evaluate_standalone(tmp_path)
    dev, held = result["dev"], result["heldout"]
    assert dev["sentences"] == 2 and dev["needed_mentions"] == 2
    assert dev["rewrite_precision"] == 1.0 and dev["rewrite_recall"] == 1.0
    assert dev["split_precision"] == 1.0 and dev["split_recall"] == 1.0
    # a resolution against a gold referent it does not match is wrong, and the need is missed
    assert held["rewrite_precision"] == 0.0 and held["rewrite_recall"] == 0.0
    assert result["all"]["needed_mentions"] == 3
    assert "errors_dev" in result and all(e["article"] == "a" for e in result["errors_dev"])


def test_standalone_eval_bad_set_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        read_own_set(tmp_path)
    _write(tmp_path, "dev", "c", [[{"text": "No claims here at all today."}]])
    with pytest.raises(DataError):
        read_own_set(tmp_path)


def test_standalone_eval_own_set_gold_mentions_are_in_their_sentences():
    articles = read_own_set(ROOT / "data" / "standalone")
    assert len(articles) >= 10 and sum(len(a.sentences) for a in articles) >= 150
    for article in articles:
        for s in article.sentences:
            assert article.text[s.start : s.start + len(s.text)] == s.text
            for key in [*s.resolve, *s.optional]:
                assert key.partition("@")[0].lower() in s.text.lower(), (article.id, key)


@pytest.mark.slow
def test_standalone_eval_own_set_matches_the_pinned_figures():
    expected = json.loads((ROOT / "evaluation" / "expected_standalone.json").read_text(encoding="utf-8"))
    result = evaluate_standalone(ROOT / "data" / "standalone")
    for part, figures in expected["figures"].items():
        for name, value in figures.items():
            assert result[part][name] == pytest.approx(value, abs=expected["tolerance"]), (part, name)
