"""Verdicts in plain words: what a fact-checker reads instead of scores.

The sentences are built from the structured fields a verdict carries (its label, the deciding
evidence, that evidence's quantity check and NLI scores), never by parsing ``Verdict.reason``,
whose wording belongs to the verifier and may change; the renderers show that machine reason
separately, as the detail behind the sentence.  Fields a verdict lacks (no evidence, no NLI
scores, no quantity check) give a less specific sentence, never an error.

>>> plain_reason(verdict)      # doctest: +SKIP
'The figures differ: the article says “more than 100,000 containers”, “Munitions transfers” says “more than 10,000 containers”.'
"""

from __future__ import annotations

import html
import re

from factcheck.types import Evidence, Label, Quantity, QuantityCheck, Verdict

LABEL_TEXT = {
    Label.SUPPORTED: "Supported",
    Label.REFUTED: "Refuted",
    Label.NOT_ENOUGH_INFO: "Not enough information",
}
#: How strongly a label asks for a person's attention (overlapping claims show the strongest).
SEVERITY = {Label.SUPPORTED: 0, Label.NOT_ENOUGH_INFO: 1, Label.REFUTED: 2}
#: An evidence window the NLI model reads as a contradiction at least this strongly "says otherwise".
CONTRADICTION_WORDING = 0.5

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)
_SPACES = re.compile(r"\s+")


def visible_text(raw: str) -> str:
    """Text as a reader sees it: HTML markup (and scripts, styles, comments) dropped, entities decoded.

    Used for slices of HTML articles, whose spans index the page as given; the result is plain
    text that the renderers escape like any other.
    """
    return html.unescape(_TAG.sub("", raw))


def source_name(evidence: Evidence) -> str:
    """The document's title in quotes, or its id when it has no title."""
    title = (evidence.passage.title or "").strip()
    return f"“{_SPACES.sub(' ', title)}”" if title else evidence.doc_id


def figure_text(quantity: Quantity) -> str:
    """A quantity as written, markup dropped and spaces collapsed ("more than 10,000 containers")."""
    return _SPACES.sub(" ", visible_text(quantity.text)).strip() or quantity.text


def compared_figures(check: QuantityCheck | None) -> tuple[str, str] | None:
    """(article figure, source figure) of a quantity check that compared two figures, else None."""
    if check is None or check.claim_quantity is None or check.evidence_quantity is None:
        return None
    if check.status not in ("consistent", "conflict"):
        return None
    return figure_text(check.claim_quantity), figure_text(check.evidence_quantity)


def plain_reason(verdict: Verdict) -> str:
    """One or two sentences saying why the claim got its verdict, in words a reader uses."""
    evidence = verdict.evidence[0] if verdict.evidence else None
    if evidence is None:
        if verdict.label is Label.NOT_ENOUGH_INFO:
            return "Nothing in the reference corpus is about this claim."
        return f"{LABEL_TEXT[verdict.label]}, but the verdict carries no evidence to show."
    source = source_name(evidence)
    check = evidence.quantity_check
    figures = compared_figures(check)
    if verdict.label is Label.SUPPORTED:
        if figures is not None and check is not None and check.status == "consistent":
            return f"{source} says the same, with the same figure: the article says “{figures[0]}”, the source “{figures[1]}”."
        return f"{source} says the same thing."
    if verdict.label is Label.REFUTED:
        if figures is not None and check is not None and check.status == "conflict":
            return f"The figures differ: the article says “{figures[0]}”, {source} says “{figures[1]}”."
        if evidence.nli is not None and evidence.nli.contradiction >= CONTRADICTION_WORDING:
            return f"{source} says otherwise."
        return f"{source} reports the same event with different details."
    if figures is not None and check is not None and check.status == "conflict":
        return (
            f"The closest source, {source}, gives another figure (“{figures[1]}”) but may be about something "
            "else, so the claim is left open."
        )
    return f"The closest source, {source}, neither confirms nor contradicts the claim."
