"""The report-facing command line: --format html/claimreview, --version, --quiet, progress lines."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factcheck import cli
from factcheck.report import claim_reviews, missing_required
from factcheck.report.claimreview import Publisher

from .reports import make_report
from .test_cli import invoke
from .test_pipeline import ARTICLE

# schema.org: the properties each type used in our ClaimReview declares, and its parent type.
SCHEMA_ORG = {
    "Thing": (None, {"name", "alternateName", "url", "description", "identifier", "sameAs"}),
    "CreativeWork": ("Thing", {"author", "datePublished", "headline", "publisher", "inLanguage"}),
    "Review": ("CreativeWork", {"itemReviewed", "reviewRating", "reviewBody"}),
    "ClaimReview": ("Review", {"claimReviewed"}),
    "Claim": ("CreativeWork", {"appearance", "firstAppearance", "claimInterpreter"}),
    "Article": ("CreativeWork", {"articleBody", "wordCount"}),
    "Intangible": ("Thing", set()),
    "Rating": ("Intangible", {"ratingValue", "bestRating", "worstRating", "ratingExplanation", "author"}),
    "Organization": ("Thing", {"email", "logo"}),
    "Person": ("Thing", {"email", "jobTitle"}),
}


def _allowed(kind: str) -> set[str]:
    out: set[str] = set()
    while kind is not None:
        parent, props = SCHEMA_ORG[kind]
        out |= props
        kind = parent
    return out


def _check_vocabulary(node, path="$"):
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check_vocabulary(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        assert kind in SCHEMA_ORG, f"{path}: unknown schema.org type {kind!r}"
        unknown = {k for k in node if not k.startswith("@")} - _allowed(kind)
        assert not unknown, f"{path}: {kind} has no properties {unknown}"
        for key, value in node.items():
            if isinstance(value, dict | list):
                _check_vocabulary(value, f"{path}.{key}")


def test_claimreview_one_review_per_claim_with_the_required_fields():
    report = make_report()
    reviews = claim_reviews(
        report,
        publisher=Publisher("Desk", "https://desk.example"),
        url="https://desk.example/checks/rice",
        article_url="https://news.example/rice",
        reviewed=date(2024, 4, 3),
    )
    assert len(reviews) == len(report.verdicts)
    _check_vocabulary(reviews)
    for review, verdict in zip(reviews, report.verdicts, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert missing_required(review) == []
        assert review["claimReviewed"] == verdict.claim.text
        rating = review["reviewRating"]
        assert rating["alternateName"] == verdict.label.value
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["url"] == f"https://desk.example/checks/rice#claim-{verdict.claim.id}"
        assert review["author"] == {"@type": "Organization", "name": "Desk", "url": "https://desk.example"}
        assert review["datePublished"] == "2024-04-03"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["datePublished"] == "2024-04-02"
        assert item["appearance"] == {
            "@type": "Article",
            "headline": "Rice imports",
            "url": "https://news.example/rice",
            "datePublished": "2024-04-02",
        }
    values = {r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews}
    assert values == {"REFUTED": 1, "NOT_ENOUGH_INFO": 2, "SUPPORTED": 3}


def test_claimreview_without_a_url_lacks_what_search_engines_require():
    (review, *_) = claim_reviews(make_report())
    assert missing_required(review) == ["url"] and "author" not in review
    assert missing_required({"claimReviewed": "", "reviewRating": {}}) == list(
        ("claimReviewed", "reviewRating.alternateName", "url")
    )


@pytest.fixture
def checked(monkeypatch, fake_checker, tmp_path):
    monkeypatch.setattr(cli.shell, "checker", lambda *a, **k: fake_checker)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return article


def test_cli_check_claimreview_json_ld(checked, tiny_corpus, tmp_path):
    out = tmp_path / "reviews.jsonld"
    result = invoke(
        "check", checked, "--corpus", tiny_corpus, "--format", "claimreview", "-o", out,
        "--publisher", "Desk", "--publisher-url", "https://desk.example", "--url", "https://desk.example/c",
    )  # fmt: skip
    assert result.exit_code == cli.EXIT_FLAGGED, result.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert reviews and all(missing_required(r) == [] for r in reviews)
    _check_vocabulary(reviews)
    bare = invoke("check", checked, "--corpus", tiny_corpus, "--format", "claimreview")
    assert "without --url" in bare.output
    lonely = invoke("check", checked, "--corpus", tiny_corpus, "--format", "claimreview", "--publisher-url", "x")
    assert lonely.exit_code == cli.EXIT_USAGE and "--publisher-url needs --publisher" in lonely.output


def test_cli_check_html_writes_the_page(checked, tiny_corpus, tmp_path):
    out = tmp_path / "report.html"
    result = invoke("check", checked, "--corpus", tiny_corpus, "--format", "html", "-o", out)
    assert result.exit_code == cli.EXIT_FLAGGED
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and 'class="fc-report"' in page


def test_cli_progress_lines_when_stderr_is_not_a_terminal_and_quiet(checked, tiny_corpus):
    loud = invoke("check", checked, "--corpus", tiny_corpus, "--format", "json")
    assert "factcheck: finding claims: done in" in loud.stderr
    assert "factcheck: verifying claims" in loud.stderr
    for args in (("--quiet", "check"), ("check", "--quiet")):
        quiet = invoke(*args, checked, "--corpus", tiny_corpus, "--format", "json")
        assert quiet.exit_code == cli.EXIT_FLAGGED and quiet.stderr == ""
        assert json.loads(quiet.stdout)["schema_version"] == "1.0"


def test_cli_version_and_completion():
    from factcheck import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"factcheck {__version__}"
    assert "--install-completion" in invoke("--help").stdout


def test_cli_quiet_lasts_one_invocation(checked, tiny_corpus):
    invoke("--quiet", "check", checked, "--corpus", tiny_corpus, "--format", "json")
    again = invoke("check", checked, "--corpus", tiny_corpus, "--format", "json")
    assert "factcheck: verifying claims" in again.stderr
