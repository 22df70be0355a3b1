"""The report as Markdown (``--format markdown``; ``--format table -o FILE`` writes it too).

Every piece of article and corpus text is escaped (:func:`escape`): HTML special characters
become entities, so ``<script>`` or ``<img onerror=...>`` stay text in any Markdown renderer that
passes HTML through, and the Markdown punctuation that could open a link, an image, emphasis, code
or a table cell is backslash-escaped, so ``[x](javascript:...)`` is not a link.
"""

from __future__ import annotations

import re

from factcheck.report.view import ClaimView, EvidenceView, ReportView, report_view
from factcheck.types import Report

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_WHITESPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """``text`` as inert Markdown: one line, HTML-escaped, Markdown punctuation backslash-escaped."""
    text = _WHITESPACE.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _bold(text: str) -> str:
    """``**text**`` with surrounding spaces kept outside the markers (CommonMark needs that)."""
    core = text.strip()
    if not core:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{escape(lead)}**{escape(core)}**{escape(trail)}"


def _passage(e: EvidenceView) -> str:
    return "".join(_bold(f.text) if f.mark else escape(f.text) for f in e.fragments).strip()


def _evidence(e: EvidenceView, heading: str) -> list[str]:
    name = f"*{escape(e.title)}* (`{e.doc_id.replace('`', '')}`)" if e.title else f"`{e.doc_id.replace('`', '')}`"
    lines = [f"**{heading}:** {name}", ""]
    if e.figures is not None:
        status = "Figures differ" if e.figure_status == "conflict" else "Figures agree"
        lines += [f"**{status}:** article: {escape(e.figures[0])} — source: {escape(e.figures[1])}", ""]
    lines += [f"> {_passage(e)}", ""]
    return lines


def _claim(c: ClaimView) -> list[str]:
    text = "".join(f.text for f in c.text)
    lines = [f"## {c.number}. {c.label_text} ({c.percent}%): {escape(text)}", ""]
    if c.sentence and c.sentence != text:
        lines += [f"In the article: “{escape(c.sentence)}”", ""]
    lines += [f"**Why:** {escape(c.reason)}", ""]
    if c.evidence:
        lines += _evidence(c.evidence[0], "Deciding evidence")
        for e in c.evidence[1:]:
            lines += _evidence(e, "Other evidence")
    lines += [f"<sub>{c.label} · confidence {c.confidence:.2f} · {escape(c.detail)}</sub>", ""]
    return lines


def _summary(v: ReportView) -> list[str]:
    meta = [x for x in (v.byline, f"published {v.published}" if v.published else None, v.source) if x]
    counts = ", ".join(f"{c.n} {c.text.lower()}" for c in v.counts)
    lines = [f"# factcheck report: {escape(v.title)}", ""]
    if meta:
        lines += [escape(" · ".join(meta)), ""]
    lines += [f"**{v.total} claims** checked: {counts} — **{v.flagged} flagged**.", ""]
    if v.claims:
        lines += ["| # | verdict | confidence | claim |", "|---|---|---|---|"]
        lines += [
            f"| {c.number} | {c.label} | {c.percent}% | {escape(''.join(f.text for f in c.text))} |" for c in v.claims
        ]
        lines.append("")
    return lines


def to_markdown(report: Report) -> str:
    """The report as Markdown: a summary table, then one section per claim with its evidence."""
    view = report_view(report)
    lines = _summary(view)
    for c in view.claims:
        lines += _claim(c)
    return "\n".join(lines).rstrip() + "\n"
