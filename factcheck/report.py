"""Renderings of a :class:`~factcheck.types.Report`: DataFrame, HTML, Markdown.

JSON and JSONL live on the Report itself (``to_json``/``to_jsonl``); this module holds the ones
that need more code or optional libraries (pandas).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from factcheck.types import Label, Report, Verdict

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLOURS = {Label.SUPPORTED: "#d4edda", Label.REFUTED: "#f8d7da", Label.NOT_ENOUGH_INFO: "#fff3cd"}
COLUMNS = [
    "claim_id",
    "claim",
    "kind",
    "label",
    "confidence",
    "reason",
    "evidence_doc",
    "evidence",
    "entailment",
    "contradiction",
    "start",
    "end",
]


def _best(verdict: Verdict):
    return verdict.evidence[0] if verdict.evidence else None


def rows(report: Report) -> list[dict]:
    """One flat dict per verdict (the DataFrame's rows)."""
    out = []
    for v in report.verdicts:
        ev = _best(v)
        out.append(
            {
                "claim_id": v.claim.id,
                "claim": v.claim.text,
                "kind": v.claim.kind,
                "label": v.label.value,
                "confidence": round(v.confidence, 4),
                "reason": v.reason,
                "evidence_doc": ev.doc_id if ev else None,
                "evidence": ev.window_text if ev else None,
                "entailment": round(ev.nli.entailment, 4) if ev and ev.nli else None,
                "contradiction": round(ev.nli.contradiction, 4) if ev and ev.nli else None,
                "start": v.claim.span.start,
                "end": v.claim.span.end,
            }
        )
    return out


def to_pandas(report: Report) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is a dependency
        from factcheck.errors import FactCheckError

        raise FactCheckError("Report.to_pandas needs pandas: pip install pandas") from exc
    return pd.DataFrame(rows(report), columns=COLUMNS)


def _highlighted_article(report: Report) -> str:
    text = report.article.text
    pieces: list[str] = []
    pos = 0
    for v in sorted(report.verdicts, key=lambda v: v.claim.span.start):
        span = v.claim.span
        if span.start < pos:
            continue
        pieces.append(html.escape(text[pos : span.start]))
        title = html.escape(f"{v.label.value} ({v.confidence:.2f}): {v.reason}", quote=True)
        pieces.append(
            f'<mark style="background:{COLOURS[v.label]}" title="{title}">'
            f"{html.escape(text[span.start : span.end])}</mark>"
        )
        pos = span.end
    pieces.append(html.escape(text[pos:]))
    return "".join(pieces)


def to_html(report: Report) -> str:
    """A self-contained HTML fragment: summary, the article with claims highlighted, a verdict table."""
    counts = report.counts()
    title = html.escape(report.article.title or report.article.id)
    summary = " · ".join(f"{html.escape(k)}: {n}" for k, n in counts.items())
    table_rows = []
    for v in report.verdicts:
        ev = _best(v)
        evidence = f"<b>{html.escape(ev.doc_id)}</b>: {html.escape(ev.window_text)}" if ev else "<i>none</i>"
        table_rows.append(
            f'<tr style="background:{COLOURS[v.label]}"><td>{html.escape(v.claim.id)}</td>'
            f"<td>{html.escape(v.claim.text)}</td><td>{v.label.value}</td><td>{v.confidence:.2f}</td>"
            f"<td>{html.escape(v.reason)}</td><td>{evidence}</td></tr>"
        )
    return (
        '<div class="factcheck-report" style="font-family:sans-serif">'
        f"<h3>factcheck report: {title}</h3>"
        f"<p>{len(report.verdicts)} claims — {summary}</p>"
        "<details><summary>Article with claims highlighted</summary>"
        f'<div style="white-space:pre-wrap;border:1px solid #ccc;padding:8px">{_highlighted_article(report)}</div>'
        "</details>"
        '<table style="border-collapse:collapse" border="1" cellpadding="4">'
        "<tr><th>id</th><th>claim</th><th>verdict</th><th>confidence</th><th>reason</th><th>best evidence</th></tr>"
        + "".join(table_rows)
        + "</table></div>"
    )


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report) -> str:
    lines = [
        f"# factcheck report: {_md(report.article.title or report.article.id)}",
        "",
        " · ".join(f"{k}: {n}" for k, n in report.counts().items()),
        "",
        "| id | claim | verdict | confidence | reason | best evidence |",
        "|---|---|---|---|---|---|",
    ]
    for v in report.verdicts:
        ev = _best(v)
        evidence = f"{ev.doc_id}: {ev.window_text}" if ev else ""
        lines.append(
            f"| {v.claim.id} | {_md(v.claim.text)} | {v.label.value} | {v.confidence:.2f} | "
            f"{_md(v.reason)} | {_md(evidence)} |"
        )
    return "\n".join(lines) + "\n"
