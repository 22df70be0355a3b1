"""Verdicts as schema.org ``ClaimReview`` (JSON-LD), the form fact-checkers publish them in.

One ``ClaimReview`` per checked claim::

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "url": "https://example.org/checks/putin-visit#claim-c004",      # when a URL is given
     "claimReviewed": "North Korea has shipped more than 100,000 containers ...",
     "datePublished": "2024-06-20",
     "author": {"@type": "Organization", "name": "Desk", "url": "https://example.org"},
     "reviewRating": {"@type": "Rating", "ratingValue": 1, "worstRating": 1, "bestRating": 3,
                      "alternateName": "REFUTED", "name": "Refuted", "ratingExplanation": "..."},
     "itemReviewed": {"@type": "Claim", "datePublished": "2024-06-19",
                      "appearance": {"@type": "Article", "headline": "...", "datePublished": "2024-06-19"}}}

The rating scale is 1 (REFUTED) to 3 (SUPPORTED), NOT_ENOUGH_INFO in the middle; ``alternateName``
is the verdict itself.  Search engines that read ClaimReview require ``claimReviewed``,
``reviewRating.alternateName`` and ``url`` (:data:`REQUIRED`); :func:`missing_required` says which
a review lacks (``url`` when no page URL was given).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from factcheck.report.article_view import is_html_article
from factcheck.report.explain import LABEL_TEXT, plain_reason, visible_text
from factcheck.types import Label, Report, Verdict

CONTEXT = "https://schema.org"
WORST_RATING, BEST_RATING = 1, 3
RATING_VALUE = {Label.REFUTED: 1, Label.NOT_ENOUGH_INFO: 2, Label.SUPPORTED: 3}
#: Properties a ClaimReview must carry to be used by search engines (dotted: nested).
REQUIRED = ("claimReviewed", "reviewRating.alternateName", "url")


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes the reviews (``--publisher NAME --publisher-url URL``)."""

    name: str
    url: str | None = None
    kind: str = "Organization"

    def to_jsonld(self) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": self.kind, "name": self.name}
        if self.url:
            out["url"] = self.url
        return out


def _appearance(report: Report, article_url: str | None) -> dict[str, Any]:
    article = report.article
    out: dict[str, Any] = {"@type": "Article"}
    if article.title:
        out["headline"] = (visible_text(article.title) if is_html_article(article) else article.title).strip()
    if article_url:
        out["url"] = article_url
    if article.published:
        out["datePublished"] = article.published.isoformat()
    return out


def claim_review(
    report: Report,
    verdict: Verdict,
    *,
    publisher: Publisher | None = None,
    url: str | None = None,
    article_url: str | None = None,
    reviewed: date | None = None,
) -> dict[str, Any]:
    """The ``ClaimReview`` of one verdict; ``url`` is the page the reviews are published on."""
    item: dict[str, Any] = {"@type": "Claim", "appearance": _appearance(report, article_url)}
    if report.article.published:
        item["datePublished"] = report.article.published.isoformat()
    review: dict[str, Any] = {"@context": CONTEXT, "@type": "ClaimReview"}
    if url:
        review["url"] = f"{url.split('#', 1)[0]}#claim-{verdict.claim.id}"
    review["claimReviewed"] = verdict.claim.text
    review["datePublished"] = (reviewed or date.today()).isoformat()
    if publisher is not None:
        review["author"] = publisher.to_jsonld()
    review["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": RATING_VALUE[verdict.label],
        "worstRating": WORST_RATING,
        "bestRating": BEST_RATING,
        "alternateName": verdict.label.value,
        "name": LABEL_TEXT[verdict.label],
        "ratingExplanation": plain_reason(verdict),
    }
    review["itemReviewed"] = item
    return review


def claim_reviews(report: Report, **options: Any) -> list[dict[str, Any]]:
    """One ``ClaimReview`` per verdict, in claim order (options as for :func:`claim_review`)."""
    return [claim_review(report, v, **options) for v in report.verdicts]


def to_claimreview(report: Report, **options: Any) -> str:
    """The reviews as a JSON-LD document: an array of ``ClaimReview`` objects."""
    return json.dumps(claim_reviews(report, **options), indent=2, ensure_ascii=False)


def missing_required(review: Mapping[str, Any]) -> list[str]:
    """The :data:`REQUIRED` properties ``review`` lacks (empty values count as missing)."""
    missing = []
    for path in REQUIRED:
        node: Any = review
        for key in path.split("."):
            node = node.get(key) if isinstance(node, Mapping) else None
        if node in (None, "", [], {}):
            missing.append(path)
    return missing
