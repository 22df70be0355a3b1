"""Hand-built reports for the rendering tests: one of each verdict, a figure conflict, and a
hostile variant whose article, corpus and reason texts carry markup that must never run."""

from __future__ import annotations

from datetime import date

from factcheck.types import (
    Article,
    Block,
    Claim,
    Evidence,
    Label,
    NLIScores,
    Passage,
    Quantity,
    QuantityCheck,
    Report,
    Span,
    Verdict,
)

#: Markup an attacker might plant in an article or a corpus document.
XSS = (
    '<script>window.__xss = "script"</script>'
    "<img src=x onerror=\"window.__xss = 'onerror'\">"
    "<a href=\"javascript:window.__xss = 'link'\">read more</a>"
    "[click me](javascript:window.__xss='markdown')"
)


def _span_of(text: str, part: str, start: int = 0) -> Span:
    at = text.index(part, start)
    return Span(at, at + len(part))


def make_report(*, hostile: bool = False) -> Report:
    """Three claims: REFUTED by a figure (26,000 vs 260,000 tonnes), SUPPORTED, and NOT_ENOUGH_INFO."""
    extra = f" {XSS}" if hostile else ""
    title = f"Rice imports{XSS}" if hostile else "Rice imports"
    s1 = f"Officials said 26,000 tonnes of rice arrived in March.{extra}"
    s2 = "The port of Namp'o was busy all week."
    s3 = "Traders expect prices to fall."
    text = f"{title}\n\nBy A. Reporter\n\n{s1} {s2}\n\n{s3}\n"
    article = Article(
        "a-rice",
        text,
        title=title,
        published=date(2024, 4, 2),
        source="rice.txt",
        byline="By A. Reporter",
        blocks=(
            Block("title", _span_of(text, title)),
            Block("byline", _span_of(text, "By A. Reporter")),
            Block("body", _span_of(text, f"{s1} {s2}")),
            Block("body", _span_of(text, s3)),
        ),
    )
    sent1, sent2, sent3 = _span_of(text, s1), _span_of(text, s2), _span_of(text, s3)
    cq = Quantity("26,000 tonnes", _span_of(text, "26,000 tonnes"), 26000.0, "tonne", "measure")
    c1 = Claim("c001", article.id, s1, sent1, s1, sent1, "numeric", (cq,))
    c2 = Claim("c002", article.id, s2, sent2, s2, sent2, "event")
    c3 = Claim("c003", article.id, s3, sent3, s3, sent3, "statement")

    doc_title = f"Port report {XSS}" if hostile else "Port report"
    window_text = f"Officials said 260,000 tonnes of rice arrived in March.{extra}"
    doc = f"Port report. {window_text} Ships queued for days."
    passage = Passage("port#0", "port" + ("<b>" if hostile else ""), doc, Span(0, len(doc)), doc_title)
    window = _span_of(doc, window_text)
    eq = Quantity("260,000 tonnes", _span_of(doc, "260,000 tonnes"), 260000.0, "tonne", "measure")
    check = QuantityCheck("conflict", cq, eq, "claim says 26,000 tonne, evidence says 260,000 tonne")
    e1 = Evidence(passage, 0.031, 1, window, window_text, NLIScores(0.05, 0.15, 0.8), check, 0.91)

    doc2 = "Namp'o port log. The port of Namp'o was busy all week, with ships queued."
    p2 = Passage("log#0", "port-log", doc2, Span(0, len(doc2)), None)
    w2 = _span_of(doc2, "The port of Namp'o was busy all week, with ships queued.")
    e2 = Evidence(p2, 0.029, 2, w2, w2.of(doc2), NLIScores(0.93, 0.05, 0.02), QuantityCheck("unrelated"), 0.84)

    reason = 'claim says 26,000 tonne, evidence says 260,000 tonne ("port")' + (XSS if hostile else "")
    verdicts = (
        Verdict(c1, Label.REFUTED, 0.88, (e1, e2), reason, support=0.05, refute=0.9),
        Verdict(c2, Label.SUPPORTED, 0.77, (e2,), 'entailed by "port-log" (entailment 0.93)', support=0.93),
        Verdict(c3, Label.NOT_ENOUGH_INFO, 0.6, (), "no relevant evidence found in the corpus"),
    )
    return Report(article, verdicts, {"factcheck": "test"}, {"total": 1.25})
