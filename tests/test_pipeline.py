from __future__ import annotations

import json
import sys

import pytest

from factcheck import FactChecker, Label, Report
from factcheck.errors import ConfigError, InvalidIndexError

ARTICLE = """Putin Returns to Pyongyang

By A. Reporter

Published 19 June 2024

Vladimir Putin arrived in Pyongyang on 19 June 2024. It was his first visit in 24 years.

North Korea shipped more than 100,000 containers of munitions to Russia since September 2023.

Subscribe to our newsletter for more.
"""


def test_pipeline_check_returns_a_consistent_report(fake_checker):
    report = fake_checker.check(ARTICLE)
    assert isinstance(report, Report)
    assert report.article.title == "Putin Returns to Pyongyang"
    assert report.article.published.isoformat() == "2024-06-19"
    labels = {v.claim.text: v.label for v in report.verdicts}
    assert labels["Vladimir Putin arrived in Pyongyang on 19 June 2024."] is Label.SUPPORTED
    refuted = [t for t, label in labels.items() if "100,000" in t]
    assert refuted and labels[refuted[0]] is Label.REFUTED
    for v in report.verdicts:
        # text is the standalone claim; sentence and span keep the article's own wording
        assert ARTICLE[v.claim.sentence_span.start : v.claim.sentence_span.end] == v.claim.sentence
        assert v.claim.sentence_span.contains(v.claim.span)
    assert {"claims", "retrieve", "verify", "total"} <= set(report.timings)
    assert report.config["embedder"]["name"] == "fake-bow"
    assert report.config["resolve"] == {
        "pronouns": ["m", "f"],
        "ranked_event_it": True,
        "rivals": True,
        "topic_rivals": True,
    }


def test_pipeline_report_renderings(fake_checker):
    report = fake_checker.check(ARTICLE)
    data = json.loads(report.to_json())
    assert len(data["verdicts"]) == len(report.verdicts)
    frame = report.to_pandas()
    assert list(frame["label"]) == [v.label.value for v in report.verdicts]
    html = report._repr_html_()
    assert 'class="fc-panel' in html and 'data-label="REFUTED"' in html and "<mark" in html
    assert report.to_markdown().startswith("# factcheck report")


def test_pipeline_embeds_each_claim_once_for_retrieval_and_relevance(fake_checker, fake_embedder, monkeypatch):
    seen: list[str] = []
    encode = type(fake_embedder).encode
    monkeypatch.setattr(
        type(fake_embedder), "encode", lambda self, texts, **kw: seen.extend(texts) or encode(self, texts)
    )
    claims = ["Vladimir Putin arrived in Pyongyang on 19 June 2024.", "Putin last visited North Korea in 2000."]
    verdicts = fake_checker.check_claims(claims)
    assert [v.claim.text for v in verdicts] == claims
    assert [seen.count(c) for c in claims] == [1, 1]


def test_pipeline_accepts_an_article_object(fake_checker):
    from factcheck import Article

    report = fake_checker.check(Article("my-id", ARTICLE, title="Given title"))
    assert report.article.id == "my-id" and report.article.title == "Given title"


def test_pipeline_from_index_uses_the_index_embedder_check(fake_checker, fake_embedder, keyword_nli):
    path = fake_checker.index.path
    checker = FactChecker.from_index(path, embedder=fake_embedder, nli=keyword_nli)
    assert len(checker.index) == len(fake_checker.index)

    class Other:
        name, fingerprint = "other", "fake:other"

        def encode(self, texts, progress=None):
            raise AssertionError("must not be called")

    with pytest.raises(InvalidIndexError, match="built with embedder"):
        FactChecker.from_index(path, embedder=Other(), nli=keyword_nli)


def test_pipeline_without_index_cannot_check(fake_embedder, keyword_nli):
    checker = FactChecker(None, embedder=fake_embedder, nli=keyword_nli)
    with pytest.raises(ConfigError, match="no index"):
        checker.check(ARTICLE)
    verdicts = checker.check_against(
        ["Putin visited Pyongyang in July 2000."], [["Vladimir Putin visited Pyongyang in July 2000."]]
    )
    assert verdicts[0].label is Label.SUPPORTED


def test_pipeline_import_is_light():
    import subprocess

    code = "import sys, factcheck; factcheck.FactChecker; factcheck.Report; print('torch' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_query_precision_needs_a_real_embedder(fake_embedder):
    from factcheck import FactChecker
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="query_precision"):
        FactChecker(None, embedder=fake_embedder, nli="factcheck-nli", query_precision="int8")


def test_pipeline_builds_its_nli_model_with_the_configured_batch_size(fake_embedder, tiny_bert):
    from factcheck.config import DEFAULT_NLI_BATCH_SIZE, VerifyConfig

    assert FactChecker(None, embedder=fake_embedder, nli=str(tiny_bert)).nli.batch_size == DEFAULT_NLI_BATCH_SIZE
    configured = FactChecker(None, embedder=fake_embedder, nli=str(tiny_bert), verify=VerifyConfig(nli_batch_size=3))
    assert configured.nli.batch_size == 3
    with pytest.raises(ConfigError):
        VerifyConfig(nli_batch_size=0)
