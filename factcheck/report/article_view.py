"""The article as written, cut into pieces that say which claims cover them.

The article is shown block by block (title, byline, dateline, headings, body; page boilerplate
left out), each block cut at every claim boundary, so overlapping claims (one sentence split into
several facts) still show: a piece lists every claim that covers it and takes the colour of the
most serious verdict among them.  Offsets are the contract: each piece is ``article.text`` between
two offsets, so what is highlighted is exactly what the claim's span covers.  An HTML article's
pieces are shown as visible text (markup dropped), since its spans index the page as given.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.report.explain import SEVERITY, visible_text
from factcheck.types import Article, Span, Verdict

_SPACES = re.compile(r"\s+")
#: Block kinds shown (page boilerplate is not).
SHOWN_BLOCKS = ("title", "byline", "dateline", "heading", "body", "call_to_action")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of article text; ``claims`` are the ids of the claims covering it (none: plain)."""

    text: str
    claims: tuple[str, ...] = ()
    label: str | None = None  # the most serious verdict among ``claims``
    ends: tuple[int, ...] = ()  # numbers of the claims that end with this piece


@dataclass(frozen=True, slots=True)
class ArticleBlock:
    kind: str
    pieces: tuple[Piece, ...]


def is_html_article(article: Article) -> bool:
    """Whether the article was given as HTML (its spans then index markup)."""
    from factcheck.html import looks_like_html

    return looks_like_html(article.text)


def _shown_ranges(article: Article, verdicts: Sequence[Verdict]) -> list[tuple[str, Span]]:
    """The blocks to show; the whole text as one block when there are none or a claim lies outside them."""
    blocks = [(b.kind, b.span) for b in article.blocks if b.kind in SHOWN_BLOCKS and len(b.span)]
    inside = all(any(span.contains(v.claim.span) for _, span in blocks) for v in verdicts)
    if blocks and inside:
        return blocks
    return [("body", Span(0, len(article.text)))]


def article_blocks(article: Article, verdicts: Sequence[Verdict], numbers: dict[str, int]) -> list[ArticleBlock]:
    """The article's shown blocks, each cut into :class:`Piece` s at every claim boundary."""
    is_html = is_html_article(article)
    text = article.text
    out: list[ArticleBlock] = []
    for kind, block in _shown_ranges(article, verdicts):
        inside = [v for v in verdicts if block.start < v.claim.span.end and v.claim.span.start < block.end]
        cuts = {block.start, block.end}
        for v in inside:
            cuts.update(min(max(x, block.start), block.end) for x in (v.claim.span.start, v.claim.span.end))
        bounds = sorted(cuts)
        pieces: list[Piece] = []
        for a, b in itertools.pairwise(bounds):
            covering = [v for v in inside if v.claim.span.start <= a and b <= v.claim.span.end and a < b]
            # HTML collapses whitespace: a line break in the page source is a space on screen
            shown = _SPACES.sub(" ", visible_text(text[a:b])) if is_html else text[a:b]
            if not shown:
                continue
            label = max((v.label for v in covering), key=lambda lab: SEVERITY[lab]).value if covering else None
            ends = tuple(numbers[v.claim.id] for v in covering if v.claim.span.end == b)
            pieces.append(Piece(shown, tuple(v.claim.id for v in covering), label, ends))
        if kind in ("title", "heading") and pieces and not pieces[0].claims:
            first = pieces[0]
            pieces[0] = Piece(first.text.lstrip("# ").lstrip(), first.claims, first.label, first.ends)
        if any(p.text.strip() for p in pieces):
            out.append(ArticleBlock(kind, tuple(pieces)))
    return out
