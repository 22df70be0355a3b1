"""The held-out and development article sets are well formed, and the scoring script matches quotes
to claims (fast)."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from .conftest import ROOT

DATA = ROOT / "data" / "heldout_articles"
ARTICLES = sorted(p for p in DATA.iterdir() if (p / "article.txt").is_file())
DEV = sorted(p for p in (ROOT / "data" / "dev_articles").iterdir() if (p / "article.txt").is_file())


def _script():
    spec = importlib.util.spec_from_file_location("heldout_articles", ROOT / "evaluation" / "heldout_articles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["heldout_articles"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _labels(article):
    return [json.loads(line) for line in (article / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_set_size():
    assert len(ARTICLES) >= 5
    rows = [row for a in ARTICLES for row in _labels(a)]
    assert len(rows) >= 70
    assert sum(r["label"] == "planted" for r in rows) >= 24
    assert len({r["id"] for r in rows}) == len(rows)


def test_dev_set_is_apart_from_the_held_out_set():
    assert len(DEV) >= 6 and not {p.name for p in DEV} & {p.name for p in ARTICLES}


@pytest.mark.parametrize("article", ARTICLES + DEV, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_article_labels_and_corpus(article):
    text = (article / "article.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].strip() and not lines[1].strip(), "a headline line, then a blank line"
    rows = _labels(article)
    assert len(rows) >= 12
    assert 4 <= sum(r["label"] == "planted" for r in rows) <= 6
    for row in rows:
        assert row["label"] in ("true", "planted"), row
        assert row["id"].startswith(article.name), row
        assert text.count(row["quote"]) == 1, row["id"]
        if row["label"] == "planted":
            assert row["note"], row["id"]
    docs = sorted((article / "corpus").glob("*.txt"))
    assert 3 <= len(docs) <= 6
    assert all(d.read_text(encoding="utf-8").strip() for d in docs)
    _text, quotes = _script().load_labels(article)
    assert len(quotes) == len(rows)
    assert all(text[q.start : q.end] == q.quote for q in quotes)


def test_matching_on_a_handmade_example():
    script = _script()
    quotes = [
        script.LabelledQuote("a-01", "one", "planted", 0, 10),
        script.LabelledQuote("a-02", "two", "true", 10, 20),
        script.LabelledQuote("a-03", "three", "true", 20, 30),
        script.LabelledQuote("a-04", "four", "planted", 40, 50),
    ]
    # a claim ending where a quote starts does not overlap it (half-open spans)
    claims = [(2, 8, "REFUTED"), (8, 12, "SUPPORTED"), (12, 20, "REFUTED"), (30, 40, "REFUTED")]
    rows = script.match_quotes(quotes, claims)
    assert [r["claim_labels"] for r in rows] == [["REFUTED", "SUPPORTED"], ["SUPPORTED", "REFUTED"], [], []]
    summary = script.summarise(rows)
    assert summary["planted_caught"] == 1 and summary["planted"] == 2
    assert summary["true_refuted"] == 1 and summary["true"] == 2
    assert summary["unmatched"] == 2 and summary["unmatched_planted"] == 1 and summary["unmatched_true"] == 1


def test_quote_not_found_once_is_an_error(tmp_path, capsys):
    script = _script()
    article = tmp_path / "x"
    (article / "corpus").mkdir(parents=True)
    (article / "article.txt").write_text("Head\n\nA fact. A fact.\n", encoding="utf-8")
    (article / "labels.jsonl").write_text('{"id": "x-01", "quote": "A fact.", "label": "true"}\n', encoding="utf-8")
    with pytest.raises(script.LabelError):
        script.load_labels(article)
    assert script.main(["--data", str(tmp_path)]) != 0
    assert "occurs 2 times" in capsys.readouterr().err


def test_only_selects_articles_and_refuses_unknown_names(tmp_path):
    script = _script()
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text("Head\n\nText.\n", encoding="utf-8")
    assert [p.name for p in script.article_dirs(tmp_path, None)] == ["a", "b", "c"]
    assert [p.name for p in script.article_dirs(tmp_path, "c,a")] == ["a", "c"]
    with pytest.raises(script.LabelError, match="no article d"):
        script.article_dirs(tmp_path, "a,d")
