"""What a person reads in a report, computed once for every rendering (HTML, Markdown).

:func:`report_view` turns a :class:`~factcheck.types.Report` into plain data: per claim its
number, verdict, confidence, reason in plain words, and the deciding evidence cut into pieces that
mark the evidence window inside its source passage and the decisive figure inside the window.
Nothing here escapes or formats: the templates do (jinja2 autoescaping), so article and corpus
text reach the page only as text.  A field the data model leaves empty (no evidence, no NLI
scores, a window or figure whose offsets do not match its text) only removes what it would show.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from factcheck.report.article_view import ArticleBlock, article_blocks, is_html_article
from factcheck.report.explain import LABEL_TEXT, compared_figures, figure_text, plain_reason, visible_text
from factcheck.types import Evidence, Label, Report, Verdict

#: CSS class suffix per label.
LABEL_CSS = {Label.SUPPORTED: "supported", Label.REFUTED: "refuted", Label.NOT_ENOUGH_INFO: "nei"}


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a passage or claim; ``mark`` is ``"window"``, ``"figure"`` or None (plain)."""

    text: str
    mark: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceView:
    doc_id: str
    title: str | None
    passage_id: str
    fragments: tuple[Fragment, ...]  # the passage, window and figure marked
    figures: tuple[str, str] | None  # (article figure, source figure)
    figure_status: str | None  # "consistent" | "conflict"
    entailment: float | None
    contradiction: float | None
    relevance: float | None
    retrieval: float


@dataclass(frozen=True, slots=True)
class ClaimView:
    number: int
    id: str
    label: str
    label_text: str
    css: str
    flagged: bool
    confidence: float
    percent: int
    kind: str
    text: tuple[Fragment, ...]  # the standalone claim, its decisive figure marked
    sentence: str  # the sentence as written (visible text)
    reason: str  # plain words
    detail: str  # the verifier's own one-line reason
    evidence: tuple[EvidenceView, ...]  # deciding evidence first


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    text: str
    css: str
    n: int


@dataclass(frozen=True, slots=True)
class ReportView:
    uid: str
    title: str
    source: str | None
    published: str | None
    byline: str | None
    counts: tuple[Count, ...]
    total: int
    flagged: int
    claims: tuple[ClaimView, ...]
    blocks: tuple[ArticleBlock, ...]
    seconds: float | None
    version: str


def _split(text: str, start: int, end: int, mark: str) -> list[Fragment]:
    out = [Fragment(text[:start]), Fragment(text[start:end], mark), Fragment(text[end:])]
    return [f for f in out if f.text]


def _find(haystack: str, needle: str, start: int = 0, end: int | None = None) -> int:
    return haystack.find(needle, start, len(haystack) if end is None else end) if needle else -1


def passage_fragments(evidence: Evidence) -> tuple[Fragment, ...]:
    """The evidence's passage with its window marked, and the compared figure marked inside it.

    Offsets are checked against the text they claim to cover; when they do not match (an evidence
    object built by other code), the window alone is shown, or the figure is found by its text.
    """
    passage = evidence.passage
    w_start = evidence.window.start - passage.span.start
    w_end = w_start + len(evidence.window_text)
    text, base = passage.text, passage.span.start
    if not (w_start >= 0 and passage.text[w_start:w_end] == evidence.window_text):
        text, base, w_start, w_end = evidence.window_text, evidence.window.start, 0, len(evidence.window_text)
    check = evidence.quantity_check
    figure = check.evidence_quantity if check is not None and check.status != "unrelated" else None
    f_start = -1
    if figure is not None:
        rel = figure.span.start - base
        if w_start <= rel and rel + len(figure.text) <= w_end and text[rel : rel + len(figure.text)] == figure.text:
            f_start = rel
        else:
            f_start = _find(text, figure.text, w_start, w_end)
    pieces: list[Fragment] = [Fragment(text[:w_start])] if w_start else []
    if f_start >= 0 and figure is not None:
        f_end = f_start + len(figure.text)
        pieces += [Fragment(text[w_start:f_start], "window"), Fragment(text[f_start:f_end], "figure")]
        pieces.append(Fragment(text[f_end:w_end], "window"))
    else:
        pieces.append(Fragment(text[w_start:w_end], "window"))
    pieces.append(Fragment(text[w_end:]))
    return tuple(p for p in pieces if p.text)


def _evidence_view(evidence: Evidence) -> EvidenceView:
    check = evidence.quantity_check
    figures = compared_figures(check)
    nli = evidence.nli
    return EvidenceView(
        doc_id=evidence.doc_id,
        title=evidence.passage.title,
        passage_id=evidence.passage.id,
        fragments=passage_fragments(evidence),
        figures=figures,
        figure_status=check.status if figures is not None and check is not None else None,
        entailment=nli.entailment if nli is not None else None,
        contradiction=nli.contradiction if nli is not None else None,
        relevance=evidence.relevance,
        retrieval=evidence.retrieval_score,
    )


def _claim_text(verdict: Verdict) -> tuple[Fragment, ...]:
    """The standalone claim, with the figure its deciding evidence compared marked (found by its text)."""
    text = verdict.claim.text
    check = verdict.evidence[0].quantity_check if verdict.evidence else None
    if check is not None and check.status != "unrelated" and check.claim_quantity is not None:
        figure = figure_text(check.claim_quantity)
        at = _find(text, figure)
        if at >= 0:
            return tuple(_split(text, at, at + len(figure), "figure"))
    return (Fragment(text),)


def claim_view(verdict: Verdict, number: int, *, is_html: bool = False) -> ClaimView:
    label = verdict.label
    sentence = visible_text(verdict.claim.sentence) if is_html else verdict.claim.sentence
    return ClaimView(
        number=number,
        id=verdict.claim.id,
        label=label.value,
        label_text=LABEL_TEXT[label],
        css=LABEL_CSS[label],
        flagged=verdict.flagged,
        confidence=verdict.confidence,
        percent=round(100 * verdict.confidence),
        kind=verdict.claim.kind,
        text=_claim_text(verdict),
        sentence=" ".join(sentence.split()),
        reason=plain_reason(verdict),
        detail=verdict.reason,
        evidence=tuple(_evidence_view(e) for e in verdict.evidence),
    )


def _uid(report: Report) -> str:
    digest = hashlib.sha1(report.article.id.encode("utf-8"))
    for v in report.verdicts:
        digest.update(f"{v.claim.id}:{v.label.value}:{v.confidence:.4f}".encode())
    return "fc" + digest.hexdigest()[:8]


def report_view(report: Report) -> ReportView:
    """Everything a rendering shows, computed once."""
    from factcheck import __version__

    article = report.article
    is_html = is_html_article(article)
    numbers = {v.claim.id: i for i, v in enumerate(report.verdicts, start=1)}
    counts = report.counts()
    total = report.timings.get("total")
    return ReportView(
        uid=_uid(report),
        title=(visible_text(article.title) if is_html and article.title else article.title)
        or article.source
        or article.id,
        source=article.source,
        published=article.published.isoformat() if article.published else None,
        byline=(visible_text(article.byline) if is_html else article.byline) if article.byline else None,
        counts=tuple(Count(lab.value, LABEL_TEXT[lab], LABEL_CSS[lab], counts[lab.value]) for lab in Label),
        total=len(report.verdicts),
        flagged=len(report.flagged),
        claims=tuple(claim_view(v, numbers[v.claim.id], is_html=is_html) for v in report.verdicts),
        blocks=tuple(article_blocks(article, report.verdicts, numbers)),
        seconds=float(total) if total is not None else None,
        version=__version__,
    )
